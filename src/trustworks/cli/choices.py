"""Values the commands' help text and defaults name, copied from the modules that own them.

Building the commands for `trustworks --help` must not load those modules: they bring
SQLAlchemy, Dask, matplotlib or FastAPI with them (STYLE rule 11), and even the core's
packages cost a tenth of a second each to import (pydantic models, the e-mail parser).
Each value below is a copy of the one named in its comment; tests/cli/test_startup.py fails
when a copy and its owner differ, so change both together.
"""

from __future__ import annotations

FORMATS: tuple[str, ...] = ("vtt", "srt", "plain", "json", "email")  # trustworks.ingest.FORMATS
DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # trustworks.ingest.DEFAULT_MAX_BYTES
FAMILIES: tuple[str, ...] = (  # trustworks.signals.FAMILIES
    "customer_as_master",
    "honest_self_interest",
    "self_orientation",
    "intimacy",
    "credibility",
    "reliability",
    "listening",
    "price",
    "pressure",
    "mutual_risk",
    "time_respect",
    "servant_outcome",
)
DATABASE_ENV = "TRUSTWORKS_DATABASE_URL"  # trustworks.ledger.database.ENV_VAR
LEDGER_KINDS: tuple[str, ...] = (  # the keys of trustworks.ledger.entities.KINDS
    "account",
    "person",
    "interaction",
    "reflection",
    "commitment",
    "risk",
    "goal",
    "introduction",
    "referral",
    "screening",
    "deal",
    "evidence",
    "transaction",
    "review",
)
PURPOSES: tuple[str, ...] = (  # trustworks.ledger.entities.PURPOSES
    "discovery",
    "follow_up",
    "proposal",
    "closing",
    "check_in",
    "other",
)
ROLES: tuple[str, ...] = ("seller", "manager", "admin")  # trustworks.ledger.users.ROLES
RELATIONS: tuple[str, ...] = ("client", "colleague")  # trustworks.ledger.ratings.RELATIONS
BUILTIN_MAPPINGS: tuple[str, ...] = (  # trustworks.ledger.imports.BUILTIN_MAPPINGS
    "hubspot",
    "salesforce",
    "trustworks",
)
AUDIT_CHARTS: tuple[str, ...] = ("items", "rounds")  # trustworks.report.assessment_charts
SELF_CHARTS: tuple[str, ...] = ("compare", "trend", "components")  # the same module
STORY_CHARTS: tuple[str, ...] = ("lessons", "revenue")  # trustworks.stories.CHARTS
SILENT_AFTER_DAYS = 14  # trustworks.stories.SILENT_AFTER_DAYS
ATTRIBUTION_EVERY_DAYS = 30  # trustworks.stories.ATTRIBUTION_EVERY_DAYS
PREDICTORS: tuple[str, ...] = (  # trustworks.evaluate.PREDICTORS
    "rules",
    "learned",
    "semantic",
    "trustworks",
    "baseline",
)
DEFAULT_MIN_CONFIDENCE = 0.5  # trustworks.evaluate.outside.DEFAULT_MIN_CONFIDENCE
OUTSIDE_SETS: tuple[str, ...] = (  # trustworks.evaluate.outside.SHIPPED_SETS
    "outside",
    "outside2",
    "outside3",
    "outside4",
    "outside5",
    "outside6",
    "outside7",
    "outside8",
    "outside9",
    "outside10",
    "outside11",
    "outside12",
    "outside13",
    "outside14",
    "outside15",
    "outside16",
)
DEFAULT_PARTITION_BYTES = 4 * 1024 * 1024  # trustworks.batch.plan.DEFAULT_PARTITION_BYTES
DEFAULT_MAX_REQUEST_BYTES = 5 * 1024 * 1024  # trustworks.web.settings
