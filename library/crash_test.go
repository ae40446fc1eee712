package library

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash test's corpus: the default corpus and the note, with a trash
// that holds extra.md (added, then removed), so that losing the trash shows.
var (
	extraDoc  = []byte("---\nid: extra\ntitle: Pellmark accord\n---\nPellmark accord\n\nThe Pellmark accord was signed in Verdale on May 5, 2021.\n")
	handDoc   = []byte("---\nid: hand\ntitle: Varn accord\n---\nVarn accord\n\nThe Varn accord was signed in Lindhaven on June 6, 2022.\n")
	handQuest = "Where was the Varn accord signed?"
)

// crashActions are the changes the crash test interrupts: what each does,
// and what the corpus answers before and after it.
var crashActions = []struct {
	name string
	// do runs the change on an open library.
	do func(ctx context.Context, l *Library) error
	// answers checks the answers of a library serving the state "before"
	// or "after".
	answers func(t *testing.T, l *Library, state string)
}{
	{
		name: "add",
		do: func(ctx context.Context, l *Library) error {
			note, err := os.ReadFile(filepath.Join("testdata", "zorbia.md"))
			if err != nil {
				return err
			}
			_, err = l.Add(ctx, "crash", "zorbia.md", bytes.ReplaceAll(note, []byte("Quellburg"), []byte("Ostermark")), true)
			return err
		},
		answers: func(t *testing.T, l *Library, state string) {
			want := map[string]string{"before": noteAnswer, "after": "Ostermark"}[state]
			if !askFound(t, l, noteQuestion, want, noteID) {
				t.Errorf("in state %s Ask(%q) does not answer %q", state, noteQuestion, want)
			}
		},
	},
	{
		name: "remove",
		do: func(ctx context.Context, l *Library) error {
			_, err := l.Remove(ctx, "crash", noteID)
			return err
		},
		answers: func(t *testing.T, l *Library, state string) {
			if got, want := askFound(t, l, noteQuestion, noteAnswer, noteID), state == "before"; got != want {
				t.Errorf("in state %s Ask(%q) answered: %v, want %v", state, noteQuestion, got, want)
			}
		},
	},
	{
		// A hand edit picked up by a reload: the files are the same
		// before and after; what changes is what serves.
		name: "reload",
		do: func(ctx context.Context, l *Library) error {
			_, err := l.Reload(ctx, "crash")
			return err
		},
		answers: func(t *testing.T, l *Library, state string) {
			if !askFound(t, l, handQuest, "Lindhaven", "hand") {
				t.Errorf("in state %s the hand-edited file does not answer", state)
			}
		},
	},
}

// beforeCrashAction prepares what the action needs once the library is
// open: the reload's hand edit.
func beforeCrashAction(action, dataDir string) error {
	if action == "reload" {
		return os.WriteFile(filepath.Join(dataDir, "corpus", "hand.md"), handDoc, 0o644)
	}
	return nil
}

