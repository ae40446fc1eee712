package candidates

// This file lists every judgement the extractors make about a span, by
// name, in the order a question's kind is extracted: dates, numbers,
// names, then phrases. A rule is one of two things:
//
//   - a generator names where a span came from and sets its first fit,
//     by the formula its Doc gives ("fit: proximity plus 0.3");
//   - an adjustment raises or lowers the fit of a span for one reason
//     ("the name follows by: the agent of a passive verb").
//
// Each candidate records the rules that fired on it (Candidate.Rules), and
// `treatybot ask --explain` prints their names beside the candidate, so a
// judgement can be found by its name here and where it is applied. The fit
// is one feature among many (features.Fit): the trained model decides
// what it is worth. A step that drops a span outright (the question's own
// date, a person holding another office) is a filter, not a rule, and
// leaves no candidate to record it on.

// A Rule is one named judgement of the extractors: a generator or an
// adjustment (see above).
type Rule struct {
	Name   string // stable and short: "date.said_before"
	Doc    string // what it judges, with an example
	id     int    // its place in Rules
	adjust func(fit float64) float64
}

// Generator reports whether the rule names where a span came from rather
// than adjusting its fit.
func (r *Rule) Generator() bool { return r.adjust == nil }

// allRules is every rule, in the order they are declared below.
var allRules []*Rule

// Rules returns every rule, generators and adjustments, in the order of
// rules.go.
func Rules() []*Rule { return allRules }

func newRule(name, doc string, adjust func(float64) float64) *Rule {
	r := &Rule{Name: name, Doc: doc, id: len(allRules), adjust: adjust}
	allRules = append(allRules, r)
	return r
}

// generator declares where spans come from; their formula is in doc.
func generator(name, doc string) *Rule { return newRule(name, doc, nil) }

// plus, times and set declare adjustments that add to a fit, multiply it
// or replace it.
func plus(name string, x float64, doc string) *Rule {
	return newRule(name, doc, func(v float64) float64 { return v + x })
}

func times(name string, x float64, doc string) *Rule {
	return newRule(name, doc, func(v float64) float64 { return v * x })
}

func set(name string, x float64, doc string) *Rule {
	return newRule(name, doc, func(float64) float64 { return x })
}

// fit is a span's fit while an extractor judges it: its value and the
// rules that made it.
type fit struct {
	v     float64
	rules RuleSet
}

// fit starts a span's fit at v, as generator g gives it.
func (g *Rule) fit(v float64) fit {
	f := fit{v: v}
	f.rules.add(g)
	return f
}

// apply applies adjustment r to the fit and records it.
func (f *fit) apply(r *Rule) {
	f.v = r.adjust(f.v)
	f.rules.add(r)
}

// plus adds the constant part of a generator's formula that comes after
// its adjustments (reason.cue's 0.2).
func (f fit) plus(x float64) fit {
	f.v += x
	return f
}

// clamped is the fit held to [0, 1], as a candidate's fit is.
func (f fit) clamped() fit {
	f.v = Clamp01(f.v)
	return f
}

// apply applies adjustment r to a candidate already made, and records it.
func (c *Candidate) apply(r *Rule) {
	c.Fit = r.adjust(c.Fit)
	c.Rules.add(r)
}

// RuleSet is a set of rules: the ones that fired on a candidate.
type RuleSet [2]uint64

func (s *RuleSet) add(r *Rule) { s[r.id/64] |= 1 << (r.id % 64) }

// Has reports whether r is in the set.
func (s RuleSet) Has(r *Rule) bool { return s[r.id/64]&(1<<(r.id%64)) != 0 }

// Names lists the names of the set's rules, in the order of rules.go.
func (s RuleSet) Names() []string {
	var out []string
	for _, r := range allRules {
		if s.Has(r) {
			out = append(out, r.Name)
		}
	}
	return out
}

