"""The control plane, ``/_control``: reset, seed, clock, jobs, tokens, the system credential,
settings, namespaces.
Test data (``/_control/fixtures``) has its own module (`control_fixtures`).

Faults and the request journal have their own module (`control_faults`). Every route acts on
the namespace of the request's ``X-Sandbox-Namespace`` header, except the namespace list and
delete, which act across namespaces.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status

from fakes.cpr.protection import SYSTEM_CREDENTIAL_HEADER
from sandbox.api import jobs
from sandbox.api.control_schemas import (
    AdvanceIn,
    AdvanceOut,
    ClockOut,
    ClockSetIn,
    Job,
    JobRunOut,
    NamespaceOut,
    ResetIn,
    SeedIn,
    SettingsIn,
    SystemCredentialOut,
    TokenIn,
    TokenOut,
)
from sandbox.api.deps import World, current_namespace, namespace_header
from sandbox.api.namespaces import Namespace, Namespaces
from sandbox.api.routers import control_fixtures
from sandbox.api.scenario_files import ScenarioSource
from sandbox.api.security import ServerKeys, control_key_header
from sandbox.api.world import SandboxWorld, WorldSpec
from sandbox.domain.errors import InvalidInput, SandboxError
from sandbox.domain.model import Actor, Role
from sandbox.parameters.loader import default_parameters
from sandbox.worlds.scenario import Scenario, scenario_from_mapping

TAG = "Control plane"
MAX_SEED_POPULATION = 50_000

CurrentNamespace = Annotated[Namespace, Depends(current_namespace)]


class ClockBackwards(SandboxError):
    code = "CLOCK_BACKWARDS"
    kind = "conflict"
    da = "Uret kan kun gå frem: det er {now}, og {requested} ligger før."
    en = "The clock only moves forward: it is {now}, and {requested} lies before."


def namespaces_of(request: Request) -> Namespaces:
    found = request.app.state.namespaces
    assert isinstance(found, Namespaces)
    return found


def _advance(world: SandboxWorld, target: datetime) -> AdvanceOut:
    start = world.clock.now()
    if target < start:
        raise ClockBackwards(now=start.isoformat(), requested=target.isoformat())
    latest = accepted_dates(world.today())[1]
    if target.date() > latest:
        raise InvalidInput(
            field="now",
            reason_da=f"uret kan ikke gå forbi {latest.isoformat()} (api.acceptedDateRange)",
            reason_en=f"the clock cannot pass {latest.isoformat()} (api.acceptedDateRange)",
        )
    if target - start > jobs.MAX_ADVANCE:
        raise InvalidInput(
            field="now",
            reason_da=f"uret kan flyttes højst {jobs.MAX_ADVANCE.days} dage ad gangen",
            reason_en=f"the clock moves at most {jobs.MAX_ADVANCE.days} days at a time",
        )
    runs = jobs.advance_to(world, target)
    busy = [JobRunOut(**run.to_dict()) for run in runs if run.busy]
    return AdvanceOut(
        start=start, end=world.clock.now(), runs=busy, quiet_runs=len(runs) - len(busy)
    )


def accepted_dates(on: date) -> tuple[date, date]:
    """The business parameter ``api.acceptedDateRange``: the dates the edge accepts (before
    its first value, that value: the clock may stand in 1900)."""
    definition = default_parameters().definition("api.acceptedDateRange")
    bounds = definition.use(max(on, definition.starts[0])).value
    return bounds["earliest"], bounds["latest"]


def _bounded(scenario: Scenario) -> Scenario:
    """A namespace is for tests: a population the size of a country belongs in `simulate`."""
    if scenario.population > MAX_SEED_POPULATION:
        raise InvalidInput(
            field="population",
            reason_da=f"højst {MAX_SEED_POPULATION} borgere i et navnerum (brug sandbox simulate)",
            reason_en=f"at most {MAX_SEED_POPULATION} citizens in a namespace (sandbox simulate)",
        )
    return scenario


def scenarios_of(request: Request) -> ScenarioSource:
    found = request.app.state.scenarios
    assert isinstance(found, ScenarioSource)
    return found


def _inline(mapping: dict[str, Any]) -> Scenario:
    data = dict(mapping)
    if isinstance(data.get("start"), str):  # JSON has no dates; YAML files do
        with suppress(ValueError):  # else the loader names the field
            data["start"] = date.fromisoformat(data["start"])
    try:
        return scenario_from_mapping(data, "<inline>")
    except RecursionError:  # JSON nested deeper than the copy of it may go
        raise InvalidInput(
            field="scenario",
            reason_da="scenariet er indlejret for dybt",
            reason_en="the scenario is nested too deeply",
        ) from None


def _spec_of(request: Request, body: SeedIn) -> WorldSpec:
    """Only a shipped name, a file in the folder named at start, or an inline body: the
    control plane opens no other file (`sandbox.api.scenario_files`)."""
    if body.scenario_path is not None:
        return WorldSpec.of(_bounded(scenarios_of(request).load(body.scenario_path)))
    if body.scenario is not None:
        return WorldSpec.of(_bounded(_inline(body.scenario)))
    return WorldSpec.demo() if body.world == "demo" else WorldSpec.empty()


def build_router(responses: dict[int | str, dict[str, Any]]) -> APIRouter:
    router = APIRouter(
        prefix="/_control",
        tags=[TAG],
        responses=responses,
        dependencies=[Depends(namespace_header), Depends(control_key_header)],
    )

    @router.get("/namespace")
    def namespace(world: World) -> NamespaceOut:
        """This namespace's world: what it was built from, its clock and its sizes."""
        return NamespaceOut(**world.describe())

    @router.post("/reset")
    def reset(request: Request, ns: CurrentNamespace, body: ResetIn | None = None) -> NamespaceOut:
        """A fresh world from the namespace's spec (or empty): clock, data, tokens, faults,
        journals. Takes milliseconds (the population is copied, not rebuilt). ``start`` sets
        the fresh world's clock (for tests dated before the spec's start)."""
        spec = WorldSpec.empty() if body is not None and body.empty else None
        world = namespaces_of(request).reset(ns, spec)
        if body is not None and body.start is not None:  # nothing has happened yet to undo
            world.clock.set(body.start)
        return NamespaceOut(**world.describe())

    @router.post("/seed")
    def seed(request: Request, ns: CurrentNamespace, body: SeedIn) -> NamespaceOut:
        """Replace the world by a scenario's population (a shipped scenario's name, a file in
        the folder named by ``sandbox serve --scenarios DIR``, or inline), the demo world or
        an empty one; later resets return to it."""
        world = namespaces_of(request).reset(ns, _spec_of(request, body))
        return NamespaceOut(**world.describe())

    @router.get("/clock")
    async def clock(world: World) -> ClockOut:
        """The namespace's simulated time. (``async``: a read this small costs less than the
        hop to a worker thread a sync route takes; the namespace's lock is held either way.)"""
        return ClockOut(now=world.clock.now(), today=world.clock.today())

    @router.put("/clock")
    def set_clock(world: World, body: ClockSetIn) -> AdvanceOut:
        """Move the clock forward to a moment, running the jobs that fall due on the way."""
        return _advance(world, body.now)

    @router.post("/clock/advance")
    def advance(world: World, body: AdvanceIn) -> AdvanceOut:
        """Move the clock forward by a duration, running the jobs that fall due on the way."""
        delta = timedelta(
            days=body.days, hours=body.hours, minutes=body.minutes, seconds=body.seconds
        )
        if delta > jobs.MAX_ADVANCE:
            raise InvalidInput(
                field="advance",
                reason_da=f"uret kan flyttes højst {jobs.MAX_ADVANCE.days} dage ad gangen",
                reason_en=f"the clock moves at most {jobs.MAX_ADVANCE.days} days at a time",
            )
        return _advance(world, world.clock.now() + delta)

    @router.post("/jobs/{job}")
    def run_job(world: World, job: Job) -> JobRunOut:
        """Run one of the system's background jobs now."""
        return JobRunOut(**jobs.run_job(world, job).to_dict())

    @router.get("/jobs")
    def job_log(world: World) -> list[JobRunOut]:
        """The last job runs (clock advances and explicit runs), oldest first."""
        return [JobRunOut(**run) for run in world.job_log]

    @router.post("/tokens", status_code=status.HTTP_201_CREATED)
    def token(world: World, body: TokenIn) -> TokenOut:
        """A staff bearer token. Municipal roles need ``municipality_code``; the operator
        works across municipalities. Tokens are deterministic per namespace and seed."""
        role = Role(body.role)
        code = body.municipality_code
        if code is not None:
            code = world.geography.municipality(code).code
        elif role is not Role.OPERATOR:
            raise InvalidInput(
                field="municipality_code",
                reason_da="en kommunal rolle skal have en kommunekode",
                reason_en="a municipal role needs a municipality code",
            )
        actor = Actor(role, body.user_id, code)
        return TokenOut(
            token=world.tokens.issue(actor),
            role=role,
            user_id=body.user_id,
            municipality_code=code,
        )

    @router.post("/credentials/system", status_code=status.HTTP_201_CREATED)
    def system_credential(request: Request) -> SystemCredentialOut:
        """The system credential: the fake CPR shows protected persons' name and address
        (navne- og adressebeskyttelse) only to a caller that sends it, as the real CPR does
        only to authorised systems. Signed with the server's secret; the same in every
        namespace and after resets."""
        keys = request.app.state.keys
        assert isinstance(keys, ServerKeys)
        return SystemCredentialOut(
            credential=keys.system_credential(),
            header=SYSTEM_CREDENTIAL_HEADER,
            grants=["cpr:protected-persons"],
        )

    @router.put("/settings")
    def settings(world: World, body: SettingsIn) -> SettingsIn:
        """How the system receives CPR's events in this namespace."""
        world.cpr_delivery = body.cpr_delivery
        return body

    @router.get("/settings")
    def read_settings(world: World) -> SettingsIn:
        return SettingsIn(cpr_delivery=world.cpr_delivery)  # type: ignore[arg-type]

    @router.get("/namespaces")
    def list_namespaces(request: Request) -> list[str]:
        """Every namespace that exists now."""
        return namespaces_of(request).names()

    @router.delete("/namespaces/{name}", status_code=status.HTTP_204_NO_CONTENT)
    def delete_namespace(request: Request, name: str) -> Response:
        """Forget a namespace and its world (it is made afresh if used again)."""
        namespaces_of(request).delete(name)
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    control_fixtures.add_routes(router)
    return router
