"""The contact rule cannot be talked around: reply-looking cold drafts, forwarded threads, Match
programs outside SOAP, programs never applied to, representatives, contact after accepting an
offer — and the real replies that stay clean."""

from __future__ import annotations

import pytest

from bot.core.critique import check_draft
from bot.core.critique.model import Finding

RE_COLD = """Subject: Re: SOAP application – Jordan Lee

Dear Ms. Ortiz,

I am writing to express my strong interest in Riverside Internal Medicine. I noticed that your program is on the List of Unfilled Programs, and I applied through ERAS yesterday. I would appreciate it if you could review my application.

Best regards,
Jordan Lee
AAMC ID 12345678
"""
THANKS_COLD = """Subject: SOAP applicant – Jordan Lee

Dear Dr. Ames,

Thank you for your time today. I'd love to be considered for an interview at Harbor Family Medicine; I applied in SOAP this morning and wanted to introduce myself.

Sincerely,
Jordan Lee
AAMC ID 12345678
"""
FORWARDED = """Subject: Fwd: Interview invitation – Lakeside Internal Medicine

Dear Dr. Vo,

I'm forwarding the invitation I received from Lakeside below, in case your program would also like to interview me this week.

Best,
Jordan Lee
AAMC ID 12345678
"""
NON_SOAP = """Subject: Internal medicine positions – Jordan Lee

Dear Dr. Price,

I understand that Hillside Internal Medicine is not participating in SOAP this year. Could we talk about any positions you may fill after the Match?

Best,
Jordan Lee
AAMC ID 12345678
"""
NEVER_APPLIED_REPLY = """Subject: Re: Greyfield Family Medicine – SOAP

Dear Ms. Underhill,

Thank you for reaching out! I would love the chance to interview. Would Wednesday morning work for a call?

Best,
Jordan Lee
AAMC ID 12345678
"""
ACCEPTED = """Subject: Still interested – Jordan Lee

Dear Dr. Kim,

Although I have already accepted an offer in round 1, I wanted to keep my options open and ask whether your categorical position might still be available.

Best,
Jordan Lee
"""
REAL_REPLY = """Subject: Re: Interview invitation – Riverside Internal Medicine

Dear Ms. Ortiz,

Thank you for your invitation to interview. I would be glad to take the Wednesday 2:00 p.m. ET slot you offered, and I will test the Zoom link beforehand.

Best regards,
Jordan Lee
AAMC ID 12345678
"""


def contact(
    text: str, contacted_first: str = "unknown", phase: str = "during-soap", kind: str = "coordinator-email", **kw: str
) -> str:
    result = check_draft(text, kind, contacted_first, phase, **kw)
    finding = next((f for f in result.findings if f.check == "contact-rule"), None)
    # a check that broke reports a warning too: never count it as the rule's judgement
    assert finding is None or "could not finish checking" not in finding.advice, finding.advice
    return finding.severity if finding else "pass"


def contact_finding(text: str, kind: str, contacted_first: str, phase: str = "during-soap") -> Finding:
    """The one contact-rule finding of a draft to a program the student applied to."""
    [finding] = [
        f for f in check_draft(text, kind, contacted_first, phase, applied="yes").findings if f.check == "contact-rule"
    ]
    assert "could not finish checking" not in finding.advice, finding.advice
    return finding


@pytest.mark.parametrize("draft", [RE_COLD, THANKS_COLD, FORWARDED])
def test_a_reply_look_never_clears_cold_contact(draft: str) -> None:
    assert contact(draft) in ("warning", "error")
    result = check_draft(draft, "coordinator-email", "unknown", "during-soap")
    assert "looks ready" not in result.summary.lower()
    assert "contact-rule" not in result.looks_good


def test_the_issue_draft_is_not_ready_to_send() -> None:
    result = check_draft(RE_COLD, "coordinator-email", "unknown", "during-soap")
    [finding] = [f for f in result.findings if f.check == "contact-rule"]
    assert finding.severity == "warning" and finding.evidence in RE_COLD
    assert "Re:" in finding.advice or "first contact" in finding.advice


def test_a_match_program_outside_soap_is_an_error_during_soap() -> None:
    assert contact(NON_SOAP) == "error"
    assert contact(NON_SOAP, phase="after-soap") == "pass"


@pytest.mark.parametrize("how", ["answer", "text"])
def test_a_program_never_applied_to_that_wrote_first_is_an_error(how: str) -> None:
    if how == "answer":
        result = check_draft(NEVER_APPLIED_REPLY, "coordinator-email", "yes", "during-soap", applied="no")
    else:
        text = NEVER_APPLIED_REPLY.replace(
            "Thank you for reaching out!", "Thank you for reaching out, although I haven't applied there."
        )
        result = check_draft(text, "coordinator-email", "yes", "during-soap")
    [finding] = [f for f in result.findings if f.check == "contact-rule"]
    assert finding.severity == "error"
    assert "report that contact to the NRMP" in finding.advice and "apply through ERAS first" in finding.advice


def test_contact_after_accepting_an_offer_is_an_error() -> None:
    assert contact(ACCEPTED) == "error"


def test_plainly_cold_text_with_no_answer_is_a_warning_not_an_info() -> None:
    assert contact(THANKS_COLD.replace("Thank you for your time today. ", "")) == "warning"


@pytest.mark.parametrize(
    "body",
    [
        # none of the stock phrases of first contact: the student simply puts themselves forward
        "I am a fourth-year student at Lakeview and my background in rural clinics fits Harbor's mission well.",
        "My Step 2 scores came in above the national mean, which I think makes me a strong candidate.",
        "Just hoping Harbor Family Medicine might still have a spot for an eager IMG with ICU experience.",
    ],
)
def test_not_sure_who_wrote_first_and_a_pitch_asks_the_question(body: str) -> None:
    text = f"Subject: Jordan Lee\n\nDear Dr. Ames,\n\n{body}\n\nSincerely,\nJordan Lee\nAAMC ID 12345678\n"
    result = check_draft(text, "coordinator-email", "unknown", "during-soap")
    [finding] = [f for f in result.findings if f.check == "contact-rule"]
    assert finding.severity == "warning" and finding.advice.startswith("Did this program contact you first?")
    assert finding.evidence and finding.evidence in text
    # with the program's message in view, or after SOAP, the same pitch is fine
    assert contact(text, "yes", applied="yes") == "pass" and contact(text, phase="after-soap") == "pass"


def test_logistics_alone_with_not_sure_is_a_reminder_only() -> None:
    text = (
        "Subject: Interview time\n\nDear Ms. Ortiz,\n\nTuesday at 2:00 p.m. Eastern works for me.\n\n"
        "Best regards,\nJordan Lee\nAAMC ID 12345678\n"
    )
    assert contact(text) == "info"


def test_real_replies_stay_clean() -> None:
    assert contact(REAL_REPLY) == "pass"
    assert contact(REAL_REPLY, "yes", applied="yes") == "pass"


def test_a_message_to_the_nrmp_is_not_contact_with_a_program() -> None:
    report = (
        "Subject: Report of program contact\n\nTo the NRMP,\n\nI am reporting that a program I did not apply to "
        "emailed me on Tuesday to invite me to interview. I have not replied.\n\nSincerely,\nJordan Lee\n"
    )
    assert contact(report, "yes") == "pass"


def _draft(body: str, subject: str = "Jordan Lee") -> str:
    return f"Subject: {subject}\n\nDear Dr. Ames,\n\n{body}\n\nSincerely,\nJordan Lee\nAAMC ID 12345678\n"


def test_a_yes_that_rests_on_a_regular_season_contact_is_a_warning() -> None:
    stale = _draft(
        "Thank you again for interviewing me at Harbor Family Medicine in December. I did not match on Monday, "
        "and I have applied to Harbor in SOAP. I would be glad to talk again at any time."
    )
    result = check_draft(stale, "program-director-email", "yes", "during-soap", applied="yes")
    [finding] = [f for f in result.findings if f.check == "contact-rule"]
    assert finding.severity == "warning" and "before SOAP" in finding.advice
    assert finding.evidence in stale and "December" in finding.evidence
    # a fresh message from the program in the same draft makes it a real reply
    fresh = stale.replace(
        "I would be glad", "Thank you for your email this morning inviting me to interview; I would be glad"
    )
    assert contact(fresh, "yes", applied="yes") == "pass"


def test_another_programs_openings_are_not_this_programs_invitation() -> None:
    text = _draft(
        "Thank you for arranging my interview with Harbor Internal Medicine this morning. I saw that the hospital's "
        "transitional year also has two positions open, and I have applied to it as well. "
        "Could you pass my name along to its director?"
    )
    result = check_draft(text, "coordinator-email", "yes", "during-soap", applied="yes")
    [finding] = [f for f in result.findings if f.check == "contact-rule"]
    assert finding.severity == "warning" and finding.evidence in text


def test_an_accepted_offer_binds_after_soap_too() -> None:
    text = _draft(
        "SOAP ended an hour ago and your family medicine program still lists an open position. I had accepted a "
        "transitional year offer in the last round, but family medicine is my goal. Would you consider me?"
    )
    result = check_draft(text, "program-director-email", "no", "after-soap")
    [finding] = [f for f in result.findings if f.check == "contact-rule"]
    assert finding.severity == "error" and "binding" in finding.advice
    # writing to the program whose offer one accepted is not seeking another position
    thanks = _draft("I accepted your offer in round 2 this afternoon, and I am so glad to be joining your program.")
    assert contact(thanks, "yes", phase="after-soap") == "pass"
    # telling a program one is no longer available keeps the commitment
    withdraw = _draft("I accepted a transitional year offer in the last round, so I must withdraw my application.")
    assert contact(withdraw, "no", phase="after-soap") == "pass"


def test_regular_season_networking_before_match_week_is_a_reminder_only() -> None:
    text = _draft(
        "Thank you for a wonderful away rotation in September. I have applied to your internal medicine program "
        "through ERAS this cycle and would love the chance to interview."
    )
    assert contact(text, "no", phase="before-soap") == "info"
    soap = text.replace("this cycle", "for SOAP next week")
    assert contact(soap, "no", phase="before-soap") == "warning"


@pytest.mark.parametrize(
    ("body", "contacted_first", "applied", "expected"),
    [
        # asking one's own advisor how to report a program's contact is not contact
        (
            "A coordinator from a surgery program I never applied to emailed me an interview invitation an hour "
            "ago. I have not answered. Should I report this to the NRMP myself, or does the school's office do it?",
            "yes",
            "no",
            "pass",
        ),
        # asking one's own school how a letter reaches ERAS, the programs spoken of as one's own list
        (
            "Dr. Sato in cardiology has finished my new letter. Could your office tell him how to upload it "
            "through the ERAS letter portal today? Once it is in, I will assign it to my programs.",
            "unknown",
            "yes",
            "pass",
        ),
        # a call the student placed is not the program contacting them
        (
            "Thanks for taking my call this morning. I applied to your prelim spot on Monday and I am serious about it.",
            "yes",
            "yes",
            "error",
        ),
        # a relative writing to a program acts on the student's behalf
        (
            "My niece, Dr. Ada Okafor, has applied to your pediatrics program in SOAP. I have watched her work "
            "for a year and she is careful and kind. I only ask that your team looks at her file.",
            "unknown",
            "unknown",
            "error",
        ),
    ],
)
def test_who_is_writing_to_whom(body: str, contacted_first: str, applied: str, expected: str) -> None:
    assert contact(_draft(body), contacted_first, applied=applied) == expected


@pytest.mark.parametrize(
    "text",
    [
        # typed into MyERAS itself: part of the application
        "MyERAS > Documents > Personal Statements\nTitle: PS for Elm Park FM\n\nDear Program Director,\n\nI want "
        "to train in full-spectrum family medicine because of my continuity patients. I did not match this year, "
        "and I applied too narrowly; I would be grateful for your consideration.",
        # the members of a chat, the writer among them
        "[unmatched crew chat: Priya, Sam, Leo, me]\n\nTwo programs called me today! Remember: don't email any "
        "program first, let them call us. I applied to Cedar Ridge IM on Monday and I'm dying to write to their "
        "PD, but I won't. Who wants to practise interviews tonight?",
        # a school's team writing to its own students
        "Subject: Tuesday reminders\nTo: Class of 2027 MS4s in SOAP (bcc)\n\nGood morning. Programs may call from "
        "8:00 a.m. and may begin calling and emailing you once they have your application. Do not contact any "
        "program first. Our office is open all day.\n\nThe Student Affairs Team",
        # to a resident friend elsewhere, deciding not to write to a program
        "Hey Mo, Cedar Ridge is my #1 and I am dying to email their PD to say I applied Monday, but I know the "
        "rule. I'm not going to send anything. Just needed to say it to someone. Call tonight?",
    ],
    ids=["myeras", "own-chat", "school-to-students", "decides-not-to"],
)
def test_text_in_eras_or_among_students_reaches_no_program(text: str) -> None:
    assert contact(text, "no", applied="yes") == "pass"


@pytest.mark.parametrize(
    ("text", "contacted_first"),
    [
        # a teacher "just mentioning" a student to a PD who is an old friend
        (
            _draft(
                "Congratulations on the new role. One small thing: one of our fourth-years, Lena Marsh, is in SOAP "
                "this week and applied to your program. She is among the best students I have taught."
            ),
            "unknown",
        ),
        # the student's notes for a dean who offered to phone the PD
        (
            "Subject: Notes for tomorrow\n\nDean Rao,\n\nThank you for offering to call Dr. Bell at Harbor IM in the "
            "morning. Points: my AAMC ID, my QI work, and could she look at my file today.\n\nMina",
            "no",
        ),
    ],
    ids=["teacher-mentions-student", "dean-offered-to-call"],
)
def test_contact_by_someone_else_on_the_students_behalf_is_flagged(text: str, contacted_first: str) -> None:
    assert contact(text, contacted_first, applied="yes") in ("warning", "error")


def test_a_personal_answer_to_a_note_sent_to_every_applicant_is_first_contact() -> None:
    text = _draft(
        "Thank you for your note to all of us who applied. Yours is the program I most hope to hear from, and I "
        "can send anything you need within the hour.",
        subject="Re: To everyone who applied to Fairview Pediatrics",
    ) + (
        "\n> From: Fairview Pediatrics\n> To: Undisclosed recipients\n> Dear applicants, thank you to everyone who "
        "applied through SOAP. We will contact directly those we can interview.\n"
    )
    assert contact(text, "yes", applied="yes") == "warning"


def test_a_friend_carrying_the_cv_to_a_program_that_has_not_written_is_flagged() -> None:
    text = (
        "Omar!! yes please, attaching my CV. If you can hand it to Dr. Albers tomorrow that would be amazing. "
        "Lakemont hasn't reached out to me yet so anything helps.\n\n- Sam"
    )
    result = check_draft(text, "resident-message", "yes", "during-soap", applied="yes")
    assert next(f for f in result.findings if f.check == "contact-rule").severity in ("warning", "error")


