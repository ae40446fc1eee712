package answer

import (
	"regexp"
	"strings"
)

// want is the type of answer a question expects.
type want uint8

const (
	wantClaim       want = iota // a clause: "what will Russia do", "what did X say"
	wantDate                    // when
	wantEntity                  // who: a person, organisation or government
	wantPerson                  // who is the spokesman: a person
	wantOrg                     // which agency / organisation
	wantCountry                 // which country / capital
	wantPlace                   // where
	wantNumber                  // how many / how much / what range
	wantReason                  // why
	wantDescription             // how did X describe Y
	wantRole                    // what is X's position; who is Dmitry Peskov
	wantExpansion               // what does INF stand for
	wantYesNo                   // is Russia ready ...
	wantNounPhrase              // which missiles ...: a phrase ending in the head noun
	wantSource                  // which agency reported it: the document's source
)

var wantNames = [...]string{"claim", "date", "entity", "person", "organisation", "country", "place", "number",
	"reason", "description", "role", "expansion", "yes/no", "phrase", "source"}

func (w want) String() string { return wantNames[w] }

// concept is one thing a question mentions, with the forms a passage may
// use for it.
type concept struct {
	text    string // as written in the question
	alts    []alt  // the forms that express it: its own first, then synonyms and aliases
	synFrom int    // alts[synFrom:] came from synonyms or aliases
	wnFrom  int    // alts[wnFrom:] came from WordNet
	weight  float64
	entity  bool // a name: a passage that lacks it is about something else
	light   bool // a light verb like "say" or "do"
	head    bool // the head noun of "how many X" / "which X"
	poss    bool // written as a possessive: "Russia's decision"
	// secondary concepts sit in a clause that only places the question in
	// time ("when sanctions were lifted")
	secondary bool
	pos       int  // token index in the question
	corrected bool // a word of it was spelling-corrected
}

// question is the analysis of what a question asks.
type question struct {
	raw      string
	want     want
	head     string // normalised head noun ("missil" in "which missiles")
	headText string
	concepts []concept
	subject  int // index of the concept that is the question's grammatical subject, or -1
	actor    int // "what did Moscow say": the name between the auxiliary and the verb, or -1
	verb     int // index of the main content verb concept, or -1
	negated  bool
	// objectQuestion is true for "who did X blame": the answer follows the verb.
	objectQuestion bool
	// auxAfterWh is true for "when did X take effect": the main verb comes last.
	auxAfterWh bool
	// cloze is true for "... to maintain what?": the answer follows the
	// question's last concept in the passage.
	cloze bool
	// define is true for "what is the State Duma?": any appositive that
	// follows the name defines it, not only a title.
	define bool
	// aboutNow is true for "is it still in force?", which a dated passage
	// cannot settle; conditional for "what will Russia do if ...".
	aboutNow, conditional bool
	// sayAbout is true for "what did X say about Y": the gist of a quote
	sayAbout bool
	// fullName is true for "what is the full name of X"
	fullName bool
	// whWord is the question word, lower-case: "what", "who", ...
	whWord string
	// passive is true for "when was the treaty signed": its verb is a
	// participle after a form of "be"
	passive bool
	// unknown holds question names that the corpus never mentions.
	unknown []string
}

var auxWords = setOf(`is are was were do does did has have had can could will would should may might must shall`)

var whWords = setOf(`who whom whose when where why how what which`)

// headClasses map the head noun of "which X"/"what X" to the answer type.
var headClasses = map[string]want{}

func init() {
	for _, w := range strings.Fields(`year years date dates day days month months time decade decades century deadline`) {
		headClasses[w] = wantDate
	}
	for _, w := range strings.Fields(`country countries nation nations state states government governments capital capitals power powers side sides nationality`) {
		headClasses[w] = wantCountry
	}
	for _, w := range strings.Fields(`agency agencies organization organisation organizations organisations alliance body bodies newspaper outlet ministry bloc group groups institution institutions company companies party parties`) {
		headClasses[w] = wantOrg
	}
	for _, w := range strings.Fields(`person people official officials leader leaders president minister spokesman spokeswoman spokesperson diplomat diplomats man woman politician politicians senator ambassador secretary general envoy`) {
		headClasses[w] = wantPerson
	}
	for _, w := range strings.Fields(`range distance percentage percent number share amount proportion limit ceiling maximum minimum total count figure quantity vote tally level rate size cost price budget value capacity purity yield magnitude strength radius diameter length width height depth weight mass speed altitude duration population turnout margin majority`) {
		headClasses[w] = wantNumber
	}
	for _, w := range strings.Fields(`reason reasons cause grounds motive`) {
		headClasses[w] = wantReason
	}
	for _, w := range strings.Fields(`place location venue site town region city cities`) {
		headClasses[w] = wantPlace
	}
	for _, w := range strings.Fields(`position title job role post rank office`) {
		headClasses[w] = wantRole
	}
}

