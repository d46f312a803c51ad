"""Record questions (intake, for the record, booking slots, a history) are the form's."""

from __future__ import annotations

import pytest

from trustworks import conversation_from_pairs
from trustworks.analysis import analyze
from trustworks.analysis.records import (
    FIGURE_OF_SPEECH,
    BookingTalk,
    asks_for_a_slot,
    fills_a_booking,
    for_the_record,
    is_intake,
    names_their_symptom,
    takes_a_history,
)


@pytest.mark.parametrize(
    ("question", "intake"),
    [
        ("What is your membership level?", True),
        ("Can I have your date of birth, please?", True),
        ("What medicines do you take for the pain?", True),
        ("What is the answer to your second security question?", True),
        ("Do you remember your birth date?", True),
        # How it is for them, a plan, or a longer question asks about the person.
        ("How do you feel about taking medication every day?", False),
        ("What gets in the way of taking your meds?", False),
        ("How old are you hoping to be when you stop working?", False),
        (
            "Could you tell me which medications you take and how they have been working "
            "out for you lately?",
            False,
        ),
    ],
)
def test_records_intake_is_a_short_question_for_the_form(question: str, intake: bool) -> None:
    assert is_intake(question) is intake


@pytest.mark.parametrize(
    ("question", "recorded"),
    [
        ("And just for our records, how old are you and what do you do for a living?", True),
        ("Do you have any family history of arthritis?", True),
        ("How are you related to the patient?", True),
        # An account's security questions.
        ("What was your mother's maiden name?", True),
        ("And what was the name of the pet you had as a child?", True),
        # A relationship's or a career's story, and a plain "for the record", are not.
        ("What's your history with the current agency?", False),
        ("What is your history in sales?", False),
        ("For the record, how do you want us to handle it?", False),
        ("What was the name of your first boss?", False),
    ],
)
def test_records_for_the_record_names_a_record(question: str, recorded: bool) -> None:
    assert for_the_record(question) is recorded


@pytest.mark.parametrize(
    ("before", "question", "slot"),
    [
        ("", "Where are you flying from?", True),
        ("", "When would you like to check in?", True),
        # A slot that may be a life's plan is the form's only in a booking.
        ("I'd like to RSVP to Mark's party.", "How many guests are you hoping to have?", True),
        ("We're getting married in June.", "How many guests are you hoping to have?", False),
        ("", "When do you leave for your trip?", False),
        ("", "How many nights a week are you away?", False),
        # When they come and go, are free or the booked thing ends, which of the things on
        # offer and how many: the task's slots in a booking, scheduling or service chat.
        ("I need a room at the Shadyside Inn.", "When are you arriving?", True),
        ("I need a room at the Shadyside Inn.", "When will you be leaving again?", True),
        ("I'd like to RSVP.", "When are you planning to arrive at the party?", True),
        ("I need to RSVP to a party.", "At what venue is the party taking place?", True),
        ("I'd like to schedule a meeting.", "When do you expect the meeting to wrap up?", True),
        ("I want to view an apartment.", "What apartment are you interested in?", True),
        ("I'm looking for an apartment.", "How many bedrooms are you looking for?", True),
        ("", "When are you available?", True),
        ("", "At what time can you be at the clinic?", True),
        ("I want to view an apartment.", "Have you already paid the application fee?", True),
        ("I need a hotel in the north.", "What price range are you looking for?", True),
        ("We need a new CRM.", "What price range are you looking for?", False),
        ("I need a hotel room.", "Do you have any customer requests?", True),
        ("I need a hotel room.", "Any particular location you would like to stay at?", True),
        ("We're going on a camping trip.", "Do you have any preferences for the items?", False),
        # Outside a booking, or asked of their story or their world, they are curiosity.
        ("My sister lives in Leeds.", "When will you be leaving again?", False),
        ("My sister lives in Leeds.", "Which city are you from?", False),
        ("I'd like a room for Friday.", "When did you arrive in town?", False),
        ("I'd like a room for Friday.", "How many people are on your team?", False),
        ("I'd like a room for Friday.", "How long have you lived there?", False),
    ],
)
def test_records_fills_a_booking_reads_the_turns_so_far(
    before: str, question: str, slot: bool
) -> None:
    said = BookingTalk([turn for turn in (before, question) if turn])
    assert fills_a_booking(question, said) is slot


