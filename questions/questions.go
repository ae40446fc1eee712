// Package questions is the domain of the question log: what members asked,
// how the bot answered, and how members rated the answers. It holds plain
// types and the normalisation that groups similar questions, on the
// standard library only, so that the bot can name them without depending on
// the database that stores them (package questionlog).
//
// The rule it keeps: a member is never named. A vote carries a member id
// only on its way to the log, which stores a salted hash of it.
package questions

import (
	"strings"
	"time"
	"unicode"
)

// Asked is one question as the bot answered it.
type Asked struct {
	At            time.Time
	GuildID       string // "" in a direct message
	ChannelID     string
	Question      string
	Answered      bool // the engine found an answer
	Answer        string
	Confidence    float64  // 0 to 1
	Passages      []string // the cited passage ids, best first
	CorpusVersion string
}

// Gap is a group of similar questions that members asked and did not get:
// unanswered, answered with a low confidence, or answered and voted down.
type Gap struct {
	Norm          string    // the normalised text the group shares
	Example       string    // the latest question of the group, as asked
	Asked         int       // how many times
	Unanswered    int       // of which not answered
	LowConfidence int       // answered below the threshold
	Downvoted     int       // answered, and voted down by someone
	LastAsked     time.Time //
	LastAnswer    string    // the latest answer given, "" if none
	CorpusVersion string    // of the latest question
}

// Downvote is one 👎 with what it was about.
type Downvote struct {
	At       time.Time
	Question string
	Answer   string
	Passages []string // cited passage ids, best first
	Comment  string   // what the member said was wrong; may be ""
}

// Filter selects logged questions for export.
type Filter struct {
	Since      time.Time // zero: all
	Unanswered bool      // only questions the bot did not answer
	Downvoted  bool      // only answers voted down
}

// fillers are words that change nothing about what is asked.
var fillers = map[string]bool{"the": true, "a": true, "an": true, "please": true, "pls": true, "hey": true,
	"hi": true, "can": true, "you": true, "tell": true, "me": true, "do": true, "does": true, "did": true, "exactly": true}

// Normalize is the text by which similar questions are grouped: lower
// case, punctuation dropped, filler words ("the", "please", "tell me")
// left out, one space between words. "When was the INF Treaty signed?"
// and "when was INF treaty signed" normalise alike.
func Normalize(q string) string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := words[:0]
	for _, w := range words {
		if !fillers[w] {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return strings.Join(words, " ")
	}
	return strings.Join(out, " ")
}
