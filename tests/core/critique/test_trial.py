"""Regressions from a newcomer's trial of the critique: first contact that only the text
reveals, a representative contacting a program, advocacy requests, instruction-like
placeholders, malformed AAMC IDs, subject-line examples by kind, asking whether an offer is
coming, repeated same-day follow-ups, summary wording, and templates that sign a student as
"MD Candidate". Wordings vary on purpose: the checks follow the grammar of each problem."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.base.identity import credential
from bot.core.companion.drafts import signature
from bot.core.critique import CritiqueResult, check_draft, critique, offline_template
from tests.core.critique.test_critique import ScriptedLLM

SIGNATURE = "Best regards,\nMaya Okafor\nAAMC ID 15544321\nmaya.okafor@hollisbay.edu | (401) 555-0112\n"


def email(
    body: str, *, subject: str = "Subject: Larkspur Family Medicine – Maya Okafor", greet: str = "Dear Ms. Whitcomb,"
) -> str:
    """A draft that is otherwise fine: names the writer, the program and a program detail."""
    intro = "I am a fourth-year student at Hollis Bay School of Medicine, and Larkspur's prenatal clinic fits my work."
    return f"{subject}\n\n{greet}\n\n{body} {intro}\n\n{SIGNATURE}"


def reply(body: str) -> str:
    """The same draft as a reply in the program's thread."""
    return email(body, subject="Subject: Re: Interview – Larkspur")


def contact(result: CritiqueResult) -> str:
    f = next((f for f in result.findings if f.check == "contact-rule"), None)
    return f.severity if f else "pass"


def flagged(result: CritiqueResult) -> set[str]:
    return set(result.flagged)


def finding(result: CritiqueResult, check: str):
    return next(f for f in result.findings if f.check == check)


# --------------------------------------------------------------------------- 1. contact rule
WRITES_FIRST = [
    # asking whether the application arrived, or where it stands
    "Could you confirm that you received my SOAP application?",
    "Just checking that my application arrived safely.",
    "I wanted to make sure my materials went through on your end.",
    "Did your team receive my application this morning?",
    "Have you had a chance to look at my application yet?",
    "May I ask about the status of my application?",
    # documents or news nobody asked for
    "Attached is my updated CV for your consideration.",
    "Please find enclosed my new Step 2 CK score report.",
    "I'm sending you my revised personal statement in case it helps.",
    "Here are my updated scores for your review.",
    "I wanted to update you on my Step 2 result, which posted yesterday.",
    # asking to be interviewed
    "i applied to ur program, pls interview me",
    "Would you be willing to interview me this week?",
    "I would really appreciate an interview with your team.",
    "Could I please get an interview before Thursday?",
    # an inquiry about openings
    "I am emailing to ask whether you are still considering applicants.",
]


@pytest.mark.parametrize("sentence", WRITES_FIRST)
def test_text_that_writes_first_is_a_warning_when_unanswered(sentence: str) -> None:
    text = email(sentence)
    result = check_draft(text, "coordinator-email", "unknown", "during-soap")
    f = finding(result, "contact-rule")
    assert f.severity == "warning", sentence
    assert f.advice.startswith("Did this program contact you first?")
    assert f.evidence and f.evidence in text
    assert "contact-rule" not in result.passed
    assert contact(check_draft(text, "coordinator-email", "no", "during-soap")) == "error"
    assert contact(check_draft(text, "coordinator-email", "unknown", "after-soap")) == "pass"


@pytest.mark.parametrize(
    "sentence",
    [
        "As you requested, attached is my updated CV.",
        "Per your request, please find attached my Step 2 CK score report.",
        "Here is the updated CV you asked for.",
    ],
)
def test_documents_the_program_asked_for_are_fine(sentence: str) -> None:
    text = email("Thank you for your email this morning. " + sentence, subject="Subject: Re: Documents – Larkspur")
    for answer in ("unknown", "yes"):
        assert contact(check_draft(text, "coordinator-email", answer)) == "pass"


