"""After the client says no: pushing past it spends trust, accepting it builds trust."""

from __future__ import annotations

import pytest

from trustworks.analysis import analyze
from trustworks.analysis.draft import check_draft
from trustworks.analysis.live import LiveAnalyzer
from trustworks.ingest import parse

PUSHES = "pushes_past_a_no"
LEAVES = "leaves_the_decision_to_them"


def _signals(dialogue: str) -> list[str]:
    conversation = parse(dialogue, source="<test>")
    return [f.signal for f in analyze(conversation, ["Seller"]).findings]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("But think about how much it would help the team.", "pushes_past_a_no"),
        ("Are you sure? It's only ten dollars a month.", "pushes_past_a_no"),
        ("Okay, no problem at all.", "respects_their_no"),
        ("I respect that, thanks for telling me.", "respects_their_no"),
    ],
)
def test_declines_seller_reply_after_a_no(reply: str, expected: str) -> None:
    found = _signals(f"Client: No thanks, I'm going to pass.\nSeller: {reply}")
    assert expected in found
    other = {"pushes_past_a_no", "respects_their_no"} - {expected}
    assert not other & set(found)


def test_declines_a_backchannel_waits_for_the_real_reply() -> None:
    found = _signals(
        "Client: I'm not really interested.\nSeller: Mm.\nSeller: But you haven't seen the demo."
    )
    assert "pushes_past_a_no" in found


def test_declines_nothing_without_a_no() -> None:
    found = _signals("Client: We're growing fast.\nSeller: But how is the team coping?")
    assert "pushes_past_a_no" not in found
    assert "respects_their_no" not in found


# "Mm." joins her two turns into one (``continuers``); "Okay." leaves them two.
@pytest.mark.parametrize("between", ["Mm.", "Okay."])
def test_declines_the_no_expires_when_the_client_moves_on(between: str) -> None:
    found = _signals(
        f"Client: Not right now.\nSeller: {between}\n"
        "Client: Anyway, tell me how the onboarding works in detail.\n"
        "Seller: Sure, but first let me ask about your team."
    )
    assert "pushes_past_a_no" not in found


@pytest.mark.parametrize(
    "reply",
    [
        "Of course, take your time and think it over, there's no rush at all.",
        "That's completely fine. At least we got to meet, and I enjoyed it.",
        "No worries at all, but do reach out whenever you're ready.",
    ],
)
def test_declines_a_polite_acceptance_is_not_a_push(reply: str) -> None:
    found = _signals(f"Client: I'm not sure, I need to think about it.\nSeller: {reply}")
    assert "pushes_past_a_no" not in found
    assert "respects_their_no" in found


def test_declines_an_acceptance_taken_back_by_but_is_a_push() -> None:
    found = _signals(
        "Client: No thanks, not interested.\nSeller: I understand, but this offer ends Friday."
    )
    assert "pushes_past_a_no" in found


@pytest.mark.parametrize(
    "client",
    [
        "No, I haven't been to that lake before.",
        "Nope, I need two of the boxes.",
        "I don't need any more paper, but ink would help.",
        "We don't want to get too cold at night.",
    ],
)
def test_declines_an_answer_or_a_preference_is_not_a_no(client: str) -> None:
    found = _signals(f"Client: {client}\nSeller: But how about I take one box and you keep two?")
    assert "pushes_past_a_no" not in found


def test_declines_a_no_with_a_counter_offer_is_a_bargain() -> None:
    found = _signals(
        "Client: No, I can't do that. How about I take two and you take the rest?\n"
        "Seller: How about I take one and you get three then?"
    )
    assert "pushes_past_a_no" not in found


def test_declines_a_question_after_the_no_moves_the_conversation_on() -> None:
    found = _signals(
        "Client: I'm not sure I can spare any. How many are in your group?\n"
        "Seller: Just the two of us, but one of us has asthma."
    )
    assert "pushes_past_a_no" not in found


def test_declines_a_but_inside_a_reflection_is_theirs() -> None:
    found = _signals(
        "Client: I'm not ready to give it up right now.\n"
        "Seller: So you enjoy it, but it worries you when the kids are around."
    )
    assert "pushes_past_a_no" not in found


def test_declines_a_smaller_ask_after_a_plain_no_still_pushes() -> None:
    found = _signals("Client: No, sorry, I can't do it!\nSeller: How about just one box then?")
    assert "pushes_past_a_no" in found


