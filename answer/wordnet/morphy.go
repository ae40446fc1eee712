package wordnet

import "strings"

// This file is WordNet's morphy (morph.c in the WordNet distribution,
// described in morphy(7WN)), written by hand: no maintained Go library does
// it. The Go WordNet readers stop at the database files, and stemmers such
// as Porter's give stems ("criticis"), not lemmas WordNet can look up.
//
// One difference: morphy stops at the first rule whose result is a lemma,
// so it reads "singing" as "singe" (-ing → -e comes first). Lemmas keeps
// every rule's result that is a lemma, here both "singe" and "sing".

// suffixRule replaces a suffix to give a candidate base form.
type suffixRule struct{ suffix, base string }

// suffixRules are morphy's detachment rules per part of speech, in its order.
var suffixRules = map[POS][]suffixRule{
	Noun: {
		{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"},
		{"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"},
	},
	Verb: {
		{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""},
		{"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""},
	},
	Adjective: {
		{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"},
	},
}

// baseForms returns the candidate base forms of the single word w as pos:
// w itself, the bases its exception list gives, and then, only if w is
// not an irregular form, what the suffix rules give. The candidates are
// not checked against the lemmas.
func (t *table) baseForms(w string, pos POS) []string {
	out := []string{w}
	if i := t.find(w); i >= 0 {
		if bases := t.bases(i, pos); len(bases) > 0 {
			return append(out, bases...)
		}
	}
	// Like morphy, a noun in -ss is its own singular ("press", not "pres"),
	// and so is a noun of two letters ("us" is not the plural of "u").
	if pos == Noun && (strings.HasSuffix(w, "ss") || len(w) <= 2) {
		return out
	}
	for _, r := range suffixRules[pos] {
		if len(w) > len(r.suffix) && strings.HasSuffix(w, r.suffix) {
			out = append(out, strings.TrimSuffix(w, r.suffix)+r.base)
		}
	}
	return out
}

// candidates returns the candidate base forms of the normalized word or
// phrase w as pos. In a phrase, a verb inflects its first word ("pulled
// out" → "pull out") and a noun any one of its words ("arms races" → "arms
// race", "attorneys general" → "attorney general"), as morphy does.
func (t *table) candidates(w string, pos POS) []string {
	words := strings.Split(w, " ")
	if len(words) == 1 {
		return t.baseForms(w, pos)
	}
	out := []string{w}
	for i, word := range words {
		if pos == Verb && i > 0 {
			break
		}
		for _, b := range t.baseForms(word, pos)[1:] {
			alt := append([]string(nil), words...)
			alt[i] = b
			out = append(out, strings.Join(alt, " "))
		}
	}
	return out
}
