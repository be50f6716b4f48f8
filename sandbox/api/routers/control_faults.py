"""Control plane for faults and the request journal: ``/_control/faults``, ``/_control/journal``.

Faults are seeded, so the same requests in the same order fail the same way on every run;
outage windows are in the namespace's simulated time. The journal answers WireMock-style
verification queries: which requests did a service see, filtered by method, path glob and
status, listed or counted. In CPR's journal, a request about a protected person shows its
names and addresses only to a caller with the system credential (as the fake CPR does).
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status

from fakes.control import HttpFaults, JournalQuery, Outage
from fakes.cpr.protection import is_protected, masked_journal_body
from sandbox.api.control_schemas import (
    CountOut,
    FakeService,
    FaultsIn,
    FaultsOut,
    JournalEntryOut,
    Service,
)
from sandbox.api.deps import World, namespace_header
from sandbox.api.routers.control import TAG
from sandbox.api.routers.fakes import SystemCredential, is_system
from sandbox.api.security import control_key_header
from sandbox.api.world import FAKE_SERVICES, SandboxWorld
from sandbox.domain.errors import InvalidInput


def _faults_out(world: SandboxWorld, service: str) -> FaultsOut:
    luna = world.luna.describe() if service == "luna" else None
    return FaultsOut(service=service, http=world.faults[service].describe(), luna=luna)


def _apply(world: SandboxWorld, service: str, body: FaultsIn) -> None:
    if service != "luna" and (body.luna_rates or body.luna_windows or body.luna_force_next):
        raise InvalidInput(
            field="luna_rates",
            reason_da="luna_*-felterne gælder kun for tjenesten luna",
            reason_en="the luna_* fields apply to the service luna only",
        )
    for window in [*body.outages, *body.luna_windows]:
        if window.end <= window.start:  # a rule on two values: not the schema's to say
            raise InvalidInput(
                field="outages",
                reason_da="et nedbrud skal slutte efter, det begynder",
                reason_en="an outage must end after it starts",
            )
    seed = body.seed if body.seed is not None else world.faults[service].seed
    world.faults[service] = HttpFaults(
        latency_ms=body.latency_ms,
        error_rate=body.error_rate,
        drop_after_commit_rate=body.drop_after_commit_rate,
        outages=[Outage(o.start, o.end) for o in body.outages],
        seed=seed,
    )
    if service == "luna":
        backend = world.luna
        backend.clear_faults()
        backend.set_faults(rates={str(k): v for k, v in body.luna_rates.items()}, seed=body.seed)
        for window in body.luna_windows:
            backend.add_window(window.start, window.end, window.kind)
        backend.force_next(*body.luna_force_next)


def _entry_out(world: SandboxWorld, entry: dict[str, Any], hide: bool) -> JournalEntryOut:
    if hide:
        persons = world.cpr.persons
        entry["body"], _ = masked_journal_body(
            entry["path"], entry["body"], lambda cpr: is_protected(persons, cpr)
        )
    return JournalEntryOut(**entry)


def _query(
    method: str | None, path: str | None, status_code: int | None, after: int
) -> JournalQuery:
    return JournalQuery(method=method, path=path, status=status_code, after=after)


def build_router(responses: dict[int | str, dict[str, Any]]) -> APIRouter:
    router = APIRouter(
        prefix="/_control",
        tags=[TAG],
        responses=responses,
        dependencies=[Depends(namespace_header), Depends(control_key_header)],
    )

    @router.get("/faults")
    def all_faults(world: World) -> list[FaultsOut]:
        return [_faults_out(world, service) for service in FAKE_SERVICES]

    @router.get("/faults/{service}")
    def faults(world: World, service: FakeService) -> FaultsOut:
        return _faults_out(world, service)

    @router.put("/faults/{service}")
    def set_faults(world: World, service: FakeService, body: FaultsIn) -> FaultsOut:
        """Replace a fake service's faults (all of them: fields left out mean none)."""
        _apply(world, service, body)
        return _faults_out(world, service)

    @router.delete("/faults/{service}")
    def clear_faults(world: World, service: FakeService) -> FaultsOut:
        """The service recovers (the seed stays)."""
        _apply(world, service, FaultsIn(seed=world.faults[service].seed))
        return _faults_out(world, service)

    Method = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3,7}$")]
    PathGlob = Annotated[str | None, Query(max_length=300, description="A glob: /luna/*")]
    Status = Annotated[int | None, Query(alias="status", ge=100, le=599)]
    After = Annotated[int, Query(ge=0, description="Only entries after this sequence")]

    @router.get("/journal/{service}")
    def journal(
        world: World,
        request: Request,
        service: Service,
        method: Method = None,
        path: PathGlob = None,
        status_code: Status = None,
        after: After = 0,
        limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
        credential: SystemCredential = None,
    ) -> list[JournalEntryOut]:
        """The requests a service received (the latest ``limit``), oldest first. In CPR's,
        names and addresses of protected persons need the system credential."""
        query = _query(method, path, status_code, after)
        entries = world.journals[service].find(query, limit)
        hide = service == "cpr" and not is_system(request, credential)
        return [_entry_out(world, entry.to_dict(), hide) for entry in entries]

    @router.get("/journal/{service}/count")
    def journal_count(
        world: World,
        service: Service,
        method: Method = None,
        path: PathGlob = None,
        status_code: Status = None,
        after: After = 0,
    ) -> CountOut:
        """How many requests matched: verify that something happened (or did not)."""
        return CountOut(
            count=world.journals[service].count(_query(method, path, status_code, after))
        )

    @router.delete("/journal/{service}", status_code=status.HTTP_204_NO_CONTENT)
    def clear_journal(world: World, service: Service) -> Response:
        world.journals[service].clear()
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    return router
