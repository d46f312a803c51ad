"""The fourth outside set was picked by its script's rule (what every later set shares is in
test_outside_later.py)."""

from __future__ import annotations

from tests.evaluate.scripts import load_script


def test_outside4_picks_avoid_the_other_sets_and_the_holdouts() -> None:
    script = load_script("build_outside4")
    assert {241, 271, 607, 1654, 2147, 1, 5} <= script.STAR_EXCLUDED
    assert {"D2N069", "D2N072", "D2N079"} <= script.ACI_EXCLUDED
    holdouts = {1026, 299, 30, 338, 350, 395, 451, 520, 550, 690, 723, 766, 87, 953}
    holdouts |= {228, 250, 262, 301, 343, 35, 351, 447, 571, 645, 760, 778}
    assert holdouts <= script.EXCLUDED
