package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for p, s := range files {
		m[p] = &fstest.MapFile{Data: []byte(s)}
	}
	return m
}

func TestParseFileMalformed(t *testing.T) {
	tests := []struct {
		name, path, data string
		line             int
		msg              string // a part of the message
	}{
		{"bad front matter YAML", "a.md", "---\nid: x\ntitle: [unclosed\n---\nBody.\n", 3, "bad YAML"},
		{"front matter not a mapping", "a.md", "---\n- one\n- two\n---\nBody.\n", 2, "must be a mapping"},
		{"unknown front matter key", "a.md", "---\nsource: TASS\npubished: 2018-11-20\n---\nBody.\n", 3, `unknown key "pubished"`},
		{"repeated front matter key", "a.md", "---\nsource: TASS\nsource: AP\n---\nBody.\n", 3, `key "source" repeats line 2`},
		{"unterminated front matter", "a.md", "---\nsource: TASS\nBody.\n", 1, "never closed"},
		{"impossible published date", "a.md", "---\nsource: TASS\npublished: 2019-02-30\n---\nBody.\n", 3, "published"},
		{"published not a day", "a.md", "---\npublished: 2018-11\n---\nBody.\n", 2, "YYYY-MM-DD"},
		{"published a list", "a.md", "---\npublished: [2018-11-20]\n---\nBody.\n", 2, "single value"},
		{"empty id", "a.md", "---\nid: \"\"\n---\nBody.\n", 2, "id is empty"},
		{"empty body after front matter", "a.md", "---\nsource: TASS\n---\n\n   \n", 4, "empty document"},
		{"empty file", "a.txt", "", 1, "empty document"},
		{"blank file with BOM", "a.txt", "\uFEFF \n\n", 1, "empty document"},
		{"not UTF-8", "a.txt", "First line.\nSecond \xff line.\n", 2, "UTF-8"},
		{"not UTF-8 in a fact sheet", "f.yaml", "subject: X\nfacts:\n  - text: \"A \xfe fact.\"\n", 3, "UTF-8"},
		{"fact sheet bad YAML", "f.yaml", "subject: X\nfacts:\n  - text: A fact.\n    source: [S\n", 4, "bad YAML"},
		{"fact sheet bad indentation", "f.yaml", "subject: X\nfacts:\n  - text: A.\n    source: S\n   date: 1987\n", 5, "bad YAML"},
		{"bad indentation on line 4", "f.yaml", "subject: X\nfacts:\n  - text: A.\n   source: S\n", 4, "bad YAML"},
		{"bad indentation in the second fact", "f.yaml", "facts:\n  - text: A.\n    source: S\n  - text: B.\n    source: S\n   url: u\n", 6, "bad YAML"},
		{"bad indentation after a comment", "f.yaml", "subject: X\nfacts:\n  - text: A.\n    source: S\n\n  # c\n   date: 1987\n", 7, "bad YAML"},
		{"bad indentation under a nested list", "f.yaml", "subject: X\naliases:\n  - a\n  - b\n facts:\n", 5, "bad YAML"},
		{"bad indentation in front matter", "a.md", "---\nsource: S\nx:\n  - a\n   - b\n  c: 1\n---\nBody.\n", 6, "bad YAML"},
		{"key not indented under a fact", "f.yaml", "subject: X\nfacts:\n  - text: A.\n    source: S\n  date: 1987\n", 5, "bad YAML"},
		{"unclosed flow list", "f.yaml", "subject: X\naliases: [a, b\nfacts:\n  - text: A.\n", 2, "bad YAML"},
		{"year 0000", "f.yaml", "subject: X\nfacts:\n  - text: A.\n    date: 0000-01-01\n    source: S\n", 4, "year"},
		{"published in year 0000", "a.md", "---\npublished: 0000-01-01\n---\nBody.\n", 2, "year"},
		{"fact sheet not a mapping", "f.yaml", "- text: A fact.\n", 1, "must be a mapping"},
		{"empty fact sheet", "f.yml", "# nothing yet\n", 1, "empty fact sheet"},
		{"missing subject", "f.yaml", "facts:\n  - text: A fact.\n    source: S\n", 1, `missing required key "subject"`},
		{"empty subject", "f.yaml", "subject:\nfacts:\n  - text: A fact.\n    source: S\n", 1, "subject is empty"},
		{"missing facts", "f.yaml", "subject: X\naliases: [Y]\n", 1, `missing required key "facts"`},
		{"facts not a list", "f.yaml", "subject: X\nfacts:\n  text: A fact.\n", 3, "must be a list"},
		{"no facts", "f.yaml", "subject: X\nfacts: []\n", 2, "at least one fact"},
		{"unknown sheet key", "f.yaml", "subject: X\nfacs:\n  - text: A.\n", 2, `unknown key "facs"`},
		{"fact missing text", "f.yaml", "subject: X\nfacts:\n  - text: A.\n    source: S\n  - source: S\n", 5, `fact 2: missing required key "text"`},
		{"fact empty text", "f.yaml", "subject: X\nfacts:\n  - text: \"  \"\n    source: S\n", 3, "fact 1: text is empty"},
		{"fact missing source", "f.yaml", "subject: X\nfacts:\n  - text: A.\n    date: 1987\n", 3, `fact 1: missing required key "source"`},
		{"fact bad date", "f.yaml", "subject: X\nfacts:\n  - text: A.\n    date: 2019-02-30\n    source: S\n", 4, "fact 1: date"},
		{"fact date not a date", "f.yaml", "subject: X\nfacts:\n  - text: A.\n    date: last year\n    source: S\n", 4, "fact 1: date"},
		{"fact unknown key", "f.yaml", "subject: X\nfacts:\n  - text: A.\n    sorce: S\n", 4, `unknown key "sorce"`},
		{"fact not a mapping", "f.yaml", "subject: X\nfacts:\n  - A fact.\n", 3, "must be a mapping"},
		{"not a corpus file", "a.pdf", "Body.", 0, "not a corpus file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseFile(tt.path, []byte(tt.data))
			if err == nil {
				t.Fatalf("got document %q and no error, want an error at line %d", d.ID, tt.line)
			}
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("got error %T %v, want *FileError", err, err)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("errors.Is(err, ErrInvalid) = false for %v", err)
			}
			if fe.Path != tt.path || fe.Line != tt.line {
				t.Errorf("got %s:%d (%v), want %s:%d", fe.Path, fe.Line, err, tt.path, tt.line)
			}
			if !strings.Contains(fe.Msg, tt.msg) {
				t.Errorf("got message %q, want it to contain %q", fe.Msg, tt.msg)
			}
		})
	}
}

