"""What advisors share with a cohort: server guidance articles, shared reports, anonymous cohort
counts, AI usage limits, and privacy (what is stored about a student, and deleting it).

May import ``bot.core.base``, ``bot.core.knowledge`` and ``bot.core.critique``.
"""
