"""Phrase-level regression cases for the critique checks: one sentence added to a clean reply.

Positive sentences must flag their check; neutral sentences (which share words with the
problems) must flag nothing.
"""

from __future__ import annotations

import pytest

from bot.core.critique import check_draft
from tests.core.critique.known_gaps import with_known_gaps
from tests.core.critique.test_critique import BASE, with_sentence

POSITIVE_SENTENCES = {
    "desperation": [
        "I am desperate for a residency spot.",
        "Please, I am begging you to consider me.",
        "I would be grateful for literally any opportunity at all.",
        "This program is my only hope of becoming a doctor.",
        "I can't go another year without matching.",
        "I will do whatever you ask to secure a position.",
        "I am willing to go anywhere and do anything.",
        "Please don't give up on me.",
        "I really really need this position.",
    ],
    "negativity": [
        "The NRMP process is deeply flawed and punishes IMGs.",
        "My medical school did nothing to help me.",
        "Honestly the programs I interviewed at were arrogant.",
        "I was treated unfairly by my previous residency program.",
        "The whole system is stacked against us.",
        "My advisors gave me terrible guidance.",
        "I hated my home program.",
    ],
    "self-deprecation": [
        "I'm probably not good enough for Larkspur.",
        "I know my application is weak.",
        "Forgive me for my mediocre scores.",
        "I apologize for even writing; I know I'm a long shot.",
        "I'm nobody special, just a reapplicant.",
        "I know I don't have the best scores.",
        "I realize I'm not a competitive applicant.",
    ],
    "oversharing": [
        "I was hospitalized for depression last spring.",
        "My girlfriend left me during my dedicated study period and I failed Step 1.",
        "We lost our house last year and I am supporting my siblings.",
        "I have ADHD and take medication daily.",
        "My brother's overdose last year derailed my third year.",
        "I have been in couples therapy with my husband.",
    ],
    "commitment": [
        "I promise to rank Larkspur first.",
        "You have my word that I'll accept.",
        "I will turn down any other offers if you pick me.",
        "Larkspur is my dream program.",
        "I commit to accepting an offer from Larkspur.",
        "If Larkspur offers me a spot I'll take it immediately.",
        "Can you assure me that I will receive an offer?",
        # a named program's offer, promised in writing or asked about as a question
        "Should I put in writing that I'll accept Larkspur's offer in round one?",
    ],
    "off-target-questions": [
        "What's the salary for PGY-1s?",
        "How much vacation do interns get?",
        "Do you allow moonlighting?",
        "Could you tell me how I did?",
        "Why hasn't your program filled its positions?",
        "Am I going to get an offer?",
        "Where do I rank on your list?",
        "What are the benefits like?",
    ],
    "pushy": [
        "I need a response by tomorrow morning.",
        # read receipts quoted back to the reader
        "My read receipts show you saw my note this morning, so I am writing again.",
        "I can tell you have opened my email, so I hoped for a quick reply.",
        "Please reply within 24 hours.",
        "I will keep calling until someone answers.",
        # contact on a timetable, and an ultimatum after silence
        "I'll phone the residency office at 9 and again at noon if nobody picks up.",
        "I will email Dr. Ruiz every morning until I hear whether I have an interview.",
        "If I haven't heard back by tonight, I'll call the program director's cell.",
        "I expect to hear from you today.",
        "This is my fourth email and I still have no answer.",
        "Call me back right away.",
        "Get back to me ASAP.",
        # the offer taken for granted
        "When I start in July, I'd love to join the global health track.",
        "I've already told my parents I'll be joining your program, so they booked flights.",
        "We put down a deposit on a place near the hospital this morning.",
        # a deadline for the program's answer, however it is put
        "I need a clear answer from you by 5 p.m. Eastern today about whether I am on your list.",
        "pls lmk by end of day today bc i have 2 other programs to juggle.",
        "I'd appreciate hearing by tomorrow morning whether I'll be on your preference list.",
        "Since my remaining applications depend on it, I would value a firm yes or no before 11 a.m. tomorrow.",
        "Please confirm by Thursday morning if I am still being considered for a position.",
        "I'll have to know before noon which way you are leaning.",
    ],
}