func TestParseFileArticle(t *testing.T) {
	tests := []struct {
		name, path, data         string
		id, title, source, place string
		published                string
		firstText                string
		firstLine, passages      int
	}{
		{
			name: "plain text without front matter", path: "news/a.txt",
			data: "Treaty talks resume\n\nDiplomats met in Geneva. They talked.\n",
			id:   "news/a", title: "Treaty talks resume", firstText: "Treaty talks resume", firstLine: 1, passages: 3,
		},
		{
			name: "front matter and heading", path: "b.md",
			data: "---\nid: talks-1\nsource: AP\nurl: https://example.org/1\npublished: 2020-05-04\nplace: Geneva\n---\n\n# Talks resume #\n\nDiplomats met.\n",
			id:   "talks-1", title: "Talks resume", source: "AP", place: "Geneva", published: "2020-05-04",
			firstText: "Talks resume", firstLine: 9, passages: 2,
		},
		{
			name: "title from front matter wins", path: "c.md",
			data: "---\ntitle: Given title\n---\n# Heading\nText.\n",
			id:   "c", title: "Given title", firstText: "Heading", firstLine: 4, passages: 2,
		},
		{
			name: "heading later than the first line", path: "d.md",
			data: "Intro line.\n\n## The real title\n\nBody.\n",
			id:   "d", title: "The real title", firstText: "Intro line.", firstLine: 1, passages: 3,
		},
		{
			name: "CRLF and BOM", path: "e.md",
			data: "\uFEFF---\r\nsource: TASS\r\npublished: 2018-11-20\r\n---\r\nTitle line\r\n\r\nMOSCOW, March 3 (AP) — It began. It ended.\r\n",
			id:   "e", title: "Title line", source: "TASS", place: "Moscow", published: "2018-11-20",
			firstText: "Title line", firstLine: 5, passages: 3,
		},
		{
			name: "dateline place detected", path: "f.txt",
			data: "WASHINGTON (Reuters) - Officials said so. Then left.\n",
			id:   "f", title: "WASHINGTON (Reuters) - Officials said so. Then left.", place: "Washington",
			firstText: "WASHINGTON (Reuters) - Officials said so.", firstLine: 1, passages: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseFile(tt.path, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if d.Kind != Article || d.ID != tt.id || d.Title != tt.title || d.Source != tt.source || d.Place != tt.place || d.Published.String() != tt.published {
				t.Errorf("got kind=%s id=%q title=%q source=%q place=%q published=%q, want article id=%q title=%q source=%q place=%q published=%q",
					d.Kind, d.ID, d.Title, d.Source, d.Place, d.Published, tt.id, tt.title, tt.source, tt.place, tt.published)
			}
			if len(d.Passages) != tt.passages {
				t.Fatalf("got %d passages %q, want %d", len(d.Passages), texts(d.Passages), tt.passages)
			}
			p := d.Passages[0]
			if p.Text != tt.firstText || p.Line != tt.firstLine {
				t.Errorf("got first passage %q at line %d, want %q at line %d", p.Text, p.Line, tt.firstText, tt.firstLine)
			}
			for i, p := range d.Passages {
				if got := d.Text[p.Start:p.End]; got != p.Text {
					t.Errorf("passage %d: Text[Start:End] = %q, want %q", i, got, p.Text)
				}
				if want := d.ID + "#" + itoa(i+1); p.ID != want || p.DocID != d.ID || p.Kind != Sentence || p.Source != d.Source || p.URL != d.URL {
					t.Errorf("passage %d: got id=%q doc=%q kind=%s source=%q url=%q", i, p.ID, p.DocID, p.Kind, p.Source, p.URL)
				}
			}
		})
	}
}

