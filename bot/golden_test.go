package bot

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/questions"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites the file with
// -update. The golden files are the replies as a member reads them, so a
// change to a reply shows in review as a diff of its text.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot -run %s -update to create it)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("%s differs from the reply; if the change is meant, run go test ./bot -run %s -update and review the diff.\ngot:\n%s", path, t.Name(), got)
	}
}

// render writes a reply the way Discord lays it out, for golden files: who
// sees it, each embed's title (with its link), description, fields and
// footer, and the buttons with their custom ids. It also fails the test if
// the reply breaks one of Discord's limits or if fit had to cut it: the
// composers must fit by themselves.
func render(t *testing.T, r Reply) string {
	t.Helper()
	checkLimits(t, r)
	if a, b := text(r), text(fit(r)); a != b {
		t.Errorf("fit changed the reply: the composer went over a limit\nbefore:\n%s\nafter:\n%s", a, b)
	}
	var b strings.Builder
	if r.Ephemeral {
		b.WriteString("(only you can see this)\n")
	}
	if r.Content != "" {
		b.WriteString(r.Content + "\n")
	}
	for _, e := range r.Embeds {
		b.WriteString("┌ " + e.Title)
		if e.URL != "" {
			b.WriteString(" <" + e.URL + ">")
		}
		b.WriteString("\n")
		if e.Description != "" {
			b.WriteString(e.Description + "\n")
		}
		for _, f := range e.Fields {
			b.WriteString("├ " + f.Name + "\n" + f.Value + "\n")
		}
		if e.Footer != nil {
			b.WriteString("└ " + e.Footer.Text + "\n")
		}
	}
	for _, btn := range r.Buttons {
		b.WriteString("[")
		if btn.Emoji != nil {
			b.WriteString(btn.Emoji.Name + " ")
		}
		b.WriteString(btn.Label)
		if btn.Disabled {
			b.WriteString(", disabled")
		}
		id := btn.CustomID
		if strings.HasPrefix(id, morePrefix) {
			id = morePrefix + "<random key>" // a fresh key each time
		}
		b.WriteString("] " + id + "\n")
	}
	return b.String()
}

// renderPages renders every page of a paged list, following its Next
// buttons the way a member would.
func renderPages(t *testing.T, compose func(page int) Reply) string {
	t.Helper()
	var b strings.Builder
	for page := 1; page <= 100; page++ {
		r := compose(page)
		if page > 1 {
			b.WriteString("\n──── page " + strconv.Itoa(page) + " ────\n")
		}
		b.WriteString(render(t, r))
		if len(r.Buttons) != 2 || r.Buttons[1].Disabled {
			return b.String()
		}
		_, next, _, ok := parsePageID(r.Buttons[1].CustomID)
		if !ok || next != page+1 {
			t.Fatalf("page %d: Next button %q does not lead to page %d", page, r.Buttons[1].CustomID, page+1)
		}
	}
	t.Fatal("more than 100 pages")
	return ""
}

func renderChoices(cs []*discordgo.ApplicationCommandOptionChoice) string {
	var b strings.Builder
	for _, c := range fitChoices(cs) {
		b.WriteString(c.Name + " → " + c.Value.(string) + "\n")
	}
	return b.String()
}

// goldenCorpus is one corpus the golden replies are drawn from, with the
// arguments that show its features.
type goldenCorpus struct {
	name        string
	c           *corpus.Corpus
	rangeFrom   string
	rangeTo     string
	subject     string // an alias of a fact sheet's subject
	word        string // a word some facts use
	typed       string // typed into /facts topic
	typedRemove string // typed into /corpus remove id
}

func goldenCorpora(t *testing.T) []goldenCorpus {
	own, warns, err := corpus.LoadDir(filepath.Join("testdata", "corpus"))
	if err != nil || len(warns) > 0 {
		t.Fatalf("load testdata/corpus: %v %v", err, warns)
	}
	return []goldenCorpus{
		{name: "default", c: corpus.Default(), rangeFrom: "1987", rangeTo: "1988", subject: "INF", word: "withdraw", typed: "in", typedRemove: "kremlin"},
		{name: "zephyr", c: own, rangeFrom: "2022", rangeTo: "2024-03", subject: "Accord on Undersea Drones", word: "Norway", typed: "acc", typedRemove: "oslo"},
	}
}

