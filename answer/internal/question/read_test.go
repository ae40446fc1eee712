package question

import (
	"sync"
	"testing"

	"github.com/treatybot/treatybot/corpus"
)

func TestAnalyze(t *testing.T) {
	voc := defaultVocabulary()
	tests := []struct {
		q    string
		want Want
		verb string // the concept read as the main verb, "" for none
	}{
		{"When was the INF Treaty signed?", WantDate, "signed"},
		{"when did the inf treaty take effect", WantDate, "take effect"},
		{"Who criticized Washington?", WantEntity, "criticized"},
		{"Who is the Kremlin spokesman?", WantPerson, ""},
		{"Who is Dmitry Peskov?", WantRole, ""},
		{"Where was Peskov speaking?", WantPlace, "speaking"},
		{"How many missiles were eliminated?", WantNumber, "eliminated"},
		{"What range did the treaty set for shorter-range missiles?", WantNumber, ""},
		{"Why did Trump say the US would quit the treaty?", WantReason, "quit"},
		{"How did Ryabkov describe the move?", WantDescription, "describe"},
		{"What is Sergey Ryabkov's position?", WantRole, ""},
		{"What does INF stand for?", WantExpansion, ""},
		{"Is Russia ready to continue talks?", WantYesNo, "continue"},
		{"Which missiles did the treaty outlaw?", WantNounPhrase, "outlaw"},
		{"Which agency reported Peskov's remarks?", WantSource, ""},
		{"Which country came out in support of the United States?", WantCountry, ""},
		{"hey bot, in which year was the treaty signed", WantDate, "signed"},
		{"what's the full name of the INF Treaty", WantExpansion, ""},
		{"whats the range of the missiles", WantNumber, ""},
		{"how did Peskov describe the test ban", WantDescription, "describe"},
		{"What was the radius of each deployment area?", WantNumber, ""},
		{"what's the full official name of the treaty", WantExpansion, ""},
		{"Name some countries that criticized Washington", WantCountry, "criticized"},
		{"What is Israel's nuclear policy called?", WantDescription, ""},
		{"What nationality is Dmitry Peskov?", WantCountry, ""},
		{"Which agency monitors the treaty?", WantOrg, ""},
		{"When was the treaty signed?", WantDate, "signed"},
		{"Who took the text to the General Assembly?", WantEntity, "took"},
		{"what is the INF treaty?", WantDefinition, ""},
		{"What's the INF Treaty", WantDefinition, ""},
		{"what is an intermediate-range missile", WantDefinition, ""},
		{"tell me about the INF Treaty", WantDefinition, ""},
		{"hey bot, can you explain the inf treaty", WantDefinition, ""},
		{"explain why the US left the treaty", WantReason, "left"},
		{"what is the range of the missiles", WantNumber, ""},
		{"what is the deadline for eliminating the missiles", WantDate, ""},
	}
	for _, tt := range tests {
		q := voc.Read(tt.q)
		if q.Want != tt.want {
			t.Errorf("Read(%q).want = %s, want %s", tt.q, q.Want, tt.want)
		}
		if tt.verb != "" {
			got := ""
			if q.Verb >= 0 {
				got = q.Concepts[q.Verb].Text
			}
			if got != tt.verb {
				t.Errorf("Read(%q) verb = %q, want %q", tt.q, got, tt.verb)
			}
		}
	}
}

func TestSpellCorrects(t *testing.T) {
	voc := defaultVocabulary()
	tests := []struct{ in, want string }{
		{"sgined", "signed"},
		{"treety", "treaty"},
		{"gorbachov", "gorbachev"},
		{"peskow", "peskov"},
		{"sgin", "sign"},
	}
	for _, tt := range tests {
		got, ok := voc.correct(tt.in)
		if !ok || got != tt.want {
			t.Errorf("correct(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, w := range []string{"signed", "the", "skies", "fifa", "pull", "tenn"} {
		if got, ok := voc.correct(w); ok {
			t.Errorf("correct(%q) = %q, want no correction", w, got)
		}
	}
}

// defaultVocabulary is the vocabulary of the embedded corpus, built once
// for all tests.
var defaultVocabulary = sync.OnceValue(func() *Vocabulary { return NewVocabulary(corpus.Default()) })

func TestSplitSpeaker(t *testing.T) {
	tests := []struct{ in, rest, speaker string }{
		{"according to NATO, who violated the treaty?", "who violated the treaty?", "NATO"},
		{"who broke the open skies treaty, according to washington", "who broke the open skies treaty", "washington"},
		{"In Moscow's view, who is to blame?", "who is to blame?", "Moscow"},
		{"in the view of the Kremlin, what comes next", "what comes next", "the Kremlin"},
		{"When was the treaty signed?", "When was the treaty signed?", ""},
	}
	for _, tt := range tests {
		rest, speaker := splitSpeaker(tt.in)
		if rest != tt.rest || speaker != tt.speaker {
			t.Errorf("splitSpeaker(%q) = %q, %q; want %q, %q", tt.in, rest, speaker, tt.rest, tt.speaker)
		}
	}
}
