package question

import (
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

// A corpus names things in more than one word: "Open Skies", "New START",
// "Warsaw Pact", "Conventional Armed Forces in Europe". Read word by word,
// such a name falls apart: "open" is a verb with synonyms (begin, launch),
// "New START" holds the verb "start", and a misspelling corrector may
// "correct" a word of it. No library knows a corpus's own names, so this
// file learns them from the corpus itself: a run of capitalised words that
// recurs, and every fact sheet's subject and aliases. A question that
// names one reads it as one concept, never corrected or expanded.

// minNameCount is how often a run of capitalised words must occur in a
// corpus to be learnt as a name: once may be a headline's capitals.
const minNameCount = 2

// maxNameWords bounds a learnt name, in words.
const maxNameWords = 6

// nameConnectors may stand inside a name, between capitalised words:
// "Treaty on the Non-Proliferation", "Ministry of Defence" (see
// connectsName). "And" and "in"
// are not: they join two names more often than they stand inside one
// ("Reagan and Gorbachev", "Eureka College in Illinois").
var nameConnectors = lexicon.SetOf(`of on for the`)

// genericHead reports whether a word ends many names without naming
// anything: "the Open Skies Treaty" is often "Open Skies" and often "the
// treaty". A learnt name leaves it out, so the question's "treaty" stays a
// concept of its own. The lexicon's document words are such heads, and so
// are the words of meetings and regimes.
func genericHead(w string) bool {
	return lexicon.DocWords[w] || lexicon.DocWords[strings.TrimSuffix(w, "s")] || otherGenericHeads[w]
}

var otherGenericHeads = lexicon.SetOf(`treaties memorandum conference conferences statement deal communique summit talks regime`)

// nameTable is the names learnt from one corpus, by their words' norms
// joined with spaces.
type nameTable struct {
	names  map[string]bool
	count  map[string]int // how often each name occurs in the corpus's passages
	maxLen int
}

// nameCounter counts the runs of capitalised words of a corpus's passages.
type nameCounter map[string]int

// count adds the candidate names of one passage's tokens: each maximal run
// of capitalised words (with connectors inside), trimmed to its core.
func (nc nameCounter) count(toks []text.Token) {
	for i := 0; i < len(toks); {
		if !capitalWord(toks[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && !toks[j-1].Poss && (capitalWord(toks[j]) || connectsName(toks, j)) {
			j++
		}
		if key := nameKey(toks[i:j]); key != "" {
			nc[key]++
		}
		i = j
	}
}

// connectsName reports whether the lower-case word at j joins two parts of
// one name: it is a connector after a body or an instrument ("Ministry
// of", "Treaty on the"), followed by a capitalised word.
func connectsName(toks []text.Token, j int) bool {
	t := toks[j]
	if t.Cap || !nameConnectors[t.Lower] || j+1 >= len(toks) {
		return false
	}
	if t.Lower == "the" {
		return nameConnectors[toks[j-1].Lower] && capitalWord(toks[j+1])
	}
	head := toks[j-1].Lower
	return (lexicon.OrgWords[head] || genericHead(head)) && (capitalWord(toks[j+1]) || toks[j+1].Lower == "the")
}

// capitalWord reports whether a token can be a word of a name: a word
// written with a capital that is not a month or weekday.
func capitalWord(t text.Token) bool {
	return t.Kind == text.Word && t.Cap && !lexicon.CalendarWords[t.Lower]
}

// nameKey trims a run of words to the name it holds and returns the name's
// norms joined with spaces, or "" when no name of two words or more is
// left. It leaves out a leading function word ("The", "In"), title, or
// demonym ("Russian Foreign Ministry" is as often "the Foreign Ministry"),
// and a trailing generic head ("Treaty"); a run with a title inside
// ("Deputy Foreign Minister Sergei Ryabkov") is a title and a person, not
// one name.
func nameKey(run []text.Token) string {
	for len(run) > 0 && (lexicon.Stopwords[run[0].Lower] || lexicon.TitleWords[run[0].Lower] || isDemonym(run[0].Lower)) {
		run = run[1:]
	}
	for len(run) > 0 && (genericHead(run[len(run)-1].Lower) || nameConnectors[run[len(run)-1].Lower]) {
		run = run[:len(run)-1]
	}
	if len(run) < 2 || len(run) > maxNameWords || text.Any(run, func(t text.Token) bool { return lexicon.TitleWords[t.Lower] }) {
		return ""
	}
	norms := make([]string, len(run))
	for i, t := range run {
		norms[i] = t.Norm
	}
	return strings.Join(norms, " ")
}

// isDemonym reports whether a lower-case word is a nationality adjective
// of the lexicon's countries ("russian", "soviet").
func isDemonym(lower string) bool {
	k, ok := lexicon.Gazetteer[lower]
	return ok && k == lexicon.PlaceDemonym
}

// table keeps the runs that recur, and adds a fact sheet's subject and
// aliases of two words or more.
func (nc nameCounter) table(docs []*corpus.Document) nameTable {
	nt := nameTable{names: map[string]bool{}, count: nc}
	add := func(key string) {
		if key == "" {
			return
		}
		nt.names[key] = true
		nt.maxLen = max(nt.maxLen, strings.Count(key, " ")+1)
	}
	for key, n := range nc {
		if n >= minNameCount {
			add(key)
		}
	}
	for _, d := range docs {
		if d.Kind != corpus.FactSheet {
			continue
		}
		for _, n := range append([]string{d.Title}, d.Aliases...) {
			add(nameKey(text.Words(text.Tokenize(n))))
		}
	}
	return nt
}

// nameAt returns the length, in words, of the longest learnt name that
// starts at question word i, or 0. A question may write a name in lower
// case ("new start"); the words' norms decide.
func (nt nameTable) nameAt(ws []text.Token, i int) int {
	for l := min(nt.maxLen, len(ws)-i); l >= 2; l-- {
		norms := make([]string, l)
		for k := range l {
			norms[k] = ws[i+k].Norm
		}
		if nt.names[strings.Join(norms, " ")] {
			return l
		}
	}
	return 0
}

// nameSpans marks the question words that belong to a learnt name: start
// index to length.
func (nt nameTable) nameSpans(ws []text.Token) map[int]int {
	spans := map[int]int{}
	for i := 0; i < len(ws); {
		if n := nt.nameAt(ws, i); n > 0 {
			spans[i] = n
			i += n
			continue
		}
		i++
	}
	return spans
}
