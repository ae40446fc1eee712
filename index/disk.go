package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolt "go.etcd.io/bbolt"

	"github.com/treatybot/treatybot/corpus"
)

// stampFile is written into an on-disk index folder after the index in it is
// complete. Its absence means "never reuse this folder".
const stampFile = "treatybot-stamp.json"

// stamp records what an on-disk index was built from, and a checksum of
// each of its segment files, so that a segment damaged on disk is found
// before bleve reads it (bleve itself does not check: a changed byte inside
// a segment makes its searches panic or go wrong).
type stamp struct {
	Corpus   string            `json:"corpus"`   // corpus.Version
	Mapping  string            `json:"mapping"`  // MappingVersion
	Passages int               `json:"passages"` // how many passages were indexed
	Segments map[string]string `json:"segments"` // store/*.zap file name -> hex SHA-256 of its content
}

// sameBuild reports whether two stamps describe an index of the same corpus
// and mapping; the checksums are checked separately, against the files.
func (s stamp) sameBuild(o stamp) bool {
	return s.Corpus == o.Corpus && s.Mapping == o.Mapping && s.Passages == o.Passages
}

// segmentSums returns the SHA-256 of every segment file (store/*.zap) of the
// index in dir. Segments are written once and never changed in place, so
// their sums stay valid for as long as the index is only read.
func segmentSums(dir string) (map[string]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if err != nil {
		return nil, err
	}
	sums := make(map[string]string, len(files))
	for _, f := range files {
		sum, err := fileSum(f)
		if err != nil {
			return nil, err
		}
		sums[filepath.Base(f)] = sum
	}
	return sums, nil
}

func fileSum(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// verifySegments checks the segment files of dir against the stamp's sums.
func verifySegments(dir string, st stamp) error {
	if st.Segments == nil {
		return errors.New("the stamp has no segment checksums (an index from an older treatybot)")
	}
	for name, want := range st.Segments {
		got, err := fileSum(filepath.Join(dir, "store", name))
		if err != nil {
			return fmt.Errorf("segment %s: %w", name, err)
		}
		if got != want {
			return fmt.Errorf("segment %s: content changed since it was written (checksum %.12s, stamp says %.12s)", name, got, want)
		}
	}
	return nil
}

// testHookBeforeStamp, when set by a test, runs after a fresh on-disk index is
// complete and closed but before its stamp is written; an error aborts Build
// the way a crash at that moment would.
var testHookBeforeStamp func(dir string) error

// buildDisk reuses the index in opts.Dir when its stamp matches c, and
// otherwise builds a fresh one beside it and renames it into place.
func buildDisk(ctx context.Context, c *corpus.Corpus, opts Options, log *slog.Logger) (bleve.Index, bool, error) {
	dir := filepath.Clean(opts.Dir)
	want := stamp{Corpus: c.Version, Mapping: MappingVersion, Passages: c.Stats().Passages}

	got, err := readStamp(dir)
	switch {
	case c.Version == "":
		// Without a version two different corpora would look the same.
		log.Info("index: corpus has no version, building", "dir", dir)
	case errors.Is(err, os.ErrNotExist):
		log.Info("index: no stamp, building", "dir", dir)
	case err != nil:
		log.Warn("index: unreadable stamp, rebuilding", "dir", dir, "err", err)
	case !got.sameBuild(want):
		log.Info("index: stamp differs, rebuilding", "dir", dir,
			"corpus", got.Corpus, "want_corpus", want.Corpus, "mapping", got.Mapping, "want_mapping", want.Mapping)
	default:
		if err := verifySegments(dir, got); err != nil {
			log.Warn("index: damaged, rebuilding", "dir", dir, "err", err)
			break
		}
		idx, err := openDisk(dir, opts)
		if errors.Is(err, ErrInUse) {
			return nil, false, err
		}
		if err == nil {
			n, cerr := idx.DocCount()
			if cerr == nil && int(n) == want.Passages {
				log.Info("index: reused", "dir", dir, "passages", n)
				return idx, true, nil
			}
			idx.Close()
			err = fmt.Errorf("holds %d passages, stamp says %d (count error: %v)", n, want.Passages, cerr)
		}
		log.Warn("index: damaged, rebuilding", "dir", dir, "err", err)
	}

	// The old folder is about to be replaced: make sure it is an index, not
	// a folder of someone's files given by mistake, and that nobody has it
	// open, or its owner would keep writing into the new folder's path.
	if err := checkReplaceable(dir); err != nil {
		return nil, false, err
	}
	if err := checkUnlocked(dir, opts); err != nil {
		return nil, false, err
	}
	if err := buildFresh(ctx, c, dir, want); err != nil {
		return nil, false, err
	}
	idx, err := openDisk(dir, opts)
	if err != nil {
		return nil, false, err
	}
	log.Info("index: built", "dir", dir, "passages", want.Passages)
	return idx, false, nil
}

// readStamp reads dir's stamp: one small file, so checking reuse is cheap.
func readStamp(dir string) (stamp, error) {
	var s stamp
	b, err := os.ReadFile(filepath.Join(dir, stampFile))
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("read stamp %s: %w", dir, err)
	}
	return s, nil
}

