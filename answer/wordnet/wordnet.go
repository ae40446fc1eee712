package wordnet

import (
	"cmp"
	"errors"
	"slices"
	"strings"
)

// POS is a part of speech.
type POS byte

// The parts of speech the table holds.
const (
	Noun      POS = 'n'
	Verb      POS = 'v'
	Adjective POS = 'a'
)

// String returns "noun", "verb" or "adjective".
func (p POS) String() string {
	switch p {
	case Noun:
		return "noun"
	case Verb:
		return "verb"
	case Adjective:
		return "adjective"
	}
	return "POS(" + string(rune(p)) + ")"
}

// Kind is how a related word is related.
type Kind int

// The kinds of relation, strongest first. A Relation of a weaker kind is
// reported only when no stronger one links the same word at the same rank.
const (
	// Synonym: the words share a sense (a synset).
	Synonym Kind = iota + 1
	// Derived: a derivationally related form, such as criticize/criticism,
	// withdraw/withdrawal or sign/signatory.
	Derived
	// VerbGroup: verb senses WordNet groups as similar in meaning.
	VerbGroup
	// Hypernym: a word of the sense one level up ("ditch" → "abandon").
	Hypernym
)

// String returns the kind's name in lower case.
func (k Kind) String() string {
	switch k {
	case Synonym:
		return "synonym"
	case Derived:
		return "derived"
	case VerbGroup:
		return "verb group"
	case Hypernym:
		return "hypernym"
	}
	return "Kind(?)"
}

// Lemma is a base form in WordNet: a word or a phrase (words separated by
// single spaces, in lower case) with its part of speech.
type Lemma struct {
	Word string
	POS  POS
}

// Relation is a word WordNet relates to a lemma of the word asked about.
type Relation struct {
	// Word is the related word or phrase, a lemma in lower case.
	Word string
	// POS is Word's part of speech.
	POS POS
	// Kind is how Word is related.
	Kind Kind
	// From is the base form of the word asked about that the relation
	// starts from.
	From Lemma
	// Rank is the rank of From's sense that gives the relation: 1 for its
	// most frequent sense, up to 3. Lower ranks are more trustworthy.
	Rank int
}

// maxWord bounds the words looked up; WordNet's longest lemma is shorter.
const maxWord = 80

// partsOfSpeech is the order Lemmas reports base forms in.
var partsOfSpeech = [...]POS{Verb, Noun, Adjective}

// Lemmas returns the base forms of word: word itself if it is a lemma, the
// base forms WordNet's exception lists give for an irregular form
// ("withdrew" → withdraw), and those WordNet's suffix rules give for a
// regular one ("signed" → sign, "missiles" → missile). A phrase is looked
// up as a whole ("pulled out" → pull out). Case does not matter. Verbs come
// first, then nouns, then adjectives. It returns nil for a word WordNet does
// not know; function words may give odd lemmas ("has" → the noun "ha"), so
// callers should skip them.
func Lemmas(word string) []Lemma {
	t, err := loadTable()
	if err != nil {
		return nil
	}
	return t.lookup(word)
}

// lookup is Lemmas on table t. A hyphenated word WordNet does not know is
// tried as separate words ("pull-out" → "pull out").
func (t *table) lookup(word string) []Lemma {
	w := normalize(word)
	if w == "" || len(w) > maxWord {
		return nil
	}
	ls := t.lemmas(w)
	if len(ls) == 0 && strings.Contains(w, "-") {
		ls = t.lemmas(normalize(strings.ReplaceAll(w, "-", " ")))
	}
	return ls
}

// Related returns the words WordNet relates to word's base forms through
// their first senses, one Relation per related word and part of speech,
// the strongest first: by Rank, then by Kind, then by POS and Word. It
// leaves out the base forms themselves and every pair the non-synonym table
// keeps apart. It returns nil for a word WordNet does not know, or if the
// embedded tables are broken (see Err).
func Related(word string) []Relation {
	t, err := loadTable()
	if err != nil {
		return nil
	}
	apart, err := loadDistinct()
	if err != nil {
		return nil
	}
	return t.relatedWord(word, apart)
}

