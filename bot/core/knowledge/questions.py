"""Understanding a question as students write it: the parts to answer and what to search for.

Students write long posts with the question buried in the middle, several questions in one
message ("1) ... 2) ...", "also ...", several question marks), texting shorthand and typos. A
message becomes one or more :class:`QuestionPart`: the question as asked (to head its answer)
and the query that is searched — the question with the facts of the situation it depends on
("i got an offer in round 1 from a prelim ... what do i do" needs the offer, not just "what do
i do").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.base.text import normalize, sentences, word_count

#: At most this many parts of one message are answered (the rest is left to a follow-up).
MAX_PARTS = 4
#: The situation given with a part is at most this many words (the sentences nearest the question).
SITUATION_WORDS = 45

_LIST_ITEM = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[-*•]|[a-e]\))\s+", re.MULTILINE)
_QUESTION_START = re.compile(
    r"^(?:so|and|but|also|ok(?:ay)?|pls|please|quick q(?:uestion)?:?|q:)?[\s,]*"
    r"(?:how|what|whats|what's|when|where|why|which|who|whom|whose|is|are|am|can|could|do|does|did|"
    r"should|shall|would|will|may|might|has|have|any(?:one)?|anybody|isn'?t|aren'?t|can'?t|"
    r"don'?t|doesn'?t|won'?t|wouldn'?t|shouldn'?t)\b",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"\b(?:wondering|not sure (?:if|whether|how|what|when)|want(?:ed)? to know|need to know|"
    r"is it (?:ok|okay|fine|allowed|legal|bad)|am i allowed|can i|should i|do i (?:need|have)|"
    r"how do i|what do i|what should i|any (?:advice|tips|ideas))\b",
    re.IGNORECASE,
)
#: Within one sentence: "..., and how do I ...", "... also can I ...".
_JOINED = re.compile(
    r"(?:,\s*|\s+)(?:and|also|plus|&)\s+(?=(?:(?:in|on|at|by|from|since|until|for)\s+(?=wh))?(?:how|what|when|where|why|which|who|is|are|can|could|do|does|"
    r"should|will|would|may)\b)",
    re.IGNORECASE,
)
#: A part that leans on the situation around it ("what do I do", "is that ok", "can they").
_DEPENDENT = re.compile(
    r"\b(?:is|was|does|would|will|can|could|should) (?:that|this|it|they)\b|\b(?:do|about|with|reply to|answer) "
    r"(?:that|this|it|them)\b|\bwhat (?:do|should|can) i (?:do|say)\b|\bwhat now\b|\bnow what\b|\bor not\b|"
    # what the student may do or will learn depends on their situation ("what am I allowed to apply to?")
    r"\b(?:am i|is (?:she|he)|are (?:they|we)) (?:allowed|eligible|able|supposed|permitted)\b|"
    r"\bwhat (?:may|can|could) (?:she|he|they) (?:apply|do)\b|"
    r"\b(?:will|can|could) (?:i|she|he|they) (?:know|find out|see|learn|be told)\b",
    re.IGNORECASE,
)
#: A joined part about the things the part before it named ("... and how long between the two?").
_BETWEEN_THEM = re.compile(
    r"\b(?:the two|both of them|between them|each other|the (?:first|second|other) one|those two)\b", re.IGNORECASE
)
#: Inline numbering: "1) ... 2) ..." or "1. ... 2. ..." on one line, or lettered "a) ... b) ...".
_INLINE_NUMBER = re.compile(r"(?:^|\s)\(?(?P<number>[1-9]|[a-e](?=\)))[.)]\s+", re.IGNORECASE)
_ASIDE = re.compile(r"\(([^()]{0,40}?)[?!]+\)")
_LEAD_IN = re.compile(r"^(?:also|and|plus|ok(?:ay)?|so|but)\b[\s,:]*", re.IGNORECASE)
#: An apology or announcement before the question ("Sorry for simple question:", "quick q -"):
#: nothing to search for.
_PREAMBLE = re.compile(
    r"^(?:(?:so\s+)?sorry\s+(?:for\s+(?:the\s+|a\s+|this\s+|my\s+)?|if\s+(?:this\s+is\s+)?(?:a\s+)?)"
    r"(?:very\s+|really\s+)?(?:simple|silly|dumb|stupid|basic|naive|noob|newbie|obvious|long)\s+(?:question|q)\b"
    r"|quick\s+(?:question|q)\b|(?:a\s+)?(?:simple|dumb|basic|silly)\s+(?:question|q)\b)[\s,:;.!-]*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QuestionPart:
    #: The question as the student asked it (heads its answer when there are several).
    text: str
    #: What is searched: the question, with the situation it depends on when it needs it.
    query: str


#: "DO, partial match: ..." and "DO student here": the degree, not the verb.
_DEGREE_START = re.compile(r"^DOs?\b(?!\s+(?:i|you|we|they|programs?|pds?)\b)")
#: A question someone else asked, quoted at the end of a statement: 'he asked, "where else have
#: you interviewed?"' tells what happened; the student's own questions follow. (One they expect to
#: be asked, 'they'll ask "why FM?"', is what they want help with.)
_QUOTED_QUESTION = re.compile(
    r"\b(?:asked|said|told me|wrote|went|texted|emailed)\b[^\"“”]{0,40}[\"“][^\"“”]+\?[\"”]\s*$",
    re.IGNORECASE,
)


#: A question that restates the one before it: "like a separate registration?", "i mean ...".
_CLARIFIES = re.compile(r"\s*(?:like|as in|i mean|meaning|i\.e\.|ie)\b[\s,]", re.IGNORECASE)


#: "When I told her I'd accepted, she said ...": a clause of time, then a statement, not a question.
_TELLS_WHEN = re.compile(
    r"^(?:when|where)\b[^,?]{3,},\s*(?!(?:can|could|should|do|does|did|is|are|will|would|may|what|how|when|where|why|"
    r"which|who)\b)",
    re.IGNORECASE,
)


def _is_question(sentence: str) -> bool:
    s = sentence.strip()
    if word_count(s) < 2 or _QUOTED_QUESTION.search(s):
        return False
    starts = bool(_QUESTION_START.match(s)) and not _DEGREE_START.match(s) and not _TELLS_WHEN.match(s)
    return s.rstrip("\"'”’)]").endswith("?") or starts or bool(_ASKING.search(s))


def asking_sentences(text: str) -> str:
    """The sentences of ``text`` that ask something (all of it when none does): what the student
    wants to know, without the story told around it."""
    asking = [s for s in _pieces(text) if _is_question(s)]
    return " ".join(asking) if asking else text


def _pieces(message: str) -> list[str]:
    """Sentences, with list items and lines as pieces of their own."""
    message = _ASIDE.sub(lambda m: f"({m.group(1)})", message)  # "(yay??)" ends no sentence
    out: list[str] = []
    markers = _numbering(message)
    if len(markers) >= 2:
        message = _number_items(message, markers)
    for line in _LIST_ITEM.sub("\n", message).split("\n"):
        line = line.strip()
        if line:
            out.extend(s.strip() for s in sentences(line) if s.strip())
    return out


def _numbering(message: str) -> list[re.Match[str]]:
    """The inline numbers that count 1, 2, 3... in order; "waiting on round 3. The list showed 5
    programs and now only 2." counts nothing."""
    markers: list[re.Match[str]] = []
    for m in _INLINE_NUMBER.finditer(message):
        number = m.group("number")
        if (int(number) if number.isdigit() else ord(number.lower()) - ord("a") + 1) == len(markers) + 1:
            markers.append(m)
    return markers


