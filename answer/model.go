package answer

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/treatybot/treatybot/answer/internal/features"
	"github.com/treatybot/treatybot/answer/learn"
)

// Model is the engine's trained scorer, as `treatybot train` writes it: a
// logistic model over passage features that orders the passages to quote,
// a logistic model over candidate features that picks the answer, the
// calibration that turns the answer's score into a probability, and the
// confidence an answer needs to be given.
type Model struct {
	// Version is bumped when the file's meaning changes.
	Version int `json:"version"`
	// Trained says what the model was trained on.
	Trained TrainedOn `json:"trained"`
	// Passage scores a passage: does it hold the answer?
	Passage Weights `json:"passage"`
	// Span orders a question's candidates: which is the answer?
	Span Weights `json:"span"`
	// Pointwise scores a candidate on its own: how likely is it right? Its
	// score is one of the decision features.
	Pointwise Weights `json:"pointwise"`
	// Decision scores the best candidate as an answer to give, from the
	// decision features (how it stands against the other candidates, and
	// its own features): its output is the confidence, a probability
	// fitted on held-out folds.
	Decision Weights `json:"decision"`
	// Threshold is the least calibrated confidence at which the engine
	// answers; below it, it shows the closest passages instead. Chosen on
	// held-out folds so that the answers given are right 95% of the time.
	Threshold float64 `json:"threshold"`
	// Relevant is the least passage probability for a passage to be shown
	// as close when there is no sure answer.
	Relevant float64 `json:"relevant"`

	passage, span, pointwise, decision learn.Linear // compiled from the named weights
}

// TrainedOn records where a model came from.
type TrainedOn struct {
	Questions int      `json:"questions"`
	Corpora   []string `json:"corpora"`
	Passages  int      `json:"passage_examples"`
	Spans     int      `json:"span_examples"`
}

// Weights is a linear model with its weights by feature name.
type Weights struct {
	Bias    float64            `json:"bias"`
	Weights map[string]float64 `json:"weights"`
}

// modelVersion is the Version this code reads.
const modelVersion = 1

// model.json is rebuilt from the question files by `go generate ./answer/`.
//
//go:generate go run ../cmd/treatybot train --testdata testdata --out model.json
//go:embed model.json
var embeddedModel []byte

// defaultModel parses the model built into the binary, once. It is an
// error, not a panic, when the file does not match the features of this
// code, so that `treatybot train` can still rebuild it.
var defaultModel = sync.OnceValues(func() (*Model, error) {
	m, err := ParseModel(embeddedModel)
	if err != nil {
		return nil, fmt.Errorf("the embedded model.json does not fit this code (run go generate ./answer/): %w", err)
	}
	return m, nil
})

// ParseModel reads a model file. Unknown feature names are an error, so
// a model never silently loses a weight.
func ParseModel(data []byte) (*Model, error) {
	var m Model
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	if m.Version != modelVersion {
		return nil, fmt.Errorf("read model: version %d, want %d", m.Version, modelVersion)
	}
	if err := m.compile(); err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	return &m, nil
}

// compile turns the named weights into the vectors that score.
func (m *Model) compile() error {
	var err error
	if m.passage, err = m.Passage.compile(features.Index, int(features.NumFeatures)); err != nil {
		return fmt.Errorf("passage: %w", err)
	}
	if m.span, err = m.Span.compile(features.Index, int(features.NumFeatures)); err != nil {
		return fmt.Errorf("span: %w", err)
	}
	if m.pointwise, err = m.Pointwise.compile(features.Index, int(features.NumFeatures)); err != nil {
		return fmt.Errorf("pointwise: %w", err)
	}
	if m.decision, err = m.Decision.compile(features.DecisionIndex, int(features.NumDecision)); err != nil {
		return fmt.Errorf("decision: %w", err)
	}
	return nil
}

func (w Weights) compile(index map[string]int, n int) (learn.Linear, error) {
	l := learn.Linear{Bias: w.Bias, W: make([]float64, n)}
	for name, x := range w.Weights {
		f, ok := index[name]
		if !ok {
			return l, fmt.Errorf("unknown feature %q", name)
		}
		l.W[f] = x
	}
	return l, nil
}

// namedWeights turns a fitted linear model into named weights, rounded so
// that the file reads well and diffs stay small.
func namedWeights(l learn.Linear, name func(int) string) Weights {
	w := Weights{Bias: round6(l.Bias), Weights: map[string]float64{}}
	for f, x := range l.W {
		// a weight that rounds to zero is left out, so that the file does
		// not flip between 0 and -0 on rounding noise
		if r := round6(x); r != 0 {
			w.Weights[name(f)] = r
		}
	}
	return w
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// MarshalIndent writes the model as its file.
func (m *Model) MarshalIndent() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// confidence is the probability that the best candidate of a ranked pool
// is right.
func (m *Model) confidence(pl pool) float64 {
	if len(pl.cands) == 0 {
		return 0
	}
	d := m.decisionFeatures(pl)
	return learn.Sigmoid(m.decision.Score(d[:]))
}

// decisionFeatures describes the best candidate of a pool ranked by m.
func (m *Model) decisionFeatures(pl pool) [features.NumDecision]float64 {
	if len(pl.cands) == 0 {
		return [features.NumDecision]float64{}
	}
	best := pl.cands[0].F
	return features.ForDecision(pl.cands, m.passage.Score(best[:]), m.pointwise.Score(best[:]))
}

// contribution is one feature's part in a score.
type contribution struct {
	name  string
	value float64 // the feature's value
	part  float64 // weight × value
}

// explainScore lists the features that moved a score, largest first.
func explainScore(l learn.Linear, v []float64, name func(int) string) []contribution {
	var out []contribution
	for f, x := range v {
		if x == 0 || l.W[f] == 0 {
			continue
		}
		out = append(out, contribution{name(f), x, l.W[f] * x})
	}
	sort.SliceStable(out, func(i, j int) bool { return math.Abs(out[i].part) > math.Abs(out[j].part) })
	return out
}

func formatContributions(cs []contribution, n int) string {
	var parts []string
	for i, c := range cs {
		if i == n {
			break
		}
		parts = append(parts, fmt.Sprintf("%s=%.2f→%+.2f", c.name, c.value, c.part))
	}
	return strings.Join(parts, " ")
}

// rank scores a pool with the model and orders it: candidates best first,
// passages most likely to hold the answer first.
func (m *Model) rank(pl *pool) {
	for i := range pl.cands {
		pl.cands[i].Score = m.span.Score(pl.cands[i].F[:])
	}
	rankByScore(pl.cands)
	for i := range pl.passages {
		pl.passages[i].Score = m.passage.Score(pl.passages[i].F[:])
		pl.passages[i].Best = -1
	}
	for i, c := range pl.cands {
		if w := &pl.passages[c.Passage]; w.Best < 0 {
			w.Best = i
		}
	}
	order := make([]int, len(pl.passages))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return pl.passages[order[a]].Score > pl.passages[order[b]].Score })
	sorted := make([]features.Passage, len(order))
	remap := make([]int, len(order))
	for to, from := range order {
		sorted[to] = pl.passages[from]
		remap[from] = to
	}
	pl.passages = sorted
	for i := range pl.cands {
		pl.cands[i].Passage = remap[pl.cands[i].Passage]
	}
}

// rankByScore sorts candidates best first, breaking ties by passage order so
// results are deterministic.
func rankByScore(cs []features.Candidate) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Score != cs[j].Score {
			return cs[i].Score > cs[j].Score
		}
		return cs[i].P.ID < cs[j].P.ID
	})
}
