package features

import (
	"math"

	"github.com/treatybot/treatybot/answer/internal/text"
)

// Decision features describe the best candidate of a ranked pool as an
// answer to give: how far it stands above the rest, and, since the span
// scorer's scores only order candidates within a question, the best
// candidate's own features as well, named "cand_<feature>". They feed the
// model's decision scorer, whose output is the engine's confidence.
const (
	dTop        = iota // the best candidate's span score
	dMargin            // its lead over the best candidate with another answer, capped at 8
	dPassage           // the passage scorer's score of its passage
	dAnswers           // distinct answers within 2 of the best score, log-scaled
	dTopPassage        // its passage is the one the passage scorer puts first
	dPointwise         // the pointwise span scorer's score of it: how likely right on its own
	dCand              // the best candidate's features start here
	NumDecision = dCand + int(NumFeatures)
)

// decisionNames are the names of the decision features.
var decisionNames = func() [NumDecision]string {
	var n [NumDecision]string
	copy(n[:], []string{"top", "margin", "passage", "answers", "top_passage", "pointwise"})
	for f := range NumFeatures {
		n[dCand+int(f)] = "cand_" + featureDocs[f].name
	}
	return n
}()

// DecisionIndex maps a decision feature name to its index.
var DecisionIndex = func() map[string]int {
	m := map[string]int{}
	for i, n := range decisionNames {
		m[n] = i
	}
	return m
}()

// DecisionName is the name of decision feature i, as the model file writes
// it.
func DecisionName(i int) string { return decisionNames[i] }

// ForDecision describes the best candidate of a ranked list of
// candidates, cands[0]: passageScore and pointwiseScore are what the
// model's passage and pointwise scorers make of its features.
func ForDecision(cands []Candidate, passageScore, pointwiseScore float64) [NumDecision]float64 {
	var d [NumDecision]float64
	if len(cands) == 0 {
		return d
	}
	best := cands[0]
	d[dTop] = best.Score
	d[dMargin] = 8
	answers := map[string]bool{}
	key := text.NormalizeAnswer(best.Text)
	for _, c := range cands {
		k := text.NormalizeAnswer(c.Text)
		if k != key && d[dMargin] == 8 {
			d[dMargin] = math.Min(8, best.Score-c.Score)
		}
		if c.Score >= best.Score-2 {
			answers[k] = true
		}
	}
	d[dPassage] = passageScore
	d[dAnswers] = math.Log(float64(len(answers)))
	d[dTopPassage] = b2f(best.Passage == 0)
	copy(d[dCand:], best.F[:])
	d[dPointwise] = pointwiseScore
	return d
}
