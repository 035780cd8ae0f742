"""The optional LLM review: extra findings and a rewrite, merged under strict rules.

- The deterministic findings are final: the LLM may only ADD checks the rules did not flag.
- An LLM finding needs a valid, applicable check id and evidence copied from the draft
  (re-anchored to the original text, never inside ignored instruction text); otherwise its
  evidence or the finding is dropped. No contact-rule findings after SOAP.
- The rewrite is checked with :func:`check_draft`; one that would break the SOAP contact
  rule, make a commitment or leave non-bracket template text is withheld and the offline
  template is shown with a notice.
- Any LLM failure (including malformed JSON) returns the offline result with a notice.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from bot.core.base import grounding, prompts
from bot.core.base.llm import ChatModel, LLMError, parse_json_object
from bot.core.critique.checks import Context
from bot.core.critique.draft import Draft
from bot.core.critique.engine import contact_blocks_sending, review_offline, suggested_template, summarize
from bot.core.critique.lexicon import messages
from bot.core.critique.model import MAX_DRAFT_CHARS, WORD_LIMITS, CritiqueResult, Finding

log = logging.getLogger(__name__)

#: Checks whose problem can be an absence, so an LLM finding may come without evidence.
ABSENCE_CHECKS = frozenset(
    {"subject-line", "no-introduction", "not-personalized", "no-signature", "missing-aamc-id", "generic-greeting"}
)
#: Only these may be errors when the LLM adds them.
ERROR_CHECKS = frozenset({"contact-rule", "commitment", "placeholder"})
REMOVED_MARK = "(instruction text removed)"
MAX_EVIDENCE_CHARS = 400
MAX_ADVICE_CHARS = 300


@dataclass(frozen=True)
class Review:
    findings: list[dict[str, str]]
    rewrite: str | None


def _join(*notices: str | None) -> str | None:
    parts = [n for n in notices if n]
    return " ".join(parts) if parts else None


def _unavailable(reason: str) -> str:
    return messages()["advice"]["review-unavailable"].format(reason=reason)


def llm_view(draft: Draft) -> str:
    """The draft as sent to the LLM: the original text with ignored instructions replaced."""
    out = draft.original
    for a, b in reversed(draft.injections):
        oa, ob = draft.offsets[a], draft.offsets[b - 1] + 1
        out = out[:oa] + REMOVED_MARK + out[ob:]
    return out


def build_messages(draft: Draft, ctx: Context, result: CritiqueResult) -> list[dict[str, str]]:
    checks_doc = messages()["checks"]
    checks = "\n".join(f"- {c}: {checks_doc[c]}" for c in result.applicable)
    findings = json.dumps([f.to_json() for f in result.findings], ensure_ascii=False, indent=1)
    return prompts.render(
        "critique_review",
        kind=ctx.kind,
        phase=ctx.phase,
        contacted_first=ctx.contacted_first,
        word_limit=WORD_LIMITS[ctx.kind],
        checks=checks,
        findings=prompts.delimit(findings, "checklist"),
        draft=prompts.delimit(llm_view(draft), "draft"),
    )


def parse_review(text: str) -> Review:
    """The LLM's JSON reply, or LLMError('malformed')."""
    data = parse_json_object(text, "review")
    raw = data.get("findings", [])
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise LLMError("malformed", "findings is not a list")
    findings: list[dict[str, str]] = []
    for item in raw:
        if not isinstance(item, dict):
            raise LLMError("malformed", "finding is not an object")
        keys = ("check", "severity", "evidence", "advice")
        findings.append({k: item[k] if isinstance(item.get(k), str) else "" for k in keys})
    rewrite = data.get("rewrite")
    if rewrite is not None and not isinstance(rewrite, str):
        raise LLMError("malformed", "rewrite is not a string")
    return Review(findings, rewrite.strip() if rewrite else None)


def _anchor_evidence(draft: Draft, evidence: str) -> str | None:
    """``evidence`` as an exact substring of the original draft outside ignored text, or None."""
    ev = evidence.strip().strip('"').strip()
    if not ev or len(ev) > MAX_EVIDENCE_CHARS:
        return None
    injected = [(draft.offsets[a], draft.offsets[b - 1] + 1) for a, b in draft.injections]

    def clean(start: int, end: int) -> bool:
        return not any(start < b and a < end for a, b in injected)

    original = draft.original
    start = original.find(ev)
    while start != -1:
        if clean(start, start + len(ev)):
            return ev
        start = original.find(ev, start + 1)
    # Tolerate quote styles, case and whitespace: search the matching view, map back.
    straight = ev.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    pattern = r"\s+".join(re.escape(w) for w in straight.split())
    for m in re.finditer(pattern, draft.masked, re.IGNORECASE):
        a, b = draft.offsets[m.start()], draft.offsets[m.end() - 1] + 1
        if clean(a, b):
            return original[a:b]
    return None


