package bot

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/internal/fakediscord"
	"github.com/treatybot/treatybot/questionlog"
	"github.com/treatybot/treatybot/questions"
)

// learningAnswerer gets the Zephyr question wrong until the Zephyr article
// is added; adding it also changes the corpus version, as a real refresh
// does.
type learningAnswerer struct {
	mu      sync.Mutex
	learned bool
	c       *corpus.Corpus
}

func (a *learningAnswerer) Ask(ctx context.Context, q string) (corpus.Answer, error) {
	a.mu.Lock()
	learned := a.learned
	a.mu.Unlock()
	if !strings.Contains(strings.ToLower(q), "zephyr") {
		return answerByQuestion(ctx, q)
	}
	ans := infAnswer(q)   // the INF date: wrong
	ans.Confidence = 0.95 // sure, and wrong
	if learned {
		s := "The Zephyr Accord on undersea drones was signed in Reykjavik on March 5, 2024, by twelve coastal states."
		ans = corpus.Answer{Question: q, Found: true, Answer: "March 5, 2024", Confidence: 0.9, Citations: []corpus.Citation{{ID: "zephyr-accord",
			Title: "Zephyr Accord signed in Reykjavik", Source: "Example Wire", Snippet: s, PassageID: "zephyr-accord#2", Highlight: []int{70, 83}}}}
	}
	return ans, nil
}

func (a *learningAnswerer) Corpus() *corpus.Corpus {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.c
}

func (a *learningAnswerer) learn(t testing.TB) {
	c := testCorpus(t)
	c.Version = "v2"
	a.mu.Lock()
	a.learned, a.c = true, c
	a.mu.Unlock()
}