REPRESENTATIVE = [
    "My dean Dr. Smith will be calling you tomorrow to discuss my application.",
    "My mentor will reach out.",
    "Dr. Patel, my faculty advisor, is going to email your program director this afternoon.",
    "I asked my dean to contact your office on my behalf.",
    "My mother plans to phone the program tomorrow to explain my situation.",
    "My advisor has already spoken with Dr. Hale about me.",
]


@pytest.mark.parametrize("sentence", REPRESENTATIVE)
def test_someone_contacting_the_program_for_the_student_is_an_error(sentence: str) -> None:
    text = email(sentence)
    for answer in ("unknown", "no"):
        result = check_draft(text, "program-director-email", answer)
        f = finding(result, "contact-rule")
        assert f.severity == "error", (sentence, answer)
        assert "nobody may contact a program for you" in f.advice
    # once the program has contacted the student it is the advisor grey area, not a breach
    assert contact(check_draft(text, "program-director-email", "yes")) == "warning"
    assert contact(check_draft(text, "program-director-email", "unknown", "after-soap")) == "pass"


def test_an_advisor_suggesting_the_student_write_is_the_students_own_cold_email() -> None:
    text = email("My advisor suggested I contact you directly.")
    f = finding(check_draft(text, "coordinator-email", "unknown"), "contact-rule")
    assert f.severity == "warning" and f.advice.startswith("Did this program contact you first?")


@pytest.mark.parametrize(
    "sentence",
    [
        "Thank you for the invitation. My advisor and I talked about how well your clinic fits my goals.",
        "Thank you for the interview today. My mentor wrote one of my letters, which is in ERAS.",
        "Thank you for reaching out. I wanted to mention that I'm free any time Thursday.",
        "Thank you for the invitation. Could you confirm the time zone for the interview?",
        "Thank you for your call. My partner works in your hospital and speaks highly of the nurses.",
    ],
)
def test_replies_that_mention_people_or_confirmations_are_not_flagged(sentence: str) -> None:
    text = email(sentence, subject="Subject: Re: Interview – Larkspur Family Medicine")
    for answer in ("unknown", "yes"):
        assert contact(check_draft(text, "coordinator-email", answer)) == "pass", sentence


RESIDENT = """Hi Dr. Ray,

Thanks for offering to chat! I'm Maya Okafor, a fourth-year student at Hollis Bay School of Medicine, and Larkspur's prenatal clinic is why I applied. {ask}

Best,
Maya Okafor
maya.okafor@hollisbay.edu
"""


@pytest.mark.parametrize(
    "ask",
    [
        "Could you put in a good word with your PD?",
        "Would you be willing to pass along my CV?",
        "If you could mention my name to Dr. Hale, I'd be grateful.",
        "Any chance you could share my application with the program director?",
        "Please let your PD know that I'm very interested.",
    ],
)
def test_asking_a_resident_to_advocate_is_flagged_in_any_phase(ask: str) -> None:
    text = RESIDENT.format(ask=ask)
    during = check_draft(text, "resident-message", "unknown", "during-soap")
    assert "off-target-questions" in flagged(during), ask
    assert finding(during, "contact-rule").severity == "warning"
    assert "counts as contact on your behalf" in finding(during, "contact-rule").advice
    assert "speak up for you" in during.summary
    after = check_draft(text, "resident-message", "unknown", "after-soap")
    assert "off-target-questions" in flagged(after) and contact(after) == "pass"
    # the program contacted the student first: not a contact-rule problem, still off-target
    told = check_draft(text, "resident-message", "yes", "during-soap")
    assert "off-target-questions" in flagged(told) and contact(told) == "pass"


def test_resident_questions_about_training_are_not_advocacy() -> None:
    text = RESIDENT.format(ask="How do interns share the work on nights?")
    assert "off-target-questions" not in flagged(check_draft(text, "resident-message", "yes"))


