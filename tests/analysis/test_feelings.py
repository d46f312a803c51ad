"""A feeling the client voices, passed over by the seller's next turn."""

from __future__ import annotations

import pytest

from tests.dialogue import signals_in
from trustworks import conversation_from_pairs
from trustworks.analysis import analyze
from trustworks.analysis.feelings import (
    CONFIDENCE,
    SIGNAL,
    answers_it,
    says_too_little,
    voiced_feeling,
)
from trustworks.signals.loader import load_catalogue


def _passed_over(*turns: tuple[str, str]) -> list[str]:
    analysis = analyze(conversation_from_pairs(list(turns), seller="Sam"))
    return [f.evidence for f in analysis.findings if f.signal == SIGNAL]


@pytest.mark.parametrize(
    "said",
    [
        "I'm really worried the rollout will slip again.",
        "Honestly I've been so stressed about the renewal.",
        "It kept me up last night.",
        "It's been really tough since my partner left.",
        "I don't know what to do anymore.",
        "I'm afraid of running out before the weekend.",
        "I'm afraid it won't be enough for the kids.",
        "That really scares me.",
        # Low in spirits, a feeling told by what it is like, or a moment of anger just past.
        "There are some days when I feel extremely low.",
        "I've been feeling so down lately.",
        "That would be really scary though.",
        "It was a little embarrassing.",
        "I got really angry with the driver who hit me.",
        # Feeling bad, said plainly or with its reason, and a moment told by what it was like.
        "I feel really bad.",
        "I feel bad because it shouldn't be her problem.",
        "I've been feeling awful lately.",
        "Yes, that's not very pleasant at all.",
        # Stress carried, and a hard time said with how hard.
        "I've been under a lot of stress lately.",
        "No, I think it's just stress.",
        "It knocked me down, and with the little kids it's really hard.",
        "It was awful to watch him suffer like that.",
    ],
)
def test_a_feeling_said_now_is_heard(said: str) -> None:
    assert voiced_feeling(said) is not None


@pytest.mark.parametrize(
    "said",
    [
        "I'm not worried about the rollout.",
        "Whenever I'm stressed I get headaches.",  # a condition: when, not now
        "I'm afraid that won't work for us.",  # a polite no
        "I'm afraid I need at least two of them.",
        "It's been hard to find time to read it.",  # a difficulty, not a feeling
        "I got nervous and called the helpline.",  # a story told
        "We're worried about the timeline.",  # a team's concern, not a personal bid
        "I'm getting low.",  # low on supplies, in a bargain
        "I feel down to the last bottle of water.",
        # Manners and sympathy, not a feeling of their own to be heard.
        "I feel bad asking, but could you lower the price?",
        "I feel bad for you, that sounds rough.",
        "I feel bad, but I have to cancel my order.",
        "I feel terrible, however I have to cancel.",
        "I feel sick after I eat anything fatty.",  # a symptom
        "Our current tool? It's not very pleasant to use.",  # a complaint about a thing
        # A load on a thing, a team's pressure, a task's difficulty.
        "The beam is under a lot of stress.",
        "We are under a lot of pressure to ship.",
        "It's really hard to swallow.",
    ],
)
def test_other_uses_of_feeling_words_are_not(said: str) -> None:
    assert voiced_feeling(said) is None


def test_going_on_to_something_else_passes_it_over() -> None:
    found = _passed_over(
        ("Ana", "Honestly, I'm worried the migration will take my team down for a week."),
        ("Sam", "Okay. Next on my list is the pricing page."),
    )
    assert found == ["Next on my list is the pricing page."]


def test_its_findings_carry_the_measured_confidence() -> None:
    turns = [("Ana", "I'm so frustrated with the old system."), ("Sam", "Sure. Next is pricing.")]
    analysis = analyze(conversation_from_pairs(turns, seller="Sam"))
    [finding] = [f for f in analysis.findings if f.signal == SIGNAL]
    # The detector's own measure, or the audit's (confidence.toml) when that is lower.
    assert finding.confidence == min(CONFIDENCE, load_catalogue().signal(SIGNAL).confidence)
    assert finding.polarity < 0 and finding.component == "intimacy"


@pytest.mark.parametrize(
    "reply",
    [
        "I'm sorry, that sounds like a lot. Let's take it slowly.",  # sympathy
        "The migration is the part we plan most carefully, step by step.",  # their words
        "That's a fair worry, and we'll come back to it.",  # points at it
        "We can look into that as well.",
        "We'll run the whole move on a copy of your data first.",  # an offer to act on it
    ],
)
def test_a_reply_that_takes_it_up_does_not(reply: str) -> None:
    assert answers_it("Honestly, I'm worried the migration will take my team down.", reply)
    assert not _passed_over(
        ("Ana", "Honestly, I'm worried the migration will take my team down."), ("Sam", reply)
    )


