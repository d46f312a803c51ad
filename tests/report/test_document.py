from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from tests.dialogue import run
from trustworks.report import to_json
from trustworks.report.schema import AnalysisDocument

SCHEMA_FILE = Path(__file__).parents[2] / "docs" / "schema" / "analysis-v1.schema.json"
DIALOGUE = """
Client: Honestly, churn has been creeping up all year. How much does it cost?
Seller: Thanks so much for your time. Our platform reduces churn by 30 percent.
Client: I'll check with our CFO by Monday.
"""


def test_document_published_schema_is_current() -> None:
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert published == AnalysisDocument.model_json_schema(), (
        "regenerate with: trustworks schema > docs/schema/analysis-v1.schema.json"
    )


def test_document_validates_against_published_schema() -> None:
    doc = json.loads(to_json([run(DIALOGUE)]))
    jsonschema.validate(doc, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert doc["schema_version"] == "1.3"
    assert doc["seller"] == "Seller" and doc["seller_inferred"] is False
    for key in ("turns", "findings", "metrics", "trust", "timeline", "commitments"):
        assert key in doc


def test_document_findings_point_at_their_words() -> None:
    doc = json.loads(to_json([run(DIALOGUE)]))
    assert doc["findings"]
    for finding in doc["findings"]:
        text = doc["turns"][finding["turn"]]["text"]
        assert text[finding["start"] : finding["end"]] == finding["evidence"]
        assert finding["evidence"] in text
    assert len(doc["timeline"]) == len(doc["turns"])
    assert doc["commitments"] == [
        {
            "by": "Client",
            "to": "Seller",
            "what": "check with our CFO",
            "due": "Monday",
            "turn": 2,
            "evidence": "I'll check with our CFO by Monday",
        }
    ]


def test_document_several_conversations_make_an_array() -> None:
    docs = json.loads(to_json([run(DIALOGUE), run(DIALOGUE)]))
    assert isinstance(docs, list) and len(docs) == 2
