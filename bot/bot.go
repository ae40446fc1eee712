package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Config is what the bot needs to run. cmd/treatybot fills it from the
// environment; the bot itself reads no environment variable.
type Config struct {
	Token   string // the bot token, without the "Bot " prefix; never logged
	GuildID string // register commands to this server only; "" = globally
	// APIBase replaces the scheme and host of every REST call, for a REST
	// proxy or a test double; "" = https://discord.com.
	APIBase          string
	ShardID          int // this process's shard, 0-based
	ShardCount       int // 0 or 1 = no sharding
	ModeratorRoleIDs []string
	ModLogChannelID  string // refresh reports are also posted here when set
	Logger           *slog.Logger
	// Now is the clock (tests); nil = time.Now.
	Now func() time.Time
	// DownloadClient fetches /corpus attachments; nil = a plain client with a
	// short timeout. It never sends the bot token.
	DownloadClient *http.Client
	// Questions is the question log; nil = off (LOG_QUESTIONS=off): answer
	// cards then carry no feedback buttons, and /corpus gaps has nothing.
	Questions QuestionLog
}

// Rate limit per user, and how long "More sources" buttons keep working.
const (
	rateBurst   = 5
	rateEvery   = 10 * time.Second
	moreTTL     = 15 * time.Minute
	moreMax     = 10000
	callTimeout = 20 * time.Second
)

// Bot is a running Discord bot. Create it with New, then Start and Close.
type Bot struct {
	cfg     Config
	ans     Answerer
	mod     Moderation
	qlog    QuestionLog
	log     *slog.Logger
	now     func() time.Time
	limit   *limiter
	more    *moreStore
	session *discordgo.Session
	dl      *http.Client

	botID  atomic.Value                      // string: the bot's user id, from READY
	cmdIDs atomic.Pointer[map[string]string] // command name -> id, from registration

	noticeMu  sync.Mutex
	notice    map[string]time.Time
	announced string // the corpus problems last posted to the log channel; guarded by noticeMu

	// Handler lifecycle: Close stops new handlers and waits for running ones.
	life     sync.Mutex
	closing  bool
	handlers sync.WaitGroup
	ctx      context.Context
	cancel   context.CancelFunc
}

// ErrNoToken is returned by New when Config.Token is empty.
var ErrNoToken = errors.New("no Discord bot token")

// New prepares a bot; it connects nothing. mod may be nil, and then /corpus
// is not offered.
func New(cfg Config, ans Answerer, mod Moderation) (*Bot, error) {
	if cfg.Token == "" {
		return nil, ErrNoToken
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ShardCount < 1 {
		cfg.ShardCount = 1
	}
	if cfg.ShardID < 0 || cfg.ShardID >= cfg.ShardCount {
		return nil, fmt.Errorf("shard %d of %d: shard id must be from 0 to shard count - 1", cfg.ShardID, cfg.ShardCount)
	}
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("new discord session: %w", err)
	}
	transport := http.DefaultTransport
	if base := strings.TrimRight(cfg.APIBase, "/"); base != "" && base != "https://discord.com" {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("discord api base %q: want a URL like https://proxy.example:8080", cfg.APIBase)
		}
		transport = rewriteTransport{scheme: u.Scheme, host: u.Host, next: http.DefaultTransport}
	}
	s.Client = &http.Client{Timeout: callTimeout, Transport: transport}
	// Our own dialer: websocket.DefaultDialer is a shared package pointer.
	s.Dialer = &websocket.Dialer{HandshakeTimeout: 10 * time.Second, Proxy: http.ProxyFromEnvironment}
	s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	// Mentions need guild messages (and not the privileged message content:
	// Discord fills in the content of messages that mention the bot).
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages
	s.StateEnabled = true

	dl := cfg.DownloadClient
	if dl == nil {
		dl = &http.Client{Timeout: 15 * time.Second}
	}
	ctx, cancel := context.WithCancel(context.Background())
	b := &Bot{
		cfg: cfg, ans: ans, mod: mod, qlog: cfg.Questions, log: cfg.Logger, now: cfg.Now,
		limit: newLimiter(rateBurst, rateEvery), more: newMoreStore(moreTTL, moreMax),
		session: s, dl: dl, notice: map[string]time.Time{}, announced: "\x00", ctx: ctx, cancel: cancel,
	}
	b.botID.Store("")
	s.AddHandler(b.onReady)
	s.AddHandler(b.onInteraction)
	s.AddHandler(b.onMessage)
	return b, nil
}

