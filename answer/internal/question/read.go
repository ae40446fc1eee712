package question

import (
	"regexp"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/text"
)

var auxWords = lexicon.SetOf(`is are was were do does did has have had can could will would should may might must shall`)

var whWords = lexicon.SetOf(`who whom whose when where why how what which`)

// HeadClasses map the head noun of "which X"/"what X" to the answer type.
var HeadClasses = map[string]Want{}

func init() {
	for _, w := range strings.Fields(`year years date dates day days month months time decade decades century deadline`) {
		HeadClasses[w] = WantDate
	}
	for _, w := range strings.Fields(`country countries nation nations state states government governments capital capitals power powers side sides nationality`) {
		HeadClasses[w] = WantCountry
	}
	for _, w := range strings.Fields(`agency agencies organization organisation organizations organisations alliance body bodies newspaper outlet ministry bloc group groups institution institutions company companies party parties`) {
		HeadClasses[w] = WantOrg
	}
	for _, w := range strings.Fields(`person people official officials leader leaders president minister spokesman spokeswoman spokesperson diplomat diplomats man woman politician politicians senator ambassador secretary general envoy`) {
		HeadClasses[w] = WantPerson
	}
	for _, w := range strings.Fields(`range distance percentage percent number share amount proportion limit ceiling maximum minimum total count figure quantity vote tally level rate size cost price budget value capacity purity yield magnitude strength radius diameter length width height depth weight mass speed altitude duration population turnout margin majority`) {
		HeadClasses[w] = WantNumber
	}
	for _, w := range strings.Fields(`reason reasons cause grounds motive`) {
		HeadClasses[w] = WantReason
	}
	for _, w := range strings.Fields(`place location venue site town region city cities`) {
		HeadClasses[w] = WantPlace
	}
	for _, w := range strings.Fields(`position title job role post rank office`) {
		HeadClasses[w] = WantRole
	}
}

// SourceHeads are heads of "which agency reported it": the answer is who
// published the document.
var SourceHeads = lexicon.SetOf(`agency agencies outlet newspaper paper publication media source wire service`)

var sourceVerbs = lexicon.SetOf(`report reported reports publish published carry carried write wrote written`)

// listQuantifiers follow "name" in "name some countries that ...".
var listQuantifiers = lexicon.SetOf(`some a an the one two three four five any all several few`)

// namedAs end a question that asks what something is called.
var namedAs = lexicon.SetOf(`called named dubbed termed labelled labeled nicknamed`)

// pastAux open a question about the past.
var pastAux = lexicon.SetOf(`did was were had`)

// numberModifiers are number heads that usually modify another noun: "the
// maximum enrichment level".
var numberModifiers = lexicon.SetOf(`maximum minimum total average overall`)

// leadFillers are stripped from the start of a question.
var leadFillers = []string{"quick q bot", "quick q", "quick question", "quick one", "one more question", "one more", "real quick", "random question", "yo bot", "yo", "hey bot", "hey treatybot", "hi bot", "hello bot", "please tell me", "can you tell me", "could you tell me",
	"tell me", "do you know", "i want to know", "i would like to know", "i'd like to know", "i wonder", "quick question", "question",
	"please", "so", "ok", "okay", "hey", "hi", "hello", "and", "but", "also"}

