package corpus

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Conflict is a pair of passages of different documents that seem to tell
// the same event or quantity with different values: "signed on December 8,
// 1987" against "signed on December 7, 1987", or "500 to 5,500 kilometers"
// against "1,000-5,000 kilometers". It is a hint for a moderator, who may
// fix the corpus or keep both knowingly; the answer engine shows both
// values when both come out on top.
type Conflict struct {
	Kind   string   // "date" or "number"
	A, B   *Passage // in corpus order
	ValueA string   // the value as A writes it
	ValueB string   // the value as B writes it
	Shared []string // the words that make them the same event, sorted
}

// String describes a conflict on one line.
func (c Conflict) String() string {
	return fmt.Sprintf("%s %q (%s) vs %q (%s), both about: %s", c.Kind, c.ValueA, c.A.ID, c.ValueB, c.B.ID, strings.Join(c.Shared, " "))
}

// mention is one dated or numbered statement: its value, the words of the
// clause around it, and its passage.
type mention struct {
	p     *Passage
	kind  string
	text  string
	date  Date
	lo    float64 // numbers: the value, or a range's ends
	hi    float64
	unit  string
	words map[string]bool
	acros map[string]bool // the acronyms of its clause: "ABM", "SALT"
	near  map[string]bool // numbers: the content words right before it
}

// minShared is how many content words two statements must share, at least
// one of them an event word, to be about the same thing; and they must be
// at least three fifths of the words of the shorter statement's clause,
// which must name the same events.
const minShared = 3

// Conflicts lists the pairs of passages, from different documents, that
// give different dates for the same event or different numbers for the
// same quantity. Values that are only different precisions of one fact
// ("1987" and "December 8, 1987"; "about 2,700" and "2,692") are no
// conflict. It is written by hand because it compares the corpus's own
// date mentions and number spans, which no text library knows.
func (c *Corpus) Conflicts() []Conflict {
	c.conflictsOnce.Do(func() { c.conflicts = c.findConflicts() })
	return c.conflicts
}

// maxMentions bounds the statements Conflicts compares pairwise; a corpus
// with more is not checked (the comparison grows with their square).
const maxMentions = 20000

// Disputes lists the conflicts a passage is part of.
func (c *Corpus) Disputes(passageID string) []Conflict {
	var out []Conflict
	for _, cf := range c.Conflicts() {
		if cf.A.ID == passageID || cf.B.ID == passageID {
			out = append(out, cf)
		}
	}
	return out
}

func (c *Corpus) findConflicts() []Conflict {
	var ms []mention
	for _, d := range c.Docs {
		for i := range d.Passages {
			ms = append(ms, passageMentions(&d.Passages[i])...)
		}
	}
	if len(ms) > maxMentions {
		return nil
	}
	var out []Conflict
	seen := map[string]bool{}
	for i := range ms {
		for j := i + 1; j < len(ms); j++ {
			a, b := ms[i], ms[j]
			if a.kind != b.kind || a.p.DocID == b.p.DocID || agree(a, b) {
				continue
			}
			shared := sharedWords(a.words, b.words)
			if !sameTopic(shared) || !closeEnough(a, b, shared) || !sameEvents(a, b) || !sameNumerals(a, b) || otherAcronyms(a, b) {
				continue
			}
			key := a.p.ID + "|" + b.p.ID + "|" + a.kind
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, Conflict{Kind: a.kind, A: a.p, B: b.p, ValueA: a.text, ValueB: b.text, Shared: shared})
		}
	}
	return out
}

// ConflictsWith lists the conflicts of a corpus that involve the passages
// of document id.
func (c *Corpus) ConflictsWith(id string) []Conflict {
	var out []Conflict
	for _, cf := range c.Conflicts() {
		if cf.A.DocID == id || cf.B.DocID == id {
			out = append(out, cf)
		}
	}
	return out
}

// agree reports whether two mentions give one value, perhaps at different
// precisions.
func agree(a, b mention) bool {
	if a.kind == "date" {
		lo, hi := a.date, b.date
		if lo.Precision() > hi.Precision() {
			lo, hi = hi, lo
		}
		return lo.Year == hi.Year && (lo.Month == 0 || lo.Month == hi.Month) && (lo.Day == 0 || lo.Day == hi.Day)
	}
	if a.unit != b.unit {
		return true // different quantities, not different values
	}
	return near(a.lo, b.lo) && near(a.hi, b.hi)
}

// near reports whether two numbers are the same up to rounding: "about
// 2,700" for 2,692.
func near(x, y float64) bool {
	return math.Abs(x-y) <= 0.02*math.Max(math.Abs(x), math.Abs(y))
}

