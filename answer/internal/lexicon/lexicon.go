// Package lexicon holds the engine's word lists: general English and world
// knowledge (synonym groups of news verbs, stop words, titles, units,
// countries with their capitals and demonyms, cities), never knowledge of
// one corpus, which the engine learns from the corpus itself. It is data,
// not logic, and depends on nothing; the rule it keeps is that a word list
// says what a word is, and each step that reads text decides what that
// means for its own rule.
//
// The lists are hand-written because the NER and synonym libraries
// available for Go were measured to be wrong on exactly these cases (prose
// labelled "NATO" and "Treaty" as PERSON), and WordNet-sized thesauri are
// far too loose for extraction (answer/wordnet is used, with care, as a
// feature of its own).
package lexicon

import "strings"

// SynonymGroups are phrases that news text uses interchangeably. A question
// using one phrase matches a passage using another.
var SynonymGroups = [][]string{
	{"sign", "signing", "signed", "conclude", "ink", "signatory", "put pen to paper", "put their signatures on", "put its signature on", "put their names to", "put its name to"},
	{"take effect", "enter into force", "entry into force", "come into force", "go into effect", "come into effect", "became effective", "effective", "into force", "in force"},
	{"withdraw", "withdrawal", "quit", "pull out", "exit", "leave", "abandon", "walk away", "ditch", "pullout", "pull-out", "back out", "terminate", "termination"},
	{"suspend", "suspension", "halt", "freeze"},
	{"violate", "violation", "breach", "non-compliance", "noncompliance", "contravene", "break", "in breach"},
	{"ban", "outlaw", "prohibit", "forbid", "bar"},
	{"eliminate", "elimination", "destroy", "destruction", "dismantle", "scrap", "eliminated"},
	{"blame", "responsibility", "responsible", "fault", "hold responsible"},
	{"criticize", "criticise", "criticism", "critic", "critical", "condemn", "denounce", "censure"},
	{"support", "back", "endorse", "side with", "backing", "on the side of", "in support of"},
	{"side", "party"},
	{"say", "state", "announce", "declare", "stress", "note", "tell", "remark", "statement", "comment", "speak", "assert", "add", "announcement", "emphasize", "underline", "told", "speech", "address"},
	{"talk", "negotiate", "negotiation", "dialogue", "discuss", "discussion", "talks"},
	{"describe", "call", "term", "characterize", "characterise", "label", "dub"},
	{"allege", "allegation", "charge", "claim", "accusation", "accuse"},
	{"dismiss", "reject", "deny", "denial", "rebuff", "refute", "turn down", "vote down", "defeat", "refuse"},
	{"UN", "U.N.", "United Nations"},
	{"EU", "European Union"},
	{"NATO", "North Atlantic Treaty Organization"},
	{"respond", "response", "reply", "react", "reaction", "countermeasure", "retaliate", "retaliation"},
	{"range", "distance", "reach"},
	{"missile", "rocket"},
	{"country", "nation"},
	{"spokesman", "spokesperson", "spokeswoman", "press secretary"},
	{"agency", "news agency", "outlet", "wire service"},
	{"ratify", "ratification", "approve", "approval"},
	{"expire", "expiry", "expiration", "lapse"},
	{"extend", "extension", "prolong", "renew"},
	{"deploy", "deployment", "station"},
	{"begin", "start", "launch", "commence"},
	{"meet", "meeting", "summit"},
	{"kilometer", "kilometre", "km"},
	{"mile", "miles"},
	{"limit", "cap", "ceiling"},
	{"warhead", "warheads"},
	{"inspect", "inspection", "verification", "verify", "monitor"},
	{"stand for", "short for", "abbreviation", "acronym", "full name"},
	{"role", "position", "title", "job", "post"},
	{"ready", "willing", "prepared"},
	{"dangerous", "risky", "perilous"},
	{"measure", "step", "action"},
	{"decision", "decide", "move"},
	{"last", "final"},
	{"duration", "last", "term", "lifespan"},
	{"test", "explosion", "blast", "detonation"},
	{"explode", "explosion", "detonate", "detonation", "set off", "blow up"},
	{"continue", "keep", "carry on", "go on", "remain"},
	{"carry out", "conduct", "perform", "stage", "undertake"},
	{"block", "stop", "prevent", "thwart", "veto", "obstruct"},
	{"oppose", "opposition", "object", "resist", "vote against"},
	{"join", "accede", "accession", "become party", "sign up"},
	{"revoke", "revocation", "rescind", "annul", "cancel", "de-ratify", "take away", "withdraw", "strip"},
	{"submit", "send", "refer", "forward", "present"},
	{"cause", "lead to", "result in", "trigger", "prompt"},
	{"warn", "caution", "alert"},
	{"urge", "call on", "call for", "press", "appeal"},
	{"increase", "raise", "boost", "expand", "grow"},
	{"reduce", "cut", "decrease", "lower", "shrink", "reduction"},
	{"build", "construct", "develop", "produce", "make"},
	{"own", "possess", "have", "hold"},
	{"take place", "held", "happen", "occur", "convene"},
	{"NGO", "non-governmental organization", "non-governmental organisation", "nongovernmental organization"},
	{"need", "require", "requirement", "necessary"},
	{"admit", "acknowledge", "concede", "confess"},
	{"win", "awarded", "receive", "earn"},
	{"intend", "intention"},
	{"send", "ship", "transfer", "deliver"},
	{"die", "died", "kill", "killed", "death", "deaths", "dead"},
	{"end", "close", "finish", "wrap up", "adjourn"},
	{"permanent", "permanently", "indefinite", "indefinitely", "in perpetuity"},
	{"decline", "refuse", "would not", "will not"},
	{"kill", "death", "dead", "die"},
	{"attack", "strike", "assault"},
	{"announce", "unveil", "reveal", "disclose"},
	{"detect", "register", "record", "pick up", "spot"},
	{"lead", "head", "chair", "run"},
	{"elect", "election", "vote"},
	{"replace", "succeed", "successor"},
	{"begin", "start", "launch", "open"},
	{"weapon", "arm", "arms", "armament"},
	{"country", "state", "nation", "government"},
	{"lab", "laboratory"},
	{"site", "facility", "plant", "base"},
	{"based", "headquartered", "headquarters", "seat", "located"},
	{"network", "system"},
	{"chief", "head", "leader", "director-general", "director general", "secretary-general", "secretary general", "executive secretary", "chairman", "chairwoman"},
	{"foreign minister", "foreign secretary", "secretary of state"},
	{"defense minister", "defence minister", "defense secretary", "secretary of defense"},
	{"roughly", "about", "around", "approximately", "some", "nearly", "almost"},
	{"bilateral", "two-way"},
	{"nuclear", "atomic"},
	{"agreement", "treaty", "accord", "pact", "deal"},
	{"allow", "permit", "may", "be allowed", "be permitted", "entitle", "authorize", "authorise"},
	{"run", "operate"},
	{"reach", "agree", "strike", "seal", "clinch", "finalise", "conclude", "adopt"},
	{"lift", "ease", "remove", "end", "unfreeze"},
	{"endorse", "approve", "adopt", "back", "enshrine", "pass"},
	{"reimpose", "restore", "snap back", "return", "reinstate"},
	{"exceed", "surpass", "breach", "go past", "overshoot"},
	{"enrich", "enrichment", "purity", "pure"},
	{"stockpile", "store"},
}

