package library

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/index"
)

// secretLine stands for /etc/passwd: a file outside the corpus folder that a
// link inside it points to. It must never be read, indexed or quoted.
const secretLine = "root:x:0:0:root:/root:/bin/bash"

// placeBadFiles puts by hand, into corpusDir, one file of each kind the gate
// refuses, and returns their paths relative to the corpus.
func placeBadFiles(t *testing.T, corpusDir string) []string {
	t.Helper()
	secret := filepath.Join(t.TempDir(), "passwd")
	must(t, os.WriteFile(secret, []byte(secretLine+"\nThe Zorbian Treaty was signed in Secretville.\n"), 0o644))
	must(t, os.Symlink(secret, filepath.Join(corpusDir, "x.md")))
	must(t, os.WriteFile(filepath.Join(corpusDir, "nul.md"), []byte("NUL\n\nThe Zorbian Treaty was signed in Nulburg.\x00\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(corpusDir, "big.md"), []byte("Big\n\n"+strings.Repeat("The Zorbian Treaty was signed in Bigtown. ", 1000)), 0o644))
	return []string{"big.md", "nul.md", "x.md"}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestGateOnEveryWayIn places by hand a link out of the corpus, a file with
// a NUL byte and a file over MAX_DOC_BYTES: a reload and a start both skip
// them, say so in Status, and serve the rest.
func TestGateOnEveryWayIn(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{DataDir: dir, MaxDocBytes: 20000}
	l := openLib(t, cfg)
	corpusDir := filepath.Join(dir, "corpus")
	bad := placeBadFiles(t, corpusDir)
	must(t, os.WriteFile(filepath.Join(corpusDir, "zorbia.md"), readTestdata(t, "zorbia.md"), 0o644))

	check := func(when string, l *Library) {
		t.Helper()
		st := l.Status()
		if len(st.Skipped) != len(bad) {
			t.Errorf("%s: Status().Skipped = %q, want the %d bad files", when, st.Skipped, len(bad))
		}
		for i, p := range bad {
			if i < len(st.Skipped) && !strings.HasPrefix(st.Skipped[i], p+":") {
				t.Errorf("%s: skipped[%d] = %q, want %s first", when, i, st.Skipped[i], p)
			}
		}
		for _, s := range st.Skipped {
			if strings.Contains(s, secretLine) {
				t.Errorf("%s: skipped %q quotes the file outside the corpus", when, s)
			}
		}
		a, err := l.Ask(context.Background(), noteQuestion)
		if err != nil {
			t.Fatal(err)
		}
		if !answered(a, noteAnswer, noteID) {
			t.Errorf("%s: Ask(%q) = %q, want %q from the good file", when, noteQuestion, a.Answer, noteAnswer)
		}
		for _, c := range append(a.Citations, a.More...) {
			for _, word := range []string{"root:x", "Secretville", "Nulburg", "Bigtown"} {
				if strings.Contains(c.Snippet, word) {
					t.Errorf("%s: cites %q from a skipped file: %s", when, word, c.Snippet)
				}
			}
		}
		if l.Corpus().Doc("x") != nil || l.Corpus().Doc("nul") != nil || l.Corpus().Doc("big") != nil {
			t.Errorf("%s: a skipped file is in the corpus: %v", when, l.IDs())
		}
	}
	rep, err := l.Reload(context.Background(), "mod")
	if err != nil {
		t.Fatalf("Reload with bad files beside good ones: %v", err)
	}
	if len(rep.Warnings) != len(bad) {
		t.Errorf("Reload report warnings %q, want the %d skipped files", rep.Warnings, len(bad))
	}
	check("after a reload", l)
	l.Close()
	check("after a restart", openLib(t, cfg))
	check("from the command line", openLib(t, Config{DataDir: dir, MaxDocBytes: 20000, Transient: true}))
}

// TestAddRefusesWhatTheGateRefuses: add and check apply the same limit.
func TestAddRefusesWhatTheGateRefuses(t *testing.T) {
	l := openLib(t, Config{DataDir: t.TempDir(), MaxDocBytes: 20000, Transient: true})
	big := []byte("Big\n\n" + strings.Repeat("word ", 4001))
	if _, err := l.Check("big.md", big); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Check(%d bytes, limit 20000): err = %v, want ErrTooLarge", len(big), err)
	}
	if _, err := l.Add(context.Background(), "mod", "big.md", big, false); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Add(%d bytes, limit 20000): err = %v, want ErrTooLarge", len(big), err)
	}
	if _, err := l.Check("esc.md", []byte("Esc\n\nA \x1b[1m word.\n")); !errors.Is(err, ErrNotText) {
		t.Errorf("Check(control byte): err = %v, want ErrNotText", err)
	}
	if got := l.Status().MaxDocBytes; got != 20000 {
		t.Errorf("Status().MaxDocBytes = %d, want 20000", got)
	}
}

// TestMalformedHandEditServesLastGood: one malformed file placed or edited
// by hand no longer stops a start, status, check, remove or add --replace.
func TestMalformedHandEditServesLastGood(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	l := openLib(t, Config{DataDir: dir})
	note := readTestdata(t, "zorbia.md")
	if _, err := l.Add(ctx, "mod", "zorbia.md", note, false); err != nil {
		t.Fatal(err)
	}
	good := l.Status().Version
	l.Close()

	// Two hand edits: a new malformed file, and a typo in an existing one.
	corpusDir := filepath.Join(dir, "corpus")
	must(t, os.WriteFile(filepath.Join(corpusDir, "broken.md"), []byte("---\ntitle: Broken\npublished: 2019-02-30\n---\nA body.\n"), 0o644))
	typo := strings.Replace(string(note), "source: Test Wire", "sorce: Test Wire", 1)
	must(t, os.WriteFile(filepath.Join(corpusDir, "zorbia.md"), []byte(typo), 0o644))

	for _, cfg := range []Config{{DataDir: dir, Transient: true}, {DataDir: dir}} {
		l = openLib(t, cfg)
		st := l.Status()
		if st.Version != good {
			t.Errorf("transient=%v: serving %s, want the last good %s", cfg.Transient, short(st.Version), short(good))
		}
		want := []string{"broken.md:3:", "zorbia.md:4:"}
		if len(st.Problems) != 2 || !strings.HasPrefix(st.Problems[0], want[0]) || !strings.HasPrefix(st.Problems[1], want[1]) {
			t.Errorf("transient=%v: Status().Problems = %q, want %q...", cfg.Transient, st.Problems, want)
		}
		if !askFound(t, l, noteQuestion, noteAnswer, noteID) || !askFound(t, l, baseQuestion, baseAnswer, "") {
			t.Errorf("transient=%v: the last good corpus does not answer", cfg.Transient)
		}
		if _, err := l.Check("zorbia.md", note); err != nil {
			t.Errorf("transient=%v: Check: %v", cfg.Transient, err)
		}
		if cfg.Transient {
			l.Close()
		}
	}

	// A reload still fails and names both, and keeps serving.
	if _, err := l.Reload(ctx, "mod"); !errors.Is(err, corpus.ErrInvalid) || !strings.Contains(err.Error(), "broken.md:3") {
		t.Errorf("Reload: err = %v, want the malformed files named", err)
	}
	// The repair from Discord, one file at a time: replace the edited one
	// with a fixed copy. broken.md is still malformed, so the change is
	// made on disk and the last good corpus keeps serving.
	fixed := strings.Replace(string(note), "Quellburg", "Ostermark", -1)
	rep, err := l.Add(ctx, "mod", "zorbia.md", []byte(fixed), true)
	if err != nil {
		t.Fatalf("Add --replace of the fixed copy while broken.md is malformed: %v", err)
	}
	if st := l.Status(); len(st.Problems) != 1 || !strings.HasPrefix(st.Problems[0], "broken.md:3:") || st.Version != good {
		t.Errorf("after the first repair Status() = problems %q, version %s; want broken.md:3 left and %s serving", st.Problems, short(st.Version), short(good))
	}
	if len(rep.Warnings) == 0 || !strings.Contains(strings.Join(rep.Warnings, "\n"), "broken.md:3") {
		t.Errorf("first repair report warnings %q, want broken.md:3 named", rep.Warnings)
	}
	if data, _ := os.ReadFile(filepath.Join(corpusDir, "zorbia.md")); string(data) != fixed {
		t.Errorf("zorbia.md not replaced by the fixed copy")
	}
	// A change that adds a problem is still refused.
	if _, err := l.Add(ctx, "mod", "other.md", []byte("---\nsorce: x\n---\nBody.\n"), false); !errors.Is(err, corpus.ErrInvalid) {
		t.Errorf("Add of a malformed file: err = %v, want refused", err)
	}
	// Then remove the new malformed file by its name: the folder loads.
	if _, err := l.Remove(ctx, "mod", "broken"); err != nil {
		t.Fatalf("Remove(broken): %v", err)
	}
	if st := l.Status(); len(st.Problems) != 0 || st.Version == good {
		t.Errorf("after the repair Status() = problems %q, version %s; want none and a new version", st.Problems, short(st.Version))
	}
	if !askFound(t, l, noteQuestion, "Ostermark", noteID) {
		t.Errorf("after the repair the fixed copy does not answer")
	}
	// A malformed file can be removed by its path when it has no id.
	must(t, os.WriteFile(filepath.Join(corpusDir, "broken.md"), []byte("---\nbad: key\n---\nA body.\n"), 0o644))
	if _, err := l.Reload(ctx, "mod"); err == nil {
		t.Fatal("Reload of a malformed file: no error")
	}
	if _, err := l.Remove(ctx, "mod", "broken.md"); err != nil {
		t.Fatalf("Remove(broken.md) of the malformed file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(corpusDir, ".trash", "broken.md")); err != nil {
		t.Errorf("removed malformed file not in .trash: %v", err)
	}
	if st := l.Status(); len(st.Problems) != 0 {
		t.Errorf("after removing the malformed file Status().Problems = %q, want none", st.Problems)
	}
}

// TestMalformedWithoutLastGoodRefusesToStart: with no good corpus ever
// served there is nothing to fall back on.
func TestMalformedWithoutLastGoodRefusesToStart(t *testing.T) {
	dir := t.TempDir()
	cdir := filepath.Join(t.TempDir(), "corpus")
	must(t, os.MkdirAll(cdir, 0o755))
	must(t, os.WriteFile(filepath.Join(cdir, "a.md"), []byte("---\npubished: 2020-01-01\n---\nBody.\n"), 0o644))
	_, err := Open(context.Background(), Config{DataDir: dir, CorpusDir: cdir, InMemory: true})
	if !errors.Is(err, corpus.ErrInvalid) || !strings.Contains(err.Error(), "a.md:2") {
		t.Errorf("Open: err = %v, want a.md:2 named", err)
	}
}

// TestRemoveLastDocumentAdvice: the error says what to do instead, not to
// delete the folder.
func TestRemoveLastDocumentAdvice(t *testing.T) {
	dir := t.TempDir()
	cdir := filepath.Join(t.TempDir(), "corpus")
	must(t, os.MkdirAll(cdir, 0o755))
	must(t, os.WriteFile(filepath.Join(cdir, "zorbia.md"), readTestdata(t, "zorbia.md"), 0o644))
	l := openLib(t, Config{DataDir: dir, CorpusDir: cdir, Transient: true})
	_, err := l.Remove(context.Background(), "mod", noteID)
	if !errors.Is(err, ErrNoDocuments) {
		t.Fatalf("Remove(the last document): err = %v, want ErrNoDocuments", err)
	}
	if msg := err.Error(); strings.Contains(msg, "delete the folder") || !strings.Contains(msg, "add another document first") {
		t.Errorf("Remove(the last document): %q, want advice to add another document first", msg)
	}
	// With CORPUS_DIR the folder is never seeded, so deleting it is no
	// advice at start either.
	must(t, os.Remove(filepath.Join(cdir, "zorbia.md")))
	if _, err := Open(context.Background(), Config{DataDir: t.TempDir(), CorpusDir: cdir, Transient: true}); !errors.Is(err, ErrNoDocuments) || strings.Contains(err.Error(), "delete the folder") {
		t.Errorf("Open(an empty CORPUS_DIR): err = %v, want ErrNoDocuments without advice to delete it", err)
	}
}

// TestLeftoverTemporaryFilesRemoved: a crash between writing a temporary
// file and renaming it leaves it in run/, the data folder or the corpus;
// the next start removes every one.
func TestLeftoverTemporaryFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	openLib(t, Config{DataDir: dir, InMemory: true}).Close()
	leftovers := []string{
		filepath.Join(dir, "run", tempPrefix+"0123456789ab-commit.json"),
		filepath.Join(dir, tempPrefix+"0123456789ab-state.json"),
		filepath.Join(dir, tempPrefix+"0123456789ab-last-good.tar"),
		filepath.Join(dir, "run", tempPrefix+"0123456789ab-shard-0.pid"),
		filepath.Join(dir, "corpus", tempPrefix+"0123456789ab-zorbia.md"),
		filepath.Join(dir, "corpus", tempPrefix+"0123456789ab-trash", "zorbia.md"),
	}
	for _, p := range leftovers {
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte("half"), 0o644))
	}
	openLib(t, Config{DataDir: dir, InMemory: true})
	if left := tempLeftovers(t, dir); len(left) > 0 {
		t.Errorf("after a start, temporary files are left: %q", left)
	}
}

