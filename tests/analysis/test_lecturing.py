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
