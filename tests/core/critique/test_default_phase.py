"""Which phase a draft is checked against when the student doesn't say."""

from __future__ import annotations

from bot.core.critique import check_draft, default_phase

COLD = (
    "Subject: SOAP applicant - family medicine\n\nDear Dr. Ruiz,\n\nI applied to Riverside Family Medicine through "
    "ERAS this morning and wanted to introduce myself before you review SOAP applications.\n\nBest,\nAna Costa\n"
)


def test_a_draft_about_soap_is_checked_as_during_soap_even_before_match_week() -> None:
    assert default_phase(COLD, "after-soap") == "during-soap"
    result = check_draft(COLD, "program-director-email", "unknown", default_phase(COLD, "after-soap"))
    assert any(f.check == "contact-rule" and f.flagged for f in result.findings)


def test_other_drafts_follow_the_calendar() -> None:
    note = "Dear Dr. Ruiz,\n\nThank you for the advice on my research project last month.\n\nBest,\nAna Costa\n"
    assert default_phase(note, "after-soap") == "after-soap"
    assert default_phase(note, "during-soap") == "during-soap"
    assert default_phase(COLD, "during-soap") == "during-soap"
