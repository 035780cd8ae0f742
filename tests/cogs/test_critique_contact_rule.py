"""The contact rule's hard cases through Discord: /critique's form (with "did you apply?"), its
file path, the /contacts record and /draft's "Check this draft" button, in the Discord emulator.

The drafts are the engine's and the command line's (tests/core/critique/test_contact_rule_cases.py),
so the three front ends are held to the same cases. Every check names the phase ("during SOAP")
or pins the clock: before Match Week the default phase is "before-soap".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.core.companion import calendar
from bot.core.companion.calendar import ET
from bot.core.companion.contacts import add_contact
from tests.cogs.conftest import World
from tests.cogs.test_companion import setup_profile, soap_now_overrides
from tests.core.critique.test_contact_rule_cases import (
    ACCEPTED,
    FORWARDED,
    NEVER_APPLIED_REPLY,
    RE_COLD,
    REAL_REPLY,
    THANKS_COLD,
)
from tests.core.critique.test_critique import DEAN
from tests.support.discord_emulator import FakeAttachment, FakeInteraction

RULE = "Would break the SOAP contact rule"
KIND, CONTACTED, APPLIED, DRAFT = (
    "What kind of message is it?",
    "Did the program contact you first?",
    "Did you apply to this program?",
    "Your draft",
)
#: Plainly cold: no reply context, no mention of the program's message, asks to be considered.
PLAIN_COLD = THANKS_COLD.replace("Thank you for your time today. ", "")
#: No stock phrase of first contact: the student just puts themselves forward.
PITCH = """Subject: Jordan Lee

Dear Dr. Ames,

My Step 2 scores came in above the national mean, which I think makes me a strong candidate for Harbor.

Sincerely,
Jordan Lee
AAMC ID 12345678
"""
#: The student says someone will contact the program for them.
REPRESENTATIVE = """Subject: SOAP – Jordan Lee

Dear Dr. Ames,

My dean, Dr. Patel, will call you tomorrow to recommend me for your preliminary surgery position. I applied through ERAS on Monday.

Best,
Jordan Lee
AAMC ID 12345678
"""


async def open_form(world: World, **options: str) -> FakeInteraction:
    ix = await world.emu.slash(world.student, "critique", options, guild=world.guild)
    await ix.wait_ack()
    assert ix.callback_type == 9 and ix.modal is not None, ix.describe()
    return ix


async def submit(world: World, form: FakeInteraction, draft: str, **fields: Any) -> FakeInteraction:
    done = await world.emu.submit_modal(world.student, form, {**fields, DRAFT: draft})
    await done.wait_done(timeout=30)
    assert done.messages and all(m.ephemeral for m in done.messages), done.describe()
    return done


async def check(
    world: World, draft: str, kind: str, contacted: str, applied: str | None = None, **options: str
) -> FakeInteraction:
    """Open /critique (during SOAP unless told), fill in the form and submit it."""
    form = await open_form(world, phase=options.pop("phase", "during-soap"), **options)
    fields: dict[str, Any] = {KIND: [kind], CONTACTED: [contacted]}
    if applied is not None:
        fields[APPLIED] = [applied]
    return await submit(world, form, draft, **fields)


def groups(ix: FakeInteraction) -> dict[str, str]:
    """The checklist's groups ("Fix before sending", "Worth fixing", "Notes", "Looks good") by name."""
    out: dict[str, str] = {}
    for message in ix.messages:
        for embed in message.embeds:
            for f in embed.get("fields", []):
                name = f["name"].split(" (")[0]
                out[name] = out.get(name, "") + "\n" + f["value"]
    return out


def applied_select(form: FakeInteraction) -> dict[str, Any]:
    assert form.modal is not None
    label = next(c for c in form.modal["components"] if c.get("type") == 18 and c.get("label") == APPLIED)
    return label["component"]


# ----- (a) a program the student never applied to wrote first ---------------------------------------


