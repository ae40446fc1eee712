package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Claim says whose word a statement is: "NATO" for "... because in its
// opinion Moscow had apparently violated the treaty", "US President Donald
// Trump" for "Trump said ... Russia was allegedly in breach".
type Claim struct {
	By  string // who says so; "" when the text only hedges ("allegedly")
	Cue string // the words that make it a claim: "said", "according to", "allegedly"
}

// AttributionOf says whose claim the span [start, end) of a passage is:
// reported speech ("X said", "according to X", "X claims", "X accused Y
// of"), a quotation, an opinion ("in its view") or a hedge ("allegedly").
// A plain statement (a fact sheet's own or the reporter's) and a span that
// is itself the speaker carry no attribution; a fact that reports a claim
// ("the United States declared Russia in material breach") carries it. It is written by hand:
// the cues are few and fixed, and no Go library reads reported speech.
func AttributionOf(p *Passage, start, end int) (Claim, bool) {
	if p == nil || start < 0 || end > len(p.Text) || start > end {
		return Claim{}, false
	}
	text := p.Text
	var found Claim
	for _, c := range findCues(text) {
		if !c.covers(start, end) || overlaps(c.byStart, c.byEnd, start, end) {
			continue
		}
		if found.Cue == "" || found.By == "" && c.claim.By != "" {
			found = c.claim
		}
	}
	return found, found.Cue != ""
}

// cue is one place a passage attributes what it says.
type cue struct {
	claim          Claim
	from, to       int // the stretch of text the cue makes a claim
	byStart, byEnd int // where the speaker is named
}

func (c cue) covers(start, end int) bool { return start >= c.from && end <= c.to }

func overlaps(a, b, c, d int) bool { return a < d && c < b }

var (
	// "X said (that) ...", "X has repeatedly alleged ...", "X accused Y of ..."
	sayRE = regexp.MustCompile(`\b(said|says|say|stated|stressed|noted|claimed|claims|claim|alleged|alleges|allege|accused|accuses|charged|charges|insisted|insists|argued|argues|maintained|maintains|told|warned|warns|believes|believed|contended|contends|asserted|asserts|declared|declares|announced|announces)\b`)
	// "according to X", "in the view of X"
	accordingRE = regexp.MustCompile(`(?i)\b(according to|in the (?:view|opinion|words) of)\s+`)
	// "in its opinion", "in their view": the subject of the clause holds it
	opinionRE = regexp.MustCompile(`(?i)\bin (its|his|her|their) (opinion|view|words)\b`)
	hedgeRE   = regexp.MustCompile(`(?i)\b(allegedly|reportedly|purportedly|supposedly)\b`)
)

// findCues lists every attribution cue of a sentence with the stretch it
// covers and the speaker it names.
func findCues(text string) []cue {
	var out []cue
	for _, m := range sayRE.FindAllStringIndex(text, -1) {
		// "X said ...": what follows, to the end of the sentence; but
		// '"...," the spokesman stressed': what precedes
		if bs, be := nameBefore(text, m[0]); be > bs {
			c := cue{claim: Claim{By: text[bs:be], Cue: text[m[0]:m[1]]}, from: m[1], to: len(text), byStart: bs, byEnd: be}
			if reportsBefore(text[:bs], text[m[1]:]) {
				c.from, c.to = 0, bs
			}
			out = append(out, c)
			continue
		}
		// "“...,” Peskov said." or "..., said X.": what precedes
		if bs, be := nameAfter(text, m[1]); be > bs && quoteOrCommaBefore(text, m[0]) {
			out = append(out, cue{claim: Claim{By: text[bs:be], Cue: text[m[0]:m[1]]}, from: 0, to: m[0], byStart: bs, byEnd: be})
		}
	}
	for _, m := range accordingRE.FindAllStringIndex(text, -1) {
		bs, be := nameAfter(text, m[1])
		if be <= bs {
			continue
		}
		// "according to X, ..." covers the sentence, save X
		out = append(out, cue{claim: Claim{By: text[bs:be], Cue: strings.ToLower(strings.TrimSpace(text[m[0]:m[1]]))}, from: 0, to: len(text), byStart: bs, byEnd: be})
	}
	for _, m := range opinionRE.FindAllStringIndex(text, -1) {
		if bs, be := subjectBefore(text, m[0]); be > bs {
			out = append(out, cue{claim: Claim{By: text[bs:be], Cue: text[m[0]:m[1]]}, from: m[1], to: len(text), byStart: bs, byEnd: be})
		}
	}
	for _, m := range hedgeRE.FindAllStringIndex(text, -1) {
		out = append(out, cue{claim: Claim{Cue: strings.ToLower(text[m[0]:m[1]])}, from: 0, to: len(text), byStart: -1, byEnd: -1})
	}
	return out
}