@pytest.mark.parametrize(
    "reply",
    [
        "I understand. Even just 50 cents would make a huge difference.",
        "I get it. Even $2.50 goes a long way.",
        "Of course. Even fifty cents would help.",
        "No problem. It's only a few cents, you won't notice it.",
        "I understand. Just a couple of dollars would feed a child for a day.",
    ],
)
def test_declines_a_smaller_sum_after_an_acceptance_still_pushes(reply: str) -> None:
    found = _signals(f"Client: I don't think so. Money is tight right now.\nSeller: {reply}")
    assert "pushes_past_a_no" in found
    assert "respects_their_no" not in found


def test_declines_a_doubt_asked_as_a_question_is_answered_not_pushed_past() -> None:
    # "How do I know...?" asks for a reason to trust; an honest answer presses nothing.
    found = _signals(
        "Client: How do I know my money actually goes to the kids?\n"
        "Seller: Honestly, I can't guarantee that, but you can check their reports yourself."
    )
    assert "pushes_past_a_no" not in found
    assert "candid_about_own_limits" in found
    # Said as a statement, the doubt is still a no that a push presses past.
    found = _signals(
        "Client: I don't think I want to donate today.\n"
        "Seller: But think about how much it would help the kids."
    )
    assert "pushes_past_a_no" in found


def test_declines_a_summary_of_what_the_seller_senses_is_not_a_push() -> None:
    found = _signals(
        "Client: I'm not ready to give it up right now.\n"
        "Seller: So I get the impression it matters to you, but the timing is wrong."
    )
    assert "pushes_past_a_no" not in found


@pytest.mark.parametrize(
    "client",
    [
        "No, I don't think I'll donate today.",
        "No, I can't right now.",
        "Not today, sorry.",
        "No, I'm good.",
    ],
)
def test_declines_a_plain_no_in_everyday_words_is_a_no(client: str) -> None:
    found = _signals(f"Client: {client}\nSeller: But even a dollar would help the kids a lot.")
    assert "pushes_past_a_no" in found


def test_declines_a_no_with_an_angry_question_is_still_a_no() -> None:
    found = _signals(
        "Client: I'm not interested, why do you keep calling me?\n"
        "Seller: But this offer is really good, you should hear me out."
    )
    assert "pushes_past_a_no" in found


def test_declines_a_question_after_the_no_still_leaves_a_plain_push_a_push() -> None:
    found = _signals(
        "Client: I don't have much money to spare right now. How much are you giving?\n"
        "Seller: I'm giving five dollars myself. Even a dollar would help the kids."
    )
    assert "pushes_past_a_no" in found


def test_declines_their_own_words_played_back_are_not_a_push() -> None:
    found = _signals(
        "Client: No, I don't want to, because I don't feel that I need to.\n"
        "Seller: You don't feel like you need to. Yeah."
    )
    assert "pushes_past_a_no" not in found
    found = _signals("Client: No, I don't want to.\nSeller: Honestly, you need to do this.")
    assert "pushes_past_a_no" in found


@pytest.mark.parametrize(
    "reply",
    [
        "No hard feelings at all, the door's always open.",
        "Thanks for exploring this with me, and good luck with the rollout.",
    ],
)
def test_declines_parting_well_after_their_no(reply: str) -> None:
    found = _signals(
        "Client: We're happy with our current provider.\n"
        "Seller: Okay.\n"
        "Seller: Could I ask what tipped it?\n"
        "Client: Mostly the timing, there's too much going on this year.\n"
        f"Seller: {reply}"
    )
    assert "parts_well_after_a_no" in found


def test_declines_parting_words_after_a_standing_no_are_found() -> None:
    found = _signals(
        "Client: No thanks, we're not interested.\n"
        "Seller: Of course, no pressure.\n"
        "Seller: And no hard feelings at all, the door's always open."
    )
    assert "parts_well_after_a_no" in found


@pytest.mark.parametrize(
    "client",
    [
        "Thanks for the suggestions, they really help.",
        "So it's 3 water and 1 food to me, 3 firewood and 2 food to you?",
    ],
)
def test_declines_parting_words_without_a_no_are_no_finding(client: str) -> None:
    found = _signals(f"Client: {client}\nSeller: I appreciate your honesty, no hard feelings.")
    assert "parts_well_after_a_no" not in found


