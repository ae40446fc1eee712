package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/joho/godotenv"

	"github.com/treatybot/treatybot/bot"
	"github.com/treatybot/treatybot/library"
	"github.com/treatybot/treatybot/questionlog"
)

func init() {
	commands["run"] = command{summary: "run the Discord bot (configured by the environment and .env)", run: runBot}
}

// runEnv is every variable `run` reads, with its meaning; .env.example
// explains them at length.
var runEnv = []string{
	"DISCORD_TOKEN      required: the bot token",
	"DISCORD_GUILD_ID   register commands to this server only (instant); default: globally",
	"DISCORD_API_BASE   scheme and host for REST calls (proxy, test double); default https://discord.com",
	"DATA_DIR           data folder with corpus/ and index/; default ./data",
	"CORPUS_DIR         read the corpus from this folder instead of DATA_DIR/corpus",
	"LOG_LEVEL          debug|info|warn|error; default info",
	"LOG_FORMAT         text|json; default text",
	"MODERATOR_ROLE_IDS comma-separated role ids allowed to use /corpus besides Manage Server",
	"MOD_LOG_CHANNEL_ID channel where corpus refreshes and corpus folder problems are also posted",
	"MAX_DOC_BYTES      size limit of one corpus file (bytes, or 512KiB, 2MiB); default 1MiB",
	"SHARD_ID           this process's shard, 0-based; default 0",
	"SHARD_COUNT        number of shards; default 1",
	"LOG_QUESTIONS      on|off: keep the question log in DATA_DIR/treatybot.db; default on",
	"QUESTION_LOG_DAYS  days the question log keeps a question; default 90",
}