// relatedWord is Related with the table and the pairs kept apart given.
func (t *table) relatedWord(word string, apart apartSet) []Relation {
	ls := t.lookup(word)
	self := map[string]bool{}
	var listed []string // the word's forms that the non-synonym table lists
	for _, w := range append([]string{normalize(word)}, lemmaWords(ls)...) {
		self[w] = true
		if apart.words[w] && !slices.Contains(listed, w) {
			listed = append(listed, w)
		}
	}
	// keptApart compares the word's forms with r's word and its possible
	// base forms, as Distinct does: "tested" (adjective) must not reach
	// "tried" (adjective) when "test" and "try" are kept apart. Any rule's
	// result counts, lemma or not: that is stricter than Distinct, and
	// saves looking each one up.
	memo := map[string]bool{}
	keptApart := func(r Relation) bool {
		if len(listed) == 0 || !apart.mayBeFormOfListed(r.Word) {
			return false
		}
		apartFrom, ok := memo[r.Word]
		if !ok {
			for _, pos := range partsOfSpeech {
				for _, b := range t.candidates(r.Word, pos) {
					for _, a := range listed {
						apartFrom = apartFrom || apart.has(a, b)
					}
				}
			}
			memo[r.Word] = apartFrom
		}
		return apartFrom
	}
	best := map[Lemma]Relation{}
	for _, l := range ls {
		t.related(l, apart, func(r Relation) {
			if self[r.Word] || keptApart(r) {
				return
			}
			k := Lemma{r.Word, r.POS}
			if old, ok := best[k]; !ok || compareRelations(r, old) < 0 {
				best[k] = r
			}
		})
	}
	out := make([]Relation, 0, len(best))
	for _, r := range best {
		out = append(out, r)
	}
	slices.SortFunc(out, compareRelations)
	return out
}

// lemmaWords returns the words of ls.
func lemmaWords(ls []Lemma) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Word
	}
	return out
}

// compareRelations orders relations strongest first: by rank, kind, part of
// speech and word, then by where they came from, so the order is total.
func compareRelations(a, b Relation) int {
	return cmp.Or(
		cmp.Compare(a.Rank, b.Rank),
		cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(posOrder(a.POS), posOrder(b.POS)),
		strings.Compare(a.Word, b.Word),
		cmp.Compare(posOrder(a.From.POS), posOrder(b.From.POS)),
		strings.Compare(a.From.Word, b.From.Word),
	)
}

// posOrder is p's place in partsOfSpeech.
func posOrder(p POS) int {
	return slices.Index(partsOfSpeech[:], p)
}

// Linked reports the strongest relation by which to is related to from: the
// first Relation of Related(from) whose word and part of speech are a base
// form of to. The direction matters: "ditch" is linked to its hypernym
// "abandon", not the other way round, and a synonym or derived form found
// through a sense of from that is beyond the first three of to links one
// way only, or at another rank.
func Linked(from, to string) (Relation, bool) {
	targets := Lemmas(to)
	for _, r := range Related(from) {
		if slices.Contains(targets, Lemma{r.Word, r.POS}) {
			return r, true
		}
	}
	return Relation{}, false
}

// Distinct reports whether the non-synonym table keeps a and b apart (see
// the package documentation), comparing their base forms; Related never
// links such a pair. It is false for words the table does not list.
func Distinct(a, b string) bool {
	apart, err := loadDistinct()
	if err != nil {
		return false
	}
	as, bs := forms(a), forms(b)
	for _, x := range as {
		for _, y := range bs {
			if apart.has(x, y) {
				return true
			}
		}
	}
	return false
}

// forms returns w normalized and its base forms' words.
func forms(w string) []string {
	out := []string{normalize(w)}
	for _, l := range Lemmas(w) {
		if !slices.Contains(out, l.Word) {
			out = append(out, l.Word)
		}
	}
	return out
}

