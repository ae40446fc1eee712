package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/library"
)

// Moderation is the corpus management behind /corpus. *library.Library
// satisfies it. Add, Remove and Check return library's sentinel errors
// (ErrTooLarge, ErrNotText, ErrBadName, ErrExists, ErrNotFound,
// ErrNoDocuments) or a *corpus.FileError wrapping corpus.ErrInvalid.
type Moderation interface {
	Status() library.Status
	Reload(ctx context.Context, who string) (library.Report, error)
	Add(ctx context.Context, who, filename string, data []byte, replace bool) (library.Report, error)
	Remove(ctx context.Context, who, id string) (library.Report, error)
	Check(filename string, data []byte) (library.CheckReport, error)
	IDs() []string
}

// isModerator reports whether the member may use /corpus: Manage Server
// (or Administrator) in this channel, or one of the moderator roles. Checked
// on every call, whatever Discord's command permissions say.
func (b *Bot) isModerator(i *discordgo.Interaction) bool {
	if i.Member == nil || i.GuildID == "" {
		return false
	}
	if i.Member.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0 {
		return true
	}
	for _, r := range i.Member.Roles {
		if slices.Contains(b.cfg.ModeratorRoleIDs, r) {
			return true
		}
	}
	return false
}

// who names a moderator for logs and reports: name and id, never a mention.
func who(i *discordgo.Interaction) string {
	id, name := userOf(i)
	return name + " (" + id + ")"
}

// refusal is a userError for an expected refusal: logged as information,
// not as a failure.
func refusal(msg string) error { return &userError{msg: msg, refusal: true} }

func (b *Bot) routeCorpus(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) action {
	if b.mod == nil {
		return replyNow(composeError("Corpus management is not enabled on this bot."))
	}
	if !b.isModerator(i) {
		b.log.Info("corpus command refused", "user", who(i), "reason", "not a moderator")
		return replyNow(composeError("Only moderators can manage the corpus: you need the Manage Server permission or a moderator role."))
	}
	if len(data.Options) != 1 || data.Options[0].Type != discordgo.ApplicationCommandOptionSubCommand {
		return replyNow(composeError("Use one of `/corpus status`, `reload`, `add`, `remove` or `check`."))
	}
	sub := data.Options[0]
	by := who(i)
	what := "corpus " + sub.Name
	switch sub.Name {
	case "status":
		return replyNow(composeStatus(b.mod.Status()))
	case "reload":
		return action{ephemeral: true, what: what, work: func(ctx context.Context) (Reply, error) {
			rep, err := b.mod.Reload(ctx, by)
			return b.refreshed(rep, err)
		}}
	case "remove":
		id := optString(sub.Options, "id")
		return action{ephemeral: true, what: what, work: func(ctx context.Context) (Reply, error) {
			rep, err := b.mod.Remove(ctx, by, id)
			return b.refreshed(rep, err)
		}}
	case "add", "check":
		att, err := attachment(data, sub.Options)
		if err != nil {
			return replyNow(composeError(userMessage(err)))
		}
		replace := optBool(sub.Options, "replace")
		return action{ephemeral: true, what: what, work: func(ctx context.Context) (Reply, error) {
			body, err := b.download(ctx, att)
			if err != nil {
				return Reply{}, err
			}
			if sub.Name == "check" {
				cr, err := b.mod.Check(att.Filename, body)
				if err != nil {
					return Reply{}, explain(err)
				}
				return composeCheck(att.Filename, cr), nil
			}
			rep, err := b.mod.Add(ctx, by, att.Filename, body, replace)
			return b.refreshed(rep, err)
		}}
	}
	return replyNow(composeError("Use one of `/corpus status`, `reload`, `add`, `remove` or `check`."))
}

// attachment finds the file option's attachment and refuses one that is
// too large before anything is downloaded.
func attachment(data discordgo.ApplicationCommandInteractionData, opts []*discordgo.ApplicationCommandInteractionDataOption) (*discordgo.MessageAttachment, error) {
	var id string
	for _, o := range opts {
		if o.Name == "file" && o.Type == discordgo.ApplicationCommandOptionAttachment {
			id, _ = o.Value.(string)
		}
	}
	if id == "" || data.Resolved == nil || data.Resolved.Attachments[id] == nil {
		return nil, refusal("Attach the file to the command's `file` option.")
	}
	att := data.Resolved.Attachments[id]
	if att.Size > library.MaxFileSize {
		return nil, refusal(fmt.Sprintf("%s is %s; the limit is 1 MiB.", escapeMarkdown(att.Filename), sizeText(att.Size)))
	}
	return att, nil
}

