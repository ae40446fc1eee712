package corpus

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.Year == 0 }

// Precision says whether d is known to the year, the month or the day.
func (d Date) Precision() Precision {
	switch {
	case d.Year == 0:
		return NoDate
	case d.Month == 0:
		return YearOnly
	case d.Day == 0:
		return MonthOnly
	}
	return DayPrecision
}

// String formats d as YYYY, YYYY-MM or YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	switch d.Precision() {
	case YearOnly:
		return fmt.Sprintf("%04d", d.Year)
	case MonthOnly:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	case DayPrecision:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	return ""
}

// Human formats d for people: "December 8, 1987", "December 1987" or "1987".
func (d Date) Human() string {
	switch d.Precision() {
	case YearOnly:
		return strconv.Itoa(d.Year)
	case MonthOnly:
		return fmt.Sprintf("%s %d", d.Month, d.Year)
	case DayPrecision:
		return fmt.Sprintf("%s %d, %d", d.Month, d.Day, d.Year)
	}
	return ""
}

// Time returns the first instant of d in UTC; the zero time for the zero Date.
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	m, day := d.Month, d.Day
	if m == 0 {
		m = time.January
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, m, day, 0, 0, 0, 0, time.UTC)
}

// lastDay returns the last day d covers: December 31 of a year, the last
// day of a month, or d itself. It is the zero Date for the zero Date.
func (d Date) lastDay() Date {
	switch d.Precision() {
	case YearOnly:
		return Date{Year: d.Year, Month: time.December, Day: 31}
	case MonthOnly:
		return DateOf(time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC))
	}
	return d
}

// Before reports whether d starts before e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// DateOf returns the day-precision Date of t.
func DateOf(t time.Time) Date { return Date{Year: t.Year(), Month: t.Month(), Day: t.Day()} }

// ParseDate parses YYYY, YYYY-MM or YYYY-MM-DD, rejecting impossible dates
// such as 2019-02-30.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	var layout string
	switch len(s) {
	case 4:
		layout = "2006"
	case 7:
		layout = "2006-01"
	case 10:
		layout = "2006-01-02"
	default:
		return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not a valid YYYY, YYYY-MM or YYYY-MM-DD date", s)
	}
	if t.Year() == 0 {
		// Year 0 is the zero Date, which means "no date": it would be
		// accepted here and then silently dropped.
		return Date{}, fmt.Errorf("date %q has year 0000, which is no year (the years run from 0001)", s)
	}
	d := Date{Year: t.Year()}
	if len(s) >= 7 {
		d.Month = t.Month()
	}
	if len(s) == 10 {
		d.Day = t.Day()
	}
	return d, nil
}
