"""Questions about the client's world earn listening credit; asks for the sale do not."""

from __future__ import annotations

import pytest

from trustworks.analysis import analyze, count_questions
from trustworks.ingest import parse
from trustworks.sentences import SENTENCE


def _credited(question: str, client: str = "We run three warehouses.") -> bool:
    dialogue = f"Client: {client}\nSeller: {question}"
    found = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    # A question about their life off work is credited too, as rapport (see the last tests),
    # and one after a pain they named as exploring it (`pouncing`).
    credits = {"asks_about_their_world", "asks_after_personal_life", "explores_need_first"}
    return any(f.signal in credits for f in found)


@pytest.mark.parametrize(
    "question",
    [
        "Are you involved with any charities?",
        "What made you consider switching now?",
        "Did you ever sign up for a tool like this before?",
        "How much do you spend on coffee a day?",
        "Thanks, may I ask the reason for the return?",
        "okay and do you remember when the trouble started",
        "Do you have a second choice?",
        "What would you be willing to change first?",
        "Would you consider yourself an early riser?",
        "How are you doing with the new routine?",
        "Does your team use it every day, or only at month end?",
        # Their experience, habits and what they know, even about buying or giving.
        "Have you ever donated to a charity before?",
        "Do you donate often?",
        "Have you bought a CRM before?",
        "Do you usually buy in bulk?",
        "Do you know much about the children it helps?",
        # The people and the work on their side, named without a "your", however put.
        "How is the team handling the merger?",
        "So tell me, how are things going with the team since the merger?",
        "Let me ask you this, what does the board think?",
    ],
)
def test_about_them_questions_about_their_world_are_credited(question: str) -> None:
    assert _credited(question)


@pytest.mark.parametrize(
    "question",
    [
        "Would you like to sign up for the premium plan today?",
        "Can you hear me okay?",
        "How may I help you?",
        "What else may I help you with?",
        "Would you like for me to book it now?",
        "Would you like another question?",
        "Can I show you our new dashboard?",
        "Does this offer work for you?",
        "Have you got five minutes?",
        "I was wondering if I could tell you about our product, is that ok?",
        "Would you consider 110 dollars for it?",
        "How are you?",
        "If you drink more than that, it puts your health at risk, okay?",
        "Hi, I am great! How are you today?",
        "Good morning Sam. How's your week going?",
        "So would you be open to meeting me halfway?",
        "Could you do $95 if I pick it up today?",
        "Would you like to donate some of your earnings?",
        "Do you want to donate now?",
        "Did you sign the contract already?",
        "Have you received the contract?",
        "You know what I mean?",
        "Do you mind if we move the call to Friday?",
        "Did you know about our 20% discount this month?",
        "Have you heard of our new premium plan?",
        "Did you know we now integrate with Salesforce?",
        "Are you aware of our new loyalty discount?",
        "Have you ever thought about signing up for our premium plan?",
        "Have you considered upgrading to the enterprise tier today?",
        "Have you already signed the order form we sent?",
        "Have you ever considered buying it now?",
        # Offers to do something for them, or to tell them about the product.
        "Would you like me to set it up for a demonstration?",
        "Would you be interested in setting up a pilot program?",
        "Would you be interested in having me come by for a free home valuation?",
        "Are you interested in learning about how AI can change your team's results?",
        "Would you be interested in hearing about how we've helped businesses like yours?",
        # Terms put as a question are a proposal.
        "What if I give you an extra food package?",
        "Ok what if i were to give you all of the food?",
        "What if you took all the food and I took the water?",
        # How the seller's product stands against others is the seller's standing.
        "How does our solution compare to previous platforms you've used?",
        "Compared to tools you've used before, how does it measure up?",
        "Are you using any other project management tools alongside ours?",
        "Have you considered any other reporting tools?",
        # The seller's own team, the seller, or a push to close put as a question about theirs.
        "Tell me, how does our team compare with the last vendor's?",
        "How did the engineers we sent over do last week?",
        "Tell me, what do the team think of me?",
        "Tell me, how can I earn your trust?",
        "What's stopping the team from signing today?",
        "When will the company send the deposit?",
    ],
)
def test_about_them_asks_for_the_sale_or_leave_are_not(question: str) -> None:
    assert not _credited(question)


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        ("Do you take any medication for that?", False),
        ("Is your account number still the same?", False),
        ("Have you thought about what you'd want from a new system?", True),
        ("Do you have kids of your own?", True),
        ("What does a normal week look like for your team?", True),
    ],
)
def test_about_them_closed_questions_count_when_they_ask_about_the_person(
    question: str, credited: bool
) -> None:
    assert _credited(question) is credited


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        ("I would like all 3 packages, if that's okay with you?", False),
        ("I am hoping you have firewood?", False),
        ("Would you like a copy of our brochure?", False),
        ("Have you heard of our product?", False),
        ("hi how are you", False),
        ("hi wayne how're you today", False),
        ("Do you currently outsource your payroll?", True),
        ("Is the warehouse in Leeds still your biggest site?", True),
        ("Would you be open to telling me what happened with the last vendor?", True),
        # A favour for the seller's side, however it is put.
        ("Do you think you can spare some firewood?", False),
        ("Do you think you could part with one food?", False),
        ("Would you be willing to let me have 2 food then?", False),
        ("The water is very necessary for me, can you please?", False),
        ("Could you send me the signed order form?", False),
        # Asking them to tell is still about them.
        ("Could you share a bit about your team?", True),
        ("What do you think you could do without?", True),
        ("Can you tell me why the last rollout stalled?", True),
    ],
)
def test_about_them_the_seller_s_wants_are_not_their_world(question: str, credited: bool) -> None:
    assert _credited(question) is credited


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        ("So why don't you try that?", False),
        ("Have you thought about quitting?", False),
        ("Have you considered getting a second opinion?", False),
        ("Do you think you could do that?", False),
        ("Do you think you'd be able to cut down?", False),
        ("Tommy, can't you find a better use for the money?", False),
        ("Won't you reconsider?", False),
        ("Are you sure?", False),
        ("Are you sure you don't want the bigger plan?", False),
        ("Are you sure that's enough firewood for you and the baby?", True),
        # Inviting them to talk, asking their reasons and their experience stay credited.
        ("Why don't you tell me about your team?", True),
        ("Why don't you like the current tool?", True),
        ("Have you ever thought about donating?", True),
        ("Have you thought about what you'd want from a new system?", True),
    ],
)
def test_about_them_a_course_of_action_put_as_a_question_is_advice(
    question: str, credited: bool
) -> None:
    assert _credited(question) is credited


