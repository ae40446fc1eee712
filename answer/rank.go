package answer

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/index"
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

// candidate is one possible answer: a span of a passage.
type candidate struct {
	p                  *corpus.Passage
	text               string // the short answer
	spanStart, spanEnd int    // byte range of the answer in p.Text; equal when none
	// score is the extractor's judgement of the span in [0, 1] while
	// candidates are generated; gather moves it to fit, and the model's
	// score (a logit) takes its place.
	score    float64
	fit      float64
	date     corpus.Date // the answer's date, for date answers
	relative bool        // the date was resolved from "on Tuesday" and the like
	f        vec
	passage  int // index of the candidate's passage in its pool
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
	toks    []token
	matches []match
	how     []matchHow // how each concept was found
	pronoun bool       // the passage has a word that points back
	rel     float64
	hit     int // the passage's place in retrieval, 0 first
}

// pool is everything the engine weighed for one question: the retrieved
// passages and the answer candidates found in them, with their features
// and, once a model has scored them, their scores.
type pool struct {
	q        question
	passages []weighed
	cands    []candidate
}

// weighed is a retrieved passage with its features and score.
type weighed struct {
	s     scored
	f     vec
	score float64 // the passage model's logit
	best  int     // index in the pool's candidates of its best candidate, or -1
}

// gather retrieves passages for a question, extracts typed candidates from
// them and computes every feature. It does not score: the same pool is
// what training logs and what the model ranks.
func (e *Engine) gather(ctx context.Context, q question) (pool, error) {
	pl := pool{q: q}
	hits, err := e.ix.Search(ctx, e.searchQuery(q))
	if err != nil {
		return pl, err
	}
	hits = deterministic(hits, retrieveSize)
	type found struct {
		s         scored
		cs        []candidate
		hit, bm25 float64
	}
	var fs []found
	best, bestBM := 0.0, 0.0
	for i, h := range hits {
		p := e.c.Passage(h.PassageID)
		if p == nil {
			continue
		}
		s := e.score(q, p)
		s.hit = i
		f := found{s: s, cs: e.extract(q, s), hit: h.Score, bm25: e.bm25(q, s.toks)}
		best, bestBM = max(best, f.hit), max(bestBM, f.bm25)
		fs = append(fs, f)
	}
	for pi, f := range fs {
		pf := e.passageFeatures(q, f.s, f.hit, best, f.bm25, bestBM, len(f.cs) > 0)
		pl.passages = append(pl.passages, weighed{s: f.s, f: pf, best: -1})
		for _, c := range f.cs {
			c.fit, c.score = c.score, 0
			c.f = pf
			c.passage = pi
			candidateFeatures(q, f.s, &c)
			pl.cands = append(pl.cands, c)
		}
	}
	crossFeatures(q, pl.cands)
	return pl, nil
}

// deterministic orders hits by score and then by passage ID, and keeps
// the first n. Bleve breaks ties by its internal document numbers, which
// differ between two builds of the same corpus; a ranking, and training,
// must not.
func deterministic(hits []index.Hit, n int) []index.Hit {
	// bleve's scores of one passage can differ in their last bits between
	// builds (its sums run in another order); nine digits are plenty
	for i := range hits {
		hits[i].Score = math.Round(hits[i].Score*1e9) / 1e9
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].PassageID < hits[j].PassageID
	})
	return hits[:min(n, len(hits))]
}

// rank scores a pool with the model and orders it: candidates best first,
// passages most likely to hold the answer first.
func (m *Model) rank(pl *pool) {
	for i := range pl.cands {
		pl.cands[i].score = m.span.Score(pl.cands[i].f[:])
	}
	rankByScore(pl.cands)
	for i := range pl.passages {
		pl.passages[i].score = m.passage.Score(pl.passages[i].f[:])
		pl.passages[i].best = -1
	}
	for i, c := range pl.cands {
		if w := &pl.passages[c.passage]; w.best < 0 {
			w.best = i
		}
	}
	order := make([]int, len(pl.passages))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return pl.passages[order[a]].score > pl.passages[order[b]].score })
	sorted := make([]weighed, len(order))
	remap := make([]int, len(order))
	for to, from := range order {
		sorted[to] = pl.passages[from]
		remap[from] = to
	}
	pl.passages = sorted
	for i := range pl.cands {
		pl.cands[i].passage = remap[pl.cands[i].passage]
	}
}

