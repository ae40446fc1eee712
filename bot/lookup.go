package bot

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/treatybot/treatybot/corpus"
)

// A long list is shown a screen at a time. Each screen holds at most
// pageLines lines and pageBudget runes, well inside an embed's 4096, so a
// screen reads at a glance; "Previous" and "Next" buttons turn the pages.
// Their custom ids carry everything needed to draw the page again (the
// list, the page and its arguments), so they keep working after a restart.
const (
	pageLines  = 12
	pageBudget = 2000
	// Custom id prefixes of the page buttons.
	pageFacts    = "facts"
	pageTimeline = "tl"
	pageSources  = "src"
	// maxTopicLen bounds /facts topic so that "facts:<page>:<topic>" fits
	// in a custom id.
	maxTopicLen = 80
)

// paginate splits lines into screens. A line longer than a whole screen is
// cut, so every screen is within budget.
func paginate(lines []string) [][]string {
	var pages [][]string
	var cur []string
	used := 0
	for _, l := range lines {
		l = truncate(l, pageBudget)
		n := runes(l) + 1
		if len(cur) > 0 && (len(cur) == pageLines || used+n > pageBudget) {
			pages = append(pages, cur)
			cur, used = nil, 0
		}
		cur = append(cur, l)
		used += n
	}
	if len(cur) > 0 {
		pages = append(pages, cur)
	}
	return pages
}

// composePage is screen page (1-based; clamped to the pages there are) of a
// list, titled title, with the footer note and, when there is more than one
// screen, buttons whose custom ids are kind:<page>:<args>.
func composePage(title string, lines []string, page int, kind, args, note string) Reply {
	pages := paginate(lines)
	page = min(max(page, 1), len(pages))
	e := &discordgo.MessageEmbed{Title: title, Color: colorList, Description: strings.Join(pages[page-1], "\n")}
	foot := note
	if len(pages) > 1 {
		foot = fmt.Sprintf("Page %d of %d", page, len(pages))
		if note != "" {
			foot += " · " + note
		}
	}
	if foot != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: foot}
	}
	r := Reply{Embeds: []*discordgo.MessageEmbed{e}}
	if len(pages) > 1 {
		id := func(p int) string { return kind + ":" + strconv.Itoa(p) + ":" + args }
		r.Buttons = []discordgo.Button{
			{Label: "Previous", Style: discordgo.SecondaryButton, CustomID: id(page - 1), Disabled: page == 1},
			{Label: "Next", Style: discordgo.SecondaryButton, CustomID: id(page + 1), Disabled: page == len(pages)},
		}
	}
	return r
}

// parsePageID reads a page button's custom id, kind:<page>:<args>.
func parsePageID(id string) (kind string, page int, args string, ok bool) {
	kind, rest, ok1 := strings.Cut(id, ":")
	num, args, ok2 := strings.Cut(rest, ":")
	n, err := strconv.Atoi(num)
	if !ok1 || !ok2 || err != nil || n < 0 || n > 10000 {
		return "", 0, "", false
	}
	return kind, n, args, true
}

// plural is "1 fact", "2 facts".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// factSheets returns the corpus's fact sheets.
func factSheets(c *corpus.Corpus) []*corpus.Document {
	var sheets []*corpus.Document
	if c != nil {
		for _, d := range c.Docs {
			if d.Kind == corpus.FactSheet {
				sheets = append(sheets, d)
			}
		}
	}
	return sheets
}

// statesDate reports whether a fact's text already gives its date, so that
// the line need not repeat it.
func statesDate(p *corpus.Passage) bool {
	for _, m := range p.Dates {
		if m.Date == p.Date {
			return true
		}
	}
	return false
}

