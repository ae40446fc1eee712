package features

import (
	"math"

	"github.com/treatybot/treatybot/answer/internal/candidates"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

// ForPassage fills the passage part of a feature vector. best and
// bestBM25 are the best retrieval and BM25 scores among the question's
// retrieved passages.
func ForPassage(voc *question.Vocabulary, q question.Question, s candidates.Passage, hitScore, best, bm25, bestBM25 float64, typed bool) Vec {
	var v Vec
	if best > 0 {
		v[Retrieval] = hitScore / best
	}
	v[RetrievalRank] = 1 / float64(1+s.Hit)
	if bestBM25 > 0 {
		v[BM25] = bm25 / bestBM25
	}
	total, here, spellTotal, spellGot := 0.0, 0, 0.0, 0.0
	var byHow [candidates.NumHows]float64
	for ci, c := range q.Concepts {
		total += c.Weight
		byHow[s.How[ci]] += c.Weight
		switch s.How[ci] {
		case candidates.HowExact, candidates.HowStem, candidates.HowSyn, candidates.HowWordNet, candidates.HowHypernym:
			here++
		case candidates.HowMissing:
			if c.Entity && c.Poss {
				v[MissingPoss]++
			} else if c.Entity {
				v[MissingNames]++
			}
		}
		if c.Corrected {
			spellTotal += c.Weight
			if s.How[ci] != candidates.HowMissing {
				spellGot += c.Weight
			}
		}
		if c.Head && s.How[ci] != candidates.HowMissing && s.How[ci] <= candidates.HowSyn {
			v[HeadHere] = 1
		}
		if !c.Light && !c.Entity && !voc.Known(c) {
			v[UnknownWords]++
		}
	}
	if total > 0 {
		for h, f := range map[candidates.How]Feature{candidates.HowExact: CovExact, candidates.HowStem: CovStem, candidates.HowSyn: CovSyn, candidates.HowPrev: CovPrev,
			candidates.HowWeak: CovWeak, candidates.HowTitle: CovTitle, candidates.HowLead: CovLead, candidates.HowPublished: CovPublished, candidates.HowWordNet: CovWordNet, candidates.HowHypernym: CovHypernym} {
			v[f] = byHow[h] / total
		}
		v[CovSpell] = spellGot / total
	}
	if len(q.Concepts) > 0 {
		v[ConceptsHere] = float64(here) / float64(len(q.Concepts))
	}
	if q.Want == question.WantClaim || q.Want == question.WantNounPhrase || q.Want == question.WantYesNo {
		v[UnknownOpen] = v[UnknownWords]
	}
	if q.Verb >= 0 {
		v[VerbMissing] = b2f(len(s.Matches[q.Verb].Pos) == 0)
		v[VerbSyn] = b2f(s.How[q.Verb] == candidates.HowSyn)
		v[VerbWordNet] = b2f(s.How[q.Verb] == candidates.HowWordNet || s.How[q.Verb] == candidates.HowHypernym)
		v[Displaced] = b2f(candidates.DisplacedSubject(q, s))
	} else {
		v[NoVerb] = 1
	}
	v[Fact] = b2f(s.P.Kind == corpus.FactPassage)
	v[PassageWords] = math.Log1p(float64(len(text.Words(s.Toks)))) / math.Log(60)
	v[HandCoverage] = s.Rel
	v[Typed] = b2f(typed)
	v[QuestionConcepts] = math.Log1p(float64(len(q.Concepts))) / math.Log(8)
	switch q.Want {
	case question.WantDate:
		v[WantDate] = 1
	case question.WantEntity, question.WantPerson, question.WantOrg, question.WantCountry, question.WantSource:
		v[WantWho] = 1
	case question.WantPlace:
		v[WantPlace] = 1
	case question.WantNumber:
		v[WantNumber] = 1
	case question.WantYesNo:
		v[WantYesNo] = 1
	default:
		v[WantPhrase] = 1
	}
	v[WantDefine] = b2f(q.Define)
	return v
}

// BM25Score scores a passage for the question's own words (no synonyms), with
// the usual k1 = 1.2 and b = 0.75.
func BM25Score(voc *question.Vocabulary, q question.Question, toks []text.Token) float64 {
	const k1, b = 1.2, 0.75
	n := 0
	for _, t := range toks {
		if t.Kind != text.Punct {
			n++
		}
	}
	norm := k1 * (1 - b + b*float64(n)/voc.MeanLen())
	score := 0.0
	for _, c := range q.Concepts {
		for _, norm0 := range c.Alts[0].Norms {
			tf := 0
			for _, t := range toks {
				if text.Matches(t, norm0) {
					tf++
				}
			}
			if tf > 0 {
				score += voc.IDF(norm0) * float64(tf) * (k1 + 1) / (float64(tf) + norm)
			}
		}
	}
	return score
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
