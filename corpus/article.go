package corpus

import (
	"strconv"
	"strings"
)

// frontMatterKeys are the keys a document's front matter may hold. Any other
// key is an error, which catches typos such as "pubished".
var frontMatterKeys = []string{"id", "title", "source", "url", "published", "place"}

// lineEnd returns the index just past the line starting at i (past its "\n",
// or len(s)), and the line's content without "\r\n" or "\n".
func lineAt(s string, i int) (next int, line string) {
	j := strings.IndexByte(s[i:], '\n')
	if j < 0 {
		return len(s), strings.TrimSuffix(s[i:], "\r")
	}
	return i + j + 1, strings.TrimSuffix(s[i:i+j], "\r")
}

// isFence reports whether a line is a front matter fence "---".
func isFence(line string) bool { return strings.TrimRight(line, " \t") == "---" }

// parseArticle parses a Markdown or plain-text document with optional front
// matter. Document.Text is everything after the front matter, byte for byte.
func parseArticle(p, text string) (*Document, error) {
	d := &Document{ID: defaultID(p), Kind: Article, Path: p}
	bodyStart, bodyLine := 0, 1
	if next, first := lineAt(text, 0); isFence(first) {
		// Front matter: find the closing fence.
		i, line, closed := next, 2, false
		for i < len(text) {
			n, l := lineAt(text, i)
			if isFence(l) {
				if err := d.applyFrontMatter(p, text[next:i]); err != nil {
					return nil, err
				}
				bodyStart, bodyLine, closed = n, line+1, true
				break
			}
			i, line = n, line+1
		}
		if !closed {
			return nil, &FileError{Path: p, Line: 1, Msg: "front matter opened with --- is never closed by a second --- line"}
		}
	}
	d.Text = text[bodyStart:]
	if strings.TrimSpace(d.Text) == "" {
		return nil, &FileError{Path: p, Line: bodyLine, Msg: "empty document: no body text"}
	}
	if d.Title == "" {
		d.Title = defaultTitle(d.Text)
	}
	d.buildSentences(bodyLine)
	return d, nil
}

// applyFrontMatter decodes the front matter fm, which starts on the file's
// second line, into d.
func (d *Document) applyFrontMatter(p, fm string) error {
	const offset = 1 // the opening fence is line 1
	root, err := parseYAML(p, fm, offset)
	if err != nil || root == nil {
		return err
	}
	pairs, err := mappingPairs(p, root, offset, "front matter", frontMatterKeys...)
	if err != nil {
		return err
	}
	for _, kv := range pairs {
		k, v := kv[0], kv[1]
		s, err := scalar(p, k, v, offset)
		if err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		line := offset + v.Line
		switch k.Value {
		case "id":
			if s == "" {
				return &FileError{Path: p, Line: line, Msg: "id is empty"}
			}
			d.ID, d.idLine = s, line
		case "title":
			d.Title = s
		case "source":
			d.Source = s
		case "url":
			d.URL = s
		case "place":
			d.Place = s
		case "published":
			date, err := ParseDate(s)
			if err == nil && date.Precision() != DayPrecision {
				err = errNotDay(s)
			}
			if err != nil {
				return &FileError{Path: p, Line: line, Msg: "published: " + err.Error()}
			}
			d.Published = date
		}
	}
	return nil
}

type errNotDay string

func (e errNotDay) Error() string {
	return "date " + strconv.Quote(string(e)) + " is not a full YYYY-MM-DD date"
}

// defaultTitle is the first Markdown heading of body, else its first
// non-empty line.
func defaultTitle(body string) string {
	first := ""
	for i := 0; i < len(body); {
		next, line := lineAt(body, i)
		if h, ok := heading(line); ok && h != "" {
			return h
		}
		if first == "" {
			first = strings.TrimSpace(line)
		}
		i = next
	}
	return first
}

// heading reports whether line is a Markdown ATX heading ("# Title") and
// returns the byte range of its text within line, without the # marks, the
// spaces around them, or a closing sequence of # marks.
func headingSpan(line string) (start, end int, ok bool) {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	n := 0
	for i+n < len(line) && line[i+n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (i+n < len(line) && line[i+n] != ' ' && line[i+n] != '\t') {
		return 0, 0, false
	}
	start, end = i+n, len(line)
	for start < end && (line[start] == ' ' || line[start] == '\t') {
		start++
	}
	for end > start && (line[end-1] == ' ' || line[end-1] == '\t' || line[end-1] == '\r') {
		end--
	}
	// An optional closing run of # marks counts only after a space.
	if j := strings.TrimRight(line[start:end], "#"); len(j) < end-start && (j == "" || strings.HasSuffix(j, " ") || strings.HasSuffix(j, "\t")) {
		end = start + len(strings.TrimRight(j, " \t"))
	}
	return start, end, true
}

// heading returns the text of a Markdown heading line.
func heading(line string) (string, bool) {
	s, e, ok := headingSpan(line)
	return line[s:e], ok
}
