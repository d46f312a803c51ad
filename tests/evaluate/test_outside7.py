"""The seventh outside set was picked by its script's rule (its files rebuild from the sources
byte for byte, and what every later set shares, in test_outside_later.py). Its figures are
measured, never tested here."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from tests.evaluate.scripts import load_script
from trustworks.evaluate.outside import load_annotations


def _folder() -> Path:
    return Path(str(resources.files("trustworks") / "evaluate" / "outside7"))


def _shipped() -> set[str]:
    return {item.id for item in load_annotations(_folder() / "annotations.toml").conversations}


def test_outside7_continues_where_the_earlier_sets_stopped() -> None:
    script = load_script("build_outside7")
    assert script.OUTSIDE5_STAR == (104, 105, 106)
    assert script.OUTSIDE4_MTS == ("9", "14", "59", "37")
    assert script.OUTSIDE6_ACI == ("D2N082", "D2N083", "D2N084", "D2N086")
    assert set(script.OUTSIDE6_CASINO) == {796, 220, 240, 785, 721, 345, 964, 804}
    assert script.OUTSIDE6_ANNOMI == (2, 3, 10, 32)
    shipped = _shipped()
    earlier_star = script.OUTSIDE4_STAR + script.OUTSIDE5_STAR
    assert not shipped & {f"star-{n}" for n in earlier_star}
    assert not shipped & {f"star-{n}" for n in load_script("build_outside4").STAR_EXCLUDED}
    assert not shipped & {f"mts-valid-{n}" for n in script.OUTSIDE4_MTS}
    assert not shipped & {f"aci-{e.lower()}" for e in script.ACI_USED | set(script.OUTSIDE6_ACI)}
    casino = script.OUTSIDE4_CASINO + script.OUTSIDE5_CASINO + script.OUTSIDE6_CASINO
    assert not shipped & {f"casino-{n}" for n in casino}
    annomi = script.ANNOMI_USED | set(script.OUTSIDE5_ANNOMI) | set(script.OUTSIDE6_ANNOMI)
    assert not shipped & {f"annomi-{n}" for n in annomi}
