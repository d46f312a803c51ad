"""Splits: who gets what in a proposal, and whether it claims the lion's share, claims what
the other side said they need, or recaps the terms agreed."""

from __future__ import annotations

from trustworks import conversation_from_pairs
from trustworks.analysis import analyze
from trustworks.analysis.splits import (
    AGAIN_SIGNAL,
    MORE_SIGNAL,
    NEED_SIGNAL,
    RECAP_SIGNAL,
    SIGNAL,
    Split,
    allocations,
    last_proposal,
    split_of,
)
from trustworks.sentences import LONGEST_SENTENCE

SPLIT_SIGNALS = {SIGNAL, RECAP_SIGNAL}


def _claims(*turns: tuple[str, str]) -> list[int]:
    """The turns where the seller claims what the client said they need."""
    analysis = analyze(conversation_from_pairs(list(turns), seller="Seller"))
    return [f.turn for f in analysis.findings if f.signal == NEED_SIGNAL]


def _split(text: str) -> tuple[dict[str, int | None], dict[str, int | None]]:
    split = split_of(allocations(text))
    return split.mine, split.theirs


def _found(*turns: tuple[str, str]) -> list[tuple[int, str]]:
    analysis = analyze(conversation_from_pairs(list(turns), seller="Seller"))
    return [(f.turn, f.signal) for f in analysis.findings if f.signal in SPLIT_SIGNALS]


def test_counts_go_to_the_owner_named_before_them_and_a_list_goes_on() -> None:
    mine, theirs = _split("I'll take 3 food, 2 water and 1 firewood, and you can have 2 firewood.")
    assert mine == {"food": 3, "water": 2, "firewood": 1}
    assert theirs == {"firewood": 2}


def test_for_me_and_for_you_after_a_list_name_its_owner() -> None:
    mine, theirs = _split("okay so 2 food, 0 water, 3 firewood for me. 1 food, 3 water for you.")
    assert mine == {"food": 2, "firewood": 3}
    assert theirs == {"food": 1, "water": 3}


def test_an_exchange_hands_what_follows_for_to_the_speaker() -> None:
    mine, theirs = _split("I'll give you three food for three water and three firewood.")
    assert mine == {"water": 3, "firewood": 3}
    assert theirs == {"food": 3}


def test_all_of_an_item_is_counted_once_its_size_is_named() -> None:
    mine, _ = _split("I'd like all 3 firewood and you can have 2 water.")
    assert mine == {"firewood": 3}
    mine, _ = _split("I'd like all the firewood and you can have 2 water.")
    assert mine == {"firewood": None}


def test_counts_with_no_owner_named_in_their_sentence_are_no_shares() -> None:
    assert _split("3 food and 2 water would be nice.") == ({}, {})
    assert _split("3 food and 2 water for me, please.") == ({"food": 3, "water": 2}, {})
    assert _split("You get it! 3 food and 2 water.") == ({}, {})
    assert _split("I will take it\n3 food and 2 water") == ({}, {})
    assert _split("3 food and 2 water. For me, fine.") == ({}, {})


def test_the_owner_is_looked_for_in_the_characters_before_a_count_even_inside_a_word() -> None:
    # The 80 characters before "2 water" start at "you" in "thankyou": the owner is looked
    # for there as if a word started.
    before = "you get a lot of nice things here and there, as said in the chat just before so "
    assert len(before) == 80
    assert _split(f"thank{before}2 water and 1 food.") == ({}, {"water": 2, "food": 1})


def test_a_count_in_a_later_sentence_looks_for_its_owner_in_that_sentence() -> None:
    text = "You can have 2 water. Then 3 food, fine?"
    assert _split(text) == ({}, {"water": 2})
    # A text longer than sentence_span's reach: each count's sentence is looked for again.
    assert _split("x " * LONGEST_SENTENCE + text) == ({}, {"water": 2})


