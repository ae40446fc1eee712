// Package learn fits the small models the answer engine ranks with:
// L2-regularised logistic regression, a listwise ranker, and the choice of
// a confidence threshold for a target precision. It is plain
// Go on slices, deterministic for a given input order, and knows nothing of
// questions or passages.
//
// It is written by hand because the job is a few hundred lines and the Go
// machine-learning libraries (gonum's optimisers, goml, golearn) would add
// a large dependency for one Newton solver and still need the grouping,
// weighting and calibration code around it.
package learn

import (
	"errors"
	"math"
	"sort"
)

// Sigmoid is the logistic function.
func Sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	ez := math.Exp(z)
	return ez / (1 + ez)
}

// Logit is the inverse of Sigmoid, with p clamped away from 0 and 1.
func Logit(p float64) float64 {
	p = math.Min(math.Max(p, 1e-9), 1-1e-9)
	return math.Log(p / (1 - p))
}

// Linear is a fitted linear scorer: Score(x) = Bias + W·x, and
// Sigmoid(Score(x)) is a probability when it was fitted by FitLogistic.
type Linear struct {
	Bias float64
	W    []float64
}

// Score returns Bias + W·x.
func (m Linear) Score(x []float64) float64 {
	s := m.Bias
	for i, w := range m.W {
		s += w * x[i]
	}
	return s
}

// Options control FitLogistic.
type Options struct {
	L2      float64 // penalty on the squared weights (not the bias); 0 means 1
	MaxIter int     // Newton steps at most; 0 means 25
	Tol     float64 // stop when no weight moves more than this; 0 means 1e-7
}

// withDefaults fills the options left at zero.
func (opt Options) withDefaults() Options {
	if opt.L2 == 0 {
		opt.L2 = 1
	}
	if opt.MaxIter == 0 {
		opt.MaxIter = 25
	}
	if opt.Tol == 0 {
		opt.Tol = 1e-7
	}
	return opt
}

// ErrNoData is returned when there is nothing to fit.
var ErrNoData = errors.New("learn: no examples")

// FitLogistic fits an L2-regularised logistic regression by Newton's method
// (iteratively reweighted least squares). X[i] are the features of example
// i, y[i] its label and weight[i] its weight (nil: all 1). The result
// depends only on the inputs and their order.
func FitLogistic(X [][]float64, y []bool, weight []float64, opt Options) (Linear, error) {
	if len(X) == 0 || len(X) != len(y) || weight != nil && len(weight) != len(X) {
		return Linear{}, ErrNoData
	}
	opt = opt.withDefaults()
	d := len(X[0]) + 1 // the bias is the last coordinate
	beta := make([]float64, d)
	grad := make([]float64, d)
	hess := make([]float64, d*d)
	nz := nonzeros(X, true)
	for iter := 0; iter < opt.MaxIter; iter++ {
		clear(grad)
		clear(hess)
		for i, row := range X {
			z := beta[d-1]
			for _, k := range nz[i][:len(nz[i])-1] {
				z += beta[k] * row[k]
			}
			p := Sigmoid(z)
			w := 1.0
			if weight != nil {
				w = weight[i]
			}
			t := 0.0
			if y[i] {
				t = 1
			}
			g := w * (p - t)
			h := w * math.Max(p*(1-p), 1e-10)
			at := func(k int) float64 {
				if k == d-1 {
					return 1
				}
				return row[k]
			}
			for ai, a := range nz[i] {
				va := at(a)
				grad[a] += g * va
				ha := h * va
				hrow := hess[a*d:]
				for _, b := range nz[i][:ai+1] {
					hrow[b] += ha * at(b)
				}
			}
		}
		for a := 0; a < d; a++ {
			for b := 0; b < a; b++ {
				hess[b*d+a] = hess[a*d+b]
			}
			if a < d-1 {
				grad[a] += opt.L2 * beta[a]
				hess[a*d+a] += opt.L2
			} else {
				hess[a*d+a] += 1e-6
			}
		}
		moved, err := newtonStep(beta, grad, hess)
		if err != nil {
			return Linear{}, err
		}
		if moved < opt.Tol {
			break
		}
	}
	return Linear{Bias: beta[d-1], W: append([]float64(nil), beta[:d-1]...)}, nil
}

// newtonStep moves x by one Newton step, solving hess·step = grad, and
// returns the largest move of any coordinate.
func newtonStep(x, grad, hess []float64) (float64, error) {
	step, err := solve(hess, grad, len(x))
	if err != nil {
		return 0, err
	}
	moved := 0.0
	for k := range x {
		x[k] -= step[k]
		moved = math.Max(moved, math.Abs(step[k]))
	}
	return moved, nil
}

// nonzeros lists, for each row, the indices of its non-zero entries in
// increasing order (and the bias index len(row) last, when withBias), so
// that the Hessian's cost is the square of a row's non-zeros, not of its
// length.
func nonzeros(X [][]float64, withBias bool) [][]int {
	out := make([][]int, len(X))
	for i, row := range X {
		for k, v := range row {
			if v != 0 {
				out[i] = append(out[i], k)
			}
		}
		if withBias {
			out[i] = append(out[i], len(row))
		}
	}
	return out
}

