package answer

import (
	"math"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/candidates"
	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/corpus"
)

// This file is the engine's feature store: every signal the trained model
// weighs, named and documented in one place. A passage retrieved for a
// question gets the passage features; each answer candidate found in it
// gets those and the candidate features. The same code fills them when the
// engine answers and when `treatybot train` logs them, so training and
// serving never compute a feature differently. The model (model.go) refers
// to features by name.

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

// ranked is an answer candidate as the model sees it: the span, its
// feature vector (its passage's features, then its own), the index of its
// passage in the pool, and, once a model has ranked it, its score (a
// logit).
type ranked struct {
	candidates.Candidate
	f       vec
	passage int
	score   float64
}

// weighed is a retrieved passage with its features and, once a model has
// ranked it, its score (a logit) and its best candidate.
type weighed struct {
	candidates.Passage
	f     vec
	score float64
	best  int // index in the pool's candidates of its best candidate, or -1
}

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

// decisionFeatures describes the best candidate of a ranked list of
// candidates, cands[0]: passageScore and pointwiseScore are what the
// model's passage and pointwise scorers make of its features.
func decisionFeatures(cands []ranked, passageScore, pointwiseScore float64) [numDecision]float64 {
	var d [numDecision]float64
	if len(cands) == 0 {
		return d
	}
	best := cands[0]
	d[dTop] = best.score
	d[dMargin] = 8
	answers := map[string]bool{}
	key := text.NormalizeAnswer(best.Text)
	for _, c := range cands {
		k := text.NormalizeAnswer(c.Text)
		if k != key && d[dMargin] == 8 {
			d[dMargin] = math.Min(8, best.score-c.score)
		}
		if c.score >= best.score-2 {
			answers[k] = true
		}
	}
	d[dPassage] = passageScore
	d[dAnswers] = math.Log(float64(len(answers)))
	d[dTopPassage] = b2f(best.passage == 0)
	copy(d[dCand:], best.f[:])
	d[dPointwise] = pointwiseScore
	return d
}

// passageFeatures fills the passage part of a feature vector. best and
// bestBM25 are the best retrieval and BM25 scores among the question's
// retrieved passages.
func passageFeatures(voc *question.Vocabulary, q question.Question, s candidates.Passage, hitScore, best, bm25, bestBM25 float64, typed bool) vec {
	var v vec
	if best > 0 {
		v[fRetrieval] = hitScore / best
	}
	v[fRetrievalRank] = 1 / float64(1+s.Hit)
	if bestBM25 > 0 {
		v[fBM25] = bm25 / bestBM25
	}
	total, here, spellTotal, spellGot := 0.0, 0, 0.0, 0.0
	var byHow [candidates.NumHows]float64
	for ci, c := range q.Concepts {
		total += c.Weight
		byHow[s.How[ci]] += c.Weight
		switch s.How[ci] {
		case candidates.HowExact, candidates.HowStem, candidates.HowSyn, candidates.HowWordNet, candidates.HowHypernym:
			here++
		case candidates.HowMissing:
			if c.Entity && c.Poss {
				v[fMissingPoss]++
			} else if c.Entity {
				v[fMissingNames]++
			}
		}
		if c.Corrected {
			spellTotal += c.Weight
			if s.How[ci] != candidates.HowMissing {
				spellGot += c.Weight
			}
		}
		if c.Head && s.How[ci] != candidates.HowMissing && s.How[ci] <= candidates.HowSyn {
			v[fHeadHere] = 1
		}
		if !c.Light && !c.Entity && !voc.Known(c) {
			v[fUnknownWords]++
		}
	}
	if total > 0 {
		for h, f := range map[candidates.How]feature{candidates.HowExact: fCovExact, candidates.HowStem: fCovStem, candidates.HowSyn: fCovSyn, candidates.HowPrev: fCovPrev,
			candidates.HowWeak: fCovWeak, candidates.HowTitle: fCovTitle, candidates.HowLead: fCovLead, candidates.HowPublished: fCovPublished, candidates.HowWordNet: fCovWordNet, candidates.HowHypernym: fCovHypernym} {
			v[f] = byHow[h] / total
		}
		v[fCovSpell] = spellGot / total
	}
	if len(q.Concepts) > 0 {
		v[fConceptsHere] = float64(here) / float64(len(q.Concepts))
	}
	if q.Want == question.WantClaim || q.Want == question.WantNounPhrase || q.Want == question.WantYesNo {
		v[fUnknownOpen] = v[fUnknownWords]
	}
	if q.Verb >= 0 {
		v[fVerbMissing] = b2f(len(s.Matches[q.Verb].Pos) == 0)
		v[fVerbSyn] = b2f(s.How[q.Verb] == candidates.HowSyn)
		v[fVerbWordNet] = b2f(s.How[q.Verb] == candidates.HowWordNet || s.How[q.Verb] == candidates.HowHypernym)
		v[fDisplaced] = b2f(candidates.DisplacedSubject(q, s))
	} else {
		v[fNoVerb] = 1
	}
	v[fFact] = b2f(s.P.Kind == corpus.FactPassage)
	v[fPassageWords] = math.Log1p(float64(len(text.Words(s.Toks)))) / math.Log(60)
	v[fHandCoverage] = s.Rel
	v[fTyped] = b2f(typed)
	v[fQuestionConcepts] = math.Log1p(float64(len(q.Concepts))) / math.Log(8)
	switch q.Want {
	case question.WantDate:
		v[fWantDate] = 1
	case question.WantEntity, question.WantPerson, question.WantOrg, question.WantCountry, question.WantSource:
		v[fWantWho] = 1
	case question.WantPlace:
		v[fWantPlace] = 1
	case question.WantNumber:
		v[fWantNumber] = 1
	case question.WantYesNo:
		v[fWantYesNo] = 1
	default:
		v[fWantPhrase] = 1
	}
	return v
}

