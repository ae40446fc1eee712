package answer

import (
	"context"
	"math"
	"sort"

	"github.com/treatybot/treatybot/answer/internal/candidates"
	"github.com/treatybot/treatybot/answer/internal/features"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/index"
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

// deterministic orders hits by score and then by passage ID, and keeps
// the first n. Bleve breaks ties by its internal document numbers, which
// differ between two builds of the same corpus; a ranking, and training,
// must not.
func deterministic(hits []index.Hit, n int) []index.Hit {
	// bleve's scores of one passage can differ in their last bits between
	// builds (its sums run in another order); nine digits are plenty
	for i := range hits {
		hits[i].Score = math.Round(hits[i].Score*1e9) / 1e9
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].PassageID < hits[j].PassageID
	})
	return hits[:min(n, len(hits))]
}

// retrieveSize is how many passages retrieval hands to extraction.
const retrieveSize = 40

// searchQuery builds the retrieval query: every form of every concept, as
// plain text clauses (never query syntax), weighted by rarity.
func (e *Engine) searchQuery(q question.Question) index.Query {
	var qr index.Query
	for _, c := range q.Concepts {
		// WordNet's forms only help rank what retrieval found: as query
		// clauses they would slow every search and pull in noise
		for i, a := range c.Alts[:c.WnFrom] {
			boost := c.Weight
			if i >= c.SynFrom {
				boost *= 0.8
			}
			if boost <= 0 {
				boost = 0.1
			}
			qr.Should = append(qr.Should, index.Clause{Text: a.Text, Phrase: len(a.Norms) > 1, Boost: boost})
		}
	}
	// a few more than are used, so that ties at the cut are broken by
	// passage ID, not by bleve's internal order (see deterministic)
	qr.Size = retrieveSize + 10
	return qr
}
