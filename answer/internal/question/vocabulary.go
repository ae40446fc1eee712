package question

import (
	"strconv"
	"strings"
	"sync"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

// Vocabulary is what the engine learns of one corpus's words when it is
// built: how many passages use each term, how each word is written (in
// lower case, with a capital, in capitals), the years its dates fall in,
// its spelling dictionary, and the synonym groups of the lexicon extended
// with the corpus's own aliases. It never changes once built.
type Vocabulary struct {
	syn      *synonymIndex
	df       map[string]int // normalised term -> passages containing it
	n        int            // passages
	lower    map[string]int // lower-case word -> occurrences written in lower case
	caps     map[string]int // lower-case word -> occurrences written with a capital, not sentence-initial
	spell    *speller
	acronyms map[string]bool // lower-case forms of words the corpus writes in capitals
	years    map[string]bool // years the corpus's dates fall in, as written: "2019"
	avgLen   float64         // mean passage length in words, for BM25
	names    nameTable       // the corpus's names of more than one word
}

// NewVocabulary reads every passage of a corpus once, to learn its term
// frequencies, how it writes its words, and its own aliases.
func NewVocabulary(c *corpus.Corpus) *Vocabulary {
	voc := &Vocabulary{syn: sharedSynonyms(), df: map[string]int{}, lower: map[string]int{}, caps: map[string]int{}, acronyms: map[string]bool{}, years: map[string]bool{}}
	vocab := map[string]int{}
	totalWords := 0
	initialCaps := map[string]int{}
	seen := map[string]bool{}
	var aliasGroups [][]string
	names := nameCounter{}
	for _, d := range c.Docs {
		if g := sheetAliases(d); g != nil {
			aliasGroups = append(aliasGroups, g)
		}
		for i := range d.Passages {
			voc.n++
			for _, dm := range d.Passages[i].Dates {
				voc.years[strconv.Itoa(dm.Date.Year)] = true
			}
			clear(seen)
			toks := text.Tokenize(d.Passages[i].Text)
			totalWords += len(text.Words(toks))
			names.count(toks)
			if len(aliasGroups) < maxAliasGroups {
				aliasGroups = append(aliasGroups, definedAcronyms(toks)...)
			}
			for k, t := range toks {
				if t.Kind == text.Punct {
					continue
				}
				if !seen[t.Norm] {
					seen[t.Norm] = true
					voc.df[t.Norm]++
				}
				for _, p := range t.Parts {
					if !seen[p] {
						seen[p] = true
						voc.df[p]++
					}
				}
				vocab[t.Lower]++
				if t.Norm != t.Lower && len(t.Norm) >= minSpellLen {
					vocab[t.Norm]++ // "sign" from "signed", so "sgin" finds it
				}
				if t.AllCaps {
					voc.acronyms[strings.TrimSuffix(t.Lower, "s")] = true
				}
				switch {
				case !t.Cap:
					voc.lower[t.Lower]++
				case !text.SentenceInitial(toks, k):
					voc.caps[t.Lower]++
				default:
					initialCaps[t.Lower]++
				}
			}
		}
	}
	// a word only ever seen capitalised at the start of a sentence
	// ("Behrouz Kamalvandi, spokesman ...") is a name too
	for w, n := range initialCaps {
		if voc.lower[w] == 0 {
			voc.caps[w] += n
		}
	}
	// the lexicon's words are real words too: "acuse" is "accuse", which
	// the lexicon knows even when the corpus says "charges"
	for w := range lexiconWords() {
		if _, ok := vocab[w]; !ok && isAlpha(w) {
			vocab[w] = 1
		}
	}
	voc.avgLen = max(1, float64(totalWords)/float64(max(1, voc.n)))
	voc.spell = newSpeller(vocab)
	voc.syn = voc.syn.withGroups(aliasGroups)
	voc.names = names.table(c.Docs)
	return voc
}

// LowerCount is how often a word is written in lower case in the corpus:
// finding names needs it, to tell a common word that opens a sentence
// ("Correspondingly") from a name.
func (voc *Vocabulary) LowerCount(lower string) int { return voc.lower[lower] }

// DF is how many passages hold the normalised term norm.
func (voc *Vocabulary) DF(norm string) int { return voc.df[norm] }

// Passages is how many passages the corpus has.
func (voc *Vocabulary) Passages() int { return voc.n }

// MeanLen is the mean length of the corpus's passages, in words.
func (voc *Vocabulary) MeanLen() float64 { return voc.avgLen }

// InCapitals reports whether the corpus writes a word, given in lower
// case, in capitals somewhere, as it writes INF and ICBM.
func (voc *Vocabulary) InCapitals(lower string) bool { return voc.acronyms[lower] }

// correct fixes a misspelt question word against the corpus vocabulary.
func (voc *Vocabulary) correct(lower string) (string, bool) {
	if voc.df[text.NormWord(lower)] > 0 || lexicon.Stopwords[lower] || auxWords[lower] || whWords[lower] || lexiconWords()[lower] || lexiconStems()[text.NormWord(lower)] {
		return "", false
	}
	return voc.spell.correct(lower)
}

// lexiconWords are the English words the engine's own lexicons use: real
// words, never typos, even when the corpus lacks them ("pull" is not "full").
var lexiconWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	add := func(s string) {
		for _, w := range strings.Fields(strings.ToLower(s)) {
			m[w] = true
		}
	}
	for _, g := range lexicon.SynonymGroups {
		for _, p := range g {
			add(p)
		}
	}
	for _, set := range []map[string]bool{lexicon.TitleWords, lexicon.UnitWords, lexicon.SayVerbs, lexicon.OrgWords, lexicon.CalendarWords, lexicon.QuestionFiller, lexicon.Negations} {
		for w := range set {
			add(w)
		}
	}
	for w := range HeadClasses {
		add(w)
	}
	for w := range text.Irregular {
		add(w)
		add(text.Irregular[w])
	}
	return m
})

// maxAliasGroups bounds the acronyms learnt from a corpus's text.
const maxAliasGroups = 5000

// lexiconStems are the normalised forms of the lexicon's words, so that
// "started" is known as a form of "start" and never "corrected" to "stated".
var lexiconStems = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for w := range lexiconWords() {
		m[text.NormWord(w)] = true
	}
	return m
})

// sharedSynonyms builds the synonym index once for all engines.
var sharedSynonyms = sync.OnceValue(buildSynonyms)
