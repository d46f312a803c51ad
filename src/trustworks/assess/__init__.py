"""Assessments: the organisation trust audit and the personal trust self-assessment.

from trustworks.assess import audit_questionnaire, score_audit
result = score_audit(audit_questionnaire(), {"non_competes": "nobody", ...})
print(result.score, [c.item for c in result.costliest()])

Storing answers and reading earlier rounds is `trustworks.ledger.assessments`.
"""

from __future__ import annotations

from trustworks.assess.audit import (
    AuditScore,
    ItemChange,
    ItemCost,
    ItemSpread,
    Respondent,
    Round,
    RoundComparison,
    Spread,
    compare_rounds,
    score_audit,
    score_round,
)
from trustworks.assess.questionnaire import (
    AuditItem,
    AuditOption,
    Questionnaire,
    SelfItem,
    SelfOption,
    audit_questionnaire,
    check_answers,
    load_questionnaire,
    read_answers,
    self_questionnaire,
)
from trustworks.assess.selfassess import (
    SELF_EVIDENCE,
    Gap,
    SelfComparison,
    compare_self,
    score_self,
)

__all__ = [
    "SELF_EVIDENCE",
    "AuditItem",
    "AuditOption",
    "AuditScore",
    "Gap",
    "ItemChange",
    "ItemCost",
    "ItemSpread",
    "Questionnaire",
    "Respondent",
    "Round",
    "RoundComparison",
    "SelfComparison",
    "SelfItem",
    "SelfOption",
    "Spread",
    "audit_questionnaire",
    "check_answers",
    "compare_rounds",
    "compare_self",
    "load_questionnaire",
    "read_answers",
    "score_audit",
    "score_round",
    "score_self",
    "self_questionnaire",
]
