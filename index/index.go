// Package index owns full-text retrieval over a corpus's passages. It is the
// only package that imports bleve, and it keeps one rule: text from a user is
// always analysed as words, never parsed as bleve query syntax, so no
// question can change what is searched or make a search fail.
package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/treatybot/treatybot/corpus"
)

// ErrClosed is wrapped by the error of a Search or DocFreq on a closed Index.
var ErrClosed = errors.New("index closed")

// ErrInUse is wrapped by Build's error when the on-disk index folder is
// locked by another process (or another open Index in this process).
var ErrInUse = errors.New("index folder in use")

// DefaultLockTimeout is how long Build waits for the lock of an on-disk index
// before it gives up with ErrInUse.
const DefaultLockTimeout = 2 * time.Second

// batchSize is how many passages go into one bleve batch. Memory grows with
// the batch, and in memory every batch stays its own segment (nothing merges
// them), so a few thousand balances the two.
const batchSize = 4000

// Options configure Build.
type Options struct {
	// Dir is the on-disk index folder; "" keeps the index in memory.
	Dir string
	// Logger receives build and reuse decisions; nil discards them.
	Logger *slog.Logger
	// LockTimeout bounds the wait for an on-disk index held by another
	// process; 0 means DefaultLockTimeout.
	LockTimeout time.Duration
}

// Index is a searchable index of one corpus's passages. Search, Analyze,
// DocFreq and NumPassages are safe for concurrent use.
type Index struct {
	idx      bleve.Index
	c        *corpus.Corpus
	analyzer analysis.Analyzer
	dir      string
	reused   bool
	n        int

	mu       sync.RWMutex // guards closed against DocFreq; bleve guards Search itself
	closed   bool
	closeErr error
}

// Build indexes every passage of c, or, when opts.Dir holds an index of the
// same corpus version and mapping version, reuses it. A damaged on-disk index
// is rebuilt; a locked one is an error wrapping ErrInUse, and a folder that
// holds other files is an error wrapping ErrNotIndex (it is never deleted).
func Build(ctx context.Context, c *corpus.Corpus, opts Options) (*Index, error) {
	if c == nil {
		return nil, errors.New("build index: nil corpus")
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	var (
		idx    bleve.Index
		reused bool
		err    error
	)
	if opts.Dir == "" {
		idx, err = buildMemory(ctx, c)
		if err == nil {
			log.Info("index: built in memory", "passages", c.Stats().Passages)
		}
	} else {
		idx, reused, err = buildDisk(ctx, c, opts, log)
	}
	if err != nil {
		return nil, err
	}
	return newIndex(idx, c, opts.Dir, reused)
}

func newIndex(idx bleve.Index, c *corpus.Corpus, dir string, reused bool) (*Index, error) {
	an := idx.Mapping().AnalyzerNamed(analyzerName)
	if an == nil {
		idx.Close()
		return nil, fmt.Errorf("build index: analyzer %q not registered", analyzerName)
	}
	n, err := idx.DocCount()
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("build index: count passages: %w", err)
	}
	return &Index{idx: idx, c: c, analyzer: an, dir: dir, reused: reused, n: int(n)}, nil
}

// buildMemory indexes c into an in-memory scorch index. (bleve.NewMemOnly
// would give the older upsidedown engine, which lacks some scorch features.)
func buildMemory(ctx context.Context, c *corpus.Corpus) (bleve.Index, error) {
	idx, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("build index in memory: %w", err)
	}
	if err := indexPassages(ctx, c, idx); err != nil {
		idx.Close()
		return nil, fmt.Errorf("build index in memory: %w", err)
	}
	return idx, nil
}

// indexPassages writes every passage of c into idx in batches.
func indexPassages(ctx context.Context, c *corpus.Corpus, idx bleve.Index) error {
	b := idx.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := idx.Batch(b); err != nil {
			return fmt.Errorf("index batch: %w", err)
		}
		b.Reset()
		return nil
	}
	for _, d := range c.Docs {
		for i := range d.Passages {
			p := &d.Passages[i]
			if err := b.Index(p.ID, passageDoc(d, p)); err != nil {
				return fmt.Errorf("index passage %s: %w", p.ID, err)
			}
			if b.Size() >= batchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	return flush()
}

// Reused reports whether Build found an on-disk index of the same corpus and
// mapping version and opened it as it was, without re-indexing.
func (ix *Index) Reused() bool { return ix.reused }

// NumPassages returns how many passages the index holds.
func (ix *Index) NumPassages() int { return ix.n }

// Dir returns the on-disk index folder, or "" for an in-memory index.
func (ix *Index) Dir() string { return ix.dir }

// Close releases the index. It is idempotent; every call returns the first
// call's result. Searches after Close return an error wrapping ErrClosed.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return ix.closeErr
	}
	ix.closed = true
	if err := ix.idx.Close(); err != nil {
		ix.closeErr = fmt.Errorf("close index %s: %w", ix.name(), err)
	}
	return ix.closeErr
}

// name is how errors and logs refer to the index.
func (ix *Index) name() string {
	if ix.dir == "" {
		return "(in memory)"
	}
	return ix.dir
}

// Token is one term of analysed text.
type Token struct {
	Term       string // the analysed form: lowercased, stemmed
	Start, End int    // byte offsets of the source word in the analysed text
}

// Analyze runs the index's English analyzer over text and returns its tokens
// in order, stop words removed, each with its byte range in text.
func (ix *Index) Analyze(text string) []Token {
	return analyze(ix.analyzer, text)
}

func analyze(an analysis.Analyzer, text string) []Token {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	ts := an.Analyze([]byte(text))
	out := make([]Token, 0, len(ts))
	for _, t := range ts {
		out = append(out, Token{Term: string(t.Term), Start: t.Start, End: t.End})
	}
	return out
}

// DocFreq returns how many passages contain term in their text. term must be
// an analysed term, as Analyze returns it. It returns 0 for an unknown term,
// on a closed index, and when reading the index panics (a damaged segment;
// Search reports that one as ErrDamaged).
func (ix *Index) DocFreq(term string) (n int) {
	if term == "" {
		return 0
	}
	defer func() {
		if recover() != nil {
			n = 0
		}
	}()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return 0
	}
	adv, err := ix.idx.Advanced()
	if err != nil {
		return 0
	}
	r, err := adv.Reader()
	if err != nil {
		return 0
	}
	defer r.Close()
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), fieldText, false, false, false)
	if err != nil {
		return 0
	}
	defer tfr.Close()
	return int(tfr.Count())
}