async def test_never_applied_program_that_wrote_first_is_an_error_to_report(world: World) -> None:
    ix = await check(world, NEVER_APPLIED_REPLY, "coordinator-email", "yes", "no")
    fix = groups(ix)["Fix before sending"]
    assert RULE in fix
    assert "don't engage" in fix and "report that contact to the NRMP" in fix and "apply through ERAS first" in fix
    assert "I would love the chance to interview." in fix  # the evidence is the draft's own words
    assert "Don't send this yet" in ix.messages[0].embeds[0]["description"]
    # The same reply to a program the student did apply to is fine.
    applied = await check(world, NEVER_APPLIED_REPLY, "coordinator-email", "yes", "yes")
    assert RULE not in groups(applied).get("Fix before sending", "") + groups(applied).get("Worth fixing", "")


async def test_the_form_asks_whether_the_student_applied_and_why(world: World) -> None:
    form = await open_form(world, phase="during-soap")
    select = applied_select(form)
    assert [o["value"] for o in select["options"]] == ["yes", "no", "unknown"]
    assert [o["value"] for o in select["options"] if o.get("default")] == ["unknown"]  # "not sure" by default
    label = next(c for c in form.modal["components"] if c.get("label") == APPLIED)  # type: ignore[index]
    assert "applied to" in label["description"]


async def test_the_commands_answer_is_carried_into_the_form(world: World) -> None:
    form = await open_form(world, phase="during-soap", contacted_first="yes", applied="no")
    assert form.modal is not None and form.modal["custom_id"].endswith(":no")
    assert [o["value"] for o in applied_select(form)["options"] if o.get("default")] == ["no"]
    # The student leaves the question as the command answered it: still an error.
    ix = await submit(world, form, NEVER_APPLIED_REPLY, **{KIND: ["coordinator-email"]})
    assert "report that contact to the NRMP" in groups(ix)["Fix before sending"]


async def test_a_form_opened_before_the_question_existed_is_still_checked(world: World) -> None:
    form = await open_form(world, phase="during-soap")
    assert form.modal is not None
    form.modal["custom_id"] = "critique:form:during-soap"  # the custom id older versions gave the form
    ix = await submit(
        world, form, NEVER_APPLIED_REPLY, **{KIND: ["coordinator-email"], CONTACTED: ["yes"], APPLIED: ["no"]}
    )
    assert RULE in groups(ix)["Fix before sending"]


async def test_the_file_path_takes_the_answer_too(world: World) -> None:
    ix = await world.emu.slash(
        world.student,
        "critique",
        {"kind": "coordinator-email", "contacted_first": "yes", "applied": "no", "phase": "during-soap"},
        guild=world.guild,
        attachments={"file": FakeAttachment("draft.txt", NEVER_APPLIED_REPLY.encode(), content_type="text/plain")},
    )
    await ix.wait_done(timeout=30)
    assert ix.ephemeral and "report that contact to the NRMP" in groups(ix)["Fix before sending"]


async def record_never_applied_contact(world: World) -> None:
    """The student's contacts hold Greyfield FM as a program that reached out, never applied to."""
    await add_contact(
        world.services.store,
        world.student.id,
        program="Greyfield Family Medicine",
        person="Ms. Underhill",
        role="coordinator",
        origin="reached-out-not-applied",
    )


async def test_a_contact_recorded_as_never_applied_answers_the_question(world: World) -> None:
    await record_never_applied_contact(world)
    form = await open_form(world, phase="during-soap", program="Greyfield FM")
    assert [o["value"] for o in applied_select(form)["options"] if o.get("default")] == ["no"]
    ix = await submit(world, form, NEVER_APPLIED_REPLY, **{KIND: ["coordinator-email"], CONTACTED: ["yes"]})
    assert "report that contact to the NRMP" in groups(ix)["Fix before sending"]


# ----- (b) "not sure" who wrote first, with a plainly cold message ------------------------------------


@pytest.mark.parametrize(
    ("draft", "words"),
    [
        (PLAIN_COLD, "Did this program contact you first?"),
        (RE_COLD, "does not make this a reply"),
        (PITCH, "Did this program contact you first?"),
    ],
    ids=["cold", "re-subject", "pitch"],
)
async def test_a_cold_message_with_no_answer_asks_whether_the_program_wrote_first(
    world: World, draft: str, words: str
) -> None:
    ix = await check(world, draft, "coordinator-email", "unknown")
    found = groups(ix)
    assert RULE in found["Worth fixing"] and words in found["Worth fixing"]
    assert "contact you first" in found["Worth fixing"]
    assert "unless the program contacted you first" in ix.messages[0].embeds[0]["description"]
    assert RULE not in found.get("Looks good", "") and "ready to send" not in ix.messages[0].text


