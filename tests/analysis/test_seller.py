from __future__ import annotations

from trustworks.analysis import analyze, assign_seller, infer_seller
from trustworks.conversation import Conversation, Role, Turn


def _conv(*pairs: tuple[str, str]) -> Conversation:
    return Conversation(tuple(Turn(s, t) for s, t in pairs))


def test_infer_seller_picks_the_one_pitching() -> None:
    conv = _conv(
        ("Priya", "We're struggling with churn. How much does it cost?"),
        ("Ryan", "Our platform reduces churn by 30 percent. It's $40,000 a year."),
    )
    guess = infer_seller(conv)
    assert guess.seller == "Ryan"
    assert "seller-side" in guess.reason


def test_infer_seller_single_speaker() -> None:
    assert infer_seller(_conv(("Dana", "Hi Marcus, thanks for your time."))).seller == "Dana"


def test_infer_seller_tie_goes_to_first_speaker() -> None:
    guess = infer_seller(_conv(("Ana", "Hello."), ("Ben", "Hi.")))
    assert guess.seller == "Ana"
    assert "spoke first" in guess.reason


def test_assign_seller_marks_inferred_and_roles() -> None:
    conv = assign_seller(
        _conv(
            ("Priya", "Our biggest problem is onboarding."), ("Ryan", "We offer a module for that.")
        )
    )
    assert conv.seller == ("Ryan",) and conv.seller_inferred
    assert [t.role for t in conv.turns] == [Role.CLIENT, Role.SELLER]


def test_assign_seller_given_name_is_not_inferred() -> None:
    analysis = analyze(_conv(("Ana", "Hello."), ("Ben", "Hi.")), seller=["ben"])
    assert analysis.conversation.seller == ("ben",)
    assert not analysis.conversation.seller_inferred
    assert analysis.conversation.turns[1].role is Role.SELLER
