package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/treatybot/treatybot/answer"
)

func init() {
	commands["train"] = command{summary: "train the answer model from the question files and write it", run: runTrain}
}

// sealedDir is the folder of testdata whose corpora take no part in
// training or tuning: their questions are measured once, at the end.
const sealedDir = "sealed"

func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(stderr)
	testdata := fs.String("testdata", "answer/testdata", "folder of corpora and question files")
	out := fs.String("out", "answer/model.json", "model file to write")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: treatybot train [--testdata DIR] [--out FILE]")
		fmt.Fprintln(stderr, "Trains the answer model on every corpus in DIR except sealed/, and writes it.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	start := time.Now()
	log, err := buildLog(ctx, *testdata)
	if err != nil {
		fmt.Fprintf(stderr, "treatybot: %v\n", err)
		return 1
	}
	m, err := log.Train()
	if err != nil {
		fmt.Fprintf(stderr, "treatybot: %v\n", err)
		return 1
	}
	data, err := m.MarshalIndent()
	if err == nil {
		err = os.WriteFile(*out, data, 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "treatybot: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "trained on %d questions over %d corpora (%d passage and %d span examples) in %s\n",
		m.Trained.Questions, len(m.Trained.Corpora), m.Trained.Passages, m.Trained.Spans, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(stdout, "answers at confidence >= %.3f; wrote %s\n", m.Threshold, *out)
	return 0
}

// buildLog logs every question of the unsealed datasets under testdata.
func buildLog(ctx context.Context, testdata string) (*answer.TrainingLog, error) {
	ds, err := answer.FindDatasets(testdata, sealedDir, "notes")
	if err != nil {
		return nil, err
	}
	return answer.BuildLog(ctx, ds)
}
