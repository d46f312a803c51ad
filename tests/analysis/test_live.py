from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustworks import conversation_from_pairs
from trustworks.analysis import WRITTEN_FORMATS, LiveAnalyzer, Settings, analyze
from trustworks.conversation import Conversation, Role, Turn
from trustworks.ingest import load, parse

EXAMPLES = sorted(
    p
    for p in (Path(__file__).parents[2] / "examples").iterdir()
    if p.suffix in {".vtt", ".srt", ".json", ".txt", ".eml"} and p.name != "draft-email.txt"
)

PHRASES = [
    "Thanks so much for your time.",
    "We're struggling to keep customers.",
    "Our platform reduces churn by 30 percent.",
    "How much does it cost?",
    "It's $40,000 a year.",
    "That sounds expensive.",
    "What were you expecting?",
    "Sorry, something came up and I only have ten minutes.",
    "Shall we reschedule?",
    "I'll send you the examples by Friday.",
    "So what I'm hearing is onboarding is slow.",
    "Tell us about yourselves.",
    "Okay.",
]


def _same(a: object, b: object) -> None:
    assert a == b


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(PHRASES), min_size=1, max_size=3),
        min_size=1,
        max_size=25,
    ),
    st.sampled_from(["Ana", "Ben"]),
)
def test_live_equals_batch_on_random_conversations(said: list[list[str]], first: str) -> None:
    # Speakers take turns: a whole analysis reads one speaker's turns in a row as one turn
    # (``continuers``, tested there), which the live meter cannot know will go on.
    other = "Ben" if first == "Ana" else "Ana"
    script = [(other if k % 2 else first, words) for k, words in enumerate(said)]
    turns = tuple(Turn(who, " ".join(words)) for who, words in script)
    conversation = Conversation(turns).with_seller(["Ana"])
    batch = analyze(conversation)
    live = LiveAnalyzer(seller=["Ana"])
    streamed = []
    for who, words in script:
        update = live.add(who, " ".join(words))
        streamed.extend(update.findings)
    result = live.result(conversation)
    assert tuple(streamed) == batch.findings == result.findings
    assert result.trust == batch.trust
    assert result.timeline == batch.timeline
    assert result.commitments == batch.commitments
    assert result.metrics == batch.metrics


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_live_equals_batch_on_examples(path: Path) -> None:
    batch = analyze(load(path))
    written = batch.conversation.format in WRITTEN_FORMATS
    live = LiveAnalyzer(seller=batch.conversation.seller, settings=Settings(written=written))
    updates = [live.add_turn(replace(t, role=Role.OTHER)) for t in batch.conversation.turns]
    assert [u.trust.trust for u in updates] == list(batch.timeline)
    assert live.result(batch.conversation).findings == batch.findings


def test_live_equals_batch_when_a_detector_state_decides_a_phrase() -> None:
    # Parting words take a no well only while nothing of the client's (or their no) stands:
    # the batch, where the declines detector reads the whole stretch first, must judge each
    # turn as the declines detector stood before it.
    said = [
        ("Ana", "The door is always open."),
        ("Ben", "We are still looking at options."),
        ("Ana", "The door is always open."),
    ]
    conversation = Conversation(tuple(Turn(who, text) for who, text in said)).with_seller(["Ana"])
    live = LiveAnalyzer(seller=["Ana"])
    streamed = [f for who, text in said for f in live.add(who, text).findings]
    batch = analyze(conversation)
    assert [(f.signal, f.turn) for f in batch.findings] == [("parts_well_after_a_no", 0)]
    assert tuple(streamed) == batch.findings
    assert live.result(conversation).timeline == batch.timeline


def test_live_update_reports_only_new_findings() -> None:
    live = LiveAnalyzer(seller=["Dana"])
    first = live.add("Marcus", "We keep losing drivers to the competition.")
    second = live.add("Dana", "Our platform fixes that, it's industry-leading.")
    assert first.findings == ()
    assert [f.signal for f in second.findings] == ["pounces_on_need"]
    assert second.turn == 1
    assert second.trust.trust < first.trust.trust


def test_prepared_turns_that_do_not_come_are_judged_as_they_come() -> None:
    said = [
        ("Ben", "We keep losing drivers and nights are long."),
        ("Ana", "So the long nights are what costs you drivers. Is that right?"),
        ("Ana", "I need the report by Friday because our board meets then."),
    ]
    plain = LiveAnalyzer(seller=["Ana"])
    expected = [plain.add(who, text) for who, text in said]
    prepared = LiveAnalyzer(seller=["Ana"])
    # Prepared for other words than those then said: the semantic layer must notice.
    prepared.prepare([Turn(who, text.upper()) for who, text in said])
    assert [prepared.add(who, text) for who, text in said] == expected