// Dates: extractDates and dateList.
var (
	dateNear = generator("date",
		"a date the passage states, resolved against the article's date when relative; fit: proximity, at most 1")
	dateSaidBefore = times("date.said_before", 0.45,
		"a verb of saying comes just before the date and the question asks about no saying: the date is the statement's, not that of what it announces ('Trump said on October 20 that the US would quit')")
	dateToTheDay = plus("date.to_the_day", 0.1,
		"the date is known to the day")
	dateRelative = times("date.relative", 0.92,
		"the date was resolved from a relative expression ('on Tuesday'): a passage that states it outright is preferred")
	dateDateline = times("date.dateline", 0.5,
		"the date opens the passage before a dash or full stop, as a dateline's does ('Paris, Jan. 29 -'): it dates the report, not the event")
	dateAskedPreposition = plus("date.asked_preposition", 0.3,
		"the preposition before the date is one the question uses ('until when': the date after 'until')")
	dateOtherPreposition = plus("date.other_preposition", -0.1,
		"a preposition other than on, in or the question's own comes before the date ('since 1987' for 'when')")
	dateOfFact = generator("date.of_fact",
		"the passage states no date but carries one, as a fact's date field; fit: 0.5")
	dateListed = generator("date.list",
		"dates listed together ('2006, 2009 and 2013') for a question about years or dates, as one answer; fit: its best member's plus 0.1, at most 1")
)

// Numbers: extractNumbers, extractFrequency, numberPair and voteSide.
var (
	numberFrequency = generator("number.frequency",
		"how often something happens ('twice a year', 'every five years') for a how-often question; fit: 0.4 plus proximity, at most 1")
	numberOpenEnded = generator("number.open_ended",
		"'unlimited', 'indefinite' and the like for a how-long question; fit: proximity plus 0.3, at most 1")
	numberTimeUnit = generator("number.a_time_unit",
		"a time unit with an article ('a week later') for a how-long question; fit: proximity plus 0.3, at most 1")
	numberNear = generator("number",
		"a number with its unit; fit: proximity, then the number rules, held to [0, 1]")
	numberHeadUnit = plus("number.head_unit", 0.25,
		"a unit word after the number is the question's head noun ('how many missiles': '2,692 missiles'); once for each such word")
	numberWantedUnit = plus("number.wanted_unit", 0.35,
		"a unit word after the number is of the kind the question wants (kilometres for a range, per cent for a share, years for how long); once for each such word")
	numberUnitInWord = plus("number.unit_in_word", 0.3,
		"the wanted unit or the head noun is inside the number's own word ('150-kiloton')")
	numberFractionShare = plus("number.fraction_share", 0.2,
		"a fraction word ('two-thirds') where the question wants a share")
	numberBoundToName = plus("number.bound_to_name", 0.3,
		"a name of the question follows the number through a preposition, saying whose number it is ('846 by the United States')")
	numberHeadBefore = plus("number.head_before", 0.25,
		"the question's head noun comes just before the number ('a vote of 71 to 26'); once for each such word")
	numberOtherUnit = times("number.other_unit", 0.5,
		"the number has a unit, but neither the question's head nor a unit it wants ('how many centrifuges': '15 years')")
	numberBareCounted = plus("number.bare_counted", 0.15,
		"a bare number in a passage where another number counts the question's head ('2,692 missiles had been eliminated: 846 by the United States')")
	numberBare = plus("number.bare", -0.15,
		"a bare number, with nothing in the passage counting the question's head")
	numberVotePair = generator("number.vote_pair",
		"the two sides of a vote together ('48 in favour and 51 against') for 'what was the vote'; fit: the better side's plus 0.1, at most 1")
	numberVoteSide = generator("number.vote_side",
		"one side of a tally ('by a vote of 71 to 26') for how many voted for or against; fit: 0.9")
)

