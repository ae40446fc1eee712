package answer

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden file of cross-validated results")

// testDatasets are the unsealed corpora and question files in testdata.
func testDatasets(t testing.TB) []Dataset {
	t.Helper()
	ds, err := FindDatasets("testdata", "sealed", "notes")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) < 2 {
		t.Fatalf("FindDatasets found %d datasets, want many", len(ds))
	}
	return ds
}

var (
	logOnce  sync.Once
	trainLog *TrainingLog
	logErr   error
)

// testLog logs every question of testdata once for all tests.
func testLog(t testing.TB) *TrainingLog {
	t.Helper()
	if raceEnabled {
		t.Skip("training over every question file is too slow under the race detector")
	}
	if testing.Short() {
		t.Skip("training over every question file is slow; skipped with -short")
	}
	logOnce.Do(func() { trainLog, logErr = BuildLog(context.Background(), testDatasets(t)) })
	if logErr != nil {
		t.Fatal(logErr)
	}
	return trainLog
}

// TestModelIsUpToDate retrains the model from testdata and checks that the
// committed model.json is what training gives: run `go generate
// ./answer/` (or `treatybot train`) after changing features, extraction or
// the question files.
func TestModelIsUpToDate(t *testing.T) {
	m, err := testLog(t).Train()
	if err != nil {
		t.Fatal(err)
	}
	want, err := defaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if got, w := m.Trained.Questions, want.Trained.Questions; got != w {
		t.Fatalf("training saw %d questions, model.json was trained on %d: run go generate ./answer/", got, w)
	}
	for name, pair := range map[string][2]Weights{"passage": {m.Passage, want.Passage}, "span": {m.Span, want.Span}, "pointwise": {m.Pointwise, want.Pointwise}, "decision": {m.Decision, want.Decision}} {
		if d := weightsDiff(pair[0], pair[1]); d != "" {
			t.Errorf("%s weights differ from model.json (%s): run go generate ./answer/", name, d)
		}
	}

	if math.Abs(m.Threshold-want.Threshold) > 1e-3 || math.Abs(m.Relevant-want.Relevant) > 1e-4 {
		t.Errorf("threshold/relevant = %v/%v, model.json has %v/%v: run go generate ./answer/", m.Threshold, m.Relevant, want.Threshold, want.Relevant)
	}
}

// weightsDiff describes the first weight that differs by more than a
// rounding error, or returns "".
func weightsDiff(a, b Weights) string {
	if math.Abs(a.Bias-b.Bias) > 1e-4 {
		return fmt.Sprintf("bias %v, want %v", a.Bias, b.Bias)
	}
	for _, name := range unionKeys(a.Weights, b.Weights) {
		if math.Abs(a.Weights[name]-b.Weights[name]) > 1e-4 {
			return fmt.Sprintf("%s %v, want %v", name, a.Weights[name], b.Weights[name])
		}
	}
	return ""
}

func unionKeys(a, b map[string]float64) []string {
	var out []string
	for k := range a {
		out = append(out, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	return out
}

// cvFloors are the least cross-validated figures, in percent over the
// files written blind, below which the test fails. They sit a little under
// what the engine reaches.
var cvFloors = struct{ right, snippet, top3, abstain, precision float64 }{8, 68, 77, 95, 90}

// TestCrossValidated answers every question with a model trained without
// its corpus, and compares each question's result with the golden file
// testdata/cv.golden, so that a change shows, in the golden file's diff,
// which questions it gained and which it lost. Rewrite it with
// `go test ./answer -run TestCrossValidated -update`.
func TestCrossValidated(t *testing.T) {
	tl := testLog(t)
	results, err := tl.CrossValidate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var blind Totals
	for i, r := range results {
		_, file := tl.Origin(i)
		fmt.Fprintf(&b, "%s\n", GoldenLine(filepath.Base(file), r))
		if !strings.Contains(file, "-extra") {
			blind = blind.Add(Sum([]Result{r}))
		}
	}
	golden := filepath.Join("testdata", "cv.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("cross-validated results differ from %s:\n%s\nrerun with -update if the change is meant, and read the diff", golden, lineDiff(string(want), got, 20))
	}
	t.Logf("cross-validated, files written blind:\n%s", blind)
	f := cvFloors
	if blind.RightPct() < f.right || blind.SnippetPct() < f.snippet || blind.Top3Pct() < f.top3 || blind.AbstainPct() < f.abstain || blind.PrecisionPct() < f.precision {
		t.Errorf("cross-validated figures fell below the floors %+v:\n%s", f, blind)
	}
}

// lineDiff lists up to n lines that differ between two texts.
func lineDiff(want, got string, n int) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := 0; i < max(len(w), len(g)) && len(out) < n; i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			out = append(out, "- "+a, "+ "+b)
		}
	}
	return strings.Join(out, "\n")
}
