package answer

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

// missingNamePenalty and missingVerbPenalty lower the hand-weighted
// coverage (handCoverage) of a passage that lacks a name or the verb of the
// question. That coverage is one feature among many; the trained model
// decides what it is worth.
var (
	// entityProximityWeight is how much more a name of the question counts
	// than a plain word when judging how close a span sits to the question.
	entityProximityWeight = 2.5
	missingNamePenalty    = 0.55
	missingVerbPenalty    = 0.75
)

// finder matches a question's concepts in passages and extracts the
// answer candidates of the type the question asks for.
type finder struct {
	c   *corpus.Corpus
	voc *question.Vocabulary
	// toks caches passage and title tokens for corpora small enough to
	// keep them all (cacheLimit passages); larger ones tokenize on demand.
	toks  sync.Map
	cache bool
}

// cacheLimit is the largest corpus, in passages, whose tokens are cached.
const cacheLimit = 50_000

func newFinder(c *corpus.Corpus, voc *question.Vocabulary) *finder {
	return &finder{c: c, voc: voc, cache: voc.Passages() <= cacheLimit}
}

// tokensOf returns the tokens of s, cached under key when the corpus is
// small enough.
func (f *finder) tokensOf(key, s string) []text.Token {
	if !f.cache {
		return text.Tokenize(s)
	}
	if t, ok := f.toks.Load(key); ok {
		return t.([]text.Token)
	}
	t := text.Tokenize(s)
	f.toks.Store(key, t)
	return t
}

// candidate is one possible answer: a span of a passage.
type candidate struct {
	p                  *corpus.Passage
	text               string // the short answer
	spanStart, spanEnd int    // byte range of the answer in p.Text; equal when none
	// fit is the extractor's judgement of the span in [0, 1]: its type,
	// its cues and its position.
	fit      float64
	date     corpus.Date // the answer's date, for date answers
	relative bool        // the date was resolved from "on Tuesday" and the like
}

// match is where one concept occurs in a passage.
type match struct {
	pos   []int // token indices where a form of the concept starts
	end   []int // token index just past each occurrence
	syn   bool  // matched only through a synonym or alias
	wn    bool  // ... only through WordNet
	hyper bool  // ... only through a WordNet hypernym
	ctx   bool  // not in the passage, but in its title or the sentence before
}

// scored is a passage with its tokens and concept matches.
type scored struct {
	p       *corpus.Passage
	d       *corpus.Document
	toks    []text.Token
	matches []match
	how     []matchHow // how each concept was found
	pronoun bool       // the passage has a word that points back
	rel     float64
	hit     int // the passage's place in retrieval, 0 first
}

// score matches the question's concepts against a passage and its context,
// records how each one was found (the coverage features are built from
// that), and computes rel, the hand-weighted share of the question the
// passage covers, which a few extractors still use as a gate.
func (f *finder) matchPassage(q question.Question, p *corpus.Passage) scored {
	s := scored{p: p, d: f.c.Doc(p.DocID), toks: f.tokensOf(p.ID, p.Text)}
	s.matches = make([]match, len(q.Concepts))
	s.how = make([]matchHow, len(q.Concepts))
	var prev, title []text.Token
	if s.d != nil {
		// "according to TASS": the publisher is context too
		title = f.tokensOf("title:"+s.d.ID, s.d.Title+" — "+s.d.Source)
		for i, a := range s.d.Aliases {
			title = append(title[:len(title):len(title)], f.tokensOf(fmt.Sprintf("alias:%s:%d", s.d.ID, i), a)...)
		}
		if pp := previousPassage(s.d, p); pp != nil {
			prev = f.tokensOf(pp.ID, pp.Text)
		}
	}
	s.pronoun = text.Any(s.toks, func(t text.Token) bool { return corefWords[t.Lower] })
	// "the treaty", "the minister", "they": a word that points back further
	// than the sentence before ("it" seldom does)
	hasNounRef := text.Any(s.toks, func(t text.Token) bool { return corefWords[t.Lower] && !shortRefs[t.Lower] })
	for ci := range q.Concepts {
		m, how := f.matchConcept(q, s, ci, prev, title, hasNounRef)
		s.matches[ci], s.how[ci] = m, how
	}
	s.rel = handCoverage(q, s, f.voc)
	return s
}

