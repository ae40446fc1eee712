package answer

import (
	"context"
	"fmt"
	"strings"

	"github.com/treatybot/treatybot/answer/internal/features"
	"github.com/treatybot/treatybot/answer/learn"
)

// Explain describes how the engine reads a question and which candidates
// it weighed, best first: for moderators checking a corpus, and for
// developers tuning the engine.
func (e *Engine) Explain(ctx context.Context, question string, n int) (string, error) {
	var b strings.Builder
	q := e.voc.Read(question)
	fmt.Fprintf(&b, "wants: %s", q.Want)
	if q.Head != "" {
		fmt.Fprintf(&b, " (head %q)", q.HeadText)
	}
	if q.ObjectQuestion {
		b.WriteString(", asks for the object")
	}
	b.WriteString("\n")
	for i, c := range q.Concepts {
		var flags []string
		if c.Entity {
			flags = append(flags, "name")
		}
		if c.Light {
			flags = append(flags, "light")
		}
		if c.Head {
			flags = append(flags, "head")
		}
		if i == q.Subject {
			flags = append(flags, "subject")
		}
		if i == q.Verb {
			flags = append(flags, "verb")
		}
		var alts []string
		for _, a := range c.Alts {
			alts = append(alts, strings.Join(a.Norms, "_"))
		}
		fmt.Fprintf(&b, "  concept %q weight %.2f %v forms %v\n", c.Text, c.Weight, flags, alts)
	}
	if len(q.Unknown) > 0 {
		fmt.Fprintf(&b, "names the corpus never mentions: %v\n", q.Unknown)
	}
	if len(q.Concepts) == 0 {
		return b.String(), nil
	}
	pl, err := e.gather(ctx, q)
	if err != nil {
		return b.String(), err
	}
	m := e.model
	m.rank(&pl)
	fmt.Fprintf(&b, "answers when confidence >= %.3f; passages shown when p >= %.3f\n", m.Threshold, m.Relevant)
	if len(pl.cands) > 0 {
		d := m.decisionFeatures(pl)
		fmt.Fprintf(&b, "confidence %.3f: %s\n", m.confidence(pl), formatContributions(explainScore(m.decision, d[:], features.DecisionName), 8))
	}
	b.WriteString("candidates (score = logit):\n")
	for i, c := range pl.cands {
		if i >= n {
			break
		}
		fmt.Fprintf(&b, "%6.2f %-16s %q  <- %s\n", c.Score, c.P.ID, c.Text, c.P.Text)
		fmt.Fprintf(&b, "       %s\n", formatContributions(explainScore(m.span, c.F[:], features.Name), 8))
		fmt.Fprintf(&b, "       fit %.2f from rules: %s\n", c.Fit, strings.Join(c.Rules.Names(), " "))
	}
	b.WriteString("passages (score = logit, p = probability it holds the answer):\n")
	for i, w := range pl.passages {
		if i >= n/2+1 {
			break
		}
		fmt.Fprintf(&b, "%6.2f p %.3f %-16s %s\n", w.Score, learn.Sigmoid(w.Score), w.P.ID, w.P.Text)
		fmt.Fprintf(&b, "       %s\n", formatContributions(explainScore(m.passage, w.F[:], features.Name), 8))
	}
	return b.String(), nil
}
