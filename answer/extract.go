package answer

import (
	"sort"
	"strings"

	"github.com/treatybot/treatybot/corpus"
)

// maxAnswerWords bounds a short answer.
const maxAnswerWords = 12

// extract finds answer candidates of the type the question wants in one
// passage. Each candidate's score is in [0, 1]: how well it fits.
func (e *Engine) extract(q question, s scored) []candidate {
	switch q.want {
	case wantDate:
		return e.extractDates(q, s)
	case wantNumber:
		return e.extractNumbers(q, s)
	case wantEntity, wantPerson, wantOrg, wantCountry, wantPlace:
		return e.extractEntities(q, s)
	case wantSource:
		return e.extractSource(q, s)
	case wantReason:
		return extractReason(q, s)
	case wantDescription:
		return extractDescription(q, s)
	case wantRole:
		if q.define {
			// "what is the AEOI?": an acronym is defined by its expansion
			return append(extractExpansion(q, s), e.extractRole(q, s)...)
		}
		return e.extractRole(q, s)
	case wantExpansion:
		return extractExpansion(q, s)
	case wantYesNo:
		return extractYesNo(q, s)
	case wantNounPhrase:
		if cs := e.extractNounPhrase(q, s); len(cs) > 0 {
			return cs
		}
		// the head noun is not in the passage: a name beside the verb may
		// still answer ("what event" -> "the Munich Security Conference")
		var out []candidate
		for _, c := range e.extractEntities(q, s) {
			c.score *= 0.7
			out = append(out, c)
		}
		return out
	}
	return e.extractClaim(q, s)
}

// span makes a candidate from tokens [from, to) of the passage.
func span(s scored, from, to int, text string, score float64) candidate {
	start, end := s.toks[from].Start, s.toks[to-1].End
	if text == "" {
		text = s.p.Text[start:end]
	}
	return candidate{p: s.p, text: text, spanStart: start, spanEnd: end, score: score}
}

func (e *Engine) extractDates(q question, s scored) []candidate {
	var out []candidate
	for _, dm := range s.p.Dates {
		from, to := tokenAt(s.toks, dm.Start), tokenAt(s.toks, dm.End-1)+1
		if from >= len(s.toks) || to > len(s.toks) || from >= to {
			continue
		}
		if inQuestion(s, from, to) {
			continue // the question's own date is not its answer
		}
		sc := proximity(q, s, from, to)
		// "Trump said on October 20 that ... would quit": the date of a
		// statement is not the date of what it announces
		if !hasSayConcept(q) && saidBefore(s.toks, from) {
			sc *= 0.6
		}
		if dm.Date.Precision() == corpus.DayPrecision {
			sc += 0.1
		}
		if dm.Relative {
			sc *= 0.92 // prefer a passage that states the date outright
		}
		// "Paris, Jan. 29 - ...": the dateline dates the report, not the event
		if from <= 3 && datelineDash(s.toks, to) && !hasSayConcept(q) {
			sc *= 0.5
		}
		// "until when": the date after "until"
		if from > 0 && datePreps[s.toks[from-1].Lower] {
			if strings.Contains(" "+strings.ToLower(q.raw)+" ", " "+s.toks[from-1].Lower+" ") {
				sc += 0.3
			} else if s.toks[from-1].Lower != "on" && s.toks[from-1].Lower != "in" {
				sc -= 0.1
			}
		}
		c := span(s, from, to, dm.Date.Human(), min(sc, 1))
		c.spanStart, c.spanEnd = dm.Start, dm.End
		out = append(out, c)
	}
	if len(out) == 0 && !s.p.Date.IsZero() {
		out = append(out, candidate{p: s.p, text: s.p.Date.Human(), score: 0.5})
	}
	// "in which years": "2006, 2009, 2013, 2016 (twice) and 2017" together
	if lq := strings.ToLower(q.raw); len(out) > 1 && (strings.Contains(lq, "years") || strings.Contains(lq, "dates")) {
		if c, ok := dateList(s, out); ok {
			out = append(out, c)
		}
	}
	return out
}

// dateList joins the date candidates of a passage that are listed together
// ("2006, 2009 and 2013") into one answer, scored as its best member.
func dateList(s scored, cs []candidate) (candidate, bool) {
	sorted := append([]candidate(nil), cs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].spanStart < sorted[j].spanStart })
	var names []string
	best := 0.0
	for i, c := range sorted {
		if c.spanEnd <= c.spanStart {
			return candidate{}, false
		}
		if i > 0 {
			gap := s.p.Text[sorted[i-1].spanEnd:c.spanStart]
			if len(gap) > 20 || !(strings.Contains(gap, ",") || strings.Contains(gap, "and") || strings.Contains(gap, " to ") || strings.TrimSpace(gap) == "-") {
				return candidate{}, false
			}
		}
		names = append(names, c.text)
		best = max(best, c.score)
	}
	return candidate{p: s.p, text: joinNames(names), spanStart: sorted[0].spanStart, spanEnd: sorted[len(sorted)-1].spanEnd, score: min(1, best+0.1)}, true
}

var datePreps = setOf(`until till through since before after by from on in`)

// datelineDash reports whether a dateline's dash or full stop follows
// token i: "VIENNA, July 14 -", "SOCHI, November 20. /TASS/".
func datelineDash(toks []token, i int) bool {
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
func saidBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch {
		case sayVerbs[toks[k].Lower]:
			return true
		case toks[k].Lower == "on" || toks[k].Lower == "in" || toks[k].Lower == "last" || toks[k].Lower == "this" || toks[k].Lower == "earlier":
			continue
		}
		return false
	}
	return false
}

