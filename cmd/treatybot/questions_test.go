package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/treatybot/treatybot/bot"
	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/library"
	"github.com/treatybot/treatybot/questionlog"
	"github.com/treatybot/treatybot/questions"
)

// TestExportThenEval: questions the bot did not get are exported as a
// question file that eval reads at once, skipping (and counting) the lines
// a moderator has not filled in yet.
func TestExportThenEval(t *testing.T) {
	dir := t.TempDir()
	ql, err := questionlog.Open(context.Background(), questionlog.Config{Path: filepath.Join(dir, "treatybot.db")})
	if err != nil {
		t.Fatal(err)
	}
	ql.Record(questions.Asked{Question: "Who won the 2018 World Cup?"})
	ql.Record(questions.Asked{Question: "who won the 2018 world cup"})
	id := ql.Record(questions.Asked{Question: "When was the INF Treaty signed?", Answered: true, Answer: "June 1, 1988", Confidence: 0.9})
	ql.Vote(id, "1001", false)
	ql.Record(questions.Asked{Question: "When did it enter into force?", Answered: true, Answer: "June 1, 1988", Confidence: 0.95})
	if err := ql.Close(context.Background()); err != nil {
		t.Fatal(err)
	}

	code, out, errs := run(t, "questions", "export", "--data", dir, "--since", "30d")
	if code != 0 {
		t.Fatalf("export: exit %d, %s", code, errs)
	}
	if !strings.Contains(out, `{"q":"who won the 2018 world cup","any":[]}`) && !strings.Contains(out, `{"q":"Who won the 2018 World Cup?","any":[]}`) {
		t.Errorf("export lacks the unanswered question, once:\n%s", out)
	}
	if strings.Count(out, "world cup")+strings.Count(out, "World Cup") != 1 || !strings.Contains(out, "# asked 2 times") {
		t.Errorf("similar questions are not grouped:\n%s", out)
	}
	if !strings.Contains(out, `the bot answered "June 1, 1988"`) || strings.Contains(out, "enter into force") {
		t.Errorf("export should hold the downvoted answer and not the confident one:\n%s", out)
	}
	_, down, _ := run(t, "questions", "export", "--data", dir, "--downvoted")
	_, un, _ := run(t, "questions", "export", "--data", dir, "--unanswered")
	if strings.Contains(down, "World Cup") || !strings.Contains(down, "INF") || strings.Contains(un, "INF") {
		t.Errorf("filters: --downvoted\n%s\n--unanswered\n%s", down, un)
	}

	// A moderator fills in one line; eval runs the file as it is.
	file := filepath.Join(dir, "gaps.jsonl")
	filled := strings.Replace(out, `{"q":"When was the INF Treaty signed?","any":[]}`, `{"q":"When was the INF Treaty signed?","any":["December 8, 1987"]}`, 1)
	if err := os.WriteFile(file, []byte(filled), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = run(t, "eval", file)
	if code != 0 || !strings.Contains(errs, "skipped 1 question with no expected answer") || !strings.Contains(out, "1 questions (1 skipped") ||
		!strings.Contains(out, "short answer right:        1/1") {
		t.Errorf("eval: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}

	if code, _, errs := run(t, "questions", "export", "--data", t.TempDir()); code == 0 || !strings.Contains(errs, "no question log") {
		t.Errorf("export without a log: exit %d, %q", code, errs)
	}
	if code, _, errs := run(t, "questions", "export", "--data", dir, "--since", "soon"); code != 2 || !strings.Contains(errs, "--since") {
		t.Errorf("bad --since: exit %d, %q", code, errs)
	}
}

func TestParseSince(t *testing.T) {
	now := time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{"30d": now.AddDate(0, 0, -30), "2025-01-02": time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)} {
		if got, err := parseSince(in, now); err != nil || !got.Equal(want) {
			t.Errorf("parseSince(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}

// TestModerationAdapter: the library's errors reach the bot as the bot's
// sentinels, with the library's error (and a FileError) still inside.
func TestModerationAdapter(t *testing.T) {
	if bot.MaxUpload != library.MaxFileSize {
		t.Errorf("bot.MaxUpload %d != library.MaxFileSize %d", bot.MaxUpload, library.MaxFileSize)
	}
	for _, p := range libraryErrors {
		err := botError(fmt.Errorf("add x: %w", p.lib))
		if !errors.Is(err, p.bot) || !errors.Is(err, p.lib) {
			t.Errorf("%v: mapped to %v, want both sentinels", p.lib, err)
		}
	}
	fe := &corpus.FileError{Path: "x.md", Line: 3, Msg: "bad"}
	var got *corpus.FileError
	if err := botError(fmt.Errorf("add: %w", fe)); !errors.As(err, &got) || got != fe {
		t.Errorf("FileError lost: %v", err)
	}
	lib, err := library.Open(context.Background(), library.Config{DataDir: t.TempDir(), Transient: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	m := moderation{lib}
	if err := m.CheckUpload("../evil.md", 10); !errors.Is(err, bot.ErrBadName) {
		t.Errorf("CheckUpload(../evil.md) = %v, want ErrBadName", err)
	}
	if err := m.CheckUpload("big.yml", 2<<20); !errors.Is(err, bot.ErrTooLarge) {
		t.Errorf("CheckUpload(big.yml, 2 MiB) = %v, want ErrTooLarge", err)
	}
	if err := m.CheckUpload("facts.yml", 100); err != nil {
		t.Errorf("CheckUpload(facts.yml) = %v, want nil", err)
	}
}

func TestOnOff(t *testing.T) {
	for v, want := range map[string]bool{"": true, "off": false, "OFF": false, "on": true, "0": false} {
		t.Setenv("LOG_QUESTIONS", v)
		if got, err := onOff("LOG_QUESTIONS", true); err != nil || got != want {
			t.Errorf("LOG_QUESTIONS=%q: %v, %v; want %v", v, got, err, want)
		}
	}
	t.Setenv("LOG_QUESTIONS", "maybe")
	if _, err := onOff("LOG_QUESTIONS", true); err == nil || !strings.Contains(err.Error(), "LOG_QUESTIONS") {
		t.Errorf("LOG_QUESTIONS=maybe: %v, want an error naming the variable", err)
	}
}
