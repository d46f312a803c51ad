"""A straight answer to a question about how long, how many or when earns credibility."""

from __future__ import annotations

import re

import pytest

from trustworks import conversation_from_pairs
from trustworks.analysis import analyze, plain_answers
from trustworks.ingest import parse

SIGNAL = "answers_their_question_plainly"


def _found(client: str, seller: str) -> list[str]:
    dialogue = f"Client: {client}\nSeller: {seller}"
    findings = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    return [f.evidence for f in findings if f.signal == SIGNAL]


@pytest.mark.parametrize(
    ("client", "seller", "evidence"),
    [
        (
            "How long does the migration take?",
            "About six weeks for a team your size.",
            "About six weeks for a team your size.",
        ),
        ("how much long till it is refunded", "less than a week", "less than a week"),
        (
            "I just want to see how long the codes last.",
            "Ok, one moment please. All codes expire after 7 days.",
            "All codes expire after 7 days.",
        ),
        ("When will the licences be active?", "Tomorrow morning.", "Tomorrow morning."),
        ("How many people use it today?", "Around 40 people, mostly in finance.", None),
        (
            "How much of the money actually goes to the kids?",
            "About 86% goes to programs, according to their 2022 annual report.",
            None,
        ),
        ("What percentage of tickets get solved on the first call?", "Roughly 70 percent.", None),
    ],
)
def test_plain_answers_a_figure_in_reply_is_credited(
    client: str, seller: str, evidence: str | None
) -> None:
    assert _found(client, seller) == [evidence or seller]


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        ("How long does the migration take?", "It depends on a lot of things, honestly."),
        ("How long does the migration take?", "How long would you like it to take?"),
        ("How long does the migration take?", "I can't say for sure, maybe 6 weeks."),
        ("How much does it cost?", "For a team your size it's about $40,000 a year."),
        ("We have 40 people in finance.", "Great, and 12 more join next month."),
        ("When will the licences be active?", "Let me check with the team and come back."),
        ("When could you come by?", "I have some availability this week, maybe Thursday."),
    ],
)
def test_plain_answers_no_figure_no_question_no_credit(client: str, seller: str) -> None:
    assert _found(client, seller) == []


def test_plain_answers_only_the_next_seller_turn_answers() -> None:
    dialogue = (
        "Client: How long does the migration take?\n"
        "Seller: Good question, let me think.\n"
        "Client: Sure.\n"
        "Seller: We did three last year."
    )
    findings = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    assert not [f for f in findings if f.signal == SIGNAL]


@pytest.mark.parametrize(
    ("client", "seller", "credited"),
    [
        (
            "Is it safe if I keep smoking with the patch?",
            "No, it isn't safe to smoke while you wear the patch, because of the nicotine.",
            True,
        ),
        (
            "Can I return it after 30 days?",
            "Unfortunately we can't accept returns after 30 days; that's the policy.",
            True,
        ),
        (
            "Will this fix our churn problem?",
            "Honestly, I don't know yet; it depends on why people leave.",
            True,
        ),
        # A bare "no", a request answered with a promise, the seller's own life, and a "yes"
        # that leads into the pitch are not plain answers about the offer.
        ("Is it ready?", "No.", False),
        ("Can you send me the file?", "Yes, I'll send it over this afternoon, no doubt.", False),
        ("Are you camping too?", "Yes, I am but I do have my worries about the cold.", False),
        ("Is it ready?", "Yes, so let me show you our new dashboard features first.", False),
        ("Is it safe?", "No problem, we can talk about that later on today.", False),
        # Asked for their goods, a refusal that rests on the seller's own wants is a move in
        # a bargain; asked what they need, saying it is the plain answer.
        ("Can I have all the firewood?", "No way, I need it more than you do.", False),
        ("Can I have two waters?", "No, I need the water for my kids, sorry about that.", False),
        # A condition the seller needs is an answer on the terms, not a want of their own.
        (
            "Can I get a refund without the receipt?",
            "No, we need the receipt to process any refund, that's the rule.",
            True,
        ),
        (
            "Could we have it delivered by Friday?",
            "No, we need two weeks to build and test it properly.",
            True,
        ),
        (
            "Is there any item you need the most?",
            "Yes, I really need the water the most because we hike all day.",
            True,
        ),
        # "Will the...?" asks about the facts as "will it...?" does.
        (
            "Will the technician be here today?",
            "Yes, he's on his way now and it should be within the hour.",
            True,
        ),
        (
            "Will my card be charged again?",
            "No, the second charge was a hold and it drops off by Friday.",
            True,
        ),
    ],
)
def test_plain_answers_a_yes_or_no_with_its_reason_is_credited(
    client: str, seller: str, credited: bool
) -> None:
    found = analyze(parse(f"Client: {client}\nSeller: {seller}", source="<t>"), ["Seller"])
    signals = {f.signal for f in found.findings}
    assert ("answers_their_question_plainly" in signals) is credited


