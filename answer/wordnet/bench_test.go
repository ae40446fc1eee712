package wordnet

import (
	"testing"
)

// BenchmarkLoad measures what the first lookup of a process costs: decoding
// the embedded table and the non-synonym table (both done once, lazily).
func BenchmarkLoad(b *testing.B) {
	raw := tableBytes(b)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := parseTable(raw); err != nil {
			b.Fatal(err)
		}
		if _, err := parseDistinct(nonsynonymsFile, nonsynonymsText); err != nil {
			b.Fatal(err)
		}
	}
}

// benchWords are words of a treaty question, inflected as members type them.
var benchWords = []string{"withdrew", "signed", "ratified", "treaty", "missiles", "slammed", "pulled out", "criticism", "when", "inspections"}

func BenchmarkLemmas(b *testing.B) {
	Lemmas("warm up")
	for b.Loop() {
		for _, w := range benchWords {
			Lemmas(w)
		}
	}
}

func BenchmarkRelated(b *testing.B) {
	Related("warm up")
	for b.Loop() {
		for _, w := range benchWords {
			Related(w)
		}
	}
}
