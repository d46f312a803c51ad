"""A question typed without its question mark is read as a question, and only a question."""

from __future__ import annotations

import pytest

from tests.analysis.cleaned import not_found_when_cleaned
from tests.signals.test_catalogue_examples import PHRASE_SIGNALS
from trustworks.analysis import analyze
from trustworks.analysis.disfluency import clean
from trustworks.analysis.marks import as_meant
from trustworks.analysis.question_mark import breaks, missing
from trustworks.conversation import conversation_from_pairs
from trustworks.ingest import parse


@pytest.mark.parametrize(
    "typed",
    [
        "Hi! Are you excited for the trip",
        "ok so didnt you read the email I sent",
        "Why would you keep smoking when you know its killing you",
        "How hard can it be",
        "How about Thursday at 2",
        # Openings read since the thirty-first session, and a long question typed whole.
        "What would be the other benefits for you",
        "What other positive things have you noticed about the exercise",
        "Which is most important to you",
        "Is water your number one priority",
        "What kind of dog",
        "Would you be open to exploring the idea of birth control and family planning",
        # After a word for what was just said, or a dash; handed back; with no verb.
        "thanks may I ask the reason for the return",
        "great how many firewood do you need",
        "okay what makes it better or worse",
        "Firewood what about you",
        "am fine and you",
        "any hard spots or lumps that you have noticed",
        "That means you get two boxes and I keep one, correct",
        "So the renewal is in March. Is that right",
        "You want the best for your family, don't you",
        "Okay, do you want the car or not",
        "What if that were your daughter  ",
        # The question after a comma, or after words between its question word and its verb.
        "I'm starving, can you spare an extra food package",
        "Hmmmm that sounds reasonable, is that your lowest priority",
        "I think food is mine, what about you",
        "Yes, that would be fair. How much of the firewood would you need",
        "How many of you are going",
        "Oh no. What kind of deal would you like to make",
        "Hi! Which items are important to you",
        "what's most important to you",
        "How does 3 water and 1 firewood sound",
        "Or do you have another plan",
        "Any questions about that",
        # What moved them, a "what" with its noun and verb, and "in what ways".
        "Hello sir. What brought you in today",
        "Okay. What makes you so confident",
        "Hi! What items are most important to you",
        "In what ways might your life be better",
        "so what are some of the supplies you would need",
        # "What happened" after a comma; words between "how" and its verb.
        "Thank you, what happened",
        "You got your lip pierced. How long ago did you get that done",
        # A long last sentence its typist opened with a capital after a stop is one sentence.
        "Two max. How many drinks would you say you'd have over the course of a week",
        # "Kinda", two words between "what" and its verb, "anything specific".
        "Yeah for sure. What kinda issues are you dealing with",
        "Integration can be tricky. What specific systems do you have in place right now",
        "Got it. Anything specific you'd like adjusted",
    ],
)
def test_a_bare_last_sentence_that_asks_gets_its_mark(typed: str) -> None:
    cleaned, index = clean(typed)
    assert cleaned.rstrip().endswith("?")
    assert cleaned.replace("'", "").rstrip(" ?") == typed.replace("'", "").rstrip()
    assert index is not None


@pytest.mark.parametrize(
    "typed",
    [
        "what we did was the right call",
        "What you get is the full package",
        "what we need is water",
        "When I get there I will call you",
        "What a great idea",
        "ok sounds good",
        "Have a good trip",  # told, not asked
        "Do the math",
        "You mean a lot to me",
        "I will take it, yes",
        "I need the firewood",
        # A question word after a comma that opens no question, and a clause that tells.
        "We could split the rest, which is the fairest way",
        "If you need water, when I get there I can share",
        "what's important is the water",
        "What's funny is that we both need firewood",
        "What you need is rest",
        "What would be nice is a discount",
        "great we can do that",
        "right that is what we need",
        "this is between me and you",
        "any time works for me",
        "Any of them is fine",
        "Honestly what makes it worth it is the time your reps save",
        "I'll loop in Sarah and you",
        "What would be best for us would be the annual plan at 10k",
        "Was nice talking to you",
        "Is up to you",
        "Is all yours",
        "Which is more than fair",
        "Any amount would be appreciated",
        "What will be will be",
        "Sure is nice of you",
        "Which is why I asked",
        "What kind of dog I get depends on the flat",
        "What kids are like at that age, I know",
        "Okay, we can do that",
        "Are you sure? I thought so.",  # marked, and it ends as a statement
        "Is that right?",
        # A long bare run is likely several sentences: where the question ends is not known.
        "Hey how are you doing I really need extra firewood as I want to build a shelter and "
        "keep warm",
        "",
        "   ",
        "😀",
    ],
)
def test_a_statement_or_a_marked_turn_is_left_as_typed(typed: str) -> None:
    assert missing(typed.lower()) is None