// ErrNotIndex is wrapped by Build's error when Options.Dir is a non-empty
// folder that holds no index: Build never deletes files it did not write.
var ErrNotIndex = errors.New("not an index folder")

// checkReplaceable returns an ErrNotIndex error when dir exists, is not
// empty, and has none of the files an index folder has (bleve's meta file or
// store folder, or our stamp). A damaged index keeps at least one of them.
func checkReplaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("index folder %s: %w", dir, err)
	}
	if len(entries) == 0 {
		return nil
	}
	for _, e := range entries {
		switch e.Name() {
		case "index_meta.json", "store", stampFile:
			return nil
		}
	}
	return fmt.Errorf("index folder %s holds other files; choose an empty or new folder: %w", dir, ErrNotIndex)
}

// openDisk opens the bleve index in dir, waiting at most opts.LockTimeout for
// its lock. A panic inside bleve while reading a damaged folder is returned
// as an error, so the caller can rebuild.
func openDisk(dir string, opts Options) (idx bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, fmt.Errorf("open index %s: panic: %v", dir, r)
		}
	}()
	idx, err = bleve.OpenUsing(dir, map[string]any{"bolt_timeout": opts.LockTimeout.String()})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, inUse(dir)
		}
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	return idx, nil
}

func inUse(dir string) error {
	return fmt.Errorf("index folder %s is in use by another process: %w", dir, ErrInUse)
}

// checkUnlocked returns an ErrInUse error when the index in dir is held open.
// bleve keeps its lock on root.bolt inside the store folder; a shared,
// read-only bolt open fails with a timeout exactly when a writer holds it.
// A missing or unreadable file is not a lock, so it is no error here.
func checkUnlocked(dir string, opts Options) (err error) {
	defer func() {
		if recover() != nil { // a damaged file is no lock; the rebuild replaces it
			err = nil
		}
	}()
	path := filepath.Join(dir, "store", "root.bolt")
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.LockTimeout, ReadOnly: true})
	if errors.Is(err, bolt.ErrTimeout) {
		return inUse(dir)
	}
	if err == nil {
		db.Close()
	}
	return nil
}

