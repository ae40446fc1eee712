package library

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/treatybot/treatybot/corpus"
)

// baseQuestion is answered by the default corpus; every snapshot serves it.
const (
	baseQuestion = "When did Trump announce that the US would pull out of the INF Treaty?"
	baseAnswer   = "October 20"
)

// noteQuestion is answered only by testdata/zorbia.md.
const (
	noteQuestion = "Where was the Zorbian Treaty signed?"
	noteAnswer   = "Quellburg"
	noteID       = "zorbia-2020-03-04"
)

func testLogger(t *testing.T) *slog.Logger {
	t.Helper()
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// openLib opens a library on dataDir and closes it when the test ends.
func openLib(t *testing.T, cfg Config) *Library {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = testLogger(t)
	}
	l, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open(%+v): %v", cfg, err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// askFound asks q and returns whether it was answered from doc (doc "" =
// any) with want in the answer or in the cited snippet. (The snippet counts
// too, and so does the first passage of a reply with no sure answer: these
// tests are about which corpus serves, not about the engine's confidence.)
func askFound(t *testing.T, l *Library, q, want, doc string) bool {
	t.Helper()
	a, err := l.Ask(context.Background(), q)
	if err != nil {
		t.Fatalf("Ask(%q): %v", q, err)
	}
	return answered(a, want, doc)
}

func answered(a corpus.Answer, want, doc string) bool {
	cits := a.Citations
	if !a.Found && len(cits) > 1 {
		cits = cits[:1]
	}
	for _, c := range cits {
		if (doc == "" || c.ID == doc) && (strings.Contains(a.Answer, want) || strings.Contains(c.Snippet, want)) {
			return true
		}
	}
	return false
}

// snapshotDisk lists every file under dir (hidden ones too) with its
// contents, to show that a refused refresh changed nothing.
func snapshotDisk(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[rel] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestOpenSeedsOnceAndReusesIndex(t *testing.T) {
	dir := t.TempDir()
	l := openLib(t, Config{DataDir: dir})
	seeded := snapshotDisk(t, filepath.Join(dir, "corpus"))
	if got, want := sortedKeys(seeded), []string{"inf.facts.yaml", "tass-2018-11-20.md"}; !slices.Equal(got, want) {
		t.Fatalf("seeded corpus files = %v, want %v", got, want)
	}
	if !askFound(t, l, baseQuestion, baseAnswer, "") {
		t.Errorf("Ask(%q) did not answer %q", baseQuestion, baseAnswer)
	}
	pid := filepath.Join(dir, "run", "shard-0.pid")
	if _, err := os.Stat(pid); err != nil {
		t.Errorf("pid file: %v", err)
	}
	st := l.Status()
	if st.Documents != 1 || st.FactSheets != 1 || st.Passages == 0 || st.Version == "" || !st.RefreshedAt.IsZero() {
		t.Errorf("Status() = %+v, want 1 document, 1 fact sheet, passages, a version, never refreshed", st)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(pid); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("pid file after Close: err = %v, want not exist", err)
	}

	// A moderator's edit survives a restart: the folder is not re-seeded.
	if err := os.Remove(filepath.Join(dir, "corpus", "inf.facts.yaml")); err != nil {
		t.Fatal(err)
	}
	l2 := openLib(t, Config{DataDir: dir})
	if got := l2.IDs(); !slices.Equal(got, []string{"tass-2018-11-20"}) {
		t.Errorf("after restart IDs() = %v, want only the article", got)
	}
	if l2.cur.Load().reused {
		t.Errorf("index reused after the corpus changed")
	}
	l2.Close()

	l3 := openLib(t, Config{DataDir: dir})
	if !l3.cur.Load().reused {
		t.Errorf("index rebuilt although the corpus did not change")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "index", "shard-0"))
	if len(entries) != 1 {
		t.Errorf("index/shard-0 holds %d entries, want only the serving version's folder", len(entries))
	}
}

func TestOpenEmptyCorpusFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "corpus"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), Config{DataDir: dir, InMemory: true})
	if !errors.Is(err, ErrNoDocuments) || !strings.Contains(err.Error(), filepath.Join(dir, "corpus")) {
		t.Fatalf("Open on an empty corpus folder: err = %v, want ErrNoDocuments naming the folder", err)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "corpus")); len(entries) != 0 {
		t.Errorf("the empty corpus folder was seeded: %d entries", len(entries))
	}
}

func TestOpenCorpusDirOverrideIsNotSeeded(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(context.Background(), Config{DataDir: dir, CorpusDir: filepath.Join(dir, "mine"), InMemory: true})
	if err == nil || !strings.Contains(err.Error(), "mine") {
		t.Fatalf("Open with a missing CorpusDir: err = %v, want an error naming it", err)
	}
}