// score matches the question's concepts against a passage and its context,
// records how each one was found (the coverage features are built from
// that), and computes rel, the hand-weighted share of the question the
// passage covers, which a few extractors still use as a gate.
func (e *Engine) score(q question, p *corpus.Passage) scored {
	s := scored{p: p, d: e.c.Doc(p.DocID), toks: e.tokensOf(p.ID, p.Text)}
	s.matches = make([]match, len(q.concepts))
	s.how = make([]matchHow, len(q.concepts))
	var prev, title []token
	if s.d != nil {
		// "according to TASS": the publisher is context too
		title = e.tokensOf("title:"+s.d.ID, s.d.Title+" — "+s.d.Source)
		for i, a := range s.d.Aliases {
			title = append(title[:len(title):len(title)], e.tokensOf(fmt.Sprintf("alias:%s:%d", s.d.ID, i), a)...)
		}
		if pp := previousPassage(s.d, p); pp != nil {
			prev = e.tokensOf(pp.ID, pp.Text)
		}
	}
	s.pronoun = anyTok(s.toks, func(t token) bool { return corefWords[t.Lower] })
	// "the treaty", "the minister", "they": a word that points back further
	// than the sentence before ("it" seldom does)
	hasNounRef := anyTok(s.toks, func(t token) bool { return corefWords[t.Lower] && !shortRefs[t.Lower] })
	for ci := range q.concepts {
		m, how := e.matchConcept(q, s, ci, prev, title, hasNounRef)
		s.matches[ci], s.how[ci] = m, how
	}
	s.rel = handCoverage(q, s, e)
	return s
}

// matchConcept finds one concept of the question in a passage, or failing
// that in its context, and says how it was found.
func (e *Engine) matchConcept(q question, s scored, ci int, prev, title []token, hasNounRef bool) (match, matchHow) {
	c := q.concepts[ci]
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
	if len(c.text) == 4 && c.entity {
		// "in 1987": a year the passage's dates fall in
		var m match
		for _, dm := range s.p.Dates {
			if fmt.Sprint(dm.Date.Year) == c.text {
				k := tokenAt(s.toks, dm.Start)
				m.pos, m.end = append(m.pos, k), append(m.end, k+1)
			}
		}
		if len(m.pos) > 0 {
			return m, howExact
		}
		// "in 2017" and an article published in 2017 that says "on Sunday"
		if s.d != nil && fmt.Sprint(s.d.Published.Year) == c.text {
			return match{ctx: true}, howPublished
		}
	}
	// "in July" and an article published in July
	if s.d != nil && s.d.Published.Month != 0 && strings.EqualFold(c.text, s.d.Published.Month.String()) {
		return match{ctx: true}, howPublished
	}
	if ci == q.verb {
		return match{}, howMissing // the verb must be in the passage itself
	}
	other := c.entity && otherCountry(q, s.toks, c)
	// the sentence before may say what "it" or "the treaty" is; a name it
	// gives with no word here pointing back counts for less: "... adopted it
	// by 158 to 3. India, Bhutan and Libya voted against."
	if cm := findConcept(c, prev); len(cm.pos) > 0 && !other {
		if !c.entity || s.pronoun {
			return match{ctx: true, syn: cm.syn}, howPrev
		}
		return match{ctx: true, syn: cm.syn}, howWeak
	}
	// a document is about what its title names; "the treaty" may be the
	// one its lead names
	if cm := findConcept(c, title); len(cm.pos) > 0 {
		return match{ctx: true, syn: cm.syn}, howTitle
	}
	if !c.entity {
		return match{}, howMissing
	}
	// with no word pointing back, only the treaty or body the whole
	// article is about
	if (hasNounRef || e.acronyms[strings.ToLower(c.text)]) && !other {
		if cm := findConcept(c, e.leadTokens(s.d, s.p)); len(cm.pos) > 0 {
			return match{ctx: true, syn: cm.syn}, howLead
		}
	}
	return match{}, howMissing
}

// exactAt reports whether a concept occurs in toks as the question wrote it,
// not only as another form of its word.
func exactAt(c concept, toks []token, m match) bool {
	first := strings.ToLower(strings.Fields(c.text + " x")[0])
	for _, p := range m.pos {
		if toks[p].Lower == first {
			return true
		}
	}
	return false
}

