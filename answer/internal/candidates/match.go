package candidates

import (
	"fmt"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

// How says how one concept of the question was found for a passage.
type How uint8

const (
	HowMissing   How = iota
	HowExact         // the question's own word, as written
	HowStem          // another form of the question's word ("signed" for "sign")
	HowSyn           // a lexicon synonym or one of the corpus's aliases
	HowPrev          // in the sentence before, which a word here points back to
	HowWeak          // in the sentence before, with nothing here pointing back
	HowTitle         // in the document's title, publisher or aliases
	HowLead          // in the article's lead, named by "the treaty" here
	HowPublished     // the year or month the article was published
	HowWordNet       // a WordNet synonym, derived form or verb group
	HowHypernym      // a WordNet hypernym: a broader word
	NumHows
)

// Match is where one concept of the question occurs in a passage.
type Match struct {
	Pos   []int // token indices where a form of the concept starts
	end   []int // token index just past each occurrence
	syn   bool  // matched only through a synonym or alias
	wn    bool  // ... only through WordNet
	hyper bool  // ... only through a WordNet hypernym
	ctx   bool  // not in the passage, but in its title or the sentence before
}

// Passage is a retrieved passage as Finder.MatchPassage read it for a
// question: its tokens, and where and how each of the question's concepts
// was found (Matches and How, one per concept).
type Passage struct {
	P       *corpus.Passage
	Doc     *corpus.Document // the passage's document
	Toks    []text.Token
	Matches []Match
	How     []How // how each concept was found
	pronoun bool  // the passage has a word that points back
	// Rel is the hand-weighted share of the question the passage covers
	// (handCoverage): a feature, and a gate of a few extractors.
	Rel float64
	Hit int // the passage's place in retrieval, 0 first
}

// MatchPassage matches the question's concepts against a passage and its context,
// records how each one was found (the coverage features are built from
// that), and computes rel, the hand-weighted share of the question the
// passage covers, which a few extractors still use as a gate.
func (f *Finder) MatchPassage(q question.Question, p *corpus.Passage) Passage {
	s := Passage{P: p, Doc: f.c.Doc(p.DocID), Toks: f.tokensOf(p.ID, p.Text)}
	s.Matches = make([]Match, len(q.Concepts))
	s.How = make([]How, len(q.Concepts))
	var prev, title []text.Token
	if s.Doc != nil {
		// "according to TASS": the publisher is context too
		title = f.tokensOf("title:"+s.Doc.ID, s.Doc.Title+" — "+s.Doc.Source)
		for i, a := range s.Doc.Aliases {
			title = append(title[:len(title):len(title)], f.tokensOf(fmt.Sprintf("alias:%s:%d", s.Doc.ID, i), a)...)
		}
		if pp := previousPassage(s.Doc, p); pp != nil {
			prev = f.tokensOf(pp.ID, pp.Text)
		}
	}
	s.pronoun = text.Any(s.Toks, func(t text.Token) bool { return corefWords[t.Lower] })
	// "the treaty", "the minister", "they": a word that points back further
	// than the sentence before ("it" seldom does)
	hasNounRef := text.Any(s.Toks, func(t text.Token) bool { return corefWords[t.Lower] && !shortRefs[t.Lower] })
	for ci := range q.Concepts {
		m, how := f.matchConcept(q, s, ci, prev, title, hasNounRef)
		s.Matches[ci], s.How[ci] = m, how
	}
	s.Rel = handCoverage(q, s, f.voc)
	return s
}

// matchConcept finds one concept of the question in a passage, or failing
// that in its context, and says how it was found.
func (f *Finder) matchConcept(q question.Question, s Passage, ci int, prev, title []text.Token, hasNounRef bool) (Match, How) {
	c := q.Concepts[ci]
	if m := findConcept(c, s.Toks); len(m.Pos) > 0 {
		switch {
		case m.hyper:
			return m, HowHypernym
		case m.wn:
			return m, HowWordNet
		case m.syn:
			return m, HowSyn
		case exactAt(c, s.Toks, m):
			return m, HowExact
		}
		return m, HowStem
	}
	if len(c.Text) == 4 && c.Entity {
		// "in 1987": a year the passage's dates fall in
		var m Match
		for _, dm := range s.P.Dates {
			if fmt.Sprint(dm.Date.Year) == c.Text {
				k := text.TokenAt(s.Toks, dm.Start)
				m.Pos, m.end = append(m.Pos, k), append(m.end, k+1)
			}
		}
		if len(m.Pos) > 0 {
			return m, HowExact
		}
		// "in 2017" and an article published in 2017 that says "on Sunday"
		if s.Doc != nil && fmt.Sprint(s.Doc.Published.Year) == c.Text {
			return Match{ctx: true}, HowPublished
		}
	}
	// "in July" and an article published in July
	if s.Doc != nil && s.Doc.Published.Month != 0 && strings.EqualFold(c.Text, s.Doc.Published.Month.String()) {
		return Match{ctx: true}, HowPublished
	}
	if ci == q.Verb {
		return Match{}, HowMissing // the verb must be in the passage itself
	}
	other := c.Entity && otherCountry(q, s.Toks, c)
	// the sentence before may say what "it" or "the treaty" is; a name it
	// gives with no word here pointing back counts for less: "... adopted it
	// by 158 to 3. India, Bhutan and Libya voted against."
	if cm := findConcept(c, prev); len(cm.Pos) > 0 && !other {
		if !c.Entity || s.pronoun {
			return Match{ctx: true, syn: cm.syn}, HowPrev
		}
		return Match{ctx: true, syn: cm.syn}, HowWeak
	}
	// a document is about what its title names; "the treaty" may be the
	// one its lead names
	if cm := findConcept(c, title); len(cm.Pos) > 0 {
		return Match{ctx: true, syn: cm.syn}, HowTitle
	}
	if !c.Entity {
		return Match{}, HowMissing
	}
	// with no word pointing back, only the treaty or body the whole
	// article is about
	if (hasNounRef || f.voc.InCapitals(strings.ToLower(c.Text))) && !other {
		if cm := findConcept(c, f.leadTokens(s.Doc, s.P)); len(cm.Pos) > 0 {
			return Match{ctx: true, syn: cm.syn}, HowLead
		}
	}
	return Match{}, HowMissing
}

// exactAt reports whether a concept occurs in toks as the question wrote it,
// not only as another form of its word.
func exactAt(c question.Concept, toks []text.Token, m Match) bool {
	first := strings.ToLower(strings.Fields(c.Text + " x")[0])
	for _, p := range m.Pos {
		if toks[p].Lower == first {
			return true
		}
	}
	return false
}

// otherCountry reports whether a passage names a country the question does
// not, when the question's concept c is a country: "Russia's chief
// negotiator" does not take "U.S." from the sentence before.
func otherCountry(q question.Question, toks []text.Token, c question.Concept) bool {
	if _, ok := lexicon.Gazetteer[strings.ToLower(c.Text)]; !ok {
		return false
	}
	for _, t := range toks {
		g, ok := lexicon.Gazetteer[t.Lower]
		if !ok || !t.Cap || g == lexicon.PlaceCity {
			continue
		}
		mentioned := false
		for _, qc := range q.Concepts {
			if len(findConcept(qc, []text.Token{t}).Pos) > 0 {
				mentioned = true
				break
			}
		}
		if !mentioned {
			return true
		}
	}
	return false
}

// corefWords refer back to something named before: a passage holding one
// may take names from the sentence before it.
// "the treaty", "the convention"; "the agency", "the minister": a definite
// description of something named before.
var corefWords = lexicon.UnionOf(lexicon.SetOf(`it its he his she her they their them this that these those deal`), lexicon.DocWords, lexicon.OrgWords, lexicon.RoleHeads)

// shortRefs point back only to the sentence before.
var shortRefs = lexicon.SetOf(`it its this that these those`)

// previousPassage returns the sentence before p in the same paragraph, or
// the document's first passage (its title line or lead) for a fact or
// sentence that has no predecessor.
func previousPassage(d *corpus.Document, p *corpus.Passage) *corpus.Passage {
	for i := range d.Passages {
		if d.Passages[i].ID == p.ID {
			if i > 0 && d.Passages[i-1].Paragraph == p.Paragraph && d.Kind == corpus.Article {
				return &d.Passages[i-1]
			}
			return nil
		}
	}
	return nil
}

// leadTokens returns the tokens of an article's first two passages, its
// title line and lead, unless p is one of them.
func (f *Finder) leadTokens(d *corpus.Document, p *corpus.Passage) []text.Token {
	if d == nil || d.Kind != corpus.Article {
		return nil
	}
	var out []text.Token
	for i := 0; i < len(d.Passages) && i < 2; i++ {
		if d.Passages[i].ID == p.ID {
			return nil
		}
		out = append(out[:len(out):len(out)], f.tokensOf(d.Passages[i].ID, d.Passages[i].Text)...)
	}
	return out
}

// findConcept finds every occurrence of any form of a concept in toks,
// and says through which kind of form the best one was found.
func findConcept(c question.Concept, toks []text.Token) Match {
	var m Match
	best := -1
	for ai, a := range c.Alts {
		found := false
		for i := range toks {
			if end, ok := matchAt(a.Norms, toks, i); ok {
				m.Pos = append(m.Pos, i)
				m.end = append(m.end, end)
				found = true
			}
		}
		if found && best < 0 {
			best = ai
		}
		if found && ai < c.SynFrom {
			break // the question's own word: no need for the others
		}
	}
	if best >= 0 {
		m.syn = best >= c.SynFrom
		m.wn = best >= c.WnFrom
		m.hyper = c.Alts[best].Hyper
	}
	return m
}

// matchAt reports whether norms occur at token i, allowing up to two other
// words between consecutive norms ("took effect", "enter into force").
func matchAt(norms []string, toks []text.Token, i int) (int, bool) {
	if !text.Matches(toks[i], norms[0]) {
		return 0, false
	}
	k := i + 1
	for _, n := range norms[1:] {
		found := false
		for gap := 0; gap < 3 && k < len(toks); gap++ {
			if toks[k].Kind == text.Punct && toks[k].Text != "-" {
				break
			}
			if text.Matches(toks[k], n) {
				found = true
				k++
				break
			}
			k++
		}
		if !found {
			return 0, false
		}
	}
	return k, true
}
