package candidates

import (
	"sort"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
)

// kindFit says how well an entity kind answers a question type.
func kindFit(w question.Want, k entKind) float64 {
	switch w {
	case question.WantPerson:
		return map[entKind]float64{entPerson: 1, entOther: 0.55, entOrg: 0.15}[k]
	case question.WantOrg:
		return map[entKind]float64{entOrg: 1, entOther: 0.5, entCountry: 0.4, entCapital: 0.4}[k]
	case question.WantCountry:
		return map[entKind]float64{entCountry: 1, entCapital: 0.9, entDemonym: 0.5, entCity: 0.4, entOther: 0.25}[k]
	case question.WantPlace:
		return map[entKind]float64{entCity: 1, entCapital: 1, entCountry: 0.9, entOther: 0.35, entDemonym: 0.3}[k]
	}
	return map[entKind]float64{entPerson: 1, entOrg: 0.9, entCountry: 0.85, entCapital: 0.8, entOther: 0.7, entCity: 0.5, entDemonym: 0.3, entCode: 0.2}[k]
}

// extractEntities answers who-, which-body-, which-country- and
// where-questions with the names of a passage, alone or coordinated
// ("Berlin and Beijing").
func (f *Finder) extractEntities(q question.Question, s Passage) []Candidate {
	ents := findEntities(s.Toks, f.voc)
	keep := answerEntities(q, s, ents)
	if q.Want == question.WantPlace || q.Want == question.WantCountry {
		keep = capitalPhrases(s, keep)
	}
	groups := entityGroups(q, s, keep)
	var out []Candidate
	at := verbSides(q, s)
	for _, g := range groups {
		sc, ok := entityFit(q, s, g, at)
		if !ok {
			continue
		}
		var names []string
		for _, en := range g {
			names = append(names, f.entityText(s, en))
		}
		out = append(out, span(s, g[0].from, g[len(g)-1].to, joinNames(names), sc.clamped()))
	}
	return out
}

// answerEntities are the names of a passage that may answer: not one the
// question gives (though "the Moon Agreement" answers "which agreement
// about the moon"), not a possessive of a word of the question ("Putin’s
// spokesman" is not Putin; "Putin’s statement" is his), not of a kind
// that cannot answer, and not a name that only qualifies a title ("U.S."
// in "U.S. President Ronald Reagan").
func answerEntities(q question.Question, s Passage, ents []entity) []entity {
	var keep []entity
	for _, en := range ents {
		if InQuestion(s, en.from, en.to) && !namesMore(q, s, en) {
			continue
		}
		if en.poss && en.to < len(s.Toks) && InQuestion(s, en.to, en.to+1) && !(hasSayConcept(q) && sayNouns[s.Toks[en.to].Lower]) {
			continue
		}
		if kindFit(q.Want, en.kind) == 0 || qualifiesTitle(s.Toks, en, ents) {
			continue
		}
		keep = append(keep, en)
	}
	return keep
}