def test_a_texted_reply_to_a_chief_resident_stays_clean() -> None:
    text = (
        "hi dr. ames, thanks so much for texting! yes 4:30 works for the call with you and the PD. and yes im still "
        "interested, it was one of the first programs i applied to on monday. see u then!\n\n- sam"
    )
    result = check_draft(text, "resident-message", "yes", "during-soap", applied="yes")
    assert all(f.check != "contact-rule" for f in result.findings)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an offer already accepted this morning binds during SOAP too, however it is worded
        (
            "I got an offer from another program in the first round and I accepted it. Your program is still my "
            "first choice; is there any way you could offer me a position in a later round?",
            "error",
        ),
        # the program that interviewed the student is asked to write to another program for them
        (
            "Thank you for the interview this morning. You know Dr. Lind at Northgate, which has not contacted me. "
            "Could you send her a quick note that I would be a good fit?",
            "warning",
        ),
        # taking a prelim elsewhere, then asking the resident whether the categorical spot is still open
        (
            "thanks again for chatting after yesterday's interview. honestly I took the Brookvale prelim this "
            "morning in a panic, but if your categorical spot is still open in round 3 could you ask your PD to "
            "keep me in mind?",
            "error",
        ),
        # the program that set up the interview is asked to pass the CV to its sister program
        (
            "Thank you for your email; Thursday at 9 a.m. works for the interview. Would you be so kind as to "
            "forward my CV to the transitional year coordinator as well? I applied there too.",
            "warning",
        ),
        # a thank-you to the program whose offer was accepted asks for nothing
        (
            "I accepted Harbor's preliminary surgery offer an hour ago, and I wanted to thank you for the interview "
            "on Tuesday. I look forward to meeting the interns in July.",
            "pass",
        ),
    ],
)
def test_a_yes_does_not_cover_shopping_around_or_contact_by_proxy(body: str, expected: str) -> None:
    assert contact(_draft(body), "yes", applied="yes") == expected


RECEIPT = _draft(
    "Thank you for your email confirming that my SOAP application was received. Since you reached out, I "
    "wanted to introduce myself and tell you why your program is my top choice.\n\n"
    "> Your application has been received. This is an automated message; please do not reply.",
    subject="Re: Application received",
)
OUT_OF_OFFICE = _draft(
    "Thanks for getting back to me. I see that the team is reviewing SOAP files this week. I just wanted to "
    "add that I have four years of emergency experience in Lagos and I am available to start in June.",
    subject="Re: Out of Office: SOAP applicant – Ada Okafor",
)


@pytest.mark.parametrize(
    ("text", "said", "reply_words"),
    [
        (RECEIPT, "automatic", "Since you reached out,"),
        # an out-of-office reply to the student's own email: the student wrote first
        (OUT_OF_OFFICE, "out-of-office", "Thanks for getting back to me."),
    ],
)
def test_an_automatic_message_is_not_the_program_making_contact(text: str, said: str, reply_words: str) -> None:
    finding = contact_finding(text, "coordinator-email", "yes")
    assert finding.severity == "warning" and said in finding.advice and finding.evidence in text
    # beside a real invitation in the same thread, it is a reply
    invited = text.replace(reply_words, "Thank you also for the interview invitation for Tuesday.")
    assert contact(invited, "yes", applied="yes") == "pass"


@pytest.mark.parametrize(
    "text",
    [
        # accepting a resident's offer to speak to the PD: the form's "yes" is about the resident
        "hi Maya! thanks for offering. yes please, tell your PD I applied to the FM program on tuesday and that "
        "I'm really interested. no pressure!\n\nSam",
        "hey! if you could pull my application to the top of the pile for Dr. Ruiz that would mean a lot.\n\nSam",
    ],
)
def test_asking_a_resident_to_speak_to_the_pd_is_flagged(text: str) -> None:
    for contacted_first in ("yes", "unknown"):
        result = check_draft(text, "resident-message", contacted_first, "during-soap", applied="yes")
        [finding] = [f for f in result.findings if f.check == "contact-rule"]
        assert finding.severity in ("warning", "error") and finding.evidence in text


def test_an_applicant_introducing_themselves_with_not_sure_is_a_warning() -> None:
    note = _draft(
        "Congratulations on the new residency clinic opening this week. I am a family medicine applicant in "
        "SOAP, and Ridgeview is one of my programs."
    )
    assert contact(note) == "warning"
    # the same introduction inside a reply to an invitation is fine
    reply = _draft(
        "Thank you for the invitation to interview on Wednesday. I am a family medicine applicant "
        "from Ohio, and 10 a.m. works well."
    )
    assert contact(reply) == "pass"


def test_news_sent_to_a_second_program_after_another_ones_interview_is_a_warning() -> None:
    update = _draft(
        "A faculty member at another hospital who interviewed me today suggested I share my new Step 3 result, "
        "so I wanted to let Ridgeview Family Medicine know as well: I passed.",
        subject="Score update for my SOAP application",
    )
    assert contact(update, "yes", applied="yes") == "warning"


def test_asking_ones_own_advisor_whether_to_write_to_programs_is_not_contact() -> None:
    note = (
        "Subject: Quick question before I do anything\n\nDear Prof. Okafor,\n\nThank you for all your help with my "
        "application this year. My cousin says I should email the programs directly to show interest. Is that "
        "allowed during SOAP? I will not send anything to programs until I hear from you.\n\nBest,\nAda Nwosu"
    )
    assert contact(note) == "pass"
    # ... while saying one may now write to programs directly, to a program, is still contact
    cold = _draft(
        "I accepted a preliminary position this morning, so I understand I can now write to programs directly. "
        "Could we set up a short call about your advanced position?"
    )
    assert contact(cold, "no") == "error"


def test_a_draft_that_says_the_offer_rounds_are_ahead_is_judged_as_during_soap() -> None:
    late = _draft(
        "I know the offers are starting tomorrow morning, so I am writing tonight in the hope that you can still "
        "consider me for an interview before Round 1. I applied to Millbrook Pediatrics on Monday."
    )
    result = check_draft(late, "program-director-email", "no", "after-soap", applied="yes")
    [finding] = [f for f in result.findings if f.check == "contact-rule"]
    assert finding.severity == "warning" and "still running" in finding.advice and finding.evidence in late
    # a note after SOAP that only looks back on the rounds is what "after SOAP" means
    after = _draft(
        "SOAP has ended and I understand Millbrook still has a pediatrics position. I applied before Round 1 and "
        "would welcome the chance to talk."
    )
    assert contact(after, "no", "after-soap", applied="yes") == "pass"


def test_a_question_sent_before_using_an_application_is_contact_with_a_program_never_applied_to() -> None:
    visa = _draft(
        "I see your Internal Medicine program still has open positions. Before I am using one of my 45 "
        "applications, I want to kindly know if you sponsor H-1B or only J-1 visa."
    )
    assert contact(visa) == "error"


def test_a_placement_advisor_writing_for_a_client_is_a_representative() -> None:
    consultant = _draft(
        "I am a residency placement advisor writing on behalf of my client Dr. Yerlan Bekov, who submitted his "
        "SOAP application to your program on Monday. Please contact me directly to arrange an interview."
    )
    assert contact(consultant, applied="yes") == "error"


@pytest.mark.parametrize(
    ("body", "contacted_first", "expected"),
    [
        # accepting another program's offer, then asking for one, even after this program's call
        (
            "Thanks so much for setting up my call with Dr. Brandt yesterday. I got an offer from another family "
            "medicine program in Round 2 and accepted it this afternoon, but please don't drop my application: I'd "
            "still love an offer in Round 4.",
            "yes",
            "error",
        ),
        # thanks for a telephone call shows the program wrote first
        (
            "Thank you for your telephone call an hour ago. Yes, I am the applicant who applied to your program "
            "through ERAS on Monday, and Wednesday at 9:00 a.m. suits me well.",
            "unknown",
            "pass",
        ),
        # saying one should wait for the programs, and writing anyway, is first contact
        (
            "I realise applicants are meant to wait for the programs to reach out first during SOAP, but I hope one "
            "honest note from me is acceptable. Pediatrics is all I have wanted since my sister's illness.",
            "unknown",
            "error",
        ),
    ],
)
def test_what_the_text_says_outranks_the_form(body: str, contacted_first: str, expected: str) -> None:
    assert contact(_draft(body), contacted_first, applied="yes") == expected


def test_a_note_to_a_resident_after_the_programs_interview_is_a_reply() -> None:
    note = (
        "Hi Dr. Sorensen,\n\nMy name is Greg Thibault, a fourth-year at Gulf School of Medicine. I had my SOAP "
        "interview with your program this morning and was given your name as a resident I could write to. How "
        "do interns split overnight call?\n\nThanks,\nGreg Thibault"
    )
    result = check_draft(note, "resident-message", "yes", "during-soap", applied="yes")
    assert "contact-rule" not in result.flagged
    # an interview with another program opens no door to this one
    other = note.replace("with your program", "with Ridgeline's program")
    other = other.replace("was given your name as a resident I could write to", "I wanted to introduce myself")
    assert "contact-rule" in check_draft(other, "resident-message", "yes", "during-soap", applied="yes").flagged


def test_a_downloaded_application_is_not_the_program_making_contact() -> None:
    text = _draft(
        "I noticed on MyERAS that your program viewed my application this morning, so I thought it was the right "
        "moment to introduce myself and say how much I would value an interview."
    )
    for contacted_first in ("yes", "unknown"):
        finding = contact_finding(text, "program-director-email", contacted_first)
        assert finding.severity in ("warning", "error") and "downloading" in finding.advice


def test_a_draft_that_plainly_says_soap_has_ended_outranks_a_during_soap_form() -> None:
    after = _draft(
        "SOAP ended last night without an offer for me, and I see that your internal medicine program still "
        "lists an unfilled position. I would be grateful to be considered."
    )
    finding = contact_finding(after, "program-director-email", "no")
    assert finding.severity == "info" and "SOAP has ended" in finding.advice
    # SOAP's end as a plan is not a fact: still first contact during SOAP
    planned = after.replace(
        "SOAP ended last night without an offer for me, and I", "I will write again once SOAP is over, but I"
    )
    assert contact(planned, "no", applied="yes") in ("warning", "error")
    # ... and after SOAP the commitment to an accepted offer still binds
    accepted = after.replace("without an offer for me", "after I accepted an offer in Round 2")
    assert contact(accepted, "no", applied="yes") in ("warning", "error")


#: The text places the draft in time and says who wrote first.
TIME_AND_WHO_WROTE_FIRST: list[tuple[str, str, str, str]] = [
    # "after SOAP" chosen, but the offer rounds are still ahead by the draft's own words
    (
        "Round 3 opens at noon today and your prelim still has a spot. I would love to be considered; "
        "I am free all morning.",
        "no",
        "after-soap",
        "warning",
    ),
    (
        "It is Tuesday morning of Match Week and I wanted to be sure my application reached you before "
        "the offer rounds begin.",
        "no",
        "after-soap",
        "warning",
    ),
    # a thank-you that shows the student placed the call is first contact, whatever else it says
    (
        "Thanks for your patience on the phone. As you suggested when I called this morning, I have "
        "re-uploaded my personal statement so it is assigned to your program.",
        "unknown",
        "during-soap",
        "error",
    ),
    # not sure who wrote first, and the student offers themselves unasked
    (
        "Your rural track is why I chose your program first in ERAS. I would be honored to train with "
        "your residents, and I am available at any time this week if you would like to talk.",
        "unknown",
        "during-soap",
        "warning",
    ),
    # "during SOAP" chosen, but the draft is regular-season networking ahead of a January interview
    (
        "I have an interview with Lakeshore on January 9 and would love to hear how interns find the "
        "ICU months. Would a short call next week suit you?",
        "no",
        "during-soap",
        "info",
    ),
]


AUTOMATED_NOTICE_REPLY = """Subject: Re: Application Received – Brookfield Family Medicine

Dear Coordinator,

Thank you for your email. I am glad my application reached your program, and I can interview at any time on Tuesday or Wednesday; please let me know which time suits Dr. Kaur.

Best regards,
Jordan Lee
AAMC ID 12345678

-----Original Message-----
From: noreply@brookfieldhealth.org
Subject: Application Received – Brookfield Family Medicine

This is an automated message. Your SOAP application has been received. Please do not reply to this email.
"""


def test_a_reply_to_an_automated_receipt_pasted_below_is_not_a_reply_to_the_program() -> None:
    for contacted_first in ("yes", "unknown"):
        finding = contact_finding(AUTOMATED_NOTICE_REPLY, "coordinator-email", contacted_first)
        assert finding.severity in ("warning", "error")
        assert finding.evidence in AUTOMATED_NOTICE_REPLY
    # a scheduling system's invitation is the program making contact, automated or not
    invited = AUTOMATED_NOTICE_REPLY.replace(
        "Your SOAP application has been received.", "You have been invited to interview with Brookfield."
    )
    assert contact(invited, "yes", applied="yes") == "pass"


def test_booking_a_call_for_after_soap_with_a_program_outside_soap_is_contact_now() -> None:
    text = _draft(
        "I know Westbrook did not enter SOAP this year, so I will not apply this week. Could Dr. Ames set aside "
        "a short call for Friday, after SOAP has ended, in case a position is still open?"
    )
    assert contact(text, "no", applied="no") == "error"
    assert contact(text, "unknown", applied="yes") == "error"


def test_asking_the_program_that_interviewed_you_to_speak_to_another_program_is_on_your_behalf() -> None:
    text = _draft(
        "Thank you for the interview this morning. I also applied to your hospital's med-peds program, which "
        "has not contacted me; would you kindly put in a good word for me with their program director?"
    )
    assert contact(text, "yes", applied="yes") in ("warning", "error")
    assert (
        contact(
            text.replace(
                " would you kindly put in a good word for me with their program director?",
                " I look forward to hearing from you.",
            ),
            "yes",
            applied="yes",
        )
        == "pass"
    )