// isDistanceUnit and friends tell which units fit "how far", "how long".
var distanceUnits = setOf(`km kilometers kilometres kilometer kilometre miles mile meters metres meter metre nm nautical feet ft`)

// openEnded words answer "how long" with no number: "unlimited duration".
var openEnded = setOf(`unlimited indefinite indefinitely permanent permanently`)

var percentUnits = setOf(`percent % per cent percentage`)
var timeUnits = setOf(`years year months month days day weeks week hours hour minutes decades decade centuries century`)

func (e *Engine) extractNumbers(q question, s scored) []candidate {
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
		if inQuestion(s, n.from, n.to) {
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
	return out
}

// numberPair joins the first two number candidates of a passage that sit in
// one clause, a few words apart: a vote's two sides.
func numberPair(s scored, cs []candidate) (candidate, bool) {
	sorted := append([]candidate(nil), cs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].spanStart < sorted[j].spanStart })
	for i := 0; i+1 < len(sorted); i++ {
		a, b := sorted[i], sorted[i+1]
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

func conceptTexts(q question) []string {
	var out []string
	for _, c := range q.concepts {
		out = append(out, c.text)
	}
	return out
}

func clamp01(f float64) float64 { return max(0, min(1, f)) }

// inDate reports whether [start, end) lies inside one of the passage's dates.
func inDate(p *corpus.Passage, start, end int) bool {
	for _, d := range p.Dates {
		if start >= d.Start && end <= d.End {
			return true
		}
	}
	return false
}

// kindFit says how well an entity kind answers a question type.
func kindFit(w want, k entKind) float64 {
	switch w {
	case wantPerson:
		return map[entKind]float64{entPerson: 1, entOther: 0.55, entOrg: 0.15}[k]
	case wantOrg:
		return map[entKind]float64{entOrg: 1, entOther: 0.5, entCountry: 0.4, entCapital: 0.4}[k]
	case wantCountry:
		return map[entKind]float64{entCountry: 1, entCapital: 0.9, entDemonym: 0.5, entCity: 0.4, entOther: 0.25}[k]
	case wantPlace:
		return map[entKind]float64{entCity: 1, entCapital: 1, entCountry: 0.9, entOther: 0.35, entDemonym: 0.3}[k]
	}
	return map[entKind]float64{entPerson: 1, entOrg: 0.9, entCountry: 0.85, entCapital: 0.8, entOther: 0.7, entCity: 0.5, entDemonym: 0.3, entCode: 0.2}[k]
}

func (e *Engine) extractEntities(q question, s scored) []candidate {
	ents := findEntities(s.toks, e)
	// drop entities the question names, and possessives modifying a question word
	var keep []entity
	for _, en := range ents {
		if inQuestion(s, en.from, en.to) {
			continue
		}
		if en.poss && en.to < len(s.toks) && inQuestion(s, en.to, en.to+1) && !(hasSayConcept(q) && sayNouns[s.toks[en.to].Lower]) {
			continue // "Putin’s spokesman" is not Putin; "Putin’s statement" is his
		}
		if kindFit(q.want, en.kind) == 0 || qualifiesTitle(s.toks, en, ents) {
			continue
		}
		keep = append(keep, en)
	}
	// "held in the Austrian capital"
	if q.want == wantPlace || q.want == wantCountry {
		for k := 1; k < len(s.toks); k++ {
			if s.toks[k].Lower == "capital" && !inQuestion(s, k-1, k+1) {
				if g, ok := gazetteer[s.toks[k-1].Lower]; ok && s.toks[k-1].Cap && (g.kind == entDemonym || g.kind == entCountry) {
					// the phrase replaces the bare "Austrian"
					kept := keep[:0]
					for _, en := range keep {
						if en.from != k-1 {
							kept = append(kept, en)
						}
					}
					keep = append(kept, entity{from: k - 1, to: k + 1, kind: entCapital})
				}
			}
		}
		sort.Slice(keep, func(a, b int) bool { return keep[a].from < keep[b].from })
	}
	// coordinated names answer together: "Berlin and Beijing"
	groups := coordinate(s.toks, keep, q.want)
	// "who is the US president" asks for one person: no "Reagan and Gorbachev"
	if ci := questionRole(q); q.want == wantPerson && ci >= 0 && !strings.HasSuffix(strings.ToLower(q.concepts[ci].text), "s") {
		groups = groups[:0]
		for _, en := range keep {
			groups = append(groups, []entity{en})
		}
	}
	var out []candidate
	pv, ps := -1, -1
	if q.verb >= 0 && len(s.matches[q.verb].pos) > 0 {
		pv = s.matches[q.verb].pos[0]
	}
	if q.subject >= 0 && len(s.matches[q.subject].pos) > 0 {
		ps = s.matches[q.subject].pos[0]
	}
	for _, g := range groups {
		first, last := g[0], g[len(g)-1]
		fit := 0.0
		for _, en := range g {
			fit = max(fit, kindFit(q.want, en.kind))
		}
		// "Federica Mogherini, the EU's foreign policy chief, coordinated":
		// the name sits by the verb its appositive separates it from
		sc := proximity(q, s, first.from, skipAppositive(s.toks, last.to)) * fit
		if first.kind == entPerson && !first.titled {
			first.titled = titleNear(s.toks, first.from)
		}
		if q.want == wantPerson && first.kind == entPerson && appositiveRole(q, s, last.to) {
			sc += 0.3
		}
		// "who was the Soviet foreign minister": a person whose own title is
		// something else (President, General Secretary) is not the answer
		if q.want == wantPerson {
			// "Iran's president": the passage must be about Iran
			for ci, c := range q.concepts {
				if c.entity && c.poss && len(s.matches[ci].pos) == 0 {
					sc *= 0.6
				}
			}
			if ci := questionRole(q); ci >= 0 {
				ok := titleHas(s.toks, first.from, last.to, q.concepts[ci])
				// "supreme leader": the modifier must be in the title too
				if mi := ci - 1; ok && mi >= 0 && !q.concepts[mi].entity && q.concepts[mi].pos+1 == q.concepts[ci].pos {
					ok = titleHas(s.toks, first.from, last.to, q.concepts[mi])
				}
				if !ok {
					continue // a person holding another office is the wrong person
				}
			}
		}
		if q.want == wantPerson && first.titled {
			sc += 0.15
			// "US President Donald Trump" does not answer "the President of Russia"
			if k := titleQualifier(s.toks, first.from); k >= 0 && questionHasPlace(q) && !inQuestion(s, k, k+1) {
				sc *= 0.4
			}
			if lesserTitle(s.toks, first.from, q.raw) {
				continue // a deputy minister is not the minister
			}
		}
		if lead := leadToken(s.toks, first.from); lead >= 0 && q.want != wantPlace && q.want != wantCountry {
			switch s.toks[lead].Lower {
			case "in", "at", "near", "from":
				if first.kind.isPlace() {
					sc *= 0.6 // more likely a location than an actor
				}
			case "by":
				sc += 0.2 // the agent of a passive verb
			}
		}
		// the answer sits across the verb from the entity the question names
		if pv >= 0 && ps >= 0 && (ps < pv) == (first.from < pv) {
			sc *= 0.5
		}
		if q.want == wantPlace {
			if first.poss {
				sc *= 0.3
			}
			switch {
			case isDateline(s, first) && hasSayConcept(q):
				sc += 0.5 // "where was Peskov speaking": the dateline
			case isDateline(s, first):
				sc += 0.3
			case locativeBefore(s.toks, first.from):
				sc += 0.15
				if first.kind == entOther || first.kind == entDemonym {
					sc = max(sc, 0.3) + 0.2 // "beneath Fangataufa atoll", "in the Algerian Sahara"
				}
			default:
				sc *= 0.35 // "Russia wants ...": an actor, not a place
			}
			if last.to < len(s.toks) && placeNouns[s.toks[last.to].Lower] {
				sc += 0.25 // "the Punggye-ri test site", "Fangataufa atoll"
			}
			if insideQuote(s.toks, first.from) {
				sc *= 0.6
			}
		}
		// "which countries": a list answers a plural question best
		if len(g) > 1 && strings.HasSuffix(strings.ToLower(q.headText), "s") {
			sc += 0.2
		}
		var names []string
		for _, en := range g {
			names = append(names, e.entityText(s, en))
		}
		out = append(out, span(s, first.from, last.to, joinNames(names), clamp01(sc)))
	}
	return out
}

// reactionVerbs report a stance as a saying does ("Moscow dismissed the
// charges").
var reactionVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`dismiss reject deny counter respond warn accuse urge describe call condemn criticize welcome praise blame insist promise pledge vow threaten demand`) {
		m[normWord(w)] = true
	}
	return m
}()

