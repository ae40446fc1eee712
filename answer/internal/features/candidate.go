package features

import (
	"math"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/candidates"
	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

// ForCandidate fills the candidate part of c's feature vector, which
// already holds its passage's features. Features that compare candidates
// with one another are added by Cross.
func ForCandidate(q question.Question, s candidates.Passage, c *Candidate) {
	v := &c.F
	v[Fit] = candidates.Clamp01(c.Fit)
	if c.SpanEnd > c.SpanStart {
		from, to := text.TokenAt(s.Toks, c.SpanStart), text.TokenAt(s.Toks, c.SpanEnd-1)+1
		v[Proximity] = candidates.Proximity(q, s, from, to)
		content, asked := 0, 0
		for k := from; k < to && k < len(s.Toks); k++ {
			if s.Toks[k].Kind == text.Punct || lexicon.Stopwords[s.Toks[k].Lower] {
				continue
			}
			content++
			if candidates.InQuestion(s, k, k+1) {
				asked++
			}
		}
		if content > 0 {
			v[Echo] = float64(asked) / float64(content)
		}
		if q.Want == question.WantNumber {
			for k := from; k < to && k < len(s.Toks); k++ {
				if s.Toks[k].Kind == text.Number {
					wholeAndParts(s.Toks, k, v)
					break
				}
			}
		}
	} else {
		v[NoSpan] = 1
	}
	v[Restates] = b2f(candidates.Restates(q, s, c.Candidate))
	switch c.Date.Precision() {
	case corpus.DayPrecision:
		v[DateDay] = 1
	case corpus.MonthOnly:
		v[DateMonth] = 1
	}
	v[DateRelative] = b2f(c.Relative)
	v[SpanWords] = math.Log1p(float64(len(strings.Fields(c.Text)))) / math.Log(13)
	v[List] = b2f(strings.Contains(c.Text, " and ") || strings.Count(c.Text, ",") >= 2)
}

// Cross fills the features that compare a question's candidates:
// agreement between passages, and dates that refine or precede others.
func Cross(q question.Question, cs []Candidate) {
	type agreeing struct {
		passages map[string]bool
		fact     map[string]bool
	}
	by := map[string]*agreeing{}
	for _, c := range cs {
		if c.Text == "" {
			continue
		}
		k := text.NormalizeAnswer(c.Text)
		a := by[k]
		if a == nil {
			a = &agreeing{passages: map[string]bool{}, fact: map[string]bool{}}
			by[k] = a
		}
		a.passages[c.P.ID] = true
		if c.P.Kind == corpus.FactPassage {
			a.fact[c.P.ID] = true
		}
	}
	for i := range cs {
		c := &cs[i]
		if c.Text == "" {
			continue
		}
		a := by[text.NormalizeAnswer(c.Text)]
		others := len(a.passages) - 1
		c.F[Agree] = math.Min(1, math.Log1p(float64(others))/math.Log(4))
		factOthers := len(a.fact)
		if a.fact[c.P.ID] {
			factOthers--
		}
		c.F[AgreeFact] = b2f(factOthers > 0)
	}
	if q.Want != question.WantDate {
		return
	}
	// a precise date that agrees with a vaguer one ("May 26, 1972" and
	// "1972") makes it precise
	for i := range cs {
		d := cs[i].Date
		if d.IsZero() {
			continue
		}
		for j := range cs {
			o := cs[j].Date
			if j == i || o.IsZero() || o.Precision() >= d.Precision() {
				continue
			}
			if o.Year == d.Year && (o.Month == 0 || o.Month == d.Month) {
				cs[i].F[DateRefines] = 1
				break
			}
		}
	}
	if !asksFirst(q) {
		return
	}
	// the earliest date among the candidates of the best-covered passages
	top := 0.0
	for _, c := range cs {
		top = math.Max(top, c.F[HandCoverage])
	}
	best := -1
	for i, c := range cs {
		if c.Date.IsZero() || c.F[HandCoverage] < 0.8*top {
			continue
		}
		if best < 0 || c.Date.Before(cs[best].Date) {
			best = i
		}
	}
	if best >= 0 {
		cs[best].F[DateEarliest] = 1
	}
}

// asksFirst reports whether the question asks when something first
// happened.
func asksFirst(q question.Question) bool {
	for _, w := range strings.Fields(strings.ToLower(q.Raw)) {
		if firstWords[strings.Trim(w, "?,.!")] {
			return true
		}
	}
	return false
}

// firstWords ask for the earliest of several dates: "when did North Korea
// first announce it would leave?"
var firstWords = lexicon.SetOf(`first earliest originally initially`)