// roleWords may sit inside a speaker's name in lower case: "the Kremlin
// spokesman", "Russian Deputy Foreign Minister Sergey Ryabkov".
var roleWords = setOfWords(`spokesman spokeswoman spokesperson minister president secretary chancellor ambassador envoy
	negotiator official officials diplomat diplomats leader premier prime foreign deputy general director chief head
	government ministry agency alliance committee council parliament senate senator senators lawmakers delegation`)

// skipWords may stand between a speaker and the verb: "Washington has
// repeatedly alleged".
var skipWords = setOfWords(`has have had also repeatedly again later then once previously publicly reportedly has been is was`)

// nameBefore returns the speaker's name that ends just before offset i
// (skipping auxiliaries and adverbs): capitalised words, role words, and
// "the" or "of" inside them.
func nameBefore(text string, i int) (int, int) {
	k := i
	for {
		ws, we := prevWord(text, k)
		if we <= ws || !skipWords[strings.ToLower(text[ws:we])] {
			break
		}
		k = ws
	}
	end, start := -1, -1
	for {
		ws, we := prevWord(text, k)
		if we <= ws {
			break
		}
		w := text[ws:we]
		lw := strings.ToLower(w)
		if capitalised(w) || roleWords[lw] || (lw == "of" || lw == "the") && start >= 0 {
			if end < 0 {
				end = we
			}
			start = ws
			k = ws
			continue
		}
		break
	}
	if start < 0 {
		return 0, 0
	}
	// a name does not start or end on "of" or "the" ... "the" may start it
	for {
		ws, we := nextWord(text, start)
		if lw := strings.ToLower(text[ws:we]); lw == "of" && ws < end {
			start = we
			continue
		}
		break
	}
	return trimSpace(text, start, end)
}

// nameAfter returns the name that starts at offset i: "the Kremlin
// spokesman", "NATO", "Vladimir Putin".
func nameAfter(text string, i int) (int, int) {
	start, end := -1, -1
	k := i
	for {
		ws, we := nextWord(text, k)
		if we <= ws {
			break
		}
		w := text[ws:we]
		lw := strings.ToLower(w)
		if capitalised(w) || roleWords[lw] || lw == "the" && start < 0 || lw == "of" && start >= 0 {
			if start < 0 {
				start = ws
			}
			end = we
			k = we
			if strings.ContainsAny(text[we:min(we+1, len(text))], ",.;:!?\"”") {
				break
			}
			continue
		}
		break
	}
	if start < 0 {
		return 0, 0
	}
	for strings.HasSuffix(strings.ToLower(text[start:end]), " of") || strings.HasSuffix(strings.ToLower(text[start:end]), " the") {
		end = strings.LastIndexByte(text[:end], ' ')
	}
	if strings.EqualFold(text[start:end], "the") {
		return 0, 0
	}
	return trimSpace(text, start, end)
}

