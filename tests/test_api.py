"""The public API stays curated and complete; commands and signals stay documented."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest

from trustworks.cli import app

ROOT = Path(__file__).parents[1]
PACKAGES = [
    "trustworks.learn",
    "trustworks.evaluate",
    "trustworks",
    "trustworks.analysis",
    "trustworks.assess",
    "trustworks.stories",
    "trustworks.signals",
    "trustworks.ingest",
    "trustworks.report",
    "trustworks.ledger",
    "trustworks.mailbox",
    "trustworks.web",
]


@pytest.mark.parametrize("name", PACKAGES)
def test_api_all_names_exist(name: str) -> None:
    module = importlib.import_module(name)
    for item in module.__all__:
        assert hasattr(module, item), f"{name}.__all__ names missing {item}"


@pytest.mark.parametrize("name", PACKAGES)
def test_api_all_is_complete(name: str) -> None:
    module = importlib.import_module(name)
    public = {
        n
        for n, v in vars(module).items()
        if not n.startswith("_")
        and (inspect.isclass(v) or inspect.isfunction(v))
        and getattr(v, "__module__", "").startswith(name)
    }
    assert public <= set(module.__all__), f"{name} exports {public - set(module.__all__)} unlisted"


def test_api_every_cli_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [str(command.name) for command in app.registered_commands]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        commands += [f"{group.name} {c.name}" for c in group.typer_instance.registered_commands]
    for command in commands:
        assert f"trustworks {command}" in readme, f"README does not document `{command}`"


def test_api_core_imports_nothing_from_shells() -> None:
    for package in ("conversation.py", "signals", "analysis", "ingest"):
        for path in (
            (ROOT / "src" / "trustworks").joinpath(package).rglob("*.py")
            if (ROOT / "src" / "trustworks" / package).is_dir()
            else [ROOT / "src" / "trustworks" / package]
        ):
            source = path.read_text(encoding="utf-8")
            for shell in (
                "trustworks.cli",
                "trustworks.report",
                "typer",
                "rich",
                "sqlalchemy",
                "dask",
            ):
                assert f"import {shell}" not in source and f"from {shell}" not in source, (
                    path,
                    shell,
                )
