"""The later outside sets (the fourth on) ship and load, and their negotiations are CaSiNo's
own text; each set's picking rule is tested beside it (test_outside4.py...). Their figures
are measured, never tested here."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import pytest

from tests.evaluate.scripts import load_script
from trustworks.evaluate.outside import load_annotations, load_shipped_set

ROOT = Path(__file__).parents[2]
SHARED = ROOT.parent / "shared" / "data"
SHARED_CASINO = SHARED / "casino" / "casino_train.json"
# Clones (bare ones do) of the sources read from git; each part of a rebuild is skipped
# without its clone.
CLONES = {
    "star": Path(os.environ.get("TRUSTWORKS_TEST_STAR", "/nonexistent")),
    "aci": Path(os.environ.get("TRUSTWORKS_TEST_ACI_BENCH", "/nonexistent")),
    "mts": Path(os.environ.get("TRUSTWORKS_TEST_MTS", "/nonexistent")),
    "casino": SHARED_CASINO,
    "annomi": SHARED / "annomi" / "annomi.jsonl",
}
# Each source's part of a builder (scripts/build_outsideN.py) whose sets read all five.
BUILDERS = {
    "star": "star",
    "aci": "aci_bench",
    "mts": "mts",
    "casino": "casino",
    "annomi": "annomi",
}

# Set, conversations, sources (id prefixes), CaSiNo negotiations.
SETS = [
    ("outside4", 18, {"aci", "mts", "star", "casino"}, 5),
    ("outside5", 16, {"annomi", "star", "casino"}, 9),
    ("outside6", 16, {"annomi", "aci", "casino"}, 8),
    ("outside7", 18, {"star", "aci", "mts", "casino", "annomi"}, 5),
    ("outside8", 17, {"star", "aci", "mts", "casino", "annomi"}, 5),
    ("outside9", 17, {"star", "aci", "mts", "casino", "annomi"}, 5),
]


def _folder(name: str) -> Path:
    return Path(str(resources.files("trustworks") / "evaluate" / name))


@pytest.mark.parametrize(("name", "count", "sources", "negotiations"), SETS)
def test_later_set_ships_its_conversations_from_its_sources(
    name: str, count: int, sources: set[str], negotiations: int
) -> None:
    # Moments on judged turns and no conversation shared with another set: test_outside.py.
    packaged = load_annotations(_folder(name) / "annotations.toml")
    assert len(packaged.conversations) == count
    assert {item.id.split("-")[0] for item in packaged.conversations} == sources
    assert load_shipped_set(name).conversations == packaged.conversations


@pytest.mark.skipif(not SHARED_CASINO.is_file(), reason="needs ../shared/data/casino")
@pytest.mark.parametrize(("name", "count", "sources", "negotiations"), SETS)
def test_later_set_negotiations_are_the_sources_text(
    name: str, count: int, sources: set[str], negotiations: int
) -> None:
    # Every later set reads CaSiNo as the third set's builder does.
    speech = load_script("build_outside3").speech
    by_id = {
        f"casino-{d['dialogue_id']}": d
        for d in json.loads(SHARED_CASINO.read_text(encoding="utf-8"))
    }
    conversations = load_annotations(_folder(name) / "annotations.toml").conversations
    picked = [c for c in conversations if c.id.startswith("casino-")]
    assert len(picked) == negotiations
    for item in picked:
        dialogue = by_id[item.id]
        assert not dialogue["annotations"]
        shipped = json.loads((_folder(name) / "conversations" / item.file).read_text())
        assert shipped["turns"] == speech(dialogue)


@pytest.mark.parametrize("name", ["outside7", "outside8", "outside9"])
@pytest.mark.parametrize("source", sorted(BUILDERS))
def test_later_set_files_rebuild_from_the_sources(
    name: str, source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not CLONES[source].exists():
        pytest.skip(f"needs the {source} source (see CLONES)")
    script = load_script(f"build_{name}")
    monkeypatch.setattr(script, "OUT", tmp_path)
    where = SHARED if source in ("casino", "annomi") else CLONES[source]
    getattr(script, BUILDERS[source])(where)
    folder = _folder(name) / "conversations"
    shipped = sorted(p.name for p in folder.glob(f"{source}-*.json"))
    assert sorted(p.name for p in tmp_path.iterdir()) == shipped
    assert shipped
    for file in shipped:
        assert (tmp_path / file).read_bytes() == (folder / file).read_bytes(), file
