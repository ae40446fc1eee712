package corpus

import (
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlLineRE finds the line number in a yaml.v3 error message.
var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// parseYAML decodes src into a node tree. lineOffset is added to every line
// the parser reports, so that front matter errors point at the file's line.
// It returns the document's root node, or nil for an empty document.
func parseYAML(p, src string, lineOffset int) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		line := lineOffset + 1
		msg := err.Error()
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = lineOffset + n
			if zeroBasedYAMLError(msg) {
				line = lineOffset + offendingLine(src, n+1)
			}
		}
		msg = strings.TrimPrefix(msg, "yaml: ")
		msg = yamlLineRE.ReplaceAllString(msg, "")
		msg = strings.TrimLeft(msg, ": ")
		return nil, &FileError{Path: p, Line: line, Msg: "bad YAML: " + msg}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// zeroBasedYAMLError reports whether yaml.v3 gave the line of an error
// counting from 0. It does so for these parser errors, which it places at the
// start of the enclosing block or flow collection (measured with v3.0.6).
func zeroBasedYAMLError(msg string) bool {
	for _, p := range []string{"did not find expected '-' indicator", "did not find expected ',' or ']'",
		"did not find expected ',' or '}'", "did not find expected key"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// offendingLine finds the line that breaks a block collection. For the
// errors zeroBasedYAMLError lists, yaml.v3 names the line where the
// enclosing collection starts, which may be many lines above the line with
// the bad indentation. The first prefix of src that no longer parses ends on
// that line; prefixes fail from it on, so a binary search finds it. start is
// the 1-based line yaml.v3 named, returned when the search finds nothing.
func offendingLine(src string, start int) int {
	lines := strings.SplitAfter(src, "\n")
	fails := func(k int) bool { // do the first k lines fail the same way?
		var n yaml.Node
		err := yaml.Unmarshal([]byte(strings.Join(lines[:k], "")), &n)
		return err != nil && zeroBasedYAMLError(err.Error())
	}
	lo, hi := start, len(lines) // the prefix of lo lines parses; hi fails
	if lo >= hi || fails(lo) || !fails(hi) {
		return start
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// mappingPairs returns the key/value pairs of a mapping node, rejecting
// duplicate keys and keys outside allowed. what names the mapping in errors.
func mappingPairs(p string, n *yaml.Node, lineOffset int, what string, allowed ...string) ([][2]*yaml.Node, error) {
	if n.Kind != yaml.MappingNode {
		return nil, &FileError{Path: p, Line: lineOffset + n.Line, Msg: what + " must be a mapping of key: value lines"}
	}
	seen := map[string]int{}
	var pairs [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		line := lineOffset + k.Line
		if !contains(allowed, k.Value) {
			return nil, &FileError{Path: p, Line: line, Msg: "unknown key " + quote(k.Value) + " in " + what + " (allowed: " + strings.Join(allowed, ", ") + ")"}
		}
		if prev, ok := seen[k.Value]; ok {
			return nil, &FileError{Path: p, Line: line, Msg: "key " + quote(k.Value) + " repeats line " + strconv.Itoa(prev)}
		}
		seen[k.Value] = line
		pairs = append(pairs, [2]*yaml.Node{k, v})
	}
	return pairs, nil
}

// scalar returns the decoded string value of a single-value node.
func scalar(p string, k, v *yaml.Node, lineOffset int) (string, error) {
	if v.Kind != yaml.ScalarNode {
		return "", &FileError{Path: p, Line: lineOffset + v.Line, Msg: "key " + quote(k.Value) + " must be a single value, not a list or mapping"}
	}
	if v.Tag == "!!null" {
		return "", nil
	}
	return v.Value, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