def test_counts_by_digit_and_by_word_in_any_case() -> None:
    assert _split("I will take 10 water and you get two food.") == ({"water": 10}, {"food": 2})
    # Not ASCII: the text is read as it is, not in lower case.
    assert _split("Você: I will take Two food and you get 1 WATER.") == (
        {"food": 2},
        {"water": 1},
    )


def test_people_time_and_denied_counts_are_not_shares() -> None:
    assert _split("I have 3 kids and 2 older people with me.") == ({}, {})
    assert _split("We won't need 3 water, honestly.") == ({}, {})
    assert _split("I need 2 days to decide.") == ({}, {})


def test_a_split_that_keeps_twice_what_it_leaves_claims_the_lions_share() -> None:
    found = _found(
        ("Client", "Hello! How are you?"),
        ("Seller", "Good. I'll take 3 food and 3 water, you get 3 firewood."),
    )
    assert found == [(1, SIGNAL)]


def test_keeping_what_they_said_they_do_not_need_takes_nothing_from_them() -> None:
    # 6 against 3 counted, but 3 of the 6 are firewood they have no use for: on the items
    # they want it is 3 against 3.
    found = _found(
        ("Client", "I don't need any firewood, but water and food matter a lot to me."),
        ("Seller", "Then I keep all 3 firewood, and I give you 2 water and 1 food."),
    )
    assert found == []


def test_what_they_do_not_need_does_not_hide_a_lions_share_of_the_rest() -> None:
    found = _found(
        ("Client", "We don't need firewood, but water matters to us."),
        ("Seller", "I'll take 3 food and 3 water, and you get the 3 firewood."),
    )
    assert found == [(1, SIGNAL)]


def test_taking_all_of_what_they_said_they_need_claims_the_lions_share() -> None:
    found = _found(
        ("Client", "Firewood is really important to me, it gets cold at night."),
        ("Seller", "I'd like all 3 firewood and 2 food, and you can have 3 water and 1 food."),
    )
    assert found == [(1, SIGNAL)]


def test_a_split_near_even_is_no_claim() -> None:
    found = _found(
        ("Client", "Water is really important to us, we'll be hiking in the heat."),
        ("Seller", "How about 3 water and 1 food for you, and 3 firewood and 2 food for me?"),
    )
    assert found == []


def test_what_they_said_they_do_not_need_is_not_their_need() -> None:
    found = _found(
        ("Client", "I don't need firewood, we have plenty."),
        ("Seller", "I'd like all 3 firewood and 2 food, and you can have 3 water and 1 food."),
    )
    assert found == []


def test_their_own_split_said_back_is_a_recap_not_a_claim() -> None:
    found = _found(
        ("Client", "I'll take 3 firewood and 2 food, and you get 3 water and 1 food."),
        ("Seller", "So to be clear, I get 3 water and 1 food and you get 3 firewood and 2 food?"),
    )
    assert found == [(1, RECAP_SIGNAL)]


def test_their_last_proposal_is_the_latest_of_their_turns_before_the_sellers() -> None:
    first = ("Client", "I'll take 3 firewood and 2 food, and you get 3 water and 1 food.")
    second = ("Client", "Actually I'll take 3 water and 2 food, and you get 3 firewood and 1 food.")
    # Their first proposal, said back after they changed it, is an offer of the seller's own.
    assert (
        _found(
            first, second, ("Seller", "I get 3 water and 1 food, you get 3 firewood and 2 food.")
        )
        == []
    )
    said_back = ("Seller", "I get 3 firewood and 1 food, you get 3 water and 2 food.")
    assert _found(first, second, said_back) == [(2, RECAP_SIGNAL)]


def test_a_counter_offer_after_sounds_good_is_no_recap() -> None:
    found = _found(
        ("Client", "Hello! How are you?"),
        ("Seller", "Sounds good, but how about I take 3 food and 3 water, you get 3 firewood?"),
    )
    assert found == [(1, SIGNAL)]


def test_talk_about_their_terms_is_neither_claim_nor_offer() -> None:
    found = _found(
        ("Client", "I want 3 food and 2 water."),
        ("Seller", "That would be unfair for you to get 3 food and 2 water while I get 1 water."),
    )
    assert found == []


