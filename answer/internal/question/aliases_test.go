package question

import (
	"strings"
	"testing"

	"github.com/treatybot/treatybot/answer/internal/text"
)

func TestDefinedAcronyms(t *testing.T) {
	tests := []struct {
		text string
		want string // "expansion=ACR" joined by "|"
	}{
		{"It joined the Comprehensive Nuclear-Test-Ban Treaty (CTBT) in 1996.", "Comprehensive Nuclear-Test-Ban Treaty=CTBT"},
		{"The Organisation for the Prohibition of Chemical Weapons (OPCW) said so.", "Organisation for the Prohibition of Chemical Weapons=OPCW"},
		{"Talks resumed (AP) on Monday.", ""}, // not initials of the words before
		{"It met in the Eighteen-Nation Committee on Disarmament (ENDC) in Geneva.", "Eighteen-Nation Committee on Disarmament=ENDC"},
		{"The treaty (NPT) and the rest.", ""},           // one word is not a name
		{"Open Skies Consultative Commission (OSCC", ""}, // unclosed
	}
	for _, tt := range tests {
		var got []string
		for _, g := range definedAcronyms(text.Tokenize(tt.text)) {
			got = append(got, strings.Join(g, "="))
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("definedAcronyms(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestWithGroupsLeavesTheSharedLexiconAlone(t *testing.T) {
	shared := sharedSynonyms()
	before := len(shared.byKey["ctbt"])
	ext := shared.withGroups([][]string{{"Comprehensive Test Ban Treaty", "CTBT"}})
	if len(shared.byKey["ctbt"]) != before || len(ext.byKey["ctbt"]) != before+1 {
		t.Fatalf("ctbt groups: shared %d -> %d, extended %d", before, len(shared.byKey["ctbt"]), len(ext.byKey["ctbt"]))
	}
	g := ext.groups[ext.byKey["ctbt"][before]]
	if len(g) != 2 || g[0].Text != "Comprehensive Test Ban Treaty" {
		t.Errorf("learnt group = %+v", g)
	}
	// a corpus group is used for one word, not for a phrase of common words
	if got := ext.usable(ext.byKey["ctbt"], text.Tokenize("ctbt")); len(got) != before+1 {
		t.Errorf("usable for one word = %v", got)
	}
	key := strings.Join(phraseAlt("Comprehensive Test Ban Treaty").Norms, " ")
	if got := ext.usable(ext.byKey[key], text.Tokenize("comprehensive test ban treaty")); len(got) != 0 {
		t.Errorf("usable for a phrase = %v, want none", got)
	}
}
