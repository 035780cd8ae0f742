"""The SOAP interview question bank (data in ``data/question_bank.toml``) and interview plans.

Questions are data, not code: each has an id, the text an interviewer would say, a ``kind``
(see :data:`KINDS`), the specialties it suits (``"any"`` or a list from
:data:`SPECIALTIES`), audience tags (``img``, ``switching``, ``red-flag``: who the question
is aimed at), what a good answer contains, and optional follow-ups.

:func:`plan_interview` builds a realistic SOAP interview: the opening first, "why didn't you
match?" second, then fit (specialty and/or program), then a mix of other kinds, and
"questions for us" last. :func:`classify_question` maps free question text to a kind, so
the rubric can judge answers to questions that are not in the bank.
"""

from __future__ import annotations

import logging
import random
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_BANK_PATH = Path(__file__).resolve().parent / "data" / "question_bank.toml"

KINDS: tuple[str, ...] = (
    "opening",
    "why-didnt-you-match",
    "specialty",
    "program",
    "red-flag",
    "readiness",
    "prelim-ty",
    "visa",
    "strengths",
    "weaknesses",
    "clinical",
    "teamwork",
    "personal",
    "closing",
)

#: The specialty choices a student can pick (most SOAP positions are in these).
SPECIALTIES: tuple[str, ...] = (
    "internal-medicine",
    "family-medicine",
    "pediatrics",
    "emergency-medicine",
    "surgery",
    "psychiatry",
    "ob-gyn",
    "neurology",
    "transitional-year",
    "preliminary",
)

#: Audience tags: a tagged question is only asked of students it applies to.
AUDIENCE_TAGS: tuple[str, ...] = ("img", "switching", "red-flag")

SHORT_INTERVIEW = 4
FULL_INTERVIEW = 8
MIN_LENGTH, MAX_LENGTH = 4, 12

_SPECIALTY_ALIASES = {
    "im": "internal-medicine",
    "medicine": "internal-medicine",
    "fm": "family-medicine",
    "family": "family-medicine",
    "peds": "pediatrics",
    "paediatrics": "pediatrics",
    "em": "emergency-medicine",
    "emergency": "emergency-medicine",
    "general-surgery": "surgery",
    "psych": "psychiatry",
    "obgyn": "ob-gyn",
    "ob/gyn": "ob-gyn",
    "ob-gyn": "ob-gyn",
    "obstetrics-and-gynecology": "ob-gyn",
    "neuro": "neurology",
    "ty": "transitional-year",
    "transitional": "transitional-year",
    "prelim": "preliminary",
    "preliminary-year": "preliminary",
    "any": "",
    "none": "",
    "": "",
}

