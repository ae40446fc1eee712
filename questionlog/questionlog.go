// Package questionlog keeps the question log in SQLite, in
// DATA_DIR/treatybot.db, through modernc.org/sqlite, a pure-Go driver, so
// the binary still builds with CGO_ENABLED=0.
//
// It keeps two rules. Writes never block an answer: Record, Vote and
// Comment only queue the write, one goroutine writes, and a write that
// fails (a locked or read-only database, a full disk) is logged and
// dropped. And members are not stored by id: a vote stores a salted hash
// of the member and the question, enough to keep one vote each and useless
// to link a member's votes across questions.
package questionlog

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/treatybot/treatybot/questions"
)

// DefaultDays is how long questions are kept when Config.Days is 0.
const DefaultDays = 90

// Config says where the log is and how long it keeps questions.
type Config struct {
	Path   string // the database file, e.g. DATA_DIR/treatybot.db
	Days   int    // rows older than this are pruned; 0 = DefaultDays
	Logger *slog.Logger
	Now    func() time.Time // the clock (tests); nil = time.Now
	// QueueSize bounds the writes waiting for the writer; 0 = 4096. When
	// it is full a write is dropped (and logged) rather than waited for.
	QueueSize int
}

// ErrClosed is returned by the reading methods after Close.
var ErrClosed = errors.New("question log is closed")

// Log is an open question log. Its methods are safe for concurrent use.
type Log struct {
	db    *sql.DB
	log   *slog.Logger
	now   func() time.Time
	days  int
	salt  []byte
	queue chan func(context.Context) error

	mu     sync.RWMutex // guards closed against sends on queue
	closed bool
	done   chan struct{} // closed when the writer has stopped
}

// Open opens (creating if needed) the log at cfg.Path, brings its schema up
// to date, prunes old rows and starts the writer.
func Open(ctx context.Context, cfg Config) (*Log, error) {
	if cfg.Days <= 0 {
		cfg.Days = DefaultDays
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.QueueSize <= 0 {
		cfg.QueueSize = 4096
	}
	// WAL lets the moderators' reads run beside the writer, and a busy
	// timeout lets the shards of one data folder share the file.
	q := url.Values{"_pragma": {"busy_timeout(2000)", "journal_mode(WAL)", "synchronous(NORMAL)"}}
	db, err := sql.Open("sqlite", "file:"+cfg.Path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open question log %s: %w", cfg.Path, err)
	}
	db.SetMaxOpenConns(4)
	if err := migrate(ctx, db, len(migrations)); err != nil {
		db.Close()
		return nil, fmt.Errorf("open question log %s: %w", cfg.Path, err)
	}
	salt, err := voterSalt(ctx, db)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open question log %s: %w", cfg.Path, err)
	}
	l := &Log{db: db, log: cfg.Logger, now: cfg.Now, days: cfg.Days, salt: salt,
		queue: make(chan func(context.Context) error, cfg.QueueSize), done: make(chan struct{})}
	if err := l.prune(ctx); err != nil {
		l.log.Warn("question log: prune failed", "err", err)
	}
	go l.write()
	return l, nil
}

