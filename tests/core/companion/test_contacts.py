"""The relationship tracker: storage, fuzzy program matching, contacted-first, dates, suggestions."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.base import store as store_module
from bot.core.base.store import Store
from bot.core.companion.calendar import ET, load_calendar
from bot.core.companion.contacts import (
    Contact,
    ContactError,
    add_contact,
    applied_for,
    contacted_first_for,
    find_contacts,
    list_contacts,
    parse_when,
    programs_match,
    record_sent,
    remove_contact,
    suggest,
    update_contact,
)
from bot.core.companion.profile import ProfileError, clear_profile, get_profile, update_profile

WEEK = load_calendar(2026)
USER = 31


def et(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=ET)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store(tmp_path / "db.sqlite3").open()
    try:
        yield s
    finally:
        await s.close()


def contact(**kw: object) -> Contact:
    base: dict[str, object] = {
        "id": 1,
        "user_id": USER,
        "program": "Cedar Ridge Family Medicine",
        "person": "Dr. Ana Ibarra",
        "role": "program-director",
        "origin": "program-reached-out",
    }
    base.update(kw)
    return Contact(**base)  # type: ignore[arg-type]


# ----- storage ----------------------------------------------------------------------------------


async def test_add_list_update_remove(store: Store) -> None:
    c = await add_contact(
        store,
        USER,
        program="  Cedar Ridge Family Medicine ",
        person="Dr. Ana Ibarra",
        role="program director",
        origin="the program reached out",
        interview_at=et("2026-03-17T14:00"),
        notes="Asked about rural clinic",
    )
    assert (
        c.role == "program-director"
        and c.origin == "program-reached-out"
        and c.program == "Cedar Ridge Family Medicine"
    )
    assert c.interview_at == et("2026-03-17T14:00")
    other = await add_contact(
        store, USER + 1, program="Mercy IM", person="Maria Lopez", role="coordinator", origin="met-before-soap"
    )
    assert [x.id for x in await list_contacts(store, USER)] == [c.id]
    updated = await update_contact(store, USER, c.id, person="Ana Ibarra", last_received_at=et("2026-03-17T08:30"))
    assert updated.person == "Ana Ibarra" and updated.last_received_at == et("2026-03-17T08:30")
    cleared = await update_contact(store, USER, c.id, clear=("interview_at",))
    assert cleared.interview_at is None
    thanked = await record_sent(store, USER, c.id, "thank-you", at=et("2026-03-17T16:00"))
    assert thanked.thank_you_sent and thanked.last_sent_at == et("2026-03-17T16:00")
    followed = await record_sent(store, USER, c.id, "follow-up", at=et("2026-03-18T16:00"))
    assert followed.follow_ups_sent == 1
    with pytest.raises(ContactError):
        await update_contact(store, USER, other.id, person="x")  # not yours
    assert not await remove_contact(store, USER, other.id)
    assert await remove_contact(store, USER, c.id)
    assert await list_contacts(store, USER) == []


async def test_bad_input_gets_a_clear_message(store: Store) -> None:
    with pytest.raises(ContactError, match="role"):
        await add_contact(store, USER, program="X", person="Y", role="dean", origin="after-soap")
    with pytest.raises(ContactError, match="program"):
        await add_contact(store, USER, program="  ", person="Y", role="resident", origin="after-soap")
    with pytest.raises(ContactError, match="under"):
        await add_contact(store, USER, program="P" * 200, person="Y", role="resident", origin="after-soap")


async def test_contacts_and_profiles_are_covered_by_privacy_delete(store: Store) -> None:
    assert {"contacts", "profiles", "reminders"} <= set(store_module.USER_TABLES)
    await add_contact(store, USER, program="Mercy IM", person="Maria Lopez", role="coordinator", origin="after-soap")
    await update_profile(store, USER, name="Jane Doe")
    counts = await store.user_data_counts(USER)
    assert counts["contacts"] == 1 and counts["profiles"] == 1
    await store.delete_user_data(USER)
    assert await list_contacts(store, USER) == [] and (await get_profile(store, USER))["name"] == ""


# ----- profile ----------------------------------------------------------------------------------


async def test_profile_round_trip_and_validation(store: Store) -> None:
    profile = await update_profile(
        store,
        USER,
        name="Jane Doe",
        aamc_id="1234 5678",
        graduation_year="2026",
        contact_line="jane.doe@example.org | (555) 123-4567",
    )
    assert profile["aamc_id"] == "12345678" and profile["school"] == ""
    assert profile["email"] == "jane.doe@example.org" and profile["phone"] == "(555) 123-4567"
    profile = await update_profile(store, USER, school="Lakeside University", name=None)
    assert profile["name"] == "Jane Doe" and profile["school"] == "Lakeside University"
    assert set(await get_profile(store, USER)) >= {
        "name",
        "school",
        "degree",
        "graduation_year",
        "aamc_id",
        "specialties",
        "contact_line",
    }
    with pytest.raises(ProfileError, match="8 digits"):
        await update_profile(store, USER, aamc_id="1234")
    with pytest.raises(ProfileError, match="full name"):
        await update_profile(store, USER, name="Jane")
    assert await clear_profile(store, USER)
    assert (await get_profile(store, USER))["name"] == ""


# ----- matching and contacted-first -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("cedar ridge", "Cedar Ridge Family Medicine", True),
        ("CEDAR RIDGE FM", "Cedar Ridge Family Medicine Residency", True),
        ("Cedar Rdge Family Medicine", "Cedar Ridge Family Medicine", True),
        ("St. Mary's IM", "Saint Marys Internal Medicine", True),
        ("Cedar Ridge Internal Medicine", "Cedar Ridge Family Medicine", False),
        ("Internal Medicine", "Cedar Ridge Internal Medicine", False),
        ("University of Iowa", "University of Ohio", False),
        ("Lakeview", "Cedar Ridge", False),
    ],
)
def test_programs_match(a: str, b: str, same: bool) -> None:
    assert programs_match(a, b) is same
    assert programs_match(b, a) is same


async def test_contacted_first_for(store: Store) -> None:
    assert await contacted_first_for(store, USER, "Cedar Ridge") == "unknown"
    await add_contact(
        store,
        USER,
        program="Cedar Ridge Family Medicine",
        person="Dr. Ana Ibarra",
        role="program director",
        origin="program-reached-out",
    )
    await add_contact(
        store, USER, program="Mercy Hospital IM", person="Maria Lopez", role="coordinator", origin="met-before-soap"
    )
    late = await add_contact(
        store,
        USER,
        program="Lakeview Pediatrics",
        person="Sam Lee",
        role="resident",
        origin="met-before-soap",
        last_received_at=et("2026-02-10T12:00"),
    )
    assert await contacted_first_for(store, USER, "cedar ridge fm") == "yes"
    assert (
        await contacted_first_for(store, USER, "Mercy IM") == "no"
    )  # met before SOAP: still not contacted by the program
    assert (
        await contacted_first_for(store, USER, "Lakeview Pediatrics") == "no"
    )  # a February message is not SOAP contact
    await update_contact(store, USER, late.id, last_received_at=et("2026-03-17T09:00"))
    assert await contacted_first_for(store, USER, "lakeview peds") == "yes"  # the program wrote during SOAP
    assert await contacted_first_for(store, USER, "Someplace Else") == "unknown"
    assert await contacted_first_for(store, USER + 1, "Cedar Ridge") == "unknown"  # private per student
    # Two people at one program: any program contact opens the conversation with that program.
    await add_contact(
        store, USER, program="Cedar Ridge FM", person="Kim Park", role="resident", origin="met-before-soap"
    )
    assert len(await find_contacts(store, USER, "Cedar Ridge")) == 2
    assert await contacted_first_for(store, USER, "Cedar Ridge") == "yes"


async def test_applied_for_from_the_tracker(store: Store) -> None:
    """The tracker knows a program was never applied to only when the student recorded so."""
    await add_contact(
        store,
        USER,
        program="Greyfield Family Medicine",
        person="Ms. Underhill",
        role="coordinator",
        origin="reached-out-not-applied",
    )
    await add_contact(
        store,
        USER,
        program="Cedar Ridge FM",
        person="Dr. Ana Ibarra",
        role="program director",
        origin="program-reached-out",
    )
    assert await applied_for(store, USER, "greyfield fm") == "no"
    assert await applied_for(store, USER, "Cedar Ridge Family Medicine") == "unknown"
    assert await applied_for(store, USER, "Someplace Else") == "unknown"
    assert await applied_for(store, USER + 1, "Greyfield Family Medicine") == "unknown"  # private per student


# ----- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", "2026-03-18T10:15"),
        ("today 2pm", "2026-03-18T14:00"),
        ("yesterday", "2026-03-17T10:15"),
        ("yesterday 9:30 a.m.", "2026-03-17T09:30"),
        ("tomorrow noon", "2026-03-19T12:00"),
        ("tue 14:30", "2026-03-17T14:30"),
        ("Thursday 9am", "2026-03-19T09:00"),
        ("2026-03-16 10:00", "2026-03-16T10:00"),
        ("2026-03-16", "2026-03-16T12:00"),
        ("3/17 2:30 pm", "2026-03-17T14:30"),
    ],
)
def test_parse_when_reads_eastern_time(text: str, expected: str) -> None:
    assert parse_when(text, et("2026-03-18T10:15")) == et(expected)


def test_parse_when_rejects_nonsense() -> None:
    assert parse_when("", et("2026-03-18T10:15")) is None
    for bad in ("someday", "2026-02-30", "today 25:00", "13pm"):
        with pytest.raises(ContactError):
            parse_when(bad, et("2026-03-18T10:15"))


# ----- suggestions, one per situation ---------------------------------------------------------------

SOAP_TUESDAY = et("2026-03-17T18:00")


def phase(moment: dt.datetime):  # type: ignore[no-untyped-def]
    return WEEK.phase_at(moment)


def test_thank_you_within_a_day_of_the_interview() -> None:
    c = contact(interview_at=et("2026-03-17T14:00"))
    s = suggest(c, phase(SOAP_TUESDAY), SOAP_TUESDAY)
    assert s.key == "thank-you" and s.draft_kind == "thank-you"
    assert "Wednesday, March 18, 2:00 p.m. ET" in s.action and "within a day" in s.why
    # during SOAP a thank-you is optional (a grey area of the rule), never presented as expected
    assert s.action.startswith("Optional") and "skip it" in s.action
    assert "grey area" in s.why and "optional" in s.why and "allowed" not in s.why
    late = suggest(c, phase(et("2026-03-19T22:00")), et("2026-03-19T22:00"))
    assert late.key == "thank-you-late" and "just one" in late.why and "better than none" not in late.why
    # a late thank-you is not pushed while SOAP runs
    wednesday_night = et("2026-03-18T20:00")
    assert suggest(c, phase(wednesday_night), wednesday_night).key == "waiting-for-program"
    # outside SOAP it is an ordinary courtesy
    feb = contact(interview_at=et("2026-02-10T14:00"))
    plain = suggest(feb, phase(et("2026-02-10T16:00")), et("2026-02-10T16:00"))
    assert plain.key == "thank-you" and plain.action.startswith("Send") and "grey area" not in plain.why
    done = suggest(
        contact(interview_at=et("2026-03-17T14:00"), thank_you_sent=True, last_sent_at=et("2026-03-17T15:00")),
        phase(SOAP_TUESDAY),
        SOAP_TUESDAY,
    )
    assert done.key != "thank-you"


def test_prepare_for_an_interview_still_ahead() -> None:
    s = suggest(contact(interview_at=et("2026-03-18T09:00")), phase(SOAP_TUESDAY), SOAP_TUESDAY)
    assert s.key == "prepare" and s.due_at == et("2026-03-18T09:00")


def test_reply_when_the_program_wrote_last() -> None:
    c = contact(last_received_at=et("2026-03-17T08:30"))
    s = suggest(c, phase(SOAP_TUESDAY), SOAP_TUESDAY)
    assert s.key == "reply" and s.draft_kind == "program-director-email" and "replying is allowed" in s.why


def test_one_polite_follow_up_after_a_few_days_without_reply() -> None:
    c = contact(last_received_at=et("2026-02-02T09:00"), last_sent_at=et("2026-02-03T09:00"))
    feb = et("2026-02-04T09:00")
    wait = suggest(c, phase(feb), feb)
    assert wait.key == "wait" and "Friday, February 6" in wait.action
    later = et("2026-02-07T09:00")
    follow = suggest(c, phase(later), later)
    assert follow.key == "follow-up" and follow.draft_kind == "follow-up" and "At most one" in follow.why
    once = suggest(contact(last_sent_at=et("2026-02-03T09:00"), follow_ups_sent=1), phase(later), later)
    assert once.key == "no-more-follow-ups" and once.draft_kind is None


def test_during_soap_a_stalled_thread_gets_one_follow_up_after_most_of_a_day() -> None:
    """Three days would be past the end of SOAP: during SOAP the wait is most of a day."""
    c = contact(last_received_at=et("2026-03-17T09:00"), last_sent_at=et("2026-03-17T10:00"))
    wait = suggest(c, phase(SOAP_TUESDAY), SOAP_TUESDAY)
    assert wait.key == "wait" and wait.due_at == et("2026-03-18T08:00")  # 4 a.m. moved to 8 a.m.
    assert "Wednesday, March 18, 8:00 a.m. ET" in wait.action and "most of a day" in wait.why
    wednesday = et("2026-03-18T09:00")
    follow = suggest(c, phase(wednesday), wednesday)
    assert follow.key == "follow-up" and follow.draft_kind == "follow-up"
    assert "availability" in follow.why and "no new updates" in follow.why
    afternoon = contact(last_received_at=et("2026-03-17T09:00"), last_sent_at=et("2026-03-17T13:00"))
    assert suggest(afternoon, phase(SOAP_TUESDAY), SOAP_TUESDAY).due_at == et("2026-03-18T08:00")
    evening = contact(last_received_at=et("2026-03-17T16:00"), last_sent_at=et("2026-03-17T17:00"))
    assert suggest(evening, phase(SOAP_TUESDAY), SOAP_TUESDAY).due_at == et("2026-03-18T11:00")


def test_never_cold_contact_during_soap() -> None:
    for origin in ("met-before-soap", "after-soap"):
        c = contact(origin=origin, last_sent_at=et("2026-02-01T10:00"))
        for moment in ("2026-03-16T08:00", "2026-03-16T12:00", "2026-03-18T12:00", "2026-03-19T10:00"):
            s = suggest(c, phase(et(moment)), et(moment))
            assert s.key == "no-cold-contact" and s.draft_kind is None, moment
            assert "Thursday, March 19, 9:00 p.m. ET" in s.action and "reply" in s.action
    # the program wrote during SOAP: a reply is fine
    c = contact(origin="met-before-soap", last_received_at=et("2026-03-17T09:00"))
    assert suggest(c, phase(SOAP_TUESDAY), SOAP_TUESDAY).key == "reply"


def test_waiting_for_the_program_during_soap() -> None:
    s = suggest(contact(), phase(SOAP_TUESDAY), SOAP_TUESDAY)
    assert s.key == "waiting-for-program"


def test_reach_out_freely_once_soap_has_ended() -> None:
    evening = et("2026-03-19T21:30")
    s = suggest(contact(origin="after-soap", role="coordinator"), phase(evening), evening)
    assert s.key == "reach-out" and s.draft_kind == "coordinator-email" and "freely" in s.why


def test_stay_in_touch_after_match() -> None:
    april = et("2026-04-02T12:00")
    s = suggest(
        contact(
            interview_at=et("2026-03-17T14:00"),
            thank_you_sent=True,
            last_sent_at=et("2026-03-17T15:00"),
            last_received_at=et("2026-03-17T16:00"),
        ),
        phase(april),
        april,
    )
    assert s.key == "stay-in-touch" and "where you're headed" in s.action


def test_relationship_building_before_match_week() -> None:
    jan = et("2026-01-20T12:00")
    s = suggest(contact(origin="met-before-soap"), phase(jan), jan)
    assert s.key == "relationship" and "Once SOAP begins" in s.action


def test_after_a_thank_you_nothing_more_to_send() -> None:
    c = contact(interview_at=et("2026-03-17T14:00"), thank_you_sent=True, last_sent_at=et("2026-03-17T17:00"))
    later = et("2026-03-18T12:00")
    s = suggest(c, phase(later), later)
    assert s.key == "thanked" and s.draft_kind is None
    assert (
        "During SOAP"
        not in suggest(
            contact(interview_at=et("2026-02-10T14:00")), phase(et("2026-02-10T16:00")), et("2026-02-10T16:00")
        ).why
    )


# ----- contact the program should not have made -----------------------------------------------


def test_a_message_counts_as_the_program_writing_first_only_once_programs_may_contact() -> None:
    tuesday_morning = et("2026-03-17T09:00")
    ok = contact(origin="met-before-soap", last_received_at=tuesday_morning)
    assert ok.contacted_first == "yes" and ok.rule_problem is None
    # Monday afternoon, after SOAP began but before programs may contact applicants: a violation.
    early = contact(origin="met-before-soap", last_received_at=et("2026-03-16T15:00"))
    assert early.contacted_first == "no" and early.rule_problem == "early"
    step = suggest(early, WEEK.phase_at(tuesday_morning), now=tuesday_morning)
    assert step.key == "report-early" and "NRMP" in step.action + step.why
    # Monday before SOAP began is ordinary relationship building, not permission to reply in SOAP.
    before = contact(origin="met-before-soap", last_received_at=et("2026-03-16T08:00"))
    assert before.contacted_first == "no" and before.rule_problem is None


def test_a_program_never_applied_to_is_reported_not_answered() -> None:
    tuesday = et("2026-03-17T11:00")
    stray = contact(origin="reached-out-not-applied", last_received_at=tuesday)
    assert stray.contacted_first == "no" and stray.rule_problem == "not-applied"
    step = suggest(stray, WEEK.phase_at(tuesday), now=tuesday)
    assert step.key == "report-not-applied" and step.draft_kind is None
    assert "Don't reply" in step.action and "apply through ERAS first" in step.why
