package library

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// dataLock is the flock on DATA_DIR/corpus.lock. Every refresh holds it, in
// the bot and in the CLI, so two processes never change corpus/ at once.
type dataLock struct{ f *os.File }

// lockPoll is how often a refresh retries a lock held by another process.
const lockPoll = 20 * time.Millisecond

// lockData takes the data lock, waiting while another process holds it,
// until ctx is done. waited is how long it had to wait (0 when the lock was
// free). The wait polls, because a blocking flock cannot be cancelled.
func lockData(ctx context.Context, dataDir string) (lk dataLock, waited time.Duration, err error) {
	name := filepath.Join(dataDir, "corpus.lock")
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return dataLock{}, 0, fmt.Errorf("open lock %s: %w", name, err)
	}
	start := time.Now()
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return dataLock{}, 0, fmt.Errorf("lock %s: %w", name, err)
		}
		if waited == 0 {
			waited = 1 // make "had to wait" visible even if the wait is short
		}
		select {
		case <-ctx.Done():
			f.Close()
			return dataLock{}, 0, fmt.Errorf("wait for lock %s (another refresh is running): %w", name, ctx.Err())
		case <-time.After(lockPoll):
		}
	}
	if waited > 0 {
		waited = time.Since(start)
	}
	return dataLock{f: f}, waited, nil
}

// unlock releases the lock (closing the file releases the flock).
func (lk dataLock) unlock() {
	if lk.f != nil {
		lk.f.Close()
	}
}

// A pid file holds "<pid> <start>", where start is the process's start time
// as the kernel reports it (field 22 of /proc/<pid>/stat; "" where there is
// no /proc). The start time tells a live bot from an unrelated process that
// happens to have been given the same pid after the bot died, so a stale
// pid file never gets a stranger signalled.

func runDir(dataDir string) string { return filepath.Join(dataDir, "run") }

func (l *Library) writePID() error {
	name := filepath.Join(runDir(l.dataDir), fmt.Sprintf("shard-%d.pid", l.cfg.Shard))
	if pid, ok := livePID(name); ok && pid != os.Getpid() {
		return fmt.Errorf("open %s: shard %d is served by process %d (pid file %s): %w",
			l.dataDir, l.cfg.Shard, pid, name, ErrShardBusy)
	}
	self := os.Getpid()
	content := strconv.Itoa(self) + " " + procStart(self) + "\n"
	if err := writeFileAtomic(name, []byte(content)); err != nil {
		return fmt.Errorf("write pid file: %w", err)
	}
	l.pidFile = name
	return nil
}

func (l *Library) removePID() {
	if l.pidFile == "" {
		return
	}
	if pid, _, err := readPID(l.pidFile); err == nil && pid == os.Getpid() {
		_ = os.Remove(l.pidFile)
	}
	l.pidFile = ""
}

func readPID(name string) (pid int, start string, err error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return 0, "", err
	}
	fields := strings.Fields(string(data))
	if len(fields) == 0 {
		return 0, "", fmt.Errorf("pid file %s is empty", name)
	}
	pid, err = strconv.Atoi(fields[0])
	if err != nil || pid <= 0 {
		return 0, "", fmt.Errorf("pid file %s: bad pid %q", name, fields[0])
	}
	if len(fields) > 1 {
		start = fields[1]
	}
	return pid, start, nil
}

// livePID reads a pid file and reports whether the process it names is
// still the one that wrote it.
func livePID(name string) (int, bool) {
	pid, start, err := readPID(name)
	if err != nil {
		return 0, false
	}
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return pid, false
	}
	if now := procStart(pid); start != "" && now != "" && now != start {
		return pid, false // the pid was reused by another process
	}
	return pid, true
}

// procStart returns a process's start time in clock ticks since boot, read
// from /proc, or "" where that is not available.
func procStart(pid int) string {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	// The command name (field 2) is in parentheses and may hold spaces;
	// the fields after its closing parenthesis start at field 3.
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return ""
	}
	fields := strings.Fields(s[i+1:])
	const startField = 22 - 3
	if len(fields) <= startField {
		return ""
	}
	return fields[startField]
}

// NotifyOthers sends SIGHUP to every live process serving a shard of
// dataDir, except the calling process, so that each reloads corpus/. Pid
// files of processes that are gone are removed. It returns the pids it
// signalled.
func NotifyOthers(dataDir string, log *slog.Logger) ([]int, error) {
	names, err := filepath.Glob(filepath.Join(runDir(dataDir), "shard-*.pid"))
	if err != nil {
		return nil, err
	}
	var sent []int
	var errs []error
	for _, name := range names {
		pid, ok := livePID(name)
		if !ok {
			if os.Remove(name) == nil && log != nil {
				log.Info("removed a stale pid file", "path", name, "pid", pid)
			}
			continue
		}
		if pid == os.Getpid() {
			continue
		}
		if err := syscall.Kill(pid, syscall.SIGHUP); err != nil {
			errs = append(errs, fmt.Errorf("signal process %d (%s): %w", pid, name, err))
			continue
		}
		sent = append(sent, pid)
	}
	return sent, errors.Join(errs...)
}
