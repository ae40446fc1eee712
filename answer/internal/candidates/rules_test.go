package candidates

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

func TestRulesAreNamedOnceAndDocumented(t *testing.T) {
	rs := Rules()
	if len(rs) == 0 || len(rs) > 64*len(RuleSet{}) {
		t.Fatalf("%d rules; a RuleSet holds %d", len(rs), 64*len(RuleSet{}))
	}
	name := regexp.MustCompile(`^[a-z]+(\.[a-z_]+)?$`)
	seen := map[string]bool{}
	for i, r := range rs {
		if !name.MatchString(r.Name) || r.Doc == "" {
			t.Errorf("rule %d: name %q, doc %q; want a name like date.said_before and a doc", i, r.Name, r.Doc)
		}
		if seen[r.Name] {
			t.Errorf("two rules are named %q", r.Name)
		}
		seen[r.Name] = true
		var s RuleSet
		s.add(r)
		if got := s.Names(); len(got) != 1 || got[0] != r.Name {
			t.Errorf("a set of %q names %v", r.Name, got)
		}
	}
}

// finderFor builds a finder over a corpus given as file name -> content.
func finderFor(t *testing.T, files map[string]string) (*Finder, *question.Vocabulary, *corpus.Corpus) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	c, _, err := corpus.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	voc := question.NewVocabulary(c)
	return NewFinder(c, voc), voc, c
}

// extractAll extracts a question's candidates from every passage.
func extractAll(f *Finder, voc *question.Vocabulary, c *corpus.Corpus, asked string) []Candidate {
	q := voc.Read(asked)
	var out []Candidate
	for _, d := range c.Docs {
		for i := range d.Passages {
			out = append(out, f.Extract(q, f.MatchPassage(q, &d.Passages[i]))...)
		}
	}
	return out
}

// TestEveryCandidateNamesItsGenerator asks a question of every kind of the
// embedded corpus: every candidate must say which generator made it.
func TestEveryCandidateNamesItsGenerator(t *testing.T) {
	c := corpus.Default()
	voc := question.NewVocabulary(c)
	f := NewFinder(c, voc)
	for _, asked := range []string{
		"When was the INF Treaty signed?", "Who criticized Washington?", "Who is the Kremlin spokesman?",
		"How many missiles were eliminated?", "Where was Peskov speaking?", "Why did Trump say the US would quit the treaty?",
		"How did Ryabkov describe the move?", "What does INF stand for?", "Is Russia ready to continue talks?",
		"Which missiles did the treaty outlaw?", "Which agency reported Peskov's remarks?", "What did Peskov say?",
		"Who is Dmitry Peskov?", "What will Russia do if the US leaves the treaty?",
	} {
		cs := extractAll(f, voc, c, asked)
		if len(cs) == 0 {
			t.Errorf("%q: no candidates", asked)
		}
		for _, cd := range cs {
			gens := 0
			for _, r := range Rules() {
				if r.Generator() && cd.Rules.Has(r) {
					gens++
				}
			}
			if gens != 1 {
				t.Errorf("%q: candidate %q was made by %d generators (rules %v), want 1", asked, cd.Text, gens, cd.Rules.Names())
			}
		}
	}
}

// TestRulesFire checks that a rule fires where its doc says, and only
// there.
func TestRulesFire(t *testing.T) {
	f, voc, c := finderFor(t, map[string]string{"a.md": `---
title: Harbor news
published: 2018-11-20
---

The Harbor Treaty was signed by Ronald Reagan in Washington.

Trump said on October 20 that the United States would quit the Harbor Treaty on December 4.
`})
	tests := []struct {
		asked, answer string
		fired, quiet  []string
	}{
		{"Who signed the Harbor Treaty?", "Ronald Reagan", []string{"entity", "entity.by_agent"}, []string{"entity.place_after_preposition"}},
		{"Who signed the Harbor Treaty?", "Washington", []string{"entity", "entity.place_after_preposition"}, []string{"entity.by_agent"}},
		{"When will the United States quit the Harbor Treaty?", "October 20", []string{"date", "date.said_before", "date.to_the_day"}, nil},
		{"When will the United States quit the Harbor Treaty?", "December 4", []string{"date", "date.to_the_day"}, []string{"date.said_before"}},
	}
	for _, tt := range tests {
		var got *Candidate
		for _, cd := range extractAll(f, voc, c, tt.asked) {
			if cd.Text == tt.answer || cd.Text == tt.answer+", 2018" {
				got = &cd
				break
			}
		}
		if got == nil {
			t.Errorf("%q: no candidate %q", tt.asked, tt.answer)
			continue
		}
		names := got.Rules.Names()
		for _, n := range tt.fired {
			if !slices.Contains(names, n) {
				t.Errorf("%q: candidate %q has rules %v, want %s among them", tt.asked, got.Text, names, n)
			}
		}
		for _, n := range tt.quiet {
			if slices.Contains(names, n) {
				t.Errorf("%q: candidate %q has rules %v, want no %s", tt.asked, got.Text, names, n)
			}
		}
	}
}

func TestTidyMendsSpans(t *testing.T) {
	tests := []struct {
		want             question.Want
		passage, span    string
		question, result string
	}{
		{question.WantDate, "The treaty was signed on December 8 in Washington.", "was signed on December 8", "when was it signed", "December 8"},
		{question.WantOrg, "It was drafted by the Arms Control Agency and others.", "Arms Control", "which body drafted it", "Arms Control Agency"},
		{question.WantCountry, "The Russian Foreign Ministry said so.", "Russian", "which country said so", "Russian"},
		{question.WantNumber, "The treaty was of unlimited duration.", "unlimited duration", "how long", "unlimited duration"},
		{question.WantEntity, "It is verified by the OPCW in The Hague.", "The Hague", "where is the OPCW", "The Hague"},
		{question.WantNounPhrase, "NATO calls it the SSC-8 (a cruise missile) in its papers.", "SSC-8 (a cruise", "which missile", "SSC-8 (a cruise missile)"},
		{question.WantClaim, "Peskov said: \"Who knows what will happen\" next.", "Who knows what will happen", "what did he say", "Who knows what will happen"},
	}
	for _, tt := range tests {
		p := &corpus.Passage{ID: "d#1", Text: tt.passage}
		s := Passage{P: p, Toks: text.Tokenize(tt.passage)}
		q := question.Question{Want: tt.want, Raw: tt.question}
		s.Matches = make([]Match, 0)
		start := strings.Index(tt.passage, tt.span)
		c := Candidate{P: p, Text: tt.span, SpanStart: start, SpanEnd: start + len(tt.span)}
		if got := tidy(q, s, c); got.Text != tt.result {
			t.Errorf("tidy(%q in %q) = %q, want %q", tt.span, tt.passage, got.Text, tt.result)
		}
	}
}
