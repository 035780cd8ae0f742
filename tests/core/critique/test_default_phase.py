"""Which phase a draft is checked against when the student doesn't say: the calendar's, and the
contact rule says when it will apply before Match Week."""

from __future__ import annotations

import datetime as dt

from bot.core.companion.calendar import ET, load_calendar
from bot.core.critique import check_draft

COLD = (
    "Subject: SOAP applicant - family medicine\n\nDear Dr. Ruiz,\n\nI applied to Riverside Family Medicine through "
    "ERAS this morning and wanted to introduce myself before you review SOAP applications.\n\nBest,\nAna Costa\n"
)
NOTE = "Dear Dr. Ruiz,\n\nThank you for the advice on my research project last month.\n\nBest,\nAna Costa\n"
AFTER_SOAP_TEMPLATE = (
    "Subject: Unfilled internal medicine position – Ana Costa\n\nDear Dr. Ruiz,\n\nSOAP has ended, and I understand "
    "your internal medicine program still has an unfilled position. I am a fourth-year student at Lakeview School "
    "of Medicine and would be glad to be considered.\n\nBest regards,\nAna Costa\nAAMC ID 12345678\n"
)


def _contact(text: str, phase: str) -> str:
    result = check_draft(text, "program-director-email", "unknown", phase)
    f = next((f for f in result.findings if f.check == "contact-rule"), None)
    return f.severity if f else "pass"


def _phase_at(when: dt.datetime) -> str:
    return load_calendar(2026).phase_at(when).critique_phase


def test_the_calendar_decides_the_phase_at_each_moment_of_match_week() -> None:
    assert _phase_at(dt.datetime(2026, 2, 1, 12, tzinfo=ET)) == "before-soap"
    assert _phase_at(dt.datetime(2026, 3, 16, 9, tzinfo=ET)) == "during-soap"  # Monday before 10 a.m.
    assert _phase_at(dt.datetime(2026, 3, 17, 9, tzinfo=ET)) == "during-soap"
    assert _phase_at(dt.datetime(2026, 3, 19, 20, 59, tzinfo=ET)) == "during-soap"
    assert _phase_at(dt.datetime(2026, 3, 19, 21, 30, tzinfo=ET)) == "after-soap"  # Thursday 9:30 p.m.
    assert _phase_at(dt.datetime(2026, 3, 25, 12, tzinfo=ET)) == "after-soap"


def test_after_soap_ends_the_after_soap_template_is_not_warned() -> None:
    # At Thursday 9:30 p.m. ET a draft that says "SOAP has ended" is checked as after SOAP.
    phase = _phase_at(dt.datetime(2026, 3, 19, 21, 30, tzinfo=ET))
    assert _contact(AFTER_SOAP_TEMPLATE, phase) == "pass"


def test_before_match_week_a_soap_bound_draft_is_told_when_the_rule_applies() -> None:
    result = check_draft(COLD, "program-director-email", "unknown", "before-soap")
    f = next(f for f in result.findings if f.check == "contact-rule")
    assert f.severity == "warning" and "Monday of Match Week, 10:00 a.m. ET" in f.advice
    assert "looks ready" not in result.summary.lower()
    # A draft that does not mention SOAP still hears when the rule will apply.
    findings = check_draft(NOTE, "program-director-email", "unknown", "before-soap").findings
    note = next(f for f in findings if f.check == "contact-rule")
    assert note.severity == "info" and "Monday of Match Week" in note.advice
