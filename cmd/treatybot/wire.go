package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/treatybot/treatybot/bot"
	"github.com/treatybot/treatybot/library"
)

// moderation gives the bot the library's corpus management in the bot's
// own terms (bot.Moderation), so that bot does not import library.
type moderation struct{ lib *library.Library }

var _ bot.Moderation = moderation{}

func (m moderation) Status() bot.CorpusStatus {
	s := m.lib.Status()
	return bot.CorpusStatus{Documents: s.Documents, FactSheets: s.FactSheets, Facts: s.Facts, Passages: s.Passages,
		Version: s.Version, RefreshedAt: s.RefreshedAt, RefreshedBy: s.RefreshedBy,
		Problems: s.Problems, Skipped: s.Skipped, MaxDocBytes: s.MaxDocBytes}
}

func (m moderation) Reload(ctx context.Context, who string) (bot.ChangeReport, error) {
	return changeReport(m.lib.Reload(ctx, who))
}

func (m moderation) Add(ctx context.Context, who, filename string, data []byte, replace bool) (bot.ChangeReport, error) {
	return changeReport(m.lib.Add(ctx, who, filename, data, replace))
}

func (m moderation) Remove(ctx context.Context, who, id string) (bot.ChangeReport, error) {
	return changeReport(m.lib.Remove(ctx, who, id))
}

func (m moderation) Check(filename string, data []byte) (bot.FileReport, error) {
	r, err := m.lib.Check(filename, data)
	if err != nil {
		return bot.FileReport{}, botError(err)
	}
	fr := bot.FileReport{ID: r.ID, Kind: string(r.Kind), Title: r.Title, Passages: r.Passages, Facts: r.Facts, DatedEv: r.DatedEvents, Exists: r.Exists}
	for _, cf := range r.Conflicts {
		fr.Conflicts = append(fr.Conflicts, fmt.Sprintf("%s: “%s” (%s) vs “%s” (%s)", cf.Kind, cf.ValueA, cf.A.ID, cf.ValueB, cf.B.ID))
	}
	return fr, nil
}

func (m moderation) CheckUpload(filename string, size int) error {
	return botError(m.lib.CheckUpload(filename, int64(size)))
}

func (m moderation) IDs() []string { return m.lib.IDs() }

func changeReport(r library.Report, err error) (bot.ChangeReport, error) {
	if err != nil {
		return bot.ChangeReport{}, botError(err)
	}
	return bot.ChangeReport{Action: r.Action, Added: r.Added, Changed: r.Changed, Removed: r.Removed,
		FactsAdded: r.FactsAdded, FactsChanged: r.FactsChanged, FactsRemoved: r.FactsRemoved,
		PassagesBefore: r.PassagesBefore, PassagesAfter: r.PassagesAfter, Waited: r.Waited, Took: r.Took,
		Version: r.Version, Warnings: r.Warnings}, nil
}

// libraryErrors pairs each library sentinel with the bot's.
var libraryErrors = []struct{ lib, bot error }{
	{library.ErrTooLarge, bot.ErrTooLarge}, {library.ErrNotText, bot.ErrNotText}, {library.ErrBadName, bot.ErrBadName},
	{library.ErrExists, bot.ErrExists}, {library.ErrNotFound, bot.ErrNotFound}, {library.ErrNoDocuments, bot.ErrNoDocuments},
}

// botError wraps a library error in the bot's sentinel for it, keeping the
// library's error (and a *corpus.FileError) inside for errors.As and logs.
func botError(err error) error {
	if err == nil {
		return nil
	}
	for _, p := range libraryErrors {
		if errors.Is(err, p.lib) {
			return fmt.Errorf("%w: %w", p.bot, err)
		}
	}
	return err
}