def test_the_client_side_is_never_judged() -> None:
    found = _found(
        ("Seller", "What do you need most?"),
        ("Client", "I'll take 3 food and 3 water, you get 3 firewood."),
    )
    assert found == []


def test_one_sides_terms_said_back_in_full_are_a_recap() -> None:
    found = _found(
        ("Client", "Fine, I'll take 2 firewood, 1 food and 3 water for you is fine."),
        ("Seller", "Yes, that's fine, so that leaves me 1 firewood, 3 water, 1 food. Correct?"),
    )
    assert found == [(1, RECAP_SIGNAL)]


def test_an_offer_checked_with_them_is_no_recap() -> None:
    found = _found(
        ("Client", "What would you suggest?"),
        ("Seller", "If I get two water and one food, are you okay with two food and one water?"),
    )
    assert found == []


def test_a_size_only_guessed_from_counts_named_may_leave_them_a_third() -> None:
    # Nobody has said how many water and food there are: "2 water and 2 food" may be two of
    # three of each, five against four, and the proposer gets no share of a guess too low.
    found = _found(
        ("Client", "Hi! I could use some rest after the drive. What are you after?"),
        ("Seller", "Mostly shelter. I'd want 3 firewood and 1 food if I could."),
        ("Client", "Hmm, I get cold at night, so I'd rather keep some firewood myself."),
        ("Seller", "Fair enough: you keep 2 firewood, and I take 1 firewood, 2 water, 2 food."),
    )
    assert found == []
    # Once their own split has said there are two of each, the same counts keep five against
    # two.
    sure = _found(
        ("Client", "I'd say 1 water and 1 food for you, and 1 water and 1 food for me."),
        ("Seller", "Fair enough: you keep 2 firewood, and I take 1 firewood, 2 water, 2 food."),
    )
    assert sure == [(1, SIGNAL)]


def test_counts_listed_with_no_word_between_share_their_owner() -> None:
    mine, theirs = _split(
        "What if it's 3 packs of water for me and 2 packs of food 2 firewood for you?"
    )
    assert mine == {"water": 3}
    assert theirs == {"food": 2, "firewood": 2}


def test_a_need_they_give_up_in_the_same_breath_is_not_taken_from_them() -> None:
    client = ("Client", "I'd like all the food. I need water too, but you can have it.")
    seller = ("Seller", "Then I take all 3 water and 1 food, and you get 2 food and 1 firewood.")
    assert _found(client, seller) == []
    kept = ("Client", "I'd like all the food. I need water too, it's hot out.")
    assert _found(kept, seller) == [(1, SIGNAL)]


def test_a_question_about_their_need_names_none_of_the_askers() -> None:
    seller = ("Seller", "What about all 3 food and 2 water for me, 3 firewood and 1 water for you?")
    asked = ("Client", "Tell me, why do you need food so much? We're fine either way.")
    assert _found(asked, seller) == []


def test_a_need_belongs_to_the_item_in_its_own_clause() -> None:
    seller = ("Seller", "What about all 3 food and 2 water for me, 3 firewood and 1 water for you?")
    # "I hardly eat food, we need firewood": the need is the firewood's.
    assert _found(("Client", "I hardly eat food, we need firewood."), seller) == []
    assert _found(("Client", "We need food, and firewood."), seller) == [(1, SIGNAL)]


def test_taking_most_of_the_only_thing_they_need_and_asked_for_claims_it() -> None:
    found = _found(
        (
            "Client",
            "We badly need food, the kids eat a lot. Could I take 2 food, 2 water and 1 firewood?",
        ),
        (
            "Seller",
            "Hmm, I'd rather I take 2 food and 3 firewood, and you take 3 water and 1 food.",
        ),
    )
    assert found == [(1, SIGNAL)]
    # Giving them all of another need of theirs makes it a trade.
    traded = _found(
        ("Client", "We need food and water. Could I take 2 food and 2 water, and 1 firewood?"),
        ("Seller", "How about I take 2 food and 3 firewood, and you take all 3 water and 1 food?"),
    )
    assert traded == []


