package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/joho/godotenv"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/library"
)

func init() {
	commands["corpus"] = command{summary: "show, check and change the corpus of a data folder (status|reload|add|remove|check)", run: runCorpus}
}

// cliWho is the Who of refreshes made from the command line.
const cliWho = "cli"

const corpusUsage = `usage: treatybot corpus [--data DIR] [--corpus DIR] COMMAND

commands:
  status                 counts, version, and when and by whom the corpus was last changed
  reload                 check corpus/ as it is on disk and make running bots reload it
  add [--replace] FILE   check FILE, add it to corpus/ and make running bots reload
  remove ID              move a document or fact sheet to corpus/.trash/ and make running bots reload
  check FILE             check FILE and say what it would add; changes nothing

Safe while the bot runs: changes are validated first, written under a lock,
and running bots of the same data folder are signalled (SIGHUP) to reload.
`

// runCorpus implements "treatybot corpus". It never opens the bot's
// on-disk index (the running bot holds its lock): it validates by building
// an in-memory index, writes files under the data folder's lock, and
// signals the running bots.
func runCorpus(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, corpusUsage)
		fmt.Fprintln(stderr, "\nflags:")
		fs.PrintDefaults()
	}
	dataDir := fs.String("data", envOr("DATA_DIR", "data"), "data folder ($DATA_DIR, else ./data)")
	corpusDir := fs.String("corpus", envOr("CORPUS_DIR", ""), "corpus folder, if not DATA/corpus ($CORPUS_DIR)")
	replace := fs.Bool("replace", false, "add: replace a document with the same id or file name")
	rest, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	if len(rest) == 0 {
		fs.Usage()
		return 2
	}
	sub, rest := rest[0], rest[1:]
	need := map[string]int{"status": 0, "reload": 0, "add": 1, "remove": 1, "check": 1}
	n, ok := need[sub]
	if !ok {
		fmt.Fprintf(stderr, "treatybot corpus: unknown command %q\n\n", sub)
		fs.Usage()
		return 2
	}
	if len(rest) != n {
		fmt.Fprintf(stderr, "treatybot corpus %s: want %d argument(s), got %d\n\n", sub, n, len(rest))
		fs.Usage()
		return 2
	}
	if *replace && sub != "add" {
		fmt.Fprintf(stderr, "treatybot corpus %s: --replace is only for add\n", sub)
		return 2
	}

	if _, err := os.Stat(*dataDir); err != nil {
		// Refuse rather than create: a mistyped --data would otherwise
		// make a fresh data folder that no bot serves.
		fmt.Fprintf(stderr, "treatybot corpus %s: data folder %s: %v\n  give the bot's data folder with --data or $DATA_DIR (create it, or start the bot once, for a new one)\n", sub, *dataDir, err)
		return 1
	}
	limit, err := maxDocBytes()
	if err != nil {
		fmt.Fprintf(stderr, "treatybot corpus %s: %v\n", sub, err)
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	l, err := library.Open(ctx, library.Config{DataDir: *dataDir, CorpusDir: *corpusDir, Transient: true, MaxDocBytes: limit, Logger: log})
	if err != nil {
		return fail(stderr, sub, err)
	}
	defer l.Close()

	switch sub {
	case "status":
		printStatus(stdout, l.Status(), *dataDir)
	case "reload":
		// Open has just loaded and validated corpus/; the reload records
		// the change (if any) as made from the command line.
		rep, err := l.Reload(ctx, cliWho)
		if err != nil {
			return fail(stderr, sub, err)
		}
		fmt.Fprintf(stdout, "corpus/ is valid: version %s\n", library.ShortVersion(rep.Version))
		printStatus(stdout, l.Status(), *dataDir)
		notifyBots(stdout, stderr, *dataDir)
	case "add":
		data, err := readUpload(rest[0], limit)
		if err != nil {
			return fail(stderr, sub, err)
		}
		rep, err := l.Add(ctx, cliWho, filepath.Base(rest[0]), data, *replace)
		if err != nil {
			return fail(stderr, sub, err)
		}
		fmt.Fprintln(stdout, rep.Summary())
		fmt.Fprintln(stdout, signalledText(rep.Signalled))
	case "remove":
		rep, err := l.Remove(ctx, cliWho, rest[0])
		if err != nil {
			return fail(stderr, sub, err)
		}
		fmt.Fprintln(stdout, rep.Summary())
		fmt.Fprintf(stdout, "the file is kept in corpus/.trash/ until the next change\n")
		fmt.Fprintln(stdout, signalledText(rep.Signalled))
	case "check":
		data, err := readUpload(rest[0], limit)
		if err != nil {
			return fail(stderr, sub, err)
		}
		r, err := l.Check(filepath.Base(rest[0]), data)
		if err != nil {
			return fail(stderr, sub, err)
		}
		fmt.Fprintf(stdout, "%s is valid: id %s (%s) %q\n", rest[0], r.ID, r.Kind, r.Title)
		fmt.Fprintf(stdout, "passages: %d, facts: %d, dated events: %d\n", r.Passages, r.Facts, r.DatedEvents)
		if r.Exists {
			fmt.Fprintln(stdout, "this id or file name is already in the corpus: add it with --replace to replace it")
		}
		for _, cf := range r.Conflicts {
			fmt.Fprintf(stdout, "conflict: %s\n", cf)
		}
	}
	return 0
}

