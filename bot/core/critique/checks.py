"""The deterministic checks. Each takes a parsed :class:`Draft` and a :class:`Context` and
returns :class:`Hit` objects (a finding plus its position, for ordering).

The checks describe the grammar of each problem — phrase patterns, word lists, counts and the
parts of a message — and live with their data in ``bot/core/critique/data``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

from bot.core.base import text as textutil
from bot.core.base.identity import introduction
from bot.core.critique.draft import _EMAIL, _GREETING, _PHONE, _URL, Draft, is_full_name, name_tokens
from bot.core.critique.lexicon import Rule, lexicon, messages, phrases, rules
from bot.core.critique.model import NO_AAMC_CHECK_KINDS, WORD_LIMITS
from bot.core.critique.spelling import Slip, mechanics_slips, spell_checker

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Context:
    kind: str
    contacted_first: str = "unknown"
    phase: str = "during-soap"
    profile: Mapping[str, str] = field(default_factory=dict)
    #: Did the student apply to this program? ("no" makes any contact during SOAP an error.)
    applied: str = "unknown"

    @property
    def is_email(self) -> bool:
        return self.kind != "resident-message"

    def slot(self, key: str, default: str) -> str:
        value = (self.profile or {}).get(key)
        return str(value).strip() if value and str(value).strip() else default


@dataclass(frozen=True)
class Hit:
    check: str
    severity: str
    evidence: str
    advice: str
    pos: int
    #: The messages.toml [summary] phrase for this finding when not the check's own.
    summary: str | None = None


def advice(key: str, ctx: Context, **extra: object) -> str:
    """A line from messages.toml [advice], with profile details filled in where known."""
    contact_bits = [ctx.slot("email", ""), ctx.slot("phone", "")]
    contact = " | ".join(b for b in contact_bits if b) or "email | phone"
    values: dict[str, object] = {
        "name": ctx.slot("name", "[your full name]"),
        "school": ctx.slot("school", "[your school]"),
        "role": ctx.slot("degree", "fourth-year student"),
        "intro": introduction({k: str(v).strip() for k, v in (ctx.profile or {}).items() if v}),
        "aamc_id": ctx.slot("aamc_id", "8 digits"),
        "program": "[program name]",
        "contact": contact,
    }
    values.update(extra)
    return messages()["advice"][key].format(**values)


# ---------------------------------------------------------------------- phrase rules
@dataclass
class RuleHit:
    rule: Rule
    start: int
    end: int


def rule_hits(d: Draft, check: str, start: int = 0, end: int | None = None) -> list[RuleHit]:
    end = len(d.masked) if end is None else end
    hits: list[RuleHit] = []
    for rule in rules().get(check, ()):
        for m in rule.regex.finditer(d.masked, start, end):
            if m.end() == m.start():
                continue
            if rule.context is not None:
                sent = d.sentence_at(m.start())
                if sent is None or not rule.context.search(sent.text):
                    continue
            hits.append(RuleHit(rule, m.start(), m.end()))
    hits.sort(key=lambda h: h.start)
    return hits


def _dedupe_overlaps(hits: list[RuleHit]) -> list[RuleHit]:
    """One hit per sentence-level overlap: keep the heavier of two hits on the same words."""
    out: list[RuleHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            if h.rule.weight > out[-1].rule.weight:
                out[-1] = h
            continue
        out.append(h)
    return out


def phrase_check(d: Draft, check: str, default_severity: str = "warning") -> list[Hit]:
    """Weighted phrase rules: flagged at two points (one weight-2 hit or two weight-1 hits)."""
    hits = rule_hits(d, check)
    if not hits:
        return []
    counted = _dedupe_overlaps(hits)
    total = sum(h.rule.weight for h in counted)
    if total < 2:
        return []
    severity = min((h.rule.severity or default_severity for h in counted), key=lambda s: SEVERITY_RANK[s])
    lead = min(
        counted,
        key=lambda h: (SEVERITY_RANK[h.rule.severity or default_severity], -h.rule.weight, h.start),
    )
    ev = d.evidence(lead.start, lead.end, lead.rule.evidence)
    extra = len({(d.sentence_at(h.start) or h).start for h in counted}) - 1
    return [Hit(check, severity, ev, lead.rule.advice + also_elsewhere(extra), lead.start)]


def also_elsewhere(n: int) -> str:
    """The "(Also in 2 other places.)" note after advice whose evidence quotes one place of several."""
    if n <= 0:
        return ""
    return " " + messages()["advice"]["also-elsewhere"].format(n=n, s="s" if n != 1 else "")


# ---------------------------------------------------------------------- placeholder
def check_placeholder(d: Draft, ctx: Context) -> list[Hit]:
    hits = _dedupe_overlaps(rule_hits(d, "placeholder"))
    if not hits:
        return []
    first = hits[0]
    quotes = []
    for h in hits:
        q = d.evidence(h.start, h.end, "match")
        if q and q not in quotes:
            quotes.append(q)
    tip = first.rule.advice
    if len(quotes) > 1:
        shown = ", ".join(f"“{q}”" for q in quotes[:4])
        tip = f"Fill in or delete every template slot before sending: {shown}." + also_elsewhere(len(quotes) - 4)
    return [Hit("placeholder", "error", quotes[0] if quotes else "", tip, first.start)]


def placeholder_spans(d: Draft) -> list[tuple[int, int]]:
    return [(h.start, h.end) for h in rule_hits(d, "placeholder")]


# ---------------------------------------------------------------------- greeting
def greeting_names(d: Draft) -> list[str]:
    """Name tokens in the greeting ("Dear Dr. Ibarra," -> ["Ibarra"])."""
    if not d.greeting:
        return []
    g = d.greeting_text
    m = _GREETING.match(g)
    rest = g[m.end() :] if m else g
    lex = lexicon()
    names = []
    # Written all in lower case ("hi dr. lindahl"), a name has no capital to show it.
    lower_case = not any(c.isupper() for c in g)
    for tok in re.findall(r"[A-Za-z\u00C0-\u024F][\w'\u00C0-\u024F./-]*", rest):
        low = tok.lower().strip(".")
        if low in lex["generic_greeting_words"] or low + "." in lex["titles"] or low in lex["titles"]:
            continue
        if (tok[0].isupper() or (lower_case and tok.strip(".").isalpha())) and len(tok.strip(".")) >= 2:
            names.append(tok.strip("."))
    return names


def check_generic_greeting(d: Draft, ctx: Context) -> list[Hit]:
    if d.greeting is None:
        if ctx.is_email:
            return [Hit("generic-greeting", "warning", "", advice("greeting-missing", ctx), d.body_start)]
        return [Hit("generic-greeting", "info", "", advice("greeting-missing-info", ctx), d.body_start)]
    a, b = d.greeting
    if any(a <= s < b for s, _ in placeholder_spans(d)):
        return []  # an unfilled name is reported as a placeholder
    names = greeting_names(d)
    ev = d.quote(a, b)
    if not names:
        return [Hit("generic-greeting", "warning", ev, advice("greeting-generic", ctx), a)]
    lex = lexicon()
    words = {w.lower().strip(".,") for w in d.greeting_text.split()}
    has_title = bool(words & lex["titles"])
    if words & lex["institution_words"] and not has_title:
        return [Hit("generic-greeting", "info", ev, advice("greeting-institution", ctx), a)]
    return []


# ---------------------------------------------------------------------- subject line
def subject_example(ctx: Context) -> str:
    """An example subject line that fits the kind: a thank-you, a follow-up, a reply in the
    program's thread (during SOAP) or, after SOAP, a first email about an open position."""
    examples = messages()["subject_examples"]
    if ctx.kind in examples:
        key = ctx.kind
    elif ctx.phase == "during-soap" or ctx.contacted_first == "yes":
        key = "reply"
    else:
        key = "open-position"
    return examples[key].format(
        program="[program name]", name=ctx.slot("name", "[your name]"), aamc_id=ctx.slot("aamc_id", "[AAMC ID]")
    )


