package corpus

import "testing"

func TestDatelineEnd(t *testing.T) {
	d := Default().Doc("tass-2018-11-20")
	found := 0
	for i := range d.Passages {
		p := &d.Passages[i]
		n := d.DatelineEnd(p)
		if n == 0 {
			continue
		}
		found++
		if got, want := p.Text[:n], "SOCHI, November 20. /TASS/. "; got != want {
			t.Errorf("dateline of %s = %q, want %q", p.ID, got, want)
		}
	}
	if found != 1 {
		t.Errorf("%d passages open with a dateline, want 1", found)
	}
}
