package answer

import (
	"context"
	"fmt"
	"strings"
)

// Explain describes how the engine reads a question and which candidates
// it weighed, best first: for moderators checking a corpus, and for
// developers tuning the engine.
func (e *Engine) Explain(ctx context.Context, question string, n int) (string, error) {
	var b strings.Builder
	q := e.analyze(question)
	fmt.Fprintf(&b, "wants: %s", q.want)
	if q.head != "" {
		fmt.Fprintf(&b, " (head %q)", q.headText)
	}
	if q.objectQuestion {
		b.WriteString(", asks for the object")
	}
	b.WriteString("\n")
	for i, c := range q.concepts {
		var flags []string
		if c.entity {
			flags = append(flags, "name")
		}
		if c.light {
			flags = append(flags, "light")
		}
		if c.head {
			flags = append(flags, "head")
		}
		if i == q.subject {
			flags = append(flags, "subject")
		}
		if i == q.verb {
			flags = append(flags, "verb")
		}
		var alts []string
		for _, a := range c.alts {
			alts = append(alts, strings.Join(a.norms, "_"))
		}
		fmt.Fprintf(&b, "  concept %q weight %.2f %v forms %v\n", c.text, c.weight, flags, alts)
	}
	if len(q.unknown) > 0 {
		fmt.Fprintf(&b, "names the corpus never mentions: %v\n", q.unknown)
		return b.String(), nil
	}
	if len(q.concepts) == 0 {
		return b.String(), nil
	}
	hits, err := e.ix.Search(ctx, e.searchQuery(q))
	if err != nil {
		return b.String(), err
	}
	cands := e.rank(q, hits)
	for i, c := range cands {
		if i >= n {
			break
		}
		fmt.Fprintf(&b, "%5.3f rel %.2f %-16s %q  <- %s\n", c.score, c.rel, c.p.ID, c.text, c.p.Text)
	}
	return b.String(), nil
}
