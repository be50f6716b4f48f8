"""The served app: the API (`sandbox.api.app.create_api`) with the console for people under
``/console/`` (`sandbox.console`) and the API docs at ``/docs`` and ``/redoc`` (served offline).

This is the composition root: it sits outside `sandbox.api` because the console's demo player
plays demos with the simulator (`sandbox.simulation.demo_play`), and the API itself imports
neither the simulator nor simpy (an import contract in pyproject.toml). `create_app` is a
factory (no module-level app, DESIGN.md 11): two apps in one process share nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse

from sandbox.adapters.state_store import StateStore
from sandbox.api.app import create_api
from sandbox.api.negotiation import wants_html
from sandbox.api.world import WorldSpec
from sandbox.console.routes import mount_console, mount_offline_docs


def create_app(spec: WorldSpec | None = None, **options: Any) -> FastAPI:
    """A new app whose namespaces start from ``spec`` (the demo world when None); the options
    are `create_api`'s (budget, body limit, warm, control key, scenarios, state, secret)."""
    app = create_api(spec, **options)
    mount_offline_docs(app)
    mount_console(app)

    @app.get("/", include_in_schema=False, response_model=None)
    def index(request: Request) -> dict[str, Any] | RedirectResponse:
        """What is served (JSON); a browser goes to the console."""
        if wants_html(request.headers.get("accept")):
            return RedirectResponse("/console/", status_code=303)
        return {
            "name": "Sygesikring sandbox",
            "docs": "/docs",
            "console": "/console/",
            "openapi": "/openapi.json",
            "prefixes": ["/sygesikring", "/cpr", "/luna", "/borger-dk", "/_control"],
        }

    return app


def _run_to_end(work: Coroutine[Any, Any, None]) -> None:
    """Run ``work`` to its end, also when this thread already runs an event loop (a notebook,
    a test session with a browser driver): then in a thread of its own, with its own loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(work)
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, work).result()


def restored_app(spec: WorldSpec | None, state: StateStore, **options: Any) -> FastAPI:
    """An app over the state database ``state``, every namespace it holds back as it was
    (latest snapshot plus the journal after it), the default namespace warm."""
    app = create_app(spec, state=state, **options)
    persistence = app.state.persistence
    _run_to_end(persistence.restore_all(app))
    app.state.namespaces.get(None)
    return app
