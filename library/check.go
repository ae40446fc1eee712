package library

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/treatybot/treatybot/corpus"
)

// maxNameLen bounds an uploaded file's name.
const maxNameLen = 128

// checkName returns nil when name is a plain corpus file name: no path
// separators, no "..", not hidden, a .md, .txt, .yaml or .yml extension, and
// only letters, digits, '.', '-' and '_'. Names are refused rather than
// silently rewritten, so the moderator knows what the file is called.
func checkName(name string) error {
	bad := func(why string) error { return fmt.Errorf("file name %q %s: %w", name, why, ErrBadName) }
	switch {
	case name == "":
		return bad("is empty")
	case strings.ContainsAny(name, `/\`):
		return bad("contains a path separator")
	case strings.Contains(name, ".."):
		return bad(`contains ".."`)
	case hidden(name):
		return bad("is hidden (starts with a dot)")
	case len(name) > maxNameLen:
		return bad(fmt.Sprintf("is longer than %d bytes", maxNameLen))
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_'
		if !ok {
			return bad(fmt.Sprintf("contains %q (use letters, digits, '.', '-' and '_')", r))
		}
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".txt", ".yaml", ".yml":
	default:
		return bad("does not end in .md, .txt, .yaml or .yml")
	}
	return nil
}

// checkContent refuses files over MaxFileSize and files that are not text.
func checkContent(name string, data []byte) error {
	if len(data) > MaxFileSize {
		return fmt.Errorf("%s is %d bytes, over the limit of %d (1 MiB): %w", name, len(data), MaxFileSize, ErrTooLarge)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("%s:%d: has a NUL byte, so it is a binary file: %w", name, lineAt(data, i), ErrNotText)
	}
	if !utf8.Valid(data) {
		return fmt.Errorf("%s:%d: is not UTF-8 text (save it as UTF-8): %w", name, corpus.FirstInvalidLine(data), ErrNotText)
	}
	return nil
}

// lineAt is the 1-based line of byte offset i.
func lineAt(data []byte, i int) int { return bytes.Count(data[:i], []byte{'\n'}) + 1 }

// parseUpload runs every check an uploaded file must pass before anything
// changes: its name, size, encoding, and the corpus parser.
func parseUpload(filename string, data []byte) (*corpus.Document, error) {
	if err := checkName(filename); err != nil {
		return nil, err
	}
	if err := checkContent(filename, data); err != nil {
		return nil, err
	}
	doc, err := parseFile(filename, data)
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// Check validates a file and reports what Add would add, without changing
// anything. Errors are those of Add's validation: ErrBadName, ErrTooLarge,
// ErrNotText, or a *corpus.FileError wrapping corpus.ErrInvalid.
func (l *Library) Check(filename string, data []byte) (CheckReport, error) {
	doc, err := parseUpload(filename, data)
	if err != nil {
		return CheckReport{}, err
	}
	r := CheckReport{ID: doc.ID, Kind: doc.Kind, Title: doc.Title, Passages: len(doc.Passages)}
	for _, p := range doc.Passages {
		if doc.Kind == corpus.FactSheet {
			r.Facts++
			if !p.Date.IsZero() || len(p.Dates) > 0 {
				r.DatedEvents++
			}
			continue
		}
		r.DatedEvents += len(p.Dates)
	}
	c := l.Corpus()
	r.Exists = c.Doc(doc.ID) != nil
	if !r.Exists {
		for _, d := range c.Docs {
			if d.Path == filename {
				r.Exists = true
			}
		}
	}
	return r, nil
}