// Names: extractEntities, extractSource and extractRole.
var (
	entityNear = generator("entity",
		"a name of a kind that can answer, or several coordinated ('Berlin and Beijing'); fit: proximity, measured past an appositive, times how well its kind answers the question (kindFit), then the name rules, held to [0, 1]")
	personAppositiveRole = plus("person.appositive_role", 0.3,
		"the person's appositive holds the question's role ('Javad Zarif, Iran's foreign minister,')")
	personPossessorMissing = times("person.possessor_missing", 0.6,
		"a possessive name of the question ('Iran's president') is not in the passage; once for each such name")
	personTitled = plus("person.titled", 0.15,
		"a title stands before the person's name")
	personOtherCountryTitle = times("person.other_country_title", 0.4,
		"the title is qualified by a country the question does not name ('US President Donald Trump' for the President of Russia)")
	entityPlaceAfterPreposition = times("entity.place_after_preposition", 0.6,
		"a place after in, at, near or from, where the question asks for an actor: more likely a location than the actor")
	entityByAgent = plus("entity.by_agent", 0.2,
		"the name follows 'by': the agent of a passive verb")
	entitySayer = plus("entity.sayer", 0.25,
		"the name stands beside the question's verb of saying: who said it ('..., President Alexander Stubb said')")
	entitySameSide = times("entity.same_side", 0.5,
		"the name stands on the same side of the question's verb as the name the question gives; the answer is across the verb from it")
	placeDescribesPerson = plus("place.describes_person", 0.3,
		"the place opens the appositive or of-phrase after a person the question names ('Zlauvinen, the Argentine diplomat'): where the person is from")
	placePossessive = times("place.possessive", 0.3,
		"the place is possessive ('Russia's'): an owner, not a location")
	placeDatelineSaid = plus("place.dateline_said", 0.5,
		"the capitalised dateline city ('SOCHI, November 20'), for where someone said something")
	placeDateline = plus("place.dateline", 0.3,
		"the capitalised dateline city ('SOCHI, November 20')")
	placeLocative = plus("place.locative", 0.15,
		"a locative preposition comes before the place ('in', 'at the')")
	placeLocativeUnknown = newRule("place.locative_unknown",
		"an unclassified name or a demonym after a locative preposition ('beneath Fangataufa atoll', 'in the Algerian Sahara'): raised to at least 0.3, then 0.2 more",
		func(v float64) float64 { return max(v, 0.3) + 0.2 })
	placeActor = times("place.actor", 0.35,
		"no locative cue: the place acts ('Russia wants ...'), it is not where something happened")
	placeNoun = plus("place.place_noun", 0.25,
		"a place noun follows the name ('the Punggye-ri test site', 'Fangataufa atoll')")
	placeInQuote = times("place.in_quote", 0.6,
		"the place is inside a quotation")
	entityExcepted = times("entity.excepted", 0.4,
		"the name follows besides, except or other than: the exception, not the answer")
	entityPluralList = plus("entity.plural_list", 0.2,
		"several coordinated names, for a question whose head is plural ('which countries')")
	entityInsteadOfPhrase = times("entity.instead_of_phrase", 0.7,
		"a which-question's head noun is not in the passage, and a name may still answer it ('what event': 'the Munich Security Conference')")
	sourceNamed = generator("source.named",
		"the passage itself names the document's source; fit: 1")
	sourceAgency = generator("source.agency",
		"an agency the passage names ('carried by the Korean Central News Agency'); fit: 0.5 plus proximity, at most 1")
	sourceOfDocument = generator("source.of_document",
		"the document's source, from its metadata; fit: 0.6")
	roleTitleBefore = generator("role.title_before",
		"the title written before the question's name ('Deputy Foreign Minister Sergey Ryabkov'); fit: 1")
	roleAppositive = generator("role.appositive",
		"the appositive after the question's name ('Dmitry Peskov, the Kremlin spokesman,'); fit: 0.9")
	definitionCopula = generator("definition.copula",
		"what follows 'X is a ...' or 'X was the ...', less its article, to the clause's end; fit: 1")
	definitionModifier = generator("definition.modifier",
		"the clause that modifies the thing ('the Ottawa Convention banning anti-personnel mines', ', which ...'); fit: 0.7")
	roleTitleComma = generator("role.title_comma",
		"a role just before a comma and the name ('acting foreign minister, Andriy Deshchytsia'); fit: 0.9")
	definitionFactLead = generator("definition.fact_lead",
		"no other definition: one of the first facts of a sheet about the thing, whole; fit: 0.6")
	definitionArticleLead = generator("definition.article_lead",
		"no other definition: one of an article's first sentences that names the thing, whole; fit: 0.4")
)

