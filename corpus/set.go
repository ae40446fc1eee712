package corpus

import "sync"

// Corpus is a loaded, validated set of documents. It is immutable once built:
// a refresh builds a new Corpus rather than changing one that is serving.
type Corpus struct {
	Docs     []*Document // sorted by ID
	Version  string      // hex SHA-256 over the files' paths and contents
	byID     map[string]*Document
	passages map[string]*Passage

	conflictsOnce sync.Once // Conflicts is computed once, on first use
	conflicts     []Conflict
}

// New builds a Corpus from documents, indexing them by ID. It returns a
// FileError when two documents share an ID.
func New(docs []*Document, version string) (*Corpus, error) {
	c := &Corpus{Version: version, byID: make(map[string]*Document, len(docs)), passages: map[string]*Passage{}}
	for _, d := range docs {
		if prev, ok := c.byID[d.ID]; ok {
			return nil, &FileError{Path: d.Path, Msg: "duplicate id " + quote(d.ID) + " (also used by " + prev.Path + ")"}
		}
		c.byID[d.ID] = d
		for i := range d.Passages {
			c.passages[d.Passages[i].ID] = &d.Passages[i]
		}
	}
	c.Docs = append([]*Document(nil), docs...)
	sortDocs(c.Docs)
	return c, nil
}

// Doc returns the document with the given ID, or nil.
func (c *Corpus) Doc(id string) *Document { return c.byID[id] }

// Passage returns the passage with the given ID, or nil.
func (c *Corpus) Passage(id string) *Passage { return c.passages[id] }

// Stats counts what the corpus holds.
type Stats struct {
	Documents  int // articles
	FactSheets int
	Facts      int
	Passages   int // sentences and facts
}

// Stats counts the corpus's articles, fact sheets, facts and passages.
func (c *Corpus) Stats() Stats {
	var s Stats
	for _, d := range c.Docs {
		if d.Kind == FactSheet {
			s.FactSheets++
			s.Facts += len(d.Passages)
		} else {
			s.Documents++
		}
		s.Passages += len(d.Passages)
	}
	return s
}

// Cite builds the citation of a passage, quoting it whole.
func (c *Corpus) Cite(p *Passage) Citation {
	d := c.byID[p.DocID]
	cit := Citation{ID: p.DocID, Snippet: p.Text, PassageID: p.ID, Source: p.Source, URL: p.URL}
	if d != nil {
		cit.Title = d.Title
		if d.Kind == Article && !d.Published.IsZero() {
			cit.Published = d.Published.String()
		}
	}
	return cit
}
