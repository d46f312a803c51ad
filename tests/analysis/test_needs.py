"""A need said next to the speaker's own state, in two sentences."""

from __future__ import annotations

import pytest

from trustworks import conversation_from_pairs
from trustworks.analysis import analyze
from trustworks.analysis.needs import SIGNAL


def _needs(reply: str) -> list[str]:
    pairs = [("Ana", "What do you need most for the trip?"), ("Sam", reply)]
    analysis = analyze(conversation_from_pairs(pairs, seller="Sam"))
    return [f.evidence for f in analysis.findings if f.signal == SIGNAL and f.turn == 1]


@pytest.mark.parametrize(
    ("reply", "need"),
    [
        ("I have an unusually high metabolism. I need the extra food.", "I need the extra food."),
        ("I really need the firewood. I have asthma.", "I really need the firewood."),
        ("We need a lot of water. We didn't bring enough.", "We need a lot of water."),
        # ("Honestly," opening the sentence is read past, and the need quoted from its words.)
        ("Honestly, we need more time. We only have one analyst.", "we need more time."),
        # A want or a preference is a need said as plainly, and a fear a state behind it.
        ("I prefer the firewood. I always get cold very easily.", "I prefer the firewood."),
        ("I'd love extra food. We are a big family.", "I'd love extra food."),
        (
            "I would really prefer the 3 firewood. I am really worried about getting lyme "
            "disease from mosquitos.",
            "I would really prefer the 3 firewood.",
        ),
    ],
)
def test_a_need_beside_the_speakers_own_state_is_said_plainly(reply: str, need: str) -> None:
    assert _needs(reply) == [need]


@pytest.mark.parametrize(
    ("reply", "need"),
    [
        # Said after "no, I think", and a hard place as the state behind it.
        (
            "No I think I need all the water. I'm in the desert and there's no water supply.",
            "No I think I need all the water.",
        ),
        ("I need the firewood. It gets freezing at night.", "I need the firewood."),
        ("We need extra food. There are no stores for fifty miles.", "We need extra food."),
        # The goods named as what matters to them, beside the state or after it.
        (
            "Water is really important to me. I get dehydrated easily.",
            "Water is really important to me.",
        ),
        (
            "I have diabetes, so water and food are super important to me.",
            "I have diabetes, so water and food are super important to me.",
        ),
    ],
)
def test_a_need_beside_a_hard_place_or_named_as_what_matters_is_said_plainly(
    reply: str, need: str
) -> None:
    assert _needs(reply) == [need]


@pytest.mark.parametrize(
    "reply",
    [
        "I need food. I will give you all the water.",  # a trade offered, no reason
        "I need food. I'm going to give you all the water.",
        "I need to go. I have a meeting.",  # a need to do, not of something
        "I need your address. We have a form to fill in.",  # asked of them
        "I need the firewood. I'm happy to give you the food.",  # an offer
        "Do you need the firewood? I have plenty.",  # a question
        "I need the firewood.",  # no state beside it
        "I need the firewood. I'm not sure why.",  # no state of theirs
        "I need the firewood. I have no idea what you want.",
        "I need the firewood. I will be honest with you.",
        "I need the firewood. I can't stand your offer.",
        "I need the firewood. We are done here.",
        "I need the firewood. I have 3 and you have 0.",
        "I like the firewood. I always get cold.",  # a taste, not a want
        "I would like you to sign. We have a big team.",  # asked of them
        "I want to go. I have a meeting.",
        "I need the firewood. I'm in the office today.",  # no hardship
        "Water is really important to me.",  # no state beside it
    ],
)
def test_a_need_without_a_state_of_their_own_beside_it_is_not(reply: str) -> None:
    assert not _needs(reply)


def test_the_clients_needs_are_not_the_sellers() -> None:
    pairs = [("Ana", "I have asthma. I need the firewood."), ("Sam", "Okay.")]
    analysis = analyze(conversation_from_pairs(pairs, seller="Sam"))
    assert not [f for f in analysis.findings if f.signal == SIGNAL]


@pytest.mark.parametrize(
    "reply",
    [
        "Hello I'm very thirsty and would appreciate some more water please",
        "I have a big group heading out and we could use some extra supplies.",
        "I am camping in a pretty damp jungle area, so I would like 3 firewood please.",
        "We have three kids and would like to have more food.",
        "We're a large team and would like 40 seats on the annual plan.",
    ],
)
def test_a_state_that_goes_on_to_what_it_makes_them_want_is_said_plainly(reply: str) -> None:
    assert _needs(reply) == [reply]


