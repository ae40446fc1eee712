package candidates

import (
	"sort"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

// extractDates answers when-questions with the dates a passage states.
func (f *Finder) extractDates(q question.Question, s Passage) []Candidate {
	var out []Candidate
	for _, dm := range s.P.Dates {
		from, to := text.TokenAt(s.Toks, dm.Start), text.TokenAt(s.Toks, dm.End-1)+1
		if from >= len(s.Toks) || to > len(s.Toks) || from >= to {
			continue
		}
		if InQuestion(s, from, to) {
			continue // the question's own date is not its answer
		}
		sc := dateNear.fit(Proximity(q, s, from, to))
		if !hasSayConcept(q) && saidBefore(s.Toks, from) {
			sc.apply(dateSaidBefore)
		}
		if dm.Date.Precision() == corpus.DayPrecision {
			sc.apply(dateToTheDay)
		}
		if dm.Relative {
			sc.apply(dateRelative)
		}
		if from <= 3 && datelineDash(s.Toks, to) && !hasSayConcept(q) {
			sc.apply(dateDateline)
		}
		if from > 0 && datePreps[s.Toks[from-1].Lower] {
			if strings.Contains(" "+strings.ToLower(q.Raw)+" ", " "+s.Toks[from-1].Lower+" ") {
				sc.apply(dateAskedPreposition)
			} else if s.Toks[from-1].Lower != "on" && s.Toks[from-1].Lower != "in" {
				sc.apply(dateOtherPreposition)
			}
		}
		sc.v = min(sc.v, 1)
		c := span(s, from, to, dm.Date.Human(), sc)
		c.SpanStart, c.SpanEnd = dm.Start, dm.End
		c.Date = dm.Date
		c.Relative = dm.Relative
		out = append(out, c)
	}
	if len(out) == 0 && !s.P.Date.IsZero() {
		out = append(out, whole(s, s.P.Date.Human(), dateOfFact.fit(0.5)))
	}
	// "in which years": "2006, 2009, 2013, 2016 (twice) and 2017" together
	if lq := strings.ToLower(q.Raw); len(out) > 1 && (strings.Contains(lq, "years") || strings.Contains(lq, "dates")) {
		if c, ok := dateList(s, out); ok {
			out = append(out, c)
		}
	}
	return out
}

// dateList joins the date candidates of a passage that are listed together
// ("2006, 2009 and 2013") into one answer, scored as its best member.
func dateList(s Passage, cs []Candidate) (Candidate, bool) {
	sorted := append([]Candidate(nil), cs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].SpanStart < sorted[j].SpanStart })
	var names []string
	best := 0.0
	for i, c := range sorted {
		if c.SpanEnd <= c.SpanStart {
			return Candidate{}, false
		}
		if i > 0 {
			gap := s.P.Text[sorted[i-1].SpanEnd:c.SpanStart]
			if len(gap) > 20 || !(strings.Contains(gap, ",") || strings.Contains(gap, "and") || strings.Contains(gap, " to ") || strings.TrimSpace(gap) == "-") {
				return Candidate{}, false
			}
		}
		names = append(names, c.Text)
		best = max(best, c.Fit)
	}
	c := whole(s, joinNames(names), dateListed.fit(min(1, best+0.1)))
	c.SpanStart, c.SpanEnd = sorted[0].SpanStart, sorted[len(sorted)-1].SpanEnd
	return c, true
}

var datePreps = lexicon.SetOf(`until till through since before after by from on in`)

// datelineDash reports whether a dateline's dash or full stop follows
// token i: "VIENNA, July 14 -", "SOCHI, November 20. /TASS/".
func datelineDash(toks []text.Token, i int) bool {
	if i >= len(toks) {
		return false
	}
	switch toks[i].Text {
	case "-", "—", "–", ".", "(":
		return true
	}
	return false
}

// saidBefore reports whether a verb of saying comes right before token i,
// skipping "on", "in" and the like.
func saidBefore(toks []text.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch {
		case lexicon.SayVerbs[toks[k].Lower]:
			return true
		case toks[k].Lower == "on" || toks[k].Lower == "in" || toks[k].Lower == "last" || toks[k].Lower == "this" || toks[k].Lower == "earlier":
			continue
		}
		return false
	}
	return false
}
