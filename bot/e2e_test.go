package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/treatybot/treatybot/internal/fakediscord"
)

// syncBuffer is a log sink tests can read while handlers write.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type e2e struct {
	fd   *fakediscord.Server
	bot  *Bot
	logs *syncBuffer
}

// startE2E runs the real discordgo client, through New and Start, against a
// fake Discord reached through Config.APIBase (DISCORD_API_BASE).
func startE2E(t testing.TB, ans Answerer, mod Moderation, fd *fakediscord.Server) *e2e {
	t.Helper()
	return startE2EConfig(t, ans, mod, fd, nil)
}

// startE2EConfig is startE2E with a last say on the bot's Config.
func startE2EConfig(t testing.TB, ans Answerer, mod Moderation, fd *fakediscord.Server, config func(*Config)) *e2e {
	t.Helper()
	if fd == nil {
		fd = fakediscord.Start()
		t.Cleanup(fd.Close) // runs last: the bot closes first
	}
	logs := &syncBuffer{}
	cfg := Config{Token: "test-token", APIBase: fd.URL(), GuildID: "500", ModeratorRoleIDs: []string{"888"},
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	if config != nil {
		config(&cfg)
	}
	b, err := New(cfg, ans, mod)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := b.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
		if strings.Contains(logs.String(), "test-token") {
			t.Errorf("the token appears in the log:\n%s", logs.String())
		}
	})
	_, _, hb := fd.Counts()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- b.Start(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-ctx.Done():
		t.Fatal("Start did not return within 10 s")
	}
	// Closing right after Open races discordgo's first heartbeat; wait for it.
	waitFor(t, fd, "first heartbeat", func() bool { _, _, n := fd.Counts(); return n > hb })
	return &e2e{fd: fd, bot: b, logs: logs}
}

// waitFor waits until cond holds, re-checking at every change the fake records.
func waitFor(t testing.TB, fd *fakediscord.Server, what string, cond func() bool) {
	t.Helper()
	if !fd.Wait(15*time.Second, cond) {
		t.Fatalf("timed out waiting for %s", what)
	}
}

// fixture returns a testdata interaction as a map, with a fresh id and token.
func fixture(t testing.TB, file, id, user string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if id != "" {
		m["id"], m["token"] = id, "tok-"+id
	}
	if user != "" {
		if mem, ok := m["member"].(map[string]any); ok {
			mem["user"] = map[string]any{"id": user, "username": "user" + user}
		} else {
			m["author"] = map[string]any{"id": user, "username": "user" + user}
		}
	}
	return m
}

// callback is a decoded interaction callback.
type callback struct {
	Type int                               `json:"type"`
	Data discordgo.InteractionResponseData `json:"data"`
}

func decodeCallback(t testing.TB, r fakediscord.Request) callback {
	t.Helper()
	var c callback
	if err := json.Unmarshal(r.Body, &c); err != nil {
		t.Fatalf("decode callback %s: %v", r.Body, err)
	}
	return c
}

// callbackFor returns the successful callback of interaction id, once it came.
func (e *e2e) callbackFor(t testing.TB, id string) callback {
	t.Helper()
	var got []fakediscord.Request
	waitFor(t, e.fd, "callback of "+id, func() bool {
		got = e.fd.Requests("POST", "/interactions/"+id+"/")
		return len(got) > 0
	})
	return decodeCallback(t, got[len(got)-1])
}

// editFor returns the edit of interaction token tok's original response.
func (e *e2e) editFor(t testing.TB, tok string) Reply {
	t.Helper()
	var got []fakediscord.Request
	waitFor(t, e.fd, "edit of "+tok, func() bool {
		got = e.fd.Requests("PATCH", "/webhooks/"+fakediscord.AppID+"/"+tok+"/messages/@original")
		return len(got) > 0
	})
	return decodeReply(t, got[len(got)-1].Body)
}

func decodeReply(t testing.TB, body []byte) Reply {
	t.Helper()
	var m discordgo.Message
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	r := Reply{Content: m.Content, Embeds: m.Embeds, Ephemeral: m.Flags&discordgo.MessageFlagsEphemeral != 0}
	for _, row := range m.Components {
		if ar, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if b, ok := c.(*discordgo.Button); ok {
					r.Buttons = append(r.Buttons, *b)
				}
			}
		}
	}
	return r
}

