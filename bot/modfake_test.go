package bot

import (
	"context"
	"strings"
	"sync"
)

// fakeModeration records what /corpus asked of it; err, when set, is
// returned by every change; added, when set, runs on a successful Add (to
// change what the fake answerer knows).
type fakeModeration struct {
	mu    sync.Mutex
	calls []string // "add new-article.md replace=false by user1001 (1001)"
	files map[string][]byte
	err   error
	ids   []string
	added func(filename string, data []byte)
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

func (f *fakeModeration) Status() CorpusStatus {
	return CorpusStatus{Documents: 1, FactSheets: 1, Facts: 3, Passages: 5, Version: "abcdef0123456789", RefreshedBy: "cli"}
}

func (f *fakeModeration) Reload(_ context.Context, who string) (ChangeReport, error) {
	f.record("reload by " + who)
	return ChangeReport{Action: "reload", PassagesBefore: 5, PassagesAfter: 5}, f.err
}

func (f *fakeModeration) Add(_ context.Context, who, filename string, data []byte, replace bool) (ChangeReport, error) {
	f.record("add " + filename + " replace=" + map[bool]string{true: "true", false: "false"}[replace] + " by " + who)
	if f.err != nil {
		return ChangeReport{}, f.err
	}
	f.mu.Lock()
	if f.files == nil {
		f.files = map[string][]byte{}
	}
	f.files[filename] = data
	added := f.added
	f.mu.Unlock()
	if added != nil {
		added(filename, data)
	}
	return ChangeReport{Action: "add", Added: []string{"new-article"}, PassagesBefore: 5, PassagesAfter: 9, Version: "0123456789abcdef"}, nil
}

func (f *fakeModeration) Remove(_ context.Context, who, id string) (ChangeReport, error) {
	f.record("remove " + id + " by " + who)
	return ChangeReport{Action: "remove", Removed: []string{id}, PassagesBefore: 9, PassagesAfter: 5}, f.err
}

func (f *fakeModeration) Check(filename string, data []byte) (FileReport, error) {
	f.record("check " + filename)
	return FileReport{ID: "new-article", Kind: "article", Title: "New", Passages: 4, DatedEv: 1}, f.err
}

// CheckUpload refuses what the library refuses by name and size.
func (f *fakeModeration) CheckUpload(filename string, size int) error {
	if strings.ContainsAny(filename, `/\`) || strings.Contains(filename, "..") || strings.HasPrefix(filename, ".") {
		return ErrBadName
	}
	if size > MaxUpload {
		return ErrTooLarge
	}
	return nil
}

func (f *fakeModeration) IDs() []string { return f.ids }
