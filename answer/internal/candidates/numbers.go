package candidates

import (
	"regexp"
	"sort"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

// isDistanceUnit and friends tell which units fit "how far", "how long".
var distanceUnits = lexicon.SetOf(`km kilometers kilometres kilometer kilometre miles mile meters metres meter metre nm nautical feet ft`)

// openEnded words answer "how long" with no number: "unlimited duration".
var openEnded = lexicon.SetOf(`unlimited indefinite indefinitely permanent permanently`)

var percentUnits = lexicon.SetOf(`percent % per cent percentage`)

var timeUnits = lexicon.SetOf(`years year months month days day weeks week hours hour minutes decades decade centuries century`)

// lengthOrTime answers "how long is X": a border's kilometres or a term's
// years.
var lengthOrTime = lexicon.UnionOf(timeUnits, distanceUnits)

// relativeTimeWords follow a span of time: "a week later".
var relativeTimeWords = lexicon.SetOf(`later earlier after before afterwards ago`)

// frequencyRE finds how often something happens: "twice a year", "every
// five years", "annually".
var frequencyRE = regexp.MustCompile(`(?i)\b(?:(?:once|twice|three times|four times|\d+ times) (?:a|per|each) (?:day|week|month|year)|every (?:\w+ )?(?:days?|weeks?|months?|years?)|annually|yearly|monthly|weekly|daily)\b`)

// extractFrequency answers "how often" with a frequency phrase.
func extractFrequency(q question.Question, s Passage) []Candidate {
	var out []Candidate
	for _, m := range frequencyRE.FindAllStringIndex(s.P.Text, -1) {
		from, to := text.TokenAt(s.Toks, m[0]), text.TokenAt(s.Toks, m[1]-1)+1
		c := whole(s, s.P.Text[m[0]:m[1]], numberFrequency.fit(0.4+Proximity(q, s, from, to)).clamped())
		c.SpanStart, c.SpanEnd = m[0], m[1]
		out = append(out, c)
	}
	return out
}

// extractNumbers answers how-many and how-much questions with the numbers
// of a passage and their units.
func (f *Finder) extractNumbers(q question.Question, s Passage) []Candidate {
	if lq := strings.ToLower(q.Raw); strings.Contains(lq, "how often") || strings.Contains(lq, "how frequently") {
		return extractFrequency(q, s)
	}
	wantUnits := unitsWanted(q)
	var out []Candidate
	if wantUnits["years"] {
		out = append(out, timeSpans(q, s)...)
	}
	nums := findNumbers(s.Toks)
	headUnit := countsHead(q, s, nums)
	for _, n := range nums {
		if c, ok := numberCandidate(q, s, n, wantUnits, headUnit); ok {
			out = append(out, c)
		}
	}
	// "what was the vote": "48 in favour and 51 against" together
	if strings.EqualFold(q.HeadText, "vote") || strings.EqualFold(q.HeadText, "votes") {
		if c, ok := numberPair(s, out); ok {
			out = append(out, c)
		}
	}
	return append(out, voteSide(q, s)...)
}

// unitsWanted are the units that answer the question: distances for "how
// far" and "what range", shares for "what percentage", times (and lengths)
// for "how long"; none when any unit may.
func unitsWanted(q question.Question) map[string]bool {
	wantUnits := map[string]bool{}
	for _, w := range append([]string{q.HeadText}, conceptTexts(q)...) {
		switch strings.ToLower(w) {
		case "range", "distance", "far":
			wantUnits = distanceUnits
		case "percent", "percentage", "level", "pure", "purity", "proportion", "share":
			wantUnits = percentUnits
		}
	}
	if strings.Contains(strings.ToLower(q.Raw), "how far") {
		wantUnits = distanceUnits
	}
	lq := strings.ToLower(q.Raw)
	if strings.Contains(lq, "how long") || strings.Contains(lq, "how much time") || strings.Contains(lq, "how many years") ||
		strings.Contains(lq, "how many months") || strings.Contains(lq, "how many days") {
		wantUnits = timeUnits
		// "how long is the border": a length as well as a time
		if strings.Contains(lq, "how long") {
			wantUnits = lengthOrTime
		}
	}
	return wantUnits
}

// timeSpans are the answers to "how long" that are no number: "of
// unlimited duration", and a time unit with an article ("the Federation
// Council followed a week later").
func timeSpans(q question.Question, s Passage) []Candidate {
	var out []Candidate
	for k, t := range s.Toks {
		if openEnded[t.Lower] {
			out = append(out, span(s, k, min(k+2, len(s.Toks)), "", numberOpenEnded.fit(Proximity(q, s, k, k+1)+0.3).clamped()))
		}
	}
	for k := 0; k+1 < len(s.Toks); k++ {
		if (s.Toks[k].Lower == "a" || s.Toks[k].Lower == "an") && timeUnits[s.Toks[k+1].Lower] && !InQuestion(s, k+1, k+2) {
			end := k + 2
			if end < len(s.Toks) && relativeTimeWords[s.Toks[end].Lower] {
				end++
			}
			out = append(out, span(s, k, end, "", numberTimeUnit.fit(Proximity(q, s, k, end)+0.3).clamped()))
		}
	}
	return out
}

// countsHead reports whether some number of the passage counts the
// question's head noun: "2,692 missiles had been eliminated: 846 by the
// United States and 1,846 by the Soviet Union", where the bare numbers
// count missiles too.
func countsHead(q question.Question, s Passage, nums []numExpr) bool {
	headUnit := false
	for _, n := range nums {
		for k := n.to; k < n.unitTo; k++ {
			if q.Head != "" && s.Toks[k].Norm == q.Head {
				headUnit = true
			}
		}
	}
	return headUnit
}

// numberCandidate judges one number of the passage as an answer, or drops
// it: a date's or a year's number, the question's own, or one without the
// unit the question wants.
func numberCandidate(q question.Question, s Passage, n numExpr, wantUnits map[string]bool, headUnit bool) (Candidate, bool) {
	if inDate(s.P, s.Toks[n.from].Start, s.Toks[n.to-1].End) || n.isYear {
		return Candidate{}, false
	}
	// "35-member" holds the question's "members" but is no echo of it
	if InQuestion(s, n.from, n.to) && !(n.to == n.from+1 && len(s.Toks[n.from].Parts) == 2 && n.unitTo == n.to) {
		return Candidate{}, false
	}
	if q.Head != "" {
		for k := n.unitTo; k < len(s.Toks) && k < n.unitTo+3 && s.Toks[k].Kind == text.Word && !lexicon.Stopwords[s.Toks[k].Lower]; k++ {
			if s.Toks[k].Norm == q.Head {
				n.unitTo = k + 1
			}
		}
	}
	sc := numberNear.fit(Proximity(q, s, n.from, n.unitTo))
	unitOK := unitFit(q, s, n, wantUnits, &sc)
	if boundToName(q, s, n.unitTo) {
		sc.apply(numberBoundToName)
	}
	for k := n.from - 1; k >= 0 && k >= n.from-3; k-- {
		if q.Head != "" && s.Toks[k].Norm == q.Head {
			sc.apply(numberHeadBefore)
			unitOK = unitOK || len(wantUnits) == 0
		}
	}
	if q.Head != "" && !unitOK && n.unitTo > n.to && len(wantUnits) == 0 && !headClassNumber(q.HeadText) {
		sc.apply(numberOtherUnit)
	}
	switch {
	case !unitOK && n.unitTo == n.to && headUnit:
		sc.apply(numberBareCounted)
		unitOK = len(wantUnits) == 0
	case !unitOK && n.unitTo == n.to:
		sc.apply(numberBare)
	}
	if len(wantUnits) > 0 && !unitOK {
		return Candidate{}, false // "what is the range": 700 launchers is not a range
	}
	return span(s, n.from, n.unitTo, "", sc.clamped()), true
}

// unitFit applies the rules of a number's unit to its fit, and reports
// whether the unit is one the question asks for: its head noun or a
// wanted unit after the number, the unit inside the number's own word
// ("150-kiloton"), or a fraction for a share ("two-thirds").
func unitFit(q question.Question, s Passage, n numExpr, wantUnits map[string]bool, sc *fit) bool {
	unitOK := false
	for k := n.to; k < n.unitTo; k++ {
		u := s.Toks[k]
		if q.Head != "" && (u.Norm == q.Head || strings.TrimSuffix(u.Lower, "s") == strings.TrimSuffix(strings.ToLower(q.HeadText), "s")) {
			sc.apply(numberHeadUnit)
			unitOK = true
		}
		if wantUnits[u.Lower] {
			sc.apply(numberWantedUnit)
			unitOK = true
		}
	}
	if t := s.Toks[n.from]; t.Kind == text.Word && len(t.Parts) == 2 {
		unit := t.Lower[strings.LastIndexAny(t.Lower, "-–‑")+1:]
		if wantUnits[unit] || wantUnits[unit+"s"] || q.Head != "" && text.NormWord(unit) == q.Head {
			sc.apply(numberUnitInWord)
			unitOK = true
		}
	}
	if !unitOK && len(wantUnits) > 0 && wantUnits["percent"] && isFraction(s.Toks[n.from]) {
		sc.apply(numberFractionShare)
		unitOK = true
	}
	return unitOK
}

// voteRE reads a tally: "by a vote of 71 to 26".
var voteRE = regexp.MustCompile(`\bvotes? (?:of |was )?(\d[\d,]*) (?:to|-|–) (\d[\d,]*)\b`)

// voterHeads are the normalised heads whose number a tally gives.
var voterHeads = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`senators members votes countries states delegates lawmakers deputies nations governments`) {
		m[text.NormWord(w)] = true
	}
	return m
}()

