from __future__ import annotations

import pytest

from tests.dialogue import run, signals_in


def test_pouncing_pitch_right_after_a_need() -> None:
    analysis = run(
        """
        Client: Honestly, churn has been creeping up all year.
        Seller: Our platform reduces churn by 30 percent.
        """
    )
    pounce = [f for f in analysis.findings if f.signal == "pounces_on_need"]
    assert len(pounce) == 1
    assert pounce[0].turn == 1
    assert pounce[0].evidence == "Our platform"
    assert pounce[0].rewrite is not None and "churn has been creeping up" in pounce[0].rewrite


def test_pouncing_question_first_is_exploring() -> None:
    found = signals_in(
        """
        Client: We're struggling to onboard new accounts quickly.
        Seller: How long does it take today? Our platform might help later.
        """
    )
    assert "explores_need_first" in found
    assert "pounces_on_need" not in found


def test_pouncing_backchannel_keeps_the_need_pending() -> None:
    found = signals_in(
        """
        Client: Our biggest problem is onboarding, it takes six weeks.
        Seller: Mm-hm, right.
        Client: And the board is asking about it.
        Seller: Our solution automates the whole thing.
        """
    )
    assert found.count("pounces_on_need") == 1


def test_pouncing_needs_a_stated_need() -> None:
    assert "pounces_on_need" not in signals_in(
        """
        Client: We had a decent quarter.
        Seller: Our platform has a new reporting module.
        """
    )


def test_pouncing_judges_each_need_once() -> None:
    found = signals_in(
        """
        Client: We keep losing good drivers.
        Seller: Our platform fixes that.
        Seller: Our dashboard is industry-leading too.
        """
    )
    assert found.count("pounces_on_need") == 1


@pytest.mark.parametrize(
    "reply",
    [
        # The product by any name, and the demo asked for in the first question.
        "Our CRM solves exactly that. It has automatic lead tracking and dashboards.",
        "It has built-in reporting for exactly this. Want to see a quick demo?",
        "Want to see a quick demo of how we handle it?",
    ],
)
def test_pouncing_a_pitch_by_any_name_is_a_pounce(reply: str) -> None:
    found = signals_in(f"Client: We're struggling to keep track of leads.\nSeller: {reply}")
    assert "pounces_on_need" in found
    assert "explores_need_first" not in found


@pytest.mark.parametrize(
    "reply",
    [
        "I'd take two of the water and you the food. Does that work for you?",
        "How about I give you two food if you give me the firewood?",
        "Then I take the water and you get the rest. What do you think?",
    ],
)
def test_pouncing_the_seller_s_terms_are_no_exploring(reply: str) -> None:
    found = signals_in(f"Client: We're looking for extra water for the hike.\nSeller: {reply}")
    assert "explores_need_first" not in found


_WORRIED = "Client: We're worried we'll run short of water on the hike."


@pytest.mark.parametrize(
    "reply",
    [
        "Camping is so much fun! Where are you headed this year?",
        "I'm still packing too. How is your packing going?",
        "Hmm, I can live with that. Now what about the tents?",
        "Same here! How would you be with receiving two waters and one food?",
        "I would like just 1 of the water so the kids can drink, if that works?",
        "So what else will I be left with if I give you those?",
    ],
)
def test_pouncing_small_talk_or_a_share_is_not_exploring_the_need(reply: str) -> None:
    found = signals_in(f"{_WORRIED}\nSeller: {reply}")
    assert "explores_need_first" not in found


@pytest.mark.parametrize(
    "reply",
    [
        "Oh no. How long were you without it?",
        "Is there one item in particular you need the most?",
        "So you'd rather have the water than anything else?",
    ],
)
def test_pouncing_a_question_about_the_need_explores_it(reply: str) -> None:
    found = signals_in(f"{_WORRIED}\nSeller: {reply}")
    assert "explores_need_first" in found


@pytest.mark.parametrize("reply", ["When did this start?", "Ouch. When did you first notice?"])
def test_pouncing_asking_when_it_began_explores_the_need(reply: str) -> None:
    found = signals_in(f"Client: Churn has been creeping up all year.\nSeller: {reply}")
    assert "explores_need_first" in found


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        (
            "That sounds complicated for a crew of six.",
            "Not really. We've built it so that anyone on the crew can pick it up.",
        ),
        (
            "I'm mostly concerned about what happens to our old records.",
            "That's where we come in: we can take care of the entire move.",
        ),
        (
            "Quotes keep getting lost between sales and the warehouse.",
            "We use a routing engine that sends every quote to the right desk.",
        ),
        (
            "We'd love to reach more families on the east side.",
            "Our focus at Northfield is exactly that kind of local campaign.",
        ),
    ],
)
def test_pouncing_on_a_doubt_a_concern_or_a_goal(client: str, seller: str) -> None:
    """A doubt about the offer, a concern, a problem that keeps happening or a goal is a need
    too: the product put forward in any words before a question pounces on it."""
    assert "pounces_on_need" in signals_in(f"Client: {client}\nSeller: {seller}")


def test_pouncing_a_tag_question_explores_nothing() -> None:
    """ "..., okay?" asks them to agree with the seller, not to say more about the worry."""
    found = signals_in(
        """
        Client: I'm concerned about the weakness in my arm.
        Seller: It's not permanent, okay?
        """
    )
    assert "explores_need_first" not in found


