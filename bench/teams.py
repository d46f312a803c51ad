"""A root admin and two teams of sellers with their managers, as the large-ledger benchmarks seed
them (bench/web.py --library, bench/search.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from trustworks.ledger.users import add_user

TEAMS = ("north", "south")


def add_teams(session: Session, password: str, size: int) -> list[tuple[int, str]]:
    """Add "root" (admin), "<team>-lead" managers and "<team>-<k>" sellers; (id, seller) each."""
    add_user(session, "root", password, "admin", seller="Root Admin")
    sellers: list[tuple[int, str]] = []
    for team in TEAMS:
        lead = add_user(session, f"{team}-lead", password, "manager", seller=f"{team} lead")
        for k in range(size):
            user = add_user(
                session,
                f"{team}-{k}",
                password,
                "seller",
                seller=f"{team.title()} Seller {k}",
                manager=lead.username,
            )
            sellers.append((user.id, user.seller))
    session.flush()
    return sellers
