package bot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/treatybot/treatybot/corpus"
)

func TestCorpusPermissions(t *testing.T) {
	tests := []struct {
		file    string
		allowed bool
	}{
		{"corpus_status_nonmod.json", false},
		{"corpus_status_mod.json", true},  // Manage Server
		{"corpus_status_role.json", true}, // a role in MODERATOR_ROLE_IDS
	}
	for _, tt := range tests {
		b := newTestBot(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, &fakeModeration{}, nil)
		r, _ := run(t, b, loadInteraction(t, tt.file))
		got := text(r)
		if !r.Ephemeral {
			t.Errorf("%s: reply is public, want ephemeral", tt.file)
		}
		if allowed := strings.Contains(got, "Corpus status"); allowed != tt.allowed {
			t.Errorf("%s: allowed = %v, want %v; reply %q", tt.file, allowed, tt.allowed, got)
		}
		if !tt.allowed && !strings.Contains(got, "Only moderators") {
			t.Errorf("%s: refusal %q does not say why", tt.file, got)
		}
	}
	// Autocomplete of ids: moderators only.
	mod := &fakeModeration{ids: []string{"inf", "inf-signed", "new-start"}}
	b := newTestBot(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, mod, nil)
	act := b.route(loadInteraction(t, "corpus_remove_autocomplete.json"))
	if !act.isChoices || len(act.choices) != 2 {
		t.Errorf("remove autocomplete = %+v, want the 2 ids containing \"inf\"", act.choices)
	}
	i := loadInteraction(t, "corpus_remove_autocomplete.json")
	i.Member.Permissions = 0
	if act := b.route(i); len(act.choices) != 0 {
		t.Errorf("non-moderator got %d id choices, want none", len(act.choices))
	}
}

func TestCorpusRefusals(t *testing.T) {
	fe := &corpus.FileError{Path: "bad.yaml", Line: 7, Msg: "facts is empty"}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"invalid", fmt.Errorf("add: %w", fe), "bad.yaml:7: facts is empty"},
		{"exists", fmt.Errorf("add x: %w", ErrExists), "replace: True"},
		{"bad name", ErrBadName, "name is not allowed"},
		{"binary", ErrNotText, "not UTF-8"},
		{"too large", fmt.Errorf("add: %w: %w", ErrTooLarge, &corpus.GateError{Path: "big.md", Msg: "1.5 MiB, over the limit of 1 MiB per file (MAX_DOC_BYTES)", Err: corpus.ErrTooLarge}), "1 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := (&Bot{}).refreshed(ChangeReport{}, "mod (1)", tt.err)
			if msg := userMessage(err); !strings.Contains(msg, tt.want) {
				t.Errorf("message %q lacks %q", msg, tt.want)
			}
		})
	}
}

func TestCorpusAddTooLarge(t *testing.T) {
	b := newTestBot(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, &fakeModeration{}, nil)
	i := loadInteraction(t, "corpus_add.json")
	i.ApplicationCommandData().Resolved.Attachments["321"].Size = 2 << 20
	r, act := run(t, b, i)
	if act.work != nil || !r.Ephemeral || !strings.Contains(r.Content, "limit is 1 MiB") {
		t.Errorf("oversized attachment: deferred %v, reply %q; want an immediate ephemeral refusal", act.work != nil, r.Content)
	}
}

func TestComposeReport(t *testing.T) {
	r := composeReport(ChangeReport{Action: "add", Added: []string{"a"}, Changed: []string{"b"}, FactsAdded: 2,
		PassagesBefore: 10, PassagesAfter: 14, Waited: 1500e6, Took: 2e9, Version: "0123456789abcdef"}, "mod (300000000000000004)")
	got := text(r)
	for _, w := range []string{"Document added", "**Added:** `a`", "**Changed:** `b`", "2 added", "10 → 14", "waited 1.5s", "`0123456789ab`", "**By:** <@300000000000000004>"} {
		if !strings.Contains(got, w) {
			t.Errorf("report lacks %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "300000000000000004)") {
		t.Errorf("report shows the raw id:\n%s", got)
	}
	if got := text(composeReport(ChangeReport{Action: "reload"}, "operator (SIGHUP)")); !strings.Contains(got, "Nothing changed.") || !strings.Contains(got, "**By:** operator (SIGHUP)") {
		t.Errorf("unchanged reload: %q", got)
	}
}
