package library

import (
	"context"
	"log/slog"

	"github.com/treatybot/treatybot/answer"
	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/index"
)

// These seams connect the library to the corpus loader, the index and the
// answer engine. They are variables so that tests can put a slow, blocking
// or failing build in place of the real one.
var (
	loadFS      = corpus.LoadWith
	parseFile   = corpus.ParseFile
	defaultFS   = corpus.DefaultFS
	buildEngine = buildAnswerEngine
)

// buildAnswerEngine builds the index of c in dir ("" = in memory) and the
// answer engine over it. reused reports that an on-disk index of the same
// corpus version was reused as it was.
func buildAnswerEngine(ctx context.Context, c *corpus.Corpus, dir string, log *slog.Logger) (eng engine, reused bool, err error) {
	ix, err := index.Build(ctx, c, index.Options{Dir: dir, Logger: log})
	if err != nil {
		return nil, false, err
	}
	e, err := answer.New(c, ix)
	if err != nil {
		ix.Close()
		return nil, false, err
	}
	return indexedEngine{Engine: e, ix: ix}, ix.Reused(), nil
}

// indexedEngine is an answer engine with the index it owns.
type indexedEngine struct {
	*answer.Engine
	ix *index.Index
}

func (e indexedEngine) Close() error { return e.ix.Close() }
