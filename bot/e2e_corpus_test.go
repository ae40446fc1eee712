package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/treatybot/treatybot/bot/internal/fakediscord"
	"github.com/treatybot/treatybot/library"
)

// newArticle is the document a moderator adds in TestE2ECorpusAdd.
const newArticle = `---
id: zephyr-accord
source: Example Wire
url: https://example.org/zephyr
published: 2024-03-05
---
Zephyr Accord signed in Reykjavik

The Zephyr Accord on undersea drones was signed in Reykjavik on March 5, 2024, by twelve coastal states.
`

// TestE2ECorpusAdd: a moderator adds an article as an attachment, which the
// fake serves from its CDN path, and a question about it is then answered
// from it, through the real library.
func TestE2ECorpusAdd(t *testing.T) {
	ctx := context.Background()
	lib, err := library.Open(ctx, library.Config{DataDir: t.TempDir(), InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	fd := fakediscord.Start()
	t.Cleanup(fd.Close)
	e := startE2E(t, lib, lib, fd)

	url := fd.AddFile("attachments/1/321/zephyr-accord.md", []byte(newArticle))
	add := fixture(t, "corpus_add.json", "61", "")
	att := add["data"].(map[string]any)["resolved"].(map[string]any)["attachments"].(map[string]any)["321"].(map[string]any)
	att["url"], att["filename"], att["size"] = url, "zephyr-accord.md", len(newArticle)

	// First a non-moderator: refused, and nothing is downloaded.
	refused := fixture(t, "corpus_add.json", "60", "")
	refused["member"].(map[string]any)["permissions"] = "0"
	must(t, fd.Dispatch("INTERACTION_CREATE", refused))
	if c := e.callbackFor(t, "60"); c.Type != 4 || c.Data.Flags != 64 || !strings.Contains(c.Data.Content, "Only moderators") {
		t.Errorf("non-moderator callback = %+v", c)
	}

	must(t, fd.Dispatch("INTERACTION_CREATE", add))
	if c := e.callbackFor(t, "61"); c.Type != 5 || c.Data.Flags != 64 {
		t.Errorf("/corpus add callback type %d flags %d, want an ephemeral deferral", c.Type, c.Data.Flags)
	}
	rep := e.editFor(t, "tok-61")
	if got := text(rep); !strings.Contains(got, "Document added") || !strings.Contains(got, "`zephyr-accord`") {
		t.Fatalf("add report = %q", got)
	}
	if n := len(fd.Requests("GET", "/cdn/attachments/1/321/")); n != 1 {
		t.Errorf("attachment downloaded %d times, want 1", n)
	}

	ask := fixture(t, "ask.json", "62", "")
	ask["data"].(map[string]any)["options"] = []any{map[string]any{"name": "question", "type": 3, "value": "When was the Zephyr Accord signed?"}}
	must(t, fd.Dispatch("INTERACTION_CREATE", ask))
	card := e.editFor(t, "tok-62")
	got := text(card)
	if !strings.Contains(got, "zephyr") && !strings.Contains(got, "Zephyr") {
		t.Errorf("answer does not cite the new article: %q", got)
	}
	if !strings.Contains(got, "March 5, 2024") {
		t.Errorf("answer lacks the date: %q", got)
	}
	if st := lib.Status(); !strings.Contains(st.RefreshedBy, "user1001") {
		t.Errorf("RefreshedBy = %q, want the moderator", st.RefreshedBy)
	}
	checkAllPayloads(t, fd)
}
