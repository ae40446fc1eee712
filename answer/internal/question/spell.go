package question

// speller corrects a misspelt word to a word of the corpus. It is
// hand-written (a symmetric-delete index, as SymSpell does) because the
// vocabulary is the corpus's own and changes with every refresh; no
// dictionary-based Go spell checker can know "Ryabkov" or "9M729".
type speller struct {
	vocab   map[string]int      // word -> occurrences
	deletes map[string][]string // word with one letter deleted -> words
}

// minSpellLen is the shortest word that is corrected: short words have too
// many neighbours to guess. Four-letter words are corrected only for two
// swapped letters ("sgin"), the commonest slip, which leaves fewer guesses.
const minSpellLen = 4

// minAnyEditLen is the shortest word corrected for any single edit.
const minAnyEditLen = 5

func newSpeller(vocab map[string]int) *speller {
	s := &speller{vocab: vocab, deletes: make(map[string][]string, len(vocab)*4)}
	for w := range vocab {
		if len([]rune(w)) < minSpellLen || !isAlpha(w) {
			continue
		}
		for _, d := range deletions(w) {
			s.deletes[d] = append(s.deletes[d], w)
		}
		s.deletes[w] = append(s.deletes[w], w)
	}
	return s
}

func isAlpha(w string) bool {
	for _, r := range w {
		if !(r >= 'a' && r <= 'z') && r != '-' && r < 0x80 {
			return false
		}
	}
	return true
}

// deletions returns w with each one letter removed.
func deletions(w string) []string {
	rs := []rune(w)
	out := make([]string, 0, len(rs))
	for i := range rs {
		out = append(out, string(rs[:i])+string(rs[i+1:]))
	}
	return out
}

// correct returns the most frequent corpus word within one edit
// (insertion, deletion, substitution or transposition) of w.
func (s *speller) correct(w string) (string, bool) {
	if len([]rune(w)) < minSpellLen || !isAlpha(w) {
		return "", false
	}
	if _, ok := s.vocab[w]; ok {
		return "", false
	}
	best, bestN := "", 0
	short := len([]rune(w)) < minAnyEditLen
	try := func(cands []string) {
		for _, c := range cands {
			if short && !swapped(w, c) {
				continue
			}
			if osaDistance(w, c) == 1 && (s.vocab[c] > bestN || s.vocab[c] == bestN && c < best) {
				best, bestN = c, s.vocab[c]
			}
		}
	}
	try(s.deletes[w])
	for _, d := range deletions(w) {
		try(s.deletes[d])
		if _, ok := s.vocab[d]; ok {
			try([]string{d})
		}
	}
	return best, best != ""
}

// swapped reports whether b is a with two adjacent letters swapped.
func swapped(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	for i := 0; i+1 < len(ra); i++ {
		if ra[i] != rb[i] {
			return ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:])
		}
	}
	return false
}

// osaDistance is the optimal string alignment distance: Levenshtein plus
// adjacent transpositions.
func osaDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
