package library_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/treatybot/treatybot/library"
)

// A data folder is seeded from the built-in corpus on first start; Add
// validates a file, indexes the corpus with it, and only then publishes it.
func Example() {
	dir, _ := os.MkdirTemp("", "treatybot-example")
	defer os.RemoveAll(dir)
	ctx := context.Background()

	l, err := library.Open(ctx, library.Config{DataDir: dir, InMemory: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer l.Close()
	fmt.Println(l.IDs())

	data, _ := os.ReadFile(filepath.Join("testdata", "zorbia.md"))
	rep, err := l.Add(ctx, "moderator", "zorbia.md", data, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("added:", rep.Added)

	_, err = l.Add(ctx, "moderator", "../../x.md", data, false)
	fmt.Println(err)
	// Output:
	// [inf.facts tass-2018-11-20]
	// added: [zorbia-2020-03-04]
	// file name "../../x.md" contains a path separator: bad file name
}
