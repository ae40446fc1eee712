package library

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/treatybot/treatybot/corpus"
)

// helperEnv makes the test binary act as a helper process (see
// TestHelperProcess) instead of running the tests.
const helperEnv = "TREATYBOT_LIBRARY_HELPER"

func TestAsksDuringRefreshLoop(t *testing.T) {
	dir := t.TempDir()
	l := openLib(t, Config{DataDir: dir})
	note := readTestdata(t, "zorbia.md")
	ctx := context.Background()

	var stop atomic.Bool
	var asked, noteAnswers atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for g := 0; g < 6; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				a, err := l.Ask(ctx, baseQuestion)
				if err != nil {
					errs <- fmt.Errorf("Ask(%q): %w", baseQuestion, err)
					return
				}
				if !answered(a, baseAnswer, "") {
					errs <- fmt.Errorf("Ask(%q) = %+v, want %q", baseQuestion, a, baseAnswer)
					return
				}
				// The note comes and goes; either it answers from the
				// note or it does not, but it never fails.
				a, err = l.Ask(ctx, noteQuestion)
				if err != nil {
					errs <- fmt.Errorf("Ask(%q): %w", noteQuestion, err)
					return
				}
				if answered(a, noteAnswer, noteID) {
					noteAnswers.Add(1)
				}
				_ = l.Status()
				_ = l.IDs()
				asked.Add(2)
			}
		}()
	}
	const rounds = 4
	for i := 0; i < rounds; i++ {
		if _, err := l.Add(ctx, "loop", "zorbia.md", note, false); err != nil {
			t.Fatalf("round %d: Add: %v", i, err)
		}
		if _, err := l.Remove(ctx, "loop", noteID); err != nil {
			t.Fatalf("round %d: Remove: %v", i, err)
		}
	}
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	t.Logf("%d questions answered during %d refreshes; %d answered from the note while it served", asked.Load(), 2*rounds, noteAnswers.Load())
	if asked.Load() == 0 {
		t.Errorf("no question was asked during the refreshes")
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "index", "shard-0")); len(entries) != 1 {
		t.Errorf("index/shard-0 holds %d folders after the loop, want 1 (old ones removed)", len(entries))
	}
}

// blockAt makes the first refresh to reach point block there until the
// returned release function is called; reached is closed when it arrives.
func blockAt(t *testing.T, point string) (reached <-chan struct{}, release func()) {
	t.Helper()
	r := make(chan struct{})
	rel := make(chan struct{})
	var once sync.Once
	prev := hook
	hook = func(p string) {
		if p == point {
			once.Do(func() {
				close(r)
				<-rel
			})
		}
	}
	var relOnce sync.Once
	release = func() { relOnce.Do(func() { close(rel) }) }
	t.Cleanup(func() {
		release()
		hook = prev
	})
	return r, release
}

type result struct {
	rep Report
	err error
}

func TestRefreshesAreSerialised(t *testing.T) {
	tests := []struct {
		name         string
		twoLibraries bool // the second refresh runs in another Library: only the flock serialises it
	}{
		{"same process", false},
		{"across libraries (flock)", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			first := openLib(t, Config{DataDir: dir, Transient: true})
			second := first
			if tt.twoLibraries {
				second = openLib(t, Config{DataDir: dir, Transient: true})
			}
			reached, release := blockAt(t, "built")
			ctx := context.Background()
			done1 := make(chan result, 1)
			go func() {
				rep, err := first.Add(ctx, "one", "zorbia.md", readTestdata(t, "zorbia.md"), false)
				done1 <- result{rep, err}
			}()
			<-reached
			done2 := make(chan result, 1)
			go func() {
				rep, err := second.Remove(ctx, "two", noteID)
				done2 <- result{rep, err}
			}()
			// Give the second refresh time to start waiting. Whether it
			// did is what Waited reports; the sleep only makes the
			// interesting case happen.
			time.Sleep(100 * time.Millisecond)
			release()
			r1, r2 := <-done1, <-done2
			if r1.err != nil || r2.err != nil {
				t.Fatalf("refreshes: %v, %v", r1.err, r2.err)
			}
			if r1.rep.Waited != 0 {
				t.Errorf("first refresh Waited = %v, want 0", r1.rep.Waited)
			}
			if r2.rep.Waited <= 0 {
				t.Errorf("second refresh Waited = %v, want > 0", r2.rep.Waited)
			}
			// The second one saw the first one's result: it removed the note.
			if !slices.Equal(r2.rep.Removed, []string{noteID}) {
				t.Errorf("second refresh removed %v, want [%s]", r2.rep.Removed, noteID)
			}
		})
	}
}

