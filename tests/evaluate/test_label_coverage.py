"""scripts/label_coverage.py: never reads a dialogue an evaluation set holds, and joins turns
as every reader does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.evaluate.scripts import load_script

_SCRIPT = load_script("label_coverage")


def test_every_set_s_dialogues_are_held_out() -> None:
    held = _SCRIPT.held_by_sets()
    assert "annomi-81" in held  # the first outside set's first session
    assert "casino-938" in held  # a CaSiNo negotiation of the third outside set


def test_consecutive_utterances_of_one_speaker_are_one_turn() -> None:
    rows = [("therapist", "Hi.", "a"), ("therapist", "How are you?", "b"), ("client", "Ok.", "c")]
    assert _SCRIPT._merged(rows) == [
        ("therapist", "Hi. How are you?", ["a", "b"]),
        ("client", "Ok.", ["c"]),
    ]


def test_a_held_casino_dialogue_is_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat = [
        {"id": "mturk_agent_1", "text": "I need water."},
        {"id": "mturk_agent_2", "text": "Ok."},
    ]
    dialogues = [
        {"dialogue_id": 938, "chat_logs": chat, "annotations": [["I need water.", "self-need"]]},
        {"dialogue_id": 5, "chat_logs": chat, "annotations": [["I need water.", "self-need"]]},
    ]
    (tmp_path / "casino").mkdir()
    for split in ("train", "valid"):
        (tmp_path / "casino" / f"casino_{split}.json").write_text(
            json.dumps(dialogues if split == "train" else []), encoding="utf-8"
        )
    monkeypatch.setattr(_SCRIPT, "DATA", tmp_path)
    sides = list(_SCRIPT._casino_sides(frozenset({"casino-938"})))
    assert len(sides) == 2  # dialogue 5, each side as the seller; never 938
    assert all(rows[0][2] == {"self-need"} for rows, _ in sides)
