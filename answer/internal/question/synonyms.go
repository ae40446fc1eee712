package question

import (
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/text"
)

// synonymIndex maps a normalised phrase ("take effect" -> "take effect")
// to the synonym groups it belongs to.
type synonymIndex struct {
	byKey  map[string][]int
	groups [][]Alt
	maxLen int
	shared int // groups from the lexicon; those after come from the corpus
}

func buildSynonyms() *synonymIndex {
	s := &synonymIndex{byKey: map[string][]int{}}
	for gi, g := range lexicon.SynonymGroups {
		var alts []Alt
		for _, phrase := range g {
			a := phraseAlt(phrase)
			alts = append(alts, a)
			key := strings.Join(a.Norms, " ")
			s.byKey[key] = appendUnique(s.byKey[key], gi)
			if len(a.Norms) > s.maxLen {
				s.maxLen = len(a.Norms)
			}
		}
		s.groups = append(s.groups, alts)
	}
	// countries: every alias, the demonym and the capital express the country
	for _, p := range lexicon.Countries {
		var alts []Alt
		for _, n := range strings.Split(p.Names, "/") {
			alts = append(alts, phraseAlt(n))
		}
		alts = append(alts, phraseAlt(p.Demonym))
		for _, c := range strings.Split(p.Capital, "/") {
			alts = append(alts, phraseAlt(c))
		}
		gi := len(s.groups)
		s.groups = append(s.groups, alts)
		for _, a := range alts {
			key := strings.Join(a.Norms, " ")
			s.byKey[key] = appendUnique(s.byKey[key], gi)
			if len(a.Norms) > s.maxLen {
				s.maxLen = len(a.Norms)
			}
		}
	}
	s.shared = len(s.groups)
	return s
}

func phraseAlt(phrase string) Alt {
	a := Alt{Text: phrase}
	for _, t := range text.Words(text.Tokenize(phrase)) {
		a.Norms = append(a.Norms, t.Norm)
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