func runBot(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("run", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: treatybot run")
		fmt.Fprintln(stderr, "\nRuns the Discord bot until SIGINT or SIGTERM; SIGHUP reloads the corpus.")
		fmt.Fprintln(stderr, "Configuration comes from the environment and ./.env:")
		for _, l := range runEnv {
			fmt.Fprintln(stderr, "  "+l)
		}
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	// A missing .env is fine: the environment may hold everything. Existing
	// variables win over the file.
	if err := godotenv.Load(); err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "treatybot run: read .env: %v\n", err)
		return 2
	}
	token := strings.TrimSpace(os.Getenv("DISCORD_TOKEN"))
	if token == "" {
		fmt.Fprintln(stderr, "treatybot run: DISCORD_TOKEN is not set: get one in the Discord developer portal (https://discord.com/developers/applications) → your application → Bot → Reset Token, and put it in .env")
		return 2
	}
	token = strings.TrimPrefix(token, "Bot ")
	log, err := newLogger(os.Getenv("LOG_LEVEL"), os.Getenv("LOG_FORMAT"), stderr)
	if err != nil {
		fmt.Fprintf(stderr, "treatybot run: %v\n", err)
		return 2
	}
	shardID, err1 := intEnv("SHARD_ID", 0)
	shardCount, err2 := intEnv("SHARD_COUNT", 1)
	logDays, err3 := intEnv("QUESTION_LOG_DAYS", questionlog.DefaultDays)
	logOn, err4 := onOff("LOG_QUESTIONS", true)
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		fmt.Fprintf(stderr, "treatybot run: %v\n", err)
		return 2
	}
	bot.LogDiscordgoTo(log)

	// Catch SIGHUP before the library writes its pid file: from then on the
	// CLI may signal this process, and an uncaught SIGHUP would end it.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)

	dataDir := os.Getenv("DATA_DIR")
	if dataDir == "" {
		dataDir = "./data"
	}
	limit, err := maxDocBytes()
	if err != nil {
		fmt.Fprintf(stderr, "treatybot run: %v\n", err)
		return 2
	}
	lib, err := library.Open(ctx, library.Config{DataDir: dataDir, CorpusDir: os.Getenv("CORPUS_DIR"), Shard: shardID, MaxDocBytes: limit, Logger: log})
	if err != nil {
		fmt.Fprintf(stderr, "treatybot run: %v\n", err)
		return 1
	}
	defer func() {
		if err := lib.Close(); err != nil {
			log.Error("close library", "err", err)
		}
	}()
	st := lib.Status()
	log.Info("corpus ready", "documents", st.Documents, "fact_sheets", st.FactSheets, "passages", st.Passages, "version", library.ShortVersion(st.Version))

	var qlog bot.QuestionLog
	if logOn {
		// A log that cannot open (a read-only folder, a newer schema) costs
		// the moderators their gaps, not the members their answers.
		ql, err := questionlog.Open(ctx, questionlog.Config{Path: filepath.Join(dataDir, "treatybot.db"), Days: logDays, Logger: log})
		if err != nil {
			log.Error("question log off: it could not open", "err", err)
		} else {
			qlog = ql
			defer func() {
				ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
				defer cancel()
				if err := ql.Close(ctx); err != nil {
					log.Warn("close question log", "err", err)
				}
			}()
			log.Info("question log on", "path", filepath.Join(dataDir, "treatybot.db"), "days", logDays)
		}
	}

	b, err := bot.New(bot.Config{
		Token:            token,
		GuildID:          os.Getenv("DISCORD_GUILD_ID"),
		APIBase:          os.Getenv("DISCORD_API_BASE"),
		ShardID:          shardID,
		ShardCount:       shardCount,
		ModeratorRoleIDs: splitList(os.Getenv("MODERATOR_ROLE_IDS")),
		ModLogChannelID:  strings.TrimSpace(os.Getenv("MOD_LOG_CHANNEL_ID")),
		Logger:           log,
		Questions:        qlog,
	}, lib, moderation{lib})
	if err != nil {
		fmt.Fprintf(stderr, "treatybot run: %v\n", err)
		return 2
	}
	if err := b.Start(ctx); err != nil {
		log.Error("start the bot", "err", err)
		closeBot(b, log)
		return 1
	}
	b.AnnounceProblems(moderation{lib}.Status())

	for {
		select {
		case <-ctx.Done():
			log.Info("shutting down")
			closeBot(b, log)
			return 0
		case <-hup:
			// The library logs the refresh and what it changed.
			if _, err := lib.Reload(ctx, library.WhoSignal); err != nil {
				log.Error("reload on SIGHUP", "err", err)
			}
			b.AnnounceProblems(moderation{lib}.Status())
		}
	}
}

// closeBot closes the gateway and waits a few seconds at most for the
// handlers still answering.
func closeBot(b *bot.Bot, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	if err := b.Close(ctx); err != nil {
		log.Warn("close the bot", "err", err)
	}
}

// newLogger builds the process's logger from LOG_LEVEL and LOG_FORMAT.
func newLogger(level, format string, w io.Writer) (*slog.Logger, error) {
	var lv slog.Level
	switch strings.ToLower(strings.TrimSpace(level)) {
	case "", "info":
		lv = slog.LevelInfo
	case "debug":
		lv = slog.LevelDebug
	case "warn", "warning":
		lv = slog.LevelWarn
	case "error":
		lv = slog.LevelError
	default:
		return nil, fmt.Errorf("LOG_LEVEL %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch strings.ToLower(strings.TrimSpace(format)) {
	case "", "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("LOG_FORMAT %q: want text or json", format)
}

// intEnv reads a non-negative integer variable, def when unset.
func intEnv(name string, def int) (int, error) {
	v := strings.TrimSpace(os.Getenv(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s %q: want a whole number, 0 or more", name, v)
	}
	return n, nil
}

// onOff reads an on/off variable, def when unset.
func onOff(name string, def bool) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(os.Getenv(name))) {
	case "":
		return def, nil
	case "on", "true", "1", "yes":
		return true, nil
	case "off", "false", "0", "no":
		return false, nil
	}
	return false, fmt.Errorf("%s %q: want on or off", name, os.Getenv(name))
}

// splitList splits a comma-separated list, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