// Read works out what a question asks for and which words matter. Its
// steps run in this order: the question's words, its question word, the
// answer type that word and its frame ask for, the frame's other signs
// (negation, a condition, a cloze), the concepts, and last what the
// concepts say about the answer type.
func (voc *Vocabulary) Read(raw string) Question {
	q := Question{Raw: raw, Subject: -1, Verb: -1, Actor: -1}
	// the speaker is read as a concept too, after the question it frames,
	// so that retrieval looks for their words; "according to" is not read:
	// it would stand for "accord", an agreement
	rest, speaker := splitSpeaker(raw)
	q.Speaker = speaker
	// "tell me about X", "explain X": what is X
	about := false
	if m := aboutRE.FindStringSubmatch(rest); m != nil && strings.TrimSpace(m[1]) != "" && !whWords[strings.ToLower(strings.Fields(m[1])[0])] {
		rest, about = "what is "+m[1], true
	}
	ws := questionWords(strings.TrimRight(rest, "?!. ") + " " + speaker)
	if len(ws) == 0 {
		return q
	}
	lw := make([]string, len(ws))
	for i, t := range ws {
		lw[i] = t.Lower
	}
	r := &reading{voc: voc, q: &q, ws: ws, lw: lw, consumed: map[int]bool{}, keep: map[int]bool{}}
	r.findQuestionWord()
	r.readWant()
	r.readFrame()
	r.readMood()
	r.readCloze()
	r.keepRomanNumerals()
	voc.buildConcepts(&q, ws, r.consumed, r.keep)
	roleMeansPerson(&q)
	reportedMeansSource(&q)
	if about && len(q.Concepts) > 0 {
		q.Want, q.Define, q.Head, q.HeadText = WantDefinition, true, "", ""
	}
	return q
}

// aboutRE finds a request for a description: "tell me about X", "explain
// X", "what do you know about X".
var aboutRE = regexp.MustCompile(`(?i)^\s*(?:(?:hey|hi|yo)\s+)?(?:bot\s*,?\s*)?(?:can you\s+|could you\s+|please\s+|pls\s+)?(?:tell me (?:a bit |a little |more )?about|explain|describe|give me (?:a |an )?(?:overview|summary|rundown) of|what do you know about|what can you tell me about|(?:some )?info(?:rmation)? (?:on|about)|who or what (?:is|was))\s+(.+?)[\s?.!]*$`)

// speakerRE finds whose word a question asks for: "according to NATO, who
// violated the treaty?", "who broke it, according to washington", "in
// Moscow's view, ...".
var (
	speakerLeadRE = regexp.MustCompile(`(?i)^\s*(?:according to|in the (?:view|opinion|words) of)\s+([^,?]+?)\s*,\s*(.+)$`)
	speakerTailRE = regexp.MustCompile(`(?i)^(.+?),?\s+(?:according to|in the (?:view|opinion|words) of)\s+([^,?]+?)\s*\??\s*$`)
	speakerPossRE = regexp.MustCompile(`(?i)^\s*in\s+([^,?]+?)['’]s?\s+(?:view|opinion|words)\s*,\s*(.+)$`)
)

// splitSpeaker takes the speaker out of a question that names one, and
// returns the rest of the question and the speaker.
func splitSpeaker(raw string) (string, string) {
	if m := speakerLeadRE.FindStringSubmatch(raw); m != nil {
		return m[2], m[1]
	}
	if m := speakerPossRE.FindStringSubmatch(raw); m != nil {
		return m[2], m[1]
	}
	if m := speakerTailRE.FindStringSubmatch(raw); m != nil {
		return m[1], m[2]
	}
	return raw, ""
}

// reading is a question while Read works on it.
type reading struct {
	voc      *Vocabulary
	q        *Question
	ws       []text.Token // its words, without leading filler
	lw       []string     // the words in lower case
	wh       int          // the question word's index, or -1
	consumed map[int]bool // words of the question's frame, not its content
	keep     map[int]bool // words that are content whatever they look like ("START I")
}

// at returns word i in lower case, or "" outside the question.
func (r *reading) at(i int) string {
	if i >= 0 && i < len(r.lw) {
		return r.lw[i]
	}
	return ""
}

