"""A listener's "mm-hmm" in the middle of the other's turn is read past: the turn is judged
whole, and every finding goes back to the turn its words were said in."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis.test_live import PHRASES
from trustworks.analysis import analyze, analyze_many
from trustworks.analysis.continuers import is_continuer, join
from trustworks.conversation import Conversation, Turn, conversation_from_pairs


@pytest.mark.parametrize(
    "said", ["Mm-hmm.", "mm hmm", "Uh-huh, right.", "I see.", "Mhm", "uh huh 🙂"]
)
def test_a_sound_that_keeps_the_floor_is_a_continuer(said: str) -> None:
    assert is_continuer(said)


# "Hmm." after a price or a plan is a doubt.
@pytest.mark.parametrize("said", ["Okay.", "Yeah.", "Sure.", "No.", "Right, but why?", "", "Hmm."])
def test_a_word_that_may_answer_is_no_continuer(said: str) -> None:
    assert not is_continuer(said)


def _call(*pairs: tuple[str, str]) -> Conversation:
    return conversation_from_pairs(list(pairs), seller="Ray")


QUESTION = ("Sam", "How long does the rollout take for a team our size?")
ANSWER = "For a team your size it takes about two weeks, and we run the first training."


def test_a_turn_cut_by_a_continuer_is_read_whole() -> None:
    conversation = _call(QUESTION, ("Ray", "Good question."), ("Sam", "Mm-hmm."), ("Ray", ANSWER))
    joined = join(conversation)
    assert joined is not None
    assert [t.text for t in joined.conversation.turns] == [
        QUESTION[1],
        f"Good question. {ANSWER}",
    ]
    assert joined.parts == (((0, 0),), ((1, 0), (3, len("Good question.") + 1)))


def test_an_answer_cut_by_a_continuer_is_found_where_it_was_said() -> None:
    whole = analyze(_call(QUESTION, ("Ray", f"Good question. {ANSWER}")))
    cut = analyze(_call(QUESTION, ("Ray", "Good question."), ("Sam", "Mm-hmm."), ("Ray", ANSWER)))
    assert "answers_their_question_plainly" in {f.signal for f in whole.findings}
    answered = [f for f in cut.findings if f.signal == "answers_their_question_plainly"]
    assert [f.turn for f in answered] == [3]
    turns = cut.conversation.turns
    for f in cut.findings:  # every finding quotes the turn it is on
        assert turns[f.turn].text[f.start : f.end] == f.evidence
    assert len(cut.timeline) == len(turns) == cut.metrics.turns == 4
    assert {c.turn for c in cut.contributions if c.ref == "answers_their_question_plainly"} == {3}


@pytest.mark.parametrize(
    "pairs",
    [
        # A sound after a question answers it.
        [QUESTION, ("Ray", "Can I ask how many seats?"), ("Sam", "Mm-hmm."), ("Ray", ANSWER)],
        # "Okay" is as often a yes.
        [QUESTION, ("Ray", "Good question."), ("Sam", "Okay."), ("Ray", ANSWER)],
        # Between two speakers' turns, nothing is joined.
        [QUESTION, ("Ray", "Good question."), ("Sam", "Mm-hmm."), ("Lee", ANSWER)],
    ],
)
def test_nothing_is_joined_where_the_sound_may_answer(pairs: list[tuple[str, str]]) -> None:
    assert join(_call(*pairs)) is None


def test_many_analyses_hand_the_findings_back_as_one_does() -> None:
    cut = _call(QUESTION, ("Ray", "Good question."), ("Sam", "Mm-hmm."), ("Ray", ANSWER))
    plain = _call(QUESTION, ("Ray", ANSWER))
    one = [analyze(cut), analyze(plain)]
    many = analyze_many([cut, plain])
    assert [a.findings for a in many] == [a.findings for a in one]
    assert [a.timeline for a in many] == [a.timeline for a in one]
    assert [t.text for t in many[0].conversation.turns] == [t.text for t in cut.turns]


def test_turns_of_a_transcript_without_marks_join_as_sentences() -> None:
    # With no marks anywhere, the cut was read as a sentence's end before the parts were
    # joined, and still is; in a punctuated transcript a cut with no mark is mid-sentence.
    bare = _call(
        ("Sam", "how long does the rollout take"),
        ("Ray", "good question"),
        ("Sam", "mm-hmm"),
        ("Ray", "for a team your size about two weeks"),
    )
    punctuated = _call(
        QUESTION,
        ("Ray", "For a team your size it takes"),
        ("Sam", "Mm-hmm."),
        ("Ray", "about two weeks."),
    )
    bare_joined, punctuated_joined = join(bare), join(punctuated)
    assert bare_joined is not None and punctuated_joined is not None
    assert bare_joined.conversation.turns[1].text == (
        "good question. for a team your size about two weeks"
    )
    assert punctuated_joined.conversation.turns[1].text == (
        "For a team your size it takes about two weeks."
    )


def test_turns_in_a_row_by_one_speaker_are_read_as_one() -> None:
    # As a chat is sent: a message at a time.
    messages = analyze(_call(QUESTION, ("Ray", "Good question."), ("Ray", ANSWER)))
    answered = [f for f in messages.findings if f.signal == "answers_their_question_plainly"]
    assert [(f.turn, f.evidence) for f in answered] == [(2, answered[0].evidence)]
    assert answered[0].evidence in ANSWER


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Ana", "Ben"]),
            st.lists(st.sampled_from(PHRASES), min_size=1, max_size=2),
        ),
        min_size=1,
        max_size=16,
    )
)
def test_a_conversation_sent_in_pieces_reads_as_the_one_sent_whole(
    script: list[tuple[str, list[str]]],
) -> None:
    pieces = Conversation(tuple(Turn(who, " ".join(words)) for who, words in script))
    whole_turns: list[Turn] = []
    came_from: list[int] = []  # the first piece of each whole turn
    for index, turn in enumerate(pieces.turns):
        if whole_turns and whole_turns[-1].speaker == turn.speaker:
            last = whole_turns[-1]
            whole_turns[-1] = Turn(turn.speaker, f"{last.text} {turn.text}")
        else:
            whole_turns.append(turn)
            came_from.append(index)
    in_pieces = analyze(pieces, ["Ana"])
    whole = analyze(Conversation(tuple(whole_turns)), ["Ana"])
    assert in_pieces.trust == whole.trust
    assert {f.signal for f in in_pieces.findings} == {f.signal for f in whole.findings}
    for f in in_pieces.findings:  # each on the piece it was said in, quoted from it
        assert pieces.turns[f.turn].text[f.start : f.end] == f.evidence


def test_a_promise_that_runs_into_the_next_message_is_on_the_message_it_starts_in() -> None:
    analysis = analyze(
        _call(
            ("Sam", "Can you send me the contract?"),
            ("Ray", "Sure thing."),
            ("Ray", "I'll send it tomorrow"),
            ("Ray", "together with the invoice."),
        )
    )
    assert [(c.turn, c.evidence) for c in analysis.commitments] == [(2, "I'll send it tomorrow")]
    dated = [f for f in analysis.findings if f.signal == "makes_dated_commitment"]
    assert [(f.turn, f.evidence) for f in dated] == [(2, "I'll send it tomorrow")]


def test_each_finding_of_a_joined_turn_keeps_its_own_contribution() -> None:
    analysis = analyze(
        _call(
            ("Sam", "I'm worried about the cost."),
            ("Ray", "You need to stop worrying."),
            ("Ray", "You need to trust me."),
        )
    )
    told = "tells_them_what_they_must_do"
    assert sorted(f.turn for f in analysis.findings if f.signal == told) == [1, 2]
    assert sorted(c.turn for c in analysis.contributions if c.ref == told) == [1, 2]


def test_a_question_is_counted_on_the_part_that_asks_it() -> None:
    analysis = analyze(
        _call(
            ("Sam", "We are looking at new tools."),
            ("Ray", "Thanks for reaching out."),
            ("Sam", "Mm-hmm."),
            ("Ray", "How do you handle scheduling today?"),
        )
    )
    assert {c.turn for c in analysis.contributions if c.ref == "open_questions"} == {3}


def test_a_sound_after_a_question_and_a_few_words_more_answers_it() -> None:
    pairs = [
        ("Sam", "We use a CRM."),
        ("Ray", "Do you use Salesforce?"),
        ("Ray", "Or HubSpot."),
        ("Sam", "Mm-hmm."),
        ("Ray", "Great, we integrate with both."),
    ]
    joined = join(_call(*pairs))
    assert joined is not None
    assert [t.text for t in joined.conversation.turns][2:] == ["Mm-hmm.", pairs[4][1]]


def test_the_silence_between_messages_is_nobodys_talk() -> None:
    call = Conversation(
        (
            Turn("Sam", "I need a price for the team.", start=0, end=10),
            Turn("Ray", "Sure.", start=10, end=12),
            Turn("Ray", "It costs ten dollars a seat.", start=300, end=305),
            Turn("Sam", "Okay, thanks, that helps.", start=306, end=316),
        )
    )
    share = analyze(call, ["Ray"]).metrics.seller_seconds_share
    assert share == pytest.approx(7 / 27)
