"""Mock interviews and rehearsal: the question bank, the answer rubric and its checks, interview
sessions, and spoken answers (speech measures and transcription).

May import only ``bot.core.base`` and ``bot.core.screen``.
"""
