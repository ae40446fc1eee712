package answer

import (
	"context"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/index"
)

var benchQuestions = []string{
	"When was the INF Treaty signed?",
	"Who criticized Washington?",
	"How many missiles were eliminated under the INF Treaty?",
	"Where was Peskov speaking?",
	"Why did Trump say the US would quit the treaty?",
	"Who won the 2018 FIFA World Cup?",
}

// bigPassages is the size of the generated corpus of the 100k benchmarks.
const bigPassages = 100_000

// generatedEngine builds an engine over corpus.GenerateCorpus(n, 1), with
// an in-memory index, and returns it with corpus.GenerateQuestions(n, 1).
// Engines are cached per n for the life of the test binary (and never
// closed), because building one of 100,000 passages takes half a minute.
func generatedEngine(tb testing.TB, n int) (*Engine, []corpus.GeneratedQuestion) {
	tb.Helper()
	generated.Lock()
	defer generated.Unlock()
	if e, ok := generated.engines[n]; ok {
		return e, corpus.GenerateQuestions(n, 1)
	}
	c, _, err := corpus.Load(corpus.GenerateCorpus(n, 1))
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := index.Build(context.Background(), c, index.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	e, err := New(c, ix)
	if err != nil {
		tb.Fatal(err)
	}
	generated.engines[n] = e
	return e, corpus.GenerateQuestions(n, 1)
}

var generated = struct {
	sync.Mutex
	engines map[int]*Engine
}{engines: map[int]*Engine{}}

// latencies collects the time of single operations and reports their p50
// and p99 in milliseconds.
type latencies []time.Duration

func (l latencies) percentile(p int) time.Duration {
	s := append(latencies(nil), l...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, len(s)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func (l latencies) report(b *testing.B, prefix string) {
	b.ReportMetric(ms(l.percentile(50)), prefix+"p50-ms")
	b.ReportMetric(ms(l.percentile(99)), prefix+"p99-ms")
}

// benchAsk measures answer latency and reports the p50 and p99 of single
// questions alongside the usual ns/op, and the p99 over questions of each
// question's median (q-p99-ms). On Linux it also reports the p99 of the time
// each question spent running on a CPU (cpu-p99-ms) and waiting for one
// (wait-p99-ms): on a machine shared with other work, the wall time's tail
// is mostly the wait.
func benchAsk(b *testing.B, e *Engine, questions []string) {
	b.Helper()
	ctx := context.Background()
	lat := make(latencies, 0, b.N)
	var onCPU, waited latencies
	perQuestion := make([]latencies, len(questions))
	runtime.LockOSThread() // so that the thread's scheduler figures are the question's
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		run0, wait0, schedOK := threadSched()
		start := time.Now()
		if _, err := e.Ask(ctx, questions[i%len(questions)]); err != nil {
			b.Fatal(err)
		}
		took := time.Since(start)
		if run1, wait1, ok := threadSched(); ok && schedOK {
			onCPU = append(onCPU, run1-run0)
			waited = append(waited, wait1-wait0)
		}
		lat = append(lat, took)
		perQuestion[i%len(questions)] = append(perQuestion[i%len(questions)], took)
	}
	b.StopTimer()
	lat.report(b, "")
	b.ReportMetric(ms(medians(perQuestion).percentile(99)), "q-p99-ms")
	if len(onCPU) > 0 {
		b.ReportMetric(ms(onCPU.percentile(99)), "cpu-p99-ms")
		b.ReportMetric(ms(waited.percentile(99)), "wait-p99-ms")
	}
}

// threadSched returns how long the calling thread has run on a CPU and
// waited in the run queue, from Linux's /proc/thread-self/schedstat; ok is
// false where that file does not exist.
func threadSched() (run, wait time.Duration, ok bool) {
	b, err := os.ReadFile("/proc/thread-self/schedstat")
	if err != nil {
		return 0, 0, false
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0, 0, false
	}
	r, err1 := strconv.ParseInt(f[0], 10, 64)
	w, err2 := strconv.ParseInt(f[1], 10, 64)
	return time.Duration(r), time.Duration(w), err1 == nil && err2 == nil
}

func BenchmarkAskDefault(b *testing.B) {
	benchAsk(b, defaultEngine(b), benchQuestions)
}

// BenchmarkAsk100k asks the generated corpus's own questions: their words
// are in the corpus, so every one is searched and extracted.
func BenchmarkAsk100k(b *testing.B) {
	e, qs := generatedEngine(b, bigPassages)
	b.Logf("generated corpus: %d passages, %d questions", e.voc.Passages(), len(qs))
	texts := make([]string, len(qs))
	for i, q := range qs {
		texts[i] = q.Q
	}
	benchAsk(b, e, texts)
}

// BenchmarkSearch100k compares the engine's retrieval (its query over the
// question's concepts and their other forms) with a bare match query over
// the question's words. Each iteration times both, one after the other, on
// the next question; the figures are over questions, each question's time
// being the median of its runs, so that a pause of the machine does not
// count as a slow question. It reports both latencies at p50 and p99, their
// ratios, how many clauses the engine's queries have, and the share of
// questions whose sentence each search retrieves (recall). Reading the
// question is not timed; building the query is. Run it with a -benchtime of
// a few times the number of questions (-benchtime 1000x).
func BenchmarkSearch100k(b *testing.B) {
	e, qs := generatedEngine(b, bigPassages)
	ctx := context.Background()
	analysed := make([]question.Question, len(qs))
	clauses := make([]int, len(qs))
	engineFound, bareFound := 0, 0
	for i, q := range qs {
		analysed[i] = e.voc.Read(q.Q)
		clauses[i] = len(e.searchQuery(analysed[i]).Should)
		hits, err := e.ix.Search(ctx, e.searchQuery(analysed[i]))
		if err != nil {
			b.Fatal(err)
		}
		if retrieves(e, hits, q.Sentence) {
			engineFound++
		}
		if hits, err = e.ix.Search(ctx, bareQuery(q.Q)); err != nil {
			b.Fatal(err)
		}
		if retrieves(e, hits, q.Sentence) {
			bareFound++
		}
	}
	engine := make([]latencies, len(qs))
	bare := make([]latencies, len(qs))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(qs)
		start := time.Now()
		if _, err := e.ix.Search(ctx, e.searchQuery(analysed[k])); err != nil {
			b.Fatal(err)
		}
		engine[k] = append(engine[k], time.Since(start))
		start = time.Now()
		if _, err := e.ix.Search(ctx, bareQuery(qs[k].Q)); err != nil {
			b.Fatal(err)
		}
		bare[k] = append(bare[k], time.Since(start))
	}
	b.StopTimer()
	eng, bar := medians(engine), medians(bare)
	eng.report(b, "engine-")
	bar.report(b, "bare-")
	b.ReportMetric(float64(eng.percentile(50))/float64(bar.percentile(50)), "p50-ratio")
	b.ReportMetric(float64(eng.percentile(99))/float64(bar.percentile(99)), "p99-ratio")
	sort.Ints(clauses)
	b.ReportMetric(float64(clauses[len(clauses)/2]), "clauses-p50")
	b.ReportMetric(float64(clauses[len(clauses)-1]), "clauses-max")
	b.ReportMetric(float64(engineFound)/float64(len(qs)), "engine-recall")
	b.ReportMetric(float64(bareFound)/float64(len(qs)), "bare-recall")
}

// bareQuery is one match query over the words of a question, for as many
// passages as the engine asks for.
func bareQuery(q string) index.Query {
	return index.Query{Should: []index.Clause{{Text: q}}, Size: retrieveSize}
}

// retrieves reports whether one of the hits holds sentence.
func retrieves(e *Engine, hits []index.Hit, sentence string) bool {
	for _, h := range hits {
		if p := e.c.Passage(h.PassageID); p != nil && strings.Contains(p.Text, sentence) {
			return true
		}
	}
	return false
}

// medians returns the median of each question's runs, for the questions
// that ran.
func medians(runs []latencies) latencies {
	var out latencies
	for _, r := range runs {
		if len(r) > 0 {
			out = append(out, r.percentile(50))
		}
	}
	return out
}

func BenchmarkNewEngineDefault(b *testing.B) {
	c := corpus.Default()
	ix, err := index.Build(context.Background(), c, index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := New(c, ix); err != nil {
			b.Fatal(err)
		}
	}
}