def test_a_finding_on_a_bare_question_quotes_the_typed_words() -> None:
    typed = "Are you excited for the camping trip"
    analysis = analyze(
        conversation_from_pairs([("Sam", "Hello there!"), ("Ray", typed)], seller="Ray")
    )
    found = [f for f in analysis.findings if f.signal == "asks_after_personal_life"]
    assert found
    assert all(typed[f.start : f.end] == f.evidence and f.end <= len(typed) for f in found)


# Examples that are questions only by their mark: typed bare, they read as statements, and so
# does the analysis ("So you're going to start Monday then").
ONLY_BY_THEIR_MARK = {
    "So you're telling me you never drink during the week?",
    "And you think there's no relationship between the two?",
    "So you're going to start Monday then?",
    "What's fifty cents to you?",
    "What's driving the churn, from where you sit?",
}
BARE = {
    signal.id: (signal, typed)
    for signal in PHRASE_SIGNALS
    if (
        typed := [
            e[:-1]
            for e in signal.examples
            if e.endswith("?") and "?" not in e[:-1] and e not in ONLY_BY_THEIR_MARK
        ]
    )
}


@pytest.mark.parametrize("signal_id", sorted(BARE))
def test_every_catalogue_question_fires_typed_without_its_mark(signal_id: str) -> None:
    signal, typed = BARE[signal_id]
    missed = not_found_when_cleaned(signal, typed)
    assert not missed, f"{signal_id} no longer fires on {missed}"


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        # A turn with no stops, as some speech-to-text exports write it: the question that
        # starts inside it is a sentence of its own.
        (
            "okay that sounds good how many people are on the team",
            "okay that sounds good. how many people are on the team?",
        ),
        (
            "Great so tell me a bit about your business do you have a website yet",
            "Great so tell me a bit about your business. do you have a website yet?",
        ),
        (
            "how are you? good to hear do you need any water",
            "how are you? good to hear. do you need any water?",
        ),
        (
            "hello there i know you filled in the form what brings you in today",
            "hello there i know you filled in the form. what brings you in today?",
        ),
        # The run after a turn's last stop, when its typist left every mark off it.
        (
            "Thanks for waiting. okay that sounds good how many people are on the team",
            "Thanks for waiting. okay that sounds good. how many people are on the team?",
        ),
    ],
)
def test_a_question_inside_a_turn_with_no_stops_starts_a_sentence(said: str, meant: str) -> None:
    assert as_meant(said)[0] == meant


