"""The report's charts and page are written, and the page embeds every chart."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tests.batch.test_aggregate import output  # noqa: F401  (the shared module fixture)
from trustworks.batch.aggregate import aggregate
from trustworks.batch.charts import write_report


def test_write_report_writes_png_svg_and_a_page(output: Path, tmp_path: Path) -> None:  # noqa: F811
    written = write_report(aggregate(output), tmp_path / "report")
    charts = written["charts"]
    assert {c.name for c in charts} == {
        f"{kind}-by-{by}"
        for kind in ("scores", "rates", "trend", "negative")
        for by in ("seller", "team")
    }
    for chart in charts:
        assert chart.png.read_bytes().startswith(b"\x89PNG")
        assert "<svg" in chart.svg.read_text(encoding="utf-8")
    page = written["html"].read_text(encoding="utf-8")
    assert page.count("<svg") == len(charts)
    assert "Dana" in page and "pounces_on_need" in page
    assert "uncertain inferred seller" not in page  # every seller there was given


def test_write_report_page_warns_of_uncertain_sellers(output: Path, tmp_path: Path) -> None:  # noqa: F811
    aggregates = dataclasses.replace(aggregate(output), uncertain_sellers=3)
    page = write_report(aggregates, tmp_path / "report")["html"].read_text(encoding="utf-8")
    assert "3 conversations with an uncertain inferred seller" in page
