package corpus

import "testing"

func TestAttributionOf(t *testing.T) {
	tests := []struct {
		text, span string
		by, cue    string // by "" and cue "": no attribution
	}{
		{"US President Donald Trump said on October 20 that his country would quit the INF Treaty because Russia was allegedly in breach of that agreement.", "Russia", "US President Donald Trump", "said"},
		{"In the meantime, London came out in support of the United States and NATO placed the responsibility for Trump’s decision on Russia, because in its opinion Moscow had apparently violated the treaty.", "Moscow", "NATO", "in its opinion"},
		{"In recent years Washington has repeatedly alleged Russia was in breach of the agreement.", "Russia", "Washington", "alleged"},
		{"\"Correspondingly, Russia will be obliged to take action to restore this balance,\" the Kremlin spokesman stressed, replying to journalists’ questions.", "action", "the Kremlin spokesman", "stressed"},
		{"According to the IAEA, the plant had stopped enrichment.", "the plant", "the IAEA", "according to"},
		{"The rebels reportedly used chlorine.", "chlorine", "", "reportedly"},
		{"The INF Treaty was signed on December 8, 1987 and took effect on June 1, 1988.", "December 8, 1987", "", ""},
		// the speaker is the answer, not the one it is attributed to
		{"US President Donald Trump said on October 20 that his country would quit the INF Treaty.", "Donald Trump", "", ""},
	}
	for _, tt := range tests {
		p := &Passage{Kind: Sentence, Text: tt.text}
		start := indexOf(tt.text, tt.span)
		c, ok := AttributionOf(p, start, start+len(tt.span))
		if c.By != tt.by || c.Cue != tt.cue || ok != (tt.cue != "") {
			t.Errorf("AttributionOf(%q, %q) = %+v, %v; want by %q cue %q", tt.text, tt.span, c, ok, tt.by, tt.cue)
		}
	}
	plain := &Passage{Kind: FactPassage, Text: "The INF Treaty entered into force on June 1, 1988."}
	if c, ok := AttributionOf(plain, 37, 49); ok {
		t.Errorf("a plain fact-sheet fact is attributed: %+v", c)
	}
	claim := &Passage{Kind: FactPassage, Text: "On December 4, 2018, the United States declared Russia in material breach of the INF Treaty."}
	if c, ok := AttributionOf(claim, 48, 54); !ok || c.By != "the United States" {
		t.Errorf("a fact that reports a declaration is attributed to %+v, %v; want the United States", c, ok)
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestClaimLabel(t *testing.T) {
	for in, want := range map[string]string{
		"NATO":                      "claim by NATO",
		"allegedly":                 "unconfirmed (allegedly)",
		"Reportedly":                "unconfirmed (reportedly)",
		"US President Donald Trump": "claim by US President Donald Trump",
	} {
		if got := ClaimLabel(in); got != want {
			t.Errorf("ClaimLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