func sharedWords(a, b map[string]bool) []string {
	var out []string
	for w := range a {
		if b[w] {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// numeralRE finds a name with a numeral: "START II", "SALT I".
var numeralRE = regexp.MustCompile(`\b([A-Z][A-Za-z]+) (I{1,3}|IV|V)\b`)

// sameNumerals reports whether two statements name no numbered thing
// differently: "START I" and "START II" are different treaties.
func sameNumerals(a, b mention) bool {
	na, nb := numerals(a.p.Text), numerals(b.p.Text)
	for base, n := range na {
		if m, ok := nb[base]; ok && m != n {
			return false
		}
	}
	return true
}

func numerals(text string) map[string]string {
	out := map[string]string{}
	for _, m := range numeralRE.FindAllStringSubmatch(text, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// otherAcronyms reports whether two statements name things by acronyms
// and share none: "the ABM Treaty" and "the SALT II treaty" differ.
func otherAcronyms(a, b mention) bool {
	if len(a.acros) == 0 || len(b.acros) == 0 {
		return false
	}
	for w := range a.acros {
		if b.acros[w] {
			return false
		}
	}
	return true
}

var acronymRE = regexp.MustCompile(`\b[A-Z]{2,}\b`)

// acronyms lists the acronyms of a clause, leaving out roman numerals and
// the ones that name countries or bodies rather than things.
func acronyms(clause string) map[string]bool {
	out := map[string]bool{}
	for _, w := range acronymRE.FindAllString(clause, -1) {
		if strings.Trim(w, "IVX") != "" && !commonAcronyms[w] {
			out[w] = true
		}
	}
	return out
}

var commonAcronyms = setOfWords(`US USA UK UN EU NATO USSR`)

// closeEnough reports whether two statements share enough of their
// clauses' words to be about one thing. Dates need half of all their words
// in common (a protocol signed in 1991 is not the treaty signed in 1959);
// numbers three fifths of the shorter clause's, and each number's own
// qualifiers must be in the other's clause: "shorter range (500-1,000
// kilometers)" is another quantity than "ranges of 500 to 5,500
// kilometers", "intermediate range (1,000-5,000 kilometers)" the same as
// "intermediate-range missiles ... ranges of 1,000–5,500 kilometers".
func closeEnough(a, b mention, shared []string) bool {
	if a.kind == "date" {
		return 2*len(shared) >= len(a.words)+len(b.words)-len(shared)
	}
	if 5*len(shared) < 3*min(len(a.words), len(b.words)) || len(a.near) == 0 || len(b.near) == 0 {
		return false
	}
	return within(a.near, b.words) && within(b.near, a.words)
}

func within(a, b map[string]bool) bool {
	for w := range a {
		if !b[w] {
			return false
		}
	}
	return true
}

// sameEvents reports whether two statements' clauses name the same events
// ("signed", "entered into force"): a date of signing is no rival to a date
// of entry into force.
func sameEvents(a, b mention) bool {
	for w := range a.words {
		if eventVerbs[w] && !b.words[w] {
			return false
		}
	}
	for w := range b.words {
		if eventVerbs[w] && !a.words[w] {
			return false
		}
	}
	return true
}

// sameTopic reports whether shared words tie two statements to one event:
// enough of them, and at least one that names what happened.
func sameTopic(shared []string) bool {
	if len(shared) < minShared {
		return false
	}
	for _, w := range shared {
		if eventWords[w] {
			return true
		}
	}
	return false
}

// eventWords name what happens to a treaty or what is counted, and
// eventVerbs only what happens; their stems as stemWord makes them.
var eventWords = unionOfWords(eventVerbs, stemmed(`range ranges limit limits ceiling ceilings kilometers kilometres miles warheads
	missiles launchers tanks tons tonnes kilotons megatons deadline`))

var eventVerbs = stemmed(`sign signed signing signature ratify ratified ratification enter entered force effect
	withdraw withdrew withdrawal suspend suspended suspension adopt adopted opened expire expired extend extended extension
	destroy destroyed destruction eliminate eliminated elimination dismantle dismantled deposit deposited
	accede acceded accession join joined vote voted approve approved approval reduce reduced reductions cut cuts`)

func stemmed(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[stemWord(w)] = true
	}
	return m
}

func unionOfWords(a, b map[string]bool) map[string]bool {
	m := map[string]bool{}
	for w := range a {
		m[w] = true
	}
	for w := range b {
		m[w] = true
	}
	return m
}

// numberRE finds a number or a range with the word after it: "2,692
// missiles", "500 to 5,500 kilometers", "1,000-5,000 kilometers".
var numberRE = regexp.MustCompile(`(?i)\b(\d[\d,]*(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(\d[\d,]*(?:\.\d+)?))?(?:\s+|-)([a-z]+)`)

// passageMentions finds a passage's dated statements and numbers with
// units, each with the content words of its clause.
func passageMentions(p *Passage) []mention {
	var out []mention
	words := contentWords(p.Text)
	if p.Kind == FactPassage && !p.Date.IsZero() && len(p.Dates) == 0 {
		out = append(out, mention{p: p, kind: "date", text: p.Date.Human(), date: p.Date, words: words, acros: acronyms(p.Text)})
	}
	for _, dm := range p.Dates {
		if dm.Relative {
			continue // "on Tuesday" is read, not written: a moderator cannot compare it
		}
		words, acros := clauseOf(p.Text, dm.Start, dm.End)
		out = append(out, mention{p: p, kind: "date", text: dm.Text, date: dm.Date, words: words, acros: acros})
	}
	for _, m := range numberRE.FindAllStringSubmatchIndex(p.Text, -1) {
		unit := strings.ToLower(p.Text[m[6]:m[7]])
		if !unitWords[unit] || inDateMention(p, m[0]) {
			continue
		}
		lo, err := strconv.ParseFloat(strings.ReplaceAll(p.Text[m[2]:m[3]], ",", ""), 64)
		if err != nil {
			continue
		}
		hi := lo
		if m[4] >= 0 {
			if h, err := strconv.ParseFloat(strings.ReplaceAll(p.Text[m[4]:m[5]], ",", ""), 64); err == nil {
				hi = h
			}
		}
		words, acros := clauseOf(p.Text, m[0], m[1])
		out = append(out, mention{p: p, kind: "number", text: p.Text[m[0]:m[1]], lo: lo, hi: hi, unit: stemWord(unit), words: words, acros: acros,
			near: contentWords(lastWords(p.Text[:m[0]], 3))})
	}
	return out
}

// unitWords are the units whose numbers can be compared across sources.
var unitWords = setOfWords(`kilometers kilometres kilometer kilometre km miles mile missiles missile warheads warhead launchers launcher
	tanks tons tonnes kilotons kilotonnes megatons percent countries states parties members`)

func inDateMention(p *Passage, off int) bool {
	for _, dm := range p.Dates {
		if off >= dm.Start && off < dm.End {
			return true
		}
	}
	return false
}

// clauseOf returns the content words and the acronyms of the clause of
// text around [start, end): from the last clause break before it to the
// first after.
func clauseOf(text string, start, end int) (map[string]bool, map[string]bool) {
	from := clauseBreakBefore(text, start)
	if k := strings.LastIndex(text[:start], " and "); k >= from && k > start-40 {
		from = k + 5
	}
	to := len(text)
	if k := strings.IndexAny(text[end:], ";:,"); k >= 0 {
		to = end + k
	}
	if k := strings.Index(text[end:], " and "); k >= 0 && end+k < to {
		to = end + k
	}
	return contentWords(text[from:to]), acronyms(text[from:to])
}

// lastWords returns the last n words of s.
func lastWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[max(0, len(f)-n):], " ")
}

// clauseBreakBefore returns where the clause holding offset start begins:
// just past the last semicolon, colon, or comma that is not inside a
// number or a date ("1,000", "December 8, 1987").
func clauseBreakBefore(text string, start int) int {
	for k := start - 1; k >= 0; k-- {
		switch text[k] {
		case ';', ':':
			return k + 1
		case ',':
			if k > 0 && k+2 < len(text) && text[k-1] >= '0' && text[k-1] <= '9' && (text[k+1] >= '0' && text[k+1] <= '9' || text[k+1] == ' ' && text[k+2] >= '0' && text[k+2] <= '9') {
				continue
			}
			return k + 1
		}
	}
	return 0
}

// contentWords are the stems of the words of s that are not function
// words or numbers.
func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) < 3 || functionWords[w] || calendarMonths[w] {
			continue
		}
		out[stemWord(w)] = true
	}
	return out
}

var functionWords = setOfWords(`the and for with from that this was were are has had have its their his her was been
	above below less than nearly almost about some around roughly just only least
	into onto upon over under about after before since until than then which who whom whose what when where while
	also but not nor all any each per via our your they them there these those such other more most some`)

var calendarMonths = setOfWords(`january february march april may june july august september october november december`)

// stemWord strips the commonest English suffixes: enough to match
// "signed" with "signing" within one corpus, where a full stemmer's care
// buys nothing.
func stemWord(w string) string {
	for _, suf := range []string{"ations", "ation", "ing", "ed", "es", "s"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	if len(w) > 3 {
		w = strings.TrimSuffix(w, "e") // "range" and "ranges", "approve" and "approved"
	}
	return w
}

func setOfWords(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
