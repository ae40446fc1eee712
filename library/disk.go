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
	"testing/fstest"
)

// tempPrefix starts the name of every temporary file the library writes.
// It is hidden, so the corpus loader never reads a half-written file, and
// Open removes any that a crash left behind.
const tempPrefix = ".treatybot-tmp-"

// trashDir is the corpus sub-folder that keeps removed and replaced files.
const trashDir = ".trash"

// tree is a corpus folder read into memory: slash-separated paths relative
// to the corpus root, hidden files and folders left out. A refresh applies
// its change to a tree and loads that, so the corpus validated is exactly
// the corpus that will be on disk once the change is committed.
type tree map[string][]byte

// fs returns the tree as a file system for corpus.Load. fstest.MapFS is a
// plain in-memory fs.FS from the standard library; it is used here, outside
// tests, because it is exactly the read-only map file system needed.
func (t tree) fs() fs.FS {
	m := make(fstest.MapFS, len(t))
	for p, data := range t {
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

// hidden reports whether a file or folder name is hidden.
func hidden(name string) bool { return strings.HasPrefix(name, ".") }

// readTree reads every non-hidden regular file under dir.
func readTree(dir string) (tree, error) {
	t := tree{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		if hidden(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := os.Stat(p) // follows a symlink to a file
		if err != nil || !info.Mode().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		t[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read corpus folder %s: %w", dir, err)
	}
	return t, nil
}

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
	var b [6]byte
	_, _ = rand.Read(b[:])
	p := filepath.Join(dir, tempPrefix+hex.EncodeToString(b[:])+"-"+base)
	if err := writeFileSync(p, data); err != nil {
		return "", fmt.Errorf("write %s: %w", p, err)
	}
	return p, nil
}

// writeFileAtomic replaces name with data: a reader sees the old file or
// the new one, never a part, even if the process dies.
func writeFileAtomic(name string, data []byte) error {
	dir := filepath.Dir(name)
	tmp, err := writeTemp(dir, filepath.Base(name), data)
	if err != nil {
		return err
	}
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

// removeTempFiles removes temporary files a crash left in the corpus root.
func removeTempFiles(dir string, log *slog.Logger) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			p := filepath.Join(dir, e.Name())
			if err := os.RemoveAll(p); err == nil {
				log.Info("removed a temporary file left by an interrupted refresh", "path", p)
			}
		}
	}
}

// op is one step of committing a refresh to the corpus folder. Paths are
// slash-separated and relative to the corpus root.
type op struct {
	// Kind is "rename" (move From to To, replacing To) or "keep" (put a
	// copy of From at To, leaving From where it is).
	Kind string `json:"op"`
	From string `json:"from"`
	To   string `json:"to"`
}

// journal lists the file operations of one refresh. It is written (atomically)
// after the new corpus validated and its index was built, and removed once
// every operation is done. A start that finds a journal replays it, so a
// refresh that crashed half-way through renaming its files is completed
// rather than left with, say, both the old and the new copy of a document.
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
	if err := os.Remove(journalPath(dataDir)); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// applyOps performs the operations; each one is skipped when it was already
// done, so a journal can be replayed after a crash.
func applyOps(corpusDir string, ops []op) error {
	dirs := map[string]bool{}
	for _, o := range ops {
		from := filepath.Join(corpusDir, filepath.FromSlash(o.From))
		to := filepath.Join(corpusDir, filepath.FromSlash(o.To))
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
		default:
			err = fmt.Errorf("unknown operation %q", o.Kind)
		}
		if err != nil {
			return fmt.Errorf("commit %s -> %s: %w", o.From, o.To, err)
		}
		dirs[filepath.Dir(from)] = true
		dirs[filepath.Dir(to)] = true
	}
	for d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
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
	log.Warn("finished a refresh that was interrupted while renaming its files", "operations", len(j.Ops))
	return os.Remove(journalPath(dataDir))
}

// emptyTrash removes the files kept by the previous refresh.
func emptyTrash(corpusDir string) error {
	if err := os.RemoveAll(filepath.Join(corpusDir, trashDir)); err != nil {
		return fmt.Errorf("empty %s: %w", trashDir, err)
	}
	return nil
}

// trashPath is where a removed corpus file is kept.
func trashPath(p string) string { return path.Join(trashDir, p) }
