package answer

import (
	"context"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/candidates"
	"github.com/treatybot/treatybot/answer/internal/features"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/corpus"
)

// pool is everything the engine weighed for one question: the retrieved
// passages and the answer candidates found in them, with their features
// and, once a model has scored them, their scores.
type pool struct {
	q        question.Question
	passages []features.Passage
	cands    []features.Candidate
}

// retrieved is one passage retrieval found, matched against the question,
// with the candidates extracted from it and its retrieval scores.
type retrieved struct {
	s         candidates.Passage
	cs        []candidates.Candidate
	hit, bm25 float64
}

// gather retrieves passages for a question, extracts typed candidates from
// them and computes every feature. It does not score: the same pool is
// what training logs and what the model ranks.
func (e *Engine) gather(ctx context.Context, q question.Question) (pool, error) {
	pl := pool{q: q}
	hits, err := e.ix.Search(ctx, e.searchQuery(q))
	if err != nil {
		return pl, err
	}
	var fs []retrieved
	best, bestBM := 0.0, 0.0
	for i, h := range hits {
		p := e.c.Passage(h.PassageID)
		if p == nil {
			continue
		}
		s := e.find.MatchPassage(q, p)
		s.Hit = i
		f := retrieved{s: s, cs: e.find.Extract(q, s), hit: h.Score, bm25: features.BM25Score(e.voc, q, s.Toks)}
		best, bestBM = max(best, f.hit), max(bestBM, f.bm25)
		fs = append(fs, f)
	}
	if q.Speaker != "" {
		keepSpeaker(q.Speaker, fs)
	}
	for pi, f := range fs {
		pf := features.ForPassage(e.voc, q, f.s, f.hit, best, f.bm25, bestBM, len(f.cs) > 0)
		pl.passages = append(pl.passages, features.Passage{Passage: f.s, F: pf, Best: -1})
		for _, c := range f.cs {
			r := features.Candidate{Candidate: c, F: pf, Passage: pi}
			features.ForCandidate(q, f.s, &r)
			pl.cands = append(pl.cands, r)
		}
	}
	features.Cross(q, pl.cands)
	return pl, nil
}

// keepSpeaker restricts the candidates of a question that names a speaker
// ("according to NATO, who ...") to what that speaker says: spans the text
// attributes to them, or passages of a document they published. When no
// candidate is theirs, all are kept; the model then weighs them as usual.
func keepSpeaker(speaker string, fs []retrieved) {
	theirs := func(c candidates.Candidate) bool {
		if claim, ok := corpus.AttributionOf(c.P, c.SpanStart, c.SpanEnd); ok && sameSpeaker(claim.By, speaker) {
			return true
		}
		return sameSpeaker(c.P.Source, speaker)
	}
	some := false
	for _, f := range fs {
		for _, c := range f.cs {
			some = some || theirs(c)
		}
	}
	if !some {
		return
	}
	for i := range fs {
		var kept []candidates.Candidate
		for _, c := range fs[i].cs {
			if theirs(c) {
				kept = append(kept, c)
			}
		}
		fs[i].cs = kept
	}
}

// sameSpeaker reports whether who names the speaker a question gave: a word
// of three letters or more in common, case aside ("the Kremlin spokesman"
// and "Kremlin", "US President Donald Trump" and "trump").
func sameSpeaker(who, speaker string) bool {
	clean := func(w string) string {
		w = strings.Trim(w, ".,;:\"“”")
		return strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(who)) {
		words[clean(w)] = true
	}
	for _, w := range strings.Fields(strings.ToLower(speaker)) {
		if w = clean(w); len(w) >= 3 && w != "the" && words[w] {
			return true
		}
	}
	return false
}
