package questionlog

import (
	"bytes"
	"context"
	"database/sql"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/treatybot/treatybot/questions"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func open(t *testing.T, path string, now func() time.Time) (*Log, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	l, err := Open(context.Background(), Config{Path: path, Now: now, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close(context.Background()) })
	return l, logs
}

func TestRecordVoteGaps(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	l, _ := open(t, filepath.Join(t.TempDir(), "treatybot.db"), func() time.Time { return now })
	l.Record(questions.Asked{Question: "Who won the 2018 World Cup?", CorpusVersion: "v1"})
	l.Record(questions.Asked{Question: "who won the 2018 world cup", CorpusVersion: "v1"})
	l.Record(questions.Asked{Question: "When was it signed?", Answered: true, Answer: "1987", Confidence: 0.9, Passages: []string{"d#1"}})
	low := l.Record(questions.Asked{Question: "Where was it signed?", Answered: true, Answer: "Moscow", Confidence: 0.4, Passages: []string{"d#2"}})
	down := l.Record(questions.Asked{Question: "Who criticized Washington?", Answered: true, Answer: "Moscow", Confidence: 0.8, Passages: []string{"tass#7", "tass#8"}})
	l.Vote(down, "1001", true)
	l.Vote(down, "1001", false) // a second click changes the vote
	l.Comment(down, "1001", "Berlin and Beijing did")
	l.Vote(down, "1002", true)
	l.Vote(low, "1003", true)

	gaps, err := l.Gaps(ctx, now.AddDate(0, 0, -30), 0.5, 25)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]questions.Gap{}
	for _, g := range gaps {
		got[g.Example] = g
	}
	if len(gaps) != 3 || gaps[0].Asked != 2 || gaps[0].Unanswered != 2 {
		t.Fatalf("gaps = %+v, want 3 groups, the World Cup first (asked twice, unanswered)", gaps)
	}
	if g := got["Where was it signed?"]; g.LowConfidence != 1 || g.LastAnswer != "Moscow" {
		t.Errorf("low-confidence gap = %+v", g)
	}
	if g := got["Who criticized Washington?"]; g.Downvoted != 1 {
		t.Errorf("downvoted gap = %+v, want Downvoted 1 (one member changed their vote to 👎)", g)
	}
	if _, ok := got["When was it signed?"]; ok {
		t.Error("a confident answer nobody voted down is listed as a gap")
	}

	dvs, err := l.Downvotes(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(dvs) != 1 || dvs[0].Comment != "Berlin and Beijing did" || dvs[0].Answer != "Moscow" || len(dvs[0].Passages) != 2 || dvs[0].Passages[0] != "tass#7" {
		t.Errorf("downvotes = %+v, want the one 👎 with its comment and cited passages", dvs)
	}

	// Members are not stored by id.
	var n int
	if err := l.db.QueryRow(`SELECT count(*) FROM votes WHERE voter LIKE '%1001%' OR voter LIKE '%1002%'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("a member id is stored in votes (n=%d, err=%v)", n, err)
	}
	var a, b string
	l.db.QueryRow(`SELECT voter FROM votes WHERE question_id = ?`, down).Scan(&a)
	if b = l.voter(low, "1001"); a == b {
		t.Error("one member hashes alike on two questions: votes could be linked")
	}

	// Export filters.
	un, _ := l.Export(ctx, questions.Filter{Unanswered: true}, 0.5)
	dv, _ := l.Export(ctx, questions.Filter{Downvoted: true}, 0.5)
	all, _ := l.Export(ctx, questions.Filter{}, 0.5)
	if len(un) != 1 || len(dv) != 1 || len(all) != 3 {
		t.Errorf("export unanswered %d, downvoted %d, all %d; want 1, 1, 3", len(un), len(dv), len(all))
	}
}

func TestPrune(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "treatybot.db")
	l, _ := open(t, path, func() time.Time { return now })
	old := l.Record(questions.Asked{Question: "old question", At: now.AddDate(0, 0, -91)})
	l.Vote(old, "1", false)
	l.Record(questions.Asked{Question: "recent question", At: now.AddDate(0, 0, -89)})
	if err := l.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := l.prune(context.Background()); err != nil {
		t.Fatal(err)
	}
	var q, v int
	l.db.QueryRow(`SELECT count(*) FROM questions`).Scan(&q)
	l.db.QueryRow(`SELECT count(*) FROM votes`).Scan(&v)
	if q != 1 || v != 0 {
		t.Errorf("after pruning at 90 days: %d questions, %d votes; want 1 and 0", q, v)
	}
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "treatybot.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	// A database at version 1, with a question in it, as an older
	// treatybot left it.
	if err := migrate(ctx, db, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO questions(id, asked_at, question, norm, answered) VALUES (7, ?, 'kept?', 'kept', 0)`, time.Now().UnixMilli()); err != nil {
		t.Fatal(err)
	}
	var v int
	db.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != 1 {
		t.Fatalf("user_version = %d, want 1", v)
	}
	db.Close()

	l, _ := open(t, path, nil)
	l.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != len(migrations) {
		t.Errorf("after Open, user_version = %d, want %d", v, len(migrations))
	}
	l.Vote(7, "1001", false) // the votes table of version 2 works
	gaps, err := l.Gaps(ctx, time.Time{}, 0.5, 10)
	if err != nil || len(gaps) != 1 || gaps[0].Example != "kept?" || gaps[0].Downvoted != 1 {
		t.Errorf("gaps after migration = %+v, %v; want the old question, voted down", gaps, err)
	}
	l.Close(ctx)

	// Opening again changes nothing; a newer schema is refused.
	l2, _ := open(t, path, nil)
	l2.Close(ctx)
	db, _ = sql.Open("sqlite", "file:"+path)
	db.Exec(`PRAGMA user_version = 99`)
	db.Close()
	if _, err := Open(ctx, Config{Path: path}); err == nil || !strings.Contains(err.Error(), "newer than this treatybot knows") {
		t.Errorf("Open of a version 99 database: %v, want a refusal naming the version", err)
	}
}

