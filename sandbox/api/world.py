"""The world of one namespace: the system, its clock and the fakes, built from a spec.

`WorldSpec` says what to build (the demo world, an empty one, or a scenario's population);
`WorldTemplate` builds it once and keeps it pickled (in pieces, `sandbox.api.frozen`), so every
namespace and every reset starts from an exact copy in milliseconds; `SandboxWorld` is the live
copy: a `ManualClock`, the registry behind a message bus (relaying LUNA after each command), fake
CPR, LUNA and Borger.dk (built by `sandbox.system.build_system`), the tokens it issued, and per
service a request journal and seeded HTTP faults.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections import deque
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from fakes.borger_dk.backend import BorgerDkBackend
from fakes.control import HttpFaults, RequestJournal
from fakes.cpr.backend import CprBackend, Person
from fakes.luna.backend import LunaBackend
from sandbox.adapters.clock import ManualClock
from sandbox.api.demo import DEMO_SCENARIO
from sandbox.api.frozen import apart, big_containers, freeze, thaw
from sandbox.domain.decisions import Decision
from sandbox.domain.errors import SandboxError
from sandbox.domain.geography import Geography
from sandbox.domain.model import Actor, Citizen
from sandbox.service.bus import MessageBus
from sandbox.service.commands import Command
from sandbox.service.cpr_records import address_to_cpr
from sandbox.service.events import Event
from sandbox.service.store import Store
from sandbox.service.unit_of_work import UnitOfWork
from sandbox.system import Fakes, System, build_system
from sandbox.worlds.scenario import Scenario, scenario_from_mapping
from sandbox.worlds.start import StartingWorld

SERVICES = ("sygesikring", "cpr", "luna", "borger-dk")
FAKE_SERVICES = ("cpr", "luna", "borger-dk")
OFFICE_HOURS = time(9, 0)
EMPTY_SEED = 0
EMPTY_START = date(2025, 4, 9)  # the day release 1.1 took effect

# what a template keeps pickled: the registry, CPR's persons, LUNA's card opt-outs
WorldState = tuple[Store, dict[str, Person], dict[str, datetime | None]]


@dataclass(frozen=True, slots=True)
class WorldSpec:
    """Verdensopskrift - what a namespace's world is built from, and reset to: a scenario
    (the demo world is one, `sandbox.api.demo`), or nothing at all."""

    kind: str  # "demo" | "empty" | "scenario"
    scenario: Scenario | None = None

    @staticmethod
    def demo() -> WorldSpec:
        return WorldSpec("demo", scenario_from_mapping(dict(DEMO_SCENARIO), "<demo>"))

    @staticmethod
    def empty() -> WorldSpec:
        return WorldSpec("empty")

    @staticmethod
    def of(scenario: Scenario) -> WorldSpec:
        return WorldSpec("scenario", scenario)

    @property
    def seed(self) -> int:
        return self.scenario.seed if self.scenario is not None else EMPTY_SEED

    @property
    def start(self) -> datetime:
        day = self.scenario.start if self.scenario is not None else EMPTY_START
        return datetime.combine(day, OFFICE_HOURS)

    @property
    def key(self) -> str:
        """Identifies the spec for the template cache (a scenario by its content)."""
        if self.scenario is None:
            return self.kind
        source = self.scenario.source or {"name": self.scenario.name, "path": self.scenario.path}
        text = json.dumps(source, sort_keys=True, default=str)
        return f"{self.kind}:{self.scenario.seed}:" + hashlib.sha256(text.encode()).hexdigest()[:16]

    def describe(self) -> dict[str, Any]:
        scenario = self.scenario
        return {
            "kind": self.kind,
            "seed": self.seed,
            "start": self.start.isoformat(),
            "scenario": None
            if scenario is None
            else {
                "name": scenario.name,
                "path": scenario.path,
                "municipalities": list(scenario.municipalities),
                "population": scenario.population,
            },
        }


APART_FROM = 5_000  # residents: a world this large is built in a child process


class WorldTemplate:
    """A built world, pickled: each namespace world unpickles its own copy.

    A scenario is built as `StartingWorld` (population, households, the cast, card opt-outs,
    Greenland's residents who will move), so a served scenario is the same world the simulator
    starts from. CPR gets every citizen (the simulator mirrors them lazily; here integrators
    may ask for anyone).
    A large one is built and pickled in a child process (`sandbox.api.frozen.apart`): seconds
    of Python that would otherwise hold the GIL against every other namespace's requests.
    The bytes are the same either way.
    """

    def __init__(self, spec: WorldSpec, apart_from: int = APART_FROM) -> None:
        population = spec.scenario.population if spec.scenario is not None else 0
        if population >= apart_from:
            self.citizens, self._frozen = apart(build_frozen, spec)
        else:
            self.citizens, self._frozen = build_frozen(spec)

    def fresh(self) -> WorldState:
        registry, persons, opt_outs = thaw(self._frozen)
        assert isinstance(registry, Store)
        return registry, persons, opt_outs


def build_frozen(spec: WorldSpec) -> tuple[int, bytes]:
    """The world of ``spec`` built and pickled (`sandbox.api.frozen.freeze`), and its number
    of citizens."""
    state = build_state(spec)
    registry, persons, opt_outs = state
    return registry.citizen_count(), freeze(state, big_containers(registry, persons, opt_outs))


def build_state(spec: WorldSpec) -> WorldState:
    """The world of ``spec`` as `WorldTemplate.fresh` gives copies of it: the registry, CPR's
    persons (every citizen among them) and LUNA's card opt-outs."""
    registry = Store()
    persons: dict[str, Person] = {}
    opt_outs: dict[str, datetime | None] = {}
    if spec.scenario is not None:
        built = StartingWorld(spec.scenario)
        registry = built.registry
        persons = dict(built.cpr_backend.persons)
        opt_outs = dict(built.luna_backend.opt_outs)
    for citizen in registry.all_citizens():
        if citizen.cpr not in persons:
            persons[citizen.cpr] = person_of(citizen)
    return registry, persons, opt_outs


def person_of(citizen: Citizen) -> Person:
    """The CPR record of a citizen of the registry."""
    return Person(
        cpr=citizen.cpr,
        name=citizen.name,
        birth_date=citizen.birth_date,
        status=citizen.status,
        address=address_to_cpr(citizen.address),
        civil_status=str(citizen.civil_status),
        spouse=citizen.spouse,
        parents=citizen.parents,
        custody_holders=citizen.custody_holders,
        protected=citizen.protected,
    )


class TokenIssuer:
    """Adgangsnøgler - bearer tokens for staff roles, derived with HMAC from the world's key
    (the server secret's, per namespace and seed) and a counter (never uuid4), so a replayed
    test gets the same tokens from the same server. The message holds the actor, so a token
    issued again after a reset always names the same actor it named before."""

    def __init__(self, key: str) -> None:
        self._key = key.encode()
        self._issued = 0
        self.actors: dict[str, Actor] = {}

    def issue(self, actor: Actor) -> str:
        self._issued += 1
        message = f"{self._issued}:{actor.role}:{actor.user_id}:{actor.municipality_code}"
        token = "sbx-" + hmac.new(self._key, message.encode(), hashlib.sha256).hexdigest()[:32]
        self.actors[token] = actor
        return token

    def actor(self, token: str) -> Actor | None:
        return self.actors.get(token)


class DecisionTrail:
    """Afgørelsesspor - the decisions the request being answered made, in order, so an accepted
    command's answer explains itself as a refusal does (`CaseOut.decisions`).

    A journal on the bus; `SandboxWorld.send` empties it before each request's command, so the
    follow-up relay to LUNA stays part of the same answer."""

    def __init__(self) -> None:
        self.made: list[tuple[str, Decision]] = []

    def command(self, command: Command, uow: UnitOfWork) -> None:
        pass

    def event(self, event: Event, uow: UnitOfWork) -> None:
        pass

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        self.made.append((subject, decision))

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None:
        pass


class SandboxWorld:
    """Verden i et navnerum - one namespace's system, clock and fakes."""

    def __init__(
        self,
        namespace: str,
        spec: WorldSpec,
        template: WorldTemplate,
        geography: Geography,
        key: str | None = None,
    ) -> None:
        # ``key`` signs this world's staff tokens and MitID sessions: derived from the server's
        # secret (`ServerKeys.world_key`), never from what the API shows (namespace, seed)
        key = key if key is not None else secrets.token_hex(32)
        self.namespace = namespace
        self.spec = spec
        self.geography = geography
        self.clock = ManualClock(spec.start)
        registry, persons, opt_outs = template.fresh()
        self.cpr = CprBackend()
        self.cpr.persons = persons
        self.luna = LunaBackend(seed=spec.seed, journal_limit=10_000)
        self.luna.opt_outs = opt_outs
        self.borger_dk = BorgerDkBackend(
            key,
            person_exists=self.cpr.persons.__contains__,
            municipalities=[m.code for m in geography.municipalities()],
        )
        self.trail = DecisionTrail()
        self.system: System = build_system(
            self.clock,
            registry=registry,
            fakes=Fakes(cpr=self.cpr, luna=self.luna, borger_dk=self.borger_dk),
            geography=geography,
            journals=[self.trail],
            relay_after_each_command=True,
        )
        self.bus: MessageBus = self.system.bus
        self.tokens = TokenIssuer(key)
        self.journals = {service: RequestJournal() for service in SERVICES}
        self.faults = {service: HttpFaults(seed=spec.seed) for service in FAKE_SERVICES}
        self.cpr_delivery = "immediate"
        self.job_log: deque[dict[str, Any]] = deque(maxlen=1000)

    def send(self, command: Command) -> Any:
        """Handle a request's command; its decisions are in ``trail`` until the next one."""
        self.trail.made.clear()
        return self.bus.handle(command)

    @property
    def uow(self) -> UnitOfWork:
        return self.bus.uow

    @property
    def registry(self) -> Store:
        return self.bus.uow.registry

    def today(self) -> date:
        return self.clock.today()

    def describe(self) -> dict[str, Any]:
        registry = self.registry
        return {
            "namespace": self.namespace,
            "spec": self.spec.describe(),
            "now": self.clock.now().isoformat(),
            "citizens": registry.citizen_count(),
            "practices": registry.practice_count(),
            "cases": registry.case_count(),
            "tasks": registry.task_count(),
            "outbox": len(self.uow.outbox),
            "cpr_persons": len(self.cpr.persons),
            "cpr_events": len(self.cpr.events),
            "luna_registrations": len(self.luna.registrations),
            "cpr_delivery": self.cpr_delivery,
        }