// tempLeftovers lists every temporary file or folder under the data folder.
func tempLeftovers(t *testing.T, dir string) []string {
	t.Helper()
	var left []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), tempPrefix) {
			rel, _ := filepath.Rel(dir, p)
			left = append(left, rel)
		}
		return nil
	})
	return left
}

// damagingEngine fails its first questions the way a damaged index does.
type damagingEngine struct {
	engine
	fails int
	panic bool
}

func (e *damagingEngine) Ask(ctx context.Context, q string) (corpus.Answer, error) {
	if e.fails > 0 {
		e.fails--
		if e.panic {
			panic("runtime error: index out of range [5] with length 2")
		}
		return corpus.Answer{}, fmt.Errorf("ask %q: search: %w: panic: index out of range", q, index.ErrDamaged)
	}
	return e.engine.Ask(ctx, q)
}

// TestDamagedIndexFoundBySearchIsRebuilt: a search that finds the index
// damaged fails that one question and makes the library rebuild the index;
// a panic anywhere in answering is an error, not a crash.
func TestDamagedIndexFoundBySearchIsRebuilt(t *testing.T) {
	prev := buildEngine
	t.Cleanup(func() { buildEngine = prev })
	built := 0
	buildEngine = func(ctx context.Context, c *corpus.Corpus, dir string, log *slog.Logger) (engine, bool, error) {
		eng, reused, err := prev(ctx, c, dir, log)
		built++
		if err != nil || built > 1 {
			return eng, reused, err
		}
		return &damagingEngine{engine: eng, fails: 1}, reused, nil
	}
	dir := t.TempDir()
	l := openLib(t, Config{DataDir: dir})
	damaged := l.cur.Load()
	if _, err := l.Ask(context.Background(), baseQuestion); !errors.Is(err, index.ErrDamaged) {
		t.Fatalf("first Ask: err = %v, want ErrDamaged", err)
	}
	// the rebuild swaps the new index in, then removes the damaged folder:
	// wait for both, or a busy machine fails the test between the two
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(damaged.dir); l.cur.Load() != damaged && errors.Is(err, os.ErrNotExist) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if l.cur.Load() == damaged {
		t.Fatal("the damaged index was not replaced")
	}
	if !askFound(t, l, baseQuestion, baseAnswer, "") {
		t.Errorf("after the rebuild Ask(%q) does not answer", baseQuestion)
	}
	if _, err := os.Stat(damaged.dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("damaged index folder %s still there (err %v)", damaged.dir, err)
	}
	if built != 2 {
		t.Errorf("engine built %d times, want 2", built)
	}

	// A panic elsewhere in the engine is an error for that question.
	l.cur.Load().eng = &damagingEngine{engine: l.cur.Load().eng, fails: 1, panic: true}
	if _, err := l.Ask(context.Background(), baseQuestion); err == nil || !strings.Contains(err.Error(), "panic") {
		t.Errorf("Ask that panicked: err = %v, want an error naming the panic", err)
	}
}

