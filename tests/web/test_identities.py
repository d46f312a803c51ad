"""Records bound to identities, through the web: promises and calls are a user's, figures are
per user, a saved call shows what was saved, and account names are each seller's own."""

from __future__ import annotations

import re

from tests.web.conftest import EXAMPLES, Site, csrf_of
from trustworks.ledger import repository
from trustworks.ledger.tables import Commitment, Interaction


def _reliability(site: Site, username: str) -> dict[str, dict[str, object]]:
    answer = site.api(username).get("/api/v1/alerts", params={"date": "2026-12-01"}).json()
    return {r["seller"]: r for r in answer["reliability"]}


def test_identities_a_seller_cannot_write_a_promise_into_another_sellers_record(
    any_site: Site,
) -> None:
    dana = any_site.api("dana")
    for by in ("Ryan Cole", "ryan", "Nobody Real"):  # another seller, by name or username
        answer = dana.post(
            "/api/v1/commitments",
            json={"account": "Northwind", "side": "us", "by": by, "what": "x", "status": "missed"},
        )
        assert answer.status_code == 422, answer.text
        # The same words whether such a user exists or not: nothing about other users leaks.
        assert answer.json()["error"]["message"] == f"by: {by!r} is not you: give a username"
    assert "Ryan Cole" not in _reliability(any_site, "ryan")
    assert "Ryan Cole" not in _reliability(any_site, "root")
    own = dana.post(
        "/api/v1/commitments",
        json={"account": "Northwind", "side": "us", "by": "Dana Whitfield", "what": "x"},
    )
    assert own.status_code == 201
    with any_site.ledger.session() as s:
        row = s.get(Commitment, own.json()["id"])
        assert row is not None and row.by_user_id is not None
    # Nor move one's own promise onto them, nor give them one's call.
    moved = dana.patch(f"/api/v1/commitments/{own.json()['id']}", json={"by": "Ryan Cole"})
    assert moved.status_code == 422
    call = dana.post(
        "/api/v1/interactions", json={"account": "Northwind", "seller": "Ryan Cole", "notes": "x"}
    )
    assert call.status_code == 422 and "seller:" in call.text
    mine = dana.post("/api/v1/interactions", json={"account": "Northwind", "seller": "dana"})
    assert mine.status_code == 201 and mine.json()["seller"] == "Dana Whitfield"


def test_identities_reliability_goes_by_the_user_not_the_name_typed(any_site: Site) -> None:
    with any_site.ledger.session() as s:  # from the command line: names that are no user's
        for by, status in (("Ryan Cole", "missed"), ("ryan", "kept"), ("R. Cole", "missed")):
            repository.add(
                s,
                "commitment",
                {
                    "account": "Contoso" if by != "R. Cole" else "Northwind",
                    "side": "us",
                    "by": by,
                    "what": "x",
                    "status": status,
                    "resolved_on": "2026-11-01",
                },
            )
    ryan = _reliability(any_site, "ryan")
    assert (ryan["Ryan Cole"]["kept"], ryan["Ryan Cole"]["missed"]) == (1, 1)
    assert ryan["Ryan Cole"]["user_id"] is not None
    # "R. Cole" is no user: counted under that name, on Northwind only, seen by Dana alone.
    assert "R. Cole" not in ryan
    dana = _reliability(any_site, "dana")
    assert dana["R. Cole"]["user_id"] is None and dana["R. Cole"]["missed"] == 1
    assert "Ryan Cole" not in dana
    page = any_site.browser("dana").get("/alerts?date=2026-12-01").text
    assert re.search(r"<td>R\. Cole <span[^>]*>\(not a user\)</span></td>", page)
    assert "Ryan Cole" not in page


