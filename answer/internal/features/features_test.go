package features

import "testing"

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
