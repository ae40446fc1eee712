package question

import (
	"testing"
	"testing/fstest"

	"github.com/treatybot/treatybot/corpus"
)

// namesCorpus is a small corpus that names the Open Skies Treaty and New
// START more than once, as real reports do.
func namesCorpus(t *testing.T) *corpus.Corpus {
	t.Helper()
	fsys := fstest.MapFS{
		"skies.md": {Data: []byte("---\nid: skies\ntitle: Russia quits Open Skies\npublished: 2021-12-18\n---\n" +
			"Russia formally left the Open Skies Treaty on Saturday.\n\n" +
			"The Open Skies Treaty allowed unarmed observation flights over its members' territory.\n\n" +
			"Moscow said New START would stay in force, and New START inspections would resume.\n\n" +
			"The skies over Europe were open to surveillance flights for nearly two decades.\n")},
		"nato.facts.yaml": {Data: []byte("subject: Conventional Armed Forces in Europe Treaty\naliases: [CFE Treaty]\n" +
			"facts:\n  - text: The Conventional Armed Forces in Europe Treaty was signed in Paris.\n    source: Arms Control Association\n")},
	}
	c, _, err := corpus.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNamesAreOneConcept(t *testing.T) {
	voc := NewVocabulary(namesCorpus(t))
	tests := []struct {
		q, name string
	}{
		{"When did Russia leave the Open Skies Treaty?", "Open Skies"},
		{"when did russia leave open skies", "open skies"},
		{"Is New START still in force?", "New START"},
		{"is new start still in force", "new start"},
		{"who signed the Conventional Armed Forces in Europe treaty", "Conventional Armed Forces in Europe"},
	}
	for _, tt := range tests {
		q := voc.Read(tt.q)
		var found *Concept
		for i := range q.Concepts {
			if q.Concepts[i].Text == tt.name {
				found = &q.Concepts[i]
			}
		}
		if found == nil {
			t.Errorf("Read(%q): no concept %q in %v", tt.q, tt.name, conceptTextsOf(q))
			continue
		}
		if !found.Name || len(found.Alts) != found.SynFrom || found.WnFrom != found.SynFrom {
			t.Errorf("Read(%q): %q should be a name with no synonyms or WordNet forms, got %+v", tt.q, tt.name, found.Alts)
		}
	}
}

func TestNameWordsAreNotCorrected(t *testing.T) {
	voc := NewVocabulary(namesCorpus(t))
	q := voc.Read("what did the open skies treaty allow")
	for _, c := range q.Concepts {
		if c.Corrected {
			t.Errorf("concept %q was spelling-corrected", c.Text)
		}
		for _, a := range c.Alts {
			if a.Text == "begin" || a.Text == "launch" || a.Text == "ski" {
				t.Errorf("concept %q expanded to %q", c.Text, a.Text)
			}
		}
	}
}

func TestNameKey(t *testing.T) {
	voc := NewVocabulary(namesCorpus(t))
	for key, want := range map[string]bool{
		"open ski":                  true, // learnt: recurs, "Treaty" left out
		"new start":                 true,
		"convent arm forc in europ": true, // the fact sheet's subject
		"russia formal":             false,
		"open ski treaty":           false,
	} {
		if voc.names.names[key] != want {
			t.Errorf("names[%q] = %v, want %v (names: %v)", key, !want, want, voc.names.names)
		}
	}
}

func conceptTextsOf(q Question) []string {
	var out []string
	for _, c := range q.Concepts {
		out = append(out, c.Text)
	}
	return out
}
