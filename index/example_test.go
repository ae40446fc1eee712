package index_test

import (
	"context"
	"fmt"

	"github.com/treatybot/treatybot/corpus"
	"github.com/treatybot/treatybot/index"
)

// ExampleBuild indexes a one-fact corpus in memory and searches it with a
// question full of query-syntax characters and a typo: they are just text.
func ExampleBuild() {
	sheet := &corpus.Document{ID: "inf", Kind: corpus.FactSheet, Title: "INF Treaty", Passages: []corpus.Passage{{
		ID: "inf#1", DocID: "inf", Kind: corpus.FactPassage,
		Text: "The INF Treaty was signed on December 8, 1987.",
	}}}
	c, err := corpus.New([]*corpus.Document{sheet}, "example")
	if err != nil {
		panic(err)
	}
	ix, err := index.Build(context.Background(), c, index.Options{})
	if err != nil {
		panic(err)
	}
	defer ix.Close()

	hits, err := ix.Search(context.Background(), index.Query{Should: []index.Clause{
		{Text: `When was the "INF" treety signed?!* (+1987)`, Fuzziness: 1},
	}})
	if err != nil {
		panic(err)
	}
	for _, h := range hits {
		fmt.Println(h.PassageID, h.DocID)
	}
	fmt.Println(ix.Analyze("signing")[0].Term, ix.DocFreq("sign"), ix.NumPassages())
	// Output:
	// inf#1 inf
	// sign 1 1
}