func TestParseFileFactSheet(t *testing.T) {
	data := "subject: Test Treaty\naliases: [TT, The Test]\nfacts:\n" +
		"  - text: The Test Treaty was signed on March 3, 1990.\n    date: 1990-03-03\n    source: Archive\n    url: https://example.org/tt\n" +
		"  - text: >\n      It has two\n      articles.\n    source: Archive\n"
	d, err := ParseFile("sheets/test.facts.yml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "sheets/test.facts" || d.Kind != FactSheet || d.Title != "Test Treaty" || strings.Join(d.Aliases, "|") != "TT|The Test" {
		t.Errorf("got id=%q kind=%s title=%q aliases=%q", d.ID, d.Kind, d.Title, d.Aliases)
	}
	want := []Passage{
		{ID: "sheets/test.facts#1", Text: "The Test Treaty was signed on March 3, 1990.", Line: 4, Paragraph: 0, Source: "Archive", URL: "https://example.org/tt", Date: Date{1990, 3, 3}},
		{ID: "sheets/test.facts#2", Text: "It has two articles.", Line: 8, Paragraph: 1, Source: "Archive"},
	}
	if len(d.Passages) != len(want) {
		t.Fatalf("got %d passages, want %d", len(d.Passages), len(want))
	}
	for i, w := range want {
		p := d.Passages[i]
		if p.ID != w.ID || p.Text != w.Text || p.Line != w.Line || p.Paragraph != w.Paragraph || p.Source != w.Source || p.URL != w.URL || p.Date != w.Date || p.Kind != FactPassage || p.DocID != d.ID {
			t.Errorf("fact %d: got %+v, want %+v", i, p, w)
		}
	}
	if m := d.Passages[0].Dates; len(m) != 1 || m[0].Date != (Date{1990, 3, 3}) {
		t.Errorf("fact 1 dates: got %+v, want March 3, 1990", m)
	}

	d, err = ParseFile("x.yaml", []byte("id: custom\nsubject: X\nfacts:\n  - {text: A., source: S}\n"))
	if err != nil || d.ID != "custom" {
		t.Errorf("got %v, %v; want id \"custom\"", d, err)
	}
}