// questionWords are the words of a question, contractions expanded, less
// its leading filler ("hey bot,", "quick question"); "name some countries
// that ..." and "list the states ..." are read as which-questions.
func questionWords(raw string) []text.Token {
	plain := expandContractions(strings.TrimSpace(raw))
	toks := text.Tokenize(plain)
	ws := text.Words(toks)
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
	if len(ws) > 2 && (ws[0].Lower == "name" || ws[0].Lower == "list") {
		rest := ws[1:]
		if listQuantifiers[rest[0].Lower] {
			rest = rest[1:]
		}
		which := text.Token{Text: "which", Lower: "which", Norm: "which", Kind: text.Word}
		ws = append([]text.Token{which}, rest...)
	}
	return ws
}

// findQuestionWord finds the question word: at the start, or after a
// preposition ("in which year", "since when"), or later when no auxiliary
// opens the question; after an opening auxiliary it is embedded ("Did he
// say which countermeasures ...?" asks yes or no).
func (r *reading) findQuestionWord() {
	lw := r.lw
	r.wh = -1
	for i := 0; i < len(lw) && i < 4; i++ {
		if whWords[lw[i]] {
			r.wh = i
			break
		}
	}
	if r.wh < 0 && !auxWords[lw[0]] {
		for i := range lw {
			if whWords[lw[i]] {
				r.wh = i
				break
			}
		}
	}
	if r.wh >= 0 {
		r.q.WhWord = lw[r.wh]
		r.consumed[r.wh] = true
	}
}

// readWant reads the answer type from the question word and what follows
// it.
func (r *reading) readWant() {
	q, lw, wh := r.q, r.lw, r.wh
	switch {
	case wh >= 0 && lw[wh] == "when":
		q.Want = WantDate
	case wh >= 0 && lw[wh] == "where":
		q.Want = WantPlace
	case wh >= 0 && lw[wh] == "why":
		q.Want = WantReason
	case wh >= 0 && (lw[wh] == "who" || lw[wh] == "whom" || lw[wh] == "whose"):
		r.readWho()
	case wh >= 0 && lw[wh] == "how":
		r.readHow()
	case wh >= 0 && (lw[wh] == "what" || lw[wh] == "which"):
		r.readWhat()
	case auxWords[lw[0]]:
		q.Want = WantYesNo
		r.consumed[0] = true
	default:
		r.readNoQuestionWord()
	}
	// a "when"-type head after a preposition: "in which year", "on what date"
	if q.Want == WantDate && q.Head != "" {
		q.Head = ""
	}
}

// readWho reads a who-question: it asks for a person, a body or a
// government, or, for "who is Dmitry Peskov?", a role.
func (r *reading) readWho() {
	q, ws, wh := r.q, r.ws, r.wh
	q.Want = WantEntity
	if auxWords[r.at(wh+1)] && wh+2 < len(ws) && !lexicon.TitleWords[r.at(wh+2)] && r.at(wh+2) != "the" {
		rest := ws[wh+2:]
		allNames := true
		for _, t := range rest {
			if !t.Cap && !r.voc.isNameWord(t, false) {
				allNames = false
			}
		}
		if allNames {
			q.Want = WantRole
			q.Define = true
		}
	}
}

// definesThing reports whether the words after "what is (the|a|an)" name one
// thing to define, "the State Duma", "the INF treaty", "an
// intermediate-range missile", and ask nothing about it: no function word
// ("the range of"), no head noun of another kind ("the limit"), no verb.
func (r *reading) definesThing(rest []text.Token, article bool) bool {
	if len(rest) == 0 || len(rest) > 5 {
		return false
	}
	if text.All(rest, func(t text.Token) bool { return t.Cap || t.HasDigit }) {
		return true
	}
	named := false
	for i, t := range rest {
		if lexicon.Stopwords[t.Lower] || auxWords[t.Lower] || LooksPast(t.Lower) || lexicon.SayVerbs[t.Lower] {
			return false
		}
		if _, ok := HeadClasses[t.Lower]; ok {
			return false
		}
		named = named || t.Cap || t.HasDigit || r.voc.isNameWord(t, false) || r.voc.acronyms[t.Lower] || r.voc.names.nameAt(rest, i) > 0
	}
	// "what is an ICBM", "what is a shorter-range missile": a term
	return named || article
}