def test_pouncing_a_question_about_the_doubt_explores_it() -> None:
    found = signals_in(
        """
        Client: Honestly, it seems overwhelming to me.
        Seller: What about it seems overwhelming?
        """
    )
    assert "explores_need_first" in found
    assert "pounces_on_need" not in found


def test_pouncing_asking_for_the_yes_explores_nothing() -> None:
    """After their doubt, "would you be willing to sign up?" asks for the yes, not about it."""
    found = signals_in(
        """
        Client: I'm a bit skeptical about how the fees add up.
        Seller: Would you be willing to sign up for the starter plan this week?
        """
    )
    assert "explores_need_first" not in found


def test_pouncing_answering_their_question_about_the_offer_is_no_pounce() -> None:
    """Asked something in particular about the offer, describing it answers the question; asked
    to tell them about it in general, the product tour still comes before their need."""
    answered = signals_in(
        """
        Client: That sounds complicated. How do you keep the old records safe during the move?
        Seller: Our migration engine copies everything twice and checks each file.
        """
    )
    assert "pounces_on_need" not in answered
    toured = signals_in(
        """
        Client: I'm not sure how this applies to a shop our size. Can you elaborate?
        Seller: Our platform was built for teams of every size, with dashboards and alerts.
        """
    )
    assert "pounces_on_need" in toured


def test_pouncing_the_last_client_turn_decides_and_small_talk_is_no_question_about_it() -> None:
    """A question about the offer in a later turn still counts; a question about the game
    last night does not turn the pounce off."""
    later = signals_in(
        """
        Client: Deadlines are being missed every week.
        Seller: Right.
        Client: So how do you make sure the reminders actually go out on time?
        Seller: Our reminder engine sends them from the server, whatever the phone does.
        """
    )
    assert "pounces_on_need" not in later
    chatter = signals_in(
        """
        Client: Deadlines are being missed every week. Anyway, did you catch the game?
        Seller: Our platform fixes exactly that, with automatic reminders.
        """
    )
    assert "pounces_on_need" in chatter


@pytest.mark.parametrize(
    ("client", "reply"),
    [
        # A pain in plain talk met with the product, however it is named.
        (
            "Integration's been a pain, our tools don't really work together.",
            "That sounds frustrating. We might have something that can help with that.",
        ),
        (
            "We're drowning in manual testing, it's just sooo time-consuming.",
            "Totally get it. TestMaster Suite could help with that for sure.",
        ),
        (
            "Integration with our CI/CD pipelines is a mess, ugh.",
            "We actually have a solution for that with TestMaster Suite.",
        ),
        (
            "There's so much to do, and the delays are piling up.",
            "That's where TestMaster Suite could really help out.",
        ),
    ],
)
def test_pouncing_a_pain_in_plain_talk_met_with_the_product(client: str, reply: str) -> None:
    found = signals_in(f"Client: {client}\nSeller: {reply}")
    assert "pounces_on_need" in found
    # Naming their feeling on the way to the pitch is no sympathy: one act, the pounce.
    assert "names_the_emotion" not in found and "shows_sympathy" not in found


def test_pouncing_help_offered_in_service_is_no_pitch() -> None:
    found = signals_in(
        "Client: My card was declined twice and I'm frustrated.\n"
        "Seller: I'm sorry about that, I can help you with that."
    )
    assert "pounces_on_need" not in found


@pytest.mark.parametrize(
    ("client", "reply"),
    [
        (
            "We use a mix of manual tests and some tools, but it's a lot of back and forth.",
            "Yeah, I hear that a lot. TestMaster can help reduce manual effort.",
        ),
        (
            "We have a bunch of teams and it's hard to keep everything aligned, ya know?",
            "Totally. With our analytics suite, your teams can see the same numbers.",
        ),
        (
            "Yeah, time is an issue. We're always behind schedule.",
            "Exactly! By reducing manual effort, your team could release faster.",
        ),
        (
            "There's still this concern about collaboration between QA and DevOps.",
            "Absolutely! The platform can bridge that gap with real-time analytics.",
        ),
    ],
)
def test_pouncing_the_benefit_promised_through_the_product(client: str, reply: str) -> None:
    assert "pounces_on_need" in signals_in(f"Client: {client}\nSeller: {reply}")


def test_pouncing_advice_on_a_symptom_is_no_product_benefit() -> None:
    found = signals_in(
        "Client: It's been hard to keep up with the exercises, honestly.\n"
        "Seller: Walking can help reduce the pain over time."
    )
    assert "pounces_on_need" not in found


@pytest.mark.parametrize(
    "reply",
    [
        "Ugh, that sounds rough. Have you heard about TestMaster Suite?? It kinda specializes in "
        "making all that easier.",
        "Oh no. Have you ever come across our scheduling platform?",
        "I hear you. Honestly, it makes the whole process so much easier.",
    ],
)
def test_pouncing_the_product_put_as_a_question_or_a_promise_of_ease(reply: str) -> None:
    found = signals_in(
        "Client: So, I've been dealing with like, a ton of manual testing lately and it's kinda "
        f"dragging us down, ya know?\nSeller: {reply}"
    )
    assert "pounces_on_need" in found
    # The sympathy on the way to the pitch, and the pitch asked as a question, are no credit.
    assert not {"shows_sympathy", "names_the_emotion", "asks_about_their_world"} & set(found)
