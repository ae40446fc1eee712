package corpus

import "sort"

// Event is one dated statement of the corpus: a fact with a date, or an
// article sentence that mentions a date.
type Event struct {
	Date    Date
	Passage *Passage
	Doc     *Document
	Text    string // the passage's text, verbatim
}

// Timeline returns the corpus's events, oldest first. Events on the same
// date keep the order of their documents (by ID) and passages. Every fact
// with a date is an event; every article sentence is an event for each
// distinct date it mentions, except a mention that is only the dateline
// repeating the article's own publication date.
func (c *Corpus) Timeline() []Event {
	var events []Event
	for _, d := range c.Docs {
		for i := range d.Passages {
			p := &d.Passages[i]
			if d.Kind == FactSheet {
				if !p.Date.IsZero() {
					events = append(events, Event{Date: p.Date, Passage: p, Doc: d, Text: p.Text})
				}
				continue
			}
			seen := map[Date]bool{}
			for _, m := range p.Dates {
				if seen[m.Date] || (m.Date == d.Published && d.inDateline(p.Start+m.Start)) {
					continue
				}
				seen[m.Date] = true
				events = append(events, Event{Date: m.Date, Passage: p, Doc: d, Text: p.Text})
			}
		}
	}
	sort.SliceStable(events, func(i, j int) bool {
		a, b := events[i].Date, events[j].Date
		if !a.Time().Equal(b.Time()) {
			return a.Before(b)
		}
		return a.Precision() < b.Precision() // "1987" before "1987-01-01"
	})
	return events
}

// inDateline reports whether byte offset off of d.Text falls in a dateline.
func (d *Document) inDateline(off int) bool {
	for _, r := range d.datelines {
		if off >= r[0] && off < r[1] {
			return true
		}
	}
	return false
}

// DatelineEnd returns the byte offset in p.Text just past the news dateline
// that opens it ("SOCHI, November 20. /TASS/. "), or 0 when p does not start
// with one. p must be a passage of d.
func (d *Document) DatelineEnd(p *Passage) int {
	for _, r := range d.datelines {
		if r[0] >= p.Start && r[0] < p.End {
			end := min(r[1], p.End) - p.Start
			for end < len(p.Text) && p.Text[end] == ' ' {
				end++
			}
			return end
		}
	}
	return 0
}