// TestGoldenReplies renders the lookup commands' replies on the default
// corpus and on testdata/corpus, whose fact sheet is the largest in the
// tests (120 facts), into testdata/golden.
func TestGoldenReplies(t *testing.T) {
	ids := map[string]string{cmdAsk: "9000", cmdFacts: "9001", cmdTimeline: "9002", cmdSources: "9003", cmdHelp: "9004", cmdCorpus: "9005"}
	for _, g := range goldenCorpora(t) {
		c := g.c
		t.Run(g.name, func(t *testing.T) {
			golden(t, g.name+"/timeline.txt", renderPages(t, func(p int) Reply { return composeTimeline(c, "", "", p) }))
			golden(t, g.name+"/timeline-range.txt", renderPages(t, func(p int) Reply { return composeTimeline(c, g.rangeFrom, g.rangeTo, p) }))
			golden(t, g.name+"/facts.txt", renderPages(t, func(p int) Reply { return composeFacts(c, "", p) }))
			golden(t, g.name+"/facts-subject.txt", renderPages(t, func(p int) Reply { return composeFacts(c, g.subject, p) }))
			golden(t, g.name+"/facts-word.txt", renderPages(t, func(p int) Reply { return composeFacts(c, g.word, p) }))
			golden(t, g.name+"/sources.txt", renderPages(t, func(p int) Reply { return composeSources(c, p) }))
			golden(t, g.name+"/facts-autocomplete.txt", "typed: \"\"\n"+renderChoices(factChoices(c, ""))+"\ntyped: \""+g.typed+"\"\n"+renderChoices(factChoices(c, g.typed)))
			b := newTestBot(t, &fakeAnswerer{ask: answerByQuestion, c: c}, &fakeModeration{ids: docIDs(c)}, nil)
			i := loadInteraction(t, "corpus_remove_autocomplete.json")
			golden(t, g.name+"/corpus-remove-autocomplete.txt", "typed: \"\"\n"+renderChoices(b.idChoices(i, ""))+"\ntyped: \""+g.typedRemove+"\"\n"+renderChoices(b.idChoices(i, g.typedRemove)))
		})
	}
	// "More sources" quotes the TASS sentence with "(INF)": no backslash
	// may show before a parenthesis.
	c := corpus.Default()
	var cits []corpus.Citation
	for _, d := range c.Docs {
		for i := range d.Passages {
			if strings.Contains(d.Passages[i].Text, "(INF)") || strings.Contains(d.Passages[i].Text, "[of the United States]") {
				cits = append(cits, c.Cite(&d.Passages[i]))
			}
		}
	}
	more := render(t, composeMore("", cits))
	if strings.Contains(more, `\(`) || strings.Contains(more, `\[`) {
		t.Errorf("More sources shows an escape Discord renders as text:\n%s", more)
	}
	golden(t, "default/more-sources.txt", more)
	// an answer the engine is not sure of: the closest passages, each with
	// its likeliest span underlined, and no bold answer
	unsure := corpus.Answer{Question: "how many missiles were destroyed", Citations: cits, Confidence: 0.41}
	unsure.Citations[0].Highlight = []int{0, 6}
	card := render(t, composeAnswer(unsure, "", 7, false))
	if !strings.Contains(card, "No sure answer") || strings.Contains(card, "**") || !strings.Contains(card, "__") {
		t.Errorf("the card for an unsure answer does not say so, bolds a span, or underlines none:\n%s", card)
	}
	golden(t, "default/unsure.txt", card)
	// a disputed answer lists each value with its source; an attributed one
	// says whose claim it is before the quote
	var fact, tass, nato corpus.Citation
	for _, d := range c.Docs {
		for i := range d.Passages {
			switch p := &d.Passages[i]; {
			case strings.Contains(p.Text, "1,000–5,500"):
				fact = c.Cite(p)
			case strings.Contains(p.Text, "1,000-5,000"):
				tass = c.Cite(p)
			case strings.Contains(p.Text, "NATO placed"):
				nato = c.Cite(p)
			}
		}
	}
	disputed := corpus.Answer{Question: "what range did the INF Treaty cover", Found: true, Answer: "1,000–5,500 kilometers", Citations: []corpus.Citation{fact},
		Disputed: true, Alternatives: []corpus.Alternative{{Answer: "1,000-5,000 kilometers", Confidence: 0.4, Citations: []corpus.Citation{tass}}}}
	card = render(t, composeAnswer(disputed, "", 0, false))
	if !strings.Contains(card, "Sources differ:") || !strings.Contains(card, "(Arms Control Association)") || !strings.Contains(card, "(TASS)") {
		t.Errorf("the card for a disputed answer does not list both values with their sources:\n%s", card)
	}
	golden(t, "default/disputed.txt", card)
	claim := corpus.Answer{Question: "according to NATO, who violated the treaty?", Found: true, Answer: "Moscow", Citations: []corpus.Citation{nato}, AttributedTo: "NATO"}
	card = render(t, composeAnswer(claim, "", 0, false))
	if i, j := strings.Index(card, "claim by NATO"), strings.Index(card, "> "); i < 0 || j < 0 || i > j {
		t.Errorf("the card for an attributed answer does not say whose claim it is before the quote:\n%s", card)
	}
	golden(t, "default/attributed.txt", card)
	golden(t, "help.txt", render(t, composeHelp(ids, true, true))+"\n──── before the command ids are known, without /corpus ────\n"+render(t, composeHelp(nil, false, true)))
}