func TestLoad(t *testing.T) {
	fsys := mapFS(map[string]string{
		"a.md":            "---\nid: alpha\nsource: AP\n---\nAlpha text. More text.\n",
		"sub/b.txt":       "Beta title\n\nBeta body.\n",
		"sub/deep/c.yaml": "subject: C\nfacts:\n  - text: C fact.\n    source: S\n",
		"notes.pdf":       "%PDF",
		".trash/old.md":   "---\nbroken",
		".git/config":     "[core]",
		"sub/.hidden.md":  "",
	})
	c, warnings, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range c.Docs {
		ids = append(ids, d.ID)
	}
	if got, want := strings.Join(ids, ","), "alpha,sub/b,sub/deep/c"; got != want {
		t.Errorf("got docs %s, want %s", got, want)
	}
	if len(warnings) != 1 || warnings[0].Path != "notes.pdf" {
		t.Errorf("got warnings %v, want one for notes.pdf", warnings)
	}
	if c.Passage("alpha#2") == nil || c.Passage("alpha#2").Text != "More text." {
		t.Errorf("got passage alpha#2 %+v, want \"More text.\"", c.Passage("alpha#2"))
	}
	if s := c.Stats(); s != (Stats{Documents: 2, FactSheets: 1, Facts: 1, Passages: 5}) {
		t.Errorf("got stats %+v", s)
	}
	if len(c.Version) != 64 {
		t.Errorf("got version %q, want 64 hex digits", c.Version)
	}

	// The version depends on contents only: the same files give the same
	// version, a change to one byte gives another, and hidden files count
	// for nothing.
	again, _, _ := Load(fsys)
	fsys[".trash/new.md"] = &fstest.MapFile{Data: []byte("x")}
	hidden, _, _ := Load(fsys)
	fsys["sub/b.txt"] = &fstest.MapFile{Data: []byte("Beta title\n\nBeta body!\n")}
	changed, _, _ := Load(fsys)
	if again.Version != c.Version || hidden.Version != c.Version || changed.Version == c.Version {
		t.Errorf("versions: first %s, again %s, hidden file added %s, changed %s", c.Version, again.Version, hidden.Version, changed.Version)
	}
}

func TestLoadCollectsAllErrors(t *testing.T) {
	fsys := mapFS(map[string]string{
		"a.md":       "---\nid: same\n---\nA.\n",
		"b/c.md":     "---\nsource: X\nid: same\n---\nC.\n",
		"bad.md":     "---\npubished: 2018-11-20\n---\nBody.\n",
		"facts.yaml": "subject: X\nfacts:\n  - text: A.\n",
	})
	_, _, err := Load(fsys)
	if err == nil {
		t.Fatal("got no error, want three")
	}
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("errors.Is(err, ErrInvalid) = false")
	}
	for _, want := range []string{
		`b/c.md:3: duplicate id "same" (also used by a.md)`,
		`bad.md:2: unknown key "pubished"`,
		`facts.yaml:3: fact 1: missing required key "source"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("got error %q, want it to contain %q", err, want)
		}
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("Hello there.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, _, err := LoadDir(dir)
	if err != nil || c.Doc("a") == nil {
		t.Fatalf("got %v, %v; want a corpus holding a", c, err)
	}
	missing := filepath.Join(dir, "nope")
	if _, _, err := LoadDir(missing); err == nil || !strings.Contains(err.Error(), "does not exist") || !strings.Contains(err.Error(), missing) {
		t.Errorf("got %v, want an error saying %s does not exist", err, missing)
	}
	if _, _, err := LoadDir(filepath.Join(dir, "a.md")); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("got %v, want an error saying a.md is not a folder", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadDir(dir); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "b.md:1:") {
		t.Errorf("got %v, want b.md:1: empty document", err)
	}
}

func texts(ps []Passage) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Text)
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }
