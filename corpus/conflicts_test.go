package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestConflictsOfTheDefaultCorpus(t *testing.T) {
	cs := Default().Conflicts()
	if len(cs) != 1 {
		t.Fatalf("Default().Conflicts() = %v, want the one range the fact sheet and TASS give differently", cs)
	}
	c := cs[0]
	if c.Kind != "number" || c.ValueA != "1,000–5,500 kilometers" || c.ValueB != "1,000-5,000 kilometers" || c.A.DocID != "inf.facts" || c.B.DocID != "tass-2018-11-20" {
		t.Errorf("conflict = %s, want 1,000–5,500 (inf.facts) against 1,000-5,000 (TASS)", c)
	}
}

func TestConflicts(t *testing.T) {
	sheet := func(id, facts string) string {
		return "subject: " + id + "\nfacts:\n" + facts
	}
	fact := func(text string) string { return "  - text: \"" + text + "\"\n    source: Test\n" }
	tests := []struct {
		name string
		a, b string // facts of two sheets
		want string // "" for no conflict, else the kind
	}{
		{"a day apart", fact("The Harbor Treaty was signed in Oslo on March 3, 1990."), fact("The Harbor Treaty was signed in Oslo on March 4, 1990."), "date"},
		{"only more precise", fact("The Harbor Treaty was signed in Oslo in 1990."), fact("The Harbor Treaty was signed in Oslo on March 4, 1990."), ""},
		{"another event", fact("The Harbor Treaty was signed in Oslo on March 3, 1990."), fact("The Harbor Treaty entered into force in Oslo on March 3, 1992."), ""},
		{"another numbered treaty", fact("The Harbor Treaty II was signed in Oslo on March 3, 1990."), fact("The Harbor Treaty I was signed in Oslo on March 3, 1989."), ""},
		{"other acronyms", fact("The Senate approved the HBT treaty by vote on March 3, 1990."), fact("The Senate approved the QRX treaty by vote on May 3, 1991."), ""},
		{"a rounder number", fact("The Harbor Treaty cut the fleet to about 2,700 warheads."), fact("The Harbor Treaty cut the fleet to 2,692 warheads."), ""},
		{"another number", fact("The Harbor Treaty cut the fleet to 2,700 warheads."), fact("The Harbor Treaty cut the fleet to 1,500 warheads."), "number"},
		{"another unit", fact("The Harbor Treaty cut the fleet to 2,700 warheads."), fact("The Harbor Treaty cut the fleet to 1,500 launchers."), ""},
	}
	for _, tt := range tests {
		c, _, err := Load(fstest.MapFS{"a.yaml": {Data: []byte(sheet("A", tt.a))}, "b.yaml": {Data: []byte(sheet("B", tt.b))}})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		cs := c.Conflicts()
		var got string
		if len(cs) > 0 {
			got = cs[0].Kind
		}
		if got != tt.want || len(cs) > 1 {
			var all []string
			for _, c := range cs {
				all = append(all, c.String())
			}
			t.Errorf("%s: Conflicts() = [%s], want %q", tt.name, strings.Join(all, "; "), tt.want)
		}
	}
}
