"""The sixth outside set was picked by its script's rule (what every later set shares is in
test_outside_later.py)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from tests.evaluate.scripts import load_script
from trustworks.evaluate.outside import load_annotations


def _folder() -> Path:
    return Path(str(resources.files("trustworks") / "evaluate" / "outside6"))


def test_outside6_continues_where_the_fifth_set_stopped() -> None:
    script = load_script("build_outside6")
    assert script.OUTSIDE5_CASINO == (354, 691, 688, 717, 956, 233, 913, 815, 853)
    assert script.OUTSIDE5_ANNOMI == (0, 1, 115, 126)
    shipped = {item.id for item in load_annotations(_folder() / "annotations.toml").conversations}
    assert not shipped & {f"casino-{n}" for n in script.OUTSIDE5_CASINO}
    assert not shipped & {f"annomi-{n}" for n in script.OUTSIDE5_ANNOMI}
