"""The later outside sets (the fourth on) ship and load, and their negotiations are CaSiNo's
own text; the eighth on continue where the set before stopped and share no conversation with
an earlier set, and the seventh on rebuild from the sources byte for byte; the fourth to
seventh sets' picking rules are tested beside them (test_outside4.py...). Their figures are
measured, never tested here: nothing here runs the analyzer."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Callable
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
    ("outside10", 16, {"star", "aci", "mts", "casino", "annomi"}, 7),
    ("outside11", 16, {"star", "aci", "mts", "casino", "annomi"}, 7),
    ("outside12", 16, {"star", "aci", "mts", "casino", "annomi"}, 7),
    ("outside13", 16, {"star", "aci", "mts", "casino", "annomi"}, 7),
    ("outside14", 16, {"star", "aci", "mts", "casino", "annomi"}, 7),
    ("outside15", 16, {"star", "aci", "mts", "casino", "annomi"}, 7),
    ("outside16", 17, {"star", "aci", "casino", "annomi"}, 8),
]

# Each set whose builder continues the set before it: that set, and what the builder says it
# took from each source (its OUTSIDE<N-1>_<SOURCE> constants).
CONTINUED = {
    "outside8": (
        "outside7",
        {
            "star": (107, 108, 109, 111, 112),
            "aci": ("D2N005", "D2N006", "D2N007"),
            "mts": ("81", "0", "13"),
            "casino": (763, 917, 224, 244, 339),
            "annomi": (4, 92),
        },
    ),
    "outside9": (
        "outside8",
        {
            "star": (113, 115, 117, 118, 119),
            "aci": ("D2N008", "D2N011", "D2N012"),
            "mts": ("62", "66", "71"),
            "casino": (812, 698, 252, 658, 632),
            "annomi": (6,),
        },
    ),
    "outside10": (
        "outside9",
        {
            "star": (120, 122, 124, 126, 127),
            "aci": ("D2N013", "D2N014", "D2N015"),
            "mts": ("89", "16", "41"),
            "casino": (232, 264, 674, 277, 392),
            "annomi": (12,),
        },
    ),
    "outside11": (
        "outside10",
        {
            "star": (128, 129, 130, 131),
            "aci": ("D2N017", "D2N019"),
            "mts": ("24", "43"),
            "casino": (921, 916, 271, 384, 251, 784, 366),
            "annomi": (14,),
        },
    ),
    "outside12": (
        "outside11",
        {
            "star": (132, 133, 134, 135),
            "aci": ("D2N020", "D2N024"),
            "mts": ("53", "1"),
            "casino": (973, 373, 629, 636, 1009, 735, 286),
            "annomi": (16,),
        },
    ),
    "outside13": (
        "outside12",
        {
            "star": (136, 137, 138, 139),
            "aci": ("D2N027", "D2N029"),
            "mts": ("61", "17"),
            "casino": (324, 1018, 333, 742, 200, 940, 877),
            "annomi": (19,),
        },
    ),
    "outside14": (
        "outside13",
        {
            "star": (140, 141, 142, 143),
            "aci": ("D2N033", "D2N034"),
            "mts": ("39", "48"),
            "casino": (390, 902, 920, 709, 248, 305, 748),
            "annomi": (20,),
        },
    ),
    "outside15": (
        "outside14",
        {
            "star": (144, 146, 148, 149),
            "aci": ("D2N035", "D2N036"),
            "mts": ("86", "10"),
            "casino": (308, 943, 615, 809, 332, 729, 304),
            "annomi": (25,),
        },
    ),
    "outside16": (
        "outside15",
        {
            "star": (150, 152, 153, 154),
            "aci": ("D2N038", "D2N039"),
            "mts": ("75", "96"),
            "casino": (838, 626, 896, 768, 826, 678, 302),
            "annomi": (29,),
        },
    ),
}
# How a source's id reads as a conversation id in annotations.toml.
IDS: dict[str, Callable[[object], str]] = {
    "star": lambda n: f"star-{n}",
    "aci": lambda e: f"aci-{str(e).lower()}",
    "mts": lambda n: f"mts-valid-{n}",
    "casino": lambda n: f"casino-{n}",
    "annomi": lambda n: f"annomi-{n}",
}
EARLIER = re.compile(r"OUTSIDE(\d+)_(STAR|ACI|MTS|CASINO|ANNOMI)")


def _folder(name: str) -> Path:
    return Path(str(resources.files("trustworks") / "evaluate" / name))


def _ids(name: str) -> set[str]:
    return {item.id for item in load_annotations(_folder(name) / "annotations.toml").conversations}


def _taken_before(number: int) -> dict[str, set[str]]:
    """Per source, every id the builders up to build_outside<number> say an earlier outside
    set took (their OUTSIDE<k>_<SOURCE> constants, k < number), or the earlier builders leave
    out as another set's or a holdout's (STAR_EXCLUDED, ACI_USED, ANNOMI_USED, CaSiNo's
    EXCLUDED and OUTSIDE3)."""
    taken: dict[str, set[str]] = {source: set() for source in IDS}
    for k in range(5, number + 1):
        for attr, value in vars(load_script(f"build_outside{k}")).items():
            match = EARLIER.fullmatch(attr)
            if match and int(match.group(1)) < number:
                source = match.group(2).lower()
                taken[source] |= {IDS[source](v) for v in value}
    taken["star"] |= {IDS["star"](n) for n in load_script("build_outside4").STAR_EXCLUDED}
    taken["aci"] |= {IDS["aci"](e) for e in load_script("build_outside6").ACI_USED}
    taken["annomi"] |= {IDS["annomi"](n) for n in load_script("build_outside5").ANNOMI_USED}
    fourth = load_script("build_outside4")
    taken["casino"] |= {IDS["casino"](n) for n in fourth.EXCLUDED | fourth.OUTSIDE3}
    return taken


@pytest.mark.parametrize("name", list(CONTINUED))
def test_later_set_continues_where_the_set_before_stopped(name: str) -> None:
    number = int(name.removeprefix("outside"))
    before, took = CONTINUED[name]
    assert before == f"outside{number - 1}"
    script = load_script(f"build_{name}")
    shipped = _ids(name)
    before_ids = _ids(before)
    for source, picks in took.items():
        assert getattr(script, f"OUTSIDE{number - 1}_{source.upper()}") == picks, source
        assert {IDS[source](p) for p in picks} <= before_ids, source
    assert not shipped & before_ids
    for source, ids in _taken_before(number).items():
        assert not shipped & ids, source
    # Nor any conversation of an earlier set, by its annotation file.
    for earlier in ("outside", *(f"outside{k}" for k in range(2, number))):
        assert not shipped & _ids(earlier), earlier


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


# The seventh set's builder and every one that continues it.
@pytest.mark.parametrize("name", ["outside7", *CONTINUED])
@pytest.mark.parametrize("source", sorted(BUILDERS))
def test_later_set_files_rebuild_from_the_sources(
    name: str, source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not CLONES[source].exists():
        pytest.skip(f"needs the {source} source (see CLONES)")
    script = load_script(f"build_{name}")
    where = SHARED if source in ("casino", "annomi") else CLONES[source]
    if hasattr(script, "BUILD"):  # the eighth set's builder and later: build_continued's
        getattr(dataclasses.replace(script.BUILD, out=tmp_path), BUILDERS[source])(where)
    else:
        monkeypatch.setattr(script, "OUT", tmp_path)
        getattr(script, BUILDERS[source])(where)
    folder = _folder(name) / "conversations"
    shipped = sorted(p.name for p in folder.glob(f"{source}-*.json"))
    assert sorted(p.name for p in tmp_path.iterdir()) == shipped
    # A source a set takes nothing from (the sixteenth's MTS-Dialog, used up) builds nothing.
    assert bool(shipped) == (source in {n: s for n, _, s, _ in SETS}[name])
    for file in shipped:
        assert (tmp_path / file).read_bytes() == (folder / file).read_bytes(), file
