"""The CLI starts without loading heavy libraries; its copied help values match their owners.

No timing is asserted here (bench/startup.py measures it): what is checked is which modules a
fresh interpreter has loaded, which does not depend on how busy the machine is.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.core import TyperGroup
from typer.testing import CliRunner

from trustworks.cli import app, choices
from trustworks.ledger.database import open_ledger

# Libraries that cost a tenth of a second or more to import, and that no `--help` needs.
HEAVY = (
    "sklearn",
    "scipy",
    "pandas",
    "matplotlib",
    "fastapi",
    "starlette",
    "sqlalchemy",
    "alembic",
    "dask",
    "distributed",
    "pyarrow",
    "numpy",
    "tokenizers",
    "uvicorn",
    "httpx",
    "jinja2",
)

_LOADED = """
import json, sys
{code}
heavy = {heavy!r}
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy)))
"""


def _heavy_modules_after(code: str) -> list[str]:
    """The heavy modules a fresh interpreter holds after running `code`."""
    script = _LOADED.format(code=code, heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize(
    "module",
    [
        "trustworks.cli",
        "trustworks",
        "trustworks.analysis",  # numpy and tokenizers only once the semantic layer runs
        "trustworks.report",
        "trustworks.ingest",
        "trustworks.signals",
    ],
)
def test_startup_import_loads_no_heavy_module(module: str) -> None:
    assert _heavy_modules_after(f"import {module}") == []


def test_startup_building_every_command_loads_no_heavy_module() -> None:
    # What `trustworks --help` does: build the Click command of every group and command,
    # with every option (its help text and default) and argument.
    code = (
        "from trustworks.cli import app\n"
        "from typer.main import get_command\n"
        "def count(command):\n"
        "    subs = getattr(command, 'commands', {}).values()\n"
        "    return len(command.params) + sum(count(sub) for sub in subs)\n"
        "assert count(get_command(app)) > 100\n"
    )
    assert _heavy_modules_after(code) == []


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["ledger", "--help"],
        ["batch", "run", "--help"],
        ["serve", "--help"],
        ["analyze", "--help"],
        ["eval", "casino", "--help"],
    ],
)
def test_startup_help_loads_no_heavy_module(args: list[str]) -> None:
    code = (
        f"sys.argv = ['trustworks', *{args!r}]\n"
        "from trustworks.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
    )
    assert _heavy_modules_after(code) == []


def _check_code(draft: str) -> str:
    return (
        f"sys.argv = ['trustworks', 'check', {draft!r}]\n"
        "from trustworks.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, 1, None), exc.code\n"
    )


def test_startup_check_of_a_greeting_loads_no_heavy_module() -> None:
    # "Hello" has no sentence of three words for the semantic layer to judge: numpy, the
    # tokenizer and the encoder's 15 MB are not loaded at all.
    assert _heavy_modules_after(_check_code("Hello")) == []


def test_startup_check_of_a_sentence_loads_only_the_semantic_layer() -> None:
    # A real draft runs the semantic layer (numpy, tokenizers); the ledger, the web app, Dask
    # and the plotting and data-frame libraries are never loaded.
    code = _check_code("I can see why the delay worries you and your team.")
    loaded = {m.split(".")[0] for m in _heavy_modules_after(code)}
    assert "numpy" in loaded
    assert loaded <= {"numpy", "tokenizers"}


# Each copy in trustworks.cli.choices and the value it copies.
OWNERS = [
    ("FORMATS", "trustworks.ingest", "FORMATS"),
    ("DEFAULT_MAX_BYTES", "trustworks.ingest", "DEFAULT_MAX_BYTES"),
    ("FAMILIES", "trustworks.signals", "FAMILIES"),
    ("DATABASE_ENV", "trustworks.ledger.database", "ENV_VAR"),
    ("LEDGER_KINDS", "trustworks.ledger.entities", "KINDS"),
    ("PURPOSES", "trustworks.ledger.entities", "PURPOSES"),
    ("ROLES", "trustworks.ledger.users", "ROLES"),
    ("RELATIONS", "trustworks.ledger.ratings", "RELATIONS"),
    ("BUILTIN_MAPPINGS", "trustworks.ledger.imports", "BUILTIN_MAPPINGS"),
    ("AUDIT_CHARTS", "trustworks.report.assessment_charts", "AUDIT_CHARTS"),
    ("SELF_CHARTS", "trustworks.report.assessment_charts", "SELF_CHARTS"),
    ("STORY_CHARTS", "trustworks.stories", "CHARTS"),
    ("SILENT_AFTER_DAYS", "trustworks.stories", "SILENT_AFTER_DAYS"),
    ("ATTRIBUTION_EVERY_DAYS", "trustworks.stories", "ATTRIBUTION_EVERY_DAYS"),
    ("PREDICTORS", "trustworks.evaluate", "PREDICTORS"),
    ("DEFAULT_MIN_CONFIDENCE", "trustworks.evaluate.outside", "DEFAULT_MIN_CONFIDENCE"),
    ("OUTSIDE_SETS", "trustworks.evaluate.outside", "SHIPPED_SETS"),
    ("DEFAULT_PARTITION_BYTES", "trustworks.batch.plan", "DEFAULT_PARTITION_BYTES"),
    ("DEFAULT_MAX_REQUEST_BYTES", "trustworks.web.settings", "DEFAULT_MAX_REQUEST_BYTES"),
]


@pytest.mark.parametrize(("copy", "module", "name"), OWNERS)
def test_startup_choices_match_their_owner(copy: str, module: str, name: str) -> None:
    owner = getattr(importlib.import_module(module), name)
    expected = tuple(owner) if isinstance(owner, dict) else owner
    assert getattr(choices, copy) == expected, f"update trustworks.cli.choices.{copy}"


def test_startup_every_choice_is_checked() -> None:
    public = {n for n in vars(choices) if n.isupper()}
    assert public == {copy for copy, _, _ in OWNERS}


def test_startup_web_worker_loads_no_chart_or_model_library() -> None:
    # Each `serve` worker imports the web app before it may answer; the pages draw inline SVG,
    # so matplotlib (file downloads) and numpy (an analysis) wait until a request needs them.
    loaded = {m.split(".")[0] for m in _heavy_modules_after("import trustworks.web.app")}
    assert not loaded & {"matplotlib", "numpy", "pandas", "dask", "sklearn", "scipy"}


def _modules_loaded_by(argv: list[str]) -> set[str]:
    """Every module a fresh interpreter has loaded after running ``argv`` through the CLI."""
    script = (
        "import io, json, sys, contextlib\n"
        f"sys.argv = {argv!r}\n"
        "from trustworks.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code in (0, None), exc.code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_startup_analyze_of_plain_text_loads_no_other_format_or_json_schema() -> None:
    # A plain-text call in the terminal report: the WebVTT and SRT libraries, the e-mail
    # reader and the JSON schema's pydantic models are for other inputs and outputs.
    example = str(Path(__file__).parents[2] / "examples" / "cut-short.txt")
    loaded = _modules_loaded_by(["trustworks", "analyze", example])
    assert "trustworks.ingest.plain" in loaded
    unwanted = {"webvtt", "srt", "trustworks.ingest.mail", "trustworks.report.schema"}
    assert not loaded & unwanted


@pytest.mark.parametrize(
    "args",
    [
        ["ledger", "add", "account", "name=Northwind"],
        ["ledger", "list", "account"],
        ["db", "check"],
    ],
)
def test_startup_a_ledger_command_loads_no_analysis(args: list[str], tmp_path: Path) -> None:
    # Adding, listing and checking rows need the tables and the database engine: the analysis
    # and the questionnaires (over a second of a core to import) are for commands that score.
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    open_ledger(url).close()
    loaded = _modules_loaded_by(["trustworks", *args, "--db", url])
    assert "trustworks.ledger.database" in loaded
    unwanted = {"trustworks.analysis", "trustworks.assess", "trustworks.signals"}
    assert not loaded & unwanted


def _top_level_names() -> list[str]:
    from trustworks.cli import _command_name

    names = [_command_name(c) for c in app.registered_commands]
    return names + [str(g.name) for g in app.registered_groups]


def test_startup_a_run_builds_only_the_command_it_names() -> None:
    # Typer builds the options of every command an app holds; a run needs one.
    from typer.main import get_command

    from trustworks.cli import app_for

    group = get_command(app_for(["check"]))
    assert isinstance(group, TyperGroup)
    assert [n for n, c in group.commands.items() if not c.hidden] == ["check"]
    ledger = get_command(app_for(["ledger"]))
    assert isinstance(ledger, TyperGroup)
    assert [n for n, c in ledger.commands.items() if not c.hidden] == ["ledger"]
    for whole in ([], ["--help"], ["no-such-command"], ["-"]):
        assert app_for(whole) is app


@pytest.mark.parametrize("name", _top_level_names())
def test_startup_each_command_reads_the_same_built_alone(name: str) -> None:
    from trustworks.cli import app_for

    runner = CliRunner()
    alone = runner.invoke(app_for([name]), [name, "--help"], prog_name="trustworks")
    whole = runner.invoke(app, [name, "--help"], prog_name="trustworks")
    assert alone.exit_code == whole.exit_code == 0, alone.output
    assert alone.output == whole.output
    wrong = runner.invoke(app_for([name]), [name, "--no-such-option"], prog_name="trustworks")
    assert wrong.exit_code == 2
    assert wrong.output == runner.invoke(app, [name, "--no-such-option"]).output