def test_declines_parting_words_after_they_moved_on_are_no_finding() -> None:
    found = _signals(
        "Client: I'm not interested.\n"
        "Seller: Okay.\n"
        "Client: Actually, how much would it cost for two sites?\n"
        "Seller: The door's always open, and it's $40 a seat."
    )
    assert "parts_well_after_a_no" not in found


def test_declines_a_draft_parting_well_keeps_its_credit() -> None:
    # A draft answers words the analyzer is not shown: it cannot tell there was no no.
    found = check_draft("No hard feelings at all, and the door's always open.").findings
    assert "parts_well_after_a_no" in [f.signal for f in found]


def test_declines_a_question_about_the_offer_in_the_turn_of_the_no_reopens_it() -> None:
    # The no is spoken, then the offer asked about: answering is no push past it.
    found = _signals(
        "Client: We went with a different approach internally, what would it cost to add "
        "your analytics module?\nSeller: The analytics module is $5k a year."
    )
    assert "pushes_past_a_no" not in found


@pytest.mark.parametrize(
    ("reply", "respects"),
    [
        # Taken back in the next breath: a deadline or a demand.
        ("No pressure. I just need a yes by Friday.", False),
        ("No pressure at all! The offer expires at midnight.", False),
        ("No pressure at all, only three seats left at this price.", False),
        # The door left open is no push.
        ("There's no rush to decide. However long it takes is fine with us.", True),
        ("You don't have to decide today. Sleep on it, but do call me if questions come up.", True),
    ],
)
def test_a_no_taken_well_unless_taken_back(reply: str, respects: bool) -> None:
    found = _signals(f"Client: I'm not sure we can commit yet.\nSeller: {reply}\n")
    assert ("respects_their_no" in found) is respects
    assert "pushes_past_a_no" not in found or not respects


@pytest.mark.parametrize(
    "client",
    [
        "no.",
        "nope",
        "nah",
        "Whatever. No.",
        "uh no, sorry",
        "I said no.",
        "I'm going to have to say no.",
        "not interested",
    ],
)
def test_declines_a_blunt_no_to_an_ask_is_a_no(client: str) -> None:
    found = _signals(
        "Seller: Would you be willing to give a dollar to the shelter?\n"
        f"Client: {client}\n"
        "Seller: But think about how much it would help the dogs."
    )
    assert "pushes_past_a_no" in found


def test_declines_a_no_repeated_after_a_push_is_pushed_past_again() -> None:
    found = _signals(
        "Client: no thanks\n"
        "Seller: It's only a few cents, you won't notice it.\n"
        "Client: still no\n"
        "Seller: Come on, it would really help."
    )
    assert found.count("pushes_past_a_no") == 2


@pytest.mark.parametrize(
    "question",
    [
        "Have you heard of Save the Children?",
        "Do you give to any charities yourself?",
        "Would you like to donate? Have you heard of them before?",
        "They work in a hundred countries.",
    ],
)
def test_declines_a_bare_no_to_anything_but_an_ask_is_an_answer(question: str) -> None:
    found = _signals(f"Seller: {question}\nClient: No.\nSeller: But they do great work with kids.")
    assert "pushes_past_a_no" not in found


@pytest.mark.parametrize(
    "client",
    ["I'd need to think about it.", "ok i'll think it over", "I want to sleep on it."],
)
def test_declines_thinking_it_over_is_a_hesitation_to_respect(client: str) -> None:
    found = _signals(f"Client: {client}\nSeller: Of course. Take your time.")
    assert "respects_their_no" in found


@pytest.mark.parametrize("reply", ["Are you sure?", "You sure?", "r u sure??", "Why not?"])
def test_declines_a_short_push_is_no_backchannel(reply: str) -> None:
    found = _signals(f"Client: No thanks, I'd rather not.\nSeller: {reply}")
    assert "pushes_past_a_no" in found


@pytest.mark.parametrize("reply", ["Mm.", "Okay.", "Right, sure."])
def test_declines_a_backchannel_is_no_push(reply: str) -> None:
    found = _signals(f"Client: No thanks, I'd rather not.\nSeller: {reply}")
    assert "pushes_past_a_no" not in found