// matchConcept finds one concept of the question in a passage, or failing
// that in its context, and says how it was found.
func (f *finder) matchConcept(q question.Question, s scored, ci int, prev, title []text.Token, hasNounRef bool) (match, matchHow) {
	c := q.Concepts[ci]
	if m := findConcept(c, s.toks); len(m.pos) > 0 {
		switch {
		case m.hyper:
			return m, howHypernym
		case m.wn:
			return m, howWordNet
		case m.syn:
			return m, howSyn
		case exactAt(c, s.toks, m):
			return m, howExact
		}
		return m, howStem
	}
	if len(c.Text) == 4 && c.Entity {
		// "in 1987": a year the passage's dates fall in
		var m match
		for _, dm := range s.p.Dates {
			if fmt.Sprint(dm.Date.Year) == c.Text {
				k := text.TokenAt(s.toks, dm.Start)
				m.pos, m.end = append(m.pos, k), append(m.end, k+1)
			}
		}
		if len(m.pos) > 0 {
			return m, howExact
		}
		// "in 2017" and an article published in 2017 that says "on Sunday"
		if s.d != nil && fmt.Sprint(s.d.Published.Year) == c.Text {
			return match{ctx: true}, howPublished
		}
	}
	// "in July" and an article published in July
	if s.d != nil && s.d.Published.Month != 0 && strings.EqualFold(c.Text, s.d.Published.Month.String()) {
		return match{ctx: true}, howPublished
	}
	if ci == q.Verb {
		return match{}, howMissing // the verb must be in the passage itself
	}
	other := c.Entity && otherCountry(q, s.toks, c)
	// the sentence before may say what "it" or "the treaty" is; a name it
	// gives with no word here pointing back counts for less: "... adopted it
	// by 158 to 3. India, Bhutan and Libya voted against."
	if cm := findConcept(c, prev); len(cm.pos) > 0 && !other {
		if !c.Entity || s.pronoun {
			return match{ctx: true, syn: cm.syn}, howPrev
		}
		return match{ctx: true, syn: cm.syn}, howWeak
	}
	// a document is about what its title names; "the treaty" may be the
	// one its lead names
	if cm := findConcept(c, title); len(cm.pos) > 0 {
		return match{ctx: true, syn: cm.syn}, howTitle
	}
	if !c.Entity {
		return match{}, howMissing
	}
	// with no word pointing back, only the treaty or body the whole
	// article is about
	if (hasNounRef || f.voc.InCapitals(strings.ToLower(c.Text))) && !other {
		if cm := findConcept(c, f.leadTokens(s.d, s.p)); len(cm.pos) > 0 {
			return match{ctx: true, syn: cm.syn}, howLead
		}
	}
	return match{}, howMissing
}

// exactAt reports whether a concept occurs in toks as the question wrote it,
// not only as another form of its word.
func exactAt(c question.Concept, toks []text.Token, m match) bool {
	first := strings.ToLower(strings.Fields(c.Text + " x")[0])
	for _, p := range m.pos {
		if toks[p].Lower == first {
			return true
		}
	}
	return false
}

// handCoverage is the hand-weighted share of the question a passage
// covers, lowered for each missing name, unknown word and a missing verb.
func handCoverage(q question.Question, s scored, voc *question.Vocabulary) float64 {
	total, got := 0.0, 0.0
	missingEntity, missingPoss := 0, 0
	for ci, c := range q.Concepts {
		total += c.Weight
		switch s.how[ci] {
		case howExact, howStem:
			got += c.Weight
		case howSyn:
			got += 0.85 * c.Weight
		case howWordNet:
			got += 0.7 * c.Weight
		case howHypernym:
			got += 0.5 * c.Weight
		case howWeak, howLead:
			got += 0.35 * c.Weight
		case howPrev, howTitle, howPublished:
			got += 0.6 * c.Weight
		default:
			if c.Entity && c.Poss {
				missingPoss++
			} else if c.Entity {
				missingEntity++
			}
		}
	}
	rel := 0.0
	if total > 0 {
		rel = got / total
	}
	rel *= math.Pow(missingNamePenalty, float64(missingEntity)) * math.Pow(0.75, float64(missingPoss))
	// a question word the corpus never uses ("population") is a sign the
	// corpus does not cover the question; open questions suffer most
	for _, c := range q.Concepts {
		if !c.Light && !c.Entity && !voc.Known(c) {
			if q.Want == question.WantClaim || q.Want == question.WantNounPhrase || q.Want == question.WantYesNo {
				rel *= 0.55
			} else {
				rel *= 0.8
			}
		}
	}
	if q.Verb >= 0 && len(s.matches[q.Verb].pos) == 0 {
		rel *= missingVerbPenalty // the passage does not say the thing the question asks about
	}
	if q.Verb >= 0 && displacedSubject(q, s) {
		rel *= 0.8
	}
	return rel
}

