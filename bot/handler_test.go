package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/treatybot/treatybot/corpus"
)

// fixedClock is a clock the test moves by hand.
type fixedClock struct{ t time.Time }

func (c *fixedClock) now() time.Time { return c.t }

// run routes an interaction and, for deferred work, runs it, returning the
// reply a user would finally see and whether it was deferred.
func run(t *testing.T, b *Bot, i *discordgo.Interaction) (Reply, action) {
	t.Helper()
	act := b.route(i)
	switch {
	case act.reply != nil:
		return fit(*act.reply), act
	case act.work != nil:
		r, err := act.work(context.Background())
		if err != nil {
			return fit(composeError(userMessage(err))), act
		}
		r.Ephemeral = act.ephemeral
		return fit(r), act
	}
	return Reply{}, act
}

func TestInteractions(t *testing.T) {
	c := testCorpus(t)
	tests := []struct {
		file      string
		deferred  bool
		ephemeral bool
		want      []string // substrings of what the user sees
		notWant   []string
	}{
		{file: "ask.json", deferred: true, want: []string{"**December 8, 1987**", "**December 8, 1987**, in Washington", "[Reagan and Gorbachev sign the INF Treaty](https://example.org/inf)", "Example Wire", "December 8, 1987", "[button More sources more:"}},
		{file: "ask_private.json", deferred: true, ephemeral: true, want: []string{"**December 8, 1987**"}},
		{file: "ask_noanswer.json", deferred: true, want: []string{"couldn't find an answer", "`/sources`"}},
		{file: "ask_long.json", ephemeral: true, want: []string{"characters long", "under 500"}},
		{file: "ask_everyone.json", deferred: true, want: []string{"Asked: @everyone <@&777> who signed the INF treaty?"}},
		{file: "facts.json", want: []string{"Treaty facts", "The INF Treaty was signed on December 8, 1987. — [Arms Control Association](https://example.org/aca)\n", "3 facts"}},
		{file: "facts_topic.json", want: []string{"Facts: INF Treaty", "ground-launched missiles", "on August 2, 2019. — [State Department](https://example.org/state)\n"}, notWant: []string{"· 2019-08-02", "August 2, 2019\n"}},
		{file: "timeline.json", want: []string{"**1987-12-08** — The INF Treaty was signed. ([Arms Control Association](https://example.org/aca) · [Example Wire, 1987-12-08](https://example.org/inf))",
			"**2018-10-20** — Trump said the United States would leave the treaty. ([Example Wire, 1987-12-08](https://example.org/inf))"}, notWant: []string{"2019-08-02", "Reagan and Gorbachev sign"}},
		{file: "timeline_bad.json", ephemeral: true, want: []string{"“1987-13” is not a date I can read for `from`", "YYYY-MM-DD"}},
		{file: "sources.json", want: []string{"• [Reagan and Gorbachev sign the INF Treaty](https://example.org/inf) — Example Wire, 1987-12-08",
			"• **INF Treaty** (fact sheet, 3 facts, 1987-12-08 to 2019-08-02) — [Arms Control Association](https://example.org/aca), [State Department](https://example.org/state)",
			"2 sources: 1 article, 1 fact sheet; 3 facts"}, notWant: []string{"passages", "`inf`"}},
		{file: "help.json", ephemeral: true, want: []string{"/ask", "/facts", "/timeline", "/sources", "Mention me"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b := newTestBot(t, &fakeAnswerer{ask: answerByQuestion, c: c}, nil, nil)
			r, act := run(t, b, loadInteraction(t, tt.file))
			if got := act.work != nil; got != tt.deferred {
				t.Errorf("deferred = %v, want %v", got, tt.deferred)
			}
			if r.Ephemeral != tt.ephemeral {
				t.Errorf("ephemeral = %v, want %v", r.Ephemeral, tt.ephemeral)
			}
			checkLimits(t, r)
			got := text(r)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("reply lacks %q; got:\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("reply has %q; got:\n%s", w, got)
				}
			}
		})
	}
}

// TestAskEveryone checks that "@everyone" in a question is defused in what
// is shown, besides the empty allowed mentions every payload carries.
func TestAskEveryone(t *testing.T) {
	nb := newTestBot(t, &fakeAnswerer{ask: func(_ context.Context, q string) (corpus.Answer, error) { return corpus.Answer{Question: q}, nil }, c: testCorpus(t)}, nil, nil)
	r, _ := run(t, nb, loadInteraction(t, "ask_everyone.json"))
	got := text(r)
	if strings.Contains(got, "@everyone") || !strings.Contains(got, "@\u200beveryone") {
		t.Errorf("no-answer reply shows a live @everyone: %q", got)
	}
	if !strings.Contains(got, "\\<@&777>") {
		t.Errorf("role mention not escaped: %q", got)
	}
}

