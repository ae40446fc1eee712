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
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/index"
)

// MaxFileSize is the default size limit of one corpus file: 1 MiB. The
// limit in force is Config.MaxDocBytes, reported by Status.
const MaxFileSize = corpus.DefaultMaxDocBytes

// WhoSignal is the Who of a reload made because the process received
// SIGHUP. A reload with this Who does not signal the other processes again:
// whoever sent the signal has already signalled them all.
const WhoSignal = "operator (SIGHUP)"

// Sentinel errors, wrapped with detail; check them with errors.Is.
// Validation errors from the corpus wrap corpus.ErrInvalid and are
// *corpus.FileError, which names the file and the line.
var (
	// ErrTooLarge is returned for a file over the size limit. It is the
	// corpus gate's sentinel.
	ErrTooLarge = corpus.ErrTooLarge
	// ErrNotText is returned for a file that is binary or not UTF-8 text.
	// It is the corpus gate's sentinel.
	ErrNotText = corpus.ErrNotText
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
	// MaxDocBytes is the size limit of one corpus file, for add and check
	// and for files placed by hand alike; 0 = MaxFileSize (1 MiB).
	MaxDocBytes int64
	Logger      *slog.Logger // nil = discard
}

// Status describes the snapshot serving now.
type Status struct {
	Documents, FactSheets, Facts, Passages int
	Version                                string    // corpus content hash
	RefreshedAt                            time.Time // zero if never refreshed since the data folder was created
	RefreshedBy                            string    // "" if unknown; WhoSignal, "cli", or a moderator's name/id
	// Problems lists the malformed files of the corpus folder, one
	// "file:line: message" each. While there are any, the corpus serving
	// is the last good one, not the folder as it is.
	Problems []string
	// Skipped lists the files of the corpus folder that were left out:
	// refused by the gate (a link out of the folder, binary content, over
	// the size limit) or not corpus files, one "file[:line]: reason" each.
	Skipped []string
	// MaxDocBytes is the size limit of one corpus file.
	MaxDocBytes int64
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
	// Conflicts are the passages, of the file and of the corpus, that would
	// give different dates or numbers for one event once the file is in.
	Conflicts []corpus.Conflict
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
	problems  []string         // Status.Problems, guarded by stateMu
	skipped   []corpus.Warning // Status.Skipped, guarded by stateMu
	pidFile   string           // "" when none was written

	rebuilding atomic.Bool // a rebuild of a damaged index is running
}

