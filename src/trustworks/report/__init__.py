"""Reports of an analysis: versioned JSON, a Rich terminal report, and Markdown."""

from __future__ import annotations

from trustworks.report.document import to_document, to_json
from trustworks.report.markdown import render_markdown
from trustworks.report.schema import SCHEMA_VERSION, AnalysisDocument
from trustworks.report.sparkline import sparkline
from trustworks.report.text import render_text

__all__ = [
    "SCHEMA_VERSION",
    "AnalysisDocument",
    "render_markdown",
    "render_text",
    "sparkline",
    "to_document",
    "to_json",
]