@pytest.mark.parametrize(
    ("client", "credited"),
    [
        ("HOW LONG DOES THE MIGRATION TAKE?", True),
        # A dotless i still reads as "which" to the pattern, which matches without case.
        ("Wh\u0131ch day will it ship?", True),
        ("We moved offices last year.", False),
    ],
)
def test_plain_answers_skipping_turns_without_a_question_word_finds_the_same(
    client: str, credited: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    seller = "About six weeks, starting on Monday."
    found = _found(client, seller)
    assert bool(found) is credited
    monkeypatch.setattr(plain_answers, "_may_ask_for_a_figure", lambda _text: True)
    assert _found(client, seller) == found


@pytest.mark.parametrize(
    "text",
    [
        "how long does it take",
        "Thanks. So how long? And which day works?",
        "I just want to see how many there are.",
        "ok. and when will it ship",
        "We moved. By when do you need it?",
        "Nothing to ask here.",
        # Each search runs only where its words are: a "?" for a marked question, the
        # word before an unmarked one.
        "I'm wondering how long it'll take",
        "SEE HOW LONG IT TAKES?",
        "Can you find out when will it ship",
        "so how much time do we have, and which day. ask how many",
        "İ see how long it takes",
        "Tell me: how many users?",
    ],
)
def test_plain_answers_a_figure_question_is_found_where_one_pattern_finds_it(text: str) -> None:
    wh = plain_answers._WH_FIGURE
    one = re.compile(
        rf"\b{wh}[^.!?]{{0,200}}\?|"
        rf"(?:^|[.!?]\s+|\b(?:see|tell me|wondering|ask|find out) )(?:and |so |but )?{wh}",
        re.IGNORECASE,
    )
    found = one.search(text)
    assert plain_answers._figure_asked_at(text) == (found.start() if found else None)


@pytest.mark.parametrize(
    ("client", "seller", "credited"),
    [
        ("How much of the donation goes to the kids?", "About 86% goes to the programmes.", True),
        (
            "What share of the profits do you keep?",
            "We keep 20%, the rest goes to the growers.",
            True,
        ),
        # Asked for a share, a sum of one's own is no answer.
        ("How much of the donation goes to the kids?", "I give $10 a month to them myself.", False),
    ],
)
def test_plain_answers_a_share_is_answered_with_a_share(
    client: str, seller: str, credited: bool
) -> None:
    assert bool(_found(client, seller)) is credited


@pytest.mark.parametrize(
    ("client", "seller", "evidence"),
    [
        (
            "Yes, but what does that mean?",
            "You have arthritis in both of your knees, sir.",
            "You have arthritis in both of your knees, sir.",
        ),
        (
            "What does that mean?",
            "Well, in short, you broke the inside part of your elbow. Any tingling in that arm?",
            # "Well," only takes the floor: the evidence starts after it.
            "in short, you broke the inside part of your elbow.",
        ),
        (
            "How does the sync work?",
            "Okay. It copies your calendar into the CRM every five minutes.",
            "It copies your calendar into the CRM every five minutes.",
        ),
        ("Why is that?", "There is very weak blood flow to the body of this bone.", None),
        # Asked in so many words, with or without a question mark.
        (
            "Okay, I need you to explain that for me, doctor.",
            "In summary, you have a pretty significant amount of arthritis in this knee.",
            None,
        ),
        (
            "Could you explain that step in more detail please?",
            "After 5 kilometers, you will see another subway station. Turn right there.",
            "After 5 kilometers, you will see another subway station.",
        ),
        # The request read as a sentence: a title's full stop or a word of thanks after it
        # does not end it.
        (
            "Could you explain that, Dr. Smith?",
            "It means your thyroid is making too little of its hormone.",
            None,
        ),
        (
            "Could you explain that for me? Thanks.",
            "It means your thyroid is making too little of its hormone.",
            None,
        ),
        # A request for a move in the bargain, or for the seller's reasons, asks no facts.
        ("okay please explain how many packs you want", "Two packs of food and one water.", ""),
        ("Can you please explain why?", "My group is having a fireside gathering at night.", ""),
        ("I need you to explain that for me.", "Let's talk about the plan first, then that.", ""),
        # Not the answer: a question back, a reflection, a deferral, a hedge, cut off.
        ("What does that mean?", "What do you think it means for your plans?", ""),
        ("What does that mean?", "So you're wondering what all of this means for you.", ""),
        ("What does that mean?", "Well, let's talk about what we found first, then the plan.", ""),
        ("What does that mean?", "It could be due to a number of things, really.", ""),
        ("Why are my sodium levels so low?", "It is usually due to a number of-", ""),
        # Not asked for facts: about the seller, or about the deal.
        ("Why do you need the water?", "I have a large family and we drink a case a day.", ""),
        ("How does that sound?", "That sounds like a good plan for both of us, honestly.", ""),
        ("How can we make this work?", "I could give you two firewood if I keep the water.", ""),
        # The pitch, or another client's success story, is not the answer.
        (
            "How does it work?",
            "At Acme, we've developed an AI-powered platform that analyses every call.",
            "",
        ),
        ("What kind of results?", "One client saw their conversion rate jump from 44% to 55%.", ""),
        # What the seller sells, and the client's own side, are facts to ask about; how it
        # works, even with the product named, is the answer.
        (
            "How does this work in practice for our reps in the field?",
            "Great question. Your reps would use our mobile app to record their visits.",
            "Your reps would use our mobile app to record their visits.",
        ),
        (
            "How difficult is it to implement your system?",
            "Our team handles the whole setup, and most clients are running within a week.",
            None,
        ),
        ("What are your plans for the weekend?", "I'm going hiking with my kids up north.", ""),
        ("Does that work with you?", "That would only work if I can take one of the food.", ""),
        # A promise or an offer of the next step is a commitment, judged as one.
        ("What are the next steps?", "I'd be happy to set up a pilot program for your team.", ""),
        ("What's the risk of infection?", "We'll use antibiotics to control for infection.", None),
        # The effort waved away first answers nothing plainly.
        (
            "What does implementation take on our side?",
            "Super light. Our onboarding team does all the heavy lifting for you.",
            "",
        ),
    ],
)
def test_plain_answers_an_explanation_asked_for_is_credited_when_given(
    client: str, seller: str, evidence: str | None
) -> None:
    dialogue = f"Client: {client}\nSeller: {seller}"
    findings = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    found = [(f.evidence, f.confidence) for f in findings if f.signal == SIGNAL]
    expected = [] if evidence == "" else [(evidence or seller, plain_answers.EXPLAINED_CONFIDENCE)]
    assert found == expected


@pytest.mark.parametrize(
    ("client", "seller", "credited"),
    [
        # The question's subject and verb said back answer it.
        (
            "Are there things I can try that would help me quit?",
            "Well, there are a lot of products now that can help you curb the urge.",
            True,
        ),
        ("Can I take them all at once?", "You can certainly take them all at the same time.", True),
        # A bare yes, then the terms, about what was asked.
        ("Is the balcony facing west?", "Correct. The balcony is facing west.", True),
        ("can i take them all at once ?", "yeah . you can take them all at the same time .", True),
        ("Can I take them all at once?", "Yeah. I had a question about your insurance too.", False),
        # Comfort is not an answer; nor is an echo asked about the deal.
        ("Will I be fine?", "Yeah. You don't have to worry about a thing.", False),
        ("Does that work for you?", "That does not work for me, I need the food.", False),
        ("Can we trade two waters for a firewood?", "We could do without the water too.", False),
    ],
)
def test_plain_answers_a_yes_or_no_said_back_or_after_a_bare_yes(
    client: str, seller: str, credited: bool
) -> None:
    assert bool(_found(client, seller)) is credited


def _signals(client: str, seller: str) -> list[str]:
    dialogue = f"Client: {client}\nSeller: {seller}"
    return [f.signal for f in analyze(parse(dialogue, source="<test>"), ["Seller"]).findings]


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        (
            "What would switching our warehouses over involve?",
            "Happy to get into that. Why don't we set up a call next week with our onboarding "
            "team?",
        ),
        (
            "How complicated is the setup for a clinic our size?",
            "It's pretty simple. We can go over the details further at the demo on Monday.",
        ),
        (
            "How does the billing sync work with our ledger?",
            "Great question. Our engineering team can walk you through it in a separate call.",
        ),
    ],
)
def test_plain_answers_an_answer_put_off_to_a_meeting_is_dodged(client: str, seller: str) -> None:
    found = _signals(client, seller)
    assert "dodges_their_question" in found
    assert "answers_their_question_plainly" not in found


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        # The answer first, the meeting for the rest.
        (
            "What would switching our warehouses over involve?",
            "Two steps: we copy your stock lists over a weekend, then run both systems for a "
            "week. We can set up a call for the details.",
        ),
        # Not knowing, said plainly, is candour.
        (
            "How does the billing sync work with our ledger?",
            "I don't know that part well, so let me check with our engineers and get back to "
            "you tomorrow.",
        ),
        # Asked what comes next, the meeting is the answer.
        (
            "This looks useful. What would be the next steps to try it out?",
            "Why don't we set up a call next week with our onboarding team?",
        ),
        # A meeting offered with no question asked answers nothing and dodges nothing.
        ("Thanks, that helps.", "Why don't we set up a call next week with our onboarding team?"),
    ],
)
def test_plain_answers_an_answer_with_a_meeting_is_no_dodge(client: str, seller: str) -> None:
    assert "dodges_their_question" not in _signals(client, seller)