@pytest.mark.parametrize("reply", ["Mm-hmm.", "Okay. All right. Um, so.", "Oh wow."])
def test_a_back_channel_leaves_the_floor_to_them_and_the_next_reply_is_judged(reply: str) -> None:
    assert says_too_little(reply)
    assert _passed_over(
        ("Ana", "Honestly, I'm worried the migration will take my team down."),
        ("Sam", reply),
        ("Sam", "Next on my list is the pricing page."),
    ) == ["Next on my list is the pricing page."]


def test_a_credit_for_listening_in_that_turn_is_taking_it_up() -> None:
    # A question about them, credited by another reading, follows them rather than the script.
    assert not _passed_over(
        ("Ana", "I'm a bit worried about the timeline."),
        ("Sam", "Okay. What would a good timeline look like on your side?"),
    )


def test_only_the_next_seller_turn_is_judged() -> None:
    assert not _passed_over(
        ("Ana", "I'm really worried about the cost of switching."),
        ("Sam", "I hear you, that's a real worry."),
        ("Ana", "Yes."),
        ("Sam", "Next on my list is the pricing page."),
    )


def test_the_sellers_own_feelings_are_not_the_clients() -> None:
    assert not _passed_over(
        ("Sam", "I'm a little nervous about this demo, to be honest."),
        ("Ana", "No problem."),
        ("Sam", "Next on my list is the pricing page."),
    )


def _sympathy(*turns: tuple[str, str]) -> list[str]:
    analysis = analyze(conversation_from_pairs(list(turns), seller="Sam"))
    return [f.evidence for f in analysis.findings if f.signal == "shows_sympathy"]


@pytest.mark.parametrize(
    ("news", "reply"),
    [
        ("My father passed away in March.", "I'm so sorry. Was it sudden?"),
        ("The rash was terrible, I ended up in the ER.", "Oh no. And since then?"),
        ("I'm worried we won't have enough for the kids.", "That is unfortunate. Here's an idea."),
    ],
)
def test_a_bare_sorry_after_hard_news_is_sympathy(news: str, reply: str) -> None:
    assert _sympathy(("Ana", news), ("Sam", reply)) == [reply.split(". ")[0] + "."]


@pytest.mark.parametrize(
    ("said", "reply"),
    [
        ("The report is on your desk.", "I'm so sorry. I missed it."),  # no news: an apology
        ("My father passed away in March.", "Sorry, could you say that again?"),  # a request
        ("My father passed away in March.", "I'm sorry for the delay in getting back to you."),
    ],
)
def test_an_apology_or_a_request_is_not(said: str, reply: str) -> None:
    assert not _sympathy(("Ana", said), ("Sam", reply))


@pytest.mark.parametrize(
    "said",
    [
        "I'm honestly worried about the handover.",  # a stance word before the feeling
        "What scares me is the data migration.",
        "I'm scared to open the statements.",  # a fear may have an infinitive
        "It's been a rough year for the team.",
        "I'm not sure, but I'm worried.",  # the denial ends at the comma
    ],
)
def test_feelings_in_more_words_are_heard(said: str) -> None:
    assert voiced_feeling(said) is not None


@pytest.mark.parametrize(
    "said",
    [
        "I wouldn't say I'm worried.",  # a contracted denial
        "I don't think I'm nervous about it.",
        "My manager told me, 'I'm really worried about the budget.'",  # someone else's words
        "I'm afraid I won't be able to make Tuesday.",  # polite, not afraid
        "I'm afraid we'll have to pass.",
        "I'm afraid I'm going to have to cancel.",
        "As far as I'm concerned, the contract is fine.",
        "Please keep me up to date on the shipment.",
        "I'm struggling with the login on the portal.",  # a practical problem
        "I don't know what to do with the extra cables.",
    ],
)
def test_denials_idioms_and_practical_problems_are_not(said: str) -> None:
    assert voiced_feeling(said) is None


@pytest.mark.parametrize(
    "reply",
    [
        "Of course. Now, the next item is the delivery date.",  # courtesy words are no answer
        "I see. The next item is the delivery date.",
        "Got it. This is the renewal form for your plan.",
    ],
)
def test_courtesy_words_do_not_take_it_up(reply: str) -> None:
    assert _passed_over(
        ("Ana", "I'm worried the installers will damage the floors."), ("Sam", reply)
    )


