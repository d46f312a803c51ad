"""What an attacker or a careless client sends gets a 4xx that says what was wrong, never a 500.

The named cases first (each once broke), then a property sweep over every API route and its
query parameters, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.conftest import Site, csrf_of
from trustworks.ledger.entities import KINDS


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_api_reviews_on_the_edges_of_the_calendar_answer(any_site: Site, day: str) -> None:
    client = any_site.api("dana")
    assert (
        client.post(
            "/api/v1/commitments",
            json={
                "account": "Northwind",
                "side": "us",
                "by": "Dana Whitfield",
                "what": "x",
                "due": day,
            },
        ).status_code
        == 201
    )
    assert client.post("/api/v1/today/done", json={"date": day}).status_code == 200
    for path in ("/api/v1/today", "/api/v1/alerts", "/api/v1/accounts/Northwind/client-view"):
        answer = client.get(path, params={"date": day})
        assert answer.status_code == 200, (path, answer.text)
    browser = any_site.browser("dana")
    for path in ("/today", "/alerts", "/review"):
        assert browser.get(path, params={"date": day}).status_code == 200, path


def test_api_patch_takes_the_integer_ids_post_takes(any_site: Site) -> None:
    client = any_site.api("dana")
    account = any_site.ids["northwind"]
    person = client.post("/api/v1/people", json={"account": account, "name": "Joe Park"})
    assert person.status_code == 201, person.text
    call = client.post(
        "/api/v1/interactions",
        json={"account": account, "occurred_on": "2026-11-02", "channel": "call"},
    )
    assert call.status_code == 201, call.text
    changed = client.patch(
        f"/api/v1/interactions/{call.json()['id']}",
        json={"account": account, "person": person.json()["id"]},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["person"] == "Joe Park"
    # The field's own limits still hold on PATCH.
    too_long = client.patch(f"/api/v1/people/{person.json()['id']}", json={"name": "x" * 201})
    assert too_long.status_code == 422
    assert "name" in too_long.json()["error"]["message"]


@pytest.mark.parametrize("ident", [2**31, 2**63 - 1, 2**63, 10**30])
def test_api_ids_beyond_any_row_are_not_found_on_both_databases(any_site: Site, ident: int) -> None:
    client = any_site.api("root")
    for method, path in [
        ("GET", f"/api/v1/commitments/{ident}"),
        ("POST", f"/api/v1/commitments/{ident}/confirm"),
        ("PATCH", f"/api/v1/people/{ident}"),
        ("DELETE", f"/api/v1/deals/{ident}"),
        ("GET", f"/api/v1/programmes/{ident}/questions"),
        ("POST", f"/api/v1/stories/{ident}/comments"),
        ("POST", f"/api/v1/questions/{ident}/answer"),
    ]:
        body = {"text": "x", "question": "x", "answer": "x"} if method == "POST" else {}
        answer = client.request(method, path, json=body if method != "GET" else None)
        assert answer.status_code == 404, (method, path, answer.text)
        assert str(ident) in answer.json()["error"]["message"]


# ---- the sweep ----------------------------------------------------------------------------

HOSTILE_TEXT = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "\ud800",
            "x\udfffy",
            "9999-12-31",
            "0001-01-01",
            "10000-01-01",
            "2026-02-30",
            "-1",
            "0",
            "1",
            "1e999",
            "NaN",
            "Northwind",
            "Contoso",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "x" * 10_001,
            "٣",  # an Arabic-Indic digit: int() takes it, a database may not
        ]
    ),
    st.text(max_size=30),
)
HOSTILE_INT = st.one_of(
    st.sampled_from([0, -1, 1, 2, 2**31, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30]),
    st.integers(),
)
HOSTILE = st.one_of(
    HOSTILE_TEXT,
    HOSTILE_INT,
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
SKIPPED = ("/api/v1/session",)  # signing out the sweep's own client would only cut it short


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    path_params: tuple[str, ...]
    query: tuple[str, ...]
    body: tuple[str, ...] | None  # the body's field names; None without a JSON body


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Every operation of the OpenAPI document, with its parameters and body fields."""
    found = []
    for path, methods in spec["paths"].items():
        if path.startswith(SKIPPED):
            continue
        for method, op in methods.items():
            params = op.get("parameters", [])
            content = op.get("requestBody", {}).get("content", {})
            body: tuple[str, ...] | None = None
            if "application/json" in content:
                body = tuple(_properties(spec, content["application/json"]["schema"]))
            elif content:
                continue  # uploads: swept by the limits tests
            found.append(
                Operation(
                    method.upper(),
                    path,
                    tuple(p["name"] for p in params if p["in"] == "path"),
                    tuple(p["name"] for p in params if p["in"] == "query"),
                    body,
                )
            )
    return found


