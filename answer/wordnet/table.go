package wordnet

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
)

// The table is committed in two halves, each under 2 MiB as the
// repository's files must be; gen writes them.
var (
	//go:embed wordnet.bin.1
	tableFirst []byte
	//go:embed wordnet.bin.2
	tableSecond []byte
)

// rawTable is the embedded table, its halves joined once, on first use.
var rawTable = sync.OnceValues(func() ([]byte, error) {
	return append(append(make([]byte, 0, len(tableFirst)+len(tableSecond)), tableFirst...), tableSecond...), nil
})

// tableHeader starts the table (see the package documentation); gen writes
// the same text.
const tableHeader = "treatybot wordnet table 2\nWordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. License: LICENSE-WordNet.txt\n"

// table is the table's bytes and where each word and synset record starts.
// Records are decoded on each lookup, and every read is bounds-checked, so
// a damaged table gives wrong answers, never a crash; checkRecords, run by
// the tests, proves the embedded one sound.
type table struct {
	data    []byte
	words   []uint32 // where word record i's size is
	synsets []uint32 // where synset record i's size is
}

// loadTable decodes the embedded table once, on first use.
var loadTable = sync.OnceValues(func() (*table, error) {
	data, err := rawTable()
	if err != nil {
		return nil, err
	}
	return parseTable(data)
})

// errTable reports a malformed table.
var errTable = errors.New("wordnet: malformed table")

// parseTable checks the header and notes where each record starts. It
// reads one number per record; the records themselves are decoded on use.
func parseTable(data []byte) (*table, error) {
	if !bytes.HasPrefix(data, []byte(tableHeader)) {
		return nil, fmt.Errorf("%w: it does not start with %q", errTable, tableHeader)
	}
	pos := len(tableHeader)
	next := func() (int, bool) {
		v, n := binary.Uvarint(data[pos:])
		if n <= 0 || v > uint64(len(data)-pos-n) {
			return 0, false
		}
		pos += n
		return int(v), true
	}
	nw, ok1 := next()
	ns, ok2 := next()
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("%w: bad counts", errTable)
	}
	t := &table{data: data}
	starts := func(n int, what string) ([]uint32, error) {
		at := make([]uint32, n)
		for i := range n {
			at[i] = uint32(pos)
			size, ok := next()
			if !ok {
				return nil, fmt.Errorf("%w: %s %d of %d runs past the end", errTable, what, i, n)
			}
			pos += size
		}
		return at, nil
	}
	var err error
	if t.words, err = starts(nw, "word"); err != nil {
		return nil, err
	}
	if t.synsets, err = starts(ns, "synset"); err != nil {
		return nil, err
	}
	if pos != len(data) {
		return nil, fmt.Errorf("%w: %d bytes after the last synset", errTable, len(data)-pos)
	}
	return t, nil
}

// reader decodes one record. A read past the record's end, or of a number
// beyond its bound, sets bad and returns zero, so a damaged record decodes
// as a short or empty one.
type reader struct {
	data []byte
	pos  int
	bad  bool
}

func (r *reader) uint(limit int) int {
	v, n := binary.Uvarint(r.data[min(r.pos, len(r.data)):])
	if n <= 0 || v >= uint64(limit) {
		r.bad = true
		r.pos = len(r.data)
		return 0
	}
	r.pos += n
	return int(v)
}

func (r *reader) byte() byte {
	if r.pos >= len(r.data) {
		r.bad = true
		return 0
	}
	r.pos++
	return r.data[r.pos-1]
}

func (r *reader) text() []byte {
	n := r.uint(len(r.data) - r.pos + 1)
	if r.bad || n > len(r.data)-r.pos {
		r.bad = true
		return nil
	}
	r.pos += n
	return r.data[r.pos-n : r.pos]
}

// record returns a reader of the record whose size is at offset at;
// parseTable checked that the record fits.
func (t *table) record(at uint32) reader {
	size, n := binary.Uvarint(t.data[at:])
	start := int(at) + n
	return reader{data: t.data[start : start+int(size)]}
}

func (t *table) wordRecord(i int) reader   { return t.record(t.words[i]) }
func (t *table) synsetRecord(i int) reader { return t.record(t.synsets[i]) }

// wordText returns word i's text, without copying.
func (t *table) wordText(i int) []byte {
	r := t.wordRecord(i)
	return r.text()
}

// word returns word i's text.
func (t *table) word(i int) string {
	return string(t.wordText(i))
}