@pytest.mark.parametrize(
    ("text", "contacted_first", "applied", "expected"),
    [
        # another program's director puts the student "on your radar": a representative
        (
            "Subject: A transitional year applicant we know well\n\nDear Dr. Ames,\n\nI'm the program director of "
            "neurology at Lakeview University. Dr. Sam Ortiz will join us as a PGY-2 and she has applied to your "
            "transitional year in SOAP. I'd like to put her on your radar: she was outstanding on our wards.\n\n"
            "Best,\nMaria Chen, MD\nProgram Director, Neurology Residency\n",
            "unknown",
            "yes",
            "error",
        ),
        # a parent checks on the application; the role shows only in the signature
        (
            "Subject: Checking on an application\n\nHello Ms. Rourke,\n\nI'm writing to check that Anna Kim's "
            "application to your pediatrics program arrived complete. She would be grateful to know whether "
            "interviews are being scheduled for Wednesday.\n\nKind regards,\nDavid Kim\n(Anna's father)\n",
            "unknown",
            "yes",
            "error",
        ),
        # a statement sent to one's own advisor before it goes into ERAS is not contact
        (
            "Subject: My SOAP personal statement\n\nHi Dr. Ames,\n\nAttached is my revised personal statement for "
            "SOAP, with the clinic paragraph you suggested. Could you read it tonight so I can upload it to MyERAS "
            "before the morning?\n\nThank you,\nJordan\n",
            "no",
            "no",
            "pass",
        ),
    ],
    ids=["another-programs-director", "parent", "own-advisor"],
)
def test_who_writes_and_to_whom_decides_whether_it_is_contact(
    text: str, contacted_first: str, applied: str, expected: str
) -> None:
    assert contact(text, contacted_first, applied=applied) == expected


def test_a_letter_about_someone_elses_application_is_written_on_their_behalf() -> None:
    # the writer's role shows only in the signature; the body speaks of her application, never "my"
    text = (
        "Subject: Priya Nair – SOAP\n\nDear Dr. Ames,\n\nPriya Nair is unmatched this year, and she has applied "
        "to your family medicine program. Her application shows the clinic work she led for two years. Please "
        "consider her for an interview.\n\nWarm regards,\nHelen Burke\nAssistant Dean, Student Affairs\n"
    )
    assert contact(text, "unknown", applied="yes") == "error"
    # a student's own reply that mentions a classmate's application speaks for the student alone
    own = (
        "Subject: Re: Interview invitation\n\nDear Dr. Ames,\n\nThank you for the interview invitation. My "
        "classmate Dana mentioned she has applied to your program too. I am glad to confirm Tuesday at 2 p.m., "
        "and my application has my current phone number.\n\nBest,\nPriya Nair\nAAMC ID 12345678\n"
    )
    assert contact(own, "yes", applied="yes") == "pass"


OWN_THREAD = """Subject: Re: SOAP applicant – Jordan Lee

Dear Dr. Ames,

Just following up on my note below in case it got buried on Tuesday. I remain very interested and would value a short call before the offer rounds.

Best,
Jordan Lee
AAMC ID 12345678

-----Original Message-----
From: Jordan Lee
Sent: Tuesday 9:02 AM
Subject: SOAP applicant – Jordan Lee
Dear Dr. Ames, I applied to your program this morning and wanted to introduce myself...
"""


def test_replying_to_ones_own_unanswered_message_is_starting_contact_again() -> None:
    for contacted_first in ("yes", "unknown"):
        finding = contact_finding(OWN_THREAD, "program-director-email", contacted_first)
        assert finding.severity == "warning" and "your own first message" in finding.advice
    # the same reply, under the program's own invitation, is a reply
    invited = OWN_THREAD.replace(
        "I applied to your program this morning and wanted to introduce myself...",
        "I have reviewed your application and would like to interview you on Wednesday.",
    ).replace("From: Jordan Lee", "From: Dr. Ames")
    assert contact(invited, "unknown", applied="yes") == "pass"


def test_a_mass_notice_pasted_below_does_not_make_an_ask_a_reply() -> None:
    text = _draft(
        "Thank you for the invitation to the information session on Wednesday. Since it will be large, could I "
        "have ten minutes of Dr. Ames's time on my own to introduce myself?"
    ) + (
        "\n----- original message -----\nTo: undisclosed-recipients\nSubject: Information session\n"
        "All applicants to our program may join a virtual session on Wednesday at noon. Please do not reply.\n"
    )
    assert contact(text, "yes", applied="yes") == "warning"


def test_before_soap_a_yes_from_the_regular_season_does_not_clear_a_soap_pitch() -> None:
    text = _draft(
        "Thank you once more for the interview day in January. If I end up in SOAP this morning, please keep me "
        "in mind for any positions; I would welcome a call this week."
    )
    assert contact(text, "yes", "before-soap", applied="yes") == "warning"
    # a note to a friend on Monday morning that asks for nothing from a program is a reminder only
    friend = (
        "hey Sam, it's 8 on Monday and I can't sit still. I'm not asking you to say anything to anyone at your "
        "program, I know SOAP rules cover friends too. Can I call you at lunch?\n\n— Jo"
    )
    result = check_draft(friend, "resident-message", "no", "before-soap", applied="unknown")
    assert "contact-rule" not in result.flagged


@pytest.mark.parametrize(
    "ask",
    [
        "can u walk my name over to dr halvorsen before they go through apps?",
        "Could you mention me to Dr. Halvorsen, and say you can vouch for me?",
    ],
)
def test_asking_a_friend_at_the_program_to_carry_your_name_is_contact_on_your_behalf(ask: str) -> None:
    text = f"hey marcus, didnt match lol. applying to your TY when eras opens. {ask} ill owe u\n\n- dev"
    result = check_draft(text, "resident-message", "no", "during-soap", applied="yes")
    assert "contact-rule" in result.flagged


@pytest.mark.parametrize(
    "body",
    [
        "Following up on my interview yesterday with your internal medicine colleagues. I also applied to your "
        "transitional year program, and I would be grateful to be considered there too.",
        # the program that wrote is the hospital's pediatrics program; the student writes to its TY
        "Dr. Amsel interviewed me this morning for Lakeview's pediatrics program. I have also applied to your "
        "transitional year program, and after hearing about the shared rotations I am writing to you directly.",
        "After my interview with the surgery prelim team today, I applied to your program on Tuesday as well, so "
        "I wanted to write to you too.",
        "I interviewed with the hospital's internal medicine program this afternoon and wanted to reach out to "
        "the family medicine side as well.",
    ],
    ids=["considered-there-too", "writing-directly", "as-well", "the-other-side"],
)
def test_writing_to_another_program_at_the_hospital_that_interviewed_you_is_first_contact(body: str) -> None:
    # "yes" is true of the program that interviewed the student, not of the one written to
    assert contact(_draft(body), "yes", applied="yes") == "warning"


def test_asking_the_director_who_interviewed_you_to_mention_you_to_another_program_is_on_your_behalf() -> None:
    text = _draft(
        "Thank you for this morning's interview. I also applied to the hospital's family medicine program, but I "
        "haven't heard from them; would you mind mentioning my name to its director when you see her?"
    )
    assert contact(text, "yes", applied="yes") == "warning"


def test_an_open_house_for_every_applicant_does_not_open_the_door_to_ask_for_an_interview() -> None:
    asks = _draft(
        "Thank you for hosting today's virtual open house. I'd be very grateful for an interview slot if any "
        "remain this week."
    )
    finding = contact_finding(asks, "thank-you", "yes")
    assert finding.severity == "warning" and "open house" in finding.advice
    # thanking the program for the event, asking for nothing, is not first contact
    thanks = _draft("Thank you for hosting today's virtual open house; the residents' panel was very helpful.")
    assert contact(thanks, "yes", applied="yes") == "pass"


def test_a_no_on_the_form_under_a_plain_reply_to_the_programs_call_is_a_note() -> None:
    reply = _draft(
        "Thank you for calling me this morning about an interview. As you asked, I have re-uploaded my transcript "
        "to ERAS, and Wednesday at 10 a.m. works for me."
    )
    finding = contact_finding(reply, "coordinator-email", "no")
    assert finding.severity == "info" and "the answer to that question is yes" in finding.advice
    # the same "no" under a draft that also puts the student forward to another program stays an error
    cold = reply.replace("works for me.", "works for me. I also introduce myself to your sister program below.")
    cold = cold.replace("Thank you for calling me", "I am writing to introduce myself, though nobody called me")
    assert contact(cold, "no", applied="yes") == "error"


#: More ways the text shows who wrote first and when.
MORE_WAYS_THE_TEXT_SHOWS_IT: list[tuple[str, str, str, str]] = [
    # marked "after SOAP", written while an offer round is open
    (
        "I'm writing while Round 3 is open. If positions are left for Round 4, I remain very interested.",
        "no",
        "after-soap",
        "warning",
    ),
    # answering a regular-season rejection during SOAP, with the new application announced
    (
        "You wrote to me on December 9 that you could not interview me. I'm now in SOAP and I've submitted my "
        "application through ERAS, so I hoped I could answer your note with an update.",
        "yes",
        "during-soap",
        "warning",
    ),
    # asking the program that wrote to pass word to another program
    (
        "Thank you for the interview invitation. If you see the FM coordinator, would you mind mentioning that "
        "my partner applied there too?",
        "yes",
        "during-soap",
        "warning",
    ),
    # an open house months ago, then a call offered this week
    (
        "Back in October you invited me to your virtual open house. Because you had reached out, I wanted "
        "to say your program is one of my SOAP applications; I'm free any time Tuesday for a brief call.",
        "yes",
        "during-soap",
        "warning",
    ),
    # a greeting to a whole list, then a favour asked of the program's GME office
    (
        "Your Match Week email to our visiting-student list arrived this morning, and you mentioned the ICU "
        "team. I'm in SOAP and your TY is one of my applications; I'd be honored if you mentioned my rotation "
        "evaluation to her.",
        "yes",
        "during-soap",
        "warning",
    ),
    # written at 7:40 on Monday, to be sent at 10:05
    (
        "By the time this reaches you the List of Unfilled Programs should be out. I'd be grateful for a "
        "chance to interview on Tuesday.",
        "no",
        "before-soap",
        "warning",
    ),
    # written on Monday to go out once SOAP has ended
    (
        "Now that SOAP has concluded, I'm writing to ask whether a PGY-1 position remains. I applied through "
        "SOAP this week and remain very interested.",
        "no",
        "before-soap",
        "info",
    ),
]


@pytest.mark.parametrize(
    "text",
    [
        # a clerkship director on Monday morning, for "one of our seniors"
        "Subject: Heads-up for this week\n\nDear Colleen,\n\nIf things go the way I fear for one of our seniors, "
        "Sam Ortiz will be in SOAP by ten. If he turns up in your applicant pool, I'd take it as a kindness if "
        "you'd give him a call.\n\nWarmly,\nMaria Chen, MD\nClerkship Director, Family Medicine\n",
        # a parent the night before, about a son's interview
        "Subject: A request\n\nDear Dr. Penn,\n\nMy son, Sam Ortiz, interviewed with your program in January. If "
        "he is in SOAP tomorrow, please keep him in mind when you review SOAP applications.\n\nRespectfully,\n"
        "Ana Ortiz\n",
    ],
)
def test_someone_writing_for_a_student_just_before_soap_is_a_representative(text: str) -> None:
    assert contact(text, "no", "before-soap", applied="unknown") == "warning"


#: The text shows who started the conversation.
WHO_STARTED_THE_CONVERSATION: list[tuple[str, str, str, str]] = [
    # marked "after SOAP", written as the last round opens on Thursday
    (
        "It's Thursday evening and the final round has just opened, so I think I may write to programs now. "
        "If a prelim position is still open tonight, I would welcome a call.",
        "no",
        "after-soap",
        "warning",
    ),
    # the student says they wrote first; the program's answer does not change who started
    (
        "Thank you for your quick answer. I know I emailed you first, before your team had contacted anyone, "
        "and I'm grateful you read it. I remain very interested in an interview.",
        "yes",
        "during-soap",
        "error",
    ),
    # the "yes" is a connection request the student sent
    (
        "Thanks so much for approving my LinkedIn connection request yesterday. Your program is on my SOAP "
        "list and I'd love to hear what makes a prelim intern thrive there.",
        "yes",
        "during-soap",
        "error",
    ),
    # the program's invitation went to a classmate, not to this student
    (
        "My roommate received the interview email from your office this morning; mine probably hasn't "
        "arrived yet, so I wanted to ask whether a Wednesday slot is open for me too.",
        "yes",
        "during-soap",
        "error",
    ),
    # a public post for every applicant, then an ask
    (
        "Thank you for your program's Instagram post about joining SOAP. I applied on Monday, and I wanted to "
        "say how much the opportunity to interview would mean to me.",
        "yes",
        "during-soap",
        "warning",
    ),
    # someone already spoke to the program for the student
    (
        "My research mentor told me that she had called you yesterday about my application, and I wanted to "
        "thank you for listening to her.",
        "unknown",
        "during-soap",
        "error",
    ),
]


def test_a_parent_who_signs_as_parent_writes_on_the_applicants_behalf() -> None:
    text = (
        "Subject: Application question\n\nGood afternoon,\n\nCould you let us know whether Lena Park's SOAP "
        "application reached your program? The upload was slow and we are worried it did not go through. Lena "
        "can be reached at the number below.\n\nKind regards,\nJae-won Park\n(father of Lena Park)\n"
    )
    assert contact(text, "unknown", "during-soap", applied="yes") == "error"


@pytest.mark.parametrize(
    "ask",
    [
        "Would you mind putting my CV on your PD's desk before the committee meets?",
        "Could you just say my name when they go through the list tonight?",
        "Would you be willing to tell Dr. Ruiz that you know me from our clerkship?",
    ],
)
def test_asking_a_resident_friend_to_carry_the_student_to_the_pd_is_contact_on_their_behalf(ask: str) -> None:
    text = f"Hey Sam,\n\nThanks for checking in on me last night, it meant a lot. I applied to your program on Monday. {ask}\n\nMaya\n"
    result = check_draft(text, "resident-message", "unknown", "during-soap", applied="yes")
    [finding] = [f for f in result.findings if f.check == "contact-rule"]
    assert finding.severity in ("warning", "error") and finding.evidence in text


THREAD = """Subject: Re: Thank you for visiting Larkspur Family Medicine

Dear Ms. Ortiz,

I'm following up on your note below. I applied to Larkspur in SOAP yesterday and remain very interested in an interview this week.

Best regards,
Jordan Lee
AAMC ID 12345678

> On {date} at 3:12 PM, Larkspur FM Residency <fmres@larkspur.example> wrote:
> Dear Jordan, thank you for spending the day with us. We would like to invite you to a short video interview; please reply with times that suit you.
"""


def test_a_quoted_message_dated_in_the_interview_season_is_not_contact_during_soap() -> None:
    # the same note, sent in January (interview season) and on Tuesday of Match Week
    assert contact(THREAD.format(date="Wed, Jan 14, 2026"), "yes", applied="yes") == "warning"
    assert contact(THREAD.format(date="Tue, Mar 17, 2026"), "yes", applied="yes") == "pass"


