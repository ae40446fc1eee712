// Package bot is treatybot's Discord front end: slash commands, mentions, the
// answer cards and the moderators' /corpus commands. It is the only package
// that imports discordgo, and it keeps one rule: every message it sends goes
// through fit (Discord's length limits) and carries empty allowed mentions, so
// nothing the bot says can ever ping anyone.
//
// Handlers are pure: they take an interaction or a message and return the
// reply to send (see route and routeMessage). Delivery — responding,
// deferring, editing, following up — is a thin layer on top (deliver.go).
package bot
