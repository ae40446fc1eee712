package lexicon

import (
	"strings"
	"testing"
)

func TestGazetteerKinds(t *testing.T) {
	tests := []struct {
		name string
		want PlaceKind
	}{
		{"russia", PlaceCountry},
		{"u.s.", PlaceCountry},
		{"washington", PlaceCapital},
		{"kyiv", PlaceCapital},
		{"russian", PlaceDemonym},
		{"sochi", PlaceCity},
		{"new york", PlaceCity},
		{"singapore", PlaceCountry}, // a country first, though its capital has its name
		{"moscow", PlaceCapital},    // the capital of two countries, listed once
	}
	for _, tt := range tests {
		if got, ok := Gazetteer[tt.name]; !ok || got != tt.want {
			t.Errorf("Gazetteer[%q] = %v (found %v), want %v", tt.name, got, ok, tt.want)
		}
	}
	for name := range Gazetteer {
		if name != strings.ToLower(name) {
			t.Errorf("Gazetteer key %q is not lower case: lookups would miss it", name)
		}
		if n := len(strings.Fields(name)); n > MaxGazWords {
			t.Errorf("Gazetteer name %q has %d words, more than MaxGazWords (%d): it could never be matched", name, n, MaxGazWords)
		}
	}
}

func TestSynonymGroupsHoldTwoPhrases(t *testing.T) {
	for i, g := range SynonymGroups {
		if len(g) < 2 {
			t.Errorf("synonym group %d %q has one phrase: it makes nothing match", i, g)
		}
	}
}