def test_a_long_call_is_judged_in_batches_with_the_same_figures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from trustworks.analysis import semantic

    conversation = load(EXAMPLES[0])
    whole = analyze(conversation)
    monkeypatch.setattr(semantic, "BATCH_SENTENCES", 2)  # a batch every turn or two
    assert analyze(conversation) == whole


def test_matching_turns_ahead_in_stretches_leaves_the_analysis_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import trustworks.analysis as analysis
    from trustworks.analysis.engine import Engine, engine_for
    from trustworks.signals import default_catalogue

    engine = engine_for(default_catalogue())
    conversation = load(EXAMPLES[0])
    engine.forget()
    whole = analyze(conversation)
    engine.forget()
    monkeypatch.setattr(analysis, "_MATCHED_AHEAD", 3)  # many stretches
    assert analyze(conversation) == whole
    engine.forget()
    monkeypatch.setattr(Engine, "match_ahead", lambda self, turns: None)  # none ahead
    assert analyze(conversation) == whole
    engine.forget()


def _credited(dialogue: str) -> bool:
    analysis = analyze(parse(dialogue, source="<test>"), ["Seller"])
    return any(f.signal == "asks_about_their_world" for f in analysis.findings)


def test_a_question_in_a_turn_that_takes_over_earns_no_listening_credit() -> None:
    client = "Client: I still smoke about a pack a day.\n"
    assert _credited(client + "Seller: What made you start again?\n")
    assert not _credited(client + "Seller: You need to stop. What made you start again?\n")


def test_a_courtesy_in_the_turn_leaves_the_question_its_credit() -> None:
    client = "Client: Churn is our big worry this quarter.\n"
    seller = "Seller: Thanks so much for your time today. What's been driving the churn?\n"
    assert _credited(client + seller)


@pytest.mark.parametrize(
    ("dialogue", "signal", "found"),
    [
        # A date, a stock level or what others give, told because they asked, is an answer.
        (
            "Client: Does the sale end soon?\nSeller: The sale ends on Sunday.",
            "artificial_deadline",
            False,
        ),
        (
            "Client: Is it in stock?\nSeller: Only two left in stock at the warehouse.",
            "artificial_deadline",
            False,
        ),
        (
            "Client: How many people give?\nSeller: Most people in this study donate something.",
            "leans_on_what_others_do",
            False,
        ),
        (
            "Client: Why does it matter?\nSeller: Every day thousands of children die of malaria.",
            "appeals_to_fear_or_guilt",
            False,
        ),
        # Put on them unasked, or after a question about something else, it presses.
        (
            "Client: How much is it?\nSeller: It's 100 dollars, but the price goes up on Friday.",
            "artificial_deadline",
            True,
        ),
        (
            "Client: Okay.\nSeller: Most people in this study donate something.",
            "leans_on_what_others_do",
            True,
        ),
    ],
)
def test_pressure_phrases_that_answer_their_question_are_answers(
    dialogue: str, signal: str, found: bool
) -> None:
    conversation = parse(dialogue, source="<test>")
    signals = {f.signal for f in analyze(conversation, ["Seller"]).findings}
    assert (signal in signals) is found


# A break-even figure for the client, worked out on nothing they said.
_PROJECTED = ("Sam", "Based on your current energy usage, we estimate you'd break even in 7 years.")


def _found(*turns: tuple[str, str]) -> list[str]:
    return [f.signal for f in analyze(conversation_from_pairs(list(turns), seller="Sam")).findings]


def test_live_a_projection_of_their_results_on_no_figure_of_theirs_spends_credibility() -> None:
    asked = ("Kim", "That's a big investment. How long would it take to recoup the costs?")
    found = _found(asked, _PROJECTED)
    assert "projects_their_results" in found
    # The projection is no plain answer either.
    assert "answers_their_question_plainly" not in found
    # Worked out on the figure they gave, it is their forecast.
    told = ("Kim", "We pay about $400 a month for power. How long would it take to recoup it?")
    assert "projects_their_results" not in _found(told, _PROJECTED)


def test_live_a_time_or_a_count_of_kids_is_no_figure_to_project_from() -> None:
    asked = (
        "Kim",
        "I'm calling back at 3, like we said, with my 2 kids here. How long to recoup it?",
    )
    found = _found(asked, _PROJECTED)
    assert "projects_their_results" in found
    assert "answers_their_question_plainly" not in found