@pytest.mark.parametrize(
    "reply",
    [
        "I am going camping and would like to take some extra supplies.",  # where, no why
        "I'm fine and would like to know what you need.",  # no state, nothing wanted
        "I have a big group and would like you to call me back.",  # asked of them
        "I'm very thirsty, would you like some more water?",  # a question
        "I'd like some more water and I'm thirsty.",  # the state comes second: the catalogue's
    ],
)
def test_a_state_without_a_want_of_something_after_it_is_not(reply: str) -> None:
    assert not _needs(reply)


@pytest.mark.parametrize(
    "said",
    [
        "You can have all of them. As long as I have enough water and food to survive.",
        "I'll take 2 firewood (I don't know if you need any or can get by without it).",
        "I hear we have some materials to share between the two of us.",
    ],
)
def test_a_condition_the_others_lot_or_the_shared_pool_is_nothing_to_spare(said: str) -> None:
    dialogue = conversation_from_pairs([("Client", "I need food."), ("Sam", said)], seller="Sam")
    assert "says_what_they_can_spare" not in [f.signal for f in analyze(dialogue).findings]


@pytest.mark.parametrize(
    ("reply", "need"),
    [
        # The reason in the sentence before, pointed back at; a proposal after a comma.
        (
            "We plan a lot of hiking. Due to this we will need extra food and water, how about "
            "I take all the food?",
            "Due to this we will need extra",
        ),
        ("It gets cold at night, so I need the firewood, okay?", "so I need the"),
    ],
)
def test_a_need_after_its_reason_is_said_plainly(reply: str, need: str) -> None:
    assert _needs(reply) == [need]


@pytest.mark.parametrize(
    "reply",
    ["So do we need the firewood?", "It is late, so we need your signature, okay?"],
)
def test_a_need_asked_or_asked_of_them_after_a_reason_is_not(reply: str) -> None:
    assert not _needs(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "I was hoping I could have the extra firewood because my group is staying longer.",
        "I'm most interested in acquiring firewood, since I don't want my fire to burn out.",
        "I would really like some extra firewood to keep the chill off at night.",
    ],
)
def test_a_share_hoped_for_or_wanted_with_its_reason_is_said_plainly(reply: str) -> None:
    assert _needs(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "I'm interested in your product because it looks great.",
        "We're hoping to get your feedback because it helps us.",
        "I would like some time to think.",
        "Were you hoping to get the firewood because of the cold?",
    ],
)
def test_interest_in_theirs_or_a_want_without_a_reason_is_no_need(reply: str) -> None:
    assert not _needs(reply)


@pytest.mark.parametrize(
    ("reply", "found"),
    [
        ("It's what I can afford as a student.", True),
        ("That's all we can afford right now.", True),
        ("That's the most I can pay because my budget is fixed.", True),
        ("That's the most I can offer.", False),  # a last word, no reason
        ("Is that all you can afford?", False),
    ],
)
def test_what_they_can_afford_is_their_need_said_plainly(reply: str, found: bool) -> None:
    assert bool(_needs(reply)) is found


@pytest.mark.parametrize(
    ("reply", "need"),
    [
        # The need said in the future, or as being in need of something.
        (
            "I have a medical condition that makes me cold. I will thus need the firewood.",
            "I will thus need the firewood.",
        ),
        ("We'll definitely need the food. We have three kids.", "We'll definitely need the food."),
    ],
)
def test_a_need_said_in_the_future_beside_their_state_is_said_plainly(
    reply: str, need: str
) -> None:
    assert need in _needs(reply)


@pytest.mark.parametrize(
    ("reply", "signal"),
    [
        # The reason first and a hedged need after it is still the need said with its reason.
        ("We're hiking tomorrow morning so maybe we'll need some more water.", SIGNAL),
        ("I have a big family, so we'll probably need some more food.", SIGNAL),
        # What they have spare, offered.
        ("I have some extra firewood if you want.", "says_what_they_can_spare"),
        ("We have spare water you can have.", "says_what_they_can_spare"),
    ],
)
def test_a_hedged_need_after_its_reason_or_a_spare_offered_is_said_plainly(
    reply: str, signal: str
) -> None:
    pairs = [("Ana", "What do you need most for the trip?"), ("Sam", reply)]
    found = analyze(conversation_from_pairs(pairs, seller="Sam")).findings
    assert signal in [f.signal for f in found]


@pytest.mark.parametrize(
    "reply",
    [
        "I have extra work for you.",
        "Do you have extra firewood if you want?",
        "We have extra fees if you want express shipping.",
        "We have extra seats you can have for 10 dollars each.",
    ],
)
def test_extra_work_or_a_question_is_nothing_spared(reply: str) -> None:
    pairs = [("Ana", "What do you need most for the trip?"), ("Sam", reply)]
    found = analyze(conversation_from_pairs(pairs, seller="Sam")).findings
    assert "says_what_they_can_spare" not in [f.signal for f in found]
