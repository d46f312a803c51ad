"""`trustworks eval liking`: trust against the rating the other side gave."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustworks.cli import app
from trustworks.errors import InputError
from trustworks.evaluate.liking import PARTS, evaluate_liking, load_rated
from trustworks.learn import DEFAULT_DATA_DIR

runner = CliRunner()

WARM = [
    "Hi there! I hope your trip is going well. What matters most to you this weekend?",
    "That makes sense, thank you for explaining. Would it help if you took most of the water?",
    "I really appreciate you working with me on this. Does that split feel fair to you?",
]
CURT = [
    "I need all the firewood. Give it to me.",
    "No. That is a ridiculous offer and you know it.",
    "Take it or leave it, this is my final offer.",
]
PARTNER = ["We need water for the kids.", "Could we share the food?", "Okay, fine."]


def _dialogue(ident: int, first: list[str], liked: str, disliked: str) -> dict[str, object]:
    logs = []
    for mine, theirs in zip(first, PARTNER, strict=True):
        logs.append({"id": "mturk_agent_1", "text": mine})
        logs.append({"id": "mturk_agent_2", "text": theirs})
    logs.append({"id": "mturk_agent_1", "text": "Submit-Deal"})
    return {
        "dialogue_id": ident,
        "chat_logs": logs,
        # agent_2's rating of agent_1 is what agent_1's score should follow.
        "participant_info": {
            "mturk_agent_1": {"outcomes": {"opponent_likeness": disliked}},
            "mturk_agent_2": {"outcomes": {"opponent_likeness": liked}},
        },
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for split in ("train", "valid", "test"):
        dialogues = [
            _dialogue(
                i,
                WARM if i % 2 else CURT,
                "Extremely like" if i % 2 else "Extremely dislike",
                "Undecided",
            )
            for i in range(1, 7)
        ]
        dialogues.append(  # a partner who skipped the survey rates nobody
            {
                **_dialogue(99, WARM, "Extremely like", "Undecided"),
                "participant_info": {"mturk_agent_1": {"outcomes": {}}, "mturk_agent_2": {}},
            }
        )
        (tmp_path / f"casino_{split}.json").write_text(json.dumps(dialogues), encoding="utf-8")
    return tmp_path


def test_every_negotiator_with_a_rating_is_one_row(corpus: Path) -> None:
    rated = load_rated(corpus, ("train",), frozenset())
    assert len(rated) == 12  # six dialogues, both sides rated; the unanswered one adds nobody
    first = next(r for r in rated if r.dialogue == "train:2" and r.seller == "mturk_agent_1")
    assert first.rating == 1
    assert all(text != "Submit-Deal" for _, text in first.turns)
    excluded = load_rated(corpus, ("train",), frozenset({"casino-train-2"}))
    assert len(excluded) == 10


def test_warm_negotiators_score_above_curt_ones(corpus: Path) -> None:
    report = evaluate_liking(corpus)
    assert [p.part for p in report.parts] == list(PARTS)
    for part in report.parts:
        assert part.negotiators == 12 * len(part.splits)
        trust = part.rho("trust")
        assert trust is not None and trust > 0.5
        assert part.rho("tone") is not None and part.rho("tone") > 0.5  # type: ignore[operator]


def test_a_broken_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "casino_train.json").write_text("[{", encoding="utf-8")
    with pytest.raises(InputError, match=r"casino_train\.json"):
        evaluate_liking(tmp_path)


def test_cli_prints_both_parts_and_json(corpus: Path) -> None:
    result = runner.invoke(app, ["eval", "liking", "--data", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "calibration" in result.output and "test (valid+test" in result.output
    as_json = runner.invoke(app, ["eval", "liking", "--data", str(corpus), "--json"])
    parts = json.loads(as_json.stdout)["parts"]
    assert [p["negotiators"] for p in parts] == [12, 24]


def test_cli_missing_data_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "liking", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert "casino_train.json: file not found" in result.output
    assert "Traceback" not in result.output


@pytest.mark.skipif(
    not (DEFAULT_DATA_DIR / "casino_train.json").is_file(), reason="CaSiNo data not present"
)
def test_on_casino_the_score_follows_the_partners_liking() -> None:
    calibration = evaluate_liking(DEFAULT_DATA_DIR).parts[0]
    assert calibration.negotiators > 1500
    trust = calibration.rho("trust")
    assert trust is not None and trust > 0.15  # 0.19 when the tone slope was chosen


_RATED_BY_A_LIST = {"mturk_agent_2": {"outcomes": {"opponent_likeness": ["Extremely like"]}}}


@pytest.mark.parametrize(
    ("dialogues", "said"),
    [
        (
            [
                {
                    **_dialogue(1, WARM, "Extremely like", "Undecided"),
                    "participant_info": {**_RATED_BY_A_LIST, "mturk_agent_1": {}},
                }
            ],
            "dialogue 1 (id 1): opponent_likeness",
        ),
        (["hello"], "dialogue 1: not a dialogue"),
        ([{**_dialogue(1, WARM, "Undecided", "Undecided"), "chat_logs": 5}], "dialogue 1 (id 1)"),
        (
            [{**_dialogue(1, WARM, "Undecided", "Undecided"), "participant_info": [{}, {}]}],
            "dialogue 1 (id 1)",
        ),
        ([], "no negotiator was rated by their partner"),
    ],
)
def test_cli_malformed_dialogues_are_one_line_and_exit_2(
    tmp_path: Path, dialogues: list[object], said: str
) -> None:
    for split in ("train", "valid", "test"):
        (tmp_path / f"casino_{split}.json").write_text(json.dumps(dialogues), encoding="utf-8")
    result = runner.invoke(app, ["eval", "liking", "--data", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert said in result.output and "casino_train.json" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
