"""Discord cogs: one file per feature, thin wrappers over bot.core."""