#: The clock and the quoted thread say what the form does not.
THE_CLOCK_AND_THE_THREAD: list[tuple[str, str, str, str]] = [
    # marked "after SOAP", sent before 9 p.m. ET on Thursday
    (
        "It is Thursday, 7:45 p.m. Eastern, and the offer rounds are finished, so I hope I may write. I would "
        "be grateful to be considered for your open prelim position.",
        "no",
        "after-soap",
        "warning",
    ),
    (
        "The final round closed ten minutes ago and your program still lists a position. I would be glad to "
        "be considered tonight.",
        "no",
        "after-soap",
        "warning",
    ),
    # marked "during SOAP", but written after it ended
    (
        "SOAP has now officially ended, so I am writing to ask whether your remaining position is still open. "
        "I applied during SOAP and remain very interested.",
        "no",
        "during-soap",
        "info",
    ),
    # the invitation went to someone else
    (
        "Thank you for the interview invitation you sent my classmate this morning. I applied too and would "
        "gladly take any open slot.",
        "yes",
        "during-soap",
        "error",
    ),
    # the student walked up first
    (
        "Thank you for your time at the career fair on Monday; I know coming up and introducing myself as a "
        "SOAP applicant was forward. I applied that evening and would love to talk again.",
        "yes",
        "during-soap",
        "error",
    ),
    # withdrawing after accepting elsewhere keeps the commitment
    (
        "Thank you for Tuesday's interview. I accepted an offer in round 1 this morning, so please take me "
        "out of consideration for your remaining positions.",
        "yes",
        "during-soap",
        "pass",
    ),
]


def test_a_note_to_every_interviewee_quoted_below_is_not_the_program_making_contact() -> None:
    text = (
        "Subject: Re: Good luck on Monday\n\nDear Ms. Lund,\n\nThank you for your kind note. I did not match, and I "
        "applied to your two open positions this morning; I would be glad to interview.\n\nSincerely,\nJordan Lee\n"
        "AAMC ID 12345678\n\n> On Fri, Mar 13, 2026, 2:10 PM, FM Residency wrote:\n> To all of our interviewees: "
        "whatever Monday brings, we are rooting for you.\n"
    )
    assert contact(text, "yes", applied="yes") == "warning"


#: What was passed on or promised is judged by who started it.
PASSED_ON_OR_PROMISED: list[tuple[str, str, str, str]] = [
    # a friend passed the program's invitation on
    (
        "A friend from my sub-I forwarded me your invitation this morning, since we both applied. If a "
        "Thursday slot is open, I would be glad to take it.",
        "yes",
        "during-soap",
        "error",
    ),
    # bound by an accepted offer, asking to be listed in a later round
    (
        "Thank you for Tuesday's interview. I accepted an offer in round 1, but if you could list me for "
        "round 3 I would take yours instead.",
        "yes",
        "during-soap",
        "error",
    ),
    # asking the program that wrote to pass a note to its sister program
    (
        "Thank you for setting up my interview. Could you forward my note below to your psychiatry "
        "coordinator? I applied there too.",
        "yes",
        "during-soap",
        "warning",
    ),
]


#: What is not a message, what is not the program's contact, and clocks in other time zones.
NOT_A_MESSAGE_OR_NOT_THE_PROGRAM: list[tuple[str, str, str, str]] = [
    # 6:15 p.m. Pacific on the Thursday is 9:15 p.m. Eastern: SOAP is over
    (
        "It's 6:15 p.m. Pacific here on Thursday, so SOAP has ended. I would love to talk about your open position.",
        "no",
        "after-soap",
        "pass",
    ),
    # 5:20 p.m. Pacific is 8:20 p.m. Eastern: SOAP is still running, whatever the draft believes
    (
        "I'm writing at 5:20 p.m. Pacific on Thursday; the last round is done, so I believe SOAP has ended. I "
        "would love to talk about your open position.",
        "no",
        "after-soap",
        "warning",
    ),
    # Hawaii and Alaska keep other clocks: 2:30 p.m. in Honolulu is 8:30 p.m. Eastern in March (still SOAP),
    # 5:30 p.m. in Anchorage is 9:30 p.m. Eastern (over)
    (
        "It's 2:30 p.m. Hawaii time on Thursday and the rounds are finished, so SOAP has ended. I would love to "
        "talk about your open position.",
        "no",
        "after-soap",
        "warning",
    ),
    (
        "It's 5:30 p.m. Alaska time here on Thursday, so SOAP has ended. I would love to talk about your open "
        "position.",
        "no",
        "after-soap",
        "pass",
    ),
    # "before tonight's round": the rounds are not over
    (
        "With the second round behind us, I wanted to ask whether I could speak with Dr. Ames before tonight's "
        "round about your open position.",
        "no",
        "after-soap",
        "warning",
    ),
    # "before SOAP" chosen, written on Monday afternoon after ERAS reopened
    (
        "I sent my application to Harbor Family Medicine shortly after MyERAS opened this afternoon and hoped a "
        "short introduction might help before your team starts reviewing.",
        "no",
        "before-soap",
        "warning",
    ),
    # an invitation meant for someone else is not the program contacting this student ...
    (
        "I think your interview invitation reached me by mistake; the AAMC ID in it is not mine. Since I also "
        "applied on Monday, I would be grateful to be considered for an interview slot.",
        "yes",
        "during-soap",
        "error",
    ),
    # ... and saying so, asking nothing, is fine
    (
        "I think your interview invitation reached me by mistake; the AAMC ID in it is not mine, so you may want "
        "to check who it was meant for.",
        "yes",
        "during-soap",
        "pass",
    ),
    # returning the program's call
    (
        "I'm sorry I missed your call this morning. Returning your voicemail: Wednesday at 10 a.m. ET works for "
        "the interview.",
        "unknown",
        "during-soap",
        "pass",
    ),
    # bound by an accepted offer: asking for an offer anyway, or stepping aside
    (
        "Thank you for Tuesday's interview. I accepted a prelim offer in round 1, but if I'm still on your "
        "list, is there any way you could extend an offer in round 3?",
        "yes",
        "during-soap",
        "error",
    ),
    (
        "Thank you for Tuesday's interview. I accepted an offer in round 2 this afternoon, so please feel free to "
        "take me off your list.",
        "yes",
        "during-soap",
        "pass",
    ),
    (
        "Now that SOAP is over, thank you for Wednesday's interview. I accepted an offer in round 3 elsewhere, so "
        "I won't be joining you, but the day meant a great deal to me.",
        "yes",
        "after-soap",
        "pass",
    ),
    (
        "Now that SOAP is over, thank you for teaching me on the wards last year. I accepted a SOAP position in "
        "internal medicine elsewhere, and I start in July.",
        "no",
        "after-soap",
        "pass",
    ),
    # someone at the program passed on a resident's address: the program started it
    (
        "Dr. Ames gave me your email at the end of my interview today and said you would answer applicants' "
        "questions. What does a hard night on call look like for interns?",
        "no",
        "during-soap",
        "info",
    ),
    # a spouse writing, however gently
    (
        "I am writing as his wife, not in any official role. My husband put in an application to your program "
        "this week, and I would be grateful if someone took a careful look at it.",
        "unknown",
        "during-soap",
        "error",
    ),
    # a portal's status change is not the program contacting the student
    (
        "My application status changed to 'Reviewed' in your portal this morning, so I wanted to follow up and "
        "say I can interview at any time today.",
        "yes",
        "during-soap",
        "warning",
    ),
    # Monday after 10 a.m., whatever was ticked
    (
        "I found out I did not match twenty minutes ago and wanted to write before the rush: your program will be "
        "the first I apply to when ERAS opens.",
        "no",
        "before-soap",
        "warning",
    ),
    # an outdated end of SOAP: the rule runs to 9 p.m. ET on Thursday
    (
        "My school's guide says the restrictions lift at noon on Thursday, so I hope it is all right to ask "
        "whether your open position is still available.",
        "no",
        "after-soap",
        "warning",
    ),
    # putting oneself forward with "not sure" on the form
    (
        "I'm one of the SOAP applicants this week and your program is near the top of my list. Is the NICU block "
        "as intense as it sounds?",
        "unknown",
        "during-soap",
        "warning",
    ),
]


@pytest.mark.parametrize(
    "text",
    [
        "[Personal statement for Harbor Family Medicine, to be assigned in MyERAS]\n\nDear Program Director,\n\n"
        "Continuity of care is why I chose family medicine, and why I am applying to Harbor in SOAP.\n\nJordan Lee\n",
        "Notes to self, do not send\n\n- If Harbor calls: thank Dr. Ames, ask about the rural track.\n- Don't email "
        "them first.\n",
        "[Our SOAP support chat: classmates in SOAP plus Dr. Ng from advising]\n\nHarbor FM hasn't called yet and I "
        "keep drafting an email to their coordinator. I won't send it. Is silence on Tuesday normal?\n",
        "Unmatched buddies (group chat, 6 people, all MS4s)\n\nHarbor FM hasn't called. Is silence on Tuesday normal, "
        "or should I worry?\n",
    ],
)
def test_text_that_reaches_no_program_is_not_contact(text: str) -> None:
    assert contact(text, "no", applied="yes") == "pass"


def test_a_chat_that_reaches_a_programs_residents_is_still_contact() -> None:
    text = (
        "[Alumni group chat, with two residents from Harbor FM]\n\nI applied to Harbor FM on Monday. Could one "
        "of you tell your program director I'd be a great fit?\n"
    )
    assert contact(text, "no", applied="yes") in ("warning", "error")


@pytest.mark.parametrize(
    "text",
    [
        # "Undisclosed recipients", "unable to respond to individual inquiries"
        "Subject: RE: Update for SOAP applicants\n\nDear Ms. Lund,\n\nThank you for the update. I applied for "
        "your preliminary positions and would be glad to interview on Wednesday.\n\nSincerely,\nJordan Lee\n"
        "AAMC ID 12345678\n\n> On Tue, Mar 17, 2026, 9:30 AM, Surgery Residency wrote:\n> To: Undisclosed recipients"
        "\n> Dear Applicant, we have received many applications. We are unable to respond to individual inquiries.\n",
        # "Dear SOAP Applicants"
        "Subject: Re: Update\n\nHi Ms. Lund,\n\nThank you for the update. I'd love a spot on Wednesday's interview "
        "list and can make any time work.\n\nRuth Kim\nAAMC ID 12345678\n\n> On Tue, Mar 17, 2026 at 9:12 AM, "
        "Psychiatry Residency wrote:\n> Dear SOAP Applicants,\n> We have received many applications and will "
        "contact those we select.\n",
    ],
)
def test_a_bulk_notice_quoted_below_is_not_the_program_making_contact(text: str) -> None:
    assert contact(text, "yes", applied="yes") == "warning"


def test_a_program_message_sent_before_match_week_monday_is_not_contact_during_soap() -> None:
    # Match Week 2026 starts on Monday, March 16: a note of Thursday, March 12 came before SOAP
    assert contact(THREAD.format(date="Thu, Mar 12, 2026"), "yes", applied="yes") == "warning"
    assert contact(THREAD.format(date="Mon, Mar 16, 2026"), "yes", applied="yes") == "pass"


def test_a_program_asking_about_the_application_below_has_made_contact() -> None:
    text = (
        "Subject: Re: Missing letter\n\nDear Ms. Lund,\n\nFollowing up on the email below: my letter is now "
        "uploaded to ERAS. Could you let me know if it shows on your side?\n\nSincerely,\nJordan Lee\n"
        "AAMC ID 12345678\n\n> On Tue, Mar 17, 2026, 9:30 AM, Ms. Lund wrote:\n> We are reviewing your SOAP "
        "application and a letter seems to be missing. Could you look into it?\n"
    )
    assert contact(text, "no", applied="yes") in ("pass", "info")


def test_the_programs_quoted_invitation_that_has_the_application_outranks_a_no_on_applied() -> None:
    text = (
        "Subject: Re: SOAP interview\n\nDear Dr. Vale,\n\nThank you for the invitation; I applied through "
        "ResidencyCAS on Monday. Wednesday at 2 p.m. ET works for me.\n\nSincerely,\nJordan Lee\nAAMC ID 12345678\n\n"
        "> On Tue, Mar 17, 2026 at 9:02 AM, Dr. Vale wrote:\n> We have received your SOAP application and would like "
        "to invite you to interview on Wednesday.\n"
    )
    assert contact(text, "yes", applied="no") == "pass"
    # without the program's words, "no" stands
    assert contact(
        _draft("Thank you for the invitation. Wednesday at 2 p.m. ET works for me."), "yes", applied="no"
    ) == ("error")


def test_only_the_newest_quoted_message_dates_the_thread() -> None:
    # the program wrote again on Tuesday of Match Week, above its January note
    thread = (
        THREAD.format(date="Tue, Mar 17, 2026")
        + "> \n> On Wed, Jan 14, 2026 at 9:00 AM, Larkspur FM wrote:\n> Thank you for visiting.\n"
    )
    assert contact(thread, "yes", applied="yes") == "pass"


@pytest.mark.parametrize(
    ("body", "contacted_first", "phase", "expected"),
    TIME_AND_WHO_WROTE_FIRST
    + MORE_WAYS_THE_TEXT_SHOWS_IT
    + WHO_STARTED_THE_CONVERSATION
    + THE_CLOCK_AND_THE_THREAD
    + PASSED_ON_OR_PROMISED
    + NOT_A_MESSAGE_OR_NOT_THE_PROGRAM,
)
def test_what_the_text_says_of_time_and_of_who_wrote_first_outranks_the_form(
    body: str, contacted_first: str, phase: str, expected: str
) -> None:
    assert contact(_draft(body), contacted_first, phase, applied="yes") == expected


@pytest.mark.parametrize(
    ("body", "contacted_first", "phase"),
    [
        # the program interviewed a classmate; what the PD "mentioned" reaches the student second-hand
        (
            "My classmate interviewed with you this morning, and she said you mentioned liking applicants from our "
            "school. I applied to your program on Monday and would love a slot tomorrow if one is open.",
            "unknown",
            "during-soap",
        ),
        # a connection accepted on a networking site, and what the PD wrote in public posts
        (
            "Thanks for accepting my connection request today. I loved what you wrote about rural night cover. I'm in "
            "SOAP and sent my application yesterday; I'd love to hear what kind of intern thrives on your rotation.",
            "yes",
            "during-soap",
        ),
        # written before SOAP, scheduled to go out once it has begun, resting on a January interview
        (
            "I've meant to thank you since my January interview. I've set it to send at 10:01 on Monday, so if you "
            "are reading this, the news was not good. If you have positions open this week, please remember me.",
            "yes",
            "before-soap",
        ),
    ],
    ids=["classmates-interview", "connection-accepted", "scheduled-send"],
)
def test_what_only_looks_like_the_program_writing_first_is_not(body: str, contacted_first: str, phase: str) -> None:
    assert contact(_draft(body), contacted_first, phase, applied="yes") in ("warning", "error")