func TestAddRefused(t *testing.T) {
	note := readTestdata(t, "zorbia.md")
	tests := []struct {
		name     string
		filename string
		data     []byte
		replace  bool
		want     error
		wantText string // the error also says this (file and line for corpus errors)
	}{
		{"over 1 MiB", "big.md", append([]byte("# Big\n\n"), bytes.Repeat([]byte("word "), MaxFileSize/5+1)...), false, ErrTooLarge, "1 MiB"},
		{"binary", "pic.md", []byte("# Pic\n\nPNG\x00\x01\x02"), false, ErrNotText, "pic.md:3"},
		{"not UTF-8", "latin1.md", []byte("# Caf\xe9\n"), false, ErrNotText, "latin1.md:1"},
		{"parent path", "../../x.md", note, false, ErrBadName, "path separator"},
		{"dot dot", "..x.md", note, false, ErrBadName, `".."`},
		{"hidden", ".env", []byte("TOKEN=x\n"), false, ErrBadName, "hidden"},
		{"sub folder", "a/b.md", note, false, ErrBadName, "path separator"},
		{"backslash", `a\b.md`, note, false, ErrBadName, "path separator"},
		{"wrong extension", "notes.pdf", note, false, ErrBadName, ".yaml"},
		{"space", "my notes.md", note, false, ErrBadName, "' '"},
		{"empty name", "", note, false, ErrBadName, "empty"},
		{"existing id", "tass-copy.md", []byte("---\nid: tass-2018-11-20\n---\nA copy.\n"), false, ErrExists, "tass-2018-11-20"},
		{"existing file name", "tass-2018-11-20.md", note, false, ErrExists, "tass-2018-11-20.md"},
		{"malformed front matter", "typo.md", []byte("---\ntitle: T\npubished: 2020-01-01\n---\nBody.\n"), false, corpus.ErrInvalid, "typo.md:3"},
		{"malformed fact sheet", "bad.yaml", []byte("subject: X\nfacts:\n  - text: A fact.\n    date: 2019-02-30\n    source: S\n"), false, corpus.ErrInvalid, "bad.yaml:4"},
		{"duplicate id of a fact sheet, replace but bad", "inf2.yaml", []byte("id: inf.facts\nsubject: INF\nfacts: []\n"), true, corpus.ErrInvalid, "inf2.yaml:"},
	}
	dir := t.TempDir()
	l := openLib(t, Config{DataDir: dir})
	before := snapshotDisk(t, filepath.Join(dir, "corpus"))
	version := l.Status().Version
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := l.Add(context.Background(), "tester", tt.filename, tt.data, tt.replace)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Add: err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("Add: err = %q, want it to say %q", err, tt.wantText)
			}
			if _, cerr := l.Check(tt.filename, tt.data); tt.want != ErrExists && !errors.Is(cerr, tt.want) {
				t.Errorf("Check: err = %v, want %v", cerr, tt.want)
			}
			if after := snapshotDisk(t, filepath.Join(dir, "corpus")); !mapsEqual(before, after) {
				t.Errorf("corpus folder changed: before %v, after %v", sortedKeys(before), sortedKeys(after))
			}
			if got := l.Status().Version; got != version {
				t.Errorf("serving version = %s, want %s unchanged", short(got), short(version))
			}
		})
	}
	if !askFound(t, l, baseQuestion, baseAnswer, "") {
		t.Errorf("after refused adds, Ask(%q) no longer answers", baseQuestion)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestAddAnswersAndSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	l := openLib(t, Config{DataDir: dir})
	if askFound(t, l, noteQuestion, noteAnswer, noteID) {
		t.Fatalf("answered %q before the note was added", noteQuestion)
	}
	before := l.Status()
	rep, err := l.Add(context.Background(), "mod#1", "zorbia.md", readTestdata(t, "zorbia.md"), false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Added, []string{noteID}) || len(rep.Changed)+len(rep.Removed) != 0 {
		t.Errorf("report added %v changed %v removed %v, want added [%s] only", rep.Added, rep.Changed, rep.Removed, noteID)
	}
	if rep.PassagesBefore != before.Passages || rep.PassagesAfter <= rep.PassagesBefore {
		t.Errorf("report passages %d -> %d, want %d -> more", rep.PassagesBefore, rep.PassagesAfter, before.Passages)
	}
	if rep.Waited != 0 || rep.Took <= 0 || rep.Version == before.Version || rep.Who != "mod#1" || rep.Action != "add" {
		t.Errorf("report = %+v, want no wait, a duration, a new version, who mod#1, action add", rep)
	}
	if !askFound(t, l, noteQuestion, noteAnswer, noteID) {
		t.Errorf("Ask(%q) after add did not answer %q from %s", noteQuestion, noteAnswer, noteID)
	}
	st := l.Status()
	if st.RefreshedBy != "mod#1" || st.RefreshedAt.IsZero() || st.Version != rep.Version {
		t.Errorf("Status() = %+v, want refreshed by mod#1 at version %s", st, short(rep.Version))
	}
	if _, err := os.Stat(filepath.Join(dir, "corpus", "zorbia.md")); err != nil {
		t.Errorf("the added file is not in corpus/: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "index", "shard-0")); len(entries) != 1 || entries[0].Name() != "v-"+short(rep.Version) {
		t.Errorf("index/shard-0 = %v, want only v-%s", entries, short(rep.Version))
	}
	l.Close()

	l2 := openLib(t, Config{DataDir: dir})
	if !l2.cur.Load().reused {
		t.Errorf("after restart the index was rebuilt, want the refreshed one reused")
	}
	if !askFound(t, l2, noteQuestion, noteAnswer, noteID) {
		t.Errorf("after restart Ask(%q) did not answer from %s", noteQuestion, noteID)
	}
	if st := l2.Status(); st.RefreshedBy != "mod#1" {
		t.Errorf("after restart RefreshedBy = %q, want mod#1 from state.json", st.RefreshedBy)
	}
}

func TestReplaceRemoveAndTrash(t *testing.T) {
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	trash := filepath.Join(corpusDir, ".trash")
	l := openLib(t, Config{DataDir: dir, InMemory: true})
	ctx := context.Background()
	note := readTestdata(t, "zorbia.md")
	if _, err := l.Add(ctx, "a", "zorbia.md", note, false); err != nil {
		t.Fatal(err)
	}

	// Replacing under another file name: the old file goes to .trash.
	edited := bytes.ReplaceAll(note, []byte("Quellburg"), []byte("Ostermark"))
	rep, err := l.Add(ctx, "b", "zorbia-v2.md", edited, true)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Changed, []string{noteID}) || len(rep.Added)+len(rep.Removed) != 0 {
		t.Errorf("replace report added %v changed %v removed %v, want changed [%s]", rep.Added, rep.Changed, rep.Removed, noteID)
	}
	if got := snapshotDisk(t, trash); !mapsEqual(got, map[string]string{"zorbia.md": string(note)}) {
		t.Errorf(".trash after replace = %v, want zorbia.md with the old content", sortedKeys(got))
	}
	if a, _ := l.Ask(ctx, noteQuestion); !answered(a, "Ostermark", noteID) {
		t.Logf("answer %+v", a)
		t.Errorf("after replace the new text is not served")
	}

	// Replacing the same file name keeps the old content in .trash too,
	// and the previous refresh's trash is emptied.
	if _, err := l.Add(ctx, "c", "zorbia-v2.md", note, true); err != nil {
		t.Fatal(err)
	}
	if got := snapshotDisk(t, trash); !mapsEqual(got, map[string]string{"zorbia-v2.md": string(edited)}) {
		t.Errorf(".trash after same-name replace = %v, want only zorbia-v2.md (old content)", sortedKeys(got))
	}

	// Remove moves the file to .trash; it is restorable until the next
	// refresh that changes the corpus.
	rep, err = l.Remove(ctx, "d", noteID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Removed, []string{noteID}) {
		t.Errorf("remove report removed %v, want [%s]", rep.Removed, noteID)
	}
	if got := snapshotDisk(t, trash); !mapsEqual(got, map[string]string{"zorbia-v2.md": string(note)}) {
		t.Errorf(".trash after remove = %v, want the removed file", sortedKeys(got))
	}
	if askFound(t, l, noteQuestion, noteAnswer, noteID) {
		t.Errorf("removed document still answers")
	}
	if _, err := l.Remove(ctx, "d", noteID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Remove: err = %v, want ErrNotFound", err)
	}
	// A reload that changes nothing keeps the trash.
	if _, err := l.Reload(ctx, "e"); err != nil {
		t.Fatal(err)
	}
	if got := snapshotDisk(t, trash); len(got) != 1 {
		t.Errorf("no-op reload emptied .trash: %v", sortedKeys(got))
	}
	// Restoring by hand and reloading keeps the trash: only an add or a
	// remove that removes or replaces a file replaces it.
	if err := os.WriteFile(filepath.Join(corpusDir, "restored.md"), note, 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err = l.Reload(ctx, "f")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Added, []string{noteID}) {
		t.Errorf("reload report added %v, want [%s]", rep.Added, noteID)
	}
	if got := snapshotDisk(t, trash); !mapsEqual(got, map[string]string{"zorbia-v2.md": string(note)}) {
		t.Errorf(".trash after a reload = %v, want it kept", sortedKeys(got))
	}
	// The next remove replaces it.
	if _, err := l.Remove(ctx, "g", noteID); err != nil {
		t.Fatal(err)
	}
	if got := snapshotDisk(t, trash); !mapsEqual(got, map[string]string{"restored.md": string(note)}) {
		t.Errorf(".trash after the next remove = %v, want only restored.md", sortedKeys(got))
	}
}

