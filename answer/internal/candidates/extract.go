package candidates

import (
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
)

// maxAnswerWords bounds a short answer.
const maxAnswerWords = 12

// Extract finds answer candidates of the type the question wants in one
// passage. Each candidate's fit is in [0, 1]: how well it fits, as the
// rules (rules.go) that made it judge.
func (f *Finder) Extract(q question.Question, s Passage) []Candidate {
	cs := f.extract(q, s)
	for i := range cs {
		cs[i] = tidy(q, s, cs[i])
	}
	return cs
}

// extract is Extract before its spans are tidied.
func (f *Finder) extract(q question.Question, s Passage) []Candidate {
	switch q.Want {
	case question.WantDate:
		return f.extractDates(q, s)
	case question.WantNumber:
		return f.extractNumbers(q, s)
	case question.WantEntity, question.WantPerson, question.WantOrg, question.WantCountry, question.WantPlace:
		return f.extractEntities(q, s)
	case question.WantSource:
		return f.extractSource(q, s)
	case question.WantReason:
		return extractReason(q, s)
	case question.WantDescription:
		return extractDescription(q, s)
	case question.WantRole, question.WantDefinition:
		if q.Define {
			// "what is the AEOI?", "who is Peskov?": an expansion, a title,
			// an appositive, "X is a ..."
			return f.extractDefinition(q, s)
		}
		return f.extractRole(q, s)
	case question.WantExpansion:
		return extractExpansion(q, s)
	case question.WantYesNo:
		return extractYesNo(q, s)
	case question.WantNounPhrase:
		if cs := f.extractNounPhrase(q, s); len(cs) > 0 {
			return append(cs, listAfter(q, s)...)
		}
		// the head noun is not in the passage: a name beside the verb may
		// still answer ("what event" -> "the Munich Security Conference")
		out := listAfter(q, s)
		for _, c := range f.extractEntities(q, s) {
			c.apply(entityInsteadOfPhrase)
			out = append(out, c)
		}
		return out
	}
	return f.extractClaim(q, s)
}

// span makes a candidate from tokens [from, to) of the passage, with the
// fit f; text is its answer, or "" for the span's own text.
func span(s Passage, from, to int, text string, f fit) Candidate {
	start, end := s.Toks[from].Start, s.Toks[to-1].End
	if text == "" {
		text = s.P.Text[start:end]
	}
	return Candidate{P: s.P, Text: text, SpanStart: start, SpanEnd: end, Fit: f.v, Rules: f.rules}
}

// whole makes a candidate that is no span of the passage's text (a date
// field, a source, yes or no), with the fit f.
func whole(s Passage, text string, f fit) Candidate {
	return Candidate{P: s.P, Text: text, Fit: f.v, Rules: f.rules}
}

func conceptTexts(q question.Question) []string {
	var out []string
	for _, c := range q.Concepts {
		out = append(out, c.Text)
	}
	return out
}

// Clamp01 holds f to [0, 1], as a candidate's fit is held.
func Clamp01(f float64) float64 { return max(0, min(1, f)) }

func lowerWords(toks []text.Token) []string {
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
// listComma reports whether the comma at k separates names of a list that
// goes on to "and": "the United States, Britain and Canada".
func listComma(toks []text.Token, k int) bool {
	if k == 0 || !toks[k-1].Cap || k+1 >= len(toks) || !toks[k+1].Cap {
		return false
	}
	for j := k + 1; j < len(toks) && j < k+6; j++ {
		switch {
		case toks[j].Lower == "and" || toks[j].Lower == "or":
			return true
		case toks[j].Kind == text.Punct && toks[j].Text != ",":
			return false
		}
	}
	return false
}

func clauseEnd(toks []text.Token, start, maxWords int) int {
	n := 0
	depth := 0
	for k := start; k < len(toks); k++ {
		t := toks[k]
		if t.Kind == text.Punct {
			if aside(t, &depth) {
				continue
			}
			// "the United States, Britain and Canada objected": a comma
			// inside a list of names does not end the clause
			if t.Text == "," && listComma(toks, k) {
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

// embeddingVerb reports whether t is a verb that embeds a clause whose
// subject follows it: "alleged Russia was ...".
func embeddingVerb(t text.Token) bool {
	return t.Kind == text.Word && !t.Cap && (strings.HasSuffix(t.Lower, "ed") || lexicon.SayVerbs[t.Lower]) && !lexicon.Stopwords[t.Lower]
}

var pronouns = lexicon.SetOf(`it he she they we i you which who that this these those`)

var subordinators = lexicon.SetOf(`because that since as if although though while when whether unless after before`)

// aside tracks brackets: it reports whether t is a bracket or lies inside
// a parenthesised aside, updating depth.
func aside(t text.Token, depth *int) bool {
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

// stripParens writes tokens of src as text without parenthesised asides.
func stripParens(toks []text.Token, src string) string {
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
		b.WriteString(src[t.Start:t.End])
		prevEnd = t.End
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

var sayNorm = text.NormWord("say")

// hasSayConcept reports whether the question asks about something said.
func hasSayConcept(q question.Question) bool {
	for _, c := range q.Concepts {
		if lexicon.SayVerbs[strings.ToLower(c.Text)] {
			return true
		}
		for _, a := range c.Alts {
			if len(a.Norms) == 1 && a.Norms[0] == sayNorm {
				return true
			}
		}
	}
	return false
}

// quotation finds the first quoted stretch in toks, returning the token
// range inside the quote marks.
func quotation(toks []text.Token) (int, int, bool) {
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
func wordSpan(toks []text.Token, start, n int) int {
	words := 0
	for k := start; k < len(toks); k++ {
		if toks[k].Kind != text.Punct {
			words++
			if words == n {
				return k - start + 1
			}
		}
	}
	return len(toks) - start
}
