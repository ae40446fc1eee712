package bot

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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

// timelineLines reads /timeline's range and returns one line per event in
// it, or the reply that explains why there are none.
func timelineLines(c *corpus.Corpus, from, to string) ([]string, *Reply) {
	lo, hi, err := parseRange(from, to)
	switch {
	case errors.Is(err, errBadRange):
		r := composeError(fmt.Sprintf("`from` (%s) is after `to` (%s). Swap them and try again.", escapeMarkdown(from), escapeMarkdown(to)))
		return nil, &r
	case err != nil:
		bad, which := from, "from"
		if strings.HasPrefix(err.Error(), "to:") {
			bad, which = to, "to"
		}
		r := composeError(fmt.Sprintf("“%s” is not a date I can read for `%s`. Use YYYY, YYYY-MM or YYYY-MM-DD, for example 1987, 1987-12 or 1987-12-08.",
			escapeMarkdown(truncate(bad, 50)), which))
		return nil, &r
	case c == nil:
		r := composeError("The corpus is not loaded yet. Try again in a moment.")
		return nil, &r
	}
	var lines []string
	for _, ev := range timelineEvents(c, lo, hi) {
		lines = append(lines, ev.line())
	}
	if len(lines) == 0 {
		r := Reply{Content: "No dated events in that range. Try `/timeline` without dates to see them all.", Ephemeral: true}
		return nil, &r
	}
	return lines, nil
}

// timelineTitle names the range shown.
func timelineTitle(from, to string) string {
	from, to = strings.TrimSpace(from), strings.TrimSpace(to)
	switch {
	case from == "" && to == "":
		return "Timeline"
	case to == "":
		return "Timeline from " + from
	case from == "":
		return "Timeline up to " + to
	}
	return "Timeline " + from + " to " + to
}

// timelineEvent is one line of /timeline: something that happened on a
// date, told once, with every source that backs it.
type timelineEvent struct {
	date    corpus.Date
	text    string // what happened, plain text (escaped when shown)
	fact    bool   // text is a fact sheet's statement
	credits []credit
	words   map[string]bool // for merging with what other sources say
	dispute string          // another source's conflicting date, flagged after the credits
}

// credit names one source: its publisher, its date (articles) and its link.
type credit struct{ publisher, date, url string }

func (c credit) markdown() string {
	label := c.publisher
	if c.date != "" {
		label += ", " + c.date
	}
	return link1(label, c.url)
}

// line is the event as a member reads it:
// "**1987-12-08** — The INF Treaty was signed in Washington … (FAS · TASS, 2018-11-20)".
func (e *timelineEvent) line() string {
	cs := make([]string, len(e.credits))
	for i, c := range e.credits {
		cs[i] = c.markdown()
	}
	return "**" + dateText(e.date) + "** — " + escapeMarkdown(truncateWords(e.text, 240)) + " (" + strings.Join(cs, " · ") + ")" + e.dispute
}

// dateDispute flags an event whose date another source gives otherwise.
func dateDispute(c *corpus.Corpus, ev corpus.Event) string {
	var cs []corpus.Conflict
	for _, cf := range c.Disputes(ev.Passage.ID) {
		if cf.Kind == "date" {
			cs = append(cs, cf)
		}
	}
	return disputeNote(c, ev.Passage, cs)
}

// timelineEvents turns the corpus's dated passages in [lo, hi) into events,
// oldest first. Passages on the same date that tell the same thing (they
// share enough of their words, counting "took effect" as "entered into
// force" and the like) become one event crediting every source; a fact
// sheet's wording is preferred, being written to stand alone.
func timelineEvents(c *corpus.Corpus, lo, hi time.Time) []*timelineEvent {
	var out []*timelineEvent
	for _, ev := range c.Timeline() {
		t := ev.Date.Time()
		if (!lo.IsZero() && t.Before(lo)) || (!hi.IsZero() && !t.Before(hi)) {
			continue
		}
		text := eventText(ev)
		if text == "" {
			continue
		}
		fact := ev.Doc.Kind == corpus.FactSheet
		cr := eventCredit(ev)
		w := eventWords(text)
		var same *timelineEvent
		for k := len(out) - 1; k >= 0 && out[k].date == ev.Date; k-- {
			if agree(out[k].words, w) {
				same = out[k]
				break
			}
		}
		if same == nil {
			out = append(out, &timelineEvent{date: ev.Date, text: text, fact: fact, credits: []credit{cr}, words: w, dispute: dateDispute(c, ev)})
			continue
		}
		if same.dispute == "" {
			same.dispute = dateDispute(c, ev)
		}
		if fact && !same.fact {
			same.text, same.fact = text, true
		}
		for k := range w {
			same.words[k] = true
		}
		dup := false
		for _, have := range same.credits {
			dup = dup || (have.publisher == cr.publisher && have.date == cr.date)
		}
		if !dup {
			same.credits = append(same.credits, cr)
		}
	}
	return out
}

