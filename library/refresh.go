package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/treatybot/treatybot/corpus"
)

// hook is called at named points of a refresh; tests use it to stop a
// refresh half-way. Points: "written" (new files are in temporary files),
// "built" (the new index is complete, nothing renamed yet), "journaled"
// (the commit journal is on disk, renames about to start).
var hook = func(point string) {}

// change is what a refresh does to the corpus folder.
type change struct {
	writes map[string][]byte // corpus path -> new content
	trash  []string          // corpus paths moved to .trash
	keep   []string          // corpus paths copied to .trash before writes replace them
}

func (ch change) empty() bool { return len(ch.writes) == 0 && len(ch.trash) == 0 }

// planFunc decides a refresh's change from the corpus folder as it is (t),
// the corpus loaded from it (base, nil when it does not load) and the
// corpus serving now.
type planFunc func(t tree, base, serving *corpus.Corpus) (change, error)

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
	doc, err := parseUpload(filename, data)
	if err != nil {
		l.log.Info("corpus refresh refused", "action", "add", "who", who, "file", filename, "err", err)
		return Report{Action: "add", Who: who}, err
	}
	plan := func(t tree, base, serving *corpus.Corpus) (change, error) {
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
		if _, onDisk := t[filename]; onDisk {
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
// serves the corpus without it. It returns ErrNotFound for an unknown id.
func (l *Library) Remove(ctx context.Context, who, id string) (Report, error) {
	plan := func(t tree, base, serving *corpus.Corpus) (change, error) {
		d := lookup(id, base, serving)
		if d == nil {
			return change{}, fmt.Errorf("remove %q: %w", id, ErrNotFound)
		}
		if _, ok := t[d.Path]; !ok {
			return change{}, fmt.Errorf("remove %q: its file %s is no longer in the corpus folder: %w", id, d.Path, ErrNotFound)
		}
		return change{trash: []string{d.Path}}, nil
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
	rep.Waited = waited + lockWait
	rep.Took = time.Since(start)
	if err != nil {
		// Info, not Warn: the caller reports the error to whoever asked;
		// this line is the audit record that they tried.
		l.log.Info("corpus refresh failed", "action", action, "who", who, "err", err)
		return rep, err
	}
	l.log.Info("corpus refreshed", "action", action, "who", who,
		"added", rep.Added, "changed", rep.Changed, "removed", rep.Removed,
		"facts_added", rep.FactsAdded, "facts_changed", rep.FactsChanged, "facts_removed", rep.FactsRemoved,
		"passages_before", rep.PassagesBefore, "passages_after", rep.PassagesAfter,
		"version", short(rep.Version), "waited", rep.Waited, "took", rep.Took)
	if published && who != WhoSignal {
		if pids, err := NotifyOthers(l.dataDir, l.log); err != nil {
			l.log.Warn("cannot signal the other bot processes", "err", err)
		} else if rep.Signalled = len(pids); len(pids) > 0 {
			l.log.Info("signalled the other bot processes to reload", "pids", pids)
		}
	}
	return rep, nil
}

// refreshLocked runs one refresh; the caller holds both locks. published
// reports that the corpus on disk or the serving corpus changed.
func (l *Library) refreshLocked(ctx context.Context, action, who string, plan planFunc) (rep Report, published bool, err error) {
	rep = Report{Action: action, Who: who}
	old := l.cur.Load()
	t, err := readTree(l.corpusDir)
	if err != nil {
		return rep, false, err
	}
	var ch change
	from := old.c // what the report compares with
	if plan != nil {
		base, _, err := loadFS(t.fs())
		if err != nil {
			base = nil
		}
		if ch, err = plan(t, base, old.c); err != nil {
			return rep, false, err
		}
		if l.cfg.Transient && base != nil {
			// A transient process (the CLI) serves nobody: its report
			// is about the folder, which may have changed since Open.
			from = base
		}
	}
	for _, p := range ch.trash {
		delete(t, p)
	}
	for p, data := range ch.writes {
		t[p] = data
	}
	c, warns, err := l.loadTree(t)
	if err != nil {
		return rep, false, err
	}
	for _, w := range warns {
		rep.Warnings = append(rep.Warnings, w.String())
	}
	rebuild := c.Version != old.c.Version
	if !rebuild && ch.empty() {
		l.recordState(action, who, c.Version)
		rep.Version = c.Version
		rep.PassagesBefore, rep.PassagesAfter = from.Stats().Passages, c.Stats().Passages
		return rep, false, nil
	}

	// Stage the new files under hidden temporary names, then build the new
	// snapshot beside the serving one. Until the commit below, nothing a
	// restart would look at has changed.
	temps := map[string]string{}
	cleanup := func() {
		for _, tmp := range temps {
			_ = os.Remove(tmp)
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

	// Commit: the refresh has succeeded, so the previous refresh's trash is
	// emptied and this one's removed files take its place.
	if err := emptyTrash(l.corpusDir); err != nil {
		l.log.Warn("cannot empty the trash", "err", err)
	}
	var j journal
	for _, p := range ch.keep {
		j.Ops = append(j.Ops, op{Kind: "keep", From: p, To: trashPath(p)})
	}
	for _, p := range ch.trash {
		j.Ops = append(j.Ops, op{Kind: "rename", From: p, To: trashPath(p)})
	}
	for p, tmp := range temps {
		rel, _ := filepath.Rel(l.corpusDir, tmp)
		j.Ops = append(j.Ops, op{Kind: "rename", From: filepath.ToSlash(rel), To: p})
	}
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