# ----- (c) someone writing for the student ---------------------------------------------------------


@pytest.mark.parametrize(
    ("draft", "words"),
    [(DEAN, "deans, advisors and mentors"), (REPRESENTATIVE, "your dean, advisor, mentor")],
    ids=["dean-writes", "dean-will-call"],
)
async def test_someone_acting_for_the_student_during_soap_is_an_error(world: World, draft: str, words: str) -> None:
    ix = await check(world, draft, "program-director-email", "unknown")
    fix = groups(ix)["Fix before sending"]
    assert RULE in fix and words in fix
    after = await check(world, draft, "program-director-email", "unknown", phase="after-soap")
    assert RULE not in groups(after).get("Fix before sending", "")  # after SOAP anyone may write


# ----- (d) forwarding a program's message to another program --------------------------------------


async def test_forwarding_a_programs_message_to_another_program_is_flagged(world: World) -> None:
    ix = await check(world, FORWARDED, "program-director-email", "unknown")
    found = groups(ix)
    flagged = found.get("Fix before sending", "") + found.get("Worth fixing", "")
    assert RULE in flagged and "Forwarding another program's message" in flagged


# ----- (e) contact after accepting an offer --------------------------------------------------------


async def test_contact_after_accepting_an_offer_is_flagged(world: World) -> None:
    ix = await check(world, ACCEPTED, "program-director-email", "unknown")
    fix = groups(ix)["Fix before sending"]
    assert RULE in fix and "Accepting a SOAP offer is binding" in fix


async def test_a_real_reply_to_a_program_applied_to_passes_the_rule(world: World) -> None:
    ix = await check(world, REAL_REPLY, "coordinator-email", "yes", "yes")
    found = groups(ix)
    assert RULE in found["Looks good"] and "Fix before sending" not in found and "Worth fixing" not in found


# ----- /draft's "Check this draft" ---------------------------------------------------------------------


async def test_draft_check_knows_the_student_never_applied(world: World) -> None:
    await setup_profile(world)
    await record_never_applied_contact(world)
    await world.services.configs.update(world.guild.id, None, calendar_overrides=soap_now_overrides())
    ix = await world.emu.slash(
        world.student, "draft", {"kind": "coordinator-email", "program": "Greyfield"}, guild=world.guild
    )
    await ix.wait_done()
    [button] = [c for c in ix.messages[0].iter_components() if c.get("type") == 2]
    assert button["custom_id"].endswith(":during-soap:no")
    checked = await world.emu.click(world.student, ix.messages[0], label="Check this draft")
    await checked.wait_done(timeout=30)
    assert checked.ephemeral and "report that contact to the NRMP" in groups(checked)["Fix before sending"]
    # A button from before "applied" was carried still checks the draft (without that answer).
    button["custom_id"] = button["custom_id"].removesuffix(":no")
    old = await world.emu.click(world.student, ix.messages[0], label="Check this draft")
    await old.wait_done(timeout=30)
    assert old.ephemeral and RULE in groups(old)["Fix before sending"]
    assert "report that contact to the NRMP" not in groups(old)["Fix before sending"]


# ----- the phase the check names -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instant", "words"),
    [
        ("2026-03-06T10:00", "before Match Week"),
        ("2026-03-18T12:00", "during SOAP"),
        ("2026-03-19T22:00", "after SOAP"),
    ],
)
async def test_the_footer_names_the_phase_it_checked_as(
    world: World, monkeypatch: pytest.MonkeyPatch, instant: str, words: str
) -> None:
    now = dt.datetime.fromisoformat(instant).replace(tzinfo=ET).astimezone(dt.UTC)
    monkeypatch.setattr(calendar, "now_utc", lambda: now)
    form = await open_form(world)  # no phase: the calendar's phase now
    ix = await submit(world, form, REAL_REPLY, **{KIND: ["coordinator-email"], CONTACTED: ["yes"]})
    assert ix.messages[0].embeds[0]["footer"]["text"].endswith(f"checked as {words}")
