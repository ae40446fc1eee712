package bot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/internal/fakediscord"
)

// click is a button click on a message, by user, as Discord sends it.
func click(t *testing.T, customID, user string, msg *discordgo.Message) *discordgo.Interaction {
	t.Helper()
	i := loadInteraction(t, "more_button.json")
	i.Member.User.ID = user
	i.Message = msg
	i.Data = discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent}
	return i
}

// TestPageButtons turns the pages of /facts, /timeline and /sources. The
// buttons work on a bot that never saw the list (as after a restart): the
// custom id carries all it needs. The member who ran the command turns the
// page in place; anyone else gets the page privately.
func TestPageButtons(t *testing.T) {
	c := goldenCorpora(t)[1].c
	b := newTestBot(t, &fakeAnswerer{ask: answerByQuestion, c: c}, nil, nil)
	first := composeFacts(c, "", 1)
	if len(first.Buttons) != 2 || !first.Buttons[0].Disabled || first.Buttons[1].Disabled {
		t.Fatalf("first page buttons = %+v, want Previous disabled and Next enabled", first.Buttons)
	}
	public := &discordgo.Message{ID: "800", InteractionMetadata: &discordgo.MessageInteractionMetadata{User: &discordgo.User{ID: "1001"}}}
	tests := []struct {
		name, id, user string
		msg            *discordgo.Message
		update         bool // the message itself changes (type 7)
		want           string
	}{
		{"invoker turns the page", first.Buttons[1].CustomID, "1001", public, true, "Page 2 of 12"},
		{"another member gets it privately", first.Buttons[1].CustomID, "2002", public, false, "Page 2 of 12"},
		{"ephemeral message turns in place", first.Buttons[1].CustomID, "2002", &discordgo.Message{ID: "801", Flags: discordgo.MessageFlagsEphemeral}, true, "Page 2 of 12"},
		{"deprecated interaction field", "facts:3:", "1001", &discordgo.Message{ID: "802", Interaction: &discordgo.MessageInteraction{User: &discordgo.User{ID: "1001"}}}, true, "Page 3 of 12"},
		{"a page past the end shows the last", "facts:999:ZA", "1001", public, true, "Page 11 of 11"},
		{"timeline", "tl:2:2022:", "1001", public, true, "Page 2 of"},
		{"sources", "src:1:", "1001", public, true, "4 sources: 2 articles, 2 fact sheets; 122 facts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			act := b.route(click(t, tt.id, tt.user, tt.msg))
			r := act.update
			if !tt.update {
				r = act.reply
			}
			if r == nil {
				t.Fatalf("action = %+v, want update=%v", act, tt.update)
			}
			if !tt.update && !r.Ephemeral {
				t.Errorf("page for another member is public; want it ephemeral")
			}
			checkLimits(t, *r)
			if got := text(*r); !strings.Contains(got, tt.want) {
				t.Errorf("page lacks %q:\n%s", tt.want, got)
			}
		})
	}
	for _, bad := range []string{"facts:x:", "facts:-1:", "nope:1:", "facts", "tl:2"} {
		act := b.route(click(t, bad, "1001", public))
		if act.reply == nil || !act.reply.Ephemeral || act.update != nil {
			t.Errorf("custom id %q: %+v, want an ephemeral refusal", bad, act)
		}
	}
}

// TestFactsPrivate: /facts private:true answers ephemerally.
func TestFactsPrivate(t *testing.T) {
	b := newTestBot(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, nil, nil)
	i := loadInteraction(t, "facts.json")
	r, _ := run(t, b, i)
	if r.Ephemeral {
		t.Errorf("/facts without private is ephemeral")
	}
	data := i.Data.(discordgo.ApplicationCommandInteractionData)
	data.Options = append(data.Options, &discordgo.ApplicationCommandInteractionDataOption{Name: "private", Type: discordgo.ApplicationCommandOptionBoolean, Value: true})
	i.Data = data
	if r, _ = run(t, b, i); !r.Ephemeral || !strings.Contains(text(r), "Treaty facts") {
		t.Errorf("/facts private:true = ephemeral %v %q, want the facts, ephemeral", r.Ephemeral, text(r))
	}
}