@pytest.mark.parametrize(
    "reply",
    [
        "Every day thousands of children die from diseases we could prevent.",
        "Lots of people in your building have already given something.",
        "Most of your colleagues signed up last week.",
        "It's honestly less than a coffee, you won't even notice it.",
        "How can you say no to a hungry kid?",
        "You told me you care about animals though.",
    ],
)
def test_declines_a_push_put_as_a_statement_is_a_push(reply: str) -> None:
    found = _signals(f"Client: No thanks, I don't want to donate.\nSeller: {reply}")
    assert "pushes_past_a_no" in found


@pytest.mark.parametrize(
    "reply",
    [
        "A lot of people are in the same boat this year, it's hard.",
        "That's fair. Most people I talk to want to know where the money goes first.",
        "Understood. Thanks for being straight with me.",
    ],
)
def test_declines_a_statement_that_presses_nothing_is_no_push(reply: str) -> None:
    found = _signals(f"Client: No thanks, money is tight.\nSeller: {reply}")
    assert "pushes_past_a_no" not in found


@pytest.mark.parametrize(
    "reply",
    [
        "No worries! would 10 cents work instead?",
        "That's okay. Could you do five dollars instead?",
        "No problem. What about the monthly plan then?",
        "Fair enough! Would you be willing to give a little less?",
    ],
)
def test_declines_an_acceptance_then_another_ask_is_a_push(reply: str) -> None:
    found = _signals(f"Client: No thanks, not today.\nSeller: {reply}")
    assert "pushes_past_a_no" in found
    assert "respects_their_no" not in found


@pytest.mark.parametrize(
    "reply",
    [
        "That makes sense. Even a small amount like 10 cents helps, but honestly if it's not "
        "the right time that's fine too.",
        "I hear you. Would a dollar work? No worries if not.",
        "Got it. Any amount helps, but it's completely fine if now isn't the right time.",
        "Even a little would help, though I'd totally understand a no.",
    ],
)
def test_declines_a_soft_ask_that_hands_the_choice_back_is_no_push(reply: str) -> None:
    found = _signals(f"Client: I'm a student so money's tight right now.\nSeller: {reply}")
    assert "pushes_past_a_no" not in found
    assert "leaves_the_decision_to_them" in found


@pytest.mark.parametrize(
    "reply",
    [
        "Are you sure? No worries if not.",
        "You should really give something, but no pressure either way.",
        "No worries if not, but would 10 cents work?",
    ],
)
def test_declines_a_hard_push_or_an_ask_after_the_hand_back_still_pushes(reply: str) -> None:
    found = _signals(f"Client: I'm a student so money's tight right now.\nSeller: {reply}")
    assert "pushes_past_a_no" in found


@pytest.mark.parametrize(
    ("client", "reply"),
    [
        ("ok thanks. i'll pass.", "Understood, have a good one."),
        (
            "i think ill stick with the shelter honestly",
            "Totally fair, the shelter's lucky to have you.",
        ),
        ("no thanks", "Ok, thanks anyway!"),
        ("nah not today", "all good, thanks for hearing me out!"),
        ("not interested", "No problem, I respect that."),
        ("No thank you.", "No worries!"),
        ("I'd rather not.", "Understood."),
    ],
)
def test_declines_a_casual_acceptance_takes_the_no_well(client: str, reply: str) -> None:
    found = _signals(f"Client: {client}\nSeller: {reply}")
    assert {"respects_their_no", "parts_well_after_a_no"} & set(found)
    assert "pushes_past_a_no" not in found


def test_declines_a_short_acceptance_then_another_ask_still_pushes() -> None:
    # Two chat messages in a row, as a live call sees them.
    live = LiveAnalyzer(seller=["Seller"])
    live.add("Client", "No thank you.")
    first = [f.signal for f in live.add("Seller", "No worries!").findings]
    then = [f.signal for f in live.add("Seller", "Would 10 cents work instead?").findings]
    assert first == ["respects_their_no"]
    assert then == ["pushes_past_a_no"]


@pytest.mark.parametrize(
    "reply",
    [
        "I'd totally understand a no.",
        "It's your call either way.",
        "ur call ofc",
        "no worries if not",
    ],
)
def test_declines_leaving_it_to_them_is_credited(reply: str) -> None:
    found = _signals(f"Client: Hmm, I'm not sure.\nSeller: {reply}")
    assert "leaves_the_decision_to_them" in found
    assert "pushes_past_a_no" not in found