@pytest.mark.parametrize(
    ("turns", "named"),
    [
        (["We're getting married in June.", "How many guests?"], [False, False]),
        (["I'd like a room.", "Sure.", "How many guests?"], [True, True, True]),
        # A name across two turns, as the turns joined read it.
        (["Hi, I'd like a table", "for two, please.", "When?"], [False, True, True]),
        (["We were in the car", "", "hire", "ok"], [False, False, False, False]),
        (["Just checking", "in on you."], [False, True]),
    ],
)
def test_records_booking_talk_reads_the_turns_as_joined(
    turns: list[str], named: list[bool]
) -> None:
    said: list[str] = []
    booking = BookingTalk(said)
    for turn, expected in zip(turns, named, strict=True):
        said.append(turn)
        assert booking.named() is expected
        assert BookingTalk(list(said)).named() is expected


@pytest.mark.parametrize(
    ("their_turn", "before", "question", "open_question", "history"),
    [
        ("", "", "Do you feel any numbness in your fingers?", False, True),
        # The body's workings checked one by one are the history too.
        ("", "", "Have you had any trouble swallowing lately?", False, True),
        ("", "", "Did you get any palpitations or night sweats?", False, True),
        ("", "", "And what have you taken for the pain so far?", True, True),
        # The symptom may be named just before: by them, or in the seller's own list.
        (
            "I've had this rash on my arm for a while.",
            "",
            "How long has it been there?",
            True,
            True,
        ),
        (
            "",
            "Chest pain? Shortness of breath? ",
            "Anything like that you've noticed?",
            False,
            True,
        ),
        # A figure of speech or a business's ills, and how it is for them, are no history.
        ("Invoicing has been a real headache this year.", "", "When did it start?", True, False),
        ("Our churn has been terrible this quarter.", "", "When did it start?", True, False),
        ("My back hurts all the time.", "", "How is it affecting your work?", True, False),
        # An open question that asks for no detail invites them to talk.
        ("", "", "What can you tell me about your marijuana use?", True, False),
        ("", "", "How much pain is the reconciliation causing your team each month?", True, False),
    ],
)
def test_records_takes_a_history_of_their_body_and_habits(
    their_turn: str, before: str, question: str, open_question: bool, history: bool
) -> None:
    taken = takes_a_history(
        question, open_question=open_question, before=before, their_turn=their_turn
    )
    assert taken is history


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Invoicing has been a real headache this year.", True),
        ("Any pain with the current invoicing process?", True),
        ("I have the worst headache of my life.", False),
        ("Any pain in your back from the office chair?", False),
    ],
)
def test_records_a_figure_of_speech_names_no_symptom(text: str, figure: bool) -> None:
    assert (FIGURE_OF_SPEECH.search(text) is not None) is figure


@pytest.mark.parametrize(
    "question",
    [
        "On what day would you like your party organised?",
        "What's your name, please?",
        "Okay, and what time suits you best?",
        "What would you say your pain score is, out of ten?",
        "On a scale of one to ten, ten being severe, how would you rate the pain?",
    ],
)
def test_a_slot_or_a_symptoms_rating_is_the_forms(question: str) -> None:
    assert asks_for_a_slot(question)


@pytest.mark.parametrize(
    "question",
    [
        "How many people are on your team?",  # discovery of their world
        "How much do you spend on coffee a day?",
        "What day-to-day problems does the team run into?",
        "On a scale of one to ten, how confident are you that you can do it?",
        "What would a good day look like for you?",
    ],
)
def test_other_questions_are_not_slots(question: str) -> None:
    assert not asks_for_a_slot(question)


@pytest.mark.parametrize(
    "question",
    [
        "What's the best number to reach you on?",
        "And what's her date of birth?",
        "Which day would suit you better, Monday or Tuesday?",
        "When would you like us to come?",
        "What day and time would work for you?",
        "What day did you have in mind for the meeting?",
        "How bad is your headache, out of 10?",
        "Where would you put the pain, zero being none and ten the worst?",
    ],
)
def test_slots_and_ratings_in_other_words(question: str) -> None:
    assert asks_for_a_slot(question)


