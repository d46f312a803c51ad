"""Trustworks: see, turn by turn, where trust was built or spent in a sales conversation."""

from __future__ import annotations

from trustworks.conversation import Conversation, Role, Turn, conversation_from_pairs
from trustworks.errors import (
    CatalogueError,
    EncodingError,
    FormatError,
    InputError,
    InputTooLargeError,
    TrustworksError,
    UnknownSignalError,
)

__all__ = [
    "CatalogueError",
    "Conversation",
    "EncodingError",
    "FormatError",
    "InputError",
    "InputTooLargeError",
    "Role",
    "TrustworksError",
    "Turn",
    "UnknownSignalError",
    "conversation_from_pairs",
]
