"""The ninth outside set was picked by its script's rule (its files rebuild from the sources
byte for byte, and what every later set shares, in test_outside_later.py). Its figures are
measured, never tested here."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from tests.evaluate.scripts import load_script
from trustworks.evaluate.outside import load_annotations


def _folder() -> Path:
    return Path(str(resources.files("trustworks") / "evaluate" / "outside9"))


def _shipped() -> set[str]:
    return {item.id for item in load_annotations(_folder() / "annotations.toml").conversations}


def test_outside9_continues_where_the_earlier_sets_stopped() -> None:
    script = load_script("build_outside9")
    eighth = load_script("build_outside8")
    seventh = load_script("build_outside7")
    assert script.OUTSIDE8_STAR == (113, 115, 117, 118, 119)
    assert script.OUTSIDE8_ACI == ("D2N008", "D2N011", "D2N012")
    assert script.OUTSIDE8_MTS == ("62", "66", "71")
    assert script.OUTSIDE8_CASINO == (812, 698, 252, 658, 632)
    assert script.OUTSIDE8_ANNOMI == (6,)
    shipped = _shipped()
    eighth_ids = {
        item.id
        for item in load_annotations(
            _folder().parent / "outside8" / "annotations.toml"
        ).conversations
    }
    assert {f"star-{n}" for n in script.OUTSIDE8_STAR} <= eighth_ids
    assert {f"aci-{e.lower()}" for e in script.OUTSIDE8_ACI} <= eighth_ids
    assert {f"mts-valid-{n}" for n in script.OUTSIDE8_MTS} <= eighth_ids
    assert {f"casino-{n}" for n in script.OUTSIDE8_CASINO} <= eighth_ids
    assert {f"annomi-{n}" for n in script.OUTSIDE8_ANNOMI} <= eighth_ids
    assert not shipped & eighth_ids
    earlier_star = (
        seventh.OUTSIDE4_STAR + seventh.OUTSIDE5_STAR + eighth.OUTSIDE7_STAR + script.OUTSIDE8_STAR
    )
    assert not shipped & {f"star-{n}" for n in earlier_star}
    assert not shipped & {f"star-{n}" for n in load_script("build_outside4").STAR_EXCLUDED}
    mts = seventh.OUTSIDE4_MTS + eighth.OUTSIDE7_MTS + script.OUTSIDE8_MTS
    assert not shipped & {f"mts-valid-{n}" for n in mts}
    aci = (
        seventh.ACI_USED
        | set(seventh.OUTSIDE6_ACI)
        | set(eighth.OUTSIDE7_ACI)
        | set(script.OUTSIDE8_ACI)
    )
    assert not shipped & {f"aci-{e.lower()}" for e in aci}
    casino = (
        seventh.OUTSIDE4_CASINO
        + seventh.OUTSIDE5_CASINO
        + seventh.OUTSIDE6_CASINO
        + eighth.OUTSIDE7_CASINO
        + script.OUTSIDE8_CASINO
    )
    assert not shipped & {f"casino-{n}" for n in casino}
    annomi = (
        seventh.ANNOMI_USED
        | set(seventh.OUTSIDE5_ANNOMI)
        | set(seventh.OUTSIDE6_ANNOMI)
        | set(eighth.OUTSIDE7_ANNOMI)
        | set(script.OUTSIDE8_ANNOMI)
    )
    assert not shipped & {f"annomi-{n}" for n in annomi}
