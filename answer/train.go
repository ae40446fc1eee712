package answer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/treatybot/treatybot/answer/internal/candidates"
	"github.com/treatybot/treatybot/answer/internal/features"
	"github.com/treatybot/treatybot/answer/internal/question"
	"github.com/treatybot/treatybot/answer/learn"
	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/index"
)

// Training. The model is learnt from the question files in testdata: every
// question is asked of its own corpus, every passage and candidate the
// engine weighs is logged with its features and a label (does it hold an
// accepted answer?), and two logistic models are fitted to the logs. The
// answer model's scores are then calibrated, and its confidence threshold
// chosen, on folds of corpora held out from the fit, so that neither is
// tuned on the questions it is judged by.

// Dataset is one corpus with its question files.
type Dataset struct {
	Name  string   // the corpus folder's name, or "default" for the embedded corpus
	Dir   string   // the corpus folder; "" for the embedded default corpus
	Files []string // question files about this corpus
}

// FindDatasets lists the corpora under a testdata folder and the question
// files about each: folder X goes with X.jsonl and X-*.jsonl beside it,
// the longest such X winning,
// and the embedded default corpus with default*.jsonl. The folders named
// in skip (such as "sealed") are left out. Datasets come sorted by name.
func FindDatasets(root string, skip ...string) ([]Dataset, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("find datasets: %w", err)
	}
	skipped := map[string]bool{}
	for _, s := range skip {
		skipped[s] = true
	}
	byName := map[string]*Dataset{}
	for _, en := range entries {
		if en.IsDir() && !skipped[en.Name()] {
			byName[en.Name()] = &Dataset{Name: en.Name(), Dir: filepath.Join(root, en.Name())}
		}
	}
	byName["default"] = &Dataset{Name: "default"}
	for _, en := range entries {
		name, ok := strings.CutSuffix(en.Name(), ".jsonl")
		if en.IsDir() || !ok {
			continue
		}
		// the longest corpus name that the file's name is or starts with
		// ("geneva-protocol-extra" is about "geneva-protocol")
		var d *Dataset
		for base, cand := range byName {
			if (name == base || strings.HasPrefix(name, base+"-")) && (d == nil || len(base) > len(d.Name)) {
				d = cand
			}
		}
		if d != nil {
			d.Files = append(d.Files, filepath.Join(root, en.Name()))
		}
	}
	var out []Dataset
	for _, d := range byName {
		if len(d.Files) > 0 {
			sort.Strings(d.Files)
			out = append(out, *d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// loggedQuestion is one question of the training log: the pool the engine
// weighed for it, with labels.
type loggedQuestion struct {
	dataset int // index into TrainingLog.Datasets: the fold
	file    string
	c       Case
	pool    pool
	spanY   []bool // per candidate: holds an accepted answer
	passY   []bool // per passage: holds an accepted answer
	e       *Engine
}

// TrainingLog is every question of a set of datasets, asked of its corpus,
// with the features and labels of all it weighed.
type TrainingLog struct {
	Datasets  []Dataset
	questions []loggedQuestion
}

// Questions is how many questions the log holds.
func (t *TrainingLog) Questions() int { return len(t.questions) }

// BuildLog asks every question of every dataset of its own corpus and logs
// what the engine weighed. Corpora are loaded and indexed in memory.
func BuildLog(ctx context.Context, datasets []Dataset) (*TrainingLog, error) {
	t := &TrainingLog{Datasets: datasets}
	for di, d := range datasets {
		e, err := engineFor(ctx, d.Dir)
		if err != nil {
			return nil, fmt.Errorf("dataset %s: %w", d.Name, err)
		}
		for _, file := range d.Files {
			cases, err := readCaseFile(file)
			if err != nil {
				return nil, err
			}
			for _, c := range cases {
				lq, err := e.logQuestion(ctx, c)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: %w", file, c.Line, err)
				}
				lq.dataset, lq.file = di, file
				t.questions = append(t.questions, lq)
			}
		}
	}
	return t, nil
}

func readCaseFile(file string) ([]Case, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCases(f, file)
}

// engineFor builds an engine over a corpus folder, or the embedded default
// corpus for "", with an in-memory index.
func engineFor(ctx context.Context, dir string) (*Engine, error) {
	c := corpus.Default()
	if dir != "" {
		var err error
		if c, _, err = corpus.LoadDir(dir); err != nil {
			return nil, err
		}
	}
	ix, err := index.Build(ctx, c, index.Options{})
	if err != nil {
		return nil, err
	}
	return newEngine(c, ix, nil), nil
}

// logQuestion gathers the pool for one question and labels it. The pool
// keeps only what ranking and citing need.
func (e *Engine) logQuestion(ctx context.Context, c Case) (loggedQuestion, error) {
	lq := loggedQuestion{c: c, e: e}
	text, babble := question.CollapseRepeats(c.Q)
	q := e.voc.Read(text)
	if len(q.Concepts) > 0 && !babble {
		pl, err := e.gather(ctx, q)
		if err != nil {
			return lq, err
		}
		lq.pool = pl
	}
	for i := range lq.pool.passages {
		w := &lq.pool.passages[i]
		w.Passage = candidates.Passage{P: w.P, Doc: w.Doc}
		lq.passY = append(lq.passY, !c.Unanswerable && c.Matches(w.P.Text))
	}
	for _, cd := range lq.pool.cands {
		lq.spanY = append(lq.spanY, !c.Unanswerable && c.Matches(cd.Text))
	}
	return lq, nil
}

// trainOptions are the settings of a training run.
type trainOptions struct {
	l2         float64 // L2 penalty of both models
	folds      int     // folds of corpora for calibration
	precision  float64 // the share of answers given that must be right
	minGiven   int     // the fewest answers a threshold may give in calibration
	relevantAt float64 // quantile of answer-holding passages kept as relevant
	listwise   bool    // fit the span scorer to rank within each question, not pointwise
}

var defaultTrainOptions = trainOptions{l2: 1, folds: 6, precision: 0.95, minGiven: 20, relevantAt: 0.10, listwise: true}

// Train fits a model to the whole log: both scorers on every question, and
// the calibration and threshold on folds of corpora held out in turn.
func (t *TrainingLog) Train() (*Model, error) {
	all := make([]int, len(t.questions))
	for i := range all {
		all[i] = i
	}
	return t.train(all, defaultTrainOptions)
}

// train fits a model to the questions qs of the log.
func (t *TrainingLog) train(qs []int, opt trainOptions) (*Model, error) {
	m, err := t.fitScorers(qs, opt)
	if err != nil {
		return nil, err
	}
	// calibrate on folds: each fold's questions are scored by scorers
	// fitted without its corpora
	folds := t.foldsOf(qs, opt.folds)
	var oof []heldOut
	for fi, fold := range folds {
		var rest []int
		in := map[int]bool{}
		for _, qi := range fold {
			in[qi] = true
		}
		for _, qi := range qs {
			if !in[qi] {
				rest = append(rest, qi)
			}
		}
		fm, err := t.fitScorers(rest, opt)
		if err != nil {
			return nil, err
		}
		for _, qi := range fold {
			h := t.scoreHeldOut(fm, qi)
			h.fold = fi
			oof = append(oof, h)
		}
	}
	if err := calibrate(m, oof, opt); err != nil {
		return nil, err
	}
	m.Trained = TrainedOn{Questions: len(qs)}
	seen := map[string]bool{}
	for _, qi := range qs {
		lq := t.questions[qi]
		if name := t.Datasets[lq.dataset].Name; !seen[name] {
			seen[name] = true
			m.Trained.Corpora = append(m.Trained.Corpora, name)
		}
		m.Trained.Passages += len(lq.passY)
		m.Trained.Spans += len(lq.spanY)
	}
	sort.Strings(m.Trained.Corpora)
	return m, nil
}

// heldOut is how a question fared under scorers that did not see it.
type heldOut struct {
	fold      int  // the calibration fold it was held out in
	has       bool // the question had candidates
	decision  [features.NumDecision]float64
	right     bool // the best candidate holds an accepted answer
	passProbs []float64
	passY     []bool
}

func (t *TrainingLog) scoreHeldOut(m *Model, qi int) heldOut {
	lq := t.questions[qi]
	pl := lq.pool
	pl.cands = append([]features.Candidate(nil), pl.cands...)
	pl.passages = append([]features.Passage(nil), pl.passages...)
	m.rank(&pl)
	h := heldOut{has: len(pl.cands) > 0}
	if h.has {
		h.decision = m.decisionFeatures(pl)
		h.right = !lq.c.Unanswerable && lq.c.Matches(pl.cands[0].Text)
	}
	for _, w := range pl.passages {
		h.passProbs = append(h.passProbs, learn.Sigmoid(w.Score))
		h.passY = append(h.passY, !lq.c.Unanswerable && lq.c.Matches(w.P.Text))
	}
	return h
}

// calibrate fits the decision scorer, the answer threshold and the
// relevance floor of m to held-out outcomes. The threshold is chosen on
// confidences the decision scorer gave questions it was not fitted to
// (one calibration fold held out at a time), so that it is not fooled by
// its own fit.
func calibrate(m *Model, oof []heldOut, opt trainOptions) error {
	var X [][]float64
	var right []bool
	var folds []int
	var relevant []float64
	for _, h := range oof {
		if h.has {
			X = append(X, h.decision[:])
			right = append(right, h.right)
			folds = append(folds, h.fold)
		}
		for i, p := range h.passProbs {
			if h.passY[i] {
				relevant = append(relevant, p)
			}
		}
	}
	dm, err := learn.FitLogistic(X, right, nil, learn.Options{L2: opt.l2})
	if err != nil {
		return fmt.Errorf("calibrate: %w", err)
	}
	m.Decision = namedWeights(dm, features.DecisionName)
	if err := m.compile(); err != nil {
		return err
	}
	var ds []learn.Decision
	for k := 0; k < opt.folds; k++ {
		var fx [][]float64
		var fy []bool
		for i := range X {
			if folds[i] != k {
				fx, fy = append(fx, X[i]), append(fy, right[i])
			}
		}
		if len(fx) == len(X) {
			continue
		}
		km, err := learn.FitLogistic(fx, fy, nil, learn.Options{L2: opt.l2})
		if err != nil {
			return fmt.Errorf("calibrate: %w", err)
		}
		for i := range X {
			if folds[i] == k {
				ds = append(ds, learn.Decision{Confidence: round3(learn.Sigmoid(km.Score(X[i]))), Right: right[i]})
			}
		}
	}
	m.Threshold = learn.ThresholdFor(ds, opt.precision, opt.minGiven)
	sort.Float64s(relevant)
	if len(relevant) > 0 {
		m.Relevant = round6(relevant[int(opt.relevantAt*float64(len(relevant)))])
	}
	return nil
}

// fitScorers fits the passage and span scorers to the questions qs.
func (t *TrainingLog) fitScorers(qs []int, opt trainOptions) (*Model, error) {
	var pX, sX [][]float64
	var pY, sY []bool
	var sGroups [][]int
	for _, qi := range qs {
		lq := &t.questions[qi]
		for i := range lq.pool.passages {
			pX = append(pX, lq.pool.passages[i].F[:])
			pY = append(pY, lq.passY[i])
		}
		var g []int
		for i := range lq.pool.cands {
			g = append(g, len(sX))
			sX = append(sX, lq.pool.cands[i].F[:])
			sY = append(sY, lq.spanY[i])
		}
		sGroups = append(sGroups, g)
	}
	lo := learn.Options{L2: opt.l2}
	pm, err := learn.FitLogistic(pX, pY, nil, lo)
	if err != nil {
		return nil, fmt.Errorf("fit the passage model: %w", err)
	}
	var sm learn.Linear
	if opt.listwise {
		sm, err = learn.FitListwise(sX, sY, sGroups, lo)
	} else {
		sm, err = learn.FitLogistic(sX, sY, nil, lo)
	}
	if err != nil {
		return nil, fmt.Errorf("fit the span model: %w", err)
	}
	pw, err := learn.FitLogistic(sX, sY, nil, lo)
	if err != nil {
		return nil, fmt.Errorf("fit the pointwise span model: %w", err)
	}
	m := &Model{Version: modelVersion, Passage: namedWeights(pm, features.Name), Span: namedWeights(sm, features.Name),
		Pointwise: namedWeights(pw, features.Name)}
	// score with the rounded weights the file will hold
	return m, m.compile()
}

// foldsOf splits questions into n folds by corpus: the corpora, sorted by
// name, are dealt to the folds in turn, so no corpus is in two folds.
func (t *TrainingLog) foldsOf(qs []int, n int) [][]int {
	var names []string
	byName := map[string][]int{}
	for _, qi := range qs {
		name := t.Datasets[t.questions[qi].dataset].Name
		if byName[name] == nil {
			names = append(names, name)
		}
		byName[name] = append(byName[name], qi)
	}
	sort.Strings(names)
	n = min(n, len(names))
	folds := make([][]int, n)
	for i, name := range names {
		folds[i%n] = append(folds[i%n], byName[name]...)
	}
	return folds
}

// CrossValidate answers every question of the log with a model trained
// without its corpus (leave one corpus out), and returns the results in
// the log's order.
func (t *TrainingLog) CrossValidate(ctx context.Context) ([]Result, error) {
	results := make([]Result, len(t.questions))
	errs := make([]error, len(t.Datasets))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for di := range t.Datasets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() != nil {
				errs[di] = ctx.Err()
				return
			}
			var train, test []int
			for qi, lq := range t.questions {
				if lq.dataset == di {
					test = append(test, qi)
				} else {
					train = append(train, qi)
				}
			}
			m, err := t.train(train, defaultTrainOptions)
			if err != nil {
				errs[di] = fmt.Errorf("fold %s: %w", t.Datasets[di].Name, err)
				return
			}
			for _, qi := range test {
				results[qi] = t.answerWith(m, qi)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return results, nil
}

// answerWith answers a logged question with model m, as Ask would.
func (t *TrainingLog) answerWith(m *Model, qi int) Result {
	lq := t.questions[qi]
	pl := lq.pool
	pl.cands = append([]features.Candidate(nil), pl.cands...)
	pl.passages = append([]features.Passage(nil), pl.passages...)
	ans := corpus.Answer{Question: lq.c.Q, Citations: []corpus.Citation{}, Kind: pl.q.Want.String()}
	if len(pl.q.Concepts) > 0 {
		m.rank(&pl)
		ans = lq.e.decide(m, pl, ans)
	}
	r := score(lq.c, ans, nil)
	r.BestRight = !lq.c.Unanswerable && len(pl.cands) > 0 && lq.c.Matches(pl.cands[0].Text)
	for _, y := range lq.spanY {
		r.Generated = r.Generated || y
	}
	for _, y := range lq.passY {
		r.Retrieved = r.Retrieved || y
	}
	return r
}

// Origin says which dataset and question file logged question i came from.
func (t *TrainingLog) Origin(i int) (dataset, file string) {
	lq := t.questions[i]
	return t.Datasets[lq.dataset].Name, lq.file
}