def test_info_is_kept_for_neutral_text_only() -> None:
    """docs/contracts.md (section 3) semantics: 'passed' means no warning or error, so an info contact tip keeps the
    check in 'passed'; it is used only when nothing in the text reads as first contact."""
    neutral = email("Tuesday at 2:00 p.m. Eastern works for me for the interview.")
    result = check_draft(neutral, "coordinator-email", "unknown")
    assert contact(result) == "info" and "contact-rule" in result.passed
    for sentence in WRITES_FIRST + REPRESENTATIVE:
        assert contact(check_draft(email(sentence), "coordinator-email", "unknown")) in ("warning", "error")


# --------------------------------------------------------------------------- 2. placeholders
@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        ("INSERT SECOND EXAMPLE HERE", "INSERT SECOND EXAMPLE HERE"),
        ("I especially liked DESCRIBE ONE SPECIFIC CLINIC.", "DESCRIBE ONE SPECIFIC CLINIC"),
        ("ADD PROGRAM DETAIL", "ADD PROGRAM DETAIL"),
        ("Add a personal example here.", "Add a personal example here"),
        ("I loved the teaching (add detail here).", "add detail here"),
        ("[TODO] I can start on July 1.", "[TODO]"),
        ("I am free on XX/XX at any time.", "XX/XX"),
        ("My Step 2 CK score was 2XX.", "2XX"),
    ],
)
def test_instruction_like_text_is_a_placeholder_not_mechanics(sentence: str, quoted: str) -> None:
    text = reply("Thank you for the invitation. " + sentence)
    result = check_draft(text, "coordinator-email", "yes")
    f = finding(result, "placeholder")
    assert f.severity == "error" and quoted in f.evidence
    assert "mechanics" not in flagged(result), [g.advice for g in result.findings]


@pytest.mark.parametrize(
    "sentence",
    [
        "I'd like to add that working here would mean a great deal.",
        "I will add more detail here if it helps.",
        "I rotated in the ICU and the ED.",
    ],
)
def test_ordinary_sentences_are_not_placeholders(sentence: str) -> None:
    text = reply("Thank you for the invitation. " + sentence)
    assert "placeholder" not in flagged(check_draft(text, "coordinator-email", "yes"))


def test_shouting_is_still_mechanics() -> None:
    text = reply("Thank you for the invitation. PLEASE WRITE BACK SOON.")
    result = check_draft(text, "coordinator-email", "yes")
    assert "placeholder" not in flagged(result) and "mechanics" in {f.check for f in result.findings}


# --------------------------------------------------------------------------- 3. AAMC ID
@pytest.mark.parametrize("kind", ["coordinator-email", "program-director-email", "follow-up"])
@pytest.mark.parametrize(
    ("label", "number"),
    [("AAMC ID", "1554432"), ("AAMC ID:", "155443219"), ("AAMC #", "1554-432"), ("ERAS ID", "155443")],
)
def test_a_malformed_aamc_id_is_a_warning_quoting_the_number(kind: str, label: str, number: str) -> None:
    text = reply("Thank you for the invitation.").replace("AAMC ID 15544321", f"{label} {number}")
    result = check_draft(text, kind, "yes")
    f = finding(result, "missing-aamc-id")
    assert f.severity == "warning" and f.evidence == number
    assert "8 digits" in f.advice
    assert "doesn't have 8 digits" in result.summary


def test_a_good_id_elsewhere_does_not_hide_a_malformed_one() -> None:
    text = email("Thank you for the invitation.", subject="Subject: Re: Interview – Larkspur (AAMC ID 15544321)")
    text = text.replace("AAMC ID 15544321\nmaya", "AAMC ID 1554432\nmaya")
    assert finding(check_draft(text, "coordinator-email", "yes"), "missing-aamc-id").evidence == "1554432"


@pytest.mark.parametrize(
    "layout", ["AAMC ID 15544321\n401-555-0112", "AAMC ID 1554 4321", "AAMC ID: 1554-4321 401 555 0112"]
)
def test_well_formed_ids_next_to_a_phone_number_are_fine(layout: str) -> None:
    text = reply("Thank you for the invitation.").replace("AAMC ID 15544321", layout)
    assert not any(f.check == "missing-aamc-id" for f in check_draft(text, "coordinator-email", "yes").findings)