def _number_items(message: str, markers: list[re.Match[str]]) -> str:
    """ "Can my advisor (1) help me choose, (2) do mocks and (3) call PDs?" -> one line per item
    (split at ``markers``, the numbers that count), each carrying the stem before the first number
    when the item does not start a question."""
    bounds = [0, *(x for m in markers for x in (m.start(), m.end())), len(message)]
    pieces = [message[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
    stem, items = pieces[0].strip(), [p.strip(" ,;") for p in pieces[1:] if p.strip(" ,;")]
    open_stem = bool(stem) and not stem.endswith((".", "?", "!", ":"))
    lines = [] if open_stem or not stem else [stem]
    for item in items:
        item = re.sub(r"^(?:and|or)\s+|[\s,;]+(?:and|or)$", "", item, flags=re.IGNORECASE).strip(" ,;")
        item = f"{stem} {item}" if open_stem else item
        lines.append(item if item.endswith((".", "?", "!")) else f"{item}?")
    return "\n".join(lines)


#: "The PD's assistant emailed to ask: will I rank them first and will I accept?": the questions
#: after it are someone else's, reported whole, not the student's several questions.
_REPORTED = re.compile(r"\b(?:ask(?:ed|ing|s)?(?: me)?|wants? to know|wanted to know)\s*:", re.IGNORECASE)


#: "Could you tell me what time the LUP appears, when MyERAS opens, and from what time programs
#: may look?": one stem asking several things, each a clause of its own after a comma.
_INDIRECT_STEM = re.compile(
    r"^(?P<stem>.*?\b(?:tell me|tell us|know|explain|wondering|wonder|clarify|confirm|let me know|ask)\s+)"
    r"(?=(?:what|when|where|which|how|whether|if|who)\b)",
    re.IGNORECASE,
)
_INDIRECT_NEXT = re.compile(
    r",\s*(?:and\s+|or\s+)?(?=(?:(?:from|at|by|until|on|in)\s+)?(?:what|when|where|which|how|whether|who)\b)",
    re.IGNORECASE,
)


def _split_indirect(sentence: str) -> list[str]:
    stem = _INDIRECT_STEM.match(sentence)
    if stem is None:
        return [sentence]
    rest = sentence[stem.end() :]
    clauses = [c.strip(" ,;?") for c in _INDIRECT_NEXT.split(rest)]
    if len(clauses) < 2 or any(word_count(c) < 3 for c in clauses):
        return [sentence]
    # Each clause is searched alone: "could you tell me" says nothing of what is asked.
    return [f"{c[:1].upper()}{c[1:]}?" for c in clauses]


def _split_joined(sentence: str) -> list[str]:
    if _REPORTED.search(sentence):
        return [sentence]
    indirect = _split_indirect(sentence)
    if len(indirect) > 1:
        return indirect
    parts = [p.strip(" ,;") for p in _JOINED.split(sentence)]
    parts = [p for p in parts if word_count(p) >= 3]
    return parts if len(parts) > 1 else [sentence]


#: Words of the SOAP process: a statement with more of them says more of what is asked about than
#: one about the writer's school, country or mood.
_PROCESS = re.compile(
    r"\b(?:20\d\d|march|soap|match(?:ed|ing)?|unmatched|applications?|apps?|applied|apply|offers?|rounds?|r[1-4]|programs?|"
    r"pds?|coordinators?|lup|list|contact(?:ed)?|e-?mail(?:ed)?|called|calls?|interview\w*|eras|myeras|accept\w*|"
    r"rank\w*|visas?|letters?|lors?|step|scores?|prelims?|categorical|ty|positions?|nrmp|deadline|thursday|"
    r"monday|tuesday|wednesday|limit|total|residents?|dean|advisor|mentor|faculty|text(?:ed|ing)?|phone\w*|"
    r"messag\w*|reach(?:ed|ing)? out|mspe|loa|leaves? of absence|gaps?|fail(?:ed|ure)?|disclos\w*|ps|"
    r"personal statements?|cv|transcripts?|usce|observerships?|ecfmg|usmle|comlex|red flags?)\b",
    re.IGNORECASE,
)


def _process_words(text: str) -> int:
    return len({w.lower() for w in _PROCESS.findall(text)})


#: Who a question points back to ("is it okay for him to say something to his PD?"): a statement
#: about the same person ("He wants to mention to the PD ...") is what the question asks about.
_PERSONS = (
    re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE),
    re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE),
)


