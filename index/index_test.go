package index

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/treatybot/treatybot/corpus"
)

// storages are the two ways Build keeps an index; every search test runs on both.
var storages = []struct {
	name string
	dir  func(t *testing.T) string
}{
	{"memory", func(*testing.T) string { return "" }},
	{"disk", func(t *testing.T) string { return filepath.Join(t.TempDir(), "ix") }},
}

func build(t *testing.T, c *corpus.Corpus, opts Options) *Index {
	t.Helper()
	ix, err := Build(context.Background(), c, opts)
	if err != nil {
		t.Fatalf("Build(%q): %v", opts.Dir, err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func ids(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.PassageID
	}
	return out
}

func TestSearch(t *testing.T) {
	tests := []struct {
		name string
		q    Query
		want []string // passage IDs expected, in any order; nil = no hits
		top  string   // when set, the expected best hit
	}{
		{
			name: "stemming: signed finds signing",
			q:    Query{Should: []Clause{{Text: "signed"}}},
			want: []string{"inf#1", "news/sochi#1"},
		},
		{
			name: "stemming: withdrawal words share no stem, withdrew is its own",
			q:    Query{Should: []Clause{{Text: "WITHDREW"}}},
			want: []string{"inf#3"},
		},
		{
			name: "filter by document",
			q:    Query{Should: []Clause{{Text: "treaty"}}, DocIDs: []string{"inf"}},
			want: []string{"inf#1", "inf#2", "inf#3"},
		},
		{
			name: "filter by several documents",
			q:    Query{Should: []Clause{{Text: "Washington"}}, DocIDs: []string{"inf", "news/sochi", "nope"}},
			want: []string{"inf#1", "news/sochi#1"},
		},
		{
			name: "filter by kind",
			q:    Query{Should: []Clause{{Text: "treaty"}}, Kinds: []corpus.PassageKind{corpus.Sentence}},
			want: []string{"news/sochi#2"},
		},
		{
			name: "filter by unknown document",
			q:    Query{Should: []Clause{{Text: "treaty"}}, DocIDs: []string{"missing"}},
		},
		{
			name: "phrase in order",
			q:    Query{Should: []Clause{{Text: "entered into force", Phrase: true}}},
			want: []string{"inf#2"},
		},
		{
			name: "phrase out of order",
			q:    Query{Should: []Clause{{Text: "force entered", Phrase: true}}},
		},
		{
			name: "fuzzy finds treety",
			q:    Query{Should: []Clause{{Text: "treety", Fuzziness: 1}}, DocIDs: []string{"inf"}},
			want: []string{"inf#1", "inf#2", "inf#3"},
		},
		{
			name: "no fuzziness, no typo match",
			q:    Query{Should: []Clause{{Text: "treety"}}},
		},
		{
			name: "fuzziness above 2 is clamped, not an error",
			q:    Query{Should: []Clause{{Text: "withdrwe", Fuzziness: 9}}},
			want: []string{"inf#3"},
		},
		{
			name: "title field: fact sheet alias",
			q:    Query{Should: []Clause{{Text: "Intermediate-Range Nuclear Forces", Field: "title"}}},
			want: []string{"inf#1", "inf#2", "inf#3"},
		},
		{
			name: "title field: article title",
			q:    Query{Should: []Clause{{Text: "pullout", Field: "title"}}},
			want: []string{"news/sochi#1", "news/sochi#2", "news/sochi#3", "news/sochi#4"},
		},
		{
			name: "title words are not in the text field",
			q:    Query{Should: []Clause{{Text: "pullout"}}},
		},
		{
			name: "must and should",
			q:    Query{Must: []Clause{{Text: "Washington"}}, Should: []Clause{{Text: "signed"}, {Text: "zebra"}}},
			want: []string{"inf#1", "news/sochi#1"},
		},
		{
			name: "must alone",
			q:    Query{Must: []Clause{{Text: "Moscow"}}},
			want: []string{"news/sochi#4"},
		},
		{
			name: "must excludes should-only matches",
			q:    Query{Must: []Clause{{Text: "Moscow"}}, Should: []Clause{{Text: "treaty"}}},
		},
		{
			name: "stop-word must clause is ignored",
			q:    Query{Must: []Clause{{Text: "the of"}}, Should: []Clause{{Text: "Moscow"}}},
			want: []string{"news/sochi#4"},
		},
		{
			name: "boost changes the order",
			q:    Query{Should: []Clause{{Text: "Washington"}, {Text: "talks", Boost: 10}}},
			want: []string{"inf#1", "news/sochi#1"},
			top:  "news/sochi#1",
		},
		{
			name: "boost changes the order of fuzzy clauses",
			q:    Query{Should: []Clause{{Text: "Washingtn", Fuzziness: 1}, {Text: "talkss", Fuzziness: 1, Boost: 10}}},
			want: []string{"inf#1", "news/sochi#1"},
			top:  "news/sochi#1",
		},
		{
			name: "boost changes the order of phrases",
			q:    Query{Should: []Clause{{Text: "Washington, D.C.", Phrase: true, Boost: 10}, {Text: "in Washington after", Phrase: true}}},
			want: []string{"inf#1", "news/sochi#1"},
			top:  "inf#1",
		},
		{
			name: "two edits are not allowed on short words",
			q:    Query{Should: []Clause{{Text: "ta", Fuzziness: 2}}}, // "talk" is two edits away
		},
		{
			name: "one edit is allowed on a five-letter word",
			q:    Query{Should: []Clause{{Text: "tolks", Fuzziness: 2}}},
			want: []string{"news/sochi#1"},
		},
		{
			name: "two edits are allowed on a long word",
			q:    Query{Should: []Clause{{Text: "Mosscuw", Fuzziness: 2}}},
			want: []string{"news/sochi#4"},
		},
		{
			name: "syntax characters are text",
			q:    Query{Should: []Clause{{Text: `+moscow -"responsibility" * ~collapse^ critics:( ) /x/ ? \ placed`}}},
			want: []string{"news/sochi#4"},
		},
		{
			name: "syntax characters with fuzziness and phrase",
			q: Query{Should: []Clause{
				{Text: `"placed the responsibility" ~ ^ :`, Phrase: true},
				{Text: `resp*nsibility? /.*/`, Fuzziness: 2},
			}},
			want: []string{"news/sochi#4"},
		},
		{
			name: "only syntax characters",
			q:    Query{Should: []Clause{{Text: `+ - " * ~ ^ : ( ) / ? \`}}},
		},
		{
			name: "empty query",
			q:    Query{},
		},
		{
			name: "blank and stop-word clauses",
			q:    Query{Should: []Clause{{Text: "   "}, {Text: "the and of", Phrase: true}}},
		},
		{
			name: "size limits hits",
			q:    Query{Should: []Clause{{Text: "treaty"}}, Size: 2},
			want: nil, // checked by count below
		},
	}
	for _, st := range storages {
		t.Run(st.name, func(t *testing.T) {
			ix := build(t, fixtureCorpus(t, "v1"), Options{Dir: st.dir(t)})
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					hits, err := ix.Search(context.Background(), tt.q)
					if err != nil {
						t.Fatalf("Search: %v", err)
					}
					if tt.q.Size > 0 {
						if len(hits) != tt.q.Size {
							t.Fatalf("got %d hits, want %d", len(hits), tt.q.Size)
						}
						return
					}
					got := ids(hits)
					gotSorted := slices.Sorted(slices.Values(got))
					want := slices.Sorted(slices.Values(tt.want))
					if !slices.Equal(gotSorted, want) {
						t.Fatalf("got hits %v, want %v", got, want)
					}
					if tt.top != "" && got[0] != tt.top {
						t.Errorf("got top hit %s, want %s", got[0], tt.top)
					}
					for i, h := range hits {
						if p := ix.c.Passage(h.PassageID); p == nil || p.DocID != h.DocID {
							t.Errorf("hit %s: got DocID %q, not its passage's", h.PassageID, h.DocID)
						}
						if h.Score <= 0 {
							t.Errorf("hit %s: got score %v, want > 0", h.PassageID, h.Score)
						}
						if i > 0 && h.Score > hits[i-1].Score {
							t.Errorf("hits not best first: %v", hits)
						}
					}
				})
			}
		})
	}
}

// TestSearchSyntaxFuzz throws every query-syntax character, alone and around
// a real word, at every clause kind: no error, no panic, and an OR'ed word
// clause still finds the passage holding the word.
func TestSearchSyntaxFuzz(t *testing.T) {
	ix := build(t, fixtureCorpus(t, "v1"), Options{})
	specials := []string{"+", "-", `"`, "*", "~", "^", ":", "(", ")", "/", "?", `\`, "~2", "^3", "text:", "/.*/", `"unterminated`, "AND", "OR", "NOT", "{", "}", "[", "]", ">", "<=", "!", "&&", "||"}
	for _, s := range specials {
		for _, text := range []string{s, s + "Moscow", "Moscow" + s, s + " Moscow " + s, "title:" + s + "Moscow"} {
			for _, c := range []Clause{{Text: text}, {Text: text, Phrase: true}, {Text: text, Fuzziness: 2}, {Text: text, Field: "title"}} {
				for _, q := range []Query{{Should: []Clause{c}}, {Must: []Clause{c}}, {Should: []Clause{c}, Must: []Clause{{Text: s}}}} {
					hits, err := ix.Search(context.Background(), q)
					if err != nil {
						t.Fatalf("Search(%+v): %v", q, err)
					}
					if len(q.Must) == 0 && c.Field == "" && !c.Phrase && containsWord(text, "Moscow") &&
						!slices.Contains(ids(hits), "news/sochi#4") {
						t.Errorf("Search(%+v): got %v, want news/sochi#4 among them", q, ids(hits))
					}
				}
			}
		}
	}
}

// containsWord reports whether text holds word as a word the analyzer will
// see alone: not glued to letters ("ORMoscow"), nor joined by a colon between
// letters ("text:Moscow"), which Unicode word segmentation keeps as one word.
func containsWord(text, word string) bool {
	glued := func(i, step int) bool { // is the byte at i, next to the word, part of it?
		if i < 0 || i >= len(text) {
			return false
		}
		if isLetter(text[i]) {
			return true
		}
		j := i + step
		return text[i] == ':' && j >= 0 && j < len(text) && isLetter(text[j])
	}
	for i := 0; i+len(word) <= len(text); i++ {
		if text[i:i+len(word)] == word && !glued(i-1, -1) && !glued(i+len(word), 1) {
			return true
		}
	}
	return false
}

func isLetter(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

func TestSearchBadField(t *testing.T) {
	ix := build(t, fixtureCorpus(t, "v1"), Options{})
	_, err := ix.Search(context.Background(), Query{Should: []Clause{{Text: "treaty", Field: "doc"}}})
	if !errors.Is(err, ErrBadQuery) {
		t.Fatalf("got error %v, want ErrBadQuery", err)
	}
}

func TestSearchCanceled(t *testing.T) {
	ix := build(t, fixtureCorpus(t, "v1"), Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ix.Search(ctx, Query{Should: []Clause{{Text: "treaty"}}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got error %v, want context.Canceled", err)
	}
}

// TestFields checks the keyword and date fields through bleve directly:
// Query has no date filter yet, but the mapping must index them.
func TestFields(t *testing.T) {
	ix := build(t, fixtureCorpus(t, "v1"), Options{})
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	term := func(field, v string) query.Query {
		q := bleve.NewTermQuery(v)
		q.SetField(field)
		return q
	}
	dates := func(field string, from, to time.Time) query.Query {
		q := bleve.NewDateRangeQuery(from, to)
		q.SetField(field)
		return q
	}
	tests := []struct {
		name string
		q    query.Query
		want int
	}{
		{"source keyword, whole value", term(fieldSource, "U.S. Department of State"), 3},
		{"source keyword is not analysed", term(fieldSource, "state"), 0},
		{"kind keyword", term(fieldKind, "fact"), 3},
		{"doc keyword", term(fieldDoc, "news/sochi"), 4},
		{"fact date", dates(fieldDates, day(1987, 12, 8), day(1987, 12, 9)), 1},
		{"resolved relative date", dates(fieldDates, day(2018, 11, 20), day(2018, 11, 21)), 1},
		{"published", dates(fieldPublished, day(2018, 1, 1), day(2019, 1, 1)), 4},
		{"no field means text", bleve.NewMatchQuery("Moscow"), 1},
		{"no field is not title", bleve.NewMatchQuery("pullout"), 0},
		{"no field is not keywords", bleve.NewMatchQuery("sochi"), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.idx.Search(bleve.NewSearchRequest(tt.q))
			if err != nil {
				t.Fatalf("search: %v", err)
			}
			if int(res.Total) != tt.want {
				t.Errorf("got %d hits, want %d", res.Total, tt.want)
			}
		})
	}
}

func TestAnalyze(t *testing.T) {
	ix := build(t, fixtureCorpus(t, "v1"), Options{})
	text := "The Treaty's parties were signing; it was SIGNED in 1987!"
	got := ix.Analyze(text)
	want := []struct{ term, word string }{
		{"treati", "Treaty's"}, {"parti", "parties"}, {"sign", "signing"}, {"sign", "SIGNED"}, {"1987", "1987"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d tokens %v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		if got[i].Term != w.term || text[got[i].Start:got[i].End] != w.word {
			t.Errorf("token %d: got %q at %q, want %q at %q", i, got[i].Term, text[got[i].Start:got[i].End], w.term, w.word)
		}
	}
	if toks := ix.Analyze("  "); toks != nil {
		t.Errorf("got %v for blank text, want nil", toks)
	}
	if s := Stem("signing"); s != "sign" {
		t.Errorf("Stem(signing) = %q, want the analyzer's %q", s, "sign")
	}
}

func TestDocFreq(t *testing.T) {
	for _, st := range storages {
		t.Run(st.name, func(t *testing.T) {
			ix := build(t, fixtureCorpus(t, "v1"), Options{Dir: st.dir(t)})
			if got := ix.NumPassages(); got != 7 {
				t.Errorf("NumPassages() = %d, want 7", got)
			}
			for term, want := range map[string]int{"treati": 4, "sign": 2, "moscow": 1, "treaty": 0, "": 0, "pullout": 0} {
				if got := ix.DocFreq(term); got != want {
					t.Errorf("DocFreq(%q) = %d, want %d", term, got, want)
				}
			}
		})
	}
}

func TestClose(t *testing.T) {
	for _, st := range storages {
		t.Run(st.name, func(t *testing.T) {
			ix, err := Build(context.Background(), fixtureCorpus(t, "v1"), Options{Dir: st.dir(t)})
			if err != nil {
				t.Fatal(err)
			}
			if err := ix.Close(); err != nil {
				t.Fatalf("first Close: %v", err)
			}
			if err := ix.Close(); err != nil {
				t.Fatalf("second Close: %v", err)
			}
			_, err = ix.Search(context.Background(), Query{Should: []Clause{{Text: "treaty"}}})
			if !errors.Is(err, ErrClosed) || !errors.Is(err, bleve.ErrorIndexClosed) {
				t.Errorf("Search after Close: got %v, want ErrClosed wrapping bleve's", err)
			}
			if got := ix.DocFreq("treati"); got != 0 {
				t.Errorf("DocFreq after Close = %d, want 0", got)
			}
		})
	}
}

// TestConcurrentSearch is for the race detector.
func TestConcurrentSearch(t *testing.T) {
	ix := build(t, fixtureCorpus(t, "v1"), Options{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				hits, err := ix.Search(context.Background(), Query{Should: []Clause{{Text: "treaty signed", Fuzziness: i % 3}}})
				if err != nil || len(hits) == 0 {
					t.Errorf("Search: got %d hits, err %v", len(hits), err)
					return
				}
				ix.DocFreq("treati")
				ix.Analyze("treaty signed")
			}
		}()
	}
	wg.Wait()
}

func TestClauseWordLimit(t *testing.T) {
	ix := build(t, fixtureCorpus(t, "v1"), Options{})
	filler := func(n int) string { return strings.Repeat("zebra ", n) }
	for _, tt := range []struct {
		name  string
		c     Clause
		found bool
	}{
		{"last counted word", Clause{Text: filler(maxClauseWords-1) + "Moscow"}, true},
		{"first word past the limit", Clause{Text: filler(maxClauseWords) + "Moscow"}, false},
		{"fuzzy, past the limit", Clause{Text: filler(maxClauseWords) + "Moscow", Fuzziness: 1}, false},
		{"fuzzy, within the limit", Clause{Text: filler(maxClauseWords-1) + "Mosco", Fuzziness: 1}, true},
		{"stop words do not count", Clause{Text: strings.Repeat("the ", 500) + "Moscow"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := ix.Search(context.Background(), Query{Should: []Clause{tt.c}})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(hits) > 0; got != tt.found {
				t.Errorf("got found=%v (%v), want %v", got, ids(hits), tt.found)
			}
		})
	}
}

func TestFuzzinessFor(t *testing.T) {
	for _, tt := range []struct {
		term       string
		want, got0 int
	}{
		{"8", 2, 0}, {"us", 2, 0}, {"tal", 2, 1}, {"treat", 2, 1}, {"treati", 2, 2}, {"treati", 1, 1}, {"treati", 5, 2}, {"ñandú", 2, 1}, {"ñandúes", 2, 2},
	} {
		if got := fuzzinessFor(tt.term, tt.want); got != tt.got0 {
			t.Errorf("fuzzinessFor(%q, %d) = %d, want %d", tt.term, tt.want, got, tt.got0)
		}
	}
}

// TestSearchTiesInIDOrder checks that passages of equal score come in the
// order of their IDs, whatever order bleve analysed them in, both when the
// ties fit in the hits fetched and when they run past them: rebuilding the
// index of the same corpus must not change what a question retrieves.
func TestSearchTiesInIDOrder(t *testing.T) {
	doc := &corpus.Document{ID: "ties", Kind: corpus.Article, Path: "ties.md", Title: "Ties"}
	const n = 200 // far more equal passages than a search fetches
	for i := range n {
		doc.Passages = append(doc.Passages, corpus.Passage{
			ID: doc.ID + "#" + itoa(i+1), DocID: doc.ID, Kind: corpus.Sentence,
			Text: "The accord was signed in Vienna.", Paragraph: i,
		})
	}
	doc.Passages[n-1].Text = "The accord was signed in Vienna, in Vienna." // scores higher
	c, err := corpus.New([]*corpus.Document{doc}, "v1")
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, p := range doc.Passages[:n-1] {
		all = append(all, p.ID)
	}
	slices.Sort(all)
	for _, size := range []int{5, 40, n + 10} {
		want := append([]string{doc.Passages[n-1].ID}, all[:min(size-1, len(all))]...)
		for round := range 3 {
			ix := build(t, c, Options{})
			hits, err := ix.Search(context.Background(), Query{Should: []Clause{{Text: "accord Vienna"}}, Size: size})
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(hits); !slices.Equal(got, want) {
				t.Fatalf("size %d, build %d: got %v, want %v", size, round, got, want)
			}
		}
	}
}

// TestClauseWithin checks that a clause with Within matches only passages
// that also hold one of Within's words, that Within does not change the
// order of what matches, and that a Within of no words drops the clause.
func TestClauseWithin(t *testing.T) {
	for _, st := range storages {
		t.Run(st.name, func(t *testing.T) {
			ix := build(t, fixtureCorpus(t, "v1"), Options{Dir: st.dir(t)})
			search := func(q Query) []string {
				t.Helper()
				hits, err := ix.Search(context.Background(), q)
				if err != nil {
					t.Fatal(err)
				}
				return ids(hits)
			}
			if all := search(Query{Should: []Clause{{Text: "treaty"}}}); len(all) < 3 {
				t.Fatalf("treaty: got %v, want at least 3 passages", all)
			}
			if got, want := search(Query{Should: []Clause{{Text: "treaty", Within: "withdrew"}}}), []string{"inf#3"}; !slices.Equal(got, want) {
				t.Errorf("treaty within withdrew: got %v, want %v", got, want)
			}
			// of the two passages naming Washington, only one names the treaty
			if got, want := search(Query{Should: []Clause{{Text: "Washington", Within: "treaty"}}}), []string{"inf#1"}; !slices.Equal(got, want) {
				t.Errorf("Washington within treaty: got %v, want %v", got, want)
			}
			if got := search(Query{Should: []Clause{{Text: "treaty", Within: "the of"}}}); len(got) != 0 {
				t.Errorf("treaty within stop words: got %v, want none", got)
			}
		})
	}
}

// TestSearchLongFuzzyWord: a word of thousands of letters asked with
// fuzziness is still just a word. bleve's automaton for it would exceed its
// state limit ("dfa contains more than 10000 states"), so such words are
// matched exactly.
func TestSearchLongFuzzyWord(t *testing.T) {
	ix := build(t, fixtureCorpus(t, "v1"), Options{})
	for _, text := range []string{strings.Repeat("a", 4000), "Moscow " + strings.Repeat("xyz", 1400), strings.Repeat("é", 2000)} {
		for fz := 1; fz <= 2; fz++ {
			for _, field := range []string{"", "title"} {
				hits, err := ix.Search(context.Background(), Query{Should: []Clause{{Text: text, Fuzziness: fz, Field: field}}})
				if err != nil {
					t.Errorf("Search(%d-byte word, fuzziness %d, field %q): %v", len(text), fz, field, err)
				}
				if strings.HasPrefix(text, "Moscow") && field == "" && len(hits) == 0 {
					t.Errorf("Search(Moscow + a long word, fuzziness %d): no hits, want the Moscow passages", fz)
				}
			}
		}
	}
	if got := fuzzinessFor(strings.Repeat("a", maxFuzzyRunes+1), 2); got != 0 {
		t.Errorf("fuzzinessFor(a %d-letter term) = %d, want 0", maxFuzzyRunes+1, got)
	}
}

// TestSearchPanicIsAnError: a panic inside bleve (as a damaged segment
// causes: "index out of range" in a postings iterator) fails that one search
// with ErrDamaged, and later searches still run.
func TestSearchPanicIsAnError(t *testing.T) {
	ix := build(t, fixtureCorpus(t, "v1"), Options{})
	testHookSearch = func() { panic("runtime error: index out of range [7] with length 3") }
	_, err := ix.Search(context.Background(), Query{Should: []Clause{{Text: "Moscow"}}})
	testHookSearch = nil
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("Search that panicked: err = %v, want ErrDamaged", err)
	}
	if !strings.Contains(err.Error(), "index out of range") {
		t.Errorf("Search that panicked: err = %v, want the panic's message in it", err)
	}
	if hits, err := ix.Search(context.Background(), Query{Should: []Clause{{Text: "Moscow"}}}); err != nil || len(hits) == 0 {
		t.Errorf("Search after a recovered panic = %v, %v; want hits", ids(hits), err)
	}
}
