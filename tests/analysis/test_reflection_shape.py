"""A model's reflection must have a reflection's shape: about them, in their terms."""

from __future__ import annotations

import pytest

from tests.cpu import cpu_budget
from trustworks.analysis.reflection_shape import reads_as_reflection

THEIRS = "We lost two engineers last quarter and the on-call rota is killing the team."


@pytest.mark.parametrize(
    "sentence",
    [
        "So you're stretched thin since the two engineers left.",
        "It sounds like the on-call rota is wearing the team down.",
        "I hear that the rota is the hard part.",
        "When you have to cover nights, it's exhausting.",
        "You're being told this is something you have to do.",
        "I understand the rota is what's killing the team.",
        "You're looking forward to having the two engineers' cover back.",
        "You are worried, I think, that the rota is killing the team.",
    ],
)
def test_reflections_keep_their_shape(sentence: str) -> None:
    assert reads_as_reflection(sentence, THEIRS)


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("I'd prefer to give you one licence and keep the rest.", "led by the seller"),
        ("We may need more time on our side as well.", "led by the seller"),
        ("You really have to trust your gut on this.", "tells them what to do"),
        ("Okay, you need to relax.", "tells them what to do"),
        ("You- you really need to take it.", "tells them what to do"),
        ("That's mighty kind of you.", "thanks"),
        ("Okay, are you a big gardener, or is this new for you?", "a question to them"),
        ("Do you still drink on weekends with your friends?", "a question to them"),
        ("The ache you get behind the eyes is also called a tension headache.", "names a term"),
        ("Thanks for being so understanding.", "thanks"),
        ("You get 3 seats and 1 support plan.", "a figure of the seller's own"),
        ("The rollout usually takes a month.", "neither about them nor in their words"),
        ("If you feel muscle weakness, just let your doctor know.", "tells them what to do"),
        ("Ever since, it's been very important to me to keep the team small.", "own stake"),
        ("The rota matters for us as well.", "own stake"),
        ("You're putting yourself in a lot of danger.", "a warning they never voiced"),
        # Terms, wishes, verdicts and the seller's own case, said with "you" or their words.
        ("You can have the rest of the engineers' budget.", "terms"),
        ("You're already getting more seats than the team.", "terms"),
        ("The team gets 0 seats, 1 rota and 2 engineers.", "a list of terms"),
        ("Hope you understand the rota has to stay.", "a wish said to them"),
        ("That was smart of you to change the rota.", "praise said to them"),
        ("You're being unreasonable about the rota.", "a verdict on them"),
        ("You have such a bright future ahead of you with the team.", "praise said to them"),
        ("You're a great leader for this team.", "praise said to them"),
        ("You're the one insisting on the rota.", "a charge, not their words"),
        ("It would be smart to keep a spare engineer on the rota.", "advice"),
        ("With the new team you might need more engineers on the rota.", "advice"),
        ("Remember you have the basic rota already.", "an argument"),
        ("Sounds good on the rota.", "approval"),
        ("Sorry for making the rota harder.", "an apology"),
        ("Looking forward to seeing the new rota!", "a farewell"),
        ("The rota is killing my team too, so I need more engineers.", "the seller's own case"),
        ("The on-call rota is the bigger priority.", "their words, the seller's view"),
        # Understanding said, with nothing of theirs given back: an acknowledgement.
        (
            "I understand and appreciate the difficult situation you find yourself in.",
            "an acknowledgement",
        ),
        ("I hear you.", "an acknowledgement"),
    ],
)
def test_other_talk_about_you_is_not_a_reflection(sentence: str, why: str) -> None:
    assert not reads_as_reflection(sentence, THEIRS), why


def test_their_own_figures_may_come_back() -> None:
    theirs = "12 people left since 2023."
    assert reads_as_reflection("So you've had 12 people leave since 2023.", theirs)
    assert not reads_as_reflection("So you'd want 15 seats.", theirs)


def test_without_you_it_needs_their_words() -> None:
    assert reads_as_reflection("The rota is killing the team.", THEIRS)  # given back whole
    assert reads_as_reflection("So the rota is the hard part.", THEIRS)  # opens as one
    assert reads_as_reflection("That's a lot, losing two engineers.", THEIRS)
    assert not reads_as_reflection("Pricing is per seat.", THEIRS)
    # Their words in the seller's own view: "food is the bigger priority" in a negotiation.
    assert not reads_as_reflection("Engineers matter more than the rota.", THEIRS)


def test_the_model_does_not_call_thanks_a_reflection(monkeypatch: pytest.MonkeyPatch) -> None:
    from trustworks.analysis import analyze, semantic
    from trustworks.conversation import conversation_from_pairs

    pairs = [
        ("Client", "I can let you have the extra firewood since you have kids."),
        ("Seller", "That's mighty kind of you."),
    ]

    def reflections() -> list[str]:
        found = analyze(conversation_from_pairs(pairs, seller="Seller")).findings
        return [f.evidence for f in found if f.signal == "reflects_their_words"]

    assert reflections() == []
    monkeypatch.setattr(semantic, "SHAPES", {})  # the head alone does call it one
    assert reflections() == ["That's mighty kind of you."]


