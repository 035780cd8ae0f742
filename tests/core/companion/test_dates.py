"""'When' questions are answered from the calendar of the year asked about, estimated until NRMP
publishes it."""

from __future__ import annotations

import datetime as dt

from bot.core.base.time_zones import named_us_zone
from bot.core.companion.calendar import ET, load_calendar
from bot.core.companion.dates import date_answer

DECEMBER_2026 = dt.datetime(2026, 12, 4, 12, tzinfo=ET)


def test_next_years_dates_are_labelled_estimated() -> None:
    text = date_answer("What date does SOAP start in 2027?", DECEMBER_2026)
    assert text is not None and "Monday, March 15" in text and "2027" in text
    assert "estimated" in text and "nrmp.org" in text


def test_the_coming_match_week_is_the_default_year() -> None:
    text = date_answer("when is match week?", DECEMBER_2026)
    assert text is not None and "Match Week 2027" in text and "estimated" in text


def test_a_published_year_marks_only_the_times_nrmp_did_not_confirm() -> None:
    ends = date_answer("what time does soap end in 2026?", DECEMBER_2026)
    assert ends is not None and "Thursday, March 19, 9:00 p.m. ET" in ends and "expected" in ends
    day = date_answer("when is match day 2026", DECEMBER_2026)
    assert day is not None and "Friday, March 20" in day and "expected" not in day
    week = load_calendar(2026)
    assert week.confirmed and not week.milestone("soap-ends").confirmed and week.milestone("match-day").confirmed


def test_a_server_override_moves_the_answer() -> None:
    text = date_answer("when does soap start in 2027?", DECEMBER_2026, {"2027:monday": "2027-03-22"})
    assert text is not None and "Monday, March 22" in text


def test_questions_that_are_not_about_when_get_no_date() -> None:
    assert date_answer("Can I email a program during SOAP?", DECEMBER_2026) is None
    assert date_answer("what should I wear to my interview?", DECEMBER_2026) is None


def test_when_that_tells_the_time_of_something_else_asks_for_no_date() -> None:
    # "when" as "at the time that": the student asks what to say or do, not for a date
    assert date_answer("When they ask why I didn't match, can I say EM got oversaturated?", DECEMBER_2026) is None
    assert date_answer("Can I update my CV in SOAP, or tell programs when they interview me?", DECEMBER_2026) is None
    assert date_answer("A program called when I was driving during SOAP, should I call back?", DECEMBER_2026) is None
    # ... while every way of asking "when" still gets the calendar
    for asked in ("soap ends when?", "do you know when round 1 opens", "When the LUP comes out?", "when r offers out"):
        assert date_answer(asked, DECEMBER_2026) is not None, asked


def test_a_question_about_several_moments_gets_each_of_them() -> None:
    now = dt.datetime(2026, 12, 5, 12, tzinfo=ET)
    # the start and the end of SOAP in a year already past
    both = date_answer("for my dean's report: soap 2025 start & end, date and time?", now)
    assert both is not None and "March 17" in both and "10:00 a.m." in both and "March 20, 9:00 p.m." in both
    # the week's start and Match Day, plus an offer round
    several = date_answer("2026 match week: what day does it start, when is round 3 and what date is match day?", now)
    assert several is not None
    assert "March 16" in several and "Offer round 3 in 2026" in several and "Match Day is Friday, March 20" in several
    # one moment asked about still gets one line
    one = date_answer("What time does SOAP start on Monday?", now)
    assert one is not None and one.startswith("SOAP begins") and "Match Day" not in one