var sayNouns = setOf(`statement statements remarks remark words speech comments comment announcement address`)

var locatives = setOf(`in at near outside inside from to into across within beneath under off over along around throughout underneath`)

// placeNouns follow a place's name: "Fordow site", "Fangataufa atoll".
var placeNouns = setOf(`site atoll island islands base facility plant region province desert peninsula test mountain
range sea bay coast port city town village district`)

// locativeBefore reports whether a locative preposition comes before token
// i, directly or across "the": "in the Algerian Sahara", "at the Fordow site".
func locativeBefore(toks []token, i int) bool {
	if i > 0 && locatives[toks[i-1].Lower] {
		return true
	}
	return i > 1 && toks[i-1].Lower == "the" && locatives[toks[i-2].Lower]
}

// leadToken returns the token before a name and its titles: "by" in "by
// U.S. President Ronald Reagan". It returns -1 at the start.
func leadToken(toks []token, from int) int {
	k := from - 1
	for k >= 0 {
		t := toks[k]
		g, gaz := gazetteer[t.Lower]
		if titleWords[t.Lower] || gaz && t.Cap && g.kind != entCity || knownOrgs[t.Lower] && t.Cap {
			k--
			continue
		}
		break
	}
	return k
}

// insideQuote reports whether token i sits inside a quotation.
func insideQuote(toks []token, i int) bool {
	open := false
	for k := 0; k < i; k++ {
		switch toks[k].Text {
		case "\"":
			open = !open
		case "“":
			open = true
		case "”":
			open = false
		}
	}
	return open
}

// qualifiesTitle reports whether an entity only qualifies the title of a
// person named next: "U.S." and "Kremlin" in "U.S. President Ronald
// Reagan", "Kremlin Spokesman Dmitry Peskov".
func qualifiesTitle(toks []token, en entity, ents []entity) bool {
	k := en.to
	if en.poss && en.kind != entPerson {
		// "the European Union's foreign policy chief"
		for x := k; x < len(toks) && x < k+4 && toks[x].Kind == tokWord && !toks[x].Cap; x++ {
			if roleHeads[toks[x].Lower] {
				return true
			}
		}
	}
	if k >= len(toks) || !titleWords[toks[k].Lower] {
		return false
	}
	for k < len(toks) && titleWords[toks[k].Lower] {
		k++
	}
	for _, o := range ents {
		if o.from == k && o.kind == entPerson {
			return true
		}
	}
	return false
}

