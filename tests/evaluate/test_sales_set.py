"""The blind sales set (scripts/sales_set/) builds from a clone of hiring-hackathon/team and
loads with every moment on a judged turn; its figures are measured, never tested here."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from tests.evaluate.scripts import load_script
from trustworks.conversation import fold_name
from trustworks.evaluate.outside import load_annotations

SALES_SET = Path(__file__).parents[2] / "scripts" / "sales_set"
# A clone of hiring-hackathon/team (work tree or bare) holding the pinned commit.
CLONE = Path(os.environ.get("TRUSTWORKS_TEST_SALES_CLONE", "/nonexistent"))
needs_clone = pytest.mark.skipif(
    not CLONE.exists(), reason="set TRUSTWORKS_TEST_SALES_CLONE to a hiring-hackathon/team clone"
)


def test_sales_set_sources_name_every_conversation_and_the_licence() -> None:
    doc = tomllib.loads((SALES_SET / "annotations.toml").read_text(encoding="utf-8"))
    sources = (SALES_SET / "SOURCES.md").read_text(encoding="utf-8")
    assert len(doc["conversation"]) == 20
    for entry in doc["conversation"]:
        assert entry["file"] == f"{entry['id']}.json"
        assert entry["id"].removeprefix("sales-") in sources, entry["id"]
        assert entry["licence"] == "AGPL-3.0"
    assert "AGPL-3.0" in sources


@needs_clone
def test_sales_set_builds_byte_for_byte_and_loads_with_every_moment_on_a_judged_turn(
    tmp_path: Path,
) -> None:
    script = load_script("build_sales_set")
    names = script.build(CLONE, tmp_path / "a")
    assert script.build(CLONE, tmp_path / "b") == names
    for name in names:
        first = (tmp_path / "a" / "conversations" / name).read_bytes()
        assert first == (tmp_path / "b" / "conversations" / name).read_bytes(), name

    packaged = load_annotations(tmp_path / "a" / "annotations.toml")
    assert sorted(item.file for item in packaged.conversations) == sorted(names)
    picked = dict(script.pick(script.items(CLONE)))
    for item in packaged.conversations:
        turns = item.conversation.turns
        assert len(turns) >= script.MIN_TURNS, item.id
        assert len({turn.speaker for turn in turns}) == 2, item.id
        assert item.seller == (script.rule_seller(picked[item.id.removeprefix("sales-")]),)
        assert item.moments, item.id
        sellers = {fold_name(s) for s in item.seller}
        for moment in item.moments:
            assert 0 <= moment.turn < len(turns), (item.id, moment.turn)
            assert fold_name(turns[moment.turn].speaker) in sellers, (item.id, moment.turn)
