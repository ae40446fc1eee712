package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/treatybot/treatybot/corpus"
)

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

// who names a moderator for logs and the library's state: "name (id)".
// Replies show a mention instead (whoMention).
func who(i *discordgo.Interaction) string {
	id, name := userOf(i)
	return name + " (" + id + ")"
}

// whoRE matches the id at the end of a who string.
var whoRE = regexp.MustCompile(`\((\d+)\)$`)

// whoMention shows a who string in a reply: a moderator as a <@id>
// mention, which Discord shows as their name and, with the empty allowed
// mentions every message carries, pings no one; anyone else ("cli",
// "operator (SIGHUP)") as written.
func whoMention(s string) string {
	if m := whoRE.FindStringSubmatch(s); m != nil {
		return "<@" + m[1] + ">"
	}
	if s == "" {
		return "unknown"
	}
	return escapeMarkdown(s)
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
		return replyNow(composeError(corpusUsage))
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
			return b.refreshed(rep, by, err)
		}}
	case "remove":
		id := optString(sub.Options, "id")
		return action{ephemeral: true, what: what, work: func(ctx context.Context) (Reply, error) {
			rep, err := b.mod.Remove(ctx, by, id)
			return b.refreshed(rep, by, err)
		}}
	case "gaps":
		days := optInt(sub.Options, "days", defaultGapDays)
		return action{ephemeral: true, what: what, work: func(ctx context.Context) (Reply, error) { return b.gaps(ctx, days) }}
	case "feedback":
		return action{ephemeral: true, what: what, work: b.feedback}
	case "add", "check":
		att, err := b.attachment(data, sub.Options)
		if err != nil {
			logFailure(b.log.With("user", by, "what", what), err)
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
					return Reply{}, explainFile(att.Filename, len(body), b.docLimit(), err)
				}
				return composeCheck(att.Filename, cr), nil
			}
			rep, err := b.mod.Add(ctx, by, att.Filename, body, replace)
			return b.refreshed(rep, by, err)
		}}
	}
	return replyNow(composeError(corpusUsage))
}

const corpusUsage = "Use one of `/corpus status`, `reload`, `add`, `remove`, `check`, `gaps` or `feedback`."

// attachment finds the file option's attachment and refuses a name or a
// size the library would refuse, before anything is downloaded.
func (b *Bot) attachment(data discordgo.ApplicationCommandInteractionData, opts []*discordgo.ApplicationCommandInteractionDataOption) (*discordgo.MessageAttachment, error) {
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
	if err := b.mod.CheckUpload(att.Filename, att.Size); err != nil {
		return nil, explainFile(att.Filename, att.Size, b.docLimit(), err)
	}
	return att, nil
}

// docLimit is the size limit of one corpus file in force.
func (b *Bot) docLimit() int64 {
	if n := b.mod.Status().MaxDocBytes; n > 0 {
		return n
	}
	return MaxUpload
}

func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	if n >= 1<<20 {
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
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
	limit := b.docLimit()
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, &userError{msg: "I couldn't download that attachment. Please try again.", err: fmt.Errorf("download %s: %w", att.Filename, err)}
	}
	if int64(len(data)) > limit {
		return nil, refusal("`" + codeSafe(att.Filename) + "` is over the limit of " + sizeText(limit) + ".")
	}
	return data, nil
}

// codeSafe makes s safe inside a `code span`.
func codeSafe(s string) string { return strings.ReplaceAll(truncate(oneLine(s), 100), "`", "'") }

// explainFile turns a refusal of an uploaded file into plain words that
// name the file.
func explainFile(name string, size int, limit int64, err error) error {
	f := "`" + codeSafe(name) + "`"
	switch {
	case errors.Is(err, ErrBadName):
		return &userError{msg: f + " is not an allowed file name: use a plain name (letters, digits, `.`, `-` and `_`, no folders, not starting with a dot) ending in .md, .txt, .yaml or .yml. Nothing was downloaded.", err: err, refusal: true}
	case errors.Is(err, ErrTooLarge):
		return &userError{msg: fmt.Sprintf("%s is %s; the limit is %s. Nothing was downloaded.", f, sizeText(int64(size)), sizeText(limit)), err: err, refusal: true}
	}
	return explain(err)
}

// explain turns a moderation error into plain words; nothing was changed
// in every case it names.
func explain(err error) error {
	var fe *corpus.FileError
	switch {
	case errors.As(err, &fe):
		return &userError{msg: "That file is not valid, so nothing was changed:\n`" + strings.ReplaceAll(fe.Error(), "`", "'") + "`", err: err, refusal: true}
	case errors.Is(err, ErrTooLarge):
		msg := "That file is over the size limit; nothing was changed."
		var ge *corpus.GateError
		if errors.As(err, &ge) {
			msg = "That file is " + ge.Msg + "; nothing was changed."
		}
		return &userError{msg: msg, err: err, refusal: true}
	case errors.Is(err, ErrNotText):
		return &userError{msg: "That file is not UTF-8 text (it has binary content or another encoding); nothing was changed.", err: err, refusal: true}
	case errors.Is(err, ErrBadName):
		return &userError{msg: "That file name is not allowed: use a plain name ending in .md, .txt, .yaml or .yml, with no folders and not starting with a dot.", err: err, refusal: true}
	case errors.Is(err, ErrExists):
		return &userError{msg: "A document with that id is already in the corpus. To replace it, run the command again with `replace: True`.", err: err, refusal: true}
	case errors.Is(err, ErrNotFound):
		return &userError{msg: "There is no document with that id. Start typing the id to pick one from the list.", err: err, refusal: true}
	case errors.Is(err, ErrNoDocuments):
		return &userError{msg: "That would leave the corpus with no documents, so nothing was changed.", err: err, refusal: true}
	}
	return &userError{msg: "The refresh failed and nothing was changed; the error is in the bot's log.", err: err}
}

