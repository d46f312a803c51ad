"""The third outside (dev) set ships, loads and is the source's text; its figures are measured,
never tested here."""

from __future__ import annotations

import importlib.util
import json
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from trustworks.conversation import fold_name
from trustworks.evaluate.outside import load_annotations

ROOT = Path(__file__).parents[2]
SHARED_CASINO = ROOT.parent / "shared" / "data" / "casino" / "casino_train.json"


def _folder() -> Path:
    return Path(str(resources.files("trustworks") / "evaluate" / "outside3"))


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_outside3", ROOT / "scripts/build_outside3.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_outside3_packaged_set_loads_with_every_moment_on_a_judged_turn() -> None:
    folder = _folder()
    packaged = load_annotations(folder / "annotations.toml")
    assert len(packaged.conversations) == 14
    assert packaged.moments > 0
    shipped = {f.name for f in (folder / "conversations").iterdir() if f.name.endswith(".json")}
    assert shipped == {item.file for item in packaged.conversations}
    for item in packaged.conversations:
        turns = item.conversation.turns
        assert 10 <= len(turns) <= 60, item.id
        assert {m.polarity for m in item.moments} <= {1, -1}
        sellers = {fold_name(s) for s in item.seller}
        for moment in item.moments:
            assert 0 <= moment.turn < len(turns), (item.id, moment.turn)
            assert fold_name(turns[moment.turn].speaker) in sellers, (item.id, moment.turn)


def test_outside3_set_shares_no_dialogue_with_the_outside_set() -> None:
    outside = Path(str(resources.files("trustworks") / "evaluate" / "outside" / "conversations"))
    ours = {f.name for f in (_folder() / "conversations").iterdir()}
    assert not ours & {f.name for f in outside.iterdir()}


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
