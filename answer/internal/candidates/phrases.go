package candidates

import (
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
)

// extractReason answers why-questions with the clause after "because",
// "due to" and the like.
func extractReason(q question.Question, s Passage) []Candidate {
	var out []Candidate
	lw := lowerWords(s.Toks)
	for i := range s.Toks {
		for ci, cue := range allReasonCues {
			cw := strings.Fields(cue)
			if !wordsAt(lw, i, cw) {
				continue
			}
			start := i + len(cw)
			if start >= len(s.Toks) {
				break
			}
			if (cue == "since" || cue == "after") && (s.Toks[start].Kind == text.Number || lexicon.CalendarWords[s.Toks[start].Lower] || inDate(s.P, s.Toks[start].Start, s.Toks[start].End)) {
				break // "since 1987", "after March 12" are times, not reasons
			}
			if cue == "after" && i > 0 && (timeUnits[s.Toks[i-1].Lower] || s.Toks[i-1].Lower == "shortly" || s.Toks[i-1].Lower == "soon" || s.Toks[i-1].Lower == "long") {
				break // "six months after the notice": a time
			}
			if cue == "over" && (s.Toks[start].Lower == "by" || i > 0 && strings.HasSuffix(s.Toks[i-1].Lower, "ed")) {
				break // "presided over by": no reason
			}
			// "because, in their view, the nuclear powers had done too little"
			if s.Toks[start].Text == "," {
				for k := start + 1; k < len(s.Toks) && k < start+8; k++ {
					if s.Toks[k].Text == "," {
						start = k + 1
						break
					}
				}
			}
			if start >= len(s.Toks) {
				break
			}
			end := clauseEnd(s.Toks, start, 14)
			if end <= start {
				break
			}
			sc := reasonCue.fit(Proximity(q, s, i, end))
			if ci >= len(lexicon.ReasonCues) {
				sc.apply(reasonWeakCue)
			}
			out = append(out, span(s, start, end, "", sc.plus(0.2).clamped()))
			break
		}
	}
	return out
}

var allReasonCues = append(append([]string{}, lexicon.ReasonCues...), lexicon.WeakReasonCues...)

// allInQuestion reports whether every word of toks[from:to] is one the
// question has: "nuclear opacity" is a name for a nuclear policy, but
// "nuclear policy" is only the question again.
func allInQuestion(s Passage, from, to int) bool {
	for k := from; k < to; k++ {
		if s.Toks[k].Kind == text.Word && !lexicon.Stopwords[s.Toks[k].Lower] && !InQuestion(s, k, k+1) {
			return false
		}
	}
	return true
}

// namingVerbs give a name directly after their object: "calls it X".
var namingVerbs = map[string]bool{text.NormWord("call"): true, text.NormWord("dub"): true, text.NormWord("name"): true, text.NormWord("term"): true, text.NormWord("label"): true}

