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
	Right     bool // answerable: the short answer holds an accepted answer
	InSnippet bool // answerable: the top snippet holds an accepted answer
	Abstained bool // unanswerable: the engine said it was not in the corpus
	Err       error
}

// Totals sums up an evaluation.
type Totals struct {
	Answerable, Right, InSnippet int
	Unanswerable, Abstained      int
	Errors                       int
}

// Asker is what Evaluate questions: an Engine, or anything that answers.
type Asker interface {
	Ask(ctx context.Context, question string) (corpus.Answer, error)
}

// Evaluate asks every case and scores the answers.
func Evaluate(ctx context.Context, a Asker, cases []Case) ([]Result, Totals, error) {
	var rs []Result
	var t Totals
	for _, c := range cases {
		if err := ctx.Err(); err != nil {
			return rs, t, err
		}
		ans, err := a.Ask(ctx, c.Q)
		r := Result{Case: c, Answer: ans, Err: err}
		if err != nil {
			t.Errors++
		}
		if c.Unanswerable {
			t.Unanswerable++
			r.Abstained = err == nil && !ans.Found
			if r.Abstained {
				t.Abstained++
			}
		} else {
			t.Answerable++
			if ans.Found {
				r.Right = c.Matches(ans.Answer)
				r.InSnippet = len(ans.Citations) > 0 && c.Matches(ans.Citations[0].Snippet)
			}
			if r.Right {
				t.Right++
			}
			if r.InSnippet {
				t.InSnippet++
			}
		}
		rs = append(rs, r)
	}
	return rs, t, nil
}

// Failed reports whether a result counts as a miss on any measure.
func (r Result) Failed() bool {
	if r.Case.Unanswerable {
		return !r.Abstained
	}
	return !r.Right || !r.InSnippet
}

func pct(n, d int) float64 {
	if d == 0 {
		return 100
	}
	return 100 * float64(n) / float64(d)
}

// RightPct, SnippetPct and AbstainPct are the three headline measures.
func (t Totals) RightPct() float64   { return pct(t.Right, t.Answerable) }
func (t Totals) SnippetPct() float64 { return pct(t.InSnippet, t.Answerable) }
func (t Totals) AbstainPct() float64 { return pct(t.Abstained, t.Unanswerable) }

// String prints the totals on three lines.
func (t Totals) String() string {
	return fmt.Sprintf("short answer right:        %d/%d (%.1f%%)\ntop snippet holds answer:  %d/%d (%.1f%%)\nunanswerable abstained:    %d/%d (%.1f%%)",
		t.Right, t.Answerable, t.RightPct(), t.InSnippet, t.Answerable, t.SnippetPct(), t.Abstained, t.Unanswerable, t.AbstainPct())
}
