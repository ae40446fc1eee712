package bot

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/treatybot/treatybot/corpus"
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
// url with its publisher and date, and a "More sources" button when moreKey
// is set.
func composeAnswer(a corpus.Answer, moreKey string, ephemeral bool) Reply {
	if !a.Found || len(a.Citations) == 0 {
		return composeNoAnswer(a.Question, ephemeral)
	}
	top := a.Citations[0]
	e := &discordgo.MessageEmbed{
		Title:  top.Title,
		URL:    safeURL(top.URL),
		Color:  colorAnswer,
		Footer: &discordgo.MessageEmbedFooter{Text: "Asked: " + truncate(oneLine(a.Question), questionInTitle)},
	}
	var d strings.Builder
	d.WriteString("**" + escapeMarkdown(oneLine(a.Answer)) + "**\n\n")
	d.WriteString(citeBlock(top))
	e.Description = d.String()
	for _, c := range a.Citations[1:] {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Also: " + c.Title, Value: citeBlock(c)})
	}
	r := Reply{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: ephemeral}
	if moreKey != "" {
		r.Buttons = []discordgo.Button{{Label: "More sources", Style: discordgo.SecondaryButton, CustomID: morePrefix + moreKey}}
	}
	return r
}

// citeBlock quotes a citation's snippet, with the answer highlighted, and
// names its source on the line below.
func citeBlock(c corpus.Citation) string {
	snip, hl := clip(c.Snippet, c.Highlight, snippetBudget)
	return quoteLines(highlight(snip, hl)) + "\n— " + sourceLine(c.Title, c.URL, c.Source, c.Published)
}

// sourceLine is "[Title](url) · Source · December 8, 1987", leaving out what
// is unknown.
func sourceLine(title, link, source, published string) string {
	parts := []string{link1(title, link)}
	if source != "" && source != title {
		parts = append(parts, escapeMarkdown(source))
	}
	if published != "" {
		parts = append(parts, humanDate(published))
	}
	return strings.Join(parts, " · ")
}

// link1 is a markdown link to u titled title, or the escaped title alone
// when u is not a plain http(s) URL.
func link1(title, u string) string {
	if title == "" {
		title = u
	}
	t := escapeMarkdown(truncate(oneLine(title), 200))
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

// humanDate turns "1987-12-08" into "December 8, 1987"; anything else is
// shown as it is.
func humanDate(s string) string {
	if d, err := corpus.ParseDate(s); err == nil {
		return d.Human()
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

// composeMore lists the next best passages, for the "More sources" button.
func composeMore(cits []corpus.Citation) Reply {
	if len(cits) == 0 {
		return Reply{Content: "There are no more sources for this answer.", Ephemeral: true}
	}
	e := &discordgo.MessageEmbed{Title: "More sources", Color: colorList}
	for _, c := range cits {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: c.Title, Value: citeBlock(c)})
	}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: true}
}

// composeExpired answers a "More sources" click whose state is gone.
func composeExpired() Reply {
	return Reply{Content: "Those extra sources have expired. Ask the question again to see them.", Ephemeral: true}
}

// composeHelp says what the bot can do, with examples.
func composeHelp(ephemeral bool) Reply {
	e := &discordgo.MessageEmbed{
		Title: "treatybot",
		Color: colorList,
		Description: "I answer questions about arms-control treaties from a fixed set of news articles and fact sheets, " +
			"and every answer quotes its source word for word.\n\n" +
			"**/ask** `question` — ask anything, e.g. `/ask question: When was the INF treaty signed?` " +
			"Add `private: True` to see the answer alone.\n" +
			"**Mention me** — \"@treatybot who signed the INF treaty?\" and I reply to your message.\n" +
			"**/facts** `[topic]` — the treaty facts with their sources, e.g. `/facts topic: INF`.\n" +
			"**/timeline** `[from] [to]` — dated events, oldest first, e.g. `/timeline from: 2018 to: 2019-06`.\n" +
			"**/sources** — the documents I answer from.\n" +
			"**/help** — this message.",
		Footer: &discordgo.MessageEmbedFooter{Text: "Dates are YYYY, YYYY-MM or YYYY-MM-DD."},
	}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: ephemeral}
}

