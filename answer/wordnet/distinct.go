package wordnet

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed nonsynonyms.txt
var nonsynonymsText string

// nonsynonymsFile names the non-synonym table in error messages.
const nonsynonymsFile = "answer/wordnet/nonsynonyms.txt"

// apartSet holds the pairs of lemmas the non-synonym table keeps apart,
// each pair in byte order, every word that is in a pair, and the first two
// bytes of each such word.
type apartSet struct {
	pairs    map[[2]string]bool
	words    map[string]bool
	prefixes map[string]bool
}

// mayBeFormOfListed reports whether w can be an inflected form of a word in
// a pair. Morphy's rules change only a word's end, and every irregular form
// of a listed word begins like it (withdrew/withdraw, tried/try), which a
// test checks; so a word that begins like no listed word is no form of one.
func (s apartSet) mayBeFormOfListed(w string) bool {
	return s.prefixes[w[:min(2, len(w))]]
}

// has reports whether the lemmas a and b are kept apart.
func (s apartSet) has(a, b string) bool {
	return s.pairs[[2]string{min(a, b), max(a, b)}]
}

func (s apartSet) add(a, b string) {
	s.pairs[[2]string{min(a, b), max(a, b)}] = true
	s.words[a], s.words[b] = true, true
	s.prefixes[a[:min(2, len(a))]], s.prefixes[b[:min(2, len(b))]] = true, true
}

// loadDistinct parses the embedded non-synonym table once.
var loadDistinct = sync.OnceValues(func() (apartSet, error) {
	return parseDistinct(nonsynonymsFile, nonsynonymsText)
})

// parseDistinct parses a non-synonym table (format in the package
// documentation). An error names the file and the line.
func parseDistinct(name, text string) (apartSet, error) {
	s := apartSet{pairs: map[[2]string]bool{}, words: map[string]bool{}, prefixes: map[string]bool{}}
	for n, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		var groups [][]string
		for g := range strings.SplitSeq(line, "|") {
			var group []string
			for w := range strings.SplitSeq(g, ",") {
				w = normalize(w)
				if w == "" {
					return apartSet{}, fmt.Errorf("%s:%d: empty word in %q", name, n+1, strings.TrimSpace(g))
				}
				group = append(group, w)
			}
			groups = append(groups, group)
		}
		if len(groups) < 2 {
			return apartSet{}, fmt.Errorf("%s:%d: a line needs at least two groups separated by \"|\"", name, n+1)
		}
		for i, gi := range groups {
			for _, gj := range groups[i+1:] {
				for _, a := range gi {
					for _, b := range gj {
						if a == b {
							return apartSet{}, fmt.Errorf("%s:%d: %q is in two groups", name, n+1, a)
						}
						s.add(a, b)
					}
				}
			}
		}
	}
	return s, nil
}
