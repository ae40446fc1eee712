package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/treatybot/treatybot/bot"
	"github.com/treatybot/treatybot/internal/fakediscord"
	"github.com/treatybot/treatybot/library"
	"github.com/treatybot/treatybot/questionlog"
)

// served is the bot wired as `treatybot run` wires it — the library behind
// the moderation adapter, the question log on disk — against a fake
// Discord.
type served struct {
	fd  *fakediscord.Server
	lib *library.Library
}

func serve(t *testing.T) *served {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	lib, err := library.Open(ctx, library.Config{DataDir: dir, InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	ql, err := questionlog.Open(ctx, questionlog.Config{Path: filepath.Join(dir, "treatybot.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ql.Close(context.Background()) })
	fd := fakediscord.Start()
	t.Cleanup(fd.Close)
	b, err := bot.New(bot.Config{Token: "test-token", APIBase: fd.URL(), GuildID: "500", Questions: ql}, lib, moderation{lib})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		b.Close(ctx)
	})
	if err := b.Start(ctx); err != nil {
		t.Fatal(err)
	}
	s := &served{fd: fd, lib: lib}
	// Closing right after Open races discordgo's first heartbeat; wait for it.
	s.wait(t, "first heartbeat", func() bool { _, _, n := fd.Counts(); return n > 0 })
	return s
}

func (s *served) wait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	if !s.fd.Wait(15*time.Second, cond) {
		t.Fatalf("timed out waiting for %s", what)
	}
}

// interaction dispatches interaction id, of type typ, from moderator 1001
// in guild 500.
func (s *served) interaction(t *testing.T, id string, typ int, data map[string]any) {
	t.Helper()
	i := map[string]any{"id": id, "application_id": fakediscord.AppID, "type": typ, "token": "tok-" + id, "guild_id": "500", "channel_id": "600",
		"member":  map[string]any{"user": map[string]any{"id": "1001", "username": "mod"}, "roles": []any{}, "permissions": "32"},
		"message": map[string]any{"id": "800", "channel_id": "600"}, "data": data}
	if err := s.fd.Dispatch("INTERACTION_CREATE", i); err != nil {
		t.Fatal(err)
	}
}

// message is what a member finally sees for interaction id: the immediate
// callback's data, or the edit of a deferred one.
type message struct {
	Type       int    `json:"type"`
	Content    string `json:"content"`
	Flags      int    `json:"flags"`
	CustomID   string `json:"custom_id"`
	Embeds     []struct{ Description string }
	Components []struct {
		Components []struct {
			CustomID string `json:"custom_id"`
		} `json:"components"`
	} `json:"components"`
}

func (m message) text() string {
	var b strings.Builder
	b.WriteString(m.Content)
	for _, e := range m.Embeds {
		b.WriteString("\n" + e.Description)
	}
	return b.String()
}

func (s *served) reply(t *testing.T, id string) message {
	t.Helper()
	var cb message
	s.wait(t, "reply to "+id, func() bool {
		rs := s.fd.Requests("POST", "/interactions/"+id+"/")
		if len(rs) == 0 {
			return false
		}
		var c struct {
			Type int             `json:"type"`
			Data json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(rs[len(rs)-1].Body, &c); err != nil {
			t.Fatal(err)
		}
		if c.Type != 5 {
			json.Unmarshal(c.Data, &cb)
			cb.Type = c.Type
			return true
		}
		edits := s.fd.Requests("PATCH", "/webhooks/"+fakediscord.AppID+"/tok-"+id+"/messages/@original")
		if len(edits) == 0 {
			return false
		}
		json.Unmarshal(edits[len(edits)-1].Body, &cb)
		cb.Type = 5
		return true
	})
	return cb
}

func ask(q string) map[string]any {
	return map[string]any{"id": "700", "name": "ask", "type": 1, "options": []any{map[string]any{"name": "question", "type": 3, "value": q}}}
}

func corpusSub(sub string, opts ...any) map[string]any {
	return map[string]any{"id": "701", "name": "corpus", "type": 1, "options": []any{map[string]any{"name": sub, "type": 1, "options": opts}}}
}

// TestE2EMembersTeachTheBot is issue 12's loop with the real engine,
// library and question log, wired as `treatybot run` wires them, in the
// fake Discord: a member asks what the corpus does not say, and votes an
// answer 👎 with a comment; a moderator sees both in /corpus gaps and the
// comment in /corpus feedback, adds the missing article, and /corpus gaps
// marks the question answered.
func TestE2EMembersTeachTheBot(t *testing.T) {
	s := serve(t)
	const zephyr = "When was the Zephyr Accord signed?"
	s.interaction(t, "1", 2, ask(zephyr))
	if r := s.reply(t, "1"); !strings.Contains(r.Content, "couldn't find an answer") {
		t.Fatalf("the default corpus answers %q: %s", zephyr, r.text())
	}
	s.interaction(t, "2", 2, ask("When was the INF Treaty signed?"))
	card := s.reply(t, "2")
	down := ""
	for _, row := range card.Components {
		for _, c := range row.Components {
			if strings.HasPrefix(c.CustomID, "fb:down:") {
				down = c.CustomID
			}
		}
	}
	if down == "" {
		t.Fatalf("the card has no 👎: %+v", card)
	}
	qid := strings.TrimPrefix(down, "fb:down:")
	s.interaction(t, "3", 3, map[string]any{"custom_id": down, "component_type": 2})
	if r := s.reply(t, "3"); r.Flags != 64 {
		t.Errorf("👎 acknowledgement is not ephemeral: %+v", r)
	}
	s.interaction(t, "4", 3, map[string]any{"custom_id": "fbc:" + qid, "component_type": 2})
	if r := s.reply(t, "4"); r.Type != 9 || r.CustomID != "fbm:"+qid {
		t.Errorf("comment button: %+v, want the modal", r)
	}
	s.interaction(t, "5", 5, map[string]any{"custom_id": "fbm:" + qid, "components": []any{map[string]any{"type": 1, "components": []any{
		map[string]any{"type": 4, "custom_id": "what", "value": "I wanted the place too"}}}}})
	s.reply(t, "5")

	s.interaction(t, "6", 2, corpusSub("gaps"))
	gaps := s.reply(t, "6").text()
	for _, w := range []string{"“" + zephyr + "” — unanswered 1", "“When was the INF Treaty signed?” — 👎 1"} {
		if !strings.Contains(gaps, w) {
			t.Errorf("gaps lack %q:\n%s", w, gaps)
		}
	}
	if strings.Contains(gaps, "✅") {
		t.Errorf("a gap is marked answered before the corpus changed:\n%s", gaps)
	}
	s.interaction(t, "7", 2, corpusSub("feedback"))
	if fb := s.reply(t, "7").text(); !strings.Contains(fb, "💬 I wanted the place too") || !strings.Contains(fb, "cited “The INF Treaty was signed") {
		t.Errorf("feedback:\n%s", fb)
	}

	article := "---\nid: zephyr-accord\nsource: Example Wire\npublished: 2024-03-05\n---\nZephyr Accord signed in Reykjavik\n\n" +
		"The Zephyr Accord was signed on March 5, 2024, in Reykjavik, by twelve coastal states.\n"
	url := s.fd.AddFile("attachments/1/321/zephyr-accord.md", []byte(article))
	add := corpusSub("add", map[string]any{"name": "file", "type": 11, "value": "321"})
	add["resolved"] = map[string]any{"attachments": map[string]any{"321": map[string]any{"id": "321", "filename": "zephyr-accord.md", "size": len(article), "url": url}}}
	s.interaction(t, "8", 2, add)
	if rep := s.reply(t, "8").text(); !strings.Contains(rep, "zephyr-accord") || !strings.Contains(rep, "<@1001>") {
		t.Fatalf("add report:\n%s", rep)
	}
	s.interaction(t, "9", 2, corpusSub("gaps"))
	gaps = s.reply(t, "9").text()
	if !strings.Contains(gaps, "“"+zephyr+"” — unanswered 1") || !strings.Contains(gaps, "✅ the corpus answers it now: **March 5, 2024**") {
		t.Errorf("after the article was added, gaps:\n%s", gaps)
	}
	if n := strings.Count(gaps, "✅"); n != 1 {
		t.Errorf("%d gaps marked answered, want 1 (the 👎 answer did not change):\n%s", n, gaps)
	}
}