@pytest.mark.parametrize("kind", ["thank-you", "resident-message"])
def test_a_malformed_id_where_the_id_check_does_not_apply_is_a_mechanics_slip(kind: str) -> None:
    text = email("Thank you for speaking with me today.", subject="Subject: Thank you – Larkspur").replace(
        "AAMC ID 15544321", "AAMC ID 155443211"
    )
    result = check_draft(text, kind, "yes")
    assert "missing-aamc-id" not in result.applicable
    f = finding(result, "mechanics")
    assert f.severity == "warning" and f.evidence == "155443211" and "9 digits" in f.advice


# --------------------------------------------------------------------------- 4. subject lines
@pytest.mark.parametrize(
    ("kind", "contacted", "phase", "start"),
    [
        ("thank-you", "yes", "during-soap", "'Thank you – "),
        ("follow-up", "yes", "during-soap", "'Following up – "),
        ("follow-up", "no", "after-soap", "'Following up – "),
        ("coordinator-email", "yes", "during-soap", "'Re: "),
        ("program-director-email", "unknown", "during-soap", "'Re: "),
        ("coordinator-email", "yes", "after-soap", "'Re: "),
        ("coordinator-email", "no", "after-soap", "'Open "),
    ],
)
def test_subject_examples_fit_the_kind(kind: str, contacted: str, phase: str, start: str) -> None:
    for subject in ("", "Subject: Hello"):
        text = email("Thank you for speaking with me today.", subject=subject).lstrip()
        f = finding(check_draft(text, kind, contacted, phase), "subject-line")
        assert "e.g. " + start in f.advice, (kind, f.advice)
    thanks = finding(check_draft(email("Thanks.", subject=""), "thank-you", "yes"), "subject-line")
    assert "Interview availability" not in thanks.advice


# --------------------------------------------------------------------------- 5. commitment, pushy
@pytest.mark.parametrize(
    "sentence",
    [
        "I need to know today whether you will be making me an offer in round 1.",
        "Please let me know if I will be receiving an offer from Larkspur.",
        "I need an answer on whether you plan to offer me a spot.",
        "I'd like to find out if your program is going to extend me an offer.",
    ],
)
def test_asking_whether_an_offer_is_coming_is_a_commitment_request(sentence: str) -> None:
    text = reply("Thank you for the interview today. " + sentence)
    f = finding(check_draft(text, "program-director-email", "yes"), "commitment")
    assert f.severity == "error" and "R3" in f.advice


def test_asking_the_offer_question_directly_is_off_target() -> None:
    text = reply("Thank you for the interview. Will you be making me an offer?")
    assert "off-target-questions" in flagged(check_draft(text, "program-director-email", "yes"))


@pytest.mark.parametrize(
    "sentence",
    [
        "This is my third email today.",
        "I am following up again because I have not heard back.",
        "I emailed you this morning and again at noon.",
        "I emailed you at 9 a.m. and then called at 11.",
        "I left a voicemail earlier and I'm checking in once more now.",
    ],
)
def test_repeated_same_day_follow_ups_are_pushy(sentence: str) -> None:
    text = reply("Thank you again for Tuesday's interview. " + sentence)
    assert "pushy" in flagged(check_draft(text, "follow-up", "yes"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Please let me know if I should prepare anything before the interview.",
        "Thank you again for calling me yesterday.",
        "I emailed you earlier today.",  # one earlier note alone counts half
    ],
)
def test_polite_follow_ups_are_not_pushy(sentence: str) -> None:
    text = reply("Thank you again for Tuesday's interview. " + sentence)
    result = check_draft(text, "follow-up", "yes")
    assert not {"pushy", "commitment"} & flagged(result)


