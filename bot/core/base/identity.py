"""How a student names themselves in a message: the introduction and the signature credential,
built from profile fields. Shared by the drafts (companion) and the critique's templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

#: Degrees written as letters (shown as "MD" in "a fourth-year MD student").
DEGREE_LETTERS = {"md", "do", "mbbs", "mbchb", "mb bs", "md/phd", "do/phd", "md-phd", "mbbch"}


def is_graduate(profile: Mapping[str, str], today: dt.date | None = None) -> bool:
    """Graduated already: a graduation year before this one (or this year from June on)."""
    year = profile.get("graduation_year", "")
    if not year.isdigit():
        return False
    today = today or dt.date.today()
    return int(year) < today.year or (int(year) == today.year and today.month >= 6)


def degree_is_letters(degree: str) -> bool:
    return degree.strip().lower().replace(".", "") in DEGREE_LETTERS


_LETTER_VOWEL_SOUND = set("AEFHILMNORSX")


def _article(phrase: str) -> str:
    first = phrase.strip()[:1]
    if phrase[:2].isupper() and first.upper() in _LETTER_VOWEL_SOUND:
        return "an"
    return "an" if first.lower() in "aeiou" else "a"


def introduction(profile: Mapping[str, str], today: dt.date | None = None) -> str:
    """ "a fourth-year MD student at Lakeside University School of Medicine" or
    "an MD graduate of Lakeside University School of Medicine (Class of 2024)"."""
    degree = profile.get("degree") or ""
    school = profile.get("school") or "[your medical school]"
    year = profile.get("graduation_year") or ""
    if degree_is_letters(degree):
        letters = degree.upper().replace(".", "")
        if is_graduate(profile, today):
            tail = f" (Class of {year})" if year else ""
            return f"{_article(letters)} {letters} graduate of {school}{tail}"
        return f"a fourth-year {letters} student at {school}"
    if not degree:
        return f"[a fourth-year medical student / graduate] at {school}"
    lowered = degree.lower()
    phrase = degree if lowered.startswith(("a ", "an ", "the ")) else f"{_article(degree)} {degree}"
    joiner = " of " if "graduate" in lowered else " at "
    return f"{phrase}{joiner}{school}"


def credential(profile: Mapping[str, str], today: dt.date | None = None) -> str:
    """What follows the name in a signature: "MD" once graduated, "MD Candidate, Class of 2027"
    before (a student must not sign as a doctor), or the degree as written with its class year."""
    degree = profile.get("degree") or ""
    year = profile.get("graduation_year") or ""
    if degree_is_letters(degree):
        letters = degree.upper().replace(".", "")
        if is_graduate(profile, today):
            return letters
        degree = f"{letters} Candidate"
    return ", ".join(p for p in (degree, f"Class of {year}" if year else "") if p)
