"""The eighth outside set was picked by its script's rule (its files rebuild from the sources
byte for byte, and what every later set shares, in test_outside_later.py). Its figures are
measured, never tested here."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from tests.evaluate.scripts import load_script
from trustworks.evaluate.outside import load_annotations


def _folder() -> Path:
    return Path(str(resources.files("trustworks") / "evaluate" / "outside8"))


def _shipped() -> set[str]:
    return {item.id for item in load_annotations(_folder() / "annotations.toml").conversations}


def test_outside8_continues_where_the_earlier_sets_stopped() -> None:
    script = load_script("build_outside8")
    seventh = load_script("build_outside7")
    assert script.OUTSIDE7_STAR == (107, 108, 109, 111, 112)
    assert script.OUTSIDE7_ACI == ("D2N005", "D2N006", "D2N007")
    assert script.OUTSIDE7_MTS == ("81", "0", "13")
    assert script.OUTSIDE7_CASINO == (763, 917, 224, 244, 339)
    assert script.OUTSIDE7_ANNOMI == (4, 92)
    shipped = _shipped()
    seventh_ids = {
        item.id
        for item in load_annotations(
            _folder().parent / "outside7" / "annotations.toml"
        ).conversations
    }
    assert {f"star-{n}" for n in script.OUTSIDE7_STAR} <= seventh_ids
    assert {f"aci-{e.lower()}" for e in script.OUTSIDE7_ACI} <= seventh_ids
    assert {f"mts-valid-{n}" for n in script.OUTSIDE7_MTS} <= seventh_ids
    assert {f"casino-{n}" for n in script.OUTSIDE7_CASINO} <= seventh_ids
    assert {f"annomi-{n}" for n in script.OUTSIDE7_ANNOMI} <= seventh_ids
    assert not shipped & seventh_ids
    earlier_star = seventh.OUTSIDE4_STAR + seventh.OUTSIDE5_STAR + script.OUTSIDE7_STAR
    assert not shipped & {f"star-{n}" for n in earlier_star}
    assert not shipped & {f"star-{n}" for n in load_script("build_outside4").STAR_EXCLUDED}
    assert not shipped & {f"mts-valid-{n}" for n in seventh.OUTSIDE4_MTS}
    aci = seventh.ACI_USED | set(seventh.OUTSIDE6_ACI) | set(script.OUTSIDE7_ACI)
    assert not shipped & {f"aci-{e.lower()}" for e in aci}
    casino = (
        seventh.OUTSIDE4_CASINO
        + seventh.OUTSIDE5_CASINO
        + seventh.OUTSIDE6_CASINO
        + script.OUTSIDE7_CASINO
    )
    assert not shipped & {f"casino-{n}" for n in casino}
    annomi = (
        seventh.ANNOMI_USED
        | set(seventh.OUTSIDE5_ANNOMI)
        | set(seventh.OUTSIDE6_ANNOMI)
        | set(script.OUTSIDE7_ANNOMI)
    )
    assert not shipped & {f"annomi-{n}" for n in annomi}