// composeSlowDown tells a user who asked too often when to try again, with a
// Discord relative timestamp that each reader's client renders in its own
// words ("in 8 seconds").
func composeSlowDown(retryAt time.Time, now time.Time) Reply {
	secs := int(retryAt.Sub(now).Round(time.Second) / time.Second)
	if secs < 1 {
		secs = 1
	}
	return Reply{
		Content:   fmt.Sprintf("Slow down a little: you can ask again <t:%d:R> (in %d s).", retryAt.Unix(), secs),
		Ephemeral: true,
	}
}

// composeError is an error in plain words, seen only by the asker.
func composeError(msg string) Reply { return Reply{Content: msg, Ephemeral: true} }

// packLines joins lines into at most budget runes; when some do not fit, it
// ends with "…and N more" and the hint.
func packLines(lines []string, budget int, hint string) string {
	var b strings.Builder
	used := 0
	for i, l := range lines {
		n := runes(l) + 1
		if used+n > budget {
			more := "…and " + strconv.Itoa(len(lines)-i) + " more."
			if hint != "" {
				more += " " + hint
			}
			b.WriteString(more)
			return b.String()
		}
		b.WriteString(l + "\n")
		used += n
	}
	return strings.TrimRight(b.String(), "\n")
}

// composeSources lists the documents and fact sheets of c.
func composeSources(c *corpus.Corpus) Reply {
	if c == nil || len(c.Docs) == 0 {
		return Reply{Content: "The corpus is empty.", Ephemeral: true}
	}
	var lines []string
	st := c.Stats()
	for _, d := range c.Docs {
		if d.Kind == corpus.FactSheet {
			lines = append(lines, "• Fact sheet: "+escapeMarkdown(d.Title)+" — "+strconv.Itoa(len(d.Passages))+" facts (`"+d.ID+"`)")
			continue
		}
		published := ""
		if !d.Published.IsZero() {
			published = d.Published.String()
		}
		lines = append(lines, "• "+sourceLine(d.Title, d.URL, d.Source, published)+" (`"+d.ID+"`)")
	}
	e := &discordgo.MessageEmbed{
		Title:       "Sources",
		Color:       colorList,
		Description: packLines(lines, listBudget, ""),
		Footer: &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("%d articles, %d fact sheets (%d facts), %d passages",
			st.Documents, st.FactSheets, st.Facts, st.Passages)},
	}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}}
}

// factLine is one fact with its source.
func factLine(p *corpus.Passage) string {
	date := ""
	if !p.Date.IsZero() {
		date = p.Date.String()
	}
	src := p.Source
	if src == "" {
		src = "source"
	}
	return "• " + escapeMarkdown(oneLine(p.Text)) + " — " + sourceLine(src, p.URL, "", date)
}

