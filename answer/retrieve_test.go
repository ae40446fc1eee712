package answer

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestSearchQueryFullOnSmallCorpora checks that on a corpus as small as
// those of the question files, retrieval searches every form of every
// concept, as it always did: the compact query is for large corpora.
func TestSearchQueryFullOnSmallCorpora(t *testing.T) {
	e := defaultEngine(t)
	for _, file := range []string{"testdata/default.jsonl", "testdata/default-blind.jsonl"} {
		cases, err := readCaseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			q := e.voc.Read(c.Q)
			if got, want := e.searchQuery(q), e.fullQuery(q); !reflect.DeepEqual(got, want) {
				t.Errorf("%s:%d %q: got %+v, want the full expansion %+v", file, c.Line, c.Q, got.Should, want.Should)
			}
		}
	}
}

func clauseTexts(e *Engine, q string) []string {
	var out []string
	for _, c := range e.compactQuery(e.voc.Read(q)).Should {
		out = append(out, c.Text)
	}
	return out
}

func TestCompactQuery(t *testing.T) {
	e := defaultEngine(t)
	tests := []struct {
		q             string
		want, notWant []string
	}{
		// a light verb is not searched, nor its say-group
		{"What did Putin say about the INF Treaty?", []string{"Putin", "INF Treaty"}, []string{"say", "state", "announce", "told"}},
		// a say-group word is searched as written, without the group
		{"What did the States note about the treaty?", []string{"States", "note", "treaty"}, []string{"say", "announce", "declare", "told", "country"}},
		// at most three other forms per concept, the lexicon's first
		{"When did the INF accord take effect?", []string{"INF", "accord", "take effect", "agreement", "treaty", "enter into force", "entry into force", "come into force"},
			[]string{"pact", "deal", "go into effect", "in force"}},
		// a form two groups give ("endorse") is one clause
		{"Who backed and endorsed the decision?", []string{"backed", "endorsed", "decision", "support"}, nil},
	}
	for _, tt := range tests {
		got := clauseTexts(e, tt.q)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: clauses %q lack %q", tt.q, got, w)
			}
		}
		for _, w := range tt.notWant {
			if slices.Contains(got, w) {
				t.Errorf("%q: clauses %q hold %q", tt.q, got, w)
			}
		}
		seen := map[string]string{}
		for _, text := range got {
			var terms []string
			for _, tok := range e.ix.Analyze(text) {
				terms = append(terms, tok.Term)
			}
			key := strings.Join(terms, " ")
			if prev, ok := seen[key]; ok {
				t.Errorf("%q: %q and %q are one form, %q", tt.q, prev, text, key)
			}
			seen[key] = text
		}
	}
	// the other forms beyond the budget are searched among the passages of
	// the rarest word, "INF"
	q := e.voc.Read("When did the INF accord take effect?")
	if w, _ := e.rarestWord(q); w != "INF" {
		t.Fatalf("rarest word %q, want INF", w)
	}
	within := 0
	for _, c := range e.compactQuery(q).Should {
		switch {
		case c.Within == "":
		case c.Within != "INF" || c.Text == "INF" || c.Text == "accord" || c.Text == "take effect":
			t.Errorf("clause %+v: want the question's own forms plain, and other forms within INF", c)
		default:
			within++
		}
	}
	if within == 0 {
		t.Errorf("no other form of %q was searched within INF", q.Raw)
	}
}

// TestGeneratedQuestionsSearch checks, on a generated corpus large enough
// for the compact query, that every generated question finds passages and
// answer candidates, and that the compact query finds the sentence a
// question is about as often as the full expansion does (without the
// costly forms searched within the rarest word's passages, it found it for
// 35 of 37 questions).
func TestGeneratedQuestionsSearch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an engine over 20,000 passages")
	}
	e, qs := generatedEngine(t, 20_000)
	ctx := context.Background()
	compact, compactFound, fullFound, within := 0, 0, 0, 0
	for _, gq := range qs {
		q := e.voc.Read(gq.Q)
		pl, err := e.gather(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(pl.passages) == 0 || len(pl.cands) == 0 {
			t.Errorf("%q: %d passages and %d candidates, want some of each", gq.Q, len(pl.passages), len(pl.cands))
		}
		full := e.fullQuery(q)
		sq := e.searchQuery(q)
		if reflect.DeepEqual(sq, full) {
			continue
		}
		compact++
		for _, c := range sq.Should {
			if c.Within != "" {
				within++
				break
			}
		}
		if hits, err := e.ix.Search(ctx, sq); err == nil && retrieves(e, hits, gq.Sentence) {
			compactFound++
		}
		if hits, err := e.ix.Search(ctx, full); err == nil && retrieves(e, hits, gq.Sentence) {
			fullFound++
		}
	}
	// "according to the X Foundation, ..." is cheap since "according to"
	// is read as a speaker, not as "accord"; the rest are costly
	if compact < len(qs)/3 {
		t.Errorf("%d of %d questions got the compact query, want a good share", compact, len(qs))
	}
	if within == 0 {
		t.Errorf("no compact query searched a costly form within the rarest word's passages")
	}
	if compactFound < fullFound {
		t.Errorf("the compact query retrieved the sentence of %d questions, the full expansion of %d", compactFound, fullFound)
	}
	t.Logf("%d questions, %d compact; their sentence retrieved by the compact query %d times, by the full one %d", len(qs), compact, compactFound, fullFound)
}

func TestSameSpeaker(t *testing.T) {
	tests := []struct {
		who, speaker string
		want         bool
	}{
		{"US President Donald Trump", "trump", true},
		{"the Kremlin spokesman", "the Kremlin", true},
		{"NATO", "nato", true},
		{"NATO", "Washington", false},
		{"the United States", "the states", true},
		{"Moscow’s envoy", "Moscow", true},
		{"", "NATO", false},
	}
	for _, tt := range tests {
		if got := sameSpeaker(tt.who, tt.speaker); got != tt.want {
			t.Errorf("sameSpeaker(%q, %q) = %v, want %v", tt.who, tt.speaker, got, tt.want)
		}
	}
}