def test_their_split_weighed_in_an_if_is_no_recap() -> None:
    found = _found(
        ("Client", "I'll take 3 water and 2 food, and you get 3 firewood and 1 food."),
        (
            "Seller",
            "If I give you 3 water and 2 food and I keep 3 firewood and 1 food, I'd have almost "
            "nothing to eat on the trail.",
        ),
    )
    assert found == []


def test_an_offer_announced_or_asked_to_be_taken_is_no_recap() -> None:
    announced = _found(
        ("Client", "So, what do you propose?"),
        ("Seller", "Here's the deal. You take 2 water and 2 food, I keep 1 water and 1 food."),
    )
    asked = _found(
        ("Client", "So, what do you propose?"),
        ("Seller", "You take 2 water and 2 food, I keep 1 water and 1 food. Do we have a deal?"),
    )
    assert announced == asked == []
    agreed = _found(
        ("Client", "Okay, 2 water and 2 food for me is fine."),
        ("Seller", "We have a deal: you take 2 water and 2 food, I keep 1 water and 1 food."),
    )
    assert agreed == [(1, RECAP_SIGNAL)]


def test_giving_up_something_else_keeps_the_need_they_named() -> None:
    # "...but I'll give you the water" gives the water, not the food they need.
    found = _found(
        ("Client", "I need food for the kids but I'll give you the water."),
        ("Seller", "Then I take all 3 food and 1 water, and you get 2 water and 1 firewood."),
    )
    assert found == [(1, SIGNAL)]


def test_asking_for_all_of_what_they_just_said_they_need_claims_it() -> None:
    need = ("Client", "Water is what we need most, we'll be walking in the heat all day.")
    assert _claims(need, ("Seller", "I'd like all the water and 2 of the food.")) == [1]
    # Only one count is enough, and a request put as a question is still a request.
    assert _claims(need, ("Seller", "Could I have all 3 water?")) == [1]


def test_most_of_a_needed_item_in_any_bargain_claims_it() -> None:
    found = _claims(
        ("Client", "We really need the projectors for the conference week."),
        ("Seller", "Then we keep 3 projectors, and you can have 1 projector and 2 screens."),
    )
    assert found == [1]


def test_a_need_said_turns_ago_is_still_theirs_after_a_deal() -> None:
    found = _claims(
        ("Client", "Firewood is crucial for us, my father gets cold at night."),
        ("Seller", "How about you take 2 firewood and I take 1 firewood and 2 food?"),
        ("Client", "Deal, thank you!"),
        ("Seller", "Actually, can you give me 3 firewood instead?"),
    )
    assert found == [3]


def test_half_or_less_of_their_need_claims_nothing() -> None:
    # A fair split leaves them the larger part of what they need.
    found = _claims(
        ("Client", "Firewood is crucial for us, my father gets cold at night."),
        ("Seller", "How about you take 2 firewood and I take 1 firewood and 2 food?"),
    )
    assert found == []


def test_a_claim_that_gives_them_another_need_of_theirs_is_a_trade() -> None:
    found = _claims(
        ("Client", "We need food and water, there are six of us."),
        ("Seller", "I'll take 2 food, and you can have all 3 water."),
    )
    assert found == []


def test_what_they_said_they_do_not_need_is_no_need_to_claim() -> None:
    found = _claims(
        ("Client", "I don't think we will need any firewood, it is warm where we go."),
        ("Seller", "Great, then I'd like all 3 firewood."),
    )
    assert found == []


def test_a_claim_with_a_word_for_their_need_or_a_reason_is_no_claim_on_it() -> None:
    need = ("Client", "We need the firewood badly, ours got soaked in the rain.")
    heard = ("Seller", "Sorry to hear it got wet. I'd still like 2 firewood and 2 food.")
    reason = ("Seller", "I'd like 2 firewood, because my tent is by the lake and it gets cold.")
    assert _claims(need, heard) == _claims(need, reason) == []


