"""A reflection is recognised by what it restates, not by a stock phrase."""

from __future__ import annotations

import pytest

from tests.dialogue import signals_in
from trustworks.analysis import LiveAnalyzer, Settings, analyze
from trustworks.ingest import parse

CLIENT = (
    "Client: The buddy system worked when people had time for it, "
    "but time is the real constraint now."
)


def _restates(reply: str) -> bool:
    found = analyze(parse(f"{CLIENT}\nSeller: {reply}", source="<t>"), ["Seller"]).findings
    return any(f.signal == "restates_their_words" for f in found)


@pytest.mark.parametrize(
    "reply",
    [
        "So the buddy system worked when people had time, and time is the real constraint. "
        "Is that right?",
        "It sounds like the buddy system only works when people have time.",
        "You're saying time is the constraint, not the buddy system itself.",
    ],
)
def test_echo_a_restatement_in_their_words_is_a_reflection(reply: str) -> None:
    assert _restates(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "So our onboarding module replaces the buddy system and saves time.",
        "Our platform handles that.",
        "It sounds like a common problem.",
    ],
)
def test_echo_a_pitch_or_a_generic_remark_is_not(reply: str) -> None:
    assert not _restates(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "So I can give the buddy system a time budget today.",
        "Your buddy system time is the constraint we fix with our module.",
    ],
)
def test_echo_the_sellers_own_offer_in_their_words_is_not(reply: str) -> None:
    assert not _restates(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "So how about you take the buddy system time and I take the rest?",
        "So you get two buddy system slots and the real constraint goes away, does that work?",
    ],
)
def test_echo_terms_put_in_their_words_are_a_proposal_not_a_reflection(reply: str) -> None:
    assert not _restates(reply)


def test_echo_curly_apostrophes_still_restate() -> None:
    assert _restates("You’re saying time is the constraint, not the buddy system itself.")


def test_echo_restates_only_the_clients_last_turn_and_only_once() -> None:
    live = LiveAnalyzer(["Seller"], settings=Settings(semantic=False))
    turns = [
        ("Client", CLIENT.removeprefix("Client: ")),
        ("Client", "Anyway, the budget was approved yesterday."),
        ("Seller", "You're saying time is the constraint, not the buddy system itself."),
        ("Seller", "So the budget was approved, yesterday of all days."),
        ("Seller", "So the budget was approved yesterday."),
    ]
    restated = [
        number
        for number, (speaker, text) in enumerate(turns)
        if any(f.signal == "restates_their_words" for f in live.add(speaker, text).findings)
    ]
    assert restated == [3]


def _restates_after(client: str, reply: str) -> bool:
    found = analyze(parse(f"Client: {client}\nSeller: {reply}", source="<t>"), ["Seller"])
    return any(f.signal == "restates_their_words" for f in found.findings)


@pytest.mark.parametrize(
    ("client", "reply"),
    [
        # Setting them right with their words is teaching, not giving them back.
        (
            "Honestly a glass of wine is the only thing that calms me down after work.",
            "You're not alone, many people think wine calms them down, and in reality it "
            "keeps the body on edge through the night.",
        ),
        # Reading out the record restates the record.
        (
            "The pharmacist gave me new tablets for the blood pressure last week.",
            "So according to the chart, the pharmacist gave you amlodipine for the blood pressure.",
        ),
        # Their earlier words held against them in an argument.
        (
            "You're being greedy, I need the tents and the stove for my family.",
            "You said you only needed the tents for your family. Now you're asking for the "
            "stove too.",
        ),
        # Their offer taken up as the seller's own counter-offer.
        (
            "Hi, I'd like to take all of the stoves and tents. you can have the lantern",
            "Hello! I'd like one of the stoves and 2 of the tents. "
            "You are free to take the lantern.",
        ),
    ],
)
def test_echo_their_words_not_given_back_are_no_reflection(client: str, reply: str) -> None:
    assert not _restates_after(client, reply)


def test_echo_a_reflection_beside_a_record_still_counts() -> None:
    # "You said..." without holding it against them, and without a record, is a reflection.
    assert _restates_after(
        "The pharmacist gave me new tablets for the blood pressure last week.",
        "So the pharmacist gave you new tablets for the blood pressure. How are they going?",
    )


@pytest.mark.parametrize(
    ("client", "reply"),
    [
        (
            "I've been drinking every night but I want to stop drinking, it ruins my mornings.",
            "So now you want to stop drinking because it's ruining your mornings.",
        ),
        (
            "My boss contradicts me in every meeting and it drives me mad.",
            "So your boss contradicts you in every meeting.",
        ),
        (
            "I keep going back on my promises to myself about the gym.",
            "So you keep going back on your promises to yourself about the gym.",
        ),
    ],
)
def test_echo_their_story_of_a_change_or_a_contradiction_is_given_back(
    client: str, reply: str
) -> None:
    # Only a charge about what they said in this talk holds their words against them.
    assert _restates_after(client, reply)


