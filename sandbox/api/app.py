"""The sandbox's one FastAPI app: the Sygesikring API, fake CPR, LUNA and Borger.dk, and the
control plane, each under its own prefix and OpenAPI tag; OpenAPI at ``/docs``.

`create_app` is a factory (no module-level app, DESIGN.md 11): each call makes its own set of
namespaces, so two apps in one process (two tests) share nothing.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import Depends, FastAPI

from sandbox.adapters.state_store import StateStore
from sandbox.api.deps import namespace_header
from sandbox.api.errors import ERROR_RESPONSES, install_error_handlers
from sandbox.api.middleware import NamespaceMiddleware
from sandbox.api.namespaces import DEFAULT_LIMIT, Namespaces
from sandbox.api.persistence import SNAPSHOT_EVERY, Persistence
from sandbox.api.routers import control, control_faults, control_snapshots, fakes, sygesikring
from sandbox.api.world import WorldSpec

DESCRIPTION = """\
Sygesikring 1.1 as a sandbox: the system's API (self-service, case worker, administrator,
operator) and fakes of CPR, LUNA and Borger.dk, with a control plane.

* Send `X-Sandbox-Namespace: <name>` to get your own isolated world (one per test or worker).
* Staff tokens: `POST /_control/tokens`; a citizen logs in with `POST /borger-dk/mitid/login`.
* Every error has the same body: `code`, `message_da`, `message_en`, `fields` (and for a rule's
  refusal the `decision` with its reasons).
"""

TAGS = [
    {"name": "Sygesikring: self-service", "description": "Selvbetjening (a citizen's token)"},
    {"name": "Sygesikring: case worker", "description": "Sagsbehandlerklient"},
    {"name": "Sygesikring: administrator", "description": "Kommunal administrator"},
    {"name": "Sygesikring: operator", "description": "Drift (Service Desk)"},
    {"name": "Fake CPR", "description": "The Central Person Register"},
    {"name": "Fake CPR: life events", "description": "Make things happen in CPR"},
    {"name": "Fake LUNA", "description": "The regions' register"},
    {"name": "Fake Borger.dk", "description": "MitID login and self-service entry points"},
    {"name": "Control plane", "description": "Reset, seed, clock, faults, journal, tokens"},
]


def create_app(
    spec: WorldSpec | None = None,
    *,
    namespace_limit: int = DEFAULT_LIMIT,
    warm: bool = False,
    state: StateStore | None = None,
    secret: bytes | None = None,
    snapshot_every: int = SNAPSHOT_EVERY,
) -> FastAPI:
    """A new app whose namespaces start from ``spec`` (the demo world when None).

    ``warm`` builds the default namespace now, so the first request does not pay for it.
    ``state`` keeps the namespaces' journals and snapshots (an in-memory database when None:
    ephemeral, as the tests want); ``secret`` is the server's secret (the state's when None).
    """
    namespaces = Namespaces(spec if spec is not None else WorldSpec.demo(), namespace_limit)
    persistence = _persistence(namespaces, state, snapshot_every)
    app = FastAPI(
        title="Sygesikring sandbox",
        version="1.1",
        description=DESCRIPTION,
        openapi_tags=TAGS,
    )
    app.state.namespaces = namespaces
    app.state.persistence = persistence
    app.state.secret = secret if secret is not None else persistence.store.secret()
    install_error_handlers(app)
    app.add_middleware(NamespaceMiddleware, namespaces=namespaces, persistence=persistence)
    documented = [Depends(namespace_header)]
    for router in (
        *sygesikring.build_routers(ERROR_RESPONSES),
        *fakes.build_routers(ERROR_RESPONSES),
    ):
        app.include_router(router, dependencies=documented)
    app.include_router(control.build_router(ERROR_RESPONSES))
    app.include_router(control_snapshots.build_router(ERROR_RESPONSES))  # before /journal/{service}
    app.include_router(control_faults.build_router(ERROR_RESPONSES))

    @app.get("/", include_in_schema=False)
    def index() -> dict[str, Any]:
        return {
            "name": "Sygesikring sandbox",
            "docs": "/docs",
            "openapi": "/openapi.json",
            "prefixes": ["/sygesikring", "/cpr", "/luna", "/borger-dk", "/_control"],
        }

    if warm:
        namespaces.get(None)
    return app


def _persistence(namespaces: Namespaces, state: StateStore | None, every: int) -> Persistence:
    persistence = Persistence(state if state is not None else StateStore(), namespaces, every)
    namespaces.on_delete.append(persistence.forget)
    return persistence


def restored_app(spec: WorldSpec | None, state: StateStore, **options: Any) -> FastAPI:
    """An app over the state database ``state``, every namespace it holds back as it was
    (latest snapshot plus the journal after it), the default namespace warm."""
    app = create_app(spec, state=state, **options)
    persistence = app.state.persistence
    asyncio.run(persistence.restore_all(app))
    app.state.namespaces.get(None)
    return app
