package bot

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/treatybot/treatybot/corpus"
)

// TestTimelineAndFactsFlagDisputedFacts: a fact that another source
// contradicts is flagged in /facts and /timeline with what the other
// source says.
func TestTimelineAndFactsFlagDisputedFacts(t *testing.T) {
	c, _, err := corpus.Load(fstest.MapFS{
		"a.yaml": {Data: []byte("subject: Harbor Treaty\nfacts:\n  - text: The Harbor Treaty was signed in Oslo on March 3, 1990.\n    date: 1990-03-03\n    source: Alpha Desk\n")},
		"b.yaml": {Data: []byte("subject: Harbor Pact\nfacts:\n  - text: The Harbor Treaty was signed in Oslo on March 4, 1990.\n    date: 1990-03-04\n    source: Beta Desk\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	facts := render(t, composeFacts(c, "", 0))
	timeline := render(t, composeTimeline(c, "", "", 0))
	for name, out := range map[string]string{"/facts": facts, "/timeline": timeline} {
		if !strings.Contains(out, "disputed: Beta Desk gives March 4, 1990") || !strings.Contains(out, "disputed: Alpha Desk gives March 3, 1990") {
			t.Errorf("%s does not flag both dates as disputed:\n%s", name, out)
		}
	}
}
