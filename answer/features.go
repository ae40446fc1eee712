package answer

import (
	"math"
	"strings"

	"github.com/treatybot/treatybot/corpus"
)

// This file is the engine's feature store: every signal the trained model
// weighs, named and documented in one place. A passage retrieved for a
// question gets the passage features; each answer candidate found in it
// gets those and the candidate features. The same code fills them when the
// engine answers and when `treatybot train` logs them, so training and
// serving never compute a feature differently. The model (model.go) refers
// to features by name.

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

// feature names one entry of a feature vector.
type feature int

// The features. Passage features come first; fFirstCandidate starts the
// candidate features.
const (
	fRetrieval feature = iota
	fRetrievalRank
	fBM25
	fCovExact
	fCovStem
	fCovSyn
	fCovPrev
	fCovWeak
	fCovTitle
	fCovLead
	fCovPublished
	fCovSpell
	fCovWordNet
	fCovHypernym
	fConceptsHere
	fMissingNames
	fMissingPoss
	fUnknownWords
	fUnknownOpen
	fVerbMissing
	fVerbSyn
	fVerbWordNet
	fNoVerb
	fDisplaced
	fHeadHere
	fFact
	fPassageWords
	fHandCoverage
	fTyped
	fQuestionConcepts
	fWantDate
	fWantWho
	fWantPlace
	fWantNumber
	fWantPhrase
	fWantYesNo

	fFit
	fProximity
	fRestates
	fEcho
	fAgree
	fAgreeFact
	fDateDay
	fDateMonth
	fDateRelative
	fDateRefines
	fDateEarliest
	fNoSpan
	fSpanWords
	fList

	numFeatures
	fFirstCandidate = fFit
)

// featureDocs names and explains every feature. Names are what the model
// file uses; keep them stable.
var featureDocs = [numFeatures]struct{ name, doc string }{
	fRetrieval:        {"retrieval", "the passage's bleve score over the question's expanded query, over the best hit's"},
	fRetrievalRank:    {"retrieval_rank", "1/(1+place) of the passage in bleve's ranking"},
	fBM25:             {"bm25", "BM25 of the question's own words (no synonyms) in the passage, over the best retrieved passage's"},
	fCovExact:         {"cov_exact", "share of the question's weight found as the question writes it"},
	fCovStem:          {"cov_stem", "share found as another form of the same word ('signed' for 'sign')"},
	fCovSyn:           {"cov_syn", "share found only through a lexicon synonym or a corpus alias"},
	fCovPrev:          {"cov_prev", "share found in the sentence before, which a word here points back to"},
	fCovWeak:          {"cov_weak", "share found in the sentence before, with no word here pointing back"},
	fCovTitle:         {"cov_title", "share found in the document's title, publisher or aliases"},
	fCovLead:          {"cov_lead", "share found in the article's lead, for 'the treaty' or an acronym"},
	fCovPublished:     {"cov_published", "share matched by the article's publication year or month"},
	fCovWordNet:       {"cov_wordnet", "share found only through WordNet: a synonym, derived form or verb group"},
	fCovHypernym:      {"cov_hypernym", "share found only through a WordNet hypernym, a broader word"},
	fCovSpell:         {"cov_spell", "share of spelling-corrected question words found anywhere"},
	fConceptsHere:     {"concepts_here", "share of the question's concepts, by count, found in the passage itself"},
	fMissingNames:     {"missing_names", "names of the question found nowhere for this passage"},
	fMissingPoss:      {"missing_poss", "possessive names of the question ('Iran's president') found nowhere"},
	fUnknownWords:     {"unknown_words", "question words that the whole corpus never uses"},
	fUnknownOpen:      {"unknown_open", "unknown_words, for open questions (what, which, yes/no)"},
	fVerbMissing:      {"verb_missing", "the question has a main verb and the passage lacks it"},
	fVerbSyn:          {"verb_syn", "the question's verb is in the passage only as a synonym"},
	fVerbWordNet:      {"verb_wordnet", "the question's verb is in the passage only through WordNet"},
	fNoVerb:           {"no_verb", "the question has no main verb"},
	fDisplaced:        {"displaced_subject", "the question's name only qualifies the passage verb's real subject or object"},
	fHeadHere:         {"head_here", "the head noun of 'which X'/'how many X' is in the passage"},
	fFact:             {"fact", "the passage is a fact-sheet fact, not an article sentence"},
	fPassageWords:     {"passage_words", "the passage's length in words, log-scaled"},
	fHandCoverage:     {"hand_coverage", "the old hand-weighted coverage score (kept to compare against)"},
	fTyped:            {"typed", "the passage holds a span of the type the question asks for"},
	fQuestionConcepts: {"question_concepts", "how many concepts the question has, log-scaled"},
	fWantDate:         {"want_date", "the question asks when"},
	fWantWho:          {"want_who", "the question asks who or which person, body or country"},
	fWantPlace:        {"want_place", "the question asks where"},
	fWantNumber:       {"want_number", "the question asks how many or how much"},
	fWantPhrase:       {"want_phrase", "the question asks for a phrase: a claim, reason, description, role or name"},
	fWantYesNo:        {"want_yesno", "the question asks yes or no"},

	fFit:          {"fit", "the extractor's own judgement of the span: type, cues and position"},
	fProximity:    {"proximity", "how close the span sits to the question's words in the passage"},
	fRestates:     {"restates", "a phrase answer made mostly of the question's own words"},
	fEcho:         {"echo", "share of the span's words that the question has"},
	fAgree:        {"agree", "other passages giving the same answer, log-scaled"},
	fAgreeFact:    {"agree_fact", "a fact-sheet fact gives the same answer"},
	fDateDay:      {"date_day", "the answer is a date known to the day"},
	fDateMonth:    {"date_month", "the answer is a date known to the month"},
	fDateRelative: {"date_relative", "the date was resolved from a relative expression ('on Tuesday')"},
	fDateRefines:  {"date_refines", "the date makes precise another candidate's vaguer date"},
	fDateEarliest: {"date_earliest", "the question asks when something first happened and this is the earliest near-best date"},
	fNoSpan:       {"no_span", "the answer is the fact's date field, not a span of its text"},
	fSpanWords:    {"span_words", "the answer's length in words, log-scaled"},
	fList:         {"list", "the answer joins several names or dates"},
}