// eventCredit credits an event's passage: a fact by its source, an article
// by its publisher (or title, when it names none) and publication date.
func eventCredit(ev corpus.Event) credit {
	p, d := ev.Passage, ev.Doc
	if d.Kind == corpus.FactSheet {
		return credit{publisher: p.Source, url: p.URL}
	}
	pub := d.Source
	if pub == "" {
		pub = d.Title
	}
	return credit{publisher: pub, date: dateText(d.Published), url: d.URL}
}

// clauseSeps end one clause of a sentence and start the next.
var clauseSeps = []string{"; ", ", and ", " and ", ", while ", ", but ", " but ", ", whereas "}

// eventText is what happened on ev's date, in the passage's own words: a
// sentence that dates two events gives each only the clause about it (with
// the sentence's subject before "…"); a news dateline is left out; and the
// date itself is dropped where the text reads "on <date>", since the line
// already starts with it.
func eventText(ev corpus.Event) string {
	p := ev.Passage
	text, from := p.Text, 0
	if ev.Doc.Kind == corpus.Article {
		from = ev.Doc.DatelineEnd(p)
	}
	target, prev, next := -1, -1, -1
	for i, m := range p.Dates {
		if m.Start < from {
			continue
		}
		switch {
		case m.Date == ev.Date && target < 0:
			target = i
		case m.Date != ev.Date && target < 0:
			prev = i
		case m.Date != ev.Date && next < 0:
			next = i
		}
	}
	if target < 0 {
		return strings.TrimSpace(text[from:])
	}
	lo, hi := from, len(text)
	if prev >= 0 {
		if k := lastSep(text[p.Dates[prev].End:p.Dates[target].Start]); k >= 0 {
			lo = p.Dates[prev].End + k
		}
	}
	if next >= 0 {
		if k := firstSep(text[p.Dates[target].End:p.Dates[next].Start]); k >= 0 {
			hi = p.Dates[target].End + k
		}
	}
	m := p.Dates[target]
	ownSubject := subjectOf(" "+text[lo:m.Start]) != ""
	clause := strings.TrimSpace(dropOnDate(text[lo:hi], m.Start-lo, m.End-lo))
	if lo > from && !ownSubject {
		// "… took effect": the clause shares the sentence's subject
		clause = subjectOf(text[from:p.Dates[prev].Start]) + "… " + clause
	}
	if hi < len(text) && !strings.ContainsAny(clause[len(clause)-1:], ".!?…\"”'") {
		clause += "."
	}
	return upperFirst(clause)
}

// lastSep returns the index just past the last clause separator in s, or -1.
func lastSep(s string) int {
	best := -1
	for _, sep := range clauseSeps {
		if k := strings.LastIndex(s, sep); k >= 0 && k+len(sep) > best {
			best = k + len(sep)
		}
	}
	return best
}

// firstSep returns the index of the first clause separator in s, or -1.
func firstSep(s string) int {
	best := -1
	for _, sep := range clauseSeps {
		if k := strings.Index(s, sep); k >= 0 && (best < 0 || k < best) {
			best = k
		}
	}
	return best
}

// subjectVerbs start a sentence's predicate; what comes before the first of
// them is its subject.
var subjectVerbs = []string{" was ", " were ", " is ", " are ", " has ", " had ", " have ", " will ", " would "}

// subjectOf returns the subject that opens a sentence, followed by a space,
// or "" when it cannot tell.
func subjectOf(s string) string {
	best := -1
	for _, v := range subjectVerbs {
		if k := strings.Index(s, v); k > 0 && (best < 0 || k < best) {
			best = k
		}
	}
	if best < 0 || best > 80 || strings.TrimSpace(s[:best]) == "" {
		return ""
	}
	return strings.TrimSpace(s[:best]) + " "
}

