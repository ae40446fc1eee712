package answer

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

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

// benchAsk measures answer latency and reports the p50 and p99 of single
// questions alongside the usual ns/op.
func benchAsk(b *testing.B, e *Engine, questions []string) {
	b.Helper()
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := e.Ask(ctx, questions[i%len(questions)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

func BenchmarkAskDefault(b *testing.B) {
	benchAsk(b, defaultEngine(b), benchQuestions)
}

func BenchmarkAsk100k(b *testing.B) {
	c, _, err := corpus.Load(corpus.GenerateCorpus(100_000, 1))
	if err != nil {
		b.Fatal(err)
	}
	ix, err := index.Build(context.Background(), c, index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	e, err := New(c, ix)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("generated corpus: %d passages", c.Stats().Passages)
	qs := append([]string{}, benchQuestions...)
	for i, d := range c.Docs {
		if i >= 5 || len(d.Passages) == 0 {
			break
		}
		qs = append(qs, fmt.Sprintf("What did %s say?", d.Title))
	}
	benchAsk(b, e, qs)
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