// Open opens DATA_DIR, seeding corpus/ from the embedded default corpus on
// first start, and builds (or reuses) the index of the corpus on disk.
// A corpus/ that exists is never overwritten; if it holds no documents,
// Open fails with ErrNoDocuments. A damaged index is rebuilt.
//
// Files the corpus gate refuses are skipped (Status.Skipped). When files of
// corpus/ are malformed, Open serves the last good corpus, the copy of the
// last corpus/ that loaded (DATA_DIR/last-good.tar), and Status.Problems
// names the files and lines; with no last good corpus it fails with the
// errors, each a *corpus.FileError.
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
	if cfg.MaxDocBytes <= 0 {
		cfg.MaxDocBytes = MaxFileSize
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

	// Everything up to the load happens under the data lock: no change
	// can commit in between, and no other process is writing a temporary
	// file that the clean-up below would take for a crash's leftover.
	lk, _, err := lockData(ctx, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	// The pid file goes before the load: a change committed after the lock
	// is released then signals this process, so it is never missed.
	if !cfg.Transient {
		if err := l.writePID(); err != nil {
			lk.unlock()
			return nil, err
		}
	}
	c, err := l.prepareCorpus()
	lk.unlock()
	if err != nil {
		l.removePID()
		return nil, err
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
// crash interrupted, removes leftover temporary files, and loads the corpus,
// or the last good one when the folder holds malformed files. The caller
// holds the data lock.
func (l *Library) prepareCorpus() (*corpus.Corpus, error) {
	if err := replayJournal(l.dataDir, l.corpusDir, l.log); err != nil {
		return nil, err
	}
	if _, err := os.Stat(l.corpusDir); errors.Is(err, os.ErrNotExist) && l.cfg.CorpusDir == "" {
		if err := seedCorpus(l.corpusDir, defaultFS()); err != nil {
			return nil, err
		}
		l.log.Info("corpus folder seeded from the embedded default", "dir", l.corpusDir)
	} else if err != nil {
		return nil, fmt.Errorf("open corpus folder %s: %w", l.corpusDir, err)
	}
	removeTempFiles(l.log, l.dataDir, runDir(l.dataDir), l.corpusDir)
	files, err := l.readFolder()
	if err != nil {
		return nil, err
	}
	c, err := l.loadTree(files, "open")
	if err == nil {
		l.saveLastGood(files, c.Version)
		return c, nil
	}
	if !errors.Is(err, corpus.ErrInvalid) {
		return nil, err
	}
	good, gerr := readLastGood(l.dataDir)
	if gerr != nil {
		if !errors.Is(gerr, os.ErrNotExist) {
			l.log.Warn("cannot read the last good corpus", "err", gerr)
		}
		return nil, err
	}
	lc, lerr := l.loadTree(good, "last good")
	if lerr != nil {
		l.log.Warn("the last good corpus does not load", "err", lerr)
		return nil, err
	}
	l.log.Warn("corpus folder has malformed files; serving the last good corpus", "version", short(lc.Version), "problems", len(l.problemsNow()))
	return lc, nil
}

// readFolder reads the corpus folder through the gate and records the
// files it skipped.
func (l *Library) readFolder() (corpus.Files, error) {
	files, warns, err := corpus.ReadDir(l.corpusDir, l.loadOptions())
	if err != nil {
		return nil, err
	}
	l.stateMu.Lock()
	changed := !slices.EqualFunc(l.skipped, warns, func(a, b corpus.Warning) bool { return a.String() == b.String() })
	l.skipped = warns
	l.stateMu.Unlock()
	if changed {
		for _, w := range warns {
			l.log.Warn("corpus file skipped", "file", w.String())
		}
	}
	return files, nil
}

func (l *Library) loadOptions() corpus.Options {
	return corpus.Options{MaxDocBytes: l.cfg.MaxDocBytes}
}

// loadTree loads and validates a corpus from files read into memory. It
// records the folder's problems when the files are the folder as it is:
// action "open" or "reload". For "remove", an empty result says that the
// last document cannot be removed.
func (l *Library) loadTree(files corpus.Files, action string) (*corpus.Corpus, error) {
	c, _, err := loadFS(files.FS(), l.loadOptions())
	if action == "open" || action == "reload" {
		l.setProblems(err)
	}
	if err != nil {
		return nil, fmt.Errorf("load corpus folder %s: %w", l.corpusDir, err)
	}
	if len(c.Docs) == 0 {
		var advice string
		switch {
		case action == "remove":
			return nil, fmt.Errorf("that would remove the last document, and the corpus may not be empty: add another document first: %w", ErrNoDocuments)
		case l.cfg.CorpusDir == "":
			advice = "add a .md, .txt or .yaml file; or, with the bot stopped, delete the folder to start again from the built-in corpus"
		default:
			advice = "add a .md, .txt or .yaml file"
		}
		return nil, fmt.Errorf("corpus folder %s has no documents (%s): %w", l.corpusDir, advice, ErrNoDocuments)
	}
	return c, nil
}

// setProblems records the malformed files named by a load's error, or
// clears them when the load succeeded, logging each new problem once.
func (l *Library) setProblems(err error) {
	var problems []string
	if errors.Is(err, corpus.ErrInvalid) {
		problems = fileErrors(err)
	}
	l.stateMu.Lock()
	changed := !slices.Equal(l.problems, problems)
	l.problems = problems
	l.stateMu.Unlock()
	if !changed {
		return
	}
	if len(problems) == 0 {
		l.log.Info("corpus folder has no malformed files any more")
	}
	for _, p := range problems {
		l.log.Warn("corpus file malformed; serving the last good corpus", "problem", p)
	}
}

// problemsNow returns the problems recorded now.
func (l *Library) problemsNow() []string {
	l.stateMu.Lock()
	defer l.stateMu.Unlock()
	return l.problems
}

// fileErrors lists the "file:line: message" of every *corpus.FileError in
// err, which may be joined and wrapped.
func fileErrors(err error) []string {
	var out []string
	var walk func(error)
	walk = func(e error) {
		if fe, ok := e.(*corpus.FileError); ok {
			out = append(out, fe.Error())
			return
		}
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				walk(x)
			}
		case interface{ Unwrap() error }:
			if x := u.Unwrap(); x != nil {
				walk(x)
			}
		}
	}
	walk(err)
	return out
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
	ans, err := askSafely(ctx, s.eng, question)
	if errors.Is(err, index.ErrDamaged) {
		l.rebuildDamaged(s, err)
	}
	return ans, err
}

// askSafely asks the engine, turning a panic into an error for this one
// question.
func askSafely(ctx context.Context, eng engine, question string) (ans corpus.Answer, err error) {
	defer func() {
		if r := recover(); r != nil {
			ans, err = corpus.Answer{Question: question}, fmt.Errorf("ask %q: panic: %v", question, r)
		}
	}()
	return eng.Ask(ctx, question)
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
		Version: c.Version, RefreshedAt: s.RefreshedAt, RefreshedBy: s.RefreshedBy, MaxDocBytes: l.cfg.MaxDocBytes}
	l.stateMu.Lock()
	out.Problems = slices.Clone(l.problems)
	l.stateMu.Unlock()
	out.Skipped = l.skippedText()
	return out
}

// skippedText is Status.Skipped.
func (l *Library) skippedText() []string {
	l.stateMu.Lock()
	defer l.stateMu.Unlock()
	var out []string
	for _, w := range l.skipped {
		out = append(out, w.String())
	}
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
