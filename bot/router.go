package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// action is what a handler decided to do with one interaction. Exactly one of
// reply, update, choices or work is set.
type action struct {
	reply     *Reply                                      // respond at once (callback type 4)
	update    *Reply                                      // replace the clicked message (type 7)
	modal     *discordgo.InteractionResponseData          // open a form (type 9)
	choices   []*discordgo.ApplicationCommandOptionChoice // autocomplete result (type 8)
	isChoices bool
	// work is slow: delivery defers (type 5, ephemeral if set), runs work, and
	// edits the original response with its reply. An error is logged once by
	// delivery and shown to the user, in plain words, ephemerally.
	work      func(ctx context.Context) (Reply, error)
	ephemeral bool
	what      string // for logs: "ask", "corpus add", ...
}

func replyNow(r Reply) action { return action{reply: &r} }

// userError is an error whose text is written for the person who asked.
type userError struct {
	msg     string
	err     error // the full error, for the log; may be nil
	refusal bool  // an expected refusal (bad input), not a failure
}

func (e *userError) Error() string {
	if e.err != nil {
		return e.msg + ": " + e.err.Error()
	}
	return e.msg
}

func (e *userError) Unwrap() error { return e.err }

// userOf returns the id and a display name of whoever made the interaction.
func userOf(i *discordgo.Interaction) (id, name string) {
	u := i.User
	if i.Member != nil && i.Member.User != nil {
		u = i.Member.User
	}
	if u == nil {
		return "", "unknown"
	}
	return u.ID, u.Username
}

// route is the pure part of handling an interaction: it reads the
// interaction and returns what to reply. It sends nothing.
func (b *Bot) route(i *discordgo.Interaction) action {
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		return b.routeCommand(i)
	case discordgo.InteractionApplicationCommandAutocomplete:
		return b.routeAutocomplete(i)
	case discordgo.InteractionMessageComponent:
		return b.routeComponent(i)
	case discordgo.InteractionModalSubmit:
		return b.routeModal(i)
	}
	return replyNow(composeError("I don't know how to handle that yet."))
}

// optString returns a string option's value, or "" when it is absent or of
// another type (discordgo's accessors panic on a type mismatch).
func optString(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	for _, o := range opts {
		if o.Name == name && o.Type == discordgo.ApplicationCommandOptionString {
			s, _ := o.Value.(string)
			return s
		}
	}
	return ""
}

// optBool is optString for booleans.
func optBool(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) bool {
	for _, o := range opts {
		if o.Name == name && o.Type == discordgo.ApplicationCommandOptionBoolean {
			v, _ := o.Value.(bool)
			return v
		}
	}
	return false
}

func (b *Bot) routeCommand(i *discordgo.Interaction) action {
	data := i.ApplicationCommandData()
	opts := data.Options
	c := b.ans.Corpus()
	switch data.Name {
	case cmdAsk:
		user, _ := userOf(i)
		return b.ask(user, optString(opts, "question"), optBool(opts, "private"), where{i.GuildID, i.ChannelID})
	case cmdFacts:
		r := composeFacts(c, optString(opts, "topic"), 1)
		r.Ephemeral = r.Ephemeral || optBool(opts, "private")
		return replyNow(r)
	case cmdTimeline:
		return replyNow(composeTimeline(c, optString(opts, "from"), optString(opts, "to"), 1))
	case cmdSources:
		return replyNow(composeSources(c, 1))
	case cmdHelp:
		return replyNow(composeHelp(b.commandIDs(), b.mod != nil, true))
	case cmdCorpus:
		return b.routeCorpus(i, data)
	}
	return replyNow(composeError(fmt.Sprintf("I don't know the command /%s. Try `/help`.", data.Name)))
}

// ask checks a question and the asker's rate and returns the work of
// answering it.
func (b *Bot) ask(user, question string, private bool, at where) action {
	q := strings.TrimSpace(question)
	switch n := runes(q); {
	case n == 0:
		return replyNow(composeError("Ask me a question, e.g. `/ask question: When was the INF treaty signed?`"))
	case n > maxQuestionLen:
		return replyNow(composeError(fmt.Sprintf("Your question is %d characters long; please keep it under %d.", n, maxQuestionLen)))
	}
	now := b.now()
	if ok, retry := b.limit.allow(user, now); !ok {
		b.log.Debug("slow-down: question refused by the rate limit", "user", user, "retry_at", retry)
		return replyNow(composeSlowDown(retry, now))
	}
	return action{ephemeral: private, what: cmdAsk, work: func(ctx context.Context) (Reply, error) {
		return b.answer(ctx, q, private, at)
	}}
}

// answer asks the engine, logs the question, and composes the card.
func (b *Bot) answer(ctx context.Context, q string, private bool, at where) (Reply, error) {
	a, err := b.ans.Ask(ctx, q)
	if err != nil {
		return Reply{}, &userError{msg: "Sorry, I couldn't answer that just now. Please try again in a moment.", err: fmt.Errorf("ask %q: %w", q, err)}
	}
	id := b.record(a, q, at)
	key := ""
	if a.Found && len(a.More) > 0 {
		key = b.more.put(a.Answer, a.More, b.now())
	}
	return composeAnswer(a, key, id, private), nil
}

func (b *Bot) routeAutocomplete(i *discordgo.Interaction) action {
	data := i.ApplicationCommandData()
	focused, name := focusedOption(data.Options)
	var cs []*discordgo.ApplicationCommandOptionChoice
	switch {
	case data.Name == cmdFacts && name == "topic":
		cs = factChoices(b.ans.Corpus(), focused)
	case data.Name == cmdCorpus && name == "id":
		cs = b.idChoices(i, focused)
	}
	return action{isChoices: true, choices: cs}
}

