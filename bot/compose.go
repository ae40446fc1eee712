package bot

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/questions"
)

// Colours of the embeds.
const (
	colorAnswer = 0x2b6cb0
	colorList   = 0x4a5568
	colorMod    = 0x2f855a
)

// Budgets, in runes, for the parts of a card. They keep a normal card well
// inside Discord's limits; fit is still the last word.
const (
	snippetBudget   = 700
	listBudget      = 3800 // of a 4096 description, leaving room for the "and N more" line
	maxQuestionLen  = 500  // longer questions are refused, not cut
	questionInTitle = 200
)

// morePrefix starts the custom ID of a "More sources" button; the rest is a
// short random key into the server-side store (see store.go).
const morePrefix = "more:"

// composeAnswer is the answer card: the short answer in bold, the cited
// snippets with the answer highlighted, each source's title linked to its
// url with its publisher and date, a "More sources" button when moreKey is
// set, and the 👍/👎 feedback buttons when the question was logged as
// questionID (0: not logged).
func composeAnswer(a corpus.Answer, moreKey string, questionID int64, ephemeral bool) Reply {
	if len(a.Citations) == 0 {
		return composeNoAnswer(a.Question, ephemeral)
	}
	if !a.Found {
		return composeUnsure(a, questionID, ephemeral)
	}
	top := a.Citations[0]
	e := &discordgo.MessageEmbed{
		Title:  top.Title,
		URL:    safeURL(top.URL),
		Color:  colorAnswer,
		Footer: &discordgo.MessageEmbedFooter{Text: "Asked: " + truncate(oneLine(a.Question), questionInTitle)},
	}
	var d strings.Builder
	switch {
	case a.Disputed:
		// "Sources differ: 500–5,500 km (Arms Control Association); 1,000–5,000 km (TASS)"
		d.WriteString("**Sources differ:** " + disputeLine(a) + "\n\n")
	case a.AttributedTo != "":
		// whose claim it is comes before the quote
		d.WriteString("**" + escapeMarkdown(oneLine(a.Answer)) + "** — " + escapeMarkdown(oneLine(corpus.ClaimLabel(a.AttributedTo))) + "\n\n")
	default:
		d.WriteString("**" + escapeMarkdown(oneLine(a.Answer)) + "**\n\n")
	}
	d.WriteString(citeBlock(top))
	e.Description = d.String()
	for _, c := range a.Citations[1:] {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Another source agrees", Value: citeBlock(c)})
	}
	for _, alt := range a.Alternatives {
		if len(alt.Citations) > 0 && len(e.Fields) < 3 {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Another source says " + truncate(oneLine(alt.Answer), 200), Value: citeBlock(alt.Citations[0])})
		}
	}
	r := Reply{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: ephemeral}
	if questionID != 0 {
		r.Buttons = feedbackButtons(questionID)
	}
	if moreKey != "" {
		r.Buttons = append(r.Buttons, discordgo.Button{Label: "More sources", Style: discordgo.SecondaryButton, CustomID: morePrefix + moreKey})
	}
	return r
}

// disputeLine lists a disputed answer's values, each with its source.
func disputeLine(a corpus.Answer) string {
	parts := []string{"**" + escapeMarkdown(oneLine(a.Answer)) + "** (" + escapeMarkdown(citationSource(a.Citations[0])) + ")"}
	for _, alt := range a.Alternatives {
		src := ""
		if len(alt.Citations) > 0 {
			src = " (" + escapeMarkdown(citationSource(alt.Citations[0])) + ")"
		}
		parts = append(parts, "**"+escapeMarkdown(oneLine(alt.Answer))+"**"+src)
	}
	return strings.Join(parts, "; ")
}

// disputeValues lists the values of a disputed answer that is not sure:
// the likeliest span of the first passage, and each alternative, with
// their sources, none in bold (none is asserted).
func disputeValues(a corpus.Answer) string {
	first := a.Citations[0]
	v := first.Snippet
	if h := first.Highlight; len(h) == 2 && 0 <= h[0] && h[0] < h[1] && h[1] <= len(v) {
		v = v[h[0]:h[1]]
	}
	parts := []string{escapeMarkdown(oneLine(v)) + " (" + escapeMarkdown(citationSource(first)) + ")"}
	for _, alt := range a.Alternatives {
		src := ""
		if len(alt.Citations) > 0 {
			src = " (" + escapeMarkdown(citationSource(alt.Citations[0])) + ")"
		}
		parts = append(parts, escapeMarkdown(oneLine(alt.Answer))+src)
	}
	return strings.Join(parts, "; ")
}

