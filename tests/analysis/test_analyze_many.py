"""analyze_many and analyze_each: the analyses `analyze` gives, conversation by conversation."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustworks.analysis import Settings, analyze, analyze_each, analyze_many
from trustworks.analysis.live import LiveAnalyzer, add_stretches
from trustworks.analysis.splits import SplitsDetector
from trustworks.conversation import Conversation, Turn
from trustworks.ingest import load

EXAMPLES = Path(__file__).parents[2] / "examples"
BOOM = "This sentence makes the split reader fail."

SAID = [
    "We keep losing drivers to the competition.",
    "Our platform fixes that, it's industry-leading.",
    "I'm not sure we have the budget this quarter.",
    "Totally understand. What would make it worth it for you?",
    "Honestly, I need the firewood more than the water.",
    "I hear you: the firewood matters most. Could you take two waters and one firewood?",
    "That sounds fair, thank you.",
    "Great, I'll send the contract by Friday.",
]


def _call(first: int, turns: int) -> Conversation:
    return Conversation(
        tuple(
            Turn("Dana" if k % 2 else "Marcus", SAID[(first + k) % len(SAID)]) for k in range(turns)
        )
    )


def _examples() -> list[Conversation]:
    return [
        load(str(path))
        for path in sorted(EXAMPLES.iterdir())
        if path.suffix in {".txt", ".srt", ".vtt", ".json"} and "draft" not in path.name
    ]


def _same(one: object, other: object) -> bool:
    return repr(one) == repr(other)


def test_the_same_analyses_as_analyze_one_by_one() -> None:
    # Short calls analysed together, a call too long to share its group (over 64 turns),
    # groups that fill up, seller inference and both settings.
    conversations = [_call(k, 2 + (k * 7) % 40) for k in range(30)] + [_call(3, 90)]
    conversations += _examples()
    for seller, settings in (
        (["Dana"], None),
        (None, None),
        (["Dana"], Settings(semantic=False)),
    ):
        expected = [analyze(c, seller, settings=settings) for c in conversations]
        got = analyze_many(conversations, seller, settings=settings)
        assert len(got) == len(expected)
        for one, other in zip(got, expected, strict=True):
            assert _same(one, other)


def test_each_job_keeps_its_own_seller_and_settings() -> None:
    jobs = [
        (_call(0, 12), ["Dana"], None),
        (_call(1, 12), None, Settings(semantic=False)),
        (_call(2, 12), ["Marcus"], Settings(written=True)),
    ]
    for (conversation, seller, settings), got in zip(jobs, analyze_each(jobs), strict=True):
        assert _same(got, analyze(conversation, seller, settings=settings))


def test_empty_and_one_speaker_conversations_too() -> None:
    conversations = [
        Conversation(()),
        Conversation((Turn("Dana", "Hello, anyone there?"),)),
        Conversation(tuple(Turn("Dana", SAID[k]) for k in range(4))),
        _call(0, 6),
    ]
    expected = [analyze(c) for c in conversations]
    got = analyze_many(conversations)
    for one, other in zip(got, expected, strict=True):
        assert _same(one, other)


def test_nothing_to_analyse() -> None:
    assert analyze_many([]) == []
    assert analyze_each([]) == []
    assert add_stretches([]) == []


def _fails_on_boom(monkeypatch: pytest.MonkeyPatch) -> None:
    observe = SplitsDetector.observe

    def failing(self: SplitsDetector, ctx: object) -> object:
        if ctx.turn.text == BOOM:  # type: ignore[attr-defined]
            raise ValueError("the split reader failed")
        return observe(self, ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(SplitsDetector, "observe", failing)


def test_an_error_stays_with_its_conversation(monkeypatch: pytest.MonkeyPatch) -> None:
    good = [_call(k, 10) for k in range(6)]
    bad = Conversation((*_call(0, 5).turns, Turn("Dana", BOOM), *_call(5, 4).turns))
    # (Marcus says the long call's last turn: the failing one of Dana's is a turn of its own.)
    long_bad = Conversation((*_call(0, 69).turns, Turn("Dana", BOOM)))
    expected = [analyze(c, ["Dana"]) for c in good]
    _fails_on_boom(monkeypatch)
    with pytest.raises(ValueError, match="the split reader failed"):
        analyze(bad, ["Dana"])
    conversations = [good[0], bad, *good[1:4], long_bad, *good[4:]]
    got = analyze_each((c, ["Dana"], None) for c in conversations)
    assert [type(g).__name__ for g in got] == [
        "Analysis",
        "ValueError",
        "Analysis",
        "Analysis",
        "Analysis",
        "ValueError",
        "Analysis",
        "Analysis",
    ]
    analysed = [g for g in got if not isinstance(g, Exception)]
    for one, other in zip(analysed, expected, strict=True):
        assert _same(one, other)
    with pytest.raises(ValueError, match="the split reader failed"):
        analyze_many(conversations, ["Dana"])


def test_add_stretches_reports_each_analyzer_error(monkeypatch: pytest.MonkeyPatch) -> None:
    _fails_on_boom(monkeypatch)
    lives = [LiveAnalyzer(["Dana"]) for _ in range(3)]
    stretches = [_call(0, 6).turns, (Turn("Dana", BOOM),), _call(2, 6).turns]
    errors = add_stretches(list(zip(lives, stretches, strict=True)))
    assert errors[0] is None and errors[2] is None
    assert isinstance(errors[1], ValueError)
    alone = LiveAnalyzer(["Dana"])
    alone.add_turns(_call(2, 6).turns)
    assert _same(lives[2].result(_call(2, 6)), alone.result(_call(2, 6)))
    with pytest.raises(ValueError, match="the split reader failed"):
        LiveAnalyzer(["Dana"]).add_turns([Turn("Dana", BOOM)])


def test_a_semantic_error_stays_with_its_conversation(monkeypatch: pytest.MonkeyPatch) -> None:
    # The semantic layers of a group judge their turns in shared batches: one that fails is
    # judged again conversation by conversation, and only the conversation at fault fails.
    from trustworks.analysis.semantic import SemanticDetector

    sem_boom = "This sentence makes the semantic layer fail."
    good = [_call(k, 10) for k in range(5)]
    bad = Conversation((*_call(0, 5).turns, Turn("Dana", sem_boom), *_call(5, 4).turns))
    expected = [analyze(c, ["Dana"]) for c in good]
    judge = SemanticDetector._judge

    def failing(self: SemanticDetector, turns: list[object]) -> object:
        if any(turn.text == sem_boom for turn in turns):  # type: ignore[attr-defined]
            raise ValueError("the semantic layer failed")
        return judge(self, turns)  # type: ignore[arg-type]

    monkeypatch.setattr(SemanticDetector, "_judge", failing)
    conversations = [good[0], good[1], bad, *good[2:]]
    got = analyze_each((c, ["Dana"], None) for c in conversations)
    assert [type(g).__name__ for g in got] == [
        "Analysis",
        "Analysis",
        "ValueError",
        "Analysis",
        "Analysis",
        "Analysis",
    ]
    analysed = [g for g in got if not isinstance(g, Exception)]
    for one, other in zip(analysed, expected, strict=True):
        assert _same(one, other)
