"""Discord's limits, in one place. Everything that sends to Discord sizes itself from these."""

MESSAGE_CONTENT = 2_000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4_096
EMBED_FIELD_NAME = 256
EMBED_FIELD_VALUE = 1_024
EMBED_FIELDS = 25
EMBED_FOOTER = 2_048
EMBED_AUTHOR = 256
EMBEDS_TOTAL_PER_MESSAGE = 6_000
EMBEDS_PER_MESSAGE = 10
MODAL_TITLE = 45
MODAL_TEXT_INPUT = 4_000
TEXT_INPUT_LABEL = 45
#: A modal label's description (the line under its text).
LABEL_DESCRIPTION = 100
BUTTON_LABEL = 80
SELECT_OPTIONS = 25
SELECT_OPTION_LABEL = 100
AUTOCOMPLETE_CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
TEXT_INPUT_PLACEHOLDER = 100
#: Discord invalidates an interaction that is not acknowledged within this many seconds.
ACK_WINDOW_SECONDS = 3.0
#: An interaction's token (followups, edits of the reply) works for this long after the interaction.
INTERACTION_TOKEN_SECONDS = 15 * 60
#: Work that may still be running this close to the token's end finishes by DM instead.
INTERACTION_TOKEN_MARGIN_SECONDS = 60
#: Characters in a command's names, descriptions and choice values together.
COMMAND_TOTAL = 4_000
OPTION_LENGTH_MAX = 6_000
#: A component's custom id (buttons, selects, modals).
CUSTOM_ID = 100
#: Edit a streaming message at most this often (Discord rate-limits edits).
STREAM_EDIT_INTERVAL_SECONDS = 1.0