def test_about_them_a_follow_up_on_their_own_words_needs_no_you() -> None:
    def credited_after(client: str, question: str) -> bool:
        dialogue = f"Client: {client}\nSeller: {question}"
        found = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
        return any(f.signal == "asks_about_their_world" for f in found)

    overwhelmed = "It's all a bit overwhelming, the new job and the move."
    assert credited_after(overwhelmed, "What about it seems overwhelming?")
    assert credited_after(overwhelmed, "What does the new job involve?")
    assert not credited_after(overwhelmed, "What does our premium plan include?")
    assert not credited_after(overwhelmed, "Overwhelming?")  # closed: a bare echo


@pytest.mark.parametrize(
    ("client", "question", "credited"),
    [
        # A short open question pointing back at what they just said follows it up.
        ("I have two kids.", "Oh, how old are they?", True),
        ("I have two kids.", "Oh, two kids. How old are they?", True),
        ("I don't consider my drinking a problem.", "Why is that?", True),
        ("I've been single since the spring.", "How's that going?", True),
        # Pointing at the seller's own terms, or at nothing they said, is not.
        ("I need the water most.", "I'd take 2 food then. How would that be split?", False),
        ("I need the water most.", "You take the water and I take the food. How's that?", False),
        ("Okay.", "Why is that?", False),
    ],
)
def test_about_them_a_question_pointing_back_at_their_words_follows_them_up(
    client: str, question: str, credited: bool
) -> None:
    assert _credited(question, client) is credited


@pytest.mark.parametrize(
    "question",
    [
        "So, from your perspective, do you see any consequences to your smoking?",
        "Have you had any change in your work situation?",
    ],
)
def test_about_them_their_view_and_situation_in_more_words(question: str) -> None:
    assert _credited(question)


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        # Open questions about their plan, their reasons and their story are not advice.
        ("So where do you think you could start with that?", True),
        ("What do you think you might do on the first day back at work?", True),
        ("Why don't you need the firewood?", True),
        ("Why don't you fill me in on what's happened since last time?", True),
        ("Won't you feel cold at night with only one package?", True),
        # Still the seller's course of action.
        ("So, do you think you could quit?", False),
        ("Why don't we meet again in two weeks?", False),
        # The seller's preference put as a question is a proposal.
        ("I'd prefer three of my top item, and maybe you could get three of your top item?", False),
    ],
)
def test_about_them_their_plans_and_reasons_are_not_steering(question: str, credited: bool) -> None:
    assert _credited(question) is credited


@pytest.mark.parametrize(
    "question",
    [
        "How does 1 firewood, 3 food and 1 water sound?",
        "How does that sound?",
        "What would be fair for the food?",
        "How many fish can one person eat?",
        "How much firewood is in a bundle?",
    ],
)
def test_about_them_terms_put_back_on_their_words_are_no_follow_up(question: str) -> None:
    client = "I caught lots of fish, so you take the water if I get the wood and food. Sound good?"
    assert not _credited(question, client)


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        # A greeting answered and returned is a ritual.
        ("I am doing great, how are you?", False),
        # A verdict asked on the seller's own terms, or a share proposed as a question.
        ("I'd take 2 of the firewood and you the water. What do you think?", False),
        ("Would you prefer that I take the water and you the food?", False),
        ("Can we compromise with two each?", False),
        # Their view, asked with nothing of the seller's on the table, still counts.
        ("What do you think about the plan your team drew up?", True),
        ("We talked about the risks. What do you think?", True),
    ],
)
def test_about_them_a_verdict_on_the_seller_s_terms_is_not_their_world(
    question: str, credited: bool
) -> None:
    assert _credited(question) is credited


def test_about_them_a_verdict_asked_on_the_seller_s_terms_checks_their_view() -> None:
    # "Does that make sense on your end?" in other words: honest self-interest, not listening.
    dialogue = (
        "Client: We really need water for the hike.\n"
        "Seller: I could give you two waters if I keep the firewood. What do you think?"
    )
    found = {f.signal for f in analyze(parse(dialogue, source="<test>"), ["Seller"]).findings}
    assert "checks_view_on_their_end" in found
    assert "asks_about_their_world" not in found


@pytest.mark.parametrize(
    "turn",
    [
        "Perhaps I wasn't clear: if I take 2 firewood, you take 1. Is that reasonable?",
        "i propose, 2 water, 1 food and 2 firewood to you, is that good ?",
        "I'd counter with 3 waters and 2 wood, so you get 1 wood and 3 food. Does this offer work?",
        # The terms inside the question that checks them.
        "How does 3 water, 2 food and 1 firewood for me, and all the rest for you sound?",
        "Well my camp places a premium on water. How would you feel about 2 water and 1 food?",
        "What about 1 water and you can have all the firewood?",
        "So are you okay with you getting 2 food and me getting 1?",
    ],
)
def test_about_them_terms_then_a_check_asks_their_view(turn: str) -> None:
    # Saying what one wants and asking whether it works for them: honest self-interest.
    dialogue = f"Client: We really need water for the hike.\nSeller: {turn}"
    found = {f.signal for f in analyze(parse(dialogue, source="<test>"), ["Seller"]).findings}
    assert "checks_view_on_their_end" in found
    assert "asks_about_their_world" not in found


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        # A fact told in a question's clothes.
        ("Did you know we were rated the top vendor by Gartner?", False),
        ("Those are really bad for you. Did you know that?", False),
        ("Are you aware that most of the money goes straight to the kids?", False),
        # Asking what they know, or how they came to know it, is still asking.
        ("Did you know about the programme before today?", True),
        ("How did you know the release had slipped?", True),
    ],
)
def test_about_them_a_fact_told_as_a_question_is_not_curiosity(
    question: str, credited: bool
) -> None:
    assert _credited(question) is credited


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        ("Are your friends the problem, like maybe you should just hang out with others?", False),
        ("Shouldn't you try the patch first?", False),
        ("So why don't you start by telling me a little about yourself?", True),
        ("Which of the reports don't you get value from?", True),
    ],
)
def test_about_them_advice_tucked_inside_a_question_is_advice(
    question: str, credited: bool
) -> None:
    assert _credited(question) is credited


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        ("What medicines do you take for the pain?", False),
        ("What is your membership level?", False),
        ("Can I have your date of birth, please?", False),
        ("Do you feel me touch you down here?", False),
        # How they feel about it is curiosity about them.
        ("How do you feel about taking medication every day?", True),
        ("How are your customers reacting to the delays?", True),
    ],
)
def test_about_them_filling_in_a_record_is_not_listening(question: str, credited: bool) -> None:
    assert _credited(question) is credited


