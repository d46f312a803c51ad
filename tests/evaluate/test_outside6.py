"""The sixth outside set ships, loads and was picked by its script's rule; its figures are
measured, never tested here."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from tests.evaluate.scripts import load_script
from trustworks.evaluate.outside import load_annotations, load_shipped_set

ROOT = Path(__file__).parents[2]
SHARED_CASINO = ROOT.parent / "shared" / "data" / "casino" / "casino_train.json"


def _folder() -> Path:
    return Path(str(resources.files("trustworks") / "evaluate" / "outside6"))


def test_outside6_ships_sixteen_conversations_from_three_sources() -> None:
    # Moments on judged turns and no conversation shared with another set: test_outside.py.
    packaged = load_annotations(_folder() / "annotations.toml")
    assert len(packaged.conversations) == 16
    prefixes = {item.id.split("-")[0] for item in packaged.conversations}
    assert prefixes == {"annomi", "aci", "casino"}
    assert load_shipped_set("outside6").conversations == packaged.conversations


def test_outside6_continues_where_the_fifth_set_stopped() -> None:
    script = load_script("build_outside6")
    assert script.OUTSIDE5_CASINO == (354, 691, 688, 717, 956, 233, 913, 815, 853)
    assert script.OUTSIDE5_ANNOMI == (0, 1, 115, 126)
    shipped = {item.id for item in load_annotations(_folder() / "annotations.toml").conversations}
    assert not shipped & {f"casino-{n}" for n in script.OUTSIDE5_CASINO}
    assert not shipped & {f"annomi-{n}" for n in script.OUTSIDE5_ANNOMI}


@pytest.mark.skipif(not SHARED_CASINO.is_file(), reason="needs ../shared/data/casino")
def test_outside6_negotiations_are_the_sources_text() -> None:
    # The fourth set and later read CaSiNo as the third set's builder does.
    speech = load_script("build_outside3").speech
    by_id = {
        f"casino-{d['dialogue_id']}": d
        for d in json.loads(SHARED_CASINO.read_text(encoding="utf-8"))
    }
    conversations = load_annotations(_folder() / "annotations.toml").conversations
    negotiations = [c for c in conversations if c.id.startswith("casino-")]
    assert len(negotiations) == 8
    for item in negotiations:
        dialogue = by_id[item.id]
        assert not dialogue["annotations"]
        shipped = json.loads((_folder() / "conversations" / item.file).read_text())
        assert shipped["turns"] == speech(dialogue)
