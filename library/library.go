// Package library owns DATA_DIR: the editable corpus folder, the on-disk
// index of each shard, and the serving snapshot (corpus, index and answer
// engine) that a refresh replaces in one pointer swap.
//
// The rule it keeps: what serves is always a complete, validated snapshot.
// A refresh builds the new corpus and its index beside the one serving and
// publishes files only after they validated; a refresh that fails leaves the
// files on disk and the answers exactly as they were.
//
// Layout of DATA_DIR:
//
//	corpus/              the moderators' corpus (seeded from the embedded default on first start)
//	corpus/.trash/       files removed or replaced by the latest refresh that changed the corpus
//	index/shard-<n>/v-<version>/  the on-disk index of shard n for one corpus version
//	run/shard-<n>.pid    the process serving shard n
//	run/commit.json      a refresh's pending file renames (present only while committing)
//	state.json           when and by whom the corpus was last changed
//	corpus.lock          flock taken by every refresh, in the bot and in the CLI
package library

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/treatybot/treatybot/corpus"
)

// MaxFileSize is the largest corpus file Add and Check accept: 1 MiB.
const MaxFileSize = 1 << 20

// WhoSignal is the Who of a reload made because the process received
// SIGHUP. A reload with this Who does not signal the other processes again:
// whoever sent the signal has already signalled them all.
const WhoSignal = "operator (SIGHUP)"

// Sentinel errors, wrapped with detail; check them with errors.Is.
// Validation errors from the corpus wrap corpus.ErrInvalid and are
// *corpus.FileError, which names the file and the line.
var (
	// ErrTooLarge is returned for a file over MaxFileSize.
	ErrTooLarge = errors.New("file too large")
	// ErrNotText is returned for a file that is not UTF-8 text.
	ErrNotText = errors.New("not a UTF-8 text file")
	// ErrBadName is returned for a file name with path separators, "..",
	// a leading dot, odd characters or an extension other than .md, .txt,
	// .yaml or .yml.
	ErrBadName = errors.New("bad file name")
	// ErrExists is returned by Add when the id (or file name) is already
	// in the corpus and replace was false.
	ErrExists = errors.New("already in the corpus")
	// ErrNotFound is returned by Remove for an id that is not in the corpus.
	ErrNotFound = errors.New("no such document")
	// ErrNoDocuments is returned when the corpus folder holds no documents.
	ErrNoDocuments = errors.New("corpus has no documents")
	// ErrShardBusy is returned by Open when another live process serves the
	// same shard of the same DATA_DIR.
	ErrShardBusy = errors.New("shard is already served by another process")
	// ErrClosed is returned after Close.
	ErrClosed = errors.New("library is closed")
)

// Config says where the data lives and how this process serves it.
type Config struct {
	DataDir   string // holds corpus/, index/, run/ (default "./data", set by cmd)
	CorpusDir string // optional override of DataDir/corpus (then it is not seeded)
	IndexDir  string // optional override of DataDir/index/shard-<n>; "" = derived
	Shard     int    // this process's shard id: its index folder and pid file
	InMemory  bool   // keep the index in memory only
	// Transient marks a short-lived process such as the CLI: the index is
	// kept in memory, no pid file is written, and the process is never
	// signalled by NotifyOthers.
	Transient bool
	Logger    *slog.Logger // nil = discard
}

// Status describes the snapshot serving now.
type Status struct {
	Documents, FactSheets, Facts, Passages int
	Version                                string    // corpus content hash
	RefreshedAt                            time.Time // zero if never refreshed since the data folder was created
	RefreshedBy                            string    // "" if unknown; WhoSignal, "cli", or a moderator's name/id
}

// Report says what one refresh changed.
type Report struct {
	Action                                 string   // "reload", "add", "remove"
	Who                                    string   // who asked for it
	Added, Changed, Removed                []string // document and fact-sheet ids
	FactsAdded, FactsChanged, FactsRemoved int
	PassagesBefore, PassagesAfter          int
	Waited                                 time.Duration // >0 when this refresh waited for another one to finish
	Took                                   time.Duration // from the call to the swap, waiting included
	Version                                string        // the corpus version serving after the refresh
	Warnings                               []string      // non-fatal notes from loading (skipped files)
	Signalled                              int           // other processes of the data folder signalled to reload
}

// Unchanged reports whether the refresh changed nothing.
func (r Report) Unchanged() bool {
	return len(r.Added) == 0 && len(r.Changed) == 0 && len(r.Removed) == 0
}