# --------------------------------------------------------------------------- 6. summaries
def test_three_problems_read_as_a_list_with_a_serial_comma() -> None:
    text = "Hi,\n\nI recieved the link. Could you put in a good word for me with the PD?\n\nThanks\n"
    result = check_draft(text, "resident-message", "unknown")
    assert result.summary.count(", and ") == 1
    assert "check that the program" not in result.summary.split(":")[0]
    assert "it doesn't say who you are" in result.summary


def test_an_error_leads_with_dont_send_even_with_a_contact_warning() -> None:
    text = email("Attached is my updated CV. If you offer me a spot, I will withdraw my other applications.")
    result = check_draft(text, "coordinator-email", "unknown")
    assert contact(result) == "warning" and finding(result, "commitment").severity == "error"
    assert result.summary.startswith("Don't send this yet")
    assert "only if the program contacted you first" in result.summary


def test_the_places_note_counts_the_places_not_shown() -> None:
    text = email(
        "Thank you for the invitation. I'm desperate. Please, please give me a chance. I'll take literally any position.",
        subject="Subject: Re: Interview – Larkspur",
    )
    f = finding(check_draft(text, "coordinator-email", "yes"), "desperation")
    assert "in all" not in f.advice
    assert "(Also in 2 other places.)" in f.advice


def test_a_cold_email_during_soap_gets_the_after_soap_template_and_a_wait() -> None:
    text = email("I haven't heard from your program yet, so I'm writing to introduce myself.")
    result = check_draft(text, "coordinator-email", "unknown", "during-soap")
    assert contact(result) == "error"
    assert "Everything else looks good" not in result.summary
    assert "wait until the program contacts you" in result.summary and "after SOAP ends" in result.summary
    assert result.template == offline_template("coordinator-email", phase="after-soap")
    assert result.notice and "after SOAP ends" in result.notice
    # a draft that may be fine keeps the reply template
    ok = check_draft(email("Thank you for reaching out."), "coordinator-email", "yes")
    assert ok.template == offline_template("coordinator-email", phase="during-soap")


def test_a_dean_writing_for_a_student_gets_no_student_template() -> None:
    text = """Subject: Maya Okafor – SOAP applicant

Dear Dr. Hale,

I am writing as the associate dean for student affairs at Hollis Bay School of Medicine on behalf of my student Maya Okafor, who applied to your program. She would be an excellent intern.

Sincerely,
Dr. Alan Reyes
"""
    result = check_draft(text, "program-director-email", "unknown")
    assert contact(result) == "error" and result.template is None


async def test_an_llm_rewrite_of_a_cold_email_is_withheld() -> None:
    text = email("I haven't been contacted by your program, but I wanted to introduce myself.")
    rewrite = reply("Thank you for reaching out about an interview.")
    llm = ScriptedLLM({"findings": [], "rewrite": rewrite})
    result = await critique(text, "coordinator-email", "unknown", llm=llm)
    assert result.rewrite is None
    assert result.template == offline_template("coordinator-email", phase="after-soap")
    assert result.notice and "first contact during SOAP" in result.notice


# --------------------------------------------------------------------------- 7. templates
def _profile(year: int, degree: str = "MD") -> dict[str, str]:
    return {
        "name": "Maya Okafor",
        "degree": degree,
        "graduation_year": str(year),
        "school": "Hollis Bay School of Medicine",
        "aamc_id": "15544321",
        "email": "maya.okafor@hollisbay.edu",
    }


@pytest.mark.parametrize("kind", ["coordinator-email", "program-director-email", "thank-you", "follow-up"])
def test_a_student_signs_as_a_candidate_not_a_doctor(kind: str) -> None:
    future = _profile(dt.date.today().year + 2, "M.D.")
    text = offline_template(kind, future)
    assert f"Maya Okafor, MD Candidate, Class of {future['graduation_year']}" in text
    assert "Maya Okafor, MD\n" not in text and "Maya Okafor, M.D." not in text
    if kind.endswith("-email"):
        assert "a fourth-year MD student at Hollis Bay School of Medicine" in text
    graduate = _profile(dt.date.today().year - 3, "DO")
    assert "Maya Okafor, DO\n" in offline_template(kind, graduate)