// checkAllPayloads checks every message-bearing request the bot made:
// empty allowed mentions and Discord's limits.
func checkAllPayloads(t *testing.T, fd *fakediscord.Server) {
	t.Helper()
	for _, r := range fd.Requests("", "/") {
		isMsg := strings.HasPrefix(r.Path, "/interactions/") || (strings.HasPrefix(r.Path, "/webhooks/") && r.Method != "DELETE") ||
			(strings.HasPrefix(r.Path, "/channels/") && r.Method == "POST")
		if !isMsg {
			continue
		}
		if err := checkNoMentions(r.Body); err != nil {
			t.Errorf("%s %s: %v\n%s", r.Method, r.Path, err, r.Body)
		}
		body := r.Body
		if strings.HasPrefix(r.Path, "/interactions/") {
			var c struct {
				Data json.RawMessage `json:"data"`
			}
			_ = json.Unmarshal(r.Body, &c)
			body = c.Data
		}
		checkLimits(t, decodeReply(t, body))
	}
}

func TestE2ERegistration(t *testing.T) {
	fd := fakediscord.Start()
	defer fd.Close()
	ans := &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}
	t.Run("first start overwrites", func(t *testing.T) {
		startE2E(t, ans, nil, fd)
		gets := fd.Requests("GET", "/applications/42/guilds/500/commands")
		puts := fd.Requests("PUT", "/applications/42/guilds/500/commands")
		if len(gets) != 1 || len(puts) != 1 {
			t.Fatalf("GET %d, PUT %d; want 1 and 1", len(gets), len(puts))
		}
		var cmds []discordgo.ApplicationCommand
		if err := json.Unmarshal(puts[0].Body, &cmds); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range cmds {
			names = append(names, c.Name)
		}
		if got, want := strings.Join(names, " "), "ask facts timeline sources help"; got != want {
			t.Errorf("registered %q, want %q", got, want)
		}
	})
	t.Run("second start changes nothing", func(t *testing.T) {
		startE2E(t, ans, nil, fd)
		if gets, puts := fd.Requests("GET", "/applications/42/guilds/500/commands"), fd.Requests("PUT", "/applications/"); len(gets) != 2 || len(puts) != 1 {
			t.Errorf("GET %d, PUT %d; want 2 and still 1", len(gets), len(puts))
		}
	})
	t.Run("a changed set is overwritten", func(t *testing.T) {
		fd.SetCommands("500", json.RawMessage(`[{"id":"1","name":"ask","description":"old","type":1}]`))
		startE2E(t, ans, &fakeModeration{}, fd)
		puts := fd.Requests("PUT", "/applications/42/guilds/500/commands")
		if len(puts) != 2 {
			t.Fatalf("PUT %d, want 2", len(puts))
		}
		if !strings.Contains(string(puts[1].Body), `"name":"corpus"`) || !strings.Contains(string(puts[1].Body), `"default_member_permissions":"32"`) {
			t.Errorf("overwrite lacks /corpus with Manage Server: %s", puts[1].Body)
		}
	})
	checkAllPayloads(t, fd)
}

