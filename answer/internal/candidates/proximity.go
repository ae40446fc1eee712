package candidates

import (
	"math"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
)

// Proximity scores a token span by how close it sits to the question's
// concepts in the passage, weighting the main verb most: "signed on
// December 8, 1987 and took effect on June 1, 1988" answers "when did it
// take effect" with the date beside "took effect".
func Proximity(q question.Question, s Passage, from, to int) float64 {
	num, den := 0.0, 0.0
	for ci, m := range s.Matches {
		if len(m.Pos) == 0 {
			continue
		}
		w := q.Concepts[ci].Weight
		switch {
		case ci == q.Verb:
			w *= 2.5
		case q.Concepts[ci].Entity:
			w *= entityProximityWeight
		}
		d := math.MaxInt32
		for k, p := range m.Pos {
			end := m.end[k]
			switch {
			case end <= from:
				d = min(d, from-end+1+listGap(q, ci, s.Toks, end, from))
			case p >= to && ci == q.Verb && from > 2:
				// answers follow their verb ("took effect on June 1"),
				// unless they open the sentence ("On June 1, it took effect")
				d = min(d, 2*(p-to)+2)
			case p >= to:
				d = min(d, p-to+1+listGap(q, ci, s.Toks, to, p))
			default:
				d = 0
			}
		}
		den += w
		num += w * math.Exp(-float64(d)/6)
	}
	if den == 0 {
		return 0
	}
	return num / den
}

// Restates reports whether a phrase answer is mostly the question's own
// words: "Why did the US pull out of the ABM Treaty?" is not answered by
// "the U.S. withdrawal from the ABM Treaty".
func Restates(q question.Question, s Passage, c Candidate) bool {
	switch q.Want {
	case question.WantReason, question.WantClaim, question.WantNounPhrase, question.WantDescription:
	default:
		return false
	}
	if c.SpanEnd <= c.SpanStart {
		return false
	}
	content, asked := 0, 0
	for k := text.TokenAt(s.Toks, c.SpanStart); k < len(s.Toks) && s.Toks[k].End <= c.SpanEnd; k++ {
		t := s.Toks[k]
		if t.Kind == text.Punct || lexicon.Stopwords[t.Lower] {
			continue
		}
		content++
		if InQuestion(s, k, k+1) {
			asked++
		}
	}
	return content > 0 && 3*asked > 2*content
}

// listGap is the extra distance a comma or semicolon puts between a name
// of the question and a span: in "Nairobi in 2004, Cartagena in 2009" the
// comma parts list items, so 2009, not 2004, goes with Cartagena.
func listGap(q question.Question, ci int, toks []text.Token, from, to int) int {
	if !q.Concepts[ci].Entity || from >= to || to > len(toks) {
		return 0
	}
	// the comma must close or open the span's own item, right beside it
	if sep := func(t text.Token) bool { return t.Text == "," || t.Text == ";" || t.Lower == "and" }; sep(toks[from]) || sep(toks[to-1]) {
		return 1
	}
	return 0
}

// InQuestion reports whether any token of [from, to) is one the question
// itself mentions: such a span is not an answer.
func InQuestion(s Passage, from, to int) bool {
	for _, m := range s.Matches {
		for k, p := range m.Pos {
			if p < to && m.end[k] > from {
				return true
			}
		}
	}
	return false
}
