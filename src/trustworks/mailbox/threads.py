"""Group messages into threads by their Message-ID, In-Reply-To and References headers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from trustworks.mailbox.messages import Envelope

_EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Thread:
    """New messages of one thread, oldest first; `known` is the stored thread they join."""

    root: str  # the Message-ID the thread started from (maybe a message we never saw)
    messages: tuple[Envelope, ...]
    known: int | None  # the id of the thread already in the ledger, when there is one


def group_threads(envelopes: Sequence[Envelope], known: Mapping[str, int]) -> list[Thread]:
    """Threads of `envelopes`; `known` maps Message-IDs of stored messages to their thread.

    Two messages are in one thread when one names the other (or both name a third) in
    In-Reply-To or References; a new message joins a stored thread the same way.
    """
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        root = parent.setdefault(key, key)
        while root != parent[root]:
            root = parent[root]
        while parent[key] != root:  # path compression: long threads stay cheap
            parent[key], key = root, parent[key]
        return root

    for env in envelopes:
        mine = find(env.message_id)
        for ref in env.references:
            other = find(ref)
            if other != mine:
                parent[other] = mine
    groups: dict[str, list[Envelope]] = {}
    for env in envelopes:
        groups.setdefault(find(env.message_id), []).append(env)
    members: dict[str, list[str]] = {}
    for key in parent:
        members.setdefault(find(key), []).append(key)
    threads = []
    for key, found in groups.items():
        found.sort(key=lambda e: e.date or _EARLIEST)
        stored = sorted({known[m] for m in members[key] if m in known})
        first = found[0]
        root = first.references[0] if first.references else first.message_id
        threads.append(Thread(root, tuple(found), stored[0] if stored else None))
    threads.sort(key=lambda t: t.messages[0].date or _EARLIEST)
    return threads
