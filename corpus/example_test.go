package corpus_test

import (
	"fmt"

	"github.com/treatybot/treatybot/corpus"
)

func ExampleParseFile() {
	doc, err := corpus.ParseFile("news/talks.md", []byte(`---
source: Example Wire
published: 2018-11-20
---
GENEVA, November 20 (AP) — The U.S. envoy said on Tuesday that talks would resume. "We are ready. We will listen," she said.
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.ID, doc.Place)
	for _, p := range doc.Passages {
		fmt.Printf("%s line %d: %s\n", p.ID, p.Line, p.Text)
		for _, m := range p.Dates {
			fmt.Printf("  %q = %s\n", m.Text, m.Date)
		}
	}
	// Output:
	// news/talks Geneva
	// news/talks#1 line 5: GENEVA, November 20 (AP) — The U.S. envoy said on Tuesday that talks would resume.
	//   "November 20" = 2018-11-20
	//   "on Tuesday" = 2018-11-20
	// news/talks#2 line 5: "We are ready. We will listen," she said.
}

func ExampleParseFile_error() {
	_, err := corpus.ParseFile("inf.yaml", []byte("subject: INF Treaty\nfacts:\n  - text: It was signed in 1987.\n    date: 1987-02-30\n    source: Archive\n"))
	fmt.Println(err)
	// Output:
	// inf.yaml:4: fact 1: date "1987-02-30" is not a valid YYYY, YYYY-MM or YYYY-MM-DD date
}
