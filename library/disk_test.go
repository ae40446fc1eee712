package library

import (
	"os"
	"path/filepath"
	"testing"
)

// TestApplyOpsReplay checks that a commit journal can be replayed after a
// crash at any point and still ends with the new file in place and the old
// one in .trash.
func TestApplyOpsReplay(t *testing.T) {
	ops := []op{
		{Kind: "keep", From: "a.md", To: ".trash/a.md"},
		{Kind: "rename", From: "b.md", To: ".trash/b.md"},
		{Kind: "rename", From: tempPrefix + "1-a.md", To: "a.md"},
	}
	for done := 0; done <= len(ops); done++ {
		dir := t.TempDir()
		write := func(name, content string) {
			t.Helper()
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write("a.md", "old a")
		write("b.md", "old b")
		write(tempPrefix+"1-a.md", "new a")
		// The first run stops after `done` operations (the crash) ...
		if err := applyOps(dir, ops[:done]); err != nil {
			t.Fatalf("done %d: first run: %v", done, err)
		}
		// ... and the replay runs them all.
		if err := applyOps(dir, ops); err != nil {
			t.Fatalf("done %d: replay: %v", done, err)
		}
		want := map[string]string{"a.md": "new a", ".trash/a.md": "old a", ".trash/b.md": "old b"}
		got := snapshotDisk(t, dir)
		gotSlash := map[string]string{}
		for k, v := range got {
			gotSlash[filepath.ToSlash(k)] = v
		}
		if !mapsEqual(gotSlash, want) {
			t.Errorf("crash after %d operations, then replay: files = %v, want %v", done, gotSlash, want)
		}
	}
}