def _same_person(statement: str, question: str) -> int:
    return sum(2 for person in _PERSONS if person.search(question) and person.search(statement))


def _situation(pieces: list[str], before: int, questions: set[int], question: str, nearest_first: bool = False) -> str:
    """Statements before piece ``before`` (or anywhere, when none precede it), at most
    SITUATION_WORDS words: those that say most about the SOAP process first, then the nearest
    (with ``nearest_first``, the statement just before the question in any case); kept in the
    order written. A question that names its own subject ("what means SOAP") is
    given only statements about the process, not "In Nigeria we don't have this system"."""
    statements = [i for i in range(len(pieces)) if i not in questions]
    if _process_words(question):
        statements = [i for i in statements if _process_words(pieces[i])]
    nearest = [i for i in statements if i < before] or statements
    ranked = sorted(nearest, key=lambda i: (-_process_words(pieces[i]) - _same_person(pieces[i], question), -i))
    chosen: list[int] = []
    words = 0
    for i in ranked:
        n = word_count(pieces[i])
        if chosen and words + n > SITUATION_WORDS:
            continue
        chosen.append(i)
        words += n
    if nearest_first and before - 1 in nearest and before - 1 not in chosen:
        # Among several questions, the statement just before one is often what it asks about
        # ("I'm terrified they'll ask about the LOA. How much do I need to say?"): always kept.
        chosen.append(before - 1)
    return " ".join(pieces[i] for i in sorted(chosen))


