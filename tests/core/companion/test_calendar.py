"""The Match Week calendar: data files, phases at every boundary, DST, overrides, "today"/"tomorrow"."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from bot.core.base.guild_config import GuildConfigs
from bot.core.base.store import Store
from bot.core.companion import calendar
from bot.core.companion.calendar import (
    ET,
    MILESTONE_IDS,
    CalendarError,
    available_years,
    clear_calendar_overrides,
    current_phase,
    default_year,
    format_et,
    guild_phase,
    guild_week,
    load_calendar,
    parse_override_time,
    relative_day_note,
    set_calendar_override,
    stated_moment_note,
)

UTC = dt.UTC


def et(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=ET)


# ----- the data ---------------------------------------------------------------------------------

EXPECTED = {
    # year: (Monday, Thursday, Friday) of Match Week, from the sources in knowledge/calendar/
    2024: ("2024-03-11", "2024-03-14", "2024-03-15"),
    2025: ("2025-03-17", "2025-03-20", "2025-03-21"),
    2026: ("2026-03-16", "2026-03-19", "2026-03-20"),
}


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_confirmed_years_match_the_fact_base(year: int) -> None:
    week = load_calendar(year)
    monday, thursday, friday = EXPECTED[year]
    assert week.confirmed and week.notices == []
    assert tuple(m.id for m in week.milestones) == MILESTONE_IDS
    times = {m.id: m.at.replace(tzinfo=None).isoformat(timespec="minutes") for m in week.milestones}
    assert times["match-status"] == f"{monday}T10:00"
    assert times["eras-opens"] == f"{monday}T11:00"
    tuesday = (dt.date.fromisoformat(monday) + dt.timedelta(days=1)).isoformat()
    assert times["programs-contact"] == f"{tuesday}T08:00"
    assert [times[f"round-{n}"] for n in (1, 2, 3, 4)] == [
        f"{thursday}T09:00",
        f"{thursday}T12:00",
        f"{thursday}T15:00",
        f"{thursday}T18:00",
    ]
    assert all(
        week.milestone(f"round-{n}").ends_at - week.milestone(f"round-{n}").at == dt.timedelta(hours=2)
        for n in (1, 2, 3, 4)
    )
    assert times["soap-ends"] == f"{thursday}T21:00"
    assert times["match-day"] == f"{friday}T12:00"
    assert all(m.source for m in week.milestones)
    assert "third-party" in week.milestone("round-4").note


def test_every_calendar_file_is_valid_and_sourced() -> None:
    directory = calendar.calendar_dir()
    years = available_years()
    assert {2024, 2025, 2026, 2027} <= set(years)
    for path in directory.glob("20*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert all(m.get("source") for m in data["milestone"]), path.name
        load_calendar(int(path.stem))  # validates order and ids


def test_an_unconfirmed_year_says_so_everywhere() -> None:
    week = load_calendar(2027)
    assert not week.confirmed
    assert any("not confirmed" in n for n in week.notices)
    phase = week.phase_at(et("2027-03-16T09:00"))
    assert not phase.confirmed and "not confirmed" in phase.can_now
    data = week.to_json(et("2027-03-16T09:00"))
    assert data["confirmed"] is False and data["phase"]["confirmed"] is False and data["notices"]


def test_a_year_without_a_file_is_estimated_from_the_third_friday() -> None:
    week = load_calendar(2031)
    assert not week.confirmed and week.estimated_from == 2026
    assert week.match_day.date() == dt.date(2031, 3, 21)  # the third Friday of March 2031
    assert week.soap_begins.date() == dt.date(2031, 3, 17) and week.soap_begins.hour == 10
    assert all(m.source.startswith("Estimate") for m in week.milestones)


def test_a_bad_file_is_rejected_with_a_clear_message(tmp_path: Path) -> None:
    good = (calendar.calendar_dir() / "2026.toml").read_text(encoding="utf-8")
    bad = tmp_path / "2026.toml"
    bad.write_text(
        good.replace(
            'source = "AAMC “ERAS Program SOAP Information” — https://students-residents.aamc.org/applying-residency/article/soap/ (same structure since 2023)"\n',
            "",
        ),
        encoding="utf-8",
    )
    with pytest.raises(CalendarError, match="source"):
        calendar._load_file(bad)
    swapped = tmp_path / "sub" / "2026.toml"
    swapped.parent.mkdir()
    swapped.write_text(good.replace("at = 2026-03-17T08:00:00", "at = 2026-03-19T23:00:00"), encoding="utf-8")
    with pytest.raises(CalendarError, match="comes before|ends after"):
        calendar._load_file(swapped)


# ----- phases at every boundary ---------------------------------------------------------------------

BOUNDARIES = [
    # (instant just before, instant at, phase before, phase at)
    ("2026-03-15T23:59:59", "2026-03-16T00:00", "before-match-week", "match-week-before-soap"),
    ("2026-03-16T09:59:59", "2026-03-16T10:00", "match-week-before-soap", "soap-applications"),
    ("2026-03-17T07:59:59", "2026-03-17T08:00", "soap-applications", "soap-interviews"),
    ("2026-03-19T08:59:59", "2026-03-19T09:00", "soap-interviews", "soap-offers"),
    ("2026-03-19T20:59:59", "2026-03-19T21:00", "soap-offers", "after-soap"),
    ("2026-03-20T11:59:59", "2026-03-20T12:00", "after-soap", "after-match-day"),
]


@pytest.mark.parametrize(("before", "at", "phase_before", "phase_at"), BOUNDARIES)
def test_phase_changes_exactly_at_each_boundary(before: str, at: str, phase_before: str, phase_at: str) -> None:
    week = load_calendar(2026)
    assert week.phase_at(et(before)).id == phase_before
    assert week.phase_at(et(at)).id == phase_at


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-02-01T12:00", "before-soap"),  # before Match Week: relationship building, the rule ahead
        ("2026-03-16T08:00", "during-soap"),  # Monday morning: the rule is about to apply
        ("2026-03-16T10:00", "during-soap"),
        ("2026-03-18T15:00", "during-soap"),
        ("2026-03-19T20:59", "during-soap"),
        ("2026-03-19T21:00", "after-soap"),
        ("2026-03-25T12:00", "after-soap"),
    ],
)
def test_critique_phase_follows_the_contact_rule(moment: str, expected: str) -> None:
    assert load_calendar(2026).phase_at(et(moment)).critique_phase == expected


def test_offer_day_labels_name_the_round() -> None:
    week = load_calendar(2026)
    assert "round 1 is open until 11:00 a.m. ET" in week.phase_at(et("2026-03-19T10:59")).label
    assert "round 2 starts 12:00 noon ET" in week.phase_at(et("2026-03-19T11:00")).label
    assert "round 4 is open" in week.phase_at(et("2026-03-19T18:00")).label
    assert "over" in week.phase_at(et("2026-03-19T20:00")).label
    assert week.current_milestone(et("2026-03-19T13:00")).id == "round-2"  # type: ignore[union-attr]
    assert week.next_milestone(et("2026-03-19T13:00")).id == "round-3"  # type: ignore[union-attr]
    assert week.next_milestone(et("2026-03-21T00:00")) is None


def test_can_now_lines_say_what_is_allowed() -> None:
    week = load_calendar(2026)
    monday = week.phase_at(et("2026-03-16T12:00")).can_now
    assert "cannot contact you" in monday and "Tuesday, March 17, 8:00 a.m. ET" in monday
    tuesday = week.phase_at(et("2026-03-17T12:00")).can_now
    assert "Do not start contact" in tuesday and "Thursday, March 19, 9:00 p.m. ET" in tuesday
    after = week.phase_at(et("2026-03-19T22:00")).can_now
    assert "freely" in after


# ----- time zones and daylight-saving time ---------------------------------------------------------


def test_eastern_times_become_the_right_utc_instants_after_the_dst_switch() -> None:
    # US DST began 10 March 2024, 9 March 2025, 8 March 2026, 14 March 2027: Match Week is EDT (UTC-4).
    for year in (2024, 2025, 2026, 2027):
        begins = load_calendar(year).soap_begins
        assert begins.utcoffset() == dt.timedelta(hours=-4)
        assert begins.astimezone(UTC).hour == 14
    assert load_calendar(2026).milestone("match-status").unix == int(
        dt.datetime(2026, 3, 16, 14, tzinfo=UTC).timestamp()
    )


def test_a_week_moved_before_the_dst_switch_uses_standard_time() -> None:
    # An advisor moves 2027 a week earlier, before DST starts on 14 March 2027: EST (UTC-5).
    week = load_calendar(2027, {"2027:monday": "2027-03-08"})
    assert week.soap_begins.utcoffset() == dt.timedelta(hours=-5)
    assert week.soap_begins.astimezone(UTC).hour == 15  # 10:00 EST
    assert week.soap_begins.hour == 10 and week.match_day.hour == 12  # wall-clock times kept
    # A week straddling the switch: Monday in EST, Friday in EDT.
    straddle = load_calendar(2027, {"2027:monday": "2027-03-08", "2027:match-day": "2027-03-14 12:00"})
    assert straddle.soap_begins.utcoffset() == dt.timedelta(hours=-5)
    assert straddle.match_day.utcoffset() == dt.timedelta(hours=-4)
    # Phases follow the true instants on both sides of the switch.
    assert straddle.phase_at(dt.datetime(2027, 3, 8, 14, 59, tzinfo=UTC)).id == "match-week-before-soap"
    assert straddle.phase_at(dt.datetime(2027, 3, 8, 15, 0, tzinfo=UTC)).id == "soap-applications"
    assert straddle.phase_at(dt.datetime(2027, 3, 14, 15, 59, tzinfo=UTC)).id == "after-soap"
    assert straddle.phase_at(dt.datetime(2027, 3, 14, 16, 0, tzinfo=UTC)).id == "after-match-day"


def test_phase_at_accepts_any_time_zone() -> None:
    week = load_calendar(2026)
    pacific = dt.timezone(dt.timedelta(hours=-7))
    assert week.phase_at(dt.datetime(2026, 3, 17, 4, 59, tzinfo=pacific)).id == "soap-applications"
    assert week.phase_at(dt.datetime(2026, 3, 17, 5, 0, tzinfo=pacific)).id == "soap-interviews"


def test_format_et_names_eastern_time() -> None:
    assert format_et(dt.datetime(2026, 3, 19, 1, 0, tzinfo=UTC)) == "Wednesday, March 18, 9:00 p.m. ET"
    assert format_et(et("2026-03-20T12:00"), date=False) == "12:00 noon ET"


# ----- which year ---------------------------------------------------------------------------------


def test_the_default_year_moves_on_two_months_after_match_day() -> None:
    assert default_year(et("2026-01-10T12:00")) == 2026
    assert default_year(et("2026-04-30T12:00")) == 2026
    assert default_year(et("2026-06-01T12:00")) == 2027
    phase = current_phase(et("2026-11-26T18:00"))
    assert phase.year == 2027 and phase.id == "before-match-week" and not phase.confirmed
    assert current_phase(et("2026-03-18T12:00")).id == "soap-interviews"


# ----- advisor overrides --------------------------------------------------------------------------


def test_overrides_move_one_milestone_and_mark_it() -> None:
    week = load_calendar(2027, {"2027:round-1": "2027-03-18 09:30", "2026:round-1": "2026-03-19 10:00"})
    r1 = week.milestone("round-1")
    assert r1.at == et("2027-03-18T09:30") and r1.ends_at == et("2027-03-18T11:30") and r1.overridden
    assert "advisors" in r1.source and any("advisors" in n for n in week.notices)
    assert not week.milestone("round-2").overridden


def test_invalid_stored_overrides_are_ignored_not_fatal() -> None:
    week = load_calendar(2026, {"2026:programs-contact": "2026-03-20 08:00"})  # after the rounds
    assert week.milestone("programs-contact").at == et("2026-03-17T08:00")
    assert load_calendar(2026, {"2026:nonsense": "x"}).overridden == ()


def test_parse_override_time() -> None:
    assert parse_override_time("2027-03-15 10:00") == et("2027-03-15T10:00")
    assert parse_override_time("2027-03-18 6:00 pm ET") == et("2027-03-18T18:00")
    with pytest.raises(CalendarError):
        parse_override_time("next monday")


async def test_set_calendar_override_validates_saves_and_clears(tmp_path: Path) -> None:
    store = await Store(tmp_path / "db.sqlite3").open()
    try:
        configs = GuildConfigs(store)
        week = await set_calendar_override(configs, 77, 2027, "monday", "2027-03-22", updated_by=5)
        assert week.soap_begins == et("2027-03-22T10:00")
        week = await set_calendar_override(configs, 77, 2027, "soap-ends", "2027-03-25 8:00 pm")
        assert week.soap_ends == et("2027-03-25T20:00")
        with pytest.raises(CalendarError, match="Monday"):
            await set_calendar_override(configs, 77, 2027, "monday", "2027-03-23")
        with pytest.raises(CalendarError):
            await set_calendar_override(configs, 77, 2027, "programs-contact", "2027-03-26 08:00")
        with pytest.raises(CalendarError, match="Unknown"):
            await set_calendar_override(configs, 77, 2027, "lunch", "2027-03-22 12:00")
        config = await configs.get(77)
        assert config is not None and config.calendar_overrides == {
            "2027:monday": "2027-03-22",
            "2027:soap-ends": "2027-03-25 20:00",
        }
        seen = await guild_week(configs, 77, 2027)
        assert seen.soap_ends == et("2027-03-25T20:00")
        assert (await guild_week(configs, 78, 2027)).soap_ends == et("2027-03-18T21:00")  # other servers unaffected
        assert (await guild_phase(configs, 77, et("2027-03-19T12:00"))).id == "before-match-week"
        assert (await guild_phase(configs, 78, et("2027-03-19T12:00"))).id == "after-match-day"
        week = await set_calendar_override(configs, 77, 2027, "soap-ends", None)
        assert week.soap_ends == et("2027-03-25T21:00")
        assert await clear_calendar_overrides(configs, 77, 2027) == 1
        assert (await configs.get(77)).calendar_overrides == {}  # type: ignore[union-attr]
    finally:
        await store.close()


# ----- today and tomorrow ---------------------------------------------------------------------------


def test_relative_day_note_for_tomorrow_lists_the_offer_rounds() -> None:
    note = relative_day_note("What happens tomorrow?", et("2026-03-18T11:00"))
    assert note is not None
    assert "Thursday, March 19" in note and "Offer round 1" in note and "9:00 p.m. ET" in note
    assert "SOAP: programs may contact and interview you" in note


def test_relative_day_note_for_today_and_for_other_questions() -> None:
    note = relative_day_note("Can programs call me today?", et("2026-03-16T12:00"))
    assert note is not None and "cannot contact you" in note and "MyERAS opens" in note
    assert relative_day_note("How many programs can I apply to?", et("2026-03-16T12:00")) is None
    quiet = relative_day_note("what should I do today", et("2026-07-01T12:00"))
    assert quiet is not None and "Before Match Week 2027" in quiet and "scheduled" not in quiet


# ----- /ask knows what day it is ------------------------------------------------------------------------


async def test_ask_about_tomorrow_uses_the_calendar(services) -> None:  # type: ignore[no-untyped-def]
    wednesday = et("2026-03-18T11:00")
    answer = await services.answerer.ask("What happens tomorrow?", now=wednesday)
    assert "Tomorrow (Thursday, March 19)" in answer.text and "Offer round 1" in answer.text
    assert answer.kind in ("calendar", "answer")


#: The direct answers of the two sections that state the contact rule.
RULE_OPENINGS = (
    "You may not contact a program first",
    "Neither you nor anyone acting for you may contact a program",
    "No: until a program has contacted you, you and anyone acting for you may not contact it",
)


async def test_ask_about_today_leads_with_the_answer_then_the_day(services) -> None:  # type: ignore[no-untyped-def]
    tuesday = et("2026-03-17T09:00")
    answer = await services.answerer.ask("Can I email a program director today to express interest?", now=tuesday)
    assert answer.text.startswith(RULE_OPENINGS)
    assert "\n\nNow: Tuesday, March 17, 9:00 a.m. ET — SOAP: programs may contact" in answer.text
    assert answer.citations and answer.kind == "answer"
    # far from Match Week (the server moved it a week later), a story set "today" needs no calendar
    overridden = await services.answerer.ask(
        "Can I email a program director today?", now=tuesday, calendar_overrides={"2026:monday": "2026-03-23"}
    )
    assert overridden.text.startswith(RULE_OPENINGS) and "Now:" not in overridden.text


async def test_the_calendar_leads_only_when_the_question_asks_when(services) -> None:  # type: ignore[no-untyped-def]
    december = et("2026-12-04T12:00")
    when = await services.answerer.ask("When is Match Week in 2027?", now=december)
    assert when.text.startswith("Match Week 2027 runs Monday, March 15")
    story = await services.answerer.ask(
        "It's 12:40 on Thursday of Match Week 2027 and round 2 is running. Can I submit an application now?",
        now=december,
    )
    assert not story.text.startswith(("Match Week 2027", "Now:")), story.text[:200]
    # a short clause of context before the question still lets the calendar lead
    for question, local in (
        ("I'm in Denver, when is round 1?", "7:00 a.m. MDT"),
        ("im in LA so when do offers come out", "6:00 a.m. PDT"),
    ):
        lead = (await services.answerer.ask(question, now=december)).text.split("\n\n")[0]
        assert lead.startswith("Offer round 1 in 2027") and local in lead, lead
    # a closing question that asks for a clock time lets the calendar lead after any story
    tucson = await services.answerer.ask(
        "I live in Tucson. Given that Arizona does not observe daylight saving time, at what local time will "
        "the List of Unfilled Programs become visible on Monday?",
        now=december,
    )
    assert tucson.text.startswith("SOAP begins") and "7:00 a.m. MST" in tucson.text.split("\n\n")[0]
    # a longer story before "when" is a story: the direct answer leads
    long_story = await services.answerer.ask(
        "I got an offer from a prelim program in round 1 and I'm still waiting on a categorical, when do I decide?",
        now=december,
    )
    assert not long_story.text.startswith("Offer round"), long_story.text[:200]


def test_years_before_the_calendar_are_not_projected_backwards() -> None:
    import pytest

    from bot.core.companion.calendar import CalendarError, load_calendar

    with pytest.raises(CalendarError, match="I don't have the 2020 Match Week schedule"):
        load_calendar(2020)


# ----- a moment the question names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        # between rounds 3 and 4, in 24-hour time
        ("Thursday 17:30 ET. Which round is open right now?", ["5:30 p.m. ET", "round 4 starts 6:00 p.m."], []),
        # in words, with two rounds ahead
        (
            "It's Thursday, 2:20 in the afternoon. How many rounds are still ahead of me?",
            ["2:20 p.m. ET", "3:00 p.m. ET Offer round 3", "6:00 p.m. ET Offer round 4"],
            ["12:00 noon ET Offer round 2"],
        ),
        # just after a round closed
        (
            "its thursday 8:05pm and i just saw a round 4 offer. how long do i have",
            ["Offer round 4 closed at 8:00 p.m. ET", "expired"],
            [],
        ),
        # before programs may call
        ("tue 0700, can programs call me yet or is it still too early?", ["programs cannot contact you yet"], []),
    ],
)
def test_a_moment_named_in_the_question_says_where_the_week_stands(
    question: str, expected: list[str], not_expected: list[str]
) -> None:
    note = stated_moment_note(question, et("2026-12-06T10:00"))
    assert note is not None
    assert all(text in note for text in expected), note
    assert not any(text in note for text in not_expected), note


@pytest.mark.parametrize(
    "question",
    [
        "Thursday 17:30 ET was when my interview ended; should I send a thank-you?",  # asks nothing about then
        "Is round 2 on Thursday 2 or 3 weeks from now?",  # a bare number is not a time
        "Were there still four rounds on Thursday 2023?",  # a year, not 8:23 p.m.
        "When do offers start on Thursday?",  # no moment named
    ],
)
def test_no_moment_note_without_a_moment_asked_about(question: str) -> None:
    assert stated_moment_note(question, et("2026-12-06T10:00")) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("round 2 just closed and nothing came, what's still left today?", ["two more offer rounds", "3:00 p.m."]),
        ("r4 is over for me, anything left tonight?", ["Offer round 4 closed at 8:00 p.m. ET", "SOAP ends"]),
    ],
)
def test_a_round_said_to_have_closed_places_the_question_at_its_end(question: str, expected: list[str]) -> None:
    note = stated_moment_note(question, et("2026-12-06T10:00"))
    assert note is not None and all(text in note for text in expected), note
