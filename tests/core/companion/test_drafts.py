"""Drafts from profile and contact record, and the critique defaults that come from the calendar and tracker."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.base.store import Store
from bot.core.companion.calendar import ET, load_calendar
from bot.core.companion.contacts import add_contact, contacted_first_for
from bot.core.companion.drafts import introduction, make_draft, name_parts, salutation
from bot.core.companion.profile import get_profile, update_profile
from bot.core.critique import KINDS, DraftError, check_draft
from tests.fakes import FakeLLM

USER = 7
WEEK = load_calendar(2026)
TUESDAY = dt.datetime(2026, 3, 17, 16, 0, tzinfo=ET)  # SOAP, after a 2 p.m. interview
FRIDAY_EVE = dt.datetime(2026, 3, 19, 22, 0, tzinfo=ET)  # SOAP has ended
PROFILE = {
    "name": "Jane Doe",
    "school": "Lakeside University School of Medicine",
    "degree": "MD",
    "graduation_year": "2026",
    "aamc_id": "12345678",
    "specialties": "Family Medicine",
    "contact_line": "jane.doe@example.org | 555-123-4567",
}
#: Who each kind goes to at a program that reached out.
RECIPIENTS = {
    "coordinator-email": ("Mercy Hospital Internal Medicine", "Maria Lopez", "coordinator"),
    "program-director-email": ("Cedar Ridge Family Medicine", "Dr. Ana Ibarra", "program director"),
    "resident-message": ("Riverside Pediatrics", "Sam Okafor", "resident"),
    "thank-you": ("Cedar Ridge Family Medicine", "Dr. Ana Ibarra", "program director"),
    "follow-up": ("Cedar Ridge Family Medicine", "Dr. Ana Ibarra", "program director"),
}


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store(tmp_path / "db.sqlite3").open()
    await update_profile(s, USER, **PROFILE)
    await add_contact(
        s,
        USER,
        program="Cedar Ridge Family Medicine",
        person="Dr. Ana Ibarra",
        role="program director",
        origin="program-reached-out",
        interview_at=dt.datetime(2026, 3, 17, 14, 0, tzinfo=ET),
        last_received_at=dt.datetime(2026, 3, 17, 8, 30, tzinfo=ET),
    )
    await add_contact(
        s,
        USER,
        program="Mercy Hospital Internal Medicine",
        person="Maria Lopez",
        role="coordinator",
        origin="program-reached-out",
    )
    await add_contact(
        s, USER, program="Riverside Pediatrics", person="Sam Okafor", role="resident", origin="program-reached-out"
    )
    await add_contact(
        s,
        USER,
        program="Lakeview Family Medicine",
        person="Dr. Chris Hale",
        role="program director",
        origin="met-before-soap",
    )
    try:
        yield s
    finally:
        await s.close()


def flagged(
    text: str, kind: str, contacted_first: str, phase: str, profile: dict[str, str]
) -> list[tuple[str, str, str]]:
    result = check_draft(text, kind, contacted_first, phase, profile)
    return [(f.check, f.severity, f.evidence) for f in result.findings if f.flagged]


@pytest.mark.parametrize("kind", KINDS)
async def test_drafts_to_a_program_that_reached_out_pass_the_critique(store: Store, kind: str) -> None:
    program, person, _ = RECIPIENTS[kind]
    result = await make_draft(store, USER, kind, program.split()[0], person, phase=WEEK.phase_at(TUESDAY), now=TUESDAY)
    assert result.framing == "reply" and result.contacted_first == "yes" and result.phase == "during-soap"
    assert result.warning is None and result.missing_profile == [] and result.mode == "template"
    assert result.program == program  # the contact record's spelling
    assert "[" not in result.text and "Jane Doe" in result.text
    profile = await get_profile(store, USER)
    assert flagged(result.text, kind, result.contacted_first, result.phase, profile) == []


async def test_a_thank_you_the_same_day_as_the_interview(store: Store) -> None:
    result = await make_draft(store, USER, "thank-you", "cedar ridge", phase=WEEK.phase_at(TUESDAY), now=TUESDAY)
    assert "Dear Dr. Ibarra," in result.text and "speaking with me today" in result.text
    assert "Cedar Ridge Family Medicine" in result.text
    assert "AAMC ID" not in result.text  # not needed in a thank-you
    assert flagged(result.text, "thank-you", "yes", "during-soap", await get_profile(store, USER)) == []
    next_day = await make_draft(
        store, USER, "thank-you", "cedar ridge", phase=WEEK.phase_at(TUESDAY), now=TUESDAY + dt.timedelta(hours=20)
    )
    assert "speaking with me yesterday" in next_day.text
    # during SOAP the thank-you is optional and a grey area: the draft says so
    assert "optional" in result.tips[0] and "grey area" in result.tips[0]


@pytest.mark.parametrize("kind", KINDS)
async def test_after_soap_outreach_drafts_pass_the_critique(store: Store, kind: str) -> None:
    phase = WEEK.phase_at(FRIDAY_EVE)
    result = await make_draft(
        store, USER, kind, "Northfield Medical Center", "Dr. Robin Vale", phase=phase, now=FRIDAY_EVE
    )
    assert result.contacted_first == "unknown" and result.phase == "after-soap"
    if kind == "thank-you":
        assert result.framing == "outreach"
    assert result.warning is None
    assert flagged(result.text, kind, "unknown", "after-soap", await get_profile(store, USER)) == []


async def test_during_soap_without_program_contact_the_draft_carries_a_warning(store: Store) -> None:
    phase = WEEK.phase_at(TUESDAY)
    result = await make_draft(store, USER, "program-director-email", "Lakeview", phase=phase, now=TUESDAY)
    assert result.contacted_first == "no" and result.framing == "reply"
    assert result.warning and "may not start contact with Lakeview Family Medicine" in result.warning
    unknown = await make_draft(store, USER, "coordinator-email", "Unknown Program", "Pat Kim", phase=phase, now=TUESDAY)
    assert unknown.contacted_first == "unknown" and unknown.warning


async def test_missing_profile_fields_are_named_and_left_as_slots(tmp_path: Path) -> None:
    store = await Store(tmp_path / "empty.sqlite3").open()
    try:
        result = await make_draft(
            store, 99, "coordinator-email", "Mercy IM", "Maria Lopez", phase=WEEK.phase_at(TUESDAY), now=TUESDAY
        )
        assert "Full name" in result.missing_profile and "AAMC ID" in result.missing_profile
        assert "[Your full name]" in result.text
        checks = {f[0] for f in flagged(result.text, "coordinator-email", "unknown", "during-soap", {})}
        assert "placeholder" in checks
        with pytest.raises(DraftError):
            await make_draft(store, 99, "love-letter", "Mercy IM", phase=WEEK.phase_at(TUESDAY))
        with pytest.raises(DraftError):
            await make_draft(store, 99, "thank-you", "   ", phase=WEEK.phase_at(TUESDAY))
    finally:
        await store.close()


# ----- contact-rule defaults from the calendar and the tracker -------------------------------------

COLD = (
    "Subject: Interest in your Family Medicine program – Jane Doe\n\nDear Dr. Hale,\n\n"
    "I am writing to express my strong interest in your program. I am Jane Doe, a fourth-year MD student at "
    "Lakeside University School of Medicine, and I would be grateful if you could review my application.\n\n"
    "Sincerely,\nJane Doe\nAAMC ID 12345678\njane.doe@example.org"
)
REPLY = (
    "Subject: Re: Interview – Cedar Ridge Family Medicine (Jane Doe, AAMC ID 12345678)\n\nDear Dr. Ibarra,\n\n"
    "Thank you for reaching out about an interview with Cedar Ridge Family Medicine. I would be glad to take "
    "the 3 p.m. slot you offered.\n\nSincerely,\nJane Doe\nAAMC ID 12345678\njane.doe@example.org"
)


async def _contact_rule(store: Store, text: str, program: str, moment: dt.datetime) -> list[str]:
    """The contact-rule findings with the defaults a front end derives: phase from the calendar,
    contacted-first from the tracker."""
    phase = WEEK.phase_at(moment).critique_phase
    contacted = await contacted_first_for(store, USER, program)
    result = check_draft(text, "program-director-email", contacted, phase, await get_profile(store, USER))
    return [f.severity for f in result.findings if f.check == "contact-rule"]


async def test_contact_rule_defaults_from_phase_and_contact_record(store: Store) -> None:
    # During SOAP, a program the student met before SOAP has not contacted them: cold outreach is an error.
    assert await _contact_rule(store, COLD, "Lakeview FM", TUESDAY) == ["error"]
    # The same draft with no record at all: still flagged (the text reads as first contact).
    assert "warning" in await _contact_rule(store, COLD, "Nowhere General", TUESDAY) or "error" in await _contact_rule(
        store, COLD, "Nowhere General", TUESDAY
    )
    # A reply to a program that reached out passes during SOAP.
    assert await _contact_rule(store, REPLY, "Cedar Ridge", TUESDAY) == []
    # Once SOAP has ended, contact is free: no contact-rule finding even for the cold draft.
    assert await _contact_rule(store, COLD, "Lakeview FM", FRIDAY_EVE) == []
    # Before Match Week, contact is ordinary relationship building: a letter of interest hears when
    # the rule will apply (a tip); one that speaks of SOAP gets a warning, never an error.
    february = dt.datetime(2026, 2, 10, 12, tzinfo=ET)
    assert await _contact_rule(store, COLD, "Lakeview FM", february) == ["info"]
    soap_bound = COLD.replace("review my application.", "review my application if I end up in SOAP.")
    assert await _contact_rule(store, soap_bound, "Lakeview FM", february) == ["warning"]
    # Monday morning of Match Week, before SOAP opens, the strict rule already applies.
    assert await _contact_rule(store, COLD, "Lakeview FM", dt.datetime(2026, 3, 16, 8, tzinfo=ET)) == ["error"]


# ----- the LLM path ------------------------------------------------------------------------------------


async def test_an_llm_draft_is_used_when_it_passes_the_rules(store: Store) -> None:
    good = REPLY
    llm = FakeLLM(good)
    result = await make_draft(
        store, USER, "program-director-email", "Cedar Ridge", phase=WEEK.phase_at(TUESDAY), llm=llm, now=TUESDAY
    )
    assert result.mode == "llm" and result.text == good
    [call] = llm.calls
    user_prompt = call["messages"][-1]["content"]
    assert "<profile>" in user_prompt and "12345678" in user_prompt and "Dr. Ana Ibarra" in user_prompt
    assert call["purpose"] == "draft"


async def test_an_llm_draft_that_breaks_the_contact_rule_is_withheld(store: Store) -> None:
    llm = FakeLLM(COLD)
    result = await make_draft(
        store, USER, "program-director-email", "Lakeview", phase=WEEK.phase_at(TUESDAY), llm=llm, now=TUESDAY
    )
    assert result.mode == "template" and "did not pass" in (result.notice or "")
    assert "express my strong interest" not in result.text


async def test_an_llm_failure_falls_back_to_the_template_with_a_notice(store: Store) -> None:
    llm = FakeLLM("unused").fail_with("timeout")
    result = await make_draft(
        store, USER, "thank-you", "Cedar Ridge", phase=WEEK.phase_at(TUESDAY), llm=llm, now=TUESDAY
    )
    assert result.mode == "template" and "took too long" in (result.notice or "")


# ----- wording helpers -----------------------------------------------------------------------------------


def test_names_and_introductions() -> None:
    assert name_parts("Dr. Ana Ibarra, MD") == ("Dr.", "Ibarra")
    assert salutation("Ana Ibarra", "program-director") == "Dr. Ibarra"
    assert salutation("Maria Lopez", "coordinator") == "Maria Lopez"
    assert salutation("Ms. Maria Lopez", "coordinator") == "Ms. Lopez"
    today = dt.date(2026, 11, 26)
    assert introduction(PROFILE, today) == "an MD graduate of Lakeside University School of Medicine (Class of 2026)"
    assert (
        introduction({**PROFILE, "graduation_year": "2027"}, today)
        == "a fourth-year MD student at Lakeside University School of Medicine"
    )
    assert introduction({**PROFILE, "degree": "DO", "graduation_year": "2027"}, today).startswith(
        "a fourth-year DO student"
    )
    assert introduction({**PROFILE, "degree": "fourth-year medical student"}, today) == (
        "a fourth-year medical student at Lakeside University School of Medicine"
    )
