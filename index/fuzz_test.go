package index

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/treatybot/treatybot/corpus"
)

var fuzzIndex = sync.OnceValues(func() (*Index, error) {
	c, err := corpusForFuzz()
	if err != nil {
		return nil, err
	}
	return Build(context.Background(), c, Options{})
})

// FuzzSearch feeds arbitrary user text to every kind of clause: Search must
// never fail or panic on it, and every hit must be a passage of the corpus.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"When was the INF treaty signed?", `+ - " * ~ ^ : ( ) / ? \`, "title:Moscow~2", "/.*/", "\xff\xfe", "ta", "", strings.Repeat("w", 4000)} {
		f.Add(s, uint8(0))
	}
	f.Add(strings.Repeat("w", 4000), uint8(4)) // fuzziness 2 on one huge word
	f.Fuzz(func(t *testing.T, text string, mode uint8) {
		ix, err := fuzzIndex()
		if err != nil {
			t.Fatal(err)
		}
		c := Clause{Text: text, Phrase: mode&1 != 0, Fuzziness: int(mode>>1) % 4, Boost: float64(mode % 5)}
		if mode&16 != 0 {
			c.Field = "title"
		}
		q := Query{Should: []Clause{c}}
		if mode&32 != 0 {
			q = Query{Must: []Clause{c}, Should: []Clause{{Text: text}}}
		}
		hits, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatalf("Search(%+v): %v", q, err)
		}
		for _, h := range hits {
			if ix.c.Passage(h.PassageID) == nil {
				t.Fatalf("Search(%+v): hit %q is no passage", q, h.PassageID)
			}
		}
		for _, tok := range ix.Analyze(text) {
			if tok.Start < 0 || tok.End > len(text) || tok.Start > tok.End {
				t.Fatalf("Analyze(%q): token %+v out of range", text, tok)
			}
		}
	})
}

// corpusForFuzz is the fixture corpus, built without a testing.TB.
func corpusForFuzz() (*corpus.Corpus, error) { return corpus.New(fixtureDocs(), "fuzz") }
