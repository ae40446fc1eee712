package candidates

import (
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/text"
)

// entKind classifies a named entity.
type entKind uint8

const (
	entOther   entKind = iota // a capitalised name we cannot place
	entPerson                 // Dmitry Peskov
	entOrg                    // NATO, the Foreign Ministry
	entCountry                // Russia
	entCapital                // Washington (often standing for a government)
	entCity                   // Sochi
	entDemonym                // Russian
	entCode                   // 9M729, SSC-8
)

// placeEntity is the entity kind of a gazetteer place.
func placeEntity(p lexicon.PlaceKind) entKind {
	switch p {
	case lexicon.PlaceCountry:
		return entCountry
	case lexicon.PlaceCapital:
		return entCapital
	case lexicon.PlaceCity:
		return entCity
	case lexicon.PlaceDemonym:
		return entDemonym
	}
	return entOther
}

func (k entKind) isPlace() bool { return k == entCountry || k == entCapital || k == entCity }

// entity is a name found in a passage, as a token range [from, to).
type entity struct {
	from, to int
	kind     entKind
	titled   bool // a title word came right before it
	poss     bool // the name is possessive (Putin’s)
}

// wordStats is what the engine knows about words in the whole corpus: used
// to tell a sentence-initial common word ("The", "Correspondingly") from a
// name.
type wordStats interface {
	// LowerCount is how often the word occurs in lower case in the corpus.
	LowerCount(lower string) int
}

// findEntities finds the named entities of a passage.
func findEntities(toks []text.Token, ws wordStats) []entity {
	var ents []entity
	i := 0
	for i < len(toks) {
		if !nameStart(toks, i, ws) {
			i++
			continue
		}
		j := i
		for j < len(toks) && nameToken(toks, j, ws) {
			j++
			if toks[j-1].Poss {
				break
			}
			// "of" joins "Union of Soviet Socialist Republics", "Ministry of Defense"
			if j+1 < len(toks) && (toks[j].Lower == "of" || toks[j].Lower == "de" || toks[j].Lower == "von") && toks[j+1].Cap && toks[j+1].Kind == text.Word && !lexicon.TitleWords[toks[j-1].Lower] {
				if _, isGaz := lexicon.Gazetteer[toks[j+1].Lower]; !isGaz || lexicon.OrgWords[toks[j-1].Lower] || toks[j-1].Lower == "union" {
					j++
				}
			}
			if k := joinedBy(toks, i, j); k > j {
				j = k
			}
		}
		if j == i {
			j = i + 1
		}
		run := splitRun(toks, i, j)
		ents = append(ents, run...)
		if n := len(run); n > 0 && run[n-1].to > j {
			j = run[n-1].to // "Washington, D.C." reached past the run
		}
		i = j
	}
	return ents
}

// joinedBy extends the name toks[i:j] over "and", "for" or "on" when what
// follows is part of one institution's name: "the Arms Control and
// Disarmament Agency", "the Organisation for the Prohibition of Chemical
// Weapons", "the Conference on Disarmament". It returns where the name
// continues from, or j. "Russia and China" stay two names.
func joinedBy(toks []text.Token, i, j int) int {
	if j+1 >= len(toks) {
		return j
	}
	conn := toks[j].Lower
	k := j + 1
	if conn != "and" && k < len(toks) && toks[k].Lower == "the" {
		k++
	}
	end := k
	for end < len(toks) && end < k+5 && toks[end].Cap && toks[end].Kind == text.Word && !lexicon.CalendarWords[toks[end].Lower] {
		end++
	}
	if end == k {
		return j
	}
	before := text.Any(toks[i:j], func(t text.Token) bool { return lexicon.OrgWords[t.Lower] || lexicon.DocWords[t.Lower] })
	switch conn {
	case "and":
		// the words after close the name: "... and Disarmament Agency"
		if !before && lexicon.OrgWords[toks[end-1].Lower] && end-k >= 2 {
			return k
		}
	case "for", "on":
		// the name opens with the institution: "Conference on Disarmament",
		// but "the Treasury Department on Iran" is a department and a country
		if _, place := lexicon.Gazetteer[toks[k].Lower]; (lexicon.OrgWords[toks[i].Lower] || lexicon.DocWords[toks[i].Lower]) && !(place && end-k == 1) {
			return k
		}
	}
	return j
}

