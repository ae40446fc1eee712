package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/treatybot/treatybot/answer"
)

// runCV cross-validates the answer model, leaving one corpus out at a
// time, and prints the figures per question file and pooled.
func runCV(ctx context.Context, testdata, golden string, stdout, stderr io.Writer) int {
	start := time.Now()
	log, err := buildLog(ctx, testdata)
	if err != nil {
		fmt.Fprintf(stderr, "treatybot: %v\n", err)
		return 1
	}
	results, err := log.CrossValidate(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "treatybot: %v\n", err)
		return 1
	}
	byFile := map[string][]answer.Result{}
	var files []string
	for i, r := range results {
		_, file := log.Origin(i)
		if byFile[file] == nil {
			files = append(files, file)
		}
		byFile[file] = append(byFile[file], r)
	}
	sort.Strings(files)
	fmt.Fprintf(stdout, "leave-one-corpus-out over %d corpora, %d questions (%s)\n\n", len(log.Datasets), len(results), time.Since(start).Round(time.Second))
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "file\tright\ttop snippet\ttop 3\tabstained\tcoverage\tprecision\t")
	var blind, extra answer.Totals
	for _, f := range files {
		t := answer.Sum(byFile[f])
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%.1f%%\t%s\t\n", filepath.Base(f), frac(t.Right, t.Answerable), frac(t.InSnippet, t.Answerable),
			frac(t.InTop3, t.Answerable), frac(t.Abstained, t.Unanswerable), t.CoveragePct(), frac(t.GivenRight, t.Given))
		if strings.Contains(filepath.Base(f), "-extra") {
			extra = extra.Add(t)
		} else {
			blind = blind.Add(t)
		}
	}
	tw.Flush()
	fmt.Fprintf(stdout, "\nall files written blind (no -extra):\n%s\n", blind)
	fmt.Fprintf(stdout, "best candidate right:      %s (answered or not)\n", frac(blind.BestRight, blind.Answerable))
	fmt.Fprintf(stdout, "some candidate right:      %s (what ranking can reach)\n", frac(blind.Generated, blind.Answerable))
	fmt.Fprintf(stdout, "some passage holds it:     %s (what retrieval found)\n", frac(blind.Retrieved, blind.Answerable))
	if golden != "" {
		if err := writeGolden(golden, log, results); err != nil {
			fmt.Fprintf(stderr, "treatybot: %v\n", err)
			return 1
		}
	}
	return 0
}

func frac(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d %.1f%%", n, d, 100*float64(n)/float64(d))
}

// writeGolden writes one line per question: where it is, how it fared, and
// what was answered, so that a diff shows what a change gained and lost.
func writeGolden(path string, log *answer.TrainingLog, results []answer.Result) error {
	var b strings.Builder
	for i, r := range results {
		_, file := log.Origin(i)
		fmt.Fprintln(&b, answer.GoldenLine(filepath.Base(file), r))
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
