package bot

import "github.com/bwmarrin/discordgo"

// Reply is one message the bot wants to send, as composed by a handler and
// before delivery. The to* conversions below are the only way a Reply
// becomes a Discord payload, and each of them fits it to Discord's limits and
// sets empty allowed mentions.
type Reply struct {
	Content   string
	Embeds    []*discordgo.MessageEmbed
	Buttons   []discordgo.Button // one row at most
	Ephemeral bool               // only the asker sees it (interactions only)
}

// noMentions returns allowed mentions that allow nothing. The Parse slice is
// empty rather than nil on purpose: nil marshals as "parse":null, which
// Discord reads as "use the defaults" and would let @everyone through.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

func (r Reply) components() []discordgo.MessageComponent {
	if len(r.Buttons) == 0 {
		return []discordgo.MessageComponent{}
	}
	row := discordgo.ActionsRow{}
	for _, b := range r.Buttons {
		row.Components = append(row.Components, b)
	}
	return []discordgo.MessageComponent{row}
}

func (r Reply) flags() discordgo.MessageFlags {
	if r.Ephemeral {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

func (r Reply) embeds() []*discordgo.MessageEmbed {
	if r.Embeds == nil {
		return []*discordgo.MessageEmbed{}
	}
	return r.Embeds
}

// toResponse is the callback payload of an immediate reply (type 4).
func (r Reply) toResponse() *discordgo.InteractionResponse {
	return r.callback(discordgo.InteractionResponseChannelMessageWithSource, r.flags())
}

// toUpdate is the callback that replaces the message whose button was
// clicked (type 7). A message keeps its flags, so none are sent.
func (r Reply) toUpdate() *discordgo.InteractionResponse {
	return r.callback(discordgo.InteractionResponseUpdateMessage, 0)
}

// callback is a message-bearing callback of type t.
func (r Reply) callback(t discordgo.InteractionResponseType, flags discordgo.MessageFlags) *discordgo.InteractionResponse {
	r = fit(r)
	return &discordgo.InteractionResponse{
		Type: t,
		Data: &discordgo.InteractionResponseData{
			Content:         r.Content,
			Embeds:          r.embeds(),
			Components:      r.components(),
			Flags:           flags,
			AllowedMentions: noMentions(),
		},
	}
}

// deferResponse is the "thinking…" callback (type 5), ephemeral or not.
func deferResponse(ephemeral bool) *discordgo.InteractionResponse {
	r := Reply{Ephemeral: ephemeral}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: r.flags(), AllowedMentions: noMentions()},
	}
}

// choicesResponse is an autocomplete result (type 8).
func choicesResponse(cs []*discordgo.ApplicationCommandOptionChoice) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: fitChoices(cs), AllowedMentions: noMentions()},
	}
}

// toEdit is the body of the PATCH that replaces a deferred response. The
// ephemeral flag cannot change in an edit; the deferral decided it.
func (r Reply) toEdit() *discordgo.WebhookEdit {
	r = fit(r)
	content, embeds, comps := r.Content, r.embeds(), r.components()
	return &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &comps, AllowedMentions: noMentions()}
}

// toFollowup is a follow-up message, the only way to be ephemeral after a
// public deferral.
func (r Reply) toFollowup() *discordgo.WebhookParams {
	r = fit(r)
	return &discordgo.WebhookParams{Content: r.Content, Embeds: r.Embeds, Components: r.components(), Flags: r.flags(), AllowedMentions: noMentions()}
}

// toMessage is a channel message; ref makes it a reply, without pinging the
// author (allowed mentions are empty, so replied_user is false).
func (r Reply) toMessage(ref *discordgo.MessageReference) *discordgo.MessageSend {
	r = fit(r)
	return &discordgo.MessageSend{Content: r.Content, Embeds: r.embeds(), Components: r.components(), Reference: ref, AllowedMentions: noMentions()}
}
