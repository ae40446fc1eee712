package question

import (
	"math"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/answer/wordnet"
)

// buildConcepts turns the question's content words into concepts, each
// with the forms a passage may use for it, weighted by rarity; then it
// finds, among them, the clause that only sets the scene, the main verb,
// the actor and the subject.
func (voc *Vocabulary) buildConcepts(q *Question, ws []text.Token, consumed, keep map[int]bool) {
	content := func(i int) bool {
		t := ws[i]
		if keep[i] {
			return true
		}
		if consumed[i] || lexicon.QuestionFiller[t.Lower] && !t.Cap {
			return false
		}
		if t.Kind == text.Number {
			return true
		}
		return !lexicon.Stopwords[t.Lower] && !auxWords[t.Lower] && !whWords[t.Lower]
	}
	// a name's words are read before any is corrected, and never are
	names := voc.names.nameSpans(ws)
	inName := map[int]bool{}
	for i, n := range names {
		for k := i; k < i+n; k++ {
			inName[k] = true
		}
	}
	corrected := voc.correctTypos(ws, func(i int) bool { return content(i) && !inName[i] })
	cased := false
	for k := 1; k < len(ws); k++ {
		cased = cased || ws[k].Cap
	}
	i := 0
	for i < len(ws) {
		if !content(i) {
			i++
			continue
		}
		n, groups := voc.longestPhrase(ws, i)
		var c Concept
		if nn := names[i]; nn > n {
			n = nn
			c = voc.nameConcept(ws, i, n)
		} else {
			c = voc.conceptAt(q, ws, i, n, groups, corrected, cased)
		}
		// "in July 2019" is known to a corpus that says "on July 9" in an
		// article published in 2019
		if c.Entity && c.Weight > 0 && !voc.Known(c) && !voc.years[c.Text] {
			q.Unknown = append(q.Unknown, c.Text)
		}
		q.Concepts = append(q.Concepts, c)
		i += n
	}
	markSecondary(q, ws)
	voc.findVerb(q, ws)
	findActor(q)
	findSubject(q)
}

// correctTypos corrects the misspelt content words of a question in
// place, first, so that phrases and synonyms see the right words; it
// returns which words it corrected.
func (voc *Vocabulary) correctTypos(ws []text.Token, content func(int) bool) map[int]bool {
	corrected := map[int]bool{}
	for i := range ws {
		if content(i) && ws[i].Kind == text.Word {
			if fixed, ok := voc.correct(ws[i].Lower); ok {
				ws[i].Lower = fixed
				ws[i].Norm = text.NormWord(fixed)
				ws[i].Text = fixed
				corrected[i] = true
			}
		}
	}
	return corrected
}

// longestPhrase finds the longest synonym phrase or country name that
// starts at word i, returning its length in words (1 when none does) and
// its synonym groups.
func (voc *Vocabulary) longestPhrase(ws []text.Token, i int) (int, []int) {
	for l := voc.syn.maxLen; l >= 1; l-- {
		if i+l > len(ws) {
			continue
		}
		var key []string
		for k := i; k < i+l; k++ {
			key = append(key, ws[k].Norm)
		}
		if gs := voc.syn.usable(voc.syn.byKey[strings.Join(key, " ")], ws[i:i+l]); len(gs) > 0 {
			return l, gs
		}
	}
	return 1, nil
}

// conceptAt makes the concept of words [i, i+n), in synonym groups:
// its own forms, its synonyms and aliases, whether it is a name or a
// light verb, WordNet's forms for a plain word, and its weight.
func (voc *Vocabulary) conceptAt(q *Question, ws []text.Token, i, n int, groups []int, corrected map[int]bool, cased bool) Concept {
	var textParts []string
	var own []string
	fixed := false
	for k := i; k < i+n; k++ {
		textParts = append(textParts, ws[k].Text)
		own = append(own, ws[k].Norm)
		fixed = fixed || corrected[k]
	}
	c := Concept{Text: strings.Join(textParts, " "), Pos: i, Corrected: fixed}
	c.Alts = append(c.Alts, Alt{Norms: own, Text: c.Text})
	if n == 1 && len(ws[i].Parts) > 1 {
		c.Alts = append(c.Alts, Alt{Norms: ws[i].Parts, Text: strings.Join(strings.FieldsFunc(ws[i].Lower, func(r rune) bool { return text.IsDash(r) }), " ")})
	}
	c.SynFrom = len(c.Alts)
	c.Alts = append(c.Alts, voc.synonymAlts(ws, i, n, groups, own)...)
	first := ws[i]
	_, isGaz := lexicon.Gazetteer[strings.ToLower(c.Text)]
	// in a question written with capitals, a lower-case word is no name
	// ("how many nations"), unless the corpus writes it as an acronym
	nameWord := voc.isNameWord(first, i == 0) && (first.Cap || !cased || voc.acronyms[first.Lower])
	c.Entity = isGaz || first.HasDigit && first.HasLetters || nameWord || n == 1 && institutions[first.Lower]
	if first.Kind == text.Number {
		c.Entity = true
	}
	c.Light = n == 1 && lexicon.LightVerbs[first.Lower] || n == 1 && lightNorms[first.Norm]
	c.WnFrom = len(c.Alts)
	if !c.Entity && !c.Light && first.Kind == text.Word {
		c.Alts = append(c.Alts, wordnetAlts(c)...)
	}
	c.Poss = ws[i+n-1].Poss
	c.Head = q.Head != "" && first.Norm == q.Head
	c.Weight = voc.conceptWeight(c)
	if c.Light {
		c.Weight *= 0.15
	}
	return c
}