// LightVerbs carry little meaning in a question ("what did X say", "what
// will X do") and get a low weight.
var LightVerbs = map[string]bool{
	"do": true, "say": true, "be": true, "have": true, "happen": true, "get": true, "make": true, "go": true,
	"hold": true, "occur": true, "roughly": true, "approximately": true, "supposed": true, "meant": true,
	"expected": true,
}

// Stopwords are ignored as question content. Question words are handled by
// the question analysis, not matched.
var Stopwords = SetOf(`a an the and or but if of to in on at by for from with about as into onto upon over under
than then that this these those there here it its it's is are was were be been being am do does did done doing
have has had having will would shall should can could may might must not no nor so such too very just also
what when where who whom whose which why how whether i me my we our you your he him his she her they them their during
please tell me know hey hi bot treatybot any some much many ever already yet still again up out off down
one's ones s whatever whoever across through via toward towards near between among amongst`)

// QuestionFiller are words of politeness or framing, never content.
var QuestionFiller = SetOf(`please tell me know hey hi hello bot treatybot thanks thank could would you kindly wonder
wondering question ask asking quick q qq yo actually exactly really precisely`)

// UnionOf returns a new set holding every word of the sets.
func UnionOf(sets ...map[string]bool) map[string]bool {
	m := map[string]bool{}
	for _, set := range sets {
		for w := range set {
			m[w] = true
		}
	}
	return m
}

