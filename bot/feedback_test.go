package bot

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/questions"
)

// fakeLog is a QuestionLog in memory that records what the bot told it.
type fakeLog struct {
	mu        sync.Mutex
	asked     []questions.Asked
	votes     []string // "<id> <member> up|down"
	comments  []string // "<id> <member> <text>"
	gaps      []questions.Gap
	downvotes []questions.Downvote
}

func (f *fakeLog) Record(q questions.Asked) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, q)
	return int64(100 + len(f.asked))
}

func (f *fakeLog) Vote(id int64, member string, up bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.votes = append(f.votes, fmt.Sprintf("%d %s %s", id, member, map[bool]string{true: "up", false: "down"}[up]))
}

func (f *fakeLog) Comment(id int64, member, text string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.comments = append(f.comments, fmt.Sprintf("%d %s %s", id, member, text))
}

func (f *fakeLog) Gaps(context.Context, time.Time, float64, int) ([]questions.Gap, error) {
	return f.gaps, nil
}

func (f *fakeLog) Downvotes(context.Context, int) ([]questions.Downvote, error) {
	return f.downvotes, nil
}

func newLoggedBot(t *testing.T, ans Answerer, mod Moderation, ql QuestionLog) (*Bot, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	b, err := New(Config{Token: "test-token", ModeratorRoleIDs: []string{"888"}, Questions: ql,
		Logger: slogTo(logs), DownloadClient: &http.Client{Transport: noDownload{t}}}, ans, mod)
	if err != nil {
		t.Fatal(err)
	}
	return b, logs
}

// noDownload fails the test if the bot downloads anything.
type noDownload struct{ t *testing.T }

func (n noDownload) RoundTrip(r *http.Request) (*http.Response, error) {
	n.t.Errorf("downloaded %s; want the file refused before any download", r.URL)
	return nil, fmt.Errorf("no download")
}

func modalSubmit(t *testing.T, customID, user, value string) *discordgo.Interaction {
	t.Helper()
	i := loadInteraction(t, "more_button.json")
	i.Type = discordgo.InteractionModalSubmit
	i.Member.User.ID = user
	i.Data = discordgo.ModalSubmitInteractionData{CustomID: customID, Components: []discordgo.MessageComponent{
		&discordgo.ActionsRow{Components: []discordgo.MessageComponent{&discordgo.TextInput{CustomID: feedbackField, Value: value}}}}}
	return i
}

// TestFeedbackButtons: the card carries 👍 and 👎 with the question's id;
// votes and the comment reach the log; every acknowledgement is ephemeral;
// a bot that never saw the card (after a restart) takes the click too.
func TestFeedbackButtons(t *testing.T) {
	ql := &fakeLog{}
	ans := &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}
	b, _ := newLoggedBot(t, ans, nil, ql)
	card, _ := run(t, b, loadInteraction(t, "ask.json"))
	if len(ql.asked) != 1 || ql.asked[0].Question != "When was the INF treaty signed?" || !ql.asked[0].Answered ||
		ql.asked[0].Passages[0] != "inf-signed#1" || ql.asked[0].CorpusVersion != "v1" || ql.asked[0].GuildID != "500" || ql.asked[0].ChannelID != "600" {
		t.Fatalf("logged %+v", ql.asked)
	}
	if len(card.Buttons) != 3 || card.Buttons[0].CustomID != "fb:up:101" || card.Buttons[1].CustomID != "fb:down:101" || card.Buttons[2].Label != "More sources" {
		t.Fatalf("card buttons = %+v, want 👍 fb:up:101, 👎 fb:down:101, More sources", card.Buttons)
	}
	restarted, _ := newLoggedBot(t, ans, nil, ql)
	msg := &discordgo.Message{ID: "800"}
	up, _ := run(t, restarted, click(t, "fb:up:101", "1001", msg))
	down, _ := run(t, restarted, click(t, "fb:down:101", "1001", msg)) // a second click changes the vote
	if !up.Ephemeral || !down.Ephemeral || !strings.Contains(up.Content, "helpful") {
		t.Errorf("acknowledgements: %+v / %+v, want both ephemeral", up, down)
	}
	if len(down.Buttons) != 1 || down.Buttons[0].CustomID != "fbc:101" {
		t.Fatalf("👎 acknowledgement buttons = %+v, want the optional fbc:101", down.Buttons)
	}
	act := restarted.route(click(t, "fbc:101", "1001", msg))
	if act.modal == nil || act.modal.CustomID != "fbm:101" || len(act.modal.Components) != 1 {
		t.Fatalf("comment button: %+v, want the modal fbm:101 with one field", act)
	}
	ti := act.modal.Components[0].(discordgo.ActionsRow).Components[0].(discordgo.TextInput)
	if ti.Style != discordgo.TextInputShort || ti.Required || ti.MaxLength != maxCommentLen {
		t.Errorf("modal field = %+v, want one short optional field", ti)
	}
	thanks, _ := run(t, restarted, modalSubmit(t, "fbm:101", "1001", "  It was Washington.  "))
	empty, _ := run(t, restarted, modalSubmit(t, "fbm:101", "1001", "   "))
	if !thanks.Ephemeral || !empty.Ephemeral {
		t.Error("modal acknowledgements are public")
	}
	if got := strings.Join(ql.votes, ","); got != "101 1001 up,101 1001 down" {
		t.Errorf("votes = %q", got)
	}
	if got := strings.Join(ql.comments, ","); got != "101 1001 It was Washington." {
		t.Errorf("comments = %q", got)
	}
	for _, bad := range []string{"fb:up:", "fb:up:-4", "fb:down:x", "fbc:0"} {
		if act := restarted.route(click(t, bad, "1001", msg)); act.reply == nil || !act.reply.Ephemeral {
			t.Errorf("%q: %+v, want an ephemeral refusal", bad, act)
		}
	}
	if len(ql.votes) != 2 {
		t.Errorf("a forged custom id reached the log: %q", ql.votes)
	}
}