@pytest.mark.parametrize(
    "question",
    [
        "What is your number one priority for the new system?",  # a noun that only leads
        "What's the name of the tool you use now?",
        "What time frame are you working with?",
        "What days are your busiest?",
        "How would you score your confidence, out of ten, given the pain?",  # a ruler
    ],
)
def test_a_slot_noun_that_only_leads_is_their_world(question: str) -> None:
    assert not asks_for_a_slot(question)


def _checks(seller_turn: str) -> list[str]:
    pairs = [("Client", "We're looking at options for next year."), ("Seller", seller_turn)]
    found = analyze(conversation_from_pairs(pairs, seller="Seller")).findings
    return [f.evidence for f in found if f.signal == "asks_if_understood_right"]


@pytest.mark.parametrize(
    "turn",
    [
        "The file from your broker says the lease ends in June. Is that right?",
        "Our system shows two open tickets on your account. Is that correct?",
        "I see here you renewed in March. Is that right?",
        "So I hear you're opening a second warehouse. Is that correct?",
        "Right, so I see you have two open invoices and a credit note. Is that correct?",
        "So you've come to see me today because your inhaler ran out, is that right?",
        "You're here today for the annual review of the lease. Is that correct?",
        "I believe it's normally Priya who looks after you on the account side, is that right?",
    ],
)
def test_a_check_of_what_the_file_says_of_them_is_no_check_of_a_summary(turn: str) -> None:
    assert _checks(turn) == []


@pytest.mark.parametrize(
    "turn",
    [
        "So the renewal is in March and finance signs off. Is that right?",
        "So you told me the pilot stalled at legal and the budget moved to Q3. Is that right?",
        "It says here you're in Leeds? Okay. So the board wants it live by May. Is that right?",
        # A record's words in their own account are theirs.
        "So you've got a 3-year-old at home and you're exhausted. Is that right?",
        "So your sister says you should quit, and you're not sure. Is that right?",
        "So the pain shows up mostly at night. Is that right?",
        "So you came in because the knee gave way on the stairs. Is that right?",
    ],
)
def test_a_check_of_their_own_account_still_counts(turn: str) -> None:
    assert _checks(turn) != []


def _asks_after_life(seller_turn: str) -> bool:
    pairs = [("Client", "Sure, go ahead."), ("Seller", seller_turn)]
    found = analyze(conversation_from_pairs(pairs, seller="Seller")).findings
    return any(f.signal == "asks_after_personal_life" for f in found)


@pytest.mark.parametrize(
    "turn",
    [
        "Let's go through your family history. How's your mother doing, any heart trouble there?",
        "Does diabetes run in your family, and how is your father doing?",
        "Medical history? How's your dad doing?",
        "Any allergies? Okay. Now your family history, anyone with heart disease, diabetes or "
        "cancer that you know of, even distant relatives. How's your dad doing?",
    ],
)
def test_a_question_about_their_family_in_a_history_takes_the_history(turn: str) -> None:
    assert not _asks_after_life(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "How's your dad doing? Last time you said he'd moved in with you.",
        "We covered the medical history last week. Anything new? Good. How's your wife doing?",
    ],
)
def test_a_question_about_their_family_outside_a_history_asks_after_their_life(
    turn: str,
) -> None:
    assert _asks_after_life(turn)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("How many days has it been since your headaches started?", True),
        ("How is your urine and feces?", True),
        ("Where's your rash?", True),
        # Habits, a figure of speech and a business's ills name no symptom of theirs.
        ("So how many cigarettes would that be?", False),
        ("When you're hanging out, is there ever alcohol?", False),
        ("How long has invoicing been a real headache?", False),
        ("How many people on your team have back pain?", False),
    ],
)
def test_records_names_their_symptom_not_a_habit_nor_a_business_s(
    question: str, named: bool
) -> None:
    assert names_their_symptom(question) is named