@pytest.mark.parametrize(
    ("question", "fires"),
    [
        ("What would it take for you to donate today?", True),
        ("What would make you say yes?", True),
        ("So what will it take for you to go ahead with the order?", True),
        ("What's it going to take to get you to switch?", True),
        ("What would it take for your team to adopt a new process?", False),
        ("What would you need to see to make a good decision?", False),
    ],
)
def test_declines_what_would_it_take_to_get_any_yes(question: str, fires: bool) -> None:
    found = _signals(f"Client: I don't know, it's a lot.\nSeller: {question}")
    assert ("what_would_it_take_to_sign" in found) is fires


@pytest.mark.parametrize(
    "client",
    [
        "I don't think I'll give today.",
        "I don't think we'd go ahead this year.",
        "We're going to stick with our current supplier.",
    ],
)
def test_declines_an_offer_denied_is_a_no_not_a_counter(client: str) -> None:
    found = _signals(f"Client: {client}\nSeller: Most of your neighbours have signed up already.")
    assert "pushes_past_a_no" in found


def test_declines_a_client_offer_is_still_a_counter() -> None:
    found = _signals(
        "Client: No, I can't do that, but I'll give you two waters.\n"
        "Seller: How about three waters then?"
    )
    assert "pushes_past_a_no" not in found


@pytest.mark.parametrize(
    ("dialogue", "signal", "present"),
    [
        # Subjectless asks and number words.
        (
            "Seller: Wanna chip in for the rescue?\nClient: nah man\nSeller: come on, just a buck",
            "pushes_past_a_no",
            True,
        ),
        (
            "Seller: Would you sponsor a child?\nClient: Nope!\n"
            "Seller: It's only thirty cents a day.",
            "pushes_past_a_no",
            True,
        ),
        (
            "Client: Not this month.\nSeller: No problem! Could you do half?",
            "pushes_past_a_no",
            True,
        ),
        (
            "Client: I can't afford the full plan.\n"
            "Seller: Makes sense. Would the basic plan work?",
            "pushes_past_a_no",
            True,
        ),
        (
            "Client: I'm not going to give anything.\n"
            "Seller: Everybody in the office has chipped in.",
            "pushes_past_a_no",
            True,
        ),
        ("Client: Not interested, sorry.\nSeller: Come on!", "pushes_past_a_no", True),
        # Agreeing with their own choice presses nothing.
        (
            "Client: No thanks, I give locally.\n"
            "Seller: Lots of people prefer giving close to home.",
            "pushes_past_a_no",
            False,
        ),
        (
            "Client: I'll have to mull it over.\nSeller: Of course, no rush at all.",
            "respects_their_no",
            True,
        ),
        (
            "Client: I'd want to sleep on it.\nSeller: That's totally fine.",
            "respects_their_no",
            True,
        ),
        (
            "Client: I don't know.\nSeller: No worries if you'd rather not.",
            "leaves_the_decision_to_them",
            True,
        ),
    ],
)
def test_declines_everyday_forms(dialogue: str, signal: str, present: bool) -> None:
    assert (signal in _signals(dialogue)) is present


@pytest.mark.parametrize(
    ("client", "reply", "signal"),
    [
        ("Nope, not for me.", "You really should get it, phones break all the time.", PUSHES),
        ("We'll pass this time.", "You're sure?", PUSHES),
        ("No, sorry, not today.", "Thousands of families are sleeping outside tonight.", PUSHES),
        ("I'll pass, thanks.", "You won't even notice a dollar gone.", PUSHES),
        ("No, I'm not donating.", "How could you ignore kids in need?", PUSHES),
        ("I don't want the full package.", "Understood. How about the basic one then?", PUSHES),
        ("Not sure.", "I'd completely understand if you said no.", LEAVES),
    ],
)
def test_declines_more_everyday_forms(client: str, reply: str, signal: str) -> None:
    assert signal in _signals(f"Client: {client}\nSeller: {reply}")


