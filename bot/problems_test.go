package bot

import (
	"strings"
	"testing"
)

var badStatus = CorpusStatus{Documents: 1, FactSheets: 1, Version: "abcdef0123456789",
	Problems: []string{"zorbia.md:4: unknown key \"sorce\" in front matter"},
	Skipped:  []string{"x.md: skipped: a symbolic link to a file outside the corpus folder, which is never read", "big.md: skipped: 50 MiB, over the limit"}}

// TestStatusShowsProblems: /corpus status names the malformed and skipped
// files and says that the last good corpus serves.
func TestStatusShowsProblems(t *testing.T) {
	got := text(composeStatus(badStatus))
	for _, want := range []string{"Malformed files:** 1", "last good corpus", "zorbia.md:4:", "Skipped files:** 2", "x.md:", "big.md:", "/corpus remove"} {
		if !strings.Contains(got, want) {
			t.Errorf("status = %q, want it to contain %q", got, want)
		}
	}
	if clean := text(composeStatus(CorpusStatus{Documents: 1})); strings.Contains(clean, "Malformed") || strings.Contains(clean, "Skipped") {
		t.Errorf("status of a clean folder mentions problems: %q", clean)
	}
}

// TestAnnounceProblems: the moderators' log channel hears of problems once
// per change of them, and when they are fixed; only shard 0 posts.
func TestAnnounceProblems(t *testing.T) {
	e := startE2E(t, &fakeAnswerer{ask: answerByQuestion, c: testCorpus(t)}, &fakeModeration{}, nil)
	e.bot.cfg.ModLogChannelID = "900"
	posts := func() int { return len(e.fd.Requests("POST", "/channels/900/messages")) }
	e.bot.AnnounceProblems(CorpusStatus{}) // nothing wrong, nothing said
	e.bot.AnnounceProblems(badStatus)
	e.bot.AnnounceProblems(badStatus) // the same again: said once
	waitFor(t, e.fd, "problems post", func() bool { return posts() >= 1 })
	e.bot.AnnounceProblems(CorpusStatus{})
	waitFor(t, e.fd, "fixed post", func() bool { return posts() >= 2 })
	reqs := e.fd.Requests("POST", "/channels/900/messages")
	if len(reqs) != 2 {
		t.Fatalf("%d posts to the log channel, want 2", len(reqs))
	}
	first, second := string(reqs[0].Body), string(reqs[1].Body)
	if !strings.Contains(first, "zorbia.md:4:") || !strings.Contains(first, "has problems") {
		t.Errorf("first post = %s, want the problem named", first)
	}
	if !strings.Contains(second, "fixed") {
		t.Errorf("second post = %s, want problems fixed", second)
	}
	if !strings.Contains(first, `"allowed_mentions":{"parse":[]`) {
		t.Errorf("post without empty allowed mentions: %s", first)
	}
	e.bot.cfg.ShardID = 1
	e.bot.AnnounceProblems(badStatus)
	if n := posts(); n != 2 {
		t.Errorf("shard 1 posted: %d posts, want 2", n)
	}
}
