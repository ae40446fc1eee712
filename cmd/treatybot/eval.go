package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/treatybot/treatybot/answer"
)

func init() {
	commands["eval"] = command{summary: "score the engine on a question file (JSON lines)", run: runEval}
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("corpus", "", "corpus folder (default: the embedded corpus)")
	cv := fs.Bool("cv", false, "cross-validate: answer each corpus of --testdata with a model trained without it")
	testdata := fs.String("testdata", "answer/testdata", "with --cv: folder of corpora and question files")
	golden := fs.String("golden", "", "with --cv: also write each question's result to this file")
	ixDir := indexFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: treatybot eval [--corpus DIR] [--index DIR] FILE.jsonl")
		fmt.Fprintln(stderr, "       treatybot eval --cv [--testdata DIR] [--golden FILE]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *cv {
		if fs.NArg() != 0 {
			fs.Usage()
			return 2
		}
		return runCV(ctx, *testdata, *golden, stdout, stderr)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "treatybot: %v\n", err)
		return 1
	}
	cases, skipped, err := answer.ReadCasesSkipping(f, fs.Arg(0))
	f.Close()
	if err != nil {
		fmt.Fprintf(stderr, "treatybot: %v\n", err)
		return 1
	}
	if skipped > 0 {
		fmt.Fprintf(stderr, "treatybot: skipped %d %s with no expected answer: fill in \"any\" (or set \"unanswerable\": true) to test them\n",
			skipped, map[bool]string{true: "question", false: "questions"}[skipped == 1])
	}
	e, done, err := engineFor(ctx, *dir, *ixDir, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "treatybot: %v\n", err)
		return 1
	}
	defer done()
	results, totals, err := answer.Evaluate(ctx, e, cases)
	if err != nil {
		fmt.Fprintf(stderr, "treatybot: %v\n", err)
		return 1
	}
	for _, r := range results {
		if !r.Failed() {
			continue
		}
		fmt.Fprintf(stdout, "MISS %s:%d %q\n", fs.Arg(0), r.Case.Line, r.Case.Q)
		switch {
		case r.Err != nil:
			fmt.Fprintf(stdout, "     error: %v\n", r.Err)
		case r.Case.Unanswerable:
			fmt.Fprintf(stdout, "     should abstain, answered %q\n", r.Answer.Answer)
		case !r.Answer.Found:
			fmt.Fprintf(stdout, "     abstained; want %s\n", expected(r.Case))
		default:
			fmt.Fprintf(stdout, "     answered %q (right: %v, snippet holds it: %v); want %s\n", r.Answer.Answer, r.Right, r.InSnippet, expected(r.Case))
			if len(r.Answer.Citations) > 0 {
				fmt.Fprintf(stdout, "     top snippet [%s]: %s\n", r.Answer.Citations[0].PassageID, r.Answer.Citations[0].Snippet)
			}
		}
		if r.Case.Disputed && !r.DisputeShown {
			fmt.Fprintln(stdout, "     the sources disagree, and the reply does not say so")
		}
		if len(r.Case.AttributedTo) > 0 && !r.Attributed {
			fmt.Fprintf(stdout, "     a claim by any of %q, and the reply does not say whose\n", r.Case.AttributedTo)
		}
	}
	fmt.Fprintf(stdout, "\n%d questions", len(cases))
	if skipped > 0 {
		fmt.Fprintf(stdout, " (%d skipped: no expected answer)", skipped)
	}
	fmt.Fprintf(stdout, "\n%s\n", totals)
	return 0
}

func expected(c answer.Case) string {
	if len(c.All) > 0 {
		return fmt.Sprintf("all of %q", c.All)
	}
	return fmt.Sprintf("any of %q", c.Any)
}
