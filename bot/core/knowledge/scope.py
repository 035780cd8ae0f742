"""Questions that must not go through normal retrieval: out-of-scope tasks, predictions
and facts about individual programs, with the replies each gets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.base.text import normalize

OFF_TOPIC_REPLY = (
    "That's outside what I can help with — I'm SOAP Coach, and I can only help with the "
    "NRMP SOAP and Match Week: the rules, the timeline, applications, interviews and "
    "messages to programs."
)

NOT_COVERED_REPLY = (
    "I don't have guidance that covers that, so I won't guess: I only answer from SOAP Coach's "
    "guidance on the NRMP SOAP and Match Week. For an official answer, check the NRMP website "
    "(nrmp.org) or the AAMC ERAS help pages, or ask your dean's office or advisor."
)

PREDICTION_REPLY = (
    "I can't predict which program will interview or offer you a position, and I don't have "
    "data on individual programs' choices — no one can reliably say that for a given program. "
    "What I can do is help you choose and apply well."
)

UNRELEASED_LIST_REPLY = (
    "I can't give you this year's List of Unfilled Programs or say what will be on it: no one "
    "knows until the NRMP releases it in R3 on Monday of Match Week at 10:00 a.m. ET, to "
    "SOAP-eligible applicants only, and it may not be copied or shared."
)

PERSONAL_LEGAL_REPLY = (
    "I can't give immigration or legal advice on your own case (whether a petition can be filed "
    "in time, or whether you need a lawyer), and the guidance doesn't cover it, so I won't guess. "
    "Ask your school's international or student-affairs office, an immigration attorney, or the "
    "program's GME office once the program has contacted you."
)

PROGRAM_FACTS_REPLY = (
    "I don't have information about individual programs — their pay, benefits, visa "
    "sponsorship, requirements or how they choose — so I won't guess. Check the program's own "
    "website, its FREIDA listing, or what it shows in ERAS, and ask your advisor, who may know "
    "programs' track records. During SOAP, don't contact a program to ask unless it has "
    "contacted you first."
)

COLD_CONTACT_NOTE = (
    "One more thing: during SOAP you may not initiate contact with a program (no cold emails "
    "or calls, by you or anyone on your behalf) until that program contacts you — only after "
    "SOAP ends may you reach out freely."
)

# Requests for work that is not SOAP coaching (code, scraping, automation, unrelated writing).
_OUT_OF_SCOPE_TASK = re.compile(
    r"\b(python|javascript|typescript|sql|scraper|scrape[sd]?|scraping|web crawler|selenium|"
    r"spreadsheet formula|excel macro)\b"
    r"|\b(write|give|make|build|create|code) (me )?(a |an |some )?(small |quick |simple )?"
    r"(python |js |bash |vba |computer )?(code|script|program|bot|app|scraper)\b(?! director)"
    r"|\bautomat\w* (e-?mail|send|messag|contact)\w*"
    r"|\b(write|compose) (me )?(a |an )?(poem|song|story|joke)\b"
    r"|\b(recipe|weather|stock|crypto|bitcoin|sports? score|movie|video game)\b"
    r"|\b(?:car|auto|vehicle) (?:loan|lease|insurance)|\b(?:lease or buy|buy or lease)\b"
    # teaching medicine itself: "explain me the Krebs cycle", "quiz me on renal physiology"
    r"|\b(?:explain|teach|quiz|review|summari[sz]e)\s+(?:me\s+)?(?:on\s+)?(?:the\s+)?(?:\w+\s+){0,3}?"
    r"(?:cycle|pathway|mechanism|physiology|pharmacology|anatomy|biochem\w*|pathophysiology|steps of)\b",
    re.IGNORECASE,
)
# Asking to predict outcomes or rank specific programs, which no guidance can answer.
_PREDICTION = re.compile(
    r"\b(which|what) (specific )?(programs?|hospitals?|residenc(y|ies))\b[^?.!]{0,80}"
    r"\b(most likely|likeliest|best chance|"
    r"will (?:surely |definitely |certainly |probably |likely |for sure |100% )?"
    r"(take|offer|accept|rank|interview|give me|send me)|"
    r"(are|is) (the )?best|should i (put|rank|pick) first|easiest)"
    r"|\b(what are|what'?s|whats|what r|what is) (my|the) (odds|chances?)\b"
    # "predict" about an outcome ("can you predict if I'll match"), not "a commute I can't predict"
    r"|\bpredict\b(?=[^?.!]{0,60}\b(?:match|offers?|chances?|odds|programs?|spots?|positions?|"
    r"interviews?|outcome|results?|soap|rounds?)\b)"
    r"|\b(my|the) (odds|chances?) (of|for|to|at|with)\b|\bhow (good|high|low) are my (odds|chances)\b"
    r"|\bwill i (match|get (an |a )?(offer|spot|position|interview))\b"
    r"|\bhow likely (am i|is it that i)\b"
    # reading an interviewer's words: "does that mean they'll offer me a spot?"
    r"|\bdoes (that|this|it) mean (they'?ll|they will|they'?re going to|they are going to|"
    r"i'?ll|i will|i'?m going to|i am going to) (get|be|offer|rank|take|match)\b"
    # what one program's people will do about the student: "will the PD remember me and rank me?"
    r"|\bwill (?:the|this|that|their|a) (?:pd|program director|program|coordinator|committee|chief)\b"
    r"[^?.!]{0,30}\b(?:remember|rank|like|pick|choose|offer|prefer)\b[^?.!]{0,20}\bme\b"
    # when one program will act: "what time is the halvorsen PD gonna call me tues"
    r"|\b(?:what time|when)\s+(?:is|will|would|does)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:pd|program director|program|coordinator|chief)\s+(?:gonna|going to|will|likely to)?\s*"
    r"(?:call|email|text|contact|reach out to)\s+me\b",
    re.IGNORECASE,
)
# This year's List of Unfilled Programs asked for, or what will be on it: unknowable before its
# release, and never to be shared.
_UNRELEASED_LIST = re.compile(
    r"(?:\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?|\b(?:please|pls|plz)\s+|^\W*)"
    r"(?:send|give|show|share|post|forward|email|get)\s+(?:me|us)\s+(?:a\s+copy\s+of\s+)?(?:the\s+|this\s+year'?s\s+)?"
    r"(?:lup|list of unfilled programs|unfilled (?:programs? )?list|"
    r"list of (?:the )?programs (?:that )?(?:will be|are|were) unfilled)\b"
    r"|\b(?:spots?|positions?|programs?|openings?|slots?)\s+(?:\w+\s+){0,2}(?:on|in)\s+(?:the\s+)?"
    r"(?:lup|list of unfilled programs|unfilled list)\s+this\s+year\b"
    r"|\b(?:which|what|how many)\s+(?:\w+\s+){0,3}(?:will be|are going to be)\s+"
    r"(?:on\s+the\s+(?:lup|list)|unfilled)\s+this\s+year\b"
    # "will it be on the LUP this yr?", "which specialties will have the most unfilled positions?"
    r"|\bwill\s+(?:it|they|that|this|[\w' -]{1,40}?)\s+be\s+on\s+(?:the\s+|this\s+year'?s\s+)?"
    r"(?:lup|list of unfilled programs|unfilled list|list)\b[^.?!]{0,20}\b(?:this|next)\s+(?:yr|year)\b"
    r"|\b(?:which|what)\s+(?:\w+\s+){0,3}(?:will|are going to)\s+(?:have|be)\b[^.?!]{0,60}\bunfilled\b"
    r"(?=[^.?!]{0,80}\b(?:this|next)\s+(?:yr|year)|[^.?!]{0,80}\b(?:lup|list of unfilled programs)\b)",
    re.IGNORECASE,
)
# A status that decides whether one may work or stay, and asking whether one legally may.
_WORK_STATUS = r"\b(?:opt|cpt|ead|h-?1b|j-?1|f-?1|visa|work permit|immigration status)\b"
_MAY_I_LEGALLY_WORK = (
    r"\b(?:can|may)\s+i\s+(?:legally|lawfully)\s+(?:\w+\s+){0,2}?(?:work|working|stay|remain|continue)\b"
)
# Immigration or legal advice on the student's own case: no guidance can give it.
_PERSONAL_LEGAL = re.compile(
    r"\b(?:immigration (?:attorney|lawyer)s?|legal advice|"
    r"(?:file|filing|submit|submitting|process|processing)\s+(?:my|an?|the)\s+(?:h-?1b|j-?1|visa|i-129)\s*petition)\b"
    # suing: "can I sue the NRMP to be released?"
    r"|\b(?:sue|suing|take (?:them|the nrmp|the program) to court|file a lawsuit)\b"
    # which visa the student personally can use: "Which visa category will I legally be able to use?"
    r"|\b(?:which|what)\s+(?:visa|immigration)\s+(?:category|categories|type|types|status|class|route|option)\b"
    r"(?=[^?.!]{0,60}\b(?:i|me|my)\b[^?.!]{0,40}\b(?:legally|use|qualify|eligible|allowed)\b)"
    # whether the student's own status lets them work or stay: "my OPT finishes in June, can I legally
    # keep working until July?" (not "can I legally email a program?", a question about the rules)
    rf"|{_WORK_STATUS}[^?.!]{{0,80}}{_MAY_I_LEGALLY_WORK}|{_MAY_I_LEGALLY_WORK}[^?.!]{{0,60}}{_WORK_STATUS}",
    re.IGNORECASE,
)
# Asking which programs (unnamed) have some property, or the scores of those who went to one:
# facts about individual programs, which no guidance holds.
_PROGRAM_LIST = re.compile(
    r"\b(?:which|what|list (?:of )?(?:the )?|give me (?:a |the )?list (?:of )?(?:the )?|name (?:some|the))\s*"
    r"(?:[\w/-]+\s+){0,3}?(?:programs?|progs?|hospitals?)\b"
    # ... whose own property is asked ("sponsor H-1B"), not what the student may do there
    r"(?:(?!\b(?:can|could|should|do|would|may|must) (?:i|we)\b)[^?.!]){0,80}?\b(?:sponsor\w*|h-?1b|j-?1|"
    r"img[- ]friendly|friendly|least likely|most likely|desperate|take (?:a )?(?:do|img)s?|cut-?offs?|"
    r"(?:least|most|less|more) competitive|malignant|toxic|treat (?:\w+ ){0,2}(?:badly|poorly|well))\b"
    # "just rank them for me"
    r"|\brank\s+(?:them|these|those|the(?:se)? (?:\w+ )?programs)\s+(?:for me|by)\b"
    r"|\b(?:avg|average|mean|median|typical)\s+(?:usmle\s+)?(?:step\s*[123]|ck|comlex|scores?)\b[^?.!]{0,60}"
    r"\b(?:at|into|for)\b",
    re.IGNORECASE,
)
# A named institution ("Mercy General", "the University of X program") ...
_NAMED_PROGRAM = re.compile(
    r"\b(?:[A-Z][\w.'&-]+\s+){1,5}(?:Hospital|Medical Center|Health(?: System)?|Clinic|University|College|"
    r"Memorial|General|Regional|Program|Residency)\b"
    r"|\b(?:University|College) of [A-Z]\w+"
    # a place name and a specialty ("Oakmere IM", "Bayside Family Medicine"), not a question word
    r"|\b(?!(?:Can|Could|Is|Are|Do|Does|Did|What|Which|How|Why|When|Where|My|The|A|An|In|For|And|Or|If|"
    r"Should|Will|Would|I|Any|All|Most|Some|SOAP|NRMP|ERAS|USMLE|Step|Both|Only|Also|Applying|Apply)\b)"
    r"[A-Z][a-z][\w'&-]*\s+(?:IM|FM|EM|Peds|Psych|Surgery|Internal Medicine|Family Medicine|Pediatrics|"
    r"Psychiatry|Neurology|Anesthesiology|Radiology|TY|Transitional Year)\b"
)
# The student's own school ("I graduate from the University of Jordan in June") is not a program.
_OWN_SCHOOL = re.compile(
    r"\b(?:graduat\w*|studied|studying|student|degree)\s+(?:\w+\s+){0,2}?(?:from|at)\s+(?:the\s+)?"
    r"(?:(?:[A-Z][\w.'&-]+\s+){0,5}(?:University|College|School)\b(?:\s+of\s+[A-Z]\w+)?"
    r"|(?:University|College) of [A-Z]\w+)"
)
# The names of the Match and its services end like a program's ("Main Residency Match", "National
# Resident Matching Program") but are not one.
_MATCH_NAMES = re.compile(
    r"\b(?:Main Residency Match|National Resident Matching Program|Supplemental Offer and Acceptance Program|"
    r"Electronic Residency Application Service)\b",
    re.IGNORECASE,
)
# ... together with a question about its own facts, which no general guidance can answer.
_PROGRAM_FACTS = re.compile(
    r"\b(salary|salaries|pay|paid|stipend|benefits?|discount|cafeteria|parking|housing|sponsors?|visas?|h-?1b|"
    r"j-?1|take (a )?(do|img)s?|(do|img)[- ]friendly|requirements?|cut-?offs?|scores? (do they|they)|"
    r"how many (spots|positions)|reputation|is it (a )?good|call schedule|(?:work|duty|call) hours|"
    r"hours (?:a|per|each) week|vacation|board pass)\b",
    re.IGNORECASE,
)
# Asking for a program's own contact details ("what's the PD's email at X?"), not mentioning one.
_CONTACT_DETAILS = re.compile(
    r"\b(?:what(?:'?s| is| are)|give me|find|look up|where (?:can|do) i (?:find|get)|do you have)\b[^?.!]{0,40}"
    r"\b(phone number|telephone|email address|e-mail address|mailing address|contact (info|information|details))\b"
    r"(?![^?.!]{0,60}\breport)",
    re.IGNORECASE,
)
# A question about the rules, even when it names a program ("Mercy General asked about my visa
# in my interview: is that allowed?"), is a rules question, not one about that program's facts.
_RULES_QUESTION = re.compile(
    r"\b(?:is (?:that|this|it) (?:allowed|legal|ok(?:ay)?|permitted|a violation|against)|are (?:they|programs) "
    r"(?:allowed|permitted)|(?:can|may) (?:they|programs?|a program|the pd|a pd) (?:ask|require|make)|"
    r"against (?:the )?(?:rules|nrmp)|(?:a |an )?(?:nrmp )?violation|report (?:a|the|this|that|them|it)\b|"
    r"to report\b|\bwhat(?:'?s| is| are)\s+the\s+(?:actual\s+|real\s+|official\s+|nrmp\s+)?rules?\b)",
    re.IGNORECASE,
)
#: Ways of reaching someone, and the people at a program one might reach.
_CONTACT_VERBS = r"e-?mail|call|message|contact|dm|text|ping|phone"
_PROGRAM_PEOPLE = r"coordinators?|program directors?|PDs?|chairs?|chiefs?"
_CONTACT_PROGRAMS = re.compile(
    rf"\b({_CONTACT_VERBS}|reach out|linkedin)\w*\b[^.?!]{{0,60}}\b({_PROGRAM_PEOPLE}|programs?)\b",
    re.IGNORECASE,
)
#: "I play golf with the chair of pediatrics ... I was planning to phone him tonight": a person at a
#: program named, then contacted as "him", "her" or "them".
_CONTACT_THEM = re.compile(rf"\b(?:{_CONTACT_VERBS}|reach out to|ring)\w*\s+(?:him|her|them)\b", re.IGNORECASE)
_PROGRAM_PERSON = re.compile(rf"\b(?:{_PROGRAM_PEOPLE}|attendings?|faculty|department heads?)\b", re.IGNORECASE)
_SOAP_DOMAIN = re.compile(
    r"\b(soap|match(ed|ing)?|unmatched|nrmp|eras|myeras|r[1-4]|spots?|residency|residencies|residents?|program|programs|"
    r"pd|coordinator|interview\w*|offers?|rounds?|rd\s*[1-4]|apps|accept(?:ed|ing)?|prelim|categorical|"
    r"transitional|pgy|intern(ship)?|"
    r"applications?|apply|applied|personal statement|letters?|lor|ecfmg|img|usmle|comlex|step ?[123]|"
    r"dean|advisor|thank[- ]you|follow[- ]?up|email|rank|specialt(y|ies)|visa|unfilled|lup)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Screen:
    """What the scope screen decided: out-of-scope, prediction, unreleased-list, personal-legal,
    program-facts, or ok.

    (Distress is screened before this, by :mod:`bot.core.screen`.)
    """

    kind: str
    mentions_contacting_programs: bool = False


def is_soap_related(text: str) -> bool:
    return bool(_SOAP_DOMAIN.search(normalize(text)))


def screen_question(text: str) -> Screen:
    text = normalize(text)
    contacting = bool(_CONTACT_PROGRAMS.search(text)) or bool(
        _CONTACT_THEM.search(text) and _PROGRAM_PERSON.search(text)
    )
    if _OUT_OF_SCOPE_TASK.search(text):
        return Screen("out-of-scope", contacting)
    if _PREDICTION.search(text):
        return Screen("prediction", contacting)
    if _UNRELEASED_LIST.search(text):
        return Screen("unreleased-list", contacting)
    if _PERSONAL_LEGAL.search(text):
        return Screen("personal-legal", contacting)
    asks_rules = bool(_RULES_QUESTION.search(text))
    if not asks_rules and (
        (_NAMED_PROGRAM.search(_MATCH_NAMES.sub(" ", _OWN_SCHOOL.sub(" ", text))) and _PROGRAM_FACTS.search(text))
        or _CONTACT_DETAILS.search(text)
        or _PROGRAM_LIST.search(text)
    ):
        return Screen("program-facts", contacting)
    return Screen("ok", contacting)