// extractDescription answers "how did X describe Y" with what follows "as".
func extractDescription(q question.Question, s Passage) []Candidate {
	var out []Candidate
	for i, t := range s.Toks {
		knownAs := t.Lower == "known" && i+1 < len(s.Toks) && s.Toks[i+1].Lower == "as" // "widely known as the Ottawa Convention"
		if !question.DescribeVerbs[t.Norm] && !knownAs {
			continue
		}
		// "calling it "a bad mistake of historic proportions""
		if qs, qe, ok := quotation(s.Toks[i+1:]); ok && qs <= 4 {
			qs, qe = qs+i+1, qe+i+1
			end := min(qe, qs+wordSpan(s.Toks, qs, maxAnswerWords))
			out = append(out, span(s, qs, end, "", descriptionQuote.fit(Proximity(q, s, i, end)+0.3).clamped()))
			continue
		}
		found := false
		for k := i + 1; k < len(s.Toks) && k < i+8; k++ {
			if s.Toks[k].Lower == "as" {
				end := clauseEnd(s.Toks, k+1, 8)
				if end > k+1 {
					out = append(out, span(s, k+1, end, "", descriptionAs.fit(Proximity(q, s, i, end)+0.3).clamped()))
				}
				found = true
				break
			}
		}
		// "which NATO calls the SSC-8", "dubbed it Trident": the name after the verb
		if !found && namingVerbs[t.Norm] {
			at := i + 1
			for at < len(s.Toks) && (s.Toks[at].Lower == "it" || s.Toks[at].Lower == "this" || s.Toks[at].Lower == "them" || s.Toks[at].Lower == "the") {
				at++
			}
			if end := clauseEnd(s.Toks, at, 6); end > at && !allInQuestion(s, at, end) {
				out = append(out, span(s, at, end, "", descriptionNamed.fit(Proximity(q, s, i, end)+0.25).clamped()))
			}
		}
	}
	// no "described it as": a quotation by the speaker characterises it
	// ("This is a very important statement ...," the spokesman said)
	if len(out) == 0 && text.Any(s.Toks, func(t text.Token) bool { return lexicon.SayVerbs[t.Lower] }) {
		if qs, qe, ok := quotation(s.Toks); ok {
			end := min(qe, qs+wordSpan(s.Toks, qs, maxAnswerWords+2))
			out = append(out, span(s, qs, end, "", descriptionSpeakerQuote.fit(0.5)))
		}
	}
	return out
}

// extractExpansion answers "what does INF stand for" from "Intermediate-Range
// Nuclear Forces (INF)".
// nameEnd returns where a name that starts at token start ends: at the
// sentence's end, a semicolon, or after maxWords words.
func nameEnd(toks []text.Token, start, maxWords int) int {
	n := 0
	for k := start; k < len(toks); k++ {
		switch toks[k].Text {
		case ".", ";", "!", "?":
			return k
		}
		if toks[k].Kind != text.Punct {
			if n++; n > maxWords {
				return k
			}
		}
	}
	return len(toks)
}

func extractExpansion(q question.Question, s Passage) []Candidate {
	var out []Candidate
	// "The full name of New START is the Treaty between ..."
	lw := lowerWords(s.Toks)
	for i := range lw {
		if wordsAt(lw, i, []string{"full", "name"}) || wordsAt(lw, i, []string{"stands", "for"}) || wordsAt(lw, i, []string{"short", "for"}) {
			for k := i + 2; k < len(lw) && k < i+10; k++ {
				if lw[k] == "is" || lw[k] == "was" || lw[k-1] == "for" && k == i+2 {
					start := k
					if lw[k] == "is" || lw[k] == "was" {
						start = k + 1
					}
					// a name runs to the sentence's end, commas and all:
					// "the Convention on the Prohibition of the Use,
					// Stockpiling, Production and Transfer of ..."
					if end := nameEnd(s.Toks, start, 30); end > start {
						out = append(out, span(s, start, end, "", expansionFullName.fit(Proximity(q, s, start, end)+0.3).clamped()))
					}
					break
				}
			}
		}
	}
	for _, c := range q.Concepts {
		acr := strings.ToUpper(strings.ReplaceAll(c.Text, ".", ""))
		if len(acr) < 2 || len(acr) > 8 {
			continue
		}
		for i := 1; i+1 < len(s.Toks); i++ {
			if t := strings.TrimSuffix(s.Toks[i].Text, "s"); t != acr && strings.ToUpper(t) != acr {
				continue
			}
			if s.Toks[i-1].Text == "(" && s.Toks[i+1].Text == ")" {
				from, ok := text.AcronymBack(s.Toks, i-1, acr)
				if !ok {
					from, ok = text.AcronymBag(s.Toks, i-1, acr)
				}
				if ok {
					sc := expansionAcronym.fit(1)
					if q.FullName {
						sc.apply(expansionShortName)
					}
					out = append(out, span(s, from, i-1, "", sc))
				}
			}
		}
	}
	return out
}

