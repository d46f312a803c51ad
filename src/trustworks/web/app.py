"""`create_app`: the FastAPI app with its ledger, templates, error handlers and routes."""

from __future__ import annotations

import functools
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import swagger_ui
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.routing import BaseRoute, Mount

from trustworks.analysis.engine import engine_for
from trustworks.ledger.database import ENV_VAR, Ledger, open_ledger
from trustworks.signals.loader import default_catalogue
from trustworks.web import errors
from trustworks.web.forms import no_nul_in_query
from trustworks.web.mailer import Mailer
from trustworks.web.middleware import LimitsMiddleware
from trustworks.web.routes import api, assess, assess_api, live, pages, review, session, stories
from trustworks.web.routes import calls as call_library
from trustworks.web.routes import comments as coaching
from trustworks.web.routes import mail as mail_routes
from trustworks.web.routes import owners as account_owners
from trustworks.web.routes import pipeline as pipeline_routes
from trustworks.web.routes import search as site_search
from trustworks.web.routes.pickers import router as pickers_router
from trustworks.web.routes.profile import router as profile_router
from trustworks.web.settings import HSTS_SECONDS, WebSettings, settings_from_environment
from trustworks.web.templating import install_filters

API_PREFIX = "/api/v1"


def create_app(settings: WebSettings | None = None, *, ledger: Ledger | None = None) -> FastAPI:
    """The web app over the ledger at `settings.database_url` (or an already open `ledger`)."""
    settings = settings or WebSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        mailer: Mailer | None = getattr(app.state, "mailer", None)
        if mailer is not None:  # the sender thread takes no more work once the server stops
            mailer.close()

    here = Path(str(resources.files("trustworks.web")))
    # Swagger UI 5 (it reads OpenAPI 3.1, which FastAPI writes), served from its package.
    swagger_assets = Path(swagger_ui.__file__).parent / "static"
    app = FastAPI(
        lifespan=lifespan,
        title="Trustworks",
        version="1",
        summary="Where trust was built or spent, and the client-centric ledger, over HTTP.",
        docs_url=None,  # served below from local assets: no CDN, and within the CSP
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        # For routes added to this app itself; the shared ones carry it already (_routes).
        dependencies=[Depends(no_nul_in_query)],
        routes=[
            Mount("/static", StaticFiles(directory=here / "static"), name="static"),
            Mount(
                "/api/docs/assets",
                StaticFiles(directory=swagger_assets),
                name="api-docs-assets",
            ),
            *_routes(),
        ],
    )
    app.state.settings = settings
    app.state.ledger = ledger or open_ledger(settings.database_url)
    app.state.templates = _templates()
    errors.install(app)
    app.add_middleware(
        LimitsMiddleware,
        max_bytes=settings.max_request_bytes,
        hsts_seconds=HSTS_SECONDS if settings.sends_hsts else None,
    )
    if settings.smtp is not None:  # notification e-mails, sent off the request path
        app.state.mailer = Mailer(app.state.ledger, settings.smtp, settings.public_url)
    return app


@functools.cache
def _routes() -> tuple[BaseRoute, ...]:
    """The site's routes, built once a process and shared by every app made in it.

    FastAPI works out an included router's routes (each endpoint's parameters, dependencies
    and validators: some 200 routes) on the first request that reaches them, once for each
    app that includes it: 0.3-0.6 s of a core, paid by each app's first requests (and by every
    test, as each makes its own app). The routes themselves hold no app's state: an endpoint
    finds its app's ledger and settings through the request. So they are included once, into
    this router, and each app serves the same route objects from a list of its own (a route
    added to one app reaches no other). Dependency overrides (none are used) would not reach
    them: `app.dependency_overrides` applies to routes the app built itself.
    """
    site = APIRouter(dependencies=[Depends(no_nul_in_query)])
    site.include_router(session.router)
    site.include_router(pages.router)
    site.include_router(live.router)
    site.include_router(api.router, prefix=API_PREFIX)
    site.include_router(stories.pages)
    site.include_router(stories.api, prefix=API_PREFIX)
    site.include_router(assess.pages)
    site.include_router(assess_api.router, prefix=API_PREFIX)
    site.include_router(review.router)
    site.include_router(coaching.pages)
    site.include_router(coaching.api, prefix=API_PREFIX)
    site.include_router(pipeline_routes.pages)
    site.include_router(pipeline_routes.api, prefix=API_PREFIX)
    site.include_router(call_library.pages)
    site.include_router(mail_routes.router)
    site.include_router(call_library.api, prefix=API_PREFIX)
    site.include_router(pickers_router, prefix=API_PREFIX)
    site.include_router(site_search.pages)
    site.include_router(site_search.api, prefix=API_PREFIX)
    site.include_router(profile_router)
    site.include_router(account_owners.router)

    @site.get("/api/docs", include_in_schema=False)
    def api_docs(request: Request) -> Response:
        page: Response = request.app.state.templates.TemplateResponse(request, "api_docs.html", {})
        return page

    return tuple(site.routes)


@functools.cache
def _templates() -> Jinja2Templates:
    """The templates, shared by every app in the process.

    Jinja compiles a template to Python on its first render in an environment (10-100 ms a
    page, over half a second for the pages a session opens first): one environment per process
    compiles each page once, however many apps are made (the tests make one a test). Its
    filters and globals are plain functions of what a render passes them, so no app's state
    leaks into another's pages.
    """
    here = Path(str(resources.files("trustworks.web")))
    templates = Jinja2Templates(directory=here / "templates")
    install_filters(templates)
    coaching.install(templates)
    return templates


def app_from_environment() -> FastAPI:
    """The app as `trustworks serve` starts it in each worker process (settings from env)."""
    settings = settings_from_environment(os.environ.get(ENV_VAR))
    # Compile the signal catalogue and its literal index (about a second) before the worker
    # takes requests, not on its first analysis or its 5,000th utterance, where a live socket
    # would stall the worker's event loop with it.
    engine_for(default_catalogue()).index_literals()
    return create_app(settings)
