package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"unicode/utf8"
)

// Load reads every corpus file under fsys, sub-folders included, and builds a
// Corpus, with the default Options; see LoadWith.
func Load(fsys fs.FS) (*Corpus, []Warning, error) { return LoadWith(fsys, Options{}) }

// notCorpusFile is the Warning for a file of another type.
const notCorpusFile = "skipped: not a corpus file (want .md, .txt, .yaml or .yml)"

// LoadWith reads every corpus file under fsys, sub-folders included, and
// builds a Corpus. Hidden files and folders (names starting with ".") are
// skipped silently; any other file that is neither a document (*.md, *.txt)
// nor a fact sheet (*.yaml, *.yml), or that the gate refuses (CheckContent),
// is skipped with a Warning. When files are malformed, LoadWith returns
// every problem at once, joined with errors.Join; each one is a *FileError
// wrapping ErrInvalid, so a moderator sees them all in one run.
func LoadWith(fsys fs.FS, opts Options) (*Corpus, []Warning, error) {
	var (
		warnings []Warning
		errs     []error
		docs     []*Document
	)
	h := sha256.New()
	walkErr := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("load corpus: read %s: %w", p, err)
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if fileKind(p) == "" {
			warnings = append(warnings, Warning{Path: p, Msg: notCorpusFile})
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("load corpus: read %s: %w", p, err)
		}
		if gerr := checkContent(p, data, opts.MaxDocBytes); gerr != nil {
			warnings = append(warnings, gerr.warning())
			return nil
		}
		hashFile(h, p, data)
		doc, err := ParseFile(p, data)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		docs = append(docs, doc)
		return nil
	})
	if walkErr != nil {
		return nil, warnings, walkErr
	}
	errs = append(errs, duplicateIDs(docs)...)
	if len(errs) > 0 {
		return nil, warnings, errors.Join(errs...)
	}
	c, err := New(docs, hex.EncodeToString(h.Sum(nil)))
	if err != nil {
		return nil, warnings, err
	}
	return c, warnings, nil
}

// hashFile feeds one file into the corpus version hash. Lengths are written
// before path and contents so that no two different corpora hash alike.
func hashFile(h interface{ Write([]byte) (int, error) }, p string, data []byte) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(p)))
	h.Write(n[:])
	h.Write([]byte(p))
	binary.BigEndian.PutUint64(n[:], uint64(len(data)))
	h.Write(n[:])
	h.Write(data)
}

// duplicateIDs reports every document whose id an earlier one already uses,
// naming both files.
func duplicateIDs(docs []*Document) []error {
	var errs []error
	seen := make(map[string]*Document, len(docs))
	for _, d := range docs {
		if prev, ok := seen[d.ID]; ok {
			errs = append(errs, &FileError{Path: d.Path, Line: d.idLine,
				Msg: "duplicate id " + quote(d.ID) + " (also used by " + prev.Path + ")"})
			continue
		}
		seen[d.ID] = d
	}
	return errs
}

// LoadDir loads the corpus folder dir with the default Options; see
// LoadDirWith.
func LoadDir(dir string) (*Corpus, []Warning, error) { return LoadDirWith(dir, Options{}) }

// LoadDirWith loads the corpus folder dir: its files are read through the
// gate (see ReadDir), so a file it refuses is skipped with a Warning, and
// the rest is loaded as LoadWith does.
func LoadDirWith(dir string, opts Options) (*Corpus, []Warning, error) {
	st, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("load corpus: folder %s does not exist: %w", dir, err)
		}
		return nil, nil, fmt.Errorf("load corpus %s: %w", dir, err)
	}
	if !st.IsDir() {
		return nil, nil, fmt.Errorf("load corpus: %s is a file, not a folder", dir)
	}
	files, warnings, err := ReadDir(dir, opts)
	if err != nil {
		return nil, nil, fmt.Errorf("load corpus %s: %w", dir, err)
	}
	c, more, err := LoadWith(files.FS(), opts)
	warnings = append(warnings, more...)
	if err != nil {
		return nil, warnings, fmt.Errorf("load corpus %s: %w", dir, err)
	}
	return c, warnings, nil
}

// fileKind says what a corpus path holds by its extension: Article,
// FactSheet, or "" for a file that is not part of a corpus.
func fileKind(p string) Kind {
	switch strings.ToLower(path.Ext(p)) {
	case ".md", ".txt":
		return Article
	case ".yaml", ".yml":
		return FactSheet
	}
	return ""
}

// ParseFile parses one corpus file. path is the slash-separated path relative
// to the corpus root; it chooses the format by extension and gives the default
// id (the path without its extension). Errors are *FileError values wrapping
// ErrInvalid. ParseFile cannot see other files, so duplicate ids are left to
// Load.
func ParseFile(path string, data []byte) (*Document, error) {
	kind := fileKind(path)
	if kind == "" {
		return nil, &FileError{Path: path, Msg: "not a corpus file (want .md, .txt, .yaml or .yml)"}
	}
	if !utf8.Valid(data) {
		return nil, &FileError{Path: path, Line: FirstInvalidLine(data), Msg: "text is not valid UTF-8"}
	}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	if kind == FactSheet {
		return parseFactSheet(path, text)
	}
	return parseArticle(path, text)
}

// FirstInvalidLine returns the 1-based line of the first byte of data that
// is not valid UTF-8 (the last line when all of it is valid).
func FirstInvalidLine(data []byte) int {
	i := 0
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	return bytes.Count(data[:i], []byte("\n")) + 1
}

// defaultID is the id of a file without an id key: its path without the
// extension.
func defaultID(p string) string { return strings.TrimSuffix(p, path.Ext(p)) }