# The moment a draft is set to go out, read with its weekday and its zone (a city, a zone abroad).
WHEN_IT_GOES_OUT: list[tuple[str, str, str, str]] = [
    # Friday morning in India is Thursday evening in New York: SOAP is still running
    (
        "[Send later: Fri 6:00 AM IST, Pune]\n\nI applied to your family medicine program this week and would be "
        "grateful to be considered for any position still open.",
        "no",
        "after-soap",
        "warning",
    ),
    # 5:45 p.m. in Phoenix on the Thursday is 8:45 p.m. Eastern
    (
        "Scheduled: Thu, 5:45 PM Phoenix.\n\nI applied to your internal medicine program in SOAP and would be "
        "glad to speak about any position that remains.",
        "no",
        "after-soap",
        "warning",
    ),
    # ticked "before SOAP", set to go out on Monday at 8:15 a.m. in Seattle, which is 11:15 a.m. Eastern
    (
        "Scheduled send: Mon, 8:15 AM Seattle.\n\nI will be applying to your surgery program the moment ERAS "
        "opens, and I hope you will consider me for an interview.",
        "no",
        "before-soap",
        "warning",
    ),
    # held until SOAP has closed, as the draft says: judged as after SOAP, a tip only
    (
        "(Not sending this until SOAP closes on Thursday night.)\n\nI applied to your pediatrics program this "
        "week. If a position is still unfilled, I would be grateful to know whom to send my materials to.",
        "no",
        "during-soap",
        "info",
    ),
    (
        "Outlook send later: Friday 8:30 AM.\n\nI applied to your pediatrics program this week. If a position is "
        "still unfilled, I would be grateful to know whom to send my materials to.",
        "no",
        "during-soap",
        "info",
    ),
]


@pytest.mark.parametrize(("body", "contacted_first", "phase", "expected"), WHEN_IT_GOES_OUT)
def test_the_moment_a_draft_goes_out_decides_which_rule_applies(
    body: str, contacted_first: str, phase: str, expected: str
) -> None:
    assert contact(_draft(body), contacted_first, phase, applied="yes") == expected


def test_a_thank_you_dated_in_the_interview_season_is_not_soap_outreach() -> None:
    body = (
        "Sent February 2.\n\nThank you for Monday's interview day. Your residents' night-float teaching stayed "
        "with me, and I know Match Week in March will be busy for your office. I would be proud to train there."
    )
    assert contact(_draft(body), "unknown", "before-soap", applied="yes") == "info"
    # the same note without its date is warned: it could be sent during SOAP
    undated = body.split("\n\n", 1)[1]
    assert contact(_draft(undated), "unknown", "before-soap", applied="yes") == "warning"


@pytest.mark.parametrize(
    ("body", "contacted_first", "expected"),
    [
        # the program told the student their application arrived: a reply
        (
            "Thank you for letting me know my application reached you, and for the interview time. Wednesday at "
            "10 a.m. Central suits me well.",
            "yes",
            "pass",
        ),
        # a comment under the program's post announcing an application, asking for time with the chiefs
        (
            "just submitted my SOAP app to you all this morning! would love five minutes with any of the chiefs "
            "this week to hear about intern year",
            "unknown",
            "warning",
        ),
    ],
)
def test_reply_and_cold_words_of_short_and_warm_messages(body: str, contacted_first: str, expected: str) -> None:
    assert contact(_draft(body), contacted_first, "during-soap", applied="yes") == expected


ACKNOWLEDGED_ONLY = """Subject: Re: SOAP applicant - Jordan Lee

Dear Mr. Abara,

Thanks again for answering so quickly yesterday. I'm still very keen on Birchwood Pediatrics and free for an interview any time today.

Best regards,
Jordan Lee
AAMC ID 12345678

> On Tue, Mar 17, 2026 at 1:40 PM, Abara, Felix <fabara@birchwood.example> wrote:
> Dear Jordan, thanks for your email. We will be in touch if we decide to schedule an interview with you.
>
> On Tue, Mar 17, 2026 at 9:05 AM, Jordan Lee <jlee@example.com> wrote:
>> Dear Mr. Abara, I wanted to introduce myself as a SOAP applicant to Birchwood Pediatrics and would be grateful for an interview.
"""


def test_a_programs_promise_to_be_in_touch_if_it_wishes_is_not_an_invitation() -> None:
    assert contact(ACKNOWLEDGED_ONLY, "yes", applied="yes") in ("warning", "error")
    # the same thread with a real invitation from the program is a reply
    invited = ACKNOWLEDGED_ONLY.replace(
        "We will be in touch if we decide to schedule an interview with you.",
        "We would like to schedule an interview with you; are you free this afternoon?",
    )
    assert contact(invited, "yes", applied="yes") == "pass"


@pytest.mark.parametrize(
    "body",
    [
        "Your preliminary surgery coordinator set up my interview for tomorrow, and I'm grateful. I applied to the "
        "categorical program as well and would love to be considered for the categorical track too.",
        "Thank you for the interview invitation for the categorical medicine program. Could someone on the prelim "
        "side also review my application?",
    ],
)
def test_one_track_writing_first_does_not_open_the_other_track(body: str) -> None:
    assert contact(_draft(body), "yes", applied="yes") in ("warning", "error")


@pytest.mark.parametrize(
    ("body", "contacted_first", "phase"),
    [
        # a status change in ERAS is the program reading applications, not contacting the student
        (
            "My MyERAS status for Brookvale Pediatrics updated this morning, so I know your committee has my file. "
            "Thank you for reading it during such a busy week.",
            "yes",
            "during-soap",
        ),
        # the program reached a classmate, not the student
        (
            "My friend Dana told me you called her yesterday to set up a SOAP interview. I applied to Brookvale on "
            "Monday too and am free all of Wednesday.",
            "yes",
            "during-soap",
        ),
        # "after SOAP" ticked, but the rounds are still ahead tonight
        (
            "I know everyone is getting ready for tonight's final round, so I'll be brief: I applied on Monday and "
            "would welcome a short call.",
            "no",
            "after-soap",
        ),
        # a public post seen, then time asked for
        (
            "Saw your Instagram post about SOAP this morning! I applied last night. If anyone has ten minutes to "
            "chat about intern year I'd be so grateful.",
            "unknown",
            "during-soap",
        ),
        # the program rang before it had the application
        (
            "Thank you for calling this morning. I hadn't yet submitted my SOAP application when you rang, but I "
            "sent it right after we spoke, so it should be with you now.",
            "yes",
            "during-soap",
        ),
        # one track of a department called; the other never did
        (
            "I interviewed with your preliminary year this morning. The categorical program has not contacted me, "
            "but I wanted you to know I would love to be considered there too.",
            "yes",
            "during-soap",
        ),
    ],
)
def test_what_only_looks_like_the_program_writing_first_is_still_first_contact(
    body: str, contacted_first: str, phase: str
) -> None:
    assert contact(_draft(body), contacted_first, phase, applied="yes") in ("warning", "error")


def test_asking_a_coordinator_to_pass_a_cv_to_another_program_is_contact_with_that_program() -> None:
    body = (
        "Thank you for your email; my updated transcript is attached. I also applied to your hospital's surgery "
        "program and haven't heard from them. Would you mind passing my CV along to their coordinator?"
    )
    assert contact(_draft(body), "yes", applied="yes") in ("warning", "error")


def test_other_programs_copied_on_a_reply_are_contacted_too() -> None:
    reply = (
        "Subject: Re: SOAP interview – Lakeview Family Medicine\n"
        "To: fmcoordinator@lakeview.example\n"
        "Bcc: residency@brookvalefm.example; gme@harborhealth.example\n\n"
        "Dear Ms. Ito,\n\nThank you for reaching out. Wednesday at 10 works well for me.\n\n"
        "Best,\nJordan Lee\nAAMC ID 12345678\n"
    )
    finding = contact_finding(reply, "coordinator-email", "yes")
    assert finding.severity == "warning" and finding.evidence.startswith("Bcc:")
    # copying the student's own dean is not copying a program
    own_dean = reply.replace(
        "Bcc: residency@brookvalefm.example; gme@harborhealth.example", "Cc: dean.sato@myschool.example"
    )
    assert contact(own_dean, "yes", applied="yes") == "pass"


@pytest.mark.parametrize(
    ("body", "contacted_first"),
    [
        # a dean answering the program director's own call about the student
        (
            "Thank you for phoning our office this morning about Priya's application. As you asked, her leave in "
            "third year was approved by our promotions committee; the letter you asked for is attached.",
            "unknown",
        ),
        # "continue to consider" after the program's own call and interview
        (
            "Thank you for interviewing me this morning, and for calling me yourself on Tuesday to set it up. "
            "Please continue to consider my application.",
            "no",
        ),
    ],
)
def test_answers_to_the_programs_own_call_stay_clear(body: str, contacted_first: str) -> None:
    assert contact(_draft(body), contacted_first, applied="yes") in ("pass", "info")


def test_an_event_for_every_applicant_then_a_word_about_ones_application_is_first_contact() -> None:
    event = (
        "Your webinar in November, and the residents' story about running their own clinic, has stayed with me. "
        "I'm in SOAP this week, and yours was one of the applications I sent on Monday."
    )
    finding = contact_finding(_draft(event), "coordinator-email", "yes")
    assert finding.severity == "warning" and "webinar for all applicants" in finding.advice
    assert finding.evidence.startswith("I'm in SOAP this week")
    # after the student's own interview there, the same event is only shared ground
    interviewed = (
        "Thanks for staying after the info session tonight! I interviewed for the prelim spot at Lakeview this "
        "morning, and I'd love to hear how interns split clinic and wards."
    )
    assert contact(_draft(interviewed), "yes", applied="yes") == "pass"


def test_a_call_from_a_program_the_student_has_no_application_with_is_never_answered_with_materials() -> None:
    body = (
        "Thank you for calling me today. Because I don't have an application in with your family medicine program, "
        "I've attached my CV here so you have it right away."
    )
    assert contact(_draft(body), "yes", applied="yes") == "error"


def test_a_dean_the_program_asked_for_may_be_asked_to_call_back() -> None:
    asked = (
        "Subject: Dr. Hale at Birch Valley asked to speak with you\n\nHi Dean Moreau,\n\nDr. Hale, the PD at Birch "
        "Valley Pediatrics, phoned me this morning about my SOAP application. She asked whether someone at school "
        "could speak to my leave in second year, and she asked for you by name. Could you call her back today?\n\n"
        "Thank you,\nJordan Lee"
    )
    assert contact(asked, "yes", applied="yes") == "pass"
    # the same request when the program asked for no one is a representative reaching out
    unasked = asked.replace(" asked to speak with you", " called me").replace(
        "She asked whether someone at school could speak to my leave in second year, and she asked for you by name. ",
        "",
    )
    assert contact(unasked, "yes", applied="yes") == "warning"


def test_telling_an_advisor_not_to_call_a_program_yet_is_not_contact() -> None:
    body = (
        "Subject: Re: Shall I ring Elmhurst?\n\nDr. Quinn,\n\nThat is kind of you, but please wait: Elmhurst has "
        "not contacted me, and nobody may reach out for me until it does. If they call or email me, I'll tell you "
        "straight away.\n\nCould we practise interviews on Tuesday instead?\n\nJordan Lee"
    )
    assert contact(body, "no", applied="yes") == "pass"


def test_a_thank_you_for_last_years_interview_sent_during_soap_asks_the_question() -> None:
    body = (
        "You interviewed me for Alder Creek Surgery in October of last year, and I have meant to thank you since. "
        "I am applying again this week through SOAP, with Alder Creek on my list again. I only wanted to say thank "
        "you; I hope the new simulation lab you mentioned has opened."
    )
    assert contact(_draft(body), "unknown", applied="yes") == "warning"


def test_when_it_is_sent_decides_not_when_it_was_drafted() -> None:
    scheduled = (
        "[Scheduled send: Thu 9:25 PM ET. Drafted at 6:50 PM between rounds]\n\nSubject: Open PGY-1 position\n\n"
        "Dear Dr. Roe,\n\nI saw your program still has an open position. Would you consider my application?\n\n"
        "Jordan Lee\nAAMC ID 12345678"
    )
    assert contact(scheduled, "no", applied="yes") in ("pass", "info")
    # sent at the moment it was drafted, between the rounds, it is first contact
    now = scheduled.replace("Scheduled send: Thu 9:25 PM ET. ", "")
    assert contact(now, "no", applied="yes") == "error"


def test_a_call_to_check_the_application_arrived_is_first_contact() -> None:
    script = (
        "PHONE SCRIPT for the coordinator, Tuesday morning\n\nHi, this is Jordan Lee, a fourth-year. I'm only "
        "calling to make sure my ERAS documents actually reached you, since the portal froze on me yesterday. "
        "Nothing else! My number is 555-0100. Thanks so much."
    )
    assert contact(script, "unknown", applied="yes") == "warning"


def test_the_text_shows_soap_is_running_whatever_phase_was_ticked() -> None:
    between_rounds = (
        "Hi Dr. Moss, it's Jordan from your clinic years ago. Your program is one of my SOAP applications. Round 1 "
        "just closed with nothing for me and I'm waiting on the noon round. Could you find out if they're still "
        "looking?"
    )
    assert contact(between_rounds, "no", phase="after-soap", applied="yes") in ("warning", "error")
    open_house = (
        "Thank you for the virtual open house in January; it is a big reason your program was among my SOAP "
        "applications on Monday. I hope the rest of this week goes well."
    )
    assert contact(_draft(open_house), "yes", phase="before-soap", applied="yes") == "warning"


@pytest.mark.parametrize(
    "body",
    [
        # the program's voicemail answered, though "no" was ticked because they had not spoken yet
        "Hello, this is Jordan Lee returning a call from this number; the message said your office wanted to "
        "find a time to talk. I'm free all afternoon. Thank you for reaching out.",
        # a resident the program director asked to reach out tagged the student in a group chat
        "@Sam thank you so much for tagging me, and please thank Dr. Ruiz for asking you to reach out! Yes, I'm "
        "the one who applied to your program on Monday. Would a call at 6 work?",
    ],
    ids=["returned-call", "tagged"],
)
def test_answering_the_programs_own_call_or_tag_is_not_first_contact(body: str) -> None:
    assert contact(body, "no" if "returning" in body else "yes", applied="yes") in ("pass", "info")


def test_asking_a_program_that_said_no_to_look_again_is_starting_contact() -> None:
    appeal = _draft(
        "Your applicant portal moved me to 'not selected for interview' at lunchtime today. I believe my file was "
        "passed over because of my first Step 2 attempt, and I would ask the committee to reconsider: my retake "
        "was 248 and my medicine sub-internship was honors."
    )
    result = check_draft(appeal, "program-director-email", "yes", "during-soap", applied="yes")
    [finding] = [f for f in result.findings if f.check == "contact-rule"]
    assert finding.severity == "warning" and "not an invitation" in finding.advice
    assert finding.evidence in appeal and "reconsider" in finding.evidence
    assert "asks a program that said no to reconsider" in result.summary
    # a gracious note that asks nothing of the program is not an appeal
    gracious = _draft(
        "Thank you for letting me know so quickly that the position has been filled. I enjoyed meeting your team "
        "this week and wish your new interns a good start."
    )
    assert contact(gracious, "yes", applied="yes") in ("pass", "info")