# Where each kind sits among the "other" questions of a full interview.
_OTHER_ORDER = (
    "red-flag",
    "strengths",
    "weaknesses",
    "clinical",
    "teamwork",
    "personal",
    "prelim-ty",
    "visa",
    "readiness",
)
_OPTIONAL_OTHERS = ("readiness", "strengths", "weaknesses", "clinical", "teamwork", "personal", "red-flag")
_FIELDS = {"id", "text", "kind", "specialties", "tags", "good_answer", "follow_ups"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")


class QuestionBankError(ValueError):
    """The question bank file is missing or invalid; the message names the file and entry."""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: str
    specialties: tuple[str, ...]  # ("any",) or specialty ids
    tags: tuple[str, ...]
    good_answer: str  # 1-3 short lines separated by "\n"
    follow_ups: tuple[str, ...] = ()

    @property
    def generic(self) -> bool:
        """Suits every specialty."""
        return "any" in self.specialties

    def fits(self, specialty: str | None) -> bool:
        """Suits ``specialty`` (None: only generic questions fit)."""
        return self.generic or (specialty is not None and specialty in self.specialties)


def normalize_specialty(name: str | None) -> str | None:
    """A specialty id from user input ("IM", "Internal Medicine", "peds"), or None for any.

    Raises ValueError naming the choices for an unknown specialty.
    """
    if name is None:
        return None
    key = re.sub(r"[\s_]+", "-", name.strip().lower())
    key = _SPECIALTY_ALIASES.get(key, key)
    if not key:
        return None
    if key not in SPECIALTIES:
        raise ValueError(f"Unknown specialty '{name}'. Choose one of: {', '.join(SPECIALTIES)}.")
    return key


# ---------------------------------------------------------------------------------------
# Loading and validation


def _lines(value: object, where: str, field: str, *, min_items: int, max_items: int) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        raise QuestionBankError(f"{where}: '{field}' must be a string or a list of non-empty strings")
    items = [v.strip() for v in items]
    if not min_items <= len(items) <= max_items:
        raise QuestionBankError(f"{where}: '{field}' needs {min_items}-{max_items} entries, has {len(items)}")
    return tuple(items)


def _parse_question(raw: object, where: str) -> Question:
    if not isinstance(raw, dict):
        raise QuestionBankError(f"{where}: each [[question]] must be a table")
    unknown = set(raw) - _FIELDS
    if unknown:
        raise QuestionBankError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    for name in ("id", "text", "kind", "good_answer"):
        if name not in raw:
            raise QuestionBankError(f"{where}: missing '{name}'")
    qid = raw["id"]
    if not isinstance(qid, str) or not _ID.match(qid):
        raise QuestionBankError(f"{where}: id must be lower-case letters, digits and hyphens, got {qid!r}")
    where = f"{where} ({qid})"
    text = raw["text"]
    if not isinstance(text, str) or not text.strip():
        raise QuestionBankError(f"{where}: 'text' must be a non-empty string")
    kind = raw["kind"]
    if kind not in KINDS:
        raise QuestionBankError(f"{where}: unknown kind {kind!r}; known kinds: {', '.join(KINDS)}")
    specialties_raw = raw.get("specialties", "any")
    if specialties_raw == "any":
        specialties: tuple[str, ...] = ("any",)
    else:
        specialties = _lines(specialties_raw, where, "specialties", min_items=1, max_items=len(SPECIALTIES))
        bad = [s for s in specialties if s not in SPECIALTIES]
        if bad:
            raise QuestionBankError(
                f"{where}: unknown specialty {', '.join(bad)}; use 'any' or some of {', '.join(SPECIALTIES)}"
            )
    tags_raw = raw.get("tags", [])
    tags = () if tags_raw == [] else _lines(tags_raw, where, "tags", min_items=0, max_items=3)
    bad_tags = [t for t in tags if t not in AUDIENCE_TAGS]
    if bad_tags:
        raise QuestionBankError(f"{where}: unknown tag {', '.join(bad_tags)}; known: {', '.join(AUDIENCE_TAGS)}")
    good = _lines(raw["good_answer"], where, "good_answer", min_items=1, max_items=3)
    follow_raw = raw.get("follow_ups", [])
    follow_ups = () if follow_raw == [] else _lines(follow_raw, where, "follow_ups", min_items=0, max_items=2)
    return Question(qid, text.strip(), kind, specialties, tags, "\n".join(good), follow_ups)


def _load(path: Path) -> tuple[Question, ...]:
    name = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise QuestionBankError(f"question bank not found: {path}") from None
    except UnicodeDecodeError:
        raise QuestionBankError(f"{name}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise QuestionBankError(f"{name}: not valid TOML ({exc})") from None
    entries = data.get("question")
    if not isinstance(entries, list) or not entries:
        raise QuestionBankError(f"{name}: no [[question]] entries")
    questions = [_parse_question(raw, f"{name}: question #{i + 1}") for i, raw in enumerate(entries)]
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise QuestionBankError(f"{name}: duplicate question id '{q.id}'")
        seen.add(q.id)
    return tuple(questions)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int) -> tuple[Question, ...]:
    return _load(Path(path))


def load_bank(path: str | Path | None = None) -> list[Question]:
    """All questions in the bank (default: the packaged one). Raises QuestionBankError."""
    p = Path(path) if path is not None else DEFAULT_BANK_PATH
    try:
        mtime = p.stat().st_mtime_ns
    except OSError:
        raise QuestionBankError(f"question bank not found: {p}") from None
    return list(_load_cached(str(p.resolve()), mtime))


def get_question(question_id: str) -> Question:
    """The packaged question with this id; KeyError with a clear message if there is none."""
    for q in load_bank():
        if q.id == question_id:
            return q
    raise KeyError(f"no question with id '{question_id}' in the question bank")


def _norm_text(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("’", "'")).strip()


def find_by_text(text: str) -> Question | None:
    """The packaged question whose text matches ``text`` (ignoring case and punctuation)."""
    key = _norm_text(text)
    if not key:
        return None
    try:
        bank = load_bank()
    except QuestionBankError:
        log.warning("question bank could not be loaded", exc_info=True)
        return None
    for q in bank:
        if _norm_text(q.text) == key:
            return q
    return None


# ---------------------------------------------------------------------------------------
# Classifying free question text

_I = re.IGNORECASE
_KIND_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile("|".join(f"(?:{p})" for p in patterns), _I))
    for kind, patterns in (
        (
            "why-didnt-you-match",
            (
                r"\bwhy\b[^?]{0,40}\b(?:didn'?t|did not|don'?t|do not|weren'?t|were not|wasn'?t|"
                r"was not|couldn'?t|could not|haven'?t)\b[^?]{0,25}\bmatch(?:ed|ing)?\b",
                r"\bunmatch\w*",
                r"\b(?:tell|talk|walk) (?:me|us) (?:a (?:bit|little) )?(?:more )?(?:about|through) "
                r"(?:your|the|this year'?s) match\b",
                r"\bwhat\b[^?]{0,30}\b(?:happened|went wrong|held you back)\b[^?]{0,40}\bmatch\w*",
                r"\bhow did (?:your|the) match\b",
                r"\byour match (?:season|cycle|process|year|results?|outcome|experience)\b",
                r"\bhow many interviews did you\b",
                r"\bwere you ranked\b",
                r"\b(?:why|how) (?:are you|did you end up|did you come to be|do you find yourself) "
                r"(?:in|participating in|applying (?:through|in)|going through) (?:the )?SOAP\b",
                r"\bwhat went wrong\b",
                r"\bif you (?:applied|were to apply|apply|had to apply) again\b",
                r"\bnot match(?:ing)?\b",
                r"\bdidn'?t match\b",
            ),
        ),
        (
            "closing",
            (
                r"\bquestions? (?:for|do you have for) (?:us|me)\b",
                r"\b(?:any|what) questions do you have\b",
                r"\bdo you have any questions\b",
                r"\banything else (?:you(?:'d| would) like|we should know|you want)\b",
                r"\bwhat (?:would you like|do you want) to (?:ask|know about us)\b",
            ),
        ),
        (
            "visa",
            (
                r"\bvisa\b",
                r"\bsponsor\w*",
                r"\bJ-?1\b",
                r"\bH-?1B\b",
                r"\bECFMG\b",
                r"\bwork authori[sz]ation\b",
                r"\bgreen card\b",
                r"\bcitizen\w*",
            ),
        ),
        (
            "prelim-ty",
            (
                r"\bprelim\w*",
                r"\btransitional year\b",
                r"\bTY\b",
                r"\bre-?apply\w*",
                r"\bafter (?:this|your|the) (?:intern |first |preliminary )?year\b",
                r"\bcategorical\b",
                r"\badvanced (?:position|program|spot|specialty)\b",
                r"\bwill you stay\b",
                r"\bstay (?:on|with us|here)\b",
            ),
        ),
        (
            "readiness",
            (
                r"\bready\b",
                r"\bJuly\s*(?:1|first)\b",
                r"\bstart(?:ing)? on time\b",
                r"\btransition\w*",
                r"\bintern year\b",
                r"\bprepared\b",
                r"\bhit the ground\b",
                r"\bfirst day\b",
                r"\bstart residency\b",
                r"\blicens\w*",
            ),
        ),
        (
            "red-flag",
            (
                r"\bfail\w*",
                r"\bgaps?\b",
                r"\bred flags?\b",
                r"\bleave of absence\b",
                r"\bremediat\w*",
                r"\brepeat\w*",
                r"\battempts?\b",
                r"\bretake\b",
                r"\b(?:anything|something)\b[^?]{0,40}\bexplain\b",
                r"\bexplain (?:the|your|why)\b",
                r"\blate graduat\w*",
                r"\bsince (?:you )?graduat\w*",
                r"\bgraduated\b[^?]{0,30}\bago\b",
                r"\btime (?:off|away)\b",
                r"\blonger to (?:finish|graduate|complete)\b",
                r"\bprofessionalism\b",
                r"\bprobation\b",
                r"\btook longer\b",
                r"\bwhat have you been doing since\b",
                r"\blonger than (?:usual|expected|most|normal)\b",
                r"\bconcerns? (?:about|in) your application\b",
            ),
        ),
        (
            "weaknesses",
            (
                r"\bweakness\w*",
                r"\bimprove (?:on|upon)\b",
                r"\bworking (?:on|to improve)\b",
                r"\bareas? (?:of|for) (?:growth|improvement)\b",
                r"\bcriticism\b",
                r"\b(?:constructive|critical|negative|tough) feedback\b",
            ),
        ),
        (
            "strengths",
            (
                r"\bstrength\w*",
                r"\bwhat (?:would|will|can) you bring\b",
                r"\bwhat makes you (?:a|an|the) (?:good|strong|great|ideal|right|better)\b",
                r"\bwhy should we (?:rank|choose|pick|take|offer)\b",
                r"\bwhat would (?:your|others|people) (?:\w+ )?(?:say|describe)\b",
                r"\bbest quality\b",
                r"\bset(?:s)? you apart\b",
                r"\bthree words\b",
            ),
        ),
        (
            "teamwork",
            (
                r"\bteam\w*",
                r"\bconflict\w*",
                r"\bdisagree\w*",
                r"\bcolleague\b",
                r"\bco-?worker\b",
                r"\bnurses?\b",
                r"\bwork(?:ed)? with others\b",
                r"\bleader\w*",
            ),
        ),
        (
            "clinical",
            (
                r"\bpatients?\b",
                r"\bclinical\b",
                r"\bcase\b",
                r"\bmistake\b",
                r"\berror\b",
                r"\bbad news\b",
                r"\bethic\w*",
                r"\bencounter\b",
                r"\bUSCE\b",
                r"\brotations?\b",
                r"\bclerkships?\b",
                r"\bsub-?internship\b",
                r"\bparents?\b",
                r"\bcommunicat\w* with\b",
            ),
        ),
        (
            "personal",
            (
                r"\boutside (?:of )?(?:medicine|the hospital|work)\b",
                r"\bhobb\w*",
                r"\bfree time\b",
                r"\bfor fun\b",
                r"\bstress\w*",
                r"\bburn-?out\b",
                r"\bwellness\b",
                r"\bwell-being\b",
                r"\bself-care\b",
                r"\brelax\w*",
                r"\bsupport system\b",
                r"\bcop(?:e|ing)\b",
                r"\bbalance\b",
                r"\bresilien\w*",
            ),
        ),
        (
            "program",
            (
                r"\b(?:our|this|your) (?:program|hospital|institution|residency|city|area|region|"
                r"location|community|town|state)\b",
                r"\bwhy (?:here|us)\b",
                r"\bwhat do you know about (?:us|our)\b",
                r"\blocation\b",
                r"\bliving in\b",
                r"\bmov(?:e|ing) to\b",
                r"\brelocat\w*",
                r"\blooking for in a (?:program|residency)\b",
                r"\bprograms? like ours\b",
                r"\bcommunity program\b",
                r"\bacademic (?:center|program)\b",
            ),
        ),
        (
            "specialty",
            (
                r"\bwhy (?:this|your|the|a|our) (?:specialty|field)\b",
                r"\bwhy (?:internal medicine|family medicine|pediatrics|peds|psychiatry|surgery|"
                r"general surgery|emergency medicine|EM|neurology|OB-?GYN|obstetrics|pathology|"
                r"anesthesi\w*|radiology|IM|FM)\b",
                r"\bswitch\w*",
                r"\bwhat (?:draws|drew|attracts|attracted) you to\b",
                r"\binterest(?:ed)? in (?:this|the|our|your) (?:specialty|field)\b",
                r"\bback-?up\b",
                r"\bchange (?:of|in) (?:specialty|field)\b",
                r"\bspecialty\b",
                r"\bchanging (?:course|direction|fields?)\b",
                r"\b(?:internal medicine|family medicine|pediatrics|psychiatry|surgery|emergency "
                r"medicine|neurology|obstetrics|gynecology|OB-?GYN|pathology|anesthesiology|"
                r"radiology)\b",
            ),
        ),
        (
            "opening",
            (
                r"\babout yourself\b",
                r"\bwalk (?:me|us) through (?:your|you)\b",
                r"\bintroduce yourself\b",
                r"\bwho are you\b",
                r"\byour (?:story|background|journey|path)\b",
                r"\bdescribe yourself\b",
                r"\bnot (?:in|on) your (?:application|CV|ERAS)\b",
                r"\bknow about you\b",
                r"\bfind in your (?:application|file|CV)\b",
            ),
        ),
    )
)


