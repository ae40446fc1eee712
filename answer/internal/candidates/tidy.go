package candidates

import (
	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
)

// Every extractor ends its span by its own rule, and some rules end in the
// wrong place: "Kremlin Spokesman Dmitry" cuts a name, "was signed on
// December 8" carries the verb, "(the SSC-8" opens a bracket it never
// closes. tidy mends the span of every candidate once, after extraction,
// so that an answer never starts or ends inside a name, a bracket or a
// quotation, and never starts or ends with a function word or, for an
// answer of a type (a date, a number, a name), a verb. It is hand-written:
// the rules are about this tokenizer's tokens, which no library sees.

// edgeWords never start or end an answer.
var edgeWords = lexicon.SetOf(`a an the of to in on at by for from with as and or but nor that which who whom whose
	is are was were be been being has have had do does did will would shall should can could may might must
	its their his her this these those then also so into onto upon via per`)

// clauseLinks never start a phrase answer (a claim, a reason, a
// description): they join it to what came before. A phrase keeps its
// other first words: "who knows what will happen" is a quotation's own.
var clauseLinks = lexicon.SetOf(`and or but nor that so then also`)

// typedWants are the kinds whose answer is a date, a number or a name:
// what comes before it in the clause ("signed on") is never part of it.
var typedWants = map[question.Want]bool{question.WantDate: true, question.WantNumber: true, question.WantEntity: true,
	question.WantPerson: true, question.WantOrg: true, question.WantCountry: true, question.WantPlace: true}

// maxMend is how far, in tokens, tidy reaches to close a name, bracket or
// quotation.
const maxMend = 20

// tidy mends a candidate's span. A date's answer is the date the parser
// read, so only its span's edges are trimmed ("on Friday" marks "Friday");
// a candidate whose text is not its span (a source) or that tidying would
// empty is kept as it is.
func tidy(q question.Question, s Passage, c Candidate) Candidate {
	if c.SpanEnd <= c.SpanStart || c.SpanEnd > len(c.P.Text) || len(s.Toks) == 0 {
		return c
	}
	own := c.P.Text[c.SpanStart:c.SpanEnd] == c.Text
	dated := !c.Date.IsZero()
	if !own && !dated {
		return c
	}
	from, to := text.TokenAt(s.Toks, c.SpanStart), text.TokenAt(s.Toks, c.SpanEnd-1)+1
	if from < 0 || to > len(s.Toks) || from >= to {
		return c
	}
	want := q.Want
	if dated {
		want = question.WantDate
	}
	from, to = trimEdges(s.Toks, from, to, want)
	if !dated {
		from, to = wholeNames(s, from, to)
		from, to = balanced(s.Toks, from, to)
		from, to = trimEdges(s.Toks, from, to, want)
	}
	if from >= to {
		return c
	}
	c.SpanStart, c.SpanEnd = s.Toks[from].Start, s.Toks[to-1].End
	if own {
		c.Text = c.P.Text[c.SpanStart:c.SpanEnd]
	}
	return c
}

// trimEdges drops punctuation and function words from both ends of [from,
// to), and for a typed answer a leading verb ("signed on December 8").
// Brackets and quotation marks are left to balanced.
func trimEdges(toks []text.Token, from, to int, want question.Want) (int, int) {
	for from < to && dropsFirst(toks, from, to, want) {
		from++
	}
	for to > from && edgeAt(toks, to-1) {
		to--
	}
	return from, to
}

// dropsFirst reports whether the token at k may not start an answer of
// the kind asked for: a typed answer starts with no function word (a
// number may with "a": "a week later") and no verb; a phrase with no
// punctuation or joining word.
func dropsFirst(toks []text.Token, k, to int, want question.Want) bool {
	t := toks[k]
	if typedWants[want] {
		quantity := want == question.WantNumber && (t.Lower == "a" || t.Lower == "an")
		return edgeAt(toks, k) && !quantity || leadingVerb(toks, k, to)
	}
	return t.Kind == text.Punct && edgeToken(t) || clauseLinks[t.Lower]
}

// edgeToken reports whether a token may not start or end an answer:
// a function word, or punctuation other than a bracket or quotation mark.
func edgeToken(t text.Token) bool {
	if t.Kind == text.Punct {
		return !isBracket(t.Text) && !isQuote(t.Text) && t.Text != "%"
	}
	return t.Kind == text.Word && edgeWords[t.Lower] && !t.AllCaps
}

// edgeAt reports whether the token at k may not start or end an answer:
// as edgeToken, but "May" is a month as often as a verb, and a capital
// "The" inside a sentence is part of a name ("The Hague").
func edgeAt(toks []text.Token, k int) bool {
	t := toks[k]
	if t.Cap && t.Kind == text.Word && (lexicon.CalendarWords[t.Lower] || !text.SentenceInitial(toks, k)) {
		return false
	}
	return edgeToken(t)
}

// leadingVerb reports whether the token at k is a verb that opens a typed
// answer, with the answer still to come after a function word: "signed"
// in "signed on December 8", not "unlimited" in "unlimited duration".
func leadingVerb(toks []text.Token, k, to int) bool {
	t := toks[k]
	return k+1 < to && t.Kind == text.Word && !t.Cap && looksParticiple(t) && edgeWords[toks[k+1].Lower]
}

