"""A question in Spanish, Portuguese, French, Hindi/Urdu in Latin letters, Hindi in Devanagari,
Tagalog, Korean in Latin letters, Vietnamese (with or without its accents) or Arabic is answered
from the English guidance, and the answer says it is in English; English questions, with a foreign
greeting or name in them, are read as English."""

from __future__ import annotations

import re
import tomllib
import unicodedata

import pytest

from bot.core.knowledge.glossary import ENGLISH_NOTE, GLOSSARY_PATH, fold, read_in_english
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
    # Tagalog: must I wait for the program to contact me before I email it
    ("tl", "Kailangan ko bang maghintay na kontakin ako ng programa bago mag-email habang SOAP?", r"contacted you"),
    # Spanish: how long before an offer expires
    ("es", "¿Cuánto tiempo tengo antes de que se venza una oferta?", r"two hours|2 hours|two-hour"),
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
    # Korean in Latin letters: sharing the List of Unfilled Programs with a friend
    ("ko", "LUP-reul chingu-hante gongyuhaedo dwaeyo? Chingu-do SOAP jiwonhaeyo", r"not allowed"),
    # Korean: when offer round 1 is, in Korea time
    ("ko", "Round 1 offer-neun hanguk sigan-euro myeot si-e nawayo?", r"Korea time"),
    # Vietnamese: how many programs one can apply to
    ("vi", "Em có thể nộp đơn vào bao nhiêu chương trình trong SOAP ạ?", r"\b45\b"),
    # Vietnamese without its accents: how long an offer stays open
    ("vi", "Offer co hieu luc trong bao lau a? Em muon biet truoc khi vong 1 bat dau", r"two hours|2 hours"),
    # Arabic: an accepted offer, cancelled
    ("ar", "إذا قبلت العرض هل يمكنني إلغاؤه؟", r"binding"),
    # Arabic: when the first round is, in Saudi time
    ("ar", "متى الجولة الأولى بتوقيت السعودية؟", r"Saudi Arabia time"),
    # Hindi in Devanagari: how many programs one can apply to; may I email a program first
    ("hi", "SOAP में मैं कितने प्रोग्राम को आवेदन भेज सकती हूँ?", r"\b45\b"),
    ("hi", "क्या मैं SOAP के दौरान किसी प्रोग्राम को पहले ईमेल भेज सकता हूँ?", r"contacted you|until|unless"),
    # Vietnamese: may a contact-rule violation bar me next year
    ("vi", "Nếu em vi phạm quy định liên lạc thì năm sau em có bị cấm tham gia SOAP không?", r"\bbar|sanction"),
    # Tagalog: how will I know I have an offer
    ("tl", "Paano ko malalaman na may offer na ako sa SOAP?", r"\bR3\b"),
    # Hindi/Urdu in Latin letters: by what date must I be able to start
    ("hi", "SOAP ke liye kis date tak mujhe residency shuru karne ke qabil hona zaroori hai?", r"July\s*1"),
    # German: by when applications should be in on Tuesday; is an accepted offer binding
    ("de", "Bis wann sollten meine Bewerbungen am Dienstag abgeschickt sein?", r"8:00 a\.m\."),
    ("de", "Ist ein angenommenes Angebot verbindlich, oder kann das Programm mich freigeben?", r"binding"),
    # Russian: when SOAP ends and programs may be contacted freely
    ("ru", "Когда заканчивается SOAP и когда можно связываться с программами?", r"9:00 p\.m\."),
    # Japanese and Chinese, written without spaces: may I email a program to introduce myself; may
    # my advisor phone a program for me; how long an offer stays open
    ("ja", "SOAP中に、プログラムに自己PRのメールを送ってもいいですか？", r"contacted you"),
    (
        "ja",
        "SOAP期間中に、アドバイザーが私の代わりにプログラムに電話してもいいですか？",
        r"contacts? (?:you|a student|the student)",
    ),
    ("zh", "SOAP 的每一个 offer 有效期是多长时间？", r"two hours|2 hours"),
    # Italian, Turkish and Polish: may I contact a program that has not called me; on which day
    # offers come; whether accepting is binding
    ("it", "Posso contattare un programma durante il SOAP se non mi ha ancora chiamato?", r"contacted you"),
    ("tr", "SOAP teklifleri hangi gün geliyor? Kaç tur var?", r"Thursday"),
    ("pl", "Czy przyjęcie oferty w SOAP jest wiążące?", r"binding"),
    # Round 31: at what time programs may first call on Tuesday (Turkish), and MyERAS opens (Italian)
    ("tr", "Salı günü programlar saat kaçtan itibaren arayabilir? Doğu saatine göre lütfen.", r"8:00 a\.m\. ET"),
    ("it", "A che ora si apre MyERAS per il SOAP lunedì, ora della costa est?", r"11:00 a\.m\. ET"),
    # Hindi in Devanagari: may I, a relative abroad, phone my brother's program to recommend him
    ("hi", "क्या मैं भारत से अपने भाई के प्रोग्राम को फ़ोन करके उसकी सिफ़ारिश कर सकता हूँ?", r"acting for|on your behalf|for you"),
    # Korean in its own script, particles joined: may I contact a program first; how long an offer stays open
    ("ko-hangul", "SOAP 기간에 프로그램에 먼저 이메일로 연락해도 되나요?", r"contacted you"),
    ("ko-hangul", "SOAP 오퍼는 수락할 때까지 시간이 얼마나 있나요?", r"two hours|2 hours"),
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
        # Korean, Vietnamese and Arabic names, greetings and places in English questions
        "Annyeonghaseyo! I'm Ji-eun Park from Seoul. When does offer round 2 start in Korea time?",
        "My friend Kim Min-jun and I both got offers; can he accept his and I decline mine? Kamsahamnida",
        "Dr. Jeon Hye-jin at the Busan program emailed me, can I reply to her tonight?",
        "Hi, I'm Nguyen Thi Minh Anh from Ho Chi Minh City, can I apply to EM and IM in SOAP?",
        "Xin chào! Can I cancel an offer after I accept it? Cảm ơn!",
        "Dr. Tran Van Duc from Hanoi is a PD at Bao Long Medical Center, may I call him on Monday?",
        "السلام عليكم, when is round 2 of SOAP? شكرا",
        "My name is Mohammed Al-Rashid (محمد), can I email a PD on Monday before SOAP starts?",
        "Salam! I'm an IMG from Cairo, how many programs can I apply to? Shukran",
        "is it a must-do to reply to every program? my to-do list is huge",
        # English words that are German words too ("was", "die", "am", "um")
        "I was so tired I could die, um, am I still eligible for SOAP if I was partially matched?",
    ],
)
def test_english_questions_with_foreign_words_stay_english(question: str) -> None:
    assert read_in_english(question) is None


