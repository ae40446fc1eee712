package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/treatybot/treatybot/corpus"
)

// hook is called at named points of a refresh; tests use it to stop a
// refresh half-way, and the crash test kills a process at each one. Points
// include "written" (new files are in temporary files), "built" (the new
// index is complete, nothing renamed yet), "journaled" (the commit journal
// is on disk, nothing in the corpus folder touched yet), one after each
// operation of the journal, "applied", "journal removed", and one after
// each temporary file written (see writeFileAtomic).
var hook = func(point string) {}

// change is what a refresh does to the corpus folder.
type change struct {
	writes map[string][]byte // corpus path -> new content
	trash  []string          // corpus paths moved to .trash
	keep   []string          // corpus paths copied to .trash before writes replace them
}

func (ch change) empty() bool { return len(ch.writes) == 0 && len(ch.trash) == 0 }

// planFunc decides a refresh's change from the corpus folder as it is: the
// files that passed the gate (t), the paths on disk the gate skipped, the
// corpus loaded from t (base, nil when it does not load) and the corpus
// serving now.
type planFunc func(t corpus.Files, skipped map[string]bool, base, serving *corpus.Corpus) (change, error)

// Reload re-reads corpus/ from disk and serves it. A malformed file leaves
// the serving corpus unchanged and the error (a *corpus.FileError, joined
// when several files are bad) names the file and the line.
func (l *Library) Reload(ctx context.Context, who string) (Report, error) {
	return l.refresh(ctx, "reload", who, nil)
}

// Add validates a new corpus file, builds the corpus with it, and only then
// writes it into corpus/ and serves it. An id (or file name) already in the
// corpus is replaced only when replace is true; the old file goes to
// corpus/.trash/. Errors: ErrBadName, ErrTooLarge, ErrNotText, ErrExists, or
// a *corpus.FileError wrapping corpus.ErrInvalid.
func (l *Library) Add(ctx context.Context, who, filename string, data []byte, replace bool) (Report, error) {
	doc, err := parseUpload(filename, data, l.cfg.MaxDocBytes)
	if err != nil {
		l.log.Info("corpus refresh refused", "action", "add", "who", who, "file", filename, "err", err)
		return Report{Action: "add", Who: who}, err
	}
	plan := func(t corpus.Files, skipped map[string]bool, base, serving *corpus.Corpus) (change, error) {
		ch := change{writes: map[string][]byte{filename: data}}
		var clash []string
		if old := lookup(doc.ID, base, serving); old != nil {
			clash = append(clash, fmt.Sprintf("id %q is used by %s", doc.ID, old.Path))
			if old.Path != filename {
				if _, onDisk := t[old.Path]; onDisk {
					ch.trash = append(ch.trash, old.Path)
				}
			}
		}
		if _, onDisk := t[filename]; onDisk || skipped[filename] {
			clash = append(clash, fmt.Sprintf("file %s exists", filename))
			ch.keep = append(ch.keep, filename)
		}
		if len(clash) > 0 && !replace {
			return change{}, fmt.Errorf("add %s: %s (use replace to replace it): %w", filename, clash[0], ErrExists)
		}
		return ch, nil
	}
	return l.refresh(ctx, "add", who, plan)
}

// Remove moves the file of a document or fact sheet to corpus/.trash/ and
// serves the corpus without it. id is a document's id, or, for a file that
// does not load (malformed, or skipped by the gate), its path in the corpus
// folder with or without the extension, so that a bad file can be removed
// too. It returns ErrNotFound for an unknown id.
func (l *Library) Remove(ctx context.Context, who, id string) (Report, error) {
	plan := func(t corpus.Files, skipped map[string]bool, base, serving *corpus.Corpus) (change, error) {
		if d := lookup(id, base, serving); d != nil {
			if _, ok := t[d.Path]; ok || skipped[d.Path] {
				return change{trash: []string{d.Path}}, nil
			}
			if base != nil {
				return change{}, fmt.Errorf("remove %q: its file %s is no longer in the corpus folder: %w", id, d.Path, ErrNotFound)
			}
		}
		// A file by its path: one that does not load has no id.
		var paths []string
		for p := range t {
			paths = append(paths, p)
		}
		for p := range skipped {
			paths = append(paths, p)
		}
		for _, p := range paths {
			if p == id || strings.TrimSuffix(p, path.Ext(p)) == id {
				if base != nil && !skipped[p] {
					continue // a file that loads is removed by its document's id
				}
				return change{trash: []string{p}}, nil
			}
		}
		return change{}, fmt.Errorf("remove %q: %w", id, ErrNotFound)
	}
	return l.refresh(ctx, "remove", who, plan)
}

