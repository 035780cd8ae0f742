"""The distress screen: notices a student in crisis or distress in anything they write.

It runs first on every text a student sends — questions, drafts, interview and rehearsal
answers (typed or transcribed), DMs, contact notes, profile text — in every mode, in layers:

1. **explicit phrases** (``data/distress_phrases.toml``): unmistakable first-person wording;
2. **a learned classifier** over the MiniLM vector and the words of the whole message and of
   each sentence (``data/distress.json``, trained by ``scripts/train-classifiers`` from
   ``data/training/distress.jsonl``);
3. **the provider's moderation endpoint** (self-harm categories) when an LLM is configured:
   run alongside the local layers, never instead of them, and given at most a short timeout.

Warning signs that something final is being prepared (goodbyes said, things given away, affairs
put in order, pills saved up; ``[warning_signs]`` in the phrases file) raise a message the
classifier reads as distress to a crisis; they never raise an alarm on their own.

Two tiers come out: **crisis** (ideation, plans, means, goodbyes, self-harm) gets the crisis
reply before anything else; **distress** (hopelessness, withdrawal, overwhelm) gets a short,
warm check-in with the same resources, then the help that was asked for. A crisis-level score
that is not confident enough for the crisis tier still gets the check-in, never nothing.

Nothing of a screened text is logged; callers keep only a bare counter.
"""

from __future__ import annotations

import asyncio
import logging
import re
import tomllib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from bot.core.base.embeddings import LocalMiniLM
from bot.core.base.text import normalize, sentences
from bot.core.screen.classifier import ClassifierError, LinearClassifier, load_classifier

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
PHRASES_PATH = DATA_DIR / "distress_phrases.toml"
CLASSIFIER_PATH = DATA_DIR / "distress.json"

Tier = Literal["none", "distress", "crisis"]
#: Moderation: returns True (self-harm flagged), False (not flagged) or None (no answer).
Moderator = Callable[[str], Awaitable[bool | None]]

#: A message is screened whole and sentence by sentence: every sentence of the longest text a
#: student can send (a 12,000-character draft), up to this many pieces in all.
MAX_UNITS = 400
#: Longer pieces are cut before embedding (MiniLM reads 256 word pieces anyway); what a cut
#: leaves out is read in further windows, this far apart, so the end of a long run-on is read too.
MAX_UNIT_CHARS = 1500
WINDOW_STEP = 1000

CRISIS_REPLY = (
    "I'm really sorry you're going through this. Match Week can feel crushing, and what "
    "you're feeling matters more than any application.\n\n"
    "If you might hurt yourself or you're in danger, please reach out now:\n"
    "• In the US, call or text **988** (Suicide & Crisis Lifeline), any time.\n"
    "• If you're in immediate danger, call **911** or your local emergency number.\n"
    "• Outside the US, call your local emergency number or a crisis line in your country.\n"
    "• Your school's counselling service or student-affairs office can help today, "
    "including during Match Week.\n\n"
    "Please also tell someone you trust — a friend, family member, advisor or dean — how "
    "you're doing. You don't have to get through this week alone. When you're ready, I'm "
    "here to help with SOAP too.\n\n"
    "If you're writing about someone else who may be in danger: stay with them if you can, call "
    "**911** if they are in immediate danger, and call or text **988** yourself — it helps "
    "people who are worried about someone, too."
)

DISTRESS_REPLY = (
    "Before the SOAP part: it sounds like this week is weighing on you, and that's a lot to "
    "carry. Please be gentle with yourself — eat something, rest if you can, and tell someone "
    "you trust how you're doing. If it ever feels like too much, or you have any thoughts of "
    "hurting yourself, call or text **988** in the US (or your local emergency number), and "
    "your school's counselling or student-affairs office can help today."
)

