package answer
import ("testing";"fmt";"os";"context";"sort")
func TestDbgThreshold(t *testing.T) {
	type row struct{ sc float64; ok, unans bool }
	var rows []row
	for _, f := range [][2]string{{"", "testdata/default.jsonl"}, {"testdata/second", "testdata/second.jsonl"}, {"testdata/third", "testdata/third.jsonl"}} {
		e := defaultEngine(t)
		if f[0] != "" { e = engineForDir(t, f[0]) }
		fh, _ := os.Open(f[1]); cases, _ := ReadCases(fh, f[1]); fh.Close()
		for _, c := range cases {
			q := e.analyze(c.Q)
			if len(q.unknown) > 0 || len(q.concepts) == 0 { rows = append(rows, row{0, false, c.Unanswerable}); continue }
			hits, _ := e.ix.Search(context.Background(), e.searchQuery(q))
			cs := e.rank(q, hits)
			if len(cs) == 0 { rows = append(rows, row{0, false, c.Unanswerable}); continue }
			rows = append(rows, row{cs[0].score, !c.Unanswerable && c.Matches(cs[0].text), c.Unanswerable})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].sc < rows[j].sc })
	for _, th := range []float64{0.25, 0.28, 0.3, 0.32, 0.34, 0.36, 0.38, 0.4, 0.42, 0.45} {
		right, ans, abst, un := 0, 0, 0, 0
		for _, r := range rows { if r.unans { un++; if r.sc < th { abst++ } } else { ans++; if r.sc >= th && r.ok { right++ } } }
		fmt.Printf("th %.2f right %d/%d abstain %d/%d\n", th, right, ans, abst, un)
	}
}
