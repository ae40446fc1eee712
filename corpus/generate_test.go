package corpus

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestGenerateCorpus(t *testing.T) {
	for _, n := range []int{1, 25, 1000} {
		c, warnings, err := Load(GenerateCorpus(n, 7))
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if len(warnings) > 0 {
			t.Errorf("n=%d: warnings %v", n, warnings)
		}
		// Every generated sentence must come out as exactly one passage.
		if got := c.Stats().Passages; got != n {
			t.Errorf("n=%d: got %d passages, want %d", n, got, n)
		}
		dated := 0
		for _, d := range c.Docs {
			for _, p := range d.Passages {
				if d.Kind == Article && d.Text[p.Start:p.End] != p.Text {
					t.Fatalf("%s: not verbatim", p.ID)
				}
				if d.Kind == Article && strings.HasSuffix(p.ID, "#2") && !strings.Contains(p.Text, ") — ") {
					t.Errorf("%s: first sentence %q lost its dateline", p.ID, p.Text)
				}
				if len(p.Dates) > 0 {
					dated++
				}
			}
		}
		// news text is full of dates: a third of the sentences at least
		if n >= 1000 && dated < n/3 {
			t.Errorf("n=%d: %d passages have a date, want at least %d", n, dated, n/3)
		}
	}
	a, _, _ := Load(GenerateCorpus(500, 1))
	b, _, _ := Load(GenerateCorpus(500, 1))
	other, _, _ := Load(GenerateCorpus(500, 2))
	if a.Version != b.Version || a.Version == other.Version {
		t.Errorf("got versions %s, %s (same seed) and %s (other seed)", a.Version, b.Version, other.Version)
	}
}

// splitWords returns the lower-case words of s, apostrophes kept inside.
func splitWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

// wordCounts counts the lower-case words of every file in fsys.
func wordCounts(t *testing.T, fsys fs.FS) (map[string]int, int) {
	t.Helper()
	counts := map[string]int{}
	total := 0
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		for _, w := range splitWords(string(b)) {
			counts[w]++
			total++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return counts, total
}

// TestGenerateVocabulary checks that the benchmark corpus's words are
// distributed like those of real news text: about 60,000 distinct words at
// 100,000 passages, a few very common words, and a long tail of rare ones.
func TestGenerateVocabulary(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 100,000 passages")
	}
	counts, total := wordCounts(t, GenerateCorpus(100_000, 1))
	if len(counts) < 50_000 || len(counts) > 70_000 {
		t.Errorf("got %d distinct words, want about 60,000", len(counts))
	}
	freq := make([]int, 0, len(counts))
	once := 0
	for _, n := range counts {
		freq = append(freq, n)
		if n == 1 {
			once++
		}
	}
	slices.Sort(freq)
	slices.Reverse(freq)
	// In English news "the" is about 6% of the words, and the 100 most
	// common words about half of them.
	if share := float64(freq[0]) / float64(total); share < 0.03 || share > 0.10 {
		t.Errorf("most common word is %.1f%% of the text, want 3-10%%", 100*share)
	}
	top := 0
	for _, n := range freq[:100] {
		top += n
	}
	if share := float64(top) / float64(total); share < 0.35 || share > 0.70 {
		t.Errorf("100 most common words are %.0f%% of the text, want 35-70%%", 100*share)
	}
	// and about half the distinct words occur once
	if share := float64(once) / float64(len(counts)); share < 0.3 || share > 0.7 {
		t.Errorf("%.0f%% of the distinct words occur once, want 30-70%%", 100*share)
	}
}

// questionWords may appear in a generated question without being in the
// corpus: question words, and the paraphrases people use ("quit", "pull
// out", "take effect") for the corpus's words.
var questionWords = setOf("how", "many", "did", "does", "why", "what", "who", "when", "where", "is",
	"job", "number", "say", "tell", "speak", "describe", "criticize", "agree", "resume", "withdraw",
	"quit", "pull", "go", "back", "enter", "take", "effect", "count", "signing", "date", "year", "call",
	"long", "last", "set", "limits", "range", "will", "cut", "displaced", "reporters", "move", "according")

func TestGenerateQuestions(t *testing.T) {
	const n = 20_000
	fsys := GenerateCorpus(n, 3)
	qs := GenerateQuestions(n, 3)
	if len(qs) < n/questionEvery*3/4 || len(qs) > n/questionEvery+1 {
		t.Errorf("got %d questions for %d passages, want about %d", len(qs), n, n/questionEvery)
	}
	if again := GenerateQuestions(n, 3); !slices.Equal(qs, again) {
		t.Errorf("the same n and seed gave different questions")
	}
	if len(GenerateQuestions(10, 3)) == 0 {
		t.Errorf("a corpus of 10 passages got no question")
	}
	counts, _ := wordCounts(t, fsys)
	c, _, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	passages := map[string]bool{}
	for _, d := range c.Docs {
		for _, p := range d.Passages {
			passages[p.Text] = true
		}
	}
	lower := 0
	for _, q := range qs {
		if q.Q == strings.ToLower(q.Q) {
			lower++
		}
		for _, w := range splitWords(q.Q) {
			w = strings.TrimSuffix(w, "'s")
			if counts[w] == 0 && !questionWords[w] {
				t.Errorf("question %q: %q is not in the corpus", q.Q, w)
			}
		}
		if !heldBy(passages, q.Sentence) {
			t.Errorf("question %q: no passage holds its sentence %q", q.Q, q.Sentence)
		}
	}
	// people type in lower case often, but not always
	if lower == 0 || lower == len(qs) {
		t.Errorf("%d of %d questions are in lower case, want some but not all", lower, len(qs))
	}
}

// heldBy reports whether one of the passages holds the sentence s: is it,
// or is it with the dateline that opens an article.
func heldBy(passages map[string]bool, s string) bool {
	if s == "" {
		return false
	}
	if passages[s] {
		return true
	}
	for p := range passages {
		if strings.HasSuffix(p, ") — "+s) {
			return true
		}
	}
	return false
}

func BenchmarkLoadGenerated(b *testing.B) {
	fsys := GenerateCorpus(100_000, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}
