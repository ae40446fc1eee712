package fakediscord

import (
	"encoding/json"
	"errors"
	"net/http"
)

// ErrNoConnection is returned by Dispatch when no bot is connected.
var ErrNoConnection = errors.New("fakediscord: no gateway connection")

type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  int64           `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

func (c *conn) send(v any) error {
	c.wm.Lock()
	defer c.wm.Unlock()
	return c.ws.WriteJSON(v)
}

// gateway serves one websocket: HELLO, then IDENTIFY → READY or RESUME →
// RESUMED, then heartbeat ACKs until the connection ends.
func (s *Server) gateway(w http.ResponseWriter, r *http.Request) {
	ws, err := s.up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &conn{ws: ws}
	defer ws.Close()
	s.mu.Lock()
	interval := s.HeartbeatInterval
	s.mu.Unlock()
	if interval <= 0 {
		interval = 45000
	}
	if err := c.send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": interval}}); err != nil {
		return
	}
	var hello frame
	if err := ws.ReadJSON(&hello); err != nil {
		return
	}
	s.mu.Lock()
	switch hello.Op {
	case 2:
		s.identifies++
		s.seq++
		ready := map[string]any{"op": 0, "s": s.seq, "t": "READY", "d": map[string]any{
			"v": 9, "session_id": "sess-1", "resume_gateway_url": "ws" + s.srv.URL[4:] + "/ws",
			"user":        map[string]any{"id": AppID, "username": "treatybot", "bot": true},
			"application": map[string]any{"id": AppID, "flags": 0},
			"guilds":      []any{},
		}}
		s.mu.Unlock()
		if c.send(ready) != nil {
			return
		}
	case 6:
		s.resumes++
		s.seq++
		resumed := map[string]any{"op": 0, "s": s.seq, "t": "RESUMED", "d": map[string]any{}}
		s.mu.Unlock()
		if c.send(resumed) != nil {
			return
		}
	default:
		s.mu.Unlock()
		_ = ws.WriteMessage(8, []byte{0x0f, 0xa2}) // close 4002 decode error
		return
	}
	s.mu.Lock()
	s.conns = append(s.conns, c)
	s.notify()
	s.mu.Unlock()
	defer s.forget(c)
	for {
		var f frame
		if err := ws.ReadJSON(&f); err != nil {
			return
		}
		if f.Op == 1 {
			s.mu.Lock()
			s.heartbeats++
			s.notify()
			s.mu.Unlock()
			if c.send(map[string]any{"op": 11}) != nil {
				return
			}
		}
	}
}

func (s *Server) forget(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, x := range s.conns {
		if x == c {
			s.conns = append(s.conns[:i], s.conns[i+1:]...)
			break
		}
	}
	s.notify()
}

// Connected reports how many gateway connections are live.
func (s *Server) Connected() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// Dispatch sends event t with data d to the newest connection.
func (s *Server) Dispatch(t string, d any) error {
	s.mu.Lock()
	if len(s.conns) == 0 {
		s.mu.Unlock()
		return ErrNoConnection
	}
	c := s.conns[len(s.conns)-1]
	s.seq++
	f := map[string]any{"op": 0, "s": s.seq, "t": t, "d": d}
	s.mu.Unlock()
	return c.send(f)
}

// DropConnections closes every gateway connection without a close frame, as
// a network failure would. (httptest does not close hijacked connections.)
func (s *Server) DropConnections() {
	s.mu.Lock()
	conns := append([]*conn(nil), s.conns...)
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.ws.NetConn().Close()
	}
}
