"""`trustworks batch run` and `trustworks batch report`, against a scheduler of this module's."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster
from typer.testing import CliRunner

from trustworks.cli import app
from trustworks.cli.batch import EXIT_QUARANTINED

EXAMPLES = Path(__file__).parents[2] / "examples"
runner = CliRunner()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A one-thread cluster in this process that the command connects to over TCP."""
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", dashboard_address=":0"
    ) as cluster:
        yield str(cluster.scheduler_address)


def _archive(tmp_path: Path, *, with_draft: bool = True) -> Path:
    archive = tmp_path / "archive"
    shutil.copytree(EXAMPLES, archive)
    (archive / "README.md").unlink()
    if not with_draft:
        (archive / "draft-email.txt").unlink()
    return archive


def test_batch_run_exits_3_and_names_the_quarantine(tmp_path: Path, scheduler: str) -> None:
    out = tmp_path / "out"
    args = ["batch", "run", str(_archive(tmp_path)), "-o", str(out), "--scheduler", scheduler]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == EXIT_QUARANTINED, result.output
    summary = json.loads(result.stdout)
    assert (summary["conversations"], summary["quarantined"]) == (7, 1)
    assert "quarantine.jsonl" in result.stderr
    (line,) = (out / "quarantine.jsonl").read_text().splitlines()
    assert json.loads(line)["source"].endswith("draft-email.txt")
    again = runner.invoke(app, args)
    assert again.exit_code == EXIT_QUARANTINED
    assert "already written (skipped)" in again.stdout


def test_batch_run_exits_0_on_a_clean_archive(tmp_path: Path, scheduler: str) -> None:
    archive = _archive(tmp_path, with_draft=False)
    result = runner.invoke(
        app, ["batch", "run", str(archive), "-o", str(tmp_path / "out"), "--scheduler", scheduler]
    )
    assert result.exit_code == 0, result.output
    assert "conversations" in result.stdout and "7" in result.stdout


def test_batch_run_refuses_a_mismatched_resume_in_one_line(tmp_path: Path, scheduler: str) -> None:
    archive, out = _archive(tmp_path, with_draft=False), tmp_path / "out"
    base = ["batch", "run", str(archive), "-o", str(out), "--scheduler", scheduler]
    assert runner.invoke(app, base).exit_code == 0
    result = runner.invoke(app, [*base, "--team", "North"])
    assert result.exit_code == 2
    assert "error:" in result.stderr and "different team" in result.stderr
    assert "Traceback" not in result.output


def test_batch_run_refuses_an_unknown_input_format(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["batch", "run", str(EXAMPLES), "-o", str(tmp_path), "--input-format", "docx"]
    )
    assert result.exit_code == 2


def test_batch_report_prints_tables_and_writes_charts(tmp_path: Path, scheduler: str) -> None:
    archive, out = _archive(tmp_path, with_draft=False), tmp_path / "out"
    runner.invoke(app, ["batch", "run", str(archive), "-o", str(out), "--scheduler", scheduler])
    result = runner.invoke(app, ["batch", "report", str(out), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "By seller" in result.stdout and "Dana Whitfield" in result.stdout
    assert (out / "report" / "index.html").is_file()
    assert (out / "report" / "scores-by-team.svg").is_file()
    data = json.loads(
        runner.invoke(app, ["batch", "report", str(out), "--json", "--no-charts"]).stdout
    )
    sellers = {row["seller"] for row in data["by_seller"]["summary"]}
    assert sellers == {"Dana Whitfield", "Ryan Cole", "Sam Okafor"}


def test_batch_report_refuses_a_directory_that_is_not_an_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", "report", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a batch output" in result.stderr


def test_batch_run_exits_4_when_a_partition_fails(
    tmp_path: Path, scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trustworks.batch.runner as runner_module

    def broken(partition, settings, output):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setattr(runner_module, "run_partition", broken)
    archive = _archive(tmp_path, with_draft=False)
    result = runner.invoke(
        app, ["batch", "run", str(archive), "-o", str(tmp_path / "out"), "--scheduler", scheduler]
    )
    assert result.exit_code == 4
    assert "partition failed" in result.stderr and "disk full" in result.stderr
    assert "Re-run the same command" in result.stderr


def test_batch_report_says_how_many_sellers_were_uncertain(tmp_path: Path, scheduler: str) -> None:
    archive = tmp_path / "calls"
    archive.mkdir()
    thanks = "Thanks so much for your time."
    (archive / "tie.txt").write_text(f"Ana: {thanks}\nBen: {thanks}\n", encoding="utf-8")
    (archive / "sure.txt").write_text(
        f"Agent: {thanks}\nCustomer: My order still hasn't arrived.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    runner.invoke(app, ["batch", "run", str(archive), "-o", str(out), "--scheduler", scheduler])
    result = runner.invoke(app, ["batch", "report", str(out), "--no-charts"])
    assert result.exit_code == 0, result.output
    assert "1 conversation with an uncertain inferred seller" in result.stdout
    assert "seller_uncertain" in result.stdout
