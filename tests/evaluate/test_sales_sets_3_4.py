"""The third and fourth sales sets (scripts/sales_set3/, scripts/sales_set4/) name their source
and licence, and build from a clone of it with every moment on a judged turn; their figures are
measured, never tested here (nothing here runs the analyzer)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from tests.evaluate.scripts import load_script
from trustworks.conversation import fold_name
from trustworks.evaluate.outside import load_annotations

SCRIPTS = Path(__file__).parents[2] / "scripts"
# Each set: its builder, folder, conversation count, licence and the variable naming a clone.
SETS = {
    3: (
        "build_sales_set3",
        SCRIPTS / "sales_set3",
        20,
        "Apache-2.0",
        "TRUSTWORKS_TEST_SALES3_CLONE",
    ),
    4: ("build_sales_set4", SCRIPTS / "sales_set4", 16, "MIT", "TRUSTWORKS_TEST_SALES4_CLONE"),
}


@pytest.mark.parametrize("number", sorted(SETS))
def test_sales_set_names_its_source_licence_and_every_conversation(number: int) -> None:
    builder, folder, count, licence, _ = SETS[number]
    doc = tomllib.loads((folder / "annotations.toml").read_text(encoding="utf-8"))
    sources = (folder / "SOURCES.md").read_text(encoding="utf-8")
    assert len(doc["conversation"]) == count
    repo = load_script(builder).REPO
    assert repo in sources and licence in sources
    for entry in doc["conversation"]:
        assert entry["file"] == f"{entry['id']}.json"
        assert entry["licence"] == licence
        assert entry["source"] == repo


@pytest.mark.parametrize("number", sorted(SETS))
def test_sales_set_builds_byte_for_byte_with_every_moment_on_a_judged_turn(
    tmp_path: Path, number: int
) -> None:
    builder, _, count, _, variable = SETS[number]
    clone = Path(os.environ.get(variable, "/nonexistent"))
    if not clone.exists():
        pytest.skip(f"set {variable} to a clone of the set's source")
    script = load_script(builder)
    names = script.build(clone, tmp_path / "a")
    assert len(names) == count
    assert script.build(clone, tmp_path / "b") == names
    for name in names:
        first = (tmp_path / "a" / "conversations" / name).read_bytes()
        assert first == (tmp_path / "b" / "conversations" / name).read_bytes(), name
    packaged = load_annotations(tmp_path / "a" / "annotations.toml")
    assert sorted(item.file for item in packaged.conversations) == sorted(names)
    for item in packaged.conversations:
        turns = item.conversation.turns
        assert len(turns) >= script.MIN_TURNS, item.id
        assert len({turn.speaker for turn in turns}) == 2, item.id
        sellers = {fold_name(s) for s in item.seller}
        for moment in item.moments:
            assert 0 <= moment.turn < len(turns), (item.id, moment.turn)
            assert fold_name(turns[moment.turn].speaker) in sellers, (item.id, moment.turn)
