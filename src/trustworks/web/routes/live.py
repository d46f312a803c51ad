"""The live trust meter: a page, and a WebSocket that takes turns as they happen.

Protocol (JSON text messages): the client may first send {"type": "start", "seller": [...]},
then any number of {"type": "turn", "speaker": "...", "text": "...", "start": 1.5, "end": 4}.
The server answers each turn with {"type": "update", ...}: the scores and the new findings.
A bad message gets {"type": "error", "message": ...} and the connection stays open.
The socket is closed with 1008 (policy violation) once its session ends (sign-out, expiry,
the user switched off): checked before each message and every `live_check_seconds`.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from trustworks.analysis import LiveAnalyzer, LiveUpdate
from trustworks.web.analysing import AnalysisGate, gate_of
from trustworks.web.auth import (
    POLICY_VIOLATION,
    Caller,
    form_caller,
    live_session,
    socket_still_signed_in,
    socket_token,
    watch_session,
)
from trustworks.web.errors import AnalysisBusyError

router = APIRouter()
# A spoken turn of 10,000 characters is a monologue of ten minutes or more; a longer one is
# almost surely not a turn, and would cost the other users of this worker its analysis time.
MAX_TURN_CHARS = 10_000
MAX_MESSAGE_CHARS = 12_000
MAX_TURNS = 20_000
# People speak a turn every few seconds; a script sending thousands of turns (or restarts, each
# a new analyzer) a second would take this worker from everyone else. Bursts (a transcript
# replayed) are allowed.
TURNS_PER_SECOND = 10.0
TURN_BURST = 30


class _Pace:
    """A token bucket: up to TURN_BURST messages at once, then TURNS_PER_SECOND."""

    def __init__(self) -> None:
        self.tokens = float(TURN_BURST)
        self.at = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(TURN_BURST, self.tokens + (now - self.at) * TURNS_PER_SECOND)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class StartIn(BaseModel):
    type: str = "start"
    seller: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(max_length=20)


class TurnIn(BaseModel):
    model_config = ConfigDict(allow_inf_nan=False)

    type: str = "turn"
    speaker: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=MAX_TURN_CHARS)
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
    user = _allowed(socket)
    if user is None:
        await socket.close(code=4401, reason="sign in first")
        return
    gate = gate_of(socket.app.state)
    token = socket_token(socket) or ""
    every = socket.app.state.settings.live_check_seconds
    watcher: asyncio.Task[None] | None = None
    try:
        with gate.live(user):
            await socket.accept()
            watcher = asyncio.create_task(watch_session(socket, token, every))
            await _serve(socket, gate, token)
    except AnalysisBusyError as exc:
        await socket.close(code=4429, reason=str(exc)[:120])
    except WebSocketDisconnect:
        return
    finally:
        if watcher is not None:
            watcher.cancel()


async def _serve(socket: WebSocket, gate: AnalysisGate, token: str) -> None:
    # Building an analyzer may compile the catalogue (seconds, once a process): off the loop.
    analyzer = await run_in_threadpool(LiveAnalyzer, ())
    turns = 0
    pace = _Pace()
    while True:
        message = await socket.receive()
        if message["type"] == "websocket.disconnect":
            return
        if not await socket_still_signed_in(socket, token):
            await socket.close(code=POLICY_VIOLATION, reason="signed out")
            return
        raw = message.get("text")
        if raw is None:  # a binary frame
            await socket.send_text(json.dumps(_error("send JSON as text frames, not binary")))
            continue
        handled = _handle(raw, turns) if pace.take() else None
        if handled is None:
            reply = _error(
                f"too many messages: at most {TURNS_PER_SECOND:g} a second ({TURN_BURST} at "
                "once); this one was not read"
            )
        elif isinstance(handled, TurnIn):
            add = partial(
                analyzer.add, handled.speaker, handled.text, start=handled.start, end=handled.end
            )
            # One turn at a time per connection; a long one waits off the loop.
            reply = _update(await gate.turn(len(handled.text), add))
            turns += 1
        else:
            reply = handled
            if reply.get("type") == "started":
                analyzer = await run_in_threadpool(LiveAnalyzer, reply["seller"])
                turns = 0
        await socket.send_text(json.dumps(reply))


def _handle(raw: str, turns: int) -> dict[str, Any] | TurnIn:
    """The reply to a message, or the turn it carries (to be analysed)."""
    if len(raw) > MAX_MESSAGE_CHARS:
        return _error(
            f"message longer than {MAX_MESSAGE_CHARS:,} characters "
            f"(a turn's text may have {MAX_TURN_CHARS:,})"
        )
    try:
        message = json.loads(raw, parse_constant=_not_a_number, parse_float=_finite)
    except json.JSONDecodeError as exc:
        return _error(f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
    except ValueError as exc:
        return _error(str(exc))
    if not isinstance(message, dict):
        return _error("expected a JSON object")
    try:
        if message.get("type") == "start":
            return {"type": "started", "seller": StartIn.model_validate(message).seller}
        if message.get("type", "turn") == "turn":
            if turns >= MAX_TURNS:
                return _error(f"at most {MAX_TURNS:,} turns per connection; start again")
            return TurnIn.model_validate(message)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return _error(f"{where}: {first['msg']}")
    return _error(f"unknown message type {message.get('type')!r}: expected start or turn")


def _not_a_number(word: str) -> float:
    raise ValueError(f"{word} is not a number JSON allows")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:40]} is too large a number")
    return value


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


def _allowed(socket: WebSocket) -> str | None:
    """The signed-in caller's user name; a browser's cookie only counts from this site's own
    pages."""
    header = socket.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        origin = socket.headers.get("origin")
        host = socket.headers.get("host", "")
        # Another site's page could open a socket carrying our cookie: refuse foreign origins.
        if origin is not None and origin.split("://", 1)[-1] != host:
            return None
    token = socket_token(socket)
    if not token:
        return None
    with socket.app.state.ledger.reading() as session:
        found = live_session(socket.app, session, token)
        return None if found is None else found.username
