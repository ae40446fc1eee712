package library

import (
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

// checkContent runs the corpus gate's content checks (the size limit, no
// binary content) and refuses text that is not UTF-8.
func checkContent(name string, data []byte, limit int64) error {
	if err := corpus.CheckContent(name, data, limit); err != nil {
		return err
	}
	if !utf8.Valid(data) {
		return fmt.Errorf("%s:%d: is not UTF-8 text (save it as UTF-8): %w", name, corpus.FirstInvalidLine(data), ErrNotText)
	}
	return nil
}

// parseUpload runs every check an uploaded file must pass before anything
// changes: its name, size, encoding, and the corpus parser.
func parseUpload(filename string, data []byte, limit int64) (*corpus.Document, error) {
	if err := checkName(filename); err != nil {
		return nil, err
	}
	if err := checkContent(filename, data, limit); err != nil {
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
	doc, err := parseUpload(filename, data, l.cfg.MaxDocBytes)
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
	docs := []*corpus.Document{doc}
	for _, d := range c.Docs {
		if d.Path == filename {
			r.Exists = true
		}
		if d.ID != doc.ID && d.Path != filename {
			docs = append(docs, d)
		}
	}
	if with, err := corpus.New(docs, ""); err == nil {
		r.Conflicts = with.ConflictsWith(doc.ID)
	}
	return r, nil
}
