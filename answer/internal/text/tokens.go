package text

import (
	"sort"
)

// SentenceInitial reports whether token i starts a sentence or a quotation,
// where capitals say nothing about names.
func SentenceInitial(toks []Token, i int) bool {
	if i == 0 {
		return true
	}
	p := toks[i-1]
	if p.Kind != Punct {
		return false
	}
	switch p.Text {
	case ".", "!", "?", "\"", "“", "«", ":", "(", "[", "—", "–", "-", "/":
		return true
	}
	return false
}

// Any reports whether f holds for some token of ts.
func Any(ts []Token, f func(Token) bool) bool {
	for _, t := range ts {
		if f(t) {
			return true
		}
	}
	return false
}

// All reports whether f holds for every token of ts.
func All(ts []Token, f func(Token) bool) bool {
	for _, t := range ts {
		if !f(t) {
			return false
		}
	}
	return true
}

// Matches reports whether word t, or a part of it when it is hyphenated,
// has the normalised form norm.
func Matches(t Token, norm string) bool {
	if t.Kind == Punct {
		return false
	}
	if t.Norm == norm {
		return true
	}
	for _, p := range t.Parts {
		if p == norm {
			return true
		}
	}
	return false
}

// TokenAt returns the index of the token containing byte offset off.
func TokenAt(toks []Token, off int) int {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].End > off })
	return i
}

// Words returns the word and number tokens of toks.
func Words(toks []Token) []Token {
	out := toks[:0:0]
	for _, t := range toks {
		if t.Kind != Punct {
			out = append(out, t)
		}
	}
	return out
}
