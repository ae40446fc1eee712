package corpus

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Keys a fact sheet and each of its facts may hold; anything else is an error.
var (
	sheetKeys = []string{"id", "subject", "aliases", "facts"}
	factKeys  = []string{"text", "date", "source", "url"}
)

// parseFactSheet parses a YAML fact sheet. It works on yaml.v3 nodes rather
// than decoding into structs so that every error can name its line.
func parseFactSheet(p, text string) (*Document, error) {
	root, err := parseYAML(p, text, 0)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, &FileError{Path: p, Line: 1, Msg: "empty fact sheet: want subject and facts"}
	}
	pairs, err := mappingPairs(p, root, 0, "fact sheet", sheetKeys...)
	if err != nil {
		return nil, err
	}
	d := &Document{ID: defaultID(p), Kind: FactSheet, Path: p}
	var facts *yaml.Node
	for _, kv := range pairs {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "id", "subject":
			s, err := scalar(p, k, v, 0)
			if err != nil {
				return nil, err
			}
			if s = strings.TrimSpace(s); s == "" {
				return nil, &FileError{Path: p, Line: v.Line, Msg: k.Value + " is empty"}
			}
			if k.Value == "id" {
				d.ID, d.idLine = s, v.Line
			} else {
				d.Title = s
			}
		case "aliases":
			aliases, err := stringList(p, k, v)
			if err != nil {
				return nil, err
			}
			d.Aliases = aliases
		case "facts":
			facts = v
		}
	}
	if d.Title == "" {
		return nil, &FileError{Path: p, Line: root.Line, Msg: "missing required key \"subject\""}
	}
	if facts == nil || facts.Tag == "!!null" {
		return nil, &FileError{Path: p, Line: root.Line, Msg: "missing required key \"facts\" (a list of at least one fact)"}
	}
	if facts.Kind != yaml.SequenceNode {
		return nil, &FileError{Path: p, Line: facts.Line, Msg: "facts must be a list of facts, each starting with \"- text:\""}
	}
	if len(facts.Content) == 0 {
		return nil, &FileError{Path: p, Line: facts.Line, Msg: "facts is empty: want at least one fact"}
	}
	for i, f := range facts.Content {
		ps, err := parseFact(p, f, i)
		if err != nil {
			return nil, err
		}
		ps.ID = d.ID + "#" + strconv.Itoa(i+1)
		ps.DocID = d.ID
		d.Passages = append(d.Passages, ps)
	}
	return d, nil
}

// parseFact parses the i-th fact of a sheet into a passage (without its ids).
func parseFact(p string, f *yaml.Node, i int) (Passage, error) {
	what := "fact " + strconv.Itoa(i+1)
	pairs, err := mappingPairs(p, f, 0, what, factKeys...)
	if err != nil {
		return Passage{}, err
	}
	ps := Passage{Kind: FactPassage, Paragraph: i, Line: f.Line}
	hasText := false
	for _, kv := range pairs {
		k, v := kv[0], kv[1]
		s, err := scalar(p, k, v, 0)
		if err != nil {
			return Passage{}, err
		}
		switch k.Value {
		case "text":
			// The decoded YAML string is what gets cited. Only the spaces
			// and newline a block scalar adds at its ends are dropped.
			ps.Text, hasText = strings.TrimSpace(s), true
			if ps.Text == "" {
				return Passage{}, &FileError{Path: p, Line: v.Line, Msg: what + ": text is empty"}
			}
		case "date":
			date, err := ParseDate(s)
			if err != nil {
				return Passage{}, &FileError{Path: p, Line: v.Line, Msg: what + ": " + err.Error()}
			}
			ps.Date = date
		case "source":
			ps.Source = strings.TrimSpace(s)
			if ps.Source == "" {
				return Passage{}, &FileError{Path: p, Line: v.Line, Msg: what + ": source is empty"}
			}
		case "url":
			ps.URL = strings.TrimSpace(s)
		}
	}
	if !hasText {
		return Passage{}, &FileError{Path: p, Line: f.Line, Msg: what + ": missing required key \"text\""}
	}
	if ps.Source == "" {
		return Passage{}, &FileError{Path: p, Line: f.Line, Msg: what + ": missing required key \"source\""}
	}
	// a fact's own date places its year-less dates: "signed the law on
	// November 2" in a fact dated 2023-11 is November 2, 2023
	ps.Dates = FindDates(ps.Text, ps.Date.lastDay())
	return ps, nil
}

// stringList reads a list of strings, or a single string as a list of one.
func stringList(p string, k, v *yaml.Node) ([]string, error) {
	if v.Kind == yaml.ScalarNode {
		if s := strings.TrimSpace(v.Value); s != "" && v.Tag != "!!null" {
			return []string{s}, nil
		}
		return nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, &FileError{Path: p, Line: v.Line, Msg: quote(k.Value) + " must be a list of names"}
	}
	var out []string
	for _, e := range v.Content {
		if e.Kind != yaml.ScalarNode {
			return nil, &FileError{Path: p, Line: e.Line, Msg: quote(k.Value) + " must be a list of names"}
		}
		if s := strings.TrimSpace(e.Value); s != "" {
			out = append(out, s)
		}
	}
	return out, nil
}
