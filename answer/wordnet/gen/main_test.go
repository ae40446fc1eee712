package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wordNetDir is where Debian's wordnet-base puts the database.
const wordNetDir = "/usr/share/wordnet"

// The committed table is what the generator writes from the database, and
// writing it twice gives the same bytes.
func TestBuildIsDeterministicAndCommitted(t *testing.T) {
	if _, err := os.Stat(filepath.Join(wordNetDir, "index.verb")); err != nil {
		t.Skipf("no WordNet database (apt-get install wordnet-base): %v", err)
	}
	if testing.Short() {
		t.Skip("reads the whole database twice")
	}
	first, err := Build(wordNetDir, 3)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Build(wordNetDir, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatal("two runs on the same database gave different tables")
	}
	for i, want := range Halves(first) {
		name := fmt.Sprintf("../wordnet.bin.%d", i+1)
		committed, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, committed) {
			t.Errorf("answer/wordnet/%s (%d bytes) is not what the generator writes (%d bytes): run go generate ./answer/wordnet/", name[3:], len(committed), len(want))
		}
	}
}

// The test database in testdata/mini holds one case of each selection rule.
func TestBuildSelects(t *testing.T) {
	table, err := Build("testdata/mini", 3)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Build("testdata/mini", 3)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(table, again) {
		t.Error("two runs gave different tables")
	}
	if !bytes.HasPrefix(table, []byte(header)) {
		t.Errorf("table does not start with the header and the copyright notice")
	}
	for _, w := range []string{
		"ratify", "sign", "validate", // verbs, all kept
		"treaty",       // a common noun
		"cat",          // an animal, but tagged
		"geneva",       // a name, but a tagged verb derives from it
		"ratification", // an untagged common noun
		"signed",       // an adjective, without its "(a)" marker
		"ratified",     // an exception whose base is kept
		"scribbler",    // reached from the third sense of "sign"
	} {
		if !bytes.Contains(table, []byte(w)) {
			t.Errorf("table lacks %q", w)
		}
	}
	for _, w := range []string{
		"reagan", // a name nothing reaches
		"dog",    // an untagged animal
		"went",   // an exception whose base ("go") is not in the table
		"(a)",    // adjective marker
		"Scribbler",
	} {
		if bytes.Contains(table, []byte(w)) {
			t.Errorf("table holds %q", w)
		}
	}

	two, err := Build("testdata/mini", 2)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(two, []byte("scribbler")) {
		t.Error("with two senses kept, the third sense of \"sign\" still reaches \"scribbler\"")
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		file, text string
		want       string
	}{
		{"data.verb", "00000010 31 v zz ratify 0 000 | bad word count\n", "data.verb:1: word count \"zz\""},
		{"data.verb", "00000010 31 v 02 ratify 0 000 | too few words\n", "data.verb:1: line ends inside the word list"},
		{"data.verb", "00000010 31 v 01 ratify 0 001 + 00000100 n 0301 | source word 3 of 1\n", "data.verb:1: derivational pointer 0301 links word 3"},
		{"data.noun", "  1 header\n00000100 04 n 01 ratification,x 0 000 | a comma\n", "data.noun:2: word \"ratification,x\""},
		{"index.verb", "sign v 3 1 + 3 2 00000020 00000010\n", "index.verb:1: sign: synset and pointer counts"},
		{"index.verb", "sign v 1 0 1 0 00000999\n", "sign: synset 00000999 not in the data file"},
		{"verb.exc", "ratified\n", "verb.exc:1: an exception needs a form"},
		{"adj.exc", "", "adj.exc: empty file"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		entries, err := os.ReadDir("testdata/mini")
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join("testdata/mini", e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err = Build(dir, 3)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %q: Build error %v, want one with %q", tt.file, tt.text, err, tt.want)
		}
	}
	if _, err := Build("testdata/no-such-dir", 3); err == nil || !strings.Contains(err.Error(), "no-such-dir") {
		t.Errorf("missing database: error %v, want one naming the folder", err)
	}
	if _, err := Build("testdata/mini", 0); err == nil {
		t.Error("Build with 0 senses: no error")
	}
}
