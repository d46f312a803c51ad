"""The fifth outside set was picked by its script's rule (what every later set shares is in
test_outside_later.py)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from tests.evaluate.scripts import load_script
from trustworks.evaluate.outside import load_annotations


def _folder() -> Path:
    return Path(str(resources.files("trustworks") / "evaluate" / "outside5"))


def test_outside5_continues_where_the_fourth_set_stopped() -> None:
    script = load_script("build_outside5")
    assert script.OUTSIDE4_CASINO == (859, 655, 368, 360, 761)
    assert script.OUTSIDE4_STAR == (100, 101, 102, 103)
    shipped = {item.id for item in load_annotations(_folder() / "annotations.toml").conversations}
    assert not shipped & {f"casino-{n}" for n in script.OUTSIDE4_CASINO}
    assert not {f"annomi-{n}" for n in script.ANNOMI_USED} & shipped
