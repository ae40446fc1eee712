package bot

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's message limits, counted in characters (runes). discordgo checks
// none of them, and a message over any limit is refused with a 400.
const (
	maxContent     = 2000
	maxEmbedTitle  = 256
	maxEmbedDesc   = 4096
	maxEmbedFields = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxAuthorName  = 256
	maxEmbedTotal  = 6000 // title+description+field names+values+footer+author, over all embeds
	maxEmbeds      = 10
	maxCustomID    = 100
	maxButtonLabel = 80
	maxChoices     = 25
	maxChoiceLen   = 100
)

const ellipsis = "…"

// truncate shortens s to at most n runes, ending with an ellipsis when it
// cut anything.
func truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n == 1 {
		return ellipsis
	}
	i, count := 0, 0
	for i = range s {
		if count == n-1 {
			break
		}
		count++
	}
	return s[:i] + ellipsis
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// embedSize counts what Discord counts toward the 6000-character total.
func embedSize(e *discordgo.MessageEmbed) int {
	n := runes(e.Title) + runes(e.Description)
	for _, f := range e.Fields {
		n += runes(f.Name) + runes(f.Value)
	}
	if e.Footer != nil {
		n += runes(e.Footer.Text)
	}
	if e.Author != nil {
		n += runes(e.Author.Name)
	}
	return n
}

// fit makes r acceptable to Discord, whatever its composer did: it is the one
// place every limit is enforced, and every reply passes through it on its way
// out (see the to* conversions in reply.go). Long text is cut with an
// ellipsis; surplus fields and embeds are dropped, and the last embed's
// footer says how many fields were left out, so a reader knows.
func fit(r Reply) Reply {
	r.Content = truncate(r.Content, maxContent)
	if len(r.Embeds) > maxEmbeds {
		r.Embeds = r.Embeds[:maxEmbeds]
	}
	embeds := make([]*discordgo.MessageEmbed, 0, len(r.Embeds))
	footers := make([]string, 0, len(r.Embeds)) // footer text without the note
	dropped := make([]int, 0, len(r.Embeds))
	for _, e := range r.Embeds {
		c := *e
		c.Title = truncate(c.Title, maxEmbedTitle)
		c.Description = truncate(c.Description, maxEmbedDesc)
		n := 0
		if len(c.Fields) > maxEmbedFields {
			n = len(c.Fields) - maxEmbedFields
			c.Fields = c.Fields[:maxEmbedFields]
		}
		fields := make([]*discordgo.MessageEmbedField, len(c.Fields))
		for i, f := range c.Fields {
			g := *f
			g.Name = nonEmpty(truncate(g.Name, maxFieldName)) // Discord refuses empty names and values
			g.Value = nonEmpty(truncate(g.Value, maxFieldValue))
			fields[i] = &g
		}
		c.Fields = fields
		foot := ""
		if c.Footer != nil {
			f := *c.Footer
			c.Footer = &f
			foot = f.Text
		}
		if c.Author != nil {
			a := *c.Author
			a.Name = truncate(a.Name, maxAuthorName)
			c.Author = &a
		}
		embeds = append(embeds, &c)
		footers = append(footers, foot)
		dropped = append(dropped, n)
	}
	setFooters(embeds, footers, dropped)
	// Keep the total within maxEmbedTotal: drop trailing fields first, then
	// trailing embeds, then cut the last description, then the footer and title.
	for total(embeds) > maxEmbedTotal {
		k := len(embeds) - 1
		last := embeds[k]
		over := total(embeds) - maxEmbedTotal
		switch {
		case len(last.Fields) > 0:
			last.Fields = last.Fields[:len(last.Fields)-1]
			dropped[k]++
		case k > 0 && runes(last.Description) <= over:
			embeds, footers, dropped = embeds[:k], footers[:k], dropped[:k]
		case runes(last.Description) > over:
			last.Description = truncate(last.Description, runes(last.Description)-over)
		default:
			last.Description = ""
			footers[k], dropped[k] = "", 0
			last.Title = truncate(last.Title, maxEmbedTotal/2)
		}
		setFooters(embeds, footers, dropped)
	}
	r.Embeds = embeds
	r.Buttons = fitButtons(r.Buttons)
	return r
}

func nonEmpty(s string) string {
	if s == "" {
		return "\u200b"
	}
	return s
}

func total(embeds []*discordgo.MessageEmbed) int {
	n := 0
	for _, e := range embeds {
		n += embedSize(e)
	}
	return n
}

// setFooters writes each embed's footer: a note of the fields left out, if
// any, then the composer's own footer text.
func setFooters(embeds []*discordgo.MessageEmbed, footers []string, dropped []int) {
	for i, e := range embeds {
		text := footers[i]
		if dropped[i] > 0 {
			note := "and " + strconv.Itoa(dropped[i]) + " more not shown"
			if text != "" {
				note += " · "
			}
			text = note + text
		}
		text = truncate(text, maxFooter)
		switch {
		case text == "":
			e.Footer = nil
		case e.Footer == nil:
			e.Footer = &discordgo.MessageEmbedFooter{Text: text}
		default:
			e.Footer.Text = text
		}
	}
}

// fitButtons keeps at most 5 buttons (one row) with labels and custom IDs in
// range; a button whose custom ID is too long is dropped, because a cut ID
// would point nowhere. The ID is counted in UTF-16 units, the strictest way
// Discord may count it (a /facts topic can hold any character).
func fitButtons(bs []discordgo.Button) []discordgo.Button {
	out := make([]discordgo.Button, 0, len(bs))
	for _, b := range bs {
		if len(utf16.Encode([]rune(b.CustomID))) > maxCustomID || (b.CustomID == "" && b.URL == "") {
			continue
		}
		b.Label = truncate(b.Label, maxButtonLabel)
		out = append(out, b)
		if len(out) == 5 {
			break
		}
	}
	return out
}

// fitChoices keeps autocomplete choices within Discord's limits.
func fitChoices(cs []*discordgo.ApplicationCommandOptionChoice) []*discordgo.ApplicationCommandOptionChoice {
	out := make([]*discordgo.ApplicationCommandOptionChoice, 0, min(len(cs), maxChoices))
	for _, c := range cs {
		v, ok := c.Value.(string)
		if ok && runes(v) > maxChoiceLen {
			continue // a cut value would not match anything
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: truncate(c.Name, maxChoiceLen), Value: c.Value})
		if len(out) == maxChoices {
			break
		}
	}
	return out
}