@pytest.mark.parametrize(
    "question",
    [
        "What gets in the way of taking your meds?",
        "What's been the hardest part of taking your medication?",
        "How have things been since you started the new prescription?",
    ],
)
def test_about_them_how_a_treatment_is_for_them_is_listening(question: str) -> None:
    assert _credited(question)


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        # What it would take to get a yes, or how much they would give, asks for the sale.
        ("What would make you say yes?", False),
        ("What would it take to get you on board?", False),
        # What would move them, asked openly, is theirs.
        ("What would it take for you to be a 10 instead of a 6?", True),
        # Terms or a ruler that name the sale still ask for it.
        ("Which day would work for you to sign the contract?", False),
        ("On a scale of 1 to 10, how likely are you to buy today?", False),
        ("Is there anything that would change your mind?", False),
        ("How much could you comfortably spare?", False),
        ("How much would you be able to contribute?", False),
        # A value no one would deny, asked to be agreed with, leads.
        ("Do you care about kids?", False),
        ("Don't you care about the planet?", False),
        # Putting them in a picture of the seller's making is not asking about their world.
        ("How would you feel if it was your child?", False),
        ("How would you feel if we could halve your costs?", False),
        # A change of plan put to them asks their view.
        ("How would you feel if we moved the appointment to Thursday morning?", True),
        ("How would you feel if we pushed the go-live to June?", True),
        ("How would you feel if we postponed the launch by a month?", True),
        ("How would you feel if we moved the kickoff back a week?", True),
        ("How would you feel if we moved your appointments onto our new booking app?", False),
        # ...but not a pitch or a close put as one.
        ("How would you feel if we made your team twice as productive?", False),
        ("How would you feel if we went ahead and signed today?", False),
        ("How would you feel if we moved your whole team onto our platform?", False),
        # Their own world, money and cares still are.
        ("How much do you spend on coffee a day?", True),
        ("What do you care about most when you pick a supplier?", True),
        ("How did you feel when the system went down?", True),
        ("Do you have kids yourself?", True),
        # Asking what terms would work for them hands them the pen.
        ("What price would work for you?", True),
        ("Which split would feel fair to you?", True),
        ("What would work for you if I take two waters?", False),
    ],
)
def test_about_them_asking_for_a_yes_or_a_picture_of_the_seller_s_is_not_their_world(
    question: str, credited: bool
) -> None:
    assert _credited(question) is credited


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        # Taking a history is filling in a record: closed, or asking for a quantity or detail.
        ("How long have you had this pain?", False),
        ("How often do you have a drink containing alcohol?", False),
        ("Have you ever had pain in that shoulder before?", False),
        ("Which drugs do you use?", False),
        # Inviting them to talk about it, or asking what it does in their life, is curiosity.
        ("What can you tell me about your marijuana use?", True),
        ("Do you mind telling me a little more about your alcohol use?", True),
        ("What's your favourite cigarette of the day?", True),
        ("What do you enjoy about smoking?", True),
        ("Do you remember what you were doing when the pain started?", True),
        # Their habits outside a clinic are still their world.
        ("How much do you spend on coffee a day?", True),
        ("Have you ever donated to a charity before?", True),
        ("So, why are you at a four and not a lower number?", True),
        # A business's pains, use and stock are its world, not a history.
        ("How much pain is the manual reconciliation causing your team each month?", True),
        ("How often do you use the reporting module?", True),
        ("Which drugs do your clinics order most often?", True),
    ],
)
def test_about_them_taking_a_history_is_not_curiosity(question: str, credited: bool) -> None:
    assert _credited(question) is credited


@pytest.mark.parametrize(
    "question",
    [
        "On a scale of 1 to 10, how ready are you to go ahead and quit?",
        "Where do you think you fall on the scale of 1 to 10, where one is I'm not "
        "considering it at all, and 10 is I'm definitely ready?",
        "From zero to ten, where would you put your confidence?",
    ],
)
def test_about_them_a_ruler_asks_where_they_stand(question: str) -> None:
    assert _credited(question)


@pytest.mark.parametrize(
    ("client", "question", "credited"),
    [
        # The symptom is in the words the question points back at: a history all the same.
        ("I've had this rash on my arm for a while.", "How long has it been there?", False),
        ("My migraines came back last month.", "How often do they happen?", False),
        ("I found a lump under my arm.", "When did you first notice it?", False),
        # Metaphors name no symptom, and a business's troubles are its world.
        ("Invoicing has been a real headache this year.", "When did it start?", True),
        ("The reconciliation is such a pain.", "How long has it been like that?", True),
        ("Our churn has been terrible this quarter.", "When did it start?", True),
        # How it is for them is still curiosity.
        ("My back hurts all the time.", "How is it affecting your work?", True),
        ("My back hurts all the time.", "How does it get in the way of your day?", True),
    ],
)
def test_about_them_a_history_may_point_back_at_the_symptom(
    client: str, question: str, credited: bool
) -> None:
    assert _credited(question, client) is credited


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        # Symptoms asked after, whatever the verb: a history.
        ("Do you feel any numbness in your fingers?", False),
        ("Have you been getting any headaches?", False),
        ("Did you notice any blurring of your vision?", False),
        ("So how long ago did you injure the knee?", False),
        ("And what have you taken for the pain so far?", False),
        ("Are there any other symptoms you're aware of?", False),
        ("Chest pain? Shortness of breath? Anything like that you've noticed?", False),
        # Asked for a record, however long.
        ("And just for our records, how old are you and what do you do for a living?", False),
        # How they feel, and what they know or use in their business, is still theirs.
        ("Do you feel any pressure from your board to switch this year?", True),
        ("Are you aware of any other vendors who could do this?", True),
        ("What have you used for reporting so far?", True),
        ("Do you use anything like that in your business today?", True),
    ],
)
def test_about_them_symptoms_and_records_in_more_words(question: str, credited: bool) -> None:
    assert _credited(question) is credited


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        # Age, and a booking's slots, are asked of everyone: the form's questions.
        ("Before we start, how old are you?", False),
        ("And you're taking them every day?", False),
        ("Could you give me your age, please?", False),
        ("And how frequently do you take the ibuprofen?", False),
        ("Where are you flying from?", False),
        ("When would you like to check in?", False),
        ("How many guests, and for how many nights?", False),
        # Their world, in a sale: still curiosity.
        ("How many people are on your team?", True),
        ("What age group are your customers?", True),
        ("How do you feel about your age?", True),
        ("When do you leave for your trip?", True),
        ("Is your team using the dashboard regularly?", True),
    ],
)
def test_about_them_age_and_booking_slots_are_the_form_s_questions(
    question: str, credited: bool
) -> None:
    assert _credited(question) is credited