NEUTRAL_SENTENCES = [
    "I am eager to learn from your faculty.",
    # hoping, not presuming
    "If I am fortunate enough to train with you, I would love to join the global health track.",
    "I could start on July 1 and have my licensing paperwork ready.",
    # one call at the program's own time, and thanks said again, are not a timetable
    "I will call at 2:00 as your coordinator asked, and again thank you for the invitation.",
    "I'll keep my phone with me every morning this week in case you need me.",
    "I am grateful for the opportunity to interview.",
    "Please let me know if you need anything else.",
    "I look forward to hearing from you.",
    "Thank you for your time and consideration.",
    "I enjoyed hearing about the residents' wellness retreat.",
    "I would be happy to interview at any time that works for Dr. Reyes.",
    "I am committed to serving rural communities.",
    "My mother, a nurse, inspired me to go into medicine.",
    "I managed patients with depression and anxiety on my psychiatry rotation.",
    "During my medicine sub-internship I cared for an elderly woman with heart failure whose husband could no longer manage her pills.",
    "I will bring my experience with quality improvement to your team.",
    "I look forward to the possibility of training at Larkspur.",
    "Your residents' advocacy work is inspiring.",
    "I took a leave of absence for a family medical matter and returned to finish strong.",
    "I am available at any time tomorrow.",
    "I would appreciate hearing more about the night float by phone tomorrow if that suits you.",
    "I can send the completed form by tomorrow morning.",
    "I hope to hear from you soon.",
    "How do interns get feedback in clinic?",
    "I understand this is a busy week for your team.",
    "I would welcome the chance to discuss my experience.",
    "During my ICU rotation I learned to stay calm under pressure.",
    "I passed Step 2 CK on my first attempt.",
    "I apologize for the delayed response.",
    "I have attached the form you requested.",
    "I appreciate your time during such a busy week.",
    "My research focused on health disparities and unfair access to care in rural areas.",
    "I helped patients navigate a broken referral system at our free clinic.",
    "I will accept the interview time you offered.",
    # deadlines of the student's own, or a reply received, are not pressure on the program
    "Thank you for your reply before noon; Wednesday at 2 p.m. works for me.",
    "I can send my answer to the visa question by Friday.",
]


@pytest.mark.parametrize(("check", "sentence"), [(c, s) for c, sents in POSITIVE_SENTENCES.items() for s in sents])
def test_sentence_flags_its_check(check: str, sentence: str) -> None:
    result = check_draft(with_sentence(sentence), "coordinator-email", "yes")
    assert check in result.flagged
    f = next(f for f in result.findings if f.check == check)
    assert f.evidence and f.evidence in with_sentence(sentence)


#: Known gaps (none since the retrain with sentences-4: the one-line leave for a family matter,
#: once just over the oversharing threshold, is clean again).
KNOWN_GAPS: set[str] = set()


@pytest.mark.parametrize("sentence", with_known_gaps(NEUTRAL_SENTENCES, KNOWN_GAPS, "just over the threshold"))
def test_neutral_sentence_flags_nothing(sentence: str) -> None:
    assert check_draft(with_sentence(sentence), "coordinator-email", "yes").flagged == []