// CheckReport says what a file would add, without publishing it.
type CheckReport struct {
	ID          string
	Kind        corpus.Kind
	Title       string
	Passages    int
	Facts       int
	DatedEvents int  // facts with a date plus dates mentioned in sentences
	Exists      bool // an existing document has this id (add would need replace)
}

// Library serves one DATA_DIR. All methods are safe for concurrent use.
type Library struct {
	cfg       Config
	log       *slog.Logger
	dataDir   string
	corpusDir string
	shardDir  string // "" when the index is in memory

	cur    atomic.Pointer[snapshot]
	closed atomic.Bool

	refreshMu sync.Mutex // serialises refreshes within this process
	stateMu   sync.Mutex
	state     state
	pidFile   string // "" when none was written
}

// Open opens DATA_DIR, seeding corpus/ from the embedded default corpus on
// first start, and builds (or reuses) the index of the corpus on disk.
// A corpus/ that exists is never overwritten; if it holds no documents,
// Open fails with ErrNoDocuments. A damaged index is rebuilt.
//
// Unless cfg.Transient, Open writes run/shard-<n>.pid, and from then on
// other treatybot processes send this one SIGHUP after changing corpus/.
// A serving process must therefore call signal.Notify for SIGHUP BEFORE
// Open (the default action of SIGHUP ends the process) and answer each
// signal with Reload(ctx, WhoSignal). Open fails with ErrShardBusy when a
// live process already serves the same shard of the data folder.
func Open(ctx context.Context, cfg Config) (*Library, error) {
	if cfg.DataDir == "" {
		cfg.DataDir = "data"
	}
	if cfg.Transient {
		cfg.InMemory = true
	}
	l := &Library{cfg: cfg, log: cfg.Logger, dataDir: cfg.DataDir}
	if l.log == nil {
		l.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	l.corpusDir = cfg.CorpusDir
	if l.corpusDir == "" {
		l.corpusDir = filepath.Join(cfg.DataDir, "corpus")
	}
	if !cfg.InMemory {
		l.shardDir = cfg.IndexDir
		if l.shardDir == "" {
			l.shardDir = filepath.Join(cfg.DataDir, "index", fmt.Sprintf("shard-%d", cfg.Shard))
		}
	}
	for _, d := range []string{cfg.DataDir, filepath.Join(cfg.DataDir, "run")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("open data folder %s: %w", cfg.DataDir, err)
		}
	}

	// The pid file goes first: a change committed after the corpus is
	// loaded below then signals this process, so it is never missed.
	if !cfg.Transient {
		if err := l.writePID(); err != nil {
			return nil, err
		}
	}
	lk, _, err := lockData(ctx, cfg.DataDir)
	if err != nil {
		l.removePID()
		return nil, err
	}
	c, warns, err := l.prepareCorpus()
	lk.unlock()
	if err != nil {
		l.removePID()
		return nil, err
	}
	for _, w := range warns {
		l.log.Warn("corpus file skipped", "path", w.Path, "reason", w.Msg)
	}
	snap, err := l.openSnapshot(ctx, c)
	if err != nil {
		l.removePID()
		return nil, err
	}
	l.cur.Store(snap)
	l.state = readState(cfg.DataDir)
	st := c.Stats()
	l.log.Info("corpus serving", "version", short(c.Version), "documents", st.Documents,
		"fact_sheets", st.FactSheets, "passages", st.Passages, "index_reused", snap.reused, "shard", cfg.Shard)
	return l, nil
}

// prepareCorpus seeds the corpus folder if needed, finishes a commit that a
// crash interrupted, removes leftover temporary files, and loads the corpus.
// The caller holds the data lock.
func (l *Library) prepareCorpus() (*corpus.Corpus, []corpus.Warning, error) {
	if err := replayJournal(l.dataDir, l.corpusDir, l.log); err != nil {
		return nil, nil, err
	}
	if _, err := os.Stat(l.corpusDir); errors.Is(err, os.ErrNotExist) && l.cfg.CorpusDir == "" {
		if err := seedCorpus(l.corpusDir, defaultFS()); err != nil {
			return nil, nil, err
		}
		l.log.Info("corpus folder seeded from the embedded default", "dir", l.corpusDir)
	} else if err != nil {
		return nil, nil, fmt.Errorf("open corpus folder %s: %w", l.corpusDir, err)
	}
	removeTempFiles(l.corpusDir, l.log)
	t, err := readTree(l.corpusDir)
	if err != nil {
		return nil, nil, err
	}
	return l.loadTree(t)
}