func docIDs(c *corpus.Corpus) []string {
	var ids []string
	for _, d := range c.Docs {
		ids = append(ids, d.ID)
	}
	return ids
}

// TestGoldenFeedback renders the replies of issue 12 as a member or a
// moderator reads them: the card with its vote buttons, the
// acknowledgements, the comment form, the slow-down, /corpus gaps and
// feedback, a change report and a refused file.
func TestGoldenFeedback(t *testing.T) {
	at := time.Unix(1_700_000_000, 0)
	ql := &fakeLog{
		gaps: []questions.Gap{
			{Example: "When was the Zephyr Accord signed?", Asked: 4, Unanswered: 4, LastAsked: at, CorpusVersion: "v0"},
			{Example: "Who criticized Washington?", Asked: 2, Downvoted: 1, LowConfidence: 1, LastAnswer: "Moscow", LastAsked: at, CorpusVersion: "v1"},
		},
		downvotes: []questions.Downvote{{At: at, Question: "Who criticized Washington?", Answer: "Moscow", Passages: []string{"inf-signed#2"}, Comment: "Berlin and Beijing did"}},
	}
	clock := &fixedClock{t: at}
	b, err := New(Config{Token: "t", Now: clock.now, Questions: ql, ModeratorRoleIDs: []string{"888"}},
		&fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, &fakeModeration{})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	section := func(name string, r Reply) {
		out.WriteString("──── " + name + " ────\n" + render(t, r) + "\n")
	}
	card, _ := run(t, b, loadInteraction(t, "ask.json"))
	section("/ask card", card)
	msg := &discordgo.Message{ID: "800"}
	up, _ := run(t, b, click(t, "fb:up:101", "1001", msg))
	section("👍", up)
	down, _ := run(t, b, click(t, "fb:down:101", "1001", msg))
	section("👎", down)
	modal := b.route(click(t, "fbc:101", "1001", msg)).modal
	ti := modal.Components[0].(discordgo.ActionsRow).Components[0].(discordgo.TextInput)
	out.WriteString("──── the form ────\n┌ " + modal.Title + "\n" + ti.Label + " [" + ti.Placeholder + "]\n\n")
	thanks, _ := run(t, b, modalSubmit(t, "fbm:101", "1001", "It was Washington."))
	section("form sent", thanks)
	section("slow-down", composeSlowDown(at.Add(9*time.Second), at))
	gaps, _ := run(t, b, corpusSub(t, "gaps"))
	section("/corpus gaps", gaps)
	fb, _ := run(t, b, corpusSub(t, "feedback"))
	section("/corpus feedback", fb)
	section("/corpus add report", composeReport(ChangeReport{Action: "add", Added: []string{"zephyr-accord"}, PassagesBefore: 33, PassagesAfter: 35,
		Took: 120 * time.Millisecond, Version: "0123456789abcdef"}, "mod (300000000000000004)"))
	section("/corpus status", composeStatus(CorpusStatus{Documents: 1, FactSheets: 1, Facts: 17, Passages: 33, Version: "0123456789abcdef",
		RefreshedAt: at, RefreshedBy: "mod (300000000000000004)"}))
	i := loadInteraction(t, "corpus_add.json")
	i.ApplicationCommandData().Resolved.Attachments["321"].Filename = "../evil.md"
	refused, _ := run(t, b, i)
	section("/corpus add ../evil.md", refused)
	golden(t, "feedback.txt", out.String())
}