// readHow reads a how-question: how many or how much (a number, and the
// head noun it counts), how far, long or big (a number, or "how long
// ago", a date), how did X describe Y (a description), or how something
// happened (a claim).
func (r *reading) readHow() {
	q, ws, lw, wh := r.q, r.ws, r.lw, r.wh
	next := r.at(wh + 1)
	switch next {
	case "many", "much":
		q.Want = WantNumber
		r.consumed[wh+1] = true
		if h := wh + 2; h < len(ws) && !auxWords[lw[h]] && !lexicon.Stopwords[lw[h]] {
			q.Head, q.HeadText = ws[h].Norm, ws[h].Text
			// "how many nuclear warheads": the head is the last noun before the verb
			for h+1 < len(ws) && !auxWords[lw[h+1]] && !lexicon.Stopwords[lw[h+1]] && h+1 < wh+5 && (IsAdjectiveLike(lw[h]) || ws[h].Cap) {
				h++
				q.Head, q.HeadText = ws[h].Norm, ws[h].Text
			}
		}
	case "far", "long", "big", "large", "old", "high", "heavy", "often", "wide":
		q.Want = WantNumber
		r.consumed[wh+1] = true
		if next == "long" && r.at(wh+2) == "ago" {
			q.Want = WantDate
		}
	default:
		q.Want = WantClaim
		for i := wh + 1; i < len(lw); i++ {
			if DescribeVerbs[text.NormWord(lw[i])] {
				q.Want = WantDescription
			}
		}
	}
}

// readWhat reads a what- or which-question: a head noun right after it
// ("which Russian missile") gives the answer type, or an auxiliary does
// ("what is X's position", "what does INF stand for", "what did X say").
func (r *reading) readWhat() {
	lw := r.lw
	r.q.Want = WantClaim
	h := r.wh + 1
	if h < len(lw) && kindWords[lw[h]] && r.at(h+1) == "of" {
		h += 2 // "what kinds of explosions"
	}
	if h < len(lw) && !auxWords[lw[h]] && !lexicon.Stopwords[lw[h]] {
		r.readWhatHead(h)
	} else if h < len(lw) && auxWords[lw[h]] {
		r.readWhatAux(h)
	}
}

// readWhatHead reads "which X": the head noun is the last word before the
// verb ("which Russian missile", "what wind-down periods"), and its class
// gives the answer type ("which country"); a head of no class asks for a
// noun phrase ending in it.
func (r *reading) readWhatHead(h int) {
	q, ws, lw := r.q, r.ws, r.lw
	for h+1 < len(lw) && !auxWords[lw[h+1]] && !lexicon.Stopwords[lw[h+1]] && !LooksPast(lw[h+1]) && h < r.wh+4 &&
		!(isHeadClass(lw[h]) && !IsNumberWord(ws[h])) && !lexicon.LightVerbs[lw[h+1]] && (!lexicon.SayVerbs[lw[h+1]] || auxWords[r.at(h+2)]) {
		h++
	}
	q.Head, q.HeadText = ws[h].Norm, ws[h].Text
	if w, ok := HeadClasses[lw[h]]; ok && !(ws[h].Cap && h+1 < len(ws) && ws[h+1].Cap) {
		q.Want = w
		// "what range": the text says "ranges" too; "which country" it rarely says
		r.consumed[h] = w != WantNumber
		// "which newspaper": the publisher; "which agency" may be
		// any agency, unless it reported something (reportedMeansSource)
		if w == WantOrg && SourceHeads[lw[h]] && lw[h] != "agency" && lw[h] != "agencies" {
			q.Want = WantSource
		}
	} else {
		q.Want = WantNounPhrase
	}
}

