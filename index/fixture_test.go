package index

import (
	"testing"

	"github.com/treatybot/treatybot/corpus"
)

// fixtureDocs is a small hand-made corpus: one article and one fact sheet,
// so the tests do not depend on the corpus loader.
func fixtureDocs() []*corpus.Document {
	article := &corpus.Document{
		ID:        "news/sochi",
		Kind:      corpus.Article,
		Path:      "news/sochi.md",
		Title:     "Putin comments on the treaty pullout",
		Source:    "Example Wire",
		Published: corpus.Date{Year: 2018, Month: 11, Day: 20},
	}
	sentences := []string{
		"Leaders were signing the accord in Washington after long talks.",
		"The president said the treaty was violated by the other side.",
		"Missiles with ranges of 500 to 5,500 kilometers were banned.",
		"Critics placed the responsibility on Moscow for the collapse.",
	}
	for i, s := range sentences {
		article.Passages = append(article.Passages, corpus.Passage{
			ID: article.ID + "#" + itoa(i+1), DocID: article.ID, Kind: corpus.Sentence,
			Text: s, Paragraph: i, Source: article.Source,
		})
	}
	article.Passages[0].Dates = []corpus.DateMention{{Text: "on Tuesday", Date: corpus.Date{Year: 2018, Month: 11, Day: 20}, Relative: true}}

	sheet := &corpus.Document{
		ID:      "inf",
		Kind:    corpus.FactSheet,
		Path:    "inf.facts.yaml",
		Title:   "INF Treaty",
		Aliases: []string{"Intermediate-Range Nuclear Forces Treaty"},
	}
	facts := []struct {
		text string
		date corpus.Date
	}{
		{"The INF Treaty was signed on December 8, 1987, in Washington, D.C.", corpus.Date{Year: 1987, Month: 12, Day: 8}},
		{"The treaty entered into force on June 1, 1988.", corpus.Date{Year: 1988, Month: 6, Day: 1}},
		{"The United States withdrew from the treaty on August 2, 2019.", corpus.Date{Year: 2019, Month: 8, Day: 2}},
	}
	for i, f := range facts {
		sheet.Passages = append(sheet.Passages, corpus.Passage{
			ID: sheet.ID + "#" + itoa(i+1), DocID: sheet.ID, Kind: corpus.FactPassage,
			Text: f.text, Paragraph: i, Source: "U.S. Department of State", Date: f.date,
		})
	}
	return []*corpus.Document{article, sheet}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// fixtureCorpus returns the fixture corpus under the given version.
func fixtureCorpus(t testing.TB, version string) *corpus.Corpus {
	t.Helper()
	c, err := corpus.New(fixtureDocs(), version)
	if err != nil {
		t.Fatalf("corpus.New: %v", err)
	}
	return c
}
