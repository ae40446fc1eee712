package answer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/index"
)

// The robustness tests below run over every corpus and question file in
// testdata. Two folders are left out: sealed/ holds evaluation data that no
// test may read, and notes/ holds no corpus.
var skippedTestdata = map[string]bool{"sealed": true, "notes": true}

// testCorpora lists the corpus folders of testdata, sorted, with "" (the
// embedded default corpus) first.
func testCorpora(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	dirs := []string{""}
	for _, e := range entries {
		if e.IsDir() && !skippedTestdata[e.Name()] {
			dirs = append(dirs, filepath.Join("testdata", e.Name()))
		}
	}
	sort.Strings(dirs[1:])
	return dirs
}

// questionFiles maps every question file of testdata (sealed/ left out) to
// the corpus it was written for: testdata/X.jsonl and X-anything.jsonl
// belong to testdata/X when that folder exists, and to the embedded
// default corpus ("") otherwise.
func questionFiles(t testing.TB) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	corpora := testCorpora(t)[1:]
	out := map[string]string{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".jsonl")
		// the longest corpus folder the file's name is or starts with, as
		// FindDatasets reads it: "geneva-protocol-define-extra" is about
		// testdata/geneva-protocol
		dir := ""
		for _, d := range corpora {
			base := filepath.Base(d)
			if (name == base || strings.HasPrefix(name, base+"-")) && len(d) > len(dir) {
				dir = d
			}
		}
		out[f] = dir
	}
	if len(out) == 0 {
		t.Fatal("no question files in testdata")
	}
	return out
}

var (
	robustMu      sync.Mutex
	robustEngines = map[string]*Engine{}
)

// robustEngine returns an engine over a corpus folder of testdata ("" = the
// embedded default), built once for all the robustness tests. The indexes
// stay open until the test binary exits.
func robustEngine(t testing.TB, dir string) *Engine {
	t.Helper()
	if dir == "" {
		return defaultEngine(t)
	}
	robustMu.Lock()
	defer robustMu.Unlock()
	if e := robustEngines[dir]; e != nil {
		return e
	}
	c, _, err := corpus.LoadDir(dir)
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	ix, err := index.Build(context.Background(), c, index.Options{})
	if err != nil {
		t.Fatalf("index %s: %v", dir, err)
	}
	e, err := New(c, ix)
	if err != nil {
		t.Fatal(err)
	}
	robustEngines[dir] = e
	return e
}

// askNoPanic asks q and turns a panic into an error, so that one bad
// question is reported instead of ending the test binary.
func askNoPanic(e *Engine, q string) (ans corpus.Answer, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return e.Ask(context.Background(), q)
}

// FuzzAsk asks arbitrary text of every corpus in testdata: no question may
// panic, fail, or cite text that is not in the corpus. The seeds include
// "What was the vote on the prize?", which on testdata/fifth once panicked
// where two number spans overlap ("8 million Swedish kronor").
func FuzzAsk(f *testing.F) {
	dirs := testCorpora(f)
	seeds := []string{"When was the INF Treaty signed?", `+-"*~^:()`, "who", "", "\xff", "U.S. D.C. 1,000-5,000 (INF)", "Is it?",
		"What was the vote on the prize?", "How many voted for it and how many against?", strings.Repeat("treaty ", 40)}
	for i := range dirs {
		for _, s := range seeds {
			f.Add(s, uint8(i))
		}
	}
	engines := make([]*Engine, len(dirs))
	for i, d := range dirs {
		engines[i] = robustEngine(f, d)
	}
	f.Fuzz(func(t *testing.T, q string, which uint8) {
		e := engines[int(which)%len(engines)]
		ans, err := askNoPanic(e, q)
		if err != nil && !errors.Is(err, ErrEmptyQuestion) && !errors.Is(err, ErrQuestionTooLong) {
			t.Fatalf("corpus %q: Ask(%q): %v", dirs[int(which)%len(dirs)], q, err)
		}
		if ans.Found && ans.Answer == "" {
			t.Fatalf("corpus %q: Ask(%q): found with an empty answer", dirs[int(which)%len(dirs)], q)
		}
		checkVerbatim(t, e, ans)
	})
}

