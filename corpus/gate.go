package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing/fstest"
)

// The gate is the one set of checks every corpus file passes before it is
// parsed, whichever way it comes in: uploaded with add, placed by hand and
// picked up by a reload or a start, or read by ask --corpus. A file that
// fails it is kept out of the corpus (with a Warning that says why) and
// does not take the rest of the corpus down with it.

// DefaultMaxDocBytes is the size limit of one corpus file when none is
// configured: 1 MiB.
const DefaultMaxDocBytes = 1 << 20

// Sentinels of the gate, wrapped by *GateError and kept in Warning.Err.
var (
	// ErrTooLarge is a file over the size limit.
	ErrTooLarge = errors.New("file too large")
	// ErrNotText is a file with binary content: a NUL byte or another
	// control character that text does not hold.
	ErrNotText = errors.New("not a text file")
	// ErrOutside is a symbolic link that leads out of the corpus folder.
	ErrOutside = errors.New("symbolic link out of the corpus folder")
	// ErrNotRegular is something other than a file: a pipe, a device, a
	// broken link.
	ErrNotRegular = errors.New("not a regular file")
)

// Options tune loading.
type Options struct {
	// MaxDocBytes is the size limit of one corpus file; 0 means
	// DefaultMaxDocBytes.
	MaxDocBytes int64
}

func (o Options) maxBytes() int64 {
	if o.MaxDocBytes <= 0 {
		return DefaultMaxDocBytes
	}
	return o.MaxDocBytes
}

// GateError is a file the gate refused: path:line: message. It wraps one of
// ErrTooLarge, ErrNotText, ErrOutside or ErrNotRegular.
type GateError struct {
	Path string // slash-separated, relative to the corpus root (or the name given)
	Line int    // 1-based; 0 when the problem is with the whole file
	Msg  string
	Err  error // the sentinel
}

func (e *GateError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Unwrap lets errors.Is match the sentinel.
func (e *GateError) Unwrap() error { return e.Err }

// warning turns a refusal into the Warning that loading reports.
func (e *GateError) warning() Warning {
	return Warning{Path: e.Path, Line: e.Line, Msg: "skipped: " + e.Msg, Err: e.Err}
}

// CheckContent is the gate's check of a file's bytes: at most maxBytes
// (0 = DefaultMaxDocBytes), and no binary content. Text may hold tab, line
// feed, vertical tab, form feed and carriage return; any other control
// character below U+0020, NUL included, marks a binary file. The error is a
// *GateError naming the line of the first such byte.
func CheckContent(path string, data []byte, maxBytes int64) error {
	if e := checkContent(path, data, maxBytes); e != nil {
		return e
	}
	return nil
}

func checkContent(path string, data []byte, maxBytes int64) *GateError {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxDocBytes
	}
	if int64(len(data)) > maxBytes {
		return tooLarge(path, int64(len(data)), maxBytes)
	}
	for i, b := range data {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\v' && b != '\f' && b != '\r' {
			what := fmt.Sprintf("a control byte 0x%02X", b)
			if b == 0 {
				what = "a NUL byte"
			}
			return &GateError{Path: path, Line: bytes.Count(data[:i], []byte{'\n'}) + 1, Err: ErrNotText,
				Msg: "binary content: " + what + " (save it as plain UTF-8 text)"}
		}
	}
	return nil
}

func tooLarge(path string, size, limit int64) *GateError {
	return &GateError{Path: path, Err: ErrTooLarge,
		Msg: fmt.Sprintf("%s, over the limit of %s per file (MAX_DOC_BYTES)", byteSize(size), byteSize(limit))}
}

// byteSize formats a size for people: "1 MiB", "52.4 MiB", "812 bytes".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Files is a corpus folder read into memory: slash-separated paths relative
// to the corpus root, mapped to their contents. Only files that passed the
// gate are in it.
type Files map[string][]byte

// FS returns the files as a file system for Load. fstest.MapFS is a plain
// in-memory fs.FS of the standard library; it is used outside tests because
// it is exactly the read-only map file system needed.
func (f Files) FS() fs.FS {
	m := make(fstest.MapFS, len(f))
	for p, data := range f {
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

// ReadDir reads the corpus files under dir through the gate. Hidden files
// and folders (names starting with ".") are left out silently. A file
// without a corpus extension is skipped with a Warning, unread. A file the
// gate refuses is skipped with a Warning whose Err is the gate's sentinel:
//   - a symbolic link whose target lies outside dir (ErrOutside), or that is
//     broken or leads to something other than a file (ErrNotRegular; a link
//     to a folder inside dir is skipped, not followed);
//   - a pipe, device or socket (ErrNotRegular), never opened;
//   - a file over the size limit (ErrTooLarge), never read;
//   - binary content (ErrNotText), see CheckContent.
//
// The error is only for a folder that cannot be read.
func ReadDir(dir string, opts Options) (Files, []Warning, error) {
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read corpus folder %s: %w", dir, err)
	}
	if root, err = filepath.Abs(root); err != nil {
		return nil, nil, fmt.Errorf("read corpus folder %s: %w", dir, err)
	}
	limit := opts.maxBytes()
	files := Files{}
	var warnings []Warning
	skip := func(e *GateError) { warnings = append(warnings, e.warning()) }
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == root {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if fileKind(rel) == "" {
			warnings = append(warnings, Warning{Path: rel, Msg: notCorpusFile})
			return nil
		}
		target := p
		if d.Type()&fs.ModeSymlink != 0 {
			resolved, err := filepath.EvalSymlinks(p)
			if err != nil {
				skip(&GateError{Path: rel, Err: ErrNotRegular, Msg: "a symbolic link that leads nowhere"})
				return nil
			}
			if !inside(root, resolved) {
				skip(&GateError{Path: rel, Err: ErrOutside, Msg: "a symbolic link to a file outside the corpus folder, which is never read"})
				return nil
			}
			target = resolved
		}
		data, gerr, err := readGated(target, rel, limit)
		if err != nil {
			return err
		}
		if gerr != nil {
			skip(gerr)
			return nil
		}
		files[rel] = data
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read corpus folder %s: %w", dir, err)
	}
	return files, warnings, nil
}

// inside reports whether path p lies within the folder root (both absolute
// and free of symbolic links).
func inside(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// readGated reads one file through the gate. name is the real path (any
// symbolic link already resolved and checked), rel the corpus path used in
// messages. It opens with O_NOFOLLOW, so a file swapped for a link after the
// walk looked at it is refused rather than followed, and O_NONBLOCK, so a
// pipe never blocks the open. A refusal is gerr; err is a read failure.
func readGated(name, rel string, limit int64) (data []byte, gerr *GateError, err error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return nil, &GateError{Path: rel, Err: ErrNotRegular, Msg: "became a symbolic link while it was read"}, nil
		}
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &GateError{Path: rel, Err: ErrNotRegular, Msg: "not a regular file (" + st.Mode().Type().String() + ")"}, nil
	}
	if st.Size() > limit {
		return nil, tooLarge(rel, st.Size(), limit), nil
	}
	data, err = io.ReadAll(io.LimitReader(f, limit+1)) // the file may grow while it is read
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", rel, err)
	}
	if gerr := checkContent(rel, data, limit); gerr != nil {
		return nil, gerr, nil
	}
	return data, nil, nil
}