// candidateFeatures fills the candidate part of c's feature vector, which
// already holds its passage's features. Features that compare candidates
// with one another are added by crossFeatures.
func candidateFeatures(q question.Question, s candidates.Passage, c *ranked) {
	v := &c.f
	v[fFit] = candidates.Clamp01(c.Fit)
	if c.SpanEnd > c.SpanStart {
		from, to := text.TokenAt(s.Toks, c.SpanStart), text.TokenAt(s.Toks, c.SpanEnd-1)+1
		v[fProximity] = candidates.Proximity(q, s, from, to)
		content, asked := 0, 0
		for k := from; k < to && k < len(s.Toks); k++ {
			if s.Toks[k].Kind == text.Punct || lexicon.Stopwords[s.Toks[k].Lower] {
				continue
			}
			content++
			if candidates.InQuestion(s, k, k+1) {
				asked++
			}
		}
		if content > 0 {
			v[fEcho] = float64(asked) / float64(content)
		}
	} else {
		v[fNoSpan] = 1
	}
	v[fRestates] = b2f(candidates.Restates(q, s, c.Candidate))
	switch c.Date.Precision() {
	case corpus.DayPrecision:
		v[fDateDay] = 1
	case corpus.MonthOnly:
		v[fDateMonth] = 1
	}
	v[fDateRelative] = b2f(c.Relative)
	v[fSpanWords] = math.Log1p(float64(len(strings.Fields(c.Text)))) / math.Log(13)
	v[fList] = b2f(strings.Contains(c.Text, " and ") || strings.Count(c.Text, ",") >= 2)
}

// crossFeatures fills the features that compare a question's candidates:
// agreement between passages, and dates that refine or precede others.
func crossFeatures(q question.Question, cs []ranked) {
	type agreeing struct {
		passages map[string]bool
		fact     map[string]bool
	}
	by := map[string]*agreeing{}
	for _, c := range cs {
		if c.Text == "" {
			continue
		}
		k := text.NormalizeAnswer(c.Text)
		a := by[k]
		if a == nil {
			a = &agreeing{passages: map[string]bool{}, fact: map[string]bool{}}
			by[k] = a
		}
		a.passages[c.P.ID] = true
		if c.P.Kind == corpus.FactPassage {
			a.fact[c.P.ID] = true
		}
	}
	for i := range cs {
		c := &cs[i]
		if c.Text == "" {
			continue
		}
		a := by[text.NormalizeAnswer(c.Text)]
		others := len(a.passages) - 1
		c.f[fAgree] = math.Min(1, math.Log1p(float64(others))/math.Log(4))
		factOthers := len(a.fact)
		if a.fact[c.P.ID] {
			factOthers--
		}
		c.f[fAgreeFact] = b2f(factOthers > 0)
	}
	if q.Want != question.WantDate {
		return
	}
	// a precise date that agrees with a vaguer one ("May 26, 1972" and
	// "1972") makes it precise
	for i := range cs {
		d := cs[i].Date
		if d.IsZero() {
			continue
		}
		for j := range cs {
			o := cs[j].Date
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
		if c.Date.IsZero() || c.f[fHandCoverage] < 0.8*top {
			continue
		}
		if best < 0 || c.Date.Before(cs[best].Date) {
			best = i
		}
	}
	if best >= 0 {
		cs[best].f[fDateEarliest] = 1
	}
}

// asksFirst reports whether the question asks when something first
// happened.
func asksFirst(q question.Question) bool {
	for _, w := range strings.Fields(strings.ToLower(q.Raw)) {
		if firstWords[strings.Trim(w, "?,.!")] {
			return true
		}
	}
	return false
}

// bm25 scores a passage for the question's own words (no synonyms), with
// the usual k1 = 1.2 and b = 0.75.
func bm25(voc *question.Vocabulary, q question.Question, toks []text.Token) float64 {
	const k1, b = 1.2, 0.75
	n := 0
	for _, t := range toks {
		if t.Kind != text.Punct {
			n++
		}
	}
	norm := k1 * (1 - b + b*float64(n)/voc.MeanLen())
	score := 0.0
	for _, c := range q.Concepts {
		for _, norm0 := range c.Alts[0].Norms {
			tf := 0
			for _, t := range toks {
				if text.Matches(t, norm0) {
					tf++
				}
			}
			if tf > 0 {
				score += voc.IDF(norm0) * float64(tf) * (k1 + 1) / (float64(tf) + norm)
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

// firstWords ask for the earliest of several dates: "when did North Korea
// first announce it would leave?"
var firstWords = lexicon.SetOf(`first earliest originally initially`)