def test_a_claim_made_only_if_they_can_spare_it_is_a_question() -> None:
    found = _claims(
        ("Client", "We could really use some water on the trail."),
        ("Seller", "If you don't need all of it, could I take 2 water?"),
    )
    assert found == []


def test_a_question_about_their_need_claims_nothing() -> None:
    found = _claims(
        ("Client", "Water is our priority this time."),
        ("Seller", "How many of the 3 water would you need to be comfortable?"),
    )
    assert found == []


def test_taking_what_they_offered_or_asked_about_claims_nothing() -> None:
    offered = _claims(
        ("Client", "Food is important to us, but you can take 2 food and I get 3 water."),
        ("Seller", "Great, I'll take the 2 food and 1 water."),
    )
    put_on_the_table = _claims(
        ("Client", "We need water badly. If you want 2 water, I'd take all the firewood."),
        ("Seller", "Okay, 2 water and 1 food for me."),
    )
    asked = _claims(
        ("Client", "We need the water. How many water do you need?"),
        ("Seller", "I'd like 2 water."),
    )
    assert offered == put_on_the_table == asked == []


def test_someone_elses_need_or_a_need_it_serves_is_not_theirs() -> None:
    yours = _claims(
        ("Client", "I know you need the food, so I'd like all the water instead."),
        ("Seller", "Fine, I'll take all 3 food."),
    )
    serves = _claims(
        ("Client", "I need the water to cook our food."),
        ("Seller", "Then I'll take 2 food and 1 water."),
    )
    assert yours == serves == []


def test_giving_them_what_they_said_they_would_like_makes_it_a_trade() -> None:
    need = ("Client", "We need water for the trail, and we'd love some extra food too.")
    assert _claims(need, ("Seller", "I'll take 2 water, and you can have all the food.")) == []
    assert _claims(need, ("Seller", "I'll take 2 water and 2 food.")) == [1]


def test_a_claim_that_meets_them_some_other_way_claims_nothing_of_theirs() -> None:
    need = ("Client", "We really need the lanterns, the nights out there are pitch black.")
    # The seller's own case beside theirs, their view asked, their own proposal taken up.
    for reply in (
        "I also have a night hike planned, so I'd take 2 lanterns and you the stove.",
        "How about I take 2 lanterns and you take the stove and the tarp, what do you think?",
        "As you suggested, I take 2 lanterns and you keep the rest.",
    ):
        assert _claims(need, ("Seller", reply)) == [], reply
    # ...and the item they just offered to give up is no need of theirs to take.
    offered = (
        "Client",
        "I need the lanterns, but I could give you more lanterns if you let me have the stove.",
    )
    assert _claims(offered, ("Seller", "Then I'll take 2 lanterns and you the stove.")) == []
    # Taken without a word for their need, it still claims it.
    assert _claims(need, ("Seller", "I'd take 2 lanterns and you the stove.")) == [1]


def test_splits_taking_what_they_have_enough_of_or_leaving_the_one_they_need_claims_nothing() -> (
    None
):
    # "I have all the water I need" says they need no water.
    assert not _claims(
        ("Kim", "With my purification system I have all the water I need. Food is my goal."),
        ("Seller", "I would give you 3 wood if I can get 3 water."),
    )
    # "I need at least one food" is met by the one food left to them.
    assert not _claims(
        ("Kim", "I'm happy to take the water, but I need at least one food."),
        ("Seller", "What if I take two food and one water, and you get one food and two water?"),
    )
    # All of what they said they need is still claimed.
    assert _claims(
        ("Kim", "I really need the food, my kids are always hungry."),
        ("Seller", "I'll take all 3 food and you can have the water."),
    ) == [1]


def test_splits_not_having_what_they_need_is_a_need() -> None:
    assert _claims(
        ("Kim", "We don't have the firewood we need for the cold nights."),
        ("Seller", "I'll take all 3 firewood and you can have the water."),
    ) == [1]


def test_splits_a_need_for_one_of_something_else_leaves_the_other_need() -> None:
    assert _claims(
        (
            "Kim",
            "I need at least one food, and I really need the water, my kids are always thirsty.",
        ),
        ("Seller", "I'll take 2 water and 2 food, and you get 1 water and 1 food."),
    ) == [1]


