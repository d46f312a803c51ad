"""The blind sales sets (scripts/sales_set/, and the second, scripts/sales_set2/) build from a
clone of hiring-hackathon/team and load with every moment on a judged turn; the second is the
first's rule continued; their figures are measured, never tested here (nothing here runs the
analyzer)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from tests.evaluate.scripts import load_script
from trustworks.conversation import fold_name
from trustworks.evaluate.outside import load_annotations

SALES_SET = Path(__file__).parents[2] / "scripts" / "sales_set"
SALES_SET2 = Path(__file__).parents[2] / "scripts" / "sales_set2"
# Each part: its folder and how many conversations it holds.
PARTS = {1: (SALES_SET, 20), 2: (SALES_SET2, 4)}
# The second set: every item passing the rule after the first 20, in file order.
SECOND = ("1724554710192-6658", "1724871862376-3692", "1724872722334-1972", "1724871398434-7986")
# A clone of hiring-hackathon/team (work tree or bare) holding the pinned commit.
CLONE = Path(os.environ.get("TRUSTWORKS_TEST_SALES_CLONE", "/nonexistent"))
needs_clone = pytest.mark.skipif(
    not CLONE.exists(), reason="set TRUSTWORKS_TEST_SALES_CLONE to a hiring-hackathon/team clone"
)


@pytest.mark.parametrize("part", sorted(PARTS))
def test_sales_set_sources_name_every_conversation_and_the_licence(part: int) -> None:
    folder, count = PARTS[part]
    doc = tomllib.loads((folder / "annotations.toml").read_text(encoding="utf-8"))
    sources = (folder / "SOURCES.md").read_text(encoding="utf-8")
    assert len(doc["conversation"]) == count
    for entry in doc["conversation"]:
        assert entry["file"] == f"{entry['id']}.json"
        assert entry["id"].removeprefix("sales-") in sources, entry["id"]
        assert entry["licence"] == "AGPL-3.0"
    assert "AGPL-3.0" in sources


def test_sales_set2_annotates_the_four_items_after_the_first_twenty_in_file_order() -> None:
    doc = tomllib.loads((SALES_SET2 / "annotations.toml").read_text(encoding="utf-8"))
    first = tomllib.loads((SALES_SET / "annotations.toml").read_text(encoding="utf-8"))
    assert tuple(e["id"] for e in doc["conversation"]) == tuple(f"sales-{i}" for i in SECOND)
    assert not {e["id"] for e in doc["conversation"]} & {e["id"] for e in first["conversation"]}
    assert load_script("build_sales_set").PARTS[2] == SALES_SET2


@needs_clone
def test_sales_set2_is_the_rule_continued_after_the_first_set() -> None:
    script = load_script("build_sales_set")
    every = script.items(CLONE)
    first = [transcript_id for transcript_id, _ in script.pick(every)]
    second = [transcript_id for transcript_id, _ in script.pick(every, 2)]
    assert tuple(second) == SECOND
    assert len(first) == script.MAX_ITEMS and not set(first) & set(second)
    order = [transcript_id for transcript_id, _ in every]
    assert max(order.index(i) for i in first) < min(order.index(i) for i in second)


@needs_clone
@pytest.mark.parametrize("part", sorted(PARTS))
def test_sales_set_builds_byte_for_byte_and_loads_with_every_moment_on_a_judged_turn(
    tmp_path: Path, part: int
) -> None:
    script = load_script("build_sales_set")
    names = script.build(CLONE, tmp_path / "a", part)
    assert len(names) == PARTS[part][1]
    assert script.build(CLONE, tmp_path / "b", part) == names
    for name in names:
        first = (tmp_path / "a" / "conversations" / name).read_bytes()
        assert first == (tmp_path / "b" / "conversations" / name).read_bytes(), name

    packaged = load_annotations(tmp_path / "a" / "annotations.toml")
    assert sorted(item.file for item in packaged.conversations) == sorted(names)
    picked = dict(script.pick(script.items(CLONE), part))
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
