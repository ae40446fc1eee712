package index

import (
	"time"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en" // registers the "en" analyzer by name
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/treatybot/treatybot/corpus"
)

// MappingVersion names the shape of the index mapping and of the documents
// written into it. An on-disk index stamped with another version is rebuilt,
// so bump it whenever newMapping or passageDoc changes.
const MappingVersion = "1"

// Field names of an indexed passage.
const (
	fieldText      = "text"      // the passage text, English analysis, stored, with term vectors
	fieldTitle     = "title"     // document title, fact-sheet subject and aliases, English analysis
	fieldDoc       = "doc"       // the document ID, keyword
	fieldKind      = "kind"      // corpus.PassageKind, keyword
	fieldSource    = "source"    // who says so, keyword
	fieldDates     = "dates"     // resolved dates in the passage and the fact's own date, datetime
	fieldPublished = "published" // the document's publication date, datetime
)

// analyzerName is the analyzer of both text fields, of _all, and of Analyze.
const analyzerName = "en"

// newMapping returns the explicit, static mapping of a passage: only the
// fields listed above are indexed, whatever else a document might carry.
func newMapping() *mapping.IndexMappingImpl {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = analyzerName
	text.Store = true
	text.IncludeTermVectors = true

	title := bleve.NewTextFieldMapping()
	title.Analyzer = analyzerName
	title.Store = false
	title.IncludeTermVectors = true // phrase clauses on the title need positions

	keyword := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		return f
	}
	datetime := func() *mapping.FieldMapping {
		f := bleve.NewDateTimeFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		return f
	}

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldText, text)
	dm.AddFieldMappingsAt(fieldTitle, title)
	dm.AddFieldMappingsAt(fieldDoc, keyword())
	dm.AddFieldMappingsAt(fieldKind, keyword())
	dm.AddFieldMappingsAt(fieldSource, keyword())
	dm.AddFieldMappingsAt(fieldDates, datetime())
	dm.AddFieldMappingsAt(fieldPublished, datetime())

	// No _all field: every clause names its field, so a composite copy of
	// text and title would only double the analysis and the index size.
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = analyzerName
	im.DefaultField = fieldText // a query without a field searches the text
	return im
}

// passageDoc is what one passage looks like to bleve.
func passageDoc(d *corpus.Document, p *corpus.Passage) map[string]any {
	titles := make([]string, 0, 1+len(d.Aliases))
	if d.Title != "" {
		titles = append(titles, d.Title)
	}
	titles = append(titles, d.Aliases...)

	var dates []time.Time
	for _, m := range p.Dates {
		if !m.Date.IsZero() {
			dates = append(dates, m.Date.Time())
		}
	}
	if !p.Date.IsZero() {
		dates = append(dates, p.Date.Time())
	}

	doc := map[string]any{
		fieldText:  p.Text,
		fieldTitle: titles,
		fieldDoc:   p.DocID,
		fieldKind:  string(p.Kind),
	}
	if p.Source != "" {
		doc[fieldSource] = p.Source
	}
	if len(dates) > 0 {
		doc[fieldDates] = dates
	}
	if !d.Published.IsZero() {
		doc[fieldPublished] = d.Published.Time()
	}
	return doc
}
