package bot

import (
	"sync"
	"time"
)

// limiter is a per-user token bucket: a burst of burst questions, then one
// every every. Hand-written rather than golang.org/x/time/rate because it
// needs a map of buckets with its own clock, expiry and "when may I ask
// again", which is a few lines here.
type limiter struct {
	mu      sync.Mutex
	burst   float64
	every   time.Duration
	buckets map[string]*bucket
	sweep   time.Time
}

type bucket struct {
	tokens float64
	at     time.Time // when tokens was last brought up to date
}

func newLimiter(burst int, every time.Duration) *limiter {
	return &limiter{burst: float64(burst), every: every, buckets: map[string]*bucket{}}
}

// allow takes one token from user's bucket. When there is none it returns
// false and the time at which the next token comes.
func (l *limiter) allow(user string, now time.Time) (ok bool, retryAt time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.forgetFull(now)
	b := l.buckets[user]
	if b == nil {
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[user] = b
	}
	if el := now.Sub(b.at); el > 0 {
		b.tokens = min(l.burst, b.tokens+float64(el)/float64(l.every))
		b.at = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, time.Time{}
	}
	wait := time.Duration((1 - b.tokens) * float64(l.every))
	return false, now.Add(wait)
}

// forgetFull drops, once a minute at most, the buckets that have refilled:
// they are the same as no bucket, and the map must not grow with every user
// ever seen.
func (l *limiter) forgetFull(now time.Time) {
	if now.Sub(l.sweep) < time.Minute {
		return
	}
	l.sweep = now
	full := time.Duration(l.burst * float64(l.every))
	for k, b := range l.buckets {
		if now.Sub(b.at) >= full {
			delete(l.buckets, k)
		}
	}
}