// nameStart reports whether token i can open a name.
func nameStart(toks []text.Token, i int, ws wordStats) bool {
	t := toks[i]
	if t.Kind == text.Word && t.HasDigit && t.HasLetters {
		return true // codes like 9M729
	}
	if t.Kind != text.Word || !t.Cap || lexicon.CalendarWords[t.Lower] {
		return false
	}
	if text.SentenceInitial(toks, i) {
		// "Correspondingly, ..." and "Meanwhile ..." are not names
		if _, gaz := lexicon.Gazetteer[t.Lower]; !gaz && !lexicon.KnownOrgs[t.Lower] && (strings.HasSuffix(t.Lower, "ly") || (i+1 < len(toks) && toks[i+1].Text == ",")) {
			return false
		}
		if _, ok := lexicon.Gazetteer[t.Lower]; ok {
			return true
		}
		if lexicon.KnownOrgs[t.Lower] || t.AllCaps {
			return true
		}
		if lexicon.Stopwords[t.Lower] || (ws != nil && ws.LowerCount(t.Lower) > 0) {
			return false
		}
	}
	return true
}

// nameToken reports whether token j continues a name.
func nameToken(toks []text.Token, j int, ws wordStats) bool {
	t := toks[j]
	if t.Kind != text.Word {
		return false
	}
	if t.HasDigit && t.HasLetters {
		return true
	}
	if !t.Cap {
		return false
	}
	return nameStart(toks, j, ws) || !text.SentenceInitial(toks, j)
}

// splitRun splits a run of capitalised tokens [i, j) into entities: at
// gazetteer names, at title words (which are kept out of the name), and at
// organisations.
func splitRun(toks []text.Token, i, j int) []entity {
	var out []entity
	titled := i > 0 && lexicon.TitleWords[toks[i-1].Lower]
	k := i
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, classify(toks, start, end, titled))
			titled = false
		}
		start = -1
	}
	for k < j {
		n, g, ok := gazMatch(toks, k, j)
		// "the Warsaw Pact", "the Geneva Protocol": a place naming a document
		// or a body is part of its name
		if ok && k+n < j && (lexicon.DocWords[toks[k+n].Lower] || toks[k+n].Lower == "pact") {
			ok = false
		}
		// "the Korean Central News Agency": a demonym opening an
		// institution's name stays in it
		if ok && g == lexicon.PlaceDemonym && k+n < j && lexicon.OrgWords[toks[j-1].Lower] && !text.Any(toks[k+n:j], func(t text.Token) bool { return lexicon.TitleWords[t.Lower] }) {
			ok = false
		}
		if ok && !(start >= 0 && k > 0 && toks[k-1].Lower == "of" && text.Any(toks[start:k], func(t text.Token) bool { return lexicon.OrgWords[t.Lower] })) {
			flush(k)
			e := entity{from: k, to: k + n, kind: placeEntity(g), poss: toks[k+n-1].Poss}
			// "Washington, D.C."
			if g == lexicon.PlaceCapital && k+n+1 < len(toks) && toks[k+n].Text == "," && (toks[k+n+1].Lower == "d.c." || toks[k+n+1].Lower == "d.c") {
				e.to = k + n + 2
			}
			out = append(out, e)
			k = e.to
			titled = false
			continue
		}
		if isTitleAt(toks, k, j) {
			flush(k)
			titled = true
			k++
			continue
		}
		if start < 0 {
			start = k
		}
		k++
	}
	flush(j)
	return out
}

// isTitleAt reports whether token k (in a run ending at j) is part of a title.
func isTitleAt(toks []text.Token, k, j int) bool {
	t := toks[k]
	if t.AllCaps || !lexicon.TitleWords[t.Lower] {
		return false
	}
	if !lexicon.TitleModifiers[t.Lower] {
		return true
	}
	if k >= 2 && toks[k-1].Lower == "of" && lexicon.RoleHeads[toks[k-2].Lower] {
		return true // "Secretary of State"
	}
	for x := k + 1; x < j; x++ {
		if lexicon.RoleHeads[toks[x].Lower] && !lexicon.TitleModifiers[toks[x].Lower] {
			return true
		}
		if !lexicon.TitleWords[toks[x].Lower] {
			return false
		}
	}
	// "General" alone can head a title ("Secretary General"); a trailing modifier does not
	return lexicon.RoleHeads[t.Lower]
}

// gazMatch finds the longest gazetteer name starting at token k (before j).
func gazMatch(toks []text.Token, k, j int) (int, lexicon.PlaceKind, bool) {
	for n := lexicon.MaxGazWords; n >= 1; n-- {
		if k+n > j {
			continue
		}
		var b strings.Builder
		for x := k; x < k+n; x++ {
			if x > k {
				b.WriteByte(' ')
			}
			b.WriteString(toks[x].Lower)
		}
		if g, ok := lexicon.Gazetteer[b.String()]; ok {
			return n, g, true
		}
	}
	return 0, 0, false
}

