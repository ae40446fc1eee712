package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/treatybot/treatybot/corpus"
)

// Search size limits.
const (
	DefaultSize = 20   // hits returned when Query.Size is 0
	MaxSize     = 1000 // the most hits one Search returns
)

// ErrBadQuery is wrapped by Search's error for a query the caller built
// wrongly (an unknown field); user text itself never causes it.
var ErrBadQuery = errors.New("bad query")

// Query is a search over passages. Clause texts are user text: they are
// analysed into words and never interpreted as query syntax.
type Query struct {
	Should []Clause             // OR'ed; a passage must match at least one (when there are any)
	Must   []Clause             // all must match
	DocIDs []string             // only passages of these documents; nil = all
	Kinds  []corpus.PassageKind // only passages of these kinds; nil = all
	Size   int                  // maximum hits; 0 = DefaultSize, capped at MaxSize
}

// Clause is one piece of text to match.
type Clause struct {
	Text      string  // user text; its first 64 words count; a clause with no words after analysis is ignored
	Phrase    bool    // match the words as a phrase, in order
	Fuzziness int     // edits allowed per word, 0..2; words of 1-2 letters get none, of 3-5 at most one; ignored for phrases
	Boost     float64 // weight; 0 = 1
	Field     string  // "" or "text" = passage text; "title" = document title and aliases
	// Within, when not "", limits the clause to passages that also hold
	// one of Within's words (user text too). Bleve then steps through
	// Within's passages only, so a common phrase costs no more than a rare
	// word does. Within adds nothing to the score; a Within with no words
	// after analysis drops the clause.
	Within string
}

// Hit is one matching passage.
type Hit struct {
	PassageID string  // the passage's ID, for corpus.Corpus.Passage
	DocID     string  // the ID of the document it belongs to
	Score     float64 // bleve's relevance score; higher is better, > 0
}

// ErrDamaged is wrapped by Search's error when bleve panicked while reading
// the index, as it does on a damaged segment file. The index should then be
// rebuilt; the error covers this one search only.
var ErrDamaged = errors.New("index damaged")

// testHookSearch, when set by a test, runs inside Search where bleve reads
// the index; a panic in it stands for a panic inside bleve.
var testHookSearch func()

// Search returns the passages that match q, best first; passages of equal
// score come in the order of their IDs, so the same corpus and query always
// give the same hits, however often the index is rebuilt.
// A query with no clause that has words returns no hits and no error.
// A panic inside bleve is returned as an error wrapping ErrDamaged.
func (ix *Index) Search(ctx context.Context, q Query) (hits []Hit, err error) {
	defer func() {
		if r := recover(); r != nil {
			hits, err = nil, fmt.Errorf("search %s: %w: panic: %v", ix.name(), ErrDamaged, r)
		}
	}()
	bq, err := ix.compile(q)
	if err != nil {
		return nil, err
	}
	if bq == nil {
		return nil, nil
	}
	size := q.Size
	if size <= 0 {
		size = DefaultSize
	}
	size = min(size, MaxSize)
	if testHookSearch != nil {
		testHookSearch()
	}
	res, err := ix.search(ctx, bq, size)
	if err != nil {
		return nil, err
	}
	hits = make([]Hit, 0, len(res))
	for _, h := range res {
		hits = append(hits, Hit{PassageID: h.ID, DocID: ix.docOf(h.ID), Score: h.Score})
	}
	return hits, nil
}

// scoreDigits is how many significant digits of bleve's scores Search keeps.
// Bleve adds up a passage's clause scores in an order that depends on its
// internal document numbers, so one build of a corpus can score a passage
// a unit in the last place above another build: rounding makes the scores,
// and so what depends on them, the same from build to build.
const scoreDigits = 10

// roundScore rounds a positive score to scoreDigits significant digits.
func roundScore(x float64) float64 {
	if x <= 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	scale := math.Pow(10, scoreDigits-1-math.Floor(math.Log10(x)))
	return math.Round(x*scale) / scale
}

