package corpus

import (
	"strings"
	"testing"
)

// FuzzParseFile checks that no input makes the parser panic and that every
// article passage is a verbatim slice of the document text.
func FuzzParseFile(f *testing.F) {
	f.Add("a.md", "---\nsource: X\npublished: 2018-11-20\n---\nSOCHI, November 20. /TASS/. \"It is. It was,\" he said on Tuesday. U.S. Gen. J. F. Smith left...")
	f.Add("a.txt", "# T\r\n\r\nOne? Two! “Three.” (Four.) 5.5 1,000 in 1987.")
	f.Add("f.yaml", "subject: X\nfacts:\n  - text: A.\n    date: 1987\n    source: S\n")
	f.Fuzz(func(t *testing.T, name, data string) {
		if !strings.Contains(name, ".") {
			name += ".md"
		}
		d, err := ParseFile(name, []byte(data))
		if err != nil {
			return
		}
		for _, p := range d.Passages {
			if d.Kind == Article && d.Text[p.Start:p.End] != p.Text {
				t.Fatalf("%s: Text[Start:End] = %q, want %q", p.ID, d.Text[p.Start:p.End], p.Text)
			}
			if p.Text == "" {
				t.Fatalf("%s: empty passage", p.ID)
			}
			for _, m := range p.Dates {
				if p.Text[m.Start:m.End] != m.Text {
					t.Fatalf("%s: date %q at %d:%d", p.ID, m.Text, m.Start, m.End)
				}
			}
		}
	})
}
