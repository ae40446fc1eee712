// Package features is the engine's feature store: every signal the
// trained model weighs, named and documented in one place (featureDocs),
// and the code that computes them. A passage retrieved for a question gets
// the passage features (ForPassage); each answer candidate found in it
// gets those and its own (ForCandidate), then the features that compare
// candidates with one another (Cross); the best candidate of a ranked
// list gets the decision features (ForDecision), from which the model's
// confidence is computed.
//
// The same code fills the features when the engine answers and when
// `treatybot train` logs them, so training and serving never compute a
// feature differently. The model file refers to features by name, so the
// names are stable. The package depends on text, lexicon, question and
// candidates, never on the model: features describe, the model weighs.
package features

import (
	"github.com/treatybot/treatybot/answer/internal/candidates"
)

// Feature names one entry of a feature vector.
type Feature int

// The features. Passage features come first; FirstCandidate starts the
// candidate features.
const (
	Retrieval Feature = iota
	RetrievalRank
	BM25
	CovExact
	CovStem
	CovSyn
	CovPrev
	CovWeak
	CovTitle
	CovLead
	CovPublished
	CovSpell
	CovWordNet
	CovHypernym
	ConceptsHere
	MissingNames
	MissingPoss
	UnknownWords
	UnknownOpen
	VerbMissing
	VerbSyn
	VerbWordNet
	NoVerb
	Displaced
	HeadHere
	Fact
	PassageWords
	HandCoverage
	Typed
	QuestionConcepts
	WantDate
	WantWho
	WantPlace
	WantNumber
	WantPhrase
	WantYesNo
	WantDefine

	Fit
	Proximity
	Restates
	Echo
	Agree
	AgreeFact
	DateDay
	DateMonth
	DateRelative
	DateRefines
	DateEarliest
	NoSpan
	SpanWords
	List
	NumSum
	NumAddend
	NumTotalCue

	NumFeatures
	FirstCandidate = Fit
)

