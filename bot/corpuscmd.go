package bot

import "github.com/bwmarrin/discordgo"

// Moderation is the corpus management the /corpus commands drive.
type Moderation interface{}

func (b *Bot) routeCorpus(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) action {
	return replyNow(composeError("not yet"))
}

func (b *Bot) idChoices(i *discordgo.Interaction, typed string) []*discordgo.ApplicationCommandOptionChoice {
	return nil
}
