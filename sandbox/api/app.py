"""The sandbox's API as a FastAPI app: the Sygesikring API, fake CPR, LUNA and Borger.dk, and
the control plane, each under its own prefix and OpenAPI tag.

`create_api` is a factory (no module-level app, DESIGN.md 11): each call makes its own set of
namespaces, so two apps in one process (two tests) share nothing. The app that is served,
with the console for people and the offline API docs mounted on it, is `sandbox.app`'s: the
console's demo player runs the simulator, which the API itself never imports.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI

from sandbox.adapters.state_store import StateStore
from sandbox.api.body import DEFAULT_MAX_BODY
from sandbox.api.deps import namespace_header
from sandbox.api.errors import ERROR_RESPONSES, install_error_handlers
from sandbox.api.middleware import NamespaceMiddleware
from sandbox.api.namespaces import DEFAULT_BUDGET, Namespaces
from sandbox.api.persistence import SNAPSHOT_EVERY, Persistence
from sandbox.api.routers import control, control_faults, control_snapshots, fakes, sygesikring
from sandbox.api.scenario_files import ScenarioSource
from sandbox.api.security import ControlKeyMiddleware, ServerKeys
from sandbox.api.world import WorldSpec

DESCRIPTION = """\
Sygesikring 1.1 as a sandbox: the system's API (self-service, case worker, administrator,
operator) and fakes of CPR, LUNA and Borger.dk, with a control plane.

* Send `X-Sandbox-Namespace: <name>` to get your own isolated world (one per test or worker).
* Staff tokens: `POST /_control/tokens`; a citizen logs in with `POST /borger-dk/mitid/login`.
* A server started with a control key wants it on every `/_control` request, in
  `X-Sandbox-Control-Key`. Protected persons' name and address in the fake CPR need the system
  credential (`POST /_control/credentials/system`) in `X-System-Credential`.
* Every error has the same body: `code`, `message_da`, `message_en`, `fields` (and for a rule's
  refusal the `decision` with its reasons).
* Limits: a request body of at most 1 MiB by default (413 above; `sandbox serve --max-body`),
  JSON nested at most 32 deep and without lone surrogates (400); dates between 1850-01-01 and
  2200-12-31; all namespaces together within a memory budget counted in residents (409).
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


def create_api(
    spec: WorldSpec | None = None,
    *,
    namespace_budget: int = DEFAULT_BUDGET,
    max_body: int = DEFAULT_MAX_BODY,
    warm: bool = False,
    control_key: str | None = None,
    scenarios: Path | None = None,
    state: StateStore | None = None,
    secret: bytes | None = None,
    snapshot_every: int = SNAPSHOT_EVERY,
) -> FastAPI:
    """A new API app whose namespaces start from ``spec`` (the demo world when None).

    ``namespace_budget`` bounds the residents of all namespaces together; ``max_body`` is the
    largest request body in bytes (413 above). ``warm`` builds the default namespace now, so
    the first request does not pay for it. ``control_key``: every ``/_control`` request must
    carry it (None: the control plane is open). ``scenarios``: the folder
    ``POST /_control/seed`` may read scenario files from. ``state`` keeps the namespaces'
    journals and snapshots (an in-memory database when None: ephemeral, as the tests want).
    ``secret``: what tokens are signed with (when None: derived from the control key, or the
    state's own; either way tokens outlive a restart).
    """
    store = state if state is not None else StateStore()
    if secret is None and not control_key:
        secret = store.secret()  # kept in the state file, so tokens outlive a restart
    keys = ServerKeys.make(control_key, secret)  # with a key and no secret: derived from it
    namespaces = Namespaces(
        spec if spec is not None else WorldSpec.demo(), namespace_budget, keys=keys
    )
    persistence = _persistence(namespaces, store, snapshot_every)
    app = FastAPI(
        title="Sygesikring sandbox",
        version="1.1",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        docs_url=None,
        redoc_url=None,
    )
    app.state.namespaces = namespaces
    app.state.keys = keys
    app.state.scenarios = ScenarioSource(scenarios)
    app.state.persistence = persistence
    app.state.secret = keys.secret
    install_error_handlers(app)
    app.add_middleware(
        NamespaceMiddleware, namespaces=namespaces, max_body=max_body, persistence=persistence
    )
    app.add_middleware(ControlKeyMiddleware, keys=keys)  # outermost: before any namespace
    documented = [Depends(namespace_header)]
    for router in (
        *sygesikring.build_routers(ERROR_RESPONSES),
        *fakes.build_routers(ERROR_RESPONSES),
    ):
        app.include_router(router, dependencies=documented)
    app.include_router(control.build_router(ERROR_RESPONSES))
    app.include_router(control_snapshots.build_router(ERROR_RESPONSES))  # before /journal/{service}
    app.include_router(control_faults.build_router(ERROR_RESPONSES))

    if warm:
        namespaces.get(None)
    return app


def _persistence(namespaces: Namespaces, state: StateStore | None, every: int) -> Persistence:
    persistence = Persistence(state if state is not None else StateStore(), namespaces, every)
    namespaces.on_delete.append(persistence.forget)
    return persistence
