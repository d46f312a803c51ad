"""The live trust meter: a page, and a WebSocket that takes turns as they happen.

Protocol (JSON text messages): the client may first send {"type": "start", "seller": [...]},
then any number of {"type": "turn", "speaker": "...", "text": "...", "start": 1.5, "end": 4}.
The server answers each turn with {"type": "update", ...}: the scores and the new findings.
A bad message gets {"type": "error", "message": ...} and the connection stays open.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import Response
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from trustworks.analysis import LiveAnalyzer, LiveUpdate
from trustworks.ledger.users import signed_in
from trustworks.web.auth import SESSION_COOKIE, Caller, form_caller

router = APIRouter()
MAX_MESSAGE_CHARS = 64_000
MAX_TURNS = 20_000


class StartIn(BaseModel):
    type: str = "start"
    seller: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(max_length=20)


class TurnIn(BaseModel):
    type: str = "turn"
    speaker: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)
    start: float | None = Field(None, ge=0)
    end: float | None = Field(None, ge=0)


@router.get("/live", include_in_schema=False)
def live_page(request: Request, who: Annotated[Caller, Depends(form_caller)]) -> Response:
    response: Response = request.app.state.templates.TemplateResponse(
        request, "live.html", {"user": who, "csrf_token": who.csrf_token}
    )
    return response


@router.websocket("/live/ws")
async def live_socket(socket: WebSocket) -> None:
    """Stream turns in, get the live meter out (see the module docstring for the protocol)."""
    if not _allowed(socket):
        await socket.close(code=4401, reason="sign in first")
        return
    await socket.accept()
    # Building an analyzer may compile the catalogue (seconds, once a process): off the loop.
    analyzer = await run_in_threadpool(LiveAnalyzer, ())
    turns = 0
    try:
        while True:
            raw = await socket.receive_text()
            reply = _handle(raw, analyzer, turns)
            if reply.get("type") == "started":
                analyzer = await run_in_threadpool(LiveAnalyzer, reply["seller"])
                turns = 0
            elif reply.get("type") == "update":
                turns += 1
            await socket.send_text(json.dumps(reply))
    except WebSocketDisconnect:
        return


def _handle(raw: str, analyzer: LiveAnalyzer, turns: int) -> dict[str, Any]:
    if len(raw) > MAX_MESSAGE_CHARS:
        return _error(f"message longer than {MAX_MESSAGE_CHARS:,} characters")
    try:
        message = json.loads(raw)
    except json.JSONDecodeError as exc:
        return _error(f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
    if not isinstance(message, dict):
        return _error("expected a JSON object")
    try:
        if message.get("type") == "start":
            return {"type": "started", "seller": StartIn.model_validate(message).seller}
        if message.get("type", "turn") == "turn":
            if turns >= MAX_TURNS:
                return _error(f"at most {MAX_TURNS:,} turns per connection; start again")
            turn = TurnIn.model_validate(message)
            return _update(analyzer.add(turn.speaker, turn.text, start=turn.start, end=turn.end))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return _error(f"{where}: {first['msg']}")
    return _error(f"unknown message type {message.get('type')!r}: expected start or turn")


def _update(update: LiveUpdate) -> dict[str, Any]:
    t = update.trust
    return {
        "type": "update",
        "turn": update.turn,
        "trust": {
            "trust": round(t.trust, 3),
            "credibility": round(t.credibility, 3),
            "reliability": round(t.reliability, 3),
            "intimacy": round(t.intimacy, 3),
            "self_orientation": round(t.self_orientation, 3),
        },
        "findings": [
            {
                "signal": f.signal,
                "polarity": f.polarity,
                "component": f.component,
                "speaker": f.speaker,
                "evidence": f.evidence,
                "coaching": f.coaching,
                "rewrite": f.rewrite,
            }
            for f in update.findings
        ],
        "commitments": [{"by": c.by, "what": c.what, "due": c.due} for c in update.commitments],
    }


def _error(message: str) -> dict[str, Any]:
    return {"type": "error", "message": message}


def _allowed(socket: WebSocket) -> bool:
    """A signed-in caller; a browser's cookie only counts from this site's own pages."""
    header = socket.headers.get("authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else None
    if token is None:
        token = socket.cookies.get(SESSION_COOKIE)
        origin = socket.headers.get("origin")
        host = socket.headers.get("host", "")
        # Another site's page could open a socket carrying our cookie: refuse foreign origins.
        if origin is not None and origin.split("://", 1)[-1] != host:
            return False
    if not token:
        return False
    with socket.app.state.ledger.session() as session:
        return signed_in(session, token) is not None