// solve solves A x = b for a symmetric positive definite A (d×d, row
// major) by Cholesky decomposition. A and b are not changed.
func solve(A, b []float64, d int) ([]float64, error) {
	L := make([]float64, d*d)
	for i := 0; i < d; i++ {
		for j := 0; j <= i; j++ {
			s := A[i*d+j]
			for k := 0; k < j; k++ {
				s -= L[i*d+k] * L[j*d+k]
			}
			if i == j {
				if s <= 0 {
					return nil, errors.New("learn: the Hessian is not positive definite")
				}
				L[i*d+i] = math.Sqrt(s)
			} else {
				L[i*d+j] = s / L[j*d+j]
			}
		}
	}
	x := make([]float64, d)
	for i := 0; i < d; i++ { // L z = b
		s := b[i]
		for k := 0; k < i; k++ {
			s -= L[i*d+k] * x[k]
		}
		x[i] = s / L[i*d+i]
	}
	for i := d - 1; i >= 0; i-- { // Lᵀ x = z
		s := x[i]
		for k := i + 1; k < d; k++ {
			s -= L[k*d+i] * x[k]
		}
		x[i] = s / L[i*d+i]
	}
	return x, nil
}

// Decision is one question's outcome for threshold selection: the
// confidence of the engine's best answer, whether that answer is right,
// and whether the question has an answer at all.
type Decision struct {
	Confidence float64
	Right      bool
}

// ThresholdFor returns the lowest confidence threshold at which the
// answers given (those at or above it) are right at least a target share
// of the time, counting only thresholds that answer at least minGiven
// questions. Ties in confidence are taken or left together. With no such
// threshold it returns a value above every confidence.
func ThresholdFor(ds []Decision, target float64, minGiven int) float64 {
	sorted := append([]Decision(nil), ds...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Confidence > sorted[j].Confidence })
	best := math.Inf(1)
	right := 0
	for i, d := range sorted {
		if d.Right {
			right++
		}
		if i+1 < len(sorted) && sorted[i+1].Confidence == d.Confidence {
			continue
		}
		if i+1 >= minGiven && float64(right) >= target*float64(i+1) {
			best = d.Confidence
		}
	}
	if math.IsInf(best, 1) {
		return 1.0000001
	}
	return best
}

// FitListwise fits a linear scorer whose softmax over each group ranks the
// group's positives first: it maximises, per group, the log of the share
// of the softmax that falls on positive rows (a conditional logit, the
// listwise objective of ListNet with one relevant level). groups[g] lists
// the rows of group g; groups with no positive row teach nothing about
// order and are skipped. There is no bias: it cancels within a group.
// Fitted by Newton's method with an L2 penalty.
func FitListwise(X [][]float64, y []bool, groups [][]int, opt Options) (Linear, error) {
	if len(X) == 0 || len(X) != len(y) {
		return Linear{}, ErrNoData
	}
	opt = opt.withDefaults()
	d := len(X[0])
	w := make([]float64, d)
	grad := make([]float64, d)
	hess := make([]float64, d*d)
	mu := make([]float64, d)
	nz := nonzeros(X, false)
	for iter := 0; iter < opt.MaxIter; iter++ {
		clear(grad)
		clear(hess)
		for _, g := range groups {
			listwiseGroup(X, y, nz, g, w, grad, hess, mu)
		}
		for a := 0; a < d; a++ {
			for b := 0; b < a; b++ {
				hess[b*d+a] = hess[a*d+b]
			}
			grad[a] += opt.L2 * w[a]
			hess[a*d+a] += opt.L2
		}
		moved, err := newtonStep(w, grad, hess)
		if err != nil {
			return Linear{}, err
		}
		if moved < opt.Tol {
			break
		}
	}
	return Linear{W: w}, nil
}

// listwiseGroup adds one group's gradient and (lower-triangle) Hessian.
func listwiseGroup(X [][]float64, y []bool, nz [][]int, g []int, w, grad, hess, mu []float64) {
	d := len(w)
	hasPos := false
	for _, i := range g {
		hasPos = hasPos || y[i]
	}
	if !hasPos || len(g) < 2 {
		return
	}
	// softmax over the group, shifted for stability
	z := make([]float64, len(g))
	top := math.Inf(-1)
	for k, i := range g {
		for _, a := range nz[i] {
			z[k] += w[a] * X[i][a]
		}
		top = math.Max(top, z[k])
	}
	sum, pos := 0.0, 0.0
	for k, i := range g {
		z[k] = math.Exp(z[k] - top)
		sum += z[k]
		if y[i] {
			pos += z[k]
		}
	}
	// gradient of -log(pos/sum): Σ x (p - q), q the softmax within positives
	clear(mu)
	for k, i := range g {
		p := z[k] / sum
		q := 0.0
		if y[i] {
			q = z[k] / pos
		}
		for _, a := range nz[i] {
			v := X[i][a]
			grad[a] += (p - q) * v
			mu[a] += p * v
		}
		// Hessian of log-sum-exp over the group: Σ p x xᵀ - μ μᵀ
		for ai, a := range nz[i] {
			pa := p * X[i][a]
			row := hess[a*d:]
			for _, b := range nz[i][:ai+1] {
				row[b] += pa * X[i][b]
			}
		}
	}
	for a := 0; a < d; a++ {
		row := hess[a*d:]
		for b := 0; b <= a; b++ {
			row[b] -= mu[a] * mu[b]
		}
	}
}