def test_splits_an_item_said_unneeded_at_the_start_of_a_sentence_is_unneeded() -> None:
    assert not _claims(
        ("Kim", "Water we don't need at all. Food is our worry."),
        ("Seller", "Then I'll take all 3 water and you can have the firewood."),
    )


def _again(*turns: tuple[str, str]) -> list[int]:
    """The turns where the seller puts the same terms again after the client's no."""
    analysis = analyze(conversation_from_pairs(list(turns), seller="Seller"))
    return [f.turn for f in analysis.findings if f.signal == AGAIN_SIGNAL]


_ASKED = ("Seller", "How about I take 2 food and 2 water, and you get 1 food and 1 water?")


def test_the_same_split_again_after_their_no_pushes_it() -> None:
    assert _again(
        _ASKED,
        ("Client", "No, I can't do that, I need the food."),
        ("Seller", "I'll take 2 food and 2 water, you get 1 food and 1 water."),
    ) == [2]


def test_the_same_split_said_the_other_way_round_is_the_same_terms() -> None:
    assert _again(
        ("Seller", "I'd like all 3 water, 2 firewood and 1 food."),
        ("Client", "I need water for my family too, so I can't give you all three."),
        ("Seller", "I need all 3 water, you can take 2 food and 1 firewood."),
    ) == [2]


def test_refusing_their_counter_and_putting_the_same_split_pushes_it() -> None:
    assert _again(
        _ASKED,
        ("Client", "What about this? I get 2 food and 1 water, you get 1 food and 2 water."),
        (
            "Seller",
            "No I can't accept this! I want the same: 2 food and 2 water for me, and 1 food and "
            "1 water for you.",
        ),
    ) == [2]


def test_a_changed_split_a_question_or_a_yes_is_no_push() -> None:
    no = ("Client", "No, I can't do that, I need the food.")
    assert not _again(
        _ASKED, no, ("Seller", "Okay, how about I take 1 food and 2 water, you get 2 food?")
    )
    assert not _again(
        _ASKED,
        no,
        ("Seller", "Why do you need the food? I'll take 2 food and 2 water, you get 1 and 1."),
    )
    assert not _again(
        _ASKED,
        ("Client", "Deal, sounds good."),
        ("Seller", "Great, so I take 2 food and 2 water, and you get 1 food and 1 water."),
    )


def test_their_own_terms_or_their_check_answered_is_no_push() -> None:
    # Two openings crossing: they declined nothing.
    assert not _again(
        ("Seller", "I would like two food, one water, and one firewood."),
        ("Client", "Hello. I would like 3 water, 2 firewood, and 1 food."),
        ("Seller", "Could we come to a deal with you getting 2 water, 2 firewood and 1 food?"),
    )
    # Their misreading checked, and corrected.
    assert not _again(
        ("Seller", "I can give you 2 water and 1 food for 2 of your firewood."),
        ("Client", "Ok. I will have 2 water, 2 firewood and 1 food. Am I correct?"),
        ("Seller", "no, I can give you 2 water and one food if you give me 2 firewood"),
    )


def test_calling_the_terms_fair_after_they_said_unfair_insists() -> None:
    assert _again(
        ("Seller", "That deal gives you 2 food packets. That is a fair trade-off."),
        ("Client", "3 - 6? I don't consider that fair, I am sorry."),
        ("Seller", "So you get 2 food packets. It is very fair."),
    ) == [2]
    assert not _again(
        ("Seller", "That deal gives you 2 food packets. That is a fair trade-off."),
        ("Client", "I don't consider that fair, I am sorry."),
        ("Seller", "Is it not fair? What would be fair for you?"),
    )
    assert not _again(
        ("Seller", "That deal gives you 2 food packets."),
        ("Client", "That sounds fair to me."),
        ("Seller", "Great, it is a fair deal for both of us."),
    )