def test_plain_answers_easy_in_a_word_is_no_plain_answer() -> None:
    """ "It's quite straightforward." waves the question away; what follows is not the answer."""
    found = _signals(
        "How difficult is it to roll out?",
        "It's quite straightforward. As founders we've put a lot of care into the design.",
    )
    assert "answers_their_question_plainly" not in found


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        # A claim first, then who does the work: the second sentence is the answer.
        (
            "How difficult is it to implement your system?",
            "It's quite straightforward. We provide a mobile app for your reps to record "
            "their visits, and our team sets up the dashboard.",
        ),
        (
            "That looks intuitive. How difficult is it to implement?",
            "We've designed it to be user-friendly. Our team handles the entire setup "
            "process, and most clients are running within a week.",
        ),
        # Asked how the seller does it, about what they offer.
        (
            "Security must be a concern. How do you address that?",
            "We use end-to-end encryption for all data and our systems are audited yearly.",
        ),
        # Asked what their own words meant.
        (
            "But I'm healthy. What health problems are you talking about?",
            "Well, there are two kinds of risk: accidents in the short term and liver disease "
            "over the years.",
        ),
        (
            "What exactly do you mean by that, doctor?",
            "Palpitations means feeling your heart racing when you are resting.",
        ),
        # "Keep" is how they keep it, not what the seller wants to keep.
        (
            "How do you keep our data secure?",
            "It's quite straightforward. Our team handles encryption and backups every night.",
        ),
        # "What about ...?" naming a part of the offer asks for its facts.
        (
            "Impressive. What about the installation process?",
            "Our team installs the sensors across your fields and sets up the central system.",
        ),
        (
            "How exactly would this work for our reps in the field?",
            "Your reps would use our mobile app to record their visits to doctors' offices.",
        ),
    ],
)
def test_plain_answers_a_question_about_the_offer_answered_with_how(
    client: str, seller: str
) -> None:
    assert "answers_their_question_plainly" in _signals(client, seller)


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        # The founders' care is no answer to how it is kept secure.
        (
            "How do you ensure the privacy of these recordings?",
            "As co-founders, we recognized early on that security would be critical. "
            "It has always mattered to us.",
        ),
        (
            "How does this translate to insights for sales teams?",
            "This is where our combined expertise as co-founders really shines.",
        ),
        # "What about ...?" in a bargain is a move, and "what do you need?" asks their wants.
        ("I could give you the food. What about the firewood?", "I need two firewood for sure."),
        (
            "My top priority item is food. What is your top need here?",
            "Oh unfortunately my top priority item is food too, followed by firewood.",
        ),
    ],
)
def test_plain_answers_a_claim_or_a_move_is_no_plain_answer(client: str, seller: str) -> None:
    assert "answers_their_question_plainly" not in _signals(client, seller)


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        # A worry or a duty met with a bare verdict, then something else.
        ("Do I have to see her? I haven't set up anything.", "You do. Any other issues?"),
        (
            "I'm taking digoxin for afib. Will the tramadol be okay with that?",
            "It will be okay. So you have atrial fibrillation.",
        ),
        (
            "It itches a little. Is this normal for a twenty two year old?",
            "I'll have to take a look, but you'll be fine. Are there any other symptoms?",
        ),
        # Asked for the seller's own verdict, the question handed back.
        ("So, uh, are you saying I drink too much?", "How would you define drinking too much?"),
        ("Do you think the three-year term is too long for us?", "What do you think?"),
        # Asked how they make sure of it, a claim with no figure and no limit.
        (
            "That sounds complex. How do you ensure accuracy and reliability?",
            "Great question. We've implemented a multi-layered approach to ensure high accuracy.",
        ),
        (
            "How do you keep our customer data secure?",
            "We have strict privacy protocols and industry-leading safeguards in place.",
        ),
        # Easy in a word, then the founding story or the founders' effort and a meeting.
        (
            "How difficult is it to implement?",
            "It's quite straightforward. The idea for Acme actually came from a previous "
            "startup where we worked with major brands.",
        ),
        (
            "How can companies implement your system?",
            "It's quite straightforward. As co-founders, we've put a lot of effort into making "
            "it user-friendly. We use a mobile app to record calls. I'd be happy to discuss "
            "implementation details further if you'd like to set up a meeting next week.",
        ),
    ],
)
def test_plain_answers_a_verdict_a_claim_or_a_question_back_dodges(
    client: str, seller: str
) -> None:
    found = _signals(client, seller)
    assert "dodges_their_question" in found
    assert "answers_their_question_plainly" not in found


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        ("Do I have to see her?", "You do. She needs to check the stent before it comes out."),
        (
            "Will the tramadol be okay with my digoxin?",
            "It will be okay, because tramadol doesn't change digoxin levels.",
        ),
        ("Is this normal?", "Yes, most rashes like this clear up within a week."),
        # A proposal checked, not a worry.
        ("I can take the firewood. Is that okay with you?", "Yes it's a deal."),
        ("Two food for me, one for you. Does that sound ok?", "Yes that sounds good."),
        # A question that clarifies.
        ("Are you saying I drink too much?", "Do you mean compared with the guidelines?"),
        # Asked how they make sure of it: a figure, a limit or a named measure answers.
        (
            "How do you ensure accuracy?",
            "We've designed it carefully: it gets 94% of calls right, and it misses heavy "
            "accents most.",
        ),
        ("How secure is it?", "We use end-to-end encryption for all data in transit and at rest."),
    ],
)
def test_plain_answers_a_verdict_with_its_ground_or_a_check_is_no_dodge(
    client: str, seller: str
) -> None:
    assert "dodges_their_question" not in _signals(client, seller)


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        (
            "Do you know how many bathrooms the apartment has?",
            "The apartment has two large bathrooms.",
        ),
        (
            "Perfect. I just want to clarify that the balcony is NOT facing west?",
            "Correct. Balcony is facing south.",
        ),
        (
            "I want to know the weather in Detroit on Tuesday?",
            "It will be sunny all day on Tuesday in Detroit, at around 30 degrees.",
        ),
        (
            "Okay, I understand. Do you think I'll regain my vision?",
            "Well, there's no guarantee, but it is a possibility.",
        ),
        (
            "Lateral compartment, that's the outside of the knee, right?",
            "Yes, that's correct. Your medial, or inside part of the knee, looks much better.",
        ),
        (
            "Yes. What-what kind of health problems?",
            "Well, things like heart disease, cancer, liver problems and insomnia.",
        ),
        (
            "Can you give an example of how it works in practice?",
            "Certainly! One of our clients in roofing found their top reps raised pain points "
            "in 80% of their conversations.",
        ),
    ],
)
def test_plain_answers_a_count_a_check_a_hedge_or_an_example_is_credited(
    client: str, seller: str
) -> None:
    assert "answers_their_question_plainly" in _signals(client, seller)


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        ("Okay please explain how many packs you want?", "Two packs of food, two packs of water."),
        ("So I get 2 water and 1 food, is that right?", "Yeah, that sounds good to me."),
        (
            "Okay, but I just wanted to know if it interacts with phenelzine?",
            "Oh, um, yeah, I think that should be fine.",
        ),
        (
            "If I walked that far, I wouldn't even need to go to the gym, right?",
            "Well, I don't know about that.",
        ),
        (
            "What-what sort of approach?",
            "Well, I guess, thinking a little bit about those other areas of your life.",
        ),
        ("Can you give me an example?", "Sure, what kind of example would help most?"),
    ],
)
def test_plain_answers_a_move_comfort_or_a_hedge_is_no_plain_answer(
    client: str, seller: str
) -> None:
    assert "answers_their_question_plainly" not in _signals(client, seller)