// sourceHeads are heads of "which agency reported it": the answer is who
// published the document.
var sourceHeads = setOf(`agency agencies outlet newspaper paper publication media source wire service`)

var sourceVerbs = setOf(`report reported reports publish published carry carried write wrote written`)

// listQuantifiers follow "name" in "name some countries that ...".
var listQuantifiers = setOf(`some a an the one two three four five any all several few`)

// namedAs end a question that asks what something is called.
var namedAs = setOf(`called named dubbed termed labelled labeled nicknamed`)

// pastAux open a question about the past.
var pastAux = setOf(`did was were had`)

// numberModifiers are number heads that usually modify another noun: "the
// maximum enrichment level".
var numberModifiers = setOf(`maximum minimum total average overall`)

// leadFillers are stripped from the start of a question.
var leadFillers = []string{"quick q bot", "quick q", "quick question", "quick one", "one more question", "one more", "real quick", "random question", "yo bot", "yo", "hey bot", "hey treatybot", "hi bot", "hello bot", "please tell me", "can you tell me", "could you tell me",
	"tell me", "do you know", "i want to know", "i would like to know", "i'd like to know", "i wonder", "quick question", "question",
	"please", "so", "ok", "okay", "hey", "hi", "hello", "and", "but", "also"}

// analyze works out what a question asks for and which words matter.
func (e *Engine) analyze(raw string) question {
	q := question{raw: raw, subject: -1, verb: -1, actor: -1}
	text := expandContractions(strings.TrimSpace(raw))
	toks := tokenize(text)
	ws := words(toks)
	// drop leading filler like "hey bot," and "@treatybot"
	for {
		dropped := false
		for _, f := range leadFillers {
			fw := strings.Fields(f)
			if len(ws) > len(fw) && prefixWords(ws, fw) {
				ws = ws[len(fw):]
				dropped = true
				break
			}
		}
		if !dropped {
			break
		}
	}
	// "name some countries that ...", "list the states ...": a which-question
	if len(ws) > 2 && (ws[0].Lower == "name" || ws[0].Lower == "list") {
		rest := ws[1:]
		if listQuantifiers[rest[0].Lower] {
			rest = rest[1:]
		}
		which := token{Text: "which", Lower: "which", Norm: "which", Kind: tokWord}
		ws = append([]token{which}, rest...)
	}
	if len(ws) == 0 {
		return q
	}
	lw := make([]string, len(ws))
	for i, t := range ws {
		lw[i] = t.Lower
	}
	at := func(i int) string {
		if i >= 0 && i < len(lw) {
			return lw[i]
		}
		return ""
	}
	// find the question word: at the start, or after a preposition ("in which year", "since when")
	wh := -1
	for i := 0; i < len(lw) && i < 4; i++ {
		if whWords[lw[i]] {
			wh = i
			break
		}
	}
	// "Did he say which countermeasures ...?" asks yes or no: a question word
	// after an opening auxiliary is embedded
	if wh < 0 && !auxWords[lw[0]] {
		for i := range lw {
			if whWords[lw[i]] {
				wh = i
				break
			}
		}
	}
	consumed := map[int]bool{} // tokens that are part of the question frame, not content
	keepRoman := map[int]bool{}
	if wh >= 0 {
		q.whWord = lw[wh]
		consumed[wh] = true
	}
	switch {
	case wh >= 0 && lw[wh] == "when":
		q.want = wantDate
	case wh >= 0 && lw[wh] == "where":
		q.want = wantPlace
	case wh >= 0 && lw[wh] == "why":
		q.want = wantReason
	case wh >= 0 && (lw[wh] == "who" || lw[wh] == "whom" || lw[wh] == "whose"):
		q.want = wantEntity
		// "who is Dmitry Peskov?" asks for a role
		if auxWords[at(wh+1)] && wh+2 < len(ws) && !titleWords[at(wh+2)] && at(wh+2) != "the" {
			rest := ws[wh+2:]
			allNames := true
			for _, t := range rest {
				if !t.Cap && !e.isNameWord(t, false) {
					allNames = false
				}
			}
			if allNames {
				q.want = wantRole
			}
		}
	case wh >= 0 && lw[wh] == "how":
		next := at(wh + 1)
		switch next {
		case "many", "much":
			q.want = wantNumber
			consumed[wh+1] = true
			if h := wh + 2; h < len(ws) && !auxWords[lw[h]] && !stopwords[lw[h]] {
				q.head, q.headText = ws[h].Norm, ws[h].Text
				// "how many nuclear warheads": the head is the last noun before the verb
				for h+1 < len(ws) && !auxWords[lw[h+1]] && !stopwords[lw[h+1]] && h+1 < wh+5 && (isAdjectiveLike(lw[h]) || ws[h].Cap) {
					h++
					q.head, q.headText = ws[h].Norm, ws[h].Text
				}
			}
		case "far", "long", "big", "large", "old", "high", "heavy", "often", "wide":
			q.want = wantNumber
			consumed[wh+1] = true
			if next == "long" && at(wh+2) == "ago" {
				q.want = wantDate
			}
		default:
			q.want = wantClaim
			for i := wh + 1; i < len(lw); i++ {
				if describeVerbs[normWord(lw[i])] {
					q.want = wantDescription
				}
			}
		}
	case wh >= 0 && (lw[wh] == "what" || lw[wh] == "which"):
		q.want = wantClaim
		h := wh + 1
		if h < len(lw) && kindWords[lw[h]] && at(h+1) == "of" {
			h += 2 // "what kinds of explosions"
		}
		if h < len(lw) && !auxWords[lw[h]] && !stopwords[lw[h]] {
			// "which Russian missile", "what wind-down periods": the head noun
			// is the last word before the verb
			for h+1 < len(lw) && !auxWords[lw[h+1]] && !stopwords[lw[h+1]] && !looksPast(lw[h+1]) && h < wh+4 &&
				!(isHeadClass(lw[h]) && !isNumberWord(ws[h])) && !lightVerbs[lw[h+1]] && (!sayVerbs[lw[h+1]] || auxWords[at(h+2)]) {
				h++
			}
			q.head, q.headText = ws[h].Norm, ws[h].Text
			if w, ok := headClasses[lw[h]]; ok && !(ws[h].Cap && h+1 < len(ws) && ws[h+1].Cap) {
				q.want = w
				// "what range": the text says "ranges" too; "which country" it rarely says
				consumed[h] = w != wantNumber
				// "which newspaper": the publisher; "which agency" may be
				// any agency, unless it reported something (below)
				if w == wantOrg && sourceHeads[lw[h]] && lw[h] != "agency" && lw[h] != "agencies" {
					q.want = wantSource
				}
			} else {
				q.want = wantNounPhrase
			}
		} else if h < len(lw) && auxWords[lw[h]] {
			// "what is X's position", "what does INF stand for", "what did X say"
			q.want = wantClaim
			// "what is the State Duma?": a name to define
			if (lw[h] == "is" || lw[h] == "was" || lw[h] == "are") && h+1 < len(ws) {
				rest := ws[h+1:]
				if rest[0].Lower == "the" || rest[0].Lower == "a" || rest[0].Lower == "an" {
					rest = rest[1:]
				}
				if len(rest) > 0 && allTok(rest, func(t token) bool { return t.Cap || t.HasDigit }) {
					q.want = wantRole
					q.define = true
				}
			}
			// "what was the Senate vote", "what is the limit on ...": a head noun after the verb
			for i := h + 1; i < len(lw) && i <= h+4; i++ {
				// "what is the State Duma": a capitalised word names something
				if w, ok := headClasses[lw[i]]; ok && w != wantRole && !ws[i].Cap && i > h+1 {
					q.want = w
					q.head, q.headText = ws[i].Norm, ws[i].Text
					// "the radius", like "what range", is in the text too;
					// "the maximum level" is seldom
					consumed[i] = w != wantNumber || numberModifiers[lw[i]]
					break
				}
				if stopwords[lw[i]] && lw[i] != "the" {
					break
				}
			}
			if hasPhrase(lw, "stand", "for") || hasPhrase(lw, "short", "for") || hasPhrase(lw, "full", "name") || hasPhrase(lw, "abbreviation") ||
				(hasPhrase(lw, "mean") || hasPhrase(lw, "means")) && len(lw) <= h+4 && e.isAcronym(lw[h+1]) {
				q.want = wantExpansion
			}
			for i := h + 1; i < len(lw); i++ {
				if _, ok := headClasses[lw[i]]; ok && headClasses[lw[i]] == wantRole && i > 0 && ws[i-1].Poss {
					q.want = wantRole
					consumed[i] = true
				}
				if describeVerbs[normWord(lw[i])] && (lw[h] == "did" || lw[h] == "does" || lw[h] == "do") {
					q.want = wantDescription
				}
				if (lw[i] == "date" || lw[i] == "year" || lw[i] == "day") && (at(i-1) == "the" || at(i-1) == "what") {
					q.want = wantDate
					consumed[i] = true
				}
				if lw[i] == "reason" && at(i-1) == "the" {
					q.want = wantReason
					consumed[i] = true
				}
			}
		}
	case auxWords[lw[0]]:
		q.want = wantYesNo
		consumed[0] = true
	default:
		// no question word: "INF treaty signing date", "Name the Soviet
		// missile ...", "the deadline for eliminating the missiles"
		q.want = wantClaim
		if imperatives[lw[0]] && len(lw) > 2 {
			h := 1
			for h < len(lw)-1 && (lw[h] == "the" || lw[h] == "a" || lw[h] == "an" || lw[h] == "me") {
				h++
			}
			for h+1 < len(lw) && !stopwords[lw[h+1]] && !looksPast(lw[h+1]) && h < 5 {
				h++
			}
			q.head, q.headText = ws[h].Norm, ws[h].Text
			q.want = wantNounPhrase
			consumed[0] = true
		}
		if hasPhrase(lw, "full", "name") || hasPhrase(lw, "full", "title") || hasPhrase(lw, "official", "name") || hasPhrase(lw, "official", "title") {
			q.want = wantExpansion // "INF treaty -- official (full) title?"
		}
		for i, w := range lw {
			if q.want == wantExpansion {
				break
			}
			if c, ok := headClasses[w]; ok && (c == wantDate || c == wantNumber || c == wantPlace) {
				q.want = c
				consumed[i] = c == wantDate
				if c == wantNumber {
					q.head, q.headText = ws[i].Norm, ws[i].Text
				}
				break
			}
		}
		if q.want == wantDate {
			q.head = ""
		}
	}
	// a "when"-type head after a preposition: "in which year", "on what date"
	if q.want == wantDate && q.head != "" {
		q.head = ""
	}
	if q.want == wantExpansion {
		for i, w := range lw {
			switch w {
			case "stand", "stands", "for", "short", "full", "name", "abbreviation", "acronym", "mean", "means", "official", "formal", "title":
				consumed[i] = true
			}
		}
	}
	if q.want == wantEntity || q.want == wantPerson {
		if wh+1 < len(lw) && (lw[wh+1] == "did" || lw[wh+1] == "does" || lw[wh+1] == "do" || lw[wh+1] == "will" || lw[wh+1] == "would") {
			q.objectQuestion = true
		}
	}
	// "what is Israel's nuclear policy called": the name the text gives it
	if n := len(lw); n > 2 && (lw[0] == "what" || lw[0] == "how") && (namedAs[lw[n-1]] || lw[n-1] == "as" && lw[n-2] == "known") {
		q.want = wantDescription
	}
	// "what's the full official name of the ABM treaty"
	for i := 0; i+1 < len(lw); i++ {
		if (lw[i] == "full" || lw[i] == "official") && (at(i+1) == "name" || at(i+1) == "title" || at(i+2) == "name" || at(i+2) == "title") {
			q.want, q.fullName = wantExpansion, true
		}
	}
	for i := 0; i+1 < len(lw); i++ {
		if sayVerbs[lw[i]] && lw[i+1] == "about" {
			q.sayAbout = true
		}
	}
	past := false // "did START II ever enter into force?" asks about the past
	for _, t := range ws {
		if auxWords[t.Lower] {
			past = pastAux[t.Lower]
			break
		}
	}
	for _, t := range ws {
		q.negated = q.negated || negations[t.Lower]
		q.aboutNow = q.aboutNow || timeQualifiers[t.Lower] && !past
		q.conditional = q.conditional || t.Lower == "if"
	}
	q.auxAfterWh = wh >= 0 && auxWords[at(wh+1)] || wh < 0 && len(lw) > 0 && auxWords[lw[0]]
	// "explained by the need to maintain what?", "necessary for what?": the
	// answer follows the question's last words in the text
	if wh == len(lw)-1 && wh > 1 && lw[wh] == "what" {
		q.want = wantClaim
		q.cloze = true
	}
	// "What did Moscow accuse the United States of?": the same, after a
	// trailing preposition
	if q.want == wantClaim && len(lw) > 3 && trailingPreps[lw[len(lw)-1]] {
		q.cloze = true
	}
	// "START I": a roman numeral after a name is part of it, not a pronoun
	for i := 1; i < len(ws); i++ {
		if ws[i].Text == "I" && (ws[i-1].AllCaps || ws[i-1].Cap) && i != wh {
			ws[i].Lower = "i"
			keepRoman[i] = true
		}
	}
	e.buildConcepts(&q, ws, consumed, keepRoman)
	// a who-question naming a role ("who is the Kremlin spokesman") wants a person
	if q.want == wantEntity {
		for ci, c := range q.concepts {
			// "the General Assembly" is a body, not a general
			if ci+1 < len(q.concepts) && c.text != strings.ToLower(c.text) && orgWords[strings.ToLower(q.concepts[ci+1].text)] {
				continue
			}
			if isRoleConcept(c) || titleWords[strings.ToLower(c.text)] && !titleModifiers[strings.ToLower(c.text)] {
				q.want = wantPerson
			}
		}
	}
	if q.want == wantOrg || q.want == wantNounPhrase || q.want == wantClaim {
		for _, c := range q.concepts {
			if sourceVerbs[strings.ToLower(c.text)] && (q.want == wantOrg || sourceHeads[strings.ToLower(q.headText)]) {
				q.want = wantSource
			}
		}
	}
	if q.want == wantSource {
		// "reported" is about the document, not something its text says
		for i := range q.concepts {
			if sourceVerbs[strings.ToLower(q.concepts[i].text)] {
				q.concepts[i].light = true
				q.concepts[i].weight *= 0.15
				if q.verb == i {
					q.verb = -1
				}
			}
		}
	}
	return q
}

