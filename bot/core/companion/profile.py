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

from bot.core.base.store import Store
from bot.core.base.text import normalize

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
