package library

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// state is DATA_DIR/state.json: the last refresh that changed the corpus.
// Every process of the data folder reads it, so a bot that reloads because
// the CLI signalled it reports the CLI's change, not a change of its own.
type state struct {
	RefreshedAt time.Time `json:"refreshed_at"`
	RefreshedBy string    `json:"refreshed_by"`
	Action      string    `json:"action"`
	Version     string    `json:"version"` // the corpus version the refresh published
}

func statePath(dataDir string) string { return filepath.Join(dataDir, "state.json") }

// readState returns the saved state, or the zero state when there is none
// or it is unreadable (it is informational; never a reason not to serve).
func readState(dataDir string) state {
	var s state
	data, err := os.ReadFile(statePath(dataDir))
	if err != nil {
		return state{}
	}
	if json.Unmarshal(data, &s) != nil {
		return state{}
	}
	return s
}

func writeState(dataDir string, s state) error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	if err := writeFileAtomic(statePath(dataDir), append(data, '\n')); err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	return nil
}