// lookup finds id in the corpus on disk, or in the serving corpus when the
// one on disk does not load.
func lookup(id string, base, serving *corpus.Corpus) *corpus.Document {
	if base != nil {
		return base.Doc(id)
	}
	return serving.Doc(id)
}

// refresh serialises refreshes (a mutex in the process, the data flock
// across processes), runs one, and logs it.
func (l *Library) refresh(ctx context.Context, action, who string, plan planFunc) (Report, error) {
	start := time.Now()
	rep := Report{Action: action, Who: who}
	if l.closed.Load() {
		return rep, ErrClosed
	}
	var waited time.Duration
	if !l.refreshMu.TryLock() {
		t0 := time.Now()
		l.refreshMu.Lock()
		waited = max(time.Since(t0), 1)
	}
	defer l.refreshMu.Unlock()
	if l.closed.Load() {
		return rep, ErrClosed
	}
	lk, lockWait, err := lockData(ctx, l.dataDir)
	if err != nil {
		return rep, err
	}
	rep, published, err := l.refreshLocked(ctx, action, who, plan)
	lk.unlock()
	if err != nil && errors.Is(err, corpus.ErrInvalid) && action == "reload" && who != WhoSignal {
		// The folder holds malformed files: the other processes keep
		// serving what they have, but should know, to say so.
		published = true
	}
	rep.Waited = waited + lockWait
	rep.Took = time.Since(start)
	if err != nil {
		// Info, not Warn: the caller reports the error to whoever asked;
		// this line is the audit record that they tried.
		l.log.Info("corpus refresh failed", "action", action, "who", who, "err", err)
		if published {
			l.notifyOthers()
		}
		return rep, err
	}
	l.log.Info("corpus refreshed", "action", action, "who", who,
		"added", rep.Added, "changed", rep.Changed, "removed", rep.Removed,
		"facts_added", rep.FactsAdded, "facts_changed", rep.FactsChanged, "facts_removed", rep.FactsRemoved,
		"passages_before", rep.PassagesBefore, "passages_after", rep.PassagesAfter,
		"version", short(rep.Version), "waited", rep.Waited, "took", rep.Took)
	if published && who != WhoSignal {
		rep.Signalled = l.notifyOthers()
	}
	return rep, nil
}

// notifyOthers signals the other processes of the data folder to reload and
// returns how many it signalled.
func (l *Library) notifyOthers() int {
	pids, err := NotifyOthers(l.dataDir, l.log)
	if err != nil {
		l.log.Warn("cannot signal the other bot processes", "err", err)
	}
	if len(pids) > 0 {
		l.log.Info("signalled the other bot processes to reload", "pids", pids)
	}
	return len(pids)
}