// factLine is one fact with its source, linked when it has a url, and its
// date when the sentence does not state it.
func factLine(c *corpus.Corpus, p *corpus.Passage) string {
	src := p.Source
	if src == "" {
		src = "source unknown"
	}
	l := "• " + escapeMarkdown(oneLine(p.Text)) + " — " + link1(src, p.URL)
	if !p.Date.IsZero() && !statesDate(p) {
		l += " · " + dateText(p.Date)
	}
	return l + disputeNote(c, p, c.Disputes(p.ID))
}

// disputeNote flags a passage with the conflicts cs it is part of: " ⚠
// disputed: TASS gives 1,000-5,000 kilometers".
func disputeNote(c *corpus.Corpus, p *corpus.Passage, cs []corpus.Conflict) string {
	var notes []string
	for _, cf := range cs {
		other, value := cf.B, cf.ValueB
		if other.ID == p.ID {
			other, value = cf.A, cf.ValueA
		}
		src := other.Source
		if d := c.Doc(other.DocID); d != nil && d.Kind == corpus.Article && d.Source != "" {
			src = d.Source
		}
		notes = append(notes, escapeMarkdown(src)+" gives "+escapeMarkdown(value))
	}
	if len(notes) == 0 {
		return ""
	}
	return " ⚠ *disputed: " + strings.Join(notes, "; ") + "*"
}