// afterDate lists the words that may follow "on <date>," once the date is
// dropped: "signed on December 8, 1987, in Washington" reads "signed in
// Washington". Before any other word the comma may be a list's, so the date
// is kept.
var afterDate = []string{"in ", "by ", "at ", "after ", "with ", "under ", "as ", "following ", "when "}

// dropOnDate removes "on <date>" from s, where the date is s[ms:me], if the
// text reads well without it; otherwise it returns s unchanged.
func dropOnDate(s string, ms, me int) string {
	start := -1
	switch {
	case strings.HasPrefix(strings.ToLower(s[ms:me]), "on "):
		start = ms
	case ms >= 3 && strings.EqualFold(s[ms-3:ms], "on ") && (ms == 3 || s[ms-4] == ' '):
		start = ms - 3
	}
	if start < 0 {
		return s
	}
	rest := s[me:]
	switch {
	case start == 0 && strings.HasPrefix(rest, ", "):
		return upperFirst(rest[2:]) // "On October 20, 2018, Trump said" → "Trump said"
	case start == 0:
		return s
	case rest == "" || rest[0] == '.' || rest[0] == ';' || strings.HasPrefix(rest, " that ") || strings.HasPrefix(rest, " because "):
		return strings.TrimRight(s[:start], " ") + rest
	case strings.HasPrefix(rest, ", "):
		for _, w := range afterDate {
			if strings.HasPrefix(rest[2:], w) {
				return s[:start] + rest[2:]
			}
		}
	}
	return s
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// sameEvent maps phrases that name one kind of event in different words to
// a single token, before eventWords splits the text.
var sameEvent = strings.NewReplacer(
	"took effect", " inforce ", "take effect", " inforce ", "takes effect", " inforce ",
	"entered into force", " inforce ", "enter into force", " inforce ", "enters into force", " inforce ",
	"came into force", " inforce ", "come into force", " inforce ",
	"pulled out", " withdraw ", "pull out", " withdraw ", "pulls out", " withdraw ",
)

// sameWord maps words with one meaning here to one token.
var sameWord = map[string]string{
	"withdrew": "withdraw", "withdrawn": "withdraw", "withdrawal": "withdraw", "quit": "withdraw", "exit": "withdraw", "leave": "withdraw",
	"said": "say", "says": "say", "announced": "say", "announce": "say", "stated": "say",
	"signed": "sign", "signing": "sign", "signature": "sign",
	"ratified": "ratify", "ratification": "ratify",
}

// eventStop are words that say nothing about what happened.
var eventStop = setOfWords(strings.Fields("the a an and or of on in at to by for from with that this these those its it his her " +
	"their was were is are be been has had have will would which who as but not also into than then there after before " +
	"during until since about over under between both january february march april may june july august september " +
	"october november december monday tuesday wednesday thursday friday saturday sunday")...)

func setOfWords(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// eventWords are the words of an event's text that say what happened:
// lower case, without stop words, dates or numbers, with a plural's s
// dropped and synonyms made one.
func eventWords(text string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(sameEvent.Replace(strings.ToLower(text)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len(w) < 3 || eventStop[w] || strings.Trim(w, "0123456789") == "" {
			continue
		}
		if s, ok := sameWord[w]; ok {
			w = s
		} else if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		out[w] = true
	}
	return out
}

// agree reports whether two event texts tell the same thing: at least two
// words in common, and more than half the words of the shorter one.
func agree(a, b map[string]bool) bool {
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return n >= 2 && 2*n > min(len(a), len(b))
}

// composeTimeline is page page of the events between from and to, oldest
// first, one line each with its sources. An unreadable date is answered
// plainly, naming it.
func composeTimeline(c *corpus.Corpus, from, to string, page int) Reply {
	lines, refusal := timelineLines(c, from, to)
	if refusal != nil {
		return *refusal
	}
	from, to = strings.TrimSpace(from), strings.TrimSpace(to)
	return composePage(timelineTitle(from, to), lines, page, pageTimeline, from+":"+to, plural(len(lines), "event", "events"))
}

// truncateWords is truncate, cutting between words when it can.
func truncateWords(s string, n int) string {
	t := truncate(s, n)
	if t == s {
		return s
	}
	if k := strings.LastIndexByte(t, ' '); k > len(t)/2 {
		return strings.TrimRight(t[:k], ",;:") + ellipsis
	}
	return t
}
