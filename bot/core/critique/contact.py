"""The NRMP SOAP communication rule (docs/contracts.md, section 1) — the check the bot must never get wrong.

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
  not say who wrote first. The check still counts as passed then (docs/contracts.md, section 3:
  passed means no warning or error), so the tip is a reminder, never the only place a problem
  is reported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from bot.core.base.clock_times import clock_readings
from bot.core.base.match_week import DAY_INDEX, estimated_soap_monday
from bot.core.base.time_zones import (
    hours_behind_eastern_in_match_week,
    named_us_zone,
    named_zone_abroad,
    zone_abroad_the_student_is_in,
)
from bot.core.critique.checks import Context, Hit, advice, rule_hits
from bot.core.critique.draft import Draft
from bot.core.critique.lexicon import contact_patterns


@dataclass
class ContactSignals:
    cold: list[tuple[int, int]] = field(default_factory=list)
    interest: list[tuple[int, int]] = field(default_factory=list)
    not_contacted: list[tuple[int, int]] = field(default_factory=list)
    not_contacted_weak: list[tuple[int, int]] = field(default_factory=list)
    #: A contact guessed at ("a missed call from a 617 number, maybe it was your office?").
    guessed_contact: list[tuple[int, int]] = field(default_factory=list)
    misdirected: list[tuple[int, int]] = field(default_factory=list)
    not_applied: list[tuple[int, int]] = field(default_factory=list)
    #: A Cc or Bcc line with other programs' addresses.
    copied_programs: list[tuple[int, int]] = field(default_factory=list)
    third_party: list[tuple[int, int]] = field(default_factory=list)
    third_party_score: int = 0
    representative: list[tuple[int, int]] = field(default_factory=list)
    advocacy: list[tuple[int, int]] = field(default_factory=list)
    reply: list[tuple[int, int]] = field(default_factory=list)
    reply_weak: list[tuple[int, int]] = field(default_factory=list)
    stale_reply: list[tuple[int, int]] = field(default_factory=list)
    after_soap: list[tuple[int, int]] = field(default_factory=list)
    during_soap: list[tuple[int, int]] = field(default_factory=list)
    #: The time the draft says it is written or set to be sent is while SOAP runs.
    clock_during: list[tuple[int, int]] = field(default_factory=list)
    #: The time the draft says it is written or set to be sent is after SOAP ends.
    clock_after: list[tuple[int, int]] = field(default_factory=list)
    #: The draft says it is held until SOAP ends ("DO NOT SEND until SOAP closes").
    held_until_after: list[tuple[int, int]] = field(default_factory=list)
    regular_season: list[tuple[int, int]] = field(default_factory=list)
    forwarded: list[tuple[int, int]] = field(default_factory=list)
    non_soap: list[tuple[int, int]] = field(default_factory=list)
    #: The writer says they are not SOAP-eligible, and the program is outside the Match.
    ineligible_to_non_match: list[tuple[int, int]] = field(default_factory=list)
    accepted_offer: list[tuple[int, int]] = field(default_factory=list)
    withdrawing: list[tuple[int, int]] = field(default_factory=list)
    not_a_program: list[tuple[int, int]] = field(default_factory=list)
    pitch: list[tuple[int, int]] = field(default_factory=list)
    other_program: list[tuple[int, int]] = field(default_factory=list)
    asks_to_contact: list[tuple[int, int]] = field(default_factory=list)
    program_asked_for_them: list[tuple[int, int]] = field(default_factory=list)
    auto_receipt: list[tuple[int, int]] = field(default_factory=list)
    auto_reply: list[tuple[int, int]] = field(default_factory=list)
    downloaded: list[tuple[int, int]] = field(default_factory=list)
    #: The message quoted below is the student's own first message (a reply to one's own thread).
    own_thread: list[tuple[int, int]] = field(default_factory=list)
    group_event: list[tuple[int, int]] = field(default_factory=list)
    #: The program said no (a rejection, a "not selected" status) ...
    declined: list[tuple[int, int]] = field(default_factory=list)
    #: ... and the draft asks it to look again.
    reconsider: list[tuple[int, int]] = field(default_factory=list)
    asks_interview: list[tuple[int, int]] = field(default_factory=list)
    #: The only "contact" is an automatic notice quoted below the draft.
    quoted_notice: bool = False
    #: A person at the program inviting the student is quoted below the draft.
    quoted_invitation: bool = False
    #: The program's message quoted below says it received the student's application.
    quoted_has_application: bool = False
    #: ... and says its earlier message was meant for someone else (a correction that invites).
    quoted_correction: bool = False

    @property
    def is_third_party(self) -> bool:
        return self.third_party_score >= 3


#: Before a SOAP-ineligible applicant may write to a program outside the Match (Tuesday 8:00 a.m. ET).
_MONDAY_OR_EARLY_TUESDAY = re.compile(
    r"\b(?:this|today,?|it'?s)\s+monday\b|\bon\s+monday\s+(?:morning|afternoon|evening|night)\b[^.!?\n]{0,20}\b(?:writing|sending)\b"
    r"|\btuesday\s+(?:at\s+)?(?:[1-7](?::\d\d)?\s*a\.?m\.?|early)\b",
    re.IGNORECASE,
)


def _find(d: Draft, key: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for p in contact_patterns()[key]:
        out.extend((m.start(), m.end()) for m in p.finditer(d.masked) if m.end() > m.start())
    return sorted(out)


#: Another applicant named just before a reply marker ("My classmate Elif Demir interviewed with ..."):
#: the marker is that person's contact, not the writer's. Names keep their capitals; the rest is any case.
_SOMEONE_ELSES = re.compile(
    r"\b(?i:classmate|friend|colleague|roommate|batchmate|co-applicant|partner)s?(?:,?\s+[A-Z][\w'’-]+){1,3},?\s+$"
)
#: A reply marker that names no occasion ("our conversation", "following up on our conversation"):
#: with a pre-SOAP meeting in the draft, it refers to that meeting.
_OUR_TALK = re.compile(r"our\s+(?:conversation|chat|discussion|meeting)", re.IGNORECASE)
#: A reply marker said of that earlier time: "Since you reached out to me back then, I hope it's all
#: right to write now that I'm in SOAP".
_BACK_THEN = re.compile(r"\b(?:back\s+then|at\s+the\s+time|that\s+(?:fall|autumn|winter|season))\b", re.IGNORECASE)
_INTERVIEWED_BEFORE = re.compile(
    r"\b(?:you\s+interviewed|interviewing)\s+me\b[^.!?\n]{0,80}"
    r"\b(?:(?:last|this past|previous)\s+(?:year|cycle|season|fall|autumn|winter)|"
    r"(?:back\s+)?in\s+(?:september|october|november|december|january|february))\b",
    re.IGNORECASE,
)
_RECALLED = re.compile(r"you\s+(?:mentioned|suggested|said|asked)\b", re.IGNORECASE)
#: A reply dated to this week in its own words ("thank you for the interview this morning"): a date
#: elsewhere in its sentence ("the redesign your chiefs led last year") does not make it stale.
_DATED_NOW = re.compile(
    r"\b(?:interview|call|conversation|chat|email|e-mail|message|note|invitation|invite|voicemail|time)\s+"
    r"(?:with\s+(?:me|us)\s+)?(?:this\s+(?:morning|afternoon|evening|week)|today|yesterday|earlier\s+today|last\s+night|tonight)\b",
    re.IGNORECASE,
)
_REMEMBERED = re.compile(
    r"\b(?:(?:may|might)\s+(?:still\s+)?remember\s+me|remember\s+me\s+from|we\s+(?:met|spoke|talked|chatted)|"
    r"you\s+interviewed\s+me|i\s+interviewed\s+(?:with\s+you|there|at\s+your)|"
    r"(?:replying|responding|writing\s+back)\s+(?:on|to|in)\s+(?:this|the|your|an|our)\s+(?:old\s+|earlier\s+)?(?:thread|e-?mail|message|chain))\b",
    re.IGNORECASE,
)


#: A person at the program inviting the student, in a pasted message: real contact, even when
#: a scheduling system sent it ("You have been invited to interview ... do not reply").
_QUOTED_INVITATION = re.compile(
    r"\b(?:invit\w*\s+you|you\s+(?:have\s+been|are|were)\s+(?:selected|invited|chosen)|schedule\s+(?:your|an|the)\s+"
    r"interview|interview\s+(?:invitation|slots?|times?)|would\s+like\s+to\s+(?:interview|speak|talk|meet))\b",
    re.IGNORECASE,
)
#: A quoted sentence that only promises contact on a condition ("We will be in touch if we wish to
#: schedule an interview"): an acknowledgement, not an invitation.
_QUOTED_CONDITIONAL = re.compile(
    r"\b(?:will|would|'ll|shall)\s+(?:be\s+in\s+touch|contact\s+you|reach\s+out|get\s+back\s+to\s+you|let\s+you\s+know)\s+"
    r"(?:\w+\s+){0,3}?(?:if|should)\b|\bif\s+we\s+(?:wish|would\s+like|decide|want|are\s+able)\s+to\s+"
    r"(?:schedule|invite|interview|move\s+forward)\b",
    re.IGNORECASE,
)


def _unconditional(pasted: str) -> str:
    """The quoted text without its sentences that promise contact only on a condition."""
    return " ".join(s for s in re.split(r"(?<=[.!?])\s+", pasted) if not _QUOTED_CONDITIONAL.search(s))


#: The date line of a quoted message ("On Thu, Feb 5, 2026 at 4:47 PM ... wrote:", "Sent: Friday, March 13, 2026").
_QUOTED_DATE_LINE = re.compile(
    r"^[>\s]*(?:on|date:|sent:)\s+(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<day>\d{1,2})\b(?:,?\s+(?P<year>20\d\d)\b)?",
    re.IGNORECASE | re.MULTILINE,
)
#: Months of the interview season, before Match Week in March.
_INTERVIEW_SEASON_MONTHS = frozenset({"sep", "oct", "nov", "dec", "jan", "feb"})
#: Without a year, a March date before the 11th is before Match Week in any year (its Monday falls
#: between March 11 and 17).
_EARLIEST_SOAP_MONDAY = 11


def _quoted_before_match_week(pasted: str) -> bool:
    """Whether the newest message quoted below (the first date line) was sent before Match Week
    (the interview season, or March before SOAP's Monday): answering it is not answering a contact
    the program made during SOAP."""
    first = _QUOTED_DATE_LINE.search(pasted)
    if first is None:
        return False
    month = first.group("month").lower()
    if month in _INTERVIEW_SEASON_MONTHS:
        return True
    if month != "mar":
        return False
    day = int(first.group("day"))
    if first.group("year"):
        return day < estimated_soap_monday(int(first.group("year"))).day
    return day < _EARLIEST_SOAP_MONDAY


#: A US zone word right after a clock time, as an abbreviation ("7 PM CT", "8 pm ET").
_ZONE_ABBREVIATION = re.compile(r"^\s*\(?\s*(?P<zone>[ecmp][sd]?t)\b", re.IGNORECASE)


#: Words after a clock that put it on the writer's own clock ("9:30 on Thursday night here",
#: "7 a.m. my time"): the zone is where the draft says the writer is ("Good morning from Manila").
_LOCAL_CLOCK = re.compile(r"\b(?:here|(?:my|local)\s+time)\b", re.IGNORECASE)


def _hours_behind_eastern(after_clock: str, draft: str) -> float:
    """The zone named in the first words after a clock time ("Pacific", "CT", "Alaska", "HST",
    "Denver", "(IST, Chennai)", or "here" where the draft places the writer) as hours behind
    Eastern in Match Week (negative for a zone ahead of it); none, or an Eastern one, is Eastern."""
    clause = re.split(r"[.;!?\n]", after_clock, maxsplit=1)[0]
    words = " ".join(clause.replace("(", " ").replace(")", " ").replace(",", " ").split()[:3])
    year = dt.date.today().year
    abbreviation = _ZONE_ABBREVIATION.match(words)
    zone = named_us_zone(f"{abbreviation.group('zone')} time") if abbreviation else named_us_zone(words)
    if zone is not None:
        return hours_behind_eastern_in_match_week(zone[0], year)
    abroad = None if abbreviation else named_zone_abroad(words)
    if abroad is None and not abbreviation and _LOCAL_CLOCK.search(clause[:30]):
        where = zone_abroad_the_student_is_in(draft) or named_us_zone(draft)
        abroad = where[0] if where is not None else None
    return hours_behind_eastern_in_match_week(abroad, year) if abroad is not None else 0.0


#: Setting the moment a message goes out ("Scheduled send:", "Outlook send later", "set to send at").
_SENDING_AT = (
    r"\bschedul\w*|\bsend[\s-]later\b|\bset\s+(?:it\s+|this\s+)?to\s+(?:send|go\s+out)\b|"
    r"\b(?:send|sending|goes\s+out|go\s+out)\s+(?:it\s+|this\s+)?(?:at|on)\s+(?=\d|mon|tue|wed|thu|fri|sat|sun)"
)
_SENDING_AT_PATTERN = re.compile(_SENDING_AT, re.IGNORECASE)


#: The moment of sending: a header line with a day ("Text to Dr. Park - Thursday 8:35 p.m.",
#: "Scheduled: Mon 3/16, 7:30 AM Pacific") or a sentence that says when it is written or sent
#: ("I'm writing at 5:40 p.m. Pacific", "it's 8:15 ET", "Outlook send later: Friday 6:00 AM IST").
_WRITING_NOW = re.compile(
    r"\b(?:writing|sending|sent|it'?s|it is|right now|as i type|as of|drafted)\b|" + _SENDING_AT,
    re.IGNORECASE,
)
#: A clock time that says when the draft was written ("Drafted at 7:40 PM"), not when it is sent.
_COMPOSED_AT = re.compile(r"\b(?:drafted|written|wrote|composed)\b[^.\n\d]{0,15}$", re.IGNORECASE)
#: Monday 10 a.m. to Thursday 9 p.m. Eastern, in hours from Monday midnight: SOAP.
_SOAP_STARTS_EASTERN_HOUR = 10
_SOAP_ENDS_EASTERN_HOUR = 3 * 24 + 21
#: What puts a draft on the Thursday of Match Week.
_THURSDAY = re.compile(
    r"\bthursday\b|\b(?:round\s+(?:4|four)|(?:the\s+)?(?:last|final|fourth)\s+(?:offer\s+)?round)\b", re.IGNORECASE
)
#: A weekday of Match Week, spelt out or short ("Thu 3/19", "Fri.").
_WEEKDAY = re.compile(
    r"\b(?:(?P<mon>mon(?:day)?)|(?P<tue>tue(?:s|sday)?)|(?P<wed>wed(?:nesday)?)|(?P<thu>thu(?:r|rs|rsday)?)|"
    r"(?P<fri>fri(?:day)?))\b\.?",
    re.IGNORECASE,
)


def _send_moments(d: Draft, stated_after: bool) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The clock times at which the draft says it is written or set to be sent, converted to
    Eastern: those while SOAP runs (Monday 10 a.m. to Thursday 9 p.m. ET: "5:40 p.m. Pacific" on
    the Thursday is 8:40 p.m. Eastern; "Friday 6:00 AM IST" is Thursday 8:30 p.m.), and those
    after it ends. A clock with its weekday named beside it is placed on that day; one without,
    on the Thursday when the draft speaks of the Thursday or of SOAP having ended (an afternoon
    or evening time only, as before). A time with no zone is read as Eastern."""
    thursday_draft = bool(_THURSDAY.search(d.masked) or stated_after)
    during: list[tuple[int, int]] = []
    after: list[tuple[int, int]] = []
    for m in clock_readings(d.masked):
        line_start = d.masked.rfind("\n", 0, m.start) + 1
        line_end = d.masked.find("\n", m.end)
        line = d.masked[line_start : line_end if line_end >= 0 else len(d.masked)]
        sentence = d.sentence_at(m.start)
        around = d.masked[sentence.start : sentence.end] if sentence is not None else line
        before_clock = d.masked[max(line_start, m.start - 40) : m.start]
        named_days = list(_WEEKDAY.finditer(before_clock)) or list(_WEEKDAY.finditer(d.masked[m.end : m.end + 25]))
        if named_days:
            # A weekday beside the clock is a meeting time ("Tuesday at 2:00 p.m. works for me")
            # unless the line is a header above the letter, or the clause says it is sent then.
            header = len(line) <= 120 and (
                line_start < d.body_start
                or not d.masked[:line_start].strip()
                or line.lstrip().startswith(("[", "("))
                or bool(_WRITING_NOW.search(line))
            )
            if not (header or _WRITING_NOW.search(before_clock)):
                continue
        elif not ((len(line) <= 100 and "thursday" in line.lower()) or _WRITING_NOW.search(around)):
            continue
        eastern = m.hour + m.minute / 60 + _hours_behind_eastern(d.masked[m.after : m.after + 40], d.masked)
        if named_days:
            day = named_days[-1] if named_days[-1].end() <= m.start else named_days[0]
            weekday = next(k for k, v in day.groupdict().items() if v)
            moment = DAY_INDEX[weekday] * 24 + eastern
        elif thursday_draft and eastern >= 12:
            moment = 3 * 24 + eastern
        else:
            continue
        if _SOAP_STARTS_EASTERN_HOUR <= moment < _SOAP_ENDS_EASTERN_HOUR:
            during.append((m.start, m.end))
        elif (
            moment >= _SOAP_ENDS_EASTERN_HOUR
            and (
                _SENDING_AT_PATTERN.search(around)
                # "I am writing at 10:20 on Friday morning, Manila time": written and sent after SOAP
                or (
                    _WRITING_NOW.search(before_clock)
                    and not _COMPOSED_AT.search(d.masked[max(0, m.start - 30) : m.start])
                )
            )
        ):
            after.append((m.start, m.end))
    if after:
        # "Schedule send: Thu 9:20 PM ET. Drafted at 7:40 PM": when it is sent decides, not when
        # it was written.
        during = [span for span in during if not _COMPOSED_AT.search(d.masked[max(0, span[0] - 30) : span[0]])]
    return during, after


#: A subject line that forwards ("Fwd: ...", "FW: ...").
_FORWARD_SUBJECT = re.compile(r"\s*fwd?\s*:", re.IGNORECASE)
#: A reply says the program has seen the application ("thank you for reaching out after seeing my
#: application to Wrenfield"), or answers the program's question by saying it was sent ("yes, I
#: submitted my SOAP application to Tidewater through ERAS on Monday"): the student did apply,
#: whatever the form says.
_HAS_MY_APPLICATION = re.compile(
    r"\b(?:after|since|for)\s+(?:seeing|reviewing|reading|receiving|looking\s+at)\s+my\s+(?:soap\s+|eras\s+)?application\b"
    r"|\bi\s+(?:have\s+|'ve\s+)?(?:submitted|sent)\s+my\s+(?:soap\s+|eras\s+)?application\s+to\b",
    re.IGNORECASE,
)
#: The program's own message quoted below says it has the student's application.
_QUOTED_HAS_APPLICATION = re.compile(
    r"\b(?:received|reviewed|reviewing|read|reading|have)\s+your\s+(?:soap\s+|eras\s+)?application\b", re.IGNORECASE
)
#: A person at the program asking the student something about their application ("we're reviewing
#: your SOAP application and noticed your MSPE is missing. Could you look into this?"): the program
#: wrote to the student, as an invitation does.
_QUOTED_REQUEST = re.compile(
    r"\b(?:could|can|would)\s+you\b|\bplease\s+(?:send|upload|confirm|let us know|look|check|reply|call)\b|\?",
    re.IGNORECASE,
)


#: Someone's application spoken of in the third person ("she has applied", "his application").
_ABOUT_ANOTHERS_APPLICATION = re.compile(
    r"\b(?:she|he)\s+(?:has\s+|had\s+|also\s+)*(?:applied|is applying|was unmatched|is unmatched|did not match|"
    r"didn't match|is in soap|interviewed)\b|"
    r"\b(?:his|her)\s+(?:soap\s+|eras\s+)?(?:application|applications|apps|candidacy|aamc id)\b|"
    r"\b(?:she|he)\s+(?:\w+\s+){0,4}?putting\s+in\s+(?:(?:her|his|the|all|soap|eras)\s+){0,2}(?:applications|apps)\b|"
    r"\bon\s+(?:her|his)\s+(?:soap\s+)?list\b|"
    r"\b(?-i:[A-Z])[a-z]+(?:\s+(?-i:[A-Z])[a-z]+)?'s\s+(?:soap\s+|eras\s+)?(?:application|candidacy)\b",
    re.IGNORECASE,
)
#: The writer's own application ("I applied", "my application", "I am an applicant").
_ABOUT_OWN_APPLICATION = re.compile(
    r"\bi(?:'ve|'m| have| am| had)?\s+(?:just\s+|also\s+|already\s+|recently\s+)*(?:applied|applying|interviewed|"
    r"submitted)\b|\bmy\s+(?:soap\s+|eras\s+)?(?:application|candidacy|cv|aamc id|personal statement|interview)\b|"
    r"\b(?:i am|i'm)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:applicant|candidate|graduate|student)\b|"
    r"^\s*aamc\s+id\b",
    re.IGNORECASE | re.MULTILINE,
)


def contact_signals(d: Draft) -> ContactSignals:
    sig = ContactSignals()
    sig.other_program = _find(d, "other_program")
    sig.interest = _find(d, "interest")
    sig.cold = sorted(_find(d, "cold") + sig.interest + sig.other_program)
    sig.not_contacted = _find(d, "not_contacted")
    sig.not_contacted_weak = _find(d, "not_contacted_weak")
    sig.guessed_contact = _find(d, "guessed_contact")
    sig.misdirected = _find(d, "misdirected")
    sig.not_applied = _find(d, "not_applied")
    sig.copied_programs = _find(d, "copied_programs")
    # "My classmate Elif Demir interviewed with Holloway yesterday": a reply marker whose subject is
    # another applicant named just before it is about that person's contact, not the writer's.
    sig.reply = [
        span for span in _find(d, "reply") if not _SOMEONE_ELSES.search(d.masked[max(0, span[0] - 60) : span[0]])
    ]
    sig.reply_weak = _find(d, "reply_weak")
    earlier = _find(d, "before_soap_meeting")
    if earlier and sig.reply:
        # "Following up on our conversation at the chapter meeting last October": a reply to
        # something before Match Week, not proof the program wrote first during SOAP.
        dated = [
            (x.start, x.end)
            for x in d.sentences
            if any(x.start <= a < x.end for a, _ in earlier) and not _DATED_NOW.search(d.masked[x.start : x.end])
        ]
        # "...continue our conversation" later in the draft means the same earlier conversation.
        stale = [
            span
            for span in sig.reply
            if any(a <= span[0] < b for a, b in dated)
            or _OUR_TALK.search(d.masked[span[0] : span[1]])
            or ((x := d.sentence_at(span[0])) is not None and _BACK_THEN.search(d.masked[x.start : x.end]))
        ]
        if _INTERVIEWED_BEFORE.search(d.masked):
            # "You interviewed me ... in November of last year" and later "the expansion you
            # mentioned": a recollection of that interview, not of a message this week.
            stale += [span for span in sig.reply if span not in stale and _RECALLED.match(d.masked[span[0] : span[1]])]
        sig.reply = [span for span in sig.reply if span not in stale]
        sig.reply_weak = sorted(sig.reply_weak + stale)
        sig.stale_reply = stale
    elif earlier:
        # "You may remember me from your interview day on December 9": no reply marker, but the
        # draft recalls a contact from before Match Week, which is what a "yes" rests on.
        sig.stale_reply = [
            span for span in earlier if (x := d.sentence_at(span[0])) and _REMEMBERED.search(d.masked[x.start : x.end])
        ]
    sig.after_soap = _find(d, "after_soap")
    sig.during_soap = _find(d, "during_soap")
    sig.held_until_after = _find(d, "held_until_after")
    sig.clock_during, sig.clock_after = _send_moments(d, bool(sig.after_soap))
    sig.regular_season = _find(d, "regular_season")
    sig.forwarded = _find(d, "forwarded")
    if d.subject_text and _FORWARD_SUBJECT.match(d.subject_text):
        sig.forwarded.insert(0, d.subject)  # type: ignore[arg-type]
    sig.non_soap = _find(d, "non_soap")
    if _find(d, "ineligible_self"):
        sig.ineligible_to_non_match = _find(d, "non_match_program")
    sig.accepted_offer = _find(d, "accepted_offer")
    sig.withdrawing = _find(d, "withdrawing")
    sig.not_a_program = _find(d, "not_a_program")
    sig.pitch = [span for span in _find(d, "pitch") if span[0] >= d.body[0]]
    sig.asks_to_contact = _find(d, "asks_to_contact")
    sig.program_asked_for_them = _find(d, "program_asked_for_them")
    sig.auto_receipt = _find(d, "auto_receipt")
    # The message quoted under the draft, read once: a person's invitation, an automatic notice,
    # or the student's own earlier message.
    pasted = d.view[d.quoted[0] : d.quoted[1]] if d.quoted is not None else ""
    has_application = bool(pasted) and bool(_QUOTED_HAS_APPLICATION.search(pasted))
    # a promise to be in touch "if we wish to schedule an interview" invites no one
    offered = _unconditional(pasted)
    invitation = bool(pasted) and bool(
        _QUOTED_INVITATION.search(offered) or (has_application and _QUOTED_REQUEST.search(offered))
    )
    notice = bool(pasted) and any(p.search(pasted) for p in contact_patterns()["auto_receipt"])
    anchor = (sig.reply + sig.reply_weak)[:1] or [(d.body[0], d.body[0] + 1)]
    if pasted and _quoted_before_match_week(pasted):
        # The message quoted below was sent in the interview season (its date line says so):
        # answering it now is not answering a contact the program made during SOAP.
        sig.stale_reply = sorted(sig.stale_reply + anchor)
    elif notice and not invitation:
        # The message pasted below the draft is an automatic notice ("This is an automated
        # message ... do not reply"): the reply in the draft answers no person at the program.
        sig.auto_receipt = sorted(anchor + sig.auto_receipt)
        sig.quoted_notice = True
    elif invitation:
        # A person at the program inviting the student, pasted below: the program wrote first
        # (a receipt-like subject line does not outweigh it).
        sig.auto_receipt = [span for span in sig.auto_receipt if span[0] >= d.body[0]]
        sig.quoted_invitation = True
        sig.quoted_has_application = has_application
        # "...please disregard my email from this morning; it was meant for another applicant. That
        # said, Dr. H. would also like to speak with you": the program corrected its mistake and
        # invited this student itself.
        sig.quoted_correction = any(p.search(pasted) for p in contact_patterns()["misdirected"])
        if not sig.reply and not sig.forwarded:
            # (An invitation forwarded to a program is another program's, not this one's.)
            sig.reply = list(anchor)
    elif pasted and any(p.search(pasted) for p in [*contact_patterns()["cold"], *contact_patterns()["interest"]]):
        # The thread below is the student's own first message ("...wanted to introduce myself").
        sig.own_thread = list(anchor)
    if pasted and not invitation and any(p.search(pasted) for p in contact_patterns()["not_contacted"]):
        # The thread below says the program had not contacted the student ("unable to correspond
        # with SOAP applicants who contact us before we have contacted them"): writing again is
        # more of the student's own contact, whatever the reply markers.
        sig.not_contacted = sorted(sig.not_contacted + anchor)
    sig.auto_reply = _find(d, "auto_reply")
    sig.downloaded = _find(d, "downloaded")
    sig.group_event = _find(d, "group_event")
    sig.declined = _find(d, "declined")
    sig.reconsider = _find(d, "reconsider")
    sig.asks_interview = _find(d, "asks_interview")
    sig.representative = _find(d, "representative") + sig.asks_to_contact
    sig.advocacy = [(h.start, h.end) for h in rule_hits(d, "off-target-questions") if h.rule.topic == "advocacy"]
    strong = _find(d, "third_party_strong")
    weak = _find(d, "third_party_weak")
    # evidence: strong signals in the body first ("on behalf of"), then the rest
    in_body = [x for x in strong if x[0] >= d.body[0]]
    sig.third_party = in_body + sorted(x for x in strong + weak if x not in in_body)
    sig.third_party_score = 2 * len(strong) + len(weak)
    if _ABOUT_ANOTHERS_APPLICATION.search(d.masked) and not _ABOUT_OWN_APPLICATION.search(d.masked):
        # The letter speaks of someone's application in the third person and never of the
        # writer's own: written about the applicant, by someone else (a dean, a parent, a PD).
        sig.third_party_score += 2
    if d.subject_text and re.match(r"\s*re\s*:", d.subject_text, re.IGNORECASE):
        # "Re:" is typed as easily as anything else: a weak sign of a reply, never proof.
        sig.reply_weak.insert(0, d.subject)  # type: ignore[arg-type]
    return sig


#: Words that make a message about the student's application or a program (a note to a resident
#: friend about a new baby is not contact with a program; nor is putting a friend "in a weird spot").
_ABOUT_PROGRAMS = re.compile(
    r"\b(?:soap|match|program|residency|application|apply|applied|interview\w*|pd|program director|coordinator|"
    r"position|(?<!weird )(?<!awkward )(?<!tough )(?<!tight )(?<!bad )(?<!difficult )(?<!odd )spot|offer|eras|"
    r"cv|resume|candidate|rank|intern(?:ship)?|pgy|prelim|categorical|faculty|chief)\b",
    re.IGNORECASE,
)


#: "No match talk this week, I promise", "I'm not going to ask you anything about your program or
#: Dr. Whitaker", "not gonna talk shop with you": naming the topic to set it aside.
_NOT_ABOUT = re.compile(
    r"\bno (?:match|soap|residency|interview|application) (?:talk|stuff|chat|questions)\b|"
    r"\b(?:not|never|won't|wont|will not|can't|cant|cannot)\s+(?:going\s+to\s+|gonna\s+)?"
    r"(?:ask|bug|bother|pester|quiz)(?:ing|ging|zing)?\s+(?:you\s+)?"
    r"(?:anything\s+|any\s+questions\s+)?about\s+(?:your|ur|yr|the)\s+(?:program|residency|pd|program director)\b|"
    r"\b(?:not|never|won't|wont|will not)\s+(?:going\s+to\s+|gonna\s+)?talk(?:ing)?\s+shop\b",
    re.IGNORECASE,
)

#: "This has nothing to do with your program (I'm only applying in FM)": a note to a friend who is a
#: resident, about the writer's own interviews elsewhere.
_NOT_THEIR_PROGRAM = re.compile(
    r"\b(?:has|have|is)\s+nothing\s+to\s+do\s+with\s+(?:your|ur|yr)\s+program\b|"
    r"\bnot\s+(?:about|related\s+to)\s+(?:your|ur|yr)\s+program\b",
    re.IGNORECASE,
)


#: Words that place a draft in SOAP or Match Week rather than in the regular season.
_SOAP_WEEK = re.compile(
    r"\b(?:soap|match week|unmatched|(?:did not|didn't|didnt|did n't) match|list of unfilled programs|"
    r"unfilled (?:list|programs? list)|lup|(?:my)?eras (?:opens|reopens))\b",
    re.IGNORECASE,
)


#: "once SOAP is over", "I'll write after SOAP has ended": SOAP's end as a plan, not a fact.
_CONDITIONAL = re.compile(
    r"\b(?:when|once|until|till|before|after|if|as soon as|wait for)\s+(?:\w+\s+)?$", re.IGNORECASE
)
#: "the morning after SOAP closed": a date, not a condition.
_DAY_AFTER = re.compile(
    r"\b(?:the|this)\s+(?:morning|day|night|evening|afternoon)\s+after\s+soap\s+(?:closed|ended|concluded|finished)\b",
    re.IGNORECASE,
)


#: What a program that has really made contact offers: an interview, a call, a conversation.
_INVITATION = re.compile(
    r"\b(?:interview\w*|call|calls|called|calling|invit\w*|conversation|zoom|meeting|chat|speak|spoke|talk|talked|offer)\b",
    re.IGNORECASE,
)


#: In the sentence of a reply marker: the program reached out ("Thank you for calling me this
#: morning", "your voicemail", "as you asked", "wanted to talk with me").
_PROGRAM_REACHED_OUT = re.compile(
    r"\b(?:invit(?:ed|ing|ation)|call(?:ed|ing)\s+me|your\s+(?:voicemail|call|phone call|message|e-?mail)|"
    r"(?:gave|sent|passed|shared|forwarded)\s+me\s+your\s+(?:e-?mail|email address|number|phone number|cell|contact)|"
    r"as\s+you\s+asked|you\s+asked|answer(?:ing)?\s+your\s+question|wanted\s+to\s+(?:talk|speak|interview|meet)|"
    r"(?:writing|wrote|reaching\s+out|emailing|e-?mailed|contacting|contacted|texting|texted|messaging|messaged)\s+(?:to\s+)?me\b|"
    r"returning\s+(?:a|your|the)\s+(?:missed\s+)?(?:call|voicemail|phone call)|"
    r"(?:asking|asked)\s+(?:you|her|him|them)\s+to\s+(?:reach out|contact me|get in touch)|"
    r"tagging\s+me|looping\s+me\s+in|(?:times|slots?|time\s+slots?)\s+(?:that\s+)?you\s+(?:listed|offered|proposed|suggested|sent)|"
    r"reaching\s+out\s+(?:\w+\s+){0,2}?on\s+behalf\s+of\s+(?:the|your)\s+program|"
    r"(?:su|tu)\s+(?:mensaje|llamada|invitaci[oó]n)|la\s+invitaci[oó]n)\b",
    re.IGNORECASE,
)


#: "thank you for considering me", "thanks again for your consideration": gratitude, not a pitch.
_THANKS_FOR_CONSIDERING = re.compile(
    r"\bthank(?:s| you)(?: so much| very much| again| kindly)?\s+(?:for\s+(?:considering\s+(?:me|my\s+application)|"
    r"(?:your|the)\s+(?:kind\s+)?consideration)|so\s+much\s+for\s+considering\s+me)\b",
    re.IGNORECASE,
)

#: "Thank you for reaching out this morning": to a dean or mentor, the program's own question.
_THANKS_FOR_REACHING_OUT = re.compile(r"\bthank(?:s| you)(?: so much| very much)? for reaching out\b", re.IGNORECASE)


def _program_reached_out(d: Draft, s: ContactSignals) -> bool:
    """Whether a sentence with a reply marker says the program called, wrote or invited."""
    sentences = {sent for a, _ in s.reply if (sent := d.sentence_at(a)) is not None}
    return s.quoted_invitation or any(_PROGRAM_REACHED_OUT.search(d.masked[x.start : x.end]) for x in sentences)


def _body_replies(d: Draft, s: ContactSignals) -> ContactSignals:
    """The signals with the reply markers of the subject line left out."""
    if d.subject is None:
        return s
    start, end = d.subject
    return replace(s, reply=[(a, b) for a, b in s.reply if not (start <= a < end)])


def _program_wrote_or_is_thanked(d: Draft, s: ContactSignals) -> bool:
    """The program reached out (a reply marker's sentence says so), or the draft thanks someone
    "for reaching out"."""
    return _program_reached_out(d, s) or bool(_THANKS_FOR_REACHING_OUT.search(d.masked))


def _plainly_a_reply(d: Draft, s: ContactSignals) -> bool:
    """Whether the draft plainly answers the program's own call, email or invitation, and
    nothing in it starts contact (no cold ask, no one acting for the student)."""
    if not s.reply or s.forwarded or s.not_contacted or s.not_contacted_weak:
        return False
    if s.representative or s.advocacy or s.is_third_party or s.auto_receipt or s.own_thread or s.group_event:
        return False
    # interest said in answer to the program's own message ("Thank you for reaching out ... any of
    # the times you listed ... I'm really excited about the rural rotations") is enthusiasm, not a
    # pitch; any other cold words are
    return all(span in s.interest for span in s.cold) and _program_reached_out(d, s)


def _invited(d: Draft, s: ContactSignals) -> bool:
    """Whether a reply marker in the draft, or the sentence it stands in ("Thank you for your email
    about scheduling an interview"), names an interview, a call or an invitation."""
    for a, b in s.reply:
        sentence = d.sentence_at(a)
        end = min(sentence.end, b + 50) if sentence is not None else b
        # the marker and the clause it begins, not the rest of a long sentence
        if _INVITATION.search(re.split(r"[,;:]", d.masked[a:end], maxsplit=1)[0] if end > b else d.masked[a:b]):
            return True
    return False


def _judged_as_during_soap(d: Draft, ctx: Context, why: str, at: tuple[int, int] | None = None) -> list[Hit]:
    """The draft judged as during SOAP, whatever phase was chosen; a problem found is a warning
    whose advice (``why``) says the text and the form disagree, quoting the sentence around ``at``
    (the time the draft gives) when there is one."""
    sentence = d.sentence_at(at[0]) if at is not None else None
    quoted = (d.quote(sentence.start, sentence.end), sentence.start) if sentence is not None else None
    out = []
    for h in check_contact_rule(d, replace(ctx, phase="during-soap")):
        if h.severity in ("error", "warning"):
            evidence, pos = quoted or (h.evidence, h.pos)
            h = Hit("contact-rule", "warning", evidence, advice(why, ctx), pos, h.summary)
        out.append(h)
    return out


def check_contact_rule(d: Draft, ctx: Context) -> list[Hit]:
    s = contact_signals(d)
    # A send time after SOAP ("Scheduled send: Thu 9:25 PM ET") outranks words written while it runs.
    running = s.clock_during or (s.during_soap and not s.after_soap and not s.clock_after)
    if ctx.phase == "after-soap" and running:
        # "After SOAP" chosen, but the draft says the offer rounds are still ahead ("before
        # Round 1"): judged as during SOAP, and any finding says why.
        if s.clock_during:
            # "It is seven o'clock on Friday morning here" (Manila): 7 p.m. Thursday in Eastern time.
            return _judged_as_during_soap(d, ctx, "contact-phase-clock-during", s.clock_during[0])
        return _judged_as_during_soap(d, ctx, "contact-phase-text-during")
    if ctx.phase == "before-soap" and running:
        # "Before SOAP" chosen, but the draft says SOAP is under way (ERAS reopened this afternoon,
        # the rounds are ahead) or is set to be sent once it is ("Scheduled: Mon, 7:30 AM Pacific").
        return _judged_as_during_soap(d, ctx, "contact-phase-text-started")
    if ctx.phase == "during-soap" and (s.held_until_after or s.clock_after) and not s.clock_during:
        # Written during SOAP but held until it ends ("DO NOT SEND until SOAP closes", "send
        # later: Friday 8 a.m."): judged as after SOAP, with a word on when it may go out.
        after = check_contact_rule(d, replace(ctx, phase="after-soap"))
        # held or scheduled ("send later: Friday 8 a.m.") vs written after SOAP ended ("It's 10:20 on
        # Friday morning, Manila time")
        held = s.held_until_after or _SENDING_AT_PATTERN.search(d.masked)
        key = "contact-held-until-after" if held else "contact-phase-said-after"
        return after or [Hit("contact-rule", "info", "", advice(key, ctx), d.body[0])]
    if ctx.phase == "during-soap" and s.regular_season and not (s.after_soap or _SOAP_WEEK.search(d.masked)):
        # "During SOAP" chosen, but the draft belongs to the regular interview season and says
        # nothing of SOAP or of not matching: the rule does not apply to it yet.
        return [Hit("contact-rule", "info", "", advice("contact-phase-text-before", ctx), d.body[0])]
    # "I accepted a SOAP position at Dunmore": the words of the acceptance are not a pitch, nor is
    # thanks for a consideration that is over ("thank you for considering me").
    thanked = [m.span() for m in _THANKS_FOR_CONSIDERING.finditer(d.masked)]
    pitch = [p for p in s.pitch if not any(a <= p[0] < b for a, b in [*s.accepted_offer, *thanked])]
    if ctx.phase == "after-soap":
        if s.accepted_offer and (s.cold or pitch) and not s.withdrawing:
            # The calendar lifts the contact rule, not the commitment to an accepted offer: asking
            # another program to consider you is still breaking it (a note to the program whose
            # offer you accepted is not).
            a, b = s.accepted_offer[0]
            return [Hit("contact-rule", "error", d.evidence(a, b), advice("contact-accepted-after", ctx), a)]
        return []

    def ev(spans: list[tuple[int, int]]) -> tuple[str, int]:
        a, b = spans[0]
        return d.evidence(a, b), a

    def opening() -> tuple[str, int]:
        sent = next((x for x in d.sentences if x.start >= d.body[0]), None)
        if sent is None or sent.end - sent.start > 220:
            return "", d.body[0]
        return d.quote(sent.start, sent.end), sent.start

    def sentence_of(at: int) -> tuple[str, int]:
        sent = next((x for x in d.sentences if x.start <= at < x.end and x.end - x.start <= 220), None)
        return (d.quote(sent.start, sent.end), sent.start) if sent else ev([(at, at + 1)])

    # SOAP's end as a plan ("a call for Friday, after SOAP has ended") says nothing of now, nor does
    # a claim that it has ended made at 5:40 p.m. Pacific on the Thursday.
    stated = [
        span
        for span in ([] if s.clock_during else s.after_soap)
        if _DAY_AFTER.search(d.masked[max(0, span[0] - 30) : span[1]])
        or (
            not _CONDITIONAL.search(d.masked[max(0, span[0] - 20) : span[0]])
            and not _CONDITIONAL.match(d.masked[span[0] : span[1]].split(" ", 1)[0] + " ")
        )
    ]

    def finding(severity: str, key: str, evidence: tuple[str, int], summary: str | None = None) -> list[Hit]:
        if stated and severity == "error":
            # The draft says SOAP is over although the student chose "during SOAP". Said plainly
            # ("SOAP ended last night"), the text outranks the form, as it does the other way round,
            # when nothing in it would break the rule after SOAP either: a reminder only.
            if not any(
                h.severity in ("error", "warning") for h in check_contact_rule(d, replace(ctx, phase="after-soap"))
            ):
                return [Hit("contact-rule", "info", "", advice("contact-phase-said-after", ctx), d.body[0])]
            return [Hit("contact-rule", "warning", evidence[0], advice("contact-phase-mismatch", ctx), evidence[1])]
        return [Hit("contact-rule", severity, evidence[0], advice(key, ctx), evidence[1], summary=summary)]

    if s.not_a_program and not s.asks_to_contact:
        return []  # a report to the NRMP, a question to ERAS support, a note to one's own dean
    if s.ineligible_to_non_match and ctx.phase == "during-soap" and not _MONDAY_OR_EARLY_TUESDAY.search(d.masked):
        # A SOAP-ineligible applicant may phone or email a program outside the Match from Tuesday
        # 8:00 a.m. ET; say so, and that Match programs stay closed until SOAP ends.
        return [Hit("contact-rule", "info", "", advice("contact-ineligible-non-match", ctx), d.body[0])]
    first_contact = s.cold + s.forwarded + s.not_contacted + s.not_contacted_weak
    # A note to a resident friend is personal when, once the words that set the program aside are
    # gone, it is not about programs; or when it sets the program aside and asks nothing of it
    # ("not gonna talk shop with you btw, I know you're at Ashbury and I applied there").
    sets_aside = bool(_NOT_ABOUT.search(d.masked)) and not (s.pitch or s.asks_interview or s.asks_to_contact)
    personal = ctx.kind == "resident-message" and (
        not _ABOUT_PROGRAMS.search(_NOT_ABOUT.sub(" ", d.masked))
        or bool(_NOT_THEIR_PROGRAM.search(d.masked))
        or sets_aside
    )
    if personal and not (first_contact or s.representative or s.advocacy or s.third_party):
        return []  # a note to a friend that asks nothing of a program and is not about an application
    if ctx.phase == "before-soap":
        # The rule does not apply yet; say when it will, louder when this reads like outreach.
        # Regular-season networking ("I applied through ERAS this cycle") is not SOAP outreach;
        # a draft that speaks of SOAP or of not matching is.
        if stated and not s.during_soap:
            # Written before Match Week to go out once SOAP has ended ("Now that SOAP has concluded"):
            # judged as after SOAP, with a word on when it may be sent.
            after = check_contact_rule(d, replace(ctx, phase="after-soap"))
            return after or [Hit("contact-rule", "info", "", advice("contact-before-soap-said-after", ctx), d.body[0])]
        soap_bound = bool(_SOAP_WEEK.search(d.masked))
        outreach = first_contact or s.third_party or s.representative or s.advocacy or s.pitch or s.asks_interview
        # No program can have contacted the student about SOAP before it begins: a "yes" rests on
        # a regular-season contact unless the draft answers a real invitation.
        answers_invitation = ctx.contacted_first == "yes" and _invited(d, s)
        # A thank-you dated in the interview season ("Sent January 30.") that speaks of Match Week
        # ahead answers the program's interview: nothing to warn about yet.
        seasonal_reply = bool(s.regular_season and s.reply and not first_contact)
        if soap_bound and outreach and not answers_invitation and not seasonal_reply:
            spans = first_contact or s.third_party or s.representative
            return finding(
                "warning", "contact-before-soap", ev(spans) if spans else opening(), "contact-rule-before-soap"
            )
        return [Hit("contact-rule", "info", "", advice("contact-before-soap-info", ctx), d.body[0])]

    # A message the program started shows in the text ("your invitation", "you asked"); a "Re:"
    # subject or a thank-you line alone does not prove it.
    program_wrote = ctx.contacted_first == "yes" or (ctx.contacted_first == "unknown" and bool(s.reply))

    # "No" on "did you apply?" under the program's invitation that says it has the application (sent
    # through another service, such as ResidencyCAS): the program's own words outrank the form.
    applied_no = (
        ctx.applied == "no"
        and not s.quoted_has_application
        and not (s.reply and _HAS_MY_APPLICATION.search(d.masked) and _program_wrote_or_is_thanked(d, s))
    )
    if s.not_applied or applied_no:
        spans = s.not_applied or s.cold or s.reply or s.reply_weak
        key = "contact-not-applied-contacted" if ctx.contacted_first == "yes" or s.reply else "contact-not-applied"
        return finding("error", key, ev(spans) if spans else opening(), "contact-rule-not-applied")
    if s.non_soap:
        return finding("error", "contact-non-soap", ev(s.non_soap), "contact-rule-non-soap")
    if s.copied_programs:
        # "Bcc: coord.fm@...; residency@...": the reply reaches programs that never wrote.
        return finding("warning", "contact-copied-programs", ev(s.copied_programs))
    if s.accepted_offer and not s.withdrawing and not (s.reply and not (s.cold or pitch)):
        # A thank-you to the program whose offer was accepted, asking for nothing, keeps the
        # commitment; anything that puts the student forward again is shopping around.
        return finding("error", "contact-accepted", ev(s.accepted_offer), "contact-rule-accepted")
    if s.is_third_party:
        # A dean or mentor answering the program's own call about the student ("Thank you for
        # phoning our office about Samuel's application"), even when the form says "not sure".
        answers_program = ctx.contacted_first == "unknown" and not s.cold and _program_wrote_or_is_thanked(d, s)
        if ctx.contacted_first == "yes" or answers_program:
            if s.reply and not s.asks_to_contact:
                return []
            return finding("warning", "contact-third-party-yes", ev(s.third_party), "contact-rule-third-party")
        return finding("error", "contact-third-party", ev(s.third_party), "contact-rule-third-party")
    if s.representative and not s.not_contacted:
        if ctx.contacted_first == "yes" and s.program_asked_for_them:
            return []  # the program asked for this person ("she specifically asked for you")
        if program_wrote:
            return finding("warning", "contact-third-party-yes", ev(s.representative), "contact-rule-representative")
        return finding("error", "contact-representative", ev(s.representative), "contact-rule-representative")
    if ctx.contacted_first == "no" and _plainly_a_reply(d, s):
        # "Thank you for calling me this morning ... as you asked": the student answered "no"
        # because they are sending the first email; the text shows the program reached out.
        return [Hit("contact-rule", "info", "", advice("contact-no-but-invited", ctx), d.body[0])]
    if ctx.contacted_first == "no":
        spans = s.not_contacted or s.not_contacted_weak or s.representative or s.advocacy or s.cold or s.forwarded
        return finding("error", "contact-no", ev(spans) if spans else opening())
    if s.not_contacted:
        return finding("error", "contact-not-contacted", ev(s.not_contacted))
    if s.misdirected and (s.pitch or s.cold or s.asks_interview) and not s.quoted_correction:
        # "I think this invitation reached me by mistake ... that said, I'd be grateful to be considered."
        return finding("error", "contact-misdirected", sentence_of((s.asks_interview or s.cold or s.pitch)[0][0]))
    if s.not_contacted_weak and (not s.reply or s.cold):
        # "...haven't heard from your team yet, so I thought I'd introduce myself": the reply
        # marker is about someone else (another program's interview).
        return finding("error", "contact-not-contacted", ev(s.not_contacted_weak))
    if s.forwarded and not (ctx.contacted_first == "yes" and s.reply):
        return finding("warning", "contact-forwarded", ev(s.forwarded))
    if s.advocacy and ctx.contacted_first == "unknown":
        # A reply to a resident is not proof that the program contacted the student.
        return finding("warning", "contact-advocacy", ev(s.advocacy), "contact-rule-advocacy")
    if s.other_program:
        return finding("warning", "contact-other-program", sentence_of(s.other_program[0][0]))
    if s.auto_reply and not _invited(d, s):
        # "Re: Automatic reply: ..." — an out-of-office answer to the student's own message.
        return finding("warning", "contact-auto-reply", sentence_of(s.auto_reply[0][0]))
    if s.group_event and (s.asks_interview or s.pitch or s.advocacy) and not _invited(d, s):
        # "Thank you for hosting today's open house ... I'd be grateful for an interview slot" (or
        # "... yours was one of the applications I sent"): an event for every applicant is not the
        # program contacting this one.
        return finding("warning", "contact-group-event", sentence_of((s.asks_interview or s.pitch)[0][0]))
    if s.own_thread and (s.pitch or s.cold):
        # "Re:" the student's own unanswered message: writing again is starting contact again.
        return finding("warning", "contact-own-thread", sentence_of(s.own_thread[0][0]))
    if s.auto_receipt and (s.pitch or s.cold) and (s.quoted_notice or not _invited(d, s)):
        # "Thank you for your email confirming my application was received ... since you reached
        # out, let me introduce myself": a receipt is not the program contacting the student.
        return finding("warning", "contact-auto-receipt", sentence_of(s.auto_receipt[0][0]))
    if s.declined and s.reconsider and not _invited(d, s):
        # "The portal changed my status to 'not selected' ... I'd ask you to look once more": a
        # program's no is not an invitation to write, and asking it to reconsider is starting contact.
        return finding("warning", "contact-declined", sentence_of(s.reconsider[0][0]), "contact-rule-declined")
    if s.downloaded and not _invited(d, s):
        # "I saw in MyERAS that my application was downloaded, so I believe I may now write."
        return finding("warning", "contact-downloaded", sentence_of(s.downloaded[0][0]))
    if (
        ctx.contacted_first == "yes"
        and s.stale_reply
        and (s.cold or not s.reply)
        and (_SOAP_WEEK.search(d.masked) or s.during_soap)
    ):
        # "Yes" because of a regular-season interview or email: that contact does not count in SOAP.
        return finding("warning", "contact-yes-stale", sentence_of(s.stale_reply[0][0]))
    if s.guessed_contact and not _program_reached_out(d, _body_replies(d, s)):
        # "I had a missed call from a 617 number ... maybe it was your office?": writing on a guess,
        # even under "Returning your call" (a subject line states the guess as a fact).
        return finding("warning", "contact-guessed", sentence_of(s.guessed_contact[0][0]))
    if s.cold and not s.reply:
        if ctx.contacted_first == "yes":
            key = "contact-yes-cold"
        else:
            key = "contact-weak-reply" if s.reply_weak else "contact-unknown-cold"
        return finding("warning", key, ev(s.cold))
    if ctx.contacted_first == "unknown" and not s.reply:
        if s.pitch:
            # Not sure who wrote first, nothing shows the program did, and the student puts
            # themselves forward: ask before it is sent.
            return finding("warning", "contact-unknown-cold", sentence_of(s.pitch[0][0]))
        return [Hit("contact-rule", "info", "", advice("contact-unknown-info", ctx), d.body[0])]
    return []