@pytest.mark.parametrize(
    "said",
    [
        # The clause carries on: no sentence starts there.
        "we'll have you set up by friday and then you can start",
        "I was wondering are you free later this week maybe",
        # A verb a few words back takes the question-worded clause as its object.
        "good question could you tell me first what brought you to us",
        # A question word a few words before: one question ("how old are your kids").
        "what items do you feel you need for the trip",
        # After a stop, a run with its question mark is punctuated: one question.
        "Okay. How many packages of food and water do you think you will need?",
    ],
)
def test_no_sentence_is_started_where_the_clause_carries_on(said: str) -> None:
    assert breaks(said.lower()) == []


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        # Capitals kept, stops lost: a word that only opens a sentence starts one.
        (
            "Great question Our reps use a mobile app It records each visit",
            "Great question. Our reps use a mobile app. It records each visit",
        ),
        # After a word said on its own, capital or not.
        (
            "Okay Have you had any major stressful events recently",
            "Okay. Have you had any major stressful events recently?",
        ),
        # A sentence opened with a hedge, a reason or a filler: "Maybe", "Because", "Um".
        (
            "I see your point Maybe we can split the water Because my kids drink a lot",
            "I see your point. Maybe we can split the water. Because my kids drink a lot",
        ),
        # "May I", not the month.
        (
            "Thank you for your time May I ask what is prompting the move",
            "Thank you for your time. May I ask what is prompting the move?",
        ),
        ("We start in May we think", "We start in May we think"),
        ("we can start in May I think", "we can start in May I think"),
        # Names, "I'm" and a title's words do not.
        (
            "It integrates with CI/CD tools and TestMaster handles the rest",
            "It integrates with CI/CD tools and TestMaster handles the rest",
        ),
        (
            "That works because where I'm going it's warm",
            "That works because where I'm going it's warm",
        ),
        ("We sang Hit The Road Jack all night", "We sang Hit The Road Jack all night"),
    ],
)
def test_a_capital_that_only_opens_a_sentence_starts_one_in_a_turn_with_no_stops(
    said: str, meant: str
) -> None:
    assert as_meant(said)[0] == meant


def test_a_question_ended_inside_a_turn_with_no_stops_takes_a_question_mark() -> None:
    said = "okay so how many people are on the team Our tool scales to any size"
    assert (
        as_meant(said)[0] == "okay so how many people are on the team? Our tool scales to any size"
    )


def test_a_long_question_after_a_capital_break_takes_its_mark() -> None:
    # The capitals that open sentences were kept, so the run after the break is one sentence,
    # however long: its question mark goes back.
    said = (
        "Okay What are some of the pros and cons about moving in with your auntie and uncle "
        "next month"
    )
    assert as_meant(said)[0].endswith("next month?")


@pytest.mark.parametrize(
    "said",
    [
        "hey how are you doing I really need extra firewood as I want to build a shelter",
        # After a stop, but not opened with a capital: perhaps several sentences.
        "two max. how many drinks would you say you have over the course of a typical week",
    ],
)
def test_a_long_lower_case_run_is_still_left_as_typed(said: str) -> None:
    assert not as_meant(said)[0].endswith("?")


def test_one_capitalised_sentence_is_a_question_up_to_eighteen_words() -> None:
    # A transcriber's or a careful typist's one sentence: a little longer than a chat's.
    said = "Would you be open to kind of exploring the idea of birth control and family planning"
    assert as_meant(said)[0].endswith("planning?")
    # Run on past that, it is likely several sentences, capital or not.
    assert not as_meant(
        "Hey how are you doing I really need extra firewood as I want to build a shelter and "
        "keep warm tonight"
    )[0].endswith("?")


@pytest.mark.parametrize(
    ("typed", "signal"),
    [
        # An emoji between two sentences ends the one before: the next is read from its start.
        (
            "Okay. \U0001f642 Tell me a little bit about how smoking fits in your day.",
            "asks_open_discovery_question",
        ),
        (
            "Okay \U0001f642 Tell me a little bit about how smoking fits in your day.",
            "asks_open_discovery_question",
        ),
        ("Great \U0001f642 What do you need most for the trip?", "asks_about_their_world"),
    ],
)
def test_an_emoji_between_sentences_ends_the_one_before(typed: str, signal: str) -> None:
    dialogue = f"Client: I smoke when I'm stressed.\nSeller: {typed}"
    found = analyze(parse(dialogue, source="<test>"), ["Seller"])
    assert signal in {f.signal for f in found.findings}


def test_an_emoji_inside_a_sentence_starts_none() -> None:
    assert (
        as_meant("I love camping \U0001f642 and hiking")[0]
        == "I love camping \U0001f642 and hiking"
    )


def test_a_question_after_a_dash_gets_its_mark() -> None:
    assert as_meant("Great - how many firewood do you need")[0].endswith("need?")


def test_a_word_for_what_was_said_does_not_break_a_sentence_before_it() -> None:
    # "great" opens a question only where a sentence opens; inside a run the break is before
    # the question word.
    said = "Sounds like you're doing great how has your sleep been"
    assert as_meant(said)[0].startswith("Sounds like you're doing great. how")