// vec is a feature vector.
type vec [numFeatures]float64

// featureIndex maps a feature name to its index.
var featureIndex = func() map[string]int {
	m := map[string]int{}
	for f, d := range featureDocs {
		m[d.name] = f
	}
	return m
}()

func featureName(f int) string { return featureDocs[f].name }

// Decision features describe the best candidate of a ranked pool as an
// answer to give: how far it stands above the rest, and, since the span
// scorer's scores only order candidates within a question, the best
// candidate's own features as well, named "cand_<feature>". They feed the
// model's decision scorer, whose output is the engine's confidence.
const (
	dTop        = iota // the best candidate's span score
	dMargin            // its lead over the best candidate with another answer, capped at 8
	dPassage           // the passage scorer's score of its passage
	dAnswers           // distinct answers within 2 of the best score, log-scaled
	dTopPassage        // its passage is the one the passage scorer puts first
	dPointwise         // the pointwise span scorer's score of it: how likely right on its own
	dCand              // the best candidate's features start here
	numDecision = dCand + int(numFeatures)
)

var decisionNames = func() [numDecision]string {
	var n [numDecision]string
	copy(n[:], []string{"top", "margin", "passage", "answers", "top_passage", "pointwise"})
	for f := range numFeatures {
		n[dCand+int(f)] = "cand_" + featureDocs[f].name
	}
	return n
}()

var decisionIndex = func() map[string]int {
	m := map[string]int{}
	for i, n := range decisionNames {
		m[n] = i
	}
	return m
}()

func decisionName(i int) string { return decisionNames[i] }

// decisionFeatures describes the best candidate of a pool ranked by m.
func decisionFeatures(pl pool, m *Model) [numDecision]float64 {
	var d [numDecision]float64
	if len(pl.cands) == 0 {
		return d
	}
	best := pl.cands[0]
	d[dTop] = best.score
	d[dMargin] = 8
	answers := map[string]bool{}
	key := normalizeAnswer(best.text)
	for _, c := range pl.cands {
		k := normalizeAnswer(c.text)
		if k != key && d[dMargin] == 8 {
			d[dMargin] = math.Min(8, best.score-c.score)
		}
		if c.score >= best.score-2 {
			answers[k] = true
		}
	}
	d[dPassage] = m.passage.Score(best.f[:])
	d[dAnswers] = math.Log(float64(len(answers)))
	d[dTopPassage] = b2f(best.passage == 0)
	copy(d[dCand:], best.f[:])
	d[dPointwise] = m.pointwise.Score(best.f[:])
	return d
}

