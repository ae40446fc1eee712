// Package answer turns a question into a short answer with citations. It
// analyses what the question asks for (a date, a person, a place, a number,
// a reason, a claim), retrieves candidate passages through the index,
// extracts answer spans of the right type from them, ranks them, and
// abstains when nothing is good enough. It keeps one rule: every citation
// quotes a passage verbatim, and an answer is never invented — when the
// corpus does not say it, Found is false.
package answer

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/treatybot/treatybot/answer/learn"
	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/index"
)

// MaxQuestionLen is the longest question, in characters (Unicode code
// points, not bytes), that Ask accepts.
const MaxQuestionLen = 1000

// ErrEmptyQuestion is returned for a question with no words in it.
var ErrEmptyQuestion = errors.New("the question is empty")

// ErrQuestionTooLong is returned for a question over MaxQuestionLen.
var ErrQuestionTooLong = fmt.Errorf("the question is longer than %d characters", MaxQuestionLen)

// Engine answers questions from one corpus and its index. It is safe for
// concurrent use, and immutable: a new corpus gets a new Engine.
type Engine struct {
	c        *corpus.Corpus
	ix       *index.Index
	syn      *synonymIndex
	df       map[string]int // normalised term -> passages containing it
	n        int            // passages
	lower    map[string]int // lower-case word -> occurrences written in lower case
	caps     map[string]int // lower-case word -> occurrences written with a capital, not sentence-initial
	spell    *speller
	acronyms map[string]bool // lower-case forms of words the corpus writes in capitals
	years    map[string]bool // years the corpus's dates fall in, as written: "2019"
	model    *Model
	avgLen   float64 // mean passage length in words, for BM25
	// toks caches passage and title tokens for corpora small enough to
	// keep them all (cacheLimit passages); larger ones tokenize on demand.
	toks sync.Map
}

// cacheLimit is the largest corpus, in passages, whose tokens are cached.
const cacheLimit = 50_000

// tokensOf returns the tokens of text, cached under key when the corpus is
// small enough.
func (e *Engine) tokensOf(key, text string) []token {
	if e.n > cacheLimit {
		return tokenize(text)
	}
	if t, ok := e.toks.Load(key); ok {
		return t.([]token)
	}
	t := tokenize(text)
	e.toks.Store(key, t)
	return t
}

// New builds an engine over a corpus and its index. It reads every passage
// once, to learn term frequencies and the corpus's vocabulary.
func New(c *corpus.Corpus, ix *index.Index) (*Engine, error) {
	if c == nil || ix == nil {
		return nil, errors.New("answer.New: corpus and index are required")
	}
	m, err := defaultModel()
	if err != nil {
		return nil, err
	}
	return newEngine(c, ix, m), nil
}

// newEngine builds an engine that ranks with model m; training, which
// logs features before there is a model, passes nil.
func newEngine(c *corpus.Corpus, ix *index.Index, m *Model) *Engine {
	e := &Engine{c: c, ix: ix, model: m, syn: sharedSynonyms(), df: map[string]int{}, lower: map[string]int{}, caps: map[string]int{}, acronyms: map[string]bool{}, years: map[string]bool{}}
	vocab := map[string]int{}
	totalWords := 0
	initialCaps := map[string]int{}
	seen := map[string]bool{}
	var aliasGroups [][]string
	for _, d := range c.Docs {
		if g := sheetAliases(d); g != nil {
			aliasGroups = append(aliasGroups, g)
		}
		for i := range d.Passages {
			e.n++
			for _, dm := range d.Passages[i].Dates {
				e.years[strconv.Itoa(dm.Date.Year)] = true
			}
			clear(seen)
			toks := tokenize(d.Passages[i].Text)
			totalWords += len(words(toks))
			if len(aliasGroups) < maxAliasGroups {
				aliasGroups = append(aliasGroups, definedAcronyms(toks)...)
			}
			for k, t := range toks {
				if t.Kind == tokPunct {
					continue
				}
				if !seen[t.Norm] {
					seen[t.Norm] = true
					e.df[t.Norm]++
				}
				for _, p := range t.Parts {
					if !seen[p] {
						seen[p] = true
						e.df[p]++
					}
				}
				vocab[t.Lower]++
				if t.Norm != t.Lower && len(t.Norm) >= minSpellLen {
					vocab[t.Norm]++ // "sign" from "signed", so "sgin" finds it
				}
				if t.AllCaps {
					e.acronyms[strings.TrimSuffix(t.Lower, "s")] = true
				}
				switch {
				case !t.Cap:
					e.lower[t.Lower]++
				case !sentenceInitial(toks, k):
					e.caps[t.Lower]++
				default:
					initialCaps[t.Lower]++
				}
			}
		}
	}
	// a word only ever seen capitalised at the start of a sentence
	// ("Behrouz Kamalvandi, spokesman ...") is a name too
	for w, n := range initialCaps {
		if e.lower[w] == 0 {
			e.caps[w] += n
		}
	}
	// the lexicon's words are real words too: "acuse" is "accuse", which
	// the lexicon knows even when the corpus says "charges"
	for w := range lexiconWords() {
		if _, ok := vocab[w]; !ok && isAlpha(w) {
			vocab[w] = 1
		}
	}
	e.avgLen = max(1, float64(totalWords)/float64(max(1, e.n)))
	e.spell = newSpeller(vocab)
	e.syn = e.syn.withGroups(aliasGroups)
	return e
}

