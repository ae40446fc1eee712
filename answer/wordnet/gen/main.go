// Command gen compiles the WordNet 3.0 database into the compact table that
// package wordnet embeds, wordnet.bin (in two halves, wordnet.bin.1 and .2). `go generate ./answer/wordnet/` runs
//
//	go run ./gen -dict /usr/share/wordnet -out wordnet.bin
//
// The database comes from Debian's wordnet-base package
// (`apt-get install wordnet-base`). The output depends only on the input
// files and the flags: the same database always gives the same bytes (maps
// are never iterated into the output; words and synsets are sorted).
//
// What is kept (package wordnet documents the format and the reasons):
//   - the nouns, verbs and adjectives an engine can meet (see selectLemmas),
//     each with its first -senses senses in WordNet's order, most frequent
//     first;
//   - for each kept sense, its members and its hypernym (@), verb group ($)
//     and derivationally related form (+) pointers;
//   - the members of the synsets those pointers reach (their own pointers are
//     dropped: relations go one level only);
//   - the entries of the noun, verb and adjective exception lists
//     (irregular inflections) whose base form is a kept lemma.
//
// A malformed database file is an error naming the file and the line.
package main

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func main() {
	dict := flag.String("dict", "/usr/share/wordnet", "folder of the WordNet 3.0 database (index.*, data.*, *.exc)")
	out := flag.String("out", "wordnet.txt", "table to write")
	senses := flag.Int("senses", 3, "senses kept per lemma and part of speech, most frequent first")
	flag.Parse()
	table, err := Build(*dict, *senses)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	for i, part := range Halves(table) {
		if err := os.WriteFile(fmt.Sprintf("%s.%d", *out, i+1), part, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
}

// Halves splits a table in two at its middle byte: it is committed as two
// files, each under 2 MiB as the repository's files must be, and the
// package joins them. (Compressed, it would fit one file, but decompressing
// took 32 ms on first use, over the 30 ms a cold start may spend on it.)
func Halves(table []byte) [2][]byte {
	mid := len(table) / 2
	return [2][]byte{table[:mid], table[mid:]}
}

// posFiles are the parts of speech the table holds, with the suffix of their
// WordNet files and the letter the table uses for them.
var posFiles = []struct {
	suffix string
	letter byte
}{
	{"noun", 'n'},
	{"verb", 'v'},
	{"adj", 'a'},
}

// synsetKey names a synset in the database: its part of speech ('n', 'v' or
// 'a'; adjective satellites count as 'a') and its byte offset in the data file.
type synsetKey struct {
	pos    byte
	offset int
}

// pointer is one kept pointer of a synset. For a derivationally related form
// src and dst are the 1-based numbers of the words it links; for the semantic
// pointers (@, $) both are 0.
type pointer struct {
	symbol   byte
	target   synsetKey
	src, dst int
}

// synset is what the table needs of a synset of the database.
type synset struct {
	lexfile  int  // WordNet's lexicographer file: 5 is noun.animal, 20 noun.plant
	proper   bool // every member is capitalized: a name, not a common noun
	members  []string
	pointers []pointer
}

// lemma is one line of an index file: the lemma's senses in WordNet's order.
type lemma struct {
	word   string
	pos    byte
	tagged bool // a sense of it was seen in WordNet's tagged corpus (tagsense_cnt > 0)
	senses []synsetKey
}

// Build reads the WordNet database in dir and returns the table.
func Build(dir string, senses int) ([]byte, error) {
	if senses < 1 {
		return nil, fmt.Errorf("senses must be at least 1, not %d", senses)
	}
	synsets := map[synsetKey]*synset{}
	var lemmas []lemma
	for _, pf := range posFiles {
		if err := readData(filepath.Join(dir, "data."+pf.suffix), pf.letter, synsets); err != nil {
			return nil, err
		}
		ls, err := readIndex(filepath.Join(dir, "index."+pf.suffix), pf.letter, senses)
		if err != nil {
			return nil, err
		}
		lemmas = append(lemmas, ls...)
	}

	for _, l := range lemmas {
		for _, k := range l.senses {
			if synsets[k] == nil {
				return nil, fmt.Errorf("index.%s: %s: synset %08d not in the data file", posName(l.pos), l.word, k.offset)
			}
		}
	}
	lemmas = selectLemmas(lemmas, synsets)

	// Every sense a lemma keeps is a full synset; the synsets its pointers
	// reach are kept for their members only.
	full := map[synsetKey]bool{}
	for _, l := range lemmas {
		for _, k := range l.senses {
			full[k] = true
		}
	}
	kept := map[synsetKey]bool{}
	for k := range full {
		kept[k] = true
		for _, p := range synsets[k].pointers {
			if synsets[p.target] == nil {
				return nil, fmt.Errorf("data.%s: synset %08d points to %c %08d, which is not in the database", posName(k.pos), k.offset, p.target.pos, p.target.offset)
			}
			if p.dst > len(synsets[p.target].members) {
				return nil, fmt.Errorf("data.%s: synset %08d links to word %d of %c %08d, which has %d", posName(k.pos), k.offset, p.dst, p.target.pos, p.target.offset, len(synsets[p.target].members))
			}
			kept[p.target] = true
		}
	}

	// Synsets are numbered in (part of speech, offset) order, so the numbers
	// do not depend on map iteration.
	order := make([]synsetKey, 0, len(kept))
	for k := range kept {
		order = append(order, k)
	}
	slices.SortFunc(order, func(a, b synsetKey) int {
		return cmp.Or(cmp.Compare(posRank(a.pos), posRank(b.pos)), cmp.Compare(a.offset, b.offset))
	})
	id := make(map[synsetKey]int, len(order))
	for i, k := range order {
		id[k] = i
	}

	exceptions, err := readExceptions(dir, lemmas)
	if err != nil {
		return nil, err
	}
	return encode(order, synsets, full, lemmas, exceptions), nil
}

// exception is one line of an exception list: an irregular form and a base
// form of the given part of speech.
type exception struct {
	form, base string
	pos        byte
}

// encode writes the table in the format package wordnet documents: the
// header, then every word in byte order, then every synset by number.
func encode(order []synsetKey, synsets map[synsetKey]*synset, full map[synsetKey]bool, lemmas []lemma, exceptions []exception) []byte {
	id := make(map[synsetKey]int, len(order))
	for i, k := range order {
		id[k] = i
	}

	// The words: every lemma, every member of a kept synset, every exception
	// form. A word's number is its place in byte order.
	type entry struct {
		senses map[byte][]synsetKey
		bases  []exception
	}
	words := map[string]*entry{}
	word := func(w string) *entry {
		e := words[w]
		if e == nil {
			e = &entry{senses: map[byte][]synsetKey{}}
			words[w] = e
		}
		return e
	}
	for _, l := range lemmas {
		word(l.word).senses[l.pos] = l.senses
	}
	for _, k := range order {
		for _, m := range synsets[k].members {
			word(m)
		}
	}
	for _, x := range exceptions {
		e := word(x.form)
		e.bases = append(e.bases, x)
	}
	sorted := make([]string, 0, len(words))
	for w := range words {
		sorted = append(sorted, w)
	}
	slices.Sort(sorted)
	wordID := make(map[string]int, len(sorted))
	for i, w := range sorted {
		wordID[w] = i
	}

	out := []byte(header)
	out = binary.AppendUvarint(out, uint64(len(sorted)))
	out = binary.AppendUvarint(out, uint64(len(order)))
	// Each record is preceded by its size in bytes.
	var b []byte
	record := func() {
		out = binary.AppendUvarint(out, uint64(len(b)))
		out = append(out, b...)
		b = b[:0]
	}
	for _, w := range sorted {
		e := words[w]
		b = binary.AppendUvarint(b, uint64(len(w)))
		b = append(b, w...)
		var groups []byte
		for _, pf := range posFiles {
			if len(e.senses[pf.letter]) > 0 {
				groups = append(groups, pf.letter)
			}
		}
		b = binary.AppendUvarint(b, uint64(len(groups)))
		for _, pos := range groups {
			b = append(b, pos)
			b = binary.AppendUvarint(b, uint64(len(e.senses[pos])))
			for _, k := range e.senses[pos] {
				b = binary.AppendUvarint(b, uint64(id[k]))
			}
		}
		b = binary.AppendUvarint(b, uint64(len(e.bases)))
		for _, x := range e.bases {
			b = append(b, x.pos)
			b = binary.AppendUvarint(b, uint64(wordID[x.base]))
		}
		record()
	}
	for _, k := range order {
		s := synsets[k]
		b = append(b, k.pos)
		b = binary.AppendUvarint(b, uint64(len(s.members)))
		for _, m := range s.members {
			b = binary.AppendUvarint(b, uint64(wordID[m]))
		}
		var ptrs []pointer
		if full[k] {
			ptrs = s.pointers
		}
		b = binary.AppendUvarint(b, uint64(len(ptrs)))
		for _, p := range ptrs {
			b = append(b, p.symbol)
			b = binary.AppendUvarint(b, uint64(id[p.target]))
			if p.symbol == '+' {
				b = append(b, byte(p.src), byte(p.dst))
			}
		}
		record()
	}
	return out
}

// header starts the table; package wordnet checks it. It carries the
// notice the WordNet license asks for on every copy.
const header = "treatybot wordnet table 2\nWordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. License: LICENSE-WordNet.txt\n"

// selectLemmas keeps the lemmas an engine can meet in news about treaties:
//   - every verb and adjective;
//   - every noun with a kept sense that is a common noun outside the animal
//     and plant files: the names (every member capitalized: "Reagan",
//     "Geneva") and the taxonomy ("Canis familiaris") are more than half of
//     WordNet's nouns, and names are never synonym-expanded anyway;
//   - every lemma that WordNet's tagged corpus saw (tagsense_cnt > 0), with
//     the words it reaches in one step: the other members of its kept senses
//     and every member of a synset its derivational pointers lead to.
func selectLemmas(lemmas []lemma, synsets map[synsetKey]*synset) []lemma {
	keep := map[string]bool{}
	add := func(pos byte, members []string) {
		for _, m := range members {
			keep[string(pos)+m] = true
		}
	}
	for _, l := range lemmas {
		for _, k := range l.senses {
			s := synsets[k]
			if l.pos != 'n' || !s.proper && s.lexfile != lexNounAnimal && s.lexfile != lexNounPlant {
				keep[string(l.pos)+l.word] = true
			}
			if !l.tagged {
				continue
			}
			keep[string(l.pos)+l.word] = true
			add(k.pos, s.members)
			for _, p := range s.pointers {
				if t := synsets[p.target]; p.symbol == '+' && t != nil {
					add(p.target.pos, t.members)
				}
			}
		}
	}
	return slices.DeleteFunc(lemmas, func(l lemma) bool { return !keep[string(l.pos)+l.word] })
}

// WordNet's lexicographer files of animal and plant nouns (lexnames(5WN)).
const (
	lexNounAnimal = 5
	lexNounPlant  = 20
)

func posRank(pos byte) int {
	return strings.IndexByte("nva", pos)
}

func posName(pos byte) string {
	for _, pf := range posFiles {
		if pf.letter == pos {
			return pf.suffix
		}
	}
	return string(pos)
}

// normalize turns a WordNet word into the table's form: lower case, words
// separated by single spaces, and without the adjective position markers
// "(a)", "(p)" and "(ip)".
func normalize(w string) string {
	if i := strings.IndexByte(w, '('); i > 0 && strings.HasSuffix(w, ")") {
		w = w[:i]
	}
	return strings.ToLower(strings.ReplaceAll(w, "_", " "))
}

// checkWord refuses a word that would break the table's separators.
func checkWord(w string) error {
	if w == "" || strings.ContainsAny(w, ",\t\n:") || strings.Contains(w, "  ") {
		return fmt.Errorf("word %q is empty or holds a character the table uses as a separator", w)
	}
	return nil
}

// lines calls fn with every line of a WordNet file that is not part of the
// license header (header lines start with a space). An error fn returns is
// given the file and the line number.
func lines(path string, fn func(line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == ' ' {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if n == 0 {
		return fmt.Errorf("%s: empty file", path)
	}
	return nil
}

// readData reads a data file: for each synset, its words and the pointers
// the table keeps (@ hypernym, $ verb group, + derivationally related form)
// that lead to a noun, verb or adjective.
//
//	offset lex_filenum ss_type w_cnt(hex) [word lex_id(hex)]... p_cnt [symbol offset pos src/dst(hex)]... | gloss
func readData(path string, pos byte, synsets map[synsetKey]*synset) error {
	return lines(path, func(line string) error {
		if i := strings.Index(line, " | "); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) < 6 {
			return errors.New("too few fields for a synset")
		}
		offset, err := strconv.Atoi(f[0])
		if err != nil {
			return fmt.Errorf("offset %q: %w", f[0], err)
		}
		wcnt, err := strconv.ParseInt(f[3], 16, 0)
		if err != nil || wcnt < 1 {
			return fmt.Errorf("word count %q is not a positive hex number", f[3])
		}
		lexfile, err := strconv.Atoi(f[1])
		if err != nil {
			return fmt.Errorf("lex_filenum %q: %w", f[1], err)
		}
		i := 4
		s := &synset{lexfile: lexfile, proper: true}
		for range wcnt {
			if i+1 >= len(f) {
				return errors.New("line ends inside the word list")
			}
			if strings.ToLower(f[i]) == f[i] {
				s.proper = false
			}
			w := normalize(f[i])
			if err := checkWord(w); err != nil {
				return err
			}
			s.members = append(s.members, w)
			i += 2
		}
		if i >= len(f) {
			return errors.New("line ends before the pointer count")
		}
		pcnt, err := strconv.Atoi(f[i])
		if err != nil {
			return fmt.Errorf("pointer count %q: %w", f[i], err)
		}
		i++
		for range pcnt {
			if i+3 >= len(f) {
				return errors.New("line ends inside the pointer list")
			}
			sym, off, tpos, srcdst := f[i], f[i+1], f[i+2], f[i+3]
			i += 4
			if sym != "@" && sym != "$" && sym != "+" {
				continue
			}
			tp := tpos[0]
			if tp == 's' {
				tp = 'a'
			}
			if posRank(tp) < 0 || len(tpos) != 1 {
				continue // adverbs are not in the table
			}
			toff, err := strconv.Atoi(off)
			if err != nil {
				return fmt.Errorf("pointer offset %q: %w", off, err)
			}
			sd, err := strconv.ParseUint(srcdst, 16, 16)
			if err != nil || len(srcdst) != 4 {
				return fmt.Errorf("pointer source/target %q is not four hex digits", srcdst)
			}
			p := pointer{symbol: sym[0], target: synsetKey{tp, toff}}
			if sym == "+" {
				p.src, p.dst = int(sd>>8), int(sd&0xff)
				if p.src < 1 || p.src > len(s.members) || p.dst < 1 {
					return fmt.Errorf("derivational pointer %s links word %d to word %d", srcdst, p.src, p.dst)
				}
			}
			s.pointers = append(s.pointers, p)
		}
		k := synsetKey{pos, offset}
		if synsets[k] != nil {
			return fmt.Errorf("synset %08d appears twice", offset)
		}
		synsets[k] = s
		return nil
	})
}

// readIndex reads an index file and keeps each lemma's first senses.
//
//	lemma pos synset_cnt p_cnt [ptr_symbol]... sense_cnt tagsense_cnt synset_offset...
func readIndex(path string, pos byte, senses int) ([]lemma, error) {
	var out []lemma
	err := lines(path, func(line string) error {
		f := strings.Fields(line)
		if len(f) < 6 {
			return errors.New("too few fields for an index entry")
		}
		w := normalize(f[0])
		if err := checkWord(w); err != nil {
			return err
		}
		n, err1 := strconv.Atoi(f[2])
		p, err2 := strconv.Atoi(f[3])
		if err := errors.Join(err1, err2); err != nil || n < 1 || len(f) != 6+p+n {
			return fmt.Errorf("%s: synset and pointer counts do not match the fields", f[0])
		}
		tag, err := strconv.Atoi(f[len(f)-n-1])
		if err != nil {
			return fmt.Errorf("%s: tagsense_cnt %q: %w", f[0], f[len(f)-n-1], err)
		}
		l := lemma{word: w, pos: pos, tagged: tag > 0}
		for _, off := range f[len(f)-n:][:min(n, senses)] {
			o, err := strconv.Atoi(off)
			if err != nil {
				return fmt.Errorf("%s: synset offset %q: %w", f[0], off, err)
			}
			l.senses = append(l.senses, synsetKey{pos, o})
		}
		out = append(out, l)
		return nil
	})
	return out, err
}

// readExceptions reads the exception lists of the table's parts of speech
// and keeps the entries whose base form is a lemma of that part of speech,
// sorted by form, part of speech and base.
func readExceptions(dir string, lemmas []lemma) ([]exception, error) {
	known := map[string]bool{}
	for _, l := range lemmas {
		known[string(l.pos)+l.word] = true
	}
	seen := map[exception]bool{}
	var out []exception
	for _, pf := range posFiles {
		err := lines(filepath.Join(dir, pf.suffix+".exc"), func(line string) error {
			f := strings.Fields(line)
			if len(f) < 2 {
				return errors.New("an exception needs a form and at least one base form")
			}
			form := normalize(f[0])
			if err := checkWord(form); err != nil {
				return err
			}
			for _, base := range f[1:] {
				x := exception{form: form, base: normalize(base), pos: pf.letter}
				// An entry whose base is the form itself ("bed bed") is kept:
				// like any entry, it stops the suffix rules ("bed" is not "be").
				if !known[string(pf.letter)+x.base] || seen[x] {
					continue
				}
				seen[x] = true
				out = append(out, x)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b exception) int {
		return cmp.Or(strings.Compare(a.form, b.form), cmp.Compare(posRank(a.pos), posRank(b.pos)), strings.Compare(a.base, b.base))
	})
	return out, nil
}