#: Before the help asked for, when the student writes that someone they know may be in danger.
SOMEONE_ELSE_REPLY = (
    "Before the SOAP part: it sounds like someone you care about may be in danger. If they might "
    "act on it now, stay with them or keep them talking if you can and call **911** (or your "
    "local emergency number). Call or text **988** in the US (Suicide & Crisis Lifeline) yourself "
    "too: it helps people who are worried about someone, and can help you with what to say. Let "
    "someone who can help know today (their family, or your dean's or student-affairs office), "
    "and look after yourself as well; if any of this is about you, please reach out to 988 for "
    "yourself."
)

#: After the crisis reply, where a critique or an answer's score would have been.
PAUSED_NOTE = (
    "Nothing you wrote there was saved, scored or shared. When you feel ready, I'm here: "
    "you can pick this up again whenever you like."
)


@dataclass(frozen=True)
class ScreenResult:
    """What the screen decided, and which layers said so (no text is kept)."""

    tier: Tier = "none"
    layers: tuple[str, ...] = ()
    #: The danger is to someone the student knows, not (as far as the screen can tell) to them.
    someone_else: bool = False

    @property
    def crisis(self) -> bool:
        return self.tier == "crisis"

    @property
    def distress(self) -> bool:
        return self.tier == "distress"

    @property
    def needs_care(self) -> bool:
        return self.tier != "none"

    @property
    def reply(self) -> str | None:
        """The text a student sees first: the crisis reply, the check-in, or nothing."""
        if self.tier == "distress" and self.someone_else:
            return SOMEONE_ELSE_REPLY
        return {"crisis": CRISIS_REPLY, "distress": DISTRESS_REPLY}.get(self.tier)


NONE = ScreenResult()


@dataclass(frozen=True)
class Phrases:
    crisis: re.Pattern[str] | None
    distress: re.Pattern[str] | None
    #: A person the student knows, then (in the same sentence) a danger sign.
    someone_else: re.Pattern[str] | None = None
    #: Signs of something final being prepared: a crisis only in a message read as distress.
    warning_signs: re.Pattern[str] | None = None
    #: A sentence about someone else: it opens with a person the student knows and says nothing
    #: in the first person ("My roommate has been sleeping all day and not eating").
    about_someone_else: re.Pattern[str] | None = None
    #: A past episode told as past and resolved (see ``[past_told]`` in the phrases file).
    past_told: re.Pattern[str] | None = None
    recent: re.Pattern[str] | None = None
    resolved: re.Pattern[str] | None = None
    long_ago: re.Pattern[str] | None = None


#: The writer in a sentence: "I", "me", "my".
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|i'll|me|my|myself|mine)\b", re.IGNORECASE)


@cache
def load_phrases(path: Path = PHRASES_PATH) -> Phrases:
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def compile_list(key: str) -> re.Pattern[str] | None:
        items = data.get(key, {}).get("patterns", [])
        return re.compile("|".join(f"(?:{p})" for p in items), re.IGNORECASE) if items else None

    other = data.get("someone_else", {})
    someone_else = None
    if other.get("person") and other.get("patterns"):
        danger = "|".join(f"(?:{p})" for p in other["patterns"])
        someone_else = re.compile(f"(?:{other['person']})[^.!?\n]{{0,80}}?(?:{danger})", re.IGNORECASE)
    about = None
    if other.get("person"):
        about = re.compile(
            f"^\\W*(?:{other['person']})(?![^.!?\\n]*{_FIRST_PERSON.pattern})",
            re.IGNORECASE,
        )
    return Phrases(
        compile_list("crisis"),
        compile_list("distress"),
        someone_else,
        compile_list("warning_signs"),
        about,
        compile_list("past_told"),
        compile_list("recent"),
        compile_list("resolved"),
        compile_list("long_ago"),
    )


#: A sentence that is only a reply word: "Yes.", "Okay.", "No, thanks.".
_BARE_REPLY = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|no|nope|nah|ok(?:ay)?|sure|right|true|correct|thanks?|thank you|hi|hello|hey|"
    r"well|so|um+|uh+)(?:\W+(?:thanks?|thank you|sir|ma'?am|doctor|dr))?\W*$",
    re.IGNORECASE,
)
#: Fillers of speech ("um", "uh", "you know", "like," before a pause) ...
_FILLERS = re.compile(r",?\s*\b(?:u+m+|u+h+m*|e+rm*|h+m+|you know|I mean)\b[,.]*|,?\s*\blike,", re.IGNORECASE)
#: ... and a word said twice across them ("his, his goodbye letters", "I, I keep").
_REPEATED = re.compile(r"\b(\w+)(?:,?\s+\1\b)+", re.IGNORECASE)