// voteSide answers "how many senators voted against" from a tally, whose
// first number is the ayes and the second the noes.
func voteSide(q question.Question, s Passage) []Candidate {
	// a tally counts votes, so "what percentage supported it" is no side
	if q.Head != "" && !voterHeads[q.Head] {
		return nil
	}
	lq := " " + strings.ToLower(q.Raw) + " "
	side := 0
	switch {
	case strings.Contains(lq, " against") || strings.Contains(lq, " opposed") || strings.Contains(lq, " voted no"):
		side = 2
	case strings.Contains(lq, " in favour") || strings.Contains(lq, " in favor") || strings.Contains(lq, " voted for") || strings.Contains(lq, " supported"):
		side = 1
	default:
		return nil
	}
	var out []Candidate
	for _, m := range voteRE.FindAllStringSubmatchIndex(s.P.Text, -1) {
		from, to := m[2*side], m[2*side+1]
		c := whole(s, s.P.Text[from:to], numberVoteSide.fit(0.9))
		c.SpanStart, c.SpanEnd = from, to
		out = append(out, c)
	}
	return out
}

// numberPair joins the first two number candidates of a passage that sit in
// one clause, a few words apart: a vote's two sides.
func numberPair(s Passage, cs []Candidate) (Candidate, bool) {
	sorted := append([]Candidate(nil), cs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].SpanStart < sorted[j].SpanStart })
	for i := 0; i+1 < len(sorted); i++ {
		a, b := sorted[i], sorted[i+1]
		if b.SpanStart < a.SpanEnd {
			continue // overlapping spans ("8 million", "million Swedish kronor") are no pair
		}
		gap := s.P.Text[a.SpanEnd:b.SpanStart]
		if len(strings.Fields(gap)) <= 4 && !strings.ContainsAny(gap, ".;") && strings.Contains(gap, "and") {
			c := whole(s, s.P.Text[a.SpanStart:b.SpanEnd], numberVotePair.fit(min(1, max(a.Fit, b.Fit)+0.1)))
			c.SpanStart, c.SpanEnd = a.SpanStart, b.SpanEnd
			return c, true
		}
	}
	return Candidate{}, false
}