@pytest.mark.parametrize(
    "client",
    [
        "I'm not giving you all the firewood.",
        "We don't need the firewood as much as water.",
        "I'm not switching from the subject, I just want to ask about food.",
    ],
)
def test_declines_bargaining_and_preferences_are_no_no(client: str) -> None:
    found = _signals(f"Client: {client}\nSeller: Most of your friends have switched already.")
    assert PUSHES not in found


def test_declines_what_would_it_take_shows_the_whole_word() -> None:
    conversation = parse("Seller: What would it take for you to donate today?", source="<t>")
    found = analyze(conversation, ["Seller"]).findings
    assert [f.evidence for f in found if f.signal == "what_would_it_take_to_sign"] == [
        "What would it take for you to donate"
    ]


@pytest.mark.parametrize(
    ("reply", "pushes"),
    [
        ("Thousands of children die of malaria every year, and I'm raising money for nets.", False),
        ("Everyone else in the office has given something.", True),
    ],
)
def test_declines_answering_what_they_asked_after_the_no(reply: str, pushes: bool) -> None:
    # Asked why, the need is the answer; what everyone else gave is still a push.
    found = _signals(f"Client: I'm not sure I can give. Why are you asking me?\nSeller: {reply}")
    assert (PUSHES in found) is pushes


@pytest.mark.parametrize(
    "dialogue",
    [
        # Another time after a no to the first is no push.
        "Seller: Would Tuesday at 10 work?\nClient: no\n"
        "Seller: Okay, what about Wednesday at 2, would that work?",
        # "I imagine" is the seller's own sympathy, not a picture put to them.
        "Client: Not interested.\nSeller: Sure, I imagine a lot of calls like this are annoying.",
        # Their words recalled with the door left open.
        "Client: Not interested.\n"
        "Seller: Understood. You said you liked the reports though, so if that changes just call.",
    ],
)
def test_declines_an_open_door_or_another_time_is_no_push(dialogue: str) -> None:
    assert "pushes_past_a_no" not in _signals(dialogue)


def test_declines_not_sure_it_is_relevant_for_them_now_is_a_no() -> None:
    # Unsure of a fact ("not sure that's related to the fall") is no hesitation; unsure it
    # matters to them now is.
    pushed = _signals(
        "Client: I'm not sure that's relevant for us right now.\n"
        "Seller: It definitely is, let me walk you through the ROI numbers."
    )
    assert PUSHES in pushed
    checked = _signals(
        "Client: I'm not sure that's related to the fall, but my wrist hurts too.\n"
        "Seller: It definitely is, let me take a look at the wrist."
    )
    assert PUSHES not in checked


@pytest.mark.parametrize(
    ("dialogue", "signal"),
    [
        (
            "Seller: Have you had any trouble sleeping lately?\nClient: No, not really.\n"
            "Seller: And how about your appetite, any change there?",
            PUSHES,
        ),
        (
            "Seller: Did your father ever have heart trouble?\n"
            "Client: I'm not sure about that, he never talked about it.\n"
            "Seller: How about your mother's side of the family?",
            PUSHES,
        ),
        (
            "Seller: Did the swelling come back after the last course?\n"
            "Client: Not this time, it stayed down.\nSeller: Understood.",
            "respects_their_no",
        ),
        (
            "Seller: Is there anything else on your mind today?\n"
            "Client: No thank you, that's everything.\nSeller: No problem at all.",
            "respects_their_no",
        ),
    ],
)
def test_declines_a_no_that_answers_a_question_about_them_refuses_nothing(
    dialogue: str, signal: str
) -> None:
    # Asked about their history or their weekend, "no, not really" answers: the next
    # question is no push past it, and "no problem" after their thanks respects no no.
    assert signal not in _signals(dialogue)


@pytest.mark.parametrize(
    "dialogue",
    [
        # The same words refuse what was put before them.
        "Seller: Would you like me to set up the trial account for you?\nClient: No, not really.\n"
        "Seller: But it's free for the first month.",
        "Seller: Could we put you down for the spring workshop?\nClient: Not this time.\n"
        "Seller: Are you sure? It fills up fast.",
        # Asked about them, an outright no still refuses.
        "Seller: What are you using for payroll at the moment?\n"
        "Client: Honestly, I'm not interested.\nSeller: But it would save you hours every week.",
    ],
)
def test_declines_a_no_to_an_offer_or_an_outright_no_is_still_a_no(dialogue: str) -> None:
    assert PUSHES in _signals(dialogue)


