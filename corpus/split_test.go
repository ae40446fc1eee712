package corpus

import (
	"reflect"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"U.S. before a name", "U.S. President Donald Trump said so. It was late.",
			[]string{"U.S. President Donald Trump said so.", "It was late."}},
		{"D.C. at a sentence end", "He moved to Washington, D.C. The city was cold.",
			[]string{"He moved to Washington, D.C.", "The city was cold."}},
		{"U.K. and U.S. inside", "The U.K. and the U.S. agreed on it.", []string{"The U.K. and the U.S. agreed on it."}},
		{"titles", "Gen. Smith met Mr. Jones and Dr. Brown in St. Petersburg. They talked.",
			[]string{"Gen. Smith met Mr. Jones and Dr. Brown in St. Petersburg.", "They talked."}},
		{"No. before a number", "See No. 5 on the list. Then stop.", []string{"See No. 5 on the list.", "Then stop."}},
		{"month abbreviations", "It began on Jan. 5 and ended Dec. 8, 1987. Nobody came.",
			[]string{"It began on Jan. 5 and ended Dec. 8, 1987.", "Nobody came."}},
		{"initials", "Ronald W. Reagan signed it. J. F. Kennedy did not.",
			[]string{"Ronald W. Reagan signed it.", "J. F. Kennedy did not."}},
		{"numbers", "It cost 1,000 dollars, or 5.5 percent. Then more.",
			[]string{"It cost 1,000 dollars, or 5.5 percent.", "Then more."}},
		{"a.m. and p.m.", "They met at 3 p.m. on Friday and left at 9 a.m. The talks failed.",
			[]string{"They met at 3 p.m. on Friday and left at 9 a.m.", "The talks failed."}},
		{"ellipsis", "He paused... and went on. Wait… Then we left.",
			[]string{"He paused... and went on.", "Wait…", "Then we left."}},
		{"question and exclamation", "Is it over? Yes! It is.", []string{"Is it over?", "Yes!", "It is."}},
		{"question inside lowercase", "Is it over? he asked.", []string{"Is it over? he asked."}},
		{"end inside a closing quote", `He called it "a threat to our interests." Then he left.`,
			[]string{`He called it "a threat to our interests."`, "Then he left."}},
		{"quotation over a sentence end", `"This is A. This is B," Peskov said.`, []string{`"This is A. This is B," Peskov said.`}},
		{"quotation over a sentence end, then more", `"We are ready. We will respond," Peskov said. He left.`,
			[]string{`"We are ready. We will respond," Peskov said.`, "He left."}},
		{"curly quotation", "“We are ready. We will respond,” Peskov said. He left.",
			[]string{"“We are ready. We will respond,” Peskov said.", "He left."}},
		{"quotation never closed", `"We are ready. We will respond, Peskov said.`,
			[]string{`"We are ready.`, "We will respond, Peskov said."}},
		{"bracket closer", "(He left.) Then she came.", []string{"(He left.)", "Then she came."}},
		{"Punkt's miss", "The INF Treaty took effect on June 1, 1988. It outlawed missiles.",
			[]string{"The INF Treaty took effect on June 1, 1988.", "It outlawed missiles."}},
		{"TASS dateline", "SOCHI, November 20. /TASS/. Moscow’s response will come, Peskov said on Tuesday. More.",
			[]string{"SOCHI, November 20. /TASS/. Moscow’s response will come, Peskov said on Tuesday.", "More."}},
		{"Reuters dateline", "WASHINGTON (Reuters) - The U.S. said so. More.",
			[]string{"WASHINGTON (Reuters) - The U.S. said so.", "More."}},
		{"AP dateline", "MOSCOW, March 3 (AP) — Talks ended. More.", []string{"MOSCOW, March 3 (AP) — Talks ended.", "More."}},
		{"paragraphs and lines", "A one continues\nhere. A two.\n\n\nB one.", []string{"A one continues\nhere.", "A two.", "B one."}},
		{"heading", "# Title #\nBody one. Body two.", []string{"Title", "Body one.", "Body two."}},
		{"not a heading", "#hashtag here. Next.", []string{"#hashtag here.", "Next."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans, _, _ := splitBody(tt.text)
			var got []string
			for _, s := range spans {
				got = append(got, tt.text[s.start:s.end])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPassagePositions(t *testing.T) {
	text := "---\nsource: X\n---\n# Head\nOne. Two\ncontinues.\r\n\r\nThree.\n"
	d, err := ParseFile("p.md", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		text     string
		para, ln int
	}{{"Head", 0, 4}, {"One.", 1, 5}, {"Two\ncontinues.", 1, 5}, {"Three.", 2, 8}}
	if len(d.Passages) != len(want) {
		t.Fatalf("got %q, want %d passages", texts(d.Passages), len(want))
	}
	for i, w := range want {
		p := d.Passages[i]
		if p.Text != w.text || p.Paragraph != w.para || p.Line != w.ln || d.Text[p.Start:p.End] != p.Text {
			t.Errorf("passage %d: got %q paragraph %d line %d, want %q paragraph %d line %d", i, p.Text, p.Paragraph, p.Line, w.text, w.para, w.ln)
		}
	}
}

func TestDatelinePlace(t *testing.T) {
	tests := []struct{ text, place string }{
		{"SOCHI, November 20. /TASS/. Moscow will respond.", "Sochi"},
		{"NEW YORK (AP) — It rained.", "New York"},
		{"MOSCOW, March 3 (Reuters) - Talks ended.", "Moscow"},
		{"NATO said so. More.", ""},
		{"US President Donald Trump said so.", ""},
	}
	for _, tt := range tests {
		_, _, place := splitBody(tt.text)
		if place != tt.place {
			t.Errorf("%q: got place %q, want %q", tt.text, place, tt.place)
		}
	}
}
