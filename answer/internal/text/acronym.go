package text

import "strings"

// AcronymBag is acronymBack's fallback for an acronym whose letters come in
// another order than the words it stands for, as organisations renamed in
// one language keep their letters: "Eighteen-Nation Committee on
// Disarmament (ENDC)". Every letter must be the initial of one capitalised
// word, each used once, with only small words between.
func AcronymBag(toks []Token, before int, acr string) (int, bool) {
	need := map[rune]int{}
	for _, r := range acr {
		need[r]++
	}
	left := len([]rune(acr))
	for k := before - 1; k >= 0 && k >= before-2*left-2; k-- {
		t := toks[k]
		if t.Kind != Word {
			return 0, false
		}
		if !t.Cap {
			if t.Lower == "of" || t.Lower == "and" || t.Lower == "the" || t.Lower == "for" || t.Lower == "on" {
				continue
			}
			return 0, false
		}
		for _, part := range strings.FieldsFunc(t.Text, func(r rune) bool { return IsDash(r) }) {
			r := []rune(strings.ToUpper(part))[0]
			if need[r] == 0 {
				return 0, false
			}
			need[r]--
			left--
		}
		if left == 0 {
			return k, true
		}
	}
	return 0, false
}

// AcronymBack walks back from token before (exclusive) over words whose
// initials spell acr, skipping small words like "of" and "and".
func AcronymBack(toks []Token, before int, acr string) (int, bool) {
	letters := []rune(acr)
	j := len(letters) - 1
	from := before
	skipped := 0
	for k := before - 1; k >= 0 && j >= 0; k-- {
		t := toks[k]
		if t.Kind != Word {
			return 0, false
		}
		if t.Lower == "of" || t.Lower == "and" || t.Lower == "the" || t.Lower == "for" || t.Lower == "on" {
			if k == before-1 {
				return 0, false
			}
			continue
		}
		initials := []rune{}
		for _, part := range strings.FieldsFunc(t.Text, func(r rune) bool { return IsDash(r) }) {
			initials = append(initials, []rune(strings.ToUpper(part))[0])
		}
		// a hyphenated word may stand for all its parts' letters or the last
		// few ("Nuclear-Test-Ban" gives T and B in CTBT); a word may be skipped
		matched := false
		for n := len(initials); n >= 1; n-- {
			suffix := initials[len(initials)-n:]
			if j-n+1 >= 0 && string(letters[j-n+1:j+1]) == string(suffix) {
				j -= n
				matched = true
				break
			}
		}
		if !matched && initials[0] == letters[j] {
			j--
			matched = true
		}
		// a compound may stand for two letters: "intercontinental" in ICBM
		if up := []rune(strings.ToUpper(t.Text)); !matched && j >= 1 && up[0] == letters[j-1] && strings.ContainsRune(string(up[1:]), letters[j]) {
			j -= 2
			matched = true
		}
		if !matched {
			if skipped >= 1 || k == before-1 {
				return 0, false
			}
			skipped++
		}
		from = k
	}
	return from, j < 0
}