// readWhatAux reads "what" followed by an auxiliary, at h: a name to
// define ("what is the State Duma?"), a head noun after the verb ("what
// was the Senate vote"), an acronym to expand ("what does INF stand for"),
// a role, a description, a date or a reason.
func (r *reading) readWhatAux(h int) {
	q, ws, lw := r.q, r.ws, r.lw
	q.Want = WantClaim
	if (lw[h] == "is" || lw[h] == "was" || lw[h] == "are") && h+1 < len(ws) {
		rest := ws[h+1:]
		article := rest[0].Lower == "a" || rest[0].Lower == "an"
		if article || rest[0].Lower == "the" {
			rest = rest[1:]
		}
		if r.definesThing(rest, article) {
			q.Want = WantDefinition
			q.Define = true
		}
	}
	// "what was the Senate vote", "what is the limit on ...": a head noun after the verb
	for i := h + 1; i < len(lw) && i <= h+4; i++ {
		// "what is the State Duma": a capitalised word names something
		if w, ok := HeadClasses[lw[i]]; ok && w != WantRole && !ws[i].Cap && i > h+1 {
			q.Want = w
			q.Head, q.HeadText = ws[i].Norm, ws[i].Text
			// "the radius", like "what range", is in the text too;
			// "the maximum level" is seldom
			r.consumed[i] = w != WantNumber || numberModifiers[lw[i]]
			break
		}
		if lexicon.Stopwords[lw[i]] && lw[i] != "the" {
			break
		}
	}
	if hasPhrase(lw, "stand", "for") || hasPhrase(lw, "short", "for") || hasPhrase(lw, "full", "name") || hasPhrase(lw, "abbreviation") ||
		(hasPhrase(lw, "mean") || hasPhrase(lw, "means")) && len(lw) <= h+4 && r.voc.isAcronym(lw[h+1]) {
		q.Want = WantExpansion
	}
	for i := h + 1; i < len(lw); i++ {
		if _, ok := HeadClasses[lw[i]]; ok && HeadClasses[lw[i]] == WantRole && i > 0 && ws[i-1].Poss {
			q.Want = WantRole
			r.consumed[i] = true
		}
		if DescribeVerbs[text.NormWord(lw[i])] && (lw[h] == "did" || lw[h] == "does" || lw[h] == "do") {
			q.Want = WantDescription
		}
		if (lw[i] == "date" || lw[i] == "year" || lw[i] == "day") && (r.at(i-1) == "the" || r.at(i-1) == "what") {
			q.Want = WantDate
			r.consumed[i] = true
		}
		if lw[i] == "reason" && r.at(i-1) == "the" {
			q.Want = WantReason
			r.consumed[i] = true
		}
	}
}

// readNoQuestionWord reads a question with no question word: "INF treaty
// signing date", "Name the Soviet missile ...", "the deadline for
// eliminating the missiles", "INF treaty -- official (full) title?".
func (r *reading) readNoQuestionWord() {
	q, ws, lw := r.q, r.ws, r.lw
	q.Want = WantClaim
	if imperatives[lw[0]] && len(lw) > 2 {
		h := 1
		for h < len(lw)-1 && (lw[h] == "the" || lw[h] == "a" || lw[h] == "an" || lw[h] == "me") {
			h++
		}
		for h+1 < len(lw) && !lexicon.Stopwords[lw[h+1]] && !LooksPast(lw[h+1]) && h < 5 {
			h++
		}
		q.Head, q.HeadText = ws[h].Norm, ws[h].Text
		q.Want = WantNounPhrase
		r.consumed[0] = true
	}
	if hasPhrase(lw, "full", "name") || hasPhrase(lw, "full", "title") || hasPhrase(lw, "official", "name") || hasPhrase(lw, "official", "title") {
		q.Want = WantExpansion
	}
	for i, w := range lw {
		if q.Want == WantExpansion {
			break
		}
		if c, ok := HeadClasses[w]; ok && (c == WantDate || c == WantNumber || c == WantPlace) {
			q.Want = c
			r.consumed[i] = c == WantDate
			if c == WantNumber {
				q.Head, q.HeadText = ws[i].Norm, ws[i].Text
			}
			break
		}
	}
	if q.Want == WantDate {
		q.Head = ""
	}
}