// parseInterleaved parses flags that may come before, between or after the
// positional arguments (the flag package stops at the first positional one).
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// envOr returns the variable from the environment, else from ./.env, else def.
func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	if env, err := godotenv.Read(); err == nil && env[name] != "" {
		return env[name]
	}
	return def
}

// readUpload reads a local file, refusing one over the size limit before
// reading it all.
func readUpload(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is over the limit of %d bytes (MAX_DOC_BYTES): %w", name, limit, library.ErrTooLarge)
	}
	return data, nil
}

// maxDocBytes reads MAX_DOC_BYTES, the size limit of one corpus file: a
// number of bytes, or of KiB or MiB with that suffix ("2MiB"). Unset, it is
// 1 MiB.
func maxDocBytes() (int64, error) {
	v := strings.TrimSpace(envOr("MAX_DOC_BYTES", ""))
	if v == "" {
		return library.MaxFileSize, nil
	}
	num, unit := v, int64(1)
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"K", 1 << 10}, {"M", 1 << 20}} {
		if strings.HasSuffix(v, u.suffix) {
			num, unit = strings.TrimSpace(strings.TrimSuffix(v, u.suffix)), u.n
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/unit {
		return 0, fmt.Errorf("MAX_DOC_BYTES %q: want a number of bytes, or of KiB or MiB (\"2MiB\")", v)
	}
	return n * unit, nil
}

func printStatus(w io.Writer, st library.Status, dataDir string) {
	defer printProblems(w, st)
	fmt.Fprintf(w, "data folder: %s\n", dataDir)
	fmt.Fprintf(w, "documents: %d, fact sheets: %d, facts: %d, passages: %d\n", st.Documents, st.FactSheets, st.Facts, st.Passages)
	fmt.Fprintf(w, "version: %s\n", library.ShortVersion(st.Version))
	if st.RefreshedAt.IsZero() {
		fmt.Fprintln(w, "last changed: never (since the data folder was created)")
	} else {
		by := st.RefreshedBy
		if by == "" {
			by = "unknown"
		}
		fmt.Fprintf(w, "last changed: %s by %s\n", st.RefreshedAt.Local().Format("2006-01-02 15:04:05 MST"), by)
	}
}

// notifyBots signals the running bots to reload and says how many.
func notifyBots(stdout, stderr io.Writer, dataDir string) {
	pids, err := library.NotifyOthers(dataDir, nil)
	if err != nil {
		fmt.Fprintf(stderr, "treatybot corpus: warning: %v\n", err)
	}
	fmt.Fprintln(stdout, signalledText(len(pids)))
}

func signalledText(n int) string {
	switch n {
	case 0:
		return "no bot is running on this data folder; it will serve the corpus when it starts"
	case 1:
		return "signalled 1 running bot to reload"
	}
	return fmt.Sprintf("signalled %d running bot processes to reload", n)
}

// fail prints an error a person can act on and returns the exit status.
// Corpus file errors come one per line, "file:line: message".
func fail(stderr io.Writer, sub string, err error) int {
	msg := err.Error()
	switch {
	case errors.Is(err, corpus.ErrInvalid):
		msg += "\nfix the file and line named above and try again; nothing was changed"
	case errors.Is(err, library.ErrExists):
		msg += "\nto replace it, run: treatybot corpus add --replace FILE"
	case errors.Is(err, library.ErrNotFound):
		msg += "\nrun \"treatybot corpus status\" or look in the corpus folder for the ids"
	case errors.Is(err, library.ErrBadName):
		msg += "\nrename the file: letters, digits, '.', '-' and '_', ending in .md, .txt, .yaml or .yml"
	}
	fmt.Fprintf(stderr, "treatybot corpus %s: %s\n", sub, strings.ReplaceAll(msg, "\n", "\n  "))
	return 1
}

// printProblems lists the malformed and skipped files of the corpus folder.
func printProblems(w io.Writer, st library.Status) {
	if len(st.Problems) > 0 {
		fmt.Fprintf(w, "malformed files: %d; serving the last good corpus until they are fixed (fix, replace with add --replace, or remove):\n", len(st.Problems))
		for _, p := range st.Problems {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	if len(st.Skipped) > 0 {
		fmt.Fprintf(w, "skipped files: %d\n", len(st.Skipped))
		for _, p := range st.Skipped {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
}
