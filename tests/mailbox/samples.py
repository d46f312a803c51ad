"""Mail for the sync tests: a seller (dana@ourco.example) writing with clients, as raw bytes."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime

DANA = "dana@ourco.example"
MARCUS = "marcus@northwind.example"
START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def message(
    ident: str,
    sender: str,
    to: str,
    body: str,
    *,
    subject: str = "Route planning",
    parent: str | None = None,
    references: tuple[str, ...] = (),
    minutes: int = 0,
    name: str | None = None,
) -> bytes:
    """One message; `parent` makes it a reply (In-Reply-To and References)."""
    names = {DANA: "Dana Whitfield", MARCUS: "Marcus Lee"}
    shown = name or names.get(sender, sender.split("@")[0].title())
    lines = [
        f"From: {shown} <{sender}>",
        f"To: {to}",
        f"Subject: {'Re: ' if parent else ''}{subject}",
        f"Date: {format_datetime(START + dt.timedelta(minutes=minutes))}",
        f"Message-ID: <{ident}>",
    ]
    if parent:
        lines.append(f"In-Reply-To: <{parent}>")
        refs = " ".join(f"<{r}>" for r in (*references, parent))
        lines.append(f"References: {refs}")
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body, ""]
    return "\r\n".join(lines).encode()


def thread(prefix: str, client: str, turns: int = 3, *, minutes: int = 0) -> list[bytes]:
    """A thread of `turns` messages between Dana and `client`, Dana writing first."""
    out: list[bytes] = []
    ids: list[str] = []
    for i in range(turns):
        ident = f"{prefix}.{i}@mail.example"
        ours = i % 2 == 0
        body = (
            "Thanks so much for your time! I will send you the proposal by Friday."
            if ours and i == 0
            else "What would make the pilot worth it for your drivers?"
            if ours
            else "We need fewer late deliveries. I will share the route data tomorrow."
        )
        out.append(
            message(
                ident,
                DANA if ours else client,
                client if ours else DANA,
                body,
                parent=ids[-1] if ids else None,
                references=tuple(ids[:-1]),
                minutes=minutes + i * 30,
            )
        )
        ids.append(ident)
    return out


UNPARSEABLE = (
    b"From: Marcus Lee <marcus@northwind.example>\r\nTo: dana@ourco.example\r\n"
    b"Subject: Scan\r\nMessage-ID: <scan.1@mail.example>\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
)


def mbox(messages: list[bytes]) -> bytes:
    """Messages as an mbox file (mboxrd: body lines starting "From " escaped)."""
    import re

    parts = []
    for raw in messages:
        body = re.sub(rb"(?m)^(>*From )", rb">\1", raw.replace(b"\r\n", b"\n"))
        parts.append(b"From sender@example Mon Nov  2 09:00:00 2026\n" + body + b"\n")
    return b"".join(parts)