// TestE2EFeedbackToGaps is the moderators' loop in the fake Discord, with
// the real question log: a member asks, votes 👎 and says what was wrong; a
// moderator sees the question in /corpus gaps and the comment in /corpus
// feedback, adds the document, and /corpus gaps then marks the gap answered.
func TestE2EFeedbackToGaps(t *testing.T) {
	ql, err := questionlog.Open(context.Background(), questionlog.Config{Path: filepath.Join(t.TempDir(), "treatybot.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ql.Close(context.Background()) })
	ans := &learningAnswerer{c: testCorpus(t)}
	mod := &fakeModeration{added: func(string, []byte) { ans.learn(t) }}
	e := startE2EWith(t, ans, mod, ql)
	fd := e.fd
	const q = "When was the Zephyr Accord signed?"

	ask := fixture(t, "ask.json", "81", "")
	ask["data"].(map[string]any)["options"] = []any{map[string]any{"name": "question", "type": 3, "value": q}}
	must(t, fd.Dispatch("INTERACTION_CREATE", ask))
	card := e.editFor(t, "tok-81")
	var down string
	for _, b := range card.Buttons {
		if strings.HasPrefix(b.CustomID, feedbackDown) {
			down = b.CustomID
		}
	}
	if down == "" {
		t.Fatalf("card has no 👎 button: %+v", card.Buttons)
	}
	id := strings.TrimPrefix(down, feedbackDown)

	// 👎, then the optional comment through the modal.
	clickJSON := func(iid, customID string) map[string]any {
		m := fixture(t, "more_button.json", iid, "")
		m["data"] = map[string]any{"custom_id": customID, "component_type": 2}
		return m
	}
	must(t, fd.Dispatch("INTERACTION_CREATE", clickJSON("82", down)))
	if c := e.rawCallback(t, "82"); c.Type != 4 || c.Data.Flags != 64 || !strings.Contains(c.Data.Content, "wrong or unhelpful") {
		t.Errorf("👎 acknowledgement = %+v, want it ephemeral", c)
	}
	must(t, fd.Dispatch("INTERACTION_CREATE", clickJSON("83", feedbackComment+id)))
	if c := e.rawCallback(t, "83"); c.Type != 9 || c.Data.CustomID != feedbackModal+id {
		t.Errorf("comment button callback = %+v, want the modal %s", c, feedbackModal+id)
	}
	submit := fixture(t, "more_button.json", "84", "")
	submit["type"] = 5
	submit["data"] = map[string]any{"custom_id": feedbackModal + id, "components": []any{map[string]any{"type": 1, "components": []any{
		map[string]any{"type": 4, "custom_id": feedbackField, "value": "That is the INF Treaty's date"}}}}}
	must(t, fd.Dispatch("INTERACTION_CREATE", submit))
	if c := e.rawCallback(t, "84"); c.Type != 4 || c.Data.Flags != 64 || !strings.Contains(c.Data.Content, "Thanks") {
		t.Errorf("modal submit callback = %+v, want an ephemeral thanks", c)
	}

	corpusCmd := func(iid, sub string) {
		m := fixture(t, "corpus_status_mod.json", iid, "")
		m["data"].(map[string]any)["options"] = []any{map[string]any{"name": sub, "type": 1}}
		must(t, fd.Dispatch("INTERACTION_CREATE", m))
	}
	corpusCmd("85", "gaps")
	gaps := e.editFor(t, "tok-85").Embeds[0].Description
	if !strings.Contains(gaps, "“"+q+"” — 👎 1") || strings.Contains(gaps, "✅") {
		t.Errorf("gaps before the fix:\n%s", gaps)
	}
	corpusCmd("86", "feedback")
	if fb := text(e.editFor(t, "tok-86")); !strings.Contains(fb, "💬 That is the INF Treaty's date") || !strings.Contains(fb, "cited “Reagan and Gorbachev signed") {
		t.Errorf("feedback:\n%s", fb)
	}

	add := fixture(t, "corpus_add.json", "87", "")
	url := fd.AddFile("attachments/1/321/zephyr-accord.md", []byte("Zephyr Accord signed in Reykjavik\n\nIt was signed on March 5, 2024.\n"))
	add["data"].(map[string]any)["resolved"].(map[string]any)["attachments"].(map[string]any)["321"].(map[string]any)["url"] = url
	must(t, fd.Dispatch("INTERACTION_CREATE", add))
	if rep := text(e.editFor(t, "tok-87")); !strings.Contains(rep, "Document added") || !strings.Contains(rep, "**By:** <@1001>") {
		t.Errorf("add report:\n%s", rep)
	}
	corpusCmd("88", "gaps")
	if gaps := text(e.editFor(t, "tok-88")); !strings.Contains(gaps, "✅ the corpus answers it now: **March 5, 2024**") {
		t.Errorf("gaps after the fix do not mark the gap answered:\n%s", gaps)
	}
	checkAllPayloads(t, fd)
}

// rawCallback is a callback decoded loosely enough for modals and buttons.
type rawCallbackBody struct {
	Type int `json:"type"`
	Data struct {
		Content  string `json:"content"`
		Flags    int    `json:"flags"`
		CustomID string `json:"custom_id"`
	} `json:"data"`
}

func (e *e2e) rawCallback(t *testing.T, id string) rawCallbackBody {
	t.Helper()
	var rs []fakediscord.Request
	waitFor(t, e.fd, "callback of "+id, func() bool { rs = e.fd.Requests("POST", "/interactions/"+id+"/"); return len(rs) > 0 })
	var c rawCallbackBody
	if err := json.Unmarshal(rs[len(rs)-1].Body, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// startE2EWith is startE2E with a question log.
func startE2EWith(t testing.TB, ans Answerer, mod Moderation, ql QuestionLog) *e2e {
	t.Helper()
	return startE2EConfig(t, ans, mod, nil, func(c *Config) { c.Questions = ql })
}

// timedLog measures how long Record takes: the time the question log adds
// to each answer.
type timedLog struct {
	QuestionLog
	mu   sync.Mutex
	took []time.Duration
}

func (l *timedLog) Record(q questions.Asked) int64 {
	start := time.Now()
	id := l.QuestionLog.Record(q)
	d := time.Since(start)
	l.mu.Lock()
	l.took = append(l.took, d)
	l.mu.Unlock()
	return id
}

// BenchmarkQuestionLogUnderLoad runs the bot's load test (200 questions
// from 20 members) with the real question log on disk, and reports the
// time its writes add to an answer: Record's p99 and max, in microseconds.
func BenchmarkQuestionLogUnderLoad(b *testing.B) {
	ql, err := questionlog.Open(context.Background(), questionlog.Config{Path: filepath.Join(b.TempDir(), "treatybot.db")})
	if err != nil {
		b.Fatal(err)
	}
	defer ql.Close(context.Background())
	tl := &timedLog{QuestionLog: ql}
	e := startE2EWith(b, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(b)}, nil, tl)
	b.ResetTimer()
	base := 200000
	for range b.N {
		e.bot.limit = newLimiter(rateBurst, rateEvery) // every run starts with full bursts
		runLoad(b, e, 200, 20, base)
		base += 200
	}
	b.StopTimer()
	tl.mu.Lock()
	took := slices.Clone(tl.took)
	tl.mu.Unlock()
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	if len(took) == 0 {
		b.Fatal("no question was recorded")
	}
	p99 := took[len(took)*99/100]
	b.ReportMetric(float64(p99.Nanoseconds())/1e3, "record-p99-µs")
	b.ReportMetric(float64(took[len(took)-1].Nanoseconds())/1e3, "record-max-µs")
	b.ReportMetric(float64(len(took))/float64(b.N), "recorded/op")
	if testing.Verbose() {
		fmt.Printf("question log: %d records, p99 %v, max %v\n", len(took), p99, took[len(took)-1])
	}
}

// TestAnswersWhileLogLocked: with the question log's database locked by
// another process, /ask still gets its card at once, and the failed write
// is logged.
func TestAnswersWhileLogLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "treatybot.db")
	logs := &syncBuffer{}
	ql, err := questionlog.Open(context.Background(), questionlog.Config{Path: path, Logger: slogTo(logs)})
	if err != nil {
		t.Fatal(err)
	}
	defer ql.Close(context.Background())
	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	b, _ := newLoggedBot(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, nil, ql)
	card, _ := run(t, b, loadInteraction(t, "ask.json")) // would wait out the lock if Record wrote in place
	if !strings.HasPrefix(card.Embeds[0].Description, "**December 8, 1987**") || len(card.Buttons) != 3 {
		t.Fatalf("card while the log is locked = %q", text(card))
	}
	if err := ql.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "write failed; the answer was sent all the same") {
		t.Errorf("the failed write is not logged:\n%s", logs.String())
	}
	conn.ExecContext(context.Background(), "ROLLBACK")
}