def test_critique_and_draft_signatures_share_the_credential() -> None:
    future = _profile(dt.date.today().year + 1)
    assert credential(future) == f"MD Candidate, Class of {future['graduation_year']}"
    assert credential(future) in signature(future, with_aamc=False)
    assert credential(future) in offline_template("thank-you", future)
    assert credential({"degree": "fourth-year medical student"}) == "fourth-year medical student"


@pytest.mark.parametrize(
    "sentence",
    [
        "I am very thankful to received your mail for the interview.",
        "I got your email about Tuesday's interview and the time works for me.",
        "Thank you, I received your kind invitation this morning.",
    ],
)
def test_receiving_the_programs_message_reads_as_a_reply(sentence: str) -> None:
    """Non-native and plain wordings of 'your email reached me': the program wrote first, so
    even a note that then asks for something is not first contact."""
    text = email(sentence + " Could you share the Zoom link?")
    assert contact(check_draft(text, "coordinator-email", "unknown")) == "pass"


def test_a_note_to_the_students_own_dean_is_not_contact_with_a_program() -> None:
    text = email(
        "Thank you for the email to unmatched students. A faculty member offered to call two program "
        "directors for me; I said no, since nobody may contact programs for me until they contact me.",
        greet="Dear Dean Ashworth,",
    )
    assert contact(check_draft(text, "follow-up", "unknown")) == "pass"


def test_a_conversation_before_match_week_is_not_a_reply() -> None:
    text = email(
        "Following up on our conversation at the residency fair last September, when you mentioned your "
        "night-float changes. I have applied to Larkspur this week and would love the chance to interview."
    )
    assert contact(check_draft(text, "program-director-email", "unknown")) in ("warning", "error")
    # the same words after an interview the program set up are a reply
    replied = email("Following up on our conversation this morning about the night-float schedule.")
    assert contact(check_draft(replied, "program-director-email", "unknown")) == "pass"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("If you happened to mention my name to your PD, I would be so grateful.", "resident-message"),
        (
            "I advise several unmatched students; is your program still reviewing SOAP applications?",
            "coordinator-email",
        ),
        (
            "My wife Dana Okoye is applying to your family medicine program this week; she would be a great fit.",
            "coordinator-email",
        ),
    ],
)
def test_someone_speaking_for_applicants_is_flagged(sentence: str, kind: str) -> None:
    assert contact(check_draft(email(sentence), kind, "unknown")) in ("warning", "error")


def test_help_desks_and_personal_notes_are_not_contact_with_a_program() -> None:
    help_desk = email("My new letter does not show as assigned. Could you check it?", greet="Hi ERAS Support,")
    assert contact(check_draft(help_desk, "coordinator-email", "unknown")) == "pass"
    birthday = "happy birthday sam!! no match talk this week i promise, ramen when it's all over\n\n- jo"
    assert contact(check_draft(birthday, "resident-message", "no")) == "pass"


@pytest.mark.parametrize(
    ("sentence", "contacted"),
    [
        ("I am writing on behalf of our client, who applied to Larkspur in this year's SOAP.", "unknown"),
        ("I'm following up on the note I sent Tuesday after submitting my application.", "unknown"),
        ("I wanted to make sure it arrived complete, with all my letters attached.", "unknown"),
        ("Two programs have reached out to me, but not Larkspur yet, so I am writing first.", "yes"),
        (
            "I accepted a preliminary medicine offer this morning, but I would gladly take a categorical spot "
            "with you instead.",
            "yes",
        ),
    ],
)
def test_second_blind_set_shapes_are_flagged(sentence: str, contacted: str) -> None:
    """Shapes the second blind evasion set found (a consultant's client, a follow-up on one's own
    note, checking the application arrived, a 'yes' that is about other programs, shopping after
    accepting), in other words."""
    assert contact(check_draft(email(sentence), "coordinator-email", contacted)) in ("warning", "error")


