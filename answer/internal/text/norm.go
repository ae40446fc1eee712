package text

import (
	"strings"
	"sync"

	"github.com/treatybot/treatybot/index"
)

// NormWord maps a lowercase word to the form used for matching: irregular
// verbs to their lemma, initialisms without dots, then the Porter stem.
func NormWord(lower string) string {
	if n, ok := normCache.Load(lower); ok {
		return n.(string)
	}
	n := normWordUncached(lower)
	normCache.Store(lower, n)
	return n
}

// normCache memoises NormWord: stemming was a third of the time of an
// answer. It holds one entry per distinct word seen, so it is bounded by
// the vocabulary of the corpora and questions.
var normCache sync.Map

func normWordUncached(lower string) string {
	lower = strings.ReplaceAll(lower, "’", "'")
	if l, ok := Irregular[lower]; ok {
		lower = l
	}
	if strings.Contains(lower, ".") {
		lower = strings.ReplaceAll(lower, ".", "")
	}
	if strings.ContainsAny(lower, "0123456789") {
		return strings.ReplaceAll(lower, ",", "")
	}
	return index.Stem(lower)
}

// Irregular maps irregular verb forms to their lemma, so that "took effect"
// matches "take effect" and "withdrew" matches "withdraw"; the Porter stemmer
// only strips suffixes.
var Irregular = map[string]string{
	"took": "take", "taken": "take", "came": "come", "said": "say", "says": "say", "told": "tell",
	"went": "go", "gone": "go", "began": "begin", "begun": "begin", "won": "win", "made": "make",
	"gave": "give", "given": "give", "held": "hold", "met": "meet", "left": "leave", "broke": "break",
	"broken": "break", "wrote": "write", "written": "write", "spoke": "speak", "spoken": "speak",
	"brought": "bring", "sought": "seek", "thought": "think", "fought": "fight", "led": "lead",
	"saw": "see", "seen": "see", "knew": "know", "known": "know", "drew": "draw", "drawn": "draw",
	"struck": "strike", "withdrew": "withdraw", "withdrawn": "withdraw", "undertook": "undertake",
	"forbade": "forbid", "forbidden": "forbid", "became": "become", "rose": "rise", "risen": "rise",
	"fell": "fall", "fallen": "fall", "chose": "choose", "chosen": "choose", "stood": "stand",
	"understood": "understand", "sent": "send", "spent": "spend", "built": "build", "bought": "buy",
	"caught": "catch", "taught": "teach", "felt": "feel", "kept": "keep", "lost": "lose", "paid": "pay",
	"ran": "run", "sold": "sell", "shot": "shoot", "sat": "sit", "found": "find", "heard": "hear",
	"had": "have", "has": "have", "did": "do", "done": "do", "does": "do", "was": "be", "were": "be",
	"been": "be", "is": "be", "are": "be", "am": "be", "got": "get", "gotten": "get", "grew": "grow",
	"grown": "grow", "flew": "fly", "flown": "fly", "threw": "throw", "thrown": "throw", "hid": "hide",
	"bore": "bear", "borne": "bear", "swore": "swear", "sworn": "swear", "wore": "wear", "froze": "freeze",
	"frozen": "freeze", "shook": "shake", "shaken": "shake", "forgot": "forget", "forgotten": "forget",
	"overtook": "overtake", "oversaw": "oversee", "overseen": "oversee", "upheld": "uphold",
	"bid": "bid", "dealt": "deal", "meant": "mean", "fed": "feed", "fled": "flee", "hung": "hang",
	"laid": "lay", "lain": "lie", "lent": "lend", "lit": "light", "rang": "ring", "rung": "ring",
	"sang": "sing", "sung": "sing", "sank": "sink", "sunk": "sink", "slid": "slide", "sped": "speed",
	"spun": "spin", "stole": "steal", "stolen": "steal", "stuck": "stick", "stung": "sting",
	"strove": "strive", "swept": "sweep", "swam": "swim", "swum": "swim", "tore": "tear", "torn": "tear",
	"woke": "wake", "woken": "wake", "wove": "weave", "woven": "weave", "wept": "weep", "wound": "wind",
	"ate": "eat", "eaten": "eat", "drove": "drive", "driven": "drive", "rode": "ride", "ridden": "ride",
	"arose": "arise", "arisen": "arise", "awoke": "awake", "beat": "beat", "beaten": "beat",
	"bent": "bend", "bound": "bind", "bred": "breed", "clung": "cling", "crept": "creep", "dug": "dig",
	"drank": "drink", "drunk": "drink", "fit": "fit", "forgave": "forgive", "forgiven": "forgive",
	"ground": "ground", "leapt": "leap", "mistook": "mistake", "mistaken": "mistake", "overcame": "overcome",
	"proved": "prove", "proven": "prove", "quit": "quit", "rid": "rid", "shone": "shine", "shown": "show",
	"showed": "show", "shrank": "shrink", "slept": "sleep", "sprang": "spring", "sprung": "spring",
	"withheld": "withhold", "withstood": "withstand", "foresaw": "foresee", "foreseen": "foresee",
}

// NormalizeAnswer is the form in which two answers are compared: lower
// case, without punctuation and thousands separators.
func NormalizeAnswer(s string) string {
	var b strings.Builder
	for _, t := range Words(Tokenize(s)) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(t.Lower, ",", ""), ".", ""))
	}
	return b.String()
}