// isAcronym reports whether the corpus writes a word in capitals, as it
// does INF and ICBM.
func (e *Engine) isAcronym(lower string) bool {
	return len(lower) >= 2 && len(lower) <= 8 && (e.acronyms[lower] || e.acronyms[strings.TrimSuffix(lower, "s")])
}

// contractionRE matches "what's" and friends, with either apostrophe.
var contractionRE = regexp.MustCompile(`(?i)\b(what|who|when|where|how|which|why|that|it|there)['’]s\b`)

// bareContractions are contractions written without their apostrophe, as
// people type in chat.
var bareContractions = map[string]string{"whats": "what is", "whos": "who is", "wheres": "where is", "hows": "how is",
	"havent": "have not", "hasnt": "has not", "hadnt": "had not", "didnt": "did not", "doesnt": "does not", "dont": "do not",
	"isnt": "is not", "wasnt": "was not", "werent": "were not", "cant": "can not", "wont": "will not", "wouldnt": "would not",
	"couldnt": "could not", "shouldnt": "should not", "arent": "are not"}

// expandContractions turns "what's" into "what is" and "havent" into "have
// not", so that the question's verb and negation are seen.
func expandContractions(s string) string {
	s = contractionRE.ReplaceAllString(s, "$1 is")
	s = strings.NewReplacer("n't", " not", "n’t", " not").Replace(s)
	fields := strings.Fields(s)
	for i, f := range fields {
		if r, ok := bareContractions[strings.ToLower(f)]; ok {
			fields[i] = r
		}
	}
	return strings.Join(fields, " ")
}