func sizeText(n int) string {
	if n >= 1<<20 {
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	}
	return strconv.Itoa(n) + " bytes"
}

// download fetches an attachment from Discord's CDN at once (its URL is
// signed and expires), with a plain client that sends no token, reading at
// most one byte over the limit.
func (b *Bot) download(ctx context.Context, att *discordgo.MessageAttachment) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, att.URL, nil)
	if err != nil {
		return nil, &userError{msg: "I couldn't download that attachment.", err: fmt.Errorf("download %s: %w", att.Filename, err)}
	}
	resp, err := b.dl.Do(req)
	if err != nil {
		return nil, &userError{msg: "I couldn't download that attachment. Please try again.", err: fmt.Errorf("download %s: %w", att.Filename, err)}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, &userError{msg: "I couldn't download that attachment. Please try again.", err: fmt.Errorf("download %s: HTTP %d", att.Filename, resp.StatusCode)}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, library.MaxFileSize+1))
	if err != nil {
		return nil, &userError{msg: "I couldn't download that attachment. Please try again.", err: fmt.Errorf("download %s: %w", att.Filename, err)}
	}
	if len(data) > library.MaxFileSize {
		return nil, refusal(escapeMarkdown(att.Filename) + " is over the 1 MiB limit.")
	}
	return data, nil
}

// explain turns a library error into plain words; nothing was changed in
// every case it names.
func explain(err error) error {
	var fe *corpus.FileError
	switch {
	case errors.As(err, &fe):
		return &userError{msg: "That file is not valid, so nothing was changed:\n`" + strings.ReplaceAll(fe.Error(), "`", "'") + "`", err: err, refusal: true}
	case errors.Is(err, library.ErrTooLarge):
		return &userError{msg: "That file is over the 1 MiB limit; nothing was changed.", err: err, refusal: true}
	case errors.Is(err, library.ErrNotText):
		return &userError{msg: "That file is not UTF-8 text; nothing was changed.", err: err, refusal: true}
	case errors.Is(err, library.ErrBadName):
		return &userError{msg: "That file name is not allowed: use a plain name ending in .md, .txt or .yaml, with no folders and not starting with a dot.", err: err, refusal: true}
	case errors.Is(err, library.ErrExists):
		return &userError{msg: "A document with that id is already in the corpus. To replace it, run the command again with `replace: True`.", err: err, refusal: true}
	case errors.Is(err, library.ErrNotFound):
		return &userError{msg: "There is no document with that id. Start typing the id to pick one from the list.", err: err, refusal: true}
	case errors.Is(err, library.ErrNoDocuments):
		return &userError{msg: "That would leave the corpus with no documents, so nothing was changed.", err: err, refusal: true}
	}
	return &userError{msg: "The refresh failed and nothing was changed; the error is in the bot's log.", err: err}
}

// refreshed reports a refresh in the reply and, when one is set, in the
// moderators' log channel. (The library logs every refresh with who made it
// and what changed, so it is not logged again here.)
func (b *Bot) refreshed(rep library.Report, err error) (Reply, error) {
	if err != nil {
		return Reply{}, explain(err)
	}
	r := composeReport(rep)
	if ch := b.cfg.ModLogChannelID; ch != "" {
		if _, err := b.session.ChannelMessageSendComplex(ch, r.toMessage(nil)); err != nil {
			b.log.Warn("post to moderators' log channel failed", "channel", ch, "err", redact(err))
		}
	}
	return r, nil
}

// idList formats ids as code spans.
func idList(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = "`" + strings.ReplaceAll(id, "`", "'") + "`"
	}
	return strings.Join(q, ", ")
}

var actionTitle = map[string]string{"reload": "Corpus reloaded", "add": "Document added", "remove": "Document removed"}