// focusedOption finds the option being typed, looking into subcommands.
func focusedOption(opts []*discordgo.ApplicationCommandInteractionDataOption) (value, name string) {
	for _, o := range opts {
		if o.Focused {
			s, _ := o.Value.(string)
			return s, o.Name
		}
		if v, n := focusedOption(o.Options); n != "" {
			return v, n
		}
	}
	return "", ""
}

func (b *Bot) routeComponent(i *discordgo.Interaction) action {
	id := i.MessageComponentData().CustomID
	if act, ok := b.routeFeedback(i, id); ok {
		return act
	}
	if key, ok := strings.CutPrefix(id, morePrefix); ok {
		if answer, cits, ok := b.more.get(key, b.now()); ok {
			return replyNow(composeMore(answer, cits))
		}
		return replyNow(composeExpired())
	}
	if kind, page, args, ok := parsePageID(id); ok {
		c := b.ans.Corpus()
		var r Reply
		switch kind {
		case pageFacts:
			r = composeFacts(c, args, page)
		case pageTimeline:
			from, to, _ := strings.Cut(args, ":")
			r = composeTimeline(c, from, to, page)
		case pageSources:
			r = composeSources(c, page)
		default:
			return replyNow(composeError("That button no longer works. Run the command again."))
		}
		return turnPage(i, r)
	}
	return replyNow(composeError("That button no longer works. Ask the question again."))
}

// turnPage shows another page of a list. The member who ran the command
// (or anyone, on a message only they can see) turns the page in place;
// anyone else gets the page to themselves, so a public list does not move
// under the feet of the others reading it.
func turnPage(i *discordgo.Interaction, r Reply) action {
	if r.Ephemeral && len(r.Embeds) == 0 { // the list is gone: say so privately
		return replyNow(r)
	}
	user, _ := userOf(i)
	m := i.Message
	own := m != nil && (m.Flags&discordgo.MessageFlagsEphemeral != 0 ||
		(m.InteractionMetadata != nil && m.InteractionMetadata.User != nil && m.InteractionMetadata.User.ID == user) ||
		(m.Interaction != nil && m.Interaction.User != nil && m.Interaction.User.ID == user))
	if own {
		return action{update: &r}
	}
	r.Ephemeral = true
	return replyNow(r)
}

// mentionRE matches a user mention, <@id> or <@!id>.
var mentionRE = regexp.MustCompile(`<@!?(\d+)>`)

// mentionQuestion returns the question in a message that mentions botID,
// with the bot's mentions removed, and whether the message mentions the bot
// at all.
func mentionQuestion(m *discordgo.Message, botID string) (string, bool) {
	if botID == "" {
		return "", false
	}
	mentioned := false
	for _, u := range m.Mentions {
		if u != nil && u.ID == botID {
			mentioned = true
		}
	}
	q := mentionRE.ReplaceAllStringFunc(m.Content, func(s string) string {
		if mentionRE.FindStringSubmatch(s)[1] == botID {
			mentioned = true
			return " "
		}
		return s
	})
	return oneLine(q), mentioned
}

// mentionHelp is the short help for a bare mention.
func mentionHelp(ids map[string]string) Reply {
	return Reply{Content: "Hi! Ask me about arms-control treaties: mention me with a question, e.g. " +
		"“@treatybot when was the INF treaty signed?”, or use " + cmdMention(ids, cmdAsk) + ". " + cmdMention(ids, cmdHelp) + " lists everything I can do."}
}

// routeMessage is the pure part of handling a message: it returns the reply
// to send, or false when the bot should stay silent (bots, messages that do
// not mention it, a user already told to slow down).
func (b *Bot) routeMessage(ctx context.Context, m *discordgo.Message, botID string) (Reply, bool, error) {
	if m.Author == nil || m.Author.Bot || m.Author.ID == botID {
		return Reply{}, false, nil
	}
	q, ok := mentionQuestion(m, botID)
	if !ok {
		return Reply{}, false, nil
	}
	if q == "" {
		return mentionHelp(b.commandIDs()), true, nil
	}
	if n := runes(q); n > maxQuestionLen {
		return Reply{Content: fmt.Sprintf("Your question is %d characters long; please keep it under %d.", n, maxQuestionLen)}, true, nil
	}
	now := b.now()
	if ok, retry := b.limit.allow(m.Author.ID, now); !ok {
		b.log.Debug("slow-down: mention refused by the rate limit", "user", m.Author.ID, "retry_at", retry)
		// In a channel the notice cannot be ephemeral, so say it once per
		// wait rather than once per message.
		if !b.noticeOnce(m.Author.ID, retry, now) {
			return Reply{}, false, nil
		}
		return composeSlowDown(retry, now), true, nil
	}
	r, err := b.answer(ctx, q, false, where{m.GuildID, m.ChannelID})
	return r, true, err
}

// noticeOnce reports whether user should be told to slow down now: once
// until retry.
func (b *Bot) noticeOnce(user string, retry, now time.Time) bool {
	b.noticeMu.Lock()
	defer b.noticeMu.Unlock()
	if until, ok := b.notice[user]; ok && now.Before(until) {
		return false
	}
	for u, t := range b.notice {
		if now.After(t) {
			delete(b.notice, u)
		}
	}
	b.notice[user] = retry
	return true
}
