package questions

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ a, b string }{
		{"When was the INF Treaty signed?", "when was INF treaty signed"},
		{"Who  criticized Washington??", "who criticized washington"},
		{"Please tell me: when did the U.S. withdraw?", "when U.S. withdraw"},
	}
	for _, tt := range tests {
		if Normalize(tt.a) != Normalize(tt.b) {
			t.Errorf("Normalize(%q) = %q, Normalize(%q) = %q; want them equal", tt.a, Normalize(tt.a), tt.b, Normalize(tt.b))
		}
	}
	if Normalize("When was it signed?") == Normalize("When was it ratified?") {
		t.Error("different questions normalise alike")
	}
	if got := Normalize("the"); got != "the" {
		t.Errorf("Normalize(\"the\") = %q, want the words kept when all are fillers", got)
	}
}
