package corpus

import (
	"embed"
	"fmt"
	"io/fs"
	"sync"
)

//go:embed default
var defaultFiles embed.FS

// DefaultFS returns the files of the built-in default corpus (the TASS
// article of 2018-11-20 and the INF Treaty fact sheet), for seeding a data
// folder.
func DefaultFS() fs.FS {
	sub, err := fs.Sub(defaultFiles, "default")
	if err != nil {
		panic(fmt.Sprintf("corpus: embedded default corpus: %v", err))
	}
	return sub
}

// loadDefault loads the embedded corpus once.
var loadDefault = sync.OnceValues(func() (*Corpus, error) {
	c, _, err := Load(DefaultFS())
	return c, err
})

// Default returns the built-in default corpus, loaded once. It panics only
// if the embedded files are broken, which TestDefault guards against.
func Default() *Corpus {
	c, err := loadDefault()
	if err != nil {
		panic(fmt.Sprintf("corpus: embedded default corpus: %v", err))
	}
	return c
}