def test_one_sides_share_put_again_after_their_counter_pushes_it_when_said_so() -> None:
    opening = (
        "Seller",
        "How about you take 2 water, 2 food, and 1 firewood? I will take 2 firewood, 1 water "
        "and 1 food.",
    )
    counter = ("Client", "What if I take 1 firewood, 3 food and 2 waters, and you take the rest?")
    assert _again(
        opening, counter, ("Seller", "I am again offering you 2 water, 2 food, and 1 firewood.")
    ) == [2]
    # One side's share, not said to be the same: it may ask for less.
    assert not _again(opening, counter, ("Seller", "You take 2 water, 2 food, and 1 firewood."))


def test_the_same_terms_argued_for_their_need_or_a_blunt_reply_to_a_question_are_no_push() -> None:
    assert not _again(
        (
            "Seller",
            "How about two food and 3 firewood for me, and all the water and 1 food for you?",
        ),
        ("Client", "How about 2 water, 2 food and 2 firewood for me, then you get the rest?"),
        (
            "Seller",
            "Definitely not. I offer two food and three firewood for me, and 3 water and 1 food "
            "for you. That way you have enough food and water for your diabetic concerns.",
        ),
    )
    assert not _again(
        ("Seller", "ok, i will give you 2 firewoods for 4 waters and 1 food"),
        ("Client", "Do you have any activities planned for during your camping trip?"),
        (
            "Seller",
            "nope. do we have a deal? i give you 2 firewoods and you give me 4 waters and 1 food?",
        ),
    )


def test_insisting_the_deal_is_fair_after_their_no_or_their_but() -> None:
    assert _again(
        ("Seller", "How about I have 2 water, 1 food, and 2 firewood."),
        ("Client", "No, I've already given you the better deal. Take 2 water or I will walk away."),
        ("Seller", "I believe the deal I just gave you is more fair for both of us."),
    ) == [2]
    assert _again(
        ("Seller", "I give you 1 firewood, 2 food. You give me 3 waters."),
        ("Client", "But in the end you have 7 items and I have 2."),
        ("Seller", "I'm giving you 3 items. You give me 3 items. It's a fair deal."),
    ) == [2]
    # Their yes said with a "no".
    assert not _again(
        ("Seller", "I give you 1 firewood, 2 food. You give me 3 waters."),
        ("Client", "No, that's fine by me."),
        ("Seller", "Great, it is a fair deal for both of us."),
    )
    # "That's fair" grants their point.
    assert not _again(
        ("Seller", "I give you 1 firewood, 2 food. You give me 3 waters."),
        ("Client", "That's not fair, you'd have 7 items and I'd have 2."),
        ("Seller", "That's fair, I'll give you another food then."),
    )


def test_terms_settled_item_by_item_and_said_back_whole_are_a_recap() -> None:
    # The firewood, then the water, then the food were each settled in a turn of their own;
    # the seller's "so that leaves me..." says them back together.
    turns = [
        ("Seller", "How about I get 1 firewood, 2 water and 2 food, you get the rest?"),
        ("Client", "Can we say we agree on I get 2 firewood and you get 1 firewood?"),
        ("Seller", "Yes, that works."),
        ("Client", "And you could get 3 waters and I get 0 water, is that good?"),
        ("Seller", "Sure."),
        ("Client", "Any way I can get 2 foods and you get 1 food?"),
        ("Seller", "Yup, so that leaves me with 1 firewood, 3 water, 1 food."),
    ]
    assert _found(*turns) == [(6, RECAP_SIGNAL)]
    # Fine at the start, and the terms given back the other way round: a question, not a put.
    checked = ("Seller", "You would get 2 firewood and 2 food, and I get 3 water and 1 food?")
    assert _found(*turns[:-1], checked) == [(6, RECAP_SIGNAL)]