// lowerCount implements wordStats.
func (e *Engine) lowerCount(lower string) int { return e.lower[lower] }

// Corpus returns the corpus the engine answers from.
func (e *Engine) Corpus() *corpus.Corpus { return e.c }

// correct fixes a misspelt question word against the corpus vocabulary.
func (e *Engine) correct(lower string) (string, bool) {
	if e.df[normWord(lower)] > 0 || stopwords[lower] || auxWords[lower] || whWords[lower] || lexiconWords()[lower] || lexiconStems()[normWord(lower)] {
		return "", false
	}
	return e.spell.correct(lower)
}

// lexiconWords are the English words the engine's own lexicons use: real
// words, never typos, even when the corpus lacks them ("pull" is not "full").
var lexiconWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	add := func(s string) {
		for _, w := range strings.Fields(strings.ToLower(s)) {
			m[w] = true
		}
	}
	for _, g := range synonymGroups {
		for _, p := range g {
			add(p)
		}
	}
	for _, set := range []map[string]bool{titleWords, unitWords, sayVerbs, orgWords, calendarWords, questionFiller, negations} {
		for w := range set {
			add(w)
		}
	}
	for w := range headClasses {
		add(w)
	}
	for w := range irregular {
		add(w)
		add(irregular[w])
	}
	return m
})

// maxAliasGroups bounds the acronyms learnt from a corpus's text.
const maxAliasGroups = 5000

// lexiconStems are the normalised forms of the lexicon's words, so that
// "started" is known as a form of "start" and never "corrected" to "stated".
var lexiconStems = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for w := range lexiconWords() {
		m[normWord(w)] = true
	}
	return m
})

// retrieveSize is how many passages retrieval hands to extraction.
const retrieveSize = 40

// maxClosest is how many passages a reply with no sure answer shows.
const maxClosest = 3

// Ask answers one question. It returns ErrEmptyQuestion or
// ErrQuestionTooLong for bad input, an error from the index if retrieval
// fails, and otherwise an Answer. Found is true, with a short answer, only
// when the model's calibrated confidence reaches its threshold; otherwise
// Citations holds the passages closest to the question (none when nothing
// in the corpus is relevant).
func (e *Engine) Ask(ctx context.Context, question string) (corpus.Answer, error) {
	ans := corpus.Answer{Question: question, Citations: []corpus.Citation{}}
	if len(question) > MaxQuestionLen && utf8.RuneCountInString(question) > MaxQuestionLen {
		return ans, ErrQuestionTooLong
	}
	if !utf8.ValidString(question) {
		question = strings.ToValidUTF8(question, "\uFFFD")
		ans.Question = question
	}
	question, babble := collapseRepeats(question)
	if babble {
		return ans, nil // one word said over and over is not a question
	}
	q := e.analyze(question)
	ans.Kind = q.want.String()
	if len(q.concepts) == 0 {
		if strings.TrimSpace(question) == "" {
			return ans, ErrEmptyQuestion
		}
		return ans, nil
	}
	pl, err := e.gather(ctx, q)
	if err != nil {
		return ans, fmt.Errorf("ask %q: %w", question, err)
	}
	e.model.rank(&pl)
	return e.decide(e.model, pl, ans), nil
}

