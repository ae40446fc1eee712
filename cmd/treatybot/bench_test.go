package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/treatybot/treatybot/corpus"
)

// buildBinary builds treatybot into a temporary folder once per benchmark
// and returns its path: a cold start is measured on the real binary.
func buildBinary(b *testing.B) string {
	b.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(b.TempDir(), "treatybot")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// benchExec runs the binary with args b.N times and reports the p50 and
// p99 of the wall time and the largest resident memory of a run.
func benchExec(b *testing.B, bin string, args ...string) {
	b.Helper()
	var lat []time.Duration
	var maxRSS int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, args...)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		lat = append(lat, time.Since(start))
		if err != nil {
			b.Fatalf("treatybot %v: %v\n%s", args, err, out)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			maxRSS = max(maxRSS, ru.Maxrss) // KiB on Linux
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
	if maxRSS > 0 {
		b.ReportMetric(float64(maxRSS)/1024, "max-RSS-MB")
	}
}

// BenchmarkColdAsk runs `treatybot ask` as a new process each time: it
// parses the embedded model, loads the embedded corpus, builds the index in
// memory and the engine, and answers.
func BenchmarkColdAsk(b *testing.B) {
	benchExec(b, buildBinary(b), "ask", "When was the INF Treaty signed?")
}

// BenchmarkColdAskCorpus100k runs `treatybot ask --corpus DIR` on a
// generated corpus of 100,000 passages, with the index built in memory on
// every call and with the on-disk index that `treatybot index` built.
// Writing the corpus and building its index take a minute before timing.
func BenchmarkColdAskCorpus100k(b *testing.B) {
	bin := buildBinary(b)
	dir := filepath.Join(b.TempDir(), "corpus")
	if err := os.CopyFS(dir, corpus.GenerateCorpus(100_000, 1)); err != nil {
		b.Fatal(err)
	}
	qs := corpus.GenerateQuestions(100_000, 1)
	ixDir := filepath.Join(b.TempDir(), "index")
	if out, err := exec.Command(bin, "index", "--corpus", dir, "--out", ixDir).CombinedOutput(); err != nil {
		b.Fatalf("treatybot index: %v\n%s", err, out)
	}
	b.Run("memory", func(b *testing.B) { benchExec(b, bin, "ask", "--corpus", dir, qs[0].Q) })
	b.Run("index", func(b *testing.B) { benchExec(b, bin, "ask", "--corpus", dir, "--index", ixDir, qs[0].Q) })
}
