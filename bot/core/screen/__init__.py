"""Safety screening of everything a student writes.

Owns the crisis screen (``crisis``). May import only ``bot.core.base``; every feature and both
front ends call it through this package.
"""

from bot.core.screen.crisis import CRISIS_REPLY, is_crisis

__all__ = ["CRISIS_REPLY", "is_crisis"]