// boundToName reports whether a name the question mentions follows token i
// through a preposition: "by the Soviet Union", "for Russia".
func boundToName(q question.Question, s Passage, i int) bool {
	if i >= len(s.Toks) {
		return false
	}
	switch s.Toks[i].Lower {
	case "by", "for", "from", "in", "of":
	default:
		return false
	}
	k := i + 1
	if k < len(s.Toks) && s.Toks[k].Lower == "the" {
		k++
	}
	for ci, m := range s.Matches {
		if !q.Concepts[ci].Entity {
			continue
		}
		for _, p := range m.Pos {
			if p == k {
				return true
			}
		}
	}
	return false
}

// isFraction reports whether t is a fraction word: "half", "two-thirds".
func isFraction(t text.Token) bool {
	for _, p := range strings.FieldsFunc(t.Lower, func(r rune) bool { return text.IsDash(r) }) {
		switch p {
		case "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths":
			return true
		}
	}
	return false
}

// headClassNumber reports whether a head noun is a kind of quantity
// ("range", "level") rather than a thing counted ("centrifuges").
func headClassNumber(head string) bool {
	return question.HeadClasses[strings.ToLower(head)] == question.WantNumber
}

// inDate reports whether [start, end) lies inside one of the passage's dates.
func inDate(p *corpus.Passage, start, end int) bool {
	for _, d := range p.Dates {
		if start >= d.Start && end <= d.End {
			return true
		}
	}
	return false
}
