package answer

import (
	"os"
	"path/filepath"
	"testing"
)

// engineForFiles builds an engine over a corpus written to a temporary
// folder: file name -> content.
func engineForFiles(t *testing.T, files map[string]string) *Engine {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return engineForDir(t, dir)
}

// TestExtractionCases asks questions of a small corpus written for them,
// one case for each kind of span the extractors must find.
func TestExtractionCases(t *testing.T) {
	e := engineForFiles(t, map[string]string{
		"senate.md": `---
id: senate
title: Senate approves the Harbor Treaty
source: test desk
published: 2010-12-23
---

WASHINGTON, December 23 - The Senate approved the Harbor Treaty on Wednesday by a vote of 71 to 26.

The bill was approved by the Duma on January 14, and the Federation Council followed a week later.

The treaty was signed by Clinton in 1996 and sent to the Senate the following year.

Republican senators opposed the treaty, arguing that it could not be verified.

The Harbor Treaty rests on three pillars, inspection, reduction and the exchange of data.

Gustavo Alvarez, the Argentine diplomat who chaired the talks, said the text was final.

The harbor's 35-member commission meets every year.
`,
	})
	tests := []struct{ q, want string }{
		{"How many senators voted against the Harbor Treaty?", "26"},
		{"How long after the Duma did the Federation Council approve the bill?", "a week later"},
		{"Why did Republican senators oppose the treaty?", "it could not be verified"},
		{"What are the three pillars of the Harbor Treaty?", "inspection, reduction and the exchange of data"},
		{"What country does Gustavo Alvarez come from?", "Argentine"},
		{"How many members does the harbor commission have?", "35-member"},
	}
	checkAnswers(t, e, tests)
}
