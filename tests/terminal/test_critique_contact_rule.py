"""The contact rule's hard cases through `soapbot critique --json` (the CLI contract)."""

from __future__ import annotations

from pathlib import Path

from tests.core.critique.test_contact_rule_cases import NEVER_APPLIED_REPLY, NON_SOAP, RE_COLD
from tests.terminal.test_cli import one_json_object, soapbot


def _contact(payload: dict) -> str:  # type: ignore[type-arg]
    finding = next((f for f in payload["findings"] if f["check"] == "contact-rule"), None)
    return finding["severity"] if finding else "pass"


def test_reply_look_cold_draft_and_outside_soap_program_in_json(data_dir: Path) -> None:
    cold = soapbot(
        data_dir, "critique", "-", "--kind", "coordinator-email", "--phase", "during-soap", "--json", stdin=RE_COLD
    )
    assert cold.returncode == 0, cold.stderr
    assert _contact(one_json_object(cold.stdout)) == "warning"
    outside = soapbot(
        data_dir, "critique", "-", "--kind", "coordinator-email", "--phase", "during-soap", "--json", stdin=NON_SOAP
    )
    assert _contact(one_json_object(outside.stdout)) == "error"


def test_applied_no_makes_a_reply_an_error(data_dir: Path) -> None:
    args = ["critique", "-", "--kind", "coordinator-email", "--contacted-first", "yes", "--phase", "during-soap"]
    result = soapbot(data_dir, *args, "--applied", "no", "--json", stdin=NEVER_APPLIED_REPLY)
    assert result.returncode == 0, result.stderr
    payload = one_json_object(result.stdout)
    assert _contact(payload) == "error" and "contact-rule" not in payload["passed"]
    bad = soapbot(data_dir, *args, "--applied", "maybe", "--json", stdin=NEVER_APPLIED_REPLY)
    assert bad.returncode == 2 and "--applied" in one_json_object(bad.stdout)["error"]


def test_before_match_week_the_rule_says_when_it_applies(data_dir: Path) -> None:
    result = soapbot(
        data_dir, "critique", "-", "--kind", "coordinator-email", "--phase", "before-soap", "--json", stdin=RE_COLD
    )
    payload = one_json_object(result.stdout)
    finding = next(f for f in payload["findings"] if f["check"] == "contact-rule")
    assert finding["severity"] == "warning" and "10:00 a.m. ET" in finding["advice"]


def test_not_sure_and_a_pitch_is_a_warning_in_json(data_dir: Path) -> None:
    pitch = (
        "Subject: Jordan Lee\n\nDear Dr. Ames,\n\nMy Step 2 scores came in above the national mean, which I think "
        "makes me a strong candidate.\n\nSincerely,\nJordan Lee\nAAMC ID 12345678\n"
    )
    args = ["critique", "-", "--kind", "coordinator-email", "--contacted-first", "unknown", "--phase", "during-soap"]
    payload = one_json_object(soapbot(data_dir, *args, "--json", stdin=pitch).stdout)
    assert _contact(payload) == "warning" and "contact-rule" not in payload["passed"]
