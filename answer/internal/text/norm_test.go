package text

import "testing"

func TestNormWordMeetsOtherForms(t *testing.T) {
	tests := []struct{ a, b string }{
		{"took", "take"},         // an irregular verb, by its lemma
		{"withdrew", "withdraw"}, // which the stemmer alone would miss
		{"signed", "sign"},       // a regular one, by its stem
		{"u.s.", "us"},           // an initialism, without its dots
		{"1,000", "1000"},        // a number, without its separators
	}
	for _, tt := range tests {
		if a, b := NormWord(tt.a), NormWord(tt.b); a != b {
			t.Errorf("NormWord(%q) = %q, NormWord(%q) = %q; want them equal", tt.a, a, tt.b, b)
		}
	}
	if a, b := NormWord("said"), NormWord("sad"); a == b {
		t.Errorf("NormWord(said) = NormWord(sad) = %q", a)
	}
}

func TestNormalizeAnswer(t *testing.T) {
	tests := []struct{ in, want string }{
		{"December 8, 1987", "december 8 1987"},
		{"2,692 Missiles.", "2692 missiles"},
		{"the U.S.", "the us"},
	}
	for _, tt := range tests {
		if got := NormalizeAnswer(tt.in); got != tt.want {
			t.Errorf("NormalizeAnswer(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
