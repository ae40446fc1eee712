package questionlog

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are the schema's versions: migrations[i] takes a database
// from version i to i+1, recorded in SQLite's user_version. A released
// migration is never edited; a change is a new one at the end.
var migrations = []string{
	// 1: the questions, and the meta table that holds the voter salt.
	`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
	CREATE TABLE questions (
		id             INTEGER PRIMARY KEY,
		asked_at       INTEGER NOT NULL, -- unix milliseconds
		guild_id       TEXT NOT NULL DEFAULT '',
		channel_id     TEXT NOT NULL DEFAULT '',
		question       TEXT NOT NULL,
		norm           TEXT NOT NULL,    -- questions.Normalize(question): groups similar questions
		answered       INTEGER NOT NULL,
		answer         TEXT NOT NULL DEFAULT '',
		confidence     REAL NOT NULL DEFAULT 0,
		passages       TEXT NOT NULL DEFAULT '[]', -- JSON array of cited passage ids
		corpus_version TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX questions_asked_at ON questions (asked_at);
	CREATE INDEX questions_norm ON questions (norm);`,
	// 2: votes and the comments that come with a 👎; voter is a salted hash.
	`CREATE TABLE votes (
		question_id INTEGER NOT NULL,
		voter       TEXT NOT NULL,
		up          INTEGER NOT NULL,
		comment     TEXT NOT NULL DEFAULT '',
		at          INTEGER NOT NULL, -- unix milliseconds
		PRIMARY KEY (question_id, voter)
	);
	CREATE INDEX votes_down ON votes (up, at);`,
}

// migrate brings db to schema version to, one migration per transaction.
// A database newer than this program is refused rather than guessed at.
func migrate(ctx context.Context, db *sql.DB, to int) error {
	for {
		done, err := migrateOne(ctx, db, to)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the next migration, if any; done is true when db is
// at version to.
func migrateOne(ctx context.Context, db *sql.DB, to int) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	// Take the write lock before reading the version, so two processes
	// starting together do not both run the same migration.
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrate_lock (x INTEGER); DELETE FROM migrate_lock`); err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	var v int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return false, fmt.Errorf("migrate: read the schema version: %w", err)
	}
	switch {
	case v > len(migrations):
		return false, fmt.Errorf("the database has schema version %d, newer than this treatybot knows (%d): use a newer treatybot", v, len(migrations))
	case v >= to:
		return true, tx.Commit()
	}
	if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, v+1)); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	return false, nil
}