def merge_findings(base: CritiqueResult, draft: Draft, ctx: Context, extra: list[dict[str, str]]) -> list[Finding]:
    """Deterministic findings, plus valid LLM findings for checks the rules did not flag."""
    flagged = {f.check for f in base.findings if f.flagged}
    added: dict[str, Finding] = {}
    for item in extra:
        check = item["check"].strip().lower()
        if check not in base.applicable or check in flagged or check in added:
            continue
        if check == "contact-rule" and ctx.phase == "after-soap":
            continue
        severity = item["severity"].strip().lower()
        if severity not in ("error", "warning", "info"):
            severity = "warning"
        if severity == "error" and check not in ERROR_CHECKS:
            severity = "warning"
        evidence = ""
        if item["evidence"].strip():
            anchored = _anchor_evidence(draft, item["evidence"])
            if anchored is None and check not in ABSENCE_CHECKS:
                continue  # an unverifiable claim about the draft
            evidence = anchored or ""
        elif check not in ABSENCE_CHECKS:
            continue
        tip = " ".join(item["advice"].split())
        if len(tip) > MAX_ADVICE_CHARS:
            tip = tip[: MAX_ADVICE_CHARS - 1].rstrip() + "…"
        if not tip:
            tip = f"Revise this: {messages()['summary'][check]}."
        added[check] = Finding(check, severity, evidence, tip, source="llm")  # type: ignore[arg-type]
    findings = list(base.findings)
    for f in added.values():
        # an info finding from the rules for the same check is superseded by a flagged LLM one
        if f.flagged:
            findings = [g for g in findings if not (g.check == f.check and g.severity == "info")]
        findings.append(f)
    order = {"error": 0, "warning": 1, "info": 2}

    def position(f: Finding) -> int:
        if not f.evidence:
            return len(draft.original) if f.check in ("no-signature", "missing-aamc-id") else 0
        i = draft.original.find(f.evidence)
        return i if i >= 0 else len(draft.original)

    findings.sort(key=lambda f: (order[f.severity], position(f)))
    return findings


def vet_rewrite(
    rewrite: str | None, ctx: Context, original_flags: set[str] | None = None
) -> tuple[str | None, str | None]:
    """(rewrite, None) when it is safe to show, else (None, reason it was withheld).

    Withheld when the rewrite would break the SOAP contact rule, makes a commitment, leaves
    template text other than [bracketed] slots, or adds a problem the draft did not have.
    """
    if not rewrite:
        return None, "was empty"
    text = rewrite.replace(REMOVED_MARK, "").strip()
    if not text or len(text) > MAX_DRAFT_CHARS:
        return None, "was empty or too long"
    checked, draft, _ = review_offline(text, ctx.kind, ctx.contacted_first, ctx.phase, ctx.profile, ctx.applied)
    if draft.injections:
        return None, "contained instruction-like text"
    for f in checked.findings:
        if not f.flagged:
            continue
        if f.check == "contact-rule":
            return None, "would still read as cold outreach during SOAP"
        if f.check == "commitment":
            return None, "made a promise or asked for a commitment"
        if f.check == "placeholder" and not re.fullmatch(r"\[[^\[\]]+\]", f.evidence):
            return None, "left unfilled template text"
    if original_flags is not None:
        new = [c for c in checked.flagged if c not in original_flags and c != "placeholder"]
        if new:
            phrase = messages()["summary"][new[0]]
            return None, f"introduced a new problem ({phrase})"
    return text, None


async def critique(
    text: str,
    kind: str,
    contacted_first: str = "unknown",
    phase: str = "during-soap",
    *,
    llm: ChatModel | None = None,
    profile: Mapping[str, str] | None = None,
    applied: str = "unknown",
) -> CritiqueResult:
    """:func:`check_draft`, then (with ``llm``) the LLM review and rewrite.

    Any LLM failure returns the offline result with a notice saying why.
    """
    # The checklist takes up to ~100 ms of CPU for a long draft (more the first time, when the
    # spell checker loads): run it off the event loop so other students are not kept waiting.
    base, draft, ctx = await asyncio.to_thread(review_offline, text, kind, contacted_first, phase, profile, applied)
    if llm is None:
        return base
    try:
        prompt = build_messages(draft, ctx, base)
        reply = await llm.complete(prompt, purpose="critique", max_tokens=1500, temperature=0.2, json_mode=True)
        if prompts.echoes_instructions(reply.text, prompt):
            raise LLMError("echo")
        review = parse_review(reply.text)
    except LLMError as exc:
        log.info("critique review fell back to offline kind=%s reason=%s", ctx.kind, exc.kind)
        return replace(base, notice=_join(base.notice, _unavailable(exc.notice)))
    except Exception as exc:  # noqa: BLE001 - a broken client must not break the critique
        log.warning("critique review failed unexpectedly: %s", type(exc).__name__)
        return replace(base, notice=_join(base.notice, _unavailable(LLMError("server").notice)))
    findings = merge_findings(base, draft, ctx, review.findings)
    flagged = {f.check for f in findings if f.flagged}
    passed = [c for c in base.applicable if c not in flagged]
    rewrite, reason = await asyncio.to_thread(vet_rewrite, review.rewrite, ctx, set(base.flagged))
    if rewrite is not None:
        # Every date, time, number and rule in the rewrite comes from what the model was given.
        shown: str = rewrite
        checked = (await asyncio.to_thread(lambda: grounding.check(shown, grounding.given(prompt)))).report
        log.info("critique rewrite grounding %s", checked.summary)  # counts only
        if checked.unsupported:
            rewrite, reason = None, "stated a date, time, number or rule that your draft does not give"
    if rewrite is not None and ctx.phase == "during-soap" and contact_blocks_sending(findings):
        # No rewording makes first contact allowed during SOAP (nor turns it into a reply).
        rewrite, reason = None, "would still be first contact during SOAP"
    notice = base.notice
    template = None
    if rewrite is None:
        notice = _join(notice, messages()["advice"]["rewrite-rejected"].format(reason=reason))
        template, note = suggested_template(findings, draft, ctx)
        if note and note not in (notice or ""):
            notice = _join(notice, note)
    return CritiqueResult(
        kind=base.kind,
        findings=findings,
        passed=passed,
        summary=summarize(findings, passed),
        mode="llm",
        rewrite=rewrite,
        template=template,
        notice=notice,
        applicable=base.applicable,
    )
