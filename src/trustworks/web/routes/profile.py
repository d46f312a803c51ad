"""A user's own profile (/me: display name, a link to change the password) and the admins'
user management (/admin/users: add a user, change a role, a manager or a ledger name, switch
a user off or on, reset a password). Users are named by username in every address."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from trustworks.errors import TrustworksError
from trustworks.ledger.passwords import MAX_LENGTH, MIN_LENGTH
from trustworks.ledger.tables import User
from trustworks.ledger.users import (
    MAX_DISPLAY_NAME,
    ROLES,
    add_user,
    change_user,
    find_user,
    list_users,
    set_display_name,
    set_password,
)
from trustworks.web.auth import Caller, form_caller, in_ledger, ledger_of, require_role
from trustworks.web.errors import status_for

router = APIRouter(include_in_schema=False)
Who = Annotated[Caller, Depends(form_caller)]
Field = Annotated[str, Form(max_length=300)]


def _page(
    request: Request, who: Caller, template: str, status: int = 200, **context: Any
) -> Response:
    context.update(user=who, csrf_token=who.csrf_token)
    page: Response = request.app.state.templates.TemplateResponse(
        request, template, context, status_code=status
    )
    return page


# ---- one's own profile --------------------------------------------------------------------


@router.get("/me")
def me_page(request: Request, who: Who, saved: str | None = None) -> Response:
    with ledger_of(request).reading() as session:
        me = find_user(session, who.username)
        shown = {"display_name": me.display_name or "", "seller": me.seller}
    return _page(
        request, who, "me.html", form=shown, saved=saved, error=None, most=MAX_DISPLAY_NAME
    )


@router.post("/me")
async def me_submit(request: Request, who: Who, display_name: Field = "") -> Response:
    try:
        await in_ledger(request, lambda s: set_display_name(s, who.username, display_name))
    except TrustworksError as exc:
        form = {"display_name": display_name, "seller": who.scope.seller}
        return _page(
            request,
            who,
            "me.html",
            status_for(exc),
            form=form,
            saved=None,
            error=str(exc),
            most=MAX_DISPLAY_NAME,
        )
    return RedirectResponse("/me?saved=1", status_code=303)


# ---- admins: the users --------------------------------------------------------------------


def _row(user: User, managers: dict[int, str]) -> dict[str, Any]:
    return {
        "username": user.username,
        "display_name": user.display_name or "",
        "seller": user.seller,
        "role": user.role,
        "manager": managers.get(user.manager_id or 0, ""),
        "active": user.active,
    }


def _users(session: Session) -> list[dict[str, Any]]:
    found = list_users(session)
    names = {u.id: u.username for u in found}
    return [_row(u, names) for u in found]


def _users_page(
    request: Request,
    who: Caller,
    status: int = 200,
    *,
    error: str | None = None,
    form: dict[str, str] | None = None,
    saved: str | None = None,
) -> Response:
    with ledger_of(request).reading() as session:
        users = _users(session)
    return _page(
        request,
        who,
        "admin_users.html",
        status,
        users=users,
        roles=ROLES,
        error=error,
        form=form or {"role": "seller"},
        saved=saved,
        min_length=MIN_LENGTH,
        max_length=MAX_LENGTH,
    )


@router.get("/admin/users")
def users_page(request: Request, who: Who, saved: str | None = None) -> Response:
    require_role(who, "admin")
    return _users_page(request, who, saved=saved)


@router.post("/admin/users")
async def add_user_submit(
    request: Request,
    who: Who,
    username: Field = "",
    seller: Field = "",
    role: Field = "seller",
    manager: Field = "",
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Add a user with a first password the admin hands over; they change it at /password."""
    require_role(who, "admin")

    def add(session: Session) -> str:
        made = add_user(
            session, username, password, role, seller=seller or None, manager=manager or None
        )
        return made.username

    try:
        made = await in_ledger(request, add)
    except TrustworksError as exc:
        form = {"username": username, "seller": seller, "role": role, "manager": manager}
        return _users_page(request, who, status_for(exc), error=str(exc), form=form)
    return RedirectResponse(f"/admin/users?saved={quote(made)}", status_code=303)


@router.get("/admin/users/{username}")
def user_page(request: Request, who: Who, username: str, saved: str | None = None) -> Response:
    require_role(who, "admin")
    return _user_form(request, who, username, saved=saved)


def _user_form(
    request: Request,
    who: Caller,
    username: str,
    status: int = 200,
    *,
    error: str | None = None,
    saved: str | None = None,
) -> Response:
    with ledger_of(request).reading() as session:
        target = find_user(session, username)
        users = _users(session)
    row = next(u for u in users if u["username"] == target.username)
    others = [u["username"] for u in users if u["username"] != target.username]
    return _page(
        request,
        who,
        "admin_user.html",
        status,
        target=row,
        roles=ROLES,
        managers=others,
        error=error,
        saved=saved,
        min_length=MIN_LENGTH,
        max_length=MAX_LENGTH,
    )


@router.post("/admin/users/{username}")
async def user_submit(
    request: Request,
    who: Who,
    username: str,
    role: Field = "",
    seller: Field = "",
    manager: Field = "",
    display_name: Field = "",
    active: Field = "",
) -> Response:
    """Change a user's role, manager, names, or whether they may sign in (switching someone
    off or changing their role signs them out everywhere; the last admin stays an admin)."""
    require_role(who, "admin")

    def change(session: Session) -> str:
        user = change_user(
            session,
            username,
            role=role or None,
            seller=seller or None,
            manager=manager,
            active={"yes": True, "no": False}.get(active),
        )
        set_display_name(session, user.username, display_name)
        return user.username

    try:
        name = await in_ledger(request, change)
    except TrustworksError as exc:
        if status_for(exc) == 404:
            raise
        return _user_form(request, who, username, status_for(exc), error=str(exc))
    return RedirectResponse(f"/admin/users/{quote(name)}?saved=1", status_code=303)


@router.post("/admin/users/{username}/password")
async def user_password_submit(
    request: Request,
    who: Who,
    username: str,
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """An admin sets a new password for someone who forgot theirs; they are signed out."""
    require_role(who, "admin")
    try:
        await in_ledger(request, lambda s: set_password(s, username, password))
    except TrustworksError as exc:
        if status_for(exc) == 404:
            raise
        return _user_form(request, who, username, status_for(exc), error=str(exc))
    return RedirectResponse(f"/admin/users/{quote(username)}?saved=password", status_code=303)
