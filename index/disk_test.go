package index

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/treatybot/treatybot/corpus"
)

// findTreaty checks that ix answers a plain search from the fixture corpus.
func findTreaty(t *testing.T, ix *Index) {
	t.Helper()
	hits, err := ix.Search(context.Background(), Query{Should: []Clause{{Text: "entered into force", Phrase: true}}})
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	if len(hits) != 1 || hits[0].PassageID != "inf#2" {
		t.Fatalf("got hits %v, want [inf#2]", ids(hits))
	}
}

// buildClose builds, checks Reused, searches and closes.
func buildClose(t *testing.T, version, dir string, wantReused bool) {
	t.Helper()
	ix, err := Build(context.Background(), fixtureCorpus(t, version), Options{Dir: dir})
	if err != nil {
		t.Fatalf("Build(%s): %v", version, err)
	}
	defer ix.Close()
	if ix.Reused() != wantReused {
		t.Errorf("Build(%s): got Reused()=%v, want %v", version, ix.Reused(), wantReused)
	}
	if ix.NumPassages() != 7 {
		t.Errorf("Build(%s): got %d passages, want 7", version, ix.NumPassages())
	}
	if ix.Dir() != dir {
		t.Errorf("Build(%s): got Dir() %q, want %q", version, ix.Dir(), dir)
	}
	findTreaty(t, ix)
	st, err := readStamp(dir)
	if err != nil || st.Corpus != version || st.Mapping != MappingVersion || st.Passages != 7 {
		t.Errorf("stamp after Build(%s): got %+v (err %v)", version, st, err)
	}
}

// noLeftovers fails when Build left temporary folders beside dir.
func noLeftovers(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != filepath.Base(dir) {
			t.Errorf("left behind %s beside the index", e.Name())
		}
	}
}

func TestReuse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "ix")
	steps := []struct {
		name       string
		version    string
		prepare    func(t *testing.T)
		wantReused bool
	}{
		{name: "first build", version: "v1"},
		{name: "same version reused", version: "v1", wantReused: true},
		{name: "reused again", version: "v1", wantReused: true},
		{name: "corpus changed", version: "v2"},
		{name: "new version reused", version: "v2", wantReused: true},
		{name: "mapping version changed", version: "v2", prepare: func(t *testing.T) {
			if err := writeStamp(dir, stamp{Corpus: "v2", Mapping: "0", Passages: 7}); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "passage count in stamp differs", version: "v2", prepare: func(t *testing.T) {
			if err := writeStamp(dir, stamp{Corpus: "v2", Mapping: MappingVersion, Passages: 8}); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "after rebuild reused", version: "v2", wantReused: true},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if s.prepare != nil {
				s.prepare(t)
			}
			buildClose(t, s.version, dir, s.wantReused)
			noLeftovers(t, dir)
		})
	}
}

