"""Every route is accounted for: public, or scoped and tried by another seller in test_access.

A new route fails here until it is classified, so none can skip the access tests.
"""

from __future__ import annotations

from tests.web import (
    test_access,
    test_assess,
    test_audit_campaigns,
    test_comments,
    test_mail,
    test_owners,
    test_people_pages,
    test_pipeline,
    test_profile,
    test_review,
    test_search,
)
from trustworks.ledger.entities import KINDS
from trustworks.web.routes import (
    api,
    assess,
    assess_api,
    comments,
    live,
    mail,
    owners,
    pages,
    pickers,
    pipeline,
    profile,
    review,
    search,
    session,
)

PUBLIC = {
    "session GET /login",
    "session POST /login",
    "session POST /logout",
    "session POST /api/v1/session",
    "session DELETE /api/v1/session",
    # The caller's own password: no other user's data (tried in test_session).
    "session GET /password",
    "session POST /password",
    "session PUT /api/v1/password",
    "pages GET /",
    "pages GET /analyse",  # the empty form
    "pages POST /analyse",  # analyses what was sent, reads no ledger data
    "api POST /analyses",
    "api POST /analyses/file",
    "live GET /live",
    "live WS /live/ws",  # analyses what was sent, reads no ledger data
    # A rating link's token is its permission (tried in test_assess).
    "assess GET /rate/{token}",
    "assess POST /rate/{token}",
    "assess-api GET /ratings/{token}",
    "assess-api POST /ratings/{token}",
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
    "api GET /history": "test_history_is_read_by_managers_of_the_team_only",
    "pages GET /history": "test_history_is_read_by_managers_of_the_team_only",
    "pages POST /analyse/save": PAGE_WRITES,
    "pages GET /today": LISTS,
    "pages POST /today/done": LISTS,
    "pages GET /alerts": LISTS,
    "pages GET /trends": LISTS,
    "pages GET /trends/chart.{fmt}": LISTS,
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


# The assessments: an audit campaign is seen by who runs it and who it invites, and each
# answer by its author alone (tried in test_audit_campaigns); a self-assessment is its
# person's (seen by whoever may see that seller); each tried in test_assess.
SIGNED_IN = "test_assessment_routes_need_a_signed_in_user"
SELF_SCOPED = "test_self_reports_follow_who_may_see_whom"
OWN_ANSWERS = "test_answers_are_changed_until_close_and_read_by_their_author_only"
CAMPAIGN_PAGE = "test_the_page_shows_my_answers_ticked_and_nobody_elses"
AGGREGATE = "test_the_report_is_an_aggregate_of_five_after_the_close_never_a_name"
RUNS_IT = "test_a_seller_cannot_start_a_campaign_nor_invite_outside_the_team"
LISTS_OWN = "test_campaign_lists_show_each_user_their_own_part"
INVITES = "test_only_who_runs_a_campaign_invites_more_on_its_page"
ASSESS = {
    "assess GET /audit": "test_a_manager_starts_a_campaign_on_the_page",
    "assess POST /audit/campaigns": "test_a_manager_starts_a_campaign_on_the_page",
    "assess GET /audit/{campaign}": CAMPAIGN_PAGE,
    "assess POST /audit/{campaign}": CAMPAIGN_PAGE,
    "assess POST /audit/{campaign}/invite": INVITES,
    "assess GET /audit/{campaign}/report": AGGREGATE,
    "assess GET /audit/{campaign}/chart.{fmt}": AGGREGATE,
    "assess GET /self": SELF_SCOPED,
    "assess GET /self/answer": SIGNED_IN,
    "assess POST /self/answer": SIGNED_IN,
    "assess GET /self/chart.{fmt}": SELF_SCOPED,
    "assess POST /self/invite": SIGNED_IN,
    "assess-api GET /questionnaires/{kind}": SIGNED_IN,
    "assess-api GET /audits/campaigns": LISTS_OWN,
    "assess-api POST /audits/campaigns": RUNS_IT,
    "assess-api POST /audits/campaigns/{campaign}/invitations": LISTS_OWN,
    "assess-api GET /audits/campaigns/{campaign}/answers": OWN_ANSWERS,
    "assess-api PUT /audits/campaigns/{campaign}/answers": OWN_ANSWERS,
    "assess-api GET /audits/campaigns/{campaign}/report": AGGREGATE,
    "assess-api POST /self-assessments": SIGNED_IN,
    "assess-api GET /self-assessments/report": SELF_SCOPED,
    "assess-api POST /rating-links": SIGNED_IN,
}
# The end-of-day review: the signed-in seller's own day only (tried in test_review).
REVIEW = {
    "review GET /review": "test_the_review_lists_only_the_sellers_own_waiting_calls",
    "review POST /review": "test_a_bad_answer_or_another_sellers_call_records_nothing",
}
# Accounts nobody owns: managers (to their team) and admins (tried in test_owners).
GIVES = "test_owners_managers_and_admins_give_unowned_accounts_from_their_page"
OWNERS = {"owners GET /unowned-accounts": GIVES, "owners POST /unowned-accounts/{ident}": GIVES}
# Mail sync: the signed-in user's own settings and unknown senders (tried in test_mail).
MAIL_OWN = "test_unknown_senders_are_their_users_own_to_match_or_ignore"
MAIL = {
    "mail GET /mail": MAIL_OWN,
    "mail POST /mail/settings": "test_mail_page_saves_settings_and_never_asks_for_a_password",
    "mail POST /mail/senders/{ident}/match": MAIL_OWN,
    "mail POST /mail/senders/{ident}/ignore": MAIL_OWN,
}

# Coaching threads: scoped exactly like the call; notifications and their e-mail address are
# the caller's own (tried in test_comments).
CALL_API = "test_api_comments_are_scoped_like_the_call"
CALL_PAGES = "test_pages_of_a_call_not_theirs_are_not_found"
REMOVE = "test_writer_removes_their_comment_from_the_page_and_the_api"
OWN_EMAIL = "test_notification_email_is_the_callers_own"
COMMENTS = {
    "comments-api GET /interactions/{ident}/comments": CALL_API,
    "comments-api POST /interactions/{ident}/comments": CALL_API,
    "comments-api GET /interactions/{ident}/mentionable": CALL_API,
    "comments-api DELETE /comments/{ident}": REMOVE,
    "comments-api GET /notifications": CALL_API,
    "comments-api POST /notifications/read": CALL_API,
    "comments-api GET /notifications/email": OWN_EMAIL,
    "comments-api PUT /notifications/email": OWN_EMAIL,
    "comments POST /interactions/{ident}/comments": CALL_PAGES,
    "comments POST /comments/{ident}/remove": REMOVE,
    "comments GET /notifications": CALL_PAGES,
    "comments GET /notifications/{ident}/open": CALL_PAGES,
    "comments POST /notifications/read": CALL_PAGES,
    "comments POST /notifications/email": OWN_EMAIL,
}


# The pipeline: a seller sees and moves only the deals on their own accounts (test_pipeline).
PIPELINE_LISTS = "test_seller_sees_only_own_deals_on_board_table_and_api"
PIPELINE_DEAL = "test_seller_cannot_open_or_move_another_sellers_deal"
PIPELINE = {
    "pipeline GET /pipeline": PIPELINE_LISTS,
    "pipeline GET /deals/{ident}": PIPELINE_DEAL,
    "pipeline POST /deals/{ident}/stage": PIPELINE_DEAL,
    "pipeline-api GET /pipeline": PIPELINE_LISTS,
    "pipeline-api GET /pipeline/deals/{ident}": PIPELINE_DEAL,
    "pipeline-api POST /pipeline/deals/{ident}/stage": PIPELINE_DEAL,
}

# The forms' pickers (scoped like every list) and one's own profile; the users pages are for
# admins only (403 for everyone else).
PEOPLE = {
    "pickers GET /choices/{what}": "test_choices_endpoint_is_scoped_to_what_the_caller_may_see",
    "profile GET /me": "test_profile_needs_sign_in_and_csrf",
    "profile POST /me": "test_profile_needs_sign_in_and_csrf",
    "profile GET /admin/users": "test_only_admins_manage_users",
    "profile POST /admin/users": "test_only_admins_manage_users",
    "profile GET /admin/users/{username}": "test_only_admins_manage_users",
    "profile POST /admin/users/{username}": "test_only_admins_manage_users",
    "profile POST /admin/users/{username}/password": "test_only_admins_manage_users",
}

# Search: the page and the API answer only what the caller may see (test_search).
SEARCH = {
    "search GET /search": "test_search_page_finds_a_call_by_a_phrase_only_for_those_who_may_see_it",
    "search-api GET /search": "test_search_api_is_scoped",
}


MODULES = (("api", api), ("pages", pages), ("session", session), ("live", live))


def _routes() -> set[str]:
    found = set()
    plurals = {f"/{k.plural}" for k in KINDS.values()}
    routers = [(name, module.router) for name, module in MODULES]
    routers += [
        ("assess", assess.pages),
        ("assess-api", assess_api.router),
        ("review", review.router),
        ("mail", mail.router),
        ("owners", owners.router),
        ("comments", comments.pages),
        ("comments-api", comments.api),
        ("pipeline", pipeline.pages),
        ("pipeline-api", pipeline.api),
        ("pickers", pickers.router),
        ("profile", profile.router),
        ("search", search.pages),
        ("search-api", search.api),
    ]
    for name, router in routers:
        for route in router.routes:
            path = route.path  # type: ignore[attr-defined]
            for plural in plurals if name == "api" else ():  # the generic routes, once
                if path == plural or path == plural + "/{ident}":
                    path = path.replace(plural, "/{plural}", 1)
            for method in sorted(getattr(route, "methods", None) or {"WS"}):
                found.add(f"{name} {method} {path}")
    return found


def test_every_route_is_public_or_tried_by_the_access_tests() -> None:
    classified = PUBLIC | set(SCOPED) | set(ASSESS) | set(REVIEW) | set(MAIL) | set(COMMENTS)
    classified |= set(OWNERS) | set(PIPELINE) | set(PEOPLE) | set(SEARCH)
    unclassified = _routes() - classified
    assert not unclassified, f"classify these routes in tests/web/test_routes.py: {unclassified}"
    assert not classified - _routes(), "a classified route no longer exists"
    for route, test in SCOPED.items():
        assert callable(getattr(test_access, test, None)), (route, test)
    for route, test in ASSESS.items():
        found = getattr(test_assess, test, None) or getattr(test_audit_campaigns, test, None)
        assert callable(found), (route, test)
    for route, test in REVIEW.items():
        assert callable(getattr(test_review, test, None)), (route, test)
    for route, test in OWNERS.items():
        assert callable(getattr(test_owners, test, None)), (route, test)
    for route, test in MAIL.items():
        assert callable(getattr(test_mail, test, None)), (route, test)
    for route, test in COMMENTS.items():
        assert callable(getattr(test_comments, test, None)), (route, test)
    for route, test in PIPELINE.items():
        assert callable(getattr(test_pipeline, test, None)), (route, test)
    for route, test in SEARCH.items():
        assert callable(getattr(test_search, test, None)), (route, test)
    for route, test in PEOPLE.items():
        found = getattr(test_people_pages, test, None) or getattr(test_profile, test, None)
        assert callable(found), (route, test)