// classify says what kind of entity the tokens [from, to) are.
func classify(toks []text.Token, from, to int, titled bool) entity {
	e := entity{from: from, to: to, titled: titled, poss: toks[to-1].Poss}
	last := toks[to-1]
	switch {
	case to-from == 1 && last.HasDigit && last.HasLetters:
		e.kind = entCode
	case lexicon.DocWords[last.Lower]:
		e.kind = entCode // the INF Treaty: a thing, never a "who"
	case text.Any(toks[from:to], func(t text.Token) bool { return lexicon.OrgWords[t.Lower] || lexicon.KnownOrgs[t.Lower] }):
		e.kind = entOrg
	case to-from == 1 && last.AllCaps:
		e.kind = entOrg // an acronym: NATO, TASS, INF
	case titled:
		e.kind = entPerson
	case to-from >= 2 && to-from <= 4 && text.All(toks[from:to], func(t text.Token) bool { return !t.AllCaps && !t.HasDigit }):
		e.kind = entPerson
	default:
		e.kind = entOther
	}
	return e
}

// numExpr is a number in a passage, with its unit, as a token range.
type numExpr struct {
	from, to int // the number itself (a range like "500 to 5,500" included)
	unitTo   int // end of the unit words after it (== to when none)
	isYear   bool
}

// findNumbers finds numbers with their units: "2,692 missiles",
// "1,000-5,000 kilometers", "500 to 5,500 kilometers", "six months".
func findNumbers(toks []text.Token) []numExpr {
	var out []numExpr
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		isNum := t.Kind == text.Number
		_, isWord := lexicon.NumberWords[t.Lower]
		if !isWord && len(t.Parts) > 1 {
			// "two-thirds", "twenty-five"
			isWord = true
			for _, p := range strings.FieldsFunc(t.Lower, func(r rune) bool { return text.IsDash(r) }) {
				if _, ok := lexicon.NumberWords[p]; !ok {
					isWord = false
				}
			}
		}
		// "150-kiloton", "300-kilogram": a number and its unit in one word
		if !isNum && !isWord && len(t.Parts) == 2 && t.HasDigit {
			parts := strings.FieldsFunc(t.Lower, func(r rune) bool { return text.IsDash(r) })
			if len(parts) == 2 && strings.Trim(parts[0], "0123456789,.") == "" && (lexicon.UnitWords[parts[1]] || lexicon.UnitWords[parts[1]+"s"]) {
				out = append(out, numExpr{from: i, to: i + 1, unitTo: i + 1})
				continue
			}
		}
		// "a four-week meeting", "a two-day ceremony"
		if !isNum && !isWord && len(t.Parts) == 2 {
			if _, ok := lexicon.NumberWords[t.Parts[0]]; ok && (lexicon.UnitWords[t.Parts[1]] || lexicon.UnitWords[t.Parts[1]+"s"]) {
				out = append(out, numExpr{from: i, to: i + 1, unitTo: i + 1})
				continue
			}
		}
		if !isNum && !isWord {
			continue
		}
		n := numExpr{from: i, to: i + 1}
		// ranges: "500 to 5,500", "between 500 and 1,000"
		if i+2 < len(toks) && (toks[i+1].Lower == "to" || toks[i+1].Lower == "and" || toks[i+1].Text == "-" || toks[i+1].Text == "–") && toks[i+2].Kind == text.Number {
			if toks[i+1].Lower != "and" || (i > 0 && toks[i-1].Lower == "between") {
				n.to = i + 3
			}
		}
		// "1,550 deployed strategic warheads": up to three modifiers then a unit
		n.unitTo = n.to
		for k := n.to; k < len(toks) && k < n.to+4; k++ {
			if toks[k].Text == "%" {
				n.unitTo = k + 1
				break
			}
			if toks[k].Kind != text.Word || lexicon.Stopwords[toks[k].Lower] {
				break
			}
			if lexicon.UnitWords[toks[k].Lower] {
				n.unitTo = k + 1
				// "kilometers (3,400 miles)" stops here; "thousand missiles" goes on
				if _, more := lexicon.NumberWords[toks[k].Lower]; !more {
					break
				}
			}
		}
		if isNum && len(t.Text) == 4 && !strings.Contains(t.Text, ",") && t.Text >= "1800" && t.Text <= "2100" && n.unitTo == n.to {
			n.isYear = true
		}
		out = append(out, n)
		i = n.to - 1
	}
	return out
}