// SetOf makes a set of the words of s, separated by spaces or line breaks.
func SetOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// TitleWords precede or stand for a person's name ("Deputy Foreign Minister
// Sergey Ryabkov", "the Kremlin spokesman").
var TitleWords = SetOf(`president vice deputy minister ministers secretary spokesman spokeswoman spokesperson chancellor
prime premier ambassador envoy senator representative congressman congresswoman general gen chairman chairwoman chair
director chief head commander king queen prince princess pope governor mayor adviser advisor official officials diplomat
negotiator leader foreign defense defence state national security press secretary-general undersecretary under
assistant lawmaker aide analyst expert professor dr mr mrs ms sen rep adm col lt sgt capt lieutenant colonel admiral
marshal field attorney justice judge speaker lord sir emir sheikh sultan supreme first lady counselor counsellor
commissioner administrator inspector envoys ambassadors spokesmen executive`)

// RoleHeads are title words that can end a role ("Foreign Minister").
var RoleHeads = SetOf(`president minister secretary spokesman spokeswoman spokesperson chancellor premier ambassador
envoy senator representative general chairman chairwoman chair director chief head commander king queen prince pope
governor mayor adviser advisor diplomat negotiator leader secretary-general undersecretary lawmaker aide analyst
expert professor speaker justice judge commissioner administrator inspector counselor counsellor official
coordinator founder organiser organizer director-general laureate rapporteur`)

// OrgWords mark an organisation when they end or appear in a capitalised name.
var OrgWords = SetOf(`ministry department agency council organization organisation union alliance committee commission
congress senate duma parliament assembly court bank institute association forces army navy corporation company
inc ltd party government administration office kremlin pentagon house bureau service services group network
federation treaty conference university foundation center centre program programme initiative staff command
embassy cabinet secretariat coalition league fund`)

// KnownOrgs are well-known organisations and news agencies written as one token.
var KnownOrgs = SetOf(`nato un eu iaea osce ctbto opcw tass reuters ap afp interfax ria xinhua bbc cnn kremlin pentagon
nasa cia fbi kgb fsb gru nsa asean opec wto imf g7 g20 brics sco csto nbc cbs npr sipri
bloomberg itar-tass ria-novosti novosti rt sputnik dpa efe ansa kyodo yonhap`)

// UnitWords follow a number to give it a unit.
var UnitWords = SetOf(`km kilometers kilometres kilometer kilometre miles mile meters metres meter metre m percent % per cent
years year months month days day weeks week hours hour minutes decades decade centuries century missiles missile
warheads warhead launchers launcher weapons weapon bombers bomber submarines tests test sites site inspections inspection
people persons troops soldiers tons tonnes kilotons megatons kt mt dollars dollar euros euro rubles ruble roubles
billion million thousand hundred trillion times countries nations states members votes vote delegates pages articles
systems system satellites aircraft ships kg pounds feet ft nm nautical kilograms kilogram grams gram tonnes tons
centrifuges centrifuge reactors reactor bombs bomb warships vessels tanks rounds shells % percentage points
centimeters centimetres centimeter centimetre cm millimeters millimetres mm inches inch yards seconds flights stations
parties signatories ratifications organizations organisations groups governments planes`)

// NumberWords are spelled-out numbers.
var NumberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12, "dozens": 24,
	"hundreds": 100, "thousands": 1000, "million": 1e6, "billion": 1e9, "once": 1, "twice": 2, "thrice": 3,
	"half": 0.5, "third": 0.33, "thirds": 0.33, "quarter": 0.25, "quarters": 0.25,
}

// SayVerbs introduce what someone said.
var SayVerbs = SetOf(`say said says stated state stress stressed note noted tell told add added announce announced
declare declared remark remarked claim claimed insist insisted warn warned explain explained argue argued emphasize
emphasized emphasise emphasised write wrote report reported assert asserted reply replied`)

// ReasonCues introduce a reason clause, longest first; WeakReasonCues may
// introduce one: "since" is often a time, and "argued that" gives a stated
// case rather than a cause.
var (
	ReasonCues     = []string{"because of", "because", "due to", "owing to", "as a result of", "on the grounds that", "on grounds that", "citing", "in response to", "in retaliation for"}
	WeakReasonCues = []string{"in order to", "so that", "arguing that", "argued that", "argue that", "saying that", "warning that", "warned that", "for fear that", "for fear of", "fearing", "blaming", "amid", "for its", "for their", "for his", "for her", "since", "after", "over"}
)

// Negations flip a yes/no answer.
var Negations = SetOf(`not no never n't cannot neither nor none refused refuse declined decline rejected denied`)

// TitleModifiers are title words only when a role head follows them in the
// same name: "Foreign Minister" is a title, "Foreign Ministry" a name.
var TitleModifiers = SetOf(`vice deputy foreign defense defence state national security press first under assistant
prime supreme field chief general executive`)

// DocWords end the names of treaties and documents.
var DocWords = SetOf(`treaty accord agreement convention protocol charter act pact declaration`)

// CalendarWords are capitalised but never names.
var CalendarWords = SetOf(`january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday`)
