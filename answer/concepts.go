package answer

import (
	"math"
	"strings"

	"github.com/treatybot/treatybot/answer/wordnet"
)

// alt is one way of expressing a concept: a sequence of normalised tokens,
// and its surface text for retrieval.
type alt struct {
	norms []string
	text  string
	syn   bool // from a synonym or alias, not the question's own word
	hyper bool // from WordNet: a hypernym, a broader word
}

// synonymIndex maps a normalised phrase ("take effect" -> "take effect")
// to the synonym groups it belongs to.
type synonymIndex struct {
	byKey  map[string][]int
	groups [][]alt
	maxLen int
	shared int // groups from the lexicon; those after come from the corpus
}

func buildSynonyms() *synonymIndex {
	s := &synonymIndex{byKey: map[string][]int{}}
	for gi, g := range synonymGroups {
		var alts []alt
		for _, phrase := range g {
			a := phraseAlt(phrase)
			alts = append(alts, a)
			key := strings.Join(a.norms, " ")
			s.byKey[key] = appendUnique(s.byKey[key], gi)
			if len(a.norms) > s.maxLen {
				s.maxLen = len(a.norms)
			}
		}
		s.groups = append(s.groups, alts)
	}
	// countries: every alias, the demonym and the capital express the country
	for _, p := range countries {
		var alts []alt
		for _, n := range strings.Split(p.country, "/") {
			alts = append(alts, phraseAlt(n))
		}
		alts = append(alts, phraseAlt(p.demonym))
		for _, c := range strings.Split(p.capital, "/") {
			alts = append(alts, phraseAlt(c))
		}
		gi := len(s.groups)
		s.groups = append(s.groups, alts)
		for _, a := range alts {
			key := strings.Join(a.norms, " ")
			s.byKey[key] = appendUnique(s.byKey[key], gi)
			if len(a.norms) > s.maxLen {
				s.maxLen = len(a.norms)
			}
		}
	}
	s.shared = len(s.groups)
	return s
}

func phraseAlt(phrase string) alt {
	a := alt{text: phrase}
	for _, t := range words(tokenize(phrase)) {
		a.norms = append(a.norms, t.Norm)
	}
	return a
}

