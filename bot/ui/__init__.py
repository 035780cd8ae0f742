"""Discord views, modals, embeds and message splitting. Discord limits live in limits.py."""
