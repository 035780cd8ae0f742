"""A reason given without the private details: one home for what the critique's and the rubric's
learned oversharing checks never quote.

Naming a leave of absence "for a family medical matter", or being with a parent "during his
treatment", is the advice for explaining a gap, not oversharing; a diagnosis, a medicine, therapy,
a divorce, debt or an arrest named in the same sentence is. Retrain after retrain put such
sentences either side of the classifiers' thresholds, hard negatives notwithstanding.
"""

from __future__ import annotations

import re

#: Words that make a sentence about private matters detailed enough to be oversharing.
_PRIVATE_DETAIL = (
    r"(?:cancer|tumou?r|leuk\w*|lymphoma|dementia|alzheimer\w*|stroke|diagnos\w*|depress\w*|anxiety|bipolar|"
    r"schizo\w*|addict\w*|alcohol\w*|overdose|hiv|chemo\w*|radiation|dialysis|mg|medications?|meds|pills?|"
    r"therap\w*|psychiatr\w*|divorc\w*|debts?|bankrupt\w*|arrest\w*|custody|lawsuit)"
)
_FAMILY = (
    r"(?:father|mother|dad|mom|mum|parents?|grandmother|grandfather|grandma|grandpa|sister|brother|wife|"
    r"husband|partner)"
)
_CARING = (
    r"\b(?:be|been|was|stay(?:ed)?|car(?:e|ed|ing)\s+for|look(?:ed|ing)?\s+after|t(?:ake|ook|aking)\s+care\s+of|"
    rf"dr(?:ove|ive|iving)|help(?:ed|ing)?)\b[^.!?]{{0,40}}\bmy\s+{_FAMILY}\b[^.!?]{{0,40}}"
    r"\b(?:treatment|illness|surgery|recovery|rehab|hospital\w*)\b"
)
_MATTER = (
    r"(?:family|personal|medical|health)\s+(?:[\w-]+\s+)?"
    r"(?:matter|reasons?|issue|situation|emergency|concern|needs?)"
)
_LEAVE = (
    rf"\b(?:leave(?:\s+of\s+absence)?|time\s+off|step(?:ped)?\s+away)\b[^.!?]{{0,40}}\b{_MATTER}\b|"
    rf"\b{_MATTER}\b[^.!?]{{0,40}}\b(?:leave(?:\s+of\s+absence)?|time\s+off)\b"
)

#: A leave or a family member's care named without a diagnosis, a medicine or family trouble.
REASON_WITHOUT_DETAIL = re.compile(
    rf"^(?![^.!?]*\b{_PRIVATE_DETAIL}\b)[^.!?]*?(?:{_CARING}|{_LEAVE})",
    re.IGNORECASE,
)