// citationSource names a citation's source in a few words: its publisher,
// else its title.
func citationSource(c corpus.Citation) string {
	if c.Source != "" {
		return c.Source
	}
	return c.Title
}

// composeUnsure is the reply when the engine is not sure of any answer but
// some passages come close: it says so plainly, asserts nothing, and quotes
// the closest passages, each with its likeliest span underlined (not bold:
// bold is for answers the bot gives).
func composeUnsure(a corpus.Answer, questionID int64, ephemeral bool) Reply {
	e := &discordgo.MessageEmbed{
		Title:  "No sure answer",
		Color:  colorList,
		Footer: &discordgo.MessageEmbedFooter{Text: "Asked: " + truncate(oneLine(a.Question), questionInTitle)},
	}
	blocks := []string{"I'm not sure of an answer; these passages look closest:\n"}
	if a.Disputed {
		blocks[0] = "I'm not sure of an answer, and the sources differ: " + disputeValues(a) + ". These passages look closest:\n"
	}
	for _, c := range a.Citations {
		snip, hl := clip(c.Snippet, c.Highlight, snippetBudget)
		claim := ""
		if c.AttributedTo != "" {
			claim = " · " + escapeMarkdown(oneLine(corpus.ClaimLabel(c.AttributedTo)))
		}
		blocks = append(blocks, quoteLines(mark(snip, hl, "__"))+"\n— "+sourceLine(c.Title, c.URL, c.Source, c.Published)+claim+"\n")
	}
	e.Description = strings.TrimSpace(packLines(blocks, listBudget, ""))
	r := Reply{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: ephemeral}
	if questionID != 0 {
		r.Buttons = feedbackButtons(questionID)
	}
	return r
}

// citeBlock quotes a citation's snippet, with the answer highlighted, and
// names its source on the line below.
func citeBlock(c corpus.Citation) string {
	snip, hl := clip(c.Snippet, c.Highlight, snippetBudget)
	return quoteLines(highlight(snip, hl)) + "\n— " + sourceLine(c.Title, c.URL, c.Source, c.Published)
}

// sourceLine is "[Title](url) · Source · 1987-12-08", leaving out what is
// unknown.
func sourceLine(title, link, source, published string) string {
	parts := []string{link1(title, link)}
	if source != "" && source != title {
		parts = append(parts, escapeMarkdown(source))
	}
	if published != "" {
		parts = append(parts, dateString(published))
	}
	return strings.Join(parts, " · ")
}

// link1 is a markdown link to u titled title, or the escaped title alone
// when u is not a plain http(s) URL.
func link1(title, u string) string {
	if title == "" {
		title = u
	}
	t := linkText(truncate(oneLine(title), 200))
	if u = safeURL(u); u == "" {
		return t
	}
	return "[" + t + "](" + u + ")"
}

// safeURL returns u if it is an absolute http(s) URL that can sit inside a
// markdown link, else "".
func safeURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || strings.ContainsAny(u, " ()<>\n") {
		return ""
	}
	return u
}

// dateText writes a date the one way every reply does: 1987-12-08, 1987-12
// or 1987, the same form /timeline takes for its from and to.
func dateText(d corpus.Date) string { return d.String() }

// dateString is dateText for a date held as text; text that is not a date
// is shown as it is.
func dateString(s string) string {
	if d, err := corpus.ParseDate(s); err == nil {
		return dateText(d)
	}
	return escapeMarkdown(s)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// composeNoAnswer says plainly that the corpus has no answer and points to
// /sources.
func composeNoAnswer(question string, ephemeral bool) Reply {
	q := escapeMarkdown(truncate(oneLine(question), questionInTitle))
	return Reply{
		Content: "I couldn't find an answer to “" + q + "” in my sources. " +
			"Try rephrasing it, or use `/sources` to see which documents I can answer from (and `/facts` for the treaty facts).",
		Ephemeral: ephemeral,
	}
}

// composeMore lists the next best passages, for the "More sources" button:
// each quoted once with its source named once below it. A passage's span is
// bold only when it is the answer the engine gave; the engine's candidate
// spans in other passages were not judged answers, and bolding them would
// read as if they were ("**Moscow**'s response" to "who criticized
// Washington").
func composeMore(answer string, cits []corpus.Citation) Reply {
	if len(cits) == 0 {
		return Reply{Content: "There are no more sources for this answer.", Ephemeral: true}
	}
	blocks := make([]string, 0, len(cits))
	for _, c := range cits {
		if !judged(c, answer) {
			c.Highlight = nil
		}
		blocks = append(blocks, citeBlock(c)+"\n") // a blank line between sources
	}
	e := &discordgo.MessageEmbed{Title: "More sources", Color: colorList, Description: strings.TrimSpace(packLines(blocks, listBudget, ""))}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: true}
}