// tieMargin is how many hits beyond those asked for search fetches, to see
// whether passages of the last kept score were left out.
const tieMargin = 20

// search returns the best size hits of bq, best first, and passages of
// equal score (to scoreDigits) in the order of their IDs. Bleve orders equal scores by its
// internal document numbers, and those follow the order in which a batch's
// passages happened to be analysed, which differs from one build of the
// same corpus to the next; so the same question could get other passages
// from another build. Sorting every match by ID in bleve would load the ID
// of every matching passage (a third of the search time on 100,000
// passages), so search sorts by score alone, fetches tieMargin hits more,
// orders the ties among them, and asks bleve to sort by ID only when the
// passages of the last kept score run past those it fetched.
func (ix *Index) search(ctx context.Context, bq query.Query, size int) (search.DocumentMatchCollection, error) {
	req := bleve.NewSearchRequestOptions(bq, size+tieMargin, 0, false)
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, ix.searchErr(err)
	}
	hits := res.Hits
	for _, h := range hits {
		h.Score = roundScore(h.Score)
	}
	if len(hits) > size && hits[size-1].Score == hits[len(hits)-1].Score && uint64(len(hits)) < res.Total {
		req = bleve.NewSearchRequestOptions(bq, size, 0, false)
		req.SortBy([]string{"-_score", "_id"})
		if res, err = ix.idx.SearchInContext(ctx, req); err != nil {
			return nil, ix.searchErr(err)
		}
		for _, h := range res.Hits {
			h.Score = roundScore(h.Score)
		}
		return res.Hits, nil
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].ID < hits[j].ID
	})
	return hits[:min(size, len(hits))], nil
}

func (ix *Index) searchErr(err error) error {
	if errors.Is(err, bleve.ErrorIndexClosed) {
		return fmt.Errorf("search %s: %w: %w", ix.name(), ErrClosed, err)
	}
	return fmt.Errorf("search %s: %w", ix.name(), err)
}

// docOf returns the document ID of a passage ID.
func (ix *Index) docOf(passageID string) string {
	if p := ix.c.Passage(passageID); p != nil {
		return p.DocID
	}
	// Not expected (the index was built from this corpus), but passage IDs
	// are "<doc id>#<n>", so the document ID can still be recovered.
	if i := strings.LastIndexByte(passageID, '#'); i >= 0 {
		return passageID[:i]
	}
	return passageID
}

// compile turns q into a bleve query, or nil when it has no words to match.
func (ix *Index) compile(q Query) (query.Query, error) {
	var should, must []query.Query
	for _, c := range q.Should {
		cq, err := ix.clause(c)
		if err != nil {
			return nil, err
		}
		if cq != nil {
			should = append(should, cq)
		}
	}
	for _, c := range q.Must {
		cq, err := ix.clause(c)
		if err != nil {
			return nil, err
		}
		if cq != nil {
			must = append(must, cq)
		}
	}
	if len(should) == 0 && len(must) == 0 {
		return nil, nil
	}
	bq := bleve.NewBooleanQuery()
	if len(must) > 0 {
		bq.AddMust(must...)
	}
	if len(should) > 0 {
		bq.AddShould(should...)
		bq.SetMinShould(1)
	}
	if f := filter(fieldDoc, q.DocIDs); f != nil {
		bq.AddFilter(f)
	}
	kinds := make([]string, len(q.Kinds))
	for i, k := range q.Kinds {
		kinds[i] = string(k)
	}
	if f := filter(fieldKind, kinds); f != nil {
		bq.AddFilter(f)
	}
	return bq, nil
}

// filter matches a keyword field against any of values; nil for no values.
func filter(field string, values []string) query.Query {
	if len(values) == 0 {
		return nil
	}
	terms := make([]query.Query, len(values))
	for i, v := range values {
		t := bleve.NewTermQuery(v)
		t.SetField(field)
		terms[i] = t
	}
	return bleve.NewDisjunctionQuery(terms...)
}