// voterSalt returns the salt of the voter hashes, made at random the first
// time.
func voterSalt(ctx context.Context, db *sql.DB) ([]byte, error) {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	if _, err := db.ExecContext(ctx, `INSERT OR IGNORE INTO meta(key, value) VALUES ('voter_salt', ?)`, hex.EncodeToString(b[:])); err != nil {
		return nil, fmt.Errorf("make the voter salt: %w", err)
	}
	var s string
	if err := db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'voter_salt'`).Scan(&s); err != nil {
		return nil, fmt.Errorf("read the voter salt: %w", err)
	}
	return hex.DecodeString(s)
}

// write is the writer: it runs the queued writes one after the other, and
// prunes once an hour.
func (l *Log) write() {
	defer close(l.done)
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		select {
		case op, ok := <-l.queue:
			if !ok {
				return
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			if err := op(ctx); err != nil {
				l.log.Warn("question log: write failed; the answer was sent all the same", "err", err)
			}
			cancel()
		case <-tick.C:
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			if err := l.prune(ctx); err != nil {
				l.log.Warn("question log: prune failed", "err", err)
			}
			cancel()
		}
	}
}

// enqueue queues a write without waiting: when the queue is full or the
// log closed, the write is dropped and logged.
func (l *Log) enqueue(what string, op func(context.Context) error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.closed {
		return
	}
	select {
	case l.queue <- op:
	default:
		l.log.Warn("question log: too many writes waiting; one dropped", "what", what)
	}
}

// Sync waits until the writes queued before it are done, or ctx ends. The
// reading methods call it, so that they see what was just recorded.
func (l *Log) Sync(ctx context.Context) error {
	done := make(chan struct{})
	l.mu.RLock()
	if l.closed {
		l.mu.RUnlock()
		return ErrClosed
	}
	select {
	case l.queue <- func(context.Context) error { close(done); return nil }:
	case <-ctx.Done():
		l.mu.RUnlock()
		return ctx.Err()
	}
	l.mu.RUnlock()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close stops taking writes, waits for the queued ones until ctx ends, and
// closes the database. Calling it again returns nil.
func (l *Log) Close(ctx context.Context) error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil
	}
	l.closed = true
	close(l.queue)
	l.mu.Unlock()
	select {
	case <-l.done:
	case <-ctx.Done():
		l.log.Warn("question log: closed with writes still queued")
	}
	return l.db.Close()
}

// newID is a random positive 63-bit id: shards sharing the file never
// collide, and an id can be handed out before its row is written.
func newID() int64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return int64(binary.BigEndian.Uint64(b[:])>>1) | 1
}

// Record queues one question and returns its id at once.
func (l *Log) Record(q questions.Asked) int64 {
	id := newID()
	passages, _ := json.Marshal(q.Passages) // a []string: cannot fail
	if q.Passages == nil {
		passages = []byte("[]")
	}
	at := q.At
	if at.IsZero() {
		at = l.now()
	}
	answered := 0
	if q.Answered {
		answered = 1
	}
	l.enqueue("record", func(ctx context.Context) error {
		_, err := l.db.ExecContext(ctx, `INSERT INTO questions(id, asked_at, guild_id, channel_id, question, norm, answered, answer, confidence, passages, corpus_version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, at.UnixMilli(), q.GuildID, q.ChannelID, q.Question, questions.Normalize(q.Question), answered, q.Answer, q.Confidence, string(passages), q.CorpusVersion)
		if err != nil {
			return fmt.Errorf("record question %d: %w", id, err)
		}
		return nil
	})
	return id
}

// voter is the salted hash that stands for member on question id.
func (l *Log) voter(id int64, member string) string {
	m := hmac.New(sha256.New, l.salt)
	m.Write([]byte(strconv.FormatInt(id, 10) + ":" + member))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// Vote queues member's vote on question id; a second vote replaces the
// first.
func (l *Log) Vote(id int64, member string, up bool) {
	v, at := l.voter(id, member), l.now().UnixMilli()
	l.enqueue("vote", func(ctx context.Context) error {
		_, err := l.db.ExecContext(ctx, `INSERT INTO votes(question_id, voter, up, at) VALUES (?, ?, ?, ?)
			ON CONFLICT(question_id, voter) DO UPDATE SET up = excluded.up, at = excluded.at`, id, v, up, at)
		if err != nil {
			return fmt.Errorf("vote on question %d: %w", id, err)
		}
		return nil
	})
}

// Comment queues what member said was wrong with the answer to question
// id, as part of their vote (a 👎 when they have not voted).
func (l *Log) Comment(id int64, member, text string) {
	v, at := l.voter(id, member), l.now().UnixMilli()
	l.enqueue("comment", func(ctx context.Context) error {
		_, err := l.db.ExecContext(ctx, `INSERT INTO votes(question_id, voter, up, comment, at) VALUES (?, ?, 0, ?, ?)
			ON CONFLICT(question_id, voter) DO UPDATE SET comment = excluded.comment`, id, v, text, at)
		if err != nil {
			return fmt.Errorf("comment on question %d: %w", id, err)
		}
		return nil
	})
}

// prune deletes the questions older than the kept days, and their votes.
func (l *Log) prune(ctx context.Context) error {
	cut := l.now().AddDate(0, 0, -l.days).UnixMilli()
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM votes WHERE question_id IN (SELECT id FROM questions WHERE asked_at < ?)`, cut); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM questions WHERE asked_at < ?`, cut)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		l.log.Info("question log: pruned old questions", "deleted", n, "days", l.days)
	}
	return nil
}