@pytest.mark.parametrize(
    ("client", "question", "credited"),
    [
        # The task's slots in a booking or service chat are the form's questions.
        ("Hi, I need a room at the Shadyside Inn.", "When are you arriving?", False),
        ("I'd like to RSVP.", "When are you planning to arrive at the party?", False),
        ("I need to make a doctor's appointment.", "When are you available?", False),
        ("I want to view an apartment.", "What apartment are you interested in?", False),
        # Their world and their plans, in a sale, a negotiation or a counselling session.
        ("I moved to Denver last spring.", "How long have you lived there?", True),
        ("I have a baby at home.", "How old is your baby?", True),
        (
            "We have extra guests coming this weekend.",
            "How many packages of food and water do you think you will need for your "
            "additional guests?",
            True,
        ),
        ("I don't know anymore.", "Where do you wanna go from here?", True),
        ("I drink a bit on weekends.", "How much are you drinking?", True),
        ("Maybe a six.", "Where do you fall on that scale?", True),
    ],
)
def test_about_them_a_booking_s_slots_are_the_form_s_but_their_world_is_not(
    client: str, question: str, credited: bool
) -> None:
    assert _credited(question, client=client) is credited


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        ("Do you need the reporting module at every site?", True),
        ("Oh nice, but you need firewood as well?", True),
        ("Out of curiosity, is the mobile app of any use to you?", True),
        ("How many licences do you need?", True),
        # A clerk's offer, a need doubted and one supposed in a proposal are not curiosity.
        ("Do you need anything else?", False),
        ("Do you need some help with that?", False),
        ("Do you need a refill of that?", False),
        ("Is there anything else you need?", False),
        ("Do you need any more help?", False),
        ("Walk east from the school, do you need more details?", False),
        ("Do you really need it that badly?", False),
        ("Okay, so if you need more than one, I'll take two, and you take the rest?", False),
    ],
)
def test_about_them_what_they_need_is_their_world(question: str, credited: bool) -> None:
    assert _credited(question) is credited


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        # Tests, procedures, diagnoses, ratings and who treats them: a history's record.
        ("When was your last mammogram?", False),
        ("Have you ever had a biopsy?", False),
        ("When were you first diagnosed with asthma?", False),
        ("And what would you rate the pain today, out of ten?", False),
        ("Did you feel a snap in the knee?", False),
        ("Which pharmacy do you use?", False),
        ("Have you ever been hospitalized for it?", False),
        ("Any health problems I should know about?", False),
        # The same shapes about their business, or how a diagnosis is for them, are theirs.
        ("When was your last review with your vendor?", True),
        ("What would you rate our service so far?", True),
        ("Have you been to one of our events before?", True),
        ("How did you feel when you got the diagnosis?", True),
        ("How much physical activity do you get in a week?", True),
    ],
)
def test_about_them_tests_diagnoses_and_ratings_are_a_record(question: str, credited: bool) -> None:
    assert _credited(question) is credited


@pytest.mark.parametrize(
    ("client", "question", "credited"),
    [
        # Family history, packs a day and how bad it is fill in a record.
        ("Fine.", "Does diabetes run in your family?", False),
        ("Fine.", "Any family history of heart disease?", False),
        ("Fine.", "And how many packs a day were you smoking?", False),
        ("My knee has been aching all week.", "Oh no, how bad is it?", False),
        # An instruction with a tag, transcribed with a space before the mark, asks nothing.
        ("Okay.", "so take the whole course , even if you feel better , okay ?", False),
        # "This" before a noun points at nothing they said.
        ("My knee has been aching all week.", "What does your team think of this quarter?", True),
        ("The new process is a pain, honestly.", "How long has it been like that?", True),
    ],
)
def test_about_them_family_history_severity_and_tags(
    client: str, question: str, credited: bool
) -> None:
    assert _credited(question, client) is credited


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        # A history by any name, however long, and symptoms "like" others.
        ("Do you have any family history of diabetes or heart disease in your parents?", False),
        ("And what about your surgical history, any operations?", False),
        ("Have you noticed any weakness in your legs?", False),
        ("And no burning when you urinate or anything like that?", False),
        ("Have you had any symptoms like chills or sweats?", False),
        ("How are you related to the patient?", False),
        # Liking and their own history of something else are still theirs.
        ("Do you like the new dashboard?", True),
        ("What's the history of your team with this vendor?", True),
        ("What do you know about your parents' medical history?", True),
    ],
)
def test_about_them_histories_by_any_name(question: str, credited: bool) -> None:
    assert _credited(question) is credited


def test_about_them_how_are_you_after_time_apart_is_a_real_question() -> None:
    def credited(turn: str) -> bool:
        found = analyze(parse(f"Client: Hello.\nSeller: {turn}", source="<test>"), ["Seller"])
        return any(f.signal == "asks_about_their_world" for f in found.findings)

    assert credited("So, it's been a few months since our last call. How are you doing?")
    assert credited("It's been a while since I saw you. How are you?")
    assert not credited("Hi there. How are you doing?")


@pytest.mark.parametrize(
    ("client", "question", "credited"),
    [
        # A history's words about a business, a plan or a life choice are discovery.
        ("We're reviewing our CRM.", "Any other pain points you're aware of with it?", True),
        (
            "We're reviewing our CRM.",
            "Do you feel any pain with the current invoicing process?",
            True,
        ),
        ("We start the pilot in May.", "For the record, how do you want us to handle slips?", True),
        (
            "There's a lot of discomfort on the team about the new rota.",
            "When did that start?",
            True,
        ),
        ("Hiring has been a mess this year.", "Which screenings do you use for new hires?", True),
        ("We've used three agencies in two years.", "What's your history with the agency?", True),
        ("I want to retire by 55.", "What's your history with investing so far?", True),
        (
            "Our onboarding is clunky.",
            "Have you noticed any weakness in how new hires get set up?",
            True,
        ),
        ("The migration was rough.", "Have you had any headaches with the migration?", True),
        ("New hires take months to ramp.", "Are you experiencing any pain with onboarding?", True),
        ("The new rules hit us hard.", "Are you feeling any pain from the new regulations?", True),
        ("I've been unhappy at work for a year.", "When are you planning to leave?", True),
        (
            "We're planning the wedding for next spring.",
            "How many guests are you hoping to have?",
            True,
        ),
        # ...and about their body, medication or form they are a record.
        ("My knee hurts.", "Do you feel any pain when you bend it?", False),
        ("I've been getting headaches.", "When did that start?", False),
        ("I hurt my back.", "Any pain in your back from the new office chair?", False),
        ("I've missed periods.", "What is your history with your reproductive parts?", False),
        ("I need a train to Cambridge.", "When would you like to leave?", False),
        (
            "I'd like to RSVP to Mark's party.",
            "How many guests will you be bringing with you?",
            False,
        ),
        # An add-on at the till is a clerk's offer, not curiosity about their needs.
        ("I'll take the laptop.", "Do you need the extended warranty too?", False),
        ("Just the rental car, please.", "Do you need insurance on the rental?", False),
        ("I'll take these two shirts.", "Do you need gift wrapping?", False),
        ("I'll take these.", "Do you need your receipt?", False),
        ("I'd like to RSVP to Mark's party.", "Do you require parking at the venue?", False),
        ("We'll take the sofa.", "Do you need delivery?", False),
        # ...but what their business needs is their world.
        ("We're opening a restaurant.", "Do you need delivery drivers for the restaurant?", True),
        ("A table for four, please.", "Do you need parking, or will you take a taxi?", False),
        ("A table for four, please.", "Do you need delivery to your office?", False),
        ("We have two kids now.", "Do you need life insurance?", True),
    ],
)
def test_about_them_a_history_s_words_about_a_business_or_a_plan_are_discovery(
    client: str, question: str, credited: bool
) -> None:
    assert _credited(question, client) is credited


