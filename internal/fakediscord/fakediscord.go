// Package fakediscord is a small Discord double for tests: an HTTP server on
// 127.0.0.1 with the REST routes a bot uses and a websocket gateway. It
// speaks Discord's JSON directly (it does not import discordgo, so it checks
// the client rather than agreeing with it), records every request the bot
// makes, and can dispatch events, drop connections and answer 429.
package fakediscord

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// AppID is the application and bot user id the fake announces in READY.
const AppID = "42"

// Request is one recorded REST call.
type Request struct {
	Method string
	Path   string // without the /api/v9 prefix
	Query  string
	Body   json.RawMessage
	At     time.Time
}

// Server is a running fake Discord.
type Server struct {
	// HeartbeatInterval is sent in HELLO, in milliseconds; set before the bot
	// connects. It must be above zero (discordgo panics on zero).
	HeartbeatInterval int

	srv *httptest.Server
	up  websocket.Upgrader

	mu         sync.Mutex
	changed    chan struct{} // closed and replaced on every change
	requests   []Request
	commands   map[string]json.RawMessage // scope ("global" or guild id) -> array
	conns      []*conn
	seq        int64
	identifies int
	resumes    int
	heartbeats int
	files      map[string][]byte
	fail       []failRule
	msgID      int
}

type conn struct {
	ws *websocket.Conn
	wm sync.Mutex // gorilla allows one writer at a time
}

type failRule struct {
	method, prefix string
	n              int
	retryAfter     float64
}

// Start runs a fake Discord on 127.0.0.1.
func Start() *Server {
	s := &Server{HeartbeatInterval: 45000, changed: make(chan struct{}), commands: map[string]json.RawMessage{}, files: map[string][]byte{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/ws/", s.gateway)
	mux.HandleFunc("/api/v9/", s.rest)
	mux.HandleFunc("/cdn/", s.cdn)
	s.srv = httptest.NewServer(mux)
	return s
}

// URL is the server's base URL, for DISCORD_API_BASE.
func (s *Server) URL() string { return s.srv.URL }

// Close drops every websocket and stops the server.
func (s *Server) Close() {
	s.DropConnections()
	s.srv.Close()
}

func (s *Server) notify() { // with s.mu held
	close(s.changed)
	s.changed = make(chan struct{})
}

// Changed returns a channel closed at the next recorded change.
func (s *Server) Changed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// Requests returns the REST calls recorded so far whose method is method
// (or any, for "") and whose path starts with prefix.
func (s *Server) Requests(method, prefix string) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.requests {
		if (method == "" || r.Method == method) && strings.HasPrefix(r.Path, prefix) {
			out = append(out, r)
		}
	}
	return out
}

// Counts returns how many IDENTIFY, RESUME and heartbeat messages arrived.
func (s *Server) Counts() (identifies, resumes, heartbeats int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.identifies, s.resumes, s.heartbeats
}

// AddFile serves data at /cdn/<name> and returns its URL.
func (s *Server) AddFile(name string, data []byte) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[name] = data
	return s.srv.URL + "/cdn/" + name
}

// FailNext makes the next n calls of method to paths starting with prefix
// answer 429 with retry_after seconds.
func (s *Server) FailNext(method, prefix string, n int, retryAfter float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = append(s.fail, failRule{method: method, prefix: prefix, n: n, retryAfter: retryAfter})
}

// SetCommands sets what GET .../commands answers for scope ("" = global).
func (s *Server) SetCommands(scope string, cmds json.RawMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands[scopeKey(scope)] = cmds
}

func scopeKey(guild string) string {
	if guild == "" {
		return "global"
	}
	return guild
}

