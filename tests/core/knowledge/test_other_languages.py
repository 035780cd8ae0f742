"""A question in Spanish, Portuguese, French, Hindi/Urdu in Latin letters or Tagalog is answered
from the English guidance, and the answer says it is in English; English questions, with a
foreign greeting or name in them, are read as English."""

from __future__ import annotations

import re

import pytest

from bot.core.knowledge.glossary import ENGLISH_NOTE, read_in_english
from bot.core.services import Services

ASKED_ELSEWHERE = [
    # Spanish: how many programs, in total or per specialty
    (
        "es",
        "Buenas. ¿Cuántas aplicaciones puedo mandar en total en el SOAP? Quiero pediatría y medicina familiar.",
        r"\b45\b",
    ),
    # Portuguese: may I write to the program before it calls me
    (
        "pt",
        "Posso mandar um email para o programa antes de eles me contatarem durante o SOAP?",
        r"until|unless|contact(?:ed|s)? you",
    ),
    # French: an offer accepted, then a better one
    (
        "fr",
        "Si j'accepte une offre au tour 1, est-ce que je peux changer pour un autre programme au tour 3 ?",
        r"binding",
    ),
    # Hindi/Urdu in Latin letters: how long an offer stays open
    ("hi", "Offer aane ke baad kitne ghante tak accept kar sakte hai? Jaldi batao yaar", r"two hours|2 hours|two-hour"),
    # Tagalog: when the offers come out on Thursday
    ("tl", "Anong oras po lalabas yung unang alok sa Huwebes? Nasa Cebu ako ngayon", r"9(?::00)?\s*a\.?m"),
    # Hindi/Urdu: may a relative phone the PD for me
    (
        "hi",
        "Meri mausi ek program mein doctor hain. Kya woh SOAP ke dauran mere liye PD ko phone kar sakti hain?",
        r"on your behalf|for you",
    ),
    # Spanish: an international graduate without the ECFMG certificate yet
    (
        "es",
        "Soy egresada en el extranjero y todavía no tengo el certificado del ECFMG. ¿Puedo participar en el SOAP?",
        r"ECFMG",
    ),
]


@pytest.mark.parametrize(("language", "question", "fact"), ASKED_ELSEWHERE, ids=[a[0] for a in ASKED_ELSEWHERE])
async def test_a_question_in_another_language_gets_the_fact_in_english(
    services: Services, language: str, question: str, fact: str
) -> None:
    reading = read_in_english(question)
    assert reading is not None and reading.language == language
    answer = await services.answerer.ask(question)
    assert answer.kind not in ("not-covered", "out-of-scope", "crisis"), answer.text
    assert answer.text.startswith(ENGLISH_NOTE)
    assert re.search(fact, answer.text, re.IGNORECASE), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Hola! Can I email a program director before SOAP starts on Monday?",
        "Dr. de la Vega at San Mateo Family Medicine called me, can I reply to her today?",
        "Is the Hospital de Clínicas program in Porto Alegre in the NRMP Match at all?",
        "me and my partner are couples matching, do we SOAP together or separately?",
        "do i need to pay a fee to apply in soap, or is it the same as ERAS fees",
        "ok so na it's round 2 at noon right? and is it ET?",
    ],
)
def test_english_questions_with_foreign_words_stay_english(question: str) -> None:
    assert read_in_english(question) is None