def test_echo_their_words_with_other_endings_are_still_theirs() -> None:
    """ "Workplaces" for "workplace": the same word given back. (Only the stem makes the second
    shared word here: "smoke-free" alone is one.)"""
    found = signals_in(
        """
        Client: My workplace has just gone smoke-free, and I'm not happy about it.
        Seller: So your workplaces went smoke-free and you're not pleased.
        """
    )
    assert "restates_their_words" in found


def test_echo_their_offer_accepted_is_no_restatement() -> None:
    found = signals_in(
        """
        Client: How about 2 chairs and the lamp for me, the desk and 1 chair for you? Sound good?
        Seller: Sounds like a good deal to me.
        """
    )
    assert "restates_their_words" not in found


def test_echo_what_i_hear_you_saying_is_a_summary_not_a_grant() -> None:
    """ "So what I hear you saying is..." plays their story back; it grants no position."""
    found = signals_in(
        """
        Client: The move went badly, but my sister drove down and helped us unpack.
        Seller: So what I hear you saying is your sister came through when it mattered.
        """
    )
    assert "reflects_back_understanding" in found
    assert "acknowledges_their_position" not in found


@pytest.mark.parametrize(
    ("client", "reply"),
    [
        (
            "We are camping by a creek. We will need a bit of firewood and a lot of food.",
            "Okay. I think you need the food the most, then.",
        ),
        (
            "Reporting is the priority for us, the exports come second.",
            "I take it you need the reporting more than the exports.",
        ),
    ],
)
def test_echo_their_need_read_back_to_them_is_a_reflection(client: str, reply: str) -> None:
    assert _restates_after(client, reply)


@pytest.mark.parametrize(
    ("client", "reply"),
    [
        # Nothing they said they need: the seller's guess about them, or a claim dressed as one.
        (
            "I'd take 3 firewood and 1 food, leaving you with 3 water and 2 food.",
            "I think you would need water more than food, just in case.",
        ),
        # What they should do or buy, not what they need.
        ("We need better reporting, our plan is basic.", "I think you need to upgrade your plan."),
        # No word of priority: "I think you need the plan" presumes.
        ("We need better reporting, our plan is basic.", "I think you need the premium plan."),
    ],
)
def test_echo_a_need_guessed_or_prescribed_is_no_reflection(client: str, reply: str) -> None:
    assert not _restates_after(client, reply)


@pytest.mark.parametrize(
    ("client", "reply"),
    [
        (
            "It's like overall weakness in my legs. I feel so tired.",
            "So, is your weakness overall in your legs or at a single point?",
        ),
        (
            "I like the salt and vinegar potato chips, they're really good.",
            "So where are you eating those salt and vinegar potato chips?",
        ),
        (
            "Things got stressful at work and I just started smoking again.",
            "Well you are absolutely correct, stress at work can be a trigger for smoking.",
        ),
        (
            "I'm planning a ton of hiking and climbing on the camping trip.",
            "So if you're planning a ton of hiking and climbing, you'll need more food.",
        ),
    ],
)
def test_a_new_question_or_the_speakers_own_case_is_no_restatement(client: str, reply: str) -> None:
    assert not _restates_after(client, reply)


def test_a_condition_of_theirs_given_back_still_restates() -> None:
    assert _restates_after("It hurts when I pivot on that knee.", "So if you pivot, it hurts.")


@pytest.mark.parametrize(
    "reply",
    [
        # Named as what they said, one word of theirs is enough, from a turn or two back...
        "Okay, and you said that's been ongoing for several months, do you know what caused it?",
        "Just a couple questions for you. You did say the pain comes at night?",
    ],
)
def test_echo_their_words_recalled_as_theirs_are_given_back(reply: str) -> None:
    dialogue = (
        "Client: My right wrist has been bothering me for a few months, with pain at night.\n"
        "Seller: Thanks for coming in.\n"
        "Client: Yes, that's right.\n"
        f"Seller: {reply}"
    )
    assert "restates_their_words" in signals_in(dialogue)


@pytest.mark.parametrize(
    "reply",
    [
        # ...but not recalled to argue, to claim a share or to pitch.
        "I thought you said you only needed one water?",
        "You said you didn't need the water!",
        "You said you don't need water, so let's agree on me having 3.",
        "You said you would give me 2 waters.",
        "You said water matters, and our filters are the best on the market.",
        "I don't agree with what you said about the water.",
        "You told me nothing about the water last time either.",
        "Oh sure, you said the water matters less. Sure you do.",
        "Yeah right, you said the water matters less than the food.",
        "You mentioned you need only one water, you can take all of it. I'll take 3 firewood.",
    ],
)
def test_echo_their_words_recalled_against_them_are_not_given_back(reply: str) -> None:
    dialogue = (
        "Client: I only need one water, the water matters less to me than the food.\n"
        f"Seller: {reply}"
    )
    assert "restates_their_words" not in signals_in(dialogue)


@pytest.mark.parametrize(
    "reply",
    [
        "You said you've never had the invoice on time.",
        "You told me nothing has worked for your back pain.",
    ],
)
def test_echo_never_and_nothing_in_their_own_words_are_still_theirs(reply: str) -> None:
    dialogue = (
        "Client: I've never had the invoice on time, and nothing has worked for my back pain.\n"
        f"Seller: {reply}"
    )
    assert "restates_their_words" in signals_in(dialogue)