// TestNoLog: with LOG_QUESTIONS=off there is no log, so cards carry no
// feedback buttons and /corpus gaps says why it is empty.
func TestNoLog(t *testing.T) {
	b, _ := newLoggedBot(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, &fakeModeration{}, nil)
	card, _ := run(t, b, loadInteraction(t, "ask.json"))
	for _, btn := range card.Buttons {
		if strings.HasPrefix(btn.CustomID, "fb:") {
			t.Errorf("card has feedback button %q without a log", btn.CustomID)
		}
	}
	r, _ := run(t, b, corpusSub(t, "gaps"))
	if !strings.Contains(r.Content, "LOG_QUESTIONS=off") {
		t.Errorf("gaps without a log = %q", r.Content)
	}
}

// corpusSub is /corpus <sub> from a moderator.
func corpusSub(t *testing.T, sub string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	t.Helper()
	i := loadInteraction(t, "corpus_status_mod.json")
	data := i.Data.(discordgo.ApplicationCommandInteractionData)
	data.Options = []*discordgo.ApplicationCommandInteractionDataOption{{Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}}
	i.Data = data
	return i
}

// TestGapsAndFeedback: /corpus gaps lists the groups with counts and marks a
// gap from an earlier corpus that the corpus now answers (asking it again);
// /corpus feedback shows each 👎 with its comment and the cited passage.
func TestGapsAndFeedback(t *testing.T) {
	at := time.Unix(1_700_000_000, 0)
	ql := &fakeLog{
		gaps: []questions.Gap{
			{Example: "When was the INF treaty signed?", Asked: 3, Unanswered: 3, LastAsked: at, CorpusVersion: "v0"},
			{Example: "Who won the World Cup?", Asked: 2, Unanswered: 2, LastAsked: at, CorpusVersion: "v0"},
			{Example: "When was INF signed, again?", Asked: 1, Downvoted: 1, LastAnswer: "December 8, 1987", LastAsked: at, CorpusVersion: "v0"},
			{Example: "inf signing date", Asked: 1, Unanswered: 1, LastAsked: at, CorpusVersion: "v1"},
		},
		downvotes: []questions.Downvote{{At: at, Question: "Who criticized Washington?", Answer: "Moscow", Passages: []string{"inf-signed#2"}, Comment: "It was Berlin and Beijing"}},
	}
	var asked []string
	ans := &fakeAnswerer{ask: func(ctx context.Context, q string) (corpus.Answer, error) {
		asked = append(asked, q)
		a, err := answerByQuestion(ctx, q)
		a.Confidence = 0.9
		return a, err
	}, c: testCorpus(t)}
	b, _ := newLoggedBot(t, ans, &fakeModeration{}, ql)
	r, act := run(t, b, corpusSub(t, "gaps", &discordgo.ApplicationCommandInteractionDataOption{Name: "days", Type: discordgo.ApplicationCommandOptionInteger, Value: float64(7)}))
	got := text(r)
	if act.work == nil || !r.Ephemeral {
		t.Errorf("/corpus gaps: deferred %v, ephemeral %v; want both", act.work != nil, r.Ephemeral)
	}
	lines := strings.Split(r.Embeds[0].Description, "\n")
	for _, w := range []string{"Gaps: the last 7 days", "**3×** “When was the INF treaty signed?” — unanswered 3 · last <t:1700000000:R>\n  ✅ the corpus answers it now: **December 8, 1987**",
		"**2×** “Who won the World Cup?” — unanswered 2", "👎 1 · last <t:1700000000:R> · answered “December 8, 1987”"} {
		if !strings.Contains(got, w) {
			t.Errorf("gaps lack %q:\n%s", w, got)
		}
	}
	if strings.Count(r.Embeds[0].Description, "✅") != 1 {
		t.Errorf("want exactly one ✅ (not the unanswerable one, not the same answer voted down, not one asked of this corpus):\n%s", got)
	}
	if strings.Contains(strings.Join(asked, "|"), "inf signing date") {
		t.Errorf("a gap of the serving corpus was asked again: %q", asked)
	}
	if len(lines) < 4 {
		t.Errorf("gaps:\n%s", got)
	}
	r, _ = run(t, b, corpusSub(t, "feedback"))
	got = text(r)
	for _, w := range []string{"“Who criticized Washington?” → **Moscow**", "💬 It was Berlin and Beijing", "cited “On October 20, 2018, Trump said", "`inf-signed#2`"} {
		if !strings.Contains(got, w) {
			t.Errorf("feedback lacks %q:\n%s", w, got)
		}
	}
	// Members cannot see either.
	i := corpusSub(t, "gaps")
	i.Member.Permissions = 0
	if r, _ := run(t, b, i); !strings.Contains(r.Content, "Only moderators") {
		t.Errorf("non-moderator /corpus gaps = %q", r.Content)
	}
}