def test_a_relative_vouching_for_a_student_who_did_not_match_is_contact_on_their_behalf() -> None:
    letter = (
        "Subject: a favour, old friend\n\nDear Priya,\n\nOur eldest, Tomas, did not match in surgery and has been "
        "up all night putting in his SOAP applications; your general surgery program is near the top of his list. "
        "You know what he is like in an operating room. I would be grateful if his name stood out when your "
        "committee opens the files.\n\nWarm regards,\nAndrew Hale, MD"
    )
    assert contact(letter, "unknown", applied="yes") == "error"


def test_asking_someone_to_pass_you_on_to_another_program_is_contact_on_your_behalf() -> None:
    ask = (
        "Hi Maya! Thanks for answering all my questions about your ICU months yesterday. Since your hospital's "
        "neurology program also has an open spot and I applied there too, is there anyone in that department you "
        "could mention me to? Totally fine if not!"
    )
    assert check_draft(ask, "resident-message", "yes", "during-soap", applied="yes").findings
    assert contact(ask, "yes", applied="yes") in ("warning", "error")
    careful = (
        "Hi Maya! Thanks for answering all my questions about your ICU months yesterday. Please don't mention me "
        "to anyone in the other departments; I want to keep everything by the book."
    )
    assert contact(careful, "yes", applied="yes") in ("pass", "info")


def test_an_invitation_sent_to_a_classmate_is_not_the_program_contacting_you() -> None:
    borrowed = _draft(
        "A friend from my class passed on the interview sign-up link you sent her this morning. I applied to your "
        "program on Monday as well; may I take one of the Thursday slots?"
    )
    assert contact(borrowed, "yes", applied="yes") == "error"


def test_the_texts_own_words_on_when_soap_ended_or_is_still_running() -> None:
    ended = _draft(
        "SOAP wrapped up at 9 last night and your family medicine program still shows an open PGY-1 position. "
        "I remain unmatched and would be grateful to be considered."
    )
    assert contact(ended, "no", applied="no") in ("pass", "info")
    still_running = _draft(
        "I had no offer in any of the first three rounds, so I'm treating SOAP as over for me and writing to ask "
        "whether your program might still consider my application."
    )
    assert contact(still_running, "no", phase="after-soap", applied="yes") in ("warning", "error")


@pytest.mark.parametrize(
    "body",
    [
        # a former supervisor answering the program's own voicemail about the student
        "Following up on the voicemail you left at my office this morning: yes, Jordan worked in my lab for two "
        "years, and the best number for him is 555-0100. Happy to answer anything else.",
        # the program's survey answered, nothing asked for
        "Done, and thank you for asking for feedback. The one thing that didn't fit neatly into the form: the "
        "intern panel was the best hour of the day.",
    ],
    ids=["voicemail-left", "survey"],
)
def test_answering_what_the_program_asked_stays_clean(body: str) -> None:
    assert contact(_draft(body), "yes" if "voicemail" in body else "unknown", applied="yes") in ("pass", "info")


def test_a_clock_abroad_written_without_am_or_pm_places_the_draft() -> None:
    # 2:10 a.m. Friday in Nairobi is 7:10 p.m. Thursday Eastern: SOAP is still running
    still_running = _draft(
        "It's ten past two on Friday morning here in Nairobi, so the week is over for me and I can finally write. "
        "I applied to your program on Monday and would be grateful to be considered for any open position."
    )
    assert contact(still_running, "no", phase="after-soap", applied="yes") in ("warning", "error")
    # 11:30 a.m. Friday in Manila is 11:30 p.m. Thursday Eastern: SOAP has ended
    ended = _draft(
        "I am writing at 11:30 on Friday morning, Manila time. Your program still shows an open position on the "
        "final list, and I would be grateful to be considered."
    )
    assert contact(ended, "no", applied="no") in ("pass", "info")


def test_here_is_where_the_draft_says_the_writer_is() -> None:
    # 9 p.m. Thursday in Accra is 5 p.m. Eastern: the rounds have closed but SOAP has not
    greeted = _draft(
        "Greetings from Accra. It is nine p.m. on Thursday here, so I understand SOAP is finished and I may write. "
        "I applied to your program on Tuesday and would be grateful to be considered for any open position."
    )
    assert contact(greeted, "no", phase="after-soap", applied="yes") in ("warning", "error")
    [finding] = [
        f
        for f in check_draft(greeted, "coordinator-email", "no", "after-soap", applied="yes").findings
        if f.check == "contact-rule"
    ]
    assert finding.evidence == "It is nine p.m. on Thursday here, so I understand SOAP is finished and I may write."
    assert "Eastern time" in finding.advice
    # a US place named elsewhere (where one rotated) does not move the writer's own clock
    rotated = _draft(
        "Good morning from Manila. It is eight o'clock on Friday morning here. I applied to your program on Monday "
        "after four months of rotations in Fresno, California, and would be grateful to be considered."
    )
    assert contact(rotated, "no", phase="after-soap", applied="yes") in ("warning", "error")
    # 10 a.m. Friday in Lagos is 5 a.m. Friday Eastern: SOAP has ended
    later = _draft(
        "Good morning from Lagos. It is ten o'clock on Friday morning here. Your program still shows an open "
        "position on the final list, and I would be grateful to be considered."
    )
    assert contact(later, "no", phase="after-soap", applied="yes") in ("pass", "info")


def test_sent_once_the_last_round_closes_is_still_during_soap() -> None:
    planned = _draft(
        "[send right after round four closes this afternoon]\n\nThe offer rounds are behind us, so I wanted to "
        "follow up on the application I sent your program on Monday and ask to be considered for any position "
        "still open."
    )
    assert contact(planned, "no", phase="after-soap", applied="yes") in ("warning", "error")


def test_the_programs_quoted_refusal_shows_the_student_wrote_first() -> None:
    thread = (
        "Subject: RE: RE: my application\n\nHi Ms. Lowe,\n\nThank you for replying, I understand completely. "
        "My phone is on all week.\n\nBest,\nSam Ortiz\n\n----- Original Message -----\nFrom: Lowe, Dana\n"
        "Subject: RE: my application\n\nDr. Ortiz, per NRMP policy we are unable to communicate with SOAP "
        "applicants who contact the program first.\n\n----- Original Message -----\nFrom: Sam Ortiz\n"
        "Subject: my application\n\nHello, I applied to your program yesterday and wanted to introduce myself."
    )
    assert contact(thread, "yes", applied="yes") == "error"


def test_asking_a_resident_to_tell_the_director_about_you_is_advocacy() -> None:
    ask = _draft(
        "Found your name on the program's website. If it's not too much trouble, could you let Dr. Ames know "
        "there's an applicant who ran the free clinic's diabetes group for two years?"
    )
    result = check_draft(ask, "resident-message", "unknown", "during-soap", applied="yes")
    assert any(f.check == "contact-rule" and f.flagged for f in result.findings)


def test_a_thank_you_after_soap_that_mentions_an_accepted_position_asks_for_nothing() -> None:
    note = _draft(
        "With Match Week behind us, I wanted to thank you for the teaching rounds on my sub-internship. I accepted "
        "a SOAP position at Carver Family Medicine last week, so this is only a thank-you."
    )
    assert contact(note, "no", phase="after-soap", applied="yes") in ("pass", "info")
    shopping = _draft(
        "I accepted a SOAP position at Carver Family Medicine last week, but I would still be grateful to be "
        "considered if a position opens in your program."
    )
    assert contact(shopping, "no", phase="after-soap", applied="yes") == "error"


def test_pitching_oneself_in_reply_to_someone_elses_invitation_is_first_contact() -> None:
    invite = (
        "\n\n> On Tue at 9:05 AM, Pruitt, Dana wrote:\n> Dear Dr. R. Okafor, Brightwater Pediatrics would like to "
        "invite you to interview on Wednesday. Please reply with a time."
    )
    pitch = _draft(
        "I think this message was intended for another applicant, as I am Ruth Okafor, not R. Okafor. "
        "I did apply to Brightwater too, and I would be delighted to interview if there is an open slot."
    )
    assert contact(pitch + invite, "yes", applied="yes") == "error"
    corrected = (
        "\n\n> On Tue at 1:40 PM, Pruitt, Dana wrote:\n> Please disregard my earlier note, it was meant for another "
        "applicant. That said, Dr. Hale reviewed your application and would like to speak with you Thursday."
    )
    reply = _draft("No problem at all. I would be delighted to interview with Dr. Hale; Thursday at 10 works for me.")
    assert contact(reply + corrected, "yes", applied="yes") == "pass"


def test_a_yes_resting_on_remembering_a_regular_season_interview_is_a_warning() -> None:
    recalled = _draft(
        "You may remember me from your program's interview day on January 12. I did not match, and I applied "
        "again through SOAP on Monday. I wanted to say I am still very interested."
    )
    assert contact(recalled, "yes", applied="yes") == "warning"


def test_a_reply_that_thanks_the_director_for_writing_is_not_first_contact() -> None:
    reply = _draft("Thank you for writing to me this morning about my application. Friday at 9 a.m. suits me well.")
    assert contact(reply, "no", applied="yes") in ("pass", "info")


def test_an_auto_reply_to_the_programs_scheduling_email_is_not_first_contact() -> None:
    auto = (
        "Subject: Automatic reply: SOAP interview times\n\nThank you for your message about scheduling an interview. "
        "I am in clinic until noon and will answer as soon as I am out.\n\nPriya Raman"
    )
    assert contact(auto, "yes", applied="yes") == "pass"


def test_starting_in_june_is_not_a_conversation_from_before_match_week() -> None:
    thanks = _draft(
        "I accepted Cedar Hollow's offer this afternoon. Wednesday's interview felt like a real conversation, "
        "and I am so glad to start in June."
    )
    assert contact(thanks, "yes", applied="yes") == "pass"
    shopping = _draft(
        "I accepted Cedar Hollow's offer this afternoon, but I would be grateful to be considered for your "
        "categorical position if one opens."
    )
    assert contact(shopping, "yes", applied="yes") == "error"


def test_an_invitation_from_one_program_does_not_open_another_at_the_same_hospital() -> None:
    other = _draft(
        "Dr. Imai, the prelim surgery director at Larchmont General, invited me this morning to interview for his "
        "program, so I hope it is all right that I write to you as well. I also applied to Larchmont's "
        "categorical surgery program, which is where I hope to train long term."
    )
    assert contact(other, "yes", applied="yes") in ("warning", "error")


def test_an_application_sent_to_the_sister_program_is_not_one_to_this_program() -> None:
    reply = _draft(
        "Thank you for the invitation to interview with the internal medicine program. To be transparent, my "
        "SOAP application went to your transitional year program instead of categorical medicine, so I can send "
        "my CV to you directly."
    )
    assert contact(reply, "yes", applied="yes") == "error"


def test_a_call_meant_for_another_applicant_gives_no_opening_to_pitch() -> None:
    note = _draft(
        "Thank you for calling this morning, and no harm done: I gather you were trying to reach the other "
        "Sam Patel. While we're in touch, I applied to Brookfield Pediatrics on Monday and would be glad to "
        "interview if a time is free."
    )
    assert contact(note, "yes", applied="yes") == "error"


def test_asking_the_inviting_coordinator_to_pass_a_cv_to_another_track_is_contact_by_proxy() -> None:
    reply = _draft(
        "Confirmed for 3 p.m., thank you! Could you also pass my CV (attached) to Dr. Lund on the categorical "
        "medicine side? That is the position I want most."
    )
    assert contact(reply, "yes") in ("warning", "error")


def test_writing_to_a_second_program_because_the_first_invited_you_is_first_contact() -> None:
    second = _draft(
        "I'm interviewing with Ridgeview's internal medicine program on Wednesday, and I applied to your "
        "neurology program in SOAP too. Since I'll be meeting the Ridgeview team anyway, could we speak the same day?"
    )
    assert contact(second, "yes", applied="yes") in ("warning", "error")


def test_wanting_the_director_to_hear_from_you_directly_is_cold() -> None:
    cold = _draft(
        "I sent my SOAP applications an hour ago, yours among them, and I wanted you to hear from me directly: "
        "my sub-internship was at a county hospital much like yours. I'm available by phone whenever convenient."
    )
    assert contact(cold, "unknown", applied="yes") in ("warning", "error")


def test_local_time_in_a_central_city_after_nine_eastern_is_after_soap() -> None:
    after = _draft(
        "It's 8:15 p.m. here in Kansas City, a quarter hour after SOAP closed at 9 Eastern. Does your program "
        "still have an open PGY-1 position, and how would you like applicants to apply now?"
    )
    assert contact(after, "no", phase="after-soap") in ("pass", "info")


def test_practice_with_a_resident_friend_that_is_not_about_her_program_reaches_no_program() -> None:
    note = (
        "Hey Ife, free tonight around 9? I have two SOAP interviews tomorrow and want a quick mock run of 'tell "
        "me about yourself'. This has nothing to do with your program, I'm only applying in psych. Snacks on me!"
    )
    result = check_draft(note, "resident-message", "no", "during-soap", applied="no")
    assert not any(f.check == "contact-rule" and f.flagged for f in result.findings)


def test_a_programs_text_the_weekend_before_match_week_does_not_open_the_door() -> None:
    # a program reaching out before SOAP starts is itself a violation; replying to it is starting contact
    reply = _draft(
        "Thank you for texting me on Saturday to say your program might have open positions and that I should "
        "apply if the Match went badly. It did, so I applied through ERAS this morning and can interview any time.",
        subject="Re: your text on Saturday",
    )
    assert contact(reply, "yes", applied="yes") in ("warning", "error")


@pytest.mark.parametrize(
    "ask",
    [
        "Would you mind passing a quick note from me to the surgery coordinator down the hall?",
        "If you happen to talk with any of those directors this week, a good word from you would help me a lot.",
        "Könnten Sie meine Bewerbung bitte an die Koordinatorin der Neurologie weiterleiten?",
        "¿Podría reenviar mi CV a la coordinadora del programa de pediatría?",
    ],
    ids=["pass-a-note", "a-word-from-you", "german-forward", "spanish-forward"],
)
def test_a_reply_that_asks_the_program_to_speak_to_other_programs_is_contact_by_proxy(ask: str) -> None:
    reply = _draft(f"Thank you for the invitation; Tuesday at 2 p.m. Eastern works well. {ask}")
    assert contact(reply, "yes", applied="yes") in ("warning", "error")