def test_a_time_zone_the_student_names_gets_the_times_in_it_too() -> None:
    now = dt.datetime(2026, 12, 5, 12, tzinfo=ET)
    pacific = date_answer("I'm in LA: what time does round 1 start, and when does SOAP close?", now)
    assert pacific is not None
    # ET first, as everywhere, then the same moments three hours earlier
    assert "9:00 a.m. ET" in pacific and "In Pacific time" in pacific
    assert "6:00 a.m. PDT" in pacific and "6:00 p.m. PDT" in pacific
    central = date_answer("Chicago here, central time. The list of unfilled programs shows at what hour for me?", now)
    assert central is not None and "9:00 a.m. CDT" in central
    # a CT scan or physical therapy is not a time zone
    plain = date_answer("when is round 2? I have a CT and PT appointment that day", now)
    assert plain is not None and " time: " not in plain
    # shorthand for the round and the zone, with no "when": a time asked in a zone
    shorthand = date_answer("CA based. R4 window in PT?", now)
    assert shorthand is not None and "3:00 p.m. PDT to 5:00 p.m. PDT" in shorthand
    arizona = date_answer("Arizona keeps standard time, so at what local time does the LUP show on Monday?", now)
    assert arizona is not None and "7:00 a.m. MST" in arizona
    # a PT session or a CA-125 result is no place
    assert named_us_zone("my PT session is at 3, and my CA-125 came back") is None


def test_a_student_abroad_gets_the_times_where_they_are() -> None:
    now = dt.datetime(2026, 12, 5, 12, tzinfo=ET)
    lahore = date_answer("I'm in Lahore for the week. When is round 1 for me?", now)
    assert lahore is not None and "9:00 a.m. ET" in lahore
    # Pakistan keeps no daylight time: nine hours ahead of Eastern in March
    assert "6:00 p.m. Pakistan time" in lahore
    manila = date_answer("here in Manila, what time are the match day results?", now)
    assert manila is not None and "Sat, Mar 20, 12:00 a.m. Philippine time" in manila
    # where a student comes from is not where they are
    from_india = date_answer("I'm an IMG from India. When does round 1 start?", now)
    assert from_india is not None and " time: " not in from_india
    uk_graduate = date_answer("I'm a UK graduate. When does round 1 start?", now)
    assert uk_graduate is not None and " time: " not in uk_graduate
    ist = date_answer("when is round 1 in IST?", now)
    assert ist is not None and "6:30 p.m. India time" in ist


def test_soaps_history_is_not_this_years_calendar() -> None:
    assert date_answer("When was SOAP introduced?", DECEMBER_2026) is None
    assert date_answer("when did soap replace the scramble", DECEMBER_2026) is None


def test_the_dates_of_a_named_match_week_come_with_the_other_moments_asked() -> None:
    text = date_answer("What are the dates of Match Week in 2026, and when are the offer rounds?", DECEMBER_2026)
    assert text is not None
    assert "Match Week 2026 runs Monday, March 16 to Friday, March 20" in text
    assert "Offer round 1 in 2026" in text


def test_a_list_created_this_week_is_still_a_date_question() -> None:
    text = date_answer("when is the list of unfilled programs created?", DECEMBER_2026)
    assert text is not None and "2027" in text


def test_the_time_an_offer_arrived_picks_its_round_read_as_eastern_time() -> None:
    noon = date_answer("the offer popped up at 12:07, when does it expire? I'm in clinic till 1:45")
    assert noon is not None and "round 2" in noon and "2:00 p.m. ET" in noon and "Eastern time" in noon
    evening = date_answer("got an offer at 6:20pm, when does it close?")
    assert evening is not None and "round 4" in evening and "8:00 p.m. ET" in evening
    # no time given: the first round, as before; between rounds: no guess at a round
    assert "round 1" in (date_answer("when do offers come out?") or "")
    between = date_answer("an offer came at 11:30, when does it expire?") or ""
    assert "Eastern time is in" not in between


def test_r3_the_nrmp_system_is_not_round_3() -> None:
    answer = date_answer("My offer appeared in R3 at 12:15 p.m. When does it expire?")
    assert answer is not None and "round 2" in answer and "round 3" not in answer
    assert "round 3" in (date_answer("what time does r3 start? the third round") or "")


def test_of_several_times_the_one_said_of_the_offer_picks_the_round() -> None:
    answer = date_answer("stuck in clinic till 1:30 but the offer arrived at 3:05, when does it expire?")
    assert answer is not None and "round 3" in answer and "5:00 p.m. ET" in answer


def test_an_offer_time_on_another_zones_clock_is_not_placed_in_a_round() -> None:
    answer = date_answer("I'm in Seattle. My offer came at 9:07, when does it expire?")
    assert answer is not None and "Eastern time is in" not in answer and "PDT" in answer
