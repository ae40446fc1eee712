package bot

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/treatybot/treatybot/corpus"
)

// errBadRange is returned by parseRange when from is after to.
var errBadRange = errors.New("from is after to")

// parseRange reads /timeline's from and to. Each may be empty, YYYY, YYYY-MM
// or YYYY-MM-DD; to covers its whole year or month. It returns the instants
// [lo, hi) that events must fall in.
func parseRange(from, to string) (lo, hi time.Time, err error) {
	if from = strings.TrimSpace(from); from != "" {
		d, err := corpus.ParseDate(from)
		if err != nil {
			return lo, hi, fmt.Errorf("from: %w", err)
		}
		lo = d.Time()
	}
	if to = strings.TrimSpace(to); to != "" {
		d, err := corpus.ParseDate(to)
		if err != nil {
			return lo, hi, fmt.Errorf("to: %w", err)
		}
		switch t := d.Time(); d.Precision() {
		case corpus.YearOnly:
			hi = t.AddDate(1, 0, 0)
		case corpus.MonthOnly:
			hi = t.AddDate(0, 1, 0)
		default:
			hi = t.AddDate(0, 0, 1)
		}
	}
	if !lo.IsZero() && !hi.IsZero() && !lo.Before(hi) {
		return lo, hi, errBadRange
	}
	return lo, hi, nil
}

// composeTimeline lists the dated events between from and to, oldest first,
// each with its date, one line and its citation. An unreadable date is
// answered plainly, naming it.
func composeTimeline(c *corpus.Corpus, from, to string) Reply {
	lo, hi, err := parseRange(from, to)
	switch {
	case errors.Is(err, errBadRange):
		return composeError(fmt.Sprintf("`from` (%s) is after `to` (%s). Swap them and try again.", escapeMarkdown(from), escapeMarkdown(to)))
	case err != nil:
		bad, which := from, "from"
		if strings.HasPrefix(err.Error(), "to:") {
			bad, which = to, "to"
		}
		return composeError(fmt.Sprintf("“%s” is not a date I can read for `%s`. Use YYYY, YYYY-MM or YYYY-MM-DD, for example 1987, 1987-12 or 1987-12-08.",
			escapeMarkdown(truncate(bad, 50)), which))
	}
	if c == nil {
		return composeError("The corpus is not loaded yet. Try again in a moment.")
	}
	var lines []string
	for _, ev := range c.Timeline() {
		t := ev.Date.Time()
		if (!lo.IsZero() && t.Before(lo)) || (!hi.IsZero() && !t.Before(hi)) {
			continue
		}
		cit := c.Cite(ev.Passage)
		src := cit.Title
		if ev.Doc != nil && ev.Doc.Kind == corpus.FactSheet && cit.Source != "" {
			src = cit.Source
		}
		lines = append(lines, "**"+ev.Date.String()+"** "+escapeMarkdown(truncate(oneLine(ev.Text), 220))+" — "+link1(src, cit.URL))
	}
	title := "Timeline"
	if from != "" || to != "" {
		title += " " + strings.TrimSpace(from) + " – " + strings.TrimSpace(to)
	}
	if len(lines) == 0 {
		return Reply{Content: "No dated events in that range. Try `/timeline` without dates to see them all.", Ephemeral: true}
	}
	e := &discordgo.MessageEmbed{Title: title, Color: colorList, Description: packLines(lines, listBudget, "Use `from` and `to` to see the rest.")}
	return Reply{Embeds: []*discordgo.MessageEmbed{e}}
}