def check_subject_line(d: Draft, ctx: Context) -> list[Hit]:
    example = subject_example(ctx)
    if d.subject is None or not d.subject_text:
        return [Hit("subject-line", "warning", "", advice("subject-missing", ctx, example=example), 0)]
    subject = re.sub(r"^(?:\s*(?:re|fwd?|fw)\s*:\s*)+", "", d.subject_text, flags=re.IGNORECASE)
    if _subject_is_specific(subject):
        return []
    # A reply keeps the program's own subject line: worth a tip, not a problem; so is a thank-you or
    # a follow-up that says it is about the interview ("Thank you for the interview today").
    reply = subject != d.subject_text
    about_the_interview = ctx.kind in ("thank-you", "follow-up") and bool(_ABOUT_THE_INTERVIEW.search(subject))
    severity = "info" if (reply and subject.strip()) or about_the_interview else "warning"
    tip = advice("subject-vague", ctx, example=example)
    return [Hit("subject-line", severity, d.quote(*d.subject), tip, d.subject[0])]


#: A thank-you's or follow-up's subject that names what it is about.
_ABOUT_THE_INTERVIEW = re.compile(
    r"\b(?:thank|thanks|following|follow-up|follow)\b[^\n]{0,40}\binterview\b|\binterview\b[^\n]{0,20}\b(?:thank|thanks)\b",
    re.IGNORECASE,
)


def _subject_is_specific(subject: str) -> bool:
    """Names something: a number (date, ID), a specialty, a name, or two content words.

    Subject lines are often in Title Case, so a capital letter alone proves nothing: a
    capitalised word counts as a name when the dictionary does not know it or when it sits in
    a run of capitalised words ("Cedar Ridge").
    """
    lex = lexicon()
    low = subject.lower()
    if re.search(r"\d", subject):
        return True
    if any(re.search(rf"(?<![\w-]){re.escape(sp)}(?![\w-])", low) for sp in lex["specialty_words"] if len(sp) > 3):
        return True
    generic = lex["subject_generic_words"] | lex["non_specific_caps"]
    sc = spell_checker()
    content = 0
    run = 0
    for tok in textutil.words(subject):
        t = tok.lower()
        if t in generic:
            run = 0
            continue
        if tok[0].isupper():
            run += 1
            if run >= 2 or not sc.known([t]):
                return True
        else:
            run = 0
        content += 1
    return content >= 2


