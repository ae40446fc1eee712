package candidates

import (
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

// maxDefinitionWords bounds a description: "a 1987 U.S.-Soviet treaty that
// eliminated ground-launched missiles with ranges of 500 to 5,500 km".
const maxDefinitionWords = 25

// definingVerbs open a definition after the thing defined: "X is a ...".
var definingVerbs = lexicon.SetOf(`is was are were remains`)

// definitionLeads are the first facts of a fact sheet, and the sentences
// that open an article, that describe its subject when they name it.
const definitionLeads = 2

// extractDefinition answers "what is X", "tell me about X" and "who is X"
// with X's defining text: its expansion if X is an acronym, a title
// before it or an appositive after it ("Dmitry Peskov, the Kremlin
// spokesman,"), what follows "X is a ...", and, failing those, the first
// facts of a fact sheet about X or the lead of an article about it.
func (f *Finder) extractDefinition(q question.Question, s Passage) []Candidate {
	out := append(extractExpansion(q, s), f.extractRole(q, s)...)
	for ci := range q.Concepts {
		if !definedConcept(q, ci) {
			continue
		}
		m := s.Matches[ci]
		for k := range m.Pos {
			if cand, ok := copulaDefinition(s, m.end[k]); ok {
				out = append(out, cand)
			}
			if cand, ok := postmodifierDefinition(s, m.end[k]); ok {
				out = append(out, cand)
			}
			if cand, ok := titleBeforeComma(s, m.Pos[k]); ok {
				out = append(out, cand)
			}
		}
	}
	if len(out) == 0 {
		out = append(out, leadDefinition(q, s)...)
	}
	return out
}

// definedConcept reports whether concept ci is the thing a definition
// question asks about: a name, or else any concept that is not the
// question's light verb.
func definedConcept(q question.Question, ci int) bool {
	c := q.Concepts[ci]
	if c.Light {
		return false
	}
	for _, o := range q.Concepts {
		if o.Entity {
			return c.Entity
		}
	}
	return true
}

// copulaDefinition reads "X is a ..." where X ends at token end: the
// description after the copula, less its article, up to the clause's end.
func copulaDefinition(s Passage, end int) (Candidate, bool) {
	toks := s.Toks
	end = thingEnd(toks, end)
	if end+1 >= len(toks) || !definingVerbs[toks[end].Lower] {
		return Candidate{}, false
	}
	start := end + 1
	for start < len(toks) && (toks[start].Lower == "a" || toks[start].Lower == "an" || toks[start].Lower == "the") {
		start++
	}
	stop := clauseEnd(toks, start, maxDefinitionWords)
	if stop <= start || lexicon.Negations[toks[start].Lower] || toks[start].Kind != text.Word && toks[start].Kind != text.Number {
		return Candidate{}, false
	}
	// "X was signed in 1987" says what happened to X, not what it is
	if looksParticiple(toks[start]) {
		return Candidate{}, false
	}
	return span(s, start, stop, "", definitionCopula.fit(1)), true
}

// thingEnd moves the end of a match for the thing defined past the rest
// of its name: "INF" matched in "the INF Treaty is" ends after "Treaty".
func thingEnd(toks []text.Token, end int) int {
	for end < len(toks) && toks[end].Kind == text.Word && (toks[end].Cap || lexicon.DocWords[toks[end].Lower]) {
		end++
	}
	return end
}

// looksParticiple reports whether a word after a copula makes a passive
// ("was signed", "were banned", "was taken") rather than a description.
func looksParticiple(t text.Token) bool {
	return !t.Cap && len(t.Lower) > 4 && question.LooksPast(t.Lower)
}

// leadDefinition describes X by one of the first facts of a fact sheet, or
// one of the first sentences of an article, that names X: the whole
// sentence, which tells what the thing is or did.
func leadDefinition(q question.Question, s Passage) []Candidate {
	if s.Doc == nil || !amongFirst(s.Doc, s.P, definitionLeads) {
		return nil
	}
	for ci := range q.Concepts {
		if definedConcept(q, ci) && s.How[ci] != HowMissing && s.How[ci] != HowWeak && s.How[ci] != HowPrev {
			fit := definitionFactLead.fit(0.6)
			if s.Doc.Kind == corpus.Article {
				fit = definitionArticleLead.fit(0.4)
			}
			return []Candidate{span(s, 0, len(s.Toks), "", fit)}
		}
	}
	return nil
}

// amongFirst reports whether p is one of the first n passages of d.
func amongFirst(d *corpus.Document, p *corpus.Passage, n int) bool {
	for i := 0; i < n && i < len(d.Passages); i++ {
		if d.Passages[i].ID == p.ID {
			return true
		}
	}
	return false
}

// appositiveWords bounds an appositive: a definition's may run longer
// ("the director general of the International Atomic Energy Agency").
func appositiveWords(q question.Question) int {
	if q.Define {
		return 14
	}
	return 8
}

// opensNounPhrase reports whether a word can open an appositive noun
// phrase: an article or determiner, or a content word, not a preposition
// or a verb ("Andriy Deshchytsia, at the residence ...").
func opensNounPhrase(t text.Token) bool {
	switch t.Lower {
	case "a", "an", "the", "his", "her", "its", "their", "our", "then", "now", "also", "former":
		return true
	}
	return (t.Kind == text.Word || t.Kind == text.Number) && !lexicon.Stopwords[t.Lower] && !looksParticiple(t) && !strings.HasSuffix(t.Lower, "ing")
}

// titleBeforeComma reads "Ukraine's acting foreign minister, Andriy
// Deshchytsia": a role that ends just before a comma and the name.
func titleBeforeComma(s Passage, p int) (Candidate, bool) {
	toks := s.Toks
	if p < 2 || toks[p-1].Text != "," || !lexicon.RoleHeads[toks[p-2].Lower] {
		return Candidate{}, false
	}
	from := p - 2
	for from > 0 && p-from < 7 && toks[from-1].Kind == text.Word && !lexicon.Stopwords[toks[from-1].Lower] && !looksParticiple(toks[from-1]) {
		from--
	}
	return span(s, from, p-1, "", roleTitleComma.fit(0.9)), true
}

// postmodifierDefinition reads "the Ottawa Convention banning
// anti-personnel mines" and "X, which ...": the clause that modifies X.
func postmodifierDefinition(s Passage, end int) (Candidate, bool) {
	toks := s.Toks
	end = thingEnd(toks, end)
	start := end
	if start < len(toks) && toks[start].Text == "," {
		start++
	}
	if start >= len(toks) {
		return Candidate{}, false
	}
	t := toks[start]
	ing := start == end && t.Kind == text.Word && !t.Cap && strings.HasSuffix(t.Lower, "ing") && len(t.Lower) > 5
	if !ing && t.Lower != "which" && t.Lower != "that" && t.Lower != "who" {
		return Candidate{}, false
	}
	stop := clauseEnd(toks, start, maxDefinitionWords)
	if stop <= start+1 {
		return Candidate{}, false
	}
	return span(s, start, stop, "", definitionModifier.fit(0.7)), true
}