// subjectBefore finds the subject of the clause that holds offset i: the
// nearest name before it followed by a verb ("NATO placed the
// responsibility ..., because in its opinion ...").
func subjectBefore(text string, i int) (int, int) {
	ws := wordRE.FindAllStringIndex(text[:i], -1)
	for k := len(ws) - 2; k >= 0; k-- {
		w, next := text[ws[k][0]:ws[k][1]], text[ws[k+1][0]:ws[k+1][1]]
		if capitalised(w) && looksVerb(next) && strings.TrimSpace(text[ws[k][1]:ws[k+1][0]]) == "" {
			return nameBefore(text, ws[k+1][0])
		}
	}
	return 0, 0
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}.'’-]+`)

func looksVerb(w string) bool {
	lw := strings.ToLower(w)
	return strings.HasSuffix(lw, "ed") || sayRE.MatchString(lw) || lw == "has" || lw == "had" || lw == "was" || lw == "is"
}

// reportsBefore reports whether a speaker and verb report what comes
// before them: after a quotation ('"...," the spokesman stressed'), or at
// the end of the sentence after a comma ("..., Peskov said."). An opening
// phrase ("On December 4, 2018, the United States declared ...") does not.
func reportsBefore(before, after string) bool {
	t := strings.TrimRightFunc(before, unicode.IsSpace)
	if strings.HasSuffix(t, "\"") || strings.HasSuffix(t, "”") || strings.HasSuffix(t, ",\"") || strings.HasSuffix(t, ",”") {
		return true
	}
	rest := strings.TrimSpace(after)
	if k := strings.IndexAny(rest, ",;"); k >= 0 {
		rest = rest[:k]
	}
	return strings.HasSuffix(t, ",") && strings.Trim(rest, ".!? ") == ""
}

// quoteOrCommaBefore reports whether a comma or closing quote comes right
// before offset i: '..., Peskov said', '"...," said Peskov'.
func quoteOrCommaBefore(text string, i int) bool {
	t := strings.TrimRightFunc(text[:i], unicode.IsSpace)
	// skip a name in between: ', the Kremlin spokesman stressed'
	if ws, we := nameBefore(text, i); we > ws {
		t = strings.TrimRightFunc(text[:ws], unicode.IsSpace)
	}
	return strings.HasSuffix(t, ",") || strings.HasSuffix(t, "\"") || strings.HasSuffix(t, "”") || strings.HasSuffix(t, ",\"") || strings.HasSuffix(t, ",”")
}

// prevWord returns the word that ends before offset i, skipping spaces.
func prevWord(text string, i int) (int, int) {
	e := i
	for e > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	s := e
	for s > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:s])
		if !wordRune(r) {
			break
		}
		s -= size
	}
	return s, e
}

// nextWord returns the word that starts at or after offset i, skipping
// spaces.
func nextWord(text string, i int) (int, int) {
	s := i
	for s < len(text) {
		r, size := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	e := s
	for e < len(text) {
		r, size := utf8.DecodeRuneInString(text[e:])
		if !wordRune(r) {
			break
		}
		e += size
	}
	return s, e
}

func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '\'' || r == '’'
}

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func trimSpace(text string, s, e int) (int, int) {
	for s < e && text[s] == ' ' {
		s++
	}
	for e > s && (text[e-1] == ' ' || text[e-1] == '.') {
		e--
	}
	return s, e
}

// ClaimLabel says, for a reader, whose claim a span is, given what an
// answer's AttributedTo holds: "claim by NATO" for a speaker, and for a
// hedge that names no one ("allegedly"), "unconfirmed (allegedly)".
func ClaimLabel(attributedTo string) string {
	if hedgeRE.MatchString(attributedTo) && strings.EqualFold(strings.TrimSpace(attributedTo), hedgeRE.FindString(attributedTo)) {
		return "unconfirmed (" + strings.ToLower(strings.TrimSpace(attributedTo)) + ")"
	}
	return "claim by " + attributedTo
}
