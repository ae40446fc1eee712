package corpus

import (
	"strings"
	"testing"
)

func TestGenerateCorpus(t *testing.T) {
	for _, n := range []int{1, 25, 1000} {
		c, warnings, err := Load(GenerateCorpus(n, 7))
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if len(warnings) > 0 {
			t.Errorf("n=%d: warnings %v", n, warnings)
		}
		// Every generated sentence must come out as exactly one passage.
		if got := c.Stats().Passages; got != n {
			t.Errorf("n=%d: got %d passages, want %d", n, got, n)
		}
		for _, d := range c.Docs {
			for _, p := range d.Passages {
				if d.Kind == Article && d.Text[p.Start:p.End] != p.Text {
					t.Fatalf("%s: not verbatim", p.ID)
				}
				if d.Kind == Article && strings.HasSuffix(p.ID, "#2") && !strings.Contains(p.Text, "(AP) — ") {
					t.Errorf("%s: first sentence %q lost its dateline", p.ID, p.Text)
				}
			}
		}
	}
	a, _, _ := Load(GenerateCorpus(500, 1))
	b, _, _ := Load(GenerateCorpus(500, 1))
	other, _, _ := Load(GenerateCorpus(500, 2))
	if a.Version != b.Version || a.Version == other.Version {
		t.Errorf("got versions %s, %s (same seed) and %s (other seed)", a.Version, b.Version, other.Version)
	}
}

func BenchmarkLoadGenerated(b *testing.B) {
	fsys := GenerateCorpus(100_000, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}