def _properties(spec: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _properties(spec, spec["components"]["schemas"][name])
    names = list(schema.get("properties", {}))
    for part in schema.get("anyOf", []) + schema.get("allOf", []) + schema.get("oneOf", []):
        names += _properties(spec, part)
    return names


def _in_url(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    # Lone surrogates cannot be UTF-8: sent as the bytes a careless client would send.
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


@st.composite
def requests(draw: st.DrawFn, ops: list[Operation]) -> tuple[str, str, str | None]:
    op = draw(st.sampled_from(ops))
    path = op.path
    for name in op.path_params:
        path = path.replace("{" + name + "}", _in_url(draw(st.one_of(HOSTILE_INT, HOSTILE_TEXT))))
    chosen = draw(st.lists(st.sampled_from([*op.query, "date", "extra"]), max_size=3))
    query = "&".join(f"{_in_url(k)}={_in_url(draw(HOSTILE))}" for k in chosen)
    content = None
    if op.body is not None:
        keys = st.sampled_from([*op.body, "extra"]) if op.body else st.just("extra")
        body = draw(st.one_of(st.dictionaries(keys, HOSTILE, max_size=6), HOSTILE))
        content = json.dumps(body, allow_nan=True)  # lone surrogates go as \\ud800 escapes
    return op.method, path + ("?" + query if query else ""), content


@pytest.fixture
def sweep(any_site: Site) -> tuple[list[TestClient], list[Operation]]:
    clients = []
    for username in ("dana", "root"):
        client = TestClient(any_site.app, raise_server_exceptions=False)
        client.headers.update(any_site.api(username).headers)
        clients.append(client)
    return clients, operations(any_site.app.openapi())


def test_every_api_route_answers_hostile_values_without_a_500(
    sweep: tuple[list[TestClient], list[Operation]],
) -> None:
    clients, ops = sweep
    assert len(ops) > 80  # every kind's five routes and the rest

    @settings(
        max_examples=int(os.environ.get("TRUSTWORKS_SWEEP_EXAMPLES", "300")),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,  # each run explores afresh; failures print their example
    )
    @given(request=requests(ops), who=st.sampled_from(clients))
    def run(request: tuple[str, str, str | None], who: TestClient) -> None:
        method, url, content = request
        headers = {"content-type": "application/json"} if content is not None else {}
        answer = who.request(method, url, content=content, headers=headers)
        assert answer.status_code < 500, (method, url, content, answer.text[:300])
        if answer.status_code >= 400:
            error = answer.json()["error"]
            assert error["status"] == answer.status_code
            assert error["message"].strip(), (method, url)

    run()


@pytest.mark.parametrize("value", ["\x00", "\ud800"])
def test_every_query_parameter_answers_what_no_database_holds_without_a_500(
    sweep: tuple[list[TestClient], list[Operation]], value: str
) -> None:
    # The random sweep above reaches each parameter now and then; these two values are the
    # ones PostgreSQL refuses outright (NUL in text, a lone surrogate), so every GET route's
    # every query parameter gets them, every run.
    clients, ops = sweep
    admin = clients[1]
    for op in (o for o in ops if o.method == "GET" and o.query):
        path = op.path
        for name in op.path_params:
            path = path.replace("{" + name + "}", "1")
        for name in op.query:
            url = f"{path}?{name}={_in_url(value)}"
            answer = admin.get(url)
            assert answer.status_code < 500, (url, answer.text[:300])


PAGES = ["/today", "/alerts", "/review", "/trends", "/accounts", "/entries/{kind}", "/live"]


def test_pages_answer_hostile_query_values_without_a_500(any_site: Site) -> None:
    browser = any_site.browser("dana")
    browser = TestClient(any_site.app, raise_server_exceptions=False, cookies=browser.cookies)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        page=st.sampled_from(PAGES),
        kind=st.sampled_from(sorted(KINDS)),
        key=st.sampled_from(["date", "seller", "account", "saved"]),
        value=HOSTILE,
        ident=st.one_of(HOSTILE_INT, HOSTILE_TEXT),
    )
    def run(page: str, kind: str, key: str, value: Any, ident: Any) -> None:
        for path in (page.replace("{kind}", kind), f"/entries/{kind}/{_in_url(ident)}"):
            answer = browser.get(f"{path}?{key}={_in_url(value)}")
            assert answer.status_code < 500, (path, key, value, answer.text[:300])

    run()


def test_an_unexpected_error_is_said_with_a_reference_not_a_traceback(site: Site) -> None:
    def broken() -> None:
        raise RuntimeError("a bug: secret detail")

    site.app.add_api_route("/api/v1/broken", broken)
    site.app.add_api_route("/broken", broken)
    client = TestClient(site.app, raise_server_exceptions=False)
    client.headers.update(site.api("dana").headers)
    answer = client.get("/api/v1/broken")
    assert answer.status_code == 500
    error = answer.json()["error"]
    assert "went wrong on our side" in error["message"]
    assert error["reference"] in error["message"]
    page = client.get("/broken", headers={"accept": "text/html"})
    assert page.status_code == 500
    assert "went wrong on our side" in page.text
    assert "secret detail" not in page.text + answer.text
    assert "Traceback" not in page.text + answer.text


def test_entry_forms_answer_hostile_values_without_a_500(any_site: Site) -> None:
    signed = any_site.browser("dana")
    browser = TestClient(any_site.app, raise_server_exceptions=False, cookies=signed.cookies)
    token = csrf_of(signed.get("/entries/account/new").text)

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        kind=st.sampled_from(sorted(KINDS)),
        values=st.lists(st.tuples(st.integers(0, 30), HOSTILE_TEXT), max_size=6),
        ident=st.sampled_from(["new", "1", "2", str(2**40)]),
    )
    def run(kind: str, values: list[tuple[int, str]], ident: str) -> None:
        fields = list(KINDS[kind].fields())
        form = {fields[i % len(fields)]: _form_safe(v) for i, v in values}
        answer = browser.post(f"/entries/{kind}/{ident}", data={**form, "csrf_token": token})
        assert answer.status_code < 500, (kind, ident, form, answer.text[:300])

    run()


@pytest.mark.parametrize("field", ["owner", "name", "industry"])
def test_a_nul_typed_into_a_name_looked_up_is_the_fields_error(any_site: Site, field: str) -> None:
    # An owner is looked up by name before the entry is checked: on PostgreSQL a NUL in the
    # query was a failed query (503), not a field's error.
    signed = any_site.browser("dana")
    browser = TestClient(any_site.app, raise_server_exceptions=False, cookies=signed.cookies)
    token = csrf_of(signed.get("/entries/account/new").text)
    form = {"name": "Fabrikam", field: "Dana\x00", "csrf_token": token}
    answer = browser.post("/entries/account/new", data=form)
    assert 400 <= answer.status_code < 500
    assert "contains a NUL character" in answer.text


def _form_safe(value: str) -> str:
    # A browser sends a form as UTF-8: a lone surrogate arrives as the bytes it stands for.
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
