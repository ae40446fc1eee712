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

// TestAskReusesIndex checks that ask and eval with --index answer as they
// do from an index in memory, reuse the folder that treatybot index built,
// and rebuild it when the corpus changes.
func TestAskReusesIndex(t *testing.T) {
	root := t.TempDir()
	corpusDir := filepath.Join(root, "corpus")
	ixDir := filepath.Join(root, "ix")
	writeDoc := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(corpusDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(corpusDir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeDoc("oslo.md", "---\nsource: Test Wire\npublished: 1990-03-05\n---\n# The Oslo Accord\n\n"+
		"The Oslo Accord was signed in Oslo on March 3, 1990 by Norland and Estavia. It entered into force on June 1, 1991.\n")
	question := "When was the Oslo Accord signed?"

	if code, out, errs := run(t, "index", "--corpus", corpusDir, "--out", ixDir); code != 0 || !strings.Contains(out, "built") {
		t.Fatalf("index: exit %d, out %q, stderr %q", code, out, errs)
	}
	// a rebuild replaces the whole folder, so this file survives only reuse
	marker := filepath.Join(ixDir, "marker")
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, inMemory, _ := run(t, "ask", "--json", "--corpus", corpusDir, question)
	code, onDisk, errs := run(t, "ask", "--json", "--corpus", corpusDir, "--index", ixDir, question)
	if code != 0 || onDisk != inMemory {
		t.Errorf("ask --index: exit %d, stderr %q\ngot  %s\nwant %s", code, errs, onDisk, inMemory)
	}
	if _, err := os.Stat(marker); err != nil {
		t.Errorf("ask --index rebuilt the index of an unchanged corpus: %v", err)
	}
	qfile := filepath.Join(root, "q.jsonl")
	if err := os.WriteFile(qfile, []byte(`{"q": "When was the Oslo Accord signed?", "any": ["March 3, 1990"]}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, evalMemory, _ := run(t, "eval", "--corpus", corpusDir, qfile)
	if code, out, errs := run(t, "eval", "--corpus", corpusDir, "--index", ixDir, qfile); code != 0 || out != evalMemory {
		t.Errorf("eval --index: exit %d, stderr %q\ngot  %s\nwant %s", code, errs, out, evalMemory)
	}
	if _, err := os.Stat(marker); err != nil {
		t.Errorf("eval --index rebuilt the index of an unchanged corpus: %v", err)
	}

	// a changed corpus is indexed afresh, and then answered from
	writeDoc("vienna.md", "---\nsource: Test Wire\npublished: 1995-07-02\n---\n# The Vienna Pact\n\n"+
		"The Vienna Pact was signed in Vienna on July 1, 1995 by Carpathia and Veloria.\n")
	question = "When was the Vienna Pact signed?"
	_, inMemory, _ = run(t, "ask", "--json", "--corpus", corpusDir, question)
	code, onDisk, errs = run(t, "ask", "--json", "--corpus", corpusDir, "--index", ixDir, question)
	if code != 0 || onDisk != inMemory || !strings.Contains(onDisk, "Vienna Pact was signed") {
		t.Errorf("ask --index after a change: exit %d, stderr %q\ngot  %s\nwant %s", code, errs, onDisk, inMemory)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Errorf("ask --index kept the index of the old corpus")
	}
	if code, out, _ := run(t, "index", "--corpus", corpusDir, "--out", ixDir); code != 0 || !strings.Contains(out, "reused") {
		t.Errorf("index after ask --index rebuilt it: exit %d, out %q; want it reused", code, out)
	}

	// a folder of other files is never taken for an index
	other := filepath.Join(root, "notes")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "todo.txt"), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = run(t, "ask", "--corpus", corpusDir, "--index", other, question)
	if code != 1 || !strings.Contains(errs, "holds other files") {
		t.Errorf("ask --index on a folder of notes: exit %d, stderr %q; want exit 1 and 'holds other files'", code, errs)
	}
	if b, err := os.ReadFile(filepath.Join(other, "todo.txt")); err != nil || string(b) != "keep me" {
		t.Errorf("the notes folder was changed: %q, %v", b, err)
	}
}