// extractYesNo answers a yes/no question when a passage states it: "Yes"
// when it does, "No" when it states the negation.
func extractYesNo(q question.Question, s Passage) []Candidate {
	if s.Rel < 0.5 {
		return nil
	}
	// "is it still in force?": a passage can say what was, not what is now
	if q.AboutNow {
		return nil
	}
	for ci, c := range q.Concepts {
		m := s.Matches[ci]
		if ci == q.Verb && len(m.Pos) == 0 || c.Entity && len(m.Pos) == 0 && !m.ctx {
			return nil
		}
	}
	neg := false
	for k, t := range s.Toks {
		// "Moscow turned him down" says no as plainly as "refused"
		if lexicon.Negations[t.Lower] || t.Lower == "down" && k > 0 && (s.Toks[k-1].Norm == "turn" || k > 1 && s.Toks[k-2].Norm == "turn") {
			neg = true
		}
	}
	ans := "Yes"
	if neg != q.Negated {
		ans = "No"
	}
	return []Candidate{whole(s, ans, yesNo.fit(0.9))}
}

// extractNounPhrase answers "which missiles ..." with the phrase that ends in
// the head noun, or a name or code beside it.
func (f *Finder) extractNounPhrase(q question.Question, s Passage) []Candidate {
	var out []Candidate
	isHead := headMatcher(q)
	ents := findEntities(s.Toks, f.voc)
	for i, t := range s.Toks {
		if !isHead(t) {
			continue
		}
		out = append(out, namesByHead(q, s, ents, i)...)
		from, to := phraseOfHead(s, i, isHead)
		if from == i && to == i+1 {
			continue
		}
		out = append(out, span(s, from, to, stripParens(s.Toks[from:to], s.P.Text), phraseHead.fit(Proximity(q, s, from, to)+0.1).clamped()))
	}
	return out
}

// headMatcher reports whether a token is the question's head noun, or a
// one-word synonym of it.
func headMatcher(q question.Question) func(text.Token) bool {
	headAlts := []string{q.Head}
	for _, c := range q.Concepts {
		if c.Head {
			for _, a := range c.Alts {
				if len(a.Norms) == 1 {
					headAlts = append(headAlts, a.Norms[0])
				}
			}
		}
	}
	return func(t text.Token) bool {
		for _, h := range headAlts {
			if text.Matches(t, h) {
				return true
			}
		}
		return false
	}
}

// namesByHead are the codes and names that may answer a which-question
// whose head noun is token i: any code of the passage ("Name the Soviet
// missile system": "the Soviet SS-20"), a code or name right beside the
// head ("the 9M729 missile", "missile, the 9M729"), and the numbered thing
// the head names ("Resolution 2231", "Article XV").
func namesByHead(q question.Question, s Passage, ents []entity, i int) []Candidate {
	var out []Candidate
	for _, en := range ents {
		if en.kind == entCode && !InQuestion(s, en.from, en.to) {
			out = append(out, span(s, en.from, en.to, "", phraseCode.fit(Proximity(q, s, en.from, en.to)+0.15).clamped()))
		}
	}
	for _, en := range ents {
		if (en.kind == entCode || en.kind == entOther || en.kind == entOrg) && !InQuestion(s, en.from, en.to) && (en.to <= i && i-en.to <= 5 || en.from > i && en.from-i <= 10 && clauseEnd(s.Toks, i+1, 12) >= en.to) {
			out = append(out, span(s, en.from, en.to, "", phraseBesideHead.fit(Proximity(q, s, en.from, en.to)+0.35).clamped()))
		}
	}
	if i+1 < len(s.Toks) && (s.Toks[i+1].Kind == text.Number || s.Toks[i+1].HasDigit) && s.Toks[i].Cap {
		out = append(out, span(s, i, i+2, "", phraseNumbered.fit(Proximity(q, s, i, i+2)+0.45).clamped()))
	}
	return out
}

