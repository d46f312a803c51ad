"""Aggregates of a batch output, per seller and per team.

- quantiles (10th, 25th, 50th, 75th, 90th) of each Trust Equation component and of trust;
- the most frequent negative signals (findings, and the share of conversations with one);
- the pouncing rate (share of conversations with at least one pounce on a need) and the
  price-dodge rate (dodged price questions over price questions answered or dodged; empty
  when the group met no price question);
- trends by month (conversations dated in the month, mean scores);
- how many conversations had an uncertain inferred seller (their scores may be the client's).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from trustworks.analysis.result import COMPONENTS
from trustworks.errors import BatchError

SCORES: tuple[str, ...] = (*COMPONENTS, "trust")
QUANTILES: tuple[float, ...] = (0.1, 0.25, 0.5, 0.75, 0.9)
NONE_LABEL = "(none)"
_CONVERSATION_COLUMNS = [
    "id", "seller", "team", "date", *SCORES, "pounces", "price_dodges", "price_answers",
]  # fmt: skip
_UNCERTAIN = "seller_uncertain"


@dataclass(frozen=True)
class GroupStats:
    """The aggregates of one grouping (by seller, or by team)."""

    by: str
    summary: pd.DataFrame  # one row per group: conversations, rates, median scores
    quantiles: pd.DataFrame  # group, score, then one column per quantile (p10 ... p90)
    negative: pd.DataFrame  # group, signal, findings, conversations, share (top per group)
    monthly: pd.DataFrame  # group, month (YYYY-MM), conversations, mean of each score

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready records."""
        return {
            "by": self.by,
            "summary": _records(self.summary),
            "quantiles": _records(self.quantiles),
            "negative": _records(self.negative),
            "monthly": _records(self.monthly),
        }


@dataclass(frozen=True)
class Aggregates:
    """Per-seller and per-team aggregates of one batch output."""

    output: str
    conversations: int
    negative_findings: int
    by_seller: GroupStats
    by_team: GroupStats
    uncertain_sellers: int = 0  # conversations whose inferred seller is a tie or unsure

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready records."""
        return {
            "output": self.output,
            "conversations": self.conversations,
            "negative_findings": self.negative_findings,
            "uncertain_sellers": self.uncertain_sellers,
            "by_seller": self.by_seller.to_dict(),
            "by_team": self.by_team.to_dict(),
        }


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    cleaned = frame.astype(object).where(frame.notna(), None)
    return [{str(k): v for k, v in row.items()} for row in cleaned.to_dict(orient="records")]


def load_tables(output: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The conversations (the columns aggregates need) and negative findings of an output."""
    out = Path(output)
    conv_dir, find_dir = out / "conversations", out / "findings"
    if not conv_dir.is_dir() or not find_dir.is_dir():
        raise BatchError(f"{out}: not a batch output (no conversations/ and findings/ tables)")
    columns = list(_CONVERSATION_COLUMNS)
    # Outputs written before the column existed have no seller_uncertain: count none there.
    parts = sorted(p for p in conv_dir.glob("*.parquet") if not p.name.startswith("."))
    if parts and _UNCERTAIN in pq.read_schema(parts[0]).names:
        columns.append(_UNCERTAIN)
    conversations = pd.read_parquet(conv_dir, columns=columns)
    findings = pd.read_parquet(
        find_dir,
        columns=["conversation_id", "seller", "team", "signal", "polarity"],
        filters=[("polarity", "<", 0)],
    )
    return conversations, findings


def group_stats(
    conversations: pd.DataFrame, negative: pd.DataFrame, by: str, top: int = 5
) -> GroupStats:
    """The aggregates of the conversations grouped by column `by` ("seller" or "team")."""
    conv = conversations.copy()
    conv["group"] = conv[by].fillna(NONE_LABEL)
    grouped = conv.groupby("group", sort=True)
    asked = grouped["price_dodges"].sum() + grouped["price_answers"].sum()
    summary = pd.DataFrame(
        {
            "conversations": grouped.size(),
            "pouncing_rate": grouped["pounces"].apply(lambda s: float((s > 0).mean())),
            "price_dodge_rate": (grouped["price_dodges"].sum() / asked.where(asked > 0)),
            **{f"median_{score}": grouped[score].median() for score in SCORES},
        }
    )
    summary = summary.sort_values("conversations", ascending=False, kind="stable")
    summary = summary.rename_axis(by).reset_index()

    q = grouped[list(SCORES)].quantile(list(QUANTILES))
    q.index = q.index.set_names(["group", "q"])
    quantiles = q.stack().unstack("q").reset_index()
    quantiles.columns = [by, "score", *(f"p{round(x * 100)}" for x in QUANTILES)]

    neg = negative.assign(group=negative[by].fillna(NONE_LABEL))
    counts = (
        neg.groupby(["group", "signal"])
        .agg(findings=("signal", "size"), conversations=("conversation_id", "nunique"))
        .reset_index()
    )
    counts["share"] = counts["conversations"] / counts["group"].map(grouped.size())
    counts = counts.sort_values(
        ["group", "findings", "signal"], ascending=[True, False, True], kind="stable"
    )
    top_neg = counts.groupby("group").head(top).rename(columns={"group": by})

    dated = conv.dropna(subset=["date"]).copy()
    dated["month"] = pd.to_datetime(dated["date"]).dt.strftime("%Y-%m")
    monthly = (
        dated.groupby(["group", "month"])
        .agg(conversations=("id", "size"), **{score: (score, "mean") for score in SCORES})
        .reset_index()
        .rename(columns={"group": by})
    )
    return GroupStats(by, summary, quantiles, top_neg.reset_index(drop=True), monthly)


def aggregate(output: str | Path, top: int = 5) -> Aggregates:
    """Per-seller and per-team aggregates of the batch output in `output`."""
    conversations, negative = load_tables(output)
    return Aggregates(
        output=str(output),
        conversations=len(conversations),
        negative_findings=len(negative),
        uncertain_sellers=(
            int(conversations[_UNCERTAIN].fillna(False).astype(bool).sum())
            if _UNCERTAIN in conversations
            else 0
        ),
        by_seller=group_stats(conversations, negative, "seller", top),
        by_team=group_stats(conversations, negative, "team", top),
    )
