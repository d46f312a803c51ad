"""A seller cannot read or change another seller's data, through any page or API route."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import Site, csrf_of
from trustworks.ledger import repository
from trustworks.ledger.entities import KINDS

# One entry of every kind on Contoso, Ryan's account; Dana must never reach any of them.
CONTOSO_ENTRIES: list[tuple[str, dict[str, Any]]] = [
    ("person", {"name": "Priya Shah"}),
    ("interaction", {"occurred_on": "2026-11-02", "purpose": "discovery"}),
    ("reflection", {"gave_value": "yes"}),
    ("commitment", {"side": "us", "by": "Ryan Cole", "what": "send the pilot plan"}),
    ("risk", {"taken_by": "client", "kind": "shared_cost_data"}),
    ("goal", {"description": "halve onboarding time"}),
    ("introduction", {"introduced_to": "a logistics lawyer"}),
    ("referral", {"referred": "Fabrikam"}),
    ("screening", {"willing": "yes", "review_on": "2026-12-01", "decided_on": "2026-11-01"}),
    ("deal", {"name": "Pilot", "stage": "discovery"}),
    ("evidence", {"stage": "discovery", "note": "call on the 2nd"}),
    ("transaction", {"amount": "1000", "client_outcome": "gain"}),
    ("review", {"seller": "Ryan Cole", "reviewed_on": "2026-11-30"}),
]


def _contoso(site: Site) -> dict[str, int]:
    ids: dict[str, int] = {"account": site.ids["contoso"]}
    with site.ledger.session() as s:
        for kind_name, values in CONTOSO_ENTRIES:
            values = dict(values)
            if "account" in KINDS[kind_name].schema.model_fields:
                values["account"] = str(site.ids["contoso"])
            if kind_name == "reflection":
                values["interaction"] = str(ids["interaction"])
            if kind_name == "evidence":
                values["deal"] = str(ids["deal"])
            ids[kind_name] = repository.add(s, kind_name, values).id  # type: ignore[attr-defined]
    return ids


def test_every_kind_is_covered() -> None:
    assert {k for k, _ in CONTOSO_ENTRIES} | {"account"} == set(KINDS)


def test_api_seller_cannot_read_change_or_remove_another_sellers_entries(any_site: Site) -> None:
    ids = _contoso(any_site)
    dana = any_site.api("dana")
    for kind_name, ident in ids.items():
        path = f"/api/v1/{KINDS[kind_name].plural}/{ident}"
        assert dana.get(path).status_code == 404, path
        assert dana.patch(path, json={}).status_code == 404, path
        assert dana.delete(path).status_code == 404, path
        listed = dana.get(f"/api/v1/{KINDS[kind_name].plural}").json()["items"]
        assert ident not in [item["id"] for item in listed], kind_name
    ryan = any_site.api("ryan")
    for kind_name, ident in ids.items():  # still all there, and the owner sees them
        assert ryan.get(f"/api/v1/{KINDS[kind_name].plural}/{ident}").status_code == 200


def test_api_seller_cannot_write_onto_another_sellers_account(site: Site) -> None:
    ids = _contoso(site)
    dana = site.api("dana")
    for body in (
        {"account": "Contoso", "description": "x"},
        {"account": str(ids["account"]), "description": "x"},
        {"account": "Cont", "description": "x"},  # a beginning of the name reveals nothing
    ):
        answer = dana.post("/api/v1/goals", json=body)
        assert answer.status_code == 404
        assert "Contoso" not in answer.text.replace(f"'{body['account']}'", "")  # only the echo
    assert (
        dana.post("/api/v1/reflections", json={"interaction": str(ids["interaction"])}).status_code
        == 404
    )
    assert (
        dana.post(
            "/api/v1/evidence", json={"deal": str(ids["deal"]), "stage": "proposal", "note": "x"}
        ).status_code
        == 404
    )
    # Moving one's own entry onto someone else's account is refused as well.
    own = dana.post("/api/v1/goals", json={"account": "Northwind", "description": "grow"}).json()
    assert (
        dana.patch(f"/api/v1/goals/{own['id']}", json={"account": str(ids["account"])}).status_code
        == 404
    )
    # ...and so is giving an account to another seller, or keeping someone else's review.
    assert (
        dana.post("/api/v1/accounts", json={"name": "Mine", "owner": "Ryan Cole"}).status_code
        == 422
    )
    assert dana.post("/api/v1/reviews", json={"seller": "Ryan Cole"}).status_code == 422


def test_api_special_routes_are_scoped(site: Site) -> None:
    ids = _contoso(site)
    with site.ledger.session() as s:
        repository.edit(s, "commitment", ids["commitment"], {"status": "proposed"})
    dana = site.api("dana")
    contoso = ids["account"]
    assert dana.get(f"/api/v1/accounts/{contoso}/client-view").status_code == 404
    assert dana.get("/api/v1/accounts/Contoso/client-view").status_code == 404
    assert (
        dana.post(
            f"/api/v1/accounts/{contoso}/conversations", json={"text": "Ryan: Hello\nPriya: Hi"}
        ).status_code
        == 404
    )
    assert dana.post(f"/api/v1/commitments/{ids['commitment']}/confirm").status_code == 404
    assert dana.post(f"/api/v1/commitments/{ids['commitment']}/dismiss").status_code == 404
    assert dana.get(f"/api/v1/interactions/{ids['interaction']}/analysis").status_code == 404
    assert dana.get("/api/v1/today", params={"seller": "Ryan Cole"}).status_code == 403
    assert dana.get("/api/v1/alerts", params={"seller": "Ryan Cole"}).status_code == 403
    alerts = dana.get("/api/v1/alerts", params={"date": "2026-12-20"}).json()["items"]
    assert all(a["account_id"] != contoso for a in alerts)
    assert site.api("ryan").get("/api/v1/alerts", params={"date": "2026-12-20"}).json()["count"] > 0


def test_manager_sees_the_team_and_admin_sees_all(site: Site) -> None:
    _contoso(site)
    names = lambda who: {a["name"] for a in site.api(who).get("/api/v1/accounts").json()["items"]}  # noqa: E731
    assert names("dana") == {"Northwind"}
    assert names("ryan") == {"Contoso"}
    assert names("maria") == {"Northwind"}  # Dana reports to Maria; Ryan does not
    assert names("root") == {"Northwind", "Contoso"}


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/{account}",
        "/entries/{kind}/{ident}",
        "/entries/goal?account={account}",
        "/interactions/{interaction}",
    ],
)
def test_pages_seller_cannot_open_another_sellers_entries(site: Site, path: str) -> None:
    ids = _contoso(site)
    dana = site.browser("dana")
    for kind_name, ident in ids.items():
        url = path.format(
            account=ids["account"], kind=kind_name, ident=ident, interaction=ids["interaction"]
        )
        answer = dana.get(url)
        assert answer.status_code == 404, url
        assert "Contoso" not in answer.text


def test_pages_seller_cannot_change_or_remove_another_sellers_entries(site: Site) -> None:
    ids = _contoso(site)
    dana = site.browser("dana")
    token = csrf_of(dana.get("/today").text)
    for kind_name, ident in ids.items():
        changed = dana.post(
            f"/entries/{kind_name}/{ident}", data={"csrf_token": token, "notes": "x"}
        )
        assert changed.status_code == 404, kind_name
        removed = dana.post(f"/entries/{kind_name}/{ident}/delete", data={"csrf_token": token})
        assert removed.status_code == 404, kind_name
    created = dana.post(
        "/entries/goal/new",
        data={"csrf_token": token, "account": str(ids["account"]), "description": "x"},
    )
    assert created.status_code == 404
    saved = dana.post(
        "/analyse/save",
        data={
            "csrf_token": token,
            "account": str(ids["account"]),
            "text": "Dana: Hi\nPriya: Hello",
        },
    )
    assert saved.status_code == 404
    for decision in ("confirm", "dismiss"):
        decided = dana.post(
            f"/commitments/{ids['commitment']}/{decision}", data={"csrf_token": token}
        )
        assert decided.status_code == 404
    listing = dana.get("/entries/goal").text
    assert "halve onboarding time" not in listing
    with site.ledger.session() as s:  # nothing of Ryan's changed
        assert len(repository.rows(s, "goal", account=ids["account"])) == 1


def test_lists_reviews_alerts_and_trends_show_only_what_the_seller_may_see(site: Site) -> None:
    ids = _contoso(site)
    with site.ledger.session() as s:
        row = repository.get(s, "interaction", ids["interaction"])
        row.trust, row.credibility, row.reliability = 3.0, 4.0, 5.0  # type: ignore[attr-defined]
        row.intimacy, row.self_orientation, row.seller = 4.0, 4.0, "Ryan Cole"  # type: ignore[attr-defined]
    dana = site.browser("dana")
    for page in ("/accounts", "/alerts?date=2026-12-20", "/trends", "/today?date=2026-12-20"):
        text = dana.get(page).text
        assert "Contoso" not in text and "Ryan Cole" not in text, page
    ryan = site.browser("ryan")
    assert "Contoso" in ryan.get("/alerts?date=2026-12-20").text
    assert "Ryan Cole" in ryan.get("/trends").text
    chart = ryan.get("/trends/chart.svg", params={"seller": "ryan cole"})
    assert chart.status_code == 200 and b"Ryan Cole: trust components by month" in chart.content
    assert ryan.get("/trends/chart.png", params={"seller": "Ryan Cole"}).content[:4] == b"\x89PNG"
    assert dana.get("/trends/chart.svg", params={"seller": "Ryan Cole"}).status_code == 404
    assert ryan.get("/trends/chart.gif", params={"seller": "Ryan Cole"}).status_code == 404
    api = site.api("dana")
    assert api.get("/api/v1/trends").json()["sellers"] == []
    assert site.api("ryan").get("/api/v1/trends").json()["sellers"][0]["seller"] == "Ryan Cole"
    assert api.get("/api/v1/today", params={"date": "2026-12-20"}).json()["screenings_due"] == []


def test_today_shows_nothing_from_accounts_the_seller_cannot_open(site: Site) -> None:
    with site.ledger.session() as s:  # Ryan's account, but a promise in Dana's name
        repository.add(
            s,
            "commitment",
            {
                "account": "Contoso",
                "side": "us",
                "by": "Dana Whitfield",
                "what": "send pricing",
                "due": "2026-11-20",
            },
        )
        repository.add(
            s,
            "interaction",
            {
                "account": "Contoso",
                "seller": "Dana Whitfield",
                "occurred_on": "2026-12-01",
                "notes": "secret",
            },
        )
    dana = site.api("dana")
    review = dana.get("/api/v1/today", params={"date": "2026-12-01"}).json()
    assert review["commitments_due"] == [] and review["unreflected"] == []
    page = site.browser("dana").get("/today?date=2026-12-01").text
    assert "send pricing" not in page and "Contoso" not in page


def test_alerts_show_everything_on_the_sellers_own_accounts(site: Site) -> None:
    with site.ledger.session() as s:  # the client's promise on Dana's account
        repository.add(
            s,
            "commitment",
            {
                "account": "Northwind",
                "side": "client",
                "by": "Sam Okafor",
                "what": "send the fleet list",
                "due": "2026-11-20",
            },
        )
    alerts = site.api("dana").get("/api/v1/alerts", params={"date": "2026-12-01"}).json()["items"]
    assert any("send the fleet list" in a["message"] for a in alerts)
    assert "send the fleet list" in site.browser("dana").get("/alerts?date=2026-12-01").text


def test_a_manager_can_open_a_team_members_day_and_a_seller_cannot(site: Site) -> None:
    with site.ledger.session() as s:
        repository.add(
            s,
            "commitment",
            {
                "account": "Northwind",
                "side": "us",
                "by": "Dana Whitfield",
                "what": "send the plan",
                "due": "2026-11-20",
            },
        )
    maria = site.browser("maria").get("/today?date=2026-12-01&seller=Dana Whitfield")
    assert maria.status_code == 200
    assert "send the plan" in maria.text
    assert "Only Dana Whitfield can mark their own day reviewed." in maria.text
    assert site.browser("dana").get("/today?seller=Ryan Cole").status_code == 403
    assert site.browser("maria").get("/today?seller=Ryan Cole").status_code == 403
    alerts = site.api("maria").get("/api/v1/alerts", params={"date": "2026-12-01"}).json()
    assert [r["seller"] for r in alerts["reliability"]] == ["Dana Whitfield"]
    page = site.browser("dana").get("/alerts").text
    assert "Reliability on our promises" in page
    assert "<title>Alerts · Trustworks</title>" in page


def test_a_seller_cannot_orphan_an_account(site: Site) -> None:
    dana = site.api("dana")
    answer = dana.patch(f"/api/v1/accounts/{site.ids['northwind']}", json={"owner": None})
    assert answer.status_code == 422
    assert dana.get(f"/api/v1/accounts/{site.ids['northwind']}").json()["owner"] == "Dana Whitfield"


def test_history_is_read_by_managers_of_the_team_only(any_site: Site) -> None:
    ids = _contoso(any_site)  # Ryan's, written from the command line
    maria = any_site.api("maria")
    made = maria.post(
        "/api/v1/commitments",
        json={"account": "Northwind", "side": "us", "by": "dana", "what": "send the plan"},
    )
    assert made.status_code == 201, made.text
    ident = made.json()["id"]
    assert (
        any_site.api("dana")
        .patch(f"/api/v1/commitments/{ident}", json={"status": "kept"})
        .status_code
        == 200
    )
    trail = maria.get("/api/v1/history", params={"kind": "commitment", "record": ident}).json()
    changes = [
        (i["actor"], i["action"], i["field"], i["before"], i["after"]) for i in trail["items"]
    ]
    assert ("maria", "add", "by", None, "Dana Whitfield") in changes
    assert ("dana", "edit", "status", "open", "kept") in changes
    # Ryan's records are not Maria's team's, and a seller reads no trail at all.
    everything = maria.get("/api/v1/history").json()["items"]
    assert ids["commitment"] not in {
        i["record_id"] for i in everything if i["kind"] == "commitment"
    }
    assert any_site.api("dana").get("/api/v1/history").status_code == 403
    page = any_site.browser("maria").get(f"/history?kind=commitment&record={ident}")
    assert page.status_code == 200 and "<td>dana</td>" in page.text and "kept" in page.text
    assert "Contoso" not in any_site.browser("maria").get("/history").text
    assert f"commitment {ids['commitment']}<" not in any_site.browser("maria").get("/history").text
    assert any_site.browser("dana").get("/history").status_code == 403
    assert any_site.browser("maria").get("/history?kind=deal").status_code == 404
    assert any_site.api("ryan").get("/api/v1/history").status_code == 403
    assert (
        any_site.api("root")
        .get("/api/v1/history", params={"kind": "commitment", "record": ids["commitment"]})
        .json()["count"]
        > 0
    )
