"""One user cannot stall the service: analyses run off the event loop, within per-user and
size limits, on every route that analyses and on the live socket; limits are said plainly."""

from __future__ import annotations

import html
import json
import threading
import time
from collections.abc import Iterator

import pytest
from starlette.websockets import WebSocketDisconnect

from tests.web.conftest import EXAMPLES, Site, csrf_of
from trustworks.web import analysing
from trustworks.web.analysing import MAX_ANALYSIS_CHARS, gate_of
from trustworks.web.routes import live

CALL = (EXAMPLES / "qualifying-call-honest.vtt").read_text()
LINE = "Dana Whitfield: What would a good outcome look like for you this quarter?\n"


def long_text(chars: int) -> str:
    return (LINE * (chars // len(LINE) + 1))[:chars]


@pytest.fixture
def threads_used(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the threads every analysis of the web app ran on."""
    names: list[str] = []
    original = analysing.analyze

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        names.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(analysing, "analyze", recording)
    yield names


def test_api_text_over_the_limit_is_refused_with_the_limit(site: Site) -> None:
    answer = site.api("dana").post(
        "/api/v1/analyses", json={"text": long_text(MAX_ANALYSIS_CHARS + 1), "format": "plain"}
    )
    assert answer.status_code == 413
    message = answer.json()["error"]["message"]
    assert f"{MAX_ANALYSIS_CHARS:,} characters" in message
    assert f"{MAX_ANALYSIS_CHARS + 1:,}" in message


def test_api_a_five_megabyte_upload_gets_a_short_refusal_not_a_huge_answer(site: Site) -> None:
    data = long_text(4_900_000).encode()
    answer = site.api("dana").post(
        "/api/v1/analyses/file", files={"file": ("big.txt", data, "text/plain")}
    )
    assert answer.status_code == 413, answer.text[:200]
    assert len(answer.content) < 1000
    assert f"{MAX_ANALYSIS_CHARS:,} characters" in answer.json()["error"]["message"]


def test_api_long_texts_are_analysed_in_the_analysis_threads(
    site: Site, threads_used: list[str]
) -> None:
    client = site.api("dana")
    text = long_text(50_000)
    assert client.post("/api/v1/analyses", json={"text": text}).status_code == 200
    assert (
        client.post(
            "/api/v1/analyses/file", files={"file": ("call.txt", text.encode(), "text/plain")}
        ).status_code
        == 200
    )
    assert (
        client.post(
            "/api/v1/accounts/Northwind/conversations", json={"text": text, "format": "plain"}
        ).status_code
        == 201
    )
    assert len(threads_used) == 3
    assert all(name.startswith("trustworks-analysis") for name in threads_used), threads_used


def test_pages_long_paste_is_analysed_and_rendered_off_the_loop(
    site: Site, threads_used: list[str]
) -> None:
    dana = site.browser("dana")
    token = csrf_of(dana.get("/analyse").text)
    page = dana.post("/analyse", data={"csrf_token": token, "text": long_text(50_000)})
    assert page.status_code == 200
    assert threads_used and threads_used[0].startswith("trustworks-analysis")


def test_pages_analyse_says_the_limit(site: Site) -> None:
    page = site.browser("dana").get("/analyse").text
    assert f"{MAX_ANALYSIS_CHARS:,} characters" in page


def test_pages_paste_over_the_limit_says_so_and_keeps_what_was_typed(site: Site) -> None:
    dana = site.browser("dana")
    token = csrf_of(dana.get("/analyse").text)
    typed = long_text(MAX_ANALYSIS_CHARS + 200_000)  # more than the form parser's 1 MB default
    page = dana.post(
        "/analyse", data={"csrf_token": token, "text": typed, "seller": "Dana Whitfield"}
    )
    assert page.status_code == 413
    assert f"at most {MAX_ANALYSIS_CHARS:,} characters" in page.text
    assert html.escape(typed, quote=False) in page.text  # still in the form, to be cut down
    assert 'value="Dana Whitfield"' in page.text


def test_one_user_over_their_share_gets_a_429_and_others_are_served(site: Site) -> None:
    gate = gate_of(site.app.state)
    gate.per_user = 1
    release = threading.Event()
    started = threading.Event()

    def slow() -> None:
        started.set()
        release.wait(10)

    holder = threading.Thread(target=gate.run_sync, args=("dana", slow))
    holder.start()
    try:
        assert started.wait(10)
        refused = site.api("dana").post("/api/v1/analyses", json={"text": CALL})
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "2"
        assert "at most 1 at once" in refused.json()["error"]["message"]
        assert site.api("ryan").post("/api/v1/analyses", json={"text": CALL}).status_code == 200
        dana = site.browser("dana")
        token = csrf_of(dana.get("/analyse").text)
        page = dana.post("/analyse", data={"csrf_token": token, "text": CALL})
        assert page.status_code == 429
        assert "at most 1 at once" in page.text
        assert "WEBVTT" in page.text  # what was pasted is kept
    finally:
        release.set()
        holder.join()
    assert site.api("dana").post("/api/v1/analyses", json={"text": CALL}).status_code == 200


def test_server_wide_queue_is_bounded(site: Site) -> None:
    gate = gate_of(site.app.state)
    gate.max_waiting = 0
    refused = site.api("dana").post("/api/v1/analyses", json={"text": CALL})
    assert refused.status_code == 503
    assert "busy" in refused.json()["error"]["message"]
    assert refused.headers["retry-after"] == "5"


# ---- the live socket ----------------------------------------------------------------------


def test_live_binary_frame_is_answered_and_the_socket_stays_open(site: Site) -> None:
    with site.api("dana").websocket_connect("/live/ws") as socket:
        socket.send_bytes(b'{"speaker": "Dana", "text": "Hello"}')
        reply = socket.receive_json()
        assert reply["type"] == "error"
        assert "text frames" in reply["message"]
        socket.send_text(json.dumps({"speaker": "Dana", "text": "What matters to you?"}))
        assert socket.receive_json()["type"] == "update"


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ('{"speaker": "Dana", "text": "Hi", "start": 1e999}', "too large a number"),
        ('{"speaker": "Dana", "text": "Hi", "end": -1e999}', "too large a number"),
        ('{"speaker": "Dana", "text": "Hi", "start": NaN}', "NaN is not a number"),
        ('{"speaker": "Dana", "text": "Hi", "start": Infinity}', "Infinity is not a number"),
        (json.dumps({"speaker": "Dana", "text": "x" * 10_001}), "at most 10000 characters"),
        ("x" * 12_001, "longer than 12,000 characters"),
    ],
)
def test_live_refuses_non_finite_times_and_oversized_turns(
    site: Site, message: str, error: str
) -> None:
    with site.api("dana").websocket_connect("/live/ws") as socket:
        socket.send_text(message)
        reply = socket.receive_json()
        assert reply["type"] == "error"
        assert error in reply["message"]


def test_live_turns_are_analysed_off_the_loop(site: Site) -> None:
    gate = gate_of(site.app.state)
    used: list[str] = []
    original = gate._pool.submit

    def counting(func, *args):  # type: ignore[no-untyped-def]
        used.append("pool")
        return original(func, *args)

    gate._pool.submit = counting  # type: ignore[method-assign]
    with site.api("dana").websocket_connect("/live/ws") as socket:
        socket.send_text(json.dumps({"speaker": "Dana", "text": long_text(9_000)}))
        assert socket.receive_json()["type"] == "update"
        socket.send_text(json.dumps({"speaker": "Dana", "text": "Short."}))
        assert socket.receive_json()["type"] == "update"
    assert used == ["pool", "pool"]  # the short turn too


def test_live_one_user_may_hold_only_a_few_meters_open(site: Site) -> None:
    gate = gate_of(site.app.state)
    gate.live_per_user = 1
    client = site.api("dana")
    with client.websocket_connect("/live/ws") as first:
        with (
            pytest.raises(WebSocketDisconnect) as info,
            client.websocket_connect("/live/ws") as second,
        ):
            second.receive_text()
        assert info.value.code == 4429
        with site.api("ryan").websocket_connect("/live/ws") as other:
            other.send_text(json.dumps({"speaker": "Ryan", "text": "Hello"}))
            assert other.receive_json()["type"] == "update"
        first.send_text(json.dumps({"speaker": "Dana", "text": "Hello"}))
        assert first.receive_json()["type"] == "update"
    with client.websocket_connect("/live/ws") as again:  # the meter closed frees its place
        again.send_text(json.dumps({"speaker": "Dana", "text": "Hello"}))
        assert again.receive_json()["type"] == "update"


def test_live_messages_beyond_the_pace_are_refused_and_later_ones_served(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "TURN_BURST", 3)
    monkeypatch.setattr(live, "TURNS_PER_SECOND", 20.0)
    turn = json.dumps({"speaker": "Dana", "text": "What matters to you?"})
    with site.api("dana").websocket_connect("/live/ws") as socket:
        replies = []
        for _ in range(6):
            socket.send_text(turn)
            replies.append(socket.receive_json())
        kinds = [r["type"] for r in replies]
        assert kinds[:3] == ["update"] * 3
        assert "error" in kinds
        refused = next(r for r in replies if r["type"] == "error")
        assert "too many messages: at most 20 a second (3 at once)" in refused["message"]
        time.sleep(0.2)  # the bucket fills again
        socket.send_text(turn)
        assert socket.receive_json()["type"] == "update"


def test_a_form_over_the_request_cap_gets_a_page_saying_so(site: Site) -> None:
    dana = site.browser("dana")
    token = csrf_of(dana.get("/analyse").text)
    limit = site.app.state.settings.max_request_bytes
    page = dana.post(
        "/analyse",
        data={"csrf_token": token, "text": "x" * (limit + 1)},
        headers={"accept": "text/html"},
    )
    assert page.status_code == 413
    assert page.headers["content-type"].startswith("text/html")
    assert f"larger than the {limit:,}-byte limit" in page.text
    assert "Back button" in page.text
    api = site.api("dana").post("/api/v1/analyses", content=b"x" * (limit + 1))
    assert api.status_code == 413
    assert api.json()["error"]["message"] == f"request body larger than the {limit:,}-byte limit"