func TestE2ECommands(t *testing.T) {
	e := startE2E(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, nil, nil)
	fd := e.fd

	// /ask, public: deferred without flags, then the card as an edit.
	must(t, fd.Dispatch("INTERACTION_CREATE", fixture(t, "ask.json", "1", "")))
	if c := e.callbackFor(t, "1"); c.Type != 5 || c.Data.Flags != 0 {
		t.Errorf("/ask callback type %d flags %d, want 5 and 0", c.Type, c.Data.Flags)
	}
	card := e.editFor(t, "tok-1")
	if len(card.Embeds) != 1 || !strings.HasPrefix(card.Embeds[0].Description, "**December 8, 1987**") ||
		card.Embeds[0].URL != "https://example.org/inf" || len(card.Buttons) != 1 {
		t.Fatalf("card = %q", text(card))
	}

	// "More sources": ephemeral, from the server-side store.
	click := fixture(t, "more_button.json", "2", "")
	click["data"] = map[string]any{"custom_id": card.Buttons[0].CustomID, "component_type": 2}
	must(t, fd.Dispatch("INTERACTION_CREATE", click))
	if c := e.callbackFor(t, "2"); c.Type != 4 || c.Data.Flags != discordgo.MessageFlagsEphemeral || len(c.Data.Embeds) != 1 {
		t.Errorf("more sources callback = %+v", c)
	}

	// /ask private: an ephemeral deferral.
	must(t, fd.Dispatch("INTERACTION_CREATE", fixture(t, "ask_private.json", "3", "")))
	if c := e.callbackFor(t, "3"); c.Type != 5 || c.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("private /ask callback type %d flags %d, want 5 and 64", c.Type, c.Data.Flags)
	}
	e.editFor(t, "tok-3")

	// No answer: says so and suggests /sources.
	must(t, fd.Dispatch("INTERACTION_CREATE", fixture(t, "ask_noanswer.json", "4", "")))
	if r := e.editFor(t, "tok-4"); !strings.Contains(r.Content, "/sources") {
		t.Errorf("no-answer edit = %q", r.Content)
	}

	immediate := []struct {
		file, id  string
		ephemeral bool
		want      string
	}{
		{"ask_long.json", "10", true, "under 500"},
		{"facts.json", "11", false, "INF Treaty"},
		{"timeline.json", "12", false, "1987-12-08"},
		{"timeline_bad.json", "13", true, "not a date"},
		{"sources.json", "14", false, "**INF Treaty** (fact sheet, 3 facts"},
		{"help.json", "15", true, "/timeline"},
	}
	for _, tt := range immediate {
		must(t, fd.Dispatch("INTERACTION_CREATE", fixture(t, tt.file, tt.id, "")))
		c := e.callbackFor(t, tt.id)
		r := Reply{Content: c.Data.Content, Embeds: c.Data.Embeds}
		if c.Type != 4 || (c.Data.Flags == discordgo.MessageFlagsEphemeral) != tt.ephemeral || !strings.Contains(text(r), tt.want) {
			t.Errorf("%s: callback type %d flags %d text %q; want type 4, ephemeral %v, containing %q", tt.file, c.Type, c.Data.Flags, text(r), tt.ephemeral, tt.want)
		}
	}

	// Autocomplete.
	must(t, fd.Dispatch("INTERACTION_CREATE", fixture(t, "facts_autocomplete.json", "20", "")))
	if c := e.callbackFor(t, "20"); c.Type != 8 || len(c.Data.Choices) == 0 || c.Data.Choices[0].Value != "INF Treaty" {
		t.Errorf("autocomplete callback = %+v", c)
	}
	checkAllPayloads(t, fd)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestE2EMention(t *testing.T) {
	e := startE2E(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, nil, nil)
	// A bot's message is ignored; the user's is answered as a reply.
	must(t, e.fd.Dispatch("MESSAGE_CREATE", fixture(t, "mention_bot_author.json", "", "")))
	m := fixture(t, "mention_everyone.json", "", "")
	m["id"] = "8801"
	must(t, e.fd.Dispatch("MESSAGE_CREATE", m))
	var got []fakediscord.Request
	waitFor(t, e.fd, "mention reply", func() bool { got = e.fd.Requests("POST", "/channels/600/messages"); return len(got) > 0 })
	must(t, e.fd.Dispatch("MESSAGE_CREATE", fixture(t, "mention_bare.json", "", "")))
	waitFor(t, e.fd, "help reply", func() bool { got = e.fd.Requests("POST", "/channels/600/messages"); return len(got) > 1 })
	var first struct {
		Ref struct {
			MessageID string `json:"message_id"`
		} `json:"message_reference"`
	}
	must(t, json.Unmarshal(got[0].Body, &first))
	if first.Ref.MessageID != "8801" {
		t.Errorf("first reply refers to %q, want 8801 (the bot's own message must be ignored)", first.Ref.MessageID)
	}
	if r := decodeReply(t, got[0].Body); !strings.Contains(text(r), "**December 8, 1987**") {
		t.Errorf("mention reply = %q", text(r))
	}
	if r := decodeReply(t, got[1].Body); !strings.Contains(r.Content, "mention me with a question") {
		t.Errorf("bare mention reply = %q", r.Content)
	}
	checkAllPayloads(t, e.fd)
}

func TestE2EReconnect(t *testing.T) {
	e := startE2E(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, nil, nil)
	_, resumes, _ := e.fd.Counts()
	e.fd.DropConnections()
	waitFor(t, e.fd, "resume", func() bool { _, r, _ := e.fd.Counts(); return r > resumes && e.fd.Connected() == 1 })
	must(t, e.fd.Dispatch("INTERACTION_CREATE", fixture(t, "ask.json", "31", "")))
	if r := e.editFor(t, "tok-31"); len(r.Embeds) == 0 {
		t.Errorf("after reconnect, edit = %q", text(r))
	}
}

