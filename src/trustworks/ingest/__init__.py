"""Read transcripts and e-mail into a Conversation: WebVTT, SRT, plain text, JSON, e-mail.

>>> from trustworks.ingest import parse
>>> parse("Jane: Hello\\nBob: Hi there").speakers()
['Jane', 'Bob']
"""

from __future__ import annotations

from trustworks.ingest.decode import decode_text
from trustworks.ingest.detect import detect_format
from trustworks.ingest.loader import FORMATS, load, parse
from trustworks.ingest.read import DEFAULT_MAX_BYTES, read_source

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "decode_text",
    "detect_format",
    "load",
    "parse",
    "read_source",
]