// phraseOfHead returns the token range of the noun phrase that ends in
// the head noun at token i: its modifiers back to a punctuation mark, a
// small word, the question's own words or a verb's subject, and the
// numbers that follow it ("wind-down periods of 90 and 180 days").
func phraseOfHead(s Passage, i int, isHead func(text.Token) bool) (from, to int) {
	from = i
	depth := 0
	for k := i - 1; k >= 0; k-- {
		tk := s.Toks[k]
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
		if tk.Text == "," && k > 0 && s.Toks[k-1].Kind == text.Word && !lexicon.Stopwords[s.Toks[k-1].Lower] {
			continue // "seismic, hydroacoustic, infrasound and radionuclide technologies"
		}
		if tk.Kind == text.Punct || (lexicon.Stopwords[tk.Lower] && tk.Lower != "and" && tk.Lower != "or") || InQuestion(s, k, k+1) && !isHead(tk) {
			break
		}
		if k > 0 && (pronouns[s.Toks[k-1].Lower] || s.Toks[k-1].Cap && !tk.Cap && s.Toks[k-1].Kind == text.Word && !question.IsAdjectiveLike(tk.Lower)) {
			break // "It outlawed ...", "The System uses ...": a verb after its subject
		}
		from = k
	}
	for from < i && (s.Toks[from].Lower == "and" || s.Toks[from].Lower == "or" || s.Toks[from].Text == ",") {
		from++
	}
	to = i + 1
	if to+1 < len(s.Toks) && s.Toks[to].Lower == "of" && (s.Toks[to+1].Kind == text.Number || question.IsNumberWord(s.Toks[to+1])) {
		to = clauseEnd(s.Toks, to, 6)
	}
	return from, to
}

// extractClaim answers open questions ("what did Moscow say", "what will
// Russia do") with a quotation or the predicate after the subject.
func (f *Finder) extractClaim(q question.Question, s Passage) []Candidate {
	if q.Cloze && len(q.Concepts) > 0 {
		return clozeSpans(q, s) // none when the anchor is not in this passage
	}
	var out []Candidate
	if c, ok := quoteSpan(q, s); ok {
		out = append(out, c)
	}
	base := claimPredicate.fit(0.6)
	// "what will Russia do if the US leaves": a passage with the same
	// condition ("..., if US pulls out of INF") answers it best
	if q.Conditional && text.Any(s.Toks, func(t text.Token) bool { return t.Lower == "if" }) {
		base.apply(claimConditional)
		out = append(out, ifMainClauses(s)...)
	}
	if hasSayConcept(q) && len(out) == 0 && !text.Any(s.Toks, func(t text.Token) bool { return lexicon.SayVerbs[t.Lower] || reactionVerbs[t.Norm] }) {
		return nil // "what did X say": this passage reports no saying
	}
	if c, ok := predicateSpan(q, s, base); ok {
		out = append(out, c)
	}
	if q.Verb >= 0 && !hasSayConcept(q) {
		out = append(out, verbObjects(q, s)...)
	}
	out = append(out, listAfter(q, s)...)
	if len(out) == 0 {
		if c, ok := bestClause(q, s); ok {
			out = append(out, c)
		}
	}
	return out
}

// clozeSpans answer "necessary for what?": what follows the question's
// last concept, as the question writes it, after any small words the
// question repeats ("for").
func clozeSpans(q question.Question, s Passage) []Candidate {
	var out []Candidate
	lq := " " + strings.ToLower(q.Raw) + " "
	last := len(q.Concepts) - 1
	own := q.Concepts[last]
	own.Alts = own.Alts[:own.SynFrom] // "the United States of", not "Washington"
	m := findConcept(own, s.Toks)
	for k := range m.Pos {
		at := m.end[k]
		for at < len(s.Toks) && (lexicon.Stopwords[s.Toks[at].Lower] && strings.Contains(lq, " "+s.Toks[at].Lower+" ") ||
			s.Toks[at].Lower == "a" || s.Toks[at].Lower == "an" || s.Toks[at].Lower == "the" || s.Toks[at].Text == "\"" || s.Toks[at].Text == "“") {
			at++
		}
		if end := clauseEnd(s.Toks, at, 8); end > at {
			out = append(out, span(s, at, end, "", claimCloze.fit(0.5+0.5*Proximity(q, s, at, end)).clamped()))
		}
	}
	return out
}