// titleNear reports whether a title word comes shortly before token i,
// across "of Russia" or a bracket: "the President [of Russia Vladimir Putin]".
func titleNear(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		t := toks[k]
		if roleHeads[t.Lower] {
			return true
		}
		if _, gaz := gazetteer[t.Lower]; !(gaz || t.Kind == tokPunct || t.Lower == "of" || t.Lower == "the") {
			return false
		}
	}
	return false
}

// questionRole returns the index of the concept naming the role a
// who-question asks about ("foreign minister"), or -1.
func questionRole(q question) int {
	role := -1
	for ci, c := range q.concepts {
		if isRoleConcept(c) {
			role = ci // the last: "chief US negotiator" asks for a negotiator
		}
	}
	return role
}

// isRoleConcept reports whether a concept names a role: "spokesman",
// "foreign minister".
func isRoleConcept(c concept) bool {
	for _, w := range strings.Fields(strings.ToLower(c.text)) {
		if roleHeads[w] {
			return true
		}
	}
	return false
}

// titleHas reports whether the title written before a name, or in the
// appositive after it, holds the role: "Foreign Minister Sergei Lavrov",
// "Javad Zarif, Iran's foreign minister,".
func titleHas(toks []token, from, to int, role concept) bool {
	// before the name, back to the last punctuation: "Foreign Minister
	// Sergei Lavrov", "the chief U.S. negotiator was Rose Gottemoeller"
	start := from
	for start > 0 && from-start < 7 && !(toks[start-1].Kind == tokPunct && toks[start-1].Text != "[" && toks[start-1].Text != "(" && toks[start-1].Text != ".") {
		start--
	}
	if len(findConcept(role, toks[start:from]).pos) > 0 {
		return true
	}
	// in the appositive after it
	if to < len(toks) && toks[to].Text == "," {
		return len(findConcept(role, toks[to+1:clauseEnd(toks, to+1, 8)]).pos) > 0
	}
	return false
}

// skipAppositive returns the token after an appositive that follows a name
// (", the agency's director general,"), or i when none does.
func skipAppositive(toks []token, i int) int {
	if i >= len(toks) || toks[i].Text != "," {
		return i
	}
	for k := i + 1; k < len(toks) && k <= i+10; k++ {
		switch {
		case toks[k].Text == ",":
			if k+1 < len(toks) && toks[k+1].Kind == tokWord && !toks[k+1].Cap {
				return k + 1
			}
			return i
		case toks[k].Kind == tokPunct && toks[k].Text != "-" && toks[k].Text != "’" && toks[k].Text != "'":
			return i
		}
	}
	return i
}

// appositiveRole reports whether the question's role follows the name after a
// comma: "Mohammad Javad Zarif, Iran's foreign minister,".
func appositiveRole(q question, s scored, after int) bool {
	if after >= len(s.toks) || s.toks[after].Text != "," {
		return false
	}
	end := clauseEnd(s.toks, after+1, 8)
	for k := after + 1; k < end; k++ {
		if roleHeads[s.toks[k].Lower] && inQuestion(s, k, k+1) {
			return true
		}
	}
	return false
}

// lesserTitle reports whether the title before a name has a rank word the
// question lacks: a deputy minister does not answer "who is the minister".
func lesserTitle(toks []token, nameFrom int, question string) bool {
	lq := " " + strings.ToLower(question) + " "
	for k := nameFrom - 1; k >= 0 && titleWords[toks[k].Lower]; k-- {
		switch toks[k].Lower {
		case "deputy", "vice", "assistant", "under", "former", "acting", "undersecretary":
			if !strings.Contains(lq, " "+toks[k].Lower+" ") {
				return true
			}
		}
	}
	return false
}

// titleQualifier returns the index of the country or nationality that
// qualifies the title before a name ("US" in "US President Donald Trump"),
// or -1.
func titleQualifier(toks []token, nameFrom int) int {
	k := nameFrom - 1
	for k >= 0 && titleWords[toks[k].Lower] {
		k--
	}
	if k >= 0 && k < nameFrom-1 {
		if g, ok := gazetteer[toks[k].Lower]; ok && (g.kind == entCountry || g.kind == entDemonym || g.kind == entCapital) {
			return k
		}
	}
	return -1
}

// questionHasPlace reports whether the question names a country or place.
func questionHasPlace(q question) bool {
	for _, c := range q.concepts {
		if _, ok := gazetteer[strings.ToLower(c.text)]; ok {
			return true
		}
	}
	return false
}

// isDateline reports whether an entity is the all-capitals place that opens
// a news report ("SOCHI, November 20. /TASS/.").
func isDateline(s scored, en entity) bool {
	return en.from == 0 && s.toks[0].AllCaps && en.kind.isPlace() && len(s.toks) > 1 && s.toks[1].Text == ","
}

// entityText is how an entity is written in an answer: as in the text, but
// with an all-capitals dateline city in title case.
func (e *Engine) entityText(s scored, en entity) string {
	text := s.p.Text[s.toks[en.from].Start:s.toks[en.to-1].End]
	if isDateline(s, en) {
		var parts []string
		for _, t := range s.toks[en.from:en.to] {
			r := []rune(t.Lower)
			if len(r) > 0 {
				parts = append(parts, strings.ToUpper(string(r[0]))+string(r[1:]))
			}
		}
		return strings.Join(parts, " ")
	}
	return text
}

