package answer

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/treatybot/treatybot/index"
)

// tokKind says what a token is.
type tokKind uint8

const (
	tokWord tokKind = iota
	tokNumber
	tokPunct
)

// token is one word, number or punctuation mark of a text, with its byte
// offsets. The tokenizer is hand-written because answer extraction needs
// things no general tokenizer gives together: "U.S." and "D.C." kept whole,
// "1,000-5,000" as one number, possessives split off but remembered, and
// hyphenated words kept whole with their parts stemmed too.
type token struct {
	Text       string
	Start, End int
	Kind       tokKind
	Lower      string
	Norm       string   // lemma-then-stem of Lower, for matching
	Parts      []string // stems of a hyphenated word's parts
	Cap        bool     // starts with an upper-case letter
	AllCaps    bool     // two or more letters, all upper case
	Poss       bool     // followed by a possessive 's or ’
	HasDigit   bool
	HasLetters bool
}

// tokenize splits text into tokens.
func tokenize(text string) []token {
	var toks []token
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			end := scanWord(text, i)
			toks = append(toks, makeToken(text, i, end))
			i = end
			// possessive: 's, ’s, or a bare ’ after a plural s
			if j, ok := possessiveAt(text, i, toks[len(toks)-1].Lower); ok {
				toks[len(toks)-1].Poss = true
				i = j
			}
		default:
			toks = append(toks, token{Text: text[i : i+size], Start: i, End: i + size, Kind: tokPunct, Lower: text[i : i+size], Norm: text[i : i+size]})
			i += size
		}
	}
	return toks
}

func isApos(r rune) bool { return r == '\'' || r == '’' }

func isDash(r rune) bool { return r == '-' || r == '–' || r == '‑' }

// scanWord returns the end of the word or number starting at i.
func scanWord(text string, i int) int {
	end := i
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			end += size
			continue
		}
		// joiners: a joiner followed by a letter or digit stays inside the word
		next, _ := utf8.DecodeRuneInString(text[end+size:]) // RuneError at the end
		alnumNext := unicode.IsLetter(next) || unicode.IsDigit(next)
		prev, _ := utf8.DecodeLastRuneInString(text[:end])
		switch {
		case isDash(r) && alnumNext:
			end += size
			continue
		case (r == ',' || r == '.') && unicode.IsDigit(prev) && unicode.IsDigit(next):
			// 1,000 and 5.5
			end += size
			continue
		case isApos(r) && unicode.IsLetter(next) && !isPossessiveSuffix(text[end+size:]):
			// O'Brien, can't
			end += size
			continue
		case r == '.' && isAbbrevLetter(text[i:end]) && unicode.IsLetter(next) && unicode.IsUpper(next) && abbrevContinues(text[end+size:]):
			// U.S, D.C — the letters of an initialism
			end += size
			continue
		case r == '.' && isAbbrevLetter(text[i:end]) && isInitialism(text[i:end]):
			// the closing dot of U.S. / D.C.
			end += size
			return end
		case r == '.' && end-i == 1 && unicode.IsUpper(prev) && initialFollows(text[end+size:]):
			// a middle initial: "George W. Bush", "John F. Kennedy"
			return end + size
		}
		break
	}
	return end
}

// isAbbrevLetter reports whether the word so far is a run of single upper-case
// letters separated by dots (U, U.S, D.C).
func isAbbrevLetter(w string) bool {
	parts := strings.Split(w, ".")
	for _, p := range parts {
		if utf8.RuneCountInString(p) != 1 {
			return false
		}
		r, _ := utf8.DecodeRuneInString(p)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func isInitialism(w string) bool { return strings.Contains(w, ".") }

// abbrevContinues reports whether s starts with one upper-case letter and a
// dot, as the rest of "U.S." does.
func abbrevContinues(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	return strings.HasPrefix(s[size:], ".")
}

// initialFollows reports whether s continues a name after an initial's dot:
// a space, then a capitalised word.
func initialFollows(s string) bool {
	if !strings.HasPrefix(s, " ") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[1:])
	return unicode.IsUpper(r)
}

func isPossessiveSuffix(s string) bool {
	if !strings.HasPrefix(s, "s") && !strings.HasPrefix(s, "S") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[1:])
	return len(s) == 1 || !(unicode.IsLetter(r) || unicode.IsDigit(r))
}

// possessiveAt reports whether a possessive marker starts at i, returning its end.
func possessiveAt(text string, i int, lower string) (int, bool) {
	r, size := utf8.DecodeRuneInString(text[i:])
	if i >= len(text) || !isApos(r) {
		return i, false
	}
	rest := text[i+size:]
	if isPossessiveSuffix(rest) {
		return i + size + 1, true
	}
	if strings.HasSuffix(lower, "s") {
		nr, _ := utf8.DecodeRuneInString(rest)
		if rest == "" || !unicode.IsLetter(nr) {
			return i + size, true
		}
	}
	return i, false
}

func makeToken(text string, start, end int) token {
	w := text[start:end]
	t := token{Text: w, Start: start, End: end, Kind: tokWord, Lower: strings.ToLower(w)}
	letters, uppers := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			t.HasDigit = true
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				uppers++
			}
		}
	}
	t.HasLetters = letters > 0
	first, _ := utf8.DecodeRuneInString(w)
	t.Cap = unicode.IsUpper(first)
	t.AllCaps = letters >= 2 && uppers == letters
	if t.HasDigit && !t.HasLetters {
		t.Kind = tokNumber
	}
	t.Norm = normWord(t.Lower)
	if strings.ContainsAny(w, "-–‑") && t.Kind == tokWord {
		for _, p := range strings.FieldsFunc(t.Lower, func(r rune) bool { return isDash(r) }) {
			t.Parts = append(t.Parts, normWord(p))
		}
	}
	return t
}

// normWord maps a lowercase word to the form used for matching: irregular
// verbs to their lemma, initialisms without dots, then the Porter stem.
func normWord(lower string) string {
	if n, ok := normCache.Load(lower); ok {
		return n.(string)
	}
	n := normWordUncached(lower)
	normCache.Store(lower, n)
	return n
}

// normCache memoises normWord: stemming was a third of the time of an
// answer. It holds one entry per distinct word seen, so it is bounded by
// the vocabulary of the corpora and questions.
var normCache sync.Map

func normWordUncached(lower string) string {
	lower = strings.ReplaceAll(lower, "’", "'")
	if l, ok := irregular[lower]; ok {
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

// words returns the word and number tokens of toks.
func words(toks []token) []token {
	out := toks[:0:0]
	for _, t := range toks {
		if t.Kind != tokPunct {
			out = append(out, t)
		}
	}
	return out
}

// irregular maps irregular verb forms to their lemma, so that "took effect"
// matches "take effect" and "withdrew" matches "withdraw"; the Porter stemmer
// only strips suffixes.
var irregular = map[string]string{
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
