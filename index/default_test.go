package index

import (
	"context"
	"strings"
	"testing"

	"github.com/treatybot/treatybot/corpus"
)

// TestDefaultCorpus indexes the embedded default corpus in memory and on
// disk: every passage is indexed, and the signing fact is found the ways the
// answer engine asks for it.
func TestDefaultCorpus(t *testing.T) {
	c := corpus.Default()
	queries := []struct {
		name string
		q    Query
	}{
		{"words", Query{Should: []Clause{{Text: "When was the INF Treaty signed by Reagan and Gorbachev?"}}}},
		{"typos", Query{Should: []Clause{{Text: "sgined treety Reagan Gorbachev", Fuzziness: 2}}}},
		{"phrase and title", Query{Should: []Clause{{Text: "President Ronald Reagan", Phrase: true}}, Must: []Clause{{Text: "INF", Field: "title"}}}},
	}
	for _, st := range storages {
		t.Run(st.name, func(t *testing.T) {
			ix := build(t, c, Options{Dir: st.dir(t)})
			if got, want := ix.NumPassages(), c.Stats().Passages; got != want {
				t.Fatalf("got %d passages indexed, want %d", got, want)
			}
			for _, tt := range queries {
				t.Run(tt.name, func(t *testing.T) {
					hits, err := ix.Search(context.Background(), tt.q)
					if err != nil {
						t.Fatal(err)
					}
					for _, h := range hits[:min(3, len(hits))] {
						if strings.Contains(c.Passage(h.PassageID).Text, "1987") {
							return
						}
					}
					t.Errorf("no passage about 1987 in the top 3 of %v", ids(hits))
				})
			}
		})
	}
}