def test_declines_a_new_offer_in_a_bargain_is_the_next_move() -> None:
    # Both sides have made offers: after a no to terms, other terms are a concession.
    bargain = (
        "Client: I'll keep both tents and you can have the stove.\n"
        "Seller: Could you give me one of the tents as well?\n"
        "Client: No, sorry, I can't do that.\n"
    )
    assert PUSHES not in _signals(bargain + "Seller: How about the stove and the lantern then?")
    # A plain push still presses in a bargain.
    assert PUSHES in _signals(bargain + "Seller: Are you sure? You really should think again.")
    # Without their own offer before, asking again for less presses past the no.
    assert PUSHES in _signals(
        "Seller: Could you give me one of the tents?\n"
        "Client: No, sorry, I can't do that.\n"
        "Seller: What about just one tent for one night then?"
    )


def test_declines_a_but_inside_a_long_summary_of_their_words_presses_nothing() -> None:
    summary = (
        "You're not sure yet. You told me the job has worn you down this year. You feel like "
        "the evenings are the only time you get with the kids. You said the money still "
        "matters to you. It sounds like you want to try the part-time plan and see. "
        "But that's exactly why we meet every week, so you can tell me how it goes."
    )
    assert PUSHES not in _signals(f"Client: I'm not sure I can do that.\nSeller: {summary}")
    # A reflection and a "but" is no summary: the "but" still presses past the no.
    assert PUSHES in _signals(
        "Client: I'm not sure I can do that.\n"
        "Seller: You're not sure. But think how much better the evenings would be."
    )


@pytest.mark.parametrize(
    "no",
    ["I don't think I can donate today.", "No, I don't think so.", "I'd rather not donate today."],
)
def test_declines_a_smaller_sum_asked_after_a_no_pushes_past_it(no: str) -> None:
    found = _signals(
        f"Seller: Would you like to donate to Save the Children?\nClient: {no}\n"
        "Seller: What about 50 cents?"
    )
    assert PUSHES in found


@pytest.mark.parametrize(
    ("no", "reply", "expected"),
    [
        ("Sorry, I can't.", "No worries! Have a great day.", "respects_their_no"),
        ("Sorry, I can't.", "Are you sure? Even 10 cents helps.", PUSHES),
        ("I'd prefer to keep my earnings.", "That's fair, it's your money.", "respects_their_no"),
    ],
)
def test_declines_a_bare_i_cant_or_keeping_their_pay_is_a_no(
    no: str, reply: str, expected: str
) -> None:
    found = _signals(
        f"Seller: Would you like to donate some of your pay to the charity?\nClient: {no}\n"
        f"Seller: {reply}"
    )
    assert expected in found


@pytest.mark.parametrize(
    ("dialogue"),
    [
        # Taking it home to think it over offers nothing: it is a no for now.
        "Client: Just give me the brochure, I'll take it home and I'll think about it.\n"
        "Seller: You really need to take it, the side effects are rare.",
        # Pleading after a plain no.
        "Seller: Can you give me three waters?\nClient: no\n"
        "Seller: you can still consider the water, can you please? I would be so happy",
        "Client: No, I'd rather not.\nSeller: Would you please reconsider?",
        # Guilt after the no.
        "Client: I'm not gonna take it out.\n"
        "Seller: I'd hate to see you wreck your teeth for something like this.",
        "Client: I'm not going to do it.\nSeller: Okay. We'll move on, but you know where I stand.",
        # Covered elsewhere already, and answered with a "but".
        "Client: I already donate to a couple of other charities.\n"
        "Seller: That's great! But this one is special because the kids really need it now.",
    ],
)
def test_declines_pleading_or_guilt_after_a_no_pushes(dialogue: str) -> None:
    assert PUSHES in _signals(dialogue)


@pytest.mark.parametrize(
    ("client", "reply"),
    [
        # Asking what made it a no presses nothing.
        ("No thanks.", "Could you please tell me what made it a no, so I know for next time?"),
        # A counter-offer is still a bargain.
        ("No, I can't do that. I'll take two and you take the rest.", "How about one?"),
    ],
)
def test_declines_a_polite_question_or_a_bargain_is_no_plea(client: str, reply: str) -> None:
    assert PUSHES not in _signals(f"Client: {client}\nSeller: {reply}")