MECH_POS = [
    "I recieved your email and will definitly attend.",
    "Their are two times that work for me.",
    "I look foward to it, thank u.",
    "I am so excited!!! See you then!!!",
    "I WILL BE THERE EARLY.",
    "i am available tuesday.",
    "I could of joined earlier.",
    "Looking forward to it :) :)",
    "I'm interested in you're program's clinic.",
    "I beleive it will be a great fit.",
    "The the interview time works.",
    "Thanks alot for the chance.",
]
MECH_NEG = [
    "I precepted third-years on our hospitalist service.",
    "We used POCUS and e-consults in the ED.",
    "I co-led our school's LGBTQ+ health elective.",
    "I presented at ACP and SGIM.",
    "I organised a teaching programme in paediatrics.",
    "I worked with Dr. Nguyen-Olsen at UCSF.",
    "Our clinic used Epic and MyChart.",
    "I completed a sub-I in nephrology and an externship in hepatology.",
    "My OSCE and CK scores improved.",
    "I am ECFMG-certified and J-1 eligible.",
    "I speak Yoruba, Igbo and Hausa.",
    "I led our interprofessional huddles.",
    "I enjoyed didactics and journal club.",
    "I have a 4+1 schedule preference.",
    "I'm a DO (osteopathic) graduate with OMT skills.",
    "Our NICU used kangaroo care.",
    "I trained in telepsychiatry.",
    "I cared for patients with CHF, COPD and CKD.",
    "I love cycling, sourdough baking and birdwatching.",
    "My email is jdoe@hb.edu and my site is www.janedoe.md.",
]
PH_POS = [
    "My backup number is 555-___-____.",
    "I would love to train at ___.",
    "Please call me at [phone].",
    "I graduated in 20XX.",
    "Insert your specific reason here.",
    "I admire {program}'s curriculum.",
    "I look forward to meeting Dr. <Last Name>.",
    "I applied to XYZ Hospital last year.",
    "My availability is TBD.",
    "I look forward to meeting Dr. Y on Wednesday.",
]
PH_NEG = [
    "I studied at St. Xavier's College.",
    "I did a rotation at the XR clinic.",
    "Our team saw 20+ patients a day.",
    "I scored in the top 10% [sic].",
    "I can do 2-4 p.m.",
    "See my ERAS (AAMC ID above).",
    "I used X-rays and CT.",
    "The clinic is at 123 Main St.",
    "Dr. Xu will join us.",
    # "your name" in a sentence, not a template slot
    "I smiled when I saw your name in my inbox.",
    "I hope I spell your name correctly.",
    # a place whose name begins "Dry", and every program's name written down (not a slot)
    "I would love to rotate at the Dry Creek clinic.",
    "I keep a list with each program's name and its interview date.",
]


@pytest.mark.parametrize("sentence", MECH_POS)
def test_mechanics_slip_is_flagged(sentence: str) -> None:
    assert "mechanics" in check_draft(with_sentence(sentence), "coordinator-email", "yes").flagged


@pytest.mark.parametrize("sentence", MECH_NEG + PH_NEG)
def test_domain_words_and_near_placeholders_flag_nothing(sentence: str) -> None:
    assert check_draft(with_sentence(sentence), "coordinator-email", "yes").flagged == []


@pytest.mark.parametrize("sentence", PH_POS)
def test_placeholder_is_flagged(sentence: str) -> None:
    result = check_draft(with_sentence(sentence), "coordinator-email", "yes")
    assert "placeholder" in result.flagged
    assert next(f for f in result.findings if f.check == "placeholder").severity == "error"


