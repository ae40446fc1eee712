package answer

import (
	"strings"
	"unicode"
)

// maxRepeats is the longest run of one word a question may hold: "the the"
// is a slip of the keyboard, "treaty treaty treaty" is not a question.
const maxRepeats = 2

// collapseRepeats reads a word written twice in a row once ("when was the
// the treaty signed"), so a repeated word does not count as two matches.
// babble reports a run of more than maxRepeats of one word: the question is
// then not asked at all, however well that word matches the corpus.
// Words are compared without case and surrounding punctuation.
func collapseRepeats(question string) (out string, babble bool) {
	fields := strings.Fields(question)
	key := func(w string) string {
		return strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }))
	}
	kept := fields[:0:0]
	run := 0
	for i, w := range fields {
		if i > 0 && key(w) != "" && key(w) == key(fields[i-1]) {
			run++
			if run >= maxRepeats {
				return question, true
			}
			// keep the later copy: it carries the punctuation that ends the question
			kept[len(kept)-1] = w
			continue
		}
		run = 0
		kept = append(kept, w)
	}
	if len(kept) == len(fields) {
		return question, false
	}
	return strings.Join(kept, " "), false
}
