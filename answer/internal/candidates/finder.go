// Package candidates finds answer candidates in the passages retrieved for
// a question. First it matches the question's concepts in a passage and
// its context (the sentence before, the document's title, an article's
// lead), recording how each concept was found; then the extractor for the
// kind of answer the question wants proposes typed spans: resolved dates,
// names classified as people, organisations, countries and places,
// numbers with their units, reason clauses, descriptions, roles,
// expansions of acronyms, yes or no, and claims. Each candidate carries a
// fit in [0, 1], the extractor's own judgement of it, and the names of the
// rules that made that fit: every rule is declared, named and documented
// in rules.go.
//
// The package depends on text, lexicon and question; it never scores with
// the trained model, which weighs its candidates later as features. The
// rule it keeps: a candidate is a span of its passage's own text, or the
// passage's date or source, never text it made up.
package candidates

import (
	"sync"

	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

// Finder matches a question's concepts in passages and extracts the
// answer candidates of the type the question asks for.
type Finder struct {
	c   *corpus.Corpus
	voc *question.Vocabulary
	// toks caches passage and title tokens for corpora small enough to
	// keep them all (cacheLimit passages); larger ones tokenize on demand.
	toks  sync.Map
	cache bool
}

// cacheLimit is the largest corpus, in passages, whose tokens are cached.
const cacheLimit = 50_000

// NewFinder makes the finder for one corpus, read through its vocabulary.
func NewFinder(c *corpus.Corpus, voc *question.Vocabulary) *Finder {
	return &Finder{c: c, voc: voc, cache: voc.Passages() <= cacheLimit}
}

// tokensOf returns the tokens of s, cached under key when the corpus is
// small enough.
func (f *Finder) tokensOf(key, s string) []text.Token {
	if !f.cache {
		return text.Tokenize(s)
	}
	if t, ok := f.toks.Load(key); ok {
		return t.([]text.Token)
	}
	t := text.Tokenize(s)
	f.toks.Store(key, t)
	return t
}

// Candidate is one possible answer: a span of a passage.
type Candidate struct {
	P                  *corpus.Passage
	Text               string // the short answer
	SpanStart, SpanEnd int    // byte range of the answer in P.Text; equal when none
	// Fit is the extractor's judgement of the span in [0, 1]: its type,
	// its cues and its position.
	Fit      float64
	Date     corpus.Date // the answer's date, for date answers
	Relative bool        // the date was resolved from "on Tuesday" and the like
	// Rules are the rules (rules.go) that made the span and its fit.
	Rules RuleSet
}