READ_IN_ENGLISH = [
    # Hindi/Urdu in Latin letters: an email sent by mistake, and the list after SOAP
    ("hi", "Agar maine galti se program ko email kar diya toh kya hoga?", ["by mistake", "what will happen"]),
    ("hi", "SOAP khatam hone ke baad list aati hai kya?", ["after it ends", "list comes"]),
    # Korean in Latin letters: may my advisor call the program directly
    (
        "ko",
        "Jido gyosu-nim-i program-e jikjeop jeonhwa-hae jusigetdago hasineunde, gwaenchanheulkkayo?",
        ["advisor", "directly", "is it okay"],
    ),
    # Tagalog: how many applications, and whether there is a fee
    ("tl", "Ilang aplikasyon ang pwede kong ipadala ngayong taon?", ["how many", "applications", "send", "this year"]),
    ("tl", "May dagdag na bayad ba kung nag-apply na ako sa ERAS?", ["additional fee", "applied", "ERAS"]),
    # Korean in Latin letters, particles and endings joined with a hyphen to English words
    ("ko", "SOAP-eseo peurogeuraem myeot gae-kkaji jiwonhal su isseoyo?", ["in SOAP", "program", "how many", "apply"]),
    ("ko", "Round 1 offer-neun hanguk sigan-euro myeot si-e nawayo?", ["Round 1 offer", "Korea time", "what time"]),
    ("ko", "Offer-reul accept haenneunde chwiso hal su isseoyo?", ["Offer accept", "cancel", "can I"]),
    ("ko", "LUP-reul chingu-hante gongyuhaedo dwaeyo?", ["LUP", "to friend", "share", "is it ok"]),
    (
        "ko",
        "Offer-neun eolmana dongan yuhyohaeyo? Myeot sigan an-e accept-haeya dwaeyo?",
        ["Offer", "how long", "valid", "how many hours", "accept"],
    ),
    ("ko", "PD-hante imeil bonaedo dwaeyo? Ajik yeollak-i eopseoyo", ["to PD", "email", "send", "still", "contact"]),
    (
        "ko",
        "Mogyoil ohu myeot si-e majimak raundeu-ga kkeunnayo?",
        ["Thursday", "p.m.", "what time", "last round", "ends"],
    ),
    # Vietnamese, with its accents and without them
    (
        "vi",
        "Em có thể nộp đơn vào bao nhiêu chương trình trong SOAP ạ?",
        ["I can apply", "how many", "program", "SOAP"],
    ),
    (
        "vi",
        "Em co the nop don vao bao nhieu chuong trinh trong SOAP a?",
        ["I can apply", "how many", "program", "SOAP"],
    ),
    ("vi", "Vòng 1 bắt đầu lúc mấy giờ theo giờ Việt Nam vậy ạ?", ["round 1", "start", "what time", "Vietnam time"]),
    ("vi", "Toi da chap nhan offer roi, toi co the huy duoc khong?", ["I accepted offer", "can", "cancel"]),
    (
        "vi",
        "Em có được chia sẻ danh sách chương trình còn trống cho bạn em không?",
        ["share", "list", "program", "unfilled", "my friend"],
    ),
    (
        "vi",
        "Offer có hiệu lực trong bao lâu ạ? Em muốn apply EM và IM.",
        ["Offer", "valid", "how long", "apply EM and IM"],
    ),
    ("vi", "Thứ năm vòng cuối kết thúc lúc mấy giờ sáng?", ["Thursday", "last round", "end", "what time"]),
    # Arabic, with "و", "ب", "ل" and the article joined to its words, hamza and final letters either way
    ("ar", "كم عدد البرامج التي يمكنني التقديم لها في السواب؟", ["how many", "programs", "can I apply", "SOAP"]),
    ("ar", "متى الجولة الأولى بتوقيت السعودية؟", ["when", "round 1", "Saudi Arabia"]),
    ("ar", "إذا قبلت العرض هل يمكنني إلغاؤه؟", ["if accepted offer", "can I cancel"]),
    (
        "ar",
        "هل أستطيع مشاركة قائمة البرامج الشاغرة مع صديقي؟",
        ["can I share", "List of Unfilled Programs", "my friend"],
    ),
    ("ar", "كم ساعة يبقى العرض صالحا؟", ["how many hours", "offer", "valid"]),
    # Hindi in Devanagari: a word is its letters and vowel signs together
    ("hi", "ऑफर स्वीकार करने के बाद क्या मैं और आवेदन भेज सकता हूँ?", ["offer", "accept", "after", "can", "send"]),
    (
        "ar",
        "هل يجوز ان اتواصل مع مدير البرنامج قبل ان يتصلوا بي؟",
        ["is it allowed", "contact", "program director", "before"],
    ),
    (
        "ar",
        "كم طلب اقدر ارسل للبرامج يوم الاثنين؟ وبعد المطابقة؟",
        ["how many application", "can I send", "to programs", "Monday", "and after", "Match"],
    ),
]


