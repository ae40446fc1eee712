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
	isoDateRE    = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	monthDayYrRE = regexp.MustCompile(`\b` + monthRE + ` (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b`)
	dayMonthYrRE = regexp.MustCompile(`\b(\d{1,2}) ` + monthRE + `,? (\d{4})\b`)
	monthYearRE  = regexp.MustCompile(`\b` + monthRE + `,? (\d{4})\b`)
	monthDayRE   = regexp.MustCompile(`\b` + monthRE + ` (\d{1,2})(?:st|nd|rd|th)?\b`)
	dayMonthRE   = regexp.MustCompile(`\b(\d{1,2}) ` + monthRE)
	cuedYearRE   = regexp.MustCompile(`\b(?i:in|since|by|until|till|from|of|early|late|mid|before|after|year|through|during|around|circa)[ -](\d{4})\b`)
	weekdayRE    = regexp.MustCompile(`\b(?:((?i:on|last|this|next)) )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)
	relativeRE   = regexp.MustCompile(`\b(?i:(today|yesterday|tomorrow)|(earlier this|last|this|next) (week|month|year))\b`)
	afterYearRE  = regexp.MustCompile(`^(?:[.,]\d|\s*(?i:km|kilomet\w*|miles?|missiles?|warheads?|launchers?|weapons?|people|persons|troops|soldiers|tons|tonnes|kg|meters?|metres?|feet|ft|dollars|euros|rubles|units)\b)`)
)

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

	for _, m := range isoDateRE.FindAllStringSubmatchIndex(text, -1) {
		add(m[0], m[1], dayDate(atoi(m, 1), time.Month(atoi(m, 2)), atoi(m, 3)), false)
	}
	for _, m := range monthDayYrRE.FindAllStringSubmatchIndex(text, -1) {
		add(m[0], m[1], dayDate(atoi(m, 3), monthOf(sub(m, 1)), atoi(m, 2)), false)
	}
	for _, m := range dayMonthYrRE.FindAllStringSubmatchIndex(text, -1) {
		add(m[0], m[1], dayDate(atoi(m, 3), monthOf(sub(m, 2)), atoi(m, 1)), false)
	}
	for _, m := range monthYearRE.FindAllStringSubmatchIndex(text, -1) {
		if y := atoi(m, 2); plausibleYear(y) {
			add(m[0], m[1], Date{Year: y, Month: monthOf(sub(m, 1))}, false)
		}
	}
	for _, m := range cuedYearRE.FindAllStringSubmatchIndex(text, -1) {
		y := atoi(m, 1)
		if plausibleYear(y) && !afterYearRE.MatchString(text[m[3]:]) {
			add(m[2], m[3], Date{Year: y}, false)
		}
	}
	if !published.IsZero() && published.Precision() == DayPrecision {
		pub := published.Time()
		for _, m := range monthDayRE.FindAllStringSubmatchIndex(text, -1) {
			add(m[0], m[1], yearless(pub, monthOf(sub(m, 1)), atoi(m, 2)), true)
		}
		for _, m := range dayMonthRE.FindAllStringSubmatchIndex(text, -1) {
			add(m[0], m[1], yearless(pub, monthOf(sub(m, 2)), atoi(m, 1)), true)
		}
		for _, m := range weekdayRE.FindAllStringSubmatchIndex(text, -1) {
			cue := ""
			if m[2] >= 0 {
				cue = strings.ToLower(sub(m, 1))
			}
			add(m[0], m[1], weekdayDate(pub, weekdays[sub(m, 2)], cue), true)
		}
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
	return pickDates(found)
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
