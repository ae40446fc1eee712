package bot

import (
	"encoding/json"
	"slices"

	"github.com/bwmarrin/discordgo"
)

// Command and option names, shared by the definitions and the router.
const (
	cmdAsk      = "ask"
	cmdFacts    = "facts"
	cmdTimeline = "timeline"
	cmdSources  = "sources"
	cmdHelp     = "help"
	cmdCorpus   = "corpus"
)

func intp(n int) *int { return &n }

var oneDay = 1.0

// commands returns the slash commands the bot registers; /corpus only when
// the bot has a Moderation to run it.
func commands(withCorpus bool) []*discordgo.ApplicationCommand {
	everywhere := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
	guildInstall := &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
	str := discordgo.ApplicationCommandOptionString
	cmds := []*discordgo.ApplicationCommand{
		{
			Name: cmdAsk, Description: "Ask a question about arms-control treaties; the answer quotes its sources.",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: str, Name: "question", Description: "Your question, e.g. When was the INF treaty signed?", Required: true, MinLength: intp(1), MaxLength: maxQuestionLen},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "Show the answer to you only"},
			},
		},
		{
			Name: cmdFacts, Description: "The treaty facts from the fact sheets, with their sources.",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: str, Name: "topic", Description: "A treaty or a word the facts mention", Autocomplete: true, MaxLength: maxTopicLen},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "Show the facts to you only"},
			},
		},
		{
			Name: cmdTimeline, Description: "Dated events in the corpus, oldest first.",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: str, Name: "from", Description: "Start date: YYYY, YYYY-MM or YYYY-MM-DD", MaxLength: 10},
				{Type: str, Name: "to", Description: "End date: YYYY, YYYY-MM or YYYY-MM-DD", MaxLength: 10},
			},
		},
		{Name: cmdSources, Description: "The documents and fact sheets the answers come from."},
		{Name: cmdHelp, Description: "What treatybot can do, with examples."},
	}
	for _, c := range cmds {
		c.Type = discordgo.ChatApplicationCommand
		c.Contexts = everywhere
		c.IntegrationTypes = guildInstall
	}
	if withCorpus {
		cmds = append(cmds, corpusCommand())
	}
	return cmds
}

// corpusCommand is /corpus, for moderators: registered with Manage Server as
// the default permission and usable in servers only. The handler checks
// permissions again on every call, since server admins can override these.
func corpusCommand() *discordgo.ApplicationCommand {
	perm := int64(discordgo.PermissionManageGuild)
	sub := discordgo.ApplicationCommandOptionSubCommand
	att := discordgo.ApplicationCommandOptionAttachment
	return &discordgo.ApplicationCommand{
		Type: discordgo.ChatApplicationCommand, Name: cmdCorpus, Description: "Moderators: see and refresh the corpus.",
		DefaultMemberPermissions: &perm,
		Contexts:                 &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
		IntegrationTypes:         &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall},
		Options: []*discordgo.ApplicationCommandOption{
			{Type: sub, Name: "status", Description: "Counts, version, and the last refresh."},
			{Type: sub, Name: "reload", Description: "Re-read the corpus folder from disk."},
			{Type: sub, Name: "add", Description: "Add a .md, .txt, .yaml or .yml document (1 MiB at most).", Options: []*discordgo.ApplicationCommandOption{
				{Type: att, Name: "file", Description: "The document", Required: true},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: "replace", Description: "Replace a document with the same id"},
			}},
			{Type: sub, Name: "remove", Description: "Remove a document or fact sheet.", Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "id", Description: "Its id", Required: true, Autocomplete: true},
			}},
			{Type: sub, Name: "check", Description: "Validate a file without publishing it.", Options: []*discordgo.ApplicationCommandOption{
				{Type: att, Name: "file", Description: "The document", Required: true},
			}},
			{Type: sub, Name: "gaps", Description: "What members asked and did not get, the most asked first.", Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "days", Description: "How many days back to look (default 30)", MinValue: &oneDay, MaxValue: 3650},
			}},
			{Type: sub, Name: "feedback", Description: "The latest answers voted 👎, with comments and the cited passage."},
		},
	}
}

// The canonical form of a command, for comparing what we want with what
// Discord has. Discord answers with ids, versions and defaults we never set,
// and leaves out false and empty values; only what we define is compared.
type canonCommand struct {
	Type        discordgo.ApplicationCommandType   `json:"type"`
	Name        string                             `json:"name"`
	Description string                             `json:"description"`
	Perms       *int64                             `json:"perms"`
	Contexts    []discordgo.InteractionContextType `json:"contexts"`
	Options     []canonOption                      `json:"options"`
}

type canonOption struct {
	Type         discordgo.ApplicationCommandOptionType `json:"type"`
	Name         string                                 `json:"name"`
	Description  string                                 `json:"description"`
	Required     bool                                   `json:"required"`
	Autocomplete bool                                   `json:"autocomplete"`
	MinLength    int                                    `json:"min_length"`
	MaxLength    int                                    `json:"max_length"`
	Options      []canonOption                          `json:"options"`
}

func canonOptions(opts []*discordgo.ApplicationCommandOption) []canonOption {
	out := []canonOption{}
	for _, o := range opts {
		c := canonOption{Type: o.Type, Name: o.Name, Description: o.Description, Required: o.Required,
			Autocomplete: o.Autocomplete, MaxLength: o.MaxLength, Options: canonOptions(o.Options)}
		if o.MinLength != nil {
			c.MinLength = *o.MinLength
		}
		out = append(out, c)
	}
	return out
}

func canon(cmds []*discordgo.ApplicationCommand) string {
	out := make([]canonCommand, 0, len(cmds))
	for _, c := range cmds {
		t := c.Type
		if t == 0 {
			t = discordgo.ChatApplicationCommand
		}
		cc := canonCommand{Type: t, Name: c.Name, Description: c.Description, Perms: c.DefaultMemberPermissions, Options: canonOptions(c.Options)}
		if c.Contexts != nil {
			cc.Contexts = slices.Clone(*c.Contexts)
			slices.Sort(cc.Contexts)
		}
		out = append(out, cc)
	}
	slices.SortFunc(out, func(a, b canonCommand) int {
		if a.Name < b.Name {
			return -1
		}
		if a.Name > b.Name {
			return 1
		}
		return int(a.Type) - int(b.Type)
	})
	b, _ := json.Marshal(out) // plain structs: cannot fail
	return string(b)
}

// sameCommands reports whether Discord already has exactly the commands we
// want, so that registration can skip the overwrite.
func sameCommands(want, have []*discordgo.ApplicationCommand) bool {
	return canon(want) == canon(have)
}