// buildFresh builds the index of c in a new temporary folder beside dir,
// stamps it, and renames it into place. The old folder is moved aside and
// removed only once the new one is complete, so an interrupted build leaves
// either the old index or none, never an unstamped half.
func buildFresh(ctx context.Context, c *corpus.Corpus, dir string, st stamp) (err error) {
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("build index %s: %w", dir, err)
	}
	removeStale(parent, base)
	work, err := os.MkdirTemp(parent, "."+base+tmpInfix)
	if err != nil {
		return fmt.Errorf("build index %s: %w", dir, err)
	}
	defer func() {
		if rerr := os.RemoveAll(work); rerr != nil && err == nil {
			err = fmt.Errorf("build index %s: remove %s: %w", dir, work, rerr)
		}
	}()

	fresh := filepath.Join(work, "index")
	if err := writeIndex(ctx, c, fresh, work); err != nil {
		return fmt.Errorf("build index %s: %w", dir, err)
	}
	if st.Segments, err = segmentSums(fresh); err != nil {
		return fmt.Errorf("build index %s: %w", dir, err)
	}
	if testHookBeforeStamp != nil {
		if err := testHookBeforeStamp(fresh); err != nil {
			return fmt.Errorf("build index %s: %w", dir, err)
		}
	}
	if err := writeStamp(fresh, st); err != nil {
		return fmt.Errorf("build index %s: %w", dir, err)
	}

	old := filepath.Join(work, "old")
	hadOld := true
	if err := os.Rename(dir, old); errors.Is(err, os.ErrNotExist) {
		hadOld = false
	} else if err != nil {
		return fmt.Errorf("build index %s: move old index aside: %w", dir, err)
	}
	if err := os.Rename(fresh, dir); err != nil {
		if hadOld {
			_ = os.Rename(old, dir) // put the old index back; the error below is the one to report
		}
		return fmt.Errorf("build index %s: move new index into place: %w", dir, err)
	}
	syncDir(parent)
	return nil
}

// syncDir makes a rename in dir durable where the system allows it (not on
// Windows, where opening a folder for sync fails; the rename still stands).
func syncDir(dir string) {
	f, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = f.Sync()
	f.Close()
}

// tmpInfix marks the temporary folders a build makes beside the index:
// ".<index folder name>.tmp-<random>".
const tmpInfix = ".tmp-"

// staleAfter is the age after which a temporary build folder is taken to be
// left by a crashed build. Builds take minutes, so an hour is safe.
const staleAfter = time.Hour

// removeStale deletes the temporary folders that crashed builds of the index
// folder base left in parent; they can hold a whole index each.
func removeStale(parent, base string) {
	matches, _ := filepath.Glob(filepath.Join(parent, "."+base+tmpInfix+"*"))
	for _, m := range matches {
		if fi, err := os.Stat(m); err == nil && fi.IsDir() && time.Since(fi.ModTime()) > staleAfter {
			_ = os.RemoveAll(m) // best effort: a folder that stays is only wasted space
		}
	}
}

// writeIndex builds the index of c at path with bleve's offline builder,
// which writes and merges segments directly instead of running the live
// index's persister and merger: much faster for a one-off bulk build. The
// builder cannot finish an index of no documents (it panics), so an empty
// corpus gets an ordinary, empty index instead.
func writeIndex(ctx context.Context, c *corpus.Corpus, path, scratch string) error {
	if c.Stats().Passages == 0 {
		idx, err := bleve.NewUsing(path, newMapping(), scorch.Name, scorch.Name, nil)
		if err != nil {
			return err
		}
		return idx.Close()
	}
	b, err := bleve.NewBuilder(path, newMapping(), map[string]any{
		"buildPathPrefix": scratch,
		"batchSize":       batchSize,
	})
	if err != nil {
		return err
	}
	// On an error the builder is dropped without Close, which would merge
	// everything written so far: it holds no open files between Index calls,
	// and its scratch folder goes with the caller's temporary folder.
	for _, d := range c.Docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		for i := range d.Passages {
			p := &d.Passages[i]
			if err := b.Index(p.ID, passageDoc(d, p)); err != nil {
				return fmt.Errorf("index passage %s: %w", p.ID, err)
			}
		}
	}
	return b.Close()
}

// writeStamp writes the stamp durably: to a temporary file, synced, then
// renamed, so a reader sees either no stamp or a whole one.
func writeStamp(dir string, st stamp) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, stampFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("write stamp: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("write stamp: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write stamp: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write stamp: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, stampFile)); err != nil {
		return fmt.Errorf("write stamp: %w", err)
	}
	return nil
}
