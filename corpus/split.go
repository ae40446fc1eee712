package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The sentence splitter is hand-written. github.com/neurosnap/sentences
// (Punkt), measured on the TASS article, kept "...took effect on June 1, 1988.
// It outlawed..." as one sentence; a sentence that is cited must be exactly
// one sentence, so the rules below are explicit and tested instead.

// span is a passage's byte range in Document.Text.
type span struct {
	start, end int
	para       int
}

// buildSentences splits d.Text into passages. bodyLine is the file line on
// which d.Text starts.
func (d *Document) buildSentences(bodyLine int) {
	spans, datelines, place := splitBody(d.Text)
	d.datelines = datelines
	if d.Place == "" {
		d.Place = place
	}
	d.Passages = make([]Passage, 0, len(spans))
	line, counted := bodyLine, 0
	for i, s := range spans {
		line += strings.Count(d.Text[counted:s.start], "\n")
		counted = s.start
		text := d.Text[s.start:s.end]
		d.Passages = append(d.Passages, Passage{
			ID:        d.ID + "#" + strconv.Itoa(i+1),
			DocID:     d.ID,
			Kind:      Sentence,
			Text:      text,
			Start:     s.start,
			End:       s.end,
			Paragraph: s.para,
			Line:      line,
			Source:    d.Source,
			URL:       d.URL,
			Dates:     FindDates(text, d.Published),
		})
	}
	sameDayDates(d.Passages)
}

// sameDayRE matches a date given as the one named just before: "took
// effect on the same day".
var sameDayRE = regexp.MustCompile(`\b(?i:(?:on )?(?:the same day|that same day|that day|the same date))\b`)

// sameDayDates dates "the same day" by the last full date of the sentences
// before it in the document (at most three back); with none, it stays
// undated.
func sameDayDates(ps []Passage) {
	for i := range ps {
		for _, m := range sameDayRE.FindAllStringIndex(ps[i].Text, -1) {
			var anchor Date
			for _, dm := range ps[i].Dates {
				if dm.End <= m[0] && dm.Date.Precision() == DayPrecision {
					anchor = dm.Date
				}
			}
			for j := i - 1; j >= 0 && j >= i-3 && anchor.IsZero(); j-- {
				for _, dm := range ps[j].Dates {
					if dm.Date.Precision() == DayPrecision {
						anchor = dm.Date
					}
				}
			}
			if anchor.IsZero() {
				continue
			}
			ps[i].Dates = pickDates(append(ps[i].Dates, DateMention{Start: m[0], End: m[1], Text: ps[i].Text[m[0]:m[1]], Date: anchor, Relative: true}))
		}
	}
}

// splitBody splits text into paragraphs (separated by blank lines; a
// Markdown heading line is a paragraph of its own) and each paragraph into
// sentences. It also returns the byte ranges of news datelines and the place
// named by the first one, title-cased.
func splitBody(text string) (spans []span, datelines [][2]int, place string) {
	para := 0
	ps, pe := -1, -1 // the open paragraph's first and last non-blank bytes
	flush := func() {
		if ps < 0 {
			return
		}
		protect := ps
		if n, p := datelineAt(text[ps:pe]); n > 0 {
			datelines = append(datelines, [2]int{ps, ps + n})
			protect = ps + n
			if place == "" {
				place = p
			}
		}
		for _, s := range sentences(text[ps:pe], protect-ps) {
			spans = append(spans, span{ps + s[0], ps + s[1], para})
		}
		para++
		ps, pe = -1, -1
	}
	for i := 0; i < len(text); {
		next, line := lineAt(text, i)
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		default:
			if hs, he, ok := headingSpan(line); ok {
				flush()
				if he > hs {
					spans = append(spans, span{i + hs, i + he, para})
					para++
				}
				break
			}
			if ps < 0 {
				ps = i + len(line) - len(strings.TrimLeft(line, " \t"))
			}
			pe = i + len(strings.TrimRight(line, " \t\r"))
		}
		i = next
	}
	flush()
	return spans, datelines, place
}

// sentences splits one paragraph into trimmed sentence ranges. No sentence
// ends before protect (the end of a dateline).
func sentences(p string, protect int) [][2]int {
	quotes := quoteSpans(p)
	var out [][2]int
	start := 0
	emit := func(end int) {
		s, e := trimSpan(p, start, end)
		if e > s {
			out = append(out, [2]int{s, e})
		}
		start = end
	}
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		if r != '.' && r != '?' && r != '!' && r != '…' {
			i += size
			continue
		}
		// A run of terminators ("...", "?!"), then closing quotes and brackets.
		j, dots := i, 0
		for j < len(p) {
			r2, n := utf8.DecodeRuneInString(p[j:])
			if r2 != '.' && r2 != '?' && r2 != '!' && r2 != '…' {
				break
			}
			if r2 == '.' {
				dots++
			}
			j += n
		}
		single := r == '.' && dots == 1 && j == i+1
		for j < len(p) {
			r2, n := utf8.DecodeRuneInString(p[j:])
			if !strings.ContainsRune("\"'”’)]»", r2) {
				break
			}
			j += n
		}
		if j < len(p) && endsSentence(p, i, j, single, quotes, protect) {
			emit(j)
		}
		i = j
	}
	emit(len(p))
	return out
}