@pytest.mark.parametrize(
    ("client", "question", "credited"),
    [
        # A form's words in a life or a business: their world.
        ("I want to retire early.", "How old are you hoping to be when you stop working?", True),
        ("We have a mortgage.", "How much do you take home each month?", True),
        ("I never switch off.", "How often do you take vacations?", True),
        (
            "We're expanding into Europe.",
            "Where are you starting from in terms of compliance?",
            True,
        ),
        ("We want more space.", "How many rooms do you really need?", True),
        ("I travel a lot for work.", "How many nights a week are you away from home?", True),
        ("We run a bus company.", "How many passengers does your fleet carry a year?", True),
        ("Our pharmacy chain is growing.", "How many pharmacy locations do you run?", True),
        ("We're a hospital network.", "What does your physician group need from it?", True),
        ("I'm selling my parents' house.", "How are you related to the buyer?", True),
        ("I'm applying for the sales lead role.", "What is your history in sales?", True),
        ("We rolled out training last month.", "Is your team taking the training regularly?", True),
        (
            "My parents never spent a penny.",
            "Does that kind of frugality run in your family?",
            True,
        ),
        ("Our pipeline is bleeding.", "When did it start?", True),
        (
            "The whole board is suffering from change fatigue.",
            "When did you first notice that?",
            True,
        ),
        ("Our staff keep getting injured on site.", "How often does it happen?", True),
        (
            "I've been thinking about my pension.",
            "When was your last check-up with a financial adviser?",
            True,
        ),
        (
            "My back pain stops me playing with my kids.",
            "When did it start to affect your time with them?",
            True,
        ),
        # The record stays a record.
        ("I'm here for my check-up.", "How old are you?", False),
        ("I'm new to the practice.", "Which pharmacy do you use?", False),
        ("I've had headaches.", "Does it run in your family?", False),
        ("I'm here for a check-up.", "Any illness that might run in your family?", False),
        ("My dad ran his own shop.", "So does running a business run in your family?", True),
        ("I take it most days.", "Are you taking the synthroid every day?", False),
        ("I've been getting headaches.", "How often do you take the ibuprofen?", False),
        ("Our son has had a fever since Monday.", "When did it start?", False),
        ("I'd like a room for Friday.", "How many nights will you be staying?", False),
        ("I need a room for the conference.", "How many nights are you planning to stay?", False),
        ("I'm flying out tomorrow.", "How many bags are you checking?", False),
        ("I'd like a rental car.", "Where will you be picking it up?", False),
        ("My stomach hurts.", "What's your history with stomach problems?", False),
        ("My throat is sore.", "When did that begin?", False),
        ("I've got back pain.", "Any other pain points, like your neck or shoulders?", False),
        ("The migration gave us all a migraine.", "How long did it last?", True),
        ("I'm here for a refill of my inhaler.", "How many puffs a day are you using?", False),
        ("We sell to clinics.", "How does your doctor's office handle scheduling today?", True),
        ("My kids are at school.", "Where will you be picking them up?", True),
        ("I'm ordering lunch for the office.", "Do you need plates and cutlery?", False),
        # A clerk's add-on and the sale put as a need.
        ("I'd like a coffee.", "Do you need sugar or milk?", False),
        ("I'm in room 204.", "Do you need extra towels?", False),
        ("I'll pay by debit.", "Do you need cash back?", False),
        ("We're comparing offers.", "Do you need our best price by Friday?", False),
    ],
)
def test_about_them_a_form_s_words_in_a_life_or_a_business_are_their_world(
    client: str, question: str, credited: bool
) -> None:
    assert _credited(question, client) is credited


@pytest.mark.parametrize(
    "turn",
    [
        "That's great. Thanks for sharing. What do you do for fun?",
        "I'd love to hear about it. How are you?",
        "So. What. How's the family? Anyway, bye.",
        "Tell me more. And where do you live",
        "Okay. so how long has it been hurting",
        "Great!! Do you have kids?? Me too.",
        "ok.do you like it? i do.",
        "We have three plans. Which one suits you. Or none?",
    ],
)
def test_about_them_a_sentence_that_asks_alone_asks_in_its_turn(turn: str) -> None:
    # The detector counts no sentence before its turn's first question, nor after it when
    # the turn asks one: none of them asks on its own.
    counted = count_questions(turn)
    for sentence in SENTENCE.finditer(turn):
        if count_questions(sentence.group()).total:
            assert counted.first_at is not None
            assert sentence.end() > counted.first_at
            assert counted.total > 1 or sentence.start() <= counted.first_at


