package bot

import (
	"context"
	"sync"

	"github.com/treatybot/treatybot/library"
)

// fakeModeration records what /corpus asked of it; err, when set, is
// returned by every change.
type fakeModeration struct {
	mu    sync.Mutex
	calls []string // "add new-article.md replace=false by user1001 (1001)"
	files map[string][]byte
	err   error
	ids   []string
}

func (f *fakeModeration) record(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, s)
}

func (f *fakeModeration) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

func (f *fakeModeration) Status() library.Status {
	return library.Status{Documents: 1, FactSheets: 1, Facts: 3, Passages: 5, Version: "abcdef0123456789", RefreshedBy: "cli"}
}

func (f *fakeModeration) Reload(_ context.Context, who string) (library.Report, error) {
	f.record("reload by " + who)
	return library.Report{Action: "reload", Who: who, PassagesBefore: 5, PassagesAfter: 5}, f.err
}

func (f *fakeModeration) Add(_ context.Context, who, filename string, data []byte, replace bool) (library.Report, error) {
	f.record("add " + filename + " replace=" + map[bool]string{true: "true", false: "false"}[replace] + " by " + who)
	if f.err != nil {
		return library.Report{}, f.err
	}
	f.mu.Lock()
	if f.files == nil {
		f.files = map[string][]byte{}
	}
	f.files[filename] = data
	f.mu.Unlock()
	return library.Report{Action: "add", Who: who, Added: []string{"new-article"}, PassagesBefore: 5, PassagesAfter: 9, Version: "0123456789abcdef"}, nil
}

func (f *fakeModeration) Remove(_ context.Context, who, id string) (library.Report, error) {
	f.record("remove " + id + " by " + who)
	return library.Report{Action: "remove", Who: who, Removed: []string{id}, PassagesBefore: 9, PassagesAfter: 5}, f.err
}

func (f *fakeModeration) Check(filename string, data []byte) (library.CheckReport, error) {
	f.record("check " + filename)
	return library.CheckReport{ID: "new-article", Kind: "article", Title: "New", Passages: 4, DatedEvents: 1}, f.err
}

func (f *fakeModeration) IDs() []string { return f.ids }