func TestFailedBuildLeavesEverythingAsItWas(t *testing.T) {
	dir := t.TempDir()
	l := openLib(t, Config{DataDir: dir})
	// The serving index's own files may change under bleve at any time;
	// what must not change is the corpus and which index folders exist.
	folders := func() []string {
		entries, _ := os.ReadDir(filepath.Join(dir, "index", "shard-0"))
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	before := snapshotDisk(t, filepath.Join(dir, "corpus"))
	beforeFolders := folders()
	version := l.Status().Version
	prev := buildEngine
	buildEngine = func(context.Context, *corpus.Corpus, string, *slog.Logger) (engine, bool, error) {
		return nil, false, errors.New("disk full")
	}
	t.Cleanup(func() { buildEngine = prev })
	_, err := l.Add(context.Background(), "mod", "zorbia.md", readTestdata(t, "zorbia.md"), false)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Add with a failing build: err = %v, want the build's error", err)
	}
	buildEngine = prev
	if after := snapshotDisk(t, filepath.Join(dir, "corpus")); !mapsEqual(before, after) {
		t.Errorf("corpus folder changed by a failed refresh:\nbefore %v\nafter  %v", sortedKeys(before), sortedKeys(after))
	}
	if after := folders(); !slices.Equal(after, beforeFolders) {
		t.Errorf("index folders after a failed refresh = %v, want %v", after, beforeFolders)
	}
	if _, err := os.Stat(statePath(dir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("state.json written by a failed refresh (err %v)", err)
	}
	if got := l.Status().Version; got != version {
		t.Errorf("serving version %s, want %s", short(got), short(version))
	}
	if !askFound(t, l, baseQuestion, baseAnswer, "") {
		t.Errorf("after a failed build Ask(%q) no longer answers", baseQuestion)
	}
}

func TestDamagedIndexIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	l := openLib(t, Config{DataDir: dir})
	vdir := l.cur.Load().dir
	l.Close()
	n := 0
	err := filepath.WalkDir(vdir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		return os.WriteFile(p, []byte("garbage"), 0o644)
	})
	if err != nil || n == 0 {
		t.Fatalf("damaging %s: %d files, err %v", vdir, n, err)
	}
	l2 := openLib(t, Config{DataDir: dir})
	if l2.cur.Load().reused {
		t.Errorf("a damaged index was reused")
	}
	if !askFound(t, l2, baseQuestion, baseAnswer, "") {
		t.Errorf("after rebuilding a damaged index Ask(%q) does not answer", baseQuestion)
	}
}

// TestKillMidRefresh kills a process (SIGKILL) at each stage of a refresh
// and checks that the next start serves a whole corpus: the previous one
// when the kill came before the commit journal was written, the new one
// (finished from the journal) after.
func TestKillMidRefresh(t *testing.T) {
	if testing.Short() {
		t.Skip("starts helper processes")
	}
	tests := []struct {
		point    string
		wantNote bool
	}{
		{"written", false},
		{"built", false},
		{"journaled", true},
	}
	for _, tt := range tests {
		t.Run(tt.point, func(t *testing.T) {
			dir := t.TempDir()
			l := openLib(t, Config{DataDir: dir})
			before := l.Status().Version
			l.Close()

			cmd := helper(t, "add-and-block:"+tt.point, dir)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(out).ReadString('\n')
			if err != nil || strings.TrimSpace(line) != "reached "+tt.point {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("helper said %q (%v), want %q", line, err, "reached "+tt.point)
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()

			l2 := openLib(t, Config{DataDir: dir})
			hasNote := slices.Contains(l2.IDs(), noteID)
			if hasNote != tt.wantNote {
				t.Errorf("after a kill at %q the corpus has the note: %v, want %v", tt.point, hasNote, tt.wantNote)
			}
			if !tt.wantNote && l2.Status().Version != before {
				t.Errorf("after a kill at %q serving version %s, want the previous %s", tt.point, short(l2.Status().Version), short(before))
			}
			if tt.wantNote && !askFound(t, l2, noteQuestion, noteAnswer, noteID) {
				t.Errorf("after a kill at %q the finished refresh does not answer %q", tt.point, noteQuestion)
			}
			if !askFound(t, l2, baseQuestion, baseAnswer, "") {
				t.Errorf("after a kill at %q Ask(%q) does not answer", tt.point, baseQuestion)
			}
			entries, _ := os.ReadDir(filepath.Join(dir, "corpus"))
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), tempPrefix) {
					t.Errorf("temporary file %s left in corpus/", e.Name())
				}
			}
			if _, err := os.Stat(journalPath(dir)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("commit journal left behind: %v", err)
			}
			if entries, _ := os.ReadDir(filepath.Join(dir, "index", "shard-0")); len(entries) != 1 {
				t.Errorf("index/shard-0 holds %d folders, want 1", len(entries))
			}
		})
	}
}

func TestNotifyOthersAndStalePIDFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("starts helper processes")
	}
	dir := t.TempDir()
	l := openLib(t, Config{DataDir: dir, InMemory: true})

	// A process that has exited leaves a stale pid file.
	gone := helper(t, "exit", dir)
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "run", "shard-2.pid")
	if err := os.WriteFile(stale, []byte(strconv.Itoa(gone.Process.Pid)+" 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A live process serving shard 1.
	live := helper(t, "sleep", dir)
	out, _ := live.StdoutPipe()
	if err := live.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { live.Process.Kill(); live.Wait() })
	if _, err := bufio.NewReader(out).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	pidLine := fmt.Sprintf("%d %s\n", live.Process.Pid, procStart(live.Process.Pid))
	if err := os.WriteFile(filepath.Join(dir, "run", "shard-1.pid"), []byte(pidLine), 0o644); err != nil {
		t.Fatal(err)
	}

	// Another process on shard 1 may not start.
	if _, err := Open(context.Background(), Config{DataDir: dir, Shard: 1, InMemory: true}); !errors.Is(err, ErrShardBusy) {
		t.Errorf("Open of a shard served by a live process: err = %v, want ErrShardBusy", err)
	}

	// An add signals the live process, not itself, and drops the stale file.
	if _, err := l.Add(context.Background(), "mod", "zorbia.md", readTestdata(t, "zorbia.md"), false); err != nil {
		t.Fatal(err)
	}
	err := live.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGHUP {
		t.Errorf("live helper ended with %v, want killed by SIGHUP", err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale pid file: err = %v, want removed", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "run", "shard-0.pid")); err != nil {
		t.Errorf("own pid file: %v, want kept", err)
	}
}

// helper returns a command that runs this test binary as a helper process.
func helper(t *testing.T, mode, dataDir string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, "TREATYBOT_LIBRARY_DATA="+dataDir)
	cmd.Stderr = os.Stderr
	return cmd
}

// TestHelperProcess is not a test: it is the helper process started by
// other tests. Modes: "exit"; "sleep" (say ready, then wait to be
// signalled); "add-and-block:<point>" (open DATA_DIR, add the note, and
// at the hook point say "reached <point>" and wait to be killed).
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		return
	}
	dataDir := os.Getenv("TREATYBOT_LIBRARY_DATA")
	switch {
	case mode == "exit":
		os.Exit(0)
	case mode == "sleep":
		fmt.Println("ready")
		time.Sleep(time.Minute)
		os.Exit(0)
	case mode == "serve":
		// A bot in miniature: reload on SIGHUP, then say what it serves.
		hup := make(chan os.Signal, 1)
		signal.Notify(hup, syscall.SIGHUP)
		l, err := Open(context.Background(), Config{DataDir: dataDir})
		if err != nil {
			fmt.Println("open:", err)
			os.Exit(2)
		}
		fmt.Println("ready")
		for range hup {
			rep, err := l.Reload(context.Background(), WhoSignal)
			a, _ := l.Ask(context.Background(), noteQuestion)
			fmt.Printf("reloaded added=%v err=%v answered=%v by=%s\n", rep.Added, err, answered(a, noteAnswer, noteID), l.Status().RefreshedBy)
		}
	case strings.HasPrefix(mode, "crash:"):
		crashHelper(mode, dataDir)
	case strings.HasPrefix(mode, "add-and-block:"):
		point := strings.TrimPrefix(mode, "add-and-block:")
		hook = func(p string) {
			if p == point {
				fmt.Printf("reached %s\n", p)
				time.Sleep(time.Minute)
				os.Exit(3)
			}
		}
		l, err := Open(context.Background(), Config{DataDir: dataDir})
		if err != nil {
			fmt.Println("open:", err)
			os.Exit(2)
		}
		data, err := os.ReadFile(filepath.Join("testdata", "zorbia.md"))
		if err != nil {
			fmt.Println(err)
			os.Exit(2)
		}
		_, err = l.Add(context.Background(), "helper", "zorbia.md", data, false)
		fmt.Println("add finished without being killed:", err)
		os.Exit(2)
	}
	fmt.Println("unknown helper mode", mode)
	os.Exit(2)
}

// TestCommandLineAddReachesRunningBot runs a serving process (which holds
// its on-disk index) and adds a file from a transient library, as the CLI
// does: the add must not touch the bot's index, must signal the bot, and
// the bot must then answer from the new file.
func TestCommandLineAddReachesRunningBot(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a helper process")
	}
	dir := t.TempDir()
	bot := helper(t, "serve", dir)
	out, err := bot.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := bot.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bot.Process.Kill(); bot.Wait() })
	lines := bufio.NewReader(out)
	if line, err := lines.ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("bot said %q (%v), want ready", line, err)
	}

	cli := openLib(t, Config{DataDir: dir, Transient: true})
	rep, err := cli.Add(context.Background(), "cli", "zorbia.md", readTestdata(t, "zorbia.md"), false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Signalled != 1 || !slices.Equal(rep.Added, []string{noteID}) {
		t.Errorf("CLI add report: signalled %d, added %v; want 1 and [%s]", rep.Signalled, rep.Added, noteID)
	}
	line, err := lines.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("reloaded added=[%s] err=<nil> answered=true by=cli\n", noteID)
	if line != want {
		t.Errorf("bot after SIGHUP: %q, want %q", line, want)
	}
}
