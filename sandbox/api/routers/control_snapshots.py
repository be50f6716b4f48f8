"""Control plane for lasting worlds: named snapshots, forks and the journal export.

``/_control/snapshots`` saves the namespace's world under a name (with the journal that made
it), lists, restores, deletes, exports and imports them; ``POST /_control/namespaces`` makes a
new namespace from a snapshot (a copy per trainee or per test); ``/_control/journal/export``
gives the namespace's journal as JSON Lines or as a Danish Gherkin draft. Snapshots are shared
by all namespaces of the server. An exported snapshot is JSON (spec + journal, no pickle): the
importing server rebuilds its world by replaying the journal.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response, status
from pydantic import BaseModel, Field
from starlette.types import ASGIApp

from sandbox.adapters.state_store import NamedSnapshot, NamespaceRow
from sandbox.api.control_schemas import NamespaceOut
from sandbox.api.deps import current_namespace, namespace_header
from sandbox.api.feature_draft import render_feature
from sandbox.api.journal_format import (
    FORMAT_VERSION,
    export_lines,
    sandbox_version,
    spec_from_json,
)
from sandbox.api.namespaces import NAME_PATTERN, Namespace
from sandbox.api.persistence import Persistence, replay
from sandbox.api.routers.control import TAG
from sandbox.api.world import SandboxWorld
from sandbox.domain.errors import SandboxError

CurrentNamespace = Annotated[Namespace, Depends(current_namespace)]
Name = Annotated[str, Field(pattern=NAME_PATTERN)]
EXPORT_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The journal as JSON Lines, or a Danish Gherkin draft with format=feature",
        "content": {
            "application/jsonl": {"schema": {"type": "string"}},
            "text/plain": {"schema": {"type": "string"}},
        },
    }
}


class UnknownSnapshot(SandboxError):
    code = "UNKNOWN_SNAPSHOT"
    kind = "not_found"
    da = "Øjebliksbilledet '{name}' findes ikke (se GET /_control/snapshots)."
    en = "The snapshot '{name}' does not exist (see GET /_control/snapshots)."


class SnapshotIn(BaseModel):
    name: Name


class ForkIn(BaseModel):
    """A new namespace ``name`` holding a copy of the snapshot ``from_snapshot``."""

    name: Name
    from_snapshot: Name


class SnapshotOut(BaseModel):
    name: str
    namespace: str
    now: str
    journal: int


class SnapshotFile(BaseModel):
    """An exported snapshot: the spec and the journal that build its world."""

    format: Literal["sygesikring-sandbox-snapshot"]
    format_version: int = Field(ge=1, le=FORMAT_VERSION)
    name: Name
    namespace: str = Field(max_length=64)
    origin: Name
    spec: dict[str, Any]
    journal: list[dict[str, Any]]
    now: str = Field(max_length=40)


def persistence_of(request: Request) -> Persistence:
    found = request.app.state.persistence
    assert isinstance(found, Persistence)
    return found


def _named(persistence: Persistence, name: str) -> NamedSnapshot:
    found = persistence.store.named(name)
    if found is None:
        raise UnknownSnapshot(name=name)
    return found


def _out(snapshot: NamedSnapshot) -> SnapshotOut:
    return SnapshotOut(
        name=snapshot.name,
        namespace=snapshot.namespace,
        now=snapshot.now,
        journal=len(snapshot.journal),
    )


def save(persistence: Persistence, namespace: Namespace, name: str) -> NamedSnapshot:
    """The namespace's world and history under ``name`` (its lock held)."""
    tracked = persistence.tracked(namespace.name, namespace.spec)
    entries = [json.loads(text) for _, text in persistence.store.entries(namespace.name)]
    world = namespace.world
    snapshot = NamedSnapshot(
        name=name,
        namespace=namespace.name,
        origin=tracked.row.origin,
        spec=tracked.row.spec,
        journal=entries,
        now=world.clock.now().isoformat(),
        version=sandbox_version(),
        world=persistence.pickle(world),
    )
    persistence.store.save_named(snapshot)
    return snapshot


def unpickled(persistence: Persistence, snapshot: NamedSnapshot, name: str) -> SandboxWorld | None:
    """The snapshot's world as namespace ``name``'s, if this code pickled it."""
    if snapshot.world is None:
        return None
    return persistence.unpickle(snapshot.world, snapshot.version, name)


async def restore(
    app: ASGIApp,
    persistence: Persistence,
    namespace: Namespace,
    snapshot: NamedSnapshot,
    world: SandboxWorld | None = None,
) -> SandboxWorld:
    """Put ``snapshot`` (its world unpickled already, or not) into ``namespace``, whose lock
    the caller holds."""
    world = world if world is not None else unpickled(persistence, snapshot, namespace.name)
    blob = snapshot.world if world is not None else None  # the same world, pickled already
    if world is None:  # imported, or written by other code: rebuild from the journal
        namespace.world = persistence.build(snapshot.origin, snapshot.spec, namespace.name)
        namespace.spec = namespace.world.spec
        await replay(app, namespace.name, snapshot.journal)
    else:
        namespace.world, namespace.spec = world, world.spec
    row = NamespaceRow(namespace.name, snapshot.origin, snapshot.spec)
    entries = [json.dumps(e, ensure_ascii=False) for e in snapshot.journal]
    persistence.adopt(row, entries, namespace.world, blob)
    return namespace.world


