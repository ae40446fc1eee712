// Package answer turns a question into a short answer with citations.
// Engine (New, Ask, Explain) runs the pipeline. Its steps, in the order a
// question goes through them, are packages under internal/ or files of
// this package:
//
//  1. question reads the question: what it asks for (a date, a person, a
//     number, a reason...) and which concepts matter, with the forms a
//     passage may use for each;
//  2. retrieval (retrieve.go) asks the index for the passages that hold
//     those forms;
//  3. candidates matches the concepts in each passage and its context, and
//     extracts the spans of the type the question asks for;
//  4. features describes every passage and candidate with named features;
//  5. the model (model.go, built into the binary from model.json) ranks
//     them and gives a calibrated confidence: above its threshold the best
//     candidate is the answer, below it the closest passages are shown.
//
// text (tokens and normalisation) and lexicon (word lists and the
// gazetteer) are what every step reads text with. gather.go runs steps 2
// to 4 for one question, the same way for answering and for training.
// train.go learns the
// model from the question files in testdata and cross-validates it;
// eval.go judges answers against question files. Data flows one way,
// from text and lexicon up to this package, and nothing imports back.
//
// It keeps one rule: every citation quotes a passage verbatim, and an
// answer is never invented — when the corpus does not say it, Found is
// false.
package answer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/treatybot/treatybot/answer/internal/candidates"
	"github.com/treatybot/treatybot/answer/internal/features"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
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
	c     *corpus.Corpus
	ix    *index.Index
	voc   *question.Vocabulary // what the engine knows of the corpus's words
	find  *candidates.Finder   // matches questions in passages and extracts candidates
	model *Model
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
	voc := question.NewVocabulary(c)
	return &Engine{c: c, ix: ix, model: m, voc: voc, find: candidates.NewFinder(c, voc)}
}

// Corpus returns the corpus the engine answers from.
func (e *Engine) Corpus() *corpus.Corpus { return e.c }

// maxClosest is how many passages a reply with no sure answer shows.
const maxClosest = 3

// Ask answers one question. It returns ErrEmptyQuestion or
// ErrQuestionTooLong for bad input, an error from the index if retrieval
// fails, and otherwise an Answer. Found is true, with a short answer, only
// when the model's calibrated confidence reaches its threshold; otherwise
// Citations holds the passages closest to the question (none when nothing
// in the corpus is relevant).
func (e *Engine) Ask(ctx context.Context, asked string) (corpus.Answer, error) {
	ans := corpus.Answer{Question: asked, Citations: []corpus.Citation{}}
	if len(asked) > MaxQuestionLen && utf8.RuneCountInString(asked) > MaxQuestionLen {
		return ans, ErrQuestionTooLong
	}
	if !utf8.ValidString(asked) {
		asked = strings.ToValidUTF8(asked, "\uFFFD")
		ans.Question = asked
	}
	asked, babble := question.CollapseRepeats(asked)
	if babble {
		return ans, nil // one word said over and over is not a question
	}
	q := e.voc.Read(asked)
	ans.Kind = q.Want.String()
	if len(q.Concepts) == 0 {
		if strings.TrimSpace(asked) == "" {
			return ans, ErrEmptyQuestion
		}
		return ans, nil
	}
	pl, err := e.gather(ctx, q)
	if err != nil {
		return ans, fmt.Errorf("ask %q: %w", asked, err)
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
	if !strings.Contains(foldForMatch(best.P.Text), foldForMatch(best.Text)) {
		for _, c := range pl.cands[1:] {
			if c.Score >= best.Score-1 && sameAnswer(c.Text, best.Text) && strings.Contains(foldForMatch(c.P.Text), foldForMatch(c.Text)) {
				best = c
				break
			}
		}
	}
	ans.Found = true
	ans.Answer = best.Text
	ans.Citations = append(ans.Citations, e.cite(best))
	ans.AttributedTo = ans.Citations[0].AttributedTo
	seen := map[string]bool{best.P.ID: true}
	if rs := rivals(pl, best); len(rs) > 0 {
		ans.Disputed = true
		ans.Alternatives = e.alternatives(m, pl, rs)
		for _, r := range rs {
			seen[r.P.ID] = true
		}
	}
	// a second passage that gives the same answer also supports it
	for _, c := range pl.cands {
		if !seen[c.P.ID] && sameAnswer(c.Text, best.Text) && c.Score >= best.Score-2 {
			ans.Citations = append(ans.Citations, e.cite(c))
			seen[c.P.ID] = true
			break
		}
	}
	for _, w := range pl.passages {
		if len(ans.More) == 4 {
			break
		}
		if !seen[w.P.ID] && m.relevant(pl, w) {
			ans.More = append(ans.More, e.citePassage(pl, w))
			seen[w.P.ID] = true
		}
	}
	return ans
}

// closest fills an answer that is not sure with the passages most likely
// to hold the answer, each with its likeliest span marked.
//
// When sources disagree on the likeliest answer, the reply says so even
// though it is not sure: Disputed is set, the rival's passage is quoted
// second, and Alternatives lists the values.
func (e *Engine) closest(m *Model, pl pool, ans corpus.Answer) corpus.Answer {
	shown := map[int]bool{}
	add := func(pi int) {
		if w := pl.passages[pi]; !shown[pi] && len(ans.Citations) < maxClosest && m.relevant(pl, w) {
			shown[pi] = true
			ans.Citations = append(ans.Citations, e.citePassage(pl, w))
		}
	}
	// the best candidate's passage leads: its answer is the likeliest one
	if len(pl.cands) > 0 {
		best := pl.cands[0]
		add(best.Passage)
		if rs := rivals(pl, best); len(rs) > 0 && len(ans.Citations) > 0 {
			ans.Disputed = true
			ans.Alternatives = e.alternatives(m, pl, rs)
			for _, r := range rs {
				add(r.Passage)
			}
		}
	}
	for i := range pl.passages {
		add(i)
	}
	return ans
}

// relevant reports whether a passage is worth showing as close to the
// question: the passage scorer finds it likely enough, it holds at least
// half of the question's concepts itself, and the question names nothing
// the corpus never mentions.
func (m *Model) relevant(pl pool, w features.Passage) bool {
	return len(pl.q.Unknown) == 0 && w.F[features.ConceptsHere] >= 0.5 && learn.Sigmoid(w.Score) >= m.Relevant
}

// citePassage quotes a passage, marking its best candidate's span.
func (e *Engine) citePassage(pl pool, w features.Passage) corpus.Citation {
	if w.Best >= 0 {
		return e.cite(pl.cands[w.Best])
	}
	return e.c.Cite(w.P)
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// cite quotes a candidate's passage, marking the answer span and saying
// whose claim the span is.
func (e *Engine) cite(c features.Candidate) corpus.Citation {
	cit := e.c.Cite(c.P)
	if c.SpanEnd > c.SpanStart {
		cit.Highlight = []int{c.SpanStart, c.SpanEnd}
	}
	cit.AttributedTo = attribution(c)
	return cit
}

func sameAnswer(a, b string) bool {
	return text.NormalizeAnswer(a) == text.NormalizeAnswer(b)
}
