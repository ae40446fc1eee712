package corpus

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Date mentions are found and resolved by hand. github.com/olebedev/when,
// measured on the TASS article, read "on December 8, 1987" as 2018-12-08 and
// "on Tuesday" in a Tuesday article as the Tuesday after; news is written in
// the past, so a weekday or a year-less date is resolved backwards from the
// publication date here.

const monthRE = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?`

var (
	isoDateRE     = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	monthFirstRE  = regexp.MustCompile(`^` + monthRE + `(?: (\d{1,2})(?:st|nd|rd|th)?(?:[-–]\d{1,2})?\b)?(?:,? (\d{4})\b)?`)
	dayBeforeRE   = regexp.MustCompile(`(?:^|[^\d,.])(\d{1,2}) $`)
	monthOnlyRE   = regexp.MustCompile(`^` + monthRE)
	yearAfterRE   = regexp.MustCompile(`^` + monthRE + `,? (\d{4})\b`)
	weekdayRE     = regexp.MustCompile(`\b(?:((?i:on|last|this|next)) )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)
	relativeRE    = regexp.MustCompile(`\b(?i:(today|yesterday|tomorrow)|(earlier this|last|this|next) (week|month|year))\b`)
	relativeWords = []string{"today", "yesterday", "tomorrow", "last ", "this ", "next ", "Today", "Yesterday", "Tomorrow", "Last ", "This ", "Next ", "TODAY", "YESTERDAY", "LAST ", "THIS ", "NEXT "}
	afterYearRE   = regexp.MustCompile(`^(?:[.,]\d|\s*(?i:km|kilomet\w*|miles?|missiles?|warheads?|launchers?|weapons?|people|persons|troops|soldiers|tons|tonnes|kg|meters?|metres?|feet|ft|dollars|euros|rubles|units)\b)`)
)

// monthWords are the month names and abbreviations a date may use.
var monthWords = setOf("January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")

