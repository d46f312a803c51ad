"""The second blind holdout set ships, loads and is the source's text; its figures are measured,
never tested here."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from tests.evaluate.scripts import load_script
from trustworks.conversation import fold_name
from trustworks.evaluate.outside import load_annotations

ROOT = Path(__file__).parents[2]
SHARED_CASINO = ROOT.parent / "shared" / "data" / "casino" / "casino_test.json"


def _folder() -> Path:
    return Path(str(resources.files("trustworks") / "evaluate" / "holdout2"))


def _build_script() -> ModuleType:
    return load_script("build_holdout2")


def test_holdout2_packaged_set_loads_with_every_moment_on_a_judged_turn() -> None:
    folder = _folder()
    packaged = load_annotations(folder / "annotations.toml")
    assert 12 <= len(packaged.conversations) <= 16
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


def test_holdout2_set_shares_no_dialogue_with_the_outside_set() -> None:
    outside = Path(str(resources.files("trustworks") / "evaluate" / "outside" / "conversations"))
    ours = {f.name for f in (_folder() / "conversations").iterdir()}
    assert not ours & {f.name for f in outside.iterdir()}


@pytest.mark.skipif(not SHARED_CASINO.is_file(), reason="needs ../shared/data/casino")
def test_holdout2_conversations_are_the_sources_text_picked_by_the_script() -> None:
    script = _build_script()
    dialogues = json.loads(SHARED_CASINO.read_text(encoding="utf-8"))
    by_id = {int(d["dialogue_id"]): d for d in dialogues}
    picked = script.pick(dialogues)
    files = {f.name for f in (_folder() / "conversations").iterdir()}
    assert files == {f"casino-{number}.json" for number, _ in picked}
    packaged = {
        item.id: item for item in load_annotations(_folder() / "annotations.toml").conversations
    }
    for number, judged in picked:
        shipped = json.loads((_folder() / "conversations" / f"casino-{number}.json").read_text())
        assert shipped["turns"] == script.speech(by_id[number])
        assert packaged[f"casino-{number}"].seller == (script.NAMES[judged],)


def test_holdout2_accuracy_doc_gives_the_command_and_the_sources() -> None:
    doc = (ROOT / "docs" / "accuracy.md").read_text(encoding="utf-8")
    assert "## Second holdout (blind, sales-like)" in doc
    assert "--annotations src/trustworks/evaluate/holdout2/annotations.toml" in doc
    assert "holdout2/SOURCES.md" in doc
