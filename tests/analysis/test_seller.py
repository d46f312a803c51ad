from __future__ import annotations

from pathlib import Path

import pytest

from trustworks.analysis import UNCERTAIN_BELOW, analyze, assign_seller, infer_seller
from trustworks.analysis.engine import Engine
from trustworks.analysis.seller import label_side, load_seller_cues
from trustworks.conversation import Conversation, Role, Turn
from trustworks.errors import CatalogueError
from trustworks.signals.matcher import Match


def _conv(*pairs: tuple[str, str]) -> Conversation:
    return Conversation(tuple(Turn(s, t) for s, t in pairs))


def test_seller_cues_file_weighs_catalogue_cues_of_both_sides() -> None:
    cues = load_seller_cues()
    assert {"pitch", "needs_discovery", "client_need", "buyer_offer"} <= set(cues.evidence)
    assert {e.side for e in cues.evidence.values()} == {"seller", "client"}


def test_seller_cues_bad_evidence_names_file_and_id(tmp_path: Path) -> None:
    bad = tmp_path / "seller_cues.toml"
    bad.write_text('[[evidence]]\nid = "promise"\nweight = 1.0\nsays = "x"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="promise"):
        load_seller_cues(bad)


@pytest.mark.parametrize(
    ("name", "side"),
    [
        ("Agent", "seller"),
        ("Sales Rep", "seller"),
        ("Therapist", "seller"),
        ("Counsellor", "seller"),
        ("Customer Success Manager", "seller"),
        ("Customer", "client"),
        ("Client 2", "client"),
        ("Prospect", "client"),
        ("User", "client"),
        ("Dana Whitfield", None),
        ("Speaker 1", None),
        ("Sales Team Lead", "seller"),
        ("support@acme.example", "seller"),
    ],
)
def test_label_side_reads_titles(name: str, side: str | None) -> None:
    assert label_side(name) == side


def test_infer_seller_labels_decide_with_high_confidence() -> None:
    guess = infer_seller(_conv(("Customer", "Hello."), ("Agent", "Hi."), ("Customer", "Okay.")))
    assert guess.seller == "Agent"
    assert guess.confidence >= 0.95 and not guess.uncertain
    assert any("label 'Agent'" in r for r in guess.reasons)


def test_infer_seller_discovery_beats_asking_the_price() -> None:
    guess = infer_seller(
        _conv(
            ("Lee", "Hi. So how much does it cost?"),
            ("Sam", "Happy to get to that. What are you hoping to get out of this?"),
            ("Lee", "Fewer missed renewals, mostly."),
            ("Sam", "How does your team currently track renewals?"),
        )
    )
    assert guess.seller == "Sam"
    assert not guess.uncertain
    assert any("asked what it costs" in r for r in guess.reasons)
    assert any("needs or situation" in r for r in guess.reasons)


def test_infer_seller_pitch_and_price_against_needs() -> None:
    guess = infer_seller(
        _conv(
            ("Priya", "We're struggling with churn. How much does it cost?"),
            ("Ryan", "Our platform reduces churn by 30 percent. It's $40,000 a year."),
        )
    )
    assert guess.seller == "Ryan" and not guess.uncertain
    assert "Ryan" in guess.reason


def test_infer_seller_tie_is_uncertain_and_says_so() -> None:
    guess = infer_seller(_conv(("Ana", "Hello."), ("Ben", "Hi.")))
    assert guess.uncertain
    assert guess.confidence == 0.5
    assert "spoke first" in guess.reason and "not sure" in guess.reason


def test_infer_seller_equal_evidence_is_a_tie_not_a_silent_pick() -> None:
    guess = infer_seller(
        _conv(("Ana", "Our platform is great."), ("Ben", "Our product is great too."))
    )
    assert guess.uncertain
    assert "equally strong evidence" in guess.reason


def test_infer_seller_no_cues_is_uncertain() -> None:
    guess = infer_seller(
        _conv(
            ("Kim", "The weather was lovely on Saturday."),
            ("Jo", "It was. We went to the coast."),
            ("Kim", "Nice, the coast is lovely."),
        )
    )
    assert guess.uncertain and guess.confidence < UNCERTAIN_BELOW


def test_infer_seller_one_cue_is_not_enough_to_be_sure() -> None:
    guess = infer_seller(_conv(("Ana", "Our platform does that."), ("Ben", "Okay.")))
    assert guess.seller == "Ana"
    assert guess.uncertain and 0.5 < guess.confidence < UNCERTAIN_BELOW


def test_infer_seller_service_call_agent_found_by_their_words() -> None:
    guess = infer_seller(
        _conv(
            ("Caller", "Hi."),  # a neutral label that names nobody's side
            ("Maria", "Thanks for calling Northwind, how can I help you today?"),
            ("Caller", "My order still hasn't arrived and I was charged twice."),
            ("Maria", "I'm sorry about that. Is there anything else I can help you with?"),
        )
    )
    assert guess.seller == "Maria" and not guess.uncertain


def test_infer_seller_persuader_asking_for_a_donation() -> None:
    guess = infer_seller(
        _conv(
            ("A", "Hi! Have you ever given to a children's charity?"),
            ("B", "Not really, no."),
            ("A", "This one feeds families in flood areas. Would you consider donating a little?"),
            ("B", "Hmm. Okay, I guess I can give a dollar."),
        )
    )
    assert guess.seller == "A" and not guess.uncertain


def test_infer_seller_owner_of_the_item_in_a_negotiation() -> None:
    guess = infer_seller(
        _conv(
            ("A", "Hi, is the desk still available?"),
            ("B", "It is. It's in great condition, I'm asking 120."),
            ("A", "Would you take 80?"),
            ("B", "The lowest I can go is 100."),
        )
    )
    assert guess.seller == "B" and not guess.uncertain
    assert any("bargained" in r for r in guess.reasons)


def test_infer_seller_service_agent_without_labels() -> None:
    guess = infer_seller(
        _conv(
            ("A", "Hi, I need help with my account, I can't log in."),
            ("B", "I'm sorry to hear that. Can I have your email address?"),
            ("A", "Sure, it's jo at example dot com."),
            ("B", "I've sent you a reset link. Anything else I can help with?"),
        )
    )
    assert guess.seller == "B" and not guess.uncertain


def test_infer_seller_buyer_asking_about_the_product_is_not_the_seller() -> None:
    guess = infer_seller(
        _conv(
            ("A", "Does your tool integrate with Salesforce?"),
            ("B", "Yes, natively, and it syncs every five minutes."),
            ("A", "How long does onboarding usually take? Do you offer training?"),
            ("B", "About three weeks, with live training for every new team."),
            ("A", "Can you send me a proposal?"),
        )
    )
    assert guess.seller == "B"
    assert any("product or service" in r for r in guess.reasons)


def test_infer_seller_single_speaker_is_sure() -> None:
    guess = infer_seller(_conv(("Dana", "Hi Marcus, thanks for your time.")))
    assert guess.seller == "Dana" and guess.confidence == 1.0 and not guess.uncertain
    assert "only speaker" in guess.reason


def test_infer_seller_single_speaker_who_sounds_like_a_client_is_uncertain() -> None:
    guess = infer_seller(_conv(("Dana", "How much does it cost? That sounds expensive.")))
    assert guess.seller == "Dana" and guess.uncertain and guess.confidence < 0.5


def test_infer_seller_empty_conversation() -> None:
    guess = infer_seller(Conversation(()))
    assert guess.seller == "" and guess.uncertain and guess.confidence == 0.0
    conv = assign_seller(Conversation(()))
    assert conv.seller == () and conv.seller_uncertain


def test_infer_seller_ignores_speakers_who_are_nobody() -> None:
    guess = infer_seller(_conv(("Unknown", "Our platform is the best."), ("Dana", "Hello.")))
    assert guess.seller == "Dana"


def test_assign_seller_marks_inferred_roles_and_confidence() -> None:
    conv = assign_seller(
        _conv(
            ("Priya", "Our biggest problem is onboarding."), ("Ryan", "We offer a module for that.")
        )
    )
    assert conv.seller == ("Ryan",) and conv.seller_inferred
    assert [t.role for t in conv.turns] == [Role.CLIENT, Role.SELLER]
    assert conv.seller_confidence is not None and 0.5 < conv.seller_confidence <= 1.0
    assert conv.seller_reasons and conv.seller_reasons[0] in conv.seller_reason


def test_assign_seller_tie_is_flagged_on_the_conversation() -> None:
    conv = assign_seller(_conv(("Ana", "Hello."), ("Ben", "Hi.")))
    assert conv.seller_uncertain and conv.seller_confidence == 0.5


def test_assign_seller_given_name_is_not_inferred() -> None:
    analysis = analyze(_conv(("Ana", "Hello."), ("Ben", "Hi.")), seller=["ben"])
    conv = analysis.conversation
    assert conv.seller == ("ben",)
    assert not conv.seller_inferred and not conv.seller_uncertain
    assert conv.seller_confidence is None and conv.seller_reasons == ()
    assert conv.turns[1].role is Role.SELLER


def test_infer_seller_matches_each_turn_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    original = Engine.hits

    def counting(self: Engine, text: str) -> tuple[Match, ...]:
        seen.append(text)
        return original(self, text)

    monkeypatch.setattr(Engine, "hits", counting)
    pairs = [(("Ana", f"Our platform, take {i}."), ("Ben", f"How much, {i}?")) for i in range(5)]
    conv = _conv(*(turn for pair in pairs for turn in pair))
    infer_seller(conv)
    assert len(seen) == len(conv.turns)  # one pass, and the analysis reuses these hits


def test_infer_seller_questions_alone_do_not_make_a_seller() -> None:
    # Two campers splitting supplies: one asks more and talks about the other more, but
    # nobody offers anything for sale, so which side "sells" is not there to be found.
    guess = infer_seller(
        _conv(
            ("Sam", "Hello! Which of the supplies do you need most for your trip?"),
            ("Alex", "I need water the most, I get dehydrated on long hikes with my family."),
            ("Sam", "Oh no, that sounds rough for you. What else do you need for your trip?"),
            ("Alex", "Some food too. I have two kids and my wife with me."),
            ("Sam", "How old are your kids? What do they like to do when you all camp?"),
            ("Alex", "Seven and nine. My kids like fishing with me."),
            ("Sam", "That sounds lovely. How long will you stay at your site?"),
            ("Alex", "Three nights, I think."),
        )
    )
    assert guess.seller == "Sam" and guess.confidence >= UNCERTAIN_BELOW
    assert guess.uncertain
    assert "nobody describes an offer" in guess.reasons[0]


def test_infer_seller_an_offer_described_keeps_the_guess_sure() -> None:
    guess = infer_seller(
        _conv(
            ("Sam", "Hi, this is Sam from Acme. What are you most hoping to fix this year?"),
            ("Alex", "Our reporting is a mess, honestly."),
            ("Sam", "What does a report take your team today? How often do you run them?"),
            ("Alex", "A day a week, every week."),
            ("Sam", "Our platform builds those reports for you. How do you share them now?"),
            ("Alex", "Email, mostly."),
        )
    )
    assert guess.seller == "Sam" and not guess.uncertain


def test_seller_cues_role_must_be_true_or_false(tmp_path: Path) -> None:
    bad = tmp_path / "seller_cues.toml"
    bad.write_text(
        '[[evidence]]\nid = "pitch"\nweight = 1.0\nrole = "yes"\nsays = "x"\n', encoding="utf-8"
    )
    with pytest.raises(CatalogueError, match="pitch"):
        load_seller_cues(bad)


def test_infer_seller_a_lone_ill_take_it_is_no_role() -> None:
    # "Okay, I'll take it" closes a trade between two campers as readily as a sale.
    guess = infer_seller(
        _conv(
            ("Sam", "Hello! Which of the supplies do you need most for your trip?"),
            ("Alex", "Water, mostly. I get dehydrated on long hikes with my family."),
            ("Sam", "That sounds rough for you. What else do you need for your trip?"),
            ("Alex", "Some food too. How about two waters for me and the firewood for you?"),
            ("Sam", "How long will you stay at your site? How many are you?"),
            ("Alex", "Okay, I'll take it. Four of us, three nights."),
        )
    )
    assert guess.uncertain


def test_seller_cues_role_acts_must_be_a_whole_number(tmp_path: Path) -> None:
    bad = tmp_path / "seller_cues.toml"
    bad.write_text(
        '[[evidence]]\nid = "pitch"\nweight = 1.0\nrole = true\nrole_acts = 0\nsays = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="pitch"):
        load_seller_cues(bad)


def test_infer_seller_a_discovery_call_is_one_sided_without_any_offer_named() -> None:
    # Mark states his problems and Dana, who states none, asks about them: roles, even before
    # anything is offered. (Between peers both sides state needs, or neither does.)
    guess = infer_seller(
        _conv(
            ("Dana", "Hi Mark, thanks for making time. How are things going with your team?"),
            ("Mark", "Busy. We're growing fast and our onboarding is a mess."),
            ("Dana", "What does a messy onboarding look like for you day to day?"),
            ("Mark", "New hires wait a week for laptops and accounts. It's embarrassing."),
            ("Dana", "What have you tried so far to fix it?"),
            ("Mark", "Spreadsheets, mostly. Someone in IT owns it but he's swamped."),
            ("Dana", "What would good look like for you by the end of the quarter?"),
            ("Mark", "Day one, everything works."),
        )
    )
    assert guess.seller == "Dana" and not guess.uncertain


def test_infer_seller_a_split_where_the_asker_claims_a_share_is_between_peers() -> None:
    # Kim states a need and Lee asks about it, but Lee also claims a share ("and I get 3
    # firewood"): both bargain for their own side, so the questions make no seller.
    guess = infer_seller(
        _conv(
            ("Kim", "Hello there, how are you?"),
            ("Lee", "Doing well, thanks! How are you doing today?"),
            ("Kim", "Good. I'm not sure about the firewood yet, what about the food?"),
            ("Lee", "What do you need the food for? How many are in your group?"),
            ("Kim", "Five of us, and the kids eat a lot."),
            ("Lee", "How about you take 2 food and 2 water, and I get 3 firewood?"),
            ("Kim", "What would you do with all that firewood?"),
            ("Lee", "We cook on the fire every night. How does that sound?"),
            ("Kim", "Fine, I think."),
            ("Lee", "Great! What are you most looking forward to on your trip?"),
        )
    )
    assert guess.uncertain
    assert "claims a share for their own side" in guess.reasons[0]


def test_infer_seller_doubts_labels_that_what_was_said_contradicts() -> None:
    # A transcript with its tags swapped: the "Patient" asks, the "Doctor" tells their story.
    # The labels alone would make the Doctor the seller surely; what was said says otherwise.
    turns = [
        ("Patient", "Hi, good to see you. What brings you in today?"),
        ("Doctor", "I've had this pain in my knee for two weeks and I'm worried about it."),
        ("Patient", "I'm sorry to hear that. How is it affecting your day?"),
        ("Doctor", "I can't run anymore and I'm struggling to sleep because of it."),
    ]
    conversation = Conversation(tuple(Turn(speaker, text) for speaker, text in turns))
    guess = infer_seller(conversation)
    assert guess.seller == "Doctor" and guess.confidence >= UNCERTAIN_BELOW
    assert guess.uncertain
    assert "labels make Doctor the seller" in guess.reasons[0]


def test_infer_seller_doubts_swapped_labels_on_how_one_sided_the_pronouns_are() -> None:
    # A counselling session with its tags swapped and no cue but the pronouns: the "Client"
    # speaks of "you" 14 times and never of "I", the "Therapist" 20 times of "I" and asks one
    # question. Capped at one cue's worth, the lean could not outweigh that question; counted
    # as the evidence grows, it can.
    turns = [
        ("Client", "So you've been drinking a bit more since you moved, you said."),
        (
            "Therapist",
            "Yeah. I mean, I go out with my friends and I just lose track, and then my head hurts.",
        ),
        ("Client", "You feel it the next morning, and you're not sure you like where it's going."),
        (
            "Therapist",
            "I don't. I told myself I would stop at three, and I never do. "
            "My wife is fed up with me.",
        ),
        ("Client", "You've tried to set yourself a limit, and your wife worries about you too."),
        ("Therapist", "She does. I need to do something about it, something I can manage."),
        (
            "Client",
            "You want to find something you can keep up, that works for you and your family.",
        ),
        (
            "Therapist",
            "Right. I want my weekends back. I miss my mornings and my runs. "
            "What else could I try?",
        ),
    ]
    guess = infer_seller(Conversation(tuple(Turn(speaker, text) for speaker, text in turns)))
    assert guess.seller == "Therapist" and guess.uncertain
    assert "what Client says is far more like a seller's" in guess.reasons[0]


def test_infer_seller_labels_that_agree_with_what_was_said_stay_sure() -> None:
    turns = [
        ("Doctor", "Hi, good to see you. What brings you in today?"),
        ("Patient", "I've had this pain in my knee for two weeks and I'm worried about it."),
        ("Doctor", "I'm sorry to hear that. How is it affecting your day?"),
        ("Patient", "I can't run anymore and I'm struggling to sleep because of it."),
    ]
    guess = infer_seller(Conversation(tuple(Turn(speaker, text) for speaker, text in turns)))
    assert guess.seller == "Doctor" and not guess.uncertain


def test_infer_seller_a_lone_label_against_the_one_who_describes_the_offer_is_unsure() -> None:
    # An interview about a founder's product: the "Interviewer" asks, the founder describes and
    # prices what his company offers.
    turns = [
        ("Interviewer", "Thanks for joining us. How did you come up with the idea?"),
        ("Sebastian", "Our product records field sales conversations. We offer a mobile app."),
        ("Interviewer", "How do teams use it day to day? What do they tell you about it?"),
        ("Sebastian", "Reps record their visits and our platform costs $50 per rep per month."),
        ("Interviewer", "What has surprised you most? How do you see the next year?"),
        ("Sebastian", "The managers like the coaching a lot. We'll grow the team."),
        ("Interviewer", "What keeps you up at night? Where do you want to be in five years?"),
        ("Sebastian", "Hiring well. In five years, in every sales team in the country."),
    ]
    guess = infer_seller(Conversation(tuple(Turn(speaker, text) for speaker, text in turns)))
    assert guess.uncertain
    assert "does what only a seller does (described what they offer" in guess.reasons[0]


def test_infer_seller_a_label_for_each_side_stays_the_labels_word() -> None:
    turns = [
        ("Agent", "Hello, how can I help you today?"),
        ("User", "Our product is a party planning app and we offer catering; I need a venue."),
        ("Agent", "Which day would you like the venue for?"),
        ("User", "Friday, please."),
    ]
    guess = infer_seller(Conversation(tuple(Turn(speaker, text) for speaker, text in turns)))
    assert guess.seller == "Agent" and not guess.uncertain


def test_infer_seller_an_account_check_in_is_sure_of_whose_product_it_is() -> None:
    # Nobody pitches or names a price: the account manager asks how "our" tool is working, and
    # passes the feedback on. The customer answers about it.
    guess = infer_seller(
        _conv(
            ("Dana", "Hi Priya, thanks for making time today."),
            ("Priya", "Hi Dana, happy to."),
            ("Dana", "How's our scheduling tool working for your team since the update?"),
            ("Priya", "Mostly well, but the reports take a while to load."),
            ("Dana", "Slow reports, noted. Great point, I'll pass that along to the team."),
            ("Priya", "Thanks, that would help."),
            ("Dana", "How are you finding our new dashboard?"),
            ("Priya", "It's clear, though I'd like to export it."),
        )
    )
    assert guess.seller == "Dana"
    assert not guess.uncertain
    assert not any("hesitated" in reason for reason in guess.reasons)


def test_infer_seller_a_prospect_asking_how_it_would_work_for_them_is_the_client() -> None:
    # The prospect asks the open questions, each about the offer: how it would work for their
    # reps, what putting it in takes. Open questions alone would have made them the seller.
    guess = infer_seller(
        _conv(
            ("Jordan", "Welcome. How exactly would this work for our reps?"),
            ("Sam", "Our platform records each visit and gives every rep feedback the same day."),
            ("Jordan", "How difficult is it to implement and start seeing results?"),
            ("Sam", "Most teams are live in two weeks."),
            ("Jordan", "What would implementation look like for us?"),
            ("Sam", "A kickoff call, then we connect your calendars."),
        )
    )
    assert guess.seller == "Sam"
    assert not guess.uncertain


def test_infer_seller_a_persuader_who_tells_what_the_charity_gives_is_sure() -> None:
    # The persuadee's "they help kids, right?" asks about the cause; the persuader tells what
    # the charity provides and to whom.
    guess = infer_seller(
        _conv(
            ("A", "Hi there! Have you ever heard of Save the Children?"),
            ("B", "I think so, they help kids right?"),
            (
                "A",
                "Yes, they provide food, education and health care to children in poor "
                "countries. Would you be willing to donate some of your task payment?",
            ),
            ("B", "Hmm, I don't know. Money is a bit tight for me right now."),
            ("A", "I understand. Even a small amount helps."),
        )
    )
    assert guess.seller == "A"
    assert not guess.uncertain
    assert not any("B described the cause" in reason for reason in guess.reasons)


def test_infer_seller_a_host_asking_how_the_visitor_likes_our_city_is_not_the_seller() -> None:
    guess = infer_seller(
        _conv(
            ("Dana", "Welcome to Lisbon! How do you like our city so far?"),
            ("Sam", "It's lovely. Thanks for having me. Our platform could save your team hours."),
            ("Dana", "Any thoughts on our reporting setup? It's a bit of a mess."),
            ("Sam", "We offer automated reports, and we can set them up in a week."),
        )
    )
    assert guess.seller == "Sam" or guess.uncertain


def test_infer_seller_the_sellers_own_setup_questions_are_no_client_cue() -> None:
    guess = infer_seller(
        _conv(
            ("Marco", "What would onboarding look like for your team, ideally?"),
            ("Priya", "Quick, ideally. We're short on people."),
            ("Marco", "Understood. How can I set up that demo for you?"),
            ("Priya", "Send me a few times."),
        )
    )
    assert guess.seller == "Marco" or guess.uncertain


def test_infer_seller_a_clients_hope_for_the_product_is_no_pitch() -> None:
    guess = infer_seller(
        _conv(
            ("Host", "Welcome. This could be a game-changer for our team."),
            ("Michael", "Our platform records every call and coaches each rep on it."),
        )
    )
    assert not any("Host described what they offer" in reason for reason in guess.reasons)