// refreshed reports a refresh in the reply and, when one is set, in the
// moderators' log channel. (The library logs every refresh with who made it
// and what changed, so it is not logged again here.)
func (b *Bot) refreshed(rep ChangeReport, by string, err error) (Reply, error) {
	if b.mod != nil {
		b.AnnounceProblems(b.mod.Status())
	}
	if err != nil {
		return Reply{}, explain(err)
	}
	r := composeReport(rep, by)
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

// composeReport says what a refresh changed, and who changed it, by
// mention (which pings no one).
func composeReport(rep ChangeReport, by string) Reply {
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
	lines = append(lines, took, "**Version:** `"+shortVersion(rep.Version)+"`", "**By:** "+whoMention(by))
	for _, w := range rep.Warnings {
		lines = append(lines, "⚠ "+escapeMarkdown(w))
	}
	e := &discordgo.MessageEmbed{Title: title, Color: colorMod, Description: packLines(lines, listBudget, "")}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: true}
}

// shortVersion is the first 12 hex digits of a corpus version.
func shortVersion(v string) string { return v[:min(len(v), 12)] }

// composeStatus shows the corpus counts, version and last refresh.
func composeStatus(st CorpusStatus) Reply {
	last := "never, since the data folder was created"
	if !st.RefreshedAt.IsZero() {
		last = fmt.Sprintf("<t:%d:f> (<t:%d:R>) by %s", st.RefreshedAt.Unix(), st.RefreshedAt.Unix(), whoMention(st.RefreshedBy))
	}
	lines := []string{fmt.Sprintf(
		"**Documents:** %s, %s\n**Facts:** %d\n**Passages:** %d\n**Version:** `%s`\n**Last refreshed:** %s",
		plural(st.Documents, "article", "articles"), plural(st.FactSheets, "fact sheet", "fact sheets"), st.Facts, st.Passages, shortVersion(st.Version), last)}
	lines = append(lines, problemLines(st)...)
	e := &discordgo.MessageEmbed{Title: "Corpus status", Color: colorMod, Description: packLines(lines, listBudget, "")}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: true}
}

// problemLines says which files of the corpus folder are malformed or
// skipped, and what a moderator can do about it.
func problemLines(st CorpusStatus) []string {
	var lines []string
	if n := len(st.Problems); n > 0 {
		lines = append(lines, fmt.Sprintf("**Malformed files:** %d. The bot serves the last good corpus until they are fixed: "+
			"fix the file and `/corpus reload`, replace it with `/corpus add replace: True`, or remove it with `/corpus remove`.", n))
		for _, p := range st.Problems {
			lines = append(lines, "⚠ `"+strings.ReplaceAll(p, "`", "'")+"`")
		}
	}
	if n := len(st.Skipped); n > 0 {
		lines = append(lines, fmt.Sprintf("**Skipped files:** %d (not read: a link out of the corpus folder, binary content, over the size limit, or not a corpus file)", n))
		for _, p := range st.Skipped {
			lines = append(lines, "• `"+strings.ReplaceAll(p, "`", "'")+"`")
		}
	}
	return lines
}

// AnnounceProblems posts the corpus folder's malformed and skipped files to
// the moderators' log channel (MOD_LOG_CHANNEL_ID) when they differ from
// what this process last posted, and says when they are gone. Only shard 0
// posts, so a data folder served by several shards announces once; the
// other shards learn of the problems too (they are signalled to reload)
// and show them in /corpus status.
func (b *Bot) AnnounceProblems(st CorpusStatus) {
	ch := b.cfg.ModLogChannelID
	if ch == "" || b.cfg.ShardID != 0 {
		return
	}
	key := strings.Join(st.Problems, "\n") + "\x00" + strings.Join(st.Skipped, "\n")
	b.noticeMu.Lock()
	prev := b.announced
	b.announced = key
	b.noticeMu.Unlock()
	if key == prev {
		return
	}
	r := composeProblems(st)
	if _, err := b.session.ChannelMessageSendComplex(ch, r.toMessage(nil)); err != nil {
		b.log.Warn("post to moderators' log channel failed", "channel", ch, "err", redact(err))
	}
}

// composeProblems is the moderators' log post about the corpus folder.
func composeProblems(st CorpusStatus) Reply {
	lines := problemLines(st)
	title := "Corpus folder has problems"
	if len(lines) == 0 {
		title = "Corpus folder problems fixed"
		lines = []string{"Every file of the corpus folder loads; the bot serves it as it is."}
	}
	e := &discordgo.MessageEmbed{Title: title, Color: colorMod, Description: packLines(lines, listBudget, "")}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}}
}

// composeCheck says what a file would add.
func composeCheck(filename string, cr FileReport) Reply {
	desc := fmt.Sprintf("**%s** is valid.\n**Id:** `%s` (%s)\n**Title:** %s\n**Passages:** %d\n**Facts:** %d\n**Dated events:** %d",
		escapeMarkdown(filename), cr.ID, cr.Kind, escapeMarkdown(cr.Title), cr.Passages, cr.Facts, cr.DatedEv)
	if cr.Exists {
		desc += "\nA document with this id already exists: add it with `replace: True` to replace it."
	}
	if len(cr.Conflicts) > 0 {
		lines := make([]string, len(cr.Conflicts))
		for i, c := range cr.Conflicts {
			lines[i] = "• " + escapeMarkdown(c)
		}
		desc += "\n**Sources would disagree** (fix one, or keep both knowingly):\n" + packLines(lines, 1500, "")
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