// displacedSubject reports whether the question's name, in the passage,
// only qualifies the real subject of the verb: "When did the ABM Treaty take
// effect?" is not answered by "The U.S. withdrawal from the ABM Treaty took
// effect on June 13, 2002", whose subject is the withdrawal.
func displacedSubject(q question.Question, s scored) bool {
	vm := s.matches[q.Verb]
	if len(vm.pos) == 0 {
		return false
	}
	v := vm.pos[0]
	// "... said the withdrawal would take effect on Saturday": the verb's
	// own subject is a noun the question does not name
	k := v - 1
	for k >= 0 && verbAux[s.toks[k].Lower] {
		k--
	}
	// only a real verb has a subject: "would take", "took", not "the sixth test"
	vt := s.toks[v]
	verbal := k < v-1 || strings.HasSuffix(vt.Lower, "ed") || text.Irregular[vt.Lower] != ""
	if k >= 0 && verbal {
		t := s.toks[k]
		if t.Kind == text.Word && !t.Cap && !lexicon.Stopwords[t.Lower] && !corefWords[t.Lower] && !inQuestion(s, k, k+1) && k > 0 && s.toks[k-1].Lower == "the" {
			return true
		}
	}
	// "When was the treaty signed?" is not answered by "Putin signed the law
	// on ... the treaty": the passage's verb has another object
	if q.Passive && verbal {
		if o := vm.end[0]; o+1 < len(s.toks) && (s.toks[o].Lower == "the" || s.toks[o].Lower == "a" || s.toks[o].Lower == "an") {
			// the object's words, "a long-term agreement": none may be
			// the question's or point back to it
			other := false
			for k := o + 1; k < len(s.toks) && k < o+4 && s.toks[k].Kind == text.Word && !lexicon.Stopwords[s.toks[k].Lower]; k++ {
				if s.toks[k].Cap || corefWords[s.toks[k].Lower] || inQuestion(s, k, k+1) {
					other = false
					break
				}
				other = true
			}
			if other {
				return true
			}
		}
	}
	for ci, c := range q.Concepts {
		m := s.matches[ci]
		if !c.Entity || len(m.pos) == 0 || m.pos[0] >= v {
			continue
		}
		// back over the rest of the name: "from the Treaty on Open Skies"
		k := m.pos[0] - 1
		for k >= 0 && (s.toks[k].Lower == "the" || s.toks[k].Cap && s.toks[k].Kind == text.Word ||
			(s.toks[k].Lower == "on" || s.toks[k].Lower == "of") && k > 0 && s.toks[k-1].Cap && lexicon.DocWords[s.toks[k-1].Lower]) {
			k--
		}
		if k < 1 || !subjectPreps[s.toks[k].Lower] {
			continue
		}
		head := s.toks[k-1]
		if head.Kind != text.Word || head.Cap || lexicon.Stopwords[head.Lower] || inQuestion(s, k-1, k) {
			continue
		}
		// nothing but the name's own words between it and the verb
		between := false
		for j := m.end[0]; j < v; j++ {
			if s.toks[j].Kind == text.Punct {
				between = true
			}
		}
		if !between {
			return true
		}
	}
	return false
}

// verbAux stand between a subject and its verb.
var verbAux = lexicon.SetOf(`would will shall should could can may might must has have had is are was were be been to not also`)