def test_a_worry_about_the_price_is_left_to_the_price_detector_sentence_by_sentence() -> None:
    turns = [
        ("Ana", "I'm scared about my dad's health. Also the renewal is way too expensive."),
        ("Sam", "Right. Next on my list is the pricing page."),
    ]
    assert _passed_over(*turns) == ["Next on my list is the pricing page."]


@pytest.mark.parametrize(
    "said",
    [
        "Yes, and I'm so uncomfortable.",
        "I use the walker because I do not feel safe walking.",
        "But I just feel like there's something wrong.",
    ],
)
def test_discomfort_and_unease_are_feelings(said: str) -> None:
    assert voiced_feeling(said) is not None


@pytest.mark.parametrize("reply", ["What's going on?", "How so?", "Tell me more.", "Why?"])
def test_an_invitation_to_say_more_takes_it_up(reply: str) -> None:
    assert not _passed_over(("Ana", "It's been a rough week at work, honestly."), ("Sam", reply))


def test_a_short_question_about_something_else_does_not() -> None:
    found = _passed_over(("Ana", "It's been a rough week at work."), ("Sam", "What's the budget?"))
    assert found == ["What's the budget?"]


@pytest.mark.parametrize("reply", ["Oh dear.", "So sorry.", "Ouch, I'm sorry.", "I'm so sorry 🙏"])
def test_a_short_sympathy_is_sympathy(reply: str) -> None:
    assert _sympathy(("Ana", "My dog died over the weekend."), ("Sam", reply))


@pytest.mark.parametrize(
    "said",
    ["The wifi here is terrible.", "Your app is awful.", "Our biggest pain point is reporting."],
)
def test_a_complaint_about_a_thing_is_no_hard_news(said: str) -> None:
    assert not _sympathy(("Ana", said), ("Sam", "I'm so sorry. Let me check."))


def test_hard_news_waits_through_a_back_channel_and_the_story_going_on() -> None:
    turns = [
        ("Ana", "My mom died last week."),
        ("Sam", "Oh."),
        ("Ana", "Yeah, it was very sudden."),
        ("Sam", "I'm so sorry. Take your time."),
    ]
    assert _sympathy(*turns) == ["I'm so sorry."]


def test_one_long_word_says_too_little_and_words_after_it_do_not() -> None:
    assert says_too_little("a" * 20_000)
    assert says_too_little("担" * 20_000 + " b")
    assert not says_too_little("a" * 20_000 + " b c")


def test_news_about_their_body_is_hard_news() -> None:
    news = "Terrible. I'm having the worst headache of my life."
    assert _sympathy(("Ana", news), ("Sam", "I'm so sorry.")) == ["I'm so sorry."]


def test_a_bare_oh_no_is_sympathy_after_hard_news_only() -> None:
    assert _sympathy(("Ana", "My dad's in the hospital again."), ("Sam", "Oh no."))
    assert not _sympathy(("Ana", "Our biggest pain point is reporting."), ("Sam", "Oh no."))


@pytest.mark.parametrize("reply", ["How much is it?", "What time is it?"])
def test_an_it_that_stands_for_nothing_does_not_point_at_the_feeling(reply: str) -> None:
    assert not answers_it("I'm really worried about the rollout.", reply)


@pytest.mark.parametrize(
    "said",
    [
        "I'm afraid that is the only date we have.",  # the news, said politely
        "I'm afraid this was the last one in stock.",
    ],
)
def test_im_afraid_that_is_a_polite_way_to_give_news(said: str) -> None:
    assert voiced_feeling(said) is None
    assert voiced_feeling("I'm afraid that it will rain all weekend.") is not None


@pytest.mark.parametrize(
    ("said", "reply"),
    [
        # Their words agreed with before going on.
        (
            "I'm so nervous about the biopsy, I never want to go through that again.",
            "I'm sure you don't. Now, your last scan was clear.",
        ),
        # A way round the worry suggested.
        (
            "I'm worried I'll say something silly at the dinner like last year.",
            "Maybe we should keep to soft drinks on the night.",
        ),
        # What they asked for, granted in a bargain.
        (
            "I get cold at night and honestly I'm scared of the dark.",
            "Then we got ourselves a deal, so the food and water come to me, right?",
        ),
        # A picture of what they said.
        (
            "I'm so embarrassed, everyone at work stares when I go out for a cigarette.",
            "Like being the last one left out in the rain.",
        ),
        # What they said, pointed at.
        (
            "I'm worried, I've been so dizzy and short of breath all week.",
            "The desk told me you had called with these complaints, and your labs came back low.",
        ),
        # A bare feeling is about the next sentence; the reply takes that up.
        (
            "I'm desperate! I need a plumber at the flat before tonight.",
            "There's a plumber who can be at the flat at six for forty pounds. His name is Joe.",
        ),
    ],
)
def test_a_reply_that_meets_the_worry_in_other_words_takes_it_up(said: str, reply: str) -> None:
    assert not _passed_over(("Ana", said), ("Sam", reply))


