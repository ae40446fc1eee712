package answer

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/index"
)

var (
	defaultOnce sync.Once
	defaultEng  *Engine
	defaultErr  error
)

// defaultEngine builds one engine over the embedded corpus for all tests.
func defaultEngine(t testing.TB) *Engine {
	t.Helper()
	defaultOnce.Do(func() {
		c := corpus.Default()
		ix, err := index.Build(context.Background(), c, index.Options{})
		if err != nil {
			defaultErr = err
			return
		}
		defaultEng, defaultErr = New(c, ix)
	})
	if defaultErr != nil {
		t.Fatalf("build the default engine: %v", defaultErr)
	}
	return defaultEng
}

func engineForDir(t testing.TB, dir string) *Engine {
	t.Helper()
	c, _, err := corpus.LoadDir(dir)
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	ix, err := index.Build(context.Background(), c, index.Options{})
	if err != nil {
		t.Fatalf("index %s: %v", dir, err)
	}
	t.Cleanup(func() { ix.Close() })
	e, err := New(c, ix)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// checkAnswers asks each question and wants its answer, with every
// citation verbatim.
// checkAnswers checks the engine's likeliest answer to each question,
// given or not (whether it is sure enough is the model's business, tested
// by the cross-validated figures), and that what Ask cites is verbatim.
func checkAnswers(t *testing.T, e *Engine, tests []struct{ q, want string }) {
	t.Helper()
	for _, tt := range tests {
		ans, err := e.Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatalf("Ask(%q): %v", tt.q, err)
		}
		checkVerbatim(t, e, ans)
		if got := likeliest(t, e, tt.q); got != tt.want {
			t.Errorf("likeliest answer to %q = %q, want %q", tt.q, got, tt.want)
		}
		if ans.Found && ans.Answer != tt.want {
			t.Errorf("Ask(%q) = %q, want %q", tt.q, ans.Answer, tt.want)
		}
	}
}

// likeliest returns the best candidate's answer to q, sure or not.
func likeliest(t *testing.T, e *Engine, q string) string {
	t.Helper()
	pl, err := e.gather(context.Background(), e.voc.Read(q))
	if err != nil {
		t.Fatalf("gather(%q): %v", q, err)
	}
	e.model.rank(&pl)
	if len(pl.cands) == 0 {
		return ""
	}
	return pl.cands[0].Text
}

func TestAskIsSureOfThePlainestQuestion(t *testing.T) {
	ans, err := defaultEngine(t).Ask(context.Background(), "When was the INF Treaty signed?")
	if err != nil || !ans.Found || ans.Answer != "December 8, 1987" || ans.Confidence < 0.5 {
		t.Errorf("Ask(When was the INF Treaty signed?) = %q (found %v, confidence %v), %v; want a sure December 8, 1987", ans.Answer, ans.Found, ans.Confidence, err)
	}
}

func TestAskAnswersWithVerbatimCitations(t *testing.T) {
	e := defaultEngine(t)
	tests := []struct{ q, want string }{
		{"When was the INF Treaty signed?", "December 8, 1987"},
		{"when did the inf treety take effect", "June 1, 1988"},
		{"Who criticized Washington?", "Berlin and Beijing"},
		{"Where was Peskov speaking?", "Sochi"},
		{"What does INF stand for?", "Intermediate-Range Nuclear Forces"},
	}
	checkAnswers(t, e, tests)
}

// checkVerbatim fails unless every citation quotes its passage exactly and
// its highlight lies inside the snippet.
func checkVerbatim(t *testing.T, e *Engine, ans corpus.Answer) {
	t.Helper()
	for _, c := range append(append([]corpus.Citation{}, ans.Citations...), ans.More...) {
		p := e.c.Passage(c.PassageID)
		if p == nil {
			t.Fatalf("citation names passage %q, which does not exist", c.PassageID)
		}
		d := e.c.Doc(p.DocID)
		if d.Kind == corpus.Article && d.Text[p.Start:p.End] != c.Snippet {
			t.Errorf("snippet %q is not the document's text at [%d,%d)", c.Snippet, p.Start, p.End)
		}
		if c.Snippet != p.Text {
			t.Errorf("snippet %q differs from passage %q", c.Snippet, p.Text)
		}
		if h := c.Highlight; h != nil && (len(h) != 2 || h[0] < 0 || h[1] > len(c.Snippet) || h[0] >= h[1]) {
			t.Errorf("highlight %v is outside snippet of %d bytes", h, len(c.Snippet))
		}
	}
}

