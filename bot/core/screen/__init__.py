"""Safety screening and learned judgement.

Owns the distress screen (``distress``: explicit phrases, a learned classifier, the provider's
moderation) that runs first on everything a student writes, and the small classifier over the
MiniLM sentence vectors (``classifier``) that the screen, the critique and the rubric share.
May import only ``bot.core.base``; other features use it through the names below.
"""

from bot.core.screen.classifier import ClassifierError, LinearClassifier, load_classifier
from bot.core.screen.distress import (
    CRISIS_REPLY,
    DISTRESS_REPLY,
    NONE,
    PAUSED_NOTE,
    DistressScreen,
    ScreenResult,
)

__all__ = [
    "CRISIS_REPLY",
    "DISTRESS_REPLY",
    "NONE",
    "PAUSED_NOTE",
    "ClassifierError",
    "DistressScreen",
    "LinearClassifier",
    "ScreenResult",
    "load_classifier",
]
