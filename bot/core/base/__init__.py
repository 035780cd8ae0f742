"""The shared base every feature stands on: SQLite store, LLM client, sentence embeddings (the
bundled MiniLM), prompt templates, token counting, text utilities, how a student is introduced,
and per-server settings.

Imports nothing from any feature package (a test enforces it). Features import its modules
directly (``from bot.core.base.store import Store``).
"""
