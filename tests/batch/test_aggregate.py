"""Aggregates per seller and per team, on an archive whose answers are known."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.conftest import call, write_jsonl
from trustworks.batch.aggregate import NONE_LABEL, aggregate
from trustworks.batch.manifest import BatchSettings
from trustworks.batch.plan import plan
from trustworks.batch.work import make_dirs, run_partition
from trustworks.errors import BatchError

POUNCE = "Our platform fixes exactly that, let me show you the dashboard."
ASK = "What have you tried so far?"
NEED = "We keep losing drivers to the competition."


def _price(seller: str, answer: str) -> str:
    return f"Ada: How much does it cost?\n{seller}: {answer}\n"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Dana pounces in 1 of 4 calls and dodges 1 of 2 price questions; Ryan pounces in both."""
    root = tmp_path_factory.mktemp("agg")
    rows = [
        {"id": "d1", "seller": "Dana", "team": "North", "date": "2026-01-05",
         "text": call("Dana", "Ada", NEED, POUNCE) + _price("Dana", "It is 40 dollars a seat.")},
        {"id": "d2", "seller": "Dana", "team": "North", "date": "2026-01-20",
         "text": call("Dana", "Ada", NEED, ASK) + _price("Dana", "Let's talk about value first.")},
        {"id": "d3", "seller": "Dana", "team": "North", "date": "2026-02-03",
         "text": call("Dana", "Ada", NEED, ASK)},
        {"id": "d4", "seller": "Dana", "text": call("Dana", "Ada", NEED, ASK)},
        {"id": "r1", "seller": "Ryan", "team": "South", "date": "2026-02-11",
         "text": call("Ryan", "Ada", NEED, POUNCE)},
        {"id": "r2", "seller": "Ryan", "team": "South", "date": "2026-02-12",
         "text": call("Ryan", "Ada", NEED, POUNCE)},
    ]  # fmt: skip
    path = write_jsonl(root / "calls.jsonl", rows)
    out = root / "out"
    make_dirs(out)
    for partition in plan([path], partition_bytes=300):
        run_partition(partition, BatchSettings(), str(out))
    return out


def test_aggregate_rates_per_seller(output: Path) -> None:
    summary = aggregate(output).by_seller.summary.set_index("seller")
    assert summary.loc["Dana", "conversations"] == 4
    assert summary.loc["Dana", "pouncing_rate"] == pytest.approx(0.25)
    assert summary.loc["Dana", "price_dodge_rate"] == pytest.approx(0.5)
    assert summary.loc["Ryan", "pouncing_rate"] == pytest.approx(1.0)
    assert summary["price_dodge_rate"].isna().loc["Ryan"]  # no price question: no rate
    assert list(summary.index) == ["Dana", "Ryan"]  # most conversations first


def test_aggregate_teams_include_the_undeclared(output: Path) -> None:
    teams = aggregate(output).by_team.summary.set_index("team")
    assert teams["conversations"].to_dict() == {"North": 3, "South": 2, NONE_LABEL: 1}


def test_aggregate_quantiles_are_ordered_and_bounded(output: Path) -> None:
    stats = aggregate(output).by_seller
    q = stats.quantiles
    assert set(q["score"]) == {
        "credibility",
        "reliability",
        "intimacy",
        "self_orientation",
        "trust",
    }
    assert (q["p10"] <= q["p25"]).all() and (q["p25"] <= q["p50"]).all()
    assert (q["p50"] <= q["p75"]).all() and (q["p75"] <= q["p90"]).all()
    ryan = q[(q["seller"] == "Ryan") & (q["score"] == "trust")].iloc[0]
    assert ryan["p10"] == ryan["p90"]  # two identical calls


def test_aggregate_negative_signals_and_monthly_trend(output: Path) -> None:
    stats = aggregate(output, top=2).by_seller
    ryan = stats.negative[stats.negative["seller"] == "Ryan"]
    assert ryan.iloc[0]["signal"] == "pounces_on_need"
    assert (ryan.iloc[0]["findings"], ryan.iloc[0]["share"]) == (2, 1.0)
    assert len(stats.negative[stats.negative["seller"] == "Dana"]) <= 2
    months = stats.monthly.set_index(["seller", "month"])["conversations"].to_dict()
    assert months == {("Dana", "2026-01"): 2, ("Dana", "2026-02"): 1, ("Ryan", "2026-02"): 2}


def test_aggregate_to_dict_is_json_ready(output: Path) -> None:
    import json

    data = json.loads(json.dumps(aggregate(output).to_dict()))
    assert data["conversations"] == 6
    ryan = next(r for r in data["by_seller"]["summary"] if r["seller"] == "Ryan")
    assert ryan["price_dodge_rate"] is None


def test_aggregate_refuses_a_directory_that_is_not_an_output(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="not a batch output"):
        aggregate(tmp_path)


def test_aggregate_counts_uncertain_inferred_sellers(tmp_path: Path) -> None:
    thanks = "Thanks so much for your time."
    rows = [
        {"id": "given", "seller": "Dana", "text": f"Dana: {thanks}\nAda: Hi.\n"},
        {"id": "tie", "text": f"Ana: {thanks}\nBen: {thanks}\n"},
        {"id": "labels", "text": f"Agent: {thanks}\nCustomer: My order is late.\n"},
    ]
    path = write_jsonl(tmp_path / "calls.jsonl", rows)
    out = tmp_path / "out"
    make_dirs(out)
    for partition in plan([path], partition_bytes=10_000):
        run_partition(partition, BatchSettings(), str(out))
    aggregates = aggregate(out)
    assert aggregates.uncertain_sellers == 1
    assert aggregates.to_dict()["uncertain_sellers"] == 1