// endsSentence decides whether the terminator at p[i] (with closers up to j)
// ends a sentence.
func endsSentence(p string, i, j int, single bool, quotes [][2]int, protect int) bool {
	if j <= protect {
		return false
	}
	r, _ := utf8.DecodeRuneInString(p[j:])
	if !unicode.IsSpace(r) {
		return false // "5.5", "U.S.-led", "/TASS/."
	}
	k := j
	for k < len(p) {
		r2, n := utf8.DecodeRuneInString(p[k:])
		if !unicode.IsSpace(r2) {
			break
		}
		k += n
	}
	next, _ := utf8.DecodeRuneInString(p[k:])
	if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"“‘'([", next)) {
		return false // "a.m. on", "Really? he asked", "... and"
	}
	for _, q := range quotes {
		if q[0] < j && j <= q[1] {
			return false // inside a quotation that closes later in the paragraph
		}
	}
	if single {
		w := wordBefore(p, i)
		nextWord := wordAt(p, k)
		switch {
		case len(w) == 1 && unicode.IsUpper(rune(w[0])):
			return false // an initial: "Ronald W. Reagan"
		case strings.Contains(w, "."):
			// "U.S.", "D.C.", "a.m.": a sentence ends only when the next word
			// is one that usually starts a sentence.
			return sentenceStarters[nextWord]
		case abbreviations[strings.ToLower(w)]:
			return false // "Mr.", "Gen.", "St."
		case beforeNumber[w] && unicode.IsDigit(next):
			return false // "No. 5", "Dec. 8"
		}
	}
	return true
}

// abbreviations never end a sentence when followed by a capital.
var abbreviations = setOf("mr", "mrs", "ms", "dr", "gen", "st", "sen", "rep", "gov", "lt", "col",
	"capt", "sgt", "cpl", "prof", "adm", "maj", "rev", "hon", "pres", "mt", "ft", "vs", "cmdr", "brig",
	"amb", "supt", "messrs", "fr", "sr", "jr")

// beforeNumber are abbreviations that do not end a sentence before a number.
var beforeNumber = setOf("No", "Nos", "no", "Art", "art", "p", "pp", "Vol", "vol", "Fig", "fig",
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")

// sentenceStarters are words after which "U.S." or "a.m." ends a sentence.
var sentenceStarters = setOf("The", "A", "An", "It", "He", "She", "They", "We", "I", "You", "This",
	"That", "These", "Those", "There", "But", "And", "However", "In", "On", "At", "His", "Her", "Its",
	"Their", "Our", "As", "If", "When", "While", "After", "Before", "Since", "Meanwhile", "Also", "Then",
	"So", "Yet", "According", "Earlier", "Later", "What", "Why", "How", "Who", "Where", "Moscow", "Washington")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// wordBefore returns the token (letters and inner dots) that ends just before
// p[i]: "U.S" before the last dot of "U.S.", "Mr" before "Mr.".
func wordBefore(p string, i int) string {
	s := i
	for s > 0 {
		r, n := utf8.DecodeLastRuneInString(p[:s])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		s -= n
	}
	return strings.TrimLeft(p[s:i], ".")
}

// wordAt returns the run of letters starting at p[k].
func wordAt(p string, k int) string {
	e := k
	for e < len(p) {
		r, n := utf8.DecodeRuneInString(p[e:])
		if !unicode.IsLetter(r) {
			break
		}
		e += n
	}
	return p[k:e]
}

// quoteSpans pairs double quotes in a paragraph: [open, close] byte offsets.
// Straight and curly quotes pair with each other; an opening quote that
// never closes is left out, so text after it splits normally.
func quoteSpans(p string) [][2]int {
	var spans [][2]int
	open := -1
	for i, r := range p {
		switch {
		case open < 0 && (r == '"' || r == '“'):
			open = i
		case open >= 0 && (r == '"' || r == '”'):
			spans = append(spans, [2]int{open, i})
			open = -1
		}
	}
	return spans
}

// trimSpan narrows [s, e) of p to exclude surrounding white space.
func trimSpan(p string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(p[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(p[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// datelineRE matches a news dateline that opens a paragraph: an ALL-CAPS
// place, then a date, an agency marker, or both, and an optional dash:
// "SOCHI, November 20. /TASS/. ", "WASHINGTON (Reuters) - ",
// "MOSCOW, March 3 (AP) — ".
var datelineRE = regexp.MustCompile(`^([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+)*)` +
	`(, (?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.? \d{1,2}(?:, \d{4})?)?` +
	`\.?` +
	`((?: ?/[A-Za-z\-]+/\.?)|(?: ?\((?:Reuters|AP|AFP|TASS|UPI|Xinhua|Bloomberg|Interfax|RIA Novosti|Sputnik|dpa|DPA|BBC|CNN|Kyodo|Yonhap|ANI|PTI|IANS)\)))?` +
	`\s*(?:[-–—]+\s*)?`)

// datelineAt returns the length of a dateline at the start of paragraph p
// (0 when there is none) and its place, title-cased.
func datelineAt(p string) (int, string) {
	m := datelineRE.FindStringSubmatchIndex(p)
	if m == nil || (m[4] < 0 && m[6] < 0) {
		return 0, ""
	}
	place := p[m[2]:m[3]]
	if len(place) < 2 || m[1] == len(p) {
		return 0, ""
	}
	end := m[1]
	for end > 0 && (p[end-1] == ' ' || p[end-1] == '\t') {
		end--
	}
	return end, titleCase(place)
}

// titleCase turns "SOCHI" into "Sochi" and "NEW YORK" into "New York".
func titleCase(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = r == ' ' || r == '-'
	}
	return b.String()
}
