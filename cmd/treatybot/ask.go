package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/treatybot/treatybot/answer"
	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/index"
)

func init() {
	commands["ask"] = command{summary: "answer one question from the corpus", run: runAsk}
}

// engineFor loads a corpus folder (or the embedded default when dir is
// "") and builds an engine over it. With indexDir "" the index is built in
// memory; otherwise the on-disk index there is reused when it was built
// from the same corpus (by `treatybot index`, or an earlier call), and
// built there first when it was not. Warnings about skipped files go to
// stderr.
func engineFor(ctx context.Context, dir, indexDir string, stderr io.Writer) (*answer.Engine, func(), error) {
	c, err := loadCorpus(dir, stderr)
	if err != nil {
		return nil, nil, err
	}
	ix, err := index.Build(ctx, c, index.Options{Dir: indexDir})
	if err != nil {
		return nil, nil, fmt.Errorf("build the index: %w", err)
	}
	e, err := answer.New(c, ix)
	if err != nil {
		ix.Close()
		return nil, nil, err
	}
	return e, func() { ix.Close() }, nil
}

// indexFlag declares the --index flag of the commands that answer.
func indexFlag(fs *flag.FlagSet) *string {
	return fs.String("index", "", "on-disk index `DIR`, as treatybot index --out writes it: reused when the corpus is unchanged, else rebuilt there (default: an index in memory, built on every call)")
}

// loadCorpus loads a corpus folder, or the embedded default when dir is "",
// through the same gate as the bot (MAX_DOC_BYTES), printing the files it
// skipped to stderr.
func loadCorpus(dir string, stderr io.Writer) (*corpus.Corpus, error) {
	if dir == "" {
		return corpus.Default(), nil
	}
	limit, err := maxDocBytes()
	if err != nil {
		return nil, err
	}
	c, warns, err := corpus.LoadDirWith(dir, corpus.Options{MaxDocBytes: limit})
	for _, w := range warns {
		fmt.Fprintf(stderr, "treatybot: warning: %s\n", w)
	}
	return c, err
}

func runAsk(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("corpus", "", "corpus folder (default: the embedded corpus)")
	asJSON := fs.Bool("json", false, "print the answer as one JSON object")
	explain := fs.Bool("explain", false, "also show how the question was read and the candidates weighed")
	ixDir := indexFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: treatybot ask [--corpus DIR] [--index DIR] [--json] [--explain] QUESTION...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	question := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if question == "" {
		fs.Usage()
		return 2
	}
	e, done, err := engineFor(ctx, *dir, *ixDir, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "treatybot: %v\n", err)
		return 1
	}
	defer done()
	if *explain {
		text, err := e.Explain(ctx, question, 12)
		if err != nil {
			fmt.Fprintf(stderr, "treatybot: %v\n", err)
			return 1
		}
		fmt.Fprintln(stderr, text)
	}
	ans, err := e.Ask(ctx, question)
	if err != nil && !errors.Is(err, answer.ErrEmptyQuestion) {
		fmt.Fprintf(stderr, "treatybot: %v\n", err)
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(ans); err != nil {
			fmt.Fprintf(stderr, "treatybot: %v\n", err)
			return 1
		}
		return 0
	}
	printAnswer(stdout, ans)
	return 0
}

// highlighted is the highlighted span of a citation, or its snippet.
func highlighted(c corpus.Citation) string {
	if h := c.Highlight; len(h) == 2 && 0 <= h[0] && h[0] < h[1] && h[1] <= len(c.Snippet) {
		return c.Snippet[h[0]:h[1]]
	}
	return c.Snippet
}

// citedBy names the source of the first citation.
func citedBy(cs []corpus.Citation) string {
	if len(cs) == 0 {
		return "no source"
	}
	if cs[0].Source != "" {
		return cs[0].Source
	}
	return cs[0].Title
}

// printAnswer writes an answer for a person at a terminal.
func printAnswer(w io.Writer, a corpus.Answer) {
	switch {
	case a.Found && a.Disputed:
		fmt.Fprintf(w, "Sources differ: %s (%s)", a.Answer, citedBy(a.Citations))
		for _, alt := range a.Alternatives {
			fmt.Fprintf(w, "; %s (%s)", alt.Answer, citedBy(alt.Citations))
		}
		fmt.Fprintln(w)
	case a.Found && a.AttributedTo != "":
		fmt.Fprintf(w, "%s — %s   (confidence %.0f%%)\n", a.Answer, corpus.ClaimLabel(a.AttributedTo), 100*a.Confidence)
	case a.Found:
		fmt.Fprintf(w, "%s   (confidence %.0f%%)\n", a.Answer, 100*a.Confidence)
	case len(a.Citations) > 0 && a.Disputed:
		fmt.Fprintf(w, "No sure answer, and sources differ: %s (%s)", highlighted(a.Citations[0]), citedBy(a.Citations))
		for _, alt := range a.Alternatives {
			fmt.Fprintf(w, "; %s (%s)", alt.Answer, citedBy(alt.Citations))
		}
		fmt.Fprintln(w, ". These passages look closest:")
	case len(a.Citations) > 0:
		fmt.Fprintln(w, "No sure answer; these passages look closest:")
	default:
		fmt.Fprintln(w, "Not in the corpus: none of its documents answers that question.")
		return
	}
	cits := a.Citations
	for _, alt := range a.Alternatives {
		cits = append(cits, alt.Citations...)
	}
	for _, c := range cits {
		fmt.Fprintf(w, "\n  “%s”\n", c.Snippet)
		src := c.Title
		if c.Source != "" {
			src = c.Source + ": " + src
		}
		if c.Published != "" {
			src += ", " + c.Published
		}
		fmt.Fprintf(w, "  — %s [%s]\n", src, c.ID)
		if c.AttributedTo != "" && !a.Found {
			fmt.Fprintf(w, "    (%s)\n", corpus.ClaimLabel(c.AttributedTo))
		}
		if c.URL != "" {
			fmt.Fprintf(w, "    %s\n", c.URL)
		}
	}
}
