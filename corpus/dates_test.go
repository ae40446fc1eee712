package corpus

import (
	"fmt"
	"strings"
	"testing"
)

func TestFindDates(t *testing.T) {
	pub := Date{2018, 11, 20} // a Tuesday
	tests := []struct {
		name, text string
		published  Date
		want       []string // "text=date" or "text=date~" for relative
	}{
		{"month day year", "It was signed on December 8, 1987 in Washington.", pub, []string{"December 8, 1987=1987-12-08"}},
		{"no published date needed", "It was signed on December 8, 1987.", Date{}, []string{"December 8, 1987=1987-12-08"}},
		{"abbreviated month", "Signed Dec. 8, 1987.", pub, []string{"Dec. 8, 1987=1987-12-08"}},
		{"ordinal", "On March 3rd 1990 it rained.", Date{}, []string{"March 3rd 1990=1990-03-03"}},
		{"day month year", "Signed 8 December 1987.", Date{}, []string{"8 December 1987=1987-12-08"}},
		{"range of days", "Opened on 3-4 December 1997 in Ottawa.", Date{}, []string{"3-4 December 1997=1997-12-03"}},
		{"range of days, month first", "Opened on December 3-4, 1997 in Ottawa.", Date{}, []string{"December 3-4, 1997=1997-12-03"}},
		{"ISO", "Signed 1987-12-08.", Date{}, []string{"1987-12-08=1987-12-08"}},
		{"impossible ISO", "Dated 2019-02-30.", Date{}, nil},
		{"impossible day", "On February 30, 2019 nothing.", Date{}, nil},
		{"month year", "In December 1987 and July 2014.", Date{}, []string{"December 1987=1987-12", "July 2014=2014-07"}},
		{"cued years", "Since 1991, and in 2001, before 1950.", Date{}, []string{"1991=1991", "2001=2001", "1950=1950"}},
		{"uncued year", "The 1987 accord.", Date{}, nil},
		{"year after a named year", "Signed in 1996 and sent to the Senate the following year.", Date{}, []string{"1996=1996", "the following year=1997~"}},
		{"year before a named date", "It took effect on June 1, 1988; talks had ended the previous year.", Date{}, []string{"June 1, 1988=1988-06-01", "the previous year=1987~"}},
		{"anchored year with nothing to count from", "It was ratified the following year.", Date{}, nil},
		{"thousands are not years", "It eliminated 2,692 missiles, of 1,000 in all.", Date{}, nil},
		{"year followed by a unit", "A range of 2000 km and by 1900 missiles.", Date{}, nil},
		{"year out of range", "In 1700 and in 2500.", Date{}, nil},
		{"month day without year", "Trump said on October 20 that he would quit.", pub, []string{"October 20=2018-10-20~"}},
		{"month day after publication is last year", "On December 8 they met.", pub, []string{"December 8=2017-12-08~"}},
		{"day month without year", "On 20 October they met.", pub, []string{"20 October=2018-10-20~"}},
		{"month day without a published date", "On October 20 they met.", Date{}, nil},
		{"dateline", "SOCHI, November 20. /TASS/. Moscow will respond.", pub, []string{"November 20=2018-11-20~"}},
		{"weekday on the day of publication", "Peskov said on Tuesday.", pub, []string{"on Tuesday=2018-11-20~"}},
		{"weekday earlier in the week", "He said on Monday and on Sunday.", pub, []string{"on Monday=2018-11-19~", "on Sunday=2018-11-18~"}},
		{"weekday after publication is last week", "He said Wednesday.", pub, []string{"Wednesday=2018-11-14~"}},
		{"last weekday", "He said last Tuesday.", pub, []string{"last Tuesday=2018-11-13~"}},
		{"next weekday", "He will fly next Tuesday.", pub, []string{"next Tuesday=2018-11-27~"}},
		{"weekday in the future", "He said the withdrawal would take effect on Saturday.", pub, []string{"on Saturday=2018-11-24~"}},
		{"month day in the future", "The prize will be presented on December 10.", pub, []string{"December 10=2018-12-10~"}},
		{"weekday in the future, same day", "The talks will end on Tuesday.", pub, []string{"on Tuesday=2018-11-20~"}},
		{"weekday without a published date", "He said on Tuesday.", Date{}, nil},
		{"today and yesterday", "Today he spoke; yesterday she did.", pub, []string{"Today=2018-11-20~", "yesterday=2018-11-19~"}},
		{"last week", "It happened last week.", Date{2018, 12, 3}, []string{"last week=2018-11~"}},
		{"last month and last year", "Last month and last year.", Date{2019, 1, 10}, []string{"Last month=2018-12~", "last year=2018~"}},
		{"earlier this month", "It was announced earlier this month.", pub, []string{"earlier this month=2018-11~"}},
		{"two dates", "Signed on December 8, 1987 and took effect on June 1, 1988.", pub,
			[]string{"December 8, 1987=1987-12-08", "June 1, 1988=1988-06-01"}},
		{"may the verb", "Russia may respond.", pub, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range FindDates(tt.text, tt.published) {
				if tt.text[m.Start:m.End] != m.Text {
					t.Errorf("mention %q has offsets %d:%d over %q", m.Text, m.Start, m.End, tt.text[m.Start:m.End])
				}
				s := fmt.Sprintf("%s=%s", m.Text, m.Date)
				if m.Relative {
					s += "~"
				}
				got = append(got, s)
			}
			if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDefaultArticleDates(t *testing.T) {
	d := Default().Doc("tass-2018-11-20")
	if d == nil {
		t.Fatal("default corpus has no tass-2018-11-20")
	}
	want := map[string]string{
		"on Tuesday":       "2018-11-20",
		"October 20":       "2018-10-20",
		"December 8, 1987": "1987-12-08",
		"June 1, 1988":     "1988-06-01",
		"November 20":      "2018-11-20",
	}
	got := map[string]string{}
	for _, p := range d.Passages {
		for _, m := range p.Dates {
			got[m.Text] = m.Date.String()
		}
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%q: got %q, want %q", k, got[k], v)
		}
	}
}

func TestFactDatesReadAgainstTheFactsDate(t *testing.T) {
	tests := []struct {
		date, text, want string
	}{
		{"2023-11", "Putin signed the law on November 2.", "2023-11-02"},
		{"2023", "The law took effect on December 31.", "2023-12-31"},
		{"2019-08-02", "It ended on August 2.", "2019-08-02"},
	}
	for _, tt := range tests {
		src := "subject: S\nfacts:\n  - text: " + tt.text + "\n    date: " + tt.date + "\n    source: X\n"
		d, err := ParseFile("s.yaml", []byte(src))
		if err != nil {
			t.Fatalf("ParseFile: %v", err)
		}
		ds := d.Passages[0].Dates
		if len(ds) != 1 || ds[0].Date.String() != tt.want {
			t.Errorf("fact dated %s, %q: dates %+v, want one resolved to %s", tt.date, tt.text, ds, tt.want)
		}
	}
}

func TestBareMonths(t *testing.T) {
	pub := Date{Year: 1996, Month: 1, Day: 29}
	tests := []struct {
		text string
		want string // "" for no date
	}{
		{"a series that Chirac had announced last June", "1995-06"},
		{"Iran began scaling back its commitments in May", "1995-05"},
		{"It has been in force since January", "1996-01"},
		{"They may meet again", ""},
		{"May we go?", ""},
	}
	for _, tt := range tests {
		ds := FindDates(tt.text, pub)
		got := ""
		if len(ds) > 0 {
			got = ds[0].Date.String()
		}
		if got != tt.want {
			t.Errorf("FindDates(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestListedYears(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"North Korea tested in 2006, 2009, 2013, 2016 (twice) and 2017.", []string{"2006", "2009", "2013", "2016", "2017"}},
		{"It was negotiated from 1994 to 1996 in Geneva.", []string{"1994", "1996"}},
		{"The ceiling rose to 2000 missiles, 1500 of them deployed.", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range FindDates(tt.text, Date{}) {
			got = append(got, d.Date.String())
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("FindDates(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestSameDayTakesTheDateBefore(t *testing.T) {
	text := "---\npublished: 1972-10-04\n---\n\nThe ABM Treaty entered into force on October 3, 1972.\n\nThe Interim Agreement took effect on the same day. Nobody knew that day.\n\nIt was signed on the same day as nothing."
	d, err := parseArticle("a.md", text)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range d.Passages {
		for _, m := range p.Dates {
			if strings.Contains(m.Text, "day") {
				got = append(got, m.Text+"="+m.Date.String())
			}
		}
	}
	// the third "same day" is three sentences after the date: still in reach
	want := []string{"on the same day=1972-10-03", "that day=1972-10-03", "on the same day=1972-10-03"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("same-day dates = %q, want %q", got, want)
	}
	d, err = parseArticle("b.md", "It happened on the same day.")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Passages[0].Dates) != 0 {
		t.Errorf("a same day with nothing before it got dated: %+v", d.Passages[0].Dates)
	}
}
