from __future__ import annotations

from tests.dialogue import signals_in

LONG_ANSWER = " ".join(["We have offices in six countries and a great team."] * 14)


def test_self_description_turned_back_to_the_client() -> None:
    found = signals_in(
        "Client: Tell us a bit about yourselves.\n"
        "Seller: In two sentences: we help support teams keep customers. "
        "But what prompted you to take this call?"
    )
    assert "turns_about_you_back" in found


def test_self_description_long_answer() -> None:
    found = signals_in(f"Client: Tell us about your company.\nSeller: {LONG_ANSWER}")
    assert "long_self_description" in found
    assert "turns_about_you_back" not in found


def test_self_description_product_tour() -> None:
    found = signals_in(
        "Client: What exactly do you sell?\n"
        "Seller: Our platform has three modules, it integrates with Salesforce, "
        "and our dashboard is industry-leading."
    )
    assert "product_tour_before_goals" in found


def test_self_description_needs_the_request() -> None:
    assert "long_self_description" not in signals_in(f"Client: Go on.\nSeller: {LONG_ANSWER}")


def test_self_description_a_proposal_is_not_turning_it_back() -> None:
    found = signals_in(
        "Client: What are you looking for on this trip?\n"
        "Seller: Mostly blankets. How about I take two of them and you keep the rest?"
    )
    assert "turns_about_you_back" not in found


def test_self_description_a_question_with_the_seller_terms_is_not_turning_it_back() -> None:
    found = signals_in(
        "Client: What are you looking for on this trip?\n"
        "Seller: Water, mostly. Would you mind if I took 3 of the water and 1 of the food?"
    )
    assert "turns_about_you_back" not in found


def test_self_description_a_short_answer_and_their_turn_still_counts() -> None:
    found = signals_in(
        "Client: What are you looking for on this trip?\n"
        "Seller: Water mostly, for the long hikes. What about you?"
    )
    assert "turns_about_you_back" in found


def test_self_description_a_question_instead_of_an_answer_turns_it_aside() -> None:
    # Asked about themselves, a reply that only asks answers nothing: no credit.
    for reply in (
        "Good question, could you tell me first what brought you to us?",
        "Hi! Why is the water the part you care most about?",
        "Mm-hmm. What is it you don't like about him?",
    ):
        found = signals_in(f"Client: What exactly does your firm do?\nSeller: {reply}")
        assert "turns_about_you_back" not in found


def test_self_description_an_answer_then_the_question_handed_back_counts() -> None:
    for reply in (
        "Mostly tents, then the lanterns, and yours?",
        "We run payroll for small shops. You?",
    ):
        found = signals_in(f"Client: What exactly does your firm do?\nSeller: {reply}")
        assert "turns_about_you_back" in found