// TestCorruptSegmentOnDiskIsRebuilt is the probe's case: random bytes
// written inside a segment file, stamp intact. The next start rebuilds the
// index instead of reusing it, and every question answers.
func TestCorruptSegmentOnDiskIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	l := openLib(t, Config{DataDir: dir})
	vdir := l.cur.Load().dir
	l.Close()
	zaps, _ := filepath.Glob(filepath.Join(vdir, "store", "*.zap"))
	if len(zaps) == 0 {
		t.Fatal("no segment files")
	}
	for _, z := range zaps {
		f, err := os.OpenFile(z, os.O_WRONLY, 0)
		must(t, err)
		st, _ := f.Stat()
		junk := make([]byte, 256)
		for i := range junk {
			junk[i] = byte(i*131 + 7)
		}
		_, err = f.WriteAt(junk, st.Size()/3)
		f.Close()
		must(t, err)
	}
	l2 := openLib(t, Config{DataDir: dir})
	if l2.cur.Load().reused {
		t.Errorf("an index with a damaged segment was reused")
	}
	for _, q := range []string{baseQuestion, "When was the INF Treaty signed?", "Who signed the INF Treaty?", "What is the 9M729?"} {
		if _, err := l2.Ask(context.Background(), q); err != nil {
			t.Errorf("Ask(%q): %v", q, err)
		}
	}
}
