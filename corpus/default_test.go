package corpus

import (
	"io/fs"
	"os"
	"strings"
	"testing"
)

func TestDefault(t *testing.T) {
	c, warnings, err := Load(DefaultFS())
	if err != nil {
		t.Fatalf("embedded default corpus: %v", err)
	}
	if len(warnings) > 0 {
		t.Errorf("got warnings %v, want none", warnings)
	}
	if Default().Version != c.Version {
		t.Errorf("Default().Version = %s, want %s", Default().Version, c.Version)
	}
	facts := c.Doc("inf.facts")
	if facts == nil || facts.Title != "INF Treaty" || len(facts.Passages) < 12 {
		t.Fatalf("got fact sheet %+v, want subject INF Treaty with at least 12 facts", facts)
	}
	if strings.Join(facts.Aliases, "|") != "Intermediate-Range Nuclear Forces Treaty|INF" {
		t.Errorf("got aliases %q", facts.Aliases)
	}
	for _, p := range facts.Passages {
		if p.Source == "" {
			t.Errorf("%s has no source", p.ID)
		}
		if p.URL != "" && !strings.HasPrefix(p.URL, "https://") {
			t.Errorf("%s: url %q", p.ID, p.URL)
		}
	}

	tass := c.Doc("tass-2018-11-20")
	if tass == nil {
		t.Fatal("no tass-2018-11-20")
	}
	if tass.Source != "TASS" || tass.Published != (Date{2018, 11, 20}) || tass.Place != "Sochi" || tass.URL != "https://tass.com/politics/1031642" {
		t.Errorf("got source %q published %s place %q url %q", tass.Source, tass.Published, tass.Place, tass.URL)
	}
	// The body is the seed article byte for byte, without its first line
	// ("All news", site navigation) and the blank line after it.
	seed, err := os.ReadFile("testdata/tass-2018-11-20.seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := string(seed)
	for range 2 {
		want = want[strings.IndexByte(want, '\n')+1:]
	}
	if tass.Text != want {
		t.Errorf("TASS body differs from the seed:\ngot  %q\nwant %q", tass.Text, want)
	}
	for _, p := range tass.Passages {
		if tass.Text[p.Start:p.End] != p.Text {
			t.Errorf("%s: not verbatim", p.ID)
		}
	}
	raw, err := fs.ReadFile(DefaultFS(), "tass-2018-11-20.md")
	if err != nil || !strings.HasSuffix(string(raw), want) {
		t.Errorf("the embedded file does not end with the seed body (%v)", err)
	}
}

func TestTimeline(t *testing.T) {
	events := Default().Timeline()
	for i := 1; i < len(events); i++ {
		if events[i].Date.Before(events[i-1].Date) {
			t.Errorf("event %d (%s) is before event %d (%s)", i, events[i].Date, i-1, events[i-1].Date)
		}
	}
	has := func(date, doc, text string) bool {
		for _, e := range events {
			if e.Date.String() == date && e.Doc.ID == doc && strings.Contains(e.Text, text) && e.Text == e.Passage.Text {
				return true
			}
		}
		return false
	}
	for _, w := range []struct{ date, doc, text string }{
		{"1987-12-08", "inf.facts", "was signed on December 8, 1987"},
		{"1987-12-08", "tass-2018-11-20", "The INF Treaty was signed on December 8, 1987"},
		{"2018-10-20", "inf.facts", "President Donald Trump announced"},
		{"2018-10-20", "tass-2018-11-20", "US President Donald Trump said on October 20"},
		{"2018-11-20", "tass-2018-11-20", "Kremlin Spokesman Dmitry Peskov said on Tuesday."},
		{"2019-08-02", "inf.facts", "took effect on August 2, 2019"},
	} {
		if !has(w.date, w.doc, w.text) {
			t.Errorf("no event on %s in %s with %q", w.date, w.doc, w.text)
		}
	}
	if events[0].Date != (Date{1987, 12, 8}) {
		t.Errorf("got first event %s, want 1987-12-08", events[0].Date)
	}
	// The Peskov sentence mentions 2018-11-20 twice (dateline and "on
	// Tuesday"): one event.
	n := 0
	for _, e := range events {
		if e.Passage.ID == "tass-2018-11-20#3" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("got %d events for tass-2018-11-20#3, want 1", n)
	}
}

func TestTimelineSkipsBareDateline(t *testing.T) {
	fsys := mapFS(map[string]string{
		"a.md": "---\npublished: 2020-03-04\n---\nMOSCOW, March 4 (AP) — Talks ended. They began in 1999.\n",
	})
	c, _, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range c.Timeline() {
		got = append(got, e.Date.String()+" "+e.Text)
	}
	if want := "1999 They began in 1999."; strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