# ---------------------------------------------------------------------- introduction
_INTRO_NAME = re.compile(r"\b(?:[Mm]y name is|I am|I'm|[Tt]his is)\s+(?:Dr\.?\s+)?([A-Z][\w'\u00C0-\u024F-]+)")
_INTRO_FULL = re.compile(
    r"\b(?:[Mm]y name is|I am|I'm|[Tt]his is)\s+(?:Dr\.?\s+)?[A-Z][\w'\u00C0-\u024F-]+\s+[A-Z][\w'\u00C0-\u024F-]+"
)
_INTRO_STOP = lexicon()["intro_stop"]
#: A name given as the body's opening, the way people write to someone they just met, in any case:
#: "Tyler Ngata — I interviewed today", "grace oyelaran-hughes here", "its keisha odom-fairley, the
#: pinecrest DO", "It is Viktor Petrenko, we met at ...", "ethan brightwater from the ... interview".
_NAME_WORD = r"[^\W\d_][\w'\u00C0-\u024F-]+"
_INTRO_OPENING = re.compile(
    rf"^\s*(?:(?:it'?s|it is|this is|my name is|i am|i'm|im)\s+)?(?:dr\.?\s+)?({_NAME_WORD})\s+({_NAME_WORD})"
    r"(?:\s+(?:here|again)\b|\s*\(|\s+from\s+(?:the|your|yesterday|today|this|last)\b|\s*[\u2014\u2013]|\s+-\s"
    r"|,\s+(?:the|a|an|one of|from|who|we|i)\b)",
    re.IGNORECASE,
)
#: Words that open a sentence and are not a name ("Thank you — ...", "Good morning, I ...").
_NOT_NAMES = _INTRO_STOP | lexicon()["subject_generic_words"] | lexicon()["opening_not_names"]


#: A name given near the start with words that say it is the writer's, in the greeting's line or
#: the sentence after it: "Hi Dr. Salcedo it's Darnell Price (Cedar Fork SOM ...)", "Dear Dr.
#: Fonseca, sorry for disturbing at night. Myself Dr. Farzana Haque from Dhaka".
_INTRO_NEAR_START = re.compile(
    rf"\b(?:it'?s|its|it is|this is|my name is|myself)\s+(?:dr\.?\s+)?({_NAME_WORD})\s+({_NAME_WORD})",
    re.IGNORECASE,
)
#: How far past the greeting that name may come.
_INTRO_REACH = 200


def opening_name(d: Draft) -> list[str]:
    """The first and last name a draft opens its body with, if it does (see _INTRO_OPENING), or
    gives near its start after "it's" or "myself" (see _INTRO_NEAR_START)."""
    m = _INTRO_OPENING.match(d.body_text)
    if m and not any(w.lower() in _NOT_NAMES for w in m.groups()):
        return list(m.groups())
    for m in _INTRO_NEAR_START.finditer(d.masked[: d.body[0] + _INTRO_REACH]):
        # a name, not "it's Monday morning" or "this is my second message"
        if not any(w.lower() in _NOT_NAMES for w in m.groups()) and is_full_name(name_tokens(" ".join(m.groups()))):
            return list(m.groups())
    return []


_ROLE = phrases()["role"]
_SIG_ROLE = phrases()["signature_role"]
_AAMC = re.compile(
    r"\b(?:aamc|eras)\s*(?:id|identification|number|no\.?|#)?\s*(?:number|no\.?|#)?\s*[:#-]?\s*(?:is\s+)?"
    r"(\d(?:[ \t-]?\d){5,11})\b|\bID\s*[:#]?\s*(\d{8})\b",
    re.IGNORECASE,
)
_AAMC_SLOT = re.compile(r"\b(?:aamc|eras)\s*(?:id)?\s*[:#-]?\s*(?:\[|<|\{|X{3,}|x{3,}|_{3,}|#{3,})", re.IGNORECASE)


def intro_names(d: Draft) -> list[str]:
    out = []
    for m in _INTRO_NAME.finditer(d.body_text):
        if m.group(1).lower() not in _INTRO_STOP:
            out.append(m.group(1))
    return out


def aamc_ids(d: Draft) -> list[tuple[str, int, int]]:
    """(digits, start, end) of every labelled AAMC/ERAS ID in the draft; the span is the number's."""
    out = []
    for m in _AAMC.finditer(d.masked):
        group = 1 if m.group(1) else 2
        a = m.start(group)
        b = a + _id_length(m.group(group))
        out.append((re.sub(r"\D", "", d.masked[a:b]), a, b))
    return out


def _id_length(number: str) -> int:
    """How much of a matched number is the ID: "1234 5678" is one ID, but in "12345678 608-555-0101"
    or "1234-5678 401 555 0112" a phone number follows it (the ID ends where 8 digits are reached)."""
    runs = list(re.finditer(r"\d+", number))
    count = 0
    for run in runs:
        count += len(run.group(0))
        if count == 8:
            return run.end()
        if count > 8:
            break
    return runs[0].end() if len(runs[0].group(0)) >= 6 else len(number)


def malformed_aamc_ids(d: Draft) -> list[tuple[str, int, int]]:
    """Labelled IDs that are not 8 digits long (an AAMC ID always has 8)."""
    return [x for x in aamc_ids(d) if len(x[0]) != 8]