@pytest.mark.parametrize(
    ("client", "seller", "credited"),
    [
        # A thin answer and straight on to another subject is no explanation...
        (
            "What does that mean?",
            "It means you have some arthritis in these toes. What do you do for a living?",
            False,
        ),
        # ...but a check that it landed, or a question on the same thing, follows one well.
        (
            "What are the next directions?",
            "Your destination will be on the right. Do you know how to reach your destination?",
            True,
        ),
        (
            "What does that mean?",
            "It means you have some arthritis in these toes. Does that make sense?",
            True,
        ),
        # Asked without a question mark.
        (
            "I didn't know if it was bad to take them all at once or separate them.",
            "Yeah. You can certainly take them all at the same time, as long as you eat first.",
            True,
        ),
        (
            "And I was just wondering if the two might be related",
            "Yeah, it could be: that medication can sometimes cause it, so I'll examine you.",
            True,
        ),
        (
            "I don't know if I can stop drinking.",
            "Yeah, it's hard, and that's okay for now.",
            False,
        ),
    ],
)
def test_plain_answers_a_thin_answer_rushed_on_and_questions_put_without_a_mark(
    client: str, seller: str, credited: bool
) -> None:
    assert ("answers_their_question_plainly" in _signals(client, seller)) is credited


def test_plain_answers_a_doubt_of_their_own_is_no_question() -> None:
    found = _signals("I don't know if it's worth it for me.", "Yeah, it's hard, and that's okay.")
    assert "answers_their_question_plainly" not in found


