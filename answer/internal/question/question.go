// Package question reads a question: what it asks for (a date, a person,
// a number, a reason... its Want), which of its words matter (its
// concepts, weighted by how rare they are in the corpus), and the forms a
// passage may use for each (the question's own word, a lexicon synonym,
// one of the corpus's aliases, a word WordNet relates to it).
//
// A question is read against a Vocabulary: what the engine learns of one
// corpus's words when it is built (how many passages use each term, how
// each word is written, its spelling dictionary, its own aliases). The
// package depends on text, lexicon and wordnet, never on passages or
// candidates. The rule it keeps: a question is read the same way whatever
// passages it is later matched against, and a word it cannot place
// (a name the corpus never mentions) is recorded, not guessed.
package question

// Want is the type of answer a question expects.
type Want uint8

const (
	WantClaim       Want = iota // a clause: "what will Russia do", "what did X say"
	WantDate                    // when
	WantEntity                  // who: a person, organisation or government
	WantPerson                  // who is the spokesman: a person
	WantOrg                     // which agency / organisation
	WantCountry                 // which country / capital
	WantPlace                   // where
	WantNumber                  // how many / how much / what range
	WantReason                  // why
	WantDescription             // how did X describe Y
	WantRole                    // what is X's position; who is Dmitry Peskov
	WantExpansion               // what does INF stand for
	WantYesNo                   // is Russia ready ...
	WantNounPhrase              // which missiles ...: a phrase ending in the head noun
	WantSource                  // which agency reported it: the document's source
	WantDefinition              // what is the INF Treaty; tell me about X: a description
)

// wantNames are what Want.String says: the kind an answer reports.
var wantNames = [...]string{"claim", "date", "entity", "person", "organisation", "country", "place", "number",
	"reason", "description", "role", "expansion", "yes/no", "phrase", "source", "definition"}

// String names the type of answer, as an answer's Kind reports it.
func (w Want) String() string { return wantNames[w] }

// Concept is one thing a question mentions, with the forms a passage may
// use for it.
type Concept struct {
	Text    string // as written in the question
	Alts    []Alt  // the forms that express it: its own first, then synonyms and aliases
	SynFrom int    // Alts[SynFrom:] came from synonyms or aliases
	WnFrom  int    // Alts[WnFrom:] came from WordNet
	Weight  float64
	Entity  bool // a name: a passage that lacks it is about something else
	Light   bool // a light verb like "say" or "do"
	Head    bool // the head noun of "how many X" / "which X"
	Poss    bool // written as a possessive: "Russia's decision"
	// secondary concepts sit in a clause that only places the question in
	// time ("when sanctions were lifted")
	secondary bool
	Pos       int  // token index in the question
	Corrected bool // a word of it was spelling-corrected
	Name      bool // a name of several words the corpus uses: "Open Skies"
}

// Question is a question as read: what it asks for and the concepts a
// passage must hold to answer it. Vocabulary.Read makes one.
type Question struct {
	Raw      string
	Want     Want
	Head     string // normalised head noun ("missil" in "which missiles")
	HeadText string
	Concepts []Concept
	Subject  int // index of the concept that is the question's grammatical subject, or -1
	Actor    int // "what did Moscow say": the name between the auxiliary and the verb, or -1
	Verb     int // index of the main content verb concept, or -1
	Negated  bool
	// ObjectQuestion is true for "who did X blame": the answer follows the verb.
	ObjectQuestion bool
	// auxAfterWh is true for "when did X take effect": the main verb comes last.
	auxAfterWh bool
	// Cloze is true for "... to maintain what?": the answer follows the
	// question's last concept in the passage.
	Cloze bool
	// Define is true for "what is the State Duma?", "tell me about X" and
	// "who is Dmitry Peskov?": X's defining text answers (any appositive
	// that follows the name, "X is a ...", a title before it).
	Define bool
	// AboutNow is true for "is it still in force?", which a dated passage
	// cannot settle; conditional for "what will Russia do if ...".
	AboutNow, Conditional bool
	// SayAbout is true for "what did X say about Y": the gist of a quote
	SayAbout bool
	// FullName is true for "what is the full name of X"
	FullName bool
	// WhWord is the question word, lower-case: "what", "who", ...
	WhWord string
	// Passive is true for "when was the treaty signed": its verb is a
	// participle after a form of "be"
	Passive bool
	// Unknown holds question names that the corpus never mentions.
	Unknown []string
	// Speaker is whose word the question asks for: "NATO" in "according to
	// NATO, who violated the treaty?". The answer must be what they say.
	Speaker string
}

// Alt is one way of expressing a concept: a sequence of normalised tokens,
// and its surface text for retrieval.
type Alt struct {
	Norms []string
	Text  string
	syn   bool // from a synonym or alias, not the question's own word
	Hyper bool // from WordNet: a hypernym, a broader word
}
