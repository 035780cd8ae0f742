"""The student's profile (name, school, degree, AAMC ID, ...), stored privately per user.

Drafts are filled from it and the critique uses it (for example, it knows the student has an
AAMC ID). Stored as one JSON object per user in the ``profiles`` table, so
``/privacy delete-my-data`` removes it with everything else.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
from collections.abc import Mapping
from typing import Any

from bot.core.store import Store
from bot.core.text import normalize

log = logging.getLogger(__name__)

#: Profile fields, in display order, with their labels.
FIELDS: dict[str, str] = {
    "name": "Full name",
    "school": "Medical school",
    "degree": "Degree",
    "graduation_year": "Graduation year",
    "aamc_id": "AAMC ID",
    "specialties": "Specialties",
    "contact_line": "Contact line (email | phone)",
}
MAX_LENGTHS = {
    "name": 80,
    "school": 120,
    "degree": 60,
    "graduation_year": 4,
    "aamc_id": 8,
    "specialties": 150,
    "contact_line": 160,
}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{7,}\d")
#: Degrees written as letters (shown as "MD" in "a fourth-year MD student").
DEGREE_LETTERS = {"md", "do", "mbbs", "mbchb", "mb bs", "md/phd", "do/phd", "md-phd", "mbbch"}


class ProfileError(ValueError):
    """A profile value is invalid; the message says how to fix it."""


def clean_field(key: str, value: object) -> str:
    """One field, validated and normalised; "" clears it."""
    if key not in FIELDS:
        raise ProfileError(f"Unknown profile field {key!r}; choose one of: {', '.join(FIELDS)}.")
    text = " ".join(normalize(str(value or "")).split())
    if not text:
        return ""
    if key == "aamc_id":
        digits = re.sub(r"[\s-]", "", text)
        if not re.fullmatch(r"\d{8}", digits):
            raise ProfileError("Your AAMC ID has 8 digits (find it in your AAMC account or MyERAS).")
        return digits
    if key == "graduation_year":
        if not re.fullmatch(r"\d{4}", text) or not 1950 <= int(text) <= dt.date.today().year + 6:
            raise ProfileError("Give your graduation year as four digits, e.g. 2026.")
        return text
    limit = MAX_LENGTHS[key]
    if len(text) > limit:
        raise ProfileError(f"{FIELDS[key]} is {len(text)} characters; please keep it under {limit}.")
    if key == "name" and len(text.split()) < 2:
        raise ProfileError("Give your full name (first and last), as programs will see it.")
    return text


def contact_parts(contact_line: str) -> dict[str, str]:
    """The email and phone inside a contact line, when they can be recognised."""
    out: dict[str, str] = {}
    email = _EMAIL.search(contact_line or "")
    phone = _PHONE.search(contact_line or "")
    if email:
        out["email"] = email.group(0)
    if phone:
        out["phone"] = phone.group(0).strip()
    return out


def _with_derived(data: Mapping[str, str]) -> dict[str, str]:
    profile = {key: str(data.get(key, "") or "") for key in FIELDS}
    profile.update({"email": "", "phone": ""})
    profile.update(contact_parts(profile["contact_line"]))
    return profile


async def get_profile(store: Store, user_id: int) -> dict[str, str]:
    """The student's profile: every key of :data:`FIELDS` ("" when not set), plus ``email`` and
    ``phone`` read from the contact line (the critique's templates use those two slots)."""
    row = await store.fetchone("SELECT data FROM profiles WHERE user_id = ?", (user_id,))
    data: dict[str, Any] = {}
    if row is not None:
        try:
            loaded = json.loads(row["data"])
            data = loaded if isinstance(loaded, dict) else {}
        except json.JSONDecodeError:
            log.warning("profile unreadable user=%s", user_id)
    return _with_derived(data)


async def update_profile(store: Store, user_id: int, **changes: object) -> dict[str, str]:
    """Set the given fields (None leaves a field alone, "" clears it); returns the new profile."""
    cleaned = {key: clean_field(key, value) for key, value in changes.items() if value is not None}
    current = await get_profile(store, user_id)
    stored = {key: current[key] for key in FIELDS}
    stored.update(cleaned)
    stored = {k: v for k, v in stored.items() if v}
    await store.execute(
        "INSERT INTO profiles (user_id, data, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT(user_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
        (user_id, json.dumps(stored, ensure_ascii=False), time.time()),
    )
    log.info("profile updated user=%s fields=%d", user_id, len(cleaned))
    return _with_derived(stored)


async def clear_profile(store: Store, user_id: int) -> bool:
    return bool(await store.execute("DELETE FROM profiles WHERE user_id = ?", (user_id,)))


def missing_for_drafts(profile: Mapping[str, str]) -> list[str]:
    """Labels of the fields a ready-to-send draft needs but the profile lacks."""
    return [FIELDS[k] for k in ("name", "school", "degree", "aamc_id", "contact_line") if not profile.get(k)]


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
