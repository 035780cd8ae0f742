"""Questions students ask, phrased our own way (not the devset): the right guidance comes back."""

from __future__ import annotations

import re

import pytest

from bot.core.services import Services

# (question, a regex the top-3 sections' headings or texts must match)
CASES = [
    ("When do SOAP offer rounds happen?", r"Thursday.{0,60}(9|nine)"),
    ("can my mom call the program director for me during soap?", r"family|mother|representative"),
    ("what time does ERAS open on Monday?", r"11:00 a\.m\."),
    ("is the 45 limit per specialty?", r"(total|all specialties|not per specialty)"),
    ("what happens if I back out after accepting a SOAP offer?", r"binding"),
    ("can a program ask me where else I applied?", r"(may not|not allowed|cannot) .{0,40}ask"),
    ("how long is an offer good for in round 2?", r"two hours|2 hours"),
    ("do I need ECFMG certification to do SOAP?", r"certification"),
    (
        "is it ok to share the list of unfilled programs with my friend?",
        r"(share|sharing).{0,80}(not|violation)|not .{0,40}shar",
    ),
    ("can I contact programs after SOAP ends?", r"freely"),
    ("when is Match Day this year?", r"Match Day"),
    ("what do I do if no offer comes by Thursday night?", r"(after SOAP|unfilled|reapply)"),
    ("should my personal statement change for SOAP?", r"personal statement"),
    ("what can my dean do to help me during SOAP?", r"dean"),
    ("What should I wear to a video interview?", r"(suit|blazer|professional)"),
    ("Can programs ask me to promise I'll accept?", r"(commit|promise)"),
    ("Do I need a rank order list for SOAP?", r"rank order list"),
    ("my dms with a resident from a program that interviewed me - how do i write to her?", r"resident"),
    ("how do I answer why didn't you match without sounding bitter", r"(blame|own)"),
    ("Can I apply to both internal medicine and family medicine?", r"(specialt|45)"),
]


@pytest.mark.parametrize(("question", "pattern"), CASES, ids=[c[0][:40] for c in CASES])
async def test_the_right_guidance_is_in_the_top_three(services: Services, question: str, pattern: str) -> None:
    hits = await services.answerer.search(question, 3)
    text = "\n".join(f"{h.chunk.section}\n{h.chunk.text}" for h in hits)
    assert re.search(pattern, text, re.IGNORECASE | re.DOTALL), [h.chunk.section for h in hits]