def without_fillers(text: str) -> str:
    """A transcript as it would be written: fillers dropped, repeated words said once."""
    return _REPEATED.sub(r"\1", _FILLERS.sub("", text))


def units(text: str) -> list[str]:
    """The pieces screened: the whole message, then each sentence when there are several, then
    the rest of any piece too long to read at once, in overlapping windows."""
    text = normalize(text).strip()
    if not text:
        return []
    pieces = [text[:MAX_UNIT_CHARS]]
    parts = [s.strip() for s in sentences(text) if s.strip()]
    if len(parts) > 1:
        pieces += [p[:MAX_UNIT_CHARS] for p in parts]
    for part in parts if len(parts) > 1 else [text]:
        # A crisis sentence at the end of a long run-on is never cut off.
        starts = range(WINDOW_STEP, len(part) - MAX_UNIT_CHARS + WINDOW_STEP, WINDOW_STEP)
        pieces += [part[i : i + MAX_UNIT_CHARS] for i in starts]
    return list(dict.fromkeys(pieces))[:MAX_UNITS]


class DistressScreen:
    """The layered screen. ``check`` is the local, synchronous part (CPU: call it from a
    thread in async code); ``screen`` adds moderation and is what front ends await."""

    def __init__(
        self,
        embedder: LocalMiniLM | None = None,
        classifier: LinearClassifier | None = None,
        *,
        phrases: Phrases | None = None,
        moderator: Moderator | None = None,
        moderation_timeout: float = 1.5,
    ) -> None:
        self.embedder = embedder
        self.classifier = classifier
        if classifier is not None and embedder is not None and classifier.model_id != embedder.model_id:
            log.warning("distress classifier skipped: trained on another embedding model")
            self.classifier = None
        self.phrases = phrases or load_phrases()
        self.moderator = moderator
        self.moderation_timeout = moderation_timeout

    @classmethod
    def default(
        cls, embedder: LocalMiniLM | None, moderator: Moderator | None = None, moderation_timeout: float = 1.5
    ) -> DistressScreen:
        """The screen with the committed classifier (phrases only when it cannot be loaded)."""
        classifier = None
        if embedder is not None:
            try:
                classifier = load_classifier(CLASSIFIER_PATH)
            except ClassifierError:
                log.warning("distress classifier unavailable; screening with phrases only")
        return cls(embedder, classifier, moderator=moderator, moderation_timeout=moderation_timeout)

    def check(self, text: str) -> ScreenResult:
        pieces = units(text)
        if not pieces:
            return NONE
        layers: list[str] = []
        tier: Tier = "none"
        # A spoken answer's fillers and repeats ("writing his, uh, his goodbye letters") hide no phrase.
        said = list(dict.fromkeys([*pieces, *(without_fillers(p) for p in pieces)]))
        speakers = {_crisis_speaker(self.phrases.crisis, p) for p in said} if self.phrases.crisis else set()
        if "writer" in speakers:
            tier = "distress" if self._told_as_resolved_past(text, pieces) else "crisis"
            layers.append("phrases")
        elif self.phrases.distress is not None and any(self.phrases.distress.search(p) for p in said):
            tier = "distress"
            layers.append("phrases")
        learned: Tier = "none"
        if self.classifier is not None and self.embedder is not None:
            learned = self._classify(pieces)
            if learned != "none":
                layers.append("classifier")
                tier = _worse(tier, learned)
        other = self.phrases.someone_else
        quoted = "other" in speakers  # a friend's own words of danger, quoted
        if tier != "crisis" and (quoted or (other is not None and any(other.search(p) for p in pieces))):
            # Someone else's danger: what to do for them (the crisis reply says it too).
            return ScreenResult("distress", (*layers, "someone-else"), someone_else=True)
        signs = self.phrases.warning_signs
        if (
            tier == "distress"
            and learned == "distress"
            and signs is not None
            and any(_own_warning_sign(signs, p) for p in said)
        ):
            # Distress, and goodbyes said or things given away: read as a crisis (not a patient's
            # "30 tablets" in a case told with no word of the writer's own).
            return ScreenResult("crisis", (*layers, "warning-signs"))
        return ScreenResult(tier, tuple(layers))

    def _told_as_resolved_past(self, text: str, pieces: Sequence[str]) -> bool:
        """Whether every crisis phrase of the message is in a sentence told in the past, nothing
        in it is recent, and it says the episode ended and how long ago: a story of a treated
        episode (the check-in, not the crisis reply; the classifier can still say crisis)."""
        p = self.phrases
        if p.crisis is None or not (p.past_told and p.recent and p.resolved and p.long_ago):
            return False
        hit = [piece for piece in (pieces[1:] or pieces) if p.crisis.search(piece)]
        if not hit or p.recent.search(text):
            return False
        told_past = all(p.past_told.search(piece) for piece in hit)
        return told_past and bool(p.resolved.search(text)) and bool(p.long_ago.search(text))

    def _classify(self, pieces: Sequence[str]) -> Tier:
        assert self.classifier is not None and self.embedder is not None
        # A bare "Yes." or "Okay." opening an interview answer or a long post says nothing of its
        # own, and is neither embedded nor scored; the message and its other sentences are read.
        # In a short message of short lines ("yes. the second question. yes.") it may answer a
        # check-in, and is read. (The whole message, first, is never bare when the message is long.)
        if sum(1 for piece in pieces[1:] if len(piece.split()) >= 6) >= 2:
            pieces = [piece for piece in pieces if not _BARE_REPLY.match(piece)]
        every = self.classifier.scores(pieces, self.embedder.embed(list(pieces)))
        crisis_at, distress_at = (self.classifier.labels.index(k) for k in ("crisis", "distress"))
        crisis = float(every[:, crisis_at].max())
        if crisis >= self.classifier.thresholds["crisis"]:
            return "crisis"
        # A sentence about someone else's low mood is read for the student only in the whole
        # message (a crisis-level score, above, counts wherever it is).
        about = self.phrases.about_someone_else
        own = [
            i
            for i, piece in enumerate(pieces)
            if (i == 0 or about is None or not about.search(piece)) and not _patients_story(piece)
        ]
        if not own:
            return "none"  # a patient's case, told with no word of the writer's own
        distress = float(every[own, distress_at].max())
        crisis_own = float(every[own, crisis_at].max())
        # Any signal, crisis-like or not, that clears the check-in threshold gets the check-in.
        if max(crisis_own, distress) >= self.classifier.thresholds["care"]:
            return "distress"
        return "none"

    async def screen(self, text: str, local: ScreenResult | None = None) -> ScreenResult:
        """All layers: the local ones in a thread (or ``local``, already computed), moderation
        alongside, bounded by a short timeout. Logs the tier only, never the text."""
        if not text or not text.strip():
            return NONE
        local_task = asyncio.create_task(asyncio.to_thread(self.check, text)) if local is None else None
        flagged: bool | None = None
        if self.moderator is not None:
            try:
                flagged = await asyncio.wait_for(self.moderator(text), self.moderation_timeout)
            except Exception:  # noqa: BLE001 - moderation never blocks a reply
                log.info("moderation unavailable for the distress screen")
        result = await local_task if local_task is not None else local
        assert result is not None
        if flagged and not result.crisis:
            result = ScreenResult("crisis", (*result.layers, "moderation"))
        if result.needs_care:
            log.info("distress screen tier=%s layers=%s", result.tier, ",".join(result.layers))
        return result