// nameConcept makes the concept of a learnt name, words [i, i+n): one
// concept, its own words and the corpus's aliases for it, never a synonym
// of one of its words nor WordNet's. It is a name (a passage without it
// is about something else) when a word of it is written as names are.
func (voc *Vocabulary) nameConcept(ws []text.Token, i, n int) Concept {
	var textParts, own []string
	entity := false
	for k := i; k < i+n; k++ {
		textParts = append(textParts, ws[k].Text)
		own = append(own, ws[k].Norm)
		entity = entity || ws[k].AllCaps || voc.isNameWord(ws[k], false) || voc.caps[ws[k].Lower] > voc.lower[ws[k].Lower]
	}
	key := strings.Join(own, " ")
	c := Concept{Text: strings.Join(textParts, " "), Pos: i, Entity: entity, Name: true}
	c.Alts = append(c.Alts, Alt{Norms: own, Text: c.Text})
	// a shorter name inside it: "Strategic Arms Reduction" in "New Strategic
	// Arms Reduction"
	for l := n - 1; l >= 2; l-- {
		for k := i; k+l <= i+n; k++ {
			if voc.names.nameAt(ws[k:k+l], 0) == l {
				c.Alts = append(c.Alts, Alt{Norms: own[k-i : k-i+l], Text: strings.Join(textParts[k-i:k-i+l], " ")})
			}
		}
	}
	// "Reagan" for "Ronald Reagan", "START" for "New START": the last word,
	// when the corpus writes it alone too, as a name
	last := ws[i+n-1]
	if alone := voc.caps[last.Lower] - voc.names.count[key]; alone > 0 && !lexicon.Stopwords[last.Lower] && voc.lower[last.Lower] < voc.caps[last.Lower] {
		c.Alts = append(c.Alts, Alt{Norms: []string{last.Norm}, Text: last.Text})
	}
	c.SynFrom = len(c.Alts)
	c.Alts = append(c.Alts, voc.synonymAlts(ws, i, n, voc.syn.byKey[key], own)...)
	c.WnFrom = len(c.Alts)
	c.Poss = ws[i+n-1].Poss
	c.Weight = voc.conceptWeight(c)
	return c
}

// synonymAlts are the forms of words [i, i+n) from their synonym groups,
// less their own: START in capitals is a treaty, not "begin", though UN is
// the United Nations; and the Moscow Treaty is not Russia's.
func (voc *Vocabulary) synonymAlts(ws []text.Token, i, n int, groups []int, own []string) []Alt {
	if _, gaz := lexicon.Gazetteer[ws[i].Lower]; n == 1 && ws[i].AllCaps && !gaz {
		groups = capsGroups(voc.syn, groups, ws[i].Text)
	}
	if i+n < len(ws) && lexicon.DocWords[ws[i+n].Lower] && (ws[i+n].Cap || ws[i].Cap) {
		groups = nil
	}
	var out []Alt
	for _, g := range groups {
		for _, a := range voc.syn.groups[g] {
			if strings.Join(a.Norms, " ") == strings.Join(own, " ") {
				continue
			}
			a.syn = true
			out = append(out, a)
		}
	}
	return out
}

// markSecondary halves the weight of the concepts of a clause that only
// places the question: in "who was the IAEA chief when sanctions were
// lifted", what follows "when" is not what is asked.
func markSecondary(q *Question, ws []text.Token) {
	sub := len(ws)
	for i := 1; i < len(ws); i++ {
		if sceneSetters[ws[i].Lower] && i > 1 {
			sub = i
			break
		}
	}
	for ci := range q.Concepts {
		if q.Concepts[ci].Pos > sub {
			q.Concepts[ci].secondary = true
			q.Concepts[ci].Weight *= 0.5
		}
	}
}

