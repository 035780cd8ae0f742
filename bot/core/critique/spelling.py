"""Mechanics: spelling (pyspellchecker + a medical whitelist), repeated words, text-speak,
lower-case "i", "!!", emoji, shouting, sentences that start in lower case, word mix-ups.

Each slip scores points; two points make a warning, so one rare-but-real word never
flags a draft on its own while one clear typo of a common word does.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.core.base.spelling import spell_checker as shared_spell_checker
from bot.core.critique.draft import _EMAIL, _URL, Draft
from bot.core.critique.lexicon import lexicon, rules, spelling_whitelist

log = logging.getLogger(__name__)

#: A correction this common (share of word usage) makes an unknown word a clear typo.
CLEAR_TYPO_FREQUENCY = 1e-6

_WORD = re.compile(r"(?<![\w@./-])[A-Za-z][A-Za-z']*(?:-[A-Za-z][A-Za-z']*)*")
_REPEAT = re.compile(r"\b([A-Za-z]+)[ \t]+\1\b", re.IGNORECASE)
_REPEAT_OK = {"that", "had", "bye", "ha", "no", "so", "very", "do"}
_LOWER_I = re.compile(r"(?:(?<=\s)|^)i(?=\s|'m\b|'ve\b|'ll\b|'d\b|,)", re.MULTILINE)
_MULTI_BANG = re.compile(r"\S*?(?:!{2,}|\?{2,}|\?!|!\?)")
_EMOJI = re.compile(
    "[\U0001f300-\U0001faff\U00002600-\U000027bf\U0001f000-\U0001f2ff\u2b50\u2b55\u2764\u263a]"
    r"|(?<!\w)(?::-?\)|;-?\)|:-?D\b|:-?\(|<3|xD\b|:P\b)",
)
_CAPS = re.compile(r"\b[A-Z]{4,}\b")
_MEDICAL_SUFFIX = re.compile(
    r"(?:ology|ologist|ologists|itis|ectomy|ectomies|otomy|ostomy|emia|osis|oses|pathy|scopy|plasty|"
    r"graphy|gram|grams|ase|ases|azole|mycin|cillin|pril|sartan|olol|statin|mab|nib|tide|dine|pine|"
    r"zine|pam|lam|done|phine|caine|uria|algia|ectasia|megaly|plegia|paresis|trophy|genic|lytic|"
    r"oma|omas|cyte|cytes|philia|phobia|penia|rrhea|rrhage|centesis|stomy|tomy)$"
)


@dataclass(frozen=True)
class Slip:
    start: int
    end: int
    points: int
    label: str  # shown in the advice, e.g. "'recieved' → 'received'"


def spell_checker() -> Any:
    """The shared English spell checker, with the beginnings of long words noted for clipped forms."""
    return shared_spell_checker(on_load=_build_prefixes)


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


_BRITISH = (
    ("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ised", "ized"), ("ises", "izes"),
    ("ising", "izing"), ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"), ("our", "or"), ("ours", "ors"),
    ("oured", "ored"), ("ouring", "oring"), ("ourite", "orite"), ("ourable", "orable"), ("ourhood", "orhood"),
    ("oural", "oral"), ("tre", "ter"), ("tres", "ters"), ("lled", "led"), ("lling", "ling"), ("llor", "lor"),
    ("ogue", "og"), ("ence", "ense"), ("mme", "m"), ("mmes", "ms"), ("ement", "ment"), ("lment", "llment"),
    ("l", "ll"), ("eable", "able"),
)  # fmt: skip


def _british_ok(word: str) -> bool:
    """A British spelling (behaviour, organise, centre, programme, anaesthesia) of a known word."""
    sc = spell_checker()
    forms = {word}
    if "ae" in word or "oe" in word:
        forms.add(word.replace("ae", "e").replace("oe", "e"))
    for form in list(forms):
        for uk, us in _BRITISH:
            if form.endswith(uk):
                forms.add(form[: -len(uk)] + us)
            mid = form.replace(uk, us) if uk in ("our", "ae", "oe", "tre") else form
            forms.add(mid)
    forms.discard(word)
    return any(sc.known([f]) for f in forms)


def _plural_of_known(word: str) -> bool:
    """'timelines', 'apps': plurals the dictionary lacks. (Other endings are not guessed,
    so 'planed' for 'planned' is still caught.)"""
    sc = spell_checker()
    if word.endswith("es") and len(word) > 4 and sc.known([word[:-2]]):
        return True
    return word.endswith("s") and len(word) > 3 and sc.known([word[:-1]])


_PREFIXES: frozenset[str] | None = None


def _build_prefixes(checker: Any) -> None:
    """Beginnings (4-7 letters) of common long words, to recognise clipped forms."""
    global _PREFIXES
    found: set[str] = set()
    total = checker.word_frequency.total_words or 1
    for w, count in checker.word_frequency.dictionary.items():
        if count / total >= 2e-6 and len(w) >= 7 and w.isalpha():
            for n in range(4, min(7, len(w) - 2) + 1):
                found.add(w[:n])
    _PREFIXES = frozenset(found)


def _is_short_form(word: str) -> bool:
    """A clipped form of a common word ("intro", "convo", "admin"): not a typo."""
    spell_checker()
    return word in (_PREFIXES or frozenset())


@lru_cache(maxsize=8192)
def _best_correction(word: str) -> tuple[str | None, float]:
    sc = spell_checker()
    cands = sc.candidates(word) or set()
    best, freq = None, 0.0
    for c in cands:
        f = sc.word_usage_frequency(c)
        if f > freq:
            best, freq = c, f
    return best, freq


def _spelling_slips(d: Draft, start: int, end: int, skip: list[tuple[int, int]]) -> list[Slip]:
    sc = spell_checker()
    lex = lexicon()
    white = spelling_whitelist()
    common = lex["common_misspellings"]
    bare = lex["bare_contractions"]
    slips: list[Slip] = []
    text = d.masked
    judged: dict[str, str | None] = {}  # word -> its typo label, or None (each word judged once)
    for m in _WORD.finditer(text, start, end):
        if _in_spans(m.start(), skip):
            continue
        raw = m.group(0).strip("'")
        word = raw.lower()
        if word.endswith("'s"):
            word = word[:-2]
        if not word or word in white:
            continue
        if word in common:
            fixed, _ = _best_correction(word)
            slips.append(Slip(m.start(), m.end(), 2, f"'{raw}'" + (f" → '{fixed}'" if fixed else "")))
            continue
        if any(ch.isupper() for ch in raw):
            continue  # names, acronyms, sentence starts: not judged
        if word in bare:
            slips.append(Slip(m.start(), m.end(), 2, f"'{raw}' needs an apostrophe"))
            continue
        if word in judged:
            label = judged[word]
            if label:
                slips.append(Slip(m.start(), m.end(), 2, label))
            continue
        judged[word] = None
        parts = [p for p in word.split("-") if p]
        unknown = [
            p
            for p in parts
            if p not in white
            and not sc.known([p])
            and not _MEDICAL_SUFFIX.search(p)
            and not _british_ok(p)
            and not _is_short_form(p)
            and not _plural_of_known(p)
        ]
        if not unknown or sc.known([word]):
            continue
        for part in unknown:
            if len(part) < 4 or "'" in part:
                continue
            fixed, freq = _best_correction(part)
            if fixed and freq >= CLEAR_TYPO_FREQUENCY:
                label = f"'{raw}' → '{fixed}'"
                judged[word] = label
                slips.append(Slip(m.start(), m.end(), 2, label))
                break
    return slips


def mechanics_slips(d: Draft) -> list[Slip]:
    """All mechanical slips in the subject and content, in draft order."""
    text = d.masked
    start = d.subject[0] if d.subject else d.body_start
    end = len(text)
    sig_start = d.signature_lines[0].start if d.signature_lines else end
    skip = [(m.start(), m.end()) for m in _EMAIL.finditer(text)] + [(m.start(), m.end()) for m in _URL.finditer(text)]
    # template slots and instructions ("INSERT SECOND EXAMPLE HERE") are placeholders, not slips
    skip += [(m.start(), m.end()) for rule in rules().get("placeholder", ()) for m in rule.regex.finditer(text)]
    lex = lexicon()
    slips = _spelling_slips(d, start, sig_start, skip)

    speak = lex["text_speak"]
    for m in re.finditer(r"(?<![\w@./'-])[A-Za-z0-9']+(?![\w@/'-])", text[:sig_start]):
        if m.start() < start or _in_spans(m.start(), skip):
            continue
        tok = m.group(0)
        if tok in speak or (tok.lower() in speak and tok.lower() not in {"u", "ur", "np", "bc", "ya"}):
            if tok.lower() == "asap":
                continue  # judged as pressure, not spelling
            slips.append(Slip(m.start(), m.end(), 2, f"text-speak '{tok}'"))
    for m in _REPEAT.finditer(text, start, sig_start):
        if m.group(1).lower() in _REPEAT_OK or _in_spans(m.start(), skip):
            continue
        slips.append(Slip(m.start(), m.end(), 2, f"repeated word '{m.group(0)}'"))
    for m in _LOWER_I.finditer(text, start, sig_start):
        slips.append(Slip(m.start(), m.end(), 2, "lower-case 'i'"))
    for rule in rules().get("mechanics", ()):
        for m in rule.regex.finditer(text, start, sig_start):
            slips.append(Slip(m.start(), m.end(), rule.weight, f"'{m.group(0)}'"))

    # One point each (capped): "!!", emoji, shouting, lower-case sentence starts.
    minor: list[tuple[str, Slip]] = []
    for m in _MULTI_BANG.finditer(text, start, end):
        minor.append(("bang", Slip(m.start(), m.end(), 1, f"'{m.group(0)}'")))
    for m in _EMOJI.finditer(text, start, end):
        minor.append(("emoji", Slip(m.start(), m.end(), 1, f"emoji '{m.group(0)}'")))
    acronyms = lex["non_specific_caps"] | spelling_whitelist()
    sc = spell_checker()
    for m in _CAPS.finditer(text, start, sig_start):
        w = m.group(0).lower()
        if w not in acronyms and sc.known([w]) and not _in_spans(m.start(), skip):
            minor.append(("caps", Slip(m.start(), m.end(), 1, f"all-caps '{m.group(0)}'")))
    for s in d.sentences:
        if s.start < d.body[0] or s.start >= d.body[1]:
            continue
        first = s.text[:1]
        if (
            first.islower()
            and not re.match(r"(?:e\.g\.|i\.e\.|etc\.|vs\.|[a-z]\)|[a-z]\.\s)", s.text)
            and not _in_spans(s.start, skip)
        ):
            word = s.text.split()[0]
            minor.append(("lower", Slip(s.start, s.start + len(word), 1, f"sentence starts in lower case ('{word}')")))
    bangs = [m for m in re.finditer(r"(?<!!)!(?!!)", text[d.body[0] : d.body[1]])]
    if len(bangs) >= 3:
        a = d.body[0] + bangs[0].start()
        minor.append(("bangs", Slip(a, a + 1, 1, f"{len(bangs)} exclamation marks")))
    per_kind: dict[str, int] = {}
    for kind, slip in minor:
        per_kind[kind] = per_kind.get(kind, 0) + 1
        if per_kind[kind] <= 2:
            slips.append(slip)
    slips.sort(key=lambda s: s.start)
    return slips
