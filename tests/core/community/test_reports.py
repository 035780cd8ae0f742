"""Reports a student may share: stored privately, owner-only, shared at most once."""

from __future__ import annotations

import pytest

from bot.core.community.reports import Reports
from bot.core.services import Services

STUDENT, OTHER_STUDENT, GUILD = 10, 11, 500


@pytest.fixture
def reports(services: Services) -> Reports:
    return services.reports


async def test_saved_report_is_visible_to_its_owner_only(reports: Reports) -> None:
    report = await reports.save(STUDENT, GUILD, "interview", "Scores: 3/5", "My answer text")
    assert report.shared_at is None and report.label == "Mock interview"
    got = await reports.get(report.id, STUDENT)
    assert got == report
    assert await reports.get(report.id, OTHER_STUDENT) is None
    assert await reports.get("0" * 32, STUDENT) is None


async def test_empty_transcript_is_stored_as_none(reports: Reports) -> None:
    report = await reports.save(STUDENT, None, "critique", "Findings", "")
    assert report.transcript is None
    assert (await reports.get(report.id, STUDENT)).transcript is None  # type: ignore[union-attr]


async def test_unknown_kind_is_refused(reports: Reports) -> None:
    with pytest.raises(ValueError):
        await reports.save(STUDENT, GUILD, "diary", "x")


async def test_claim_is_once_only_and_can_be_released(reports: Reports) -> None:
    report = await reports.save(STUDENT, GUILD, "rehearsal", "Summary")
    assert not await reports.claim(report.id, OTHER_STUDENT)
    assert await reports.claim(report.id, STUDENT)
    assert not await reports.claim(report.id, STUDENT)  # a double click shares once
    await reports.release(report.id)
    assert await reports.claim(report.id, STUDENT)
    await reports.mark_shared(report.id, channel_id=77, message_id=88)
    await reports.release(report.id)  # no effect once posted
    shared = await reports.get(report.id, STUDENT)
    assert shared is not None and shared.shared_at is not None
    assert await reports.counts(STUDENT) == (1, 1)


async def test_share_target_is_the_report_server_or_the_last_server(services: Services, reports: Reports) -> None:
    await services.configs.update(GUILD, None, report_channel_id=900)
    in_server = await reports.save(STUDENT, GUILD, "critique", "S")
    target = await reports.share_target(in_server, services.configs)
    assert (target.guild_id, target.channel_id) == (GUILD, 900)

    from_dms = await reports.save(STUDENT, None, "critique", "S")
    target = await reports.share_target(from_dms, services.configs)
    assert (target.guild_id, target.channel_id) == (None, None)  # no server known yet
    await services.store.remember_guild(STUDENT, GUILD)
    target = await reports.share_target(from_dms, services.configs)
    assert (target.guild_id, target.channel_id) == (GUILD, 900)

    await services.store.remember_guild(OTHER_STUDENT, GUILD + 1)
    elsewhere = await reports.save(OTHER_STUDENT, None, "interview", "S")
    target = await reports.share_target(elsewhere, services.configs)
    assert (target.guild_id, target.channel_id) == (GUILD + 1, None)  # server without a report channel