// refreshLocked runs one refresh; the caller holds both locks. published
// reports that the corpus on disk or the serving corpus changed.
func (l *Library) refreshLocked(ctx context.Context, action, who string, plan planFunc) (rep Report, published bool, err error) {
	rep = Report{Action: action, Who: who}
	old := l.cur.Load()
	// Under the lock, a journal or a temporary file can only be left by a
	// process that died: finish the one, remove the other.
	if err := replayJournal(l.dataDir, l.corpusDir, l.log); err != nil {
		return rep, false, err
	}
	removeTempFiles(l.log, l.dataDir, runDir(l.dataDir), l.corpusDir)
	t, err := l.readFolder()
	if err != nil {
		return rep, false, err
	}
	skipped := l.skippedPaths()
	// The folder as it is: its problems are recorded whatever the change.
	base, baseErr := l.loadTree(t, "reload")
	if baseErr != nil {
		base = nil
	}
	var ch change
	from := old.c // what the report compares with
	if plan != nil {
		if ch, err = plan(t, skipped, base, old.c); err != nil {
			return rep, false, err
		}
		if l.cfg.Transient && base != nil {
			// A transient process (the CLI) serves nobody: its report
			// is about the folder, which may have changed since Open.
			from = base
		}
	}
	c := base
	if plan != nil {
		next := make(corpus.Files, len(t))
		for p, data := range t {
			next[p] = data
		}
		for _, p := range ch.trash {
			delete(next, p)
		}
		for p, data := range ch.writes {
			next[p] = data
		}
		c, err = l.loadTree(next, action)
		if err != nil {
			if !l.repairsOnly(base, err) {
				return rep, false, err
			}
			// The change fixes or removes malformed files, and others are
			// still malformed: it is committed, and the last good corpus
			// keeps serving until the folder loads.
			c = nil
		}
		t = next
	} else if baseErr != nil {
		return rep, false, baseErr
	}
	rep.Warnings = l.skippedText()
	if c == nil {
		return l.commitRepair(ctx, action, who, ch, err)
	}
	rebuild := c.Version != old.c.Version
	if !rebuild && ch.empty() {
		l.recordState(action, who, c.Version)
		l.saveLastGood(t, c.Version)
		rep.Version = c.Version
		rep.PassagesBefore, rep.PassagesAfter = from.Stats().Passages, c.Stats().Passages
		return rep, false, nil
	}

	// Stage the new files under hidden temporary names, and the new trash
	// in a hidden staging folder, then build the new snapshot beside the
	// serving one. Until the journal is written, nothing a restart would
	// look at has changed, and a restart removes what was staged.
	temps := map[string]string{}
	stage := ""
	cleanup := func() {
		for _, tmp := range temps {
			_ = os.Remove(tmp)
		}
		if stage != "" {
			_ = os.RemoveAll(filepath.Join(l.corpusDir, stage))
		}
	}
	for p, data := range ch.writes {
		tmp, err := writeTemp(l.corpusDir, filepath.Base(p), data)
		if err != nil {
			cleanup()
			return rep, false, err
		}
		temps[p] = tmp
	}
	if len(ch.trash)+len(ch.keep) > 0 {
		stage = tempName("trash")
		if err := os.Mkdir(filepath.Join(l.corpusDir, stage), 0o755); err != nil {
			cleanup()
			return rep, false, fmt.Errorf("stage the trash: %w", err)
		}
	}
	hook("written")
	next := old
	if rebuild {
		dir := l.versionDir(c.Version)
		if dir != "" && dir == old.dir {
			dir += ".b" // two versions with the same 12-digit prefix
		}
		if dir != "" {
			_ = os.RemoveAll(dir) // a half-built folder from an interrupted refresh
		}
		if next, err = l.newSnapshot(ctx, c, dir); err != nil {
			cleanup()
			if dir != "" {
				_ = os.RemoveAll(dir)
			}
			return rep, false, err
		}
	}
	hook("built")

	// Commit: the journal first, then the files. The previous trash is
	// replaced by this change's only when this change removed or replaced
	// a file, and only by the journal's last operation.
	j := commitJournal(l.corpusDir, ch, temps, stage)
	if len(j.Ops) > 0 {
		if err := commit(l.dataDir, l.corpusDir, j); err != nil {
			// The journal stays; the next start finishes the commit.
			if next != old {
				_ = next.close()
			}
			return rep, false, fmt.Errorf("%w (the next start completes this change)", err)
		}
	}

	l.recordState(action, who, c.Version)
	l.saveLastGood(t, c.Version)
	l.setProblems(nil) // what serves now is the folder as it is
	if next != old {
		l.cur.Store(next)
		if err := old.close(); err != nil {
			l.log.Warn("closing the previous index failed", "err", err)
		}
		if old.dir != "" && old.dir != next.dir {
			if err := os.RemoveAll(old.dir); err != nil {
				l.log.Warn("cannot remove the previous index folder", "dir", old.dir, "err", err)
			}
		}
	}
	rep = diffCorpora(from, c, rep)
	rep.Version = c.Version
	return rep, true, nil
}