// capitalPhrases puts "the Austrian capital" in place of the bare
// "Austrian", for a where- or which-country question ("held in the
// Austrian capital").
func capitalPhrases(s Passage, keep []entity) []entity {
	for k := 1; k < len(s.Toks); k++ {
		if s.Toks[k].Lower == "capital" && !InQuestion(s, k-1, k+1) {
			if g, ok := lexicon.Gazetteer[s.Toks[k-1].Lower]; ok && s.Toks[k-1].Cap && (g == lexicon.PlaceDemonym || g == lexicon.PlaceCountry) {
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
	return keep
}

// entityGroups groups coordinated names, which answer together ("Berlin
// and Beijing"), except where the question asks for the one holder of a
// role ("who is the US president": no "Reagan and Gorbachev").
func entityGroups(q question.Question, s Passage, keep []entity) [][]entity {
	groups := coordinate(s.Toks, keep, q.Want)
	if ci := questionRole(q); q.Want == question.WantPerson && ci >= 0 && !strings.HasSuffix(strings.ToLower(q.Concepts[ci].Text), "s") {
		groups = groups[:0]
		for _, en := range keep {
			groups = append(groups, []entity{en})
		}
	}
	return groups
}

// verbAt is where, in a passage, the question's verb and its subject are
// found: token indices, -1 for none.
type verbAt struct{ verb, subject int }

func verbSides(q question.Question, s Passage) verbAt {
	at := verbAt{-1, -1}
	if q.Verb >= 0 && len(s.Matches[q.Verb].Pos) > 0 {
		at.verb = s.Matches[q.Verb].Pos[0]
	}
	if q.Subject >= 0 && len(s.Matches[q.Subject].Pos) > 0 {
		at.subject = s.Matches[q.Subject].Pos[0]
	}
	return at
}

// entityFit judges a group of coordinated names as an answer, or drops it
// (ok false): a person holding another office than the question's, or a
// lesser one (a deputy minister is not the minister).
func entityFit(q question.Question, s Passage, g []entity, at verbAt) (sc fit, ok bool) {
	first, last := g[0], g[len(g)-1]
	kf := 0.0
	for _, en := range g {
		kf = max(kf, kindFit(q.Want, en.kind))
	}
	// "Federica Mogherini, the EU's foreign policy chief, coordinated":
	// the name sits by the verb its appositive separates it from
	sc = entityNear.fit(Proximity(q, s, first.from, skipAppositive(s.Toks, last.to)) * kf)
	if first.kind == entPerson && !first.titled {
		first.titled = titleNear(s.Toks, first.from)
	}
	if q.Want == question.WantPerson && !personFit(q, s, first, last, &sc) {
		return sc, false
	}
	actorFit(q, s, first, last, at, &sc)
	if q.Want == question.WantPlace {
		placeFit(q, s, first, last, &sc)
	}
	if excepted(s.Toks, first.from) {
		sc.apply(entityExcepted)
	}
	if len(g) > 1 && strings.HasSuffix(strings.ToLower(q.HeadText), "s") {
		sc.apply(entityPluralList)
	}
	return sc, true
}

// personFit applies the rules of a who-is-the-X question to the person
// first..last, and reports false for a person who holds another office
// than the question's (the Soviet foreign minister is not its President)
// or a lesser one.
func personFit(q question.Question, s Passage, first, last entity, sc *fit) bool {
	if first.kind == entPerson && appositiveRole(q, s, last.to) {
		sc.apply(personAppositiveRole)
	}
	for ci, c := range q.Concepts {
		if c.Entity && c.Poss && len(s.Matches[ci].Pos) == 0 {
			sc.apply(personPossessorMissing)
		}
	}
	if ci := questionRole(q); ci >= 0 {
		ok := titleHas(s.Toks, first.from, last.to, q.Concepts[ci])
		// "supreme leader": the modifier must be in the title too
		if mi := ci - 1; ok && mi >= 0 && !q.Concepts[mi].Entity && q.Concepts[mi].Pos+1 == q.Concepts[ci].Pos {
			ok = titleHas(s.Toks, first.from, last.to, q.Concepts[mi])
		}
		if !ok {
			return false
		}
	}
	if first.titled {
		sc.apply(personTitled)
		if k := titleQualifier(s.Toks, first.from); k >= 0 && questionHasPlace(q) && !InQuestion(s, k, k+1) {
			sc.apply(personOtherCountryTitle)
		}
		if lesserTitle(s.Toks, first.from, q.Raw) {
			return false
		}
	}
	return true
}

// actorFit applies the rules of where a name stands to the question's
// verb: after a preposition, beside a verb of saying, on one side of the
// verb or the other; and, for a where or which-country question, whether
// it says where a person of the question is from.
func actorFit(q question.Question, s Passage, first, last entity, at verbAt, sc *fit) {
	if lead := leadToken(s.Toks, first.from); lead >= 0 && q.Want != question.WantPlace && q.Want != question.WantCountry {
		switch s.Toks[lead].Lower {
		case "in", "at", "near", "from":
			if first.kind.isPlace() {
				sc.apply(entityPlaceAfterPreposition)
			}
		case "by":
			sc.apply(entityByAgent)
		}
	}
	// "Finland will withdraw ..., President Alexander Stubb said": who
	// says it stands beside the saying verb, whatever the clause names
	// ("Behrouz Kamalvandi, spokesman for the AEOI, said")
	pv, ps := at.verb, at.subject
	sayer := pv >= 0 && lexicon.SayVerbs[s.Toks[pv].Lower] && kindFit(q.Want, entPerson) >= 1 &&
		(last.to == pv || skipAppositive(s.Toks, last.to) == pv || first.from == pv+1)
	if sayer {
		sc.apply(entitySayer)
	}
	if pv >= 0 && ps >= 0 && !sayer && (ps < pv) == (first.from < pv) {
		sc.apply(entitySameSide)
	}
	if (q.Want == question.WantCountry || q.Want == question.WantPlace) && describesPerson(q, s, first.from) {
		sc.apply(placeDescribesPerson)
	}
}

// placeFit applies the rules of a where-question: a place is where
// something happened when a locative or a dateline says so, and an actor
// otherwise.
func placeFit(q question.Question, s Passage, first, last entity, sc *fit) {
	if first.poss {
		sc.apply(placePossessive)
	}
	switch {
	case isDateline(s, first) && hasSayConcept(q):
		sc.apply(placeDatelineSaid)
	case isDateline(s, first):
		sc.apply(placeDateline)
	case locativeBefore(s.Toks, first.from):
		sc.apply(placeLocative)
		if first.kind == entOther || first.kind == entDemonym {
			sc.apply(placeLocativeUnknown)
		}
	default:
		sc.apply(placeActor)
	}
	if last.to < len(s.Toks) && placeNouns[s.Toks[last.to].Lower] {
		sc.apply(placeNoun)
	}
	if insideQuote(s.Toks, first.from) {
		sc.apply(placeInQuote)
	}
}

// reactionVerbs report a stance as a saying does ("Moscow dismissed the
// charges").
var reactionVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`dismiss reject deny counter respond warn accuse urge describe call condemn criticize welcome praise blame insist promise pledge vow threaten demand`) {
		m[text.NormWord(w)] = true
	}
	return m
}()

var sayNouns = lexicon.SetOf(`statement statements remarks remark words speech comments comment announcement address`)

var locatives = lexicon.SetOf(`in at near outside inside from to into across within beneath under off over along around throughout underneath`)

// describesPerson reports whether token i opens the appositive or "of"
// phrase right after a name the question gives: "Zlauvinen, the Argentine
// diplomat", "José Bustani of Brazil", "Williams, an American from Vermont".
func describesPerson(q question.Question, s Passage, i int) bool {
	for ci, c := range q.Concepts {
		if !c.Entity {
			continue
		}
		for _, end := range s.Matches[ci].end {
			if end >= i || i-end > 5 {
				continue
			}
			between := s.Toks[end:i]
			if between[0].Text != "," && between[0].Lower != "of" {
				continue
			}
			ok := true
			for _, t := range between[1:] {
				if t.Kind == text.Punct || t.Cap {
					ok = false
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// namesMore reports whether an entity that shares words with the question
// holds the question's head noun and some word the question lacks: "Moon
// Agreement" for "which agreement about the moon".
func namesMore(q question.Question, s Passage, en entity) bool {
	head, other := false, false
	for k := en.from; k < en.to; k++ {
		t := s.Toks[k]
		if t.Kind != text.Word {
			continue
		}
		if q.Head != "" && t.Norm == q.Head {
			head = true
		} else if !InQuestion(s, k, k+1) {
			other = true
		}
	}
	return head && other
}

// placeNouns follow a place's name: "Fordow site", "Fangataufa atoll".
var placeNouns = lexicon.SetOf(`site atoll island islands base facility plant region province desert peninsula test mountain
range sea bay coast port city town village district`)

// locativeBefore reports whether a locative preposition comes before token
// i, directly or across "the": "in the Algerian Sahara", "at the Fordow site".
func locativeBefore(toks []text.Token, i int) bool {
	// "in southeastern Ukraine", "in the far north of Russia"
	for i > 0 && (toks[i-1].Lower == "the" || compassWords[toks[i-1].Lower]) {
		i--
	}
	return i > 0 && locatives[toks[i-1].Lower]
}

// compassWords stand between a locative and a place: "in southeastern
// Ukraine".
var compassWords = lexicon.SetOf(`northern southern eastern western central northeastern northwestern southeastern southwestern north south east west far`)

// leadToken returns the token before a name and its titles: "by" in "by
// U.S. President Ronald Reagan". It returns -1 at the start.
func leadToken(toks []text.Token, from int) int {
	k := from - 1
	for k >= 0 {
		t := toks[k]
		g, gaz := lexicon.Gazetteer[t.Lower]
		if lexicon.TitleWords[t.Lower] || gaz && t.Cap && g != lexicon.PlaceCity || lexicon.KnownOrgs[t.Lower] && t.Cap ||
			t.Text == "[" || t.Text == "(" || t.Lower == "of" {
			k-- // "by the President [of Russia Vladimir Putin]"
			continue
		}
		break
	}
	return k
}

// insideQuote reports whether token i sits inside a quotation.
func insideQuote(toks []text.Token, i int) bool {
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
func qualifiesTitle(toks []text.Token, en entity, ents []entity) bool {
	k := en.to
	if en.poss && en.kind != entPerson {
		// "the European Union's foreign policy chief"
		for x := k; x < len(toks) && x < k+4 && toks[x].Kind == text.Word && !toks[x].Cap; x++ {
			if lexicon.RoleHeads[toks[x].Lower] {
				return true
			}
		}
	}
	if k >= len(toks) || !lexicon.TitleWords[toks[k].Lower] {
		return false
	}
	for k < len(toks) && lexicon.TitleWords[toks[k].Lower] {
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
func titleNear(toks []text.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		t := toks[k]
		if lexicon.RoleHeads[t.Lower] {
			return true
		}
		if _, gaz := lexicon.Gazetteer[t.Lower]; !(gaz || t.Kind == text.Punct || t.Lower == "of" || t.Lower == "the") {
			return false
		}
	}
	return false
}

// questionRole returns the index of the concept naming the role a
// who-question asks about ("foreign minister"), or -1.
func questionRole(q question.Question) int {
	role := -1
	for ci, c := range q.Concepts {
		if question.IsRoleConcept(c) {
			role = ci // the last: "chief US negotiator" asks for a negotiator
		}
	}
	return role
}

// titleHas reports whether the title written before a name, or in the
// appositive after it, holds the role: "Foreign Minister Sergei Lavrov",
// "Javad Zarif, Iran's foreign minister,".
func titleHas(toks []text.Token, from, to int, role question.Concept) bool {
	// before the name, back to the last punctuation: "Foreign Minister
	// Sergei Lavrov", "the chief U.S. negotiator was Rose Gottemoeller"
	start := from
	for start > 0 && from-start < 7 && !(toks[start-1].Kind == text.Punct && toks[start-1].Text != "[" && toks[start-1].Text != "(" && toks[start-1].Text != ".") {
		start--
	}
	if len(findConcept(role, toks[start:from]).Pos) > 0 {
		return true
	}
	// in the appositive after it
	if to < len(toks) && toks[to].Text == "," {
		return len(findConcept(role, toks[to+1:clauseEnd(toks, to+1, 8)]).Pos) > 0
	}
	// after a copula: "José Bustani of Brazil was the first Director-General"
	k := to
	if k+1 < len(toks) && toks[k].Lower == "of" && toks[k+1].Cap {
		for k++; k < len(toks) && toks[k].Cap; k++ {
		}
	}
	for k < len(toks) && (toks[k].Lower == "has" || toks[k].Lower == "had" || toks[k].Lower == "have") {
		k++
	}
	if k < len(toks) && copulas[toks[k].Lower] {
		return len(findConcept(role, toks[k+1:clauseEnd(toks, k+1, 6)]).Pos) > 0
	}
	return false
}

// copulas join a name to the role it holds.
var copulas = lexicon.SetOf(`is was became becomes been remains remained`)

// skipAppositive returns the token after an appositive that follows a name
// (", the agency's director general,"), or i when none does.
func skipAppositive(toks []text.Token, i int) int {
	if i >= len(toks) || toks[i].Text != "," {
		return i
	}
	for k := i + 1; k < len(toks) && k <= i+10; k++ {
		switch {
		case toks[k].Text == ",":
			if k+1 < len(toks) && toks[k+1].Kind == text.Word && !toks[k+1].Cap {
				return k + 1
			}
			return i
		case toks[k].Kind == text.Punct && toks[k].Text != "-" && toks[k].Text != "’" && toks[k].Text != "'":
			return i
		}
	}
	return i
}

// appositiveRole reports whether the question's role follows the name after a
// comma: "Mohammad Javad Zarif, Iran's foreign minister,".
func appositiveRole(q question.Question, s Passage, after int) bool {
	if after >= len(s.Toks) || s.Toks[after].Text != "," {
		return false
	}
	end := clauseEnd(s.Toks, after+1, 8)
	for k := after + 1; k < end; k++ {
		if lexicon.RoleHeads[s.Toks[k].Lower] && InQuestion(s, k, k+1) {
			return true
		}
	}
	return false
}

// lesserTitle reports whether the title before a name has a rank word the
// question lacks: a deputy minister does not answer "who is the minister".
func lesserTitle(toks []text.Token, nameFrom int, question string) bool {
	lq := " " + strings.ToLower(question) + " "
	for k := nameFrom - 1; k >= 0 && lexicon.TitleWords[toks[k].Lower]; k-- {
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
func titleQualifier(toks []text.Token, nameFrom int) int {
	k := nameFrom - 1
	for k >= 0 && lexicon.TitleWords[toks[k].Lower] {
		k--
	}
	if k >= 0 && k < nameFrom-1 {
		if g, ok := lexicon.Gazetteer[toks[k].Lower]; ok && (g == lexicon.PlaceCountry || g == lexicon.PlaceDemonym || g == lexicon.PlaceCapital) {
			return k
		}
	}
	return -1
}

// questionHasPlace reports whether the question names a country or place.
func questionHasPlace(q question.Question) bool {
	for _, c := range q.Concepts {
		if _, ok := lexicon.Gazetteer[strings.ToLower(c.Text)]; ok {
			return true
		}
	}
	return false
}

// isDateline reports whether an entity is the all-capitals place that opens
// a news report ("SOCHI, November 20. /TASS/.").
func isDateline(s Passage, en entity) bool {
	return en.from == 0 && s.Toks[0].AllCaps && en.kind.isPlace() && len(s.Toks) > 1 && s.Toks[1].Text == ","
}

// entityText is how an entity is written in an answer: as in the text, but
// with an all-capitals dateline city in title case.
func (f *Finder) entityText(s Passage, en entity) string {
	text := s.P.Text[s.Toks[en.from].Start:s.Toks[en.to-1].End]
	if isDateline(s, en) {
		var parts []string
		for _, t := range s.Toks[en.from:en.to] {
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
func coordinate(toks []text.Token, ents []entity, w question.Want) [][]entity {
	var groups [][]entity
	for i := 0; i < len(ents); i++ {
		g := []entity{ents[i]}
		for i+1 < len(ents) {
			if joinable(toks, g[len(g)-1], ents[i+1], w) {
				g = append(g, ents[i+1])
				i++
				continue
			}
			// "John Kerry, the U.S. secretary of state, and Sergei Lavrov"
			if j, ok := pastAppositive(toks, ents, i, w); ok {
				g = append(g, ents[j])
				i = j
				continue
			}
			break
		}
		groups = append(groups, g)
	}
	return groups
}

// pastAppositive finds the person joined to person ents[i] across the
// appositive that describes the first: "A, the U.S. secretary of state, and
// B". It returns B's index.
func pastAppositive(toks []text.Token, ents []entity, i int, w question.Want) (int, bool) {
	a := ents[i]
	if a.kind != entPerson || kindFit(w, entPerson) < 1 || a.to >= len(toks) || toks[a.to].Text != "," {
		return 0, false
	}
	end := skipAppositive(toks, a.to)
	if end == a.to {
		// skipAppositive stops before a lower-case word; here "and" follows
		for k := a.to + 1; k < len(toks) && k <= a.to+10; k++ {
			if toks[k].Text == "," {
				end = k + 1
				break
			}
		}
	}
	if end == a.to || end >= len(toks) || toks[end].Lower != "and" {
		return 0, false
	}
	for j := i + 1; j < len(ents); j++ {
		if ents[j].from < end {
			continue // inside the appositive: "U.S."
		}
		if ents[j].from == end+1 && ents[j].kind == entPerson {
			return j, true
		}
		break
	}
	return 0, false
}

func joinable(toks []text.Token, a, b entity, w question.Want) bool {
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
		case lexicon.TitleWords[t.Lower] || t.Lower == "the":
		default:
			if _, ok := lexicon.Gazetteer[t.Lower]; ok && t.Cap {
				continue // "Soviet" before a title
			}
			return false
		}
	}
	if sawAnd || b.from-a.to == 1 && toks[a.to].Text == "," {
		return true
	}
	// "the United States, the United Kingdom and the Soviet Union": a comma
	// and "the", when what follows goes on listing; "Vienna, the Austrian
	// capital" does not
	return toks[a.to].Text == "," && b.to < len(toks) && (toks[b.to].Text == "," || toks[b.to].Lower == "and")
}

// extractSource answers "which agency reported this" with the document's
// source, quoting the passage that names it.
func (f *Finder) extractSource(q question.Question, s Passage) []Candidate {
	if s.Doc == nil || s.P.Source == "" {
		return nil
	}
	lo := strings.ToLower(s.P.Text)
	if i := strings.Index(lo, strings.ToLower(s.P.Source)); i >= 0 {
		c := whole(s, s.P.Source, sourceNamed.fit(1))
		c.SpanStart, c.SpanEnd = i, i+len(s.P.Source)
		return []Candidate{c}
	}
	// "The statement was carried by the Korean Central News Agency": an
	// agency the text names beats the desk that wrote the text
	var out []Candidate
	for _, en := range findEntities(s.Toks, f.voc) {
		if question.SourceHeads[s.Toks[en.to-1].Lower] && !allInQuestion(s, en.from, en.to) {
			out = append(out, span(s, en.from, en.to, f.entityText(s, en), sourceAgency.fit(0.5+Proximity(q, s, en.from, en.to)).clamped()))
		}
	}
	return append(out, whole(s, s.P.Source, sourceOfDocument.fit(0.6)))
}

// extractRole answers "what is X's position" and "who is X" with the title
// written before or after the name.
func (f *Finder) extractRole(q question.Question, s Passage) []Candidate {
	var out []Candidate
	for ci, c := range q.Concepts {
		if !c.Entity {
			continue
		}
		m := s.Matches[ci]
		for k, p := range m.Pos {
			// titles before the name: "Russian Deputy Foreign Minister Sergey Ryabkov"
			from := p
			for from > 0 && !InQuestion(s, from-1, from) && (s.Toks[from-1].Kind == text.Word && s.Toks[from-1].Cap ||
				s.Toks[from-1].Lower == "of" && from > 1 && s.Toks[from-2].Cap) {
				from--
			}
			if from < p && text.Any(s.Toks[from:p], func(t text.Token) bool { return lexicon.RoleHeads[t.Lower] }) {
				out = append(out, span(s, from, p, "", roleTitleBefore.fit(1)))
				continue
			}
			// an appositive after it: "Dmitry Peskov, the Kremlin spokesman,"
			end := m.end[k]
			for end < len(s.Toks) && s.Toks[end].Kind == text.Word && s.Toks[end].Cap {
				end++
			}
			if end+1 < len(s.Toks) && (s.Toks[end].Text == ",") {
				stop := clauseEnd(s.Toks, end+1, appositiveWords(q))
				if stop > end+1 && (q.Define && opensNounPhrase(s.Toks[end+1]) || text.Any(s.Toks[end+1:stop], func(t text.Token) bool { return lexicon.RoleHeads[t.Lower] })) {
					out = append(out, span(s, end+1, stop, "", roleAppositive.fit(0.9)))
				}
			}
		}
	}
	return out
}

// excepted reports whether the name at token i follows "besides", "apart
// from", "except" or "other than" in its clause.
func excepted(toks []text.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch toks[k].Lower {
		case "besides", "except", "excluding":
			return true
		case "from", "than":
			if k > 0 && (toks[k-1].Lower == "apart" || toks[k-1].Lower == "aside" || toks[k-1].Lower == "other") {
				return true
			}
		}
		if toks[k].Kind == text.Punct {
			return false
		}
	}
	return false
}