#: Quotation marks that open a quotation (straight ones close it too), and those that only close one.
_OPENING_QUOTES = frozenset("\"“'‘")
_QUOTE_MARKS = _OPENING_QUOTES | frozenset("”’")
#: Before a quotation: a patient speaking, in a clinical story ("a patient who told her PCP she
#: 'wouldn't mind not waking up'") ...
_A_PATIENT = re.compile(
    r"\b(?:patients?|pts?|clients?|admitted|admission|intake|pcp|rotation|clerkship|sub-?internship|sub-?i|"
    r"clinic|ward|consult)\b",
    re.IGNORECASE,
)


#: A patient named as such (not a rotation, a clinic or a ward, which a student's own
#: "clinic tomorrow and honestly what's the point" may mention without an "I").
_PATIENT_NAMED = re.compile(r"\b(?:patients?|pts?|clients?)\b", re.IGNORECASE)


#: Someone else as the one who wrote, said or gave away, just before a warning sign ("my
#: grandfather ... he wrote each of us a goodbye letter", "the patient who wrote goodbye letters").
_SOMEONE_ELSE_DID = re.compile(
    r"\b(?:he|she|they|(?<!the one )who|patients?|grand(?:father|mother|pa|ma|parents?)|uncle|aunt|"
    r"(?:my|our|his|her|their) (?:mom|mother|dad|father|friend|brother|sister|cousin))\s+"
    r"(?:\w+\s+){0,3}?(?:wrote|writes|writing|had written|said|says|saying|gave|gives|giving|left|sent|dictated)\b",
    re.IGNORECASE,
)


