package answer

import (
	"regexp"
	"sort"
	"strings"

	"github.com/treatybot/treatybot/corpus"
)

// isDistanceUnit and friends tell which units fit "how far", "how long".
var distanceUnits = setOf(`km kilometers kilometres kilometer kilometre miles mile meters metres meter metre nm nautical feet ft`)

// openEnded words answer "how long" with no number: "unlimited duration".
var openEnded = setOf(`unlimited indefinite indefinitely permanent permanently`)

var percentUnits = setOf(`percent % per cent percentage`)

var timeUnits = setOf(`years year months month days day weeks week hours hour minutes decades decade centuries century`)

// lengthOrTime answers "how long is X": a border's kilometres or a term's
// years.
var lengthOrTime = unionOf(timeUnits, distanceUnits)

// relativeTimeWords follow a span of time: "a week later".
var relativeTimeWords = setOf(`later earlier after before afterwards ago`)

// frequencyRE finds how often something happens: "twice a year", "every
// five years", "annually".
var frequencyRE = regexp.MustCompile(`(?i)\b(?:(?:once|twice|three times|four times|\d+ times) (?:a|per|each) (?:day|week|month|year)|every (?:\w+ )?(?:days?|weeks?|months?|years?)|annually|yearly|monthly|weekly|daily)\b`)

// extractFrequency answers "how often" with a frequency phrase.
func extractFrequency(q question, s scored) []candidate {
	var out []candidate
	for _, m := range frequencyRE.FindAllStringIndex(s.p.Text, -1) {
		from, to := tokenAt(s.toks, m[0]), tokenAt(s.toks, m[1]-1)+1
		out = append(out, candidate{p: s.p, text: s.p.Text[m[0]:m[1]], spanStart: m[0], spanEnd: m[1], score: clamp01(0.4 + proximity(q, s, from, to))})
	}
	return out
}

func (e *Engine) extractNumbers(q question, s scored) []candidate {
	if lq := strings.ToLower(q.raw); strings.Contains(lq, "how often") || strings.Contains(lq, "how frequently") {
		return extractFrequency(q, s)
	}
	wantUnits := map[string]bool{}
	for _, w := range append([]string{q.headText}, conceptTexts(q)...) {
		switch strings.ToLower(w) {
		case "range", "distance", "far":
			wantUnits = distanceUnits
		case "percent", "percentage", "level", "pure", "purity", "proportion", "share":
			wantUnits = percentUnits
		}
	}
	if strings.Contains(strings.ToLower(q.raw), "how far") {
		wantUnits = distanceUnits
	}
	lq := strings.ToLower(q.raw)
	if strings.Contains(lq, "how long") || strings.Contains(lq, "how much time") || strings.Contains(lq, "how many years") ||
		strings.Contains(lq, "how many months") || strings.Contains(lq, "how many days") {
		wantUnits = timeUnits
		// "how long is the border": a length as well as a time
		if strings.Contains(lq, "how long") {
			wantUnits = lengthOrTime
		}
	}
	var out []candidate
	// "how long was it meant to last": "of unlimited duration"
	if wantUnits["years"] {
		for k, t := range s.toks {
			if openEnded[t.Lower] {
				out = append(out, span(s, k, min(k+2, len(s.toks)), "", clamp01(proximity(q, s, k, k+1)+0.3)))
			}
		}
	}
	// "the Federation Council followed a week later": a time unit with an
	// article is a number too
	if wantUnits["years"] {
		for k := 0; k+1 < len(s.toks); k++ {
			if (s.toks[k].Lower == "a" || s.toks[k].Lower == "an") && timeUnits[s.toks[k+1].Lower] && !inQuestion(s, k+1, k+2) {
				end := k + 2
				if end < len(s.toks) && relativeTimeWords[s.toks[end].Lower] {
					end++
				}
				out = append(out, span(s, k, end, "", clamp01(proximity(q, s, k, end)+0.3)))
			}
		}
	}
	nums := findNumbers(s.toks)
	// "2,692 missiles had been eliminated: 846 by the United States and
	// 1,846 by the Soviet Union": the bare numbers count missiles too
	headUnit := false
	for _, n := range nums {
		for k := n.to; k < n.unitTo; k++ {
			if q.head != "" && s.toks[k].Norm == q.head {
				headUnit = true
			}
		}
	}
	for _, n := range nums {
		if inDate(s.p, s.toks[n.from].Start, s.toks[n.to-1].End) || n.isYear {
			continue
		}
		// "35-member" holds the question's "members" but is no echo of it
		if inQuestion(s, n.from, n.to) && !(n.to == n.from+1 && len(s.toks[n.from].Parts) == 2 && n.unitTo == n.to) {
			continue
		}
		unitOK := false
		if q.head != "" {
			for k := n.unitTo; k < len(s.toks) && k < n.unitTo+3 && s.toks[k].Kind == tokWord && !stopwords[s.toks[k].Lower]; k++ {
				if s.toks[k].Norm == q.head {
					n.unitTo = k + 1
				}
			}
		}
		sc := proximity(q, s, n.from, n.unitTo)
		for k := n.to; k < n.unitTo; k++ {
			u := s.toks[k]
			if q.head != "" && (u.Norm == q.head || strings.TrimSuffix(u.Lower, "s") == strings.TrimSuffix(strings.ToLower(q.headText), "s")) {
				sc += 0.25
				unitOK = true
			}
			if wantUnits[u.Lower] {
				sc += 0.35
				unitOK = true
			}
		}
		// "150-kiloton": the unit inside the number's own word
		if t := s.toks[n.from]; t.Kind == tokWord && len(t.Parts) == 2 {
			unit := t.Lower[strings.LastIndexAny(t.Lower, "-–‑")+1:]
			if wantUnits[unit] || wantUnits[unit+"s"] || q.head != "" && normWord(unit) == q.head {
				sc += 0.3
				unitOK = true
			}
		}
		// "two-thirds" is a share without a percent sign
		if !unitOK && len(wantUnits) > 0 && wantUnits["percent"] && isFraction(s.toks[n.from]) {
			sc += 0.2
			unitOK = true
		}
		// "846 by the United States and 1,846 by the Soviet Union": a name of
		// the question right after the number says whose number it is
		if boundToName(q, s, n.unitTo) {
			sc += 0.3
		}
		// "a vote of 71 to 26", "ranges of 500 to 5,500 kilometers"
		for k := n.from - 1; k >= 0 && k >= n.from-3; k-- {
			if q.head != "" && s.toks[k].Norm == q.head {
				sc += 0.25
				unitOK = unitOK || len(wantUnits) == 0
			}
		}
		if q.head != "" && !unitOK && n.unitTo > n.to && len(wantUnits) == 0 && !headClassNumber(q.headText) {
			sc *= 0.5 // "how many centrifuges": 15 years is not a count of centrifuges
		}
		switch {
		case !unitOK && n.unitTo == n.to && headUnit:
			sc += 0.15
			unitOK = len(wantUnits) == 0
		case !unitOK && n.unitTo == n.to:
			sc -= 0.15
		}
		if len(wantUnits) > 0 && !unitOK {
			continue // "what is the range": 700 launchers is not a range
		}
		out = append(out, span(s, n.from, n.unitTo, "", clamp01(sc)))
	}
	// "what was the vote": "48 in favour and 51 against" together
	if strings.EqualFold(q.headText, "vote") || strings.EqualFold(q.headText, "votes") {
		if c, ok := numberPair(s, out); ok {
			out = append(out, c)
		}
	}
	return append(out, voteSide(q, s)...)
}