def test_withdrawing_after_accepting_elsewhere_is_not_shopping() -> None:
    text = reply("Thank you for your message. I accepted an offer in Round 2, so I am no longer available.")
    assert contact(check_draft(text, "coordinator-email", "yes")) == "pass"


@pytest.mark.parametrize(
    ("sentence", "check"),
    [
        # a requirement questioned, or core training avoided
        (
            "Is the Saturday clinic actually required for interns, or could I do research instead?",
            "off-target-questions",
        ),
        ("Do you really need my Step 1 transcript, since it is in ERAS already?", "off-target-questions"),
        ("Do I really have to do the night-float month as a PGY-1?", "off-target-questions"),
        # a deal with a deadline; unanswered messages pointed out
        ("If the committee can promise me a spot by Thursday morning, I will decline the others.", "pushy"),
        ("I sent three notes this week and have not heard back on any of them.", "pushy"),
        # resentment of classmates who matched
        ("Several classmates coasted through clerkships and still matched, which I find hard to accept.", "negativity"),
        # a joke that asks not to be taken seriously
        ("Take whatever I say with a grain of salt, I'm only the unmatched one.", "self-deprecation"),
        # sighing asides about nobody reading
        ("I'll be brief, not that anybody reads these notes this week.", "negativity"),
        ("I suspect nobody is reading SOAP mail, so I have stopped expecting anything.", "negativity"),
        # a faculty member's private life
        ("Is Dr. Okafor married, and does he have children?", "off-target-questions"),
        # asking to be moved up the list or to skip the interview
        ("If it is not too much trouble, could you bump me up on your list before round 2?", "pushy"),
        ("Perhaps we could skip the formal interview, since my letters already cover it.", "pushy"),
    ],
)
def test_tone_problems_in_plain_sentences_are_flagged(sentence: str, check: str) -> None:
    assert check in flagged(
        check_draft(reply(f"Thank you for the interview on Tuesday. {sentence}"), "follow-up", "yes")
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Is it possible to move the interview to Wednesday at 10 a.m. Central?",
        "Do you need anything else from me before Tuesday, such as my MSPE?",
        "How is teaching organised during the ICU month, and who supervises interns at night?",
        "My classmates were a great support this week.",
        "After the week I've had, your call was a welcome one.",
        "Dr. Okafor's talk on outcomes research, and how he mentors interns, stayed with me.",
        "Could you tell me who I should contact if the video link fails during the interview?",
    ],
)
def test_ordinary_questions_and_mentions_are_not_those_problems(sentence: str) -> None:
    got = flagged(check_draft(reply(f"Thank you for the invitation. {sentence}"), "coordinator-email", "yes"))
    assert not got & {"off-target-questions", "pushy", "negativity", "self-deprecation"}


THANK_YOU = """Subject: {subject}

Dear Dr. Farrow,

Thank you for speaking with me this afternoon about the Easton Valley family medicine residency. Hearing how your residents run the Saturday free clinic made me even more excited about the program. {extra}

Sincerely,
Rosa Delgado
AAMC ID 48213377
"""


def test_a_thank_you_subject_that_names_the_interview_is_a_tip_not_a_problem() -> None:
    about = check_draft(THANK_YOU.format(subject="Thank you for today's interview", extra=""), "thank-you", "yes")
    assert "subject-line" not in flagged(about)
    vague = check_draft(THANK_YOU.format(subject="Hello", extra=""), "thank-you", "yes")
    assert "subject-line" in flagged(vague)


def test_offering_to_send_ones_own_cv_is_not_asking_someone_to_speak_up() -> None:
    offer = THANK_YOU.format(
        subject="Thank you – Easton Valley FM interview", extra="I'm happy to send my CV directly if that helps."
    )
    assert "off-target-questions" not in flagged(check_draft(offer, "thank-you", "yes"))
    ask = THANK_YOU.format(
        subject="Thank you – Easton Valley FM interview", extra="Would you be happy to pass my CV to your PD?"
    )
    assert "off-target-questions" in flagged(check_draft(ask, "resident-message", "yes"))
