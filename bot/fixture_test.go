package bot

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/treatybot/treatybot/corpus"
)

// fakeAnswerer answers from a function; its corpus is fixed.
type fakeAnswerer struct {
	ask func(ctx context.Context, q string) (corpus.Answer, error)
	c   *corpus.Corpus
}

func (f *fakeAnswerer) Ask(ctx context.Context, q string) (corpus.Answer, error) {
	return f.ask(ctx, q)
}
func (f *fakeAnswerer) Corpus() *corpus.Corpus { return f.c }

// testCorpus is a small corpus: one article and one fact sheet.
func testCorpus(t testing.TB) *corpus.Corpus {
	t.Helper()
	art := &corpus.Document{ID: "inf-signed", Kind: corpus.Article, Title: "Reagan and Gorbachev sign the INF Treaty",
		Source: "Example Wire", URL: "https://example.org/inf", Published: corpus.Date{Year: 1987, Month: 12, Day: 8}}
	s1 := "Reagan and Gorbachev signed the INF Treaty on December 8, 1987, in Washington."
	s2 := "On October 20, 2018, Trump said the United States would leave the treaty."
	art.Text = s1 + " " + s2
	art.Passages = []corpus.Passage{
		{ID: "inf-signed#1", DocID: "inf-signed", Kind: corpus.Sentence, Text: s1, Source: "Example Wire", URL: "https://example.org/inf",
			Dates: []corpus.DateMention{{Start: 46, End: 62, Text: "December 8, 1987", Date: corpus.Date{Year: 1987, Month: 12, Day: 8}}}},
		{ID: "inf-signed#2", DocID: "inf-signed", Kind: corpus.Sentence, Text: s2, Source: "Example Wire", URL: "https://example.org/inf",
			Dates: []corpus.DateMention{{Start: 3, End: 19, Text: "October 20, 2018", Date: corpus.Date{Year: 2018, Month: 10, Day: 20}}}},
	}
	sheet := &corpus.Document{ID: "inf", Kind: corpus.FactSheet, Title: "INF Treaty", Aliases: []string{"Intermediate-Range Nuclear Forces Treaty"}}
	sheet.Passages = []corpus.Passage{
		{ID: "inf#1", DocID: "inf", Kind: corpus.FactPassage, Text: "The INF Treaty was signed on December 8, 1987.", Source: "Arms Control Association", URL: "https://example.org/aca", Date: corpus.Date{Year: 1987, Month: 12, Day: 8}},
		{ID: "inf#2", DocID: "inf", Kind: corpus.FactPassage, Text: "The treaty eliminated ground-launched missiles with ranges of 500 to 5,500 kilometers.", Source: "State Department", URL: "https://example.org/state"},
		{ID: "inf#3", DocID: "inf", Kind: corpus.FactPassage, Text: "The United States withdrew from the treaty on August 2, 2019.", Source: "State Department", URL: "https://example.org/state", Date: corpus.Date{Year: 2019, Month: 8, Day: 2}},
	}
	for i := range sheet.Passages { // as the loader does
		sheet.Passages[i].Dates = corpus.FindDates(sheet.Passages[i].Text, sheet.Passages[i].Date)
	}
	c, err := corpus.New([]*corpus.Document{art, sheet}, "v1")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// infAnswer is the answer to "When was the INF treaty signed?".
func infAnswer(q string) corpus.Answer {
	s1 := "Reagan and Gorbachev signed the INF Treaty on December 8, 1987, in Washington."
	return corpus.Answer{Question: q, Found: true, Answer: "December 8, 1987", Kind: "date",
		Citations: []corpus.Citation{{ID: "inf-signed", Title: "Reagan and Gorbachev sign the INF Treaty", Source: "Example Wire",
			URL: "https://example.org/inf", Published: "1987-12-08", Snippet: s1, PassageID: "inf-signed#1", Highlight: []int{46, 62}}},
		More: []corpus.Citation{{ID: "inf", Title: "INF Treaty", Source: "Arms Control Association", URL: "https://example.org/aca",
			Snippet: "The INF Treaty was signed on December 8, 1987.", PassageID: "inf#1", Highlight: []int{29, 45}}},
	}
}

// answerByQuestion answers questions about the INF treaty and nothing else.
func answerByQuestion(_ context.Context, q string) (corpus.Answer, error) {
	if strings.Contains(strings.ToLower(q), "inf") {
		return infAnswer(q), nil
	}
	return corpus.Answer{Question: q}, nil
}

func newTestBot(t testing.TB, ans Answerer, mod Moderation, now func() time.Time) *Bot {
	t.Helper()
	b, err := New(Config{Token: "test-token", Now: now, ModeratorRoleIDs: []string{"888"}}, ans, mod)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func loadInteraction(t testing.TB, name string) *discordgo.Interaction {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(data, &i); err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return &i
}

func loadMessage(t testing.TB, name string) *discordgo.Message {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var m discordgo.Message
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return &m
}

// text is everything a reader sees in r, for assertions.
func text(r Reply) string {
	var b strings.Builder
	b.WriteString(r.Content + "\n")
	for _, e := range r.Embeds {
		b.WriteString(e.Title + "\n" + e.URL + "\n" + e.Description + "\n")
		for _, f := range e.Fields {
			b.WriteString(f.Name + "\n" + f.Value + "\n")
		}
		if e.Footer != nil {
			b.WriteString(e.Footer.Text + "\n")
		}
	}
	for _, btn := range r.Buttons {
		b.WriteString("[button " + btn.Label + " " + btn.CustomID + "]\n")
	}
	return b.String()
}
