package question

import (
	"maps"
	"slices"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

// The lexicon cannot know the names a corpus gives one thing: that its CTBT
// is the "Comprehensive Test Ban Treaty" of one article and the
// "Comprehensive Nuclear-Test-Ban Treaty" of another. The corpus says so
// itself, in two ways this file reads: a fact sheet's subject and aliases,
// and an acronym defined in the text, "Open Skies Consultative Commission
// (OSCC)". Each becomes a synonym group of the engine's own.

// definedAcronyms finds "Long Name (ACR)" in a passage's tokens: an
// all-capitals word in brackets whose letters are the initials of the words
// before it.
func definedAcronyms(toks []text.Token) [][]string {
	var out [][]string
	for k := 1; k+2 < len(toks); k++ {
		acr := toks[k+1]
		if toks[k].Text != "(" || toks[k+2].Text != ")" || !acr.AllCaps || acr.Kind != text.Word || len(acr.Text) > 8 {
			continue
		}
		from, ok := text.AcronymBack(toks, k, acr.Text)
		if !ok {
			from, ok = text.AcronymBag(toks, k, acr.Text)
		}
		if !ok || k-from < 2 {
			continue
		}
		out = append(out, []string{toks[from].Text + textBetween(toks, from, k), acr.Text})
	}
	return out
}

// textBetween joins tokens (from, to) with single spaces, keeping each
// token's own text.
func textBetween(toks []text.Token, from, to int) string {
	var b strings.Builder
	for k := from + 1; k < to; k++ {
		b.WriteByte(' ')
		b.WriteString(toks[k].Text)
	}
	return b.String()
}

// sheetAliases returns a fact sheet's subject and aliases as one group,
// leaving out lone lower-case words ("deal"), which name too much.
func sheetAliases(d *corpus.Document) []string {
	if d.Kind != corpus.FactSheet || len(d.Aliases) == 0 {
		return nil
	}
	var g []string
	for _, n := range append([]string{d.Title}, d.Aliases...) {
		ws := text.Words(text.Tokenize(n))
		if len(ws) == 0 || len(ws) == 1 && !ws[0].Cap {
			continue
		}
		g = append(g, n)
	}
	if len(g) < 2 {
		return nil
	}
	return g
}

// withGroups returns a copy of s with more synonym groups; s is shared
// between engines and never changes.
func (s *synonymIndex) withGroups(groups [][]string) *synonymIndex {
	if len(groups) == 0 {
		return s
	}
	out := &synonymIndex{byKey: maps.Clone(s.byKey), groups: slices.Clip(s.groups), maxLen: s.maxLen, shared: s.shared}
	seen := map[string]bool{}
	for _, g := range groups {
		id := strings.ToLower(strings.Join(g, "\x00"))
		if seen[id] {
			continue
		}
		seen[id] = true
		gi := len(out.groups)
		var alts []Alt
		for _, phrase := range g {
			a := phraseAlt(phrase)
			if len(a.Norms) == 0 {
				continue
			}
			alts = append(alts, a)
			key := strings.Join(a.Norms, " ")
			out.byKey[key] = appendUnique(slices.Clip(out.byKey[key]), gi)
			out.maxLen = max(out.maxLen, len(a.Norms))
		}
		out.groups = append(out.groups, alts)
	}
	return out
}

// usable filters the groups a question phrase belongs to. A group learnt
// from the corpus counts only for a single word, an acronym such as "ctbt",
// or a phrase with an acronym in it, "new START":
// merging "open skies treaty" into one concept would lose the passages
// that say only "Open Skies" or "the treaty", which each word finds alone.
func (s *synonymIndex) usable(groups []int, phrase []text.Token) []int {
	// one word, or a phrase holding an acronym: "new START"
	if len(phrase) == 1 || text.Any(phrase, func(t text.Token) bool { return t.AllCaps }) {
		return groups
	}
	var out []int
	for _, g := range groups {
		if g < s.shared {
			out = append(out, g)
		}
	}
	return out
}
