package answer

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/features"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

// Truth and provenance. When sources near the top give different values
// for what was asked, the answer says so and cites each; when the cited
// text is someone's claim, the answer says whose.

// disputeMargin is how far below the best candidate's score (a logit) a
// rival may sit and still count as near the top.
const disputeMargin = 2.0

// rivals returns the candidates that give another value than best for the
// same question: from another document, near the top, saying the
// question's verb as best's passage does, and not only a different
// precision of best's value ("1987" against "December 8, 1987", "about
// 2,700" against "2,692"). Only dates and numbers are compared: two names
// for one thing ("Moscow", "Russia") are too often the same answer.
func rivals(pl pool, best features.Candidate) []features.Candidate {
	if pl.q.Want != question.WantDate && pl.q.Want != question.WantNumber {
		return nil
	}
	var out []features.Candidate
	seen := map[string]bool{text.NormalizeAnswer(best.Text): true}
	for _, c := range pl.cands {
		if c.Score < best.Score-disputeMargin {
			break
		}
		k := text.NormalizeAnswer(c.Text)
		if seen[k] || c.P.DocID == best.P.DocID || c.F[features.VerbMissing] != best.F[features.VerbMissing] {
			continue
		}
		if pl.q.Want == question.WantDate && compatibleDates(c.Date, best.Date) ||
			pl.q.Want == question.WantNumber && compatibleNumbers(c.Text, best.Text) {
			continue
		}
		seen[k] = true
		out = append(out, c)
		if len(out) == maxRivals {
			break
		}
	}
	return out
}

// maxRivals bounds the other values one answer lists.
const maxRivals = 2

// compatibleDates reports whether two dates may be one, told at different
// precisions.
func compatibleDates(a, b corpus.Date) bool {
	if a.IsZero() || b.IsZero() {
		return true
	}
	if a.Precision() > b.Precision() {
		a, b = b, a
	}
	return a.Year == b.Year && (a.Month == 0 || a.Month == b.Month) && (a.Day == 0 || a.Day == b.Day)
}

var numberRE = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?`)

// compatibleNumbers reports whether two number answers give the same
// values, up to rounding: "about 2,700" and "2,692".
func compatibleNumbers(a, b string) bool {
	na, nb := numbersIn(a), numbersIn(b)
	if len(na) == 0 || len(nb) == 0 || len(na) != len(nb) {
		return len(na) == 0 || len(nb) == 0
	}
	for i := range na {
		if math.Abs(na[i]-nb[i]) > 0.02*math.Max(math.Abs(na[i]), math.Abs(nb[i])) {
			return false
		}
	}
	return true
}

func numbersIn(s string) []float64 {
	var out []float64
	for _, m := range numberRE.FindAllString(s, -1) {
		if f, err := strconv.ParseFloat(strings.ReplaceAll(m, ",", ""), 64); err == nil {
			out = append(out, f)
		}
	}
	return out
}

// alternatives turns rivals into the answer's alternatives, each with the
// confidence the model would give it if it were the best.
func (e *Engine) alternatives(m *Model, pl pool, rs []features.Candidate) []corpus.Alternative {
	var out []corpus.Alternative
	for _, r := range rs {
		alt := pool{q: pl.q, passages: pl.passages, cands: append([]features.Candidate{r}, pl.cands...)}
		out = append(out, corpus.Alternative{Answer: r.Text, Confidence: round3(m.confidence(alt)), Citations: []corpus.Citation{e.cite(r)}})
	}
	return out
}

// attribution names whose claim a candidate is, or the hedge it comes
// with, or "" for a plain statement.
func attribution(c features.Candidate) string {
	claim, ok := corpus.AttributionOf(c.P, c.SpanStart, c.SpanEnd)
	switch {
	case !ok:
		return ""
	case claim.By != "":
		return claim.By
	}
	return claim.Cue
}