def test_a_pitch_after_a_worry_still_passes_it_over() -> None:
    # "I'm sure you'll love..." moves on; it agrees with nothing they said.
    assert _passed_over(
        ("Ana", "I'm really worried the rollout will slip again."),
        ("Sam", "I'm sure you'll love the new dashboard. It ships in May."),
    )


def test_asking_for_an_example_of_it_probes_the_worry() -> None:
    found = _passed_over(
        ("Ana", "I'm worried I'm a poor role model. My boy watches everything I do."),
        ("Sam", "Can you give me an example from last month, say at the weekend?"),
    )
    assert found == []


def test_a_way_round_it_asked_about_meets_the_worry() -> None:
    found = _passed_over(
        ("Ana", "I'm nervous about the train, the connection in Leeds is so tight."),
        ("Sam", "Okay, so have you thought about going up the evening before?"),
    )
    assert found == []


def test_a_feeling_that_points_back_is_about_their_turn_before() -> None:
    found = _passed_over(
        ("Ana", "Every morning now I check the dashboard twice before the standup."),
        ("Sam", "Right."),
        ("Ana", "And honestly, I worry about that."),
        ("Sam", "So you keep checking the dashboard before anyone else is in?"),
    )
    assert found == []
    # Without the turn before, nothing ties the reply to it.
    assert _passed_over(
        ("Ana", "And honestly, I worry about that."),
        ("Sam", "So you keep checking the dashboard before anyone else is in?"),
    ) == ["So you keep checking the dashboard before anyone else is in?"]


def test_a_feeling_waits_through_one_more_turn_of_theirs_not_a_whole_story() -> None:
    feeling = ("Ana", "I'm just so overwhelmed by all of it.")
    # Words of his between her turns: an "mm-hmm" alone would make her telling one turn
    # (``continuers``).
    story = [
        ("Sam", "Okay, go on."),
        ("Ana", "Back in college everything felt easy and open."),
        ("Sam", "Okay."),
        ("Ana", "Then the real world showed up at my door, you know."),
    ]
    reply = ("Sam", "Next on my list is the reading for Thursday.")
    assert _passed_over(feeling, *story[:2], reply) == [
        "Next on my list is the reading for Thursday."
    ]
    assert _passed_over(feeling, *story, reply) == []


def test_a_feeling_they_went_on_past_with_two_requests_is_left_behind() -> None:
    said = (
        "I'm a bit anxious about the move. Anyway, can you book the van for Friday? "
        "And what time does the depot open?"
    )
    assert _passed_over(("Ana", said), ("Sam", "It opens at seven.")) == []
    one = "I'm a bit anxious about the move. What time does the depot open?"
    assert _passed_over(("Ana", one), ("Sam", "It opens at seven.")) == ["It opens at seven."]


@pytest.mark.parametrize(
    ("said", "reply"),
    [
        # A word of theirs in a question for a detail is the topic, not the feeling.
        (
            "I'm so fed up with these migraines, honestly I'm really struggling.",
            "Where do the migraines start, at the front or the back?",
        ),
        (
            "I'm a bit nervous about the operation, to be honest.",
            "What is the reason for the operation on the letter?",
        ),
        # A word any turn may use: "using" a stick, "used" a cream.
        (
            "I'm using a stick now because I don't feel safe on the stairs.",
            "Have you used any cream on the knee?",
        ),
        # A word of theirs in the speaker's own case: "I need blankets too".
        (
            "I'm worried we won't have enough blankets for the kids.",
            "I need more blankets too, we're going up the mountain.",
        ),
    ],
)
def test_their_words_in_a_question_for_facts_or_in_ones_own_case_do_not_take_it_up(
    said: str, reply: str
) -> None:
    assert _passed_over(("Ana", said), ("Sam", reply)) == [reply]