def classify_question(text: str) -> str | None:
    """The kind of an interview question (one of KINDS), or None when it is unclear.

    A bank question's own kind wins; otherwise the first matching pattern family does.
    """
    found = find_by_text(text)
    if found is not None:
        return found.kind
    cleaned = text.replace("’", "'")
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(cleaned):
            return kind
    return None


def is_why_didnt_you_match_text(text: str) -> bool:
    return classify_question(text) == "why-didnt-you-match"


# ---------------------------------------------------------------------------------------
# Interview plans


def plan_interview(
    specialty: str | None = None,
    length: int = FULL_INTERVIEW,
    *,
    rng: random.Random | None = None,
    img: bool = False,
    switching: bool = False,
    red_flag: bool = False,
    bank: list[Question] | None = None,
) -> list[Question]:
    """A sequence of ``length`` distinct questions for one mock SOAP interview.

    Order: an opening question, "why didn't you match?", fit (one of specialty/program in a
    short interview, both from 8 questions up), other kinds (red flag, strengths, clinical,
    readiness ...) and "questions for us" last. Questions specific to ``specialty`` are
    preferred over generic ones; questions for other specialties are never asked. Tagged
    questions are asked only of students they apply to (``img``, ``switching``,
    ``red_flag``); the visa question only when ``img``. ``rng`` gives variety between
    sessions (pass a seeded Random for a reproducible plan).
    """
    if not isinstance(length, int) or not MIN_LENGTH <= length <= MAX_LENGTH:
        raise ValueError(
            f"interview length must be {SHORT_INTERVIEW} (short) or {FULL_INTERVIEW} (full), at most {MAX_LENGTH}"
        )
    spec = normalize_specialty(specialty)
    rng = rng or random.Random()
    questions = bank if bank is not None else load_bank()
    audience = {"img": img, "switching": switching, "red-flag": red_flag}

    def eligible(q: Question) -> bool:
        if not q.fits(spec):
            return False
        if any(not audience[t] for t in q.tags):
            return False
        return not (q.kind == "visa" and not img)

    pool = [q for q in questions if eligible(q)]
    by_kind: dict[str, list[Question]] = {k: [q for q in pool if q.kind == k] for k in KINDS}
    chosen: list[Question] = []

    def pick(kind: str) -> Question | None:
        candidates = [q for q in by_kind.get(kind, []) if q not in chosen]
        if not candidates:
            return None
        weights = []
        for q in candidates:
            w = 1.0
            if spec is not None and not q.generic:
                w *= 4.0  # specialty-specific questions first
            if q.tags:
                w *= 3.0  # aimed at this student (img / switching / red flag)
            weights.append(w)
        q = rng.choices(candidates, weights=weights, k=1)[0]
        chosen.append(q)
        return q

    head: list[Question] = []
    for kind in ("opening", "why-didnt-you-match"):
        q = pick(kind)
        if q is not None:
            head.append(q)
    if length >= FULL_INTERVIEW:
        fit_kinds = ["specialty", "program"]
    else:
        fit_kinds = [rng.choice(["specialty", "program"]) if not switching else "specialty"]
    fit = [q for q in (pick(k) for k in fit_kinds) if q is not None]

    n_other = max(0, length - len(head) - len(fit) - 1)
    must: list[str] = []
    if img and by_kind["visa"]:
        must.append("visa")
    if red_flag and by_kind["red-flag"]:
        must.append("red-flag")
    if spec in ("preliminary", "transitional-year") and by_kind["prelim-ty"]:
        must.append("prelim-ty")
    optional = [k for k in _OPTIONAL_OTHERS if k not in must and by_kind[k]]
    rng.shuffle(optional)
    if "readiness" in optional and rng.random() < 0.6:  # the most common blunt SOAP question
        optional.remove("readiness")
        optional.insert(0, "readiness")
    kinds = (must + optional)[:n_other]
    others = [q for q in (pick(k) for k in kinds) if q is not None]
    # a long plan may need a second question of some kind
    spare_kinds = [k for k in _OTHER_ORDER if by_kind[k]]
    while len(others) < n_other and spare_kinds:
        kind = rng.choice(spare_kinds)
        q = pick(kind)
        if q is None:
            spare_kinds.remove(kind)
        else:
            others.append(q)
    others.sort(key=lambda q: _OTHER_ORDER.index(q.kind) if q.kind in _OTHER_ORDER else 99)

    closing = pick("closing")
    plan = head + fit + others + ([closing] if closing is not None else [])
    return plan[:length]
