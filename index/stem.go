package index

import porterstemmer "github.com/blevesearch/go-porterstemmer"

// Stem returns the Porter stem of one lowercase word: the same stemmer the
// index's English analyzer applies, so the answer engine's term matching
// agrees with what retrieval matched.
func Stem(word string) string {
	return porterstemmer.StemString(word)
}
