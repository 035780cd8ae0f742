"""Starting drafts from the student's profile and contact record (LLM when configured, else a template).

The framing follows the SOAP communication rule:

- **reply** — the program started the conversation (or the message thanks or follows up with
  someone the student already spoke with). Used during SOAP always, and at other times when
  the program contacted the student first. During SOAP, when the contact record does not show
  the program reaching out, the result carries a warning: send it only if the program contacts
  you first.
- **outreach** — SOAP has ended, so the student may write first to an unfilled program.

An LLM draft is vetted with the critique's deterministic checklist; one with an error finding
(contact rule, commitment, placeholder) is replaced by the template, with a notice.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from bot.core.base import prompts
from bot.core.base.identity import credential, degree_is_letters, introduction, is_graduate
from bot.core.base.llm import ChatModel, LLMError
from bot.core.base.store import Store
from bot.core.base.text import normalize
from bot.core.companion.calendar import Phase, as_eastern, format_et
from bot.core.companion.contacts import SPECIALTY_WORDS, Contact, find_contacts, program_tokens
from bot.core.companion.profile import FIELDS, get_profile, missing_for_drafts
from bot.core.critique import KINDS, WORD_LIMITS, DraftError, check_draft

log = logging.getLogger(__name__)

TEMPLATES_PATH = Path(__file__).parent / "data" / "draft_templates.toml"
Framing = Literal["reply", "outreach"]
_TITLES = {"dr", "mr", "mrs", "ms", "mx", "prof", "professor", "doctor"}
_SUFFIXES = {"md", "do", "phd", "mbbs", "jr", "sr", "ii", "iii", "facp", "faafp", "mph", "ms", "msc"}
#: The role a recipient has when there is no contact record, by kind.
ROLE_FOR_KIND = {
    "coordinator-email": "coordinator",
    "program-director-email": "program-director",
    "resident-message": "resident",
    "thank-you": "program-director",
    "follow-up": "program-director",
}


@dataclass
class DraftResult:
    kind: str
    program: str
    person: str
    text: str
    mode: Literal["template", "llm"]
    framing: Framing
    phase: str  # the critique phase: during-soap | after-soap
    contacted_first: Literal["yes", "no", "unknown"]
    contact_id: int | None = None
    warning: str | None = None
    notice: str | None = None
    tips: list[str] = field(default_factory=list)
    missing_profile: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "program": self.program,
            "person": self.person,
            "text": self.text,
            "mode": self.mode,
            "framing": self.framing,
            "phase": self.phase,
            "contacted_first": self.contacted_first,
            "contact_id": self.contact_id,
            "warning": self.warning,
            "notice": self.notice,
            "tips": list(self.tips),
            "missing_profile": list(self.missing_profile),
        }


@lru_cache(maxsize=1)
def templates() -> dict[str, dict[str, str]]:
    with TEMPLATES_PATH.open("rb") as fh:
        data = tomllib.load(fh)
    for framing in ("reply", "outreach"):
        missing = [k for k in KINDS if k not in data.get(framing, {})]
        if missing:
            raise RuntimeError(f"draft templates lack {framing}: {', '.join(missing)}")
    return data


# ----- names and phrases -------------------------------------------------------------------------


def name_parts(person: str) -> tuple[str | None, str]:
    """(title, last name) of "Dr. Ana Ibarra, MD" -> ("Dr.", "Ibarra")."""
    tokens = [t for t in re.split(r"[\s,]+", normalize(person).strip()) if t]
    title = None
    if tokens and tokens[0].lower().rstrip(".") in _TITLES:
        raw = tokens.pop(0).rstrip(".")
        title = {"doctor": "Dr.", "professor": "Prof."}.get(raw.lower(), raw.capitalize() + ".")
    while len(tokens) > 1 and tokens[-1].lower().replace(".", "") in _SUFFIXES:
        tokens.pop()
    return title, (tokens[-1] if tokens else "")


def salutation(person: str, role: str) -> str:
    """How to address the recipient: "Dr. Ibarra", or the full name when the title is unknown."""
    title, last = name_parts(person)
    if not last:
        return "[their name]"
    if title:
        return f"{title} {last}"
    if role in ("program-director", "faculty", "resident"):
        return f"Dr. {last}"
    return " ".join(normalize(person).split())


def greeting(kind: str, person: str, role: str) -> str:
    opener = "Hi" if kind == "resident-message" else "Dear"
    return f"{opener} {salutation(person, role)},"


def signature(profile: Mapping[str, str], *, with_aamc: bool, today: dt.date | None = None) -> str:
    name = profile.get("name") or "[Your full name]"
    degree = profile.get("degree") or ""
    school = profile.get("school") or ""
    year = profile.get("graduation_year") or ""
    lines = []
    if degree_is_letters(degree) and is_graduate(profile, today):
        lines.append(f"{name}, {credential(profile, today)}")
        lines.append(f"{school}{f', Class of {year}' if year else ''}".strip(", "))
    else:
        lines.append(name)
        lines.append(", ".join(p for p in (credential(profile, today), school) if p))
    if with_aamc:
        lines.append(f"AAMC ID {profile.get('aamc_id') or '[8-digit AAMC ID]'}")
    lines.append(profile.get("contact_line") or "[email] | [phone]")
    return "\n".join(line for line in lines if line.strip())


def _specialty(profile: Mapping[str, str], program: str) -> str:
    specialties = [s.strip() for s in re.split(r"[,;/]| and ", profile.get("specialties") or "") if s.strip()]
    if not specialties or program_tokens(program) & SPECIALTY_WORDS:
        return ""
    return specialties[0]


def _day_phrase(moment: dt.datetime | None, now: dt.datetime) -> str:
    if moment is None:
        return "today"
    day, today = as_eastern(moment).date(), as_eastern(now).date()
    if day == today:
        return "today"
    if day == today - dt.timedelta(days=1):
        return "yesterday"
    if 0 < (today - day).days < 7:
        return f"on {day:%A}"
    return f"on {day:%B} {day.day}"


def _slots(
    kind: str,
    profile: Mapping[str, str],
    program: str,
    person: str,
    role: str,
    contact: Contact | None,
    now: dt.datetime,
) -> dict[str, str]:
    today = as_eastern(now).date()
    specialty = _specialty(profile, program)
    position = f"{specialty} position" if specialty else "position"
    name = profile.get("name") or "[Your full name]"
    aamc = profile.get("aamc_id") or "[8-digit AAMC ID]"
    interview = contact.interview_at if contact else None
    sent = contact.last_sent_at if contact else None
    if interview is not None and interview <= now:
        reason = f"the interview {_day_phrase(interview, now)}"
    else:
        reason = f"your message about the {position} at {program}"
    specialties = profile.get("specialties") or ""
    if specialties and not program_tokens(program) & SPECIALTY_WORDS:
        specialty_line = f" I am applying in {specialties}, and I look forward to learning more about {program}."
    else:
        specialty_line = f" I look forward to learning more about {program}."
    email = profile.get("email") or ""
    return {
        "greeting": greeting(kind, person, role),
        "program": program,
        "name": name,
        "intro": introduction(profile, today),
        "position": position,
        "position_title": (f"{specialty} position" if specialty else "Position"),
        "subject_tail": f"{name}, AAMC ID {aamc}",
        "when": _day_phrase(interview, now),
        "when_sent": _day_phrase(sent, now) if sent else "earlier this week",
        "follow_up_reason": reason,
        "specialty_line": specialty_line,
        "signature": signature(profile, with_aamc=kind != "thank-you", today=today),
        "signature_short": "\n".join(p for p in (name, email or profile.get("contact_line") or "") if p),
    }


def render_template(
    kind: str,
    framing: Framing,
    profile: Mapping[str, str],
    program: str,
    person: str,
    role: str,
    contact: Contact | None = None,
    now: dt.datetime | None = None,
) -> str:
    now = now or dt.datetime.now(dt.UTC)
    body = templates()[framing][kind].strip("\n")
    slots = _slots(kind, profile, program, person, role, contact, now)
    text = re.sub(r"\{(\w+)\}", lambda m: slots.get(m.group(1), m.group(0)), body)
    return re.sub(r"(?m)^Subject: (.*)$", lambda m: "Subject: " + m.group(1)[0].upper() + m.group(1)[1:], text)


# ----- the draft -----------------------------------------------------------------------------------


def framing_for(phase: Phase, contacted_first: str) -> Framing:
    if phase.critique_phase == "during-soap" or contacted_first == "yes":
        return "reply"
    if phase.id in ("after-soap", "after-match-day"):
        return "outreach"
    return "reply"


def _pick_contact(contacts: list[Contact], person: str | None) -> Contact | None:
    if not contacts:
        return None
    if person:
        _, last = name_parts(person)
        for c in contacts:
            if last and last.lower() == name_parts(c.person)[1].lower():
                return c
        return None
    return next((c for c in contacts if c.contacted_first == "yes"), contacts[0])


TIPS = {
    "reply": "Reply in the same email thread the program started, so your message is clearly an answer.",
    "specific": "Add one sentence about something specific you discussed or that fits this program.",
    "send": "Read it once aloud, then send it from the email address in your application.",
    "thank-you-soap": (
        "During SOAP a thank-you is optional and a grey area of the rules; skipping it won't hurt you. If you "
        "send one, keep it brief, send it to the people who interviewed you in the same thread, and ask for nothing."
    ),
    "follow-up-soap": (
        "During SOAP a follow-up only restates your availability in the program's own thread and thanks them; "
        "leave out new updates and requests."
    ),
}


def _contact_description(contact: Contact | None, person: str, role: str, program: str) -> str:
    lines = [f"Program: {program}", f"Recipient: {person} ({role.replace('-', ' ')})"]
    if contact is not None:
        lines.append(f"How the contact started: {contact.origin_label}")
        lines += [
            f"{label.replace('Your', 'Student’s')}: {format_et(moment)}" for label, moment in contact.dated_facts()
        ]
    return "\n".join(lines)


async def make_draft(
    store: Store,
    user_id: int,
    kind: str,
    program: str,
    person: str | None = None,
    *,
    phase: Phase,
    llm: ChatModel | None = None,
    llm_unavailable: LLMError | None = None,
    now: dt.datetime | None = None,
) -> DraftResult:
    """A starting draft of ``kind`` to ``person`` at ``program`` for ``user_id``."""
    kind = str(kind).strip().lower()
    if kind not in KINDS:
        raise DraftError(f"Unknown message kind {kind!r}; choose one of: {', '.join(KINDS)}.")
    program = " ".join(normalize(program or "").split())
    if not program:
        raise DraftError("Name the program the message is for.")
    now = now or dt.datetime.now(dt.UTC)
    profile = await get_profile(store, user_id)
    matches = await find_contacts(store, user_id, program)
    contact = _pick_contact(matches, person)
    contacted_first: Literal["yes", "no", "unknown"] = "unknown"
    if matches:
        contacted_first = "yes" if any(c.contacted_first == "yes" for c in matches) else "no"
    if contact is not None:
        program = contact.program
    recipient = " ".join(normalize(person or (contact.person if contact else "")).split())
    role = contact.role if contact is not None else ROLE_FOR_KIND[kind]
    framing = framing_for(phase, contacted_first)
    text = render_template(kind, framing, profile, program, recipient, role, contact, now)
    result = DraftResult(
        kind=kind,
        program=program,
        person=recipient,
        text=text,
        mode="template",
        framing=framing,
        phase=phase.critique_phase,
        contacted_first=contacted_first,
        contact_id=contact.id if contact else None,
        missing_profile=missing_for_drafts(profile),
    )
    if phase.critique_phase == "during-soap" and contacted_first != "yes":
        result.warning = (
            f"During SOAP you may not start contact with {program}. Send this only if {program} has contacted "
            "you first (then record it in your contacts)."
            if contacted_first == "no" or kind not in ("thank-you", "follow-up")
            else f"During SOAP, write to {program} only if it contacted you first."
        )
    result.tips = [TIPS["reply"]] if framing == "reply" and kind != "resident-message" else []
    if phase.critique_phase == "during-soap" and kind in ("thank-you", "follow-up"):
        result.tips.insert(0, TIPS[f"{kind}-soap"])
    result.tips += [TIPS["specific"], TIPS["send"]]
    if llm is not None:
        await _improve_with_llm(result, llm, profile, contact, role)
    elif llm_unavailable is not None:
        result.notice = f"AI draft unavailable ({llm_unavailable.notice}); this is the offline template."
    log.info(
        "draft made user=%s kind=%s mode=%s framing=%s contacted_first=%s",
        user_id,
        kind,
        result.mode,
        framing,
        contacted_first,
    )
    return result


async def _improve_with_llm(
    result: DraftResult, llm: Any, profile: Mapping[str, str], contact: Contact | None, role: str
) -> None:
    profile_text = "\n".join(f"{FIELDS[k]}: {profile[k]}" for k in FIELDS if profile.get(k))
    messages = prompts.render(
        "draft",
        kind=result.kind,
        framing=result.framing,
        phase=result.phase,
        contacted_first=result.contacted_first,
        word_limit=WORD_LIMITS[result.kind],
        profile=prompts.delimit(profile_text or "(no profile saved)", "profile"),
        contact=prompts.delimit(_contact_description(contact, result.person, role, result.program), "contact"),
        template=prompts.delimit(result.text, "template"),
    )
    try:
        reply = await llm.complete(messages, purpose="draft", max_tokens=600)
    except LLMError as exc:
        result.notice = f"AI draft unavailable ({exc.notice}); this is the offline template."
        return
    text = _strip_fences(reply.text)
    if not text:
        result.notice = "The AI draft came back empty; this is the offline template."
        return
    try:
        check = check_draft(text, result.kind, result.contacted_first, result.phase, profile)
    except DraftError:
        result.notice = "The AI draft could not be checked; this is the offline template."
        return
    errors = [f.check for f in check.findings if f.severity == "error"]
    if errors:
        log.info("llm draft withheld checks=%s", ",".join(sorted(set(errors))))
        result.notice = "The AI draft did not pass the safety checks, so this is the offline template."
        return
    result.text = text
    result.mode = "llm"


def _strip_fences(text: str) -> str:
    body = (text or "").strip()
    fence = re.match(r"^```(?:\w+)?\s*(.*?)\s*```$", body, re.DOTALL)
    return fence.group(1).strip() if fence else body