def test_settled_terms_put_as_an_offer_or_changed_are_no_read_back() -> None:
    turns = [
        ("Seller", "How about I get 1 firewood, 2 water and 2 food, you get the rest?"),
        ("Client", "Can we say we agree on I get 2 firewood and you get 1 firewood?"),
        ("Seller", "Yes, that works."),
        ("Client", "Any way I can get 2 foods and you get 1 food?"),
    ]
    # Put as the seller's own offer, with no yes and no question: an offer.
    offered = ("Seller", "I will let you have 2 firewood and 2 food.")
    assert _found(*turns, offered) == []
    # A term changed in the seller's favour is a new proposal, however it opens.
    changed = ("Seller", "So I get 2 firewood and 1 food, you get 1 firewood and 2 food?")
    assert (4, RECAP_SIGNAL) not in _found(*turns, changed)
    # The same terms with a counter in the turn: "what about...", "if...".
    countered = ("Seller", "Ok, so you get 2 firewood and 2 food, but what about the water?")
    assert _found(*turns, countered) == []


def _signals(*turns: tuple[str, str]) -> list[tuple[int, str]]:
    analysis = analyze(conversation_from_pairs(list(turns), seller="Seller"))
    return [
        (f.turn, f.signal) for f in analysis.findings if f.signal in SPLIT_SIGNALS | {MORE_SIGNAL}
    ]


def test_their_terms_taken_and_more_asked_on_top_is_more_after_a_yes() -> None:
    opening = ("Seller", "I'd like 2 firewood and 2 water, and you get 3 food.")
    terms = ("Client", "That's too much. Let's do this, you take 2 firewood and 1 water.")
    nibble = (
        "Seller",
        "I am happy with the 2 firewood and 1 water, but would then like 2 food too.",
    )
    assert (2, MORE_SIGNAL) in _signals(opening, terms, nibble)


def test_a_trade_or_the_next_item_after_a_yes_is_no_nibble() -> None:
    opening = ("Seller", "I'd like 2 firewood and 2 water, and you get 3 food.")
    terms = ("Client", "That's too much. Let's do this, you take 2 firewood and 1 water.")
    # Something given back for it: a trade.
    trade = (
        "Seller",
        "I am happy with the 2 firewood, but would like 2 food too, and you can have the water.",
    )
    assert MORE_SIGNAL not in {s for _, s in _signals(opening, terms, trade)}
    # Their terms named both sides and left the water open: asking for it is the next proposal.
    both = ("Client", "You can have 3 food while I get 3 firewood.")
    next_item = ("Seller", "Perfect! Now I would like 2 waters too, as we hike a lot.")
    assert MORE_SIGNAL not in {s for _, s in _signals(opening, both, next_item)}


def test_more_of_their_own_terms_asked_after_the_clients_yes_is_more_after_a_yes() -> None:
    offer = ("Seller", "How about I take 2 food and 1 water, and you get 2 water and 1 food?")
    yes = ("Client", "Sounds good to me.")
    more = ("Seller", "Great. Actually I will take 3 food and 1 water.")
    assert (2, MORE_SIGNAL) in _signals(offer, yes, more)
    # A yes with terms of its own ("ok if I get 2 firewood") is a counter, answered by the next.
    counter = ("Client", "Sounds good if I get 2 firewood.")
    assert MORE_SIGNAL not in {s for _, s in _signals(offer, counter, more)}
    # The item their yes left open: the next proposal.
    firewood = ("Seller", "Great. Now could I have 2 firewood?")
    assert MORE_SIGNAL not in {s for _, s in _signals(offer, yes, firewood)}


def test_the_last_proposal_of_a_turn_that_restates_one_and_corrects_a_share() -> None:
    restated = (
        "i'll take 3 firewood and 2 food, and you get 3 water and 1 food. "
        "actually i'll take 3 water and 2 food, and you get 3 firewood and 1 food."
    )
    assert split_of(last_proposal(allocations(restated), restated)) == Split(
        {"water": 3, "food": 2}, {"firewood": 3, "food": 1}
    )
    corrected = (
        "i will take 3 water and 2 firewood. you get 3 food. hmm, i will take 1 firewood instead."
    )
    assert split_of(last_proposal(allocations(corrected), corrected)) == Split(
        {"water": 3, "firewood": 1}, {"food": 3}
    )
