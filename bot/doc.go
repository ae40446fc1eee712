// Package bot is treatybot's Discord front end: slash commands, mentions, the
// answer cards with their feedback buttons, the lookup commands (/facts,
// /timeline, /sources, /help) and the moderators' /corpus commands. It is
// the only package that imports discordgo, and it keeps one rule: every
// message it sends goes through fit (Discord's length limits) and carries
// empty allowed mentions, so nothing the bot says can ever ping anyone.
//
// It depends on what it needs, not on the packages that provide it: the
// small interfaces of ports.go (Answerer, Moderation, QuestionLog), which
// cmd/treatybot fills with the library and the question log.
//
// Handlers are pure: they take an interaction or a message and return the
// reply to send (see route and routeMessage). Delivery — responding,
// deferring, editing, following up — is a thin layer on top (deliver.go).
// Buttons carry what they need in their custom ids (a list's page, a logged
// question's id), so they keep working after a restart; only "More
// sources" keeps its citations in memory, for 15 minutes.
package bot
