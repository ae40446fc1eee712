package answer

import (
	"context"

	"github.com/treatybot/treatybot/answer/internal/candidates"
	"github.com/treatybot/treatybot/answer/internal/features"
	"github.com/treatybot/treatybot/answer/internal/question"
)

// pool is everything the engine weighed for one question: the retrieved
// passages and the answer candidates found in them, with their features
// and, once a model has scored them, their scores.
type pool struct {
	q        question.Question
	passages []features.Passage
	cands    []features.Candidate
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
	hits = deterministic(hits, retrieveSize)
	type found struct {
		s         candidates.Passage
		cs        []candidates.Candidate
		hit, bm25 float64
	}
	var fs []found
	best, bestBM := 0.0, 0.0
	for i, h := range hits {
		p := e.c.Passage(h.PassageID)
		if p == nil {
			continue
		}
		s := e.find.MatchPassage(q, p)
		s.Hit = i
		f := found{s: s, cs: e.find.Extract(q, s), hit: h.Score, bm25: features.BM25Score(e.voc, q, s.Toks)}
		best, bestBM = max(best, f.hit), max(bestBM, f.bm25)
		fs = append(fs, f)
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
