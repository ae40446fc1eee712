package features

import (
	"math"
	"strconv"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/text"
)

// A passage may give a whole and its parts: "2,692 missiles had been
// eliminated: 846 by the United States and 1,846 by the Soviet Union".
// "How many missiles were eliminated" asks for the whole; "how many did
// the United States eliminate" for a part. These features say which a
// number is, by arithmetic and by cue words, and the model weighs them
// against the question's words near each number.

// totalCues mark a number as a whole: "a total of", "in all".
var totalCues = lexicon.SetOf(`total totals altogether combined overall all`)

// numberValue reads a token as a plain number ("2,692", "1,846"), or false.
func numberValue(t text.Token) (float64, bool) {
	if t.Kind != text.Number {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(t.Text, ",", ""), 64)
	return v, err == nil && v > 0
}

// wholeAndParts sets NumSum when the number at token k is the sum of two
// or three other numbers of the passage, NumAddend when it is one of the
// numbers that sum to another, and NumTotalCue when a word near it marks
// it as a total.
func wholeAndParts(toks []text.Token, k int, v *Vec) {
	x, ok := numberValue(toks[k])
	if !ok {
		return
	}
	var others []float64
	for i, t := range toks {
		if i == k {
			continue
		}
		if y, ok := numberValue(t); ok && !isYear(t, y) {
			others = append(others, y)
		}
	}
	if sumOf(x, others) {
		v[NumSum] = 1
	}
	for i, y := range others {
		if y > x && partOfSum(y, x, others, i) {
			v[NumAddend] = 1
			break
		}
	}
	for i := max(0, k-3); i < min(len(toks), k+4); i++ {
		if i != k && totalCues[toks[i].Lower] {
			v[NumTotalCue] = 1
		}
	}
}

// isYear reports whether a number is more likely a year than a count.
func isYear(t text.Token, y float64) bool {
	return !strings.Contains(t.Text, ",") && y >= 1800 && y <= 2100 && y == math.Trunc(y)
}

// sumOf reports whether two or three of xs add up to total.
func sumOf(total float64, xs []float64) bool {
	for i, x := range xs {
		if partOfSum(total, x, xs[i+1:], -1) {
			return true
		}
	}
	return false
}

// partOfSum reports whether part, with one or two of rest (leaving out
// rest[skip]), adds up to total, to within half a percent.
func partOfSum(total, part float64, rest []float64, skip int) bool {
	near := func(s float64) bool { return math.Abs(s-total) <= 0.005*total }
	for i := range rest {
		if i == skip {
			continue
		}
		if near(part + rest[i]) {
			return true
		}
		for j := i + 1; j < len(rest); j++ {
			if j != skip && near(part+rest[i]+rest[j]) {
				return true
			}
		}
	}
	return false
}
