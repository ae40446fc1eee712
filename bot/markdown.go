package bot

import (
	"strings"
	"unicode/utf8"
)

// escapeMarkdown makes s display literally in Discord. It escapes only what
// Discord would otherwise render — emphasis, spoilers, code, a link's "](",
// a heading, list or quote at the start of a line, and the "<@…>", "<#…>",
// "<t:…>" and "</…>" forms — because Discord shows a backslash before
// anything else as text ("\(INF\)"). "@everyone" and "@here" get a
// zero-width space so they do not even look like a ping (allowed mentions
// already stop the ping itself). Hand-written because discordgo has no
// escaper.
func escapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		rest := s[i+size:]
		switch r {
		case '\\', '*', '_', '~', '`', '|':
			b.WriteByte('\\')
		case ']':
			if strings.HasPrefix(rest, "(") {
				b.WriteByte('\\')
			}
		case '<':
			if startsTag(rest) {
				b.WriteByte('\\')
			}
		case '#', '-', '>':
			if lineStart && (rest == "" || strings.HasPrefix(rest, " ") || strings.HasPrefix(rest, "#") || strings.HasPrefix(rest, ">")) {
				b.WriteByte('\\')
			}
		case '@':
			b.WriteRune(r)
			if strings.HasPrefix(rest, "everyone") || strings.HasPrefix(rest, "here") {
				b.WriteRune('\u200b')
			}
			i += size
			lineStart = false
			continue
		}
		b.WriteString(s[i : i+size])
		switch r {
		case '\n':
			lineStart = true
		case ' ', '\t':
		default:
			lineStart = false
		}
		i += size
	}
	return b.String()
}

// startsTag reports whether rest, which follows a "<", would make Discord
// render a mention, channel, role, emoji, timestamp, command or bare link.
func startsTag(rest string) bool {
	for _, p := range []string{"@", "#", ":", "a:", "t:", "/", "http"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// linkText escapes s for the text of a markdown link, where any bracket
// would end the link early.
func linkText(s string) string {
	e := escapeMarkdown(s)
	var b strings.Builder
	for i := 0; i < len(e); i++ {
		switch {
		case e[i] == '\\' && i+1 < len(e):
			b.WriteString(e[i : i+2])
			i++
			continue
		case e[i] == '[' || e[i] == ']':
			b.WriteByte('\\')
		}
		b.WriteByte(e[i])
	}
	return b.String()
}

// quoteLines prefixes every line of s with "> ", a Discord block quote.
func quoteLines(s string) string {
	s = strings.TrimRight(s, "\n")
	return "> " + strings.ReplaceAll(s, "\n", "\n> ")
}

// highlight escapes snippet and marks the byte range [hl[0], hl[1]) in bold.
// A range that is missing, out of bounds or not on rune boundaries is
// ignored: the snippet is then shown plain, never garbled.
func highlight(snippet string, hl []int) string { return mark(snippet, hl, "**") }

// mark is highlight with another markdown marker around the span: "__"
// underlines a span the bot is not sure of, which bold would assert.
func mark(snippet string, hl []int, marker string) string {
	if len(hl) != 2 || hl[0] < 0 || hl[0] >= hl[1] || hl[1] > len(snippet) ||
		!utf8.RuneStart(snippet[hl[0]]) || (hl[1] < len(snippet) && !utf8.RuneStart(snippet[hl[1]])) {
		return escapeMarkdown(snippet)
	}
	mid := strings.TrimSpace(snippet[hl[0]:hl[1]])
	if mid == "" {
		return escapeMarkdown(snippet)
	}
	lead := snippet[hl[0] : hl[0]+strings.Index(snippet[hl[0]:hl[1]], mid)]
	trail := snippet[hl[0]+len(lead)+len(mid) : hl[1]]
	return escapeMarkdown(snippet[:hl[0]]+lead) + marker + escapeMarkdown(mid) + marker + escapeMarkdown(trail+snippet[hl[1]:])
}

// clip shortens a snippet around its highlight so that it fits in n runes,
// keeping the highlighted part visible. It returns the clipped snippet and
// the highlight shifted to match.
func clip(snippet string, hl []int, n int) (string, []int) {
	if runes(snippet) <= n {
		return snippet, hl
	}
	if len(hl) != 2 || hl[0] < 0 || hl[1] > len(snippet) || hl[0] >= hl[1] {
		return truncate(snippet, n), nil
	}
	// Start a little before the highlight, on a rune boundary.
	start := 0
	if before := runes(snippet[:hl[0]]); before > n/3 {
		skip := before - n/3
		for i := range snippet {
			if skip == 0 {
				start = i
				break
			}
			skip--
		}
	}
	out := snippet[start:]
	prefix := ""
	if start > 0 {
		prefix = ellipsis
	}
	out = truncate(out, n-runes(prefix))
	shift := len(prefix) - start
	h0, h1 := hl[0]+shift, hl[1]+shift
	full := prefix + out
	if h1 > len(full) || full[h0:h1] != snippet[hl[0]:hl[1]] { // the highlight was cut: drop it rather than mark half a word
		return full, nil
	}
	return full, []int{h0, h1}
}