// gapSQL groups the questions since ?2 that members did not get — not
// answered, answered below confidence ?1, or voted down — by their
// normalised text, the most asked first. The bare columns (question,
// answer, corpus_version) come from each group's latest row, as SQLite
// does for a query with one max() aggregate.
const gapSQL = `
SELECT q.norm, q.question, max(q.asked_at), count(*),
	sum(q.answered = 0), sum(q.answered = 1 AND q.confidence < ?1), sum(d.question_id IS NOT NULL),
	q.answer, q.corpus_version
FROM questions q LEFT JOIN (SELECT DISTINCT question_id FROM votes WHERE up = 0) d ON d.question_id = q.id
WHERE q.asked_at >= ?2 AND (q.answered = 0 OR q.confidence < ?1 OR d.question_id IS NOT NULL)
	AND (?3 = 0 OR q.answered = 0) AND (?4 = 0 OR d.question_id IS NOT NULL)
GROUP BY q.norm
ORDER BY count(*) DESC, max(q.asked_at) DESC
LIMIT ?5`

// Gaps returns what members asked since since and did not get, grouped by
// normalised text, the most asked first, at most limit groups. An answer
// below lowConfidence counts as not got.
func (l *Log) Gaps(ctx context.Context, since time.Time, lowConfidence float64, limit int) ([]questions.Gap, error) {
	return l.gaps(ctx, since, lowConfidence, false, false, limit)
}

// Export returns the questions that f selects, one per group of similar
// questions, the most asked first: what `treatybot questions export`
// writes. Without Unanswered or Downvoted it returns every gap (as Gaps,
// with no limit), at the same low confidence.
func (l *Log) Export(ctx context.Context, f questions.Filter, lowConfidence float64) ([]questions.Gap, error) {
	return l.gaps(ctx, f.Since, lowConfidence, f.Unanswered, f.Downvoted, -1)
}

func (l *Log) gaps(ctx context.Context, since time.Time, low float64, unanswered, downvoted bool, limit int) ([]questions.Gap, error) {
	if err := l.Sync(ctx); err != nil {
		return nil, err
	}
	var s int64
	if !since.IsZero() {
		s = since.UnixMilli()
	}
	rows, err := l.db.QueryContext(ctx, gapSQL, low, s, unanswered, downvoted, limit)
	if err != nil {
		return nil, fmt.Errorf("read gaps: %w", err)
	}
	defer rows.Close()
	var out []questions.Gap
	for rows.Next() {
		var g questions.Gap
		var last int64
		if err := rows.Scan(&g.Norm, &g.Example, &last, &g.Asked, &g.Unanswered, &g.LowConfidence, &g.Downvoted, &g.LastAnswer, &g.CorpusVersion); err != nil {
			return nil, fmt.Errorf("read gaps: %w", err)
		}
		g.LastAsked = time.UnixMilli(last)
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read gaps: %w", err)
	}
	return out, nil
}

// Downvotes returns the latest 👎, newest first, at most limit.
func (l *Log) Downvotes(ctx context.Context, limit int) ([]questions.Downvote, error) {
	if err := l.Sync(ctx); err != nil {
		return nil, err
	}
	rows, err := l.db.QueryContext(ctx, `SELECT v.at, q.question, q.answer, q.passages, v.comment
		FROM votes v JOIN questions q ON q.id = v.question_id WHERE v.up = 0 ORDER BY v.at DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("read downvotes: %w", err)
	}
	defer rows.Close()
	var out []questions.Downvote
	for rows.Next() {
		var d questions.Downvote
		var at int64
		var passages string
		if err := rows.Scan(&at, &d.Question, &d.Answer, &passages, &d.Comment); err != nil {
			return nil, fmt.Errorf("read downvotes: %w", err)
		}
		d.At = time.UnixMilli(at)
		_ = json.Unmarshal([]byte(passages), &d.Passages) // written by Record; a bad row just shows no passage
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read downvotes: %w", err)
	}
	return out, nil
}
