package answer

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/treatybot/treatybot/corpus"
)

// Case is one line of a question file: a question and what answers it.
type Case struct {
	Q            string   `json:"q"`
	Any          []string `json:"any,omitempty"`
	All          []string `json:"all,omitempty"`
	Unanswerable bool     `json:"unanswerable,omitempty"`
	// Disputed says the sources disagree on the answer: the reply must say
	// so (Answer.Disputed).
	Disputed bool `json:"disputed,omitempty"`
	// AttributedTo says the answer is someone's claim: the reply must name
	// one of these as whose (Answer.AttributedTo, or the first citation's
	// when there is no sure answer).
	AttributedTo []string `json:"attributed_to,omitempty"`
	Line         int      `json:"-"`
}

// ReadCases reads a question file: one JSON object per line, blank lines
// and lines starting with # ignored. name is used in error messages.
func ReadCases(r io.Reader, name string) ([]Case, error) {
	cases, _, err := readCases(r, name, false)
	return cases, err
}

// ReadCasesSkipping is ReadCases, except that a question with no expected
// answer — an "any" left empty, as `treatybot questions export` writes it
// for a moderator to fill in — is skipped and counted instead of being an
// error.
func ReadCasesSkipping(r io.Reader, name string) (cases []Case, skipped int, err error) {
	return readCases(r, name, true)
}

func readCases(r io.Reader, name string, skip bool) ([]Case, int, error) {
	var cases []Case
	skipped := 0
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		var c Case
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, 0, fmt.Errorf("%s:%d: %v", name, line, err)
		}
		switch {
		case strings.TrimSpace(c.Q) == "":
			return nil, 0, fmt.Errorf("%s:%d: \"q\" is missing or empty", name, line)
		case !c.Unanswerable && len(c.Any) == 0 && len(c.All) == 0 && skip:
			skipped++
			continue
		case !c.Unanswerable && len(c.Any) == 0 && len(c.All) == 0:
			return nil, 0, fmt.Errorf("%s:%d: give \"any\", \"all\" or \"unanswerable\": true", name, line)
		case c.Unanswerable && (len(c.Any) > 0 || len(c.All) > 0):
			return nil, 0, fmt.Errorf("%s:%d: an unanswerable question cannot also list answers", name, line)
		}
		c.Line = line
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("read %s: %w", name, err)
	}
	return cases, skipped, nil
}

// Matches reports whether text holds an accepted answer: one of any, or all
// of all. Matching ignores case, punctuation and thousands separators.
func (c Case) Matches(text string) bool {
	t := foldForMatch(text)
	if t == "" {
		return false
	}
	if len(c.All) > 0 {
		for _, a := range c.All {
			if !strings.Contains(t, foldForMatch(a)) {
				return false
			}
		}
		return true
	}
	for _, a := range c.Any {
		if strings.Contains(t, foldForMatch(a)) {
			return true
		}
	}
	return false
}

