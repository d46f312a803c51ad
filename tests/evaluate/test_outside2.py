"""The second outside (dev) set ships, loads and is the sources' text; its figures are measured,
never tested here."""

from __future__ import annotations

import json
import subprocess
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from tests.evaluate.scripts import load_script
from trustworks.evaluate.outside import load_annotations

MIRROR = Path("/work/.mirror")
MTS = MIRROR / "abachaa+MTS-Dialog" / "repo"
ACI = MIRROR / "wyim+aci-bench" / "repo"
STAR = MIRROR / "RasaHQ+STAR" / "repo"


def _folder() -> Path:
    return Path(str(resources.files("trustworks") / "evaluate" / "outside2"))


def _build_script() -> ModuleType:
    return load_script("build_outside2")


def test_outside2_has_fourteen_conversations_of_the_picked_length() -> None:
    # Moments on judged turns and no conversation shared with another set: test_outside.py.
    packaged = load_annotations(_folder() / "annotations.toml")
    assert len(packaged.conversations) == 14
    for item in packaged.conversations:
        assert 8 <= len(item.conversation.turns) <= 90, item.id


def test_outside2_picks_avoid_the_holdouts_dialogues() -> None:
    script = _build_script()
    assert {1654, 2147, 241, 271, 607} <= script.STAR_EXCLUDED
    names = {f.stem for f in (_folder() / "conversations").iterdir()}
    holdout_aci = {"d2n143", "d2n155", "d2n180", "d2n187", "d2n204", "d2n205"}
    assert not names & {f"aci-{n}" for n in holdout_aci}
    # The holdouts' MTS-Dialog conversations come from the test splits; ours from training.
    assert all(n.startswith("mts-train-") for n in names if n.startswith("mts"))


def _show(repo: Path, path: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{path}"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.skipif(
    not (MTS.is_dir() and ACI.is_dir() and STAR.is_dir()), reason="needs the sources' mirrors"
)
def test_outside2_conversations_are_the_sources_text_picked_by_the_script() -> None:
    import csv
    import io

    script = _build_script()
    shipped = {
        f.stem: json.loads(f.read_text(encoding="utf-8"))["turns"]
        for f in (_folder() / "conversations").iterdir()
    }
    expected: dict[str, object] = {}
    rows = list(csv.DictReader(io.StringIO(_show(MTS, script.MTS_PATH))))
    for row in script.mts_pick(rows):
        expected[f"mts-train-{row['ID']}"] = script.mts_turns(row["dialogue"])
    rows = list(csv.DictReader(io.StringIO(_show(ACI, script.ACI_PATH))))
    for row in rows[: script.ACI_COUNT]:
        turns = load_script("build_outside_set").aci_turns(row["dialogue"])
        expected[f"aci-{row['encounter_id'].lower()}"] = turns
    for number, dialogue in script.star_pick(STAR):
        expected[f"star-{number}"] = script.star_turns(dialogue)
    assert shipped == expected


def test_outside2_turns_join_one_speakers_lines_and_keep_unlabelled_lines() -> None:
    script = _build_script()
    turns = script.mts_turns("Doctor: Hi.\nDoctor: How are you?\nPatient: Fine\nstill fine.")
    assert turns == [
        {"speaker": "Doctor", "text": "Hi. How are you?"},
        {"speaker": "Patient", "text": "Fine still fine."},
    ]