async def fork(
    app: ASGIApp, persistence: Persistence, name: str, snapshot: NamedSnapshot
) -> SandboxWorld:
    """A new namespace ``name`` holding ``snapshot``."""
    world = unpickled(persistence, snapshot, name)
    placeholder = world or persistence.build(snapshot.origin, snapshot.spec, name)
    namespace = persistence.namespaces.adopt(name, placeholder)
    taken = namespace.lock.acquire(blocking=False)  # new, and nothing awaited since adopt
    assert taken
    try:
        return await restore(app, persistence, namespace, snapshot, world)
    except BaseException:
        persistence.namespaces.drop(name)
        raise
    finally:
        namespace.lock.release()


def build_router(responses: dict[int | str, dict[str, Any]]) -> APIRouter:
    router = APIRouter(
        prefix="/_control",
        tags=[TAG],
        responses=responses,
        dependencies=[Depends(namespace_header)],
    )

    @router.post("/snapshots", status_code=status.HTTP_201_CREATED)
    def save_snapshot(request: Request, ns: CurrentNamespace, body: SnapshotIn) -> SnapshotOut:
        """Save this namespace's world under a name (replacing one of that name)."""
        return _out(save(persistence_of(request), ns, body.name))

    @router.get("/snapshots")
    def list_snapshots(request: Request) -> list[SnapshotOut]:
        """Every named snapshot of the server, by name."""
        return [SnapshotOut(**row) for row in persistence_of(request).store.named_list()]

    @router.post("/snapshots/import", status_code=status.HTTP_201_CREATED)
    def import_snapshot(
        request: Request,
        body: SnapshotFile,
        name: Annotated[str | None, Query(pattern=NAME_PATTERN)] = None,
    ) -> SnapshotOut:
        """Store an exported snapshot (under ``name`` if given); its world is rebuilt from its
        journal when it is first restored or forked."""
        spec_from_json(body.spec)  # refuse a spec this sandbox cannot build, now
        snapshot = NamedSnapshot(
            name or body.name,
            body.namespace,
            body.origin,
            body.spec,
            body.journal,
            body.now,
            None,
            None,
        )
        persistence_of(request).store.save_named(snapshot)
        return _out(snapshot)

    @router.get("/snapshots/{name}")
    def export_snapshot(request: Request, name: str) -> SnapshotFile:
        """The snapshot as a file to import elsewhere (JSON: spec and journal)."""
        snapshot = _named(persistence_of(request), name)
        return SnapshotFile(
            format="sygesikring-sandbox-snapshot",
            format_version=FORMAT_VERSION,
            name=snapshot.name,
            namespace=snapshot.namespace,
            origin=snapshot.origin,
            spec=snapshot.spec,
            journal=snapshot.journal,
            now=snapshot.now,
        )

    @router.post("/snapshots/{name}/restore")
    async def restore_snapshot(request: Request, ns: CurrentNamespace, name: str) -> NamespaceOut:
        """Put the snapshot's world into this namespace (its own world is replaced)."""
        persistence = persistence_of(request)
        world = await restore(request.app, persistence, ns, _named(persistence, name))
        return NamespaceOut(**world.describe())

    @router.delete("/snapshots/{name}", status_code=status.HTTP_204_NO_CONTENT)
    def delete_snapshot(request: Request, name: str) -> Response:
        if not persistence_of(request).store.delete_named(name):
            raise UnknownSnapshot(name=name)
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    @router.post("/namespaces", status_code=status.HTTP_201_CREATED)
    async def fork_namespace(request: Request, body: ForkIn) -> NamespaceOut:
        """A new namespace from a snapshot: one per trainee or per test, from one world."""
        persistence = persistence_of(request)
        world = await fork(
            request.app, persistence, body.name, _named(persistence, body.from_snapshot)
        )
        return NamespaceOut(**world.describe())

    @router.get("/journal/export", responses=EXPORT_RESPONSE, response_model=None)
    def export_journal(
        request: Request,
        ns: CurrentNamespace,
        format: Annotated[Literal["jsonl", "feature"], Query()] = "jsonl",
    ) -> Response:
        """This namespace's journal: JSON Lines for ``sandbox replay-journal``, or a Danish
        Gherkin scenario draft (``format=feature``)."""
        persistence = persistence_of(request)
        tracked = persistence.tracked(ns.name, ns.spec)
        entries = list(persistence.store.entries(ns.name))
        if format == "feature":
            spec = tracked.row.spec
            text = render_feature(ns.name, spec, [json.loads(e) for _, e in entries])
            return Response(text, media_type="text/plain; charset=utf-8")
        lines = export_lines(ns.name, tracked.row.origin, tracked.row.spec, entries)
        return Response("".join(lines), media_type="application/jsonl")

    return router