// readFrame reads what the rest of the question's frame says of the
// answer: the words of "stand for" are no content, "who did X blame" asks
// for the object, "what is X called" for a description, "the full name"
// for an expansion, and "what did X say about Y" for the gist of a quote.
func (r *reading) readFrame() {
	q, lw, wh := r.q, r.lw, r.wh
	if q.Want == WantExpansion {
		for i, w := range lw {
			switch w {
			case "stand", "stands", "for", "short", "full", "name", "abbreviation", "acronym", "mean", "means", "official", "formal", "title":
				r.consumed[i] = true
			}
		}
	}
	if q.Want == WantEntity || q.Want == WantPerson {
		if wh+1 < len(lw) && (lw[wh+1] == "did" || lw[wh+1] == "does" || lw[wh+1] == "do" || lw[wh+1] == "will" || lw[wh+1] == "would") {
			q.ObjectQuestion = true
		}
	}
	// "what is Israel's nuclear policy called": the name the text gives it
	if n := len(lw); n > 2 && (lw[0] == "what" || lw[0] == "how") && (namedAs[lw[n-1]] || lw[n-1] == "as" && lw[n-2] == "known") {
		q.Want = WantDescription
	}
	// "what's the full official name of the ABM treaty"
	for i := 0; i+1 < len(lw); i++ {
		if (lw[i] == "full" || lw[i] == "official") && (r.at(i+1) == "name" || r.at(i+1) == "title" || r.at(i+2) == "name" || r.at(i+2) == "title") {
			q.Want, q.FullName = WantExpansion, true
		}
	}
	for i := 0; i+1 < len(lw); i++ {
		if lexicon.SayVerbs[lw[i]] && lw[i+1] == "about" {
			q.SayAbout = true
		}
	}
}

// readMood reads whether the question is negated, asks about now (which a
// dated passage cannot settle, unless an auxiliary puts it in the past:
// "did START II ever enter into force?"), or is conditional, and whether
// its main verb comes after an auxiliary ("when did X take effect").
func (r *reading) readMood() {
	q, ws, lw, wh := r.q, r.ws, r.lw, r.wh
	past := false
	for _, t := range ws {
		if auxWords[t.Lower] {
			past = pastAux[t.Lower]
			break
		}
	}
	for _, t := range ws {
		q.Negated = q.Negated || lexicon.Negations[t.Lower]
		q.AboutNow = q.AboutNow || timeQualifiers[t.Lower] && !past
		q.Conditional = q.Conditional || t.Lower == "if"
	}
	q.auxAfterWh = wh >= 0 && auxWords[r.at(wh+1)] || wh < 0 && len(lw) > 0 && auxWords[lw[0]]
}

// readCloze reads a question whose answer follows its last words in the
// text: "explained by the need to maintain what?", "necessary for what?",
// and "What did Moscow accuse the United States of?".
func (r *reading) readCloze() {
	q, lw, wh := r.q, r.lw, r.wh
	if wh == len(lw)-1 && wh > 1 && lw[wh] == "what" {
		q.Want = WantClaim
		q.Cloze = true
	}
	if q.Want == WantClaim && len(lw) > 3 && trailingPreps[lw[len(lw)-1]] {
		q.Cloze = true
	}
}

// keepRomanNumerals keeps "I" after a name as part of it ("START I"), not
// a pronoun.
func (r *reading) keepRomanNumerals() {
	ws := r.ws
	for i := 1; i < len(ws); i++ {
		if ws[i].Text == "I" && (ws[i-1].AllCaps || ws[i-1].Cap) && i != r.wh {
			ws[i].Lower = "i"
			r.keep[i] = true
		}
	}
}