// loadTree loads and validates a corpus from files read into memory.
func (l *Library) loadTree(t tree) (*corpus.Corpus, []corpus.Warning, error) {
	c, warns, err := loadFS(t.fs())
	if err != nil {
		return nil, warns, fmt.Errorf("load corpus folder %s: %w", l.corpusDir, err)
	}
	if len(c.Docs) == 0 {
		return nil, warns, fmt.Errorf("corpus folder %s has no documents (add a .md, .txt or .yaml file, or delete the folder to re-seed the default corpus): %w", l.corpusDir, ErrNoDocuments)
	}
	return c, warns, nil
}

// Ask answers a question from the snapshot serving now. A refresh running at
// the same time never makes it fail: it keeps using the snapshot it started
// with, which is closed only after the question is answered.
func (l *Library) Ask(ctx context.Context, question string) (corpus.Answer, error) {
	s, err := l.acquire()
	if err != nil {
		return corpus.Answer{}, err
	}
	defer s.release()
	return s.eng.Ask(ctx, question)
}

// Corpus returns the corpus serving now. It is immutable; a refresh replaces
// it rather than changing it.
func (l *Library) Corpus() *corpus.Corpus {
	return l.cur.Load().c
}

// Status describes the snapshot serving now and the last refresh.
func (l *Library) Status() Status {
	c := l.Corpus()
	st := c.Stats()
	l.stateMu.Lock()
	s := l.state
	l.stateMu.Unlock()
	out := Status{Documents: st.Documents, FactSheets: st.FactSheets, Facts: st.Facts, Passages: st.Passages,
		Version: c.Version, RefreshedAt: s.RefreshedAt}
	out.RefreshedBy = s.RefreshedBy
	return out
}

// IDs returns the ids of the documents and fact sheets serving now, sorted,
// for autocomplete.
func (l *Library) IDs() []string {
	c := l.Corpus()
	ids := make([]string, 0, len(c.Docs))
	for _, d := range c.Docs {
		ids = append(ids, d.ID)
	}
	sort.Strings(ids)
	return ids
}

// Close waits for questions in flight, closes the index and removes the pid
// file. Calling it again returns nil.
func (l *Library) Close() error {
	if l.closed.Swap(true) {
		return nil
	}
	// Wait for a refresh in progress so it does not swap in a snapshot
	// after we closed the current one.
	l.refreshMu.Lock()
	defer l.refreshMu.Unlock()
	err := l.cur.Load().close()
	l.removePID()
	return err
}

func (l *Library) acquire() (*snapshot, error) {
	for {
		if l.closed.Load() {
			return nil, ErrClosed
		}
		s := l.cur.Load()
		if s.acquire() {
			return s, nil
		}
		// s was swapped out and closed between Load and acquire; the
		// pointer already holds its successor.
	}
}

// short is the first 12 hex digits of a version, for folder names and logs.
func short(version string) string {
	if len(version) > 12 {
		return version[:12]
	}
	return version
}

// Summary describes the report in a few lines of plain text, for the
// command line and logs.
func (r Report) Summary() string {
	var b strings.Builder
	list := func(ids []string) string {
		if len(ids) == 0 {
			return ""
		}
		return " (" + strings.Join(ids, ", ") + ")"
	}
	fmt.Fprintf(&b, "%s by %s: %d added%s, %d changed%s, %d removed%s\n", r.Action, r.Who,
		len(r.Added), list(r.Added), len(r.Changed), list(r.Changed), len(r.Removed), list(r.Removed))
	fmt.Fprintf(&b, "facts: %d added, %d changed, %d removed; passages: %d -> %d\n",
		r.FactsAdded, r.FactsChanged, r.FactsRemoved, r.PassagesBefore, r.PassagesAfter)
	fmt.Fprintf(&b, "version %s; took %s", short(r.Version), r.Took.Round(time.Millisecond))
	if r.Waited > 0 {
		fmt.Fprintf(&b, " (waited %s for another refresh)", r.Waited.Round(time.Millisecond))
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(&b, "\nwarning: %s", w)
	}
	return b.String()
}

// ShortVersion is the first 12 hex digits of a corpus version, as shown to
// people and used in index folder names.
func ShortVersion(version string) string { return short(version) }