@pytest.mark.parametrize(
    "reply",
    [
        "So the migraines keep coming back, week after week?",  # their words given back
        "Likewise. Which ones are you shortest of?",  # the worry shared
        "I don't think so, it looks like a plain sprain to me.",  # the feared thing doubted
        "Food is my main priority. You can have all the blankets.",  # granted
        "I'm set on blankets, so I don't mind if you take all three.",
    ],
)
def test_other_ways_of_taking_it_up_still_do(reply: str) -> None:
    said = "I'm worried about these migraines, and the blankets, it's a lot. Is it something bad?"
    assert answers_it(said, reply)


def test_a_question_for_facts_is_not_saved_by_its_credit_for_asking_about_them() -> None:
    # "How has your sleep been?" asks about them, which is a credit of its own, but not about
    # the feeling they just voiced.
    found = _passed_over(
        ("Ana", "I just feel like something is wrong with me."),
        ("Sam", "Okay. So how has your sleep been?"),
    )
    assert found == ["So how has your sleep been?"]
    # A question that asks them to say more is left alone.
    assert not _passed_over(
        ("Ana", "I just feel like something is wrong with me."),
        ("Sam", "Okay. What do you think is going on for you?"),
    )


@pytest.mark.parametrize(
    "said",
    [
        "My husband gets so anxious about these trips.",  # someone close to them
        "It felt like I was drowning, honestly.",  # fear told by what it was like
        "I can't sleep because of my back.",  # what it does to their life
        "I'm still not feeling myself since the fall.",
        "I never got my old self back after the flu.",
        "Honestly I can't take this anymore.",
        "I can't believe I locked myself out again, just my luck.",  # disbelief at their lot
        "We're so happy for Priya, she finally graduated!",  # good news
    ],
)
def test_feelings_told_in_other_ways_are_heard(said: str) -> None:
    assert voiced_feeling(said) is not None


@pytest.mark.parametrize(
    "said",
    [
        "I'm happy to send it over today.",  # a willingness
        "I'm so excited for the trip! What do you need most?",  # how a chat says hello
        "I can't believe how quickly it arrived.",
        "My wife is not worried about the dates.",
        "I can't sleep in on Sundays, the kids wake me.",
    ],
)
def test_words_near_those_feelings_are_not(said: str) -> None:
    assert voiced_feeling(said) is None


@pytest.mark.parametrize(
    ("said", "reply", "passed_over"),
    [
        (
            "We're so happy for Priya, she finally graduated!",
            "Can I have the booking reference?",
            True,
        ),
        (
            "We're so happy for Priya, she finally graduated!",
            "Congratulations to her! Can I have the booking reference?",
            False,
        ),
        (
            "I can't believe I locked myself out again, just my luck.",
            "The number to ring is on the back of the card.",
            True,
        ),
        (
            "I can't believe I locked myself out again, just my luck.",
            "Oh, that's rotten luck. The number to ring is on the back of the card.",
            False,
        ),
        ("I'm still not feeling myself since the fall.", "Are you the one who drove her?", True),
        (
            "My husband gets so anxious about these trips.",
            "That's understandable. What part worries him most?",
            False,
        ),
    ],
)
def test_those_feelings_passed_over_or_taken_up(said: str, reply: str, passed_over: bool) -> None:
    assert bool(_passed_over(("Ana", said), ("Sam", reply))) is passed_over


def test_as_well_is_no_offer_and_a_way_round_it_is() -> None:
    said = "I'm worried I'll be too cold at night."
    # "well" is not "we'll".
    assert _passed_over(("Ana", said), ("Sam", "I'd like some blankets as well."))
    assert not _passed_over(("Ana", said), ("Sam", "If you sleep near the fire, it will help."))


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        (
            "I'm worried the movers will break my grandmother's piano.",
            "Well, that is a real worry. Which day are they coming?",
        ),
        (
            "My husband gets so anxious before these appointments.",
            "There's a good reason he is anxious. Shall we go through what happens today?",
        ),
        ("I'm scared I'll lose the shop this winter.", "No wonder you're scared. How are sales?"),
        ("My brother passed away in March.", "I'm so sorry the hear that."),
    ],
)
def test_feelings_granting_the_feeling_is_sympathy(client: str, seller: str) -> None:
    """The feeling or the news granted as it is comes first; what follows may move on."""
    analysis = analyze(conversation_from_pairs([("Kim", client), ("Sam", seller)], seller="Sam"))
    found = [f.signal for f in analysis.findings]
    assert "shows_sympathy" in found
    assert "passes_over_their_feeling" not in found


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        (
            "I'm really fed up, I'm struggling with these headaches.",
            "Where are the headaches located?",
        ),
        ("I'm nervous about the surgery.", "What is the reason for the extraction?"),
        ("I'm worried about my pension.", "When was your last check-up with a financial adviser?"),
    ],
)
def test_feelings_the_question_that_passes_it_over_earns_no_listening_credit(
    client: str, seller: str
) -> None:
    """The question for a detail is how the feeling was passed over: not also curiosity."""
    analysis = analyze(conversation_from_pairs([("Kim", client), ("Sam", seller)], seller="Sam"))
    found = [f.signal for f in analysis.findings]
    assert "passes_over_their_feeling" in found
    assert "asks_about_their_world" not in found
    assert "asks_open_discovery_question" not in found


