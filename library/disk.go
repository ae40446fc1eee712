package library

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// tempPrefix starts the name of every temporary file the library writes.
// It is hidden, so the corpus loader never reads a half-written file, and
// Open removes any that a crash left behind.
const tempPrefix = ".treatybot-tmp-"

// trashDir is the corpus sub-folder that keeps removed and replaced files.
const trashDir = ".trash"

// hidden reports whether a file or folder name is hidden.
func hidden(name string) bool { return strings.HasPrefix(name, ".") }

// seedCorpus copies fsys into a new folder dir. It copies into a hidden
// sibling first and renames that into place, so a crash never leaves a
// half-seeded corpus that a restart would take for the moderators' own.
func seedCorpus(dir string, fsys fs.FS) error {
	tmp := filepath.Join(filepath.Dir(dir), tempPrefix+"seed-"+filepath.Base(dir))
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("seed corpus folder %s: %w", dir, err)
	}
	n := 0
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(tmp, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		n++
		return writeFileSync(target, data)
	})
	if err == nil && n == 0 {
		err = errors.New("the embedded default corpus is empty")
	}
	if err == nil {
		err = os.Rename(tmp, dir)
	}
	if err != nil {
		_ = os.RemoveAll(tmp)
		return fmt.Errorf("seed corpus folder %s: %w", dir, err)
	}
	return syncDir(filepath.Dir(dir))
}

// writeFileSync writes data to a new file and flushes it to disk.
func writeFileSync(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(name)
	}
	return err
}

// writeTemp writes data to a new hidden temporary file in dir, flushed to
// disk, and returns its path.
func writeTemp(dir, base string, data []byte) (string, error) {
	p := filepath.Join(dir, tempName(base))
	if err := writeFileSync(p, data); err != nil {
		return "", fmt.Errorf("write %s: %w", p, err)
	}
	return p, nil
}

// tempName is a new hidden temporary name for base: tempPrefix, random
// hex, base.
func tempName(base string) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return tempPrefix + hex.EncodeToString(b[:]) + "-" + base
}

// writeFileAtomic replaces name with data: a reader sees the old file or
// the new one, never a part, even if the process dies.
func writeFileAtomic(name string, data []byte) error {
	dir := filepath.Dir(name)
	tmp, err := writeTemp(dir, filepath.Base(name), data)
	if err != nil {
		return err
	}
	hook("temporary " + filepath.Base(name) + " written")
	if err := os.Rename(tmp, name); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	return syncDir(dir)
}

// syncDir flushes a folder's entries (renames, new files) to disk.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	return nil
}

// removeTempFiles removes the temporary files and folders a crash left in
// dirs (the data folder, run/ and the corpus root: every place the library
// writes one). The caller holds the data lock, so none belongs to a write
// in progress.
func removeTempFiles(log *slog.Logger, dirs ...string) {
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), tempPrefix) {
				p := filepath.Join(dir, e.Name())
				if err := os.RemoveAll(p); err == nil {
					log.Info("removed a temporary file left by an interrupted write", "path", p)
				}
			}
		}
	}
}

// op is one step of committing a refresh to the corpus folder. Paths are
// slash-separated and relative to the corpus root.
type op struct {
	// Kind is "rename" (move From to To, replacing To), "keep" (put a
	// copy of From at To, leaving From where it is) or "swap" (put the
	// folder From in place of the folder To, which is first moved to Aside
	// and removed at the end).
	Kind  string `json:"op"`
	From  string `json:"from"`
	To    string `json:"to"`
	Aside string `json:"aside,omitempty"`
}

// journal lists the file operations of one refresh. It is written (atomically)
// after the new corpus validated and its index was built, before any file of
// the corpus folder is touched, and removed once every operation is done. A
// start that finds a journal replays it, so a refresh that crashed half-way
// through is completed rather than left with, say, both the old and the new
// copy of a document, or with its trash half made.
//
// A refresh that removes or replaces files builds the new trash in a staging
// folder (created before the journal is written): the old files are kept
// or moved into it, the new files are renamed into place, and the last
// operation swaps the staging folder in as .trash. The previous trash is
// removed only then, so it is never lost by a change that does not happen.
type journal struct {
	Ops []op `json:"ops"`
}

func journalPath(dataDir string) string { return filepath.Join(dataDir, "run", "commit.json") }