// roleMeansPerson: a who-question naming a role ("who is the Kremlin
// spokesman") wants a person; "the General Assembly" is a body, not a
// general.
func roleMeansPerson(q *Question) {
	if q.Want != WantEntity {
		return
	}
	for ci, c := range q.Concepts {
		if ci+1 < len(q.Concepts) && c.Text != strings.ToLower(c.Text) && lexicon.OrgWords[strings.ToLower(q.Concepts[ci+1].Text)] {
			continue
		}
		if IsRoleConcept(c) || lexicon.TitleWords[strings.ToLower(c.Text)] && !lexicon.TitleModifiers[strings.ToLower(c.Text)] {
			q.Want = WantPerson
		}
	}
}

// reportedMeansSource: "which agency reported it" asks for the document's
// source, and "reported" is then about the document, not something its
// text says, so it weighs little and is no main verb.
func reportedMeansSource(q *Question) {
	if q.Want == WantOrg || q.Want == WantNounPhrase || q.Want == WantClaim {
		for _, c := range q.Concepts {
			if sourceVerbs[strings.ToLower(c.Text)] && (q.Want == WantOrg || SourceHeads[strings.ToLower(q.HeadText)]) {
				q.Want = WantSource
			}
		}
	}
	if q.Want == WantSource {
		for i := range q.Concepts {
			if sourceVerbs[strings.ToLower(q.Concepts[i].Text)] {
				q.Concepts[i].Light = true
				q.Concepts[i].Weight *= 0.15
				if q.Verb == i {
					q.Verb = -1
				}
			}
		}
	}
}

// isAcronym reports whether the corpus writes a word in capitals, as it
// does INF and ICBM.
func (voc *Vocabulary) isAcronym(lower string) bool {
	return len(lower) >= 2 && len(lower) <= 8 && (voc.acronyms[lower] || voc.acronyms[strings.TrimSuffix(lower, "s")])
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

// DescribeVerbs are the normalised verbs of "how did X describe Y": their
// object is characterised, and the answer is how.
var DescribeVerbs = map[string]bool{"describ": true, "call": true, "term": true, "character": true, "characteris": true, "label": true, "dub": true, "portrai": true}

// imperatives open a question phrased as a request: "Name the missile ...".
var imperatives = lexicon.SetOf(`name list identify give`)

var trailingPreps = lexicon.SetOf(`of for to with about on into from against by`)

// isHeadClass reports whether w is a head noun with an answer type of its
// own ("countries", "year").
func isHeadClass(w string) bool {
	_, ok := HeadClasses[w]
	return ok
}

var kindWords = lexicon.SetOf(`kind kinds type types sort sorts form forms`)

// LooksPast reports whether a word reads as a past-tense verb or
// participle ("negotiated", "signed", "took", "taken"): where a "which X"
// head noun ends, and what makes "X was signed" a passive.
func LooksPast(w string) bool {
	return strings.HasSuffix(w, "ed") || text.Irregular[w] != "" && text.Irregular[w] != w
}

// IsNumberWord reports whether a token is a number, in digits or in words.
func IsNumberWord(t text.Token) bool {
	_, ok := lexicon.NumberWords[t.Lower]
	return ok || t.Kind == text.Number
}

// IsAdjectiveLike reports whether a lower-case word reads as a modifier:
// a place's name or demonym, or an adjective's ending ("nuclear",
// "ground-launched").
func IsAdjectiveLike(w string) bool {
	if _, ok := lexicon.Gazetteer[w]; ok {
		return true
	}
	for _, suf := range []string{"an", "ar", "ese", "ish", "al", "ive", "ic", "ed", "range", "based", "launched", "est", "er"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

func prefixWords(ws []text.Token, fw []string) bool {
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

// timeQualifiers make a yes/no question about the present, which a dated
// passage cannot settle.
var timeQualifiers = lexicon.SetOf(`still ever yet already now currently today anymore nowadays presently`)