@pytest.mark.parametrize(
    ("dialogue", "flagged"),
    [
        # A demo or a meeting proposed before one question about them.
        (
            "Client: We keep missing deadlines.\nSeller: Our tool was built for that. Why don't "
            "we set up a meeting next week at your office?",
            True,
        ),
        (
            "Client: Thanks for having me.\nSeller: Would you like me to show you a simulation?",
            True,
        ),
        # After asking about them, or when they asked for it, the proposal answers them.
        (
            "Client: We keep missing deadlines.\nSeller: What's behind the misses?\nClient: "
            "Handoffs.\nSeller: Then let's set up a demo of the handoff view.",
            False,
        ),
        (
            "Client: Could you show us a demo next week?\nSeller: Sure, I'll set up a demo for "
            "Tuesday.",
            False,
        ),
        # A pilot shares the risk: it is no demand on their time for the seller's script.
        (
            "Client: We keep missing deadlines.\nSeller: I'd be happy to set up a small pilot "
            "with five of your people.",
            False,
        ),
        # Putting the step off to qualify first is the opposite.
        (
            "Client: Hi Dana.\nSeller: Before we book the demo, could we spend twenty minutes "
            "on whether this is a fit?",
            False,
        ),
        # Only the first proposal is judged; a seller alone is not judged.
        ("Seller: Why don't we set up a meeting next week?", False),
    ],
)
def test_about_them_a_proposal_before_asking_about_them_is_flagged(
    dialogue: str, flagged: bool
) -> None:
    found = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    assert any(f.signal == "proposes_before_asking" for f in found) is flagged


@pytest.mark.parametrize(
    "question",
    ["What did you do?", "How much damage to your car?", "Do you have any children?"],
)
def test_a_question_for_the_facts_of_a_patient_s_history_is_not_credited(question: str) -> None:
    # Once the patient has told of their own symptoms, the talk is a clinical encounter: the
    # facts of it are the history every patient is asked, which a coach does not flag.
    patient = "I am having a lot of pain at the end of my right middle finger."
    assert not _credited(question, client=patient)


@pytest.mark.parametrize(
    ("client", "question"),
    [
        # Not a clinical encounter: the same kind of question is curiosity about them.
        ("I like to grab a latte on the way to work.", "How much do you spend on coffee?"),
        ("We had a crash in the car park last week.", "How much damage to your car?"),
        # In one, a question for their view still is.
        ("I am having a lot of pain in my knee.", "How does it affect your work?"),
    ],
)
def test_fact_questions_outside_a_clinic_and_views_inside_one_are_credited(
    client: str, question: str
) -> None:
    assert _credited(question, client=client)


def test_a_doctor_buying_software_is_no_patient() -> None:
    # Their patients' medications and their business's pains tell no symptom of their own: the
    # question is still credited as listening, by this reading or a more specific one.
    for client in (
        "My patients forget their medications all the time.",
        "My biggest pain is onboarding new reps.",
    ):
        dialogue = f"Client: {client}\nSeller: How many patients do you see each week?"
        found = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
        assert any(f.family == "listening" and f.polarity > 0 for f in found)


def test_a_symptom_denied_makes_no_clinical_encounter() -> None:
    from trustworks.analysis.records import tells_own_symptoms

    assert tells_own_symptoms("My knee hurts when I run.")
    assert not tells_own_symptoms("No pain at all in my knee.")
    assert not tells_own_symptoms("I have no pain at all.")


def _credited_in(turns: list[tuple[str, str]], seller: str = "Seller") -> list[str]:
    """The seller's questions credited in a dialogue of (speaker, text) turns."""
    dialogue = "\n".join(f"{speaker}: {text}" for speaker, text in turns)
    found = analyze(parse(dialogue, source="<test>"), [seller]).findings
    return [f.evidence for f in found if f.signal == "asks_about_their_world"]


def test_a_history_taken_before_the_patient_tells_of_it_makes_a_clinic() -> None:
    # A question for a fact that names a symptom of theirs takes the history, and from then
    # on the talk is a clinical encounter: the facts of their life are the social history.
    credited = _credited_in(
        [
            ("Client", "Hello doctor."),
            ("Seller", "How many days has it been since your headaches started?"),
            ("Client", "About three days."),
            ("Seller", "How long do they normally last?"),
            ("Client", "A few hours."),
            ("Seller", "When did you move here from the Philippines, sir?"),
            ("Client", "Ten years ago."),
            ("Seller", "How is it affecting your work?"),
        ]
    )
    assert credited == ["How is it affecting your work?"]


@pytest.mark.parametrize(
    ("client", "question"),
    [
        ("I have had headaches all week.", "Have you tried to take anything for it?"),
        ("I have a stomach ache.", "How is your urine and feces?"),
        ("I have a stomach ache.", "And how are your bowel movements?"),
    ],
)
def test_what_they_took_and_the_body_s_functions_are_a_patient_s_history(
    client: str, question: str
) -> None:
    assert not _credited(question, client=client)


def test_a_habit_or_a_team_s_pain_asked_after_makes_no_clinic() -> None:
    # A counsellor asks after drinking and smoking as much as a doctor; a team's back pain is
    # a business's: neither makes the facts of their life a history.
    credited = _credited_in(
        [
            ("Client", "I smoke when I'm stressed at work."),
            ("Seller", "So how many cigarettes would that be?"),
            ("Client", "Maybe ten a day."),
            ("Seller", "When did you move here?"),
            ("Client", "We sell office chairs to firms like yours."),
            ("Seller", "How many people on your team have back pain?"),
        ]
    )
    assert credited == [
        "So how many cigarettes would that be?",
        "When did you move here?",
        "How many people on your team have back pain?",
    ]


def test_how_are_you_after_months_apart_is_a_real_question() -> None:
    from tests.dialogue import run

    analysis = run(
        "Client: All right.\n"
        "Seller: So, Anna, it's been about six months since I've seen you. How are you doing?"
    )
    assert [f.signal for f in analysis.findings] == ["asks_about_their_world"]


@pytest.mark.parametrize(
    "question",
    [
        "Which location gives your team the most trouble?",
        "When do you expect the project to end?",
        "How many people are you expecting to hire this year?",
        "What price range are you looking for?",
        "Any particular area of the business you want to focus on?",
        "Which clinic do you feel treats you best?",
    ],
)
def test_a_meeting_thanked_for_makes_no_booking(question: str) -> None:
    # A meeting named in passing books nothing: the sales call's questions stay their world.
    assert _credited(question, client="Thanks for setting up this meeting.")


@pytest.mark.parametrize(
    ("client", "question"),
    [
        ("I'd like to book an appointment for Tuesday.", "Which clinic do you prefer?"),
        ("Can we schedule a viewing this week?", "What apartment are you interested in?"),
        ("I want to reserve a meeting room.", "How many people are you expecting?"),
    ],
)
def test_a_meeting_or_an_appointment_booked_is_a_booking(client: str, question: str) -> None:
    assert not _credited(question, client=client)