// featureDocs names and explains every feature. Names are what the model
// file uses; keep them stable.
var featureDocs = [NumFeatures]struct{ name, doc string }{
	Retrieval:        {"retrieval", "the passage's bleve score over the question's expanded query, over the best hit's"},
	RetrievalRank:    {"retrieval_rank", "1/(1+place) of the passage in bleve's ranking"},
	BM25:             {"bm25", "BM25 of the question's own words (no synonyms) in the passage, over the best retrieved passage's"},
	CovExact:         {"cov_exact", "share of the question's weight found as the question writes it"},
	CovStem:          {"cov_stem", "share found as another form of the same word ('signed' for 'sign')"},
	CovSyn:           {"cov_syn", "share found only through a lexicon synonym or a corpus alias"},
	CovPrev:          {"cov_prev", "share found in the sentence before, which a word here points back to"},
	CovWeak:          {"cov_weak", "share found in the sentence before, with no word here pointing back"},
	CovTitle:         {"cov_title", "share found in the document's title, publisher or aliases"},
	CovLead:          {"cov_lead", "share found in the article's lead, for 'the treaty' or an acronym"},
	CovPublished:     {"cov_published", "share matched by the article's publication year or month"},
	CovWordNet:       {"cov_wordnet", "share found only through WordNet: a synonym, derived form or verb group"},
	CovHypernym:      {"cov_hypernym", "share found only through a WordNet hypernym, a broader word"},
	CovSpell:         {"cov_spell", "share of spelling-corrected question words found anywhere"},
	ConceptsHere:     {"concepts_here", "share of the question's concepts, by count, found in the passage itself"},
	MissingNames:     {"missing_names", "names of the question found nowhere for this passage"},
	MissingPoss:      {"missing_poss", "possessive names of the question ('Iran's president') found nowhere"},
	UnknownWords:     {"unknown_words", "question words that the whole corpus never uses"},
	UnknownOpen:      {"unknown_open", "unknown_words, for open questions (what, which, yes/no)"},
	VerbMissing:      {"verb_missing", "the question has a main verb and the passage lacks it"},
	VerbSyn:          {"verb_syn", "the question's verb is in the passage only as a synonym"},
	VerbWordNet:      {"verb_wordnet", "the question's verb is in the passage only through WordNet"},
	NoVerb:           {"no_verb", "the question has no main verb"},
	Displaced:        {"displaced_subject", "the question's name only qualifies the passage verb's real subject or object"},
	HeadHere:         {"head_here", "the head noun of 'which X'/'how many X' is in the passage"},
	Fact:             {"fact", "the passage is a fact-sheet fact, not an article sentence"},
	PassageWords:     {"passage_words", "the passage's length in words, log-scaled"},
	HandCoverage:     {"hand_coverage", "the old hand-weighted coverage score (kept to compare against)"},
	Typed:            {"typed", "the passage holds a span of the type the question asks for"},
	QuestionConcepts: {"question_concepts", "how many concepts the question has, log-scaled"},
	WantDate:         {"want_date", "the question asks when"},
	WantWho:          {"want_who", "the question asks who or which person, body or country"},
	WantPlace:        {"want_place", "the question asks where"},
	WantNumber:       {"want_number", "the question asks how many or how much"},
	WantPhrase:       {"want_phrase", "the question asks for a phrase: a claim, reason, description, role or name"},
	WantYesNo:        {"want_yesno", "the question asks yes or no"},
	WantDefine:       {"want_define", "the question asks what or who something is: 'what is X', 'who is X', 'tell me about X'"},

	Fit:          {"fit", "the extractor's own judgement of the span: type, cues and position"},
	Proximity:    {"proximity", "how close the span sits to the question's words in the passage"},
	Restates:     {"restates", "a phrase answer made mostly of the question's own words"},
	Echo:         {"echo", "share of the span's words that the question has"},
	Agree:        {"agree", "other passages giving the same answer, log-scaled"},
	AgreeFact:    {"agree_fact", "a fact-sheet fact gives the same answer"},
	DateDay:      {"date_day", "the answer is a date known to the day"},
	DateMonth:    {"date_month", "the answer is a date known to the month"},
	DateRelative: {"date_relative", "the date was resolved from a relative expression ('on Tuesday')"},
	DateRefines:  {"date_refines", "the date makes precise another candidate's vaguer date"},
	DateEarliest: {"date_earliest", "the question asks when something first happened and this is the earliest near-best date"},
	NoSpan:       {"no_span", "the answer is the fact's date field, not a span of its text"},
	SpanWords:    {"span_words", "the answer's length in words, log-scaled"},
	List:         {"list", "the answer joins several names or dates"},
	NumSum:       {"num_sum", "the number is the sum of two or three other numbers of the passage: a whole"},
	NumAddend:    {"num_addend", "the number is one of the parts that add up to another number of the passage"},
	NumTotalCue:  {"num_total_cue", "a word near the number marks it as a total ('a total of', 'in all', 'combined')"},
}

// Vec is a feature vector.
type Vec [NumFeatures]float64

// Candidate is an answer candidate as the model sees it: the span, its
// feature vector (its passage's features, then its own), the index of its
// passage in the pool, and, once a model has ranked it, its score (a
// logit).
type Candidate struct {
	candidates.Candidate
	F       Vec
	Passage int
	Score   float64
}

// Passage is a retrieved passage with its features and, once a model has
// ranked it, its score (a logit) and its best candidate.
type Passage struct {
	candidates.Passage
	F     Vec
	Score float64
	Best  int // index in the pool's candidates of its best candidate, or -1
}

// Index maps a feature name to its index.
var Index = func() map[string]int {
	m := map[string]int{}
	for f, d := range featureDocs {
		m[d.name] = f
	}
	return m
}()

// Name is the name of feature f, as the model file writes it.
func Name(f int) string { return featureDocs[f].name }