@pytest.mark.parametrize("filler", ["so, ", "well; ", "okay: so, and "])
def test_a_long_turn_of_fillers_is_judged_in_linear_time(filler: str) -> None:
    # A turn of 100,000 characters with no full stop is one sentence; every comma used to start
    # a fresh run over all the fillers after it (minutes of work on one turn).
    sentence = filler * (100_000 // len(filler))
    with cpu_budget(5):  # 0.2 s as it is, 420 s as it was
        reads_as_reflection(sentence, "we use spreadsheets")


def test_a_danger_they_named_may_come_back() -> None:
    theirs = "I worry the on-call rota puts the team at risk of burning out."
    assert reads_as_reflection("So the rota puts your team at risk.", theirs)


def test_their_words_said_to_the_seller_are_still_theirs() -> None:
    assert reads_as_reflection("You mentioned to me that the rota is killing the team.", THEIRS)


@pytest.mark.parametrize(
    ("sentence", "theirs"),
    [
        (
            "So you were surprised to land in the risky drinking group.",
            "I certainly don't think of myself as a hazardous drinker.",
        ),
        (
            "So it surprises you that something you do more and more is bad for you.",
            "I thought of it as a fun thing with friends, not anything harmful.",
        ),
        (
            "On the other hand, it puts you at risk of infections.",
            "I get worried about hitting something I shouldn't, or getting infections.",
        ),
        (
            "Camping sounds a little dangerous with your condition.",
            "If something happens out there, who takes care of my boy? I can't have an accident.",
        ),
    ],
)
def test_a_danger_they_named_in_other_words_may_come_back(sentence: str, theirs: str) -> None:
    assert reads_as_reflection(sentence, theirs)


def test_a_danger_they_never_named_is_still_a_warning() -> None:
    assert not reads_as_reflection(
        "You're very high risk for becoming addicted.", "A couple of my friends drink too."
    )


def test_a_danger_put_as_their_own_view_is_theirs() -> None:
    theirs = "I could have got hammered every night for the rest of the week."
    assert reads_as_reflection("So you saw yourself putting your job at risk.", theirs)
    assert not reads_as_reflection("So you're putting your job at risk.", theirs)
    # "You know" and "you see" are fillers, not their view.
    assert not reads_as_reflection("You know, you're putting your job at risk.", theirs)


SITES = "We run three sites with two teams, and all of it comes out of one budget."


def test_reflection_summing_up_their_quantities_is_one() -> None:
    assert reads_as_reflection("So it's three sites, two teams and one budget.", SITES)


@pytest.mark.parametrize(
    ("sentence", "theirs", "why"),
    [
        ("So it's three sites, two teams and one budget.", "It's been a hard year.", "not theirs"),
        ("So it's four sites, two teams and one budget.", SITES, "a count they never gave"),
        ("So 3 firewood, 0 water and 1 food for you.", "I get 3 firewood and 1 food.", "terms"),
    ],
)
def test_reflection_a_list_of_quantities_not_theirs_is_terms(
    sentence: str, theirs: str, why: str
) -> None:
    assert not reads_as_reflection(sentence, theirs), why


def test_praise_beside_their_words_stays_a_reflection() -> None:
    theirs = "I got the promotion and I'm terrified of the rota."
    sentence = "So you've got a great career ahead, and right now the rota feels terrifying."
    assert reads_as_reflection(sentence, theirs)


@pytest.mark.parametrize(
    "sentence",
    [
        # A greeting returned, an examination's instruction and a history's question ask or
        # say something to them; nothing of theirs comes back.
        "It's good to see you too, the team says hi.",
        "Okay, now squeeze my hand as hard as you can.",
        "Just take a deep breath for me and hold it.",
        "So are you having any trouble sleeping with the rota?",
        "And is the pain constant or does it come and go?",
        # Handing them the decision is autonomy, not their words given back.
        "Well, it's kind of up to you.",
    ],
)
def test_greetings_examinations_and_history_questions_are_no_reflection(sentence: str) -> None:
    assert not reads_as_reflection(sentence, THEIRS + " Good to see you. My back is in pain.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Hold on, so you feel the rota is killing the team.",
        "Point taken, so you feel the rota is wearing the team down.",
        "Stand back a moment: you've lost two engineers and the rota is killing the team.",
        "Hold on a second, so you feel the rota is killing the team.",
    ],
)
def test_a_phrase_that_holds_the_floor_is_no_examination(sentence: str) -> None:
    assert reads_as_reflection(sentence, THEIRS)


@pytest.mark.parametrize(
    "sentence",
    ["Hold on to the rail for me.", "Hold up your arm.", "Stand back from the wall."],
)
def test_an_examination_s_hold_and_stand_are_still_instructions(sentence: str) -> None:
    assert not reads_as_reflection(sentence, THEIRS + " My arm and knee hurt.")


def test_a_reflection_led_by_look_or_so_keeps_its_shape() -> None:
    assert reads_as_reflection("Look, you've been carrying the rota for months.", THEIRS)
    assert reads_as_reflection("So you're having a hard time with the rota.", THEIRS)


def test_a_choice_they_made_is_still_theirs_given_back() -> None:
    said = "So it was really up to you back then, and you chose the rota."
    assert reads_as_reflection(said, THEIRS)