// passageFeatures fills the passage part of a feature vector. best and
// bestBM25 are the best retrieval and BM25 scores among the question's
// retrieved passages.
func (e *Engine) passageFeatures(q question, s scored, hitScore, best, bm25, bestBM25 float64, typed bool) vec {
	var v vec
	if best > 0 {
		v[fRetrieval] = hitScore / best
	}
	v[fRetrievalRank] = 1 / float64(1+s.hit)
	if bestBM25 > 0 {
		v[fBM25] = bm25 / bestBM25
	}
	total, here, spellTotal, spellGot := 0.0, 0, 0.0, 0.0
	var byHow [numHows]float64
	for ci, c := range q.concepts {
		total += c.weight
		byHow[s.how[ci]] += c.weight
		switch s.how[ci] {
		case howExact, howStem, howSyn, howWordNet, howHypernym:
			here++
		case howMissing:
			if c.entity && c.poss {
				v[fMissingPoss]++
			} else if c.entity {
				v[fMissingNames]++
			}
		}
		if c.corrected {
			spellTotal += c.weight
			if s.how[ci] != howMissing {
				spellGot += c.weight
			}
		}
		if c.head && s.how[ci] != howMissing && s.how[ci] <= howSyn {
			v[fHeadHere] = 1
		}
		if !c.light && !c.entity && !e.known(c) {
			v[fUnknownWords]++
		}
	}
	if total > 0 {
		for h, f := range map[matchHow]feature{howExact: fCovExact, howStem: fCovStem, howSyn: fCovSyn, howPrev: fCovPrev,
			howWeak: fCovWeak, howTitle: fCovTitle, howLead: fCovLead, howPublished: fCovPublished, howWordNet: fCovWordNet, howHypernym: fCovHypernym} {
			v[f] = byHow[h] / total
		}
		v[fCovSpell] = spellGot / total
	}
	if len(q.concepts) > 0 {
		v[fConceptsHere] = float64(here) / float64(len(q.concepts))
	}
	if q.want == wantClaim || q.want == wantNounPhrase || q.want == wantYesNo {
		v[fUnknownOpen] = v[fUnknownWords]
	}
	if q.verb >= 0 {
		v[fVerbMissing] = b2f(len(s.matches[q.verb].pos) == 0)
		v[fVerbSyn] = b2f(s.how[q.verb] == howSyn)
		v[fVerbWordNet] = b2f(s.how[q.verb] == howWordNet || s.how[q.verb] == howHypernym)
		v[fDisplaced] = b2f(displacedSubject(q, s))
	} else {
		v[fNoVerb] = 1
	}
	v[fFact] = b2f(s.p.Kind == corpus.FactPassage)
	v[fPassageWords] = math.Log1p(float64(len(words(s.toks)))) / math.Log(60)
	v[fHandCoverage] = s.rel
	v[fTyped] = b2f(typed)
	v[fQuestionConcepts] = math.Log1p(float64(len(q.concepts))) / math.Log(8)
	switch q.want {
	case wantDate:
		v[fWantDate] = 1
	case wantEntity, wantPerson, wantOrg, wantCountry, wantSource:
		v[fWantWho] = 1
	case wantPlace:
		v[fWantPlace] = 1
	case wantNumber:
		v[fWantNumber] = 1
	case wantYesNo:
		v[fWantYesNo] = 1
	default:
		v[fWantPhrase] = 1
	}
	return v
}