# Greeting, subject, signature and AAMC ID variants: (label, text, must flag, must not flag).
G = BASE.splitlines()[2]
SUBJ = BASE.splitlines()[0]
SIG = "Best regards,\nNina Castellano\nAAMC ID 15544321\nnina.castellano@hollisbay.edu | (401) 555-0112\n"
STRUCTURE_CASES = [
    # (label, text, expect flagged set subset, expect not flagged set)
    ("greet Dear Hiring Committee", BASE.replace(G, "Dear Hiring Committee,"), {"generic-greeting"}, set()),
    ("greet Greetings,", BASE.replace(G, "Greetings,"), {"generic-greeting"}, set()),
    ("greet Good morning,", BASE.replace(G, "Good morning,"), {"generic-greeting"}, set()),
    ("greet Dear Doctor,", BASE.replace(G, "Dear Doctor,"), {"generic-greeting"}, set()),
    ("greet Dear Dr. Ng,", BASE.replace(G, "Dear Dr. Ng,"), set(), {"generic-greeting"}),
    ("greet Hello Ms. O'Neill!", BASE.replace(G, "Hello Ms. O'Neill!"), set(), {"generic-greeting"}),
    ("greet Dear Prof. van der Berg,", BASE.replace(G, "Dear Prof. van der Berg,"), set(), {"generic-greeting"}),
    (
        "greet Dear Dr. Okafor and Ms. Lee,",
        BASE.replace(G, "Dear Dr. Okafor and Ms. Lee,"),
        set(),
        {"generic-greeting"},
    ),
    ("greet Dear Program Director Ruiz,", BASE.replace(G, "Dear Program Director Ruiz,"), set(), {"generic-greeting"}),
    ("greet Dr. Ruiz,", BASE.replace(G, "Dr. Ruiz,"), set(), {"generic-greeting"}),
    ("greet Dear Larkspur Selection Committee,", BASE.replace(G, "Dear Larkspur Selection Committee,"), set(), set()),
    ("subj 'Hello'", BASE.replace(SUBJ, "Subject: Hello"), {"subject-line"}, set()),
    ("subj 'Interview'", BASE.replace(SUBJ, "Subject: Interview"), {"subject-line"}, set()),
    (
        "subj 'Following up on my application'",
        BASE.replace(SUBJ, "Subject: Following up on my application"),
        {"subject-line"},
        set(),
    ),
    ("subj 'Thank You Note'", BASE.replace(SUBJ, "Subject: Thank You Note"), {"subject-line"}, set()),
    (
        "subj 'Interview availability – Larkspur FM'",
        BASE.replace(SUBJ, "Subject: Interview availability – Larkspur FM"),
        set(),
        {"subject-line"},
    ),
    (
        "subj 'Nina Castellano – interview times'",
        BASE.replace(SUBJ, "Subject: Nina Castellano – interview times"),
        set(),
        {"subject-line"},
    ),
    (
        "subj 'Confirming Tuesday 2 pm interview'",
        BASE.replace(SUBJ, "Subject: Confirming Tuesday 2 pm interview"),
        set(),
        {"subject-line"},
    ),
    ("subj 'Cedar Ridge interview'", BASE.replace(SUBJ, "Subject: Cedar Ridge interview"), set(), {"subject-line"}),
    ("sig first only no contact", BASE.replace(SIG, "Best regards,\nNina\n"), {"no-signature"}, set()),
    (
        "sig dash name",
        BASE.replace(SIG, "— Nina Castellano\nAAMC ID 15544321\n"),
        set(),
        {"no-signature", "no-introduction"},
    ),
    (
        "sig no closing word, name+email",
        BASE.replace(SIG, "Nina Castellano\nnina.castellano@hollisbay.edu\nAAMC ID 15544321\n"),
        set(),
        {"no-signature"},
    ),
    (
        "sig with MD",
        BASE.replace(SIG, "Sincerely,\nNina Castellano, MD, MPH\nAAMC ID 15544321\n"),
        set(),
        {"no-signature"},
    ),
    (
        "sig Thanks so much!",
        BASE.replace(SIG, "Thanks so much!\nNina Castellano\nAAMC ID 15544321\n"),
        set(),
        {"no-signature"},
    ),
    ("sig Sent from my iPhone", BASE.replace(SIG, SIG + "\nSent from my iPhone\n"), set(), {"no-signature"}),
    ("aamc 'AAMC #15544321'", BASE.replace("AAMC ID 15544321", "AAMC #15544321"), set(), {"missing-aamc-id"}),
    ("aamc 'AAMC ID: 1554-4321'", BASE.replace("AAMC ID 15544321", "AAMC ID: 1554-4321"), set(), {"missing-aamc-id"}),
    ("aamc 'ERAS ID 15544321'", BASE.replace("AAMC ID 15544321", "ERAS ID 15544321"), set(), {"missing-aamc-id"}),
    (
        "aamc 'My AAMC ID is 15544321'",
        BASE.replace("AAMC ID 15544321", "My AAMC ID is 15544321"),
        set(),
        {"missing-aamc-id"},
    ),
    (
        "aamc 'AAMC number 15544321'",
        BASE.replace("AAMC ID 15544321", "AAMC number 15544321"),
        set(),
        {"missing-aamc-id"},
    ),
]


