"""An acknowledgement stands unless it only runs up to the seller's claim on the same thing."""

from __future__ import annotations

import pytest

from trustworks.analysis import analyze
from trustworks.analysis.acknowledgement import SIGNAL, holds_out_against, runs_up_to_own_case
from trustworks.ingest import parse

WATER = "We're hiking in the desert, so I really need the extra water."


def _signals(dialogue: str) -> list[str]:
    conversation = parse(dialogue, source="<test>")
    return [f.signal for f in analyze(conversation, ["Seller"]).findings]


def _acknowledged(reply: str) -> int:
    """Where the acknowledgement at the head of ``reply`` ends."""
    return min(reply.index(mark) for mark in ".,!" if mark in reply)


@pytest.mark.parametrize(
    ("reply", "theirs"),
    [
        # The seller's claim on what they asked for, in their words or said to be the same.
        ("I understand. I need the water for my kids.", WATER),
        ("I understand. We really need the extra water as well, since we're a big group.", ""),
        ("I understand, I have kids too so I need the food.", ""),
        ("I get that and understand completely. Food matters most to us.", "We need food."),
        ("I hear you on that. I could also use some water.", ""),
        ("That makes sense. My wife and baby will need the water more than usual.", WATER),
        ("I get that. Can I have all of the waters then?", WATER),
        ("I totally understand. I really need the extra supplies.", WATER),
    ],
)
def test_acknowledgement_running_up_to_own_case(reply: str, theirs: str) -> None:
    assert runs_up_to_own_case(reply, _acknowledged(reply), theirs)


@pytest.mark.parametrize(
    ("reply", "theirs"),
    [
        # Nothing of the seller's own, or a question about them.
        ("I understand. How many of you are going?", WATER),
        ("I understand. What matters most to you?", WATER),
        # A need of their own that does not compete: a trade, not a rebuttal.
        ("I hear you. I need a lot of firewood. How about 3 waters for 3 firewood?", WATER),
        # Giving them what they asked for in the same breath.
        ("I understand. I need water too, but you can have two of them.", WATER),
        # Giving it up, or claiming nothing for themselves.
        ("I understand. I don't need the water at all.", WATER),
        ("I understand. We all want to stay safe out there.", WATER),
        ("I understand. I want you to have enough water.", WATER),
        ("I understand. You need the water more than I do.", WATER),
    ],
)
def test_acknowledgement_that_stands(reply: str, theirs: str) -> None:
    assert not runs_up_to_own_case(reply, _acknowledged(reply), theirs)


def test_acknowledgement_followed_by_own_claim_is_no_finding() -> None:
    found = _signals(f"Client: {WATER}\nSeller: I understand. I need the water too.")
    assert SIGNAL not in found


def test_acknowledgement_followed_by_a_question_is_a_finding() -> None:
    found = _signals(f"Client: {WATER}\nSeller: I understand. How far are you hiking?")
    assert SIGNAL in found


@pytest.mark.parametrize(
    ("reply", "stands"),
    [
        # Straight into the pitch: a pivot, not an acknowledgement.
        ("I understand. At Acme, we've developed coaching tools specifically for that.", False),
        ("I get that. Our CloudDesk software is designed to address exactly that.", False),
        ("I completely understand, and our platform was built for teams like yours.", False),
        # A question to them first, or no pitch at all.
        ("I understand. What worries you most about it? Our platform may help.", True),
        ("I completely understand. It's a lot to take on at once.", True),
    ],
)
def test_acknowledgement_leading_into_the_pitch_is_no_finding(reply: str, stands: bool) -> None:
    found = _signals(
        f"Client: It feels overwhelming and we're not very technical.\nSeller: {reply}"
    )
    assert (SIGNAL in found) is stands


def test_acknowledgement_after_the_first_sentence_is_found() -> None:
    dialogue = (
        "Client: My mother is ill and I can't travel for the launch.\n"
        "Seller: I'm happy to help. I understand and appreciate the difficult situation "
        "you find yourself in."
    )
    findings = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    found = [f for f in findings if f.signal == SIGNAL]
    assert found and found[0].evidence.startswith("I understand")
    # Understanding with nothing of theirs restated is an acknowledgement, not a reflection:
    # the model's reflection head neither replaces nor repeats the rule on that sentence.
    assert "reflects_their_words" not in [f.signal for f in findings]


def test_acknowledgement_never_spans_sentences() -> None:
    findings = analyze(
        parse("Client: It's tight.\nSeller: Thanks. I understand, money is tight.", source="<t>"),
        ["Seller"],
    ).findings
    hits = [f for f in findings if f.signal == SIGNAL]
    assert hits and all("Thanks" not in f.evidence for f in hits)


@pytest.mark.parametrize(
    "reply",
    ["The setup is three steps, if that makes sense.", "Yeah, that makes sense? Good."],
)
def test_acknowledgement_asking_if_they_follow_is_none(reply: str) -> None:
    assert SIGNAL not in _signals(f"Client: Tell me how it works.\nSeller: {reply}")


def test_acknowledgement_read_against_their_latest_claim() -> None:
    # Their last turn claims nothing; what they asked for is in the turn before.
    found = _signals(
        "Client: Food is my top priority, so I can't do with less than two.\n"
        "Seller: Could you spare one firewood for me?\n"
        "Client: But these are only the extra packages.\n"
        "Seller: I get that and understand completely. I have a lot of mouths to feed, "
        "making the food a necessity."
    )
    assert SIGNAL not in found


def test_acknowledgement_an_earlier_claim_on_something_else_leaves_it_standing() -> None:
    found = _signals(
        "Client: Water is my top priority.\n"
        "Seller: Okay.\n"
        "Client: But these are only the extra packages.\n"
        "Seller: I get that and understand completely. Firewood is my priority, so you can "
        "have the water."
    )
    assert SIGNAL in found


