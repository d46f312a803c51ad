"""Lecturing: an unasked warning about the harm the client's choices do."""

from __future__ import annotations

import pytest

from trustworks.analysis import analyze
from trustworks.analysis.lecturing import SIGNAL
from trustworks.ingest import parse


def _found(dialogue: str) -> list[str]:
    return [f.signal for f in analyze(parse(dialogue, source="<test>"), ["Seller"]).findings]


def _flagged(dialogue: str) -> bool:
    return SIGNAL in _found(dialogue)


@pytest.mark.parametrize(
    "dialogue",
    [
        # A verdict on the habit, right after they said they enjoy it.
        "Client: I know it's not ideal, but I enjoy a cigar on the porch most nights.\n"
        "Seller: Cigars are really bad for you, you know.",
        # What it does, unasked.
        "Client: I've been having a couple of glasses of wine every evening since the move.\n"
        "Seller: Alcohol can lead to liver disease and it raises your blood pressure.",
        # A consequence if they keep on.
        "Client: We've been paying the supplier late for a few months now.\n"
        "Seller: If you keep paying late, your rating will drop and it'll cost you more.",
        # A harm that could come to them.
        "Client: It was only a couple of beers before I drove home.\n"
        "Seller: You could get arrested, or worse.",
        # A limit slipped in.
        "Client: I usually have about six coffees by lunchtime.\n"
        "Seller: The recommended limit for adults is about four cups a day.",
        # A quiz that is a warning.
        "Client: I vape at my desk most of the day.\n"
        "Seller: Did you know vaping is associated with lung damage?",
        # What the product they use is full of.
        "Client: I grab a soda with every meal, it keeps me going.\n"
        "Seller: Those sodas are loaded with sugar.",
        # Waiting, priced for them.
        "Client: We'll probably look at this again next year.\n"
        "Seller: Every month you wait costs you another few thousand in overtime.",
        # A sales call: what not acting will do to them.
        "Client: We're not planning to upgrade the servers this year.\n"
        "Seller: If you don't upgrade, you'll lose customers to faster competitors.",
        "Client: I just pay the minimum on the card each month.\n"
        "Seller: Paying only the minimum will cost you thousands in interest.",
        "Client: We let the insurance lapse in March.\n"
        "Seller: Right now you're exposed to fines and lawsuits.",
        # Problems, counted.
        "Client: I've tried stopping before and it just made things harder.\n"
        "Seller: Smoking is going to cause you a lot more problems than quitting ever will.",
        # A quiz about what a product holds.
        "Client: I have two or three energy drinks on a long shift.\n"
        "Seller: Did you know one of those has more caffeine than three coffees?",
    ],
)
def test_unasked_warning_is_flagged(dialogue: str) -> None:
    assert _flagged(dialogue)


@pytest.mark.parametrize(
    "dialogue",
    [
        # They asked for it: a plain answer.
        "Client: Is smoking really that bad for my lungs?\n"
        "Seller: Yes, smoking causes lung disease and raises your risk of cancer.",
        # Asked two turns back, with a back-channel between.
        "Client: What does drinking do to blood pressure?\n"
        "Seller: Good question.\n"
        "Client: Mm-hmm.\n"
        "Seller: Alcohol can lead to high blood pressure over time.",
        # Leave asked first, and given.
        "Seller: Would it be okay if I shared some information about vaping?\n"
        "Client: Sure.\n"
        "Seller: Vaping is associated with lung damage in some studies.",
        # What they know asked first.
        "Seller: What have you heard about how alcohol affects sleep?\n"
        "Client: Not much, honestly, I thought it helped.\n"
        "Seller: It can lead to broken sleep and it raises your blood pressure.",
        # Handed back for their view.
        "Client: I have about twenty drinks a week.\n"
        "Seller: The recommended limit is fourteen, and more than that puts you at risk of "
        "liver disease. What do you make of that?",
        # Their own worry given back.
        "Client: I'm scared the smoking will give me cancer like my dad.\n"
        "Seller: You're worried it could lead to cancer, the way it did for your dad.",
        # Their own results, reported.
        "Client: Hi, I'm here for my results.\n"
        "Seller: Your cholesterol came back at 6.2 and your blood pressure was normal.",
        # An explanation of their condition, not a verdict on a choice.
        "Client: I've had two of these infections this year.\n"
        "Seller: Since you've had two, you're at a higher risk of another one.",
        # Somebody else's story.
        "Client: My husband has the same thing.\n"
        "Seller: He was given an injection, which causes heart damage in rare cases.",
    ],
)
def test_asked_for_or_handed_back_is_not_flagged(dialogue: str) -> None:
    assert not _flagged(dialogue)


def test_leave_declined_is_no_leave() -> None:
    dialogue = (
        "Seller: Would you like some information on the risks?\n"
        "Client: No thanks, I've heard it all before.\n"
        "Seller: Smoking causes lung cancer and heart disease."
    )
    assert _flagged(dialogue)


def test_a_no_to_what_they_know_keeps_the_leave() -> None:
    dialogue = (
        "Seller: Would it be okay if I shared some information about drinking?\n"
        "Client: Sure.\n"
        "Seller: Have you heard of the low-risk drinking guidelines?\n"
        "Client: No.\n"
        "Seller: The recommended limit for women is ten drinks a week, two a day at most."
    )
    assert not _flagged(dialogue)


def test_a_turn_counts_once() -> None:
    dialogue = (
        "Client: I like smoking, it relaxes me.\n"
        "Seller: Smoking is bad for you. It causes lung cancer. You could lose your life."
    )
    assert _found(dialogue).count(SIGNAL) == 1


def test_words_another_rule_speaks_for_are_not_counted_again() -> None:
    # "You could die" is a fear appeal: that finding speaks for the words.
    dialogue = (
        "Client: I only drink on weekends.\nSeller: You could actually die from drinking that much."
    )
    found = _found(dialogue)
    assert "appeals_to_fear_or_guilt" in found
    assert SIGNAL not in found


def test_a_sentence_another_rule_speaks_for_leaves_the_others_to_be_judged() -> None:
    # The fear appeal is that finding; the list of diseases after it is a lecture of its own.
    dialogue = (
        "Client: I only drink on weekends.\n"
        "Seller: You could actually die from drinking that much. "
        "Alcohol also causes liver disease and heart disease."
    )
    found = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    lectures = [f for f in found if f.signal == SIGNAL]
    assert [f.evidence for f in lectures] == [
        "Alcohol also causes liver disease and heart disease."
    ]
    assert any(f.signal == "appeals_to_fear_or_guilt" for f in found)


def test_a_question_they_ask_themselves_asks_nothing() -> None:
    # "How do I put this?" mid-turn is not a question to the seller.
    dialogue = (
        "Client: I didn't want to be, um, how do I put this? I wanted to be in control, so "
        "I didn't let myself drink too much.\n"
        "Seller: Drinking at your age can lead to accidents and serious health problems."
    )
    assert _flagged(dialogue)
