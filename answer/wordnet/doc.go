// Package wordnet gives the answer engine WordNet's lexical relations,
// compiled into the binary: the base forms of a word (withdrew → withdraw)
// and the words WordNet links to it (synonyms, derivationally related
// forms, verb groups, hypernyms), each with the sense rank it came from. It
// never links two words that its small table of domain non-synonyms keeps
// apart: signing, ratifying and acceding are different events, even where
// WordNet puts them in one synset.
//
// It depends only on the standard library and reads nothing at run time:
// the table is embedded, and decoded lazily on first use.
//
// # Source and license
//
// The table wordnet.bin (committed in two halves, wordnet.bin.1 and .2, each
// under 2 MiB) is derived from WordNet 3.0 (Princeton University),
// as packaged by Debian in wordnet-base. WordNet 3.0 Copyright 2006 by
// Princeton University. All rights reserved. Its license, which allows use,
// copying, modification and redistribution provided the copyright notice and
// disclaimer appear on all copies, is in LICENSE-WordNet.txt next to the
// table, and the notice is also the table's second line.
//
// # Regenerating the table
//
// The table is committed, so building and testing need only Go. To rebuild
// it from the database (Debian: apt-get install wordnet-base, which puts it
// in /usr/share/wordnet):
//
//	go generate ./answer/wordnet/
//
// The generator, answer/wordnet/gen, is deterministic: the same database
// always gives the same bytes, and a test checks that the committed table is
// what it writes.
//
// # What the table keeps
//
// Nouns, verbs and adjectives (not adverbs), and of each lemma only its
// first three senses, most frequent first as WordNet orders them: WordNet is
// noisy ("slam" is first about doors, "sign" and "ratify" share a sense), and
// the first senses are the ones news text means. Every verb and adjective is
// kept; of the nouns, names (synsets whose members are all capitalized) and
// animal and plant taxonomy are left out, unless WordNet's tagged corpus saw
// them or a word it saw reaches them in one step (as a synonym, or at the
// other end of a derivation). Keeping only the lemmas the tagged
// corpus saw was measured too: it lost "protocol", "reactor", "uranium",
// "arsenal" and "moratorium", which the treaty corpora use.
//
// Each kept sense keeps its members and its hypernym (@), verb group ($) and
// derivationally related form (+) pointers; the synsets those reach keep
// their members only, so relations go one level. The exception lists of
// irregular inflections (noun.exc, verb.exc, adj.exc) are kept for the
// lemmas in the table.
//
// # Relations
//
// For each base form of the word asked about and each of its kept senses,
// Related reports:
//   - Synonym: the sense's other members;
//   - Derived: the word a derivational pointer from this very word leads to,
//     and every member of a synset a derivational pointer of the sense leads
//     to that shares the word's stem (a common prefix of four bytes or more,
//     missing at most three bytes of the shorter word). WordNet hangs each
//     link on one member only: "criticism" on "criticise", not "criticize";
//     "sign" links to "signer", not to its synonym "signatory";
//   - VerbGroup and Hypernym: the members of the synsets the sense's verb
//     group and hypernym pointers lead to.
//
// A word related through several senses or kinds is reported once, with the
// lowest rank and then the strongest kind.
//
// # Format of wordnet.bin
//
// Numbers are unsigned varints (encoding/binary's Uvarint); a part of speech
// is one byte, 'n', 'v' or 'a'. Every record is preceded by its size in
// bytes, so loading only steps from record to record. The table is:
//
//	header:  "treatybot wordnet table 2\n" and the copyright line, ending in "\n"
//	         number of words W, number of synsets S
//	W word records, in byte order of their text (word i is the i-th):
//	         length, text (lower case, words separated by one space)
//	         number of parts of speech G (0 for a word that is only a member
//	         of a kept synset); G times: part of speech, number of senses K,
//	         K synset numbers, most frequent sense first
//	         number of base forms E (from the exception lists); E times:
//	         part of speech, word number of the base form
//	S synset records (synset i is the i-th):
//	         part of speech, number of members M, M word numbers (in
//	         WordNet's order: a derivational pointer counts from 1 in it)
//	         number of pointers P (0 for a synset kept for its members);
//	         P times: symbol ('@' hypernym, '$' verb group, '+' derived
//	         form), synset number, and for '+' two bytes: the number of
//	         the source word in this synset and of the target word in the
//	         other
//
// Records are decoded on each lookup, with every read bounds-checked: a
// damaged table gives wrong answers, never a crash, and the tests check
// every record of the embedded one.
//
// # Non-synonyms
//
// nonsynonyms.txt lists the words WordNet links but the treaty domain keeps
// apart. Each line holds two or more groups separated by "|"; a group is one
// or more words or phrases separated by ",". No word of one group is ever
// linked to a word of another group on the same line; words within a group
// are not affected. "#" starts a comment. For example
//
//	sign, signature, signatory | ratify, ratification
//
// keeps every form of signing apart from every form of ratifying, while
// "sign" and "signature" stay related. The words are matched as lemmas, and
// inflected forms by their base forms ("signed" and "ratified" are apart).
//
// Where WordNet puts two words kept apart in one synset, the sense belongs
// to the word it ranks higher for: sense 2 of "sign" is sense 1 of "ratify",
// so "sign" draws nothing from it (not even its hypernym "validate"), and
// "ratify" keeps it, without "sign".
package wordnet

//go:generate go run ./gen -dict /usr/share/wordnet -out wordnet.bin