// quoteSpan is the quotation of a passage, for a question about something
// said: from after the last question word the quote repeats ("commitment
// to seek | the peace and security of a world without nuclear weapons"),
// except that "what did X say about Y" asks for the gist, which a quote
// gives first.
func quoteSpan(q question.Question, s Passage) (Candidate, bool) {
	qs, qe, ok := quotation(s.Toks)
	if !ok || !hasSayConcept(q) {
		return Candidate{}, false
	}
	start := qs
	for k := qs; k < qe && !q.SayAbout; k++ {
		if InQuestion(s, k, k+1) && qe-k > 4 {
			start = k + 1
		}
	}
	end := min(qe, start+wordSpan(s.Toks, start, maxAnswerWords+2))
	return span(s, start, end, "", claimQuote.fit(0.7)), true
}

// ifMainClauses are the main clauses after a condition that opens the
// passage: "If Syria fails to comply, Washington and Moscow will ask ...".
func ifMainClauses(s Passage) []Candidate {
	var out []Candidate
	for k, t := range s.Toks {
		if t.Lower != "if" || k > 2 {
			continue
		}
		for c := k + 1; c < len(s.Toks); c++ {
			if s.Toks[c].Text == "," {
				if stop := nameEnd(s.Toks, c+1, maxAnswerWords); stop > c+2 {
					out = append(out, span(s, c+1, stop, "", claimIfMainClause.fit(0.75)))
				}
				break
			}
		}
	}
	return out
}

// predicateSpan is the predicate after the question's subject in the
// passage (its actor, or else its first name the passage holds), with the
// fit base: past the subject's name and appositive, and past "said that".
func predicateSpan(q question.Question, s Passage, base fit) (Candidate, bool) {
	subj := -1
	if q.Actor >= 0 && len(s.Matches[q.Actor].Pos) > 0 {
		subj = q.Actor
	}
	for ci, c := range q.Concepts {
		if subj < 0 && c.Entity && len(s.Matches[ci].Pos) > 0 {
			subj = ci
		}
	}
	// "Moscow’s response to ...": a possessive is not the subject of a predicate
	if subj < 0 || s.Toks[s.Matches[subj].end[0]-1].Poss {
		return Candidate{}, false
	}
	m := s.Matches[subj]
	at := m.end[0]
	for at < len(s.Toks) && (s.Toks[at].Kind == text.Word && s.Toks[at].Cap) {
		at++
	}
	at = skipAppositive(s.Toks, at)
	// skip "said that", "stressed that"; keep "said" alone when a say
	// question asks what was said ("said the move did not mean ...")
	switch {
	case at+1 < len(s.Toks) && lexicon.SayVerbs[s.Toks[at].Lower] && s.Toks[at+1].Lower == "that":
		at += 2
	case at+1 < len(s.Toks) && lexicon.SayVerbs[s.Toks[at].Lower] && hasSayConcept(q):
		at++
	}
	if at >= len(s.Toks) || s.Toks[at].Kind != text.Word {
		return Candidate{}, false
	}
	end := clauseEnd(s.Toks, at, maxAnswerWords)
	if end <= at+1 {
		return Candidate{}, false
	}
	sc := base
	if p := m.Pos[0]; p > 0 && (subordinators[s.Toks[p-1].Lower] || embeddingVerb(s.Toks[p-1])) {
		sc.apply(claimSubordinate)
	}
	return span(s, at, end, "", sc), true
}