def test_identities_only_the_owner_or_their_manager_may_change_a_bound_record(
    any_site: Site,
) -> None:
    maria = any_site.api("maria")
    made = maria.post(  # Maria's own promise, on her team member Dana's account
        "/api/v1/commitments",
        json={"account": "Northwind", "side": "us", "by": "maria", "what": "call their CFO"},
    )
    assert made.status_code == 201, made.text
    path = f"/api/v1/commitments/{made.json()['id']}"
    dana = any_site.api("dana")
    refused = dana.patch(path, json={"status": "missed"})
    assert refused.status_code == 403
    assert "Maria Gomez's promise" in refused.json()["error"]["message"]
    assert dana.delete(path).status_code == 403
    assert any_site.api("ryan").patch(path, json={"status": "missed"}).status_code == 404
    assert maria.patch(path, json={"status": "kept"}).status_code == 200
    assert dana.get(path).json()["status"] == "kept"


def test_identities_a_saved_call_shows_what_was_saved(any_site: Site) -> None:
    text = (EXAMPLES / "qualifying-call-honest.vtt").read_text(encoding="utf-8")
    # Signed in as Ryan; the seller who spoke in the transcript is Dana Whitfield.
    saved = any_site.api("ryan").post(
        f"/api/v1/accounts/{any_site.ids['contoso']}/conversations",
        json={"text": text, "seller": ["Dana Whitfield"], "occurred_on": "2026-11-30"},
    )
    assert saved.status_code == 201, saved.text
    body = saved.json()
    ident = body["interaction"]["id"]
    assert body["interaction"]["seller"] == "Ryan Cole"  # the owner
    assert body["interaction"]["seller_speakers"] == '["Dana Whitfield"]'
    findings = len(body["analysis"]["findings"])
    assert findings > 0
    with any_site.ledger.session() as s:
        row = s.get(Interaction, ident)
        assert row is not None
        trust = row.trust
    assert trust is not None
    ryan = any_site.browser("ryan")
    page = ryan.get(f"/interactions/{ident}")
    assert page.status_code == 200
    assert "No findings" not in page.text
    assert len(re.findall(r'<mark class="finding', page.text)) >= 1
    assert f"{trust:.2f}" in page.text  # the same figure as the account's table
    account_page = ryan.get(f"/accounts/{any_site.ids['contoso']}").text
    assert f">{trust:.2f} · " in account_page  # the figure, then its band in words
    assert "seller:\n  Dana Whitfield" in page.text
    # Promises heard on our side are the owner's, whoever spoke them.
    with any_site.ledger.session() as s:
        ours = [c for c in repository.rows(s, "commitment") if c.side == "us"]  # type: ignore[attr-defined]
        assert ours and all(c.by == "Ryan Cole" and c.by_user_id for c in ours)  # type: ignore[attr-defined]


def test_identities_the_page_save_keeps_speakers_apart_from_the_owner(any_site: Site) -> None:
    dana = any_site.browser("dana")
    token = csrf_of(dana.get("/analyse").text)
    text = (
        (EXAMPLES / "qualifying-call-honest.vtt")
        .read_text(encoding="utf-8")
        .replace("Dana Whitfield", "Alex Morgan")
    )
    saved = dana.post(
        "/analyse/save",
        data={
            "csrf_token": token,
            "text": text,
            "seller": "Alex Morgan",
            "account": str(any_site.ids["northwind"]),
            "occurred_on": "2026-11-30",
        },
    )
    assert saved.status_code == 303
    with any_site.ledger.session() as s:
        [row] = repository.rows(s, "interaction")
        assert isinstance(row, Interaction)
        assert (row.seller, row.seller_speakers) == ("Dana Whitfield", '["Alex Morgan"]')
        ident = row.id
    page = dana.get(f"/interactions/{ident}").text
    assert "seller:\n  Alex Morgan" in page and "No findings" not in page


def test_identities_account_names_are_each_sellers_own(any_site: Site) -> None:
    dana = any_site.api("dana")
    mine = dana.post("/api/v1/accounts", json={"name": "contoso"})  # Ryan has a Contoso
    assert mine.status_code == 201, mine.text
    again = dana.post("/api/v1/accounts", json={"name": "CONTOSO"})
    assert again.status_code == 409
    assert "Ryan" not in again.text and str(any_site.ids["contoso"]) not in again.text
    assert "Dana Whitfield" in again.json()["error"]["message"]
    # Each sees their own under that name; the name finds it.
    assert dana.get("/api/v1/accounts/contoso/client-view").status_code == 200
    found = dana.post("/api/v1/goals", json={"account": "Contoso", "description": "grow"})
    assert found.json()["account_id"] == mine.json()["id"]
    ryan_goal = any_site.api("ryan").post(
        "/api/v1/goals", json={"account": "Contoso", "description": "grow"}
    )
    assert ryan_goal.json()["account_id"] == any_site.ids["contoso"]


