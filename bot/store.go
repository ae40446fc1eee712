package bot

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"

	"github.com/treatybot/treatybot/corpus"
)

// moreStore keeps the extra citations behind "More sources" buttons on the
// server, so a button's custom ID holds only a short random key (Discord caps
// IDs at 100 characters, and an ID is user input that must not be trusted).
// Entries expire after ttl; the store holds at most max entries, dropping the
// oldest first.
type moreStore struct {
	mu      sync.Mutex
	ttl     time.Duration
	max     int
	entries map[string]moreEntry
	order   []string // keys, oldest first
}

type moreEntry struct {
	answer  string // the answer the citations are more sources for
	cits    []corpus.Citation
	expires time.Time
}

func newMoreStore(ttl time.Duration, max int) *moreStore {
	return &moreStore{ttl: ttl, max: max, entries: map[string]moreEntry{}}
}

// put stores the answer's extra citations and returns their key: 12 random
// bytes in hex.
func (s *moreStore) put(answer string, cits []corpus.Citation, now time.Time) string {
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	key := hex.EncodeToString(b[:])
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.order) > 0 && (len(s.order) >= s.max || now.After(s.entries[s.order[0]].expires)) {
		delete(s.entries, s.order[0])
		s.order = s.order[1:]
	}
	s.entries[key] = moreEntry{answer: answer, cits: cits, expires: now.Add(s.ttl)}
	s.order = append(s.order, key)
	return key
}

// get returns the answer and citations stored under key, or false when the
// key is unknown or expired.
func (s *moreStore) get(key string, now time.Time) (string, []corpus.Citation, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[key]
	if !ok || now.After(e.expires) {
		return "", nil, false
	}
	return e.answer, e.cits, true
}