// subjectPreps join a head noun to a name that qualifies it: "withdrawal
// from the treaty", "the text of the convention".
var subjectPreps = lexicon.SetOf(`from of to with under on`)

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
			if len(findConcept(qc, []text.Token{t}).pos) > 0 {
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
func (f *finder) leadTokens(d *corpus.Document, p *corpus.Passage) []text.Token {
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
func findConcept(c question.Concept, toks []text.Token) match {
	var m match
	best := -1
	for ai, a := range c.Alts {
		found := false
		for i := range toks {
			if end, ok := matchAt(a.Norms, toks, i); ok {
				m.pos = append(m.pos, i)
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

// proximity scores a token span by how close it sits to the question's
// concepts in the passage, weighting the main verb most: "signed on
// December 8, 1987 and took effect on June 1, 1988" answers "when did it
// take effect" with the date beside "took effect".
func proximity(q question.Question, s scored, from, to int) float64 {
	num, den := 0.0, 0.0
	for ci, m := range s.matches {
		if len(m.pos) == 0 {
			continue
		}
		w := q.Concepts[ci].Weight
		switch {
		case ci == q.Verb:
			w *= 2.5
		case q.Concepts[ci].Entity:
			w *= entityProximityWeight
		}
		d := math.MaxInt32
		for k, p := range m.pos {
			end := m.end[k]
			switch {
			case end <= from:
				d = min(d, from-end+1+listGap(q, ci, s.toks, end, from))
			case p >= to && ci == q.Verb && from > 2:
				// answers follow their verb ("took effect on June 1"),
				// unless they open the sentence ("On June 1, it took effect")
				d = min(d, 2*(p-to)+2)
			case p >= to:
				d = min(d, p-to+1+listGap(q, ci, s.toks, to, p))
			default:
				d = 0
			}
		}
		den += w
		num += w * math.Exp(-float64(d)/6)
	}
	if den == 0 {
		return 0
	}
	return num / den
}

// restates reports whether a phrase answer is mostly the question's own
// words: "Why did the US pull out of the ABM Treaty?" is not answered by
// "the U.S. withdrawal from the ABM Treaty".
func restates(q question.Question, s scored, c candidate) bool {
	switch q.Want {
	case question.WantReason, question.WantClaim, question.WantNounPhrase, question.WantDescription:
	default:
		return false
	}
	if c.spanEnd <= c.spanStart {
		return false
	}
	content, asked := 0, 0
	for k := text.TokenAt(s.toks, c.spanStart); k < len(s.toks) && s.toks[k].End <= c.spanEnd; k++ {
		t := s.toks[k]
		if t.Kind == text.Punct || lexicon.Stopwords[t.Lower] {
			continue
		}
		content++
		if inQuestion(s, k, k+1) {
			asked++
		}
	}
	return content > 0 && 3*asked > 2*content
}

// listGap is the extra distance a comma or semicolon puts between a name
// of the question and a span: in "Nairobi in 2004, Cartagena in 2009" the
// comma parts list items, so 2009, not 2004, goes with Cartagena.
func listGap(q question.Question, ci int, toks []text.Token, from, to int) int {
	if !q.Concepts[ci].Entity || from >= to || to > len(toks) {
		return 0
	}
	// the comma must close or open the span's own item, right beside it
	if sep := func(t text.Token) bool { return t.Text == "," || t.Text == ";" || t.Lower == "and" }; sep(toks[from]) || sep(toks[to-1]) {
		return 1
	}
	return 0
}

// inQuestion reports whether any token of [from, to) is one the question
// itself mentions: such a span is not an answer.
func inQuestion(s scored, from, to int) bool {
	for _, m := range s.matches {
		for k, p := range m.pos {
			if p < to && m.end[k] > from {
				return true
			}
		}
	}
	return false
}

// matchHow says how one concept of the question was found for a passage.
type matchHow uint8

const (
	howMissing   matchHow = iota
	howExact              // the question's own word, as written
	howStem               // another form of the question's word ("signed" for "sign")
	howSyn                // a lexicon synonym or one of the corpus's aliases
	howPrev               // in the sentence before, which a word here points back to
	howWeak               // in the sentence before, with nothing here pointing back
	howTitle              // in the document's title, publisher or aliases
	howLead               // in the article's lead, named by "the treaty" here
	howPublished          // the year or month the article was published
	howWordNet            // a WordNet synonym, derived form or verb group
	howHypernym           // a WordNet hypernym: a broader word
	numHows
)
