"""The blind holdout set ships and loads; its figures are measured, never tested here."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from trustworks.conversation import fold_name
from trustworks.evaluate.outside import load_annotations


def test_holdout_packaged_set_loads_with_every_moment_on_a_judged_turn() -> None:
    folder = resources.files("trustworks") / "evaluate" / "holdout"
    packaged = load_annotations(Path(str(folder / "annotations.toml")))
    assert 12 <= len(packaged.conversations) <= 20
    assert packaged.moments > 0
    shipped = {f.name for f in (folder / "conversations").iterdir() if f.name.endswith(".json")}
    assert shipped == {item.file for item in packaged.conversations}
    for item in packaged.conversations:
        turns = item.conversation.turns
        assert 10 <= len(turns) <= 40, item.id
        sellers = {fold_name(s) for s in item.seller}
        for moment in item.moments:
            assert 0 <= moment.turn < len(turns), (item.id, moment.turn)
            assert fold_name(turns[moment.turn].speaker) in sellers, (item.id, moment.turn)
