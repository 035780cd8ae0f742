"""Discord's limits, in one place. Everything that sends to Discord sizes itself from these."""

MESSAGE_CONTENT = 2_000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4_096
EMBED_FIELD_NAME = 256
EMBED_FIELD_VALUE = 1_024
EMBED_FIELDS = 25
EMBED_FOOTER = 2_048
EMBEDS_TOTAL_PER_MESSAGE = 6_000
EMBEDS_PER_MESSAGE = 10
MODAL_TITLE = 45
MODAL_TEXT_INPUT = 4_000
TEXT_INPUT_LABEL = 45
BUTTON_LABEL = 80
SELECT_OPTIONS = 25
SELECT_OPTION_LABEL = 100
AUTOCOMPLETE_CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
TEXT_INPUT_PLACEHOLDER = 100
#: Discord invalidates an interaction that is not acknowledged within this many seconds.
ACK_WINDOW_SECONDS = 3.0
#: Edit a streaming message at most this often (Discord rate-limits edits).
STREAM_EDIT_INTERVAL_SECONDS = 1.0
