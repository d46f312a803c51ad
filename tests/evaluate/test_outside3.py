"""The third outside (dev) set ships, loads and is the source's text; its figures are measured,
never tested here."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from tests.evaluate.scripts import load_script
from trustworks.evaluate.outside import load_annotations

ROOT = Path(__file__).parents[2]
SHARED_CASINO = ROOT.parent / "shared" / "data" / "casino" / "casino_train.json"


def _folder() -> Path:
    return Path(str(resources.files("trustworks") / "evaluate" / "outside3"))


def _build_script() -> ModuleType:
    return load_script("build_outside3")


def test_outside3_has_fourteen_conversations_of_the_picked_length() -> None:
    # Moments on judged turns and no conversation shared with another set: test_outside.py.
    packaged = load_annotations(_folder() / "annotations.toml")
    assert len(packaged.conversations) == 14
    for item in packaged.conversations:
        assert 10 <= len(item.conversation.turns) <= 60, item.id


def test_outside3_picks_avoid_the_holdouts_dialogues() -> None:
    script = _build_script()
    holdouts = {1026, 299, 30, 338, 350, 395, 451, 520, 550, 690, 723, 766, 87, 953}
    holdouts |= {228, 250, 262, 301, 343, 35, 351, 447, 571, 645, 760, 778}
    assert holdouts <= script.EXCLUDED


@pytest.mark.skipif(not SHARED_CASINO.is_file(), reason="needs ../shared/data/casino")
def test_outside3_conversations_are_the_sources_text_picked_by_the_script() -> None:
    script = _build_script()
    dialogues = json.loads(SHARED_CASINO.read_text(encoding="utf-8"))
    by_id = {int(d["dialogue_id"]): d for d in dialogues}
    picked = script.pick(dialogues)
    assert len(picked) == 14
    assert all(not by_id[number]["annotations"] for number, _ in picked)
    files = {f.name for f in (_folder() / "conversations").iterdir()}
    assert files == {f"casino-{number}.json" for number, _ in picked}
    packaged = {
        item.id: item for item in load_annotations(_folder() / "annotations.toml").conversations
    }
    for number, judged in picked:
        shipped = json.loads((_folder() / "conversations" / f"casino-{number}.json").read_text())
        assert shipped["turns"] == script.speech(by_id[number])
        assert shipped["turns"][0]["speaker"] == script.NAMES[judged]
        assert packaged[f"casino-{number}"].seller == (script.NAMES[judged],)