func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// coordinate groups entities joined by "and", "or" or commas, allowing
// titles between them ("Ronald Reagan and Soviet General Secretary Mikhail
// Gorbachev").
func coordinate(toks []token, ents []entity, w want) [][]entity {
	var groups [][]entity
	for i := 0; i < len(ents); i++ {
		g := []entity{ents[i]}
		for i+1 < len(ents) && joinable(toks, g[len(g)-1], ents[i+1], w) {
			g = append(g, ents[i+1])
			i++
		}
		groups = append(groups, g)
	}
	return groups
}

func joinable(toks []token, a, b entity, w want) bool {
	if a.poss || b.poss {
		return false
	}
	// an unknown name listed with countries is likely one too
	fa, fb := kindFit(w, a.kind), kindFit(w, b.kind)
	if a.kind == entOther && b.kind.isPlace() || b.kind == entOther && a.kind.isPlace() {
		fa, fb = max(fa, 0.5), max(fb, 0.5)
	}
	if fa < 0.5 || fb < 0.5 {
		return false
	}
	sawAnd := false
	for k := a.to; k < b.from; k++ {
		t := toks[k]
		switch {
		case t.Lower == "and" || t.Lower == "or":
			sawAnd = true
		case t.Text == ",":
		case titleWords[t.Lower] || t.Lower == "the":
		default:
			if _, ok := gazetteer[t.Lower]; ok && t.Cap {
				continue // "Soviet" before a title
			}
			return false
		}
	}
	return sawAnd || b.from-a.to == 1 && toks[a.to].Text == ","
}

// extractSource answers "which agency reported this" with the document's
// source, quoting the passage that names it.
func (e *Engine) extractSource(q question, s scored) []candidate {
	if s.d == nil || s.p.Source == "" {
		return nil
	}
	lo := strings.ToLower(s.p.Text)
	if i := strings.Index(lo, strings.ToLower(s.p.Source)); i >= 0 {
		return []candidate{{p: s.p, text: s.p.Source, spanStart: i, spanEnd: i + len(s.p.Source), score: 1}}
	}
	return []candidate{{p: s.p, text: s.p.Source, score: 0.6}}
}

// extractReason answers why-questions with the clause after "because",
// "due to" and the like.
func extractReason(q question, s scored) []candidate {
	var out []candidate
	lw := lowerWords(s.toks)
	for i := range s.toks {
		for ci, cue := range reasonCues {
			cw := strings.Fields(cue)
			if !wordsAt(lw, i, cw) {
				continue
			}
			start := i + len(cw)
			if start >= len(s.toks) {
				break
			}
			if cue == "since" && (s.toks[start].Kind == tokNumber || calendarWords[s.toks[start].Lower]) {
				break // "since 1987" is a time, not a reason
			}
			end := clauseEnd(s.toks, start, 14)
			if end <= start {
				break
			}
			sc := proximity(q, s, i, end)
			if ci > 8 {
				sc *= 0.6 // weak cues: "since", "over", "in order to"
			}
			out = append(out, span(s, start, end, "", clamp01(sc+0.2)))
			break
		}
	}
	return out
}

func lowerWords(toks []token) []string {
	lw := make([]string, len(toks))
	for i, t := range toks {
		lw[i] = t.Lower
	}
	return lw
}

func wordsAt(lw []string, i int, ws []string) bool {
	if i+len(ws) > len(lw) {
		return false
	}
	for k, w := range ws {
		if lw[i+k] != w {
			return false
		}
	}
	return true
}

// clauseEnd returns where the clause starting at token start ends: at a
// comma, semicolon, full stop or closing quote, or after maxWords words.
func clauseEnd(toks []token, start, maxWords int) int {
	n := 0
	depth := 0
	for k := start; k < len(toks); k++ {
		t := toks[k]
		if t.Kind == tokPunct {
			if aside(t, &depth) {
				continue
			}
			switch t.Text {
			case ",", ";", ".", "!", "?", ":", "\"", "”", "—":
				return k
			}
			continue
		}
		n++
		if n > maxWords {
			return k
		}
	}
	return len(toks)
}

// extractDescription answers "how did X describe Y" with what follows "as".
func extractDescription(q question, s scored) []candidate {
	var out []candidate
	for i, t := range s.toks {
		if !describeVerbs[t.Norm] {
			continue
		}
		// "calling it "a bad mistake of historic proportions""
		if qs, qe, ok := quotation(s.toks[i+1:]); ok && qs <= 4 {
			qs, qe = qs+i+1, qe+i+1
			end := min(qe, qs+wordSpan(s.toks, qs, maxAnswerWords))
			out = append(out, span(s, qs, end, "", clamp01(proximity(q, s, i, end)+0.3)))
			continue
		}
		for k := i + 1; k < len(s.toks) && k < i+8; k++ {
			if s.toks[k].Lower == "as" {
				end := clauseEnd(s.toks, k+1, 8)
				if end > k+1 {
					out = append(out, span(s, k+1, end, "", clamp01(proximity(q, s, i, end)+0.3)))
				}
				break
			}
		}
	}
	// no "described it as": a quotation by the speaker characterises it
	// ("This is a very important statement ...," the spokesman said)
	if len(out) == 0 && anyTok(s.toks, func(t token) bool { return sayVerbs[t.Lower] }) {
		if qs, qe, ok := quotation(s.toks); ok {
			end := min(qe, qs+wordSpan(s.toks, qs, maxAnswerWords+2))
			out = append(out, span(s, qs, end, "", 0.5))
		}
	}
	return out
}