def test_identities_deleting_an_account_is_no_way_round_a_records_owner(any_site: Site) -> None:
    root = any_site.api("root")
    made = root.post(  # Ryan's kept promise, on Dana's account
        "/api/v1/commitments",
        json={"account": "Northwind", "side": "us", "by": "ryan", "what": "x", "status": "kept"},
    )
    assert made.status_code == 201, made.text
    ident = made.json()["id"]
    dana = any_site.api("dana")
    assert dana.patch(f"/api/v1/commitments/{ident}", json={"status": "missed"}).status_code == 403
    northwind = any_site.ids["northwind"]
    refused = dana.delete(f"/api/v1/accounts/{northwind}")
    assert refused.status_code == 403, refused.text
    assert f"commitment {ident} is Ryan Cole's promise" in refused.json()["error"]["message"]
    assert root.get(f"/api/v1/commitments/{ident}").status_code == 200
    assert any_site.api("maria").delete(f"/api/v1/accounts/{northwind}").status_code == 403
    assert root.delete(f"/api/v1/accounts/{northwind}").status_code == 204
    # The account is gone; its records' removal is on record, for its team's manager too.
    for who in ("root", "maria"):
        trail = any_site.api(who).get("/api/v1/history", params={"record": ident}).json()
        actions = {(i["action"], i["actor"]) for i in trail["items"] if i["kind"] == "commitment"}
        assert ("remove", "root") in actions and ("add", "root") in actions, who
    assert any_site.api("ryan").get("/api/v1/history").status_code == 403


def test_identities_history_says_when_it_shows_only_the_newest(any_site: Site) -> None:
    maria = any_site.api("maria")
    made = maria.post(
        "/api/v1/commitments",
        json={"account": "Northwind", "side": "us", "by": "dana", "what": "plan 0"},
    )
    ident = made.json()["id"]
    for n in range(1, 4):
        assert maria.patch(f"/api/v1/commitments/{ident}", json={"what": f"plan {n}"}).is_success
    answer = maria.get("/api/v1/history", params={"record": ident, "limit": 2}).json()
    assert [i["after"] for i in answer["items"]] == ["plan 2", "plan 3"]
    assert answer["count"] == 2 and answer["total"] > 2
    assert answer["shown"] == f"showing the newest 2 of {answer['total']} changes"
    one = maria.get("/api/v1/history", params={"record": ident, "limit": 1}).json()
    assert one["shown"].startswith("showing the newest 1 of")
    page = any_site.browser("maria").get(f"/history?kind=commitment&record={ident}")
    assert f"({answer['total']} changes)" in page.text


def test_identities_a_removed_records_trail_is_never_inherited(any_site: Site) -> None:
    ryan = any_site.api("ryan")
    made = ryan.post(
        "/api/v1/commitments",
        json={"account": "Contoso", "side": "us", "by": "ryan", "what": "SECRET discount"},
    )
    assert made.status_code == 201, made.text
    contoso = any_site.ids["contoso"]  # the newest account: its id was the next one's
    assert ryan.delete(f"/api/v1/accounts/{contoso}").status_code == 204
    dana = any_site.api("dana")
    fresh = dana.post("/api/v1/accounts", json={"name": "Fabrikam", "owner": "Dana Whitfield"})
    assert fresh.status_code == 201, fresh.text
    assert fresh.json()["id"] != contoso
    promise = dana.post(
        "/api/v1/commitments",
        json={"account": "Fabrikam", "side": "us", "by": "dana", "what": "send the plan"},
    )
    assert promise.json()["id"] != made.json()["id"]
    seen = any_site.api("maria").get("/api/v1/history").text
    assert "SECRET" not in seen
    assert "SECRET" in any_site.api("root").get("/api/v1/history").text
