"""Phrase-level regression cases for the critique checks: one sentence added to a clean reply.

Positive sentences must flag their check; neutral sentences (which share words with the
problems) must flag nothing.
"""

from __future__ import annotations

import pytest

from bot.core.critique import check_draft
from tests.core.test_critique import with_sentence

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
        "Please reply within 24 hours.",
        "I will keep calling until someone answers.",
        "I expect to hear from you today.",
        "This is my fourth email and I still have no answer.",
        "Call me back right away.",
        "Get back to me ASAP.",
    ],
}

NEUTRAL_SENTENCES = [
    "I am eager to learn from your faculty.",
    "I am grateful for the opportunity to interview.",
    "Please let me know if you need anything else.",
    "I look forward to hearing from you.",
    "Thank you for your time and consideration.",
    "I enjoyed hearing about the residents' wellness retreat.",
    "I would be happy to interview at any time that works for Dr. Reyes.",
    "I am committed to serving rural communities.",
    "My mother, a nurse, inspired me to go into medicine.",
    "I managed patients with depression and anxiety on my psychiatry rotation.",
    "I will bring my experience with quality improvement to your team.",
    "I look forward to the possibility of training at Larkspur.",
    "Your residents' advocacy work is inspiring.",
    "I took a leave of absence for a family medical matter and returned to finish strong.",
    "I am available at any time tomorrow.",
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
]


@pytest.mark.parametrize(("check", "sentence"), [(c, s) for c, sents in POSITIVE_SENTENCES.items() for s in sents])
def test_sentence_flags_its_check(check: str, sentence: str) -> None:
    result = check_draft(with_sentence(sentence), "coordinator-email", "yes")
    assert check in result.flagged
    f = next(f for f in result.findings if f.check == check)
    assert f.evidence and f.evidence in with_sentence(sentence)


@pytest.mark.parametrize("sentence", NEUTRAL_SENTENCES)
def test_neutral_sentence_flags_nothing(sentence: str) -> None:
    assert check_draft(with_sentence(sentence), "coordinator-email", "yes").flagged == []
