"""Asking for a name, a time or a head count the client has just given spends listening."""

from __future__ import annotations

import pytest

from trustworks.analysis import analyze
from trustworks.analysis.about_them import SIGNAL as ABOUT_THEM
from trustworks.analysis.asked_again import SIGNAL
from trustworks.ingest import parse


def _signals(dialogue: str) -> list[tuple[str, str]]:
    conversation = parse(dialogue, source="<test>")
    found = analyze(conversation, ["Seller"]).findings
    return [(f.signal, f.evidence) for f in found if f.turn == len(conversation.turns) - 1]


@pytest.mark.parametrize(
    ("dialogue", "evidence"),
    [
        (
            "Client: I am Ben and would like to RSVP to Angela's party at 5PM.\n"
            "Seller: Great. When are you planning to arrive at the party?",
            "When are you planning to arrive at the party?",
        ),
        (
            "Client: My name is Alexis. I want to book a viewing for Saturday.\n"
            "Seller: Could I get your name, please?",
            "Could I get your name, please?",
        ),
        # Given two turns back, between them only the answer to another question.
        (
            "Client: hello, my name is brian and i want to check my balance\n"
            "Seller: Can you tell me your account number, please?\n"
            "Client: i dont remember it!\n"
            "Seller: Could I get your full name, please?",
            "Could I get your full name, please?",
        ),
        # Their turns are read one by one: "don't" in the answer between is no name taken
        # back.
        (
            "Client: hello, my name is brian and i want to check my balance\n"
            "Seller: Can you tell me your account number, please?\n"
            "Client: I don't remember it!\n"
            "Seller: Could I get your full name, please?",
            "Could I get your full name, please?",
        ),
        (
            "Client: It's a dinner for 12 people on Friday.\n"
            "Seller: How many people will be attending?",
            "How many people will be attending?",
        ),
    ],
)
def test_a_question_for_what_they_just_said_is_found(dialogue: str, evidence: str) -> None:
    found = _signals(dialogue)
    assert (SIGNAL, evidence) in found
    # The same question earns no credit for asking about them: it is the act that spent it.
    assert all(signal != ABOUT_THEM for signal, _ in found)


@pytest.mark.parametrize(
    "dialogue",
    [
        # Checking what was heard is listening.
        "Client: I am Ben and would like to RSVP to Angela's party at 5PM.\n"
        "Seller: Is that 5 PM for your arrival, then?",
        "Client: My name is Alexis.\nSeller: Could I get your last name, please?",
        # Another time than the one given: the end, or after theirs was taken back.
        "Client: The party starts at 8 pm.\nSeller: And when will it end?",
        "Client: 5 pm won't work for the party after all.\n"
        "Seller: What time would suit you for the party?",
        # Asked, a condition, a choice, or someone else's name or count.
        "Client: Is the party at 5 pm?\nSeller: What time would you like the party to start?",
        "Client: If the party is at 5 pm I might come.\nSeller: When will you arrive at the party?",
        "Client: This is Angela's party at West Bay.\nSeller: May I have your name, please?",
        "Client: My name is not important, I just want a table.\nSeller: What's your name?",
        "Client: There are 20 people on my team.\nSeller: How many people will use the software?",
        "Client: It's either two people or three people, I'm not sure yet.\n"
        "Seller: How many people will be joining?",
        # A time of something else: their date is not the viewing.
        "Client: I have a date by 8pm on Thursday.\n"
        "Seller: When would you like the viewing to start?",
        # Nothing given yet, or a name that is not theirs, or not a name at all.
        "Client: Hi, I'd like to book a table.\nSeller: Sure, how many people will be joining?",
        "Client: My doctor's name is Dr. Johnson.\nSeller: Could I get your name, please?",
        "Client: It's Wednesday.\nSeller: May I have your name, please?",
        "Client: I'm Sorry, I forgot.\nSeller: What's your name?",
    ],
)
def test_questions_that_heard_them_or_ask_something_new_are_not_found(dialogue: str) -> None:
    assert all(signal != SIGNAL for signal, _ in _signals(dialogue))


REPEATS = "repeats_the_same_words"


def test_a_turn_said_again_word_for_word_after_their_answer_is_found() -> None:
    dialogue = (
        "Seller: OK, the venue can host you on Tuesday at 9 pm. Can I book it for you now?\n"
        "Client: It's for Mark's engineering degree, he starts at the toy factory.\n"
        "Seller: OK, the venue can host you on Tuesday at 9 pm. Can I book it for you now?"
    )
    assert REPEATS in [signal for signal, _ in _signals(dialogue)]


@pytest.mark.parametrize(
    "dialogue",
    [
        # They asked to hear it again.
        "Seller: Could you provide me with the name of the host, please?\nClient: Sorry?\n"
        "Seller: Could you provide me with the name of the host, please?",
        # A step on that ends on the same check.
        "Seller: Go east on Forbes. Can I proceed or do you require more detailed instructions?\n"
        "Client: Proceed.\n"
        "Seller: Turn left at Murray. Can I proceed or do you require more detailed instructions?",
        # A short courtesy said again.
        "Seller: Thank you so much.\nClient: Ben\nSeller: Thank you so much.",
        # The same news, the answer again to a new request.
        "Seller: I am very sorry, but it looks like all venues are booked out then.\n"
        "Client: What about Thursday?\n"
        "Seller: I am very sorry, but it looks like all venues are booked out then.",
    ],
)
def test_a_repeat_they_asked_for_or_with_something_new_is_not_found(dialogue: str) -> None:
    assert all(signal != REPEATS for signal, _ in _signals(dialogue))


def test_the_rewrite_never_gives_back_the_turn_that_told_nothing() -> None:
    conversation = parse(
        "Client: hello, my name is brian and i want to check my balance\n"
        "Seller: Can you tell me your account number, please?\n"
        "Client: i dont remember it!\n"
        "Seller: Could I get your full name, please?",
        source="<test>",
    )
    found = [f for f in analyze(conversation, ["Seller"]).findings if f.signal == SIGNAL]
    # The turn in between is no part of it: "You said 'i dont remember it'" would be wrong.
    assert found and "remember" not in (found[0].rewrite or "")