// Phrases: reasons, descriptions, expansions, yes or no, noun phrases,
// lists and claims.
var (
	reasonCue = generator("reason.cue",
		"the clause after a reason cue ('because', 'due to', 'citing'); fit: proximity, then 0.2 more, at most 1")
	reasonWeakCue = times("reason.weak_cue", 0.6,
		"the cue only may introduce a reason ('in order to', 'since', 'after', 'over')")
	descriptionQuote = generator("description.quote",
		"a quotation right after a describing verb ('calling it \"a bad mistake\"'); fit: proximity plus 0.3, at most 1")
	descriptionAs = generator("description.as",
		"what follows 'as' after a describing verb ('described it as a dangerous move'); fit: proximity plus 0.3, at most 1")
	descriptionNamed = generator("description.named",
		"the name after a naming verb ('which NATO calls the SSC-8'); fit: proximity plus 0.25, at most 1")
	descriptionSpeakerQuote = generator("description.speaker_quote",
		"no describing verb in the passage: a speaker's quotation characterises the thing; fit: 0.5")
	expansionFullName = generator("expansion.full_name",
		"what follows 'full name ... is', 'stands for' or 'short for'; fit: proximity plus 0.3, at most 1")
	expansionAcronym = generator("expansion.acronym",
		"the words before an acronym in brackets, whose initials spell it ('Intermediate-Range Nuclear Forces (INF)'); fit: 1")
	expansionShortName = set("expansion.short_name", 0.8,
		"the question asks for the full name, and the words before the acronym may be a short one ('Chemical Weapons Convention')")
	yesNo = generator("yesno",
		"'Yes', or 'No' where the passage states the question's negation; fit: 0.9")
	phraseCode = generator("phrase.code",
		"a code the passage names ('the Soviet SS-20') where it has the head noun; fit: proximity plus 0.15, at most 1")
	phraseBesideHead = generator("phrase.beside_head",
		"a code or name right beside the head noun ('the 9M729 missile'); fit: proximity plus 0.35, at most 1")
	phraseNumbered = generator("phrase.numbered",
		"the head noun names a numbered thing ('Resolution 2231'); fit: proximity plus 0.45, at most 1")
	phraseHead = generator("phrase.head",
		"the phrase that ends in the head noun ('ground-launched cruise missiles'); fit: proximity plus 0.1, at most 1")
	listAfterNoun = generator("list.after_noun",
		"a list right after a noun of the question ('three pillars, non-proliferation, disarmament and ...'); fit: 0.65")
	claimCloze = generator("claim.cloze",
		"what follows the question's last words in the passage ('... to maintain what?'); fit: 0.5 plus half the proximity")
	claimQuote = generator("claim.quote",
		"the quotation of a passage that reports a saying, from after the last word it repeats of the question; fit: 0.7")
	claimIfMainClause = generator("claim.if_main_clause",
		"the main clause after an opening condition ('If Syria fails to comply, Washington and Moscow will ...'); fit: 0.75")
	claimPredicate = generator("claim.predicate",
		"the predicate after the question's subject ('Russia | will take measures ...'); fit: 0.6")
	claimConditional = plus("claim.conditional", 0.15,
		"the question is conditional ('what will Russia do if ...') and so is the passage")
	claimSubordinate = set("claim.subordinate", 0.3,
		"the subject sits in a subordinate or embedded clause ('because Russia was ...', 'alleged Russia was ...'), not the main one")
	claimVerbObject = generator("claim.verb_object",
		"what follows the question's verb ('blaming Western sanctions'); fit: 0.35 plus 0.4 times proximity")
	claimAskedObject = plus("claim.asked_object", 0.2,
		"'what did X blame': the answer is the verb's object")
	claimBestClause = generator("claim.best_clause",
		"no other cue: the clause that holds most of the question, less its own words; fit: 0.45")
)