// composeReport says what a refresh changed.
func composeReport(rep library.Report) Reply {
	title := actionTitle[rep.Action]
	if title == "" {
		title = "Corpus refreshed"
	}
	var lines []string
	if rep.Unchanged() {
		lines = append(lines, "Nothing changed.")
	}
	for _, l := range []struct {
		name string
		ids  []string
	}{{"Added", rep.Added}, {"Changed", rep.Changed}, {"Removed", rep.Removed}} {
		if len(l.ids) > 0 {
			lines = append(lines, "**"+l.name+":** "+idList(l.ids))
		}
	}
	if rep.FactsAdded+rep.FactsChanged+rep.FactsRemoved > 0 {
		lines = append(lines, fmt.Sprintf("**Facts:** %d added, %d changed, %d removed", rep.FactsAdded, rep.FactsChanged, rep.FactsRemoved))
	}
	lines = append(lines, fmt.Sprintf("**Passages:** %d → %d", rep.PassagesBefore, rep.PassagesAfter))
	took := "**Took:** " + rep.Took.Round(time.Millisecond).String()
	if rep.Waited > 0 {
		took += " (waited " + rep.Waited.Round(time.Millisecond).String() + " for another refresh to finish)"
	}
	lines = append(lines, took, "**Version:** `"+library.ShortVersion(rep.Version)+"`")
	for _, w := range rep.Warnings {
		lines = append(lines, "⚠ "+escapeMarkdown(w))
	}
	e := &discordgo.MessageEmbed{Title: title, Color: colorMod, Description: packLines(lines, listBudget, ""),
		Footer: &discordgo.MessageEmbedFooter{Text: "by " + rep.Who}}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: true}
}

// composeStatus shows the corpus counts, version and last refresh.
func composeStatus(st library.Status) Reply {
	last := "never, since the data folder was created"
	if !st.RefreshedAt.IsZero() {
		by := st.RefreshedBy
		if by == "" {
			by = "unknown"
		}
		last = fmt.Sprintf("<t:%d:f> (<t:%d:R>) by %s", st.RefreshedAt.Unix(), st.RefreshedAt.Unix(), escapeMarkdown(by))
	}
	e := &discordgo.MessageEmbed{Title: "Corpus status", Color: colorMod, Description: fmt.Sprintf(
		"**Documents:** %d articles, %d fact sheets\n**Facts:** %d\n**Passages:** %d\n**Version:** `%s`\n**Last refreshed:** %s",
		st.Documents, st.FactSheets, st.Facts, st.Passages, library.ShortVersion(st.Version), last)}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: true}
}

// composeCheck says what a file would add.
func composeCheck(filename string, cr library.CheckReport) Reply {
	desc := fmt.Sprintf("**%s** is valid.\n**Id:** `%s` (%s)\n**Title:** %s\n**Passages:** %d\n**Facts:** %d\n**Dated events:** %d",
		escapeMarkdown(filename), cr.ID, cr.Kind, escapeMarkdown(cr.Title), cr.Passages, cr.Facts, cr.DatedEvents)
	if cr.Exists {
		desc += "\nA document with this id already exists: add it with `replace: True` to replace it."
	}
	desc += "\nNothing was published."
	e := &discordgo.MessageEmbed{Title: "Check passed", Color: colorMod, Description: desc}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: true}
}

// idChoices is the autocomplete of /corpus remove id, for moderators only:
// each document as "title (id)", so a moderator picks by what they know,
// matching what was typed against the id or the title.
func (b *Bot) idChoices(i *discordgo.Interaction, typed string) []*discordgo.ApplicationCommandOptionChoice {
	if b.mod == nil || !b.isModerator(i) {
		return nil
	}
	typed = strings.ToLower(strings.TrimSpace(typed))
	c := b.ans.Corpus()
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, id := range b.mod.IDs() {
		title := ""
		if c != nil {
			if d := c.Doc(id); d != nil {
				title = oneLine(d.Title)
			}
		}
		if !strings.Contains(strings.ToLower(id), typed) && !strings.Contains(strings.ToLower(title), typed) {
			continue
		}
		name := id
		if title != "" && title != id {
			name = truncate(title, maxChoiceLen-runes(id)-3) + " (" + id + ")"
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: id})
	}
	return out
}

// Compile-time check: the library is a Moderation.
var _ Moderation = (*library.Library)(nil)