// candidateFeatures fills the candidate part of c's feature vector, which
// already holds its passage's features. Features that compare candidates
// with one another are added by crossFeatures.
func candidateFeatures(q question, s scored, c *candidate) {
	v := &c.f
	v[fFit] = clamp01(c.fit)
	if c.spanEnd > c.spanStart {
		from, to := tokenAt(s.toks, c.spanStart), tokenAt(s.toks, c.spanEnd-1)+1
		v[fProximity] = proximity(q, s, from, to)
		content, asked := 0, 0
		for k := from; k < to && k < len(s.toks); k++ {
			if s.toks[k].Kind == tokPunct || stopwords[s.toks[k].Lower] {
				continue
			}
			content++
			if inQuestion(s, k, k+1) {
				asked++
			}
		}
		if content > 0 {
			v[fEcho] = float64(asked) / float64(content)
		}
	} else {
		v[fNoSpan] = 1
	}
	v[fRestates] = b2f(restates(q, s, *c))
	switch c.date.Precision() {
	case corpus.DayPrecision:
		v[fDateDay] = 1
	case corpus.MonthOnly:
		v[fDateMonth] = 1
	}
	v[fDateRelative] = b2f(c.relative)
	v[fSpanWords] = math.Log1p(float64(len(strings.Fields(c.text)))) / math.Log(13)
	v[fList] = b2f(strings.Contains(c.text, " and ") || strings.Count(c.text, ",") >= 2)
}

// crossFeatures fills the features that compare a question's candidates:
// agreement between passages, and dates that refine or precede others.
func crossFeatures(q question, cs []candidate) {
	type agreeing struct {
		passages map[string]bool
		fact     map[string]bool
	}
	by := map[string]*agreeing{}
	for _, c := range cs {
		if c.text == "" {
			continue
		}
		k := normalizeAnswer(c.text)
		a := by[k]
		if a == nil {
			a = &agreeing{passages: map[string]bool{}, fact: map[string]bool{}}
			by[k] = a
		}
		a.passages[c.p.ID] = true
		if c.p.Kind == corpus.FactPassage {
			a.fact[c.p.ID] = true
		}
	}
	for i := range cs {
		c := &cs[i]
		if c.text == "" {
			continue
		}
		a := by[normalizeAnswer(c.text)]
		others := len(a.passages) - 1
		c.f[fAgree] = math.Min(1, math.Log1p(float64(others))/math.Log(4))
		factOthers := len(a.fact)
		if a.fact[c.p.ID] {
			factOthers--
		}
		c.f[fAgreeFact] = b2f(factOthers > 0)
	}
	if q.want != wantDate {
		return
	}
	// a precise date that agrees with a vaguer one ("May 26, 1972" and
	// "1972") makes it precise
	for i := range cs {
		d := cs[i].date
		if d.IsZero() {
			continue
		}
		for j := range cs {
			o := cs[j].date
			if j == i || o.IsZero() || o.Precision() >= d.Precision() {
				continue
			}
			if o.Year == d.Year && (o.Month == 0 || o.Month == d.Month) {
				cs[i].f[fDateRefines] = 1
				break
			}
		}
	}
	if !asksFirst(q) {
		return
	}
	// the earliest date among the candidates of the best-covered passages
	top := 0.0
	for _, c := range cs {
		top = math.Max(top, c.f[fHandCoverage])
	}
	best := -1
	for i, c := range cs {
		if c.date.IsZero() || c.f[fHandCoverage] < 0.8*top {
			continue
		}
		if best < 0 || c.date.Before(cs[best].date) {
			best = i
		}
	}
	if best >= 0 {
		cs[best].f[fDateEarliest] = 1
	}
}

// asksFirst reports whether the question asks when something first
// happened.
func asksFirst(q question) bool {
	for _, w := range strings.Fields(strings.ToLower(q.raw)) {
		if firstWords[strings.Trim(w, "?,.!")] {
			return true
		}
	}
	return false
}

// bm25 scores a passage for the question's own words (no synonyms), with
// the usual k1 = 1.2 and b = 0.75.
func (e *Engine) bm25(q question, toks []token) float64 {
	const k1, b = 1.2, 0.75
	n := 0
	for _, t := range toks {
		if t.Kind != tokPunct {
			n++
		}
	}
	norm := k1 * (1 - b + b*float64(n)/e.avgLen)
	score := 0.0
	for _, c := range q.concepts {
		for _, norm0 := range c.alts[0].norms {
			tf := 0
			for _, t := range toks {
				if tokMatches(t, norm0) {
					tf++
				}
			}
			if tf > 0 {
				score += e.idf(norm0) * float64(tf) * (k1 + 1) / (float64(tf) + norm)
			}
		}
	}
	return score
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
