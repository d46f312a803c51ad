"""The live meter's WebSocket: turns in, scores and findings out, bad messages answered."""

from __future__ import annotations

import json

import pytest
from starlette.websockets import WebSocketDisconnect

from tests.web.conftest import Site
from trustworks.analysis import LiveAnalyzer

TURNS = [
    ("Dana", "Thanks so much for your time today, I know you're busy."),
    ("Marcus", "We keep losing drivers to the competition."),
    ("Dana", "Our platform fixes that, let me show you the dashboard."),
]


def test_live_socket_streams_the_same_scores_as_the_live_analyzer(site: Site) -> None:
    client = site.api("dana")
    expected = LiveAnalyzer(["Dana"])
    with client.websocket_connect("/live/ws") as socket:
        socket.send_text(json.dumps({"type": "start", "seller": ["Dana"]}))
        assert socket.receive_json() == {"type": "started", "seller": ["Dana"]}
        for speaker, text in TURNS:
            socket.send_text(json.dumps({"type": "turn", "speaker": speaker, "text": text}))
            update = socket.receive_json()
            want = expected.add(speaker, text)
            assert update["type"] == "update"
            assert update["trust"]["trust"] == pytest.approx(want.trust.trust, abs=1e-3)
            assert [f["signal"] for f in update["findings"]] == [f.signal for f in want.findings]
    assert any(f.polarity < 0 for f in expected.result().findings)


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps({"type": "dance"}), "unknown message type"),
        (json.dumps({"type": "turn", "speaker": "", "text": "hi"}), "speaker"),
        (json.dumps({"type": "turn", "speaker": "Dana"}), "text"),
        (json.dumps({"type": "start", "seller": "Dana"}), "seller"),
        ("x" * 70_000, "longer than"),
    ],
)
def test_live_socket_answers_bad_messages_and_stays_open(
    site: Site, message: str, error: str
) -> None:
    with site.api("dana").websocket_connect("/live/ws") as socket:
        socket.send_text(message)
        reply = socket.receive_json()
        assert reply["type"] == "error"
        assert error in reply["message"]
        socket.send_text(json.dumps({"speaker": "Dana", "text": "What matters most to you?"}))
        assert socket.receive_json()["type"] == "update"


def test_live_socket_needs_a_signed_in_caller(site: Site) -> None:
    with (
        pytest.raises(WebSocketDisconnect) as info,
        site.browser().websocket_connect("/live/ws") as socket,
    ):
        socket.receive_text()
    assert info.value.code == 4401


def test_live_socket_refuses_a_foreign_page_carrying_the_cookie(site: Site) -> None:
    browser = site.browser("dana")
    with (
        pytest.raises(WebSocketDisconnect),
        browser.websocket_connect("/live/ws", headers={"origin": "https://evil.example"}) as socket,
    ):
        socket.receive_text()
    with browser.websocket_connect("/live/ws", headers={"origin": "http://testserver"}) as socket:
        socket.send_text(json.dumps({"speaker": "Dana", "text": "Hello"}))
        assert socket.receive_json()["type"] == "update"