def check_no_introduction(d: Draft, ctx: Context) -> list[Hit]:
    """The writer is identified by a full name, or by part of a name together with a role,
    school, AAMC ID or email address. A role alone ("a SOAP applicant") does not say who."""
    if is_full_name(d.signature_name):
        return []
    if _INTRO_FULL.search(d.body_text) and intro_names(d):
        return []
    if opening_name(d):
        return []
    partial = bool(d.signature_name) or bool(intro_names(d))
    role = bool(_ROLE.search(d.body_text) or _SIG_ROLE.search(d.signature_text) or _ROLE.search(d.signature_text))
    has_id = any(len(x[0]) == 8 for x in aamc_ids(d))
    has_email = bool(_EMAIL.search(d.signature_text) or _EMAIL.search(d.body_text))
    if partial and (role or has_id or has_email):
        return []
    return [Hit("no-introduction", "warning", "", advice("no-introduction", ctx), d.body[0])]


# ---------------------------------------------------------------------- signature
def check_no_signature(d: Draft, ctx: Context) -> list[Hit]:
    end = len(d.masked)
    if d.closing_span is None and not d.signature_lines:
        return [Hit("no-signature", "warning", "", advice("no-signature-missing", ctx), end)]
    name = d.signature_name
    if not name:
        ev = d.quote(*d.closing_span) if d.closing_span is not None else ""
        closing = d.closing_text or "your sign-off"
        return [Hit("no-signature", "warning", ev, advice("no-signature-noname", ctx, closing=closing), end)]
    sig_contact = bool(_EMAIL.search(d.signature_text) or _PHONE.search(d.signature_text)) or d.has_contact
    name_line = next((ln for ln in d.signature_lines[:3] if name_tokens(ln.text)), None)
    ev = d.quote(name_line.start, name_line.end) if name_line else ""
    if is_full_name(name):
        return []
    initials_only = len(name) >= 2 or re.fullmatch(r"[A-Z]\.", name[0]) is not None
    if initials_only:
        if sig_contact:
            return []
        return [Hit("no-signature", "warning", ev, advice("no-signature-initial", ctx), end)]
    # A first name only.
    opening = opening_name(d)
    full_elsewhere = (
        any(n == name[0] for n in intro_names(d))
        and bool(re.search(rf"\b{re.escape(name[0])}\s+[A-Z][\w'-]+", d.body_text))
    ) or (bool(opening) and opening[0].lower() == name[0].lower())
    if not ctx.is_email or full_elsewhere:
        return []
    if sig_contact:
        return [Hit("no-signature", "info", ev, advice("no-signature-first-only", ctx), end)]
    return [Hit("no-signature", "warning", ev, advice("no-signature-first-only", ctx), end)]


# ---------------------------------------------------------------------- AAMC ID
def check_missing_aamc_id(d: Draft, ctx: Context) -> list[Hit]:
    """Missing: a warning to a coordinator or program director, a tip in a follow-up. Wrong (not
    8 digits): always a warning, quoting the number. (Kinds this check does not apply to report
    a wrong ID under mechanics.)"""
    bad = malformed_aamc_ids(d)
    if bad:
        digits, a, b = bad[0]
        tip = advice("aamc-bad", ctx, aamc_id=digits)
        return [Hit("missing-aamc-id", "warning", d.quote(a, b), tip, a, summary="missing-aamc-id-bad")]
    if aamc_ids(d):
        return []
    severity = "warning" if ctx.kind in ("coordinator-email", "program-director-email") else "info"
    slot = _AAMC_SLOT.search(d.masked)
    if slot:
        # "AAMC ID: [insert AAMC ID]": the blank is a placeholder, and the ID is still missing.
        tip = advice("aamc-slot", ctx)
        return [Hit("missing-aamc-id", severity, d.evidence(slot.start(), slot.end()), tip, slot.start())]
    key = "aamc-missing" if severity == "warning" else "aamc-missing-info"
    return [Hit("missing-aamc-id", severity, "", advice(key, ctx), len(d.masked))]


# ---------------------------------------------------------------------- length
# Same word pattern as bot.core.base.text.words (which gives no positions).
_COUNT_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019\-][A-Za-z0-9\u00C0-\u024F]+)*")


def check_too_long(d: Draft, ctx: Context) -> list[Hit]:
    limit = WORD_LIMITS[ctx.kind]
    content_start = len(d.masked) - len(d.content_text)
    # bot.core.base.text's word pattern, except that an email address, URL or phone number is one word
    content = d.content_text
    for pat in (_EMAIL, _URL, _PHONE):
        content = pat.sub(lambda m: "w" + " " * (len(m.group(0)) - 1), content)
    words = list(_COUNT_WORD.finditer(content))
    count = len(words)
    if count <= limit:
        return []
    first = words[limit]
    a = content_start + first.start()
    line_end = d.masked.find("\n", a)
    line_end = len(d.masked) if line_end == -1 else line_end
    stop = words[min(limit + 11, count - 1)]
    b = min(content_start + stop.end(), line_end)
    sent = d.sentence_at(a)
    if sent is not None:
        b = min(b, sent.end)
    return [Hit("too-long", "warning", d.quote(a, b), advice("too-long", ctx, count=count, limit=limit), a)]


