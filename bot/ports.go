package bot

import (
	"context"
	"errors"
	"time"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/questions"
)

// The bot depends on these small interfaces, not on the packages that
// implement them: cmd/treatybot wires in the library (answers and corpus
// changes) and the question log. So bot's dependencies stay discordgo and
// the domain types, and tests put small fakes in their place.

// Answerer answers questions from the corpus serving now.
type Answerer interface {
	// Ask answers one question. A question the corpus cannot answer is not
	// an error: it returns an Answer with Found false.
	Ask(ctx context.Context, question string) (corpus.Answer, error)
	// Corpus returns the snapshot serving now, for /facts, /timeline,
	// /sources and autocomplete. It must not be changed.
	Corpus() *corpus.Corpus
}

// Moderation is the corpus management behind /corpus. Reload, Add, Remove,
// Check and CheckUpload return an error wrapping one of the Err* sentinels
// below, or a *corpus.FileError (which wraps corpus.ErrInvalid) naming the
// file and line.
type Moderation interface {
	Status() CorpusStatus
	Reload(ctx context.Context, who string) (ChangeReport, error)
	Add(ctx context.Context, who, filename string, data []byte, replace bool) (ChangeReport, error)
	Remove(ctx context.Context, who, id string) (ChangeReport, error)
	Check(filename string, data []byte) (FileReport, error)
	// CheckUpload refuses a file name or size before anything is
	// downloaded: ErrBadName or ErrTooLarge.
	CheckUpload(filename string, size int) error
	IDs() []string
}

// MaxUpload is the largest file /corpus add and check download, in bytes,
// when the moderation's status names no limit (CorpusStatus.MaxDocBytes).
// The moderation behind them enforces its own limit too.
const MaxUpload = 1 << 20

// Sentinel errors of Moderation, for errors.Is.
var (
	ErrTooLarge    = errors.New("file too large")
	ErrNotText     = errors.New("not a UTF-8 text file")
	ErrBadName     = errors.New("bad file name")
	ErrExists      = errors.New("already in the corpus")
	ErrNotFound    = errors.New("no such document")
	ErrNoDocuments = errors.New("corpus has no documents")
)

// CorpusStatus describes the corpus serving now.
type CorpusStatus struct {
	Documents, FactSheets, Facts, Passages int
	Version                                string    // corpus content hash
	RefreshedAt                            time.Time // zero if never
	RefreshedBy                            string    // "" if unknown; "name (id)" for a moderator
	// Problems lists the malformed files of the corpus folder, one
	// "file:line: message" each; while there are any, the last good corpus
	// serves.
	Problems []string
	// Skipped lists the files of the corpus folder that were left out, one
	// "file[:line]: reason" each.
	Skipped []string
	// MaxDocBytes is the size limit of one corpus file; 0 = MaxUpload.
	MaxDocBytes int64
}

// ChangeReport says what one corpus change did.
type ChangeReport struct {
	Action                                 string   // "reload", "add", "remove"
	Added, Changed, Removed                []string // document and fact-sheet ids
	FactsAdded, FactsChanged, FactsRemoved int
	PassagesBefore, PassagesAfter          int
	Waited, Took                           time.Duration
	Version                                string
	Warnings                               []string
}

// Unchanged reports whether the change changed nothing.
func (r ChangeReport) Unchanged() bool {
	return len(r.Added) == 0 && len(r.Changed) == 0 && len(r.Removed) == 0
}

// FileReport says what a checked file would add.
type FileReport struct {
	ID, Kind, Title          string
	Passages, Facts, DatedEv int
	Exists                   bool // a document has this id already
	// Conflicts describe passages that would give different dates or
	// numbers for one event once the file is in, one line each.
	Conflicts []string
}

// QuestionLog keeps what members asked and how they rated the answers
// (package questionlog). Record, Vote and Comment must not block on
// storage: they queue, and a failed write is the log's to report.
type QuestionLog interface {
	// Record logs a question and returns its id, for the feedback buttons.
	Record(q questions.Asked) int64
	// Vote records member's vote on question id; a second vote replaces it.
	Vote(id int64, member string, up bool)
	// Comment records what member said was wrong with the answer.
	Comment(id int64, member, text string)
	// Gaps groups what members asked since since and did not get.
	Gaps(ctx context.Context, since time.Time, lowConfidence float64, limit int) ([]questions.Gap, error)
	// Downvotes returns the latest 👎, newest first.
	Downvotes(ctx context.Context, limit int) ([]questions.Downvote, error)
}