// extractRole answers "what is X's position" and "who is X" with the title
// written before or after the name.
func (e *Engine) extractRole(q question, s scored) []candidate {
	var out []candidate
	for ci, c := range q.concepts {
		if !c.entity {
			continue
		}
		m := s.matches[ci]
		for k, p := range m.pos {
			// titles before the name: "Russian Deputy Foreign Minister Sergey Ryabkov"
			from := p
			for from > 0 && !inQuestion(s, from-1, from) && (s.toks[from-1].Kind == tokWord && s.toks[from-1].Cap ||
				s.toks[from-1].Lower == "of" && from > 1 && s.toks[from-2].Cap) {
				from--
			}
			if from < p && anyTok(s.toks[from:p], func(t token) bool { return roleHeads[t.Lower] }) {
				out = append(out, span(s, from, p, "", 1))
				continue
			}
			// an appositive after it: "Dmitry Peskov, the Kremlin spokesman,"
			end := m.end[k]
			for end < len(s.toks) && s.toks[end].Kind == tokWord && s.toks[end].Cap {
				end++
			}
			if end+1 < len(s.toks) && (s.toks[end].Text == ",") {
				stop := clauseEnd(s.toks, end+1, 8)
				if stop > end+1 && (q.define || anyTok(s.toks[end+1:stop], func(t token) bool { return roleHeads[t.Lower] })) {
					out = append(out, span(s, end+1, stop, "", 0.9))
				}
			}
		}
	}
	return out
}

// extractExpansion answers "what does INF stand for" from "Intermediate-Range
// Nuclear Forces (INF)".
func extractExpansion(q question, s scored) []candidate {
	var out []candidate
	// "The full name of New START is the Treaty between ..."
	lw := lowerWords(s.toks)
	for i := range lw {
		if wordsAt(lw, i, []string{"full", "name"}) || wordsAt(lw, i, []string{"stands", "for"}) || wordsAt(lw, i, []string{"short", "for"}) {
			for k := i + 2; k < len(lw) && k < i+10; k++ {
				if lw[k] == "is" || lw[k] == "was" || lw[k-1] == "for" && k == i+2 {
					start := k
					if lw[k] == "is" || lw[k] == "was" {
						start = k + 1
					}
					if end := clauseEnd(s.toks, start, 24); end > start {
						out = append(out, span(s, start, end, "", clamp01(proximity(q, s, start, end)+0.3)))
					}
					break
				}
			}
		}
	}
	for _, c := range q.concepts {
		acr := strings.ToUpper(strings.ReplaceAll(c.text, ".", ""))
		if len(acr) < 2 || len(acr) > 8 {
			continue
		}
		for i := 1; i+1 < len(s.toks); i++ {
			if t := strings.TrimSuffix(s.toks[i].Text, "s"); t != acr && strings.ToUpper(t) != acr {
				continue
			}
			if s.toks[i-1].Text == "(" && s.toks[i+1].Text == ")" {
				if from, ok := acronymBack(s.toks, i-1, acr); ok {
					out = append(out, span(s, from, i-1, "", 1))
				}
			}
		}
	}
	return out
}

// acronymBack walks back from token before (exclusive) over words whose
// initials spell acr, skipping small words like "of" and "and".
func acronymBack(toks []token, before int, acr string) (int, bool) {
	letters := []rune(acr)
	j := len(letters) - 1
	from := before
	skipped := 0
	for k := before - 1; k >= 0 && j >= 0; k-- {
		t := toks[k]
		if t.Kind != tokWord {
			return 0, false
		}
		if t.Lower == "of" || t.Lower == "and" || t.Lower == "the" || t.Lower == "for" || t.Lower == "on" {
			if k == before-1 {
				return 0, false
			}
			continue
		}
		initials := []rune{}
		for _, part := range strings.FieldsFunc(t.Text, func(r rune) bool { return isDash(r) }) {
			initials = append(initials, []rune(strings.ToUpper(part))[0])
		}
		// a hyphenated word may stand for all its parts' letters or the last
		// few ("Nuclear-Test-Ban" gives T and B in CTBT); a word may be skipped
		matched := false
		for n := len(initials); n >= 1; n-- {
			suffix := initials[len(initials)-n:]
			if j-n+1 >= 0 && string(letters[j-n+1:j+1]) == string(suffix) {
				j -= n
				matched = true
				break
			}
		}
		if !matched && initials[0] == letters[j] {
			j--
			matched = true
		}
		// a compound may stand for two letters: "intercontinental" in ICBM
		if up := []rune(strings.ToUpper(t.Text)); !matched && j >= 1 && up[0] == letters[j-1] && strings.ContainsRune(string(up[1:]), letters[j]) {
			j -= 2
			matched = true
		}
		if !matched {
			if skipped >= 1 || k == before-1 {
				return 0, false
			}
			skipped++
		}
		from = k
	}
	return from, j < 0
}

// extractYesNo answers a yes/no question when a passage states it: "Yes"
// when it does, "No" when it states the negation.
func extractYesNo(q question, s scored) []candidate {
	if s.rel < 0.75 {
		return nil
	}
	// "is it still in force?": a passage can say what was, not what is now
	for _, w := range strings.Fields(strings.ToLower(q.raw)) {
		if timeQualifiers[strings.Trim(w, "?!.,")] {
			return nil
		}
	}
	for ci, c := range q.concepts {
		m := s.matches[ci]
		if ci == q.verb && len(m.pos) == 0 || c.entity && len(m.pos) == 0 && !m.ctx {
			return nil
		}
	}
	neg := false
	for _, t := range s.toks {
		if negations[t.Lower] {
			neg = true
		}
	}
	ans := "Yes"
	if neg != q.negated {
		ans = "No"
	}
	return []candidate{{p: s.p, text: ans, score: 0.9}}
}

