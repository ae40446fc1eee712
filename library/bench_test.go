package library

import (
	"context"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/treatybot/treatybot/corpus"
)

// BenchmarkRefresh measures a whole add refresh on a generated corpus of
// about 10,000 passages with an on-disk index: read the folder, load and
// validate it, build the new index and engine, commit, swap.
func BenchmarkRefresh(b *testing.B) {
	dir := b.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	gen := corpus.GenerateCorpus(10000, 1)
	err := fs.WalkDir(gen, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(gen, p)
		if err != nil {
			return err
		}
		target := filepath.Join(corpusDir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	l, err := Open(ctx, Config{DataDir: dir, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	note, err := os.ReadFile(filepath.Join("testdata", "zorbia.md"))
	if err != nil {
		b.Fatal(err)
	}
	passages := l.Status().Passages
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var err error
		if i%2 == 0 {
			_, err = l.Add(ctx, "bench", "zorbia.md", note, false)
		} else {
			_, err = l.Remove(ctx, "bench", noteID)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(passages), "passages")
	b.ReportMetric(float64(passages)*float64(b.N)/b.Elapsed().Seconds(), "passages/s")
}
