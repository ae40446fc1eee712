package library

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/treatybot/treatybot/corpus"
)

// The last good corpus is a copy of the files of the last corpus folder
// that loaded, kept in DATA_DIR/last-good.tar. When a hand edit leaves a
// file malformed, a start serves this copy instead of refusing to start.
// It is a tar file so an operator can read it with ordinary tools; its first
// entry, versionEntry, holds the corpus version, so that an unchanged
// corpus is not written again.

const (
	lastGoodFile = "last-good.tar"
	versionEntry = ".treatybot-version"
)

func lastGoodPath(dataDir string) string { return filepath.Join(dataDir, lastGoodFile) }

// saveLastGood records files as the last good corpus, unless it already is.
// A failure is logged, not returned: the copy is a fallback, and serving
// goes on without it. The caller holds the data lock.
func (l *Library) saveLastGood(files corpus.Files, version string) {
	if lastGoodVersion(l.dataDir) == version {
		return
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	add := func(name string, data []byte) error {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
			return err
		}
		_, err := tw.Write(data)
		return err
	}
	err := add(versionEntry, []byte(version))
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if err == nil {
			err = add(p, files[p])
		}
	}
	if err == nil {
		err = tw.Close()
	}
	if err == nil {
		err = writeFileAtomic(lastGoodPath(l.dataDir), buf.Bytes())
	}
	if err != nil {
		l.log.Warn("cannot save the last good corpus", "path", lastGoodPath(l.dataDir), "err", err)
		return
	}
	hook("last good saved")
}

// lastGoodVersion returns the corpus version of the last good copy, or ""
// when there is none or it cannot be read.
func lastGoodVersion(dataDir string) string {
	f, err := os.Open(lastGoodPath(dataDir))
	if err != nil {
		return ""
	}
	defer f.Close()
	tr := tar.NewReader(f)
	h, err := tr.Next()
	if err != nil || h.Name != versionEntry || h.Size > 256 {
		return ""
	}
	v, err := io.ReadAll(tr)
	if err != nil {
		return ""
	}
	return string(v)
}

// readLastGood reads the last good copy. The error wraps os.ErrNotExist
// when there is none.
func readLastGood(dataDir string) (corpus.Files, error) {
	f, err := os.Open(lastGoodPath(dataDir))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	files := corpus.Files{}
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", lastGoodPath(dataDir), err)
		}
		if h.Name == versionEntry {
			continue
		}
		if h.Typeflag != tar.TypeReg || strings.HasPrefix(h.Name, "/") || strings.Contains(h.Name, "..") {
			return nil, fmt.Errorf("read %s: unexpected entry %q", lastGoodPath(dataDir), h.Name)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", lastGoodPath(dataDir), err)
		}
		files[h.Name] = data
	}
	return files, nil
}