// judged reports whether c's highlighted span is the answer given: the same
// words, ignoring case and punctuation.
func judged(c corpus.Citation, answer string) bool {
	h := c.Highlight
	if len(h) != 2 || h[0] < 0 || h[0] >= h[1] || h[1] > len(c.Snippet) || answer == "" {
		return false
	}
	return questions.Normalize(c.Snippet[h[0]:h[1]]) == questions.Normalize(answer)
}

// composeExpired answers a "More sources" click whose state is gone.
func composeExpired() Reply {
	return Reply{Content: "Those extra sources have expired. Ask the question again to see them.", Ephemeral: true}
}

// cmdMention is a clickable mention of a slash command, "</facts:123>", or
// "`/facts`" when its id is not known (before registration). name may hold
// a subcommand: "corpus gaps".
func cmdMention(ids map[string]string, name string) string {
	top, _, _ := strings.Cut(name, " ")
	if id := ids[top]; id != "" {
		return "</" + name + ":" + id + ">"
	}
	return "`/" + name + "`"
}

// composeHelp says what the bot can do, with examples. ids maps command
// names to their ids, so the commands are clickable mentions; withCorpus
// adds the moderators' commands.
func composeHelp(ids map[string]string, withCorpus, ephemeral bool) Reply {
	m := func(name string) string { return cmdMention(ids, name) }
	mods := ""
	if withCorpus {
		mods = "\n• Moderators: " + m(cmdCorpus+" status") + ", " + m(cmdCorpus+" add") + ", " + m(cmdCorpus+" gaps") + " (what members asked and did not get), " +
			m(cmdCorpus+" feedback") + " (the latest 👎) and more."
	}
	e := &discordgo.MessageEmbed{
		Title: "treatybot",
		Color: colorList,
		Description: "I answer questions about arms-control treaties from a fixed set of news articles and fact sheets, " +
			"and every answer quotes its source word for word.\n\n" +
			"• " + m(cmdAsk) + " `question` — ask anything, e.g. “When was the INF treaty signed?” " +
			"Set `private` to see the answer alone.\n" +
			"• **Mention me** — “@treatybot who signed the INF treaty?” and I reply to your message.\n" +
			"• " + m(cmdFacts) + " `[topic]` — the treaty facts with their sources, e.g. topic “INF Treaty” or “withdraw”.\n" +
			"• " + m(cmdTimeline) + " `[from] [to]` — what happened when, oldest first, e.g. from 2018 to 2019-06.\n" +
			"• " + m(cmdSources) + " — the documents and fact sheets I answer from.\n" +
			"• " + m(cmdHelp) + " — this message." + mods,
		Footer: &discordgo.MessageEmbedFooter{Text: "Dates are written YYYY-MM-DD, and /timeline takes YYYY, YYYY-MM or YYYY-MM-DD."},
	}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: ephemeral}
}

// composeSlowDown tells a user who asked too often when to try again, with a
// Discord relative timestamp that each reader's client renders in its own
// words ("in 8 seconds") — once: the timestamp already says it. A wait of
// under a second is rounded up, so the time shown is never already past.
func composeSlowDown(retryAt time.Time, now time.Time) Reply {
	at := max(retryAt.Unix(), now.Unix()+1)
	return Reply{Content: fmt.Sprintf("Slow down a little: you can ask again <t:%d:R>.", at), Ephemeral: true}
}

// composeError is an error in plain words, seen only by the asker.
func composeError(msg string) Reply { return Reply{Content: msg, Ephemeral: true} }
