from __future__ import annotations

import json
from pathlib import Path

import pytest

from trustworks.errors import InputError
from trustworks.learn.data import DEFAULT_DATA_DIR, LABELS, label_matrix, load_casino, load_split

needs_casino = pytest.mark.skipif(
    not (DEFAULT_DATA_DIR / "casino_train.json").is_file(), reason="CaSiNo data not present"
)


def _write(path: Path, dialogues: object) -> Path:
    path.write_text(json.dumps(dialogues), encoding="utf-8")
    return path


def test_default_data_dir_is_beside_the_repository() -> None:
    assert DEFAULT_DATA_DIR.parts[-3:] == ("shared", "data", "casino")


@needs_casino
def test_load_casino_reads_every_annotated_utterance() -> None:
    utterances = load_casino(DEFAULT_DATA_DIR)
    by_split = {s: sum(u.split == s for u in utterances) for s in ("train", "valid", "test")}
    assert by_split == {"train": 4047, "valid": 76, "test": 492}
    assert len({u.dialogue_id for u in utterances}) == 396


@needs_casino
def test_load_casino_dialogue_ids_are_unique_per_split() -> None:
    utterances = load_casino(DEFAULT_DATA_DIR)
    assert {u.dialogue_id.split(":")[0] for u in utterances} == {"train", "valid", "test"}
    assert all(u.dialogue_id.startswith(u.split + ":") for u in utterances)


@needs_casino
def test_load_casino_drops_the_empty_label_token() -> None:
    utterances = load_casino(DEFAULT_DATA_DIR)
    assert all("" not in u.labels for u in utterances)
    quirk = [u for u in utterances if u.dialogue_id == "test:19" and "vouch-fair" in u.labels]
    assert any(u.labels == {"small-talk", "self-need", "vouch-fair"} for u in quirk)


@needs_casino
def test_load_casino_keeps_annotation_text_where_chat_logs_have_an_extra_turn() -> None:
    # Dialogue 428 has an unannotated turn; pairing by position would shift every label.
    raw = json.loads((DEFAULT_DATA_DIR / "casino_train.json").read_text(encoding="utf-8"))
    dialogue = next(d for d in raw if d["dialogue_id"] == 428)
    loaded = [u for u in load_split(DEFAULT_DATA_DIR / "casino_train.json", "train")]
    mine = [(u.text, u.labels) for u in loaded if u.dialogue_id == "train:428"]
    expected = [
        (text.strip(), frozenset(t for t in labels.split(",") if t))
        for text, labels in dialogue["annotations"]
    ]
    assert mine == expected
    assert len(mine) < sum(1 for turn in dialogue["chat_logs"] if turn["text"] not in _DEALS)


_DEALS = {"Submit-Deal", "Accept-Deal", "Reject-Deal", "Walk-Away"}


def test_load_split_pairs_labels_with_the_annotation_text(tmp_path: Path) -> None:
    dialogue = {
        "dialogue_id": 7,
        "chat_logs": [{"text": "Hello!"}, {"text": "unannotated"}, {"text": "I need food"}],
        "annotations": [["Hello!", "small-talk"], ["I need food", "self-need,,"]],
    }
    utterances = load_split(_write(tmp_path / "casino_train.json", [dialogue]), "train")
    assert [(u.dialogue_id, u.text, u.labels) for u in utterances] == [
        ("train:7", "Hello!", frozenset({"small-talk"})),
        ("train:7", "I need food", frozenset({"self-need"})),
    ]


def test_load_split_skips_dialogues_without_annotations(tmp_path: Path) -> None:
    path = _write(tmp_path / "x.json", [{"dialogue_id": 1, "annotations": []}])
    assert load_split(path, "valid") == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not valid JSON"),
        ('{"dialogue_id": 1}', "expected a JSON list"),
        ('[{"annotations": []}]', "dialogue_id"),
        ('[{"dialogue_id": 3, "annotations": {}}]', "annotations is not a list"),
        ('[{"dialogue_id": 3, "annotations": [["only text"]]}]', r"not \[text, labels\]"),
        ('[{"dialogue_id": 3, "annotations": [["text", 5]]}]', r"not \[text, labels\]"),
    ],
)
def test_load_split_malformed_file_names_the_file(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "casino_valid.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as caught:
        load_split(path, "valid")
    assert caught.value.source == str(path)


def test_load_casino_missing_file_names_the_file(tmp_path: Path) -> None:
    _write(tmp_path / "casino_train.json", [])
    with pytest.raises(InputError, match="file not found") as caught:
        load_casino(tmp_path)
    assert caught.value.source == str(tmp_path / "casino_valid.json")


def test_label_matrix_marks_each_label(tmp_path: Path) -> None:
    dialogue = {"dialogue_id": 1, "annotations": [["Hi", "small-talk"], ["ok", "non-strategic"]]}
    utterances = load_split(_write(tmp_path / "t.json", [dialogue]), "test")
    matrix = label_matrix(utterances, LABELS)
    assert matrix.shape == (2, 6)
    assert matrix[0].tolist() == [label == "small-talk" for label in LABELS]
    assert not matrix[1].any()
