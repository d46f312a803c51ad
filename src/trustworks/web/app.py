"""`create_app`: the FastAPI app with its ledger, templates, error handlers and routes."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import swagger_ui
from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

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

    app = FastAPI(
        lifespan=lifespan,
        title="Trustworks",
        version="1",
        summary="Where trust was built or spent, and the client-centric ledger, over HTTP.",
        docs_url=None,  # served below from local assets: no CDN, and within the CSP
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        dependencies=[Depends(no_nul_in_query)],
    )
    app.state.settings = settings
    app.state.ledger = ledger or open_ledger(settings.database_url)
    here = Path(str(resources.files("trustworks.web")))
    templates = Jinja2Templates(directory=here / "templates")
    install_filters(templates)
    coaching.install(templates)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=here / "static"), name="static")
    # Swagger UI 5 (it reads OpenAPI 3.1, which FastAPI writes), served from its package.
    swagger_assets = Path(swagger_ui.__file__).parent / "static"
    app.mount("/api/docs/assets", StaticFiles(directory=swagger_assets), name="api-docs-assets")
    errors.install(app)
    app.add_middleware(
        LimitsMiddleware,
        max_bytes=settings.max_request_bytes,
        hsts_seconds=HSTS_SECONDS if settings.sends_hsts else None,
    )
    app.include_router(session.router)
    app.include_router(pages.router)
    app.include_router(live.router)
    app.include_router(api.router, prefix=API_PREFIX)
    app.include_router(stories.pages)
    app.include_router(stories.api, prefix=API_PREFIX)
    app.include_router(assess.pages)
    app.include_router(assess_api.router, prefix=API_PREFIX)
    app.include_router(review.router)
    app.include_router(coaching.pages)
    app.include_router(coaching.api, prefix=API_PREFIX)
    if settings.smtp is not None:  # notification e-mails, sent off the request path
        app.state.mailer = Mailer(app.state.ledger, settings.smtp, settings.public_url)
    app.include_router(pipeline_routes.pages)
    app.include_router(pipeline_routes.api, prefix=API_PREFIX)
    app.include_router(call_library.pages)
    app.include_router(mail_routes.router)
    app.include_router(call_library.api, prefix=API_PREFIX)
    app.include_router(pickers_router, prefix=API_PREFIX)
    app.include_router(site_search.pages)
    app.include_router(site_search.api, prefix=API_PREFIX)
    app.include_router(profile_router)
    app.include_router(account_owners.router)

    @app.get("/api/docs", include_in_schema=False)
    def api_docs(request: Request) -> Response:
        page: Response = templates.TemplateResponse(request, "api_docs.html", {})
        return page

    return app


def app_from_environment() -> FastAPI:
    """The app as `trustworks serve` starts it in each worker process (settings from env)."""
    settings = settings_from_environment(os.environ.get(ENV_VAR))
    # Compile the signal catalogue and its literal index (about a second) before the worker
    # takes requests, not on its first analysis or its 5,000th utterance, where a live socket
    # would stall the worker's event loop with it.
    engine_for(default_catalogue()).index_literals()
    return create_app(settings)