// findVerb finds the main verb: the concept that reads most like a verb
// ("take effect", "signed"), the later one after an auxiliary ("did the
// INF Treaty take effect") and the first otherwise ("who postponed the
// meeting planned for ..."); and whether it is passive ("was signed").
func (voc *Vocabulary) findVerb(q *Question, ws []text.Token) {
	bestV := -1.0
	for ci, c := range q.Concepts {
		if c.Entity || c.Light || c.Head || c.secondary {
			continue
		}
		order := 0.01 * float64(ci)
		if !q.auxAfterWh {
			order = -order
		}
		v := verbness(ws, c.Pos, len(voc.syn.byKey[strings.Join(c.Alts[0].Norms, " ")]) > 0) + order
		// "how did Bill Clinton describe the test ban": the bare word right
		// after the subject's name follows "did"
		if q.auxAfterWh && doSupport(ws) && c.Pos > 0 && !ws[c.Pos].Cap && voc.nameBefore(q, c.Pos) {
			v += 2
		}
		if v >= 1 && v > bestV {
			bestV, q.Verb = v, ci
		}
	}
	if q.Verb >= 0 {
		v := ws[q.Concepts[q.Verb].Pos]
		participle := strings.HasSuffix(v.Lower, "ed") || strings.HasSuffix(v.Lower, "en") || text.Irregular[v.Lower] != ""
		q.Passive = participle && text.Any(ws[:q.Concepts[q.Verb].Pos], func(t text.Token) bool { return beForms[t.Lower] })
	}
}

// findActor finds the actor of "what did Moscow say", "how did Russia
// react": the first name before the main verb, after an auxiliary.
func findActor(q *Question) {
	if !q.auxAfterWh {
		return
	}
	for ci, c := range q.Concepts {
		if c.Entity && (q.Verb < 0 || ci < q.Verb) {
			q.Actor = ci
			break
		}
	}
}

// findSubject finds the subject: the first name before the verb in "who
// did X blame", the name after it in "who criticized X".
func findSubject(q *Question) {
	for ci, c := range q.Concepts {
		if !c.Entity {
			continue
		}
		if q.ObjectQuestion && (q.Verb < 0 || ci < q.Verb) || !q.ObjectQuestion && ci > q.Verb && q.Verb >= 0 {
			q.Subject = ci
			break
		}
	}
}

// wordnetAlts are the forms WordNet relates to a concept's words that its
// own forms and lexicon synonyms do not already give: synonyms, derived
// forms and verb groups of the first two senses, and hypernyms of the
// first. Light verbs and function words are left out: they would match
// anything.
func wordnetAlts(c Concept) []Alt {
	have := map[string]bool{}
	for _, a := range c.Alts {
		have[strings.Join(a.Norms, " ")] = true
	}
	var out []Alt
	for _, r := range wordnet.Related(strings.ToLower(c.Text)) {
		if r.Rank > 2 || r.Kind == wordnet.Hypernym && r.Rank > 1 || lexicon.Stopwords[r.Word] || lexicon.LightVerbs[r.Word] {
			continue
		}
		a := phraseAlt(r.Word)
		key := strings.Join(a.Norms, " ")
		if len(a.Norms) == 0 || have[key] || lightNorms[key] {
			continue
		}
		have[key] = true
		a.syn = true
		a.Hyper = r.Kind == wordnet.Hypernym
		out = append(out, a)
	}
	return out
}

// capsGroups keeps the groups that list text itself in capitals, as the
// group of UN and United Nations does; "start, begin" does not list START.
func capsGroups(s *synonymIndex, groups []int, text string) []int {
	var out []int
	for _, g := range groups {
		for _, a := range s.groups[g] {
			if a.Text == text {
				out = append(out, g)
				break
			}
		}
	}
	return out
}

