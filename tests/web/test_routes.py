"""Every route is accounted for: public, or scoped and tried by another seller in test_access.

A new route fails here until it is classified, so none can skip the access tests.
"""

from __future__ import annotations

from tests.web import test_access
from trustworks.ledger.entities import KINDS
from trustworks.web.routes import api, live, pages, session

PUBLIC = {
    "session GET /login",
    "session POST /login",
    "session POST /logout",
    "session POST /api/v1/session",
    "session DELETE /api/v1/session",
    "pages GET /",
    "pages GET /analyse",  # the empty form
    "pages POST /analyse",  # analyses what was sent, reads no ledger data
    "api POST /analyses",
    "api POST /analyses/file",
    "live GET /live",
    "live WS /live/ws",  # analyses what was sent, reads no ledger data
}

# Each scoped route, and the access test that tries it as another seller.
API_ENTRIES = "test_api_seller_cannot_read_change_or_remove_another_sellers_entries"
API_WRITES = "test_api_seller_cannot_write_onto_another_sellers_account"
API_SPECIAL = "test_api_special_routes_are_scoped"
LISTS = "test_lists_reviews_alerts_and_trends_show_only_what_the_seller_may_see"
PAGE_WRITES = "test_pages_seller_cannot_change_or_remove_another_sellers_entries"
PAGE_READS = "test_pages_seller_cannot_open_another_sellers_entries"
SCOPED = {
    "api GET /{plural}": API_ENTRIES,
    "api POST /{plural}": API_WRITES,
    "api GET /{plural}/{ident}": API_ENTRIES,
    "api PATCH /{plural}/{ident}": API_ENTRIES,
    "api DELETE /{plural}/{ident}": API_ENTRIES,
    "api POST /accounts/{account}/conversations": API_SPECIAL,
    "api POST /commitments/{ident}/confirm": API_SPECIAL,
    "api POST /commitments/{ident}/dismiss": API_SPECIAL,
    "api GET /interactions/{ident}/analysis": API_SPECIAL,
    "api GET /accounts/{account}/client-view": API_SPECIAL,
    "api GET /alerts": API_SPECIAL,
    "api GET /today": API_SPECIAL,
    "api POST /today/done": LISTS,
    "api GET /trends": LISTS,
    "pages POST /analyse/save": PAGE_WRITES,
    "pages GET /today": LISTS,
    "pages POST /today/done": LISTS,
    "pages GET /alerts": LISTS,
    "pages GET /trends": LISTS,
    "pages GET /accounts": LISTS,
    "pages GET /accounts/{ident}": PAGE_READS,
    "pages GET /interactions/{ident}": PAGE_READS,
    "pages POST /commitments/{ident}/{decision}": PAGE_WRITES,
    "pages GET /entries/{kind_name}": PAGE_READS,
    "pages GET /entries/{kind_name}/new": PAGE_WRITES,
    "pages POST /entries/{kind_name}/new": PAGE_WRITES,
    "pages GET /entries/{kind_name}/{ident}": PAGE_READS,
    "pages POST /entries/{kind_name}/{ident}": PAGE_WRITES,
    "pages POST /entries/{kind_name}/{ident}/delete": PAGE_WRITES,
}


def _routes() -> set[str]:
    found = set()
    plurals = {f"/{k.plural}" for k in KINDS.values()}
    for name, module in (("api", api), ("pages", pages), ("session", session), ("live", live)):
        for route in module.router.routes:
            path = route.path  # type: ignore[attr-defined]
            for plural in plurals if name == "api" else ():  # the generic routes, once
                if path == plural or path == plural + "/{ident}":
                    path = path.replace(plural, "/{plural}", 1)
            for method in sorted(getattr(route, "methods", None) or {"WS"}):
                found.add(f"{name} {method} {path}")
    return found


def test_every_route_is_public_or_tried_by_the_access_tests() -> None:
    unclassified = _routes() - PUBLIC - set(SCOPED)
    assert not unclassified, f"classify these routes in tests/web/test_routes.py: {unclassified}"
    assert not (PUBLIC | set(SCOPED)) - _routes(), "a classified route no longer exists"
    for route, test in SCOPED.items():
        assert callable(getattr(test_access, test, None)), (route, test)