func TestAskAbstains(t *testing.T) {
	e := defaultEngine(t)
	for _, q := range []string{
		"Who won the 2018 FIFA World Cup?",
		"What is the capital of Australia?",
		"When was the Open Skies Treaty signed?",
		"How many warheads does France have?",
	} {
		ans, err := e.Ask(context.Background(), q)
		if err != nil {
			t.Fatalf("Ask(%q): %v", q, err)
		}
		if ans.Found {
			t.Errorf("Ask(%q) = %q, want no answer", q, ans.Answer)
		}
		if ans.Citations == nil {
			t.Errorf("Ask(%q): citations are nil, want an empty list for JSON", q)
		}
	}
}

func TestAskTreatsQuerySyntaxAsText(t *testing.T) {
	e := defaultEngine(t)
	for _, q := range []string{
		`+INF -"treaty" signed* ~2 ^3 title:x (when) /.*/ \`,
		`"unterminated`,
		`:::`,
		`when was the INF Treaty signed? AND OR NOT`,
	} {
		ans, err := e.Ask(context.Background(), q)
		if err != nil {
			t.Errorf("Ask(%q): %v", q, err)
		}
		checkVerbatim(t, e, ans)
	}
	ans, _ := e.Ask(context.Background(), `+when -was "the" INF* treaty: signed~?`)
	if !ans.Found || !strings.Contains(ans.Answer, "1987") {
		t.Errorf("a question wrapped in query syntax = %q, want the signing date", ans.Answer)
	}
}

func TestAskRejectsBadInput(t *testing.T) {
	e := defaultEngine(t)
	if _, err := e.Ask(context.Background(), "   "); !errors.Is(err, ErrEmptyQuestion) {
		t.Errorf("Ask(blank) error = %v, want ErrEmptyQuestion", err)
	}
	if _, err := e.Ask(context.Background(), strings.Repeat("why ", MaxQuestionLen)); !errors.Is(err, ErrQuestionTooLong) {
		t.Errorf("Ask(too long) error = %v, want ErrQuestionTooLong", err)
	}
	if ans, err := e.Ask(context.Background(), "when \xff\xfe signed"); err != nil || strings.Contains(ans.Question, "\xff") {
		t.Errorf("Ask(invalid UTF-8) = %q, %v; want the question cleaned and no error", ans.Question, err)
	}
}

func TestReadCasesErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"q": "x"}`, "q.jsonl:1: give"},
		{"\n{\"q\": \"\", \"any\": [\"a\"]}", "q.jsonl:2: \"q\" is missing"},
		{`{"q": "x", "any": ["a"], "unanswerable": true}`, "cannot also list"},
		{`{"q": "x", "anyy": ["a"]}`, "unknown field"},
		{`not json`, "q.jsonl:1:"},
	}
	for _, tt := range tests {
		_, err := ReadCases(strings.NewReader(tt.in), "q.jsonl")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadCases(%q) error = %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestCaseMatches(t *testing.T) {
	tests := []struct {
		c    Case
		text string
		want bool
	}{
		{Case{Any: []string{"2,692"}}, "2692 missiles", true},
		{Case{Any: []string{"1000"}}, "500-1,000 kilometers", true},
		{Case{All: []string{"Berlin", "Beijing"}}, "berlin and BEIJING.", true},
		{Case{All: []string{"Berlin", "Beijing"}}, "Berlin", false},
		{Case{Any: []string{"December 8, 1987"}}, "december 8 1987", true},
		{Case{Any: []string{"x"}}, "", false},
	}
	for _, tt := range tests {
		if got := tt.c.Matches(tt.text); got != tt.want {
			t.Errorf("%+v.Matches(%q) = %v, want %v", tt.c, tt.text, got, tt.want)
		}
	}
}

// TestEveryQuestionOnEveryCorpus asks questions of every question file of
// testdata (every tenth; with -short, every hundredth) of every corpus in
// testdata: no question may fail or cite text that is not in its corpus,
// whatever it is asked of.
func TestEveryQuestionOnEveryCorpus(t *testing.T) {
	ds := testDatasets(t)
	var questions []string
	for _, d := range ds {
		for _, f := range d.Files {
			cases, err := readCaseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cases {
				questions = append(questions, c.Q)
			}
		}
	}
	step := 10
	if testing.Short() {
		step = 100
	}
	var sample []string
	for i := 0; i < len(questions); i += step {
		sample = append(sample, questions[i])
	}
	questions = sample
	for _, d := range ds {
		e := defaultEngine(t)
		if d.Dir != "" {
			e = engineForDir(t, d.Dir)
		}
		for _, q := range questions {
			ans, err := e.Ask(context.Background(), q)
			if err != nil {
				t.Fatalf("corpus %q: Ask(%q): %v", d.Name, q, err)
			}
			if ans.Found && (ans.Answer == "" || len(ans.Citations) == 0) {
				t.Errorf("corpus %q: Ask(%q) found %q with %d citations", d.Name, q, ans.Answer, len(ans.Citations))
			}
			checkVerbatim(t, e, ans)
		}
	}
}

// TestSourcesThatDisagreeAreBothShown: the fact sheet gives the
// intermediate range as 1,000–5,500 km and TASS as 1,000-5,000 km; the
// reply says the sources differ and quotes both.
func TestSourcesThatDisagreeAreBothShown(t *testing.T) {
	ans, err := defaultEngine(t).Ask(context.Background(), "What range did the INF Treaty set for intermediate-range missiles?")
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]bool{}
	for _, c := range ans.Citations {
		docs[c.ID] = true
	}
	for _, a := range ans.Alternatives {
		for _, c := range a.Citations {
			docs[c.ID] = true
		}
	}
	if !ans.Disputed || len(ans.Alternatives) == 0 || !docs["inf.facts"] || !docs["tass-2018-11-20"] {
		t.Errorf("Ask(range) = disputed %v, alternatives %+v, cited %v; want both the fact sheet and TASS, disputed", ans.Disputed, ans.Alternatives, docs)
	}
}

// TestAClaimIsNotStatedAsFact: who violated the treaty is Washington's and
// NATO's claim; the reply either is not sure, or names whose claim it is,
// and its first passage says whose claim it quotes.
func TestAClaimIsNotStatedAsFact(t *testing.T) {
	for _, q := range []string{"Who violated the INF Treaty?", "according to NATO, who violated the treaty?"} {
		ans, err := defaultEngine(t).Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if ans.Found && ans.AttributedTo == "" || len(ans.Citations) == 0 || ans.Citations[0].AttributedTo == "" {
			t.Errorf("Ask(%q) = %q (found %v, attributed to %q), first citation attributed to %q; want a claim named as one", q, ans.Answer, ans.Found, ans.AttributedTo, citedClaim(ans))
		}
	}
	ans, _ := defaultEngine(t).Ask(context.Background(), "according to NATO, who violated the treaty?")
	if len(ans.Citations) == 0 || !strings.Contains(ans.Citations[0].AttributedTo, "NATO") {
		t.Errorf("according to NATO: first citation attributed to %q, want NATO", citedClaim(ans))
	}
}

func citedClaim(a corpus.Answer) string {
	if len(a.Citations) == 0 {
		return ""
	}
	return a.Citations[0].AttributedTo
}

// highlighted is the span the first citation marks as the answer, found or
// not.
func highlighted(a corpus.Answer) string {
	if len(a.Citations) == 0 || len(a.Citations[0].Highlight) != 2 {
		return a.Answer
	}
	c := a.Citations[0]
	return c.Snippet[c.Highlight[0]:c.Highlight[1]]
}

// TestTheWholeIsNotAPart: "2,692 missiles had been eliminated: 846 by the
// United States and 1,846 by the Soviet Union" answers "how many missiles"
// with the whole.
func TestTheWholeIsNotAPart(t *testing.T) {
	for _, q := range []string{"How many missiles were destroyed under the INF Treaty?", "how many missiles had been eliminated by the 1991 deadline"} {
		ans, err := defaultEngine(t).Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if got := highlighted(ans); !strings.Contains(got, "2,692") {
			t.Errorf("Ask(%q) marks %q, want the whole, 2,692", q, got)
		}
	}
}

// TestDefinitionQuestions: "who is X", "what is X" and "tell me about X"
// are answered from X's defining text.
func TestDefinitionQuestions(t *testing.T) {
	tests := []struct{ q, kind, want string }{
		{"Who is Dmitry Peskov?", "role", "spokesman"},
		{"What is the INF Treaty?", "definition", "Intermediate-Range"},
		{"tell me about the INF treaty", "definition", "Intermediate-Range"},
	}
	for _, tt := range tests {
		ans, err := defaultEngine(t).Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if ans.Kind != tt.kind || !strings.Contains(strings.ToLower(highlighted(ans)), strings.ToLower(tt.want)) {
			t.Errorf("Ask(%q) = %s %q (marked %q), want a %s holding %q", tt.q, ans.Kind, ans.Answer, highlighted(ans), tt.kind, tt.want)
		}
	}
}
