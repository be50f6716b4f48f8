"""``/_control/demo``: a namespace's world set to a step of a release demo, and the demos' list.

``POST /_control/demo {"demo": "kent-samlever", "step": k}`` plays the demo from its seed to
the end of step k (`sandbox.simulation.demo_play.play`: the same script and narrator as the
terminal demo) and makes the namespace's world the simulated world as it then stands: its
registry, CPR's records and feed, LUNA's registrations and opt-outs, the outbox, the id
counters and the clock. One request, deterministic, journaled like every other (a restart
replays it), so back is step k-1 played again from the seed and restart is step 0. The
namespace keeps the demo's scenario as its spec (a later reset returns to its start) and its
staff tokens (a trainer stepping through the demo stays logged in).

Defined with the console (which mounts it) so the API package does not import the simulator's
demos; gated as the rest of the control plane (namespace header, control key when set).
"""

from __future__ import annotations

import pickle
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

from fakes.cpr.backend import Person
from fakes.schema_types import LocalDateTime, whole_value
from sandbox.api.control_schemas import NamespaceOut
from sandbox.api.deps import current_namespace, namespace_header
from sandbox.api.namespaces import Namespace
from sandbox.api.routers.control import namespaces_of
from sandbox.api.security import control_key_header
from sandbox.api.world import SandboxWorld, WorldSpec, WorldTemplate, person_of
from sandbox.service import views
from sandbox.service.store import Store
from sandbox.simulation.demo import DEMOS, TITLES_EN
from sandbox.simulation.demo_play import Played, demo_named, play
from sandbox.worlds.scenario import Scenario

TAG = "Control plane"
DEMO_NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
MAX_STEP = 1000
KEPT = 32  # played steps kept (about 0.5 MB each for a demo of 2,000 citizens)


class DemoIn(BaseModel):
    """Which demo, and the step to set the world to (0: before its first step)."""

    model_config = ConfigDict(extra="forbid")

    demo: Annotated[str, Field(pattern=DEMO_NAME_PATTERN, examples=["kent-samlever"])]
    # bounds before the validator, as `fakes.schema_types.Seed` (a whole 2.0 is 2, as elsewhere)
    step: Annotated[int, Field(ge=0, le=MAX_STEP), BeforeValidator(whole_value), Strict()] = 0


class DemoStepOut(BaseModel):
    """One step as told: when, what the script says, the trainer's note, and the blocks (each
    a command with who did it, and its items: decisions with reasons, rule, parameters and
    source; events with the ids of the cases, letters, card orders and LUNA registrations
    that appeared; errors; rows)."""

    number: int
    action: str
    at: LocalDateTime
    said_da: str
    said_en: str
    note_da: str
    note_en: str
    blocks: list[dict[str, Any]]


class DemoOut(BaseModel):
    demo: str
    title_da: str
    title_en: str
    step: int
    steps: int
    namespace: NamespaceOut
    reports: list[DemoStepOut]


class DemoInfoOut(BaseModel):
    name: str
    scenario: str
    title_da: str
    title_en: str
    steps: int


class _Given(WorldTemplate):
    """A template that hands over a state already built (the played demo's, used once)."""

    def __init__(self, state: tuple[Store, dict[str, Person], dict[str, datetime | None]]) -> None:
        self.state = state

    def fresh(self) -> tuple[Store, dict[str, Person], dict[str, datetime | None]]:
        return self.state


@dataclass(frozen=True, slots=True)
class PlayedStep:
    """A demo played to a step, kept: what each step told, and the simulated world's state
    pickled (each namespace set to the step unpickles its own copy, as from a template)."""

    scenario: Scenario
    title_da: str
    title_en: str
    step: int
    steps: int
    reports: tuple[dict[str, Any], ...]
    frozen: bytes


