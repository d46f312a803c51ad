from __future__ import annotations

import pytest

from tests.dialogue import run, signals_in


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("For a team your size it's between $38,000 and $52,000 a year.", "answers_price_directly"),
        ("It's 45 dollars per seat per month.", "answers_price_directly"),
        # Written as a buyer or an invoice writes it.
        ("It comes to about 40k for the first year.", "answers_price_directly"),
        ("The annual licence is USD 40,000.", "answers_price_directly"),
        ("Call it 15 grand, all in.", "answers_price_directly"),
        ("It really depends, let's talk about value first.", "dodges_price_question"),
        ("Great question, we'll get to that once you've seen the demo.", "dodges_price_question"),
    ],
)
def test_price_question_answered_or_dodged(reply: str, expected: str) -> None:
    found = signals_in(f"Client: How much does it cost?\nSeller: {reply}")
    assert expected in found
    other = {"answers_price_directly", "dodges_price_question"} - {expected}
    assert not other & set(found)


def test_price_dodge_quotes_the_question_in_the_rewrite() -> None:
    analysis = run("Client: What's the pricing for us?\nSeller: Let's not worry about that yet.")
    dodge = next(f for f in analysis.findings if f.signal == "dodges_price_question")
    assert dodge.evidence == "Let's not worry about that yet."
    assert dodge.component == "credibility" and dodge.polarity == -1


def test_price_short_acknowledgement_waits_for_the_answer() -> None:
    found = signals_in(
        "Client: How much does it cost?\nSeller: Sure.\nSeller: It's $900 a month for your team."
    )
    assert found.count("answers_price_directly") == 1
    assert "dodges_price_question" not in found


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (
            "Compared with what you were expecting, or with what churn costs you?",
            "explores_price_concern",
        ),
        (
            "You get what you pay for, and it pays for itself within months.",
            "price_concern_not_explored",
        ),
    ],
)
def test_price_concern_explored_or_defended(reply: str, expected: str) -> None:
    assert expected in signals_in(f"Client: Hmm, that sounds expensive.\nSeller: {reply}")


@pytest.mark.parametrize(
    "reply",
    [
        "It sounds like the budget is the real worry for you.",
        "I understand. Thanks for telling me.",
        "I could do 150 if that helps.",
        "That's fair. Let's see what we can leave out.",
    ],
)
def test_price_concern_heard_or_met_is_not_left_unexplored(reply: str) -> None:
    # Only a defence of the price leaves the concern unexplored; hearing it, accepting it or
    # moving on the price is no value pitch (11 such replies on AnnoMI and CaSiNo were all
    # flagged before, none rightly).
    found = signals_in(f"Client: Hmm, that sounds expensive.\nSeller: {reply}")
    assert "price_concern_not_explored" not in found


def test_price_no_question_no_verdict() -> None:
    found = signals_in("Client: How is the rollout going?\nSeller: Let's talk about value first.")
    assert not {"answers_price_directly", "dodges_price_question"} & set(found)


@pytest.mark.parametrize(
    ("said", "about_price"),
    [
        ("I can't afford it right now.", True),
        ("We can't afford to buy another licence this year.", True),
        ("I can't afford to take an hour off for the gym every day.", False),
        ("We can't afford the time for another pilot.", False),
    ],
)
def test_price_cant_afford_is_a_price_concern_only_about_money(
    said: str, about_price: bool
) -> None:
    from trustworks.analysis import analyze
    from trustworks.ingest import parse

    dialogue = f"Client: {said}\nSeller: Our platform is the best on the market."
    found = {f.signal for f in analyze(parse(dialogue, source="<t>"), ["Seller"]).findings}
    assert ("price_concern_not_explored" in found) is about_price


@pytest.mark.parametrize(
    "client",
    [
        "That is a much better deal, I agree to it.",
        "Everyone knows rice is cheaper than meat, so take the rice.",
        "I can't afford to give you all three boxes, I need some myself.",
    ],
)
def test_price_no_concern_when_the_words_are_not_about_the_price(client: str) -> None:
    found = signals_in(f"Client: {client}\nSeller: How many people are in your group?")
    assert "explores_price_concern" not in found


def test_price_terms_offered_back_do_not_explore_the_concern() -> None:
    found = signals_in(
        "Client: Hmm, that sounds expensive.\n"
        "Seller: How about you take two boxes and I keep the rest? Sound good to you?"
    )
    assert "explores_price_concern" not in found


@pytest.mark.parametrize(
    ("client", "reply"),
    [
        (
            "I'm also worried about the costs... $5k a month is a lot.",
            "For sure. But think about the time we could save on manual testing!",
        ),
        (
            "Yeah, I get that... but still kinda high, ya know?",
            "I hear you. But consider the time saved on testing cycles.",
        ),
        (
            "Our budget's kinda tight right now...",
            "But think of the savings in manual effort. It could really cut costs long term.",
        ),
        (
            "I'm not sure if we can justify the cost right now.",
            "Totally, but you'll see ROI quicker than you think.",
        ),
    ],
)
def test_price_a_worry_said_plainly_met_with_the_savings_pitch(client: str, reply: str) -> None:
    found = signals_in(f"Seller: It's $5,000 a month.\nClient: {client}\nSeller: {reply}")
    assert "price_concern_not_explored" in found
    # "I hear you. But..." leads into the defence: no acknowledgement credited.
    assert "acknowledges_their_position" not in found


def test_price_a_lot_of_work_is_no_price_worry() -> None:
    found = signals_in(
        "Client: That's a lot of work for our team.\nSeller: Think about the time we could save."
    )
    assert "price_concern_not_explored" not in found


@pytest.mark.parametrize(
    "client",
    [
        "That's a plus. But I'm just a little worried about the, um, cost? It's $5k a month?",
        "Training would help, but like, there's still the cost, right?",
        "Sounds good? But, uh, what about the cost?",
    ],
)
def test_price_the_worry_named_as_a_worry_met_with_savings(client: str) -> None:
    reply = "It's an investment, but it will lower your operational costs over time."
    assert "price_concern_not_explored" in signals_in(f"Client: {client}\nSeller: {reply}")


def test_price_a_question_after_the_savings_pitch_does_not_explore_the_worry() -> None:
    found = signals_in(
        "Client: What about the cost? It's a big investment, right?\n"
        "Seller: It is, but think about the long-term savings. While we're talking, reporting?"
    )
    assert "price_concern_not_explored" in found
    assert "explores_price_concern" not in found


def test_price_a_question_before_any_defence_still_explores_the_worry() -> None:
    found = signals_in(
        "Client: I'm worried about the cost.\n"
        "Seller: What budget did you have in mind? Over time it saves money in the long run."
    )
    assert "explores_price_concern" in found
