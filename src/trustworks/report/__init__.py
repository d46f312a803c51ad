"""Reports of an analysis: versioned JSON, a Rich terminal report, and Markdown.

Names are imported from their module on first use: the terminal report needs neither the JSON
schema's pydantic models nor the Markdown writer, and a short command feels each import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trustworks.lazy import attribute_getter

# Imported now: its module has the function's name, and the function must win.
from trustworks.report.sparkline import sparkline

if TYPE_CHECKING:
    from trustworks.report.document import to_document, to_json
    from trustworks.report.markdown import render_markdown
    from trustworks.report.schema import SCHEMA_VERSION, AnalysisDocument
    from trustworks.report.text import render_text

_MODULE = {
    "SCHEMA_VERSION": "schema",
    "AnalysisDocument": "schema",
    "render_markdown": "markdown",
    "render_text": "text",
    "to_document": "document",
    "to_json": "document",
}

__all__ = [
    "SCHEMA_VERSION",
    "AnalysisDocument",
    "render_markdown",
    "render_text",
    "sparkline",
    "to_document",
    "to_json",
]

__getattr__ = attribute_getter(__name__, _MODULE, globals())