// extractNounPhrase answers "which missiles ..." with the phrase that ends in
// the head noun, or a name or code beside it.
func (e *Engine) extractNounPhrase(q question, s scored) []candidate {
	var out []candidate
	headAlts := []string{q.head}
	for _, c := range q.concepts {
		if c.head {
			for _, a := range c.alts {
				if len(a.norms) == 1 {
					headAlts = append(headAlts, a.norms[0])
				}
			}
		}
	}
	isHead := func(t token) bool {
		for _, h := range headAlts {
			if tokMatches(t, h) {
				return true
			}
		}
		return false
	}
	ents := findEntities(s.toks, e)
	for i, t := range s.toks {
		if !isHead(t) {
			continue
		}
		// a code or name right beside the head: "the 9M729 missile", "missile, the 9M729"
		for _, en := range ents {
			if (en.kind == entCode || en.kind == entOther || en.kind == entOrg) && !inQuestion(s, en.from, en.to) && (en.to <= i && i-en.to <= 5 || en.from > i && en.from-i <= 10 && clauseEnd(s.toks, i+1, 12) >= en.to) {
				out = append(out, span(s, en.from, en.to, "", clamp01(proximity(q, s, en.from, en.to)+0.35)))
			}
		}
		// "Resolution 2231", "Article XV": the head names a numbered thing
		if i+1 < len(s.toks) && (s.toks[i+1].Kind == tokNumber || s.toks[i+1].HasDigit) && s.toks[i].Cap {
			out = append(out, span(s, i, i+2, "", clamp01(proximity(q, s, i, i+2)+0.45)))
		}
		from := i
		depth := 0
		for k := i - 1; k >= 0; k-- {
			tk := s.toks[k]
			if tk.Text == ")" || tk.Text == "]" {
				depth++
				continue
			}
			if tk.Text == "(" || tk.Text == "[" {
				depth--
				continue
			}
			if depth > 0 {
				continue
			}
			if tk.Text == "," && k > 0 && s.toks[k-1].Kind == tokWord && !stopwords[s.toks[k-1].Lower] {
				continue // "seismic, hydroacoustic, infrasound and radionuclide technologies"
			}
			if tk.Kind == tokPunct || (stopwords[tk.Lower] && tk.Lower != "and" && tk.Lower != "or") || inQuestion(s, k, k+1) && !isHead(tk) {
				break
			}
			if k > 0 && (pronouns[s.toks[k-1].Lower] || s.toks[k-1].Cap && !tk.Cap && s.toks[k-1].Kind == tokWord && !isAdjectiveLike(tk.Lower)) {
				break // "It outlawed ...", "The System uses ...": a verb after its subject
			}
			from = k
		}
		for from < i && (s.toks[from].Lower == "and" || s.toks[from].Lower == "or" || s.toks[from].Text == ",") {
			from++
		}
		// "wind-down periods of 90 and 180 days"
		to := i + 1
		if to+1 < len(s.toks) && s.toks[to].Lower == "of" && (s.toks[to+1].Kind == tokNumber || isNumberWord(s.toks[to+1])) {
			to = clauseEnd(s.toks, to, 6)
		}
		if from == i && to == i+1 {
			continue
		}
		c := span(s, from, to, stripParens(s.toks[from:to], s.p.Text), 0)
		c.score = clamp01(proximity(q, s, from, to) + 0.1)
		out = append(out, c)
	}
	return out
}

// embeddingVerb reports whether t is a verb that embeds a clause whose
// subject follows it: "alleged Russia was ...".
func embeddingVerb(t token) bool {
	return t.Kind == tokWord && !t.Cap && (strings.HasSuffix(t.Lower, "ed") || sayVerbs[t.Lower]) && !stopwords[t.Lower]
}

// timeQualifiers make a yes/no question about the present, which a dated
// passage cannot settle.
var timeQualifiers = setOf(`still ever yet already now currently today anymore nowadays presently`)

var pronouns = setOf(`it he she they we i you which who that this these those`)

var subordinators = setOf(`because that since as if although though while when whether unless after before`)

// aside tracks brackets: it reports whether t is a bracket or lies inside
// a parenthesised aside, updating depth.
func aside(t token, depth *int) bool {
	switch t.Text {
	case "(", "[":
		*depth++
		return true
	case ")", "]":
		*depth--
		return true
	}
	return *depth > 0
}

