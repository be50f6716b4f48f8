"""Mounts the console on the sandbox app: its pages, its static files, and the API docs
(Swagger UI and ReDoc) served from the `fastapi_offline` package's files, so ``/docs`` and
``/redoc`` work without a network."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from sandbox.api.errors import ERROR_RESPONSES
from sandbox.console import (
    citizen,
    clock,
    demo_control,
    player,
    staff,
    staff_actions,
    staff_work,
    trainer,
)

STATIC = Path(__file__).parent / "static"
DOCS_STATIC = Path(fastapi_offline.__file__).parent / "static"
DOCS_PREFIX = "/_docs-static"
REDOC_JS = "/_docs/redoc.standalone.js"
REDOC_CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@cache
def redoc_script() -> str:
    """ReDoc's bundle with its one outside address, the "API docs by Redocly" logo of its
    sidebar, pointed at the sandbox's own icon, so the page loads nothing from another host."""
    text = (DOCS_STATIC / "redoc.standalone.js").read_text(encoding="utf-8")
    return text.replace(REDOC_CDN_LOGO, "/console/static/favicon.svg")


def mount_console(app: FastAPI) -> None:
    """The console's pages under ``/console``, its files under ``/console/static``."""
    app.mount("/console/static", StaticFiles(directory=STATIC), name="console-static")
    for router in (
        staff.build_router(),
        staff_actions.build_router(),
        staff_work.build_router(),
        citizen.build_router(),
        clock.build_router(),
        trainer.build_router(),
        player.build_router(),
    ):
        app.include_router(router)
    # the control plane's demo steps live with the player that uses them (`demo_control`)
    app.include_router(demo_control.build_router(ERROR_RESPONSES))


def mount_offline_docs(app: FastAPI) -> None:
    """``/docs`` and ``/redoc`` with their scripts and styles served by the sandbox (the app
    is created with ``docs_url=None, redoc_url=None``)."""
    app.mount(DOCS_PREFIX, StaticFiles(directory=DOCS_STATIC), name="docs-static")
    title = app.title

    @app.get(REDOC_JS, include_in_schema=False)
    async def redoc_js() -> Response:
        return Response(redoc_script(), media_type="text/javascript; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    async def swagger(request: Request) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{title} - Swagger UI",
            swagger_js_url=f"{DOCS_PREFIX}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_PREFIX}/swagger-ui.css",
            swagger_favicon_url="/console/static/favicon.svg",
            # no validator badge: it would ask validator.swagger.io about the spec
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{title} - ReDoc",
            redoc_js_url=REDOC_JS,
            redoc_favicon_url="/console/static/favicon.svg",
            with_google_fonts=False,
        )