// find returns the number of word w, or -1.
func (t *table) find(w string) int {
	key := []byte(w)
	lo, hi := 0, len(t.words)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := bytes.Compare(t.wordText(m), key); {
		case c == 0:
			return m
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return -1
}

// senses returns word i's senses as pos, most frequent first.
func (t *table) senses(i int, pos POS) []int {
	r := t.wordRecord(i)
	r.text()
	for range r.uint(4) {
		p := POS(r.byte())
		n := r.uint(len(t.synsets) + 1)
		if p != pos {
			for range n {
				r.uint(len(t.synsets))
			}
			continue
		}
		ids := make([]int, 0, n)
		for range n {
			if id := r.uint(len(t.synsets)); !r.bad {
				ids = append(ids, id)
			}
		}
		return ids
	}
	return nil
}

// bases returns the base forms as pos that the exception lists give for
// word i.
func (t *table) bases(i int, pos POS) []string {
	r := t.wordRecord(i)
	r.text()
	for range r.uint(4) {
		r.byte()
		for range r.uint(len(t.synsets) + 1) {
			r.uint(len(t.synsets))
		}
	}
	var out []string
	for range r.uint(len(t.words) + 1) {
		p, b := POS(r.byte()), r.uint(len(t.words))
		if p == pos && !r.bad {
			out = append(out, t.word(b))
		}
	}
	return out
}

// pointer is a kept pointer of a synset: its symbol ('@', '$' or '+'), the
// synset it leads to and, for '+', the 1-based numbers of the linked words.
type pointer struct {
	symbol   byte
	target   int
	src, dst int
}

// synset is a decoded synset record, its members as word numbers.
type synset struct {
	pos      POS
	members  []int
	pointers []pointer
}

// synset decodes synset i.
func (t *table) synset(i int) synset {
	r := t.synsetRecord(i)
	s := synset{pos: POS(r.byte())}
	m := r.uint(256)
	s.members = make([]int, 0, m)
	for range m {
		if w := r.uint(len(t.words)); !r.bad {
			s.members = append(s.members, w)
		}
	}
	n := r.uint(1 << 16)
	s.pointers = make([]pointer, 0, n)
	for range n {
		p := pointer{symbol: r.byte(), target: r.uint(len(t.synsets))}
		if p.symbol == '+' {
			p.src, p.dst = int(r.byte()), int(r.byte())
		}
		if !r.bad {
			s.pointers = append(s.pointers, p)
		}
	}
	return s
}

// checkRecords decodes every record and reports the first flaw: a number
// out of range, a record longer or shorter than its fields, words out of
// order, a pointer to a word a synset does not have. The tests run it on
// the embedded table; loading does not, to stay fast.
func (t *table) checkRecords() error {
	for i := range t.words {
		if i > 0 && bytes.Compare(t.wordText(i-1), t.wordText(i)) >= 0 {
			return fmt.Errorf("%w: word %d %q is not after %q", errTable, i, t.wordText(i), t.wordText(i-1))
		}
		r := t.wordRecord(i)
		if len(r.text()) == 0 {
			r.bad = true
		}
		for range r.uint(4) {
			if p := POS(r.byte()); p != Noun && p != Verb && p != Adjective {
				r.bad = true
			}
			for range r.uint(len(t.synsets) + 1) {
				r.uint(len(t.synsets))
			}
		}
		for range r.uint(len(t.words) + 1) {
			if p := POS(r.byte()); p != Noun && p != Verb && p != Adjective {
				r.bad = true
			}
			r.uint(len(t.words))
		}
		if r.bad || r.pos != len(r.data) {
			return fmt.Errorf("%w: word record %d %q", errTable, i, t.wordText(i))
		}
	}
	for i := range t.synsets {
		r := t.synsetRecord(i)
		if p := POS(r.byte()); p != Noun && p != Verb && p != Adjective {
			r.bad = true
		}
		m := r.uint(256)
		for range m {
			r.uint(len(t.words))
		}
		for range r.uint(1 << 16) {
			switch r.byte() {
			case '@', '$':
				r.uint(len(t.synsets))
			case '+':
				target := r.uint(len(t.synsets))
				src, dst := int(r.byte()), int(r.byte())
				if !r.bad && (src < 1 || src > m || dst < 1 || dst > len(t.synset(target).members)) {
					r.bad = true
				}
			default:
				r.bad = true
			}
		}
		if r.bad || r.pos != len(r.data) {
			return fmt.Errorf("%w: synset record %d", errTable, i)
		}
	}
	return nil
}
