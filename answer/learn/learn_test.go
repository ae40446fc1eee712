package learn

import (
	"math"
	"testing"
)

// TestFitLogisticLearnsTheSignal: one feature decides the label, another is
// noise; the fit must weigh the first and give calibrated-looking odds.
func TestFitLogisticLearnsTheSignal(t *testing.T) {
	var X [][]float64
	var y []bool
	for i := 0; i < 200; i++ {
		signal := float64(i % 2) // the label
		noise := float64(i%7) / 7
		X = append(X, []float64{signal, noise})
		y = append(y, i%2 == 1 && i%10 != 1) // mostly the signal, a few exceptions
	}
	m, err := FitLogistic(X, y, nil, Options{L2: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if m.W[0] < 2 || math.Abs(m.W[1]) > 1 {
		t.Errorf("weights %v: want a large weight on the signal and a small one on the noise", m.W)
	}
	if p := Sigmoid(m.Score([]float64{1, 0.5})); p < 0.7 || p > 0.9 {
		t.Errorf("P(y | signal) = %.2f, want about 0.8 (4 in 5 signalled examples are positive)", p)
	}
	if _, err := FitLogistic(nil, nil, nil, Options{}); err != ErrNoData {
		t.Errorf("FitLogistic(no data) = %v, want ErrNoData", err)
	}
}

// TestFitListwiseRanksThePositiveFirst: within each group the positive has
// the larger first feature; the fitted scorer must rank it first in every
// group, whatever the groups' overall levels.
func TestFitListwiseRanksThePositiveFirst(t *testing.T) {
	var X [][]float64
	var y []bool
	var groups [][]int
	for g := 0; g < 30; g++ {
		level := float64(g % 5)
		var idx []int
		for k := 0; k < 4; k++ {
			idx = append(idx, len(X))
			X = append(X, []float64{level + float64(k)/4, level})
			y = append(y, k == 3)
		}
		groups = append(groups, idx)
	}
	m, err := FitListwise(X, y, groups, Options{L2: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range groups {
		best := g[0]
		for _, i := range g {
			if m.Score(X[i]) > m.Score(X[best]) {
				best = i
			}
		}
		if !y[best] {
			t.Fatalf("group %v: ranked row %d first, want the positive", g, best)
		}
	}
}

func TestThresholdFor(t *testing.T) {
	ds := []Decision{{0.99, true}, {0.95, true}, {0.9, true}, {0.8, false}, {0.7, true}, {0.6, false}, {0.5, false}}
	if got := ThresholdFor(ds, 0.75, 1); got != 0.7 {
		t.Errorf("ThresholdFor(75%%) = %v, want 0.7 (4 of the 5 at or above it are right)", got)
	}
	if got := ThresholdFor(ds, 1, 1); got != 0.9 {
		t.Errorf("ThresholdFor(100%%) = %v, want 0.9", got)
	}
	if got := ThresholdFor(ds, 1, 4); got <= 1 {
		t.Errorf("ThresholdFor(100%%, at least 4 given) = %v, want above every confidence", got)
	}
}