func appendUnique(xs []int, x int) []int {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// buildConcepts turns the question's content words into concepts, each with
// the alternatives a passage may use, and weights them by rarity.
func (e *Engine) buildConcepts(q *question, ws []token, consumed, keep map[int]bool) {
	content := func(i int) bool {
		t := ws[i]
		if keep[i] {
			return true
		}
		if consumed[i] || questionFiller[t.Lower] && !t.Cap {
			return false
		}
		if t.Kind == tokNumber {
			return true
		}
		return !stopwords[t.Lower] && !auxWords[t.Lower] && !whWords[t.Lower]
	}
	// correct typos first, so phrases and synonyms see the right words
	corrected := map[int]bool{}
	for i := range ws {
		if content(i) && ws[i].Kind == tokWord {
			if fixed, ok := e.correct(ws[i].Lower); ok {
				ws[i].Lower = fixed
				ws[i].Norm = normWord(fixed)
				ws[i].Text = fixed
				corrected[i] = true
			}
		}
	}
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
		// the longest synonym phrase or country name starting here
		n, groups := 1, []int(nil)
		for l := e.syn.maxLen; l >= 1; l-- {
			if i+l > len(ws) {
				continue
			}
			var key []string
			for k := i; k < i+l; k++ {
				key = append(key, ws[k].Norm)
			}
			if gs := e.syn.usable(e.syn.byKey[strings.Join(key, " ")], ws[i:i+l]); len(gs) > 0 {
				n, groups = l, gs
				break
			}
		}
		var textParts []string
		var own []string
		fixed := false
		for k := i; k < i+n; k++ {
			textParts = append(textParts, ws[k].Text)
			own = append(own, ws[k].Norm)
			fixed = fixed || corrected[k]
		}
		c := concept{text: strings.Join(textParts, " "), pos: i, corrected: fixed}
		c.alts = append(c.alts, alt{norms: own, text: c.text})
		if n == 1 && len(ws[i].Parts) > 1 {
			c.alts = append(c.alts, alt{norms: ws[i].Parts, text: strings.Join(strings.FieldsFunc(ws[i].Lower, func(r rune) bool { return isDash(r) }), " ")})
		}
		c.synFrom = len(c.alts)
		if _, gaz := gazetteer[ws[i].Lower]; n == 1 && ws[i].AllCaps && !gaz {
			groups = capsGroups(e.syn, groups, ws[i].Text) // START is a treaty, not "begin"; but UN is the United Nations
		}
		if i+n < len(ws) && docWords[ws[i+n].Lower] && (ws[i+n].Cap || ws[i].Cap) {
			groups = nil // the Moscow Treaty is not Russia's
		}
		for _, g := range groups {
			for _, a := range e.syn.groups[g] {
				if strings.Join(a.norms, " ") == strings.Join(own, " ") {
					continue
				}
				a.syn = true
				c.alts = append(c.alts, a)
			}
		}
		first := ws[i]
		_, isGaz := gazetteer[strings.ToLower(c.text)]
		// in a question written with capitals, a lower-case word is no name
		// ("how many nations"), unless the corpus writes it as an acronym
		nameWord := e.isNameWord(first, i == 0) && (first.Cap || !cased || e.acronyms[first.Lower])
		c.entity = isGaz || first.HasDigit && first.HasLetters || nameWord || n == 1 && institutions[first.Lower]
		if first.Kind == tokNumber {
			c.entity = true
		}
		c.light = n == 1 && lightVerbs[first.Lower] || n == 1 && lightNorms[first.Norm]
		c.wnFrom = len(c.alts)
		if !c.entity && !c.light && first.Kind == tokWord {
			c.alts = append(c.alts, wordnetAlts(c)...)
		}
		c.poss = ws[i+n-1].Poss
		c.head = q.head != "" && first.Norm == q.head
		c.weight = e.conceptWeight(c)
		if c.light {
			c.weight *= 0.15
		}
		// "in July 2019" is known to a corpus that says "on July 9" in an
		// article published in 2019
		if c.entity && c.weight > 0 && !e.known(c) && !e.years[c.text] {
			q.unknown = append(q.unknown, c.text)
		}
		q.concepts = append(q.concepts, c)
		i += n
	}
	// "who was the IAEA chief when sanctions were lifted": what follows
	// "when" only places the question; it is not what is asked
	sub := len(ws)
	for i := 1; i < len(ws); i++ {
		if sceneSetters[ws[i].Lower] && i > 1 {
			sub = i
			break
		}
	}
	for ci := range q.concepts {
		if q.concepts[ci].pos > sub {
			q.concepts[ci].secondary = true
			q.concepts[ci].weight *= 0.5
		}
	}
	// the main verb: the concept that reads most like a verb ("take effect",
	// "signed"), preferring the later one ("did the INF Treaty take effect")
	bestV := -1.0
	for ci, c := range q.concepts {
		if c.entity || c.light || c.head || c.secondary {
			continue
		}
		order := 0.01 * float64(ci)
		if !q.auxAfterWh {
			order = -order // "who postponed the meeting planned for ...": the first verb
		}
		v := verbness(ws, c.pos, len(e.syn.byKey[strings.Join(c.alts[0].norms, " ")]) > 0) + order
		// "how did Bill Clinton describe the test ban": the bare word right
		// after the subject's name follows "did"
		if q.auxAfterWh && doSupport(ws) && c.pos > 0 && !ws[c.pos].Cap && e.nameBefore(q, c.pos) {
			v += 2
		}
		if v >= 1 && v > bestV {
			bestV, q.verb = v, ci
		}
	}
	if q.verb >= 0 {
		v := ws[q.concepts[q.verb].pos]
		participle := strings.HasSuffix(v.Lower, "ed") || strings.HasSuffix(v.Lower, "en") || irregular[v.Lower] != ""
		q.passive = participle && anyTok(ws[:q.concepts[q.verb].pos], func(t token) bool { return beForms[t.Lower] })
	}
	// the actor of "what did Moscow say", "how did Russia react"
	if q.auxAfterWh {
		for ci, c := range q.concepts {
			if c.entity && (q.verb < 0 || ci < q.verb) {
				q.actor = ci
				break
			}
		}
	}
	// the subject: the first name before the verb in "who did X blame", the
	// name after it in "who criticized X"
	for ci, c := range q.concepts {
		if !c.entity {
			continue
		}
		if q.objectQuestion && (q.verb < 0 || ci < q.verb) || !q.objectQuestion && ci > q.verb && q.verb >= 0 {
			q.subject = ci
			break
		}
	}
}