// nameWord reports whether a token can be part of a name: a capitalised
// word that is no function word, title, month or weekday.
func nameWord(t text.Token) bool {
	return t.Kind == text.Word && t.Cap && !edgeWords[t.Lower] && !lexicon.TitleWords[t.Lower] && !lexicon.CalendarWords[t.Lower]
}

// wholeNames moves the ends of [from, to) out of the middle of a name. A
// name the question itself asks about is left out ("Kremlin Spokesman
// Dmitry" for "who is Peskov" becomes "Kremlin Spokesman"); another name
// is taken whole ("Soviet" becomes "Soviet Union"). A title beside a name
// is a boundary, and so is a place on its own ("Russian" in "the Russian
// Foreign Ministry" answers "which country").
func wholeNames(s Passage, from, to int) (int, int) {
	toks := s.Toks
	if to < len(toks) && nameWord(toks[to-1]) && nameWord(toks[to]) && !allPlaces(toks[from:to]) {
		if InQuestion(s, to, to+1) {
			k := to
			for k > from && nameWord(toks[k-1]) && !InQuestion(s, k-1, k) {
				k--
			}
			if k > from {
				to = k
			}
		} else {
			for n := 0; n < maxMend && to < len(toks) && nameWord(toks[to]) && !InQuestion(s, to, to+1); n++ {
				to++
			}
		}
	}
	if from > 0 && from < to && nameWord(toks[from]) && nameWord(toks[from-1]) && !InQuestion(s, from-1, from) && !allPlaces(toks[from:to]) {
		for n := 0; n < maxMend && from > 0 && nameWord(toks[from-1]) && !InQuestion(s, from-1, from); n++ {
			from--
		}
	}
	return from, to
}

// allPlaces reports whether every word of a span is a country, city or
// nationality of the gazetteer.
func allPlaces(toks []text.Token) bool {
	words := 0
	for _, t := range toks {
		if t.Kind != text.Word {
			continue
		}
		words++
		if _, ok := lexicon.Gazetteer[t.Lower]; !ok {
			return false
		}
	}
	return words > 0
}

func isBracket(s string) bool { return s == "(" || s == ")" || s == "[" || s == "]" }

func isQuote(s string) bool {
	return s == "\"" || s == "“" || s == "”" || s == "«" || s == "»"
}

// balanced mends [from, to) so that every bracket and quotation mark in it
// has its partner in it: an unpaired mark at an edge is dropped; one
// inside reaches out to its partner, or, when that is too far, the span
// stops at it.
func balanced(toks []text.Token, from, to int) (int, int) {
	for range 4 {
		k, opening := unpaired(toks, from, to)
		if k < 0 {
			break
		}
		switch {
		case k == from:
			from++
		case k == to-1:
			to--
		case opening:
			if p := partnerAfter(toks, k, to); p >= 0 {
				to = p + 1
			} else {
				to = k
			}
		default:
			if p := partnerBefore(toks, k, from); p >= 0 {
				from = p
			} else {
				from = k + 1
			}
		}
		if from >= to {
			break
		}
	}
	return from, to
}

// unpaired finds a bracket or quotation mark in [from, to) whose partner
// is outside it, and says whether it opens; -1 when there is none.
func unpaired(toks []text.Token, from, to int) (int, bool) {
	var stack []int
	for k := from; k < to; k++ {
		t := toks[k].Text
		if toks[k].Kind != text.Punct {
			continue
		}
		switch {
		case t == "(" || t == "[" || t == "“" || t == "«" || t == "\"" && opensStraight(toks, k):
			stack = append(stack, k)
		case t == ")" || t == "]" || t == "”" || t == "»" || t == "\"":
			if len(stack) == 0 {
				return k, false
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		return stack[0], true
	}
	return -1, false
}

// opensStraight reports whether the straight quotation mark at k opens a
// quotation: an even number of them come before it in the passage.
func opensStraight(toks []text.Token, k int) bool {
	n := 0
	for i := 0; i < k; i++ {
		if toks[i].Text == "\"" {
			n++
		}
	}
	return n%2 == 0
}

// partner is the mark that closes or opens the one given.
var partner = map[string]string{"(": ")", "[": "]", "“": "”", "«": "»", "\"": "\"", ")": "(", "]": "[", "”": "“", "»": "«"}

// partnerAfter finds the mark that closes the one at k, from `to` on.
func partnerAfter(toks []text.Token, k, to int) int {
	want := partner[toks[k].Text]
	for i := to; i < len(toks) && i < to+maxMend; i++ {
		if toks[i].Text == want {
			return i
		}
	}
	return -1
}

// partnerBefore finds the mark that opens the one at k, before from.
func partnerBefore(toks []text.Token, k, from int) int {
	want := partner[toks[k].Text]
	for i := from - 1; i >= 0 && i > from-maxMend; i-- {
		if toks[i].Text == want {
			return i
		}
	}
	return -1
}
