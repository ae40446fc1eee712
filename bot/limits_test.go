package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"hello", 5, "hello"},
		{"hello", 4, "hel…"},
		{"ééééé", 3, "éé…"},
		{"abc", 1, "…"},
		{"abc", 0, ""},
	}
	for _, tt := range tests {
		if got := truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// checkLimits fails the test if r breaks any of Discord's limits.
func checkLimits(t *testing.T, r Reply) {
	t.Helper()
	if n := runes(r.Content); n > maxContent {
		t.Errorf("content has %d runes, want at most %d", n, maxContent)
	}
	if len(r.Embeds) > maxEmbeds {
		t.Errorf("%d embeds, want at most %d", len(r.Embeds), maxEmbeds)
	}
	sum := 0
	for _, e := range r.Embeds {
		sum += embedSize(e)
		if n := runes(e.Title); n > maxEmbedTitle {
			t.Errorf("title has %d runes, want at most %d", n, maxEmbedTitle)
		}
		if n := runes(e.Description); n > maxEmbedDesc {
			t.Errorf("description has %d runes, want at most %d", n, maxEmbedDesc)
		}
		if len(e.Fields) > maxEmbedFields {
			t.Errorf("%d fields, want at most %d", len(e.Fields), maxEmbedFields)
		}
		for _, f := range e.Fields {
			if n := runes(f.Value); n > maxFieldValue || n == 0 {
				t.Errorf("field value has %d runes, want 1 to %d", n, maxFieldValue)
			}
			if n := runes(f.Name); n > maxFieldName || n == 0 {
				t.Errorf("field name has %d runes, want 1 to %d", n, maxFieldName)
			}
		}
		if e.Footer != nil && runes(e.Footer.Text) > maxFooter {
			t.Errorf("footer has %d runes, want at most %d", runes(e.Footer.Text), maxFooter)
		}
	}
	if sum > maxEmbedTotal {
		t.Errorf("embeds total %d runes, want at most %d", sum, maxEmbedTotal)
	}
	for _, b := range r.Buttons {
		if runes(b.CustomID) > maxCustomID {
			t.Errorf("custom id has %d runes, want at most %d", runes(b.CustomID), maxCustomID)
		}
	}
}

func TestFitOversized(t *testing.T) {
	long := strings.Repeat("é", 5000)
	var fields []*discordgo.MessageEmbedField
	for range 40 {
		fields = append(fields, &discordgo.MessageEmbedField{Name: long, Value: long})
	}
	r := Reply{
		Content: long,
		Embeds: []*discordgo.MessageEmbed{
			{Title: long, Description: long, Fields: fields, Footer: &discordgo.MessageEmbedFooter{Text: long}},
			{Title: "second", Description: long},
		},
	}
	got := fit(r)
	checkLimits(t, got)
	if len(got.Embeds) == 0 || got.Embeds[0].Footer == nil || !strings.Contains(got.Embeds[0].Footer.Text, "more not shown") {
		t.Errorf("footer does not say fields were left out: %+v", got.Embeds[0].Footer)
	}
	// The input is not changed.
	if len(r.Embeds[0].Fields) != 40 || runes(r.Embeds[0].Title) != 5000 {
		t.Errorf("fit changed its input")
	}
}

func TestFitEmptyFieldsAndManyEmbeds(t *testing.T) {
	var embeds []*discordgo.MessageEmbed
	for range 12 {
		embeds = append(embeds, &discordgo.MessageEmbed{Description: strings.Repeat("x", 900), Fields: []*discordgo.MessageEmbedField{{}}})
	}
	got := fit(Reply{Embeds: embeds})
	checkLimits(t, got)
	if len(got.Embeds) > maxEmbeds {
		t.Errorf("got %d embeds", len(got.Embeds))
	}
}

func TestFitChoicesAndButtons(t *testing.T) {
	var cs []*discordgo.ApplicationCommandOptionChoice
	for range 30 {
		cs = append(cs, &discordgo.ApplicationCommandOptionChoice{Name: strings.Repeat("n", 150), Value: "v"})
	}
	cs = append([]*discordgo.ApplicationCommandOptionChoice{{Name: "x", Value: strings.Repeat("v", 101)}}, cs...)
	got := fitChoices(cs)
	if len(got) != maxChoices {
		t.Errorf("got %d choices, want %d", len(got), maxChoices)
	}
	for _, c := range got {
		if runes(c.Name) > maxChoiceLen || runes(c.Value.(string)) > maxChoiceLen {
			t.Errorf("choice %q=%q over 100", c.Name, c.Value)
		}
	}
	bs := fitButtons([]discordgo.Button{{Label: "ok", CustomID: strings.Repeat("k", 101)}, {Label: strings.Repeat("l", 90), CustomID: "more:x"}})
	if len(bs) != 1 || runes(bs[0].Label) != maxButtonLabel {
		t.Errorf("fitButtons = %+v, want one button with an 80-rune label", bs)
	}
	// 60 emoji are 60 runes but 120 UTF-16 units: over Discord's 100.
	if bs := fitButtons([]discordgo.Button{{Label: "Next", CustomID: "facts:2:" + strings.Repeat("🚀", 60)}}); len(bs) != 0 {
		t.Errorf("a custom id of 128 UTF-16 units was kept: %+v", bs)
	}
}

// checkNoMentions checks that a JSON payload (or its "data") carries
// allowed_mentions with an empty parse list and nothing else allowed.
// discordgo always adds "replied_user":false, which allows nothing either.
func checkNoMentions(payload []byte) error {
	var p struct {
		AllowedMentions *map[string]any `json:"allowed_mentions"`
		Data            *struct {
			AllowedMentions *map[string]any `json:"allowed_mentions"`
		} `json:"data"`
	}
	if err := json.Unmarshal(payload, &p); err != nil {
		return err
	}
	am := p.AllowedMentions
	if am == nil && p.Data != nil {
		am = p.Data.AllowedMentions
	}
	if am == nil {
		return fmt.Errorf("no allowed_mentions")
	}
	for k, v := range *am {
		switch {
		case k == "parse":
			if l, ok := v.([]any); !ok || len(l) != 0 {
				return fmt.Errorf("parse = %v, want []", v)
			}
		case k == "replied_user" && v == false:
		default:
			return fmt.Errorf("allowed_mentions has %s = %v, want only an empty parse", k, v)
		}
	}
	if _, ok := (*am)["parse"]; !ok {
		return fmt.Errorf("allowed_mentions has no parse list")
	}
	return nil
}

// TestPayloadsHaveNoMentions checks that every payload carries empty
// allowed mentions.
func TestPayloadsHaveNoMentions(t *testing.T) {
	r := Reply{Content: "@everyone hi", Ephemeral: true}
	payloads := map[string]any{
		"response": r.toResponse(),
		"defer":    deferResponse(false),
		"choices":  choicesResponse(nil),
		"edit":     r.toEdit(),
		"followup": r.toFollowup(),
		"message":  r.toMessage(nil),
	}
	for name, p := range payloads {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkNoMentions(b); err != nil {
			t.Errorf("%s payload %s: %v", name, b, err)
		}
	}
}