// wordnetAlts are the forms WordNet relates to a concept's words that its
// own forms and lexicon synonyms do not already give: synonyms, derived
// forms and verb groups of the first two senses, and hypernyms of the
// first. Light verbs and function words are left out: they would match
// anything.
func wordnetAlts(c concept) []alt {
	have := map[string]bool{}
	for _, a := range c.alts {
		have[strings.Join(a.norms, " ")] = true
	}
	var out []alt
	for _, r := range wordnet.Related(strings.ToLower(c.text)) {
		if r.Rank > 2 || r.Kind == wordnet.Hypernym && r.Rank > 1 || stopwords[r.Word] || lightVerbs[r.Word] {
			continue
		}
		a := phraseAlt(r.Word)
		key := strings.Join(a.norms, " ")
		if len(a.norms) == 0 || have[key] || lightNorms[key] {
			continue
		}
		have[key] = true
		a.syn = true
		a.hyper = r.Kind == wordnet.Hypernym
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
			if a.text == text {
				out = append(out, g)
				break
			}
		}
	}
	return out
}

// verbness scores how much a question word reads like a verb.
func verbness(ws []token, i int, hasSynonyms bool) float64 {
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
	if strings.HasSuffix(t.Lower, "ed") || strings.HasSuffix(t.Lower, "en") || irregular[t.Lower] != "" {
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
	if orgWords[t.Lower] || t.Kind == tokNumber || roleHeads[t.Lower] || titleWords[t.Lower] {
		v -= 3 // "Senate", "secretary": nouns
	}
	return v
}

// sceneSetters open a clause that only places a question: "who was chief
// when sanctions were lifted", "what will Russia do if the US leaves".
var sceneSetters = setOf(`when while after before if unless once`)

// institutions are bodies a question names as precisely as a name: a passage
// about the Senate does not answer a question about a parliament.
var institutions = setOf(`senate congress duma parliament assembly council court cabinet knesset majlis bundestag politburo`)

// lightNorms are the normalised forms of the light verbs.
var lightNorms = func() map[string]bool {
	m := map[string]bool{}
	for v, light := range lightVerbs {
		if light {
			m[normWord(v)] = true
		}
	}
	return m
}()

// isNameWord reports whether a question word names something: capitalised
// mid-question, or a word the corpus writes mostly with a capital.
func (e *Engine) isNameWord(t token, initial bool) bool {
	if t.Kind != tokWord || calendarWords[t.Lower] || titleWords[t.Lower] || orgWords[t.Lower] {
		return false
	}
	lc, cc := e.lower[t.Lower], e.caps[t.Lower]
	if t.Cap && !initial {
		return lc <= cc
	}
	return cc > 0 && lc == 0
}

// known reports whether any of a concept's forms occur in the corpus.
func (e *Engine) known(c concept) bool {
	for _, a := range c.alts {
		all := true
		for _, n := range a.norms {
			if e.df[n] == 0 {
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
func (e *Engine) conceptWeight(c concept) float64 {
	best := 0.0
	for i, a := range c.alts {
		if i >= c.synFrom && best > 0 {
			break
		}
		w := 0.0
		for _, n := range a.norms {
			if e.df[n] > 0 {
				w = math.Max(w, e.idf(n))
			}
		}
		best = math.Max(best, w)
	}
	if best == 0 {
		// a word the corpus never uses still counts against coverage, but
		// a plain word ("define") says less than a missing name does
		best = 0.35 * e.idf("")
	}
	return best
}

func (e *Engine) idf(norm string) float64 {
	df := 0
	if norm != "" {
		df = e.df[norm]
	}
	return math.Log(1 + float64(e.n+1)/float64(df+1))
}

// nameBefore reports whether the question word at pos follows a name
// concept directly, as a verb follows its subject.
func (e *Engine) nameBefore(q *question, pos int) bool {
	for _, c := range q.concepts {
		n := len(c.alts[0].norms)
		if c.entity && c.pos+n == pos {
			return true
		}
	}
	return false
}

// doSupport reports whether the question's first auxiliary takes a bare
// verb after its subject: "did", "will", "can" do; "is" does not ("is
// Russia ready").
func doSupport(ws []token) bool {
	for _, t := range ws {
		if auxWords[t.Lower] {
			return bareVerbAux[t.Lower]
		}
	}
	return false
}

var bareVerbAux = setOf(`did does do will would can could should may might must shall`)

// beForms make a passive with a participle: "was signed".
var beForms = setOf(`is are was were be been being`)