func (s *Server) cdn(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	data, ok := s.files[strings.TrimPrefix(r.URL.Path, "/cdn/")]
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, At: time.Now()})
	s.notify()
	s.mu.Unlock()
	if r.Header.Get("Authorization") != "" {
		http.Error(w, "the CDN takes no authorization", http.StatusBadRequest)
		return
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(data)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) rest(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/api/v9")
	var body json.RawMessage
	if r.Body != nil {
		_ = json.NewDecoder(r.Body).Decode(&body)
	}
	if r.Header.Get("Authorization") == "" && !strings.HasPrefix(path, "/interactions/") && !strings.HasPrefix(path, "/webhooks/") {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0})
		return
	}
	s.mu.Lock()
	for i := range s.fail {
		f := &s.fail[i]
		if f.n > 0 && (f.method == "" || f.method == r.Method) && strings.HasPrefix(path, f.prefix) {
			f.n--
			s.requests = append(s.requests, Request{Method: r.Method, Path: path, Query: r.URL.RawQuery, Body: body, At: time.Now()})
			s.notify()
			s.mu.Unlock()
			w.Header().Set("Retry-After", fmt.Sprint(int(f.retryAfter+0.999)))
			writeJSON(w, http.StatusTooManyRequests, map[string]any{"message": "You are being rate limited.", "retry_after": f.retryAfter, "global": false})
			return
		}
	}
	s.requests = append(s.requests, Request{Method: r.Method, Path: path, Query: r.URL.RawQuery, Body: body, At: time.Now()})
	s.notify()
	s.msgID++
	msgID := fmt.Sprint(100000 + s.msgID)
	s.mu.Unlock()

	parts := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case r.Method == http.MethodGet && (path == "/gateway" || path == "/gateway/bot"):
		u := "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/ws"
		writeJSON(w, 200, map[string]any{"url": u, "shards": 1, "session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}})
	case len(parts) >= 3 && parts[0] == "applications" && parts[len(parts)-1] == "commands":
		scope := "global"
		if len(parts) == 5 && parts[2] == "guilds" {
			scope = parts[3]
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		switch r.Method {
		case http.MethodGet:
			cmds := s.commands[scope]
			if cmds == nil {
				cmds = json.RawMessage("[]")
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(cmds)
		case http.MethodPut:
			s.commands[scope] = withIDs(body)
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(s.commands[scope])
		default:
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		}
	case r.Method == http.MethodPost && len(parts) == 4 && parts[0] == "interactions" && parts[3] == "callback":
		w.WriteHeader(http.StatusNoContent)
	case parts[0] == "webhooks" && r.Method == http.MethodDelete:
		w.WriteHeader(http.StatusNoContent)
	case parts[0] == "webhooks" && (r.Method == http.MethodPatch || r.Method == http.MethodPost || r.Method == http.MethodGet):
		writeJSON(w, 200, message(msgID, "", body))
	case r.Method == http.MethodPost && len(parts) == 3 && parts[0] == "channels" && parts[2] == "messages":
		writeJSON(w, 200, message(msgID, parts[1], body))
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "404: Not Found", "code": 0})
	}
}

// withIDs gives every command of a PUT body an id and version, as Discord does.
func withIDs(body json.RawMessage) json.RawMessage {
	var cmds []map[string]any
	if err := json.Unmarshal(body, &cmds); err != nil {
		return json.RawMessage("[]")
	}
	for i, c := range cmds {
		c["id"] = fmt.Sprint(9000 + i)
		c["application_id"] = AppID
		c["version"] = "1"
	}
	out, _ := json.Marshal(cmds)
	return out
}

// message is the Message JSON answered for a sent or edited message.
func message(id, channel string, body json.RawMessage) map[string]any {
	m := map[string]any{}
	_ = json.Unmarshal(body, &m)
	m["id"] = id
	m["channel_id"] = channel
	m["author"] = map[string]any{"id": AppID, "username": "treatybot", "bot": true}
	m["timestamp"] = time.Now().UTC().Format(time.RFC3339)
	delete(m, "allowed_mentions")
	delete(m, "message_reference")
	return m
}

// Wait waits until cond holds, checking it again at every change the fake
// records (and every 50 ms, for conditions on the bot's side), for at most
// timeout. It reports whether cond held.
func (s *Server) Wait(timeout time.Duration, cond func() bool) bool {
	deadline := time.After(timeout)
	for {
		ch := s.Changed()
		if cond() {
			return true
		}
		select {
		case <-ch:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			return false
		}
	}
}