// voteRE reads a tally: "by a vote of 71 to 26".
var voteRE = regexp.MustCompile(`\bvotes? (?:of |was )?(\d[\d,]*) (?:to|-|–) (\d[\d,]*)\b`)

// voterHeads are the normalised heads whose number a tally gives.
var voterHeads = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`senators members votes countries states delegates lawmakers deputies nations governments`) {
		m[normWord(w)] = true
	}
	return m
}()

// voteSide answers "how many senators voted against" from a tally, whose
// first number is the ayes and the second the noes.
func voteSide(q question, s scored) []candidate {
	// a tally counts votes, so "what percentage supported it" is no side
	if q.head != "" && !voterHeads[q.head] {
		return nil
	}
	lq := " " + strings.ToLower(q.raw) + " "
	side := 0
	switch {
	case strings.Contains(lq, " against") || strings.Contains(lq, " opposed") || strings.Contains(lq, " voted no"):
		side = 2
	case strings.Contains(lq, " in favour") || strings.Contains(lq, " in favor") || strings.Contains(lq, " voted for") || strings.Contains(lq, " supported"):
		side = 1
	default:
		return nil
	}
	var out []candidate
	for _, m := range voteRE.FindAllStringSubmatchIndex(s.p.Text, -1) {
		from, to := m[2*side], m[2*side+1]
		out = append(out, candidate{p: s.p, text: s.p.Text[from:to], spanStart: from, spanEnd: to, score: 0.9})
	}
	return out
}

// numberPair joins the first two number candidates of a passage that sit in
// one clause, a few words apart: a vote's two sides.
func numberPair(s scored, cs []candidate) (candidate, bool) {
	sorted := append([]candidate(nil), cs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].spanStart < sorted[j].spanStart })
	for i := 0; i+1 < len(sorted); i++ {
		a, b := sorted[i], sorted[i+1]
		if b.spanStart < a.spanEnd {
			continue // overlapping spans ("8 million", "million Swedish kronor") are no pair
		}
		gap := s.p.Text[a.spanEnd:b.spanStart]
		if len(strings.Fields(gap)) <= 4 && !strings.ContainsAny(gap, ".;") && strings.Contains(gap, "and") {
			return candidate{p: s.p, text: s.p.Text[a.spanStart:b.spanEnd], spanStart: a.spanStart, spanEnd: b.spanEnd, score: min(1, max(a.score, b.score)+0.1)}, true
		}
	}
	return candidate{}, false
}

// boundToName reports whether a name the question mentions follows token i
// through a preposition: "by the Soviet Union", "for Russia".
func boundToName(q question, s scored, i int) bool {
	if i >= len(s.toks) {
		return false
	}
	switch s.toks[i].Lower {
	case "by", "for", "from", "in", "of":
	default:
		return false
	}
	k := i + 1
	if k < len(s.toks) && s.toks[k].Lower == "the" {
		k++
	}
	for ci, m := range s.matches {
		if !q.concepts[ci].entity {
			continue
		}
		for _, p := range m.pos {
			if p == k {
				return true
			}
		}
	}
	return false
}

// isFraction reports whether t is a fraction word: "half", "two-thirds".
func isFraction(t token) bool {
	for _, p := range strings.FieldsFunc(t.Lower, func(r rune) bool { return isDash(r) }) {
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
	return headClasses[strings.ToLower(head)] == wantNumber
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