// commit writes the journal, applies its operations and removes it.
func commit(dataDir, corpusDir string, j journal) error {
	data, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if err := writeFileAtomic(journalPath(dataDir), data); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	hook("journaled")
	if err := applyOps(corpusDir, j.Ops); err != nil {
		return err
	}
	hook("applied")
	if err := os.Remove(journalPath(dataDir)); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	hook("journal removed")
	return syncDir(runDir(dataDir))
}

// applyOps performs the operations; each one is skipped when it was already
// done, so a journal can be replayed after a crash. A journal whose swap is
// done (its staging folder is gone) is done up to that swap.
func applyOps(corpusDir string, ops []op) error {
	abs := func(p string) string { return filepath.Join(corpusDir, filepath.FromSlash(p)) }
	for _, o := range ops {
		if o.Kind != "swap" {
			continue
		}
		if _, err := os.Lstat(abs(o.From)); errors.Is(err, os.ErrNotExist) {
			// swapped before the crash; only the old trash may be left
			if err := os.RemoveAll(abs(o.Aside)); err != nil {
				return fmt.Errorf("commit: remove %s: %w", o.Aside, err)
			}
			return nil
		}
	}
	dirs := map[string]bool{}
	syncDirs := func() error { // flush the renames so far, before the swap moves their folder
		for d := range dirs {
			if err := syncDir(d); err != nil {
				return err
			}
		}
		clear(dirs)
		return nil
	}
	for _, o := range ops {
		from, to := abs(o.From), abs(o.To)
		if _, err := os.Lstat(from); errors.Is(err, os.ErrNotExist) {
			continue // done before the crash
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return fmt.Errorf("commit %s: %w", o.To, err)
		}
		var err error
		switch o.Kind {
		case "rename":
			err = os.Rename(from, to)
		case "keep":
			if _, statErr := os.Lstat(to); statErr == nil {
				continue // kept before the crash; From may already hold the new content
			}
			err = keepCopy(from, to)
		case "swap":
			if err = syncDirs(); err == nil {
				err = swapDir(from, to, abs(o.Aside))
			}
		default:
			err = fmt.Errorf("unknown operation %q", o.Kind)
		}
		if err != nil {
			return fmt.Errorf("commit %s -> %s: %w", o.From, o.To, err)
		}
		hook(o.Kind + " " + o.To)
		if o.Kind == "swap" {
			dirs[filepath.Dir(to)] = true
			continue
		}
		dirs[filepath.Dir(from)] = true
		dirs[filepath.Dir(to)] = true
	}
	return syncDirs()
}

// swapDir puts folder from in place of folder to: to goes aside, from
// takes its name, and what was aside is removed. Each step is a rename, so
// a crash leaves from, to or aside whole; applyOps finishes the swap.
func swapDir(from, to, aside string) error {
	if _, err := os.Lstat(to); err == nil {
		if err := os.Rename(to, aside); err != nil {
			return err
		}
		hook("old trash set aside")
	}
	if err := os.Rename(from, to); err != nil {
		return err
	}
	hook("new trash in place")
	return os.RemoveAll(aside)
}

// keepCopy puts a copy of from at to: a hard link when the file system
// allows it, otherwise a byte copy.
func keepCopy(from, to string) error {
	if err := os.Link(from, to); err == nil {
		return nil
	}
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	data, err := io.ReadAll(src)
	if err != nil {
		return err
	}
	return writeFileSync(to, data)
}

// replayJournal finishes a commit that a crash interrupted.
func replayJournal(dataDir, corpusDir string, log *slog.Logger) error {
	data, err := os.ReadFile(journalPath(dataDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", journalPath(dataDir), err)
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil {
		// Written atomically, so this is damage from outside; the files
		// themselves are still whole.
		log.Warn("ignoring an unreadable commit journal", "path", journalPath(dataDir), "err", err)
		return os.Remove(journalPath(dataDir))
	}
	if err := applyOps(corpusDir, j.Ops); err != nil {
		return err
	}
	log.Warn("finished a refresh that was interrupted while putting its files in place", "operations", len(j.Ops))
	return os.Remove(journalPath(dataDir))
}

// trashPath is where a removed corpus file is kept, under the staging
// folder stage of a new trash.
func trashPath(stage, p string) string { return path.Join(stage, p) }
