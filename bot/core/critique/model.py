"""Public data types and constants of the critique checklist."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

KINDS = ("coordinator-email", "program-director-email", "resident-message", "thank-you", "follow-up")
CHECK_IDS = (
    "placeholder",
    "generic-greeting",
    "subject-line",
    "no-introduction",
    "not-personalized",
    "desperation",
    "negativity",
    "self-deprecation",
    "oversharing",
    "too-long",
    "mechanics",
    "no-signature",
    "missing-aamc-id",
    "contact-rule",
    "commitment",
    "off-target-questions",
    "pushy",
)
#: What each check is called when shown to students and advisors.
CHECK_LABELS = {
    "placeholder": "Template placeholders left in",
    "generic-greeting": "Generic greeting",
    "subject-line": "Weak or missing subject line",
    "no-introduction": "Writer not introduced",
    "not-personalized": "Not personalised to the program",
    "desperation": "Sounds desperate",
    "negativity": "Negative tone",
    "self-deprecation": "Self-deprecation",
    "oversharing": "Oversharing",
    "too-long": "Too long",
    "mechanics": "Spelling and mechanics",
    "no-signature": "No signature",
    "missing-aamc-id": "AAMC ID missing",
    "contact-rule": "Would break the SOAP contact rule",
    "commitment": "Premature commitment or ranking talk",
    "off-target-questions": "Off-target questions",
    "pushy": "Pushy deadlines or demands",
}
#: Kinds that are not scored on the AAMC ID (a wrong ID there is a mechanics slip).
NO_AAMC_CHECK_KINDS = ("resident-message", "thank-you")
CONTACTED_FIRST = ("yes", "no", "unknown")
#: "before-soap" (before Match Week) runs the checks as after SOAP, and the contact rule says
#: when it will apply; the calendar gives it, and the CLI accepts it too.
PHASES = ("during-soap", "after-soap", "before-soap")
APPLIED = ("yes", "no", "unknown")
MAX_DRAFT_CHARS = 12_000

#: Word limits (subject line and ignored instruction text not counted).
WORD_LIMITS = {
    "coordinator-email": 200,
    "program-director-email": 200,
    "follow-up": 200,
    "resident-message": 150,
    "thank-you": 180,
}

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class DraftError(ValueError):
    """The draft cannot be checked; the message is a one-line, student-facing explanation."""


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    evidence: str
    advice: str
    source: Literal["rule", "llm"] = "rule"
    #: The summary phrase (messages.toml [summary]) when not the check's own; not in the JSON.
    summary_key: str | None = field(default=None, compare=False)

    @property
    def flagged(self) -> bool:
        return self.severity in ("error", "warning")

    def to_json(self) -> dict[str, str]:
        return {
            "check": self.check,
            "severity": self.severity,
            "evidence": self.evidence,
            "advice": self.advice,
        }


@dataclass
class CritiqueResult:
    kind: str
    findings: list[Finding]
    passed: list[str]
    summary: str
    mode: Literal["offline", "llm"]
    rewrite: str | None = None
    template: str | None = None
    notice: str | None = None
    #: Checks that apply to this kind (flagged or passed); not part of the JSON contract.
    applicable: list[str] = field(default_factory=list, repr=False)

    @property
    def looks_good(self) -> list[str]:
        """Passed checks with no finding at all (not even a note): what to call "looks good"."""
        noted = {f.check for f in self.findings}
        return [c for c in self.passed if c not in noted]

    @property
    def flagged(self) -> list[str]:
        """Check ids with a warning or error finding, in finding order, without repeats."""
        seen: list[str] = []
        for f in self.findings:
            if f.flagged and f.check not in seen:
                seen.append(f.check)
        return seen

    def to_json(self) -> dict[str, Any]:
        if self.rewrite is not None:
            suggestion: dict[str, str] | None = {"type": "rewrite", "text": self.rewrite}
        elif self.template is not None:
            suggestion = {"type": "template", "text": self.template}
        else:
            suggestion = None
        return {
            "kind": self.kind,
            "findings": [f.to_json() for f in self.findings],
            "passed": list(self.passed),
            "summary": self.summary,
            "mode": self.mode,
            "suggestion": suggestion,
            "notice": self.notice,
        }