// composeFacts lists the fact sheets' facts. With a topic, it shows the sheet
// whose id, subject or alias matches it, or else every fact that mentions it.
func composeFacts(c *corpus.Corpus, topic string) Reply {
	var sheets []*corpus.Document
	if c != nil {
		for _, d := range c.Docs {
			if d.Kind == corpus.FactSheet {
				sheets = append(sheets, d)
			}
		}
	}
	if len(sheets) == 0 {
		return Reply{Content: "There are no fact sheets in the corpus. Try `/sources`.", Ephemeral: true}
	}
	topic = oneLine(topic)
	title := "Treaty facts"
	var lines []string
	switch match := sheetFor(sheets, topic); {
	case topic == "":
		for _, d := range sheets {
			lines = append(lines, "**"+escapeMarkdown(d.Title)+"**")
			for i := range d.Passages {
				lines = append(lines, factLine(&d.Passages[i]))
			}
		}
	case match != nil:
		title = "Facts: " + match.Title
		for i := range match.Passages {
			lines = append(lines, factLine(&match.Passages[i]))
		}
	default:
		title = "Facts mentioning “" + truncate(topic, 100) + "”"
		for _, d := range sheets {
			head := false
			for i := range d.Passages {
				if !containsWord(d.Passages[i].Text, topic) {
					continue
				}
				if !head {
					lines = append(lines, "**"+escapeMarkdown(d.Title)+"**")
					head = true
				}
				lines = append(lines, factLine(&d.Passages[i]))
			}
		}
	}
	if len(lines) == 0 {
		return Reply{Content: "No fact mentions “" + escapeMarkdown(truncate(topic, 100)) + "”. Use `/facts` without a topic to see every subject.", Ephemeral: true}
	}
	e := &discordgo.MessageEmbed{Title: title, Color: colorList, Description: packLines(lines, listBudget, "Pick a `topic` to narrow the list.")}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}}
}

// sheetFor returns the fact sheet whose id, subject or one of its aliases is
// topic (ignoring case), or nil.
func sheetFor(sheets []*corpus.Document, topic string) *corpus.Document {
	if topic == "" {
		return nil
	}
	for _, d := range sheets {
		if strings.EqualFold(d.ID, topic) || strings.EqualFold(d.Title, topic) {
			return d
		}
		for _, a := range d.Aliases {
			if strings.EqualFold(a, topic) {
				return d
			}
		}
	}
	return nil
}

// containsWord reports whether text contains phrase as whole words, ignoring case.
func containsWord(text, phrase string) bool {
	t, p := strings.ToLower(text), strings.ToLower(phrase)
	for i := 0; ; {
		j := strings.Index(t[i:], p)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || !isWordByte(t[j-1])
		after := j+len(p) == len(t) || !isWordByte(t[j+len(p)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// factChoices is the autocomplete for /facts topic: fact-sheet subjects and
// aliases first, then the words the facts cover, matching what was typed.
func factChoices(c *corpus.Corpus, typed string) []*discordgo.ApplicationCommandOptionChoice {
	typed = strings.ToLower(strings.TrimSpace(typed))
	seen := map[string]bool{}
	var out []*discordgo.ApplicationCommandOptionChoice
	add := func(name string) {
		k := strings.ToLower(name)
		if seen[k] || runes(name) > maxChoiceLen || name == "" || !strings.Contains(k, typed) {
			return
		}
		seen[k] = true
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: name})
	}
	if c == nil {
		return out
	}
	var words []string
	for _, d := range c.Docs {
		if d.Kind != corpus.FactSheet {
			continue
		}
		add(d.Title)
		for _, a := range d.Aliases {
			add(a)
		}
		for _, p := range d.Passages {
			words = append(words, topicWords(p.Text)...)
		}
	}
	sort.Strings(words)
	// Words starting with what was typed come before words merely containing it.
	sort.SliceStable(words, func(i, j int) bool {
		return strings.HasPrefix(words[i], typed) && !strings.HasPrefix(words[j], typed)
	})
	for _, w := range words {
		if len(out) >= maxChoices {
			break
		}
		add(w)
	}
	if len(out) > maxChoices {
		out = out[:maxChoices]
	}
	return out
}

// topicWords are the words of text worth offering as a topic: four letters
// or more, or all-capital acronyms such as INF.
func topicWords(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-')
	}) {
		w = strings.Trim(w, "-")
		if len(w) >= 2 && w == strings.ToUpper(w) && strings.ToLower(w) != w {
			out = append(out, w)
		} else if len(w) >= 4 && !stopWords[strings.ToLower(w)] {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

var stopWords = map[string]bool{"that": true, "this": true, "with": true, "from": true, "were": true,
	"have": true, "been": true, "which": true, "their": true, "they": true, "into": true, "than": true,
	"also": true, "would": true, "after": true, "when": true, "said": true, "will": true, "both": true}