// Err reports whether the embedded table and the non-synonym table load.
// They are checked by the package's tests, so it is nil in any tested
// build; while it is not nil, Lemmas and Related return nil.
func Err() error {
	_, terr := loadTable()
	_, derr := loadDistinct()
	return errors.Join(terr, derr)
}

// normalize puts a word or phrase in the table's form: lower case, words
// separated by one space ("_" counts as a space, as in WordNet's files),
// and typographic apostrophes made plain.
func normalize(w string) string {
	w = normalizer.Replace(strings.ToLower(w))
	return strings.Join(strings.Fields(w), " ")
}

var normalizer = strings.NewReplacer("_", " ", "\u2019", "'")

// lemmas returns the lemmas of the normalized word w, in partsOfSpeech
// order, without repeats.
func (t *table) lemmas(w string) []Lemma {
	var out []Lemma
	for _, pos := range partsOfSpeech {
		for _, c := range t.candidates(w, pos) {
			l := Lemma{c, pos}
			if !slices.Contains(out, l) && t.isLemma(c, pos) {
				out = append(out, l)
			}
		}
	}
	return out
}

// isLemma reports whether w has senses as pos.
func (t *table) isLemma(w string, pos POS) bool {
	i := t.find(w)
	return i >= 0 && len(t.senses(i, pos)) > 0
}

// related calls fn with every relation of lemma l's kept senses, except
// the senses l cedes to a word it is kept apart from (see cedes).
func (t *table) related(l Lemma, apart apartSet, fn func(Relation)) {
	i := t.find(l.Word)
	if i < 0 {
		return
	}
	for rank, sid := range t.senses(i, l.POS) {
		s := t.synset(sid)
		if t.cedes(l.Word, rank, sid, s, apart) {
			continue
		}
		emit := func(word int, pos POS, kind Kind) {
			if word != i {
				fn(Relation{Word: t.word(word), POS: pos, Kind: kind, From: l, Rank: rank + 1})
			}
		}
		self := slices.Index(s.members, i) + 1
		for _, m := range s.members {
			emit(m, s.pos, Synonym)
		}
		for _, p := range s.pointers {
			target := t.synset(p.target)
			switch p.symbol {
			case '@', '$':
				kind := Hypernym
				if p.symbol == '$' {
					kind = VerbGroup
				}
				for _, m := range target.members {
					emit(m, target.pos, kind)
				}
			case '+':
				if p.src == self && p.dst >= 1 && p.dst <= len(target.members) {
					emit(target.members[p.dst-1], target.pos, Derived)
				}
				// WordNet attaches a derivational link to one spelling or
				// one member only: "criticism" hangs off "criticise", not
				// "criticize", and "sign" links to "signer", not to its
				// synonym "signatory". A member of the linked synset that
				// shares the lemma's stem is the same derivation.
				for _, m := range target.members {
					if sharesStem(l.Word, t.word(m)) {
						emit(m, target.pos, Derived)
					}
				}
			}
		}
	}
}

// cedes reports whether the sense sid of word, its rank-th (from 0), is
// the meaning of another member kept apart from word, one for which the
// sense ranks higher. Sense 2 of "sign" is sense 1 of "ratify": it is what
// ratifying means, so "sign" draws nothing from it, while "ratify" keeps it
// (without "sign"). A sense that ranks the same for both stays with both.
func (t *table) cedes(word string, rank, sid int, s synset, apart apartSet) bool {
	for _, m := range s.members {
		w := t.word(m)
		if w == word || !apart.has(word, w) {
			continue
		}
		if r := slices.Index(t.senses(m, s.pos), sid); r >= 0 && r < rank {
			return true
		}
	}
	return false
}

// sharesStem reports whether a and b begin alike enough to be forms of one
// word: a common prefix of at least four bytes, missing at most three bytes
// of the shorter word ("criticize"/"criticism", "sign"/"signatory").
func sharesStem(a, b string) bool {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n >= 4 && n >= min(len(a), len(b))-3
}
