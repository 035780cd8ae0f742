"""check_draft: run every applicable deterministic check and assemble the result."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from bot.core.base import text as textutil
from bot.core.base.identity import credential, introduction
from bot.core.critique import checks as C
from bot.core.critique.contact import check_contact_rule, contact_signals
from bot.core.critique.draft import Draft
from bot.core.critique.learned import learned_hits
from bot.core.critique.lexicon import messages, templates
from bot.core.critique.model import (
    APPLIED,
    CHECK_IDS,
    CONTACTED_FIRST,
    KINDS,
    MAX_DRAFT_CHARS,
    NO_AAMC_CHECK_KINDS,
    PHASES,
    SEVERITY_ORDER,
    CritiqueResult,
    DraftError,
    Finding,
)

log = logging.getLogger(__name__)

_CHECKS: dict[str, C.CheckFn] = {
    "placeholder": C.check_placeholder,
    "generic-greeting": C.check_generic_greeting,
    "subject-line": C.check_subject_line,
    "no-introduction": C.check_no_introduction,
    "not-personalized": C.check_not_personalized,
    "desperation": C.check_desperation,
    "negativity": C.check_negativity,
    "self-deprecation": C.check_self_deprecation,
    "oversharing": C.check_oversharing,
    "too-long": C.check_too_long,
    "mechanics": C.check_mechanics,
    "no-signature": C.check_no_signature,
    "missing-aamc-id": C.check_missing_aamc_id,
    "contact-rule": check_contact_rule,
    "commitment": C.check_commitment,
    "off-target-questions": C.check_off_target_questions,
    "pushy": C.check_pushy,
}
assert tuple(_CHECKS) == CHECK_IDS


def applicable_checks(kind: str) -> list[str]:
    """Check ids scored for ``kind``: no subject line for resident messages; the AAMC ID only
    for emails to coordinators and program directors (a follow-up gets an info hint)."""
    out = []
    for check in CHECK_IDS:
        if check == "subject-line" and kind == "resident-message":
            continue
        if check == "missing-aamc-id" and kind in NO_AAMC_CHECK_KINDS:
            continue
        out.append(check)
    return out


def validate(
    text: object,
    kind: object,
    contacted_first: object = "unknown",
    phase: object = "during-soap",
    applied: object = "unknown",
) -> tuple[str, str, str, str, str]:
    """Normalised arguments, or DraftError with a one-line, student-facing message."""
    if not isinstance(text, str):
        raise DraftError("Paste the message you want checked as plain text.")
    if not text.strip():
        raise DraftError("Your draft is empty — paste the message you want checked.")
    if "\x00" in text:
        raise DraftError("That looks like a binary file, not text — paste the message itself or save it as plain text.")
    size = len(text.strip())
    if size > MAX_DRAFT_CHARS:
        raise DraftError(
            f"Your draft is {size:,} characters; the limit is {MAX_DRAFT_CHARS:,}. "
            "Paste just the message itself, without earlier emails in the thread."
        )
    k = str(kind).strip().lower() if kind is not None else ""
    if k not in KINDS:
        raise DraftError(f"Unknown message kind {kind!r}; choose one of: {', '.join(KINDS)}.")
    c = str(contacted_first).strip().lower() if contacted_first is not None else "unknown"
    if c not in CONTACTED_FIRST:
        raise DraftError("Answer 'did the program contact you first?' with yes, no or unknown.")
    p = str(phase).strip().lower() if phase is not None else "during-soap"
    if p not in PHASES:
        raise DraftError("The phase must be during-soap, after-soap or before-soap.")
    a = str(applied).strip().lower() if applied is not None else "unknown"
    if a not in APPLIED:
        raise DraftError("Answer 'did you apply to this program?' with yes, no or unknown.")
    return text, k, c, p, a


def run_checks(draft: Draft, ctx: C.Context) -> tuple[list[Finding], list[str], list[str]]:
    hits: list[C.Hit] = []
    applicable = applicable_checks(ctx.kind)
    failed: set[str] = set()
    for check in applicable:
        try:
            hits.extend(_CHECKS[check](draft, ctx))
        except Exception:  # noqa: BLE001 - one broken check must not sink the critique
            log.exception("critique check failed check=%s", check)
            # A check that could not run is never reported as passed; the contact rule says so.
            failed.add(check)
            if check == "contact-rule":
                hits.append(C.Hit(check, "warning", "", C.advice("contact-check-failed", ctx), draft.body[0]))
    try:
        patterned = {h.check for h in hits if h.severity in ("warning", "error")}
        hits.extend(learned_hits(draft, ctx, applicable, patterned))
    except Exception:  # noqa: BLE001 - the learned layer must not sink the critique
        log.exception("critique learned layer failed")
    hits.sort(key=lambda h: (SEVERITY_ORDER[h.severity], h.pos))
    findings = [
        Finding(h.check, h.severity, h.evidence, h.advice, summary_key=h.summary)  # type: ignore[arg-type]
        for h in hits
    ]
    flagged = {f.check for f in findings if f.flagged}
    passed = [c for c in applicable if c not in flagged and c not in failed]
    return findings, passed, applicable


def _phrase(f: Finding) -> str:
    phrases = messages()["summary"]
    if f.summary_key and f.summary_key in phrases:
        return phrases[f.summary_key]
    if f.check == "contact-rule" and f.severity == "warning":
        return phrases["contact-rule-warning"]
    return phrases[f.check]


def join_list(parts: list[str]) -> str:
    """Parts joined as A / A and B / A, B, and C (with the serial comma)."""
    conj = messages()["summary_text"]["and"]
    if len(parts) <= 2:
        return f" {conj} ".join(parts)
    return ", ".join(parts[:-1]) + f", {conj} " + parts[-1]


def contact_blocks_sending(findings: list[Finding]) -> bool:
    """True when the contact rule is an error: the draft may not be sent during SOAP at all."""
    return any(f.check == "contact-rule" and f.severity == "error" for f in findings)


def summarize(findings: list[Finding], passed: list[str]) -> str:
    """One to three short sentences a stressed student can act on (wording in messages.toml).

    Any error leads with "Don't send this yet"; a contact-rule warning alone leads with the rule.
    When the contact rule is an error, the summary says to wait for the program (or for SOAP to
    end) instead of "everything else looks good".
    """
    text = messages()["summary_text"]
    flagged: list[Finding] = []
    for f in findings:
        if f.flagged and all(g.check != f.check for g in flagged):
            flagged.append(f)
    if not flagged:
        notes = sum(1 for f in findings if f.severity == "info")
        if not notes:
            return text["clean"]
        return text["clean"] + " " + text["tips"].format(n=notes, s="s" if notes != 1 else "")
    n = len(flagged)
    listed = join_list([_phrase(f) for f in flagged])
    contact = next((f for f in flagged if f.check == "contact-rule"), None)
    if any(f.severity == "error" for f in flagged):
        key = "problems-error"
    elif contact is not None:
        key = "problems-contact"  # lead with the rule, not a mild "check that ..."
    else:
        key = "problems"
    first = text[key].format(n=n, s="s" if n != 1 else "", listed=listed)
    if contact is not None and contact.severity == "error":
        return first + " " + text["contact-wait"]
    if contact is not None and key == "problems-error":
        return first + " " + text["contact-check"]
    return first + (" " + text["rest-ok"] if passed else "")


def offline_template(kind: str, profile: Mapping[str, str] | None = None, *, phase: str = "during-soap") -> str:
    """A structured, rule-safe template for ``kind``; profile details fill their slots."""
    k = str(kind).strip().lower()
    if k not in KINDS:
        raise DraftError(f"Unknown message kind {kind!r}; choose one of: {', '.join(KINDS)}.")
    p = phase if phase in ("during-soap", "after-soap") else ("after-soap" if phase == "before-soap" else "during-soap")
    body = templates()[p][k].strip("\n")
    defaults = {
        "name": "[Your full name]",
        "degree": "[a fourth-year medical student / MD or DO graduate]",
        "credential": "[MD/DO Candidate, Class of year / your degree]",
        "school": "[your medical school]",
        "aamc_id": "[8-digit AAMC ID]",
        "email": "[email]",
        "phone": "[phone]",
    }
    prof = {k2: str(v).strip() for k2, v in (profile or {}).items() if v is not None and str(v).strip()}
    # How the student is introduced and signs: "a fourth-year MD student at ..." and
    # "MD Candidate, Class of 2027" before graduation (never "MD"), as /draft writes them.
    prof["intro"] = introduction(prof)
    if credential(prof):
        prof["credential"] = credential(prof)

    def fill(m: re.Match[str]) -> str:
        key = m.group(1)
        return prof.get(key) or defaults.get(key, m.group(0))

    return re.sub(r"\{(\w+)\}", fill, body)


def check_draft(
    text: str,
    kind: str,
    contacted_first: str = "unknown",
    phase: str = "during-soap",
    profile: Mapping[str, str] | None = None,
    applied: str = "unknown",
) -> CritiqueResult:
    """Deterministic checklist review of a draft (offline mode, with a template suggestion)."""
    return review_offline(text, kind, contacted_first, phase, profile, applied)[0]


def review_offline(
    text: str,
    kind: str,
    contacted_first: str = "unknown",
    phase: str = "during-soap",
    profile: Mapping[str, str] | None = None,
    applied: str = "unknown",
) -> tuple[CritiqueResult, Draft, C.Context]:
    """:func:`check_draft` plus the parsed draft and context (for the LLM review)."""
    text, kind, contacted_first, phase, applied = validate(text, kind, contacted_first, phase, applied)
    draft = Draft(text)
    ctx = C.Context(kind, contacted_first, phase, dict(profile or {}), applied)
    findings, passed, applicable = run_checks(draft, ctx)
    notes = []
    injected = draft.injected_quotes()
    if injected:
        quote = textutil.clip(" ".join(injected[0].split()), 80)
        notes.append(messages()["advice"]["injection-notice"].format(quote=quote))
    if draft.quoted is not None:
        notes.append(messages()["advice"]["quoted-thread"])
    template, template_note = suggested_template(findings, draft, ctx)
    if template_note:
        notes.append(template_note)
    notice = " ".join(notes) or None
    result = CritiqueResult(
        kind=kind,
        findings=findings,
        passed=passed,
        summary=summarize(findings, passed),
        mode="offline",
        template=template,
        notice=notice,
        applicable=applicable,
    )
    return result, draft, ctx


def suggested_template(findings: list[Finding], draft: Draft, ctx: C.Context) -> tuple[str | None, str | None]:
    """(template, note about it). Normally the phase's template for the kind. When the contact
    rule is an error, the during-SOAP reply template would be dishonest: the after-SOAP version
    is offered instead (none when someone else is writing for the student), with a note."""
    if ctx.phase != "during-soap" or not contact_blocks_sending(findings):
        return offline_template(ctx.kind, ctx.profile, phase=ctx.phase), None
    if contact_signals(draft).is_third_party:
        return None, None
    return offline_template(ctx.kind, ctx.profile, phase="after-soap"), messages()["advice"]["after-soap-template"]


# A draft that talks about SOAP is meant for Match Week, whatever today's date is.
def default_phase(text: str, calendar_phase: str) -> str:
    """The phase to check a draft against when the student didn't choose one: what the Match
    Week calendar says about now (``before-soap`` before Match Week, so the contact rule says
    when it will apply). ``text`` is kept for callers; the draft's wording no longer moves it."""
    del text
    return calendar_phase if calendar_phase in PHASES else "during-soap"
