"""The end-of-day review page: one form for the day's waiting conversations, and the streak."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from tests.web.conftest import Site, csrf_of
from trustworks.ledger import repository, tables


def _calls(site: Site) -> dict[str, int]:
    today = dt.date.today()
    with site.ledger.session() as s:
        ids = {
            "dana": repository.add(
                s, "interaction", {"account": "Northwind", "occurred_on": today}
            ).id,  # type: ignore[attr-defined]
            "older": repository.add(
                s,
                "interaction",
                {"account": "Northwind", "occurred_on": today - dt.timedelta(days=3)},
            ).id,  # type: ignore[attr-defined]
            "ryan": repository.add(
                s, "interaction", {"account": "Contoso", "occurred_on": today}
            ).id,  # type: ignore[attr-defined]
        }
    return ids


def _count(site: Site, table: type[tables.Base]) -> int:
    with site.ledger.session() as s:
        return s.scalar(select(func.count()).select_from(table)) or 0


def test_the_review_lists_only_the_sellers_own_waiting_calls(site: Site) -> None:
    ids = _calls(site)
    page = site.browser("dana").get("/review")
    assert page.status_code == 200
    assert f'data-interaction="{ids["dana"]}"' in page.text
    assert f'data-interaction="{ids["older"]}"' in page.text
    assert f'data-interaction="{ids["ryan"]}"' not in page.text  # Ryan's, not Dana's
    assert page.text.count("<span>Was it a good use of the client&#39;s time?</span>") == 2


def test_sending_the_review_records_reflections_and_the_streak(site: Site) -> None:
    ids = _calls(site)
    client = site.browser("dana")
    token = csrf_of(client.get("/review").text)
    sent = client.post(
        "/review",
        data={
            "csrf_token": token,
            f"c{ids['dana']}.good_use_of_time": "yes",
            f"c{ids['dana']}.learned_about_goals": "Wants one invoice a month.",
            f"c{ids['older']}.gave_value": "",
            "notes": "Slow down.",
        },
    )
    assert sent.status_code == 303
    assert sent.headers["location"].endswith(f"date={dt.date.today().isoformat()}&reflected=1")
    page = client.get(sent.headers["location"])
    assert "1 reflection(s) recorded; the day is marked reviewed." in page.text
    assert "recorded" not in client.get("/review").text  # the notice only after sending
    assert "data-streak>1<" in page.text
    assert f'data-interaction="{ids["older"]}"' in page.text  # left unanswered: still waiting
    assert f'data-interaction="{ids["dana"]}"' not in page.text
    with site.ledger.session() as s:
        (row,) = s.scalars(select(tables.Reflection)).all()
        assert (
            row.good_use_of_time is True and row.learned_about_goals == "Wants one invoice a month."
        )
        mark = s.scalars(select(tables.DailyReview)).one()
        assert (mark.seller, mark.notes) == ("Dana Whitfield", "Slow down.")


def test_a_bad_answer_or_another_sellers_call_records_nothing(site: Site) -> None:
    ids = _calls(site)
    client = site.browser("dana")
    token = csrf_of(client.get("/review").text)
    bad = client.post(
        "/review",
        data={"csrf_token": token, f"c{ids['dana']}.gave_value": "yes",
              f"c{ids['older']}.felt_respected": "sort of"},
    )  # fmt: skip
    assert bad.status_code == 422
    assert "&#39;sort of&#39; is not yes or no" in bad.text
    assert 'value="yes" checked' in bad.text  # what was answered is kept in the form
    theirs = client.post("/review", data={"csrf_token": token, f"c{ids['ryan']}.gave_value": "yes"})
    assert theirs.status_code == 422 and "not one of Dana Whitfield&#39;s" in theirs.text
    no_token = client.post("/review", data={f"c{ids['dana']}.gave_value": "yes"})
    assert no_token.status_code == 403
    assert _count(site, tables.Reflection) == 0 and _count(site, tables.DailyReview) == 0


def test_the_review_needs_a_signed_in_user(site: Site) -> None:
    anonymous = site.browser()
    assert anonymous.get("/review").headers["location"] == "/login?next=/review"
    assert anonymous.post("/review", data={}).status_code == 303
    assert _count(site, tables.DailyReview) == 0


def test_a_bad_date_is_named_and_the_form_comes_back_for_today(site: Site) -> None:
    ids = _calls(site)
    client = site.browser("dana")
    token = csrf_of(client.get("/review").text)
    sent = client.post(
        "/review",
        data={"csrf_token": token, "date": "yesterday", f"c{ids['dana']}.gave_value": "yes"},
    )
    assert sent.status_code == 422
    assert "date: &#39;yesterday&#39; is not a date (use YYYY-MM-DD)" in sent.text
    assert f"End of day, {dt.date.today().isoformat()}" in sent.text
    assert _count(site, tables.Reflection) == 0
