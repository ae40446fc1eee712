package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCorpusCommand(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if err := os.Mkdir(data, 0o755); err != nil {
		t.Fatal(err)
	}
	note := filepath.Join(dir, "zorbia.md")
	if err := os.WriteFile(note, []byte("---\nid: zorbia\ntitle: Zorbia\n---\nThe Zorbian Treaty was signed in Quellburg.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: T\npubished: 2020-01-01\n---\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantOut    string
		wantErr    string
		wantCorpus []string // files in data/corpus afterwards (nil = not checked)
	}{
		{"status seeds a new data folder", []string{"--data", data, "status"}, 0, "documents: 1, fact sheets: 1", "", []string{"inf.facts.yaml", "tass-2018-11-20.md"}},
		{"check names file and line", []string{"check", "--data", data, bad}, 1, "", "bad.md:3:", nil},
		{"check a good file", []string{"check", note, "--data", data}, 0, "id zorbia (article)", "", nil},
		{"add", []string{"--data", data, "add", note}, 0, "1 added (zorbia)", "", []string{"inf.facts.yaml", "tass-2018-11-20.md", "zorbia.md"}},
		{"add again needs --replace", []string{"--data", data, "add", note}, 1, "", "--replace", nil},
		{"add --replace", []string{"--data", data, "add", "--replace", note}, 0, "0 added", "", nil},
		{"add a malformed file", []string{"--data", data, "add", bad}, 1, "", "bad.md:3:", []string{"inf.facts.yaml", "tass-2018-11-20.md", "zorbia.md"}},
		{"remove", []string{"--data", data, "remove", "zorbia"}, 0, "1 removed (zorbia)", "", []string{"inf.facts.yaml", "tass-2018-11-20.md"}},
		{"remove unknown", []string{"--data", data, "remove", "zorbia"}, 1, "", "no such document", nil},
		{"reload", []string{"--data", data, "reload"}, 0, "last changed:", "", nil},
		{"status after changes", []string{"--data", data, "status"}, 0, "by cli", "", nil},
		{"missing data folder", []string{"--data", filepath.Join(dir, "typo"), "status"}, 1, "", "give the bot's data folder", nil},
		{"unknown command", []string{"--data", data, "frobnicate"}, 2, "", "unknown command", nil},
		{"missing argument", []string{"--data", data, "add"}, 2, "", "want 1 argument", nil},
		{"--replace outside add", []string{"--data", data, "remove", "--replace", "x"}, 2, "", "only for add", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := runCorpus(context.Background(), tt.args, &out, &errb)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out.String(), errb.String())
			}
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("stdout = %q, want it to contain %q", out.String(), tt.wantOut)
			}
			if !strings.Contains(errb.String(), tt.wantErr) {
				t.Errorf("stderr = %q, want it to contain %q", errb.String(), tt.wantErr)
			}
			if tt.wantCorpus != nil {
				entries, _ := os.ReadDir(filepath.Join(data, "corpus"))
				var got []string
				for _, e := range entries {
					if !e.IsDir() {
						got = append(got, e.Name())
					}
				}
				if strings.Join(got, ",") != strings.Join(tt.wantCorpus, ",") {
					t.Errorf("corpus files = %v, want %v", got, tt.wantCorpus)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(data, "index")); !os.IsNotExist(err) {
		t.Errorf("the CLI created an on-disk index (err %v); it must only build in memory", err)
	}
}
