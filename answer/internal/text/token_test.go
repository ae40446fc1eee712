package text

import (
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The U.S. and D.C. agreed.", []string{"The", "U.S.", "and", "D.C.", "agreed", "."}},
		{"ranges (1,000-5,000 kilometers) and 5.5 km", []string{"ranges", "(", "1,000-5,000", "kilometers", ")", "and", "5.5", "km"}},
		{"Putin’s spokesman, the States’ view", []string{"Putin", "spokesman", ",", "the", "States", "view"}},
		{"ground-launched SSC-8 and 9M729", []string{"ground-launched", "SSC-8", "and", "9M729"}},
		{"President George W. Bush said. It was", []string{"President", "George", "W.", "Bush", "said", ".", "It", "was"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range Tokenize(tt.text) {
			got = append(got, tok.Text)
			if tt.text[tok.Start:tok.End] != tok.Text {
				t.Errorf("Tokenize(%q): token %q has offsets [%d,%d) that slice %q", tt.text, tok.Text, tok.Start, tok.End, tt.text[tok.Start:tok.End])
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	if toks := Tokenize("Putin’s view"); !toks[0].Poss {
		t.Errorf("Tokenize: Putin’s is not marked possessive")
	}
}