// verbObjects are what follows the question's verb in the passage, its
// object: "blaming Western sanctions", "alleged Russia was in breach of
// the agreement".
func verbObjects(q question.Question, s Passage) []Candidate {
	var out []Candidate
	for _, end := range s.Matches[q.Verb].end {
		at := end
		for at < len(s.Toks) && (s.Toks[at].Lower == "that" || s.Toks[at].Lower == "the" || s.Toks[at].Lower == "a") {
			at++
		}
		if stop := clauseEnd(s.Toks, at, 10); stop > at+1 {
			sc := claimVerbObject.fit(0.35 + 0.4*Proximity(q, s, at, stop))
			if q.Actor >= 0 && q.Actor < q.Verb && q.WhWord == "what" {
				sc.apply(claimAskedObject)
			}
			out = append(out, span(s, at, stop, "", sc.clamped()))
		}
	}
	return out
}

// bestClause is the clause of the passage that holds most of the
// question, less the question's own words at its start: the claim when
// no cue gives one.
func bestClause(q question.Question, s Passage) (Candidate, bool) {
	best, bs, be := -1.0, 0, 0
	start := 0
	for start < len(s.Toks) {
		end := clauseEnd(s.Toks, start, 40)
		if end > start {
			sc := Proximity(q, s, start, end)
			if sc > best {
				best, bs, be = sc, start, end
			}
		}
		start = end + 1
	}
	if best <= 0 {
		return Candidate{}, false
	}
	for bs < be && (InQuestion(s, bs, bs+1) || lexicon.Stopwords[s.Toks[bs].Lower]) {
		bs++
	}
	if be-bs <= 0 {
		return Candidate{}, false
	}
	be = min(be, bs+wordSpan(s.Toks, bs, maxAnswerWords))
	return span(s, bs, be, "", claimBestClause.fit(0.45)), true
}

// listAfter finds a list right after a noun of the question, which names
// its members: "rests on three pillars, non-proliferation, disarmament and
// the peaceful use of nuclear energy", "systems such as A, B or C".
func listAfter(q question.Question, s Passage) []Candidate {
	var out []Candidate
	for ci, c := range q.Concepts {
		if c.Entity || ci == q.Verb {
			continue
		}
		for _, end := range s.Matches[ci].end {
			at := end
			switch {
			case at+1 < len(s.Toks) && (s.Toks[at].Text == ":" || s.Toks[at].Text == "," && s.Toks[at+1].Kind == text.Word && !lexicon.SayVerbs[s.Toks[at+1].Lower]):
				at++
			case at+2 < len(s.Toks) && (wordsAt(lowerWords(s.Toks), at, []string{"such", "as"})):
				at += 2
			case at < len(s.Toks) && (s.Toks[at].Lower == "including" || s.Toks[at].Lower == "namely"):
				at++
			default:
				continue
			}
			stop := nameEnd(s.Toks, at, maxAnswerWords)
			if stop > at+1 && looksLikeList(s.Toks[at:stop], s.Toks[at-1].Text == ",") {
				out = append(out, span(s, at, stop, "", listAfterNoun.fit(0.65)))
			}
		}
	}
	return out
}

// looksLikeList reports whether toks read as a list of short items: "A and
// B", "A, B or C"; after a bare comma it needs both a comma and the
// conjunction, since ", this was stated by ... and is" is a clause.
func looksLikeList(toks []text.Token, afterComma bool) bool {
	if len(toks) == 0 || corefWords[toks[0].Lower] || lexicon.Stopwords[toks[0].Lower] && toks[0].Lower != "the" {
		return false
	}
	comma, conj := false, false
	for _, t := range toks {
		switch {
		case t.Text == ",":
			comma = true
		case t.Lower == "and" || t.Lower == "or":
			conj = true
		}
	}
	return conj && (comma || !afterComma)
}