def test_the_record_read_out_does_not_take_up_a_feeling() -> None:
    # "we've had you on" reads the chart: no act for them, and "we've" is no word of theirs.
    found = _passed_over(
        (
            "Client",
            "My depression is worse, because we've been trapped inside over the past year, "
            "so I've been struggling, off and on.",
        ),
        (
            "Sam",
            "Okay. From looking at the notes, it looks like we've had you on prozac 20 "
            "milligrams a day.",
        ),
    )
    assert found


@pytest.mark.parametrize(
    "said",
    [
        "So, I got a little nervous about that.",  # a moment just past
        "I was really scared after that.",
        "It's just a lot has been weighing on me lately.",
        "I kinda go through battles with depression every so often.",
    ],
)
def test_a_feeling_just_past_is_heard(said: str) -> None:
    assert voiced_feeling(said) is not None


@pytest.mark.parametrize(
    "said",
    [
        "I got nervous and called the helpline.",  # the story goes on
        "I was so worried there would be nobody available today.",  # relief: there is
    ],
)
def test_a_story_or_a_relief_is_not(said: str) -> None:
    assert voiced_feeling(said) is None


@pytest.mark.parametrize(
    "news",
    [
        "I know my mom has some type of cancer in her mouth.",
        "Yes, I had a son, but unfortunately, he died in a car accident.",
        "We're going through a divorce right now.",
    ],
)
def test_grave_news_met_with_the_next_question_is_passed_over(news: str) -> None:
    assert _passed_over(("Ana", news), ("Sam", "I see. Where do you work?"))


@pytest.mark.parametrize(
    ("asked", "news"),
    [
        # A family history taken: its answers, and the follow-ups', are the form's.
        ("Does anything run in your family?", "My dad had colon cancer."),
        ("Any family history of heart disease?", "My mom died of a stroke."),
        ("Any surgeries?", "Colon cancer surgery was in 1998."),  # long past
        ("What brings you in?", "I am here for a breast cancer screening."),  # a service
        ("Any other problems?", "Are the masses cancer?"),  # their question
        ("How is your mood?", "Things have been going well with my depression."),
        ("Are you married?", "No, I never got divorced, I never married."),
    ],
)
def test_history_questions_and_good_news_about_an_illness_are_not(asked: str, news: str) -> None:
    assert not _passed_over(("Sam", asked), ("Ana", news), ("Sam", "How old were you then?"))


@pytest.mark.parametrize(
    ("asked", "passed_over"),
    [
        ("Any illnesses that run in your family?", False),  # the history's answers
        ("What brings you in today?", True),  # the same news told unasked
        ("I see your order history here.", True),  # "history", but no family's asked for
    ],
)
def test_a_family_history_stays_the_forms_through_its_follow_ups(
    asked: str, passed_over: bool
) -> None:
    found = _passed_over(
        ("Sam", asked),
        ("Ana", "My father had a stroke."),
        ("Sam", "How old was he?"),
        ("Ana", "Sixty. And my mom died of breast cancer."),
        ("Sam", "Where do you work?"),
    )
    assert bool(found) is passed_over


@pytest.mark.parametrize(
    "news",
    [
        "It is also my birthday.",
        "This is for John, who just got an engineering degree.",
        "Wish me luck on my job interview!",
    ],
)
def test_their_good_news_met_with_the_next_slot_is_passed_over(news: str) -> None:
    assert _passed_over(("Ana", news), ("Sam", "When will you be leaving again?"))


@pytest.mark.parametrize(
    "reply", ["Good luck! Thank you for contacting us.", "Happy birthday! When will you leave?"]
)
def test_their_good_news_cheered_is_sympathy(reply: str) -> None:
    news = "Wish me luck, it's my birthday and my job interview is tomorrow!"
    assert _sympathy(("Ana", news), ("Sam", reply)) == [reply.split("! ")[0] + "!"]
    assert not _passed_over(("Ana", news), ("Sam", reply))