// TestPaginate: every screen keeps to its budget and nothing is lost.
func TestPaginate(t *testing.T) {
	var lines []string
	for i := range 40 {
		lines = append(lines, strings.Repeat("x", 100+37*i))
	}
	lines = append(lines, strings.Repeat("y", 5000)) // longer than a screen: cut
	pages := paginate(lines)
	n := 0
	for k, p := range pages {
		sum := 0
		for _, l := range p {
			sum += runes(l) + 1
		}
		if len(p) == 0 || len(p) > pageLines || (sum > pageBudget+1 && len(p) > 1) || runes(p[0]) > pageBudget {
			t.Errorf("page %d: %d lines, %d runes; want 1 to %d lines within %d", k+1, len(p), sum, pageLines, pageBudget)
		}
		n += len(p)
	}
	if n != len(lines) {
		t.Errorf("%d lines on the pages, want %d", n, len(lines))
	}
}

func TestEventText(t *testing.T) {
	tests := []struct {
		text string
		date corpus.Date
		want string
	}{
		{"The INF Treaty was signed on December 8, 1987 and took effect on June 1, 1988.", corpus.Date{Year: 1987, Month: 12, Day: 8}, "The INF Treaty was signed."},
		{"The INF Treaty was signed on December 8, 1987 and took effect on June 1, 1988.", corpus.Date{Year: 1988, Month: 6, Day: 1}, "The INF Treaty … took effect."},
		{"On October 20, 2018, the president said the country would quit.", corpus.Date{Year: 2018, Month: 10, Day: 20}, "The president said the country would quit."},
		{"It was signed on May 27, 1988, by a vote of 93 to 5.", corpus.Date{Year: 1988, Month: 5, Day: 27}, "It was signed by a vote of 93 to 5."},
		{"It was signed on May 27, 1988, ratified in 1990.", corpus.Date{Year: 1988, Month: 5, Day: 27}, "It was signed on May 27, 1988, ratified in 1990."}, // the comma may be a list's: keep the date
		{"Inspections continued until May 31, 2001.", corpus.Date{Year: 2001, Month: 5, Day: 31}, "Inspections continued until May 31, 2001."},
		{"Talks began on May 14, 2022, while a draft was tabled on November 3, 2022.", corpus.Date{Year: 2022, Month: 11, Day: 3}, "A draft was tabled."},
	}
	for _, tt := range tests {
		p := &corpus.Passage{ID: "d#1", DocID: "d", Kind: corpus.FactPassage, Text: tt.text, Date: tt.date, Dates: corpus.FindDates(tt.text, corpus.Date{})}
		got := eventText(corpus.Event{Date: tt.date, Passage: p, Doc: &corpus.Document{ID: "d", Kind: corpus.FactSheet}, Text: tt.text})
		if got != tt.want {
			t.Errorf("eventText(%q, %s) = %q, want %q", tt.text, tt.date, got, tt.want)
		}
	}
}