// monthPositions returns the byte offsets of capitalised month words in text.
// Scanning for them first, and matching the date patterns only there, keeps
// FindDates fast: running every pattern over every sentence cost about 90
// microseconds a sentence, measured with BenchmarkLoadGenerated.
func monthPositions(text string) []int {
	var out []int
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < 'A' || c > 'Z' || (i > 0 && isWordByte(text[i-1])) {
			continue
		}
		j := i + 1
		for j < len(text) && text[j] >= 'a' && text[j] <= 'z' {
			j++
		}
		if (j == len(text) || !isWordByte(text[j])) && monthWords[text[i:j]] {
			out = append(out, i)
		}
		i = j - 1
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

// hasDigitRun reports whether text holds n digits in a row.
func hasDigitRun(text string, n int) bool {
	run := 0
	for i := 0; i < len(text); i++ {
		if text[i] >= '0' && text[i] <= '9' {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

var monthNames = map[string]time.Month{
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April, "may": time.May,
	"jun": time.June, "jul": time.July, "aug": time.August, "sep": time.September, "oct": time.October,
	"nov": time.November, "dec": time.December,
}

func monthOf(s string) time.Month { return monthNames[strings.ToLower(s[:3])] }

var weekdays = map[string]time.Weekday{
	"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday, "Wednesday": time.Wednesday,
	"Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday,
}

// FindDates finds the date expressions in text and resolves each to a Date,
// with byte offsets into text. Absolute dates ("December 8, 1987",
// "Dec. 8, 1987", "8 December 1987", "1987-12-08", "December 1987", "in
// 1987") need nothing else. Relative ones ("June 1", "on Tuesday", "today",
// "yesterday", "last week", "earlier this month") are read against
// published, set Relative, and are skipped when published is zero. Where
// expressions overlap, the earliest and then the longest wins.
func FindDates(text string, published Date) []DateMention {
	var found []DateMention
	add := func(s, e int, d Date, rel bool) {
		if d.IsZero() {
			return
		}
		found = append(found, DateMention{Start: s, End: e, Text: text[s:e], Date: d, Relative: rel})
	}
	atoi := func(m []int, g int) int { n, _ := strconv.Atoi(text[m[2*g]:m[2*g+1]]); return n }
	sub := func(m []int, g int) string { return text[m[2*g]:m[2*g+1]] }

	relOK := published.Precision() == DayPrecision
	pub := published.Time()
	if hasDigitRun(text, 4) {
		if strings.IndexByte(text, '-') >= 0 {
			for _, m := range isoDateRE.FindAllStringSubmatchIndex(text, -1) {
				add(m[0], m[1], dayDate(atoi(m, 1), time.Month(atoi(m, 2)), atoi(m, 3)), false)
			}
		}
		for _, r := range cuedYears(text) {
			add(r[0], r[1], Date{Year: r[2]}, false)
		}
	}
	for _, i := range monthPositions(text) {
		rest := text[i:]
		if m := monthFirstRE.FindStringSubmatchIndex(rest); m != nil {
			mon := monthOf(rest[m[2]:m[3]])
			hasDay, hasYear := m[4] >= 0, m[6] >= 0
			switch {
			case hasDay && hasYear:
				add(i, i+m[1], dayDate(atoi2(rest, m, 3), mon, atoi2(rest, m, 2)), false)
			case hasYear:
				if y := atoi2(rest, m, 3); plausibleYear(y) {
					add(i, i+m[1], Date{Year: y, Month: mon}, false)
				}
			case hasDay && relOK && futureBefore(text, i):
				// "the prize will be presented on December 10"
				add(i, i+m[1], upcoming(pub, mon, atoi2(rest, m, 2)), true)
			case hasDay && relOK:
				add(i, i+m[1], yearless(pub, mon, atoi2(rest, m, 2)), true)
			}
		}
		// "in May", "last June": a month with no day or year, the most
		// recent such month (a longer date starting here wins in pickDates)
		if relOK {
			if cue := precedingWord(text, i); bareMonthCues[cue] {
				mon := monthOf(rest)
				end := i + len(monthOnlyRE.FindString(rest))
				if end > i && mon != 0 {
					add(i, end, lastMonth(pub, mon, cue == "last"), true)
				}
			}
		}
		if m := dayBeforeRE.FindStringSubmatchIndex(text[max(0, i-4):i]); m != nil {
			start := max(0, i-4) + m[2]
			day, _ := strconv.Atoi(text[start : i-1])
			// "3-4 December 1997": a range of days starts on the first
			if s, d, ok := dayRangeStart(text, start); ok {
				start, day = s, d
			}
			if y := yearAfterRE.FindStringSubmatchIndex(rest); y != nil {
				add(start, i+y[1], dayDate(atoi2(rest, y, 2), monthOf(rest[y[2]:y[3]]), day), false)
			} else if relOK {
				add(start, i+len(monthOnlyRE.FindString(rest)), yearless(pub, monthOf(rest), day), true)
			}
		}
	}
	if relOK && strings.Contains(text, "day") {
		for _, m := range weekdayRE.FindAllStringSubmatchIndex(text, -1) {
			cue := ""
			if m[2] >= 0 {
				cue = strings.ToLower(sub(m, 1))
			}
			if cue != "last" && cue != "next" && futureBefore(text, m[0]) {
				cue = "coming"
			}
			add(m[0], m[1], weekdayDate(pub, weekdays[sub(m, 2)], cue), true)
		}
	}
	if relOK && containsAny(text, relativeWords) {
		for _, m := range relativeRE.FindAllStringSubmatchIndex(text, -1) {
			var d Date
			if m[2] >= 0 {
				d = dayWord(pub, strings.ToLower(sub(m, 1)))
			} else {
				d = relativePeriod(pub, strings.ToLower(sub(m, 2)), strings.ToLower(sub(m, 3)))
			}
			add(m[0], m[1], d, true)
		}
	}
	found = pickDates(found)
	if strings.Contains(text, " year") {
		found = pickDates(append(found, anchoredYears(text, found)...))
	}
	return found
}

// anchoredYearRE matches a year given relative to one the text has just
// named: "signed in 1996 and sent to the Senate the following year".
var anchoredYearRE = regexp.MustCompile(`\b(?i:the (following|next|previous) year|a year (later|earlier|before)|the year (after|before))\b`)

// anchoredYears resolves anchoredYearRE matches against the latest date
// mention before each; with none before it, there is nothing to count from.
func anchoredYears(text string, found []DateMention) []DateMention {
	var out []DateMention
	for _, m := range anchoredYearRE.FindAllStringIndex(text, -1) {
		var anchor *DateMention
		for i := range found {
			if found[i].End <= m[0] {
				anchor = &found[i]
			}
		}
		if anchor == nil {
			continue
		}
		step := 1
		switch w := strings.ToLower(text[m[0]:m[1]]); {
		case strings.Contains(w, "previous"), strings.Contains(w, "earlier"), strings.HasSuffix(w, "before"):
			step = -1
		}
		out = append(out, DateMention{Start: m[0], End: m[1], Text: text[m[0]:m[1]], Date: Date{Year: anchor.Date.Year + step}, Relative: true})
	}
	return out
}

// dayRangeStart reads the first day of a range that ends at byte end of
// text, as in "3-4 December": the start of the first day and the day.
func dayRangeStart(text string, end int) (int, int, bool) {
	k := end
	switch {
	case strings.HasSuffix(text[:k], "-"):
		k--
	case strings.HasSuffix(text[:k], "–"):
		k -= len("–")
	default:
		return 0, 0, false
	}
	j := k
	for j > 0 && j > k-2 && text[j-1] >= '0' && text[j-1] <= '9' {
		j--
	}
	if j == k || j > 0 && isWordByte(text[j-1]) {
		return 0, 0, false
	}
	d, err := strconv.Atoi(text[j:k])
	if err != nil || d < 1 || d > 31 {
		return 0, 0, false
	}
	return j, d, true
}

// futureMarkers, shortly before a weekday, put it ahead of the report:
// "said the withdrawal would take effect on Saturday".
var futureMarkers = []string{" will ", " would ", " shall ", " is due to ", " are due to ", " is to ", " are to ",
	" is expected to ", " are expected to ", " is scheduled to ", " are scheduled to ", " plans to ", " plan to "}

// futureBefore reports whether the clause before byte i speaks of the
// future: a marker within the 40 bytes before it, with no sentence or clause
// break between.
func futureBefore(text string, i int) bool {
	from := max(0, i-40)
	before := " " + text[from:i]
	if k := strings.LastIndexAny(before, ".;"); k >= 0 {
		before = before[k:]
	}
	for _, m := range futureMarkers {
		if strings.Contains(before, m) {
			return true
		}
	}
	return false
}

// yearCues are the words after which a bare four-digit number is a year:
// "in 1987", "since 1991", "mid-1980".
var yearCues = setOf("in", "since", "by", "until", "till", "from", "of", "early", "late", "mid", "before",
	"after", "year", "through", "during", "around", "circa", "to", "and")

// cuedYears finds bare years (1800-2100) that follow a cue word, and not
// followed by a unit ("by 2000 missiles"), returning start, end and year.
// It scans by hand rather than with a case-insensitive regexp, which was the
// slowest part of loading.
func cuedYears(text string) [][3]int {
	var out [][3]int
	for i := 0; i < len(text); {
		if text[i] < '0' || text[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		if j-i == 4 && i >= 2 && (text[i-1] == ' ' || text[i-1] == '-') && (j == len(text) || !isWordByte(text[j])) {
			y, _ := strconv.Atoi(text[i:j])
			w := i - 1
			for w > 0 && (text[w-1] >= 'a' && text[w-1] <= 'z' || text[w-1] >= 'A' && text[w-1] <= 'Z') {
				w--
			}
			// "in 2006, 2009, 2013": a year listed after a year
			listed := i >= 3 && text[i-2] == ',' && i-6 >= 0 && isYearAt(text, i-6)
			if plausibleYear(y) && (listed || (w == 0 || !isWordByte(text[w-1])) && yearCues[strings.ToLower(text[w:i-1])]) && !afterYearRE.MatchString(text[j:]) {
				out = append(out, [3]int{i, j, y})
			}
		}
		i = j
	}
	return out
}

// isYearAt reports whether text[i:i+4] is a plausible year standing alone.
func isYearAt(text string, i int) bool {
	if i < 0 || i+4 > len(text) || (i > 0 && isWordByte(text[i-1])) {
		return false
	}
	y, err := strconv.Atoi(text[i : i+4])
	return err == nil && plausibleYear(y)
}

// atoi2 converts group g of the match m in s.
func atoi2(s string, m []int, g int) int {
	n, _ := strconv.Atoi(s[m[2*g]:m[2*g+1]])
	return n
}

// containsAny reports whether text contains one of words.
func containsAny(text string, words []string) bool {
	for _, w := range words {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// pickDates keeps non-overlapping mentions, preferring the earliest start and
// then the longest.
func pickDates(found []DateMention) []DateMention {
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].Start != found[j].Start {
			return found[i].Start < found[j].Start
		}
		return found[i].End > found[j].End
	})
	var out []DateMention
	end := -1
	for _, m := range found {
		if m.Start >= end {
			out = append(out, m)
			end = m.End
		}
	}
	return out
}

// plausibleYear limits bare years to 1800-2100.
func plausibleYear(y int) bool { return y >= 1800 && y <= 2100 }

// dayDate returns a day-precision date, or the zero Date when there is no
// such day (February 30) or the year is implausible.
func dayDate(y int, m time.Month, d int) Date {
	if !plausibleYear(y) || m < time.January || m > time.December || d < 1 {
		return Date{}
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != m {
		return Date{}
	}
	return Date{Year: y, Month: m, Day: d}
}

// yearless resolves "June 1" against the publication date: that year, or the
// year before when that would be after publication.
// bareMonthCues are the words that make a lone month name a date: "in May",
// "last June", "since March". Without one, "May" may be the verb.
var bareMonthCues = setOf("in", "last", "since", "until", "till", "by", "early", "late", "mid", "during", "from", "before", "after", "this")

// precedingWord returns the lower-case word ending just before the space
// before offset i, or "".
func precedingWord(text string, i int) string {
	j := i - 1
	for j >= 0 && (text[j] == ' ' || text[j] == '-') {
		j--
	}
	end := j + 1
	for j >= 0 && (text[j] >= 'a' && text[j] <= 'z' || text[j] >= 'A' && text[j] <= 'Z') {
		j--
	}
	return strings.ToLower(text[j+1 : end])
}

// lastMonth resolves a lone month name to the most recent such month on or
// before publication (strictly before it for "last June").
func lastMonth(pub time.Time, m time.Month, strict bool) Date {
	y := pub.Year()
	if m > pub.Month() || strict && m == pub.Month() {
		y--
	}
	return Date{Year: y, Month: m}
}

// upcoming resolves a day and month spoken of as ahead: the next such day
// on or after pub.
func upcoming(pub time.Time, m time.Month, d int) Date {
	date := dayDate(pub.Year(), m, d)
	if !date.IsZero() && date.Time().Before(pub) {
		date = dayDate(pub.Year()+1, m, d)
	}
	return date
}

func yearless(pub time.Time, m time.Month, d int) Date {
	date := dayDate(pub.Year(), m, d)
	if date.IsZero() || date.Time().After(pub) {
		date = dayDate(pub.Year()-1, m, d)
	}
	return date
}

// weekdayDate resolves "on Tuesday" to the most recent Tuesday on or before
// publication; "last Tuesday" to one strictly before, "next Tuesday" to one
// strictly after.
func weekdayDate(pub time.Time, wd time.Weekday, cue string) Date {
	if cue == "coming" {
		// "will take effect on Saturday": this Saturday or the next one
		return DateOf(pub.AddDate(0, 0, (int(wd)-int(pub.Weekday())+7)%7))
	}
	if cue == "next" {
		diff := (int(wd) - int(pub.Weekday()) + 7) % 7
		if diff == 0 {
			diff = 7
		}
		return DateOf(pub.AddDate(0, 0, diff))
	}
	diff := (int(pub.Weekday()) - int(wd) + 7) % 7
	if diff == 0 && cue == "last" {
		diff = 7
	}
	return DateOf(pub.AddDate(0, 0, -diff))
}

// dayWord resolves today, yesterday and tomorrow.
func dayWord(pub time.Time, w string) Date {
	switch w {
	case "yesterday":
		return DateOf(pub.AddDate(0, 0, -1))
	case "tomorrow":
		return DateOf(pub.AddDate(0, 0, 1))
	}
	return DateOf(pub)
}

// relativePeriod resolves "last week", "this month", "earlier this year" and
// the like to the month or the year they fall in.
func relativePeriod(pub time.Time, which, unit string) Date {
	step := map[string]int{"last": -1, "next": 1}[which]
	switch unit {
	case "week":
		t := pub.AddDate(0, 0, 7*step)
		return Date{Year: t.Year(), Month: t.Month()}
	case "month":
		t := time.Date(pub.Year(), pub.Month()+time.Month(step), 1, 0, 0, 0, 0, time.UTC)
		return Date{Year: t.Year(), Month: t.Month()}
	}
	return Date{Year: pub.Year() + step}
}
