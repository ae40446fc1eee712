package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestCheckContent(t *testing.T) {
	tests := []struct {
		name string
		data string
		max  int64
		want error // nil = accepted
		line int
	}{
		{"plain text", "Title\n\nBody text.\n", 0, nil, 0},
		{"tabs, CRLF, form feed", "a\tb\r\nc\fd\ve\n", 0, nil, 0},
		{"NUL byte", "line one\nline two\x00\n", 0, ErrNotText, 2},
		{"escape byte", "one\ntwo\nthree \x1b[31m\n", 0, ErrNotText, 3},
		{"at the limit", strings.Repeat("a", 100), 100, nil, 0},
		{"over the limit", strings.Repeat("a", 101), 100, ErrTooLarge, 0},
		{"default limit", strings.Repeat("a", DefaultMaxDocBytes+1), 0, ErrTooLarge, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckContent("a.md", []byte(tt.data), tt.max)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("CheckContent = %v, want nil", err)
				}
				return
			}
			var ge *GateError
			if !errors.Is(err, tt.want) || !errors.As(err, &ge) {
				t.Fatalf("CheckContent = %v, want a *GateError wrapping %v", err, tt.want)
			}
			if ge.Line != tt.line || ge.Path != "a.md" {
				t.Errorf("CheckContent = %s:%d, want a.md:%d", ge.Path, ge.Line, tt.line)
			}
		})
	}
}

// TestReadDirGate places by hand every kind of file the gate keeps out, next
// to good ones: each is skipped with a reason, and the rest loads.
func TestReadDirGate(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "passwd")
	writeFile(t, secret, "root:x:0:0:root:/root:/bin/bash\n")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "good.md"), "Good\n\nThe treaty was signed in 1987.\n")
	writeFile(t, filepath.Join(dir, "sub", "also.txt"), "Also good\n\nIt entered into force in 1988.\n")
	writeFile(t, filepath.Join(dir, "nul.md"), "Title\n\nText\x00more\n")
	writeFile(t, filepath.Join(dir, "big.txt"), "Big\n\n"+strings.Repeat("Words and words. ", 100))
	writeFile(t, filepath.Join(dir, "notes.pdf"), "%PDF")
	symlink(t, secret, filepath.Join(dir, "x.md"))
	symlink(t, filepath.Join(outside, ".."), filepath.Join(dir, "up.md"))
	symlink(t, filepath.Join(dir, "good.md"), filepath.Join(dir, "alias.md"))
	symlink(t, filepath.Join(dir, "missing.md"), filepath.Join(dir, "broken.md"))
	symlink(t, "../../"+filepath.Base(dir)+"/good.md", filepath.Join(dir, "sub", "round.md")) // leaves and comes back: inside
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}

	files, warns, err := ReadDir(dir, Options{MaxDocBytes: 1000})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]error{}
	for _, w := range warns {
		got[w.Path] = w.Err
		if strings.Contains(w.String(), "root:x") || strings.Contains(w.String(), outside) {
			t.Errorf("warning %q shows what is outside the corpus", w)
		}
	}
	want := map[string]error{"x.md": ErrOutside, "up.md": ErrOutside, "nul.md": ErrNotText, "big.txt": ErrTooLarge,
		"broken.md": ErrNotRegular, "pipe.md": ErrNotRegular, "notes.pdf": nil}
	for p, sentinel := range want {
		e, ok := got[p]
		if !ok {
			t.Errorf("%s: no warning, want it skipped (%v)", p, sentinel)
			continue
		}
		if e != sentinel {
			t.Errorf("%s: skipped with %v, want %v", p, e, sentinel)
		}
		if _, read := files[p]; read {
			t.Errorf("%s: read into the corpus, want it skipped", p)
		}
	}
	for _, p := range []string{"good.md", "sub/also.txt", "alias.md", "sub/round.md"} {
		if _, ok := files[p]; !ok {
			t.Errorf("%s: not read, want it in the corpus", p)
		}
	}
	for p, data := range files {
		if strings.Contains(string(data), "root:x") {
			t.Errorf("%s: holds the file outside the corpus", p)
		}
	}
	if len(got) != len(want) {
		t.Errorf("warnings %v, want exactly %d", warns, len(want))
	}

	// The same gate holds for LoadDirWith, which ask --corpus uses; a link
	// that stays inside is a document of its own path.
	c, warns, err := LoadDirWith(dir, Options{MaxDocBytes: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != len(want) {
		t.Errorf("LoadDirWith warnings %v, want %d", warns, len(want))
	}
	for _, id := range []string{"good", "sub/also", "alias", "sub/round"} {
		if c.Doc(id) == nil {
			t.Errorf("LoadDirWith: no document %q", id)
		}
	}
	if len(c.Docs) != 4 {
		t.Errorf("LoadDirWith loaded %d documents, want 4", len(c.Docs))
	}
	for _, d := range c.Docs {
		for _, p := range d.Passages {
			if strings.Contains(p.Text, "root:x") {
				t.Errorf("passage %s quotes the file outside the corpus", p.ID)
			}
		}
	}
}

// TestLoadGatesContent: Load, which reads a file system rather than a
// folder, applies the content checks too.
func TestLoadGatesContent(t *testing.T) {
	fsys := mapFS(map[string]string{"a.md": "A\n\nText.\n", "b.md": "B\n\nText\x00.\n", "c.md": "C\n\n" + strings.Repeat("x", 50)})
	c, warns, err := LoadWith(fsys, Options{MaxDocBytes: 40})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Docs) != 1 || c.Doc("a") == nil {
		t.Errorf("loaded %d documents, want only a", len(c.Docs))
	}
	if len(warns) != 2 || !errors.Is(warns[0].Err, ErrNotText) || warns[0].Line != 3 || !errors.Is(warns[1].Err, ErrTooLarge) {
		t.Errorf("warnings %v, want b.md:3 binary and c.md too large", warns)
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}
