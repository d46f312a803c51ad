"""The relationship ledger: a client-centric CRM on SQLite (default) or PostgreSQL.

from trustworks.ledger import open_ledger, add, alerts
ledger = open_ledger()                      # creates or upgrades the schema
with ledger.session() as session:           # one transaction
    add(session, "account", {"name": "Northwind", "owner": "Dana"})
    print(alerts(session, datetime.date.today()))
"""

from __future__ import annotations

from trustworks.ledger.assessments import (
    AuditReport,
    SelfReport,
    measured_scores,
    record_self_assessment,
    self_report,
)
from trustworks.ledger.campaigns import (
    CampaignReport,
    answer_campaign,
    campaign_report,
    create_campaign,
)
from trustworks.ledger.client_view import ClientView, client_view
from trustworks.ledger.database import Ledger, database_url, open_ledger
from trustworks.ledger.due_dates import resolve_due
from trustworks.ledger.entities import KINDS, Kind, kind
from trustworks.ledger.export import export_csv, export_json, restore
from trustworks.ledger.imports import ImportReport, import_file, load_mapping
from trustworks.ledger.log import (
    Logged,
    confirm_commitment,
    dismiss_commitment,
    log_conversation,
    proposed_commitments,
)
from trustworks.ledger.pipeline import DealCard, Pipeline, move_stage, pipeline, stage_history
from trustworks.ledger.repository import add, as_dict, edit, find_account, get, remove, rows
from trustworks.ledger.rules import Alert, SellerReliability, alerts, reliability
from trustworks.ledger.search import SearchHit, SearchPage
from trustworks.ledger.today import DayReview, daily_review, record_review
from trustworks.ledger.trends import SellerTrend, seller_trends

__all__ = [
    "KINDS",
    "Alert",
    "AuditReport",
    "CampaignReport",
    "ClientView",
    "DayReview",
    "DealCard",
    "ImportReport",
    "Kind",
    "Ledger",
    "Logged",
    "Pipeline",
    "SearchHit",
    "SearchPage",
    "SelfReport",
    "SellerReliability",
    "SellerTrend",
    "add",
    "alerts",
    "answer_campaign",
    "as_dict",
    "campaign_report",
    "client_view",
    "confirm_commitment",
    "create_campaign",
    "daily_review",
    "database_url",
    "dismiss_commitment",
    "edit",
    "export_csv",
    "export_json",
    "find_account",
    "get",
    "import_file",
    "kind",
    "load_mapping",
    "log_conversation",
    "measured_scores",
    "move_stage",
    "open_ledger",
    "pipeline",
    "proposed_commitments",
    "record_review",
    "record_self_assessment",
    "reliability",
    "remove",
    "resolve_due",
    "restore",
    "rows",
    "self_report",
    "seller_trends",
    "stage_history",
]
