package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/questions"
)

// Feedback on answers. An answer card carries two buttons whose custom ids
// hold the question's id in the log (fb:up:<id>, fb:down:<id>), so they
// keep working after a restart. A 👎 is acknowledged privately with an
// optional "Say what was wrong" button (fbc:<id>), which opens a modal with
// one short text field (fbm:<id>).
const (
	feedbackUp      = "fb:up:"
	feedbackDown    = "fb:down:"
	feedbackComment = "fbc:"
	feedbackModal   = "fbm:"
	feedbackField   = "what"
	maxCommentLen   = 300

	defaultGapDays = 30
	maxGaps        = 20
	maxFeedback    = 10
)

// LowConfidence is the confidence below which an answer counts as not got
// ("unsure"), for /corpus gaps and the export. The engine answers only
// above its own threshold (0.875 in its current model), so this marks the
// answers it was least sure of.
const LowConfidence = 0.9

const lowConfidence = LowConfidence

// confidence is how sure the engine is of an answer, from 0 to 1.
func confidence(a corpus.Answer) float64 { return min(1, max(0, a.Confidence)) }

// where is the guild and channel an answer goes to, for the question log.
type where struct{ guild, channel string }

// record logs an answered (or unanswered) question and returns its id, or 0
// when the log is off. It never waits on storage (see QuestionLog).
func (b *Bot) record(a corpus.Answer, q string, at where) int64 {
	if b.qlog == nil {
		return 0
	}
	ids := make([]string, 0, len(a.Citations))
	for _, c := range a.Citations {
		ids = append(ids, c.PassageID)
	}
	version := ""
	if c := b.ans.Corpus(); c != nil {
		version = c.Version
	}
	return b.qlog.Record(questions.Asked{At: b.now(), GuildID: at.guild, ChannelID: at.channel, Question: q,
		Answered: a.Found, Answer: a.Answer, Confidence: confidence(a), Passages: ids, CorpusVersion: version})
}

// feedbackButtons are the two rating buttons of question id's card.
func feedbackButtons(id int64) []discordgo.Button {
	n := strconv.FormatInt(id, 10)
	return []discordgo.Button{
		{Label: "Helpful", Emoji: &discordgo.ComponentEmoji{Name: "👍"}, Style: discordgo.SecondaryButton, CustomID: feedbackUp + n},
		{Label: "Wrong or unhelpful", Emoji: &discordgo.ComponentEmoji{Name: "👎"}, Style: discordgo.SecondaryButton, CustomID: feedbackDown + n},
	}
}

// parseQuestionID reads the question id at the end of a custom id; the id
// is user input, so anything but a positive number is refused.
func parseQuestionID(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}

// routeFeedback handles the feedback buttons; ok is false when id is not
// one of them.
func (b *Bot) routeFeedback(i *discordgo.Interaction, id string) (act action, ok bool) {
	user, _ := userOf(i)
	var rest string
	var up, comment bool
	switch {
	case strings.HasPrefix(id, feedbackUp):
		rest, up = id[len(feedbackUp):], true
	case strings.HasPrefix(id, feedbackDown):
		rest = id[len(feedbackDown):]
	case strings.HasPrefix(id, feedbackComment):
		rest, comment = id[len(feedbackComment):], true
	default:
		return action{}, false
	}
	q, valid := parseQuestionID(rest)
	switch {
	case !valid:
		return replyNow(composeError("That button no longer works.")), true
	case b.qlog == nil:
		return replyNow(composeError("Feedback is not recorded on this bot.")), true
	case comment:
		return action{modal: commentModal(q)}, true
	}
	b.qlog.Vote(q, user, up)
	b.log.Debug("feedback", "question", q, "helpful", up)
	if up {
		return replyNow(Reply{Content: "Thanks! Noted as helpful. (Click 👎 instead to change your vote.)", Ephemeral: true}), true
	}
	return replyNow(Reply{Content: "Thanks! Noted as wrong or unhelpful; the moderators will see it. " +
		"If you like, say what was wrong — it helps them fix the sources.", Ephemeral: true,
		Buttons: []discordgo.Button{{Label: "Say what was wrong", Style: discordgo.SecondaryButton, CustomID: feedbackComment + strconv.FormatInt(q, 10)}}}), true
}

// commentModal asks what was wrong with the answer to question q: one short,
// optional text field.
func commentModal(q int64) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{
		CustomID: feedbackModal + strconv.FormatInt(q, 10),
		Title:    "What was wrong with the answer?",
		// a modal shows no message, but every payload carries empty allowed mentions
		AllowedMentions: noMentions(),
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.TextInput{CustomID: feedbackField, Label: "What was wrong? (optional)", Style: discordgo.TextInputShort,
				Placeholder: "e.g. the treaty was signed in Washington, not Moscow", Required: false, MaxLength: maxCommentLen},
		}}},
	}
}

// routeModal handles a submitted modal: the comment on a 👎.
func (b *Bot) routeModal(i *discordgo.Interaction) action {
	data := i.ModalSubmitData()
	rest, ok := strings.CutPrefix(data.CustomID, feedbackModal)
	q, valid := parseQuestionID(rest)
	if !ok || !valid || b.qlog == nil {
		return replyNow(composeError("That form no longer works."))
	}
	text := ""
	for _, row := range data.Components {
		r, ok := row.(*discordgo.ActionsRow) // discordgo decodes components as pointers
		if !ok {
			continue
		}
		for _, c := range r.Components {
			if ti, ok := c.(*discordgo.TextInput); ok && ti.CustomID == feedbackField {
				text = ti.Value
			}
		}
	}
	text = truncate(strings.TrimSpace(text), maxCommentLen)
	if text == "" {
		return replyNow(Reply{Content: "Nothing written, nothing sent — your 👎 still counts.", Ephemeral: true})
	}
	user, _ := userOf(i)
	b.qlog.Comment(q, user, text)
	return replyNow(Reply{Content: "Thanks! The moderators will read it.", Ephemeral: true})
}