var describeVerbs = map[string]bool{"describ": true, "call": true, "term": true, "character": true, "characteris": true, "label": true, "dub": true, "portrai": true}

// imperatives open a question phrased as a request: "Name the missile ...".
var imperatives = setOf(`name list identify give`)

var trailingPreps = setOf(`of for to with about on into from against by`)

// isHeadClass reports whether w is a head noun with an answer type of its
// own ("countries", "year").
func isHeadClass(w string) bool {
	_, ok := headClasses[w]
	return ok
}

var kindWords = setOf(`kind kinds type types sort sorts form forms`)

// looksPast reports whether a word reads as a past-tense verb ("negotiated",
// "signed", "took"): where a "which X" head noun ends.
func looksPast(w string) bool {
	return strings.HasSuffix(w, "ed") || irregular[w] != "" && irregular[w] != w
}

func isNumberWord(t token) bool {
	_, ok := numberWords[t.Lower]
	return ok || t.Kind == tokNumber
}

func isAdjectiveLike(w string) bool {
	if _, ok := gazetteer[w]; ok {
		return true
	}
	for _, suf := range []string{"an", "ar", "ese", "ish", "al", "ive", "ic", "ed", "range", "based", "launched", "est", "er"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

func prefixWords(ws []token, fw []string) bool {
	for i, f := range fw {
		if ws[i].Lower != f {
			return false
		}
	}
	return true
}

func hasPhrase(lw []string, words ...string) bool {
	for i := 0; i+len(words) <= len(lw); i++ {
		ok := true
		for j, w := range words {
			if lw[i+j] != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
