"""The NRMP SOAP communication rule (DESIGN §2) — the check the bot must never get wrong.

During SOAP an applicant, and anyone acting for them, may not start contact with a program;
they may reply once the program has contacted them, and only programs they applied to may
contact them. After SOAP ends anyone may contact unfilled programs.

Inputs: the kind, the phase, the student's answer to "did the program contact you first?"
and what the text itself reveals (cold outreach, a reply, a third party, no application).
Text that plainly says the program has not made contact outranks a "yes".

Severities during SOAP:

- error: the text says the program has not contacted the student or that the student never
  applied; someone writes for the student; the student says a dean, advisor, mentor, relative or
  friend will contact (or has contacted) the program for them; or the student answered "no".
- warning: the text reads like a first message (interest out of the blue, "did you receive my
  application?", an updated CV nobody asked for, "please interview me") and nothing in it shows
  a conversation the program started; or it asks someone to speak up for the student and the
  student has not said the program contacted them first.
- info: only for neutral text (no sign of a reply, none of first contact) when the student did
  not say who wrote first. The check still counts as passed then (DESIGN §5: passed means no
  warning or error), so the tip is a reminder, never the only place a problem is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.critique.checks import Context, Hit, advice, rule_hits
from bot.core.critique.draft import Draft
from bot.core.critique.lexicon import contact_patterns


@dataclass
class ContactSignals:
    cold: list[tuple[int, int]] = field(default_factory=list)
    not_contacted: list[tuple[int, int]] = field(default_factory=list)
    not_contacted_weak: list[tuple[int, int]] = field(default_factory=list)
    not_applied: list[tuple[int, int]] = field(default_factory=list)
    third_party: list[tuple[int, int]] = field(default_factory=list)
    third_party_score: int = 0
    representative: list[tuple[int, int]] = field(default_factory=list)
    advocacy: list[tuple[int, int]] = field(default_factory=list)
    reply: list[tuple[int, int]] = field(default_factory=list)
    after_soap: list[tuple[int, int]] = field(default_factory=list)

    @property
    def is_third_party(self) -> bool:
        return self.third_party_score >= 3


def _find(d: Draft, key: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for p in contact_patterns()[key]:
        out.extend((m.start(), m.end()) for m in p.finditer(d.masked) if m.end() > m.start())
    return sorted(out)


def contact_signals(d: Draft) -> ContactSignals:
    sig = ContactSignals()
    sig.cold = _find(d, "cold")
    sig.not_contacted = _find(d, "not_contacted")
    sig.not_contacted_weak = _find(d, "not_contacted_weak")
    sig.not_applied = _find(d, "not_applied")
    sig.reply = _find(d, "reply")
    sig.after_soap = _find(d, "after_soap")
    sig.representative = _find(d, "representative")
    sig.advocacy = [(h.start, h.end) for h in rule_hits(d, "off-target-questions") if h.rule.topic == "advocacy"]
    strong = _find(d, "third_party_strong")
    weak = _find(d, "third_party_weak")
    # evidence: strong signals in the body first ("on behalf of"), then the rest
    in_body = [x for x in strong if x[0] >= d.body[0]]
    sig.third_party = in_body + sorted(x for x in strong + weak if x not in in_body)
    sig.third_party_score = 2 * len(strong) + len(weak)
    if d.subject_text and re.match(r"\s*(?:re|fwd?)\s*:", d.subject_text, re.IGNORECASE):
        sig.reply.insert(0, d.subject)  # type: ignore[arg-type]
    return sig


def check_contact_rule(d: Draft, ctx: Context) -> list[Hit]:
    if ctx.phase == "after-soap":
        return []
    s = contact_signals(d)

    def ev(spans: list[tuple[int, int]]) -> tuple[str, int]:
        a, b = spans[0]
        return d.evidence(a, b), a

    def opening() -> tuple[str, int]:
        sent = next((x for x in d.sentences if x.start >= d.body[0]), None)
        if sent is None or sent.end - sent.start > 220:
            return "", d.body[0]
        return d.quote(sent.start, sent.end), sent.start

    def finding(severity: str, key: str, evidence: tuple[str, int], summary: str | None = None) -> list[Hit]:
        if s.after_soap and severity == "error":
            # The draft says SOAP is over although the student chose "during SOAP".
            return [Hit("contact-rule", "warning", evidence[0], advice("contact-phase-mismatch", ctx), evidence[1])]
        return [Hit("contact-rule", severity, evidence[0], advice(key, ctx), evidence[1], summary=summary)]

    # The program's own message shows in the text, or the student said it wrote first.
    program_wrote = ctx.contacted_first == "yes" or (ctx.contacted_first == "unknown" and bool(s.reply))

    if s.not_applied:
        return finding("error", "contact-not-applied", ev(s.not_applied), "contact-rule-not-applied")
    if s.is_third_party:
        if ctx.contacted_first == "yes":
            if s.reply:
                return []
            return finding("warning", "contact-third-party-yes", ev(s.third_party), "contact-rule-third-party")
        return finding("error", "contact-third-party", ev(s.third_party), "contact-rule-third-party")
    if s.representative and not s.not_contacted:
        if program_wrote:
            return finding("warning", "contact-third-party-yes", ev(s.representative), "contact-rule-representative")
        return finding("error", "contact-representative", ev(s.representative), "contact-rule-representative")
    if ctx.contacted_first == "no":
        spans = s.not_contacted or s.not_contacted_weak or s.representative or s.advocacy or s.cold
        return finding("error", "contact-no", ev(spans) if spans else opening())
    if s.not_contacted:
        return finding("error", "contact-not-contacted", ev(s.not_contacted))
    if s.not_contacted_weak and not s.reply:
        return finding("error", "contact-not-contacted", ev(s.not_contacted_weak))
    if s.advocacy and ctx.contacted_first == "unknown":
        # A reply to a resident is not proof that the program contacted the student.
        return finding("warning", "contact-advocacy", ev(s.advocacy), "contact-rule-advocacy")
    if s.cold and not s.reply:
        key = "contact-yes-cold" if ctx.contacted_first == "yes" else "contact-unknown-cold"
        return finding("warning", key, ev(s.cold))
    if ctx.contacted_first == "unknown" and not s.reply:
        return [Hit("contact-rule", "info", "", advice("contact-unknown-info", ctx), d.body[0])]
    return []