def test_a_figure_of_speech_makes_no_clinic() -> None:
    # "Appetite for risk" and "bleeding of cash" are a business's, not a body's: the question
    # is their world, and the facts asked after it are not a patient's history.
    from trustworks.analysis.records import names_their_symptom

    assert not names_their_symptom("How bad is the bleeding of cash each month?")
    assert not names_their_symptom("How is your appetite for risk these days?")
    assert names_their_symptom("How is your appetite?")
    credited = _credited_in(
        [
            ("Client", "We are a small fund."),
            ("Seller", "How is your appetite for risk these days?"),
            ("Client", "Lower than it was."),
            ("Seller", "What do you use for budgeting now?"),
        ]
    )
    assert credited == [
        "How is your appetite for risk these days?",
        "What do you use for budgeting now?",
    ]


def test_the_seller_s_symptom_word_alone_makes_no_clinic() -> None:
    # A symptom's word in the seller's question, not asked of their body, with none in the
    # client's words, may be a business's: the facts asked after it are still their world.
    credited = _credited_in(
        [
            ("Client", "We are losing money fast."),
            ("Seller", "Which quarter did the bleeding start in for you?"),
            ("Client", "Since March."),
            ("Seller", "What do you use for budgeting now?"),
        ]
    )
    assert credited == ["What do you use for budgeting now?"]
    # With the client's gums named, the same question takes a history.
    in_a_clinic = _credited_in(
        [
            ("Client", "My gums bleed."),
            ("Seller", "Which month did the bleeding start in for you?"),
            ("Client", "In March."),
            ("Seller", "What do you use for brushing now?"),
        ]
    )
    assert not in_a_clinic


@pytest.mark.parametrize(
    "question",
    [
        "Have you ever been stung by a wasp before?",
        "You never had any severe reactions before?",
        "Have you seen someone about your thumb before?",
        "Have you been screened for cancer before?",
        "Have you ever felt a shortness of breath or your throat closing up before?",
    ],
)
def test_a_screen_asked_of_every_patient_is_not_credited(question: str) -> None:
    # The speakers' labels make the clinic before any symptom is named, and a screen for what
    # happened before is asked of everyone, feelings or not.
    credited = _credited_in(
        [("Patient", "I'm here about a wasp, it got me yesterday."), ("Doctor", question)],
        seller="Doctor",
    )
    assert credited == []


def test_the_same_questions_between_a_seller_and_a_client_are_still_credited() -> None:
    assert _credited("Have you ever worked with an agency before?")
    assert _credited_in(
        [("Client", "We tried two vendors."), ("Seller", "Have you ever felt let down before?")]
    )


@pytest.mark.parametrize(
    "client",
    [
        "I'm doing okay except for my elbow here.",
        "I got stung by this huge wasp yesterday.",
        "I twisted my ankle playing football.",
    ],
)
def test_their_body_or_an_injury_to_it_makes_a_clinic(client: str) -> None:
    from trustworks.analysis.records import tells_own_symptoms

    assert tells_own_symptoms(client)


@pytest.mark.parametrize(
    "client",
    ["My hands are tied on pricing.", "Off the top of my head, twenty.", "No pain in my knee."],
)
def test_idioms_and_a_denied_symptom_make_no_clinic(client: str) -> None:
    from trustworks.analysis.records import tells_own_symptoms

    assert not tells_own_symptoms(client)


@pytest.mark.parametrize(
    "greeting", ["fisher, how are you?", "Hi Ms. Hernandez, Dr. Fisher, how are you?"]
)
def test_a_greeting_after_a_name_is_a_greeting(greeting: str) -> None:
    assert not _credited(greeting, client="Hello.")


def test_how_did_this_happen_follows_up_what_they_just_showed() -> None:
    assert _credited(
        "Oh, wow! How did this happen?",
        client="Do you not see the swelling on my right hand and arm? It's huge!",
    )


def test_why_don_t_you_come_with_me_tokenised_is_no_question_about_them() -> None:
    # ACI-BENCH's transcripts split contractions ("do n't"); the reader joins them again.
    assert not _credited(
        "all right , why do n't you come with me and we'll get you signed out ?",
        client="thank you .",
    )


@pytest.mark.parametrize(
    "question",
    ["So what do you think is a fair deal?", "Is there any reason you would need more food?"],
)
def test_in_a_bargain_their_idea_of_fair_and_their_reasons_are_asked_about(question: str) -> None:
    assert _credited(question, client="I'd like 2 food and 2 water.")


def test_a_good_deal_to_sign_today_is_still_the_sale() -> None:
    assert not _credited("What's a good deal for you to sign today?", client="I need food.")


def test_a_doctor_labelled_as_the_client_makes_no_clinic() -> None:
    # A doctor buying software is asked about the practice; the seller's label says no clinic.
    dialogue = "Dr. Smith: We run two practices.\nSeller: How many patients do you see each week?"
    found = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    assert any(f.signal == "asks_about_their_world" for f in found)


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        # A counted share offered: the deal, not their world.
        ("I see there are three, would you like 2 of them?", False),
        ("We already agreed on the wood and water, do you want 1 food or two?", False),
        # Their preference, their people and their plans, counted or not, are theirs.
        ("Do you want the firewood or the food?", True),
        ("How many kids do you have?", True),
        ("What about your family, how many are coming?", True),
        ("How does your team handle the 3 sites today?", True),
    ],
)
def test_about_them_a_share_offered_in_a_question_is_no_curiosity(
    question: str, credited: bool
) -> None:
    assert _credited(question) is credited


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        ("How can you say no to helping a starving child?", False),
        ("How could you refuse?", False),
        ("How can you not help them?", False),
        ("How could you tell it was the wrong part?", True),
    ],
)
def test_about_them_a_no_made_a_failing_is_no_curiosity(question: str, credited: bool) -> None:
    assert _credited(question) is credited


def test_about_them_a_no_to_helping_made_a_failing_is_guilt() -> None:
    dialogue = "Client: What is this about?\nSeller: How can you say no to helping a child?"
    found = {f.signal for f in analyze(parse(dialogue, source="<test>"), ["Seller"]).findings}
    assert "appeals_to_fear_or_guilt" in found


@pytest.mark.parametrize(
    "question", ["What about a donation of $1?", "Would you be okay with giving $2?"]
)
def test_about_them_money_asked_of_them_is_no_check_of_their_view(question: str) -> None:
    dialogue = f"Client: Tell me more about the charity.\nSeller: {question}"
    found = {f.signal for f in analyze(parse(dialogue, source="<test>"), ["Seller"]).findings}
    assert not found & {"checks_view_on_their_end", "asks_about_their_world"}


@pytest.mark.parametrize(
    "question",
    [
        # "In order to" orders nothing; "where would you like to start" asks their way.
        "What do you think you need to do in order to reach that goal?",
        "Where would you like to start with that?",
        "What would you like to change about how the team works?",
        "I'm wondering what you make of the numbers so far?",
    ],
)
def test_about_them_their_goals_and_choices_asked_in_more_words(question: str) -> None:
    assert _credited(question)