// stripParens writes tokens as text without parenthesised asides.
func stripParens(toks []token, text string) string {
	var b strings.Builder
	depth := 0
	prevEnd := -1
	for _, t := range toks {
		if aside(t, &depth) {
			continue
		}
		if prevEnd >= 0 {
			if t.Start > prevEnd {
				b.WriteByte(' ')
			}
		}
		b.WriteString(text[t.Start:t.End])
		prevEnd = t.End
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// extractClaim answers open questions ("what did Moscow say", "what will
// Russia do") with a quotation or the predicate after the subject.
func (e *Engine) extractClaim(q question, s scored) []candidate {
	var out []candidate
	if q.cloze && len(q.concepts) > 0 {
		// "necessary for" what: the answer starts after the anchor and
		// after any small words the question repeats ("for")
		lq := " " + strings.ToLower(q.raw) + " "
		last := len(q.concepts) - 1
		own := q.concepts[last]
		own.alts = own.alts[:own.synFrom] // "the United States of", not "Washington"
		m := findConcept(own, s.toks)
		for k := range m.pos {
			at := m.end[k]
			for at < len(s.toks) && (stopwords[s.toks[at].Lower] && strings.Contains(lq, " "+s.toks[at].Lower+" ") ||
				s.toks[at].Lower == "a" || s.toks[at].Lower == "an" || s.toks[at].Lower == "the" || s.toks[at].Text == "\"" || s.toks[at].Text == "“") {
				at++
			}
			if end := clauseEnd(s.toks, at, 8); end > at {
				out = append(out, span(s, at, end, "", clamp01(0.5+0.5*proximity(q, s, at, end))))
			}
		}
		return out // the anchor is not in this passage: it does not answer
	}
	// a quotation in a passage that matches the speaker
	if qs, qe, ok := quotation(s.toks); ok && hasSayConcept(q) {
		// start after the last question word the quote repeats: "commitment
		// to seek | the peace and security of a world without nuclear weapons"
		start := qs
		for k := qs; k < qe; k++ {
			if inQuestion(s, k, k+1) && qe-k > 4 {
				start = k + 1
			}
		}
		end := min(qe, start+wordSpan(s.toks, start, maxAnswerWords+2))
		out = append(out, span(s, start, end, "", 0.7))
	}
	base := 0.6
	if hasSayConcept(q) && len(out) == 0 && !anyTok(s.toks, func(t token) bool { return sayVerbs[t.Lower] || reactionVerbs[t.Norm] }) {
		return nil // "what did X say": this passage reports no saying
	}
	// the predicate after the question's subject
	subj := -1
	if q.actor >= 0 && len(s.matches[q.actor].pos) > 0 {
		subj = q.actor
	}
	for ci, c := range q.concepts {
		if subj < 0 && c.entity && len(s.matches[ci].pos) > 0 {
			subj = ci
		}
	}
	if subj >= 0 {
		m := s.matches[subj]
		at := m.end[0]
		for at < len(s.toks) && (s.toks[at].Kind == tokWord && s.toks[at].Cap) {
			at++
		}
		at = skipAppositive(s.toks, at)
		// skip "said that", "stressed that"; keep "said" alone when a say
		// question asks what was said ("said the move did not mean ...")
		switch {
		case at+1 < len(s.toks) && sayVerbs[s.toks[at].Lower] && s.toks[at+1].Lower == "that":
			at += 2
		case at+1 < len(s.toks) && sayVerbs[s.toks[at].Lower] && hasSayConcept(q):
			at++
		}
		if at < len(s.toks) && s.toks[at].Kind == tokWord {
			end := clauseEnd(s.toks, at, maxAnswerWords)
			if end > at+1 {
				sc := base
				if p := m.pos[0]; p > 0 && (subordinators[s.toks[p-1].Lower] || embeddingVerb(s.toks[p-1])) {
					sc = 0.3 // "because Russia was ...", "alleged Russia was ...": not the main clause
				}
				out = append(out, span(s, at, end, "", sc))
			}
		}
	}
	// the object after the question's verb: "blaming Western sanctions",
	// "alleged Russia was in breach of the agreement"
	if q.verb >= 0 && !hasSayConcept(q) {
		for _, end := range s.matches[q.verb].end {
			at := end
			for at < len(s.toks) && (s.toks[at].Lower == "that" || s.toks[at].Lower == "the" || s.toks[at].Lower == "a") {
				at++
			}
			if stop := clauseEnd(s.toks, at, 10); stop > at+1 {
				out = append(out, span(s, at, stop, "", clamp01(0.35+0.4*proximity(q, s, at, stop))))
			}
		}
	}
	// otherwise the clause holding most of the question
	if len(out) == 0 {
		best, bs, be := -1.0, 0, 0
		start := 0
		for start < len(s.toks) {
			end := clauseEnd(s.toks, start, 40)
			if end > start {
				sc := proximity(q, s, start, end)
				if sc > best {
					best, bs, be = sc, start, end
				}
			}
			start = end + 1
		}
		if best > 0 {
			// drop the question's own words from the clause's start
			for bs < be && (inQuestion(s, bs, bs+1) || stopwords[s.toks[bs].Lower]) {
				bs++
			}
			if be-bs > 0 {
				be = min(be, bs+wordSpan(s.toks, bs, maxAnswerWords))
				out = append(out, span(s, bs, be, "", 0.45))
			}
		}
	}
	return out
}

var sayNorm = normWord("say")

// hasSayConcept reports whether the question asks about something said.
func hasSayConcept(q question) bool {
	for _, c := range q.concepts {
		if sayVerbs[strings.ToLower(c.text)] {
			return true
		}
		for _, a := range c.alts {
			if len(a.norms) == 1 && a.norms[0] == sayNorm {
				return true
			}
		}
	}
	return false
}

// quotation finds the first quoted stretch in toks, returning the token
// range inside the quote marks.
func quotation(toks []token) (int, int, bool) {
	open := -1
	for i, t := range toks {
		switch t.Text {
		case "\"":
			if open < 0 {
				open = i
			} else if i > open+1 {
				return open + 1, i, true
			}
		case "“":
			open = i
		case "”":
			if open >= 0 && i > open+1 {
				return open + 1, i, true
			}
		}
	}
	return 0, 0, false
}

// wordSpan returns how many tokens from start hold n words.
func wordSpan(toks []token, start, n int) int {
	words := 0
	for k := start; k < len(toks); k++ {
		if toks[k].Kind != tokPunct {
			words++
			if words == n {
				return k - start + 1
			}
		}
	}
	return len(toks) - start
}