// foldForMatch lower-cases s, drops thousands separators and turns
// punctuation into single spaces.
func foldForMatch(s string) string {
	var b strings.Builder
	rs := []rune(s)
	space := true
	for i, r := range rs {
		switch {
		case r == ',' && i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// Result is how one case went.
type Result struct {
	Case      Case
	Answer    corpus.Answer
	Right     bool // answerable: a short answer was given and holds an accepted answer
	InSnippet bool // answerable: the first cited passage holds an accepted answer, sure or not
	InTop3    bool // answerable: one of the first three passages shown holds it
	Abstained bool // unanswerable: the engine gave no short answer
	// BestRight is set by cross-validation: the model's best candidate
	// holds an accepted answer, whether or not it was sure enough to give it.
	BestRight bool
	// DisputeShown: the case is disputed and the reply says so.
	DisputeShown bool
	// Attributed: the case is someone's claim and the reply names them.
	Attributed bool
	// Generated is set by cross-validation: some candidate the engine
	// weighed holds an accepted answer (the ranker cannot do better).
	Generated bool
	// Retrieved is set by cross-validation: some passage retrieved for the
	// question holds an accepted answer.
	Retrieved bool
	Err       error
}

// Totals sums up an evaluation.
type Totals struct {
	Answerable, Right, InSnippet, InTop3 int
	BestRight, Generated, Retrieved      int // see Result
	Unanswerable, Abstained              int
	// Given counts the short answers given, to any question; GivenRight
	// those that were right.
	Given, GivenRight int
	// Disputed counts the cases marked disputed, DisputesShown those whose
	// reply said so; Claims and ClaimsNamed the same for attributed cases.
	Disputed, DisputesShown, Claims, ClaimsNamed int
	Errors                                       int
}

// Asker is what Evaluate questions: an Engine, or anything that answers.
type Asker interface {
	Ask(ctx context.Context, question string) (corpus.Answer, error)
}

// Evaluate asks every case and scores the answers.
func Evaluate(ctx context.Context, a Asker, cases []Case) ([]Result, Totals, error) {
	var rs []Result
	for _, c := range cases {
		if err := ctx.Err(); err != nil {
			return rs, Sum(rs), err
		}
		ans, err := a.Ask(ctx, c.Q)
		rs = append(rs, score(c, ans, err))
	}
	return rs, Sum(rs), nil
}

// score judges one answer.
func score(c Case, ans corpus.Answer, err error) Result {
	r := Result{Case: c, Answer: ans, Err: err}
	if c.Unanswerable {
		r.Abstained = err == nil && !ans.Found
		return r
	}
	r.Right = ans.Found && c.Matches(ans.Answer)
	for i, cit := range shown(ans) {
		if c.Matches(cit.Snippet) {
			r.InSnippet = r.InSnippet || i == 0
			r.InTop3 = r.InTop3 || i < 3
		}
	}
	r.DisputeShown = c.Disputed && ans.Disputed
	if len(c.AttributedTo) > 0 {
		who := ans.AttributedTo
		if !ans.Found && len(ans.Citations) > 0 {
			who = ans.Citations[0].AttributedTo
		}
		for _, a := range c.AttributedTo {
			r.Attributed = r.Attributed || who != "" && strings.Contains(foldForMatch(who), foldForMatch(a))
		}
	}
	return r
}

// shown lists the passages an answer shows, in order: its citations, then
// its further sources, each passage once.
func shown(a corpus.Answer) []corpus.Citation {
	var out []corpus.Citation
	seen := map[string]bool{}
	for _, c := range append(append([]corpus.Citation(nil), a.Citations...), a.More...) {
		if !seen[c.PassageID] {
			seen[c.PassageID] = true
			out = append(out, c)
		}
	}
	return out
}

// Sum totals results.
func Sum(rs []Result) Totals {
	var t Totals
	for _, r := range rs {
		if r.Err != nil {
			t.Errors++
		}
		if r.Answer.Found {
			t.Given++
			if r.Right {
				t.GivenRight++
			}
		}
		if r.Case.Unanswerable {
			t.Unanswerable++
			if r.Abstained {
				t.Abstained++
			}
			continue
		}
		t.Answerable++
		if r.Right {
			t.Right++
		}
		if r.InSnippet {
			t.InSnippet++
		}
		if r.InTop3 {
			t.InTop3++
		}
		if r.BestRight {
			t.BestRight++
		}
		if r.Generated {
			t.Generated++
		}
		if r.Retrieved {
			t.Retrieved++
		}
		if r.Case.Disputed {
			t.Disputed++
		}
		if r.DisputeShown {
			t.DisputesShown++
		}
		if len(r.Case.AttributedTo) > 0 {
			t.Claims++
		}
		if r.Attributed {
			t.ClaimsNamed++
		}
	}
	return t
}

// Failed reports whether a result counts as a miss on any measure.
func (r Result) Failed() bool {
	if r.Case.Unanswerable {
		return !r.Abstained
	}
	return !r.Right || !r.InSnippet || r.Case.Disputed && !r.DisputeShown || len(r.Case.AttributedTo) > 0 && !r.Attributed
}

func pct(n, d int) float64 {
	if d == 0 {
		return 100
	}
	return 100 * float64(n) / float64(d)
}

// RightPct, SnippetPct, Top3Pct and AbstainPct are the headline measures.
func (t Totals) RightPct() float64   { return pct(t.Right, t.Answerable) }
func (t Totals) SnippetPct() float64 { return pct(t.InSnippet, t.Answerable) }
func (t Totals) Top3Pct() float64    { return pct(t.InTop3, t.Answerable) }
func (t Totals) AbstainPct() float64 { return pct(t.Abstained, t.Unanswerable) }

// CoveragePct is the share of answerable questions given a short answer
// (right or wrong); PrecisionPct the share of short answers given, to any
// question, that are right.
func (t Totals) CoveragePct() float64  { return pct(t.Given-(t.Unanswerable-t.Abstained), t.Answerable) }
func (t Totals) PrecisionPct() float64 { return pct(t.GivenRight, t.Given) }

// Add sums two totals.
func (t Totals) Add(u Totals) Totals {
	return Totals{Answerable: t.Answerable + u.Answerable, Right: t.Right + u.Right, InSnippet: t.InSnippet + u.InSnippet,
		InTop3: t.InTop3 + u.InTop3, BestRight: t.BestRight + u.BestRight, Generated: t.Generated + u.Generated, Retrieved: t.Retrieved + u.Retrieved,
		Unanswerable: t.Unanswerable + u.Unanswerable, Abstained: t.Abstained + u.Abstained,
		Given: t.Given + u.Given, GivenRight: t.GivenRight + u.GivenRight, Disputed: t.Disputed + u.Disputed, DisputesShown: t.DisputesShown + u.DisputesShown,
		Claims: t.Claims + u.Claims, ClaimsNamed: t.ClaimsNamed + u.ClaimsNamed, Errors: t.Errors + u.Errors}
}

// String prints the totals, one measure a line.
func (t Totals) String() string {
	return fmt.Sprintf("short answer right:        %d/%d (%.1f%%)\n"+
		"top snippet holds answer:  %d/%d (%.1f%%)\n"+
		"top 3 passages hold it:    %d/%d (%.1f%%)\n"+
		"unanswerable abstained:    %d/%d (%.1f%%)\n"+
		"answered (coverage):       %d/%d (%.1f%%)\n"+
		"answers given right:       %d/%d (%.1f%%)",
		t.Right, t.Answerable, t.RightPct(), t.InSnippet, t.Answerable, t.SnippetPct(), t.InTop3, t.Answerable, t.Top3Pct(),
		t.Abstained, t.Unanswerable, t.AbstainPct(), t.Given-(t.Unanswerable-t.Abstained), t.Answerable, t.CoveragePct(),
		t.GivenRight, t.Given, t.PrecisionPct()) + t.provenance()
}

// provenance adds the dispute and attribution lines, for files that mark
// such cases.
func (t Totals) provenance() string {
	var b strings.Builder
	if t.Disputed > 0 {
		fmt.Fprintf(&b, "\ndisputes shown:            %d/%d (%.1f%%)", t.DisputesShown, t.Disputed, pct(t.DisputesShown, t.Disputed))
	}
	if t.Claims > 0 {
		fmt.Fprintf(&b, "\nclaims attributed:         %d/%d (%.1f%%)", t.ClaimsNamed, t.Claims, pct(t.ClaimsNamed, t.Claims))
	}
	return b.String()
}

// GoldenLine sums up one result on a line of a golden file: the question's
// file and line, a verdict, the kind of answer asked for, the confidence,
// the question and the answer given. The verdict is R for a right short
// answer, W for a wrong one, - for none (b when none was given but the
// best candidate was right, g when some candidate was right but not the
// best); then S when the top passage holds the answer and 3 when one of the
// top three does. An unanswerable question is A when abstained, X when
// answered.
func GoldenLine(file string, r Result) string {
	return fmt.Sprintf("%s:%d\t%s\t%s\t%.2f\t%q\t%q", file, r.Case.Line, verdict(r), r.Answer.Kind, r.Answer.Confidence, r.Case.Q, r.Answer.Answer)
}

func verdict(r Result) string {
	if r.Case.Unanswerable {
		if r.Abstained {
			return "A"
		}
		return "X"
	}
	v := "-"
	switch {
	case r.Right:
		v = "R"
	case r.Answer.Found:
		v = "W"
	case r.BestRight:
		v = "b"
	case r.Generated:
		v = "g"
	}
	if r.InSnippet {
		v += "S"
	}
	if r.InTop3 {
		v += "3"
	}
	return v
}