def test_good_luck_after_a_worry_is_no_sympathy_and_does_not_take_it_up() -> None:
    worry = "I'm really scared about my surgery next week."
    for reply in ("Good luck! Which card will you pay with?", "Enjoy the free month. Which card?"):
        assert not _sympathy(("Ana", worry), ("Sam", reply))
        assert _passed_over(("Ana", worry), ("Sam", reply))


@pytest.mark.parametrize(
    "news",
    [
        "My mom doesn't have cancer.",  # denied
        "Thankfully it wasn't cancer.",
        "My phone died during the call, sorry.",  # nobody's death
        "I nearly died laughing at your ad.",
        "We laid off three contractors last year and hired staff.",  # their decision
        "Sales fell during the great depression of 2009.",  # an era's
    ],
)
def test_no_grave_news_of_theirs_is_not_waited_on(news: str) -> None:
    assert not _passed_over(("Ana", news), ("Sam", "How many licences do you need?"))


def test_grave_news_outweighs_good_news_in_the_same_turn() -> None:
    reply = "Happy birthday! Which plan do you want?"
    assert _sympathy(("Ana", "It's my birthday today."), ("Sam", reply))
    news = "It's my birthday today but my dad died yesterday."
    assert not _sympathy(("Ana", news), ("Sam", reply))


@pytest.mark.parametrize(
    "reply",
    ["Had you ever had that before?", "When did that start?", "Did you do anything for it?"],
)
def test_a_question_for_a_fact_does_not_take_a_feeling_up_by_pointing_at_it(reply: str) -> None:
    news = "I had chest pain, so I got a little nervous about that."
    assert _passed_over(("Ana", news), ("Sam", reply))


def test_a_worry_for_the_other_person_is_care_not_a_feeling_to_hear() -> None:
    assert voiced_feeling("I worry about you not having enough on the trail.") is None
    assert voiced_feeling("I'm worried for you.") is None
    assert voiced_feeling("I worry about the trail.") is not None


def test_their_load_seen_takes_the_feeling_up() -> None:
    feeling = "And I don't know, I don't know what to do."
    reply = "There's a lot of decisions and a lot of change with your wife, with the new baby."
    assert answers_it(feeling, reply)


@pytest.mark.parametrize(
    ("news", "reply"),
    [
        (
            "I lost my debit card and someone withdrew $300!",
            "Can you tell me your account number, please?",
        ),
        ("I've had pain in this knee since I tripped on some ice.", "How old are you now?"),
        (
            "I have a bad headache, dizziness and muscle weakness for 2 days now",
            "There is a slot at 1pm today.",
        ),
        (
            "Headache, dizziness and muscle weakness for two days now.",
            "Alright, Dr. Morgan is available at 11 pm. Can I book the appointment for you?",
        ),
        ("My name is John, I'm really excited about this trip", "What hotel would you like?"),
    ],
)
def test_a_hardship_met_with_the_forms_next_slot_is_passed_over(news: str, reply: str) -> None:
    assert _passed_over(("Client", news), ("Sam", reply))


@pytest.mark.parametrize(
    ("news", "reply"),
    [
        # A question about what they told takes it up.
        (
            "I'm having some pain in my lower stomach.",
            "How would you rate this pain, from 1 to 10?",
        ),
        ("I lost my debit card and someone withdrew $300!", "I'm sorry. Can I have your name?"),
        # Denied, or a place.
        ("No, no pain at all.", "How old are you?"),
        ("I don't have a headache or a fever.", "There is a slot at 1pm."),
        ("I need a ride from the Hospital to 5th and Main.", "May I have your name, please?"),
        # A visit's history questions go on from a headache as they should.
        (
            "I tried tylenol a few times for the headaches but it didn't work.",
            "I see. Anyone in your family have any history of diseases?",
        ),
        # A question of theirs after it is what the reply answers.
        ("I lost my card. Can you block it?", "Could I get your full name, please?"),
        # Looking forward to it, in a chat with no form, is how one says hello.
        ("Hi! I'm so excited for the camping trip!", "Me too! I need firewood though."),
    ],
)
def test_a_hardship_taken_up_denied_or_asked_past_is_not(news: str, reply: str) -> None:
    assert not _passed_over(("Client", news), ("Sam", reply))


def test_a_family_historys_answers_are_no_hardship_to_pass_over() -> None:
    assert not _passed_over(
        ("Sam", "Any family history I should know about?"),
        ("Client", "My father passed away of old age, he was ninety one."),
        ("Sam", "How old are you now?"),
    )