// maxClauseWords bounds the words of one clause: a question has far fewer,
// and a pasted essay must not turn into thousands of (fuzzy) term searches.
const maxClauseWords = 64

// withinBoost weighs the words of a clause's Within: they only say where
// the clause may match, so they should add next to nothing to the score.
const withinBoost = 1e-6

// clause compiles one clause, and its Within as a conjunction with it.
func (ix *Index) clause(c Clause) (query.Query, error) {
	q, err := ix.words(c)
	if err != nil || q == nil || c.Within == "" {
		return q, err
	}
	w, err := ix.words(Clause{Text: c.Within, Field: c.Field, Boost: withinBoost})
	if err != nil || w == nil {
		return nil, err
	}
	return bleve.NewConjunctionQuery(w, q), nil
}

// words compiles one clause's text with match queries, which analyse their
// text, never with a query-string query, which would parse it. It returns
// nil for a clause whose text has no words after analysis (a must clause of
// only stop words would otherwise match nothing at all).
func (ix *Index) words(c Clause) (query.Query, error) {
	field := c.Field
	switch field {
	case "", fieldText:
		field = fieldText
	case fieldTitle:
	default:
		return nil, fmt.Errorf("search: field %q: %w", c.Field, ErrBadQuery)
	}
	toks := ix.Analyze(c.Text)
	if len(toks) == 0 {
		return nil, nil
	}
	text := c.Text
	if len(toks) > maxClauseWords {
		toks = toks[:maxClauseWords]
		text = text[:toks[len(toks)-1].End]
	}
	boost := c.Boost
	if boost <= 0 {
		boost = 1
	}
	switch {
	case c.Phrase:
		p := bleve.NewMatchPhraseQuery(text)
		p.SetField(field)
		p.SetBoost(boost)
		return p, nil
	case c.Fuzziness <= 0:
		m := bleve.NewMatchQuery(text)
		m.SetField(field)
		m.SetBoost(boost)
		return m, nil
	}
	// A fuzzy clause is built term by term, not as a fuzzy MatchQuery, which
	// gives every word the same edit distance: two edits turn a short word
	// such as "8" or "us" into almost any short word of the corpus. The terms
	// are the analyser's output, so they are words, never syntax.
	terms := make([]query.Query, 0, len(toks))
	for _, t := range toks {
		var q query.Query
		if f := fuzzinessFor(t.Term, c.Fuzziness); f > 0 {
			fq := bleve.NewFuzzyQuery(t.Term)
			fq.SetFuzziness(f)
			fq.SetField(field)
			fq.SetBoost(boost)
			q = fq
		} else {
			tq := bleve.NewTermQuery(t.Term)
			tq.SetField(field)
			tq.SetBoost(boost)
			q = tq
		}
		terms = append(terms, q)
	}
	// The boost goes on every term: bleve ignores a disjunction's own boost.
	return bleve.NewDisjunctionQuery(terms...), nil
}

// maxFuzzyRunes is the longest term matched with edits. No English word is
// this long, so a longer one is no misspelling, and bleve's automaton for a
// term of a few thousand letters exceeds its state limit ("dfa contains
// more than 10000 states"), which would fail the whole search.
const maxFuzzyRunes = 40

// fuzzinessFor returns the edits allowed for an analysed term: none for one
// or two characters, at most one for three to five, at most want (capped
// at bleve's maximum of 2) for longer terms, and none past maxFuzzyRunes.
func fuzzinessFor(term string, want int) int {
	n := utf8.RuneCountInString(term)
	switch {
	case n <= 2 || n > maxFuzzyRunes:
		return 0
	case n <= 5:
		return min(want, 1)
	default:
		return min(want, 2)
	}
}
