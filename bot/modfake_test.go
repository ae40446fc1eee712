package bot

// fakeModeration is a stand-in until the /corpus commands are wired.
type fakeModeration struct{}
