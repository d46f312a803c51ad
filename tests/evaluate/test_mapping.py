from __future__ import annotations

import copy
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from trustworks.errors import CatalogueError
from trustworks.evaluate.mapping import load_mapping, parse_mapping
from trustworks.evaluate.predictors import RulesPredictor
from trustworks.signals import default_catalogue

LABELS = (
    "small-talk",
    "showing-empathy",
    "elicit-pref",
    "promote-coordination",
    "self-need",
    "uv-part",
)
MAPPING = load_mapping()


def good() -> dict[str, Any]:
    return {"labels": {label: {"signals": [], "cues": [], "learned": [label]} for label in LABELS}}


def test_mapping_packaged_file_loads_every_label() -> None:
    assert list(MAPPING.rules) == list(LABELS)
    assert all(MAPPING.rules[label] for label in LABELS), "every label has some rule"
    assert MAPPING.source.endswith("casino_mapping.toml")


@pytest.mark.parametrize("label", LABELS)
def test_mapping_learned_labels_map_to_themselves(label: str) -> None:
    assert MAPPING.labels_for_learned({label}) == {label}


@pytest.mark.parametrize(
    ("fired", "labels"),
    [
        ({"client_need"}, {"self-need"}),
        ({"frames_mutual_fit", "names_the_emotion"}, {"promote-coordination", "showing-empathy"}),
        ({"promise", "pitch"}, set()),  # related rules, deliberately not mapped
        (set(), set()),
    ],
)
def test_mapping_labels_for_rules(fired: set[str], labels: set[str]) -> None:
    assert MAPPING.labels_for_rules(fired) == labels


def _mapped_examples() -> list[tuple[str, str, str]]:
    catalogue = default_catalogue()
    by_id = {rule.id: rule for rule in (*catalogue.signals, *catalogue.cues)}
    return [
        (label, rule_id, example)
        for label, ids in MAPPING.rules.items()
        for rule_id in sorted(ids)
        for example in by_id[rule_id].examples
    ]


@pytest.mark.parametrize(("label", "rule_id", "example"), _mapped_examples())
def test_mapping_every_mapped_rule_example_predicts_its_label(
    label: str, rule_id: str, example: str
) -> None:
    # The rules predictor must see what the catalogue promises each mapped rule finds.
    assert label in RulesPredictor(MAPPING).predict([example])[0]


def _with(path: str, value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(good())
    *parents, last = path.split(".")
    node: Any = doc
    for part in parents:
        node = node[part]
    if value is None:
        del node[last]
    else:
        node[last] = value
    return doc


@pytest.mark.parametrize(
    ("doc", "message", "bad_id"),
    [
        (
            _with("labels.small-talk.signals", ["no_such_signal"]),
            "no signal 'no_such_signal'",
            "no_such_signal",
        ),
        (_with("labels.self-need.cues", ["no_such_cue"]), "no cue 'no_such_cue'", "no_such_cue"),
        (
            _with("labels.small-talk.signals", ["reflects_their_words"]),
            "found by the semantic detector",
            "reflects_their_words",
        ),
        (_with("labels.uv-part.learned", ["vouch-fair"]), "unknown learned label", "vouch-fair"),
        (_with("labels.vouch-fair", {"signals": []}), "unknown label(s) ['vouch-fair']", None),
        (_with("labels.uv-part", None), "label(s) ['uv-part'] have no entry", None),
        (_with("labels.uv-part.patterns", ["x"]), "Extra inputs are not permitted", None),
        (_with("labels.uv-part.signals", "dismisses_feelings"), "signals", None),
    ],
)
def test_mapping_bad_entry_names_file_and_id(
    doc: dict[str, Any], message: str, bad_id: str | None
) -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_mapping(doc, "my_mapping.toml")
    assert caught.value.file == "my_mapping.toml"
    assert message in str(caught.value)
    assert caught.value.signal_id == bad_id
    if bad_id is not None:
        assert f"my_mapping.toml [{bad_id}]" in str(caught.value)


def test_mapping_file_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mapping.toml"
    path.write_text("[labels\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="not valid TOML") as caught:
        load_mapping(path)
    assert caught.value.file == str(path)
    with pytest.raises(CatalogueError, match="cannot be read"):
        load_mapping(tmp_path / "missing.toml")


def test_mapping_file_with_unknown_id_fails_on_load(tmp_path: Path) -> None:
    text = (resources.files("trustworks.evaluate") / "casino_mapping.toml").read_text(
        encoding="utf-8"
    )
    path = tmp_path / "casino_mapping.toml"
    path.write_text(text.replace('"frames_mutual_fit"', '"frames_mutual_fitt"'), encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_mapping(path)
    assert caught.value.signal_id == "frames_mutual_fitt"
    assert str(path) in str(caught.value)