@pytest.mark.parametrize(("language", "question", "words"), READ_IN_ENGLISH, ids=[a[0] for a in READ_IN_ENGLISH])
def test_a_question_is_read_in_english_words(language: str, question: str, words: list[str]) -> None:
    reading = read_in_english(question)
    assert reading is not None and reading.language == language
    for word in words:
        assert re.search(rf"(?<!\w){re.escape(word)}(?!\w)", reading.english), (word, reading.english)


@pytest.mark.parametrize(
    ("question", "english"),
    [
        # a Korean particle or ending after an English word or SOAP shorthand is read off it, with
        # the English of the particle, if any, before the word
        ("offer-reul chwiso hal su isseoyo?", "offer cancel can I?"),
        ("PD-hante yeollak-haedo dwaeyo?", "to PD contact is it ok?"),
        ("SOAP-eseo accept-haesseoyo. chwiso dwaeyo?", "in SOAP accept. cancel is it ok?"),
        ("chingu-hante LUP-reul boyeojwodo dwaeyo?", "to friend LUP show is it ok?"),
        # capitals are SOAP shorthand, not a word of the glossary: "EM" is not Vietnamese "em" (I)
        ("em muốn nộp đơn EM và IM được không?", "I want apply EM and IM is it allowed?"),
        # Arabic written with and without hamza, short vowels and tatweel, "ة" as "ه", "ى" as "ي"
        ("مَتَى الجـولة الأولى؟ هل أستطيع التقديم؟", "when round 1? can I apply?"),
        ("متي الجوله الاولي؟ هل استطيع التقديم؟", "when round 1? can I apply?"),
        # Vietnamese typed with its accents as separate marks reads as typed with them composed
        (unicodedata.normalize("NFD", "Tôi có thể từ chối offer không?"), "I can reject offer ?"),
    ],
)
def test_joined_particles_capitals_and_spellings(question: str, english: str) -> None:
    reading = read_in_english(question)
    assert reading is not None and reading.english == english


def test_a_short_arabic_question_is_read_but_an_arabic_greeting_in_english_is_not() -> None:
    reading = read_in_english("متى الجولة؟")
    assert reading is not None and (reading.language, reading.english) == ("ar", "when round?")
    assert read_in_english("شكرا! when is round 2?") is None
    # a name with a Korean syllable of two letters is not a word with a particle
    assert read_in_english("Ji-eun and Da-eun asked: can we apply to the same program?") is None


def test_glossary_keys_are_lowercase_and_each_is_written_one_way() -> None:
    with open(GLOSSARY_PATH, "rb") as fh:
        glossary = tomllib.load(fh)
    tables = {lang: t for lang, t in glossary.items() if lang not in ("not_evidence", "prefixes", "endings")}
    tables |= {f"{kind}.{lang}": t for kind in ("prefixes", "endings") for lang, t in glossary[kind].items()}
    for name, table in tables.items():
        seen: dict[str, tuple[str, str]] = {}
        for key, english in table.items():
            assert key == key.lower(), (name, key)
            other = seen.setdefault(fold(key), (key, english))
            assert other[1] == english, (name, key, english, other)
