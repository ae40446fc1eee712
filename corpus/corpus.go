// Package corpus holds treatybot's domain: documents, fact sheets, the
// passages they are split into, dates, and the answers and citations built
// from them. It loads a corpus folder (or the embedded default) and keeps one
// rule: every passage's Text is a verbatim slice of the file it came from, so
// an answer can always be traced back to its source.
package corpus

import (
	"errors"
	"fmt"
	"time"
)

// Kind says what a Document is.
type Kind string

const (
	// Article is a Markdown or plain-text document (news report, statement).
	Article Kind = "article"
	// FactSheet is a YAML sheet of self-contained, individually sourced facts.
	FactSheet Kind = "facts"
)

// PassageKind says what a Passage is.
type PassageKind string

const (
	// Sentence is one sentence of an article.
	Sentence PassageKind = "sentence"
	// FactPassage is one fact of a fact sheet.
	FactPassage PassageKind = "fact"
)

// Document is one file of the corpus: an article or a fact sheet.
type Document struct {
	ID        string   // stable identifier used in citations
	Kind      Kind     // Article or FactSheet
	Path      string   // slash-separated path relative to the corpus root
	Title     string   // article title, or the fact sheet's subject
	Aliases   []string // fact sheets: other names of the subject
	Source    string   // publisher or author (articles)
	URL       string   // link to the original (articles)
	Published Date     // publication date (articles); zero when unknown
	Place     string   // dateline city (articles)
	Text      string   // articles: the body after any front matter, verbatim
	Passages  []Passage

	idLine    int      // line of the id key, 0 when the id is the default
	datelines [][2]int // byte ranges of news datelines in Text
}

// Passage is the unit that is indexed, retrieved and cited: one sentence of an
// article or one fact of a fact sheet.
type Passage struct {
	ID        string      // "<doc id>#<n>", n counting from 1 within the document
	DocID     string      // the Document's ID
	Kind      PassageKind // Sentence or FactPassage
	Text      string      // verbatim text
	Start     int         // articles: byte offset of Text in Document.Text
	End       int         // articles: byte offset just past Text in Document.Text
	Paragraph int         // articles: 0-based paragraph index; facts: 0-based fact index
	Line      int         // 1-based line of the file where the passage starts
	Source    string      // who says so: the fact's source, or the article's source
	URL       string      // the fact's url, or the article's url
	Date      Date        // facts: the fact's own date field; zero otherwise
	Dates     []DateMention
}

// DateMention is a date expression found in a passage, resolved to a Date.
type DateMention struct {
	Start, End int    // byte offsets of the expression within Passage.Text
	Text       string // the expression as written, e.g. "on Tuesday", "October 20"
	Date       Date   // the resolved date
	Relative   bool   // resolved against the document's published date
}

// Precision says how much of a Date is known.
type Precision int

const (
	// NoDate is the zero Date.
	NoDate Precision = iota
	// YearOnly is a date like 1987.
	YearOnly
	// MonthOnly is a date like 1987-12.
	MonthOnly
	// DayPrecision is a full date like 1987-12-08.
	DayPrecision
)

// Date is a calendar date known to a year, a month or a day.
type Date struct {
	Year  int
	Month time.Month // 0 when only the year is known
	Day   int        // 0 when only the year or month is known
}

// ErrInvalid is wrapped by every error about a malformed corpus file.
var ErrInvalid = errors.New("invalid corpus file")

// FileError is a problem with one corpus file, reported the way a compiler
// does: path:line: message. It wraps ErrInvalid.
type FileError struct {
	Path string // path relative to the corpus root (or the file name given)
	Line int    // 1-based; 0 when the problem is with the whole file
	Msg  string
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Unwrap lets errors.Is(err, ErrInvalid) match.
func (e *FileError) Unwrap() error { return ErrInvalid }

// Warning is a non-fatal note from loading: a file that was skipped.
type Warning struct {
	Path string // slash-separated, relative to the corpus root
	Line int    // 1-based; 0 when the note is about the whole file
	Msg  string
	Err  error // the gate's sentinel (ErrTooLarge, ...) for a refused file; nil for a file of another type
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.Path, w.Line, w.Msg)
	}
	return w.Path + ": " + w.Msg
}

// Citation is one quoted source of an answer. Snippet is always verbatim text
// of the cited document or fact.
type Citation struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Snippet   string `json:"snippet"`
	PassageID string `json:"passage"`
	// Highlight is the byte range of the answer within Snippet, or nil.
	Highlight []int `json:"highlight,omitempty"`
	// AttributedTo names whose claim the highlighted span is, when the
	// snippet reports someone's words or an allegation.
	AttributedTo string `json:"attributed_to,omitempty"`
}

// Answer is the reply to one question.
type Answer struct {
	Question string  `json:"question"`
	Found    bool    `json:"found"`
	Answer   string  `json:"answer"`
	Kind     string  `json:"kind,omitempty"` // what the question asked for: date, person, ...
	Score    float64 `json:"score"`
	// Confidence is the calibrated probability, 0 to 1, that the best
	// candidate answer is right; Found is true only when it is high enough.
	Confidence float64    `json:"confidence"`
	Citations  []Citation `json:"citations"`
	// More holds the next best passages, for a "More sources" view.
	More []Citation `json:"more,omitempty"`
	// Disputed is true when sources near the top give different values for
	// what was asked; Alternatives then holds the other values, each with
	// its confidence and citations.
	Disputed     bool          `json:"disputed,omitempty"`
	Alternatives []Alternative `json:"alternatives,omitempty"`
	// AttributedTo names whose claim the answer is, when the cited text is
	// reported speech or an allegation ("NATO", "US President Donald
	// Trump"), or the hedge it comes with ("allegedly") when it names no one.
	AttributedTo string `json:"attributed_to,omitempty"`
}

// Alternative is another value the sources give for a disputed answer.
type Alternative struct {
	Answer     string     `json:"answer"`
	Confidence float64    `json:"confidence"`
	Citations  []Citation `json:"citations"`
}