// rewriteTransport sends every request to another scheme and host, keeping
// the path: DISCORD_API_BASE. discordgo builds its URLs from package
// variables set at init, so the session's HTTP client is the one place to
// redirect it without touching globals.
type rewriteTransport struct {
	scheme, host string
	next         http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t rewriteTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = t.scheme, t.host, ""
	return t.next.RoundTrip(r)
}

// Start connects to the gateway and registers the slash commands, replacing
// Discord's set only when it differs from ours.
func (b *Bot) Start(ctx context.Context) error {
	if err := b.session.Open(); err != nil {
		return fmt.Errorf("open discord gateway: %w", err)
	}
	b.session.State.RLock()
	appID, user := "", b.session.State.User
	if b.session.State.Application != nil {
		appID = b.session.State.Application.ID
	}
	b.session.State.RUnlock()
	if user != nil {
		b.botID.Store(user.ID)
		if appID == "" {
			appID = user.ID
		}
	}
	if appID == "" {
		return errors.New("register commands: READY carried no application id")
	}
	if err := b.register(ctx, appID); err != nil {
		return err
	}
	b.log.Info("discord bot started", "bot_user", b.botID.Load(), "shard", b.cfg.ShardID, "shards", b.cfg.ShardCount, "guild", b.cfg.GuildID)
	return nil
}

// register makes Discord's commands ours with one bulk overwrite, and only
// when they differ: GET, compare, PUT.
func (b *Bot) register(ctx context.Context, appID string) error {
	want := commands(b.mod != nil)
	have, err := b.session.ApplicationCommands(appID, b.cfg.GuildID, discordgo.WithContext(ctx))
	if err != nil {
		// without the list we cannot compare; overwriting is still correct
		b.log.Warn("could not list the registered slash commands; overwriting them", "err", err)
	}
	if err == nil && sameCommands(want, have) {
		b.setCommandIDs(have)
		b.log.Info("slash commands up to date", "count", len(want), "guild", b.cfg.GuildID)
		return nil
	}
	got, err := b.session.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, want, discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("register commands of application %s: %w", appID, err)
	}
	b.setCommandIDs(got)
	b.log.Info("slash commands registered", "count", len(want), "guild", b.cfg.GuildID)
	return nil
}

// setCommandIDs keeps the ids Discord gave our commands, for the clickable
// command mentions of /help.
func (b *Bot) setCommandIDs(cmds []*discordgo.ApplicationCommand) {
	ids := make(map[string]string, len(cmds))
	for _, c := range cmds {
		if c != nil && c.ID != "" && (c.Type == 0 || c.Type == discordgo.ChatApplicationCommand) {
			ids[c.Name] = c.ID
		}
	}
	b.cmdIDs.Store(&ids)
}

// commandIDs returns the command ids known so far; empty before Start.
func (b *Bot) commandIDs() map[string]string {
	if p := b.cmdIDs.Load(); p != nil {
		return *p
	}
	return nil
}

// Close stops taking new events, closes the gateway and waits for running
// handlers until ctx ends. It is safe to call more than once.
func (b *Bot) Close(ctx context.Context) error {
	b.life.Lock()
	already := b.closing
	b.closing = true
	b.life.Unlock()
	if already {
		return nil
	}
	err := b.session.Close()
	done := make(chan struct{})
	go func() { b.handlers.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		b.cancel() // give up on what is still running
		b.log.Warn("shutdown: handlers still running, abandoned")
	}
	b.cancel()
	if err != nil {
		return fmt.Errorf("close discord gateway: %w", err)
	}
	return nil
}

// enter registers a running handler; false once Close has begun.
func (b *Bot) enter() bool {
	b.life.Lock()
	defer b.life.Unlock()
	if b.closing {
		return false
	}
	b.handlers.Add(1)
	return true
}

func (b *Bot) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	if r.User != nil {
		b.botID.Store(r.User.ID)
	}
}

// LogDiscordgoTo sends discordgo's own log lines (reconnects, gateway
// errors) to l. discordgo keeps its logger in a package variable, so this is
// for main to call once, never for tests running in parallel.
func LogDiscordgoTo(l *slog.Logger) {
	discordgo.Logger = func(level, _ int, format string, a ...any) {
		lv := slog.LevelDebug
		switch level {
		case discordgo.LogError:
			lv = slog.LevelError
		case discordgo.LogWarning:
			lv = slog.LevelWarn
		case discordgo.LogInformational:
			lv = slog.LevelInfo
		}
		l.Log(context.Background(), lv, "discordgo: "+secretRE.ReplaceAllString(fmt.Sprintf(format, a...), "$1/[token]"))
	}
}