// handCoverage is the hand-weighted share of the question a passage
// covers, lowered for each missing name, unknown word and a missing verb.
func handCoverage(q question, s scored, e *Engine) float64 {
	total, got := 0.0, 0.0
	missingEntity, missingPoss := 0, 0
	for ci, c := range q.concepts {
		total += c.weight
		switch s.how[ci] {
		case howExact, howStem:
			got += c.weight
		case howSyn:
			got += 0.85 * c.weight
		case howWordNet:
			got += 0.7 * c.weight
		case howHypernym:
			got += 0.5 * c.weight
		case howWeak, howLead:
			got += 0.35 * c.weight
		case howPrev, howTitle, howPublished:
			got += 0.6 * c.weight
		default:
			if c.entity && c.poss {
				missingPoss++
			} else if c.entity {
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
	for _, c := range q.concepts {
		if !c.light && !c.entity && !e.known(c) {
			if q.want == wantClaim || q.want == wantNounPhrase || q.want == wantYesNo {
				rel *= 0.55
			} else {
				rel *= 0.8
			}
		}
	}
	if q.verb >= 0 && len(s.matches[q.verb].pos) == 0 {
		rel *= missingVerbPenalty // the passage does not say the thing the question asks about
	}
	if q.verb >= 0 && displacedSubject(q, s) {
		rel *= 0.8
	}
	return rel
}

// displacedSubject reports whether the question's name, in the passage,
// only qualifies the real subject of the verb: "When did the ABM Treaty take
// effect?" is not answered by "The U.S. withdrawal from the ABM Treaty took
// effect on June 13, 2002", whose subject is the withdrawal.
func displacedSubject(q question, s scored) bool {
	vm := s.matches[q.verb]
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
	verbal := k < v-1 || strings.HasSuffix(vt.Lower, "ed") || irregular[vt.Lower] != ""
	if k >= 0 && verbal {
		t := s.toks[k]
		if t.Kind == tokWord && !t.Cap && !stopwords[t.Lower] && !corefWords[t.Lower] && !inQuestion(s, k, k+1) && k > 0 && s.toks[k-1].Lower == "the" {
			return true
		}
	}
	// "When was the treaty signed?" is not answered by "Putin signed the law
	// on ... the treaty": the passage's verb has another object
	if q.passive && verbal {
		if o := vm.end[0]; o+1 < len(s.toks) && (s.toks[o].Lower == "the" || s.toks[o].Lower == "a" || s.toks[o].Lower == "an") {
			// the object's words, "a long-term agreement": none may be
			// the question's or point back to it
			other := false
			for k := o + 1; k < len(s.toks) && k < o+4 && s.toks[k].Kind == tokWord && !stopwords[s.toks[k].Lower]; k++ {
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
	for ci, c := range q.concepts {
		m := s.matches[ci]
		if !c.entity || len(m.pos) == 0 || m.pos[0] >= v {
			continue
		}
		// back over the rest of the name: "from the Treaty on Open Skies"
		k := m.pos[0] - 1
		for k >= 0 && (s.toks[k].Lower == "the" || s.toks[k].Cap && s.toks[k].Kind == tokWord ||
			(s.toks[k].Lower == "on" || s.toks[k].Lower == "of") && k > 0 && s.toks[k-1].Cap && docWords[s.toks[k-1].Lower]) {
			k--
		}
		if k < 1 || !subjectPreps[s.toks[k].Lower] {
			continue
		}
		head := s.toks[k-1]
		if head.Kind != tokWord || head.Cap || stopwords[head.Lower] || inQuestion(s, k-1, k) {
			continue
		}
		// nothing but the name's own words between it and the verb
		between := false
		for j := m.end[0]; j < v; j++ {
			if s.toks[j].Kind == tokPunct {
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
var verbAux = setOf(`would will shall should could can may might must has have had is are was were be been to not also`)

// subjectPreps join a head noun to a name that qualifies it: "withdrawal
// from the treaty", "the text of the convention".
var subjectPreps = setOf(`from of to with under on`)

// otherCountry reports whether a passage names a country the question does
// not, when the question's concept c is a country: "Russia's chief
// negotiator" does not take "U.S." from the sentence before.
func otherCountry(q question, toks []token, c concept) bool {
	if _, ok := gazetteer[strings.ToLower(c.text)]; !ok {
		return false
	}
	for _, t := range toks {
		g, ok := gazetteer[t.Lower]
		if !ok || !t.Cap || g.kind == entCity {
			continue
		}
		mentioned := false
		for _, qc := range q.concepts {
			if len(findConcept(qc, []token{t}).pos) > 0 {
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
var corefWords = unionOf(setOf(`it its he his she her they their them this that these those deal`), docWords, orgWords, roleHeads)

// shortRefs point back only to the sentence before.
var shortRefs = setOf(`it its this that these those`)

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
func (e *Engine) leadTokens(d *corpus.Document, p *corpus.Passage) []token {
	if d == nil || d.Kind != corpus.Article {
		return nil
	}
	var out []token
	for i := 0; i < len(d.Passages) && i < 2; i++ {
		if d.Passages[i].ID == p.ID {
			return nil
		}
		out = append(out[:len(out):len(out)], e.tokensOf(d.Passages[i].ID, d.Passages[i].Text)...)
	}
	return out
}

// findConcept finds every occurrence of any form of a concept in toks,
// and says through which kind of form the best one was found.
func findConcept(c concept, toks []token) match {
	var m match
	best := -1
	for ai, a := range c.alts {
		found := false
		for i := range toks {
			if end, ok := matchAt(a.norms, toks, i); ok {
				m.pos = append(m.pos, i)
				m.end = append(m.end, end)
				found = true
			}
		}
		if found && best < 0 {
			best = ai
		}
		if found && ai < c.synFrom {
			break // the question's own word: no need for the others
		}
	}
	if best >= 0 {
		m.syn = best >= c.synFrom
		m.wn = best >= c.wnFrom
		m.hyper = c.alts[best].hyper
	}
	return m
}

// matchAt reports whether norms occur at token i, allowing up to two other
// words between consecutive norms ("took effect", "enter into force").
func matchAt(norms []string, toks []token, i int) (int, bool) {
	if !tokMatches(toks[i], norms[0]) {
		return 0, false
	}
	k := i + 1
	for _, n := range norms[1:] {
		found := false
		for gap := 0; gap < 3 && k < len(toks); gap++ {
			if toks[k].Kind == tokPunct && toks[k].Text != "-" {
				break
			}
			if tokMatches(toks[k], n) {
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

func tokMatches(t token, norm string) bool {
	if t.Kind == tokPunct {
		return false
	}
	if t.Norm == norm {
		return true
	}
	for _, p := range t.Parts {
		if p == norm {
			return true
		}
	}
	return false
}

// proximity scores a token span by how close it sits to the question's
// concepts in the passage, weighting the main verb most: "signed on
// December 8, 1987 and took effect on June 1, 1988" answers "when did it
// take effect" with the date beside "took effect".
func proximity(q question, s scored, from, to int) float64 {
	num, den := 0.0, 0.0
	for ci, m := range s.matches {
		if len(m.pos) == 0 {
			continue
		}
		w := q.concepts[ci].weight
		switch {
		case ci == q.verb:
			w *= 2.5
		case q.concepts[ci].entity:
			w *= entityProximityWeight
		}
		d := math.MaxInt32
		for k, p := range m.pos {
			end := m.end[k]
			switch {
			case end <= from:
				d = min(d, from-end+1+listGap(q, ci, s.toks, end, from))
			case p >= to && ci == q.verb && from > 2:
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
func restates(q question, s scored, c candidate) bool {
	switch q.want {
	case wantReason, wantClaim, wantNounPhrase, wantDescription:
	default:
		return false
	}
	if c.spanEnd <= c.spanStart {
		return false
	}
	content, asked := 0, 0
	for k := tokenAt(s.toks, c.spanStart); k < len(s.toks) && s.toks[k].End <= c.spanEnd; k++ {
		t := s.toks[k]
		if t.Kind == tokPunct || stopwords[t.Lower] {
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
func listGap(q question, ci int, toks []token, from, to int) int {
	if !q.concepts[ci].entity || from >= to || to > len(toks) {
		return 0
	}
	// the comma must close or open the span's own item, right beside it
	if sep := func(t token) bool { return t.Text == "," || t.Text == ";" || t.Lower == "and" }; sep(toks[from]) || sep(toks[to-1]) {
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

// tokenAt returns the index of the token containing byte offset off.
func tokenAt(toks []token, off int) int {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].End > off })
	return i
}