// TestLockedOrReadOnly: while another connection holds the database locked,
// or the database refuses writes, Record still returns at once, the failed
// write is logged, and writing resumes afterwards.
func TestLockedOrReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "treatybot.db")
	l, logs := open(t, path, nil)

	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN EXCLUSIVE`); err != nil {
		t.Fatal(err)
	}
	returned := make(chan int64, 1)
	go func() { returned <- l.Record(questions.Asked{Question: "asked while locked"}) }()
	<-returned // Record does not wait for the lock: this would hang if it did
	if err := l.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "write failed") {
		t.Errorf("the failed write is not logged:\n%s", logs.String())
	}
	conn.ExecContext(ctx, `ROLLBACK`)
	conn.Close()

	// Read-only: every connection refuses writes.
	l.db.SetMaxOpenConns(1)
	if _, err := l.db.Exec(`PRAGMA query_only = ON`); err != nil {
		t.Fatal(err)
	}
	before := strings.Count(logs.String(), "write failed")
	l.Record(questions.Asked{Question: "asked while read-only"})
	l.Sync(ctx)
	if strings.Count(logs.String(), "write failed") != before+1 {
		t.Errorf("the write to a read-only database is not logged:\n%s", logs.String())
	}
	l.db.Exec(`PRAGMA query_only = OFF`)
	l.Record(questions.Asked{Question: "asked afterwards"})
	gaps, err := l.Gaps(ctx, time.Time{}, 0.5, 10)
	if err != nil || len(gaps) != 1 || gaps[0].Example != "asked afterwards" {
		t.Errorf("gaps = %+v, %v; want only the question asked after the database came back", gaps, err)
	}
}

// TestFullQueueDrops: when the writer is far behind, a write is dropped and
// logged instead of waited for.
func TestFullQueueDrops(t *testing.T) {
	logs := &syncBuffer{}
	l := &Log{log: slog.New(slog.NewTextHandler(logs, nil)), queue: make(chan func(context.Context) error, 1), done: make(chan struct{}), now: time.Now}
	l.enqueue("a", func(context.Context) error { return nil })
	l.enqueue("b", func(context.Context) error { return nil })
	if !strings.Contains(logs.String(), "dropped") {
		t.Errorf("a write past the queue's end is not logged as dropped: %q", logs.String())
	}
}
