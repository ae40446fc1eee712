package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"runtime/debug"

	"github.com/bwmarrin/discordgo"
)

// onInteraction is the gateway handler for INTERACTION_CREATE: route, then
// deliver. discordgo runs each event in its own goroutine.
func (b *Bot) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if !b.enter() {
		return
	}
	defer b.handlers.Done()
	i := ic.Interaction
	defer b.recoverTo(func() {
		// Answer if nothing was sent yet, else follow up.
		r := composeError("Sorry, something went wrong on my side.")
		if s.InteractionRespond(i, r.toResponse()) != nil {
			_, _ = s.FollowupMessageCreate(i, true, r.toFollowup())
		}
	})
	act := b.route(i)
	b.deliver(b.ctx, s, i, act)
}

// deliver sends what route decided. Every payload is built by the to*
// conversions of Reply, which fit it to Discord's limits and empty its
// allowed mentions.
func (b *Bot) deliver(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, act action) {
	user, _ := userOf(i)
	log := b.log.With("interaction", i.ID, "user", user, "what", act.what)
	switch {
	case act.isChoices:
		if err := s.InteractionRespond(i, choicesResponse(act.choices)); err != nil {
			log.Warn("autocomplete reply failed", "err", redact(err))
		}
		return
	case act.reply != nil:
		if err := s.InteractionRespond(i, act.reply.toResponse()); err != nil {
			log.Warn("reply failed", "err", redact(err))
		}
		return
	case act.modal != nil:
		if err := s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: act.modal}); err != nil {
			log.Warn("modal failed", "err", redact(err))
		}
		return
	case act.update != nil:
		if err := s.InteractionRespond(i, act.update.toUpdate()); err != nil {
			log.Warn("message update failed", "err", redact(err))
		}
		return
	}
	// Slow work: acknowledge within Discord's 3 s first, then edit.
	if err := s.InteractionRespond(i, deferResponse(act.ephemeral)); err != nil {
		log.Warn("defer failed", "err", redact(err))
		return
	}
	r, err := act.work(ctx)
	if err != nil {
		logFailure(log, err)
		b.sendError(s, i, act.ephemeral, userMessage(err), log)
		return
	}
	if err := b.editOriginal(s, i, r); err != nil {
		log.Warn("edit failed", "err", redact(err))
	}
}

// recoverTo turns a handler's panic into a log line (and then runs after,
// if set): discordgo does not recover handler panics, and one bad event must
// not end the process.
func (b *Bot) recoverTo(after func()) {
	if v := recover(); v != nil {
		b.log.Error("handler panicked", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		if after != nil {
			after()
		}
	}
}

// logFailure logs a handler's error once: refusals as information,
// anything else as an error.
func logFailure(log *slog.Logger, err error) {
	var ue *userError
	if errors.As(err, &ue) && ue.refusal {
		log.Info("refused", "reason", redact(err))
		return
	}
	log.Error("handler failed", "err", redact(err))
}

// userMessage is the plain-words text of err for the person who asked.
func userMessage(err error) string {
	var ue *userError
	if errors.As(err, &ue) {
		return ue.msg
	}
	return "Sorry, something went wrong on my side. Please try again in a moment."
}

// sendError shows an error to the asker only. After an ephemeral deferral
// an edit is enough; after a public one the "thinking…" message is deleted
// and the error follows up ephemerally, since an edit cannot become
// ephemeral.
func (b *Bot) sendError(s *discordgo.Session, i *discordgo.Interaction, ephemeral bool, msg string, log *slog.Logger) {
	r := composeError(msg)
	if ephemeral {
		if err := b.editOriginal(s, i, r); err != nil {
			log.Warn("error edit failed", "err", redact(err))
		}
		return
	}
	if err := s.InteractionResponseDelete(i); err != nil {
		log.Warn("delete of deferred reply failed", "err", redact(err))
	}
	if _, err := s.FollowupMessageCreate(i, true, r.toFollowup()); err != nil {
		log.Warn("error follow-up failed", "err", redact(err))
	}
}

// editOriginal replaces the deferred response with r. It uses a bucket of
// its own per interaction: discordgo's InteractionResponseEdit files every
// edit of every interaction under one shared bucket, which serialises them
// (bwmarrin/discordgo#1384).
func (b *Bot) editOriginal(s *discordgo.Session, i *discordgo.Interaction, r Reply) error {
	uri := discordgo.EndpointWebhookMessage(i.AppID, i.Token, "@original")
	_, err := s.RequestWithBucketID("PATCH", uri, r.toEdit(), uri)
	return err
}

// onMessage is the gateway handler for MESSAGE_CREATE: mentions of the bot
// are answered as replies.
func (b *Bot) onMessage(s *discordgo.Session, mc *discordgo.MessageCreate) {
	if !b.enter() {
		return
	}
	defer b.handlers.Done()
	defer b.recoverTo(nil)
	m := mc.Message
	botID, _ := b.botID.Load().(string)
	r, ok, err := b.routeMessage(b.ctx, m, botID)
	if !ok {
		return
	}
	user := ""
	if m.Author != nil {
		user = m.Author.ID
	}
	log := b.log.With("message", m.ID, "channel", m.ChannelID, "user", user, "what", "mention")
	if err != nil {
		logFailure(log, err)
		r = Reply{Content: userMessage(err)}
	}
	ref := &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID}
	if _, err := s.ChannelMessageSendComplex(m.ChannelID, r.toMessage(ref)); err != nil {
		log.Warn("mention reply failed", "err", redact(err))
	}
}

// secretRE matches the secret part of interaction and webhook URLs.
var secretRE = regexp.MustCompile(`(/(?:interactions/\d+|webhooks/\d+))/[A-Za-z0-9._-]{20,}`)

// redact removes interaction tokens from an error before it is logged: an
// HTTP error quotes the URL, and the URL holds the token.
func redact(err error) string {
	return secretRE.ReplaceAllString(err.Error(), "$1/[token]")
}
