"""The fourth outside set ships, loads and was picked by its script's rule; its figures are
measured, never tested here."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from tests.evaluate.scripts import load_script
from trustworks.evaluate.outside import load_annotations, load_shipped_set

ROOT = Path(__file__).parents[2]
SHARED_CASINO = ROOT.parent / "shared" / "data" / "casino" / "casino_train.json"


def _folder() -> Path:
    return Path(str(resources.files("trustworks") / "evaluate" / "outside4"))


def _build_script() -> ModuleType:
    return load_script("build_outside4")


def test_outside4_ships_eighteen_conversations_from_four_sources() -> None:
    # Moments on judged turns and no conversation shared with another set: test_outside.py.
    packaged = load_annotations(_folder() / "annotations.toml")
    assert len(packaged.conversations) == 18
    prefixes = {item.id.split("-")[0] for item in packaged.conversations}
    assert prefixes == {"aci", "mts", "star", "casino"}
    assert load_shipped_set("outside4").conversations == packaged.conversations


def test_outside4_picks_avoid_the_other_sets_and_the_holdouts() -> None:
    script = _build_script()
    assert {241, 271, 607, 1654, 2147, 1, 5} <= script.STAR_EXCLUDED
    assert {"D2N069", "D2N072", "D2N079"} <= script.ACI_EXCLUDED
    holdouts = {1026, 299, 30, 338, 350, 395, 451, 520, 550, 690, 723, 766, 87, 953}
    holdouts |= {228, 250, 262, 301, 343, 35, 351, 447, 571, 645, 760, 778}
    assert holdouts <= script.EXCLUDED


@pytest.mark.skipif(not SHARED_CASINO.is_file(), reason="needs ../shared/data/casino")
def test_outside4_negotiations_are_the_sources_text() -> None:
    script = _build_script()
    by_id = {
        f"casino-{d['dialogue_id']}": d
        for d in json.loads(SHARED_CASINO.read_text(encoding="utf-8"))
    }
    conversations = load_annotations(_folder() / "annotations.toml").conversations
    negotiations = [c for c in conversations if c.id.startswith("casino-")]
    assert len(negotiations) == 5
    for item in negotiations:
        dialogue = by_id[item.id]
        assert not dialogue["annotations"]
        shipped = json.loads((_folder() / "conversations" / item.file).read_text())
        assert shipped["turns"] == script.speech(dialogue)