@pytest.mark.parametrize(
    ("said", "reply"),
    [
        # Their own question about what to do is what the reply answers.
        (
            "What can we do about this? I'm in so much pain.",
            "I believe you'd be a candidate for a kyphoplasty.",
        ),
        # More of the list the feeling is on.
        (
            "I'm getting coughing fits on the phone with customers, and it worries me.",
            "Is there anything else that's not good about smoking for you?",
        ),
    ],
)
def test_their_question_answered_or_more_of_the_same_asked_takes_it_up(
    said: str, reply: str
) -> None:
    assert not _passed_over(("Client", said), ("Sam", reply))


def test_a_service_close_asking_what_else_they_need_still_passes_it_over() -> None:
    assert _passed_over(
        ("Client", "I'm so stressed about the deadline."),
        ("Sam", "Anything else you need today?"),
    )


def test_a_service_close_after_a_worry_still_passes_it_over() -> None:
    assert _passed_over(
        ("Client", "I'm really worried the rollout will slip again."),
        ("Sam", "Okay. Is there anything else I can do for you today, sir?"),
    )


def test_their_what_to_do_question_met_with_the_forms_next_slot_still_passes_it_over() -> None:
    assert _passed_over(
        ("Client", "Hello, I'm really worried. I forgot what I'm supposed to do... What do I do?"),
        ("Sam", "Could I get your name, please?"),
    )


def test_good_news_after_a_request_is_passed_over_by_the_request_s_next_slot() -> None:
    # "Which apartment?" answers the request, not the promotion told after it.
    found = _passed_over(
        (
            "Ben",
            "I am interested in viewing an apartment. I just got promoted! The money is flowing.",
        ),
        ("Sam", "What apartment are you interested in?"),
    )
    assert found == ["What apartment are you interested in?"]


def test_good_news_that_points_back_at_the_request_is_answered_with_it() -> None:
    found = _passed_over(
        ("Ben", "I want a bigger apartment. I just got promoted, that's why!"),
        ("Sam", "Congratulations! What apartment are you interested in?"),
    )
    assert found == []


def test_a_reflection_led_by_so_that_gives_back_their_turn_takes_the_worry_up() -> None:
    # The sister is two sentences before the feeling: only the whole turn has her.
    worry = (
        "My sister cancels at the last minute. Then I miss class and my boss gets angry. "
        "I'm really stressed about it."
    )
    reflection = ("Sam", "So, reliable childcare from your sister would make a difference.")
    assert _passed_over(("Ana", worry), reflection) == []
    assert _passed_over(("Ana", worry), ("Sam", "So what's your date of birth?")) != []


def test_leaving_the_subject_to_them_after_a_feeling_is_no_question_for_facts() -> None:
    said = ("Ana", "It's just overwhelming, all of it.")
    assert not _passed_over(
        said, ("Sam", "Right. So if you had to pick one, where would you start?")
    )
    assert _passed_over(said, ("Sam", "Right. So where are you based?"))


@pytest.mark.parametrize(
    "reply",
    [
        "I hear you. Our platform was built for exactly that, it automates the whole migration.",
        "That sounds stressful. With our platform, your team can automate the whole migration.",
    ],
)
def test_sympathy_on_the_way_to_the_pitch_passes_the_feeling_over(reply: str) -> None:
    found = signals_in(f"Client: I'm so stressed about the rollout, honestly.\nSeller: {reply}")
    assert "passes_over_their_feeling" in found
    assert "shows_sympathy" not in found


def test_sympathy_then_a_question_about_it_before_the_pitch_meets_the_feeling() -> None:
    found = signals_in(
        "Client: I'm so stressed about the rollout, honestly.\n"
        "Seller: That sounds stressful. What part worries you most? Our platform may help."
    )
    assert "passes_over_their_feeling" not in found


def test_an_emoji_between_sentences_does_not_push_the_sympathy_out_of_reach() -> None:
    found = signals_in(
        "Client: I'm bringing my baby and I'm worried I won't find clean water for his formula!\n"
        "Seller: Ah, baby's first camping trip. \U0001f642 But that is a bit of a big worry."
    )
    assert "shows_sympathy" in found


def test_a_history_question_with_a_time_put_first_passes_the_worry_over() -> None:
    found = _passed_over(
        ("Ana", "I'm a little bit anxious about having hep c, I've been feeling fine."),
        ("Sam", "Okay, so in the past, have any doctors ever told you that you had hep c?"),
    )
    assert found == ["Okay, so in the past, have any doctors ever told you that you had hep c?"]