# ---------------------------------------------------------------------- mechanics
def check_mechanics(d: Draft, ctx: Context) -> list[Hit]:
    slips = mechanics_slips(d)
    if ctx.kind in NO_AAMC_CHECK_KINDS:
        # missing-aamc-id does not apply here, but a wrong ID is still a slip worth fixing
        for digits, a, b in malformed_aamc_ids(d):
            slips.append(Slip(a, b, 2, f"AAMC ID '{digits}' has {len(digits)} digits (it should have 8)"))
    if not slips:
        return []
    total = sum(s.points for s in slips)
    lead = max(slips, key=lambda s: (s.points, -s.start))
    labels = []
    for s in slips:
        if s.label not in labels:
            labels.append(s.label)
    items = "; ".join(labels[:5]) + (f"; and {len(labels) - 5} more" if len(labels) > 5 else "")
    severity = "warning" if total >= 2 else "info"
    return [
        Hit(
            "mechanics",
            severity,
            d.quote(lead.start, lead.end),
            advice("mechanics-intro", ctx, items=items),
            lead.start,
        )
    ]


# ---------------------------------------------------------------------- personalization
_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F][\w'\u00C0-\u024F&.-]*")
_CONNECTORS = lexicon()["name_connectors"]
_TITLES = lexicon()["title_abbreviations"]
_BACKGROUND_BEFORE = phrases()["background_before"]
_GENERIC_PRAISE = phrases()["generic_praise"]
_GENERIC_MENTION = phrases()["generic_mention"]
_LEARNED = phrases()["learned_about"]


def _feature_nouns() -> str:
    return "|".join(re.escape(n) for n in sorted(lexicon()["feature_nouns"], key=len, reverse=True))


def _feature_regex() -> re.Pattern[str]:
    alt = _feature_nouns()
    return re.compile(
        rf"\b(?:your|the program's|the residency's|its|their|the department's)\s+"
        rf"(?:[\w'/+-]+\s+){{0,4}}?(?:{alt})(?![\w-])"
        # something from the conversation: "those rural outreach shifts", "the night float redesign
        # u mentioned", "the reliability question we talked about"
        rf"|\b(?:those|these)\s+(?:[\w'/+-]+\s+){{0,3}}?(?:{alt})(?![\w-])"
        rf"|\bthe\s+(?:[\w'/+-]+\s+){{1,4}}?(?:you|u|dr\.?\s+[\w'-]+|he|she|they|we)\s+"
        rf"(?:mentioned|described|talked about|told me about|brought up|showed me|discussed|raised)\b",
        re.IGNORECASE,
    )


@cache
def _training_question() -> re.Pattern[str]:
    """A question about how this program trains its interns ("do the PGY-1s get protected
    didactics on wednesdays?", "do interns on the urgent care block see peds too?")."""
    return re.compile(
        rf"\b(?:interns?|residents?|pgy-?[123]s?|prelims?|tys?|juniors?|seniors?)\b[^?.!\n]{{0,80}}?"
        rf"\b(?:{_feature_nouns()})(?![\w-])[^?.!\n]{{0,100}}\?"
        rf"|\b(?:{_feature_nouns()})(?![\w-])[^?.!\n]{{0,60}}?\b(?:interns?|residents?|pgy-?[123]s?|prelims?)\b[^?.!\n]{{0,80}}\?",
        re.IGNORECASE,
    )


_FEATURE: re.Pattern[str] | None = None
Token = tuple[str, int, int]  # (word, start, end) in Draft.masked


def _capitalised_runs(text: str, start: int, end: int) -> list[list[Token]]:
    """Runs of capitalised words joined by single spaces ("Tern Harbor Family Medicine",
    "Dr. Ferris", "University of Ibadan"); a run ends after a possessive or a full stop."""
    runs: list[list[Token]] = []
    cur: list[Token] = []
    for m in _TOKEN.finditer(text, start, end):
        tok = (m.group(0), m.start(), m.end())
        cap = tok[0][0].isupper()
        if cur:
            prev = cur[-1]
            joins = (
                text[prev[2] : tok[1]] == " "
                and (cap or tok[0].lower() in _CONNECTORS)
                and (not prev[0].endswith((".", "'s", "s'")) or prev[0].lower().rstrip(".") in _TITLES)
            )
            if joins:
                cur.append(tok)
                continue
            runs.append(cur)
            cur = []
        if cap:
            cur = [tok]
    if cur:
        runs.append(cur)
    for run in runs:
        while run and run[-1][0].lower() in _CONNECTORS:
            run.pop()
    return [r for r in runs if r]


def _people_in_draft(d: Draft) -> tuple[set[str], set[str]]:
    """Name words of the writer and of the person greeted (neither is a program detail;
    an institution greeted by name is)."""
    lex = lexicon()
    writer = {t.lower() for t in d.signature_name} | {t.lower() for t in intro_names(d)}
    for m in re.finditer(r"\b(?:[Mm]y name is|I am|I'm)\s+((?:[A-Z][\w'-]+\s*){1,4})", d.body_text):
        writer |= {t.lower() for t in m.group(1).split()}
    greet_words = {w.lower().strip(".,") for w in d.greeting_text.split()}
    institutional = bool(greet_words & lex["institution_words"]) and not (greet_words & lex["titles"])
    recipient = set() if institutional else {t.lower() for t in greeting_names(d)}
    return writer, recipient


def _run_points(d: Draft, run: list[Token], region_start: int, exclude: set[str]) -> int:
    """2 for a program, place or person named in the run, 1 for a lone capitalised word, 0 for
    names of the writer or recipient, generic words, or the writer's own background."""
    lex = lexicon()
    text = d.masked
    sent = d.sentence_at(run[0][1])
    initial = sent is not None and sent.start == run[0][1]
    if initial and run[0][0].lower().rstrip(".,") in lex["sentence_starters"]:
        run = run[1:]
        while run and run[0][0].lower() in _CONNECTORS:
            run = run[1:]
        if not run:
            return 0
        initial = False
    words = [w.strip(".,").replace("\u2019", "'") for w, _, _ in run]
    skip = lex["non_specific_caps"] | lex["places"] | lex["generic_greeting_words"] | lex["specialty_words"]
    skip = skip | exclude
    core = [w for w in words if w.lower() not in _CONNECTORS and re.sub(r"'s?$", "", w.lower()) not in skip]
    if not core:
        return 0
    if initial and len(run) == 1 and spell_checker().known([core[0].lower()]):
        return 0  # an ordinary word that starts a sentence
    before = text[max(region_start, run[0][1] - 60) : run[0][1]]
    if _BACKGROUND_BEFORE.search(before):
        return 0  # "my rotation at Mercy General", "a graduate of Cairo University"
    if any(w.lower() in lex["school_words"] for w in words) and re.search(
        r"\b(?:at|from|of)\s+(?:the\s+)?$", before, re.IGNORECASE
    ):
        return 0
    possessive = any(w.endswith(("'s", "s'")) for w in words)
    titled = run[0][0].lower().rstrip(".") in _TITLES
    named = len([w for w in words if w.lower() not in _CONNECTORS]) >= 2  # "Ridgeline Family Medicine"
    return 2 if (len(core) >= 2 or possessive or titled or named) else 1


def _feature_points(d: Draft) -> int:
    """Concrete features ("your newborn continuity clinic", "hearing about the refugee clinic")."""
    global _FEATURE
    if _FEATURE is None:
        _FEATURE = _feature_regex()
    generic = lexicon()["generic_objects"]
    body = d.body_text
    points = 0
    for m in _FEATURE.finditer(body):
        words = [w.lower() for w in re.findall(r"[\w'/+-]+", m.group(0))[1:]]
        if words[-1] == "program's" and all(w in generic for w in words[:-1]):
            continue
        points += 1
    for m in _LEARNED.finditer(body):
        obj = [w.lower() for w in re.findall(r"[\w'-]+", m.group(1))[:4]]
        if obj and not all(w in generic for w in obj):
            points += 1
    return min(points, 2)


def personalization_score(d: Draft) -> int:
    """2+ means the draft names something specific to this program or person."""
    writer, recipient = _people_in_draft(d)
    regions = [d.subject, d.body] if d.subject else [d.body]
    score = 0
    for ra, rb in regions:
        for run in _capitalised_runs(d.masked, ra, rb):
            score += _run_points(d, run, ra, writer | recipient)
            if score >= 2:
                return score
    return score + _feature_points(d)


# One name for each specialty a program is named by, for telling two apart.
_SPECIALTY_NAMES = {
    "internal medicine": "internal medicine",
    "family medicine": "family medicine",
    "family practice": "family medicine",
    "pediatrics": "pediatrics",
    "general surgery": "surgery",
    "surgery": "surgery",
    "psychiatry": "psychiatry",
    "emergency medicine": "emergency medicine",
    "neurology": "neurology",
    "obstetrics and gynecology": "obstetrics and gynecology",
    "ob/gyn": "obstetrics and gynecology",
    "obgyn": "obstetrics and gynecology",
    "anesthesiology": "anesthesiology",
    "diagnostic radiology": "radiology",
    "radiology": "radiology",
    "pathology": "pathology",
    "dermatology": "dermatology",
    "physical medicine and rehabilitation": "physical medicine and rehabilitation",
}
_SPECIALTY_ALT = "|".join(re.escape(k) for k in sorted(_SPECIALTY_NAMES, key=len, reverse=True))
# A specialty, or a one-year track, in a subject line's run of capitalised words
_SUBJECT_SPECIALTY = re.compile(rf"\b(?:{_SPECIALTY_ALT}|transitional year|preliminary)\b")
# "an emergency medicine residency", "emergency medicine is my calling"
_SPECIALTY_AS_GOAL = re.compile(
    rf"\b(?:a|an|my|the|your|this)\s+({_SPECIALTY_ALT})\s+(?:residency|program|training|position|career)\b"
    rf"|\b({_SPECIALTY_ALT})\s+(?:is|has always been|has been)\s+my\s+(?:calling|passion|dream|future|path)\b",
    re.IGNORECASE,
)
# Where a name is another program's: "an offer from X", "I applied to X", "a program like X".
_ELSEWHERE_BEFORE = re.compile(
    r"\b(?:from|with|like|than|applied to|applying to|accepted|other|another|booth|also)\b[^.!?\n]{0,30}$",
    re.IGNORECASE,
)
# Where a program's name is used as the place the writer hopes to be ("join the X family").
_JOINING_BEFORE = re.compile(
    r"\b(?:join(?:ing)?|train(?:ing)? at|grow(?:ing)? at|match(?:ing)? (?:at|with)|part of|future at|home at)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)


@cache
def _specialty_tokens() -> frozenset[str]:
    words = {w for sp in lexicon()["specialty_words"] for w in sp.split()}
    return frozenset(words | {"residency", "program", "year"})


def _run_words(run: list[Token]) -> list[str]:
    return [re.sub(r"['\u2019]s?$", "", w.strip(".,:;").lower()) for w, _, _ in run]


def _subject_program(d: Draft) -> tuple[set[str], str | None]:
    """The name words and the specialty of the program a subject line names ("Re: Interview –
    Brindlemoor Pediatrics" -> {"brindlemoor"}, "pediatrics")."""
    if not d.subject:
        return set(), None
    lex = lexicon()
    spec = _specialty_tokens()
    skip = lex["non_specific_caps"] | lex["places"] | lex["generic_greeting_words"] | lex["subject_words"]
    a, b = d.subject
    for run in _capitalised_runs(d.masked, a, b):
        words = _run_words(run)
        m = _SUBJECT_SPECIALTY.search(" ".join(words))
        if m is None:
            continue
        name = {w for w in words if w not in spec and w not in _CONNECTORS and w not in skip}
        if name:
            return name, _SPECIALTY_NAMES.get(m.group(0))
    return set(), None


def _other_program_named(d: Draft, program: set[str]) -> tuple[int, int] | None:
    """A program named in the body that is not the one in the subject line, spoken of as this
    program ("join the X family", "growing at X", "X's newborn clinic", "X has been my first
    interest"): a paragraph left from a draft to another program. A name also spoken of as another
    program ("an offer from X", "I applied to X", "a program like X") is not counted, nor are
    people, schools, hospitals and places."""
    lex = lexicon()
    writer, recipient = _people_in_draft(d)
    people = writer | recipient
    for m in re.finditer(r"\b(?:Dr|Mr|Ms|Mrs|Mx|Prof)\.?\s+(?:[A-Z][\w'-]+\s+)?([A-Z][\w'-]+)", d.masked):
        people.add(m.group(1).lower())
    spec = _specialty_tokens()
    skip = lex["non_specific_caps"] | lex["places"] | lex["generic_greeting_words"] | spec
    not_program = lex["institution_words"] | lex["school_words"] | lex["not_program_words"]
    features = _feature_nouns()
    a, b = d.body
    claimed: dict[str, tuple[int, int]] = {}
    elsewhere: set[str] = set()
    for run in _capitalised_runs(d.masked, a, b):
        if run[0][0].lower().rstrip(".") in _TITLES:
            continue
        words = _run_words(run)
        core = [w for w in words if w not in _CONNECTORS and w not in skip]
        if len(core) < 2 or set(core) & program or set(core) & people:
            continue
        if set(words) & not_program and not re.search(
            rf"\b{re.escape(core[0])}(?:'s)?\s+(?:residents|interns|residency|program)\b", d.masked[a:b], re.I
        ):
            continue  # a hospital or a school, unless its residents or its program are spoken of too
        start, end = run[0][1], run[-1][2]
        before, after = d.masked[max(a, start - 60) : start], d.masked[end : end + 60]
        key = " ".join(core)
        if _BACKGROUND_BEFORE.search(before) or _ELSEWHERE_BEFORE.search(before):
            elsewhere.add(key)
            continue
        possessive = run[-1][0].endswith(("'s", "\u2019s"))
        if (
            _JOINING_BEFORE.search(before)
            or re.match(r"\s+family\b|\s+has been (?:one of )?my\b", after, re.I)
            or (possessive and re.match(rf"\s+(?:[\w-]+\s+){{0,3}}?(?:{features})(?![\w-])", after, re.I))
        ):
            claimed.setdefault(key, (start, end))
    for key, span in claimed.items():
        if key not in elsewhere:
            return span
    return None


def _other_specialty_named(d: Draft, specialty: str | None) -> tuple[int, int] | None:
    """The body speaks of a residency in another specialty than the program's ("an emergency
    medicine residency" to a family medicine program) and never of the program's own."""
    a, b = d.body
    body = d.masked[a:b]
    if specialty is None or re.search(re.escape(specialty), body, re.IGNORECASE):
        return None
    # a preliminary or transitional year leads to another specialty, which the writer may name
    if re.search(r"\b(?:prelim\w*|transitional|categorical|advanced|med-peds|ty)\b", d.subject_text + " " + body, re.I):
        return None
    for m in _SPECIALTY_AS_GOAL.finditer(d.masked, a, b):
        named = _SPECIALTY_NAMES[(m.group(1) or m.group(2)).lower()]
        if named != specialty and not _ELSEWHERE_BEFORE.search(d.masked[max(a, m.start() - 40) : m.start()]):
            return m.start(), m.end()
    return None


def _left_from_another_draft(d: Draft, ctx: Context) -> list[Hit]:
    program, specialty = _subject_program(d)
    span = _other_program_named(d, program) if program else None
    key = "not-personalized-other-program"
    if span is None:
        span = _other_specialty_named(d, specialty)
        key = "not-personalized-other-specialty"
    if span is None:
        return []
    named = d.quote(*span)
    return [Hit("not-personalized", "warning", d.evidence(*span), advice(key, ctx, named=named), span[0], key)]


def check_not_personalized(d: Draft, ctx: Context) -> list[Hit]:
    left = _left_from_another_draft(d, ctx)
    if left:
        return left
    if personalization_score(d) >= 2:
        return []
    if ctx.kind == "resident-message" and _training_question().search(d.body_text):
        return []  # a resident asked how their program trains interns: not a message for any program
    body_a, body_b = d.body
    m = _GENERIC_PRAISE.search(d.masked, body_a, body_b)
    if m:
        return [
            Hit(
                "not-personalized",
                "warning",
                d.evidence(m.start(), m.end()),
                advice("not-personalized-praise", ctx),
                m.start(),
            )
        ]
    m = _GENERIC_MENTION.search(d.masked, body_a, body_b)
    if m:
        return [
            Hit(
                "not-personalized",
                "warning",
                d.evidence(m.start(), m.end()),
                advice("not-personalized", ctx),
                m.start(),
            )
        ]
    if not any(c.isupper() for c in d.masked[body_a:body_b]):
        # Written all in lower case, a program's name or a clinic shows no capitals to find; only
        # generic praise or a generic mention (above) says the draft could go to any program.
        return []
    return [Hit("not-personalized", "warning", "", advice("not-personalized", ctx), body_a)]


# ---------------------------------------------------------------------- questions
_ASKING = phrases()["asking"]
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*\u2022])\s+")


