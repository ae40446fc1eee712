package candidates

import (
	"math"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/lexicon"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/internal/text"
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

// handCoverage is the hand-weighted share of the question a passage
// covers, lowered for each missing name, unknown word and a missing verb.
func handCoverage(q question.Question, s Passage, voc *question.Vocabulary) float64 {
	total, got := 0.0, 0.0
	missingEntity, missingPoss := 0, 0
	for ci, c := range q.Concepts {
		total += c.Weight
		switch s.How[ci] {
		case HowExact, HowStem:
			got += c.Weight
		case HowSyn:
			got += 0.85 * c.Weight
		case HowWordNet:
			got += 0.7 * c.Weight
		case HowHypernym:
			got += 0.5 * c.Weight
		case HowWeak, HowLead:
			got += 0.35 * c.Weight
		case HowPrev, HowTitle, HowPublished:
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
	if q.Verb >= 0 && len(s.Matches[q.Verb].Pos) == 0 {
		rel *= missingVerbPenalty // the passage does not say the thing the question asks about
	}
	if q.Verb >= 0 && DisplacedSubject(q, s) {
		rel *= 0.8
	}
	return rel
}

// DisplacedSubject reports whether the question's name, in the passage,
// only qualifies the real subject of the verb: "When did the ABM Treaty take
// effect?" is not answered by "The U.S. withdrawal from the ABM Treaty took
// effect on June 13, 2002", whose subject is the withdrawal.
func DisplacedSubject(q question.Question, s Passage) bool {
	vm := s.Matches[q.Verb]
	if len(vm.Pos) == 0 {
		return false
	}
	v := vm.Pos[0]
	// "... said the withdrawal would take effect on Saturday": the verb's
	// own subject is a noun the question does not name
	k := v - 1
	for k >= 0 && verbAux[s.Toks[k].Lower] {
		k--
	}
	// only a real verb has a subject: "would take", "took", not "the sixth test"
	vt := s.Toks[v]
	verbal := k < v-1 || strings.HasSuffix(vt.Lower, "ed") || text.Irregular[vt.Lower] != ""
	if k >= 0 && verbal {
		t := s.Toks[k]
		if t.Kind == text.Word && !t.Cap && !lexicon.Stopwords[t.Lower] && !corefWords[t.Lower] && !InQuestion(s, k, k+1) && k > 0 && s.Toks[k-1].Lower == "the" {
			return true
		}
	}
	// "When was the treaty signed?" is not answered by "Putin signed the law
	// on ... the treaty": the passage's verb has another object
	if q.Passive && verbal {
		if o := vm.end[0]; o+1 < len(s.Toks) && (s.Toks[o].Lower == "the" || s.Toks[o].Lower == "a" || s.Toks[o].Lower == "an") {
			// the object's words, "a long-term agreement": none may be
			// the question's or point back to it
			other := false
			for k := o + 1; k < len(s.Toks) && k < o+4 && s.Toks[k].Kind == text.Word && !lexicon.Stopwords[s.Toks[k].Lower]; k++ {
				if s.Toks[k].Cap || corefWords[s.Toks[k].Lower] || InQuestion(s, k, k+1) {
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
		m := s.Matches[ci]
		if !c.Entity || len(m.Pos) == 0 || m.Pos[0] >= v {
			continue
		}
		// back over the rest of the name: "from the Treaty on Open Skies"
		k := m.Pos[0] - 1
		for k >= 0 && (s.Toks[k].Lower == "the" || s.Toks[k].Cap && s.Toks[k].Kind == text.Word ||
			(s.Toks[k].Lower == "on" || s.Toks[k].Lower == "of") && k > 0 && s.Toks[k-1].Cap && lexicon.DocWords[s.Toks[k-1].Lower]) {
			k--
		}
		if k < 1 || !subjectPreps[s.Toks[k].Lower] {
			continue
		}
		head := s.Toks[k-1]
		if head.Kind != text.Word || head.Cap || lexicon.Stopwords[head.Lower] || InQuestion(s, k-1, k) {
			continue
		}
		// nothing but the name's own words between it and the verb
		between := false
		for j := m.end[0]; j < v; j++ {
			if s.Toks[j].Kind == text.Punct {
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
