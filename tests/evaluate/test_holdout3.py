"""The third blind holdout set ships, loads and is the sources' text; its figures are measured,
never tested here."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from tests.evaluate.scripts import load_script
from trustworks.conversation import fold_name
from trustworks.evaluate.outside import load_annotations

ROOT = Path(__file__).parents[2]
SHARED_CASINO = ROOT.parent / "shared" / "data" / "casino" / "casino_test.json"
# A clone of RasaHQ/STAR (work tree or bare) to check the STAR files against, when there is one.
STAR_CLONE = Path(os.environ.get("TRUSTWORKS_TEST_STAR", "/nonexistent"))


def _folder() -> Path:
    return Path(str(resources.files("trustworks") / "evaluate" / "holdout3"))


def _build_script() -> ModuleType:
    return load_script("build_holdout3")


def _shipped() -> set[str]:
    return {f.name for f in (_folder() / "conversations").iterdir() if f.name.endswith(".json")}


def test_holdout3_packaged_set_loads_with_every_moment_on_a_judged_turn() -> None:
    packaged = load_annotations(_folder() / "annotations.toml")
    assert len(packaged.conversations) == 17
    assert packaged.moments > 0
    assert _shipped() == {item.file for item in packaged.conversations}
    for item in packaged.conversations:
        turns = item.conversation.turns
        assert 10 <= len(turns) <= 60, item.id
        assert item.moments, item.id
        sellers = {fold_name(s) for s in item.seller}
        for moment in item.moments:
            assert 0 <= moment.turn < len(turns), (item.id, moment.turn)
            assert fold_name(turns[moment.turn].speaker) in sellers, (item.id, moment.turn)


def test_holdout3_set_shares_no_dialogue_with_the_other_sets() -> None:
    ours = _shipped()
    for other in ("outside", "holdout", "holdout2"):
        folder = Path(str(resources.files("trustworks") / "evaluate" / other / "conversations"))
        assert not ours & {f.name for f in folder.iterdir()}, other


def test_holdout3_sources_name_every_file_and_licence() -> None:
    sources = (_folder() / "SOURCES.md").read_text(encoding="utf-8")
    for item in load_annotations(_folder() / "annotations.toml").conversations:
        assert item.id.split("-", 1)[1] in sources, item.id
        assert item.licence in sources, item.id


@pytest.mark.skipif(not SHARED_CASINO.is_file(), reason="needs ../shared/data/casino")
def test_holdout3_casino_conversations_are_the_sources_text_picked_by_the_script() -> None:
    script = _build_script()
    dialogues = json.loads(SHARED_CASINO.read_text(encoding="utf-8"))
    by_id = {int(d["dialogue_id"]): d for d in dialogues}
    picked = script.pick(dialogues)
    assert not {number for number, _ in picked} & (script.OUTSIDE | script.HOLDOUT2)
    assert {f"casino-{number}.json" for number, _ in picked} == {
        name for name in _shipped() if name.startswith("casino-")
    }
    packaged = {
        item.id: item for item in load_annotations(_folder() / "annotations.toml").conversations
    }
    for number, judged in picked:
        shipped = json.loads((_folder() / "conversations" / f"casino-{number}.json").read_text())
        assert shipped["turns"] == script.speech(by_id[number])
        assert packaged[f"casino-{number}"].seller == (script.NAMES[judged],)


@pytest.mark.skipif(not STAR_CLONE.exists(), reason="set TRUSTWORKS_TEST_STAR to a STAR clone")
def test_holdout3_star_conversations_are_the_sources_text_picked_by_the_script() -> None:
    script = _build_script()
    dialogues = list(script.star_dialogues(STAR_CLONE))
    by_id = {int(d["DialogueID"]): d for d in dialogues}
    picked = script.star_pick(dialogues)
    assert {f"star-{number}.json" for number in picked} == {
        name for name in _shipped() if name.startswith("star-")
    }
    for number in picked:
        shipped = json.loads((_folder() / "conversations" / f"star-{number}.json").read_text())
        assert shipped["turns"] == script.star_speech(by_id[number])
