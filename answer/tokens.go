package answer

import (
	"sort"
	"strings"
)

// sentenceInitial reports whether token i starts a sentence or a quotation,
// where capitals say nothing about names.
func sentenceInitial(toks []token, i int) bool {
	if i == 0 {
		return true
	}
	p := toks[i-1]
	if p.Kind != tokPunct {
		return false
	}
	switch p.Text {
	case ".", "!", "?", "\"", "“", "«", ":", "(", "[", "—", "–", "-", "/":
		return true
	}
	return false
}

func anyTok(ts []token, f func(token) bool) bool {
	for _, t := range ts {
		if f(t) {
			return true
		}
	}
	return false
}

func allTok(ts []token, f func(token) bool) bool {
	for _, t := range ts {
		if !f(t) {
			return false
		}
	}
	return true
}

func tokMatches(t token, norm string) bool {
	if t.Kind == tokPunct {
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

// tokenAt returns the index of the token containing byte offset off.
func tokenAt(toks []token, off int) int {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].End > off })
	return i
}

// normalizeAnswer lower-cases and drops punctuation and thousands separators.
func normalizeAnswer(s string) string {
	var b strings.Builder
	for _, t := range words(tokenize(s)) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(t.Lower, ",", ""), ".", ""))
	}
	return b.String()
}