def question_parts(message: str) -> list[QuestionPart]:
    """The parts of ``message`` to answer, in the order asked (at most MAX_PARTS)."""
    text = " ".join(normalize(message).split("\n\n")).strip() if "\n\n" in message else normalize(message).strip()
    pieces = _pieces(normalize(message))
    if not pieces:
        return [QuestionPart(text, text)] if text else []
    asked = [i for i, p in enumerate(pieces) if _is_question(p)]
    if not asked:
        # No sentence reads as a question: the whole message is what is asked.
        return [QuestionPart(text, text)]
    for i in reversed(asked):
        if i - 1 in asked and _CLARIFIES.match(pieces[i]):
            # "is soap eligibility something i have to apply for?? like a separate registration?"
            # says the question before it again, more exactly: one part.
            pieces[i - 1] = f"{pieces[i - 1]} {pieces[i]}"
            asked.remove(i)
    parts: list[QuestionPart] = []
    questions = set(asked)
    for i in asked:
        joined = _split_joined(_PREAMBLE.sub("", pieces[i]).strip() or pieces[i])
        for k, piece in enumerate(joined):
            needs_context = word_count(piece) < 8 or bool(_DEPENDENT.search(piece)) or len(asked) == 1
            situation = _situation(pieces, i, questions, piece, nearest_first=len(asked) > 1) if needs_context else ""
            if k and _BETWEEN_THEM.search(piece):
                # "which goes live first, the LUP or MyERAS, and how much time sits between the two?"
                situation = f"{situation} {joined[k - 1]}".strip()
            query = f"{situation} {piece}".strip() if situation else piece
            shown = _LEAD_IN.sub("", piece).strip()
            parts.append(QuestionPart(shown[:1].upper() + shown[1:] if shown else piece, query))
    # A single question in a short message: search with the whole message.
    if len(parts) == 1 and word_count(text) <= SITUATION_WORDS + 20:
        return [QuestionPart(text, text)]
    unique: list[QuestionPart] = []
    for part in parts:
        if all(part.text.lower() != other.text.lower() for other in unique):
            unique.append(part)
    return unique[:MAX_PARTS]
