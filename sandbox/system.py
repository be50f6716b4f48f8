"""One way to build the system: `build_system` and the jobs it runs in the background.

Every caller that needs a running Sygesikring builds it here: the HTTP server (one per
namespace, `sandbox.api.world`), the simulator (`sandbox.simulation.world`), the tests
(`tests.builders`), both BDD drivers (the in-process one directly, the HTTP one through the
server) and the explorer. A `System` is the store (the registry), the fakes of CPR, LUNA and
Borger.dk in this process - or the HTTP adapters to fakes served elsewhere - the clock, and the
message bus over them (`sandbox.service.bootstrap`).

The system's background jobs are listed once, in `JOBS` and `DAILY` (the order they run in
every night): the API runs them as the namespace clock passes midnight (`sandbox.api.jobs`), the
simulator every morning (`sandbox.simulation.processes.system`), the tests through
`System.run_daily_jobs`. The module sits at the top of the package because the service layer
may not know the fakes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import httpx

from fakes.borger_dk.backend import BorgerDkBackend
from fakes.cpr.backend import CprBackend
from fakes.luna.backend import LunaBackend
from sandbox.adapters.borger_dk import InProcessBorgerDk
from sandbox.adapters.http import HttpBorgerDk, HttpCpr, HttpLuna
from sandbox.adapters.in_process import InProcessCpr, InProcessLuna
from sandbox.domain.geography import Geography
from sandbox.domain.model import Actor
from sandbox.domain.parameters import Parameters
from sandbox.service import commands
from sandbox.service.bootstrap import DAILY_JOBS, bootstrap
from sandbox.service.bootstrap import JOBS as JOB_COMMANDS
from sandbox.service.bus import Journal, MessageBus
from sandbox.service.ports import BorgerDkPort, Clock, CprPort, LunaPort
from sandbox.service.store import Store
from sandbox.service.unit_of_work import UnitOfWork

RELAY_OUTBOX = "relay-outbox"
CONSUME_CPR_FEED = "consume-cpr-feed"

# every background job by name (wired once, in sandbox.service.bootstrap's table): the command
# it sends, always as the system itself; DAILY the nightly ones in their order
JOBS: dict[str, Callable[[], commands.Command]] = {
    name: partial(command, Actor.system()) for name, command in JOB_COMMANDS.items()
}
DAILY: tuple[str, ...] = DAILY_JOBS


@dataclass(slots=True)
class Fakes:
    """Forfalskninger - the fakes of CPR, LUNA and Borger.dk, living in this process."""

    cpr: CprBackend = field(default_factory=CprBackend)
    luna: LunaBackend = field(default_factory=lambda: LunaBackend(seed=1))
    borger_dk: BorgerDkBackend | None = None


@dataclass(slots=True)
class System:
    """Systemet - the bus over a store, with its clock, its ports and (in process) the fakes."""

    bus: MessageBus
    clock: Clock
    luna: LunaPort
    cpr: CprPort
    borger_dk: BorgerDkPort | None
    fakes: Fakes | None  # None when the fakes are reached over HTTP

    @property
    def uow(self) -> UnitOfWork:
        return self.bus.uow

    @property
    def registry(self) -> Store:
        return self.bus.uow.registry

    def run_daily_jobs(self) -> list[Any]:
        """The night's jobs, in order, as the system: what each returned."""
        return [self.bus.handle(JOBS[job]()) for job in DAILY]


def build_system(
    clock: Clock,
    *,
    registry: Store | None = None,
    fakes: Fakes | None = None,
    http: httpx.Client | None = None,
    cpr_adapter: Callable[[CprBackend], CprPort] = InProcessCpr,
    parameters: Parameters | None = None,
    geography: Geography | None = None,
    journals: Sequence[Journal] = (),
    relay_after_each_command: bool = True,
) -> System:
    """A ready system over ``registry`` (a new, empty one when None).

    The fakes are ``fakes`` in this process (new ones when None), or with ``http`` the ones a
    sandbox server serves, reached through the system's HTTP adapters. ``cpr_adapter`` wraps
    the in-process CPR (the simulator's skips defensive copies). ``relay_after_each_command``:
    the outbox is sent after every command (tests, API); the simulator relays from its own
    process, with LUNA's latency.
    """
    luna: LunaPort
    cpr: CprPort
    borger_dk: BorgerDkPort | None
    if http is not None:
        if fakes is not None:
            raise ValueError("build_system: fakes in process or over HTTP, not both")
        luna, cpr, borger_dk = HttpLuna(http), HttpCpr(http), HttpBorgerDk(http)
    else:
        fakes = fakes if fakes is not None else Fakes()
        luna, cpr = InProcessLuna(fakes.luna, clock), cpr_adapter(fakes.cpr)
        borger_dk = InProcessBorgerDk(fakes.borger_dk) if fakes.borger_dk is not None else None
    bus = bootstrap(
        clock=clock,
        luna=luna,
        cpr=cpr,
        borger_dk=borger_dk,
        registry=registry,
        parameters=parameters,
        geography=geography,
        journals=journals,
        relay_after_each_command=relay_after_each_command,
    )
    return System(bus, clock, luna, cpr, borger_dk, fakes)