// verbness scores how much a question word reads like a verb.
func verbness(ws []text.Token, i int, hasSynonyms bool) float64 {
	t := ws[i]
	v := 0.0
	if i > 0 {
		switch prev := ws[i-1]; {
		case prev.Lower == "the" || prev.Lower == "a" || prev.Lower == "an" || prev.Poss:
			v -= 2 // "the move": a noun
		case prev.Lower == "to":
			v++ // "ready to continue": an infinitive
		}
	}
	if strings.HasSuffix(t.Lower, "ed") || strings.HasSuffix(t.Lower, "en") || text.Irregular[t.Lower] != "" {
		v += 2
	}
	if hasSynonyms {
		v++
	}
	if !t.Cap {
		v++
	}
	if strings.HasSuffix(t.Lower, "s") && !strings.HasSuffix(t.Lower, "ss") {
		v-- // "missiles": more likely a plural noun
	}
	if strings.HasSuffix(t.Lower, "ing") && i > 0 && !auxWords[ws[i-1].Lower] && ws[i-1].Lower != "to" {
		v-- // "the law revoking ...": a participle modifying a noun
	}
	for _, suf := range []string{"ar", "al", "ic", "ous", "ive", "ful", "ian", "ish", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ship"} {
		if strings.HasSuffix(t.Lower, suf) && len(t.Lower) > len(suf)+2 {
			v-- // "nuclear", "final": more likely an adjective
			break
		}
	}
	if lexicon.OrgWords[t.Lower] || t.Kind == text.Number || lexicon.RoleHeads[t.Lower] || lexicon.TitleWords[t.Lower] {
		v -= 3 // "Senate", "secretary": nouns
	}
	return v
}

// sceneSetters open a clause that only places a question: "who was chief
// when sanctions were lifted", "what will Russia do if the US leaves".
var sceneSetters = lexicon.SetOf(`when while after before if unless once`)

// institutions are bodies a question names as precisely as a name: a passage
// about the Senate does not answer a question about a parliament.
var institutions = lexicon.SetOf(`senate congress duma parliament assembly council court cabinet knesset majlis bundestag politburo`)

// lightNorms are the normalised forms of the light verbs.
var lightNorms = func() map[string]bool {
	m := map[string]bool{}
	for v, light := range lexicon.LightVerbs {
		if light {
			m[text.NormWord(v)] = true
		}
	}
	return m
}()

// isNameWord reports whether a question word names something: capitalised
// mid-question, or a word the corpus writes mostly with a capital.
func (voc *Vocabulary) isNameWord(t text.Token, initial bool) bool {
	if t.Kind != text.Word || lexicon.CalendarWords[t.Lower] || lexicon.TitleWords[t.Lower] || lexicon.OrgWords[t.Lower] {
		return false
	}
	lc, cc := voc.lower[t.Lower], voc.caps[t.Lower]
	if t.Cap && !initial {
		return lc <= cc
	}
	return cc > 0 && lc == 0
}

// Known reports whether any of a concept's forms occur in the corpus.
func (voc *Vocabulary) Known(c Concept) bool {
	for _, a := range c.Alts {
		all := true
		for _, n := range a.Norms {
			if voc.df[n] == 0 {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// conceptWeight is the inverse document frequency of the concept's rarest
// own form: rare words say more about which passage answers.
func (voc *Vocabulary) conceptWeight(c Concept) float64 {
	best := 0.0
	for i, a := range c.Alts {
		if i >= c.SynFrom && best > 0 {
			break
		}
		w := 0.0
		for _, n := range a.Norms {
			if voc.df[n] > 0 {
				w = math.Max(w, voc.IDF(n))
			}
		}
		best = math.Max(best, w)
	}
	if best == 0 {
		// a word the corpus never uses still counts against coverage, but
		// a plain word ("define") says less than a missing name does
		best = 0.35 * voc.IDF("")
	}
	return best
}

// IDF is the inverse document frequency of a normalised term: how much
// finding it says about a passage. "" stands for a term no passage holds.
func (voc *Vocabulary) IDF(norm string) float64 {
	df := 0
	if norm != "" {
		df = voc.df[norm]
	}
	return math.Log(1 + float64(voc.n+1)/float64(df+1))
}

// nameBefore reports whether the question word at pos follows a name
// concept directly, as a verb follows its subject.
func (voc *Vocabulary) nameBefore(q *Question, pos int) bool {
	for _, c := range q.Concepts {
		n := len(c.Alts[0].Norms)
		if c.Entity && c.Pos+n == pos {
			return true
		}
	}
	return false
}

// doSupport reports whether the question's first auxiliary takes a bare
// verb after its subject: "did", "will", "can" do; "is" does not ("is
// Russia ready").
func doSupport(ws []text.Token) bool {
	for _, t := range ws {
		if auxWords[t.Lower] {
			return bareVerbAux[t.Lower]
		}
	}
	return false
}

var bareVerbAux = lexicon.SetOf(`did does do will would can could should may might must shall`)

// beForms make a passive with a participle: "was signed".
var beForms = lexicon.SetOf(`is are was were be been being`)

// IsRoleConcept reports whether a concept names a role: "spokesman",
// "foreign minister".
func IsRoleConcept(c Concept) bool {
	for _, w := range strings.Fields(strings.ToLower(c.Text)) {
		if lexicon.RoleHeads[w] {
			return true
		}
	}
	return false
}
