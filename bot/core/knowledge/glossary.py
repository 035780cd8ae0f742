"""Questions written in another language, read in English words for search.

The guidance is in English. A student who asks in Spanish, Portuguese, French, Hindi or Urdu in
Latin letters, Hindi in Devanagari, Tagalog, Korean in Latin letters, Vietnamese (with or
without its accents) or Arabic ("¿Cuántas aplicaciones puedo mandar en el SOAP?") is read
through a glossary of the week's words (``data/glossary.toml``) into English words ("how many
applications can I send in the SOAP?"), and the answer, in English, says so. Names, numbers,
times, SOAP's own terms and shorthand in capitals ("EM", "LUP") pass through unchanged. Words
written joined to a little word of their own are read too: Korean particles and endings after a hyphen ("offer-reul",
"PD-hante", "accept-haesseoyo") and Arabic "و", "ب", "ل" and the article "ال" before a word
("للبرامج"). English questions, and English questions with a foreign greeting or name, are left
alone.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

GLOSSARY_PATH = Path(__file__).parent / "data" / "glossary.toml"

#: A letter, or a Devanagari letter or vowel sign (the signs are marks, not letters, to ``\w``:
#: "प्रोग्राम" is one word, not five).
_DEVANAGARI = "\u0900-\u0963\u0971-\u097f"
_LETTER = rf"(?:[^\W\d_]|[{_DEVANAGARI}])"
#: Words of a question, with accents and inner apostrophes or hyphens ("aujourd'hui", "est-ce").
_WORD = re.compile(rf"{_LETTER}+(?:['’-]{_LETTER}+)*")
#: What may not touch a glossary key on either side: a letter, digit, vowel sign, apostrophe or hyphen.
_IN_WORD = rf"[\w{_DEVANAGARI}'’-]"

#: At least this many of the question's words must be the language's, not English words ...
MIN_FOREIGN_WORDS = 3
#: ... (or this many, when most of its words are in a script English is never written in, such as
#: Arabic: "متى الجولة الثانية؟") ...
MIN_FOREIGN_WORDS_OWN_SCRIPT = 2
#: ... and at least this share of all its words.
MIN_FOREIGN_SHARE = 0.3

#: A letter of the Latin script, accented ones (Vietnamese "ệ") included.
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")

#: The glossary's tables that are not a language.
_NOT_LANGUAGES = frozenset({"not_evidence", "prefixes", "endings"})

#: Languages written without spaces between words (Japanese, Chinese), or with particles joined to
#: them (Korean in its own script): their keys are found anywhere in a run of characters, and each is
#: read with spaces around its English.
_UNSPACED = frozenset({"ja", "zh", "ko-hangul"})

#: Hangul syllables.
_HANGUL = re.compile(r"[\uAC00-\uD7A3]+")

#: Arabic short vowels and other marks, and the letter-stretching tatweel: written or not.
_ARABIC_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
#: Arabic letters written either way: alef with or without hamza, final ى or ي, ة or ه.
_ARABIC_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
#: Arabic and full-width (Japanese, Chinese) punctuation, read as English punctuation.
_PUNCTUATION = str.maketrans(
    {"؟": "?", "،": ",", "؛": ";", "？": "? ", "，": ", ", "、": ", ", "。": ". ", "！": "! ", "：": ": ", "；": "; "}
)


ENGLISH_NOTE = "I answer in English, from the English guidance; here is what it says for your question."


@dataclass(frozen=True)
class Reading:
    """A question read from another language: the ``english`` words for search, and the language."""

    english: str
    language: str


def fold(text: str) -> str:
    """``text`` with letters written more than one way written one way: composed accents (a
    Vietnamese keyboard may type "ệ" as "e" and two marks), Arabic without its short vowels,
    "أ"/"إ"/"آ" as "ا", final "ى" as "ي" and "ة" as "ه"."""
    text = unicodedata.normalize("NFC", text)
    return _ARABIC_MARKS.sub("", text).translate(_ARABIC_VARIANTS)


@lru_cache(maxsize=1)
def _glossary() -> dict[str, Any]:
    with open(GLOSSARY_PATH, "rb") as fh:
        return tomllib.load(fh)


def _folded(table: dict[str, str]) -> dict[str, str]:
    return {fold(k).lower(): v for k, v in table.items()}


#: Keys at least this long are read after a prefix too, so that "لكم" (for you) is not "ل" + "كم".
MIN_PREFIXED_KEY = 3


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, str]]:
    """Per language, its keys (folded, lowercase) and their English, with the language's prefixes
    joined to its keys of three letters or more ("و" + "برامج": "and programs"). A "ل" before the
    article drops the article's alef ("ل" + "الجولة" is "للجولة"). A key the table lists itself
    keeps its own English ("لماذا" is "why", not "ل" + "ماذا")."""
    prefixes = {lang: _folded(table) for lang, table in _glossary().get("prefixes", {}).items()}
    out = {}
    for lang, listed in _glossary().items():
        if lang in _NOT_LANGUAGES:
            continue
        table = _folded(listed)
        for key, english in list(table.items()):
            if len(key) < MIN_PREFIXED_KEY:
                continue
            for prefix, before in prefixes.get(lang, {}).items():
                joined = [prefix + key]
                if prefix.endswith("ل") and key.startswith("ال"):
                    joined.append(prefix + key[1:])
                for form in joined:
                    table.setdefault(form, " ".join(w for w in (before, english) if w))
        out[lang] = table
    return out


@lru_cache(maxsize=1)
def _endings() -> dict[str, dict[str, str]]:
    """Per language, particles and endings joined after a word with a hyphen ("-reul" in
    "offer-reul"), with the English that goes before the word ("-hante" in "PD-hante": "to")."""
    return {lang: _folded(table) for lang, table in _glossary().get("endings", {}).items()}


@lru_cache(maxsize=1)
def _not_evidence() -> frozenset[str]:
    """Words that are English, or short enough to turn up in English text as names and shorthand
    ("no", "me", "pas", "ang"), though a table lists them: never evidence of another language."""
    return frozenset(fold(w).lower() for w in _glossary()["not_evidence"]["words"].split())


#: An English word, or SOAP shorthand in capitals, that a Korean ending may follow ("offer-reul",
#: "PD-hante"), though the table does not list it; two letters in lowercase are a name ("Ji-eun").
_ENDING_STEM = r"(?:(?-i:[A-Z]{2})|[A-Za-z]{3,})"


def _alternatives(keys: Any) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """One pattern per language, its longest keys first, each matched as whole words (with the
    language's endings), or anywhere for a language written without spaces."""
    out = {}
    for lang, table in _tables().items():
        words = f"(?:{_alternatives(table)})"
        if endings := _endings().get(lang):
            ending = f"(?:-(?:{_alternatives(endings)})){{1,2}}"
            words = f"(?:{words}(?:{ending})?|{_ENDING_STEM}{ending})"
        if lang in _UNSPACED:
            out[lang] = re.compile(words, re.IGNORECASE)
        else:
            out[lang] = re.compile(rf"(?<!{_IN_WORD}){words}(?!{_IN_WORD})", re.IGNORECASE)
    return out


def _read_word(word: str, lang: str) -> str:
    """The English of ``word`` (a key, or a key or an English word with its endings), or the word itself."""
    table, key = _tables()[lang], word.lower()
    if key in table:
        return table[key]
    endings = _endings().get(lang, {})
    before: list[str] = []
    while "-" in word and word.rpartition("-")[2].lower() in endings:
        word, _, ending = word.rpartition("-")
        before.insert(0, endings[ending.lower()])
    if before:
        return " ".join(w for w in [*before, table.get(word.lower(), word)] if w)
    return word


def _language_of(question: str) -> str | None:
    """The glossary language most of the question's words are in (each word of a matched phrase
    counts, English words never), when they are enough of its words."""
    words = _WORD.findall(question)
    best, best_hits = None, 0
    for lang, pattern in _patterns().items():
        hits = sum(
            1 for m in pattern.finditer(question) for w in _WORD.findall(m.group(0)) if w.lower() not in _not_evidence()
        )
        if hits > best_hits:
            best, best_hits = lang, hits
    own_script = 2 * sum(1 for w in words if not _LATIN.search(w)) > len(words)
    least = MIN_FOREIGN_WORDS_OWN_SCRIPT if own_script else MIN_FOREIGN_WORDS
    if best is None or best_hits < least or best_hits < MIN_FOREIGN_SHARE * len(words):
        return None
    return best


def read_in_english(question: str) -> Reading | None:
    """The question in English words when it is written in one of the glossary's languages, else None."""
    question = fold(question)
    lang = _language_of(question)
    if lang is None:
        return None
    # Shorthand in capitals is SOAP's ("EM" is emergency medicine, not Vietnamese "em", I), unless
    # the whole question is in capitals.
    capitals_are_shorthand = any(c.islower() for c in question)

    def gloss(match: re.Match[str]) -> str:
        word = match.group(0)
        if capitals_are_shorthand and len(word) > 1 and word.isupper():
            return word
        english = _read_word(word, lang)
        return f" {english} " if lang in _UNSPACED else english

    english = _patterns()[lang].sub(gloss, question)
    if lang == "ko-hangul":
        english = _HANGUL.sub(" ", english)  # the particles and endings left between the words read
    english = re.sub(r"[¿¡]", "", english).translate(_PUNCTUATION)
    return Reading(re.sub(r"\s{2,}", " ", english).strip(), lang)