def _frozen(played: Played) -> bytes:
    sim = played.world
    persons = dict(sim.cpr_backend.persons)
    for citizen in views.all_citizens(sim.bus.uow):  # CPR knows everyone (the simulator
        if citizen.cpr not in persons:  # mirrors lazily)
            persons[citizen.cpr] = person_of(citizen)
    state = (
        sim.registry,
        persons,
        sim.cpr_backend,
        sim.luna_backend,
        sim.bus.uow.outbox,
        sim.bus.uow.ids,
        sim.clock.now(),
    )
    return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)


_KEPT: OrderedDict[tuple[str, int], PlayedStep] = OrderedDict()
_KEPT_GUARD = threading.Lock()


def played_step(name: str, step: int) -> PlayedStep:
    """Demo ``name`` played to ``step`` (the last `KEPT` asked for are kept: a class steps
    through the same demo, and playing costs ten times what copying does)."""
    with _KEPT_GUARD:
        found = _KEPT.get((name, step))
        if found is not None:
            _KEPT.move_to_end((name, step))
            return found
    played = play(name, step)
    made = PlayedStep(
        played.scenario,
        played.title_da,
        played.title_en,
        played.step,
        played.steps,
        tuple(report.to_dict() for report in played.reports),
        _frozen(played),
    )
    with _KEPT_GUARD:
        _KEPT[(name, step)] = made
        while len(_KEPT) > KEPT:
            _KEPT.popitem(last=False)
    return made


def world_of(played: PlayedStep, old: SandboxWorld, spec: WorldSpec, key: str) -> SandboxWorld:
    """A namespace world holding what the played demo's simulated world held at its step."""
    registry, persons, cpr, luna, outbox, ids, now = pickle.loads(played.frozen)
    opt_outs = dict(luna.opt_outs)
    world = SandboxWorld(
        old.namespace, spec, _Given((registry, persons, opt_outs)), old.geography, key
    )
    world.clock.set(now)
    # the fakes as the simulation left them: CPR's feed (the system has read it up to its
    # sequence), LUNA's registrations, counters and fault plan; the system's outbox and ids
    vars(world.cpr).update(vars(cpr))
    world.cpr.persons = persons
    limit = world.luna.journal.maxlen
    vars(world.luna).update(vars(luna))
    world.luna.journal = deque(luna.journal, maxlen=limit)
    world.uow.outbox = outbox
    world.uow.ids = ids
    world.tokens = old.tokens  # a trainer stepping through the demo stays logged in
    return world


def build_router(responses: dict[int | str, dict[str, Any]]) -> APIRouter:
    router = APIRouter(
        prefix="/_control",
        tags=[TAG],
        responses=responses,
        dependencies=[Depends(namespace_header), Depends(control_key_header)],
    )

    @router.get("/demos")
    def demos() -> list[DemoInfoOut]:
        """The release 1.1 demos: name, scenario, title in Danish and English, steps."""
        found = []
        for name in sorted(DEMOS):
            scenario = demo_named(name)
            found.append(
                DemoInfoOut(
                    name=name,
                    scenario=scenario.name,
                    title_da=scenario.description,
                    title_en=TITLES_EN.get(name, scenario.name),
                    steps=len(scenario.script),
                )
            )
        return found

    @router.post("/demo")
    def demo(
        request: Request, ns: Annotated[Namespace, Depends(current_namespace)], body: DemoIn
    ) -> DemoOut:
        """Set this namespace's world to step ``step`` of demo ``demo``, played from its seed
        (step 0: the demo's world before its first step), and tell each step up to it."""
        played = played_step(body.demo, body.step)
        spec = WorldSpec.of(played.scenario)
        namespaces = namespaces_of(request)
        old = ns.world
        namespaces.reset(ns, spec)  # the budget and the spec, as a seed does
        ns.world = world_of(played, old, spec, namespaces.keys.world_key(ns.name, spec.seed))
        return DemoOut(
            demo=body.demo,
            title_da=played.title_da,
            title_en=played.title_en,
            step=played.step,
            steps=played.steps,
            namespace=NamespaceOut(**ns.world.describe()),
            reports=[DemoStepOut(**report) for report in played.reports],
        )

    return router