def test_a_reply_found_late_in_the_eras_inbox_is_a_reply() -> None:
    late = _draft(
        "I only just saw your ERAS message from this morning at 9:40 a.m. inviting me to interview; I'm sorry for "
        "the delay. I can speak any time this afternoon. Thank you for considering my application."
    )
    assert contact(late, "unknown", applied="yes") in ("pass", "info")


def test_letters_that_go_through_the_eras_portal_reach_no_program() -> None:
    letter = (
        "Recommendation letter (uploaded via the ERAS Letter of Recommendation Portal)\n\nTo the Program Director:\n\n"
        "I am delighted to recommend Dr. Ana Ruiz for a residency position. She was the strongest student on our "
        "service this year.\n\nMaria Chen, MD"
    )
    assert contact(letter, "unknown", applied="yes") in ("pass", "info")
    to_writer = _draft(
        "Thank you for agreeing to write for me. My Letter Request ID is 1234-5678. Please upload it through the "
        "ERAS Letter of Recommendation Portal; there is no need to contact any program yourself."
    )
    assert contact(to_writer, "no", applied="yes") in ("pass", "info")


def test_a_you_may_not_remember_me_note_to_a_program_director_is_starting_contact() -> None:
    """A warm note to a former attending who now directs a program the student applied to, with no word
    of the program writing first: during SOAP the checker asks whether the program wrote first."""
    note = _draft(
        "I don't know if you'll remember me: I was the student on your wards team last spring. I saw that you now "
        "direct the internal medicine program, and I've been thinking of the attendings who taught me well this week."
    )
    assert contact(note, "unknown", applied="yes") in ("warning", "error")
    # the same note after SOAP has ended is allowed
    assert contact(note, "unknown", applied="yes", phase="after-soap") in ("pass", "info")


@pytest.mark.parametrize(
    "text",
    [
        # a hospital office asked to pass word to the program director
        "Dear International Office,\n\nDoes the residency sponsor H-1B visas? If possible, please also let the program "
        "director know that a visa-ready applicant is in her SOAP pool.\n\nBest,\nAna Ruiz",
        # a reply that asks the coordinator to share the file with another track's director
        _draft(
            "Thank you for the invitation; I'll take the 2 p.m. Wednesday slot. Could you share my application with "
            "the preliminary program's director as well, so they might interview me too?"
        ),
        # written unprompted, in French
        _draft(
            "Je me permets de vous écrire spontanément : j'ai soumis lundi ma candidature via ERAS. Je serais très "
            "honorée de pouvoir passer un entretien cette semaine."
        ),
    ],
    ids=["office-asked-to-tell-the-pd", "share-with-another-track", "french-unprompted"],
)
def test_word_passed_to_a_programs_director_and_unprompted_french_are_contact(text: str) -> None:
    assert contact(text, "unknown", applied="yes") in ("warning", "error")


def test_a_thank_you_that_says_we_have_not_spoken_yet_is_first_contact_whatever_the_form_says() -> None:
    thanks = _draft(
        "Although we have not had a chance to speak yet, thank you for considering my application this week. "
        "I hope to tell you more about myself in an interview."
    )
    assert contact(thanks, "yes", applied="yes") in ("warning", "error")


@pytest.mark.parametrize(
    "text",
    [
        "Hello Payroll Team,\n\nI worked as a scribe here in 2019 and need a copy of my 2019 W-2 for an amended tax "
        "return. Could you email a copy?\n\nThank you,\nAna Ruiz",
        "Dr. Brennan,\n\nThe journal sent the page proofs this morning. Could you confirm the corrected table before I "
        "upload the changes?\n\nBest,\nAna Ruiz",
        "Hi Ms. Okafor,\n\nThank you for the authorization form, but I won't sign it. I'm not comfortable with anyone "
        "presenting my profile to programs for me, so please do not send my CV anywhere.\n\nRegards,\nAna Ruiz",
    ],
    ids=["payroll", "page-proofs", "agency-declined"],
)
def test_notes_that_reach_no_programs_selection_are_not_contact(text: str) -> None:
    assert contact(text, "no", applied="unknown") in ("pass", "info")


def test_a_soap_ineligible_applicant_may_write_to_a_program_outside_the_match_from_tuesday() -> None:
    note = _draft(
        "I am writing this Wednesday about your preliminary surgery position, which is offered outside the NRMP "
        "Match. I am not SOAP-eligible this year, so I applied to your non-Match position through ERAS."
    )
    result = check_draft(note, "program-director-email", "no", "during-soap", applied="yes")
    [finding] = [f for f in result.findings if f.check == "contact-rule"]
    assert finding.severity == "info" and "Tuesday 8:00 a.m." in finding.advice
    # a Match program is still closed to an ineligible applicant
    match_program = note.replace("which is offered outside the NRMP Match", "which is in the Match").replace(
        "your non-Match position", "your position"
    )
    assert contact(match_program, "no", applied="yes") in ("warning", "error")


def test_a_cold_pitch_that_mentions_page_proofs_is_still_a_pitch() -> None:
    pitch = _draft(
        "I applied to your internal medicine program on Monday and would love to interview. The page proofs of "
        "my first paper arrived this week, and I would be glad to share them."
    )
    assert contact(pitch, "no", applied="yes") in ("warning", "error")


def test_a_follow_up_on_the_students_own_call_that_says_soap_over_the_phone_is_still_first_contact() -> None:
    """'About SOAP over the phone' is not 'SOAP is over': a 'yes' resting on the student's own call
    to the office is no invitation."""
    note = _draft(
        "Thank you for taking the time when I phoned the program office on Monday; I know you couldn't discuss "
        "SOAP over the phone. I wanted to put in writing that I hope Dr. Lee can look at my application."
    )
    assert contact(note, "yes", applied="yes") in ("warning", "error")


def test_a_thank_you_for_this_mornings_interview_is_not_made_stale_by_last_year_elsewhere_in_the_sentence() -> None:
    """'the clinic your residents opened last year' dates the clinic, not the interview this morning."""
    thanks = _draft(
        "Thank you for the interview this morning and for telling me about the street clinic your residents "
        "opened last year. I enjoyed meeting the team.",
        subject="Re: SOAP interview – Jordan Lee",
    )
    assert contact(thanks, "yes", applied="yes") in ("pass", "info")
    # a reply dated only by a meeting before Match Week still gets the question
    stale = _draft(
        "Thank you for our conversation at the regional conference last October. I would be grateful if you "
        "could consider my application this week."
    )
    assert contact(stale, "yes", applied="yes") in ("warning", "error")


def test_a_draft_dated_the_morning_after_soap_closed_is_judged_after_soap_whatever_the_form_says() -> None:
    late = _draft(
        "I am writing on Friday morning, the morning after SOAP ended at 9 p.m., because your family medicine "
        "program still lists an open position. I would be glad to be considered."
    )
    assert contact(late, "no", applied="yes") in ("pass", "info")
    # before it has closed, the same request is still first contact
    early = late.replace("the morning after SOAP ended at 9 p.m.", "while SOAP is still running")
    assert contact(early, "no", applied="yes") in ("warning", "error")


def test_an_applicant_the_nrmp_lists_as_ineligible_may_write_to_a_program_outside_the_match() -> None:
    note = _draft(
        "I am writing on Wednesday. The NRMP lists me as not SOAP-eligible this year, and your transitional "
        "program does not take part in the NRMP Match, so I applied to it through ERAS on Tuesday."
    )
    result = check_draft(note, "program-director-email", "no", "during-soap", applied="yes")
    assert [f.severity for f in result.findings if f.check == "contact-rule"] == ["info"]


def test_a_job_application_to_a_company_is_not_a_program_but_a_research_post_at_a_residency_is() -> None:
    job = (
        "Dear Mr. Patel,\n\nI am applying for the data analyst role advertised by Northwind Diagnostics Inc. I "
        "finished medical school this year and have two years of registry work.\n\nBest regards,\nAna Ruiz"
    )
    assert contact(job, "no", applied="no") in ("pass", "info")
    residency = job.replace(
        "advertised by Northwind Diagnostics Inc.", "in your residency program's research office"
    ).replace("registry work.", "registry work, and I hope to be considered for a PGY-1 spot as well.")
    assert contact(residency, "no", applied="no") in ("warning", "error")


def test_a_reply_all_to_a_list_that_program_directors_are_on_is_first_contact() -> None:
    """A society's newsletter is not a program writing to the student; pitching to the directors on
    its list starts contact with their programs."""
    reply_all = (
        "Subject: RE: Spring bulletin from the State Society of Internal Medicine\n\n"
        "Thanks for the bulletin. As several program directors are copied on this thread, I'd mention that I "
        "am an internal medicine applicant in SOAP this week. If any of you are still filling positions, I'd "
        "be glad to talk.\n\nSam Ortiz\nAAMC ID 12345678"
    )
    assert contact(reply_all, "yes", applied="yes") in ("warning", "error")


def test_asking_the_inviting_program_to_pass_ones_name_to_another_program_is_contact_on_ones_behalf() -> None:
    reply = _draft(
        "Thank you for your call this morning and the invitation to interview on Tuesday at 10, which I accept. "
        "I did not send an application to your hospital's psychiatry program, but I would gladly be considered "
        "there. Could you pass my name and CV along to Dr. Moreau?",
        subject="Re: SOAP interview",
    )
    assert contact(reply, "yes", applied="yes") in ("warning", "error")
    forward = reply.replace(
        "Could you pass my name and CV along to Dr. Moreau?",
        "I would ask that you forward my CV to Dr. Moreau in the psychiatry residency across the street.",
    )
    assert contact(forward, "yes", applied="yes") in ("warning", "error")
    # the reply alone is fine
    alone = reply.split(" I did not send")[0]
    assert contact(alone, "yes", applied="yes") in ("pass", "info")


def test_replying_on_an_old_thread_from_before_match_week_is_not_answering_a_contact() -> None:
    old = _draft(
        "I'm writing back on this old thread because you were so helpful when I rotated with your team. I "
        "applied to your program in SOAP; if you could let Dr. Ames know my application is in, I'd be grateful.",
        subject="Re: Sub-internship housing – July block",
    )
    assert contact(old, "yes", applied="yes") in ("warning", "error")


def test_a_public_comment_that_pitches_an_application_is_first_contact() -> None:
    comment = (
        "[Comment on Riverside IM's post about their new chiefs]\n"
        "Congrats to the new chiefs! Applied through SOAP yesterday and would be so honored to be part of this "
        "family, hoping to hear from the program soon."
    )
    assert contact(comment, "unknown", applied="yes") in ("warning", "error")


def test_forwarding_another_programs_invitation_is_not_a_reply_from_the_program_written_to() -> None:
    fwd = (
        "Subject: Fwd: SOAP interview invitation – Lakeside Family Medicine\n\n"
        "Dear Ms. Grant,\n\nI'm forwarding the message below so your program knows Lakeside has invited me to "
        "interview. Your program is my first choice, and I applied on Monday.\n\nJordan Lee\n\n"
        "---------- Forwarded message ----------\nFrom: Lakeside FM Residency\nSubject: SOAP interview invitation\n"
        "Dear Dr. Lee, we would like to invite you to interview with us on Tuesday. Could you reply with a time?"
    )
    assert contact(fwd, "yes", applied="yes") in ("warning", "error")


def test_a_reply_to_a_program_that_says_it_saw_the_application_is_not_judged_as_never_applied() -> None:
    """The form says "no" to "did you apply?", but the resident writing first says they saw the
    application: the program has it."""
    reply = _draft(
        "Thank you for reaching out after seeing my application to your family medicine program. I'd be glad "
        "to talk tonight at 8 or tomorrow morning.",
    )
    assert contact(reply, "yes", applied="no") in ("pass", "info")
    assert contact(reply.replace("after seeing my application to", "about"), "yes", applied="no") == "error"


def test_a_friends_private_hint_taken_as_leave_to_write_is_first_contact() -> None:
    """A resident at the program texting as a friend is not the program reaching out."""
    hint = _draft(
        "A friend who is a PGY-1 in your program texted me last night that you are looking at IMGs, so I am "
        "taking that as my cue to reach out directly. My SOAP application went in on Monday morning.",
        subject="SOAP applicant – Jordan Lee",
    )
    assert contact(hint, "yes", applied="yes") in ("warning", "error")


def test_the_program_calling_a_classmate_is_not_the_program_contacting_the_student() -> None:
    classmate = _draft(
        "Your coordinator called my classmate Priya this morning to set up an interview, and since we both applied, "
        "I thought I would send my availability too: I am free Wednesday after noon.",
        subject="Interview scheduling",
    )
    assert contact(classmate, "yes", applied="yes") in ("warning", "error")


def test_a_report_to_the_nrmp_addressed_in_a_to_line_is_not_contact_with_a_program() -> None:
    report = (
        "To: NRMP Policy and Compliance\nSubject: Reporting a call from a program\n\nHello,\n\n"
        "A family medicine program I did not apply to phoned me on Tuesday at 9 a.m. ET. I have not replied. "
        "I understand I should report it, so here are the details.\n\nJordan Lee\n"
    )
    assert contact(report, "yes", applied="no") in ("pass", "info")


def test_giving_back_an_interview_time_after_accepting_elsewhere_keeps_the_commitment() -> None:
    release = _draft(
        "Thank you for inviting me to talk this afternoon. I accepted an offer from another program in Round 1 "
        "at noon today, so I want to release the 3 p.m. slot you held for me. Thank you for considering me.",
        subject="Re: Interview this afternoon",
    )
    assert contact(release, "yes", applied="yes") in ("pass", "info")
    pitch = release.replace("so I want to release the 3 p.m. slot you held for me", "but I would still love a spot")
    assert contact(pitch, "yes", applied="yes") in ("warning", "error")


def test_a_heads_up_before_soap_asking_a_program_to_watch_for_ones_application_is_outreach() -> None:
    note = _draft(
        "I may be unmatched on Monday. If so, I will apply to your program in SOAP right away, and I would love "
        "for you to keep an eye out for my application.",
        subject="Heads-up before SOAP",
    )
    assert contact(note, "no", phase="before-soap", applied="yes") == "warning"


def test_writing_to_a_program_on_a_guess_about_a_missed_call_is_first_contact() -> None:
    guess = _draft(
        "I had a missed call from an unknown number at noon with no message. I applied to your surgery program, "
        "so perhaps it was your office? I'm free all afternoon.",
        subject="Missed call",
    )
    assert contact(guess, "unknown", applied="yes") == "warning"
    known = guess.replace(
        "I had a missed call from an unknown number at noon with no message. I applied to your surgery program, "
        "so perhaps it was your office?",
        "Thank you for your voicemail at noon inviting me to interview.",
    )
    assert contact(known, "unknown", applied="yes") in ("pass", "info")