// optInt is optString for integers.
func optInt(opts []*discordgo.ApplicationCommandInteractionDataOption, name string, def int) int {
	for _, o := range opts {
		if o.Name == name && o.Type == discordgo.ApplicationCommandOptionInteger {
			if v, ok := o.Value.(float64); ok && v >= 1 && v <= 3650 {
				return int(v)
			}
		}
	}
	return def
}

// gaps is /corpus gaps: what members asked in the last days and did not
// get, the most asked first. Each group asked under an earlier corpus is
// asked again, and marked when the corpus serving now answers it.
func (b *Bot) gaps(ctx context.Context, days int) (Reply, error) {
	if b.qlog == nil {
		return composeError("The question log is off (LOG_QUESTIONS=off), so there are no gaps to show."), nil
	}
	gs, err := b.qlog.Gaps(ctx, b.now().AddDate(0, 0, -days), lowConfidence, maxGaps)
	if err != nil {
		return Reply{}, &userError{msg: "I couldn't read the question log just now; the error is in the bot's log.", err: fmt.Errorf("gaps: %w", err)}
	}
	title := "Gaps: the last " + plural(days, "day", "days")
	if len(gs) == 0 {
		return Reply{Embeds: []*discordgo.MessageEmbed{{Title: title, Color: colorMod, Description: "Nothing: every question was answered with confidence, and no answer was voted down."}}, Ephemeral: true}, nil
	}
	c := b.ans.Corpus()
	lines := make([]string, 0, len(gs))
	for _, g := range gs {
		var why []string
		if g.Unanswered > 0 {
			why = append(why, "unanswered "+strconv.Itoa(g.Unanswered))
		}
		if g.LowConfidence > 0 {
			why = append(why, "unsure "+strconv.Itoa(g.LowConfidence))
		}
		if g.Downvoted > 0 {
			why = append(why, "👎 "+strconv.Itoa(g.Downvoted))
		}
		l := fmt.Sprintf("**%d×** “%s” — %s · last <t:%d:R>", g.Asked, escapeMarkdown(truncate(oneLine(g.Example), 150)),
			strings.Join(why, ", "), g.LastAsked.Unix())
		if g.LastAnswer != "" {
			l += " · answered “" + escapeMarkdown(truncate(oneLine(g.LastAnswer), 80)) + "”"
		}
		if now, ok := b.answeredNow(ctx, c, g); ok {
			l += "\n  ✅ the corpus answers it now: **" + escapeMarkdown(truncate(oneLine(now), 80)) + "**"
		}
		lines = append(lines, l)
	}
	e := &discordgo.MessageEmbed{Title: title, Color: colorMod, Description: packLines(lines, listBudget, ""),
		Footer: &discordgo.MessageEmbedFooter{Text: "Most asked first; similar questions are grouped. ✅: asked again after a corpus change, now answered. " +
			"Turn them into tests with: treatybot questions export"}}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: true}, nil
}

// answeredNow asks a gap's question again when the corpus changed since it
// was asked, and returns the new answer when the engine now answers it —
// with another answer than the one given, if one was (an answer voted down
// or unsure does not become right by being given again).
func (b *Bot) answeredNow(ctx context.Context, c *corpus.Corpus, g questions.Gap) (string, bool) {
	if c == nil || g.CorpusVersion == c.Version {
		return "", false
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	a, err := b.ans.Ask(ctx, g.Example)
	if err != nil || !a.Found {
		return "", false
	}
	if g.LastAnswer != "" && questions.Normalize(a.Answer) == questions.Normalize(g.LastAnswer) {
		return "", false
	}
	return a.Answer, true
}

// feedback is /corpus feedback: the latest 👎, each with its comment and
// the passage that was cited.
func (b *Bot) feedback(ctx context.Context) (Reply, error) {
	if b.qlog == nil {
		return composeError("The question log is off (LOG_QUESTIONS=off), so there is no feedback to show."), nil
	}
	dvs, err := b.qlog.Downvotes(ctx, maxFeedback)
	if err != nil {
		return Reply{}, &userError{msg: "I couldn't read the question log just now; the error is in the bot's log.", err: fmt.Errorf("feedback: %w", err)}
	}
	if len(dvs) == 0 {
		return Reply{Embeds: []*discordgo.MessageEmbed{{Title: "Latest 👎", Color: colorMod, Description: "No answer has been voted down."}}, Ephemeral: true}, nil
	}
	c := b.ans.Corpus()
	blocks := make([]string, 0, len(dvs))
	for _, d := range dvs {
		s := fmt.Sprintf("<t:%d:R> “%s”", d.At.Unix(), escapeMarkdown(truncate(oneLine(d.Question), 150)))
		if d.Answer != "" {
			s += " → **" + escapeMarkdown(truncate(oneLine(d.Answer), 80)) + "**"
		}
		if d.Comment != "" {
			s += "\n  💬 " + escapeMarkdown(truncate(oneLine(d.Comment), maxCommentLen))
		}
		if len(d.Passages) > 0 {
			cited := "`" + codeSafe(d.Passages[0]) + "`"
			if c != nil {
				if p := c.Passage(d.Passages[0]); p != nil {
					cited = "“" + escapeMarkdown(truncate(oneLine(p.Text), 200)) + "” " + cited
				}
			}
			s += "\n  cited " + cited
		}
		blocks = append(blocks, s)
	}
	e := &discordgo.MessageEmbed{Title: "Latest 👎", Color: colorMod, Description: packLines(blocks, listBudget, "")}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: true}, nil
}