@pytest.mark.parametrize(
    ("client", "seller", "dodged"),
    [
        ("Do I need to bring anything on Monday?", "No. Anything else I can help with?", False),
        ("Do we have to sign the renewal this week?", "You do. Anything else?", True),
        ("Is it dangerous to skip a dose?", "No. Any other questions?", True),
    ],
)
def test_plain_answers_a_duty_lifted_needs_no_reason(
    client: str, seller: str, dodged: bool
) -> None:
    assert ("dodges_their_question" in _signals(client, seller)) is dodged


def test_plain_answers_a_claim_with_its_measures_is_no_dodge() -> None:
    found = _signals(
        "How do you protect our data?",
        "We've built a robust setup: role-based access, two-factor login and daily backups.",
    )
    assert "dodges_their_question" not in found


def test_plain_answers_wondering_for_a_share_is_a_move() -> None:
    found = _signals(
        "I was wondering if I could take all three packages of water",
        "Yes that works for me if I could get all three firewood.",
    )
    assert "answers_their_question_plainly" not in found


def test_leave_asked_for_their_own_request_is_granted_not_dodged() -> None:
    dialogue = conversation_from_pairs(
        [
            ("Client", "Actually, I can only eat halal food. Will that be alright?"),
            ("Sam", "That's fine. Is there anything else you need?"),
        ],
        seller="Sam",
    )
    assert "dodges_their_question" not in [f.signal for f in analyze(dialogue).findings]