@pytest.mark.parametrize(
    "question",
    [
        "Would you like to order the starter pack today?",
        "Would you like to book the demo for Tuesday?",
        "I was wondering if you could sign the order today?",
    ],
)
def test_about_them_asks_for_the_step_in_those_words_are_still_asks(question: str) -> None:
    assert not _credited(question)


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        # How they stand for what is being shared, and what they put first.
        ("Do you have enough water?", True),
        ("Are you short on any supplies?", True),
        ("Is water your number one or two priority?", True),
        ("Can I kindly know your preferences please?", True),
        ("Are you going to be needing a lot of water?", True),
        # Asking for theirs, or for a slot, is no curiosity about them.
        ("Do you have any extra food I could trade for?", False),
        ("Are you good for Tuesday at 3?", False),
    ],
)
def test_about_them_their_supplies_and_priorities_asked_closed(
    question: str, credited: bool
) -> None:
    assert _credited(question, "Hi! We're going camping next week.") is credited


@pytest.mark.parametrize(
    ("client", "reply", "credited"),
    [
        # Their question answered, then turned back on them: asking theirs.
        ("What do you need most?", "Firewood, how about you?", True),
        ("Are you bringing anyone?", "My family and the dog. How about you?", True),
        # "How are you?" answered in a few words and returned: the greeting's ritual.
        ("Hello, how are you today?", "Very good. How about you?", False),
        ("Hi, how are you?", "I'm good, how about you?", False),
    ],
)
def test_about_them_a_question_turned_back_asks_theirs_but_not_in_a_greeting(
    client: str, reply: str, credited: bool
) -> None:
    assert _credited(reply, client) is credited


@pytest.mark.parametrize(
    ("reply", "credited"),
    [
        # An invitation to tell, unmarked, after a first sentence.
        ("Okay. Tell me a little bit about your family.", True),
        ("Right. I'm wondering where you are with the writing these days.", True),
        # A question word there, unmarked, is as often a statement.
        ("Okay. Which would leave you the rest of the budget.", False),
    ],
)
def test_about_them_an_unmarked_invitation_after_a_first_sentence_asks(
    reply: str, credited: bool
) -> None:
    assert _credited(reply) is credited


def _signals(question: str, client: str = "Hello there, nice to meet you.") -> set[str]:
    dialogue = f"Client: {client}\nSeller: {question}"
    return {f.signal for f in analyze(parse(dialogue, source="<test>"), ["Seller"]).findings}


@pytest.mark.parametrize(
    ("question", "signal"),
    [
        # Their life away from the business is rapport, as a coach files it (intimacy)...
        ("Do you have any plans for the weekend?", "asks_after_personal_life"),
        ("Nice to meet you too. How old are your kids?", "asks_after_personal_life"),
        ("Have you been camping before?", "asks_after_personal_life"),
        ("And what do you like to do for fun?", "asks_after_personal_life"),
        ("How was your trip to Lisbon?", "asks_after_personal_life"),
        # ...but what they need for it, their work and when a habit began are their world.
        ("What do you need most for your trip?", "asks_about_their_world"),
        ("Did your team have a good weekend migration?", "asks_about_their_world"),
        (
            "So you think it began about four years ago after this holiday?",
            "asks_about_their_world",
        ),
        ("What's your budget for the holiday party?", "asks_about_their_world"),
    ],
)
def test_about_them_a_question_about_their_life_off_work_is_rapport(
    question: str, signal: str
) -> None:
    found = _signals(question)
    assert signal in found
    assert not found & {"asks_after_personal_life", "asks_about_their_world"} - {signal}


def test_about_them_a_phrase_that_says_more_speaks_for_a_question_about_their_life() -> None:
    # The question detector's reading gives way to a phrase on the same words, as for any
    # question about them: one act, one finding.
    found = _signals(
        "So what I'm hearing is you love your weekends with the kids?",
        "We love our weekend trips, they keep the family together.",
    )
    assert "reflects_back_understanding" in found
    assert "asks_after_personal_life" not in found


@pytest.mark.parametrize(
    ("question", "credited"),
    [
        # Their need doubted argues it down: no curiosity about them.
        ("Are you sure you need 2 food?", False),
        ("Are you sure that you would need that much?", False),
        ("Do you really need the water?", False),
        # Asked open, the need is asked after.
        ("Which item do you really need? I can give you 3 of it.", True),
        ("What do you really need?", True),
    ],
)
def test_about_them_a_need_doubted_is_not_asked_after(question: str, credited: bool) -> None:
    assert _credited(question, "I'd like all the water and 2 food, please.") is credited


def test_about_them_a_question_in_a_family_history_is_the_history_s() -> None:
    found = _signals(
        "Any family history of heart disease? How old are your children?",
        "My father had a heart attack at sixty.",
    )
    assert "asks_after_personal_life" not in found


@pytest.mark.parametrize(
    "said",
    [
        "Awesome! I wanted to ask how your team is finding the new process.",
        "Glad to hear! I’d like to hear your thoughts on how your team is adapting to the tools.",
        "Great. I’m curious to hear about your experience with our data migration service.",
        "I would like to know what packages you need the most.",
        "Great to hear! I just wanted to follow up on how our reporting tool is working for you.",
    ],
)
def test_about_them_what_the_seller_wants_to_hear_told_asks(said: str) -> None:
    # Told, not asked with a mark, and after a first sentence: still a question about them.
    assert _credited(said, client="Hi Dan! I'm doing well, thanks.")


@pytest.mark.parametrize(
    "said",
    [
        "Would you like to hear about our new plans?",
        "I wanted to tell you about our product and our team.",
        "Great. I wanted to let you know about our new pricing.",
    ],
)
def test_about_them_an_offer_or_the_seller_s_news_told_does_not(said: str) -> None:
    assert not _credited(said, client="Hi Dan! I'm doing well, thanks.")


def test_about_them_a_longer_question_about_their_people_follows_them_up() -> None:
    # The reps they just named, asked after further along the question: their world.
    assert _credited(
        "Got it. And what's the biggest thing getting in the way of them hitting quota right now?",
        client="We have about 200 field reps.",
    )


@pytest.mark.parametrize(
    "question",
    ["Who else would be involved in making the call?", "Who signs off on something like this?"],
)
def test_about_them_who_else_is_in_their_decision_is_their_world(question: str) -> None:
    assert _credited(question, client="I'd have to run it by a few people.")
