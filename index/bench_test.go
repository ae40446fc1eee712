package index

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/treatybot/treatybot/corpus"
)

// Sizes of the generated corpora, in passages.
const (
	buildBenchPassages = 20_000
	bigPassages        = 100_000
)

// generated loads corpus.GenerateCorpus(n, 1) once per size.
var generated = struct {
	sync.Mutex
	m map[int]*corpus.Corpus
}{m: map[int]*corpus.Corpus{}}

func generatedCorpus(b *testing.B, n int) *corpus.Corpus {
	b.Helper()
	generated.Lock()
	defer generated.Unlock()
	if c, ok := generated.m[n]; ok {
		return c
	}
	c, _, err := corpus.Load(corpus.GenerateCorpus(n, 1))
	if err != nil {
		b.Fatalf("load generated corpus of %d: %v", n, err)
	}
	generated.m[n] = c
	return c
}

// BenchmarkBuild measures index build throughput on a generated corpus, in
// memory and on disk (a fresh folder every time, so nothing is reused).
func BenchmarkBuild(b *testing.B) {
	c := generatedCorpus(b, buildBenchPassages)
	n := c.Stats().Passages
	for _, st := range []string{"memory", "disk"} {
		b.Run(fmt.Sprintf("%s/%d", st, n), func(b *testing.B) {
			b.ReportAllocs()
			root := b.TempDir()
			for i := 0; b.Loop(); i++ {
				dir := ""
				if st == "disk" {
					dir = filepath.Join(root, fmt.Sprint(i))
				}
				ix, err := Build(context.Background(), c, Options{Dir: dir})
				if err != nil {
					b.Fatal(err)
				}
				ix.Close()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "passages/s")
		})
	}
}

// BenchmarkReuse measures opening an on-disk index that is already built:
// the stamp check, the open and the passage count.
func BenchmarkReuse(b *testing.B) {
	c := generatedCorpus(b, buildBenchPassages)
	dir := filepath.Join(b.TempDir(), "ix")
	ix, err := Build(context.Background(), c, Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	ix.Close()
	b.ReportAllocs()
	for b.Loop() {
		ix, err := Build(context.Background(), c, Options{Dir: dir})
		if err != nil || !ix.Reused() {
			b.Fatalf("reuse: %v (reused %v)", err, ix != nil && ix.Reused())
		}
		ix.Close()
	}
}

// searchQueries are shaped like the answer engine's, on the questions of the
// generated corpus: the question's words, a fuzzy copy for typos, a phrase,
// a phrase within a question's words, and sometimes a title clause or
// filter.
func searchQueries() []Query {
	gq := corpus.GenerateQuestions(bigPassages, 1)
	q := func(i int) string { return gq[i%len(gq)].Q }
	return []Query{
		{Should: []Clause{{Text: q(0)}}},
		{Should: []Clause{{Text: q(1)}, {Text: q(1), Field: "title", Boost: 2}}},
		{Should: []Clause{{Text: q(2), Fuzziness: 1}}},
		{Should: []Clause{{Text: "entered into force", Phrase: true, Boost: 3}, {Text: q(3)}}},
		{Should: []Clause{{Text: "entered into force", Phrase: true, Within: q(4)}, {Text: q(4)}}},
		{Should: []Clause{{Text: q(5)}}, Kinds: []corpus.PassageKind{corpus.Sentence}},
		{Should: []Clause{{Text: "withdrew withdrawal quit pulled out"}}, Must: []Clause{{Text: "treaty"}}},
		{Should: []Clause{{Text: "When was the INF Treaty signed?"}}},
		{Should: []Clause{{Text: "trety sgined Washingtn", Fuzziness: 2}}},
	}
}

// BenchmarkSearch measures one Search on the default corpus and on 100,000
// generated passages (in memory and on disk), each index built once outside
// the timer. It reports the 99th percentile latency, and the heap the built
// index holds (near zero on disk, where segments are memory-mapped).
func BenchmarkSearch(b *testing.B) {
	cases := []struct {
		name string
		c    func(b *testing.B) *corpus.Corpus
		disk bool
	}{
		{"default/memory", func(*testing.B) *corpus.Corpus { return corpus.Default() }, false},
		{"100k/memory", func(b *testing.B) *corpus.Corpus { return generatedCorpus(b, bigPassages) }, false},
		{"100k/disk", func(b *testing.B) *corpus.Corpus { return generatedCorpus(b, bigPassages) }, true},
	}
	qs := searchQueries()
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			c := tc.c(b)
			dir := ""
			if tc.disk {
				dir = filepath.Join(b.TempDir(), "ix")
			}
			before := heapInUse()
			ix, err := Build(context.Background(), c, Options{Dir: dir})
			if err != nil {
				b.Fatal(err)
			}
			defer ix.Close()
			heap := heapInUse() - before
			b.ReportAllocs()
			var took []time.Duration
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if _, err := ix.Search(context.Background(), qs[i%len(qs)]); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)*99/100].Microseconds()), "p99-µs")
			b.ReportMetric(float64(ix.NumPassages()), "passages")
			b.ReportMetric(float64(heap)/(1<<20), "index-heap-MB")
		})
	}
}

// heapInUse returns the live heap after a full collection.
func heapInUse() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse)
}
