package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = dispatch(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestAskJSONIsOneObject(t *testing.T) {
	code, out, errs := run(t, "ask", "--json", "When", "was", "the", "INF", "Treaty", "signed?")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	var got struct {
		Question  string `json:"question"`
		Found     bool   `json:"found"`
		Answer    string `json:"answer"`
		Citations []struct {
			ID, Title, Source, URL, Published, Snippet string
		} `json:"citations"`
	}
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if dec.More() {
		t.Errorf("output holds more than one JSON value:\n%s", out)
	}
	if got.Question != "When was the INF Treaty signed?" || !got.Found || got.Answer != "December 8, 1987" {
		t.Errorf("got question %q found %v answer %q, want the signing date", got.Question, got.Found, got.Answer)
	}
	if len(got.Citations) == 0 || got.Citations[0].Snippet == "" || got.Citations[0].Source == "" {
		t.Errorf("citations %+v, want at least one with a snippet and a source", got.Citations)
	}
}

func TestAskNotFoundIsPlain(t *testing.T) {
	code, out, _ := run(t, "ask", "Who won the 2018 FIFA World Cup?")
	if code != 0 || !strings.Contains(out, "Not in the corpus") {
		t.Errorf("exit %d, output %q; want exit 0 and a plain 'not in the corpus'", code, out)
	}
	code, out, _ = run(t, "ask", "--json", "Who won the 2018 FIFA World Cup?")
	if code != 0 || !strings.Contains(out, `"found":false`) || !strings.Contains(out, `"answer":""`) || !strings.Contains(out, `"citations":[]`) {
		t.Errorf("exit %d, JSON %s; want found false, an empty answer and an empty citation list", code, out)
	}
}

func TestCLIErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	tests := []struct {
		args     []string
		code     int
		inStderr string
	}{
		{[]string{"ask"}, 2, "usage: treatybot ask"},
		{[]string{"ask", "--corpus", missing, "who?"}, 1, "nope"},
		{[]string{"eval"}, 2, "usage: treatybot eval"},
		{[]string{"eval", missing}, 1, "nope"},
		{[]string{"index", "--corpus", missing, "--out", t.TempDir()}, 1, "nope"},
		{[]string{"frobnicate"}, 2, "unknown command"},
	}
	for _, tt := range tests {
		code, _, errs := run(t, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.inStderr) {
			t.Errorf("treatybot %v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errs, tt.code, tt.inStderr)
		}
	}
}

func TestEvalPrintsMissesAndTotals(t *testing.T) {
	file := filepath.Join(t.TempDir(), "q.jsonl")
	lines := `{"q": "When was the INF Treaty signed?", "any": ["December 8, 1987"]}
{"q": "Who signed the INF Treaty?", "any": ["nobody at all"]}
{"q": "Who won the 2018 FIFA World Cup?", "unanswerable": true}
`
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "eval", file)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"MISS " + file + ":2", "short answer right:        1/2", "unanswerable abstained:    1/1"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, file+":1 ") {
		t.Errorf("eval reported a miss for a right answer:\n%s", out)
	}
}

func TestIndexBuildsThenReuses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	code, out, errs := run(t, "index", "--out", dir)
	if code != 0 || !strings.Contains(out, "built") {
		t.Fatalf("first build: exit %d, out %q, stderr %q", code, out, errs)
	}
	code, out, _ = run(t, "index", "--out", dir)
	if code != 0 || !strings.Contains(out, "reused") {
		t.Errorf("second build: exit %d, out %q; want the index reused", code, out)
	}
}
