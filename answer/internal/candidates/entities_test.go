package candidates

import (
	"strings"
	"testing"

	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

func TestFindEntities(t *testing.T) {
	voc := question.NewVocabulary(corpus.Default())
	tests := []struct {
		text string
		want map[string]entKind
	}{
		{"Russian Deputy Foreign Minister Sergey Ryabkov described this as a dangerous move.",
			map[string]entKind{"Russian": entDemonym, "Sergey Ryabkov": entPerson}},
		{"Washington was also criticized in Berlin and Beijing.",
			map[string]entKind{"Washington": entCapital, "Berlin": entCapital, "Beijing": entCapital}},
		{"SOCHI, November 20. /TASS/. Moscow’s response was explained.",
			map[string]entKind{"SOCHI": entCity, "TASS": entOrg, "Moscow": entCapital}},
		{"It was signed in Washington, D.C., by the Union of Soviet Socialist Republics.",
			map[string]entKind{"Washington, D.C.": entCapital, "Union of Soviet Socialist Republics": entCountry}},
		{"Correspondingly, the 9M729 was named by NATO.",
			map[string]entKind{"9M729": entCode, "NATO": entOrg}},
		{"Gerard Smith ran the Arms Control and Disarmament Agency, and Russia and China agreed.",
			map[string]entKind{"Gerard Smith": entPerson, "Arms Control and Disarmament Agency": entOrg, "Russia": entCountry, "China": entCountry}},
		{"The statement was carried by the Korean Central News Agency.",
			map[string]entKind{"Korean Central News Agency": entOrg}},
		{"The Geneva Protocol of 1925 banned their use; the talks were in Geneva.",
			map[string]entKind{"Geneva Protocol": entCode, "Geneva": entCity}},
		{"The Conference on Disarmament met, and the Treasury Department on Iran said so.",
			map[string]entKind{"Conference on Disarmament": entOrg, "Treasury Department": entOrg, "Iran": entCountry}},
	}
	for _, tt := range tests {
		toks := text.Tokenize(tt.text)
		got := map[string]entKind{}
		for _, en := range findEntities(toks, voc) {
			got[tt.text[toks[en.from].Start:toks[en.to-1].End]] = en.kind
		}
		for name, kind := range tt.want {
			if k, ok := got[name]; !ok || k != kind {
				t.Errorf("findEntities(%q): %q = %v (found %v), want kind %v", tt.text, name, k, ok, kind)
			}
		}
		if _, ok := got["Correspondingly"]; ok {
			t.Errorf("findEntities(%q): took a sentence adverb for a name", tt.text)
		}
	}
}

func TestFindNumbers(t *testing.T) {
	tests := []struct {
		text string
		want []string // number spans with their units
	}{
		{"2,692 missiles had been eliminated", []string{"2,692 missiles"}},
		{"ranges of 500 to 5,500 kilometers", []string{"500 to 5,500 kilometers"}},
		{"ranges (1,000-5,000 kilometers)", []string{"1,000-5,000 kilometers"}},
		{"a 150-kiloton limit", []string{"150-kiloton"}},
		{"removed about two-thirds of them", []string{"two-thirds"}},
		{"1,550 deployed strategic warheads", []string{"1,550 deployed strategic warheads"}},
		{"the 35-member board met for a four-week session", []string{"35-member", "four-week"}},
	}
	for _, tt := range tests {
		toks := text.Tokenize(tt.text)
		var got []string
		for _, n := range findNumbers(toks) {
			got = append(got, tt.text[toks[n.from].Start:toks[n.unitTo-1].End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("findNumbers(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
