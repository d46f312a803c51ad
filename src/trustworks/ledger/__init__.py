"""The relationship ledger: a client-centric CRM on SQLite (default) or PostgreSQL.

from trustworks.ledger import open_ledger, add, alerts
ledger = open_ledger()                      # creates or upgrades the schema
with ledger.session() as session:           # one transaction
    add(session, "account", {"name": "Northwind", "owner": "Dana"})
    print(alerts(session, datetime.date.today()))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trustworks.lazy import attribute_getter

# Imported now: these modules have the functions' names, and the functions must win (a module
# imported later would otherwise take the name); they need only the tables.
from trustworks.ledger.client_view import ClientView, client_view
from trustworks.ledger.pipeline import DealCard, Pipeline, move_stage, pipeline, stage_history

# Names are imported from their module on first use. A command that adds a row or checks the
# database needs the tables and the engine only; importing every module here loaded the
# analysis and the questionnaires as well (through the self-assessments), over a second of a
# core at every start of such a command.
if TYPE_CHECKING:
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
    from trustworks.ledger.repository import add, as_dict, edit, find_account, get, remove, rows
    from trustworks.ledger.rules import Alert, SellerReliability, alerts, reliability
    from trustworks.ledger.search import SearchHit, SearchPage
    from trustworks.ledger.today import DayReview, daily_review, record_review
    from trustworks.ledger.trends import SellerTrend, seller_trends

_MODULE = {
    "add": "repository",
    "Alert": "rules",
    "alerts": "rules",
    "answer_campaign": "campaigns",
    "as_dict": "repository",
    "AuditReport": "assessments",
    "campaign_report": "campaigns",
    "CampaignReport": "campaigns",
    "confirm_commitment": "log",
    "create_campaign": "campaigns",
    "daily_review": "today",
    "database_url": "database",
    "DayReview": "today",
    "dismiss_commitment": "log",
    "edit": "repository",
    "export_csv": "export",
    "export_json": "export",
    "find_account": "repository",
    "get": "repository",
    "import_file": "imports",
    "ImportReport": "imports",
    "Kind": "entities",
    "kind": "entities",
    "KINDS": "entities",
    "Ledger": "database",
    "load_mapping": "imports",
    "log_conversation": "log",
    "Logged": "log",
    "measured_scores": "assessments",
    "open_ledger": "database",
    "proposed_commitments": "log",
    "record_review": "today",
    "record_self_assessment": "assessments",
    "reliability": "rules",
    "remove": "repository",
    "resolve_due": "due_dates",
    "restore": "export",
    "rows": "repository",
    "SearchHit": "search",
    "SearchPage": "search",
    "self_report": "assessments",
    "SelfReport": "assessments",
    "seller_trends": "trends",
    "SellerReliability": "rules",
    "SellerTrend": "trends",
}

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

__getattr__ = attribute_getter(__name__, _MODULE, globals())
