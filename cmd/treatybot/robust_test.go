package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAskOverlappingNumbersDoesNotPanic: this question once panicked in
// the engine (two number spans overlap in "8 million Swedish kronor"),
// which ended ask and eval.
func TestAskOverlappingNumbersDoesNotPanic(t *testing.T) {
	code, _, errs := run(t, "ask", "--corpus", filepath.Join("..", "..", "answer", "testdata", "fifth"), "What was the vote on the prize?")
	if code != 0 {
		t.Errorf("exit %d, stderr %q; want exit 0", code, errs)
	}
}

// TestAskCorpusGate: ask --corpus goes through the gate: a link to a file
// outside the corpus folder is skipped with a warning, never quoted.
func TestAskCorpusGate(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "passwd")
	must(t, os.WriteFile(secret, []byte("root:x:0:0:root:/root:/bin/bash\n"), 0o644))
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "a.md"), []byte("Talks\n\nThe treaty was signed in Geneva by root delegates.\n"), 0o644))
	must(t, os.Symlink(secret, filepath.Join(dir, "x.md")))
	must(t, os.WriteFile(filepath.Join(dir, "nul.md"), []byte("NUL\n\nroot:x:0:0 was signed.\x00\n"), 0o644))
	code, out, errs := run(t, "ask", "--explain", "--corpus", dir, "What is root:x:0:0:root?")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if strings.Contains(out+errs, "/bin/bash") || strings.Contains(out+errs, "root:x:0:0 was signed") {
		t.Errorf("a file outside the corpus or with binary content was read:\nstdout %s\nstderr %s", out, errs)
	}
	for _, want := range []string{"x.md: skipped", "nul.md:3: skipped"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr %q, want a warning %q", errs, want)
		}
	}
}

// TestCorpusStatusWithMalformedFile: one malformed file placed by hand no
// longer stops corpus status (or the bot's start): it serves the last good
// corpus and names the file and line.
func TestCorpusStatusWithMalformedFile(t *testing.T) {
	data := t.TempDir()
	t.Setenv("DATA_DIR", data)
	if code, _, errs := run(t, "corpus", "status"); code != 0 {
		t.Fatalf("first status: exit %d, stderr %q", code, errs)
	}
	must(t, os.WriteFile(filepath.Join(data, "corpus", "typo.md"), []byte("---\npubished: 2018-11-20\n---\nBody.\n"), 0o644))
	code, out, errs := run(t, "corpus", "status")
	if code != 0 {
		t.Fatalf("status with a malformed file: exit %d, stderr %q", code, errs)
	}
	if !strings.Contains(out, "malformed files: 1") || !strings.Contains(out, "typo.md:2:") {
		t.Errorf("status output %q, want the malformed file named", out)
	}
	if code, _, errs := run(t, "corpus", "remove", "typo"); code != 0 {
		t.Errorf("remove of the malformed file: exit %d, stderr %q", code, errs)
	}
	if code, out, _ := run(t, "corpus", "status"); code != 0 || strings.Contains(out, "malformed") {
		t.Errorf("status after the repair: exit %d, output %q", code, out)
	}
}

func TestMaxDocBytes(t *testing.T) {
	for _, tt := range []struct {
		env  string
		want int64
	}{{"", 1 << 20}, {"5000", 5000}, {"512KiB", 512 << 10}, {"2MiB", 2 << 20}, {"3M", 3 << 20}, {"abc", 0}, {"-1", 0}, {"0", 0}} {
		t.Setenv("MAX_DOC_BYTES", tt.env)
		got, err := maxDocBytes()
		if tt.want == 0 {
			if err == nil || !strings.Contains(err.Error(), "MAX_DOC_BYTES") {
				t.Errorf("MAX_DOC_BYTES=%q: %d, %v; want an error naming the variable", tt.env, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("MAX_DOC_BYTES=%q: %d, %v; want %d", tt.env, got, err, tt.want)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
