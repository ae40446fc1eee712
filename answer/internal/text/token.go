// Package text reads the text of questions and passages as tokens: words,
// numbers and punctuation marks with their byte offsets, each with the
// normalised form that matching compares (an irregular verb's lemma, then
// the Porter stem). It knows English spelling and nothing of questions,
// corpora or answers; every later step of the engine reads text through
// it. The rule it keeps: a token's offsets always slice the exact text it
// was read from, so that an answer's highlight quotes its passage verbatim.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says what a token is.
type Kind uint8

const (
	Word   Kind = iota // a word: letters, perhaps with digits ("9M729")
	Number             // digits only, with separators: "1,000-5,000", "5.5"
	Punct              // one punctuation mark or symbol
)

// Token is one word, number or punctuation mark of a text, with its byte
// offsets. The tokenizer is hand-written because answer extraction needs
// things no general tokenizer gives together: "U.S." and "D.C." kept whole,
// "1,000-5,000" as one number, possessives split off but remembered, and
// hyphenated words kept whole with their parts stemmed too.
type Token struct {
	Text       string
	Start, End int
	Kind       Kind
	Lower      string
	Norm       string   // lemma-then-stem of Lower, for matching
	Parts      []string // stems of a hyphenated word's parts
	Cap        bool     // starts with an upper-case letter
	AllCaps    bool     // two or more letters, all upper case
	Poss       bool     // followed by a possessive 's or ’
	HasDigit   bool
	HasLetters bool
}

// Tokenize splits text into tokens.
func Tokenize(text string) []Token {
	var toks []Token
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
			toks = append(toks, Token{Text: text[i : i+size], Start: i, End: i + size, Kind: Punct, Lower: text[i : i+size], Norm: text[i : i+size]})
			i += size
		}
	}
	return toks
}

func isApos(r rune) bool { return r == '\'' || r == '’' }

// IsDash reports whether r is a hyphen or a dash that joins a word.
func IsDash(r rune) bool { return r == '-' || r == '–' || r == '‑' }

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
		case IsDash(r) && alnumNext:
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

func makeToken(text string, start, end int) Token {
	w := text[start:end]
	t := Token{Text: w, Start: start, End: end, Kind: Word, Lower: strings.ToLower(w)}
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
		t.Kind = Number
	}
	t.Norm = NormWord(t.Lower)
	if strings.ContainsAny(w, "-–‑") && t.Kind == Word {
		for _, p := range strings.FieldsFunc(t.Lower, func(r rune) bool { return IsDash(r) }) {
			t.Parts = append(t.Parts, NormWord(p))
		}
	}
	return t
}