def _own_warning_sign(signs: re.Pattern[str], piece: str) -> bool:
    """Whether ``piece`` shows a warning sign of the writer's own: not a patient's case told with
    no word of the writer's, nor a goodbye someone else wrote or said (with no word of the
    writer's between them and the sign: "they said I should rest, but I've been writing goodbye
    letters" is the writer's)."""
    if _patients_story(piece):
        return False
    return any(not _someone_else_did(piece[max(0, m.start() - 80) : m.start()]) for m in signs.finditer(piece))


def _someone_else_did(before: str, someone_else: re.Pattern[str] = _SOMEONE_ELSE_DID) -> bool:
    """Whether the text just before a warning sign (or a crisis phrase) ends with someone else doing
    it (the last such clause, with no first-person word after it)."""
    matches = list(someone_else.finditer(before))
    return bool(matches) and not _FIRST_PERSON.search(before[matches[-1].end() :])


#: Words of the writer's that are about the case, not about themselves: "my patient's sister",
#: "can I talk about that case?", "is it ok to use that case?".
_CASE_TALK = re.compile(
    r"\bmy\s+(?:patient|pt|client)s?(?:['’]s)?\b|"
    r"\b(?:can|could|may|should)\s+i\s+(?:\w+\s+){0,3}?(?:talk|speak|write|use|mention|discuss|present|bring\s+up)\s+"
    r"(?:about\s+)?(?:that|this|the|a)\s+case\b|"
    r"\bis\s+it\s+ok(?:ay)?\s+(?:for\s+me\s+)?to\s+(?:use|mention|discuss|present|talk\s+about)\s+(?:that|this|the)\s+case\b",
    re.IGNORECASE,
)


def _patients_story(piece: str) -> bool:
    """A piece about a patient that says nothing of the writer ("Patient took 30 tablets of her
    sertraline; how would you discuss that case?", "My patient's sister said life has no point;
    can I talk about that case?")."""
    return bool(_PATIENT_NAMED.search(piece)) and not _FIRST_PERSON.search(_CASE_TALK.sub(" ", piece))


#: ... or someone the writer knows ("my friend texted 'I don't want to be here anymore'"), who is
#: never a patient, even on a rotation ...
_SOMEONE_KNOWN = re.compile(
    r"\b(?:friend|roommate|roomie|classmate|brother|sister|mom|mother|dad|father|cousin|colleague|partner|"
    r"husband|wife|boyfriend|girlfriend)\b",
    re.IGNORECASE,
)
#: ... or someone else, unnamed.
_ANOTHER_SPEAKER = re.compile(r"\b(?:she|he|they|her|him|someone|somebody|guy|girl)\b", re.IGNORECASE)
#: ... unless the writer is the one speaking ("I said 'I want to die'", "I told my therapist '...'").
_WRITER_SPEAKS = re.compile(
    r"\b(?:i|i've|i'd)\s+(?:\w+\s+)?(?:said|say|told|tell|wrote|write|texted|typed|answered)\b", re.IGNORECASE
)


