package features

import (
	"testing"

	"github.com/treatybot/treatybot/answer/internal/text"
)

// TestEveryFeatureIsNamedAndDocumented: a feature added to the list
// without its entry in featureDocs would have no name, and the model file
// could not refer to it.
func TestEveryFeatureIsNamedAndDocumented(t *testing.T) {
	seen := map[string]Feature{}
	for f := range NumFeatures {
		d := featureDocs[f]
		if d.name == "" || d.doc == "" {
			t.Errorf("feature %d has name %q and doc %q; want both", f, d.name, d.doc)
		}
		if g, dup := seen[d.name]; dup {
			t.Errorf("features %d and %d are both named %q", g, f, d.name)
		}
		seen[d.name] = f
		if Index[d.name] != int(f) || Name(int(f)) != d.name {
			t.Errorf("feature %d: Index[%q] = %d, Name = %q", f, d.name, Index[d.name], Name(int(f)))
		}
	}
	names := map[string]bool{}
	for i := range NumDecision {
		n := DecisionName(i)
		if n == "" || names[n] || DecisionIndex[n] != i {
			t.Errorf("decision feature %d is named %q (seen before: %v, index %d)", i, n, names[n], DecisionIndex[n])
		}
		names[n] = true
	}
}

func TestWholeAndParts(t *testing.T) {
	toks := text.Tokenize("By the 1991 deadline, 2,692 missiles had been eliminated: 846 by the United States and 1,846 by the Soviet Union.")
	at := func(s string) int {
		for i, tk := range toks {
			if tk.Text == s {
				return i
			}
		}
		t.Fatalf("no token %q", s)
		return -1
	}
	for _, tt := range []struct {
		num       string
		sum, part bool
	}{{"2,692", true, false}, {"846", false, true}, {"1,846", false, true}} {
		var v Vec
		wholeAndParts(toks, at(tt.num), &v)
		if (v[NumSum] == 1) != tt.sum || (v[NumAddend] == 1) != tt.part {
			t.Errorf("%s: num_sum %v num_addend %v, want %v %v", tt.num, v[NumSum], v[NumAddend], tt.sum, tt.part)
		}
	}
}