// TestCrashAtEveryStep kills a process (SIGKILL) at every named step of
// an add, a remove and a reload, found by running each once with a
// recording hook, and checks after a restart that the corpus files, the
// trash and the answers are exactly as before the change or exactly as
// after it, and that no journal or temporary file is left.
func TestCrashAtEveryStep(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a helper process for every step")
	}
	base := t.TempDir()
	setup := openLib(t, Config{DataDir: base})
	ctx := context.Background()
	if _, err := setup.Add(ctx, "setup", "zorbia.md", readTestdata(t, "zorbia.md"), false); err != nil {
		t.Fatal(err)
	}
	if _, err := setup.Add(ctx, "setup", "extra.md", extraDoc, false); err != nil {
		t.Fatal(err)
	}
	if _, err := setup.Remove(ctx, "setup", "extra"); err != nil {
		t.Fatal(err)
	}
	setup.Close()

	for _, act := range crashActions {
		t.Run(act.name, func(t *testing.T) {
			// The reference run: the change done whole, with every step
			// it passes through recorded.
			ref := copyTree(t, base)
			l := openLib(t, Config{DataDir: ref})
			if err := beforeCrashAction(act.name, ref); err != nil {
				t.Fatal(err)
			}
			before := crashState(t, ref)
			var points []string
			prev := hook
			hook = func(p string) { points = append(points, stablePoint(p)) }
			err := act.do(ctx, l)
			hook = prev
			if err != nil {
				t.Fatalf("%s: %v", act.name, err)
			}
			l.Close()
			after := crashState(t, ref)
			if act.name != "reload" && maps.Equal(before, after) {
				t.Fatalf("%s changed nothing on disk", act.name)
			}
			if len(points) < 5 {
				t.Fatalf("%s passed %d named steps (%q), want more", act.name, len(points), points)
			}
			t.Logf("%s: %d steps: %q", act.name, len(points), points)

			for n := 1; n <= len(points); n++ {
				t.Run(fmt.Sprintf("%02d %s", n, points[n-1]), func(t *testing.T) {
					dir := copyTree(t, base)
					killAt(t, dir, act.name, n, points[n-1])
					l := openLib(t, Config{DataDir: dir})
					got := crashState(t, dir)
					state := ""
					switch {
					case maps.Equal(got, after):
						state = "after" // checked first: for a reload, before and after are the same files
					case maps.Equal(got, before):
						state = "before"
					default:
						t.Fatalf("after a kill at %q the files are neither as before nor as after:\ngot    %v\nbefore %v\nafter  %v",
							points[n-1], sortedKeys(got), sortedKeys(before), sortedKeys(after))
					}
					act.answers(t, l, state)
					if !askFound(t, l, baseQuestion, baseAnswer, "") {
						t.Errorf("Ask(%q) does not answer", baseQuestion)
					}
					if left := tempLeftovers(t, dir); len(left) > 0 {
						t.Errorf("temporary files left: %q", left)
					}
					if _, err := os.Stat(journalPath(dir)); !errors.Is(err, os.ErrNotExist) {
						t.Errorf("commit journal left behind (err %v)", err)
					}
					if st := l.Status(); len(st.Problems) > 0 {
						t.Errorf("problems after the restart: %q", st.Problems)
					}
				})
			}
		})
	}
}

// killAt runs the helper that does action on dataDir and stops at its n-th
// step, and kills it there.
func killAt(t *testing.T, dataDir, action string, n int, point string) {
	t.Helper()
	cmd := helper(t, "crash:"+action+":"+strconv.Itoa(n), dataDir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if want := "reached " + point + "\n"; err != nil || stablePoint(line) != want {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper said %q (%v), want %q", line, err, want)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
}

// stablePoint masks the random part of temporary names in a step's name,
// which differs from run to run.
func stablePoint(p string) string { return tempRandRE.ReplaceAllString(p, tempPrefix+"*-") }

var tempRandRE = regexp.MustCompile(regexp.QuoteMeta(tempPrefix) + "[0-9a-f]{12}-")

// crashHelper is the helper process of TestCrashAtEveryStep: it opens the
// data folder, starts the action, and at its n-th step says "reached
// <step>" and waits to be killed.
func crashHelper(mode, dataDir string) {
	parts := strings.Split(mode, ":")
	n, _ := strconv.Atoi(parts[2])
	l, err := Open(context.Background(), Config{DataDir: dataDir})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(2)
	}
	if err := beforeCrashAction(parts[1], dataDir); err != nil {
		fmt.Println(err)
		os.Exit(2)
	}
	count := 0
	hook = func(p string) {
		if count++; count == n {
			fmt.Printf("reached %s\n", p)
			time.Sleep(time.Minute)
			os.Exit(3)
		}
	}
	for _, act := range crashActions {
		if act.name == parts[1] {
			err = act.do(context.Background(), l)
		}
	}
	fmt.Println("finished without being killed:", err)
	os.Exit(2)
}

// crashState is what a change may alter and a crash must not half-alter:
// every corpus file and every file of the trash, with contents. Temporary
// files are left out; the test checks that a start removed them.
func crashState(t *testing.T, dataDir string) map[string]string {
	t.Helper()
	root := filepath.Join(dataDir, "corpus")
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), tempPrefix) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// copyTree copies a data folder into a new temporary folder.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "data")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