@pytest.mark.parametrize(
    ("theirs", "reply", "holds_out"),
    [
        ("Will you please give me one firewood?", "I think I will need all the firewood.", True),
        ("Could you spare one water?", "Not this time, I really need it for my kids.", True),
        ("You can't let up one firewood for me?", "I need the firewood to cook.", True),
        # Something given back makes it a trade.
        ("Can I have the firewood?", "I need firewood too, so you can have 2 water.", False),
        (
            "Can I have the firewood?",
            "I need one firewood, but I'm willing to part with food.",
            False,
        ),
        # They only said what they need: both needs are on the table.
        ("I need firewood, it gets cold.", "I need firewood too, I get cold easily.", False),
        # A "no" that answers a question refuses nothing.
        ("Have you been here before?", "No, never. I need water because I hike.", False),
    ],
)
def test_holds_out_against(theirs: str, reply: str, holds_out: bool) -> None:
    assert holds_out_against(reply, theirs) is holds_out


NEEDS = {"states_what_seller_needs", "says_plainly_what_they_need"}


def _needs_found(dialogue: str) -> list[str]:
    analysis = analyze(parse(dialogue, source="<test>"), ["Seller"])
    return [f.signal for f in analysis.findings if f.signal in NEEDS and f.turn == 1]


def test_a_need_said_plainly_is_credited() -> None:
    dialogue = "Client: What matters most to you?\nSeller: I need the firewood because we cook.\n"
    assert _needs_found(dialogue)


def test_a_need_said_to_turn_down_their_request_is_not() -> None:
    dialogue = (
        "Client: Will you please give me one firewood? Just one.\n"
        "Seller: I need all the firewood because we cook every meal on it.\n"
    )
    assert not _needs_found(dialogue)


@pytest.mark.parametrize(
    "seller",
    [
        "If it turns out I need more water to drink, I'll let you know.",
        "Unless I need more firewood because it gets cold, you can have it.",
        "Should I need more firewood to keep warm, I'll ask you.",
    ],
)
def test_a_need_under_a_condition_is_not_stated(seller: str) -> None:
    assert not _needs_found(f"Client: What matters most to you?\nSeller: {seller}\n")


@pytest.mark.parametrize(
    ("theirs", "reply", "holds_out"),
    [
        ("Can I have the firewood?", "Sorry, I won't give you any, I need all of it.", True),
        ("Can I have the water?", "I'd rather not part with it, I need the water to hike.", True),
        ("Can I have one firewood?", "No problem, I need the food to cook though.", False),
        ("Can we get a 20% discount?", "I can't do 20%. We need that margin to staff it.", False),
        ("Can I have the water?", "I can't really give you any of the water, I need it.", True),
        ("Can I have 2 firewood? Seems a fair deal.", "No, I need all the firewood.", True),
    ],
)
def test_holds_out_against_reads_denied_giving_and_friendly_openers(
    theirs: str, reply: str, holds_out: bool
) -> None:
    assert holds_out_against(reply, theirs) is holds_out


def test_acknowledgement_that_leads_into_the_feel_felt_found_script_does_not_stand() -> None:
    dialogue = (
        "Kim: It's a bit overwhelming, I'm not very tech-savvy.\n"
        "Sam: I completely understand. Many of our clients felt the same way at first."
    )
    analysis = analyze(parse(dialogue, source="<test>"), ["Sam"])
    found = [f.signal for f in analysis.findings]
    assert "feel_felt_found_script" in found
    assert "acknowledges_their_position" not in found


@pytest.mark.parametrize(
    "turn",
    [
        "I know it's less than you're asking, but it's all I can afford.",
        "I realise $80 is below your asking price.",
    ],
)
def test_granting_their_number_is_not_met_acknowledges_their_position(turn: str) -> None:
    dialogue = f"Client: I'm asking $120 for it.\nSeller: {turn}"
    assert SIGNAL in _signals(dialogue)


WISH = "If it could sync the sales data with the reports, it would save a lot of manual work."


@pytest.mark.parametrize(
    ("theirs", "reply", "stands"),
    [
        # A bare receipt of a wish or a fact, on the way to something else.
        (WISH, "I completely understand. Have you considered any other reporting tools?", False),
        (WISH, "I hear you. We'll prioritize that.", False),
        (
            "Our QA and dev teams are always out of sync.",
            "Yeah, I totally get that. Our new release is out in May.",
            False,
        ),
        # Named, the understanding stands after anything.
        (
            WISH,
            "I understand why you'd want that sync. How often do you rebuild the reports?",
            True,
        ),
        # Bare, but after a feeling, a doubt or an objection of theirs.
        (
            "I'm worried we won't have enough water for the kids.",
            "I understand. How about food?",
            True,
        ),
        ("I'm still a bit skeptical about the cost.", "I hear you.", True),
        ("I'm not here to talk about my drinking.", "No, I understand.", True),
        # Bare, but it gives them something, agrees, or asks about what they said.
        ("I need the firewood for the cold nights.", "I understand. You can have all three.", True),
        ("I need at least one firewood.", "I do understand. That will work for me.", True),
        (WISH, "That makes sense. How much manual work is it each week?", True),
    ],
)
def test_a_bare_acknowledgement_needs_something_to_acknowledge(
    theirs: str, reply: str, stands: bool
) -> None:
    assert (SIGNAL in _signals(f"Client: {theirs}\nSeller: {reply}")) is stands


def test_a_bare_acknowledgement_in_a_draft_stands() -> None:
    # Nothing of theirs is shown, so nothing says it is only a receipt.
    assert SIGNAL in _signals("Seller: I understand. I'll call you on Monday at 10.")