// composeFacts is page page of the fact sheets' facts. With a topic, it
// shows the sheet whose id, subject or alias is the topic, or else every
// fact that mentions it.
func composeFacts(c *corpus.Corpus, topic string, page int) Reply {
	sheets := factSheets(c)
	if len(sheets) == 0 {
		return Reply{Content: "There are no fact sheets in the corpus. Try `/sources`.", Ephemeral: true}
	}
	topic = truncate(oneLine(topic), maxTopicLen)
	title := "Treaty facts"
	var lines []string
	n := 0
	switch match := sheetFor(sheets, topic); {
	case topic == "":
		for _, d := range sheets {
			if len(sheets) > 1 {
				lines = append(lines, "**"+escapeMarkdown(d.Title)+"**")
			}
			for i := range d.Passages {
				lines = append(lines, factLine(c, &d.Passages[i]))
				n++
			}
		}
	case match != nil:
		title = "Facts: " + match.Title
		for i := range match.Passages {
			lines = append(lines, factLine(c, &match.Passages[i]))
			n++
		}
	default:
		title = "Facts mentioning “" + topic + "”"
		for _, d := range sheets {
			head := false
			for i := range d.Passages {
				if !containsWord(d.Passages[i].Text, topic) {
					continue
				}
				if !head && len(sheets) > 1 {
					lines = append(lines, "**"+escapeMarkdown(d.Title)+"**")
					head = true
				}
				lines = append(lines, factLine(c, &d.Passages[i]))
				n++
			}
		}
	}
	if n == 0 {
		return Reply{Content: "No fact mentions “" + escapeMarkdown(topic) + "”. Use `/facts` without a topic to see every subject.", Ephemeral: true}
	}
	note := plural(n, "fact", "facts")
	if topic == "" {
		note += " · pick a topic to narrow them"
	}
	return composePage(title, lines, page, pageFacts, topic, note)
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
	if p == "" {
		return false
	}
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

// factChoices is the autocomplete of /facts topic: each fact sheet's
// subject once (typing one of its aliases finds it too), then the words
// that narrow the facts — those some facts use but not all — with how many
// facts each finds. Words starting with what was typed come first, then the
// words that find the most facts.
func factChoices(c *corpus.Corpus, typed string) []*discordgo.ApplicationCommandOptionChoice {
	typed = strings.ToLower(strings.TrimSpace(typed))
	var out []*discordgo.ApplicationCommandOptionChoice
	sheets := factSheets(c)
	names := map[string]bool{} // subjects and aliases: they lead to a sheet, not a word
	total := 0
	for _, d := range sheets {
		total += len(d.Passages)
		match := strings.Contains(strings.ToLower(d.Title), typed) || strings.Contains(strings.ToLower(d.ID), typed)
		names[strings.ToLower(d.Title)] = true
		for _, a := range d.Aliases {
			names[strings.ToLower(a)] = true
			match = match || strings.Contains(strings.ToLower(a), typed)
		}
		if match && runes(d.Title) <= maxTopicLen {
			out = append(out, &discordgo.ApplicationCommandOptionChoice{
				Name: truncate(d.Title+" — "+plural(len(d.Passages), "fact", "facts"), maxChoiceLen), Value: d.Title})
		}
	}
	count := map[string]int{}
	for _, d := range sheets {
		for _, p := range d.Passages {
			seen := map[string]bool{}
			for _, w := range topicWords(p.Text) {
				if !seen[w] {
					seen[w] = true
					count[w]++
				}
			}
		}
	}
	var words []string
	for w, n := range count {
		if n < total && !names[strings.ToLower(w)] && strings.Contains(strings.ToLower(w), typed) {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool {
		pi, pj := strings.HasPrefix(strings.ToLower(words[i]), typed), strings.HasPrefix(strings.ToLower(words[j]), typed)
		if pi != pj {
			return pi
		}
		if count[words[i]] != count[words[j]] {
			return count[words[i]] > count[words[j]]
		}
		return words[i] < words[j]
	})
	for _, w := range words {
		if len(out) >= maxChoices {
			break
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: w + " — " + plural(count[w], "fact", "facts"), Value: w})
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
	"also": true, "would": true, "after": true, "when": true, "said": true, "will": true, "both": true,
	"those": true, "under": true, "could": true, "there": true, "these": true, "its": true}

// composeSources lists the documents and fact sheets of c, a page at a
// time: each with its title, publishers, dates and links, and plain counts.
func composeSources(c *corpus.Corpus, page int) Reply {
	if c == nil || len(c.Docs) == 0 {
		return Reply{Content: "The corpus is empty.", Ephemeral: true}
	}
	var lines []string
	st := c.Stats()
	for _, d := range c.Docs {
		if d.Kind == corpus.FactSheet {
			lines = append(lines, sheetSourceLine(d))
			continue
		}
		l := "• " + link1(d.Title, d.URL)
		var by []string
		if d.Source != "" {
			by = append(by, escapeMarkdown(d.Source))
		}
		if !d.Published.IsZero() {
			by = append(by, dateText(d.Published))
		}
		if len(by) > 0 {
			l += " — " + strings.Join(by, ", ")
		}
		lines = append(lines, l)
	}
	note := fmt.Sprintf("%s: %s, %s; %s", plural(len(c.Docs), "source", "sources"),
		plural(st.Documents, "article", "articles"), plural(st.FactSheets, "fact sheet", "fact sheets"), plural(st.Facts, "fact", "facts"))
	return composePage("Sources", lines, page, pageSources, "", note)
}

// sheetSourceLine describes a fact sheet as a source: its subject, its
// facts and the span of their dates, and each publisher its facts cite,
// linked to the first page they cite from that publisher.
func sheetSourceLine(d *corpus.Document) string {
	var order []string
	url := map[string]string{}
	var first, last corpus.Date
	for _, p := range d.Passages {
		if _, ok := url[p.Source]; !ok {
			order = append(order, p.Source)
			url[p.Source] = ""
		}
		if url[p.Source] == "" {
			url[p.Source] = p.URL
		}
		if !p.Date.IsZero() {
			if first.IsZero() || p.Date.Before(first) {
				first = p.Date
			}
			if last.IsZero() || last.Before(p.Date) {
				last = p.Date
			}
		}
	}
	what := "fact sheet, " + plural(len(d.Passages), "fact", "facts")
	if !first.IsZero() {
		what += ", " + dateText(first)
		if last != first {
			what += " to " + dateText(last)
		}
	}
	pubs := make([]string, len(order))
	for i, s := range order {
		pubs[i] = link1(s, url[s])
	}
	return "• **" + escapeMarkdown(d.Title) + "** (" + what + ") — " + strings.Join(pubs, ", ")
}

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
