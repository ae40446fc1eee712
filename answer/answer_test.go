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

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The U.S. and D.C. agreed.", []string{"The", "U.S.", "and", "D.C.", "agreed", "."}},
		{"ranges (1,000-5,000 kilometers) and 5.5 km", []string{"ranges", "(", "1,000-5,000", "kilometers", ")", "and", "5.5", "km"}},
		{"Putin’s spokesman, the States’ view", []string{"Putin", "spokesman", ",", "the", "States", "view"}},
		{"ground-launched SSC-8 and 9M729", []string{"ground-launched", "SSC-8", "and", "9M729"}},
		{"President George W. Bush said. It was", []string{"President", "George", "W.", "Bush", "said", ".", "It", "was"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range tokenize(tt.text) {
			got = append(got, tok.Text)
			if tt.text[tok.Start:tok.End] != tok.Text {
				t.Errorf("tokenize(%q): token %q has offsets [%d,%d) that slice %q", tt.text, tok.Text, tok.Start, tok.End, tt.text[tok.Start:tok.End])
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("tokenize(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	if toks := tokenize("Putin’s view"); !toks[0].Poss {
		t.Errorf("tokenize: Putin’s is not marked possessive")
	}
}

func TestAnalyze(t *testing.T) {
	e := defaultEngine(t)
	tests := []struct {
		q    string
		want want
		verb string // the concept read as the main verb, "" for none
	}{
		{"When was the INF Treaty signed?", wantDate, "signed"},
		{"when did the inf treaty take effect", wantDate, "take effect"},
		{"Who criticized Washington?", wantEntity, "criticized"},
		{"Who is the Kremlin spokesman?", wantPerson, ""},
		{"Who is Dmitry Peskov?", wantRole, ""},
		{"Where was Peskov speaking?", wantPlace, "speaking"},
		{"How many missiles were eliminated?", wantNumber, "eliminated"},
		{"What range did the treaty set for shorter-range missiles?", wantNumber, ""},
		{"Why did Trump say the US would quit the treaty?", wantReason, "quit"},
		{"How did Ryabkov describe the move?", wantDescription, "describe"},
		{"What is Sergey Ryabkov's position?", wantRole, ""},
		{"What does INF stand for?", wantExpansion, ""},
		{"Is Russia ready to continue talks?", wantYesNo, "continue"},
		{"Which missiles did the treaty outlaw?", wantNounPhrase, "outlaw"},
		{"Which agency reported Peskov's remarks?", wantSource, ""},
		{"Which country came out in support of the United States?", wantCountry, ""},
		{"hey bot, in which year was the treaty signed", wantDate, "signed"},
		{"what's the full name of the INF Treaty", wantExpansion, ""},
		{"whats the range of the missiles", wantNumber, ""},
		{"how did Peskov describe the test ban", wantDescription, "describe"},
		{"What was the radius of each deployment area?", wantNumber, ""},
		{"what's the full official name of the treaty", wantExpansion, ""},
		{"Name some countries that criticized Washington", wantCountry, "criticized"},
		{"What is Israel's nuclear policy called?", wantDescription, ""},
		{"What nationality is Dmitry Peskov?", wantCountry, ""},
		{"Which agency monitors the treaty?", wantOrg, ""},
		{"When was the treaty signed?", wantDate, "signed"},
		{"Who took the text to the General Assembly?", wantEntity, "took"},
	}
	for _, tt := range tests {
		q := e.analyze(tt.q)
		if q.want != tt.want {
			t.Errorf("analyze(%q).want = %s, want %s", tt.q, q.want, tt.want)
		}
		if tt.verb != "" {
			got := ""
			if q.verb >= 0 {
				got = q.concepts[q.verb].text
			}
			if got != tt.verb {
				t.Errorf("analyze(%q) verb = %q, want %q", tt.q, got, tt.verb)
			}
		}
	}
}

func TestSpellCorrects(t *testing.T) {
	e := defaultEngine(t)
	tests := []struct{ in, want string }{
		{"sgined", "signed"},
		{"treety", "treaty"},
		{"gorbachov", "gorbachev"},
		{"peskow", "peskov"},
		{"sgin", "sign"},
	}
	for _, tt := range tests {
		got, ok := e.correct(tt.in)
		if !ok || got != tt.want {
			t.Errorf("correct(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, w := range []string{"signed", "the", "skies", "fifa", "pull", "tenn"} {
		if got, ok := e.correct(w); ok {
			t.Errorf("correct(%q) = %q, want no correction", w, got)
		}
	}
}

func TestFindEntities(t *testing.T) {
	e := defaultEngine(t)
	tests := []struct {
		text string
		want map[string]entKind
	}{
		{"Russian Deputy Foreign Minister Sergey Ryabkov described this as a dangerous move.",
			map[string]entKind{"Russian": entDemonym, "Sergey Ryabkov": entPerson}},
		{"Washington was also criticized in Berlin and Beijing.",
			map[string]entKind{"Washington": entCapital, "Berlin": entCapital, "Beijing": entCapital}},
		{"SOCHI, November 20. /TASS/. Moscow’s response was explained.",
			map[string]entKind{"SOCHI": entCity, "TASS": entOrg, "Moscow": entCapital}},
		{"It was signed in Washington, D.C., by the Union of Soviet Socialist Republics.",
			map[string]entKind{"Washington, D.C.": entCapital, "Union of Soviet Socialist Republics": entCountry}},
		{"Correspondingly, the 9M729 was named by NATO.",
			map[string]entKind{"9M729": entCode, "NATO": entOrg}},
		{"Gerard Smith ran the Arms Control and Disarmament Agency, and Russia and China agreed.",
			map[string]entKind{"Gerard Smith": entPerson, "Arms Control and Disarmament Agency": entOrg, "Russia": entCountry, "China": entCountry}},
		{"The statement was carried by the Korean Central News Agency.",
			map[string]entKind{"Korean Central News Agency": entOrg}},
		{"The Geneva Protocol of 1925 banned their use; the talks were in Geneva.",
			map[string]entKind{"Geneva Protocol": entCode, "Geneva": entCity}},
		{"The Conference on Disarmament met, and the Treasury Department on Iran said so.",
			map[string]entKind{"Conference on Disarmament": entOrg, "Treasury Department": entOrg, "Iran": entCountry}},
	}
	for _, tt := range tests {
		toks := tokenize(tt.text)
		got := map[string]entKind{}
		for _, en := range findEntities(toks, e) {
			got[tt.text[toks[en.from].Start:toks[en.to-1].End]] = en.kind
		}
		for name, kind := range tt.want {
			if k, ok := got[name]; !ok || k != kind {
				t.Errorf("findEntities(%q): %q = %v (found %v), want kind %v", tt.text, name, k, ok, kind)
			}
		}
		if _, ok := got["Correspondingly"]; ok {
			t.Errorf("findEntities(%q): took a sentence adverb for a name", tt.text)
		}
	}
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
	pl, err := e.gather(context.Background(), e.analyze(q))
	if err != nil {
		t.Fatalf("gather(%q): %v", q, err)
	}
	e.model.rank(&pl)
	if len(pl.cands) == 0 {
		return ""
	}
	return pl.cands[0].text
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

func TestFindNumbers(t *testing.T) {
	tests := []struct {
		text string
		want []string // number spans with their units
	}{
		{"2,692 missiles had been eliminated", []string{"2,692 missiles"}},
		{"ranges of 500 to 5,500 kilometers", []string{"500 to 5,500 kilometers"}},
		{"ranges (1,000-5,000 kilometers)", []string{"1,000-5,000 kilometers"}},
		{"a 150-kiloton limit", []string{"150-kiloton"}},
		{"removed about two-thirds of them", []string{"two-thirds"}},
		{"1,550 deployed strategic warheads", []string{"1,550 deployed strategic warheads"}},
		{"the 35-member board met for a four-week session", []string{"35-member", "four-week"}},
	}
	for _, tt := range tests {
		toks := tokenize(tt.text)
		var got []string
		for _, n := range findNumbers(toks) {
			got = append(got, tt.text[toks[n.from].Start:toks[n.unitTo-1].End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("findNumbers(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