func TestAutocomplete(t *testing.T) {
	b := newTestBot(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, nil, nil)
	act := b.route(loadInteraction(t, "facts_autocomplete.json"))
	if !act.isChoices {
		t.Fatalf("facts autocomplete did not return choices: %+v", act)
	}
	var names []string
	for _, c := range act.choices {
		names = append(names, c.Name)
	}
	if len(names) == 0 || act.choices[0].Value != "INF Treaty" {
		t.Errorf("choices = %q, want the subject \"INF Treaty\" first", names)
	}
	if len(names) > maxChoices {
		t.Errorf("%d choices, want at most %d", len(names), maxChoices)
	}
}

func TestMoreButton(t *testing.T) {
	clock := &fixedClock{t: time.Unix(1_700_000_000, 0)}
	b := newTestBot(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, nil, clock.now)
	r, _ := run(t, b, loadInteraction(t, "ask.json"))
	if len(r.Buttons) != 1 {
		t.Fatalf("answer has %d buttons, want 1", len(r.Buttons))
	}
	id := r.Buttons[0].CustomID
	if len(id) > maxCustomID || !strings.HasPrefix(id, morePrefix) {
		t.Fatalf("custom id %q", id)
	}
	click := loadInteraction(t, "more_button.json")
	click.Data = discordgo.MessageComponentInteractionData{CustomID: id, ComponentType: discordgo.ButtonComponent}
	got, _ := run(t, b, click)
	if !got.Ephemeral || !strings.Contains(text(got), "The INF Treaty was signed on **December 8, 1987**.") {
		t.Errorf("more sources reply = %+v %q, want the ephemeral fact with its highlight", got.Ephemeral, text(got))
	}
	clock.t = clock.t.Add(moreTTL + time.Second)
	got, _ = run(t, b, click)
	if !got.Ephemeral || !strings.Contains(got.Content, "expired") {
		t.Errorf("after expiry, reply = %q, want an ephemeral expiry note", got.Content)
	}
	// A forged key finds nothing.
	click.Data = discordgo.MessageComponentInteractionData{CustomID: "more:forged", ComponentType: discordgo.ButtonComponent}
	if got, _ = run(t, b, click); !strings.Contains(got.Content, "expired") {
		t.Errorf("forged key reply = %q", got.Content)
	}
}

func TestRateLimit(t *testing.T) {
	clock := &fixedClock{t: time.Unix(1_700_000_000, 0)}
	b := newTestBot(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, nil, clock.now)
	i := loadInteraction(t, "ask.json")
	for n := range rateBurst {
		if act := b.route(i); act.work == nil {
			t.Fatalf("question %d was refused, want a burst of %d", n+1, rateBurst)
		}
	}
	act := b.route(i)
	if act.reply == nil || !act.reply.Ephemeral || !strings.Contains(act.reply.Content, "<t:1700000010:R>") {
		t.Fatalf("6th question: got %+v, want an ephemeral slow-down with <t:1700000010:R>", act.reply)
	}
	// Another user is not limited.
	other := loadInteraction(t, "ask.json")
	other.Member.User.ID = "2002"
	if act := b.route(other); act.work == nil {
		t.Errorf("another user was refused")
	}
	clock.t = clock.t.Add(rateEvery)
	if act := b.route(i); act.work == nil {
		t.Errorf("after %v, question refused; want one more allowed", rateEvery)
	}
	if act := b.route(i); act.work != nil {
		t.Errorf("second question after one refill allowed; want refused")
	}
}

func TestAskError(t *testing.T) {
	boom := errors.New("index closed")
	b := newTestBot(t, &fakeAnswerer{ask: func(context.Context, string) (corpus.Answer, error) { return corpus.Answer{}, boom }, c: testCorpus(t)}, nil, nil)
	act := b.route(loadInteraction(t, "ask.json"))
	_, err := act.work(context.Background())
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want it to wrap %v", err, boom)
	}
	if msg := userMessage(err); strings.Contains(msg, "index closed") || msg == "" {
		t.Errorf("user message %q should be plain words without internals", msg)
	}
}