// TestAskWithEachWordDropped asks every question of every question file on
// its own corpus once with each word left out in turn: half-finished and
// clipped questions are what people type, and none may panic or fail.
// Failures name the file, the line and the word's position, never the
// question, because some files are held out and must not be read.
// With -short it drops every third word only.
func TestAskWithEachWordDropped(t *testing.T) {
	step := 1
	if testing.Short() || raceEnabled {
		step = 3 // every third word: the race detector makes each ask ten times slower
	}
	files := questionFiles(t)
	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		dir := files[f]
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel() // engines answer concurrently; this test is the package's longest
			cases := readQuestionFile(t, f)
			e := robustEngine(t, dir)
			asked := 0
			for _, c := range cases {
				words := strings.Fields(c.Q)
				for i := 0; i < len(words); i += step {
					q := strings.Join(append(append([]string(nil), words[:i]...), words[i+1:]...), " ")
					asked++
					ans, err := askNoPanic(e, q)
					if err != nil && !errors.Is(err, ErrEmptyQuestion) {
						t.Errorf("%s:%d without word %d: %v", f, c.Line, i+1, err)
						continue
					}
					if ans.Found && (ans.Answer == "" || len(ans.Citations) == 0) {
						t.Errorf("%s:%d without word %d: found with answer %q and %d citations", f, c.Line, i+1, ans.Answer, len(ans.Citations))
					}
				}
			}
			if asked == 0 {
				t.Errorf("%s: no question asked", f)
			}
		})
	}
}

// TestAskAbstainsOnRepeatedWords: a word said over and over is not a
// question, however well that word matches the corpus.
func TestAskAbstainsOnRepeatedWords(t *testing.T) {
	e := defaultEngine(t)
	for _, q := range []string{
		"treaty treaty treaty treaty treaty treaty",
		strings.Repeat("treaty ", 40),
		"INF INF INF INF",
		"Treaty, treaty, treaty?",
	} {
		ans, err := e.Ask(context.Background(), q)
		if err != nil {
			t.Errorf("Ask(%q): %v", q, err)
			continue
		}
		if ans.Found {
			t.Errorf("Ask(%q) = %q (score %.2f), want no answer", q, ans.Answer, ans.Score)
		}
	}
	// a word doubled by a slip of the keyboard is read once
	ans, err := e.Ask(context.Background(), "When was the the INF Treaty signed?")
	if err != nil || !ans.Found || !strings.Contains(ans.Answer, "1987") {
		t.Errorf("Ask(a doubled word) = %q, %v; want the signing date", ans.Answer, err)
	}
}

// TestQuestionLimitCountsCharacters: the limit is in characters (runes), so
// a question in a script of multi-byte letters is not refused early.
func TestQuestionLimitCountsCharacters(t *testing.T) {
	e := defaultEngine(t)
	// 600 Cyrillic letters: 1,200 bytes, under the limit of 1,000 characters
	q := "Когда " + strings.Repeat("я", MaxQuestionLen-400)
	if _, err := e.Ask(context.Background(), q); errors.Is(err, ErrQuestionTooLong) {
		t.Errorf("Ask(%d characters, %d bytes) = ErrQuestionTooLong, want it accepted", len([]rune(q)), len(q))
	}
	long := strings.Repeat("я", MaxQuestionLen+1)
	if _, err := e.Ask(context.Background(), long); !errors.Is(err, ErrQuestionTooLong) {
		t.Errorf("Ask(%d characters) error = %v, want ErrQuestionTooLong", MaxQuestionLen+1, err)
	}
	if !strings.Contains(ErrQuestionTooLong.Error(), "characters") {
		t.Errorf("ErrQuestionTooLong = %q, want it to say characters", ErrQuestionTooLong)
	}
}

// readQuestionFile reads the cases of one question file.
func readQuestionFile(t testing.TB, f string) []Case {
	t.Helper()
	fh, err := os.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	cases, err := ReadCases(fh, f)
	if err != nil {
		t.Fatal(err)
	}
	return cases
}
