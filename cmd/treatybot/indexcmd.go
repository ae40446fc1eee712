package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/treatybot/treatybot/index"
)

func init() {
	commands["index"] = command{summary: "build the on-disk index of a corpus folder", run: runIndex}
}

func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("corpus", "", "corpus folder (default: the embedded corpus)")
	out := fs.String("out", "", "index folder to create or refresh (required)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: treatybot index [--corpus DIR] --out DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	c, err := loadCorpus(*dir, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "treatybot: %v\n", err)
		return 1
	}
	start := time.Now()
	ix, err := index.Build(ctx, c, index.Options{Dir: *out})
	if err != nil {
		fmt.Fprintf(stderr, "treatybot: %v\n", err)
		return 1
	}
	defer ix.Close()
	st := c.Stats()
	verb := "built"
	if ix.Reused() {
		verb = "reused (the corpus is unchanged)"
	}
	fmt.Fprintf(stdout, "index %s %s: %d documents, %d fact sheets, %d passages, corpus version %.12s, in %s\n",
		*out, verb, st.Documents, st.FactSheets, st.Passages, c.Version, time.Since(start).Round(time.Millisecond))
	return 0
}