// TestAttachmentRefusedBeforeDownload: a bad name or an oversized file is
// refused at once, naming the file, and nothing is downloaded (the
// DownloadClient fails the test if used); the refusal is logged.
func TestAttachmentRefusedBeforeDownload(t *testing.T) {
	b, logs := newLoggedBot(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, &fakeModeration{}, nil)
	for _, tt := range []struct {
		name string
		size int
		want []string
	}{
		{"../evil.md", 10, []string{"`../evil.md` is not an allowed file name", ".yml", "Nothing was downloaded"}},
		{"big.md", 2 << 20, []string{"`big.md` is 2 MiB; the limit is 1 MiB"}},
	} {
		i := loadInteraction(t, "corpus_add.json")
		att := i.ApplicationCommandData().Resolved.Attachments["321"]
		att.Filename, att.Size = tt.name, tt.size
		r, act := run(t, b, i)
		if act.work != nil || !r.Ephemeral {
			t.Errorf("%s: deferred %v ephemeral %v; want an immediate private refusal", tt.name, act.work != nil, r.Ephemeral)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.Content, w) {
				t.Errorf("%s: refusal %q lacks %q", tt.name, r.Content, w)
			}
		}
	}
	if n := strings.Count(logs.String(), "msg=refused"); n != 2 {
		t.Errorf("%d refusals logged, want 2:\n%s", n, logs.String())
	}
}

// TestSlowDownOnce: the slow-down gives its time once, and is logged.
func TestSlowDownOnce(t *testing.T) {
	clock := &fixedClock{t: time.Unix(1_700_000_000, 0)}
	logs := &syncBuffer{}
	b, err := New(Config{Token: "t", Now: clock.now, Logger: slogTo(logs)}, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	i := loadInteraction(t, "ask.json")
	for range rateBurst {
		b.route(i)
	}
	r := b.route(i).reply
	if r == nil || r.Content != "Slow down a little: you can ask again <t:1700000010:R>." {
		t.Errorf("slow-down = %+v, want the time once, as a Discord timestamp", r)
	}
	if !strings.Contains(logs.String(), "slow-down") {
		t.Errorf("the slow-down is not logged:\n%s", logs.String())
	}
}

// TestMoreBoldsOnlyTheAnswer: in "More sources" a span is bold only when it
// is the answer given.
func TestMoreBoldsOnlyTheAnswer(t *testing.T) {
	cits := []corpus.Citation{
		{Title: "T", Source: "S", Snippet: "Moscow’s response was firm.", Highlight: []int{0, 6}},
		{Title: "T", Source: "S", Snippet: "Berlin and Beijing criticized it.", Highlight: []int{0, 18}},
	}
	got := text(composeMore("Berlin and Beijing", cits))
	if strings.Contains(got, "**Moscow**") || !strings.Contains(got, "**Berlin and Beijing**") {
		t.Errorf("More sources bolds a span that is not the answer, or not the answer:\n%s", got)
	}
	if strings.Count(got, "T") > 2 {
		t.Errorf("a source is named twice:\n%s", got)
	}
}

// TestBotDependencies: bot depends on interfaces, not on the library, the
// answer engine, bleve or the question log's database.
func TestBotDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"blevesearch", "treatybot/library", "treatybot/answer", "treatybot/index", "treatybot/questionlog", "modernc.org/sqlite"} {
			if strings.Contains(dep, banned) {
				t.Errorf("bot depends on %s", dep)
			}
		}
	}
}

func slogTo(w *syncBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