def question_sentences(d: Draft) -> list[tuple[int, int, str]]:
    out = []
    in_list = False
    for s in d.sentences:
        if s.start < d.body[0] or s.start >= d.body[1]:
            continue
        line = d.masked[d.masked.rfind("\n", 0, s.start) + 1 : s.end]
        is_item = bool(_LIST_ITEM.match(line)) and line.strip().startswith(s.text[:3])
        if re.search(r"\bquestions?\b", s.text, re.IGNORECASE) and s.text.rstrip().endswith(":"):
            in_list = True
        elif not is_item and not s.text.endswith("?"):
            in_list = False if s.text.endswith((".", "!")) else in_list
        if s.text.rstrip().endswith("?") or _ASKING.search(s.text) or (in_list and is_item):
            out.append((s.start, s.end, s.text))
    return out


#: Question topics that make the check fire on their own: pay and perks first, and questioning a
#: requirement or asking to be let off core training, private lives and nightlife. Other topics need
#: two questions.
_FIRES_ALONE = frozenset({"money", "requirements", "personal", "nightlife"})


def check_off_target_questions(d: Draft, ctx: Context) -> list[Hit]:
    questions = question_sentences(d)
    scored: list[tuple[int, RuleHit]] = []
    all_hits = rule_hits(d, "off-target-questions", d.body[0], d.body[1])
    for h in all_hits:
        in_question = any(a <= h.start < b for a, b, _ in questions)
        if h.rule.topic == "advocacy":
            scored.append((2, h))  # a favour asked of the reader, question or not
        elif h.rule.topic == "status" and (in_question or re.search(r"\bwhy\b", d.masked[h.start : h.end], re.I)):
            scored.append((2, h))
        elif in_question and h.rule.topic != "status":
            scored.append((2 if h.rule.topic in _FIRES_ALONE else 1, h))
    # count each sentence once per topic
    seen: set[tuple[int, str | None]] = set()
    total = 0
    kept: list[tuple[int, RuleHit]] = []
    for pts, h in scored:
        sent = d.sentence_at(h.start)
        key = (sent.start if sent else h.start, h.rule.topic)
        if key in seen:
            continue
        seen.add(key)
        total += pts
        kept.append((pts, h))
    if total < 2:
        return []
    pts, lead = max(kept, key=lambda x: (x[0], -x[1].start))
    n = len({d.sentence_at(h.start).start for _, h in kept if d.sentence_at(h.start)})  # type: ignore[union-attr]
    tip = lead.rule.advice + also_elsewhere(n - 1)
    summary = "off-target-advocacy" if lead.rule.topic == "advocacy" else None
    ev = d.evidence(lead.start, lead.end)
    return [Hit("off-target-questions", "warning", ev, tip, lead.start, summary=summary)]


# ---------------------------------------------------------------------- simple phrase checks
def check_desperation(d: Draft, ctx: Context) -> list[Hit]:
    return phrase_check(d, "desperation")


def check_negativity(d: Draft, ctx: Context) -> list[Hit]:
    return phrase_check(d, "negativity")


def check_self_deprecation(d: Draft, ctx: Context) -> list[Hit]:
    return phrase_check(d, "self-deprecation")


def check_oversharing(d: Draft, ctx: Context) -> list[Hit]:
    return phrase_check(d, "oversharing")


def check_commitment(d: Draft, ctx: Context) -> list[Hit]:
    return phrase_check(d, "commitment")


def check_pushy(d: Draft, ctx: Context) -> list[Hit]:
    return phrase_check(d, "pushy")


CheckFn = Callable[[Draft, Context], list[Hit]]