// decide turns a ranked pool into the answer: the best candidate when the
// model is sure enough, else the closest passages.
func (e *Engine) decide(m *Model, pl pool, ans corpus.Answer) corpus.Answer {
	if len(pl.cands) > 0 {
		ans.Confidence = round3(m.confidence(pl))
		ans.Score = ans.Confidence
	}
	if len(pl.cands) == 0 || ans.Confidence < m.Threshold {
		return e.closest(m, pl, ans)
	}
	best := pl.cands[0]
	// when the best passage says "on Saturday" but another says "February 5,
	// 2011", quote the one that states the answer as given
	if !strings.Contains(foldForMatch(best.p.Text), foldForMatch(best.text)) {
		for _, c := range pl.cands[1:] {
			if c.score >= best.score-1 && sameAnswer(c.text, best.text) && strings.Contains(foldForMatch(c.p.Text), foldForMatch(c.text)) {
				best = c
				break
			}
		}
	}
	ans.Found = true
	ans.Answer = best.text
	ans.Citations = append(ans.Citations, e.cite(best))
	seen := map[string]bool{best.p.ID: true}
	// a second passage that gives the same answer also supports it
	for _, c := range pl.cands {
		if !seen[c.p.ID] && sameAnswer(c.text, best.text) && c.score >= best.score-2 {
			ans.Citations = append(ans.Citations, e.cite(c))
			seen[c.p.ID] = true
			break
		}
	}
	for _, w := range pl.passages {
		if len(ans.More) == 4 {
			break
		}
		if !seen[w.s.p.ID] && m.relevant(pl, w) {
			ans.More = append(ans.More, e.citePassage(pl, w))
			seen[w.s.p.ID] = true
		}
	}
	return ans
}

// closest fills an answer that is not sure with the passages most likely
// to hold the answer, each with its likeliest span marked.
func (e *Engine) closest(m *Model, pl pool, ans corpus.Answer) corpus.Answer {
	first := -1
	// the best candidate's passage leads: its answer is the likeliest one
	if len(pl.cands) > 0 {
		if w := pl.passages[pl.cands[0].passage]; m.relevant(pl, w) {
			first = pl.cands[0].passage
			ans.Citations = append(ans.Citations, e.citePassage(pl, w))
		}
	}
	for i, w := range pl.passages {
		if len(ans.Citations) == maxClosest {
			break
		}
		if i != first && m.relevant(pl, w) {
			ans.Citations = append(ans.Citations, e.citePassage(pl, w))
		}
	}
	return ans
}

// relevant reports whether a passage is worth showing as close to the
// question: the passage scorer finds it likely enough, it holds at least
// half of the question's concepts itself, and the question names nothing
// the corpus never mentions.
func (m *Model) relevant(pl pool, w weighed) bool {
	return len(pl.q.unknown) == 0 && w.f[fConceptsHere] >= 0.5 && learn.Sigmoid(w.score) >= m.Relevant
}

// citePassage quotes a passage, marking its best candidate's span.
func (e *Engine) citePassage(pl pool, w weighed) corpus.Citation {
	if w.best >= 0 {
		return e.cite(pl.cands[w.best])
	}
	return e.c.Cite(w.s.p)
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// cite quotes a candidate's passage, marking the answer span.
func (e *Engine) cite(c candidate) corpus.Citation {
	cit := e.c.Cite(c.p)
	if c.spanEnd > c.spanStart {
		cit.Highlight = []int{c.spanStart, c.spanEnd}
	}
	return cit
}

func sameAnswer(a, b string) bool {
	return normalizeAnswer(a) == normalizeAnswer(b)
}

// normalizeAnswer lower-cases and drops punctuation and thousands separators.
func normalizeAnswer(s string) string {
	var b strings.Builder
	for _, t := range words(tokenize(s)) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(t.Lower, ",", ""), ".", ""))
	}
	return b.String()
}

// sharedSynonyms builds the synonym index once for all engines.
var sharedSynonyms = sync.OnceValue(buildSynonyms)

// rankByScore sorts candidates best first, breaking ties by passage order so
// results are deterministic.
func rankByScore(cs []candidate) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].score != cs[j].score {
			return cs[i].score > cs[j].score
		}
		return cs[i].p.ID < cs[j].p.ID
	})
}
