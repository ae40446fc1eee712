package library

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/treatybot/treatybot/corpus"
)

// diffCorpora fills the change counts of rep by comparing two corpora:
// documents by id and content hash, facts by sheet and content.
func diffCorpora(before, after *corpus.Corpus, rep Report) Report {
	rep.PassagesBefore = before.Stats().Passages
	rep.PassagesAfter = after.Stats().Passages
	for _, d := range after.Docs {
		old := before.Doc(d.ID)
		switch {
		case old == nil:
			rep.Added = append(rep.Added, d.ID)
		case docHash(old) != docHash(d):
			rep.Changed = append(rep.Changed, d.ID)
		}
		var oldFacts []corpus.Passage
		if old != nil && old.Kind == corpus.FactSheet {
			oldFacts = old.Passages
		}
		if d.Kind == corpus.FactSheet {
			a, c, r := diffFacts(oldFacts, d.Passages)
			rep.FactsAdded, rep.FactsChanged, rep.FactsRemoved = rep.FactsAdded+a, rep.FactsChanged+c, rep.FactsRemoved+r
		} else if len(oldFacts) > 0 {
			rep.FactsRemoved += len(oldFacts)
		}
	}
	for _, d := range before.Docs {
		if after.Doc(d.ID) == nil {
			rep.Removed = append(rep.Removed, d.ID)
			if d.Kind == corpus.FactSheet {
				rep.FactsRemoved += len(d.Passages)
			}
		}
	}
	return rep
}

// docHash is a content hash of everything a document serves: its metadata
// and its passages. Two loads of the same file give the same hash.
func docHash(d *corpus.Document) string {
	h := sha256.New()
	field := func(s string) { fmt.Fprintf(h, "%d:%s", len(s), s) }
	field(string(d.Kind))
	field(d.Path)
	field(d.Title)
	for _, a := range d.Aliases {
		field(a)
	}
	field(d.Source)
	field(d.URL)
	field(d.Published.String())
	field(d.Place)
	field(d.Text)
	for _, p := range d.Passages {
		io.WriteString(h, factKey(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// factKey is the content of one fact (or passage) that a change shows in.
func factKey(p corpus.Passage) string {
	return fmt.Sprintf("%d:%s|%d:%s|%d:%s|%s", len(p.Text), p.Text, len(p.Source), p.Source, len(p.URL), p.URL, p.Date)
}

// diffFacts counts facts added, changed and removed between two versions of
// one fact sheet. Facts have no ids, so they are matched in three rounds:
// identical facts are unchanged; facts with the same text but another
// date, source or url are changed; the rest are paired up in order as
// changed (an edited sentence), and what is left over was added or removed.
func diffFacts(before, after []corpus.Passage) (added, changed, removed int) {
	oldLeft := make([]bool, len(before)) // true = not matched yet
	newLeft := make([]bool, len(after))
	for i := range oldLeft {
		oldLeft[i] = true
	}
	for i := range newLeft {
		newLeft[i] = true
	}
	match := func(same func(a, b corpus.Passage) bool) int {
		n := 0
		for j, b := range after {
			if !newLeft[j] {
				continue
			}
			for i, a := range before {
				if oldLeft[i] && same(a, b) {
					oldLeft[i], newLeft[j] = false, false
					n++
					break
				}
			}
		}
		return n
	}
	match(func(a, b corpus.Passage) bool { return factKey(a) == factKey(b) })
	changed += match(func(a, b corpus.Passage) bool { return a.Text == b.Text })
	changed += match(func(a, b corpus.Passage) bool { return true })
	for _, left := range newLeft {
		if left {
			added++
		}
	}
	for _, left := range oldLeft {
		if left {
			removed++
		}
	}
	return added, changed, removed
}
