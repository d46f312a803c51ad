"""The manifest: a new output gets one; a resume must match it."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustworks.batch.manifest import (
    MANIFEST_FILE,
    BatchSettings,
    Manifest,
    catalogue_fingerprint,
    check_or_write,
    differences,
)
from trustworks.errors import BatchError
from trustworks.signals import default_catalogue


def _manifest(**changes: object) -> Manifest:
    fields: dict[str, object] = {
        "settings": BatchSettings(),
        "inputs": ["calls/"],
        "inputs_fingerprint": "abc",
        "catalogue": "cat",
        "partitions": 3,
    }
    fields.update(changes)
    return Manifest(**fields)  # type: ignore[arg-type]


def test_manifest_round_trips_through_json() -> None:
    manifest = _manifest(settings=BatchSettings(seller=("Dana",), team="North", learned=True))
    assert Manifest.from_json(manifest.to_json()) == manifest


@pytest.mark.parametrize(
    ("changed", "said"),
    [
        ({"inputs_fingerprint": "xyz"}, "the inputs"),
        ({"catalogue": "new"}, "the signal catalogue"),
        ({"settings": BatchSettings(seller=("Ryan",))}, "seller (() then, ('Ryan',) now)"),
        ({"settings": BatchSettings(partition_bytes=10)}, "partition_bytes"),
        ({"layout": 99}, "output layout"),
    ],
)
def test_differences_name_what_changed(changed: dict[str, object], said: str) -> None:
    found = differences(_manifest(), _manifest(**changed))
    assert len(found) == 1
    assert said in found[0]


def test_differences_ignore_how_inputs_were_typed() -> None:
    assert differences(_manifest(), _manifest(inputs=["./calls"], partitions=3)) == []


def test_check_or_write_creates_then_resumes_then_refuses(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert check_or_write(out, _manifest()) is False
    assert (out / MANIFEST_FILE).is_file()
    assert check_or_write(out, _manifest()) is True
    with pytest.raises(BatchError, match="different the signal catalogue"):
        check_or_write(out, _manifest(catalogue="other"))


def test_check_or_write_refuses_a_foreign_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(BatchError, match="not a batch output"):
        check_or_write(tmp_path, _manifest())
    (tmp_path / MANIFEST_FILE).write_text("{broken")
    with pytest.raises(BatchError, match="not a batch manifest"):
        check_or_write(tmp_path, _manifest())


def test_settings_token_changes_with_every_setting() -> None:
    tokens = {
        BatchSettings().token(),
        BatchSettings(seller=("A",)).token(),
        BatchSettings(team="t").token(),
        BatchSettings(learned=True).token(),
        BatchSettings(input_format="plain").token(),
    }
    assert len(tokens) == 5


def test_catalogue_fingerprint_is_stable() -> None:
    assert catalogue_fingerprint(default_catalogue()) == catalogue_fingerprint(default_catalogue())
