"""The validated catalogue kept in the cache folder: reused while nothing changed, never trusted
when something did, and never in the way when the folder is unusable."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from trustworks.errors import CatalogueError
from trustworks.signals import default_catalogue, loader
from trustworks.signals.schema import Signal

PACKAGED = Path(str(resources.files("trustworks.signals") / "catalogue"))


@pytest.fixture
def catalogue_dir(tmp_path: Path) -> Path:
    copy = tmp_path / "catalogue"
    shutil.copytree(PACKAGED, copy)
    return copy


def _no_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated although the cache was fresh")

    monkeypatch.setattr(Signal, "model_validate", refuse)


def test_catalogue_cache_reused_without_validating(
    catalogue_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = loader.cached_catalogue(catalogue_dir, cache)
    assert len(list(cache.glob("catalogue-*.pickle"))) == 1
    _no_validation(monkeypatch)
    second = loader.cached_catalogue(catalogue_dir, cache)
    assert second.signals == first.signals and second.cues == first.cues
    assert second.fragments == first.fragments and dict(first.fragments)["harm"]
    assert second.signal("thanks_for_your_time") == first.signal("thanks_for_your_time")


def test_catalogue_cache_a_changed_file_is_validated_again(
    catalogue_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    loader.cached_catalogue(catalogue_dir, cache)
    price = catalogue_dir / "price.toml"
    price.write_text(
        price.read_text(encoding="utf-8").replace("patterns = [", 'patterns = ["(unclosed", ', 1),
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="does not compile"):
        loader.cached_catalogue(catalogue_dir, cache)


def test_catalogue_cache_only_the_newest_copy_is_kept(catalogue_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    loader.cached_catalogue(catalogue_dir, cache)
    cues = catalogue_dir / "cues.toml"
    cues.write_text(cues.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    loader.cached_catalogue(catalogue_dir, cache)
    kept = list(cache.iterdir())
    assert [p.name for p in kept] == [f"catalogue-{loader.catalogue_key(catalogue_dir)}.pickle"]


def test_catalogue_cache_damaged_copy_is_replaced(catalogue_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    damaged = cache / f"catalogue-{loader.catalogue_key(catalogue_dir)}.pickle"
    damaged.write_bytes(b"not a pickle")
    found = loader.cached_catalogue(catalogue_dir, cache)
    assert found.signal("thanks_for_your_time").family == "customer_as_master"
    assert damaged.read_bytes() != b"not a pickle"


def test_catalogue_cache_unusable_folder_still_loads(catalogue_dir: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    found = loader.cached_catalogue(catalogue_dir, blocked / "cache")
    assert len(found) == len(default_catalogue())
    assert not list(tmp_path.glob("**/.catalogue-*.tmp"))


def test_catalogue_cache_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(loader.CACHE_ENV, "")
    assert loader._cache_dir() is None  # empty: no cache at all
    monkeypatch.setenv(loader.CACHE_ENV, "/somewhere")
    assert loader._cache_dir() == Path("/somewhere")
