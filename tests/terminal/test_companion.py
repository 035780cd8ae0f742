"""soapbot timeline | profile | contacts | draft: one JSON object with --json, clear errors."""

from __future__ import annotations

from pathlib import Path

from tests.terminal.test_cli import one_json_object, soapbot


def test_timeline_json(tmp_path: Path) -> None:
    result = soapbot(tmp_path, "timeline", "--year", "2026", "--json")
    assert result.returncode == 0, result.stderr
    payload = one_json_object(result.stdout)
    assert payload["year"] == 2026 and payload["confirmed"] is True and payload["timezone"] == "America/New_York"
    assert [m["id"] for m in payload["milestones"]][:2] == ["match-status", "eras-opens"]
    assert payload["milestones"][0]["at"] == "2026-03-16T10:00:00-04:00" and payload["milestones"][0]["source"]
    assert {"phase", "next_milestone", "current_milestone", "now"} <= set(payload)
    assert payload["phase"]["critique_phase"] in ("during-soap", "after-soap", "before-soap")
    unconfirmed = one_json_object(soapbot(tmp_path, "timeline", "--year", "2027", "--json").stdout)
    assert unconfirmed["confirmed"] is False and unconfirmed["notices"]


def test_timeline_in_the_terminal_shows_local_and_eastern_time(tmp_path: Path) -> None:
    result = soapbot(tmp_path, "timeline", "--year", "2026")
    assert result.returncode == 0, result.stderr
    assert "Eastern (ET)" in result.stdout and "Your time" in result.stdout and "nrmp.org" in result.stdout


def test_profile_contacts_and_a_checked_draft(tmp_path: Path) -> None:
    profile = soapbot(
        tmp_path,
        "profile",
        "set",
        "--name",
        "Jane Doe",
        "--school",
        "Lakeside University School of Medicine",
        "--degree",
        "MD",
        "--graduation-year",
        "2027",
        "--aamc-id",
        "12345678",
        "--contact-line",
        "jane.doe@example.org | 555-123-4567",
        "--json",
    )
    assert profile.returncode == 0, profile.stderr
    assert one_json_object(profile.stdout)["profile"]["aamc_id"] == "12345678"
    added = soapbot(
        tmp_path,
        "contacts",
        "add",
        "Cedar Ridge Family Medicine",
        "--person",
        "Dr. Ana Ibarra",
        "--role",
        "program director",
        "--origin",
        "program-reached-out",
        "--interview",
        "now",
        "--json",
    )
    assert added.returncode == 0, added.stderr
    contact = one_json_object(added.stdout)["contact"]
    assert contact["contacted_first"] == "yes" and contact["suggestion"]["key"] == "thank-you"
    listed = one_json_object(soapbot(tmp_path, "contacts", "list", "--json").stdout)
    assert [c["id"] for c in listed["contacts"]] == [contact["id"]] and "phase" in listed
    drafted = soapbot(tmp_path, "draft", "thank-you", "cedar ridge", "--json")
    assert drafted.returncode == 0, drafted.stderr
    draft = one_json_object(drafted.stdout)
    assert draft["program"] == "Cedar Ridge Family Medicine" and "Dear Dr. Ibarra," in draft["text"]
    flagged = [f for f in draft["critique"]["findings"] if f["severity"] in ("error", "warning")]
    assert flagged == [] and draft["critique"]["mode"] == "offline"
    updated = one_json_object(
        soapbot(tmp_path, "contacts", "update", str(contact["id"]), "--sent", "thank-you", "--json").stdout
    )
    assert updated["contact"]["thank_you_sent"] is True
    removed = one_json_object(soapbot(tmp_path, "contacts", "remove", str(contact["id"]), "--json").stdout)
    assert removed == {"removed": contact["id"]}


def test_bad_input_is_one_json_error(tmp_path: Path) -> None:
    bad_role = soapbot(
        tmp_path, "contacts", "add", "X", "--person", "Y", "--role", "dean", "--origin", "after-soap", "--json"
    )
    assert bad_role.returncode == 2 and "role" in one_json_object(bad_role.stdout)["error"]
    bad_kind = soapbot(tmp_path, "draft", "love-letter", "X", "--json")
    assert bad_kind.returncode == 2 and "KIND" in one_json_object(bad_kind.stdout)["error"]
    bad_id = soapbot(tmp_path, "profile", "set", "--aamc-id", "123", "--json")
    assert bad_id.returncode == 2 and "8 digits" in one_json_object(bad_id.stdout)["error"]