def test_plain_answers_a_verdict_cut_off_before_its_reason_is_no_dodge() -> None:
    # The transcript ends the turn on a dash: the speaker was stopped, perhaps before the reason.
    said = _signals("Is it bad, or is it high or?", "Well, it's-it's high, uh, you know, they--")
    assert "dodges_their_question" not in said
    assert "dodges_their_question" in _signals("Is it bad?", "It's high. Anything else?")


@pytest.mark.parametrize(
    ("client", "seller", "evidence"),
    [
        # Which, where and who, and more details asked for, answered in the reply's first
        # sentence.
        (
            "Which plan includes SSO?",
            "The business plan includes it, at 20 dollars a seat.",
            "The business plan includes it, at 20 dollars a seat.",
        ),
        (
            "More details please. Which one is my destination?",
            "After you pass the green brick building, your destination is on the left.",
            "After you pass the green brick building, your destination is on the left.",
        ),
        (
            "Can you give me more details about it?",
            "Take the 61A to the final stop at Forbes and Craig. It takes about 20 minutes.",
            "Take the 61A to the final stop at Forbes and Craig.",
        ),
    ],
)
def test_plain_answers_which_where_and_more_details_answered_are_credited(
    client: str, seller: str, evidence: str
) -> None:
    assert _found(client, seller) == [evidence]


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        # About the seller, not facts; put off or turned back, not answered.
        ("Where do you live?", "In a small town outside Leeds, near the coast."),
        ("Which plan includes SSO?", "Great question, let's cover that on a call next week."),
        ("Who handles onboarding?", "Who do you think should handle it on your side?"),
    ],
)
def test_plain_answers_which_where_about_the_seller_or_put_off_is_not_credited(
    client: str, seller: str
) -> None:
    assert _found(client, seller) == []


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        # The company in place of the answer, and a move in the bargain, answer nothing.
        ("More details please.", "We are the number one company in the market, trusted by all."),
        ("Where is the extra water going to come from?", "I could give you 2 waters if I get 3."),
    ],
)
def test_plain_answers_a_boast_or_a_move_after_which_or_details_is_no_answer(
    client: str, seller: str
) -> None:
    assert _found(client, seller) == []


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        ("Where is our data stored?", "We have some servers in Frankfurt and the rest in Dublin."),
        ("Where can I buy it?", "You can get all of it at our Main Street store, open till six."),
    ],
)
def test_plain_answers_a_where_answered_with_counts_is_still_an_answer(
    client: str, seller: str
) -> None:
    assert _found(client, seller) == [seller]