// repairsOnly reports whether a change leaves the corpus folder, which
// did not load before it (base nil), with some but not all of its malformed
// files fixed and no new problem: the error err of the folder after the
// change names only problems the folder had before, and fewer of them.
func (l *Library) repairsOnly(base *corpus.Corpus, err error) bool {
	if base != nil || !errors.Is(err, corpus.ErrInvalid) {
		return false
	}
	before := l.problemsNow()
	after := fileErrors(err)
	if len(after) == 0 || len(after) >= len(before) {
		return false
	}
	for _, p := range after {
		if !slices.Contains(before, p) {
			return false
		}
	}
	return true
}

// commitRepair commits a change that repairs part of a malformed corpus
// folder (see repairsOnly): the files change, the serving corpus does not.
// loadErr names the problems left.
func (l *Library) commitRepair(ctx context.Context, action, who string, ch change, loadErr error) (Report, bool, error) {
	rep := Report{Action: action, Who: who, Version: l.cur.Load().c.Version, Warnings: l.skippedText()}
	temps := map[string]string{}
	for p, data := range ch.writes {
		tmp, err := writeTemp(l.corpusDir, filepath.Base(p), data)
		if err != nil {
			for _, t := range temps {
				_ = os.Remove(t)
			}
			return rep, false, err
		}
		temps[p] = tmp
	}
	stage := ""
	if len(ch.trash)+len(ch.keep) > 0 {
		stage = tempName("trash")
		if err := os.Mkdir(filepath.Join(l.corpusDir, stage), 0o755); err != nil {
			return rep, false, fmt.Errorf("stage the trash: %w", err)
		}
	}
	hook("written")
	if err := commit(l.dataDir, l.corpusDir, commitJournal(l.corpusDir, ch, temps, stage)); err != nil {
		return rep, false, fmt.Errorf("%w (the next start completes this change)", err)
	}
	problems := fileErrors(loadErr)
	l.stateMu.Lock()
	l.problems = problems
	l.stateMu.Unlock()
	for _, p := range problems {
		rep.Warnings = append(rep.Warnings, "still malformed, so the last good corpus keeps serving: "+p)
	}
	l.log.Warn("corpus change committed; other files are still malformed", "action", action, "who", who, "problems", problems)
	return rep, true, nil
}

// commitJournal lists a change's operations: keep and trash into the
// staging folder of the new trash, the temporary files into place, and the
// staging folder in place of .trash.
func commitJournal(corpusDir string, ch change, temps map[string]string, stage string) journal {
	var j journal
	for _, p := range ch.keep {
		j.Ops = append(j.Ops, op{Kind: "keep", From: p, To: trashPath(stage, p)})
	}
	for _, p := range ch.trash {
		j.Ops = append(j.Ops, op{Kind: "rename", From: p, To: trashPath(stage, p)})
	}
	for p, tmp := range temps {
		rel, _ := filepath.Rel(corpusDir, tmp)
		j.Ops = append(j.Ops, op{Kind: "rename", From: filepath.ToSlash(rel), To: p})
	}
	if stage != "" {
		j.Ops = append(j.Ops, op{Kind: "swap", From: stage, To: trashDir, Aside: tempName("old-trash")})
	}
	return j
}

// skippedPaths returns the paths of the files the gate skipped in the last
// read of the corpus folder.
func (l *Library) skippedPaths() map[string]bool {
	l.stateMu.Lock()
	defer l.stateMu.Unlock()
	m := map[string]bool{}
	for _, w := range l.skipped {
		m[w.Path] = true
	}
	return m
}

// recordState saves who changed the corpus, unless state.json already
// describes this version: then another process (the CLI) made the change
// and this process is catching up.
func (l *Library) recordState(action, who, version string) {
	s := readState(l.dataDir)
	if s.Version != version {
		s = state{RefreshedAt: time.Now().UTC().Truncate(time.Second), RefreshedBy: who, Action: action, Version: version}
		if err := writeState(l.dataDir, s); err != nil {
			l.log.Warn("cannot save the refresh state", "err", err)
		}
	}
	l.stateMu.Lock()
	l.state = s
	l.stateMu.Unlock()
}