func TestDamagedRebuilt(t *testing.T) {
	zapFiles := func(t *testing.T, dir string) []string {
		m, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
		if len(m) == 0 {
			t.Fatal("no segment files to damage")
		}
		return m
	}
	write := func(name, content string) func(*testing.T, string) {
		return func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	remove := func(name string) func(*testing.T, string) {
		return func(t *testing.T, dir string) {
			if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name   string
		damage func(t *testing.T, dir string)
	}{
		{"garbage meta", write("index_meta.json", "{not json")},
		{"meta names unknown index type", write("index_meta.json", `{"storage":"nope","index_type":"nope"}`)},
		{"missing meta", remove("index_meta.json")},
		{"missing root.bolt", remove("store/root.bolt")},
		{"garbage root.bolt", write("store/root.bolt", strings.Repeat("x", 8192))},
		{"missing store", remove("store")},
		{"missing segments", func(t *testing.T, dir string) {
			for _, f := range zapFiles(t, dir) {
				os.Remove(f)
			}
		}},
		{"truncated segments", func(t *testing.T, dir string) {
			for _, f := range zapFiles(t, dir) {
				if err := os.Truncate(f, 10); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"random bytes inside segments, stamp intact", func(t *testing.T, dir string) {
			for _, f := range zapFiles(t, dir) {
				fh, err := os.OpenFile(f, os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				st, _ := fh.Stat()
				junk := make([]byte, 64)
				for i := range junk {
					junk[i] = byte(i*37 + 11)
				}
				_, err = fh.WriteAt(junk, st.Size()/2)
				fh.Close()
				if err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"garbage stamp", write(stampFile, "v1")},
		{"empty stamp", write(stampFile, "")},
		{"missing stamp", remove(stampFile)},
		{"stamp only", func(t *testing.T, dir string) {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name() != stampFile {
					os.RemoveAll(filepath.Join(dir, e.Name()))
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "ix")
			buildClose(t, "v1", dir, false)
			tt.damage(t, dir)
			buildClose(t, "v1", dir, false)
			noLeftovers(t, dir)
			buildClose(t, "v1", dir, true)
		})
	}
}

// TestStampWrittenLast interrupts a rebuild after the new index is complete
// but before its stamp: the new folder has no stamp yet, the old index stays
// in place untouched, and nothing half-built is left behind or reused.
func TestStampWrittenLast(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	buildClose(t, "v1", dir, false)

	crash := errors.New("simulated crash")
	var sawFresh bool
	testHookBeforeStamp = func(fresh string) error {
		sawFresh = true
		if _, err := os.Stat(filepath.Join(fresh, stampFile)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("stamp already present before the hook (stat err %v)", err)
		}
		if _, err := os.Stat(filepath.Join(fresh, "index_meta.json")); err != nil {
			t.Errorf("index not complete before the stamp: %v", err)
		}
		if st, err := readStamp(dir); err != nil || st.Corpus != "v1" {
			t.Errorf("old index replaced before the new one was stamped: stamp %+v, err %v", st, err)
		}
		return crash
	}
	t.Cleanup(func() { testHookBeforeStamp = nil })

	_, err := Build(context.Background(), fixtureCorpus(t, "v2"), Options{Dir: dir})
	if !errors.Is(err, crash) {
		t.Fatalf("Build: got error %v, want the simulated crash", err)
	}
	if !sawFresh {
		t.Fatal("hook never ran")
	}
	noLeftovers(t, dir)
	testHookBeforeStamp = nil
	buildClose(t, "v1", dir, true) // the old index survived
	buildClose(t, "v2", dir, false)
}

func TestBuildCanceled(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	buildClose(t, "v1", dir, false)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, fixtureCorpus(t, "v2"), Options{Dir: dir}); !errors.Is(err, context.Canceled) {
		t.Fatalf("got error %v, want context.Canceled", err)
	}
	noLeftovers(t, dir)
	buildClose(t, "v1", dir, true)
	if _, err := Build(ctx, fixtureCorpus(t, "v1"), Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("in memory: got error %v, want context.Canceled", err)
	}
}

// TestLocked opens the same folder twice in one process: bbolt's file lock
// makes the second open wait, and Build must give up with ErrInUse instead
// of hanging, whether it would reuse or rebuild.
func TestLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	holder := build(t, fixtureCorpus(t, "v1"), Options{Dir: dir})
	for _, version := range []string{"v1", "v2"} {
		t.Run(version, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				ix, err := Build(context.Background(), fixtureCorpus(t, version), Options{Dir: dir, LockTimeout: 100 * time.Millisecond})
				if err == nil {
					ix.Close()
				}
				done <- err
			}()
			select {
			case err := <-done:
				if !errors.Is(err, ErrInUse) {
					t.Fatalf("got error %v, want ErrInUse", err)
				}
				if want := "index folder " + dir + " is in use by another process"; !strings.Contains(err.Error(), want) {
					t.Errorf("got message %q, want it to contain %q", err, want)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("Build on a locked folder hung")
			}
		})
	}
	findTreaty(t, holder) // the holder's index was not touched
	holder.Close()
	buildClose(t, "v1", dir, true)
}

func TestNotIndexFolder(t *testing.T) {
	dir := t.TempDir()
	precious := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(precious, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), fixtureCorpus(t, "v1"), Options{Dir: dir})
	if !errors.Is(err, ErrNotIndex) {
		t.Fatalf("got error %v, want ErrNotIndex", err)
	}
	if b, err := os.ReadFile(precious); err != nil || string(b) != "keep me" {
		t.Fatalf("user file damaged: %q, %v", b, err)
	}
	file := filepath.Join(dir, "notes.txt")
	if _, err := Build(context.Background(), fixtureCorpus(t, "v1"), Options{Dir: file}); err == nil {
		t.Fatal("Build into a file: got no error")
	}
	if b, err := os.ReadFile(file); err != nil || string(b) != "keep me" {
		t.Fatalf("user file damaged: %q, %v", b, err)
	}
	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	buildClose(t, "v1", empty, false)
}

func TestEmptyCorpus(t *testing.T) {
	c, err := corpus.New(nil, "empty")
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range storages {
		t.Run(st.name, func(t *testing.T) {
			dir := st.dir(t)
			for _, wantReused := range []bool{false, dir != ""} {
				ix := build(t, c, Options{Dir: dir})
				if ix.Reused() != wantReused {
					t.Errorf("got Reused()=%v, want %v", ix.Reused(), wantReused)
				}
				hits, err := ix.Search(context.Background(), Query{Should: []Clause{{Text: "treaty"}}})
				if err != nil || len(hits) != 0 || ix.NumPassages() != 0 {
					t.Errorf("got %d hits, %d passages, err %v; want none", len(hits), ix.NumPassages(), err)
				}
				ix.Close()
			}
		})
	}
}

// TestNoVersionNeverReused: a corpus without a version cannot be told apart
// from another one, so its on-disk index is rebuilt every time.
func TestNoVersionNeverReused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	for range 2 {
		ix := build(t, fixtureCorpus(t, ""), Options{Dir: dir})
		if ix.Reused() {
			t.Fatal("got Reused()=true for a corpus without a version")
		}
		findTreaty(t, ix)
		ix.Close()
	}
}

// TestStaleTempRemoved: folders left by a crashed build are removed by the
// next build once they are old; a recent one may belong to a running build.
func TestStaleTempRemoved(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "ix")
	stale := filepath.Join(parent, ".ix"+tmpInfix+"1")
	recent := filepath.Join(parent, ".ix"+tmpInfix+"2")
	other := filepath.Join(parent, ".other"+tmpInfix+"3")
	for _, d := range []string{stale, recent, other} {
		if err := os.MkdirAll(filepath.Join(d, "index"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * staleAfter)
	for _, d := range []string{stale, other} {
		if err := os.Chtimes(d, old, old); err != nil {
			t.Fatal(err)
		}
	}
	buildClose(t, "v1", dir, false)
	for d, want := range map[string]bool{stale: false, recent: true, other: true} {
		if _, err := os.Stat(d); (err == nil) != want {
			t.Errorf("%s: got exists=%v, want %v", filepath.Base(d), err == nil, want)
		}
	}
}

// TestLogsDecision: the logger hears why an index was built or reused.
func TestLogsDecision(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	for _, want := range []string{"index: no stamp, building", "index: reused"} {
		var buf bytes.Buffer
		ix := build(t, fixtureCorpus(t, "v1"), Options{Dir: dir, Logger: slog.New(slog.NewTextHandler(&buf, nil))})
		ix.Close()
		if !strings.Contains(buf.String(), want) || !strings.Contains(buf.String(), dir) {
			t.Errorf("got log %q, want %q naming %s", buf.String(), want, dir)
		}
	}
}