def test_a_program_that_reached_out_back_in_the_interview_season_has_not_contacted_the_student_in_soap() -> None:
    recalled = _draft(
        "You may remember me from my interview with your program in December. Since you reached out to me back "
        "then, I hope it is all right to write now that I have applied again in SOAP.",
        subject="SOAP – internal medicine",
    )
    assert contact(recalled, "yes", applied="yes") in ("warning", "error")


def test_asking_one_program_to_mention_the_student_to_another_is_not_covered_by_its_invitation() -> None:
    go_between = _draft(
        "Thank you for the interview invitation; Wednesday at 2 p.m. works. Could you also put in a word with the "
        "surgery coordinator across the hall? I applied there too and have not heard back.",
        subject="Re: Interview invitation",
    )
    assert contact(go_between, "yes", applied="yes") in ("warning", "error")


def test_withdrawing_from_further_consideration_after_accepting_elsewhere_keeps_the_commitment() -> None:
    withdraw = _draft(
        "Thank you for your kind note yesterday inviting me to a second call. I accepted an offer in round 1 this "
        "morning, so please remove me from further consideration.",
        subject="Re: Second call",
    )
    assert contact(withdraw, "yes", applied="yes") in ("pass", "info")


def test_answering_the_programs_question_that_the_application_was_sent_outranks_a_no_on_the_form() -> None:
    answer = _draft(
        "Thank you for your call this morning. To answer your question: yes, I submitted my SOAP application to "
        "your family medicine program through ERAS on Monday, so you should have my full file.",
        subject="Re: Our call",
    )
    assert contact(answer, "yes", applied="no") in ("pass", "info")
    assert (
        contact(answer.replace("To answer your question: yes, I submitted", "I will submit"), "yes", applied="no")
        == "error"
    )


def test_a_program_that_texted_to_set_up_the_interview_is_answered_even_with_no_on_the_form() -> None:
    reply = _draft(
        "This is Jordan Lee. You texted me at 8:15 to set up the 1 pm interview with Dr. Kline. The video link "
        "in your message does not open; could you resend it?",
        subject="Interview link",
    )
    assert contact(reply, "no", applied="yes") in ("pass", "info")
    assert contact(reply.replace("You texted me at 8:15 to set up", "I hope to get"), "no", applied="yes") == "error"


def test_a_note_to_a_resident_friend_that_sets_the_program_aside_is_personal() -> None:
    note = (
        "Dani, it's me. I'm not going to ask you anything about your program or Dr. Whitaker, I don't want to put "
        "you in a weird spot. Monday was rough. Can you call me tonight after your shift?"
    )
    result = check_draft(note, "resident-message", "no", "during-soap")
    assert not [f for f in result.findings if f.check == "contact-rule" and f.severity != "info"]
    pitch = note.replace("I'm not going to ask you anything about your program", "Could you tell your program")
    pitch = pitch.replace("Can you call me", "that I'm a strong candidate for a spot? Can you call me")
    result = check_draft(pitch, "resident-message", "no", "during-soap")
    assert [f for f in result.findings if f.check == "contact-rule" and f.severity == "error"]


def test_a_missed_call_the_student_only_guesses_was_the_program_is_not_contact_even_under_returning_your_call() -> None:
    guess = _draft(
        "I believe I missed a call around noon. No message was left, so I can't be sure it was your office, but "
        "I'd welcome a chance to speak with the program director about the position.",
        subject="Returning your call",
    )
    assert contact(guess, "yes", applied="yes") == "warning"
    real = guess.replace(
        "No message was left, so I can't be sure it was your office, but", "Thank you for the voicemail;"
    )
    assert contact(real, "yes", applied="yes") in ("pass", "info")


def test_spanish_that_says_the_program_has_not_written_yet_is_first_contact() -> None:
    cold = _draft(
        "Le escribo porque envié mi solicitud ayer. Aún no he recibido ninguna respuesta del programa, pero me "
        "gustaría conversar con el director sobre la posición.",
        subject="Solicitud SOAP",
    )
    assert contact(cold, "unknown", applied="yes") in ("warning", "error")


def test_an_unprompted_correction_of_ones_application_that_pitches_is_not_a_reply() -> None:
    correction = _draft(
        "I spotted an error in the education section of my ERAS application: my graduation year should be 2024. "
        "I'd also love to discuss your rural track in an interview whenever suits you.",
        subject="Correction",
    )
    assert contact(correction, "yes", applied="yes") == "warning"
    reply = correction.replace("I spotted an error", "Thank you for inviting me to interview. I also spotted an error")
    assert contact(reply, "yes", applied="yes") in ("pass", "info")


def test_asking_ones_dean_what_is_allowed_if_a_program_calls_later_reaches_no_program() -> None:
    question = _draft(
        "My mentor wants to phone the program director at Larchmont Surgery for me. Larchmont hasn't contacted me, "
        "so I assume that's not allowed. If Larchmont does call me, is it okay for my mentor to speak with them "
        "then?",
        subject="Rules question",
    )
    assert contact(question, "no", applied="yes") in ("pass", "info")


def test_a_note_to_a_resident_friend_that_refuses_to_talk_shop_is_personal() -> None:
    note = (
        "hey sam, can't make trivia thurs, match week chaos. not gonna talk shop with you, I know you're at "
        "Millbrook and I applied there. can you water my plants wed if I'm stuck by my phone?"
    )
    result = check_draft(note, "resident-message", "no", "during-soap")
    assert not [f for f in result.findings if f.check == "contact-rule" and f.severity != "info"]
    ask = note.replace("can you water my plants", "could you tell your PD I'd love an interview, and water my plants")
    result = check_draft(ask, "resident-message", "no", "during-soap")
    assert [f for f in result.findings if f.check == "contact-rule" and f.severity == "error"]


def test_answering_a_newsletter_with_a_pitch_is_not_a_reply_to_the_program() -> None:
    pitch = _draft(
        "Great issue this month, and congratulations to the chiefs on their QI award. I'm one of this year's "
        "SOAP applicants to your program, and I'd be glad to interview any day this week.",
        subject="Re: Brookfield IM Newsletter - Spring",
    )
    assert contact(pitch, "yes", applied="yes") == "warning"
    invited = pitch.replace(
        "Great issue this month", "Thank you for inviting me to interview on Wednesday. Great issue"
    )
    assert contact(invited, "yes", applied="yes") in ("pass", "info")


def test_a_like_on_the_students_post_or_a_reply_to_a_public_story_is_not_contact() -> None:
    like = _draft(
        "I noticed you liked my post about SOAP this morning, thank you. I applied to your transitional year "
        "and would love to interview if there's any chance.",
        subject="Hello",
    )
    assert contact(like, "yes", applied="yes") == "warning"
    story = (
        "[DM replying to the program's story 'Good luck this week, applicants!']\n\nthank u!! i applied monday, "
        "could someone let your PD know i'm hoping to interview? - Dana"
    )
    result = check_draft(story, "resident-message", "yes", "during-soap", applied="yes")
    assert [f for f in result.findings if f.check == "contact-rule" and f.severity in ("warning", "error")]


def test_thanking_for_a_main_season_interview_and_answering_its_question_now_is_not_a_reply() -> None:
    stale = _draft(
        "Thank you again for interviewing me back in December. You asked how I would handle a family who "
        "distrusts the team, and I have thought about it since. I did not match, I have applied to your program "
        "through SOAP, and I would welcome a call this week.",
        subject="Re: your question from my December interview",
    )
    assert contact(stale, "yes", applied="yes") in ("warning", "error")


def test_asking_ones_own_letter_writer_for_an_updated_letter_reaches_no_program() -> None:
    letter = _draft(
        "Thank you for the letter you wrote for me in the fall. I did not match, and I'm not applying to our own "
        "program; would you be able to upload a version for preliminary surgery in ERAS by tonight?",
        subject="Updated letter for SOAP",
    )
    assert contact(letter, "no", applied="no") in ("pass", "info")


def test_asking_a_classmate_whether_a_program_wrote_to_them_reaches_no_program() -> None:
    note = "still nothing from lakeshore and i'm climbing the walls. did you get anything from them?? practice at 6?"
    result = check_draft(note, "resident-message", "no", "during-soap")
    assert not [f for f in result.findings if f.check == "contact-rule" and f.severity != "info"]


def test_writing_in_on_a_classmates_news_that_the_program_reached_out_is_first_contact() -> None:
    draft = _draft(
        "My roommate Dani told me you contacted several students from our school this morning about interviews. "
        "I applied to your program on Monday too and I'm free all of Wednesday.",
        subject="Re: SOAP interviews",
    )
    assert contact(draft, "yes", applied="yes") in ("warning", "error")


def test_following_up_on_a_deans_call_to_the_program_is_contact_by_proxy() -> None:
    draft = _draft(
        "Dr. Ibarra told me he talked with you this morning about my application to your prelim year, so I "
        "wanted to thank you directly and say I can interview any time tomorrow.",
        subject="After Dr. Ibarra's call",
    )
    assert contact(draft, "yes", applied="yes") in ("warning", "error")


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (
            "Muchas gracias por su llamada y por la invitación a la entrevista. Puedo el jueves a las 9 de la "
            "mañana, hora del este.",
            "coordinator-email",
        ),
        (
            "Thank you for reaching out today on behalf of the program, and for offering to answer questions "
            "before Thursday. How many interns share a night float week?",
            "resident-message",
        ),
        (
            "Thanks for reaching out! I'd be glad to talk with Dr. Lowe. Either of the times you suggested works, "
            "and I'm really excited about the refugee clinic.",
            "coordinator-email",
        ),
    ],
    ids=["spanish-reply", "resident-for-the-program", "times-you-suggested"],
)
def test_a_reply_the_form_calls_a_first_message_is_not_an_error(body: str, kind: str) -> None:
    result = check_draft(_draft(body), kind, "no", "during-soap", applied="yes")
    assert not [f for f in result.findings if f.check == "contact-rule" and f.severity == "error"]


def test_asking_ones_advisor_whether_to_write_or_wait_reaches_no_program() -> None:
    note = _draft(
        "A friend says everybody emails the PD at Corliss during SOAP. Corliss hasn't written to me. Is it okay "
        "for me to send a quick email, or should I wait?",
        subject="Quick question",
    )
    assert contact(note, "unknown") in ("pass", "info")


def test_a_personal_note_to_a_resident_that_declines_to_ask_about_the_program_is_not_contact() -> None:
    note = (
        "hey sam! i know i can't ask you anything about your residency this week, so i won't. are we still on "
        "for climbing on the 30th? bring the spare harness"
    )
    result = check_draft(note, "resident-message", "no", "during-soap", applied="yes")
    assert not [f for f in result.findings if f.check == "contact-rule" and f.severity in ("warning", "error")]


def test_asking_a_resident_friend_to_pass_a_blurb_to_the_pd_is_contact_by_proxy() -> None:
    note = (
        "omg hi Priya!! so SOAP happened to me. i put in an app to your peds program last night - can you do me "
        "a massive favor and mention my name to Dr. Oyelaran? or just send her the short bio i pasted below. "
        'zero pressure\n\n"Leo Marsh, MS4, two peds electives, loves the NICU"'
    )
    assert contact(note, "unknown", kind="resident-message", applied="yes") in ("warning", "error")


def test_answering_a_post_the_program_sent_to_a_whole_list_is_not_a_reply() -> None:
    draft = _draft(
        "Your message to our whole class listserv said Birchfield IM still has SOAP positions. Because you reached "
        "out to our class, I'm writing back directly. I've applied, and I'd welcome a chance to talk with you "
        "whenever you are free.",
        subject="Re: Birchfield IM in SOAP",
    )
    assert contact(draft, "yes", applied="yes") in ("warning", "error")


def test_a_hunch_that_the_program_opened_the_application_in_eras_is_not_contact() -> None:
    draft = _draft(
        "I think your team reviewed my application in ERAS this morning, so I'm following up to say I'm very keen "
        "on the program and free any time today.",
        subject="SOAP applicant",
    )
    assert contact(draft, "yes", applied="yes") in ("warning", "error")


def test_a_cold_introduction_in_spanish_or_portuguese_is_first_contact() -> None:
    spanish = _draft(
        "Le escribo para presentarme: el lunes mandé mi solicitud por ERAS a su programa de pediatría y tendría "
        "mucho gusto en conversar con la Dra. Ortega esta semana.",
        subject="Postulante SOAP",
    )
    assert contact(spanish, "unknown", applied="yes") in ("warning", "error")


def test_a_thank_you_for_accepting_the_students_own_connection_request_is_not_a_program_contact() -> None:
    note = _draft(
        "Thanks for accepting my LinkedIn request! I applied to your surgery prelim in SOAP and saw you're a "
        "PGY-3 there. Would you be willing to let Dr. Amari know that I'm really interested?",
        subject="Hello from a SOAP applicant",
    )
    assert contact(note, "yes", kind="resident-message", applied="yes") in ("warning", "error")


def test_a_contact_from_last_years_soap_does_not_carry_over() -> None:
    draft = _draft(
        "You might remember me: your office phoned me last March during SOAP about an interview. I spent this "
        "year in research and I'm in SOAP again, so I hoped Dr. Lund could speak with me again this week.",
        subject="SOAP again",
    )
    assert contact(draft, "yes", applied="yes") in ("warning", "error")


def test_a_classmate_named_in_the_draft_interviewing_there_is_not_the_students_invitation() -> None:
    draft = _draft(
        "My friend Tomas Reyes interviewed with your family medicine program this morning and said you are still "
        "looking at applicants. I applied on Monday and would be glad to speak with you.",
        subject="Referred by a classmate",
    )
    assert contact(draft, "yes", applied="yes") in ("warning", "error")


@pytest.mark.parametrize(
    ("text", "kind", "contacted_first"),
    [
        (
            "sorry, can't make game night wednesday, SOAP round 2 is that day. not asking you anything about your "
            "program, promise, don't want to put you in an awkward spot. tacos friday?",
            "resident-message",
            "no",
        ),
        (
            "hey did you get the thursday interview email from Linfield as well, or just me? mine came at 9:10. "
            "want to run mock interviews at 7 tonight?",
            "resident-message",
            "no",
        ),
        (
            _draft(
                "As you asked at the end of our call today, here are the contact details for my surgery attending, "
                "Dr. Nia Holt (nholt@example.org), who is glad to speak with you. Thank you again for your time.",
                subject="Re: Reference after our interview",
            ),
            "follow-up",
            "yes",
        ),
    ],
    ids=["friend-declines-to-ask", "comparing-notes-with-a-classmate", "reference-the-pd-asked-for"],
)
def test_messages_that_start_no_contact_with_a_program_stay_clean(text: str, kind: str, contacted_first: str) -> None:
    assert contact(text, contacted_first, kind=kind, applied="yes") in ("pass", "info")
