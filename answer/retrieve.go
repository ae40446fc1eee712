package answer

import (
	"sort"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
	"github.com/treatybot/treatybot/index"
)

// Retrieval asks the index for the passages that hold the question's
// concepts, in every form the engine knows for them. A search costs about
// as much as the passages its words occur in (a phrase more, as bleve reads
// where each word is), and on a large corpus the full expansion can cost
// many times what the question's own words cost: the synonyms of a common
// word are common words ("accord" brings "treaty", "agreement", "pact" and
// "deal"), a form can come twice from two synonym groups, and "States"
// brings the twenty verbs of saying.
//
// So the full expansion is searched while it is cheap, under cheapPostings
// postings: then a search takes well under a millisecond whatever it holds,
// and every corpus of the question files is that small. Above that,
// retrieval searches a compact query:
//
//   - one clause per distinct analysed form ("in force" and "into force"
//     are one), at the highest boost any concept gave it;
//   - no light verbs ("say", "do"): they occur nearly everywhere, and their
//     weight is too low to change which passages come first;
//   - a concept of the say-group ("state", "told") by its own form only;
//   - a common word of the question (in more than cheapPostings passages,
//     and one in commonShare) only among the passages of its rarest word:
//     it still orders those, but no longer walks a tenth of the corpus;
//   - at most maxOthers other forms per concept, the weightiest concepts'
//     first, each concept's in the lexicon's order (its commonest phrasing
//     first), leaving out forms the corpus lacks, adding no more than half
//     the postings the question's own forms are searched in; a form too
//     costly for that only among the passages of the rarest word ("entered
//     into force" where the treaty's name is).
//
// Extraction and the features still see every form of every concept: this
// only decides which passages are read. BenchmarkSearch100k measures the
// cost against a bare match query, and how often each finds the sentence a
// generated question is about.

// cheapPostings is the estimated cost, in postings, up to which the full
// expansion is searched.
const cheapPostings = 5000

// maxOthers is how many forms other than its own a concept may add to a
// compact query.
const maxOthers = 3

// commonShare makes a word common, on a large corpus, when more than one
// passage in commonShare holds it.
const commonShare = 100

// phraseCost is what a phrase costs per posting of its words, against one
// for a word.
const phraseCost = 2

// searchQuery builds the retrieval query for q: plain text clauses (never
// query syntax), weighted by the rarity of their concept.
func (e *Engine) searchQuery(q question.Question) index.Query {
	full := 0
	for _, c := range q.Concepts {
		for _, a := range c.Alts[:c.WnFrom] {
			full += e.formCost(a)
		}
	}
	if full <= cheapPostings {
		return e.fullQuery(q)
	}
	return e.compactQuery(q)
}

// fullQuery has every form of every concept but WordNet's: those only help
// rank what retrieval found, and as clauses they would slow every search
// and pull in noise.
func (e *Engine) fullQuery(q question.Question) index.Query {
	qr := index.Query{Size: retrieveSize}
	for _, c := range q.Concepts {
		for i, a := range c.Alts[:c.WnFrom] {
			boost := c.Weight
			if i >= c.SynFrom {
				boost *= 0.8
			}
			if boost <= 0 {
				boost = 0.1
			}
			qr.Should = append(qr.Should, index.Clause{Text: a.Text, Phrase: len(a.Norms) > 1, Boost: boost})
		}
	}
	return qr
}

// compactQuery has the forms that are worth their cost.
func (e *Engine) compactQuery(q question.Question) index.Query {
	b := queryBuilder{e: e, at: map[string]int{}}
	// a common word is searched only among the passages of the question's
	// rarest word, when it has a rare one
	common := max(cheapPostings, e.voc.Passages()/commonShare)
	anchor, anchorCost := e.rarestWord(q)
	if anchorCost > common {
		anchor = ""
	}
	plain := 0
	for _, c := range q.Concepts {
		if c.Light {
			continue
		}
		for _, a := range c.Alts[:c.SynFrom] {
			within := ""
			if cost := e.formCost(a); anchor != "" && cost > common && a.Text != anchor {
				within = anchor
			} else {
				plain += cost
			}
			b.add(a.Text, within, max(0.1, c.Weight))
		}
	}
	order := make([]int, len(q.Concepts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return q.Concepts[order[i]].Weight > q.Concepts[order[j]].Weight })
	budget := plain / 2
	for _, ci := range order {
		c := q.Concepts[ci]
		if c.Light || inSayGroup(c) {
			continue
		}
		added := 0
		for _, a := range c.Alts[c.SynFrom:c.WnFrom] {
			cost := e.formCost(a)
			if cost == 0 { // a form the corpus lacks finds nothing
				continue
			}
			within := ""
			if cost > budget {
				if anchor == "" {
					continue
				}
				within, cost = anchor, 0
			}
			if b.add(a.Text, within, max(0.1, c.Weight*0.8)) {
				budget -= cost
				if added++; added == maxOthers {
					break
				}
			}
		}
	}
	return index.Query{Should: b.clauses, Size: retrieveSize}
}

// rarestWord returns the question's own word that the fewest passages
// hold, and their number; "" when it has none the corpus holds.
func (e *Engine) rarestWord(q question.Question) (string, int) {
	word, n := "", 0
	for _, c := range q.Concepts {
		if c.Light {
			continue
		}
		for _, a := range c.Alts[:c.SynFrom] {
			if len(a.Norms) != 1 || lexicon.Stopwords[a.Norms[0]] {
				continue
			}
			if df := e.voc.DF(a.Norms[0]); df > 0 && (word == "" || df < n) {
				word, n = a.Text, df
			}
		}
	}
	return word, n
}

// formCost estimates what searching for a form costs: the passages its
// words occur in, stop words left out, times phraseCost for a phrase.
func (e *Engine) formCost(a question.Alt) int {
	n, words := 0, 0
	for _, w := range a.Norms {
		if !lexicon.Stopwords[w] {
			n += e.voc.DF(w)
			words++
		}
	}
	if words > 1 {
		n *= phraseCost
	}
	return n
}

// sayNorm is the normalised form of "say", the say-group's own.
var sayNorm = text.NormWord("say")

// inSayGroup reports whether a concept's forms are the say-group's.
func inSayGroup(c question.Concept) bool {
	for _, a := range c.Alts {
		if len(a.Norms) == 1 && a.Norms[0] == sayNorm {
			return true
		}
	}
	return false
}

// queryBuilder collects clauses, one per distinct analysed form (and
// Within).
type queryBuilder struct {
	e       *Engine
	clauses []index.Clause
	at      map[string]int // Within, then analysed terms, space-joined -> index in clauses
}

// add adds a clause for text, searched within the passages of within's
// words when that is not "", or raises the boost of the clause that has the
// same analysed form. It reports whether it added a clause.
func (b *queryBuilder) add(text, within string, boost float64) bool {
	toks := b.e.ix.Analyze(text)
	if len(toks) == 0 {
		return false
	}
	terms := make([]string, len(toks))
	for i, t := range toks {
		terms[i] = t.Term
	}
	key := within + "|" + strings.Join(terms, " ")
	if i, ok := b.at[key]; ok {
		b.clauses[i].Boost = max(b.clauses[i].Boost, boost)
		return false
	}
	b.at[key] = len(b.clauses)
	b.clauses = append(b.clauses, index.Clause{Text: text, Phrase: len(terms) > 1, Boost: boost, Within: within})
	return true
}

// retrieveSize is how many passages retrieval hands to extraction. The
// index orders passages of equal score by ID, so the same corpus always
// gives the same passages, however often it is indexed.
const retrieveSize = 40