func TestMentions(t *testing.T) {
	tests := []struct {
		file   string
		silent bool
		want   string
	}{
		{file: "mention.json", want: "**December 8, 1987**"},
		{file: "mention_nick.json", want: "**December 8, 1987**"},
		{file: "mention_bare.json", want: "mention me with a question"},
		{file: "mention_everyone.json", want: "Asked: @everyone <@&777> who signed the INF treaty?"},
		{file: "mention_bot_author.json", silent: true},
		{file: "mention_other.json", silent: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var asked string
			b := newTestBot(t, &fakeAnswerer{ask: func(ctx context.Context, q string) (corpus.Answer, error) {
				asked = q
				return answerByQuestion(ctx, q)
			}, c: testCorpus(t)}, nil, nil)
			r, ok, err := b.routeMessage(context.Background(), loadMessage(t, tt.file), "42")
			if err != nil {
				t.Fatal(err)
			}
			if ok == tt.silent {
				t.Fatalf("replied = %v, want %v", ok, !tt.silent)
			}
			if tt.silent {
				return
			}
			if strings.Contains(asked, "<@") && strings.Contains(asked, "42>") {
				t.Errorf("question %q still holds the bot mention", asked)
			}
			if got := text(fit(r)); !strings.Contains(got, tt.want) {
				t.Errorf("reply lacks %q; got:\n%s", tt.want, got)
			}
		})
	}
}

func TestMentionRateLimitNoticeOnce(t *testing.T) {
	clock := &fixedClock{t: time.Unix(1_700_000_000, 0)}
	b := newTestBot(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, nil, clock.now)
	m := loadMessage(t, "mention.json")
	for range rateBurst {
		b.routeMessage(context.Background(), m, "42")
	}
	r, ok, _ := b.routeMessage(context.Background(), m, "42")
	if !ok || !strings.Contains(r.Content, "Slow down") {
		t.Errorf("first limited mention: ok=%v %q, want a slow-down notice", ok, r.Content)
	}
	if _, ok, _ := b.routeMessage(context.Background(), m, "42"); ok {
		t.Errorf("second limited mention got a reply; want silence until the wait is over")
	}
}

func TestParseRange(t *testing.T) {
	tests := []struct {
		from, to string
		ok       bool
	}{
		{"", "", true}, {"1987", "1987", true}, {"1987-12", "1988-01-31", true},
		{"1987-02-30", "", false}, {"87", "", false}, {"2019", "2018", false}, {"", "soon", false},
	}
	for _, tt := range tests {
		_, _, err := parseRange(tt.from, tt.to)
		if (err == nil) != tt.ok {
			t.Errorf("parseRange(%q, %q) err = %v, want ok=%v", tt.from, tt.to, err, tt.ok)
		}
	}
}

func TestHighlightAndEscape(t *testing.T) {
	tests := []struct {
		snip string
		hl   []int
		want string
	}{
		{"signed on 8 December.", []int{10, 20}, "signed on **8 December**."},
		{"a *star* _x_", nil, "a \\*star\\* \\_x\\_"},
		{"bad range", []int{5, 50}, "bad range"},
		{"é café", []int{1, 3}, "é café"}, // not on a rune boundary: shown plain
		{"# heading\n- item @here", nil, "\\# heading\n\\- item @\u200bhere"},
		{"the (INF) Treaty, 1,000-5,000 km > 500", nil, "the (INF) Treaty, 1,000-5,000 km > 500"}, // nothing Discord would show as "\\("
		{"[x](https://e.org) <@1> </ask:2> <b>", nil, "[x\\](https://e.org) \\<@1> \\</ask:2> <b>"},
		{"> quote\n#hashtag", nil, "\\> quote\n#hashtag"},
	}
	for _, tt := range tests {
		if got := highlight(tt.snip, tt.hl); got != tt.want {
			t.Errorf("highlight(%q, %v) = %q, want %q", tt.snip, tt.hl, got, tt.want)
		}
	}
}

func TestClipKeepsHighlight(t *testing.T) {
	snip := strings.Repeat("word ", 300) + "ANSWER" + strings.Repeat(" tail", 300)
	start := strings.Index(snip, "ANSWER")
	got, hl := clip(snip, []int{start, start + 6}, 200)
	if runes(got) > 200 {
		t.Errorf("clipped to %d runes, want at most 200", runes(got))
	}
	if hl == nil || got[hl[0]:hl[1]] != "ANSWER" {
		t.Errorf("highlight lost: %v in %q", hl, got)
	}
}

func TestCommandsCompare(t *testing.T) {
	want := commands(true)
	if !sameCommands(want, commands(true)) {
		t.Fatal("identical command sets compare different")
	}
	if sameCommands(want, commands(false)) {
		t.Error("sets with and without /corpus compare equal")
	}
	changed := commands(true)
	changed[0].Description += "!"
	if sameCommands(want, changed) {
		t.Error("a changed description compares equal")
	}
	for _, c := range want {
		if n := runes(c.Description); n < 1 || n > 100 {
			t.Errorf("/%s description has %d runes, want 1 to 100", c.Name, n)
		}
		for _, o := range c.Options {
			if n := runes(o.Description); n < 1 || n > 100 {
				t.Errorf("/%s %s description has %d runes, want 1 to 100", c.Name, o.Name, n)
			}
		}
	}
}