// TestTimelineMerges: on the default corpus, the signing and the entry into
// force are one line each, crediting the fact sheet and TASS by publisher,
// and no sentence appears under a date it does not give.
func TestTimelineMerges(t *testing.T) {
	r := composeTimeline(corpus.Default(), "1987", "1988", 1)
	got := r.Embeds[0].Description
	lines := strings.Split(got, "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3 events:\n%s", len(lines), got)
	}
	for _, w := range []string{"**1987-12-08** — The INF Treaty was signed in Washington", "**1988-06-01** — The INF Treaty entered into force. ([Federation of American Scientists](https://nuke.fas.org/control/inf) · [TASS, 2018-11-20](https://tass.com/politics/1031642))"} {
		if !strings.Contains(got, w) {
			t.Errorf("timeline lacks %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "Kremlin:") || strings.Contains(got, "December 8, 1987") {
		t.Errorf("timeline credits the headline or repeats the date:\n%s", got)
	}
	if !agree(eventWords("The INF Treaty entered into force."), eventWords("The INF Treaty … took effect.")) {
		t.Error(`"entered into force" and "took effect" do not agree`)
	}
	if agree(eventWords("The INF Treaty suspended its obligations under the treaty."), eventWords("The INF Treaty inspectors visited Votkinsk.")) {
		t.Error("two different events on one treaty agree")
	}
}

// TestCommandMentions: /help and the mention help use clickable command
// mentions once the ids are known.
func TestCommandMentions(t *testing.T) {
	b := newTestBot(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, nil, nil)
	b.setCommandIDs([]*discordgo.ApplicationCommand{{ID: "11", Name: "ask", Type: discordgo.ChatApplicationCommand}, {ID: "12", Name: "help"}, {ID: "13", Name: "facts"}})
	r, _ := run(t, b, loadInteraction(t, "help.json"))
	got := text(r)
	for _, w := range []string{"</ask:11>", "</help:12>", "</facts:13>", "`/timeline`"} {
		if !strings.Contains(got, w) {
			t.Errorf("help lacks %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "**/") {
		t.Errorf("help still names commands in bold:\n%s", got)
	}
	if h := mentionHelp(b.commandIDs()); !strings.Contains(h.Content, "</ask:11>") {
		t.Errorf("mention help = %q, want </ask:11>", h.Content)
	}
}

// TestE2ELookups runs /help and a /facts page turn through discordgo and
// the fake Discord: /help mentions the ids Discord gave the commands at
// registration, and "Next" replaces the message (callback type 7).
func TestE2ELookups(t *testing.T) {
	c := goldenCorpora(t)[1].c
	e := startE2E(t, &fakeAnswerer{ask: answerByQuestion, c: c}, nil, nil)
	must(t, e.fd.Dispatch("INTERACTION_CREATE", fixture(t, "help.json", "70", "")))
	if cb := e.callbackFor(t, "70"); !strings.Contains(cb.Data.Embeds[0].Description, "</ask:9000>") || !strings.Contains(cb.Data.Embeds[0].Description, "</timeline:9002>") {
		t.Errorf("help = %q, want command mentions with the registered ids", cb.Data.Embeds[0].Description)
	}
	must(t, e.fd.Dispatch("INTERACTION_CREATE", fixture(t, "facts.json", "71", "")))
	if cb := e.pageCallback(t, "71"); cb.Type != 4 || cb.Data.Components[0].Components[1].CustomID != "facts:2:" {
		t.Fatalf("/facts callback = %+v, want type 4 with a Next button to facts:2:", cb)
	}
	next := fixture(t, "more_button.json", "72", "")
	next["data"] = map[string]any{"custom_id": "facts:2:", "component_type": 2}
	next["message"] = map[string]any{"id": "800", "channel_id": "600", "interaction_metadata": map[string]any{"id": "71", "type": 2, "user": map[string]any{"id": "1001"}}}
	must(t, e.fd.Dispatch("INTERACTION_CREATE", next))
	if cb := e.pageCallback(t, "72"); cb.Type != 7 || cb.Data.Flags != 0 || !strings.Contains(cb.Data.Embeds[0].Footer.Text, "Page 2 of 12") {
		t.Errorf("Next callback = %+v, want type 7 with page 2", cb)
	}
	checkAllPayloads(t, e.fd)
}

// pageCallback is a callback with its buttons decoded (discordgo cannot
// decode components inside a response).
type pageCallbackBody struct {
	Type int `json:"type"`
	Data struct {
		Flags      discordgo.MessageFlags    `json:"flags"`
		Embeds     []*discordgo.MessageEmbed `json:"embeds"`
		Components []struct {
			Components []discordgo.Button `json:"components"`
		} `json:"components"`
	} `json:"data"`
}

func (e *e2e) pageCallback(t *testing.T, id string) pageCallbackBody {
	t.Helper()
	var rs []fakediscord.Request
	waitFor(t, e.fd, "callback of "+id, func() bool { rs = e.fd.Requests("POST", "/interactions/"+id+"/"); return len(rs) > 0 })
	var cb pageCallbackBody
	if err := json.Unmarshal(rs[len(rs)-1].Body, &cb); err != nil {
		t.Fatal(err)
	}
	return cb
}