func TestE2ERateLimited429(t *testing.T) {
	e := startE2E(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, nil, nil)
	e.fd.FailNext("POST", "/interactions/41/", 1, 0.2)
	e.fd.FailNext("PATCH", "/webhooks/42/tok-42/", 1, 0.2)
	e.fd.FailNext("POST", "/channels/600/messages", 1, 0.2)
	must(t, e.fd.Dispatch("INTERACTION_CREATE", fixture(t, "help.json", "41", "")))
	must(t, e.fd.Dispatch("INTERACTION_CREATE", fixture(t, "ask.json", "42", "")))
	must(t, e.fd.Dispatch("MESSAGE_CREATE", fixture(t, "mention.json", "", "")))
	for _, p := range []struct{ method, prefix string }{{"POST", "/interactions/41/"}, {"PATCH", "/webhooks/42/tok-42/"}, {"POST", "/channels/600/messages"}} {
		var got []fakediscord.Request
		waitFor(t, e.fd, "retry of "+p.prefix, func() bool { got = e.fd.Requests(p.method, p.prefix); return len(got) >= 2 })
		if waited := got[1].At.Sub(got[0].At); waited < 150*time.Millisecond {
			t.Errorf("%s %s retried after %v, want the 0.2 s Retry-After waited out", p.method, p.prefix, waited)
		}
	}
	checkAllPayloads(t, e.fd)
}

// TestE2ELoad sends 200 questions from 20 users at once: every one is
// answered or refused with the ephemeral slow-down, and none is lost.
func TestE2ELoad(t *testing.T) {
	e := startE2E(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, nil, nil)
	n, rate := runLoad(t, e, 200, 20, 1000)
	t.Logf("load: %d questions from 20 users answered or refused in full at %.0f questions/s", n, rate)
}

// runLoad dispatches n /ask interactions from users users at once, with ids
// from base, and waits until each has its final reply. It returns how many
// were handled and the rate per second.
func runLoad(t testing.TB, e *e2e, n, users, base int) (int, float64) {
	t.Helper()
	start := time.Now()
	var wg sync.WaitGroup
	for k := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprint(base + k)
			if err := e.fd.Dispatch("INTERACTION_CREATE", fixture(t, "ask.json", id, fmt.Sprint(5000+base+k%users))); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	answered, limited := 0, 0
	waitFor(t, e.fd, fmt.Sprintf("%d questions handled", n), func() bool {
		answered, limited = 0, 0
		cbs := e.fd.Requests("POST", "/interactions/")
		edits := map[string]bool{}
		for _, r := range e.fd.Requests("PATCH", "/webhooks/") {
			edits[strings.Split(r.Path, "/")[3]] = true
		}
		for _, r := range cbs {
			var c callback
			_ = json.Unmarshal(r.Body, &c)
			id := strings.Split(r.Path, "/")[2]
			var k int
			fmt.Sscan(id, &k)
			if k < base || k >= base+n {
				continue
			}
			switch {
			case c.Type == 5 && edits["tok-"+id]:
				answered++
			case c.Type == 4 && c.Data.Flags == discordgo.MessageFlagsEphemeral && strings.Contains(c.Data.Content, "Slow down"):
				limited++
			}
		}
		return answered+limited == n
	})
	took := time.Since(start)
	if answered < users*rateBurst {
		t.Errorf("%d answered, want at least %d (a burst of %d for each of %d users)", answered, users*rateBurst, rateBurst, users)
	}
	return answered + limited, float64(n) / took.Seconds()
}

// BenchmarkE2EAsk measures questions per second through discordgo and the
// fake Discord, deferral and edit included; the rate limit is lifted.
func BenchmarkE2EAsk(b *testing.B) {
	e := startE2E(b, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(b)}, nil, nil)
	e.bot.limit = newLimiter(1<<30, time.Nanosecond)
	b.ResetTimer()
	start := time.Now()
	base := 100000
	for range b.N {
		runLoad(b, e, 200, 20, base)
		base += 200
	}
	b.ReportMetric(float64(200*b.N)/time.Since(start).Seconds(), "questions/s")
}