func TestReloadMalformedKeepsServing(t *testing.T) {
	dir := t.TempDir()
	l := openLib(t, Config{DataDir: dir})
	version := l.Status().Version
	bad := "---\ntitle: Broken\npublished: 2019-02-30\n---\nA body.\n"
	if err := os.WriteFile(filepath.Join(dir, "corpus", "broken.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := l.Reload(context.Background(), WhoSignal)
	if !errors.Is(err, corpus.ErrInvalid) {
		t.Fatalf("Reload: err = %v, want corpus.ErrInvalid", err)
	}
	var fe *corpus.FileError
	if !errors.As(err, &fe) || fe.Path != "broken.md" || fe.Line != 3 {
		t.Errorf("Reload: err = %v, want a FileError at broken.md:3", err)
	}
	if !strings.Contains(err.Error(), "broken.md:3") {
		t.Errorf("Reload: err = %q, want it to say broken.md:3", err)
	}
	if got := l.Status().Version; got != version {
		t.Errorf("version after a failed reload = %s, want %s", short(got), short(version))
	}
	if !askFound(t, l, baseQuestion, baseAnswer, "") {
		t.Errorf("after a failed reload Ask(%q) no longer answers", baseQuestion)
	}
}

func TestReloadReportsFactChanges(t *testing.T) {
	dir := t.TempDir()
	l := openLib(t, Config{DataDir: dir, InMemory: true})
	p := filepath.Join(dir, "corpus", "inf.facts.yaml")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	// Change the source of the first fact ("U.S. Department of State" ->
	// another) and append a new fact.
	edited := strings.Replace(string(data), "source: U.S. Department of State", "source: State Department", 1)
	if edited == string(data) {
		t.Fatal("fixture: the default fact sheet has no 'source: U.S. Department of State'")
	}
	edited += "  - text: The treaty had no expiry date.\n    source: Test\n"
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := l.Reload(context.Background(), "op")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Changed, []string{"inf.facts"}) || rep.FactsAdded != 1 || rep.FactsChanged != 1 || rep.FactsRemoved != 0 {
		t.Errorf("report changed %v, facts +%d ~%d -%d; want [inf.facts], +1 ~1 -0",
			rep.Changed, rep.FactsAdded, rep.FactsChanged, rep.FactsRemoved)
	}
	if rep.PassagesAfter != rep.PassagesBefore+1 {
		t.Errorf("passages %d -> %d, want one more", rep.PassagesBefore, rep.PassagesAfter)
	}
}

func TestCheck(t *testing.T) {
	l := openLib(t, Config{DataDir: t.TempDir(), InMemory: true})
	note := readTestdata(t, "zorbia.md")
	r, err := l.Check("zorbia.md", note)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != noteID || r.Kind != corpus.Article || r.Passages < 2 || r.DatedEvents < 1 || r.Exists {
		t.Errorf("Check = %+v, want id %s, an article, passages, a dated event, not existing", r, noteID)
	}
	r, err = l.Check("inf.facts.yaml", []byte("subject: INF\nfacts:\n  - text: A fact.\n    date: 1987\n    source: S\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "inf.facts" || r.Kind != corpus.FactSheet || r.Facts != 1 || r.DatedEvents != 1 || !r.Exists {
		t.Errorf("Check = %+v, want inf.facts, a fact sheet, 1 fact, 1 dated, existing", r)
	}
}

func TestCheckName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"a.md", true}, {"A-b_c.2.TXT", true}, {"facts.yaml", true}, {"f.yml", true},
		{"../x.md", false}, {"x/../y.md", false}, {".hidden.md", false}, {"x.md.exe", false},
		{"x", false}, {"x.md\n", false}, {strings.Repeat("a", 126) + ".md", false}, {"é.md", false},
	}
	for _, tt := range tests {
		err := checkName(tt.name)
		if got := err == nil; got != tt.ok {
			t.Errorf("checkName(%q) = %v, want ok %v", tt.name, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrBadName) {
			t.Errorf("checkName(%q) = %v, want ErrBadName", tt.name, err)
		}
	}
}
