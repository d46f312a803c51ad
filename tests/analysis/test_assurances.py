"""An assurance of fit with their setup, vouched for before asking what the setup is."""

from __future__ import annotations

import pytest

from tests.dialogue import signals_in


@pytest.mark.parametrize(
    "dialogue",
    [
        "Client: Will it work with our CI/CD?\n"
        "Seller: Absolutely, it integrates seamlessly with your current setup.",
        "Client: We have a bunch of tools.\n"
        "Seller: No worries, it'll fit right into your existing workflows.",
        "Client: Can we trust it to integrate smoothly?\n"
        "Seller: Definitely! It works smoothly with most CI/CD tools.",
        "Client: We have a bunch of tools.\n"
        "Seller: The best part is how it fits right into your workflows.",
    ],
)
def test_fit_vouched_for_before_asking_the_setup(dialogue: str) -> None:
    found = signals_in(dialogue)
    assert "vouches_for_fit_unasked" in found
    # A blind assurance is no plain answer to their question.
    assert "answers_their_question_plainly" not in found


@pytest.mark.parametrize(
    "dialogue",
    [
        # Asked first, the same words answer what they said.
        "Seller: Which CI/CD tools are you running today?\nClient: Jenkins and GitLab.\n"
        "Seller: Then it integrates seamlessly with your current setup.",
        "Client: Will it work with our CI/CD?\n"
        "Seller: What are you running today? Then I can tell you how it fits your setup.",
        # A time or a split accepted is no product claim.
        "Client: How about I take two food and you take the water?\nSeller: That works perfectly!",
        # Offered as a trial, or put as a condition, the fit is to be found out.
        "Client: We have a bunch of tools.\n"
        "Seller: We can do a trial run to see how it works with your current setup.",
        "Client: We have a bunch of tools.\n"
        "Seller: If it fits your existing workflows, we can start next month.",
        "Client: We have a bunch of tools.\nSeller: Try it to see if it'll work with your setup.",
        "Client: We have a bunch of tools.\n"
        "Seller: I'm not sure whether it works with your systems.",
        "Client: We have a bunch of tools.\n"
        "Seller: Ask your IT team whether it works with your current tools.",
    ],
)
def test_fit_after_asking_or_a_plain_yes_is_not_vouched_blind(dialogue: str) -> None:
    assert "vouches_for_fit_unasked" not in signals_in(dialogue)
