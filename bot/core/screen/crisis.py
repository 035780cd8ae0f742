"""The crisis screen: notices a student in distress in anything they write.

Runs first on every text a student sends, in every mode; a student in distress gets a warm
reply with crisis resources before anything else. Imports only the base.
"""

from __future__ import annotations

import re

from bot.core.base.text import normalize

CRISIS_REPLY = (
    "I'm really sorry you're going through this. Match Week can feel crushing, and what "
    "you're feeling matters more than any application.\n\n"
    "If you might hurt yourself or you're in danger, please reach out now:\n"
    "• In the US, call or text **988** (Suicide & Crisis Lifeline), any time.\n"
    "• If you're in immediate danger, call **911** or your local emergency number.\n"
    "• Outside the US, call your local emergency number or a crisis line in your country.\n"
    "• Your school's counselling service or student-affairs office can help today, "
    "including during Match Week.\n\n"
    "Please also tell someone you trust — a friend, family member, advisor or dean — how "
    "you're doing. You don't have to get through this week alone. When you're ready, I'm "
    "here to help with SOAP too."
)

# Hopelessness and self-harm. Broad on purpose: a false alarm costs one kind paragraph.
_CRISIS = re.compile(
    r"\b(kill(ing)? myself|end(ing)? (it all|my life)|suicid\w*|self[- ]?harm|hurt(ing)? myself|"
    r"cut(ting)? myself|want(ed)? to die|wish i (was|were) dead|better off dead|"
    r"no (reason|point) (in )?(to )?(living|live|going on)|can'?t go on|"
    r"(don'?t|do not) want to (live|be alive|wake up|exist|be here any ?more)|"
    r"take my (own )?life|overdose|not worth living|life is(n'?t| not) worth|"
    r"can'?t (do|take) (this|it) any ?more|"
    r"(want|going|plan(ning)?|thinking( about| of)?|ready) to end (it|things|everything)|"
    r"might as well end it|ending things|"
    r"(nobody|no one|no-one) would (care|notice|miss me) if i (was|were|died|disappeared|was gone|were gone)|"
    r"what'?s the point of (living|life|going on|being alive)|what is the point of (living|life|going on)|"
    r"(feel|feeling|am) (so )?(completely )?(hopeless|worthless)|"
    r"disappear forever|no way out)",
    re.IGNORECASE,
)


def is_crisis(text: str) -> bool:
    return bool(_CRISIS.search(normalize(text)))