#: Someone else as the subject of a crisis phrase told, not quoted: "a classmate told me that she had
#: thought about suicide", "one night she told me she had been having thoughts of suicide".
_TOLD_OF_SOMEONE_ELSE = re.compile(
    r"\b(?:she|he|they|(?:my|a|our|the|his|her)\s+(?:classmate|friend|roommate|colleague|co-?resident|patient|"
    r"brother|sister|cousin|mom|mother|dad|father|partner))\s+(?:(?:had|has|have|was|were|is|'d)\s+)?(?:been\s+)?"
    r"(?:having|had|thought|thinking|told|said|admitted|mentioned|disclosed|reported|confided|expressed|described|"
    r"endorsed|denied)\b",
    re.IGNORECASE,
)
#: A clinician's question about it, just before the phrase: "asking directly about thoughts of
#: suicide", "access to means, especially firearms and stockpiled medications".
_ASKING_A_PATIENT = re.compile(
    r"\b(?:ask|asks|asking|asked|screen|screening|screened|assess|assessing|assessed|documenting|evaluating|"
    r"inquire|inquiring|explore|exploring)\s+(?:(?!(?:me|my|myself)\b)\w+\s+){0,2}?(?:about|for)\s+$|"
    r"\baccess\s+to\s+(?:lethal\s+)?means\b[^.!?]{0,40}$",
    re.IGNORECASE,
)


def _crisis_speaker(pattern: re.Pattern[str], piece: str) -> str | None:
    """Whose words a crisis phrase in ``piece`` is: "writer" (the student's own), "other" (inside a
    quotation someone the student knows is said to have spoken: their danger, for the
    someone-else reply), "patient" (a patient's words quoted in a clinical story), or None."""
    marks = [i for i, ch in enumerate(piece) if ch in _QUOTE_MARKS]
    # an apostrophe ("don't", "i'll") sits between two letters; a quotation mark does not
    marks = [i for i in marks if not (0 < i < len(piece) - 1 and piece[i - 1].isalnum() and piece[i + 1].isalnum())]
    found: set[str] = set()
    for match in pattern.finditer(piece):
        before = [i for i in marks if i < match.start()]
        last = piece[before[-1]] if before else ""
        if last not in _OPENING_QUOTES or (last in "'\"" and len(before) % 2 == 0):
            # not inside a quotation: the writer's own, unless the clause before it has someone else
            # as its subject ("she told me she had been having thoughts of suicide") or asks a
            # patient about it ("I begin by asking directly about thoughts of suicide"), with no
            # word of the writer's after them
            if _FIRST_PERSON.search(match.group(0)):
                return "writer"  # "after I'm dead", "after im gone"
            lead = piece[max(0, match.start() - 120) : match.start()]
            rest = re.split(r"[.!?\n]", piece[match.end() :], maxsplit=1)[0]  # the rest of its sentence
            if _someone_else_did(lead, _TOLD_OF_SOMEONE_ELSE) and not _FIRST_PERSON.search(rest):
                found.add("other")
                continue
            if _ASKING_A_PATIENT.search(lead) and not _FIRST_PERSON.search(rest[:40]):
                found.add("patient")
                continue
            return "writer"
        at = before[-1]
        lead = piece[:at]
        if _WRITER_SPEAKS.search(lead):
            return "writer"
        if _SOMEONE_KNOWN.search(lead):
            found.add("other")
        elif _A_PATIENT.search(lead):
            found.add("patient")
        elif _ANOTHER_SPEAKER.search(lead):
            found.add("other")
        else:
            return "writer"
    return "other" if "other" in found else ("patient" if found else None)


def _worse(a: Tier, b: Tier) -> Tier:
    order = {"none": 0, "distress": 1, "crisis": 2}
    return a if order[a] >= order[b] else b
