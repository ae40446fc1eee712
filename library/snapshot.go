package library

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/treatybot/treatybot/corpus"
)

// engine answers questions from one corpus and index. The real one is the
// answer package's Engine over an index.Index; tests use small fakes.
type engine interface {
	Ask(ctx context.Context, question string) (corpus.Answer, error)
	// Close releases the index. It is called once, when no question is in
	// flight.
	Close() error
}

// snapshot is one complete, validated corpus with its index and engine. It
// never changes; a refresh builds a new one.
type snapshot struct {
	c      *corpus.Corpus
	eng    engine
	dir    string // the index folder, "" in memory
	reused bool   // the on-disk index was reused as it was

	mu     sync.RWMutex // read-held by each question in flight
	closed bool
}

// acquire marks a question in flight. It returns false when the snapshot has
// already been closed.
func (s *snapshot) acquire() bool {
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return false
	}
	return true
}

func (s *snapshot) release() { s.mu.RUnlock() }

// close waits for questions in flight, then closes the engine. It does not
// remove the index folder.
func (s *snapshot) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	return s.eng.Close()
}

// versionDir is the index folder of one corpus version.
func (l *Library) versionDir(version string) string {
	if l.shardDir == "" {
		return ""
	}
	return filepath.Join(l.shardDir, "v-"+short(version))
}

// openSnapshot builds the snapshot served at start: it reuses the index
// folder of this corpus version when it is complete and rebuilds it when it
// is missing or damaged. Index folders of other versions (left by a crash
// or an older corpus) are removed.
func (l *Library) openSnapshot(ctx context.Context, c *corpus.Corpus) (*snapshot, error) {
	dir := l.versionDir(c.Version)
	if dir != "" {
		if err := os.MkdirAll(l.shardDir, 0o755); err != nil {
			return nil, fmt.Errorf("create index folder %s: %w", l.shardDir, err)
		}
		l.removeIndexDirsExcept(dir)
	}
	if l.cfg.Transient {
		return &snapshot{c: c, eng: &lazyEngine{c: c, log: l.log}}, nil
	}
	s, err := l.newSnapshot(ctx, c, dir)
	if err == nil || dir == "" || ctx.Err() != nil {
		return s, err
	}
	// The index package rebuilds a damaged folder itself; this is the last
	// resort for damage it could not repair (say, a folder it may not
	// delete): build in a fresh folder instead of failing to start.
	l.log.Warn("index folder unusable, building a fresh one", "dir", dir, "err", err)
	if rmErr := os.RemoveAll(dir); rmErr != nil {
		dir = dir + ".rebuilt"
		_ = os.RemoveAll(dir)
	}
	return l.newSnapshot(ctx, c, dir)
}

// lazyEngine builds an in-memory engine on the first question. A transient
// process (the CLI) opens the library for status and refreshes, and rarely
// asks anything, so its Open does not pay for an index it will not use.
type lazyEngine struct {
	c    *corpus.Corpus
	log  *slog.Logger
	once sync.Once
	eng  engine
	err  error
}

func (e *lazyEngine) Ask(ctx context.Context, question string) (corpus.Answer, error) {
	e.once.Do(func() { e.eng, _, e.err = buildEngine(ctx, e.c, "", e.log) })
	if e.err != nil {
		return corpus.Answer{}, fmt.Errorf("build index: %w", e.err)
	}
	return e.eng.Ask(ctx, question)
}

// Close runs when no question is in flight, so reading eng is safe.
func (e *lazyEngine) Close() error {
	if e.eng == nil {
		return nil
	}
	return e.eng.Close()
}

// newSnapshot builds the index and engine of c in dir ("" = in memory).
func (l *Library) newSnapshot(ctx context.Context, c *corpus.Corpus, dir string) (*snapshot, error) {
	eng, reused, err := buildEngine(ctx, c, dir, l.log)
	if err != nil {
		if dir != "" {
			return nil, fmt.Errorf("build index in %s: %w", dir, err)
		}
		return nil, fmt.Errorf("build index: %w", err)
	}
	return &snapshot{c: c, eng: eng, dir: dir, reused: reused}, nil
}

// removeIndexDirsExcept removes every entry of the shard folder but keep:
// index folders of other corpus versions, and half-built ones.
func (l *Library) removeIndexDirsExcept(keep string) {
	entries, err := os.ReadDir(l.shardDir)
	if err != nil {
		return
	}
	for _, e := range entries {
		p := filepath.Join(l.shardDir, e.Name())
		if p == keep {
			continue
		}
		if err := os.RemoveAll(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			l.log.Warn("cannot remove old index folder", "dir", p, "err", err)
		}
	}
}

// rebuildDamaged replaces a snapshot whose index turned out to be damaged (a
// search panicked inside bleve) with one whose index is built afresh from
// the same corpus, in the background. The question that found the damage
// has already failed with its error; other questions go on using the old
// index until the new one is in place. One rebuild runs at a time.
func (l *Library) rebuildDamaged(s *snapshot, cause error) {
	if !l.rebuilding.CompareAndSwap(false, true) {
		return
	}
	l.log.Error("index damaged; rebuilding it from the corpus", "dir", s.dir, "err", cause)
	go func() {
		defer l.rebuilding.Store(false)
		if err := l.rebuild(s); err != nil {
			l.log.Error("rebuilding the damaged index failed; still serving the damaged one", "err", err)
		}
	}()
}

// rebuild builds a new index of s's corpus beside s's and swaps it in,
// unless s no longer serves (a refresh replaced it meanwhile).
func (l *Library) rebuild(s *snapshot) error {
	l.refreshMu.Lock()
	defer l.refreshMu.Unlock()
	if l.closed.Load() || l.cur.Load() != s {
		return nil
	}
	hook("rebuild")
	dir := l.versionDir(s.c.Version)
	if dir != "" && dir == s.dir {
		dir += ".b"
	}
	if dir != "" {
		_ = os.RemoveAll(dir)
	}
	next, err := l.newSnapshot(context.Background(), s.c, dir)
	if err != nil {
		if dir != "" {
			_ = os.RemoveAll(dir)
		}
		return err
	}
	l.cur.Store(next)
	if err := s.close(); err != nil {
		l.log.Warn("closing the damaged index failed", "err", err)
	}
	if s.dir != "" && s.dir != next.dir {
		if err := os.RemoveAll(s.dir); err != nil {
			l.log.Warn("cannot remove the damaged index folder", "dir", s.dir, "err", err)
		}
	}
	l.log.Info("index rebuilt after damage", "dir", dir, "passages", s.c.Stats().Passages)
	return nil
}
