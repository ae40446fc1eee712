package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/treatybot/treatybot/bot"
	"github.com/treatybot/treatybot/questionlog"
	"github.com/treatybot/treatybot/questions"
)

func init() {
	commands["questions"] = command{summary: "export the questions members asked and did not get (question log)", run: runQuestions}
}

// lowConfidence is the bot's threshold for /corpus gaps.
const lowConfidence = bot.LowConfidence

func runQuestions(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "export" {
		fmt.Fprintln(stderr, "usage: treatybot questions export [--data DIR] [--since D] [--unanswered] [--downvoted] > file.jsonl")
		return 2
	}
	fs := flag.NewFlagSet("questions export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data folder holding treatybot.db (default $DATA_DIR, else ./data)")
	since := fs.String("since", "", "only questions asked since: a date (YYYY-MM-DD) or a number of days (30d)")
	unanswered := fs.Bool("unanswered", false, "only questions the bot did not answer")
	downvoted := fs.Bool("downvoted", false, "only answers voted 👎")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: treatybot questions export [--data DIR] [--since D] [--unanswered] [--downvoted] > file.jsonl")
		fmt.Fprintln(stderr, "\nWrites the questions members asked and did not get (unanswered, unsure, or voted 👎), one per group of")
		fmt.Fprintln(stderr, "similar questions, most asked first, in the question-file format with \"any\" empty for you to fill in;")
		fmt.Fprintln(stderr, "then `treatybot eval` keeps them answered.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	f := questions.Filter{Unanswered: *unanswered, Downvoted: *downvoted}
	if *since != "" {
		t, err := parseSince(*since, time.Now())
		if err != nil {
			fmt.Fprintf(stderr, "treatybot questions export: --since %v\n", err)
			return 2
		}
		f.Since = t
	}
	dir := *data
	if dir == "" {
		if dir = os.Getenv("DATA_DIR"); dir == "" {
			dir = "./data"
		}
	}
	path := filepath.Join(dir, "treatybot.db")
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(stderr, "treatybot questions export: no question log at %s (is LOG_QUESTIONS off, or --data wrong?)\n", path)
		return 1
	}
	l, err := questionlog.Open(ctx, questionlog.Config{Path: path})
	if err != nil {
		fmt.Fprintf(stderr, "treatybot questions export: %v\n", err)
		return 1
	}
	defer l.Close(context.Background())
	gaps, err := l.Export(ctx, f, lowConfidence)
	if err != nil {
		fmt.Fprintf(stderr, "treatybot questions export: %v\n", err)
		return 1
	}
	w := bufio.NewWriter(stdout)
	if err := writeQuestionFile(w, gaps); err != nil {
		fmt.Fprintf(stderr, "treatybot questions export: %v\n", err)
		return 1
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "treatybot questions export: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "treatybot: exported %d questions; fill in \"any\" and run treatybot eval on the file\n", len(gaps))
	return 0
}

// writeQuestionFile writes gaps in the question-file format: a comment line
// saying how each was asked and answered, then {"q": ..., "any": []}.
func writeQuestionFile(w io.Writer, gaps []questions.Gap) error {
	for _, g := range gaps {
		var why []string
		if g.Unanswered > 0 {
			why = append(why, fmt.Sprintf("unanswered %d", g.Unanswered))
		}
		if g.LowConfidence > 0 {
			why = append(why, fmt.Sprintf("unsure %d", g.LowConfidence))
		}
		if g.Downvoted > 0 {
			why = append(why, fmt.Sprintf("voted down %d", g.Downvoted))
		}
		note := fmt.Sprintf("# asked %d times, last %s: %s", g.Asked, g.LastAsked.UTC().Format("2006-01-02"), strings.Join(why, ", "))
		if g.LastAnswer != "" {
			note += "; the bot answered " + strconv.Quote(g.LastAnswer)
		}
		line, err := json.Marshal(struct {
			Q   string   `json:"q"`
			Any []string `json:"any"`
		}{g.Example, []string{}})
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "%s\n%s\n", strings.ReplaceAll(note, "\n", " "), line); err != nil {
			return err
		}
	}
	return nil
}

// parseSince reads --since: YYYY-MM-DD, or a number of days such as 30d.
func parseSince(s string, now time.Time) (time.Time, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if d, err := strconv.Atoi(n); err == nil && d >= 0 {
			return now.AddDate(0, 0, -d), nil
		}
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q: want a date (2025-01-31) or a number of days (30d)", s)
}