@pytest.mark.parametrize(("label", "text", "must", "must_not"), STRUCTURE_CASES, ids=[c[0] for c in STRUCTURE_CASES])
def test_structure_variants(label: str, text: str, must: set[str], must_not: set[str]) -> None:
    flagged = set(check_draft(text, "coordinator-email", "yes").flagged)
    assert must <= flagged
    assert not (flagged & must_not)
    if not must and not must_not:
        assert flagged == set()


@pytest.mark.parametrize(
    ("sentence", "check"),
    [
        ("Come what may on Thursday, my answer to your program will be yes.", "commitment"),
        ("There is no situation this week in which I would turn Larchmont down.", "commitment"),
        ("If I haven't heard back by noon, I will assume I should look elsewhere.", "pushy"),
        ("Please have the program director call me today between 2 and 3 p.m.", "pushy"),
        ("Could you kindly confirm by 4 p.m. whether I am on your list?", "pushy"),
    ],
)
def test_round_28_certainty_and_courteous_ultimatums_are_flagged(sentence: str, check: str) -> None:
    assert check in check_draft(with_sentence(sentence), "coordinator-email", "yes").flagged


@pytest.mark.parametrize(
    "sentence",
    [
        "My answer to your question about night float is that I enjoyed it.",
        "If I have not heard back by Friday about my letter, I will ask my dean.",
        "Please have a look at the updated CV I attached.",
    ],
)
def test_round_28_neighbours_of_those_patterns_are_not(sentence: str) -> None:
    flagged = check_draft(with_sentence(sentence), "coordinator-email", "yes").flagged
    assert "commitment" not in flagged and "pushy" not in flagged


@pytest.mark.parametrize(
    ("sentence", "check"),
    [
        ("If you have no position, I would gladly come in unpaid as a research assistant for a year.", "desperation"),
        ("I could do a month of observership for free first, if that would help.", "desperation"),
        ("My last program director treated the residency like his own private kingdom.", "negativity"),
        ("I'm the one whose Step score proves I peaked in high school.", "self-deprecation"),
        ("Given my interview skills, Dr. Lin may want to keep her expectations low.", "self-deprecation"),
    ],
)
def test_round_29_unpaid_offers_a_former_programs_fiefdom_and_a_peak_long_past_are_flagged(
    sentence: str, check: str
) -> None:
    assert check in check_draft(with_sentence(sentence), "coordinator-email", "yes").flagged


@pytest.mark.parametrize(
    ("sentence", "check"),
    [
        ("Before medical school I worked unpaid for a year in a sepsis research lab.", "desperation"),
        (
            "I left my surgery internship to train in internal medicine, which suits the work I want to do.",
            "negativity",
        ),
        ("My Step 2 score peaked at 251 on the retake, and my clinical grades rose too.", "self-deprecation"),
    ],
)
def test_round_29_neighbours_of_those_patterns_are_not(sentence: str, check: str) -> None:
    assert check not in check_draft(with_sentence(sentence), "coordinator-email", "yes").flagged


def test_a_courteous_deadline_for_the_programs_decision_is_pushy() -> None:
    sentence = "I'd appreciate a quick reply by 3:30 p.m. letting me know whether you plan to rank me."
    assert "pushy" in check_draft(with_sentence(sentence), "program-director-email", "yes").flagged
