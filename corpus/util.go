package corpus

import (
	"sort"
	"strconv"
)

func sortDocs(docs []*Document) {
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
}

func quote(s string) string { return strconv.Quote(s) }
