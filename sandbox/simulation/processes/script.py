"""A scenario's script: timed, named actions (the release demos), run as one process.

Each step ``{day, hour, action, ...}`` happens at that simulated time; before it, the world's
narrator (if any: `sandbox.simulation.demo`) is told, so a trainer sees who does what. Persons
and practices are named by cast key or number; ``practice`` may also be ``doctor_of:<person>``.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sandbox.domain.model import Actor, CaseStatus, Role
from sandbox.domain.practice_events import PracticeEvent
from sandbox.service import commands as c
from sandbox.service import views
from sandbox.service.cpr_records import address_to_cpr
from sandbox.simulation.processes import life, moves, practices, system
from sandbox.simulation.processes.cards import extract
from sandbox.worlds.cast import address_of

if TYPE_CHECKING:
    from sandbox.simulation.world import World

Step = dict[str, Any]


def start(world: World) -> None:
    if world.scenario.script:
        world.env.process(run(world))


def run(world: World) -> Generator[Any, Any, None]:
    for step in world.scenario.script:
        at = (step.get("day", 0) * 24 + step.get("hour", 9)) * 3600.0
        if at > world.env.now:
            yield world.env.timeout(at - world.env.now)
        if world.narrator is not None:
            world.narrator.before(step)
        result = ACTIONS[step["action"]](world, step)
        if world.narrator is not None:
            world.narrator.after(step, result)


def _actor(world: World, step: Step, cpr: str) -> Actor:
    who = step.get("actor", "citizen")
    if who == "citizen":
        return Actor.citizen(cpr)
    citizen = views.known_citizen(world.bus.uow, cpr)
    code = str(step.get("municipality") or (citizen.municipality_code if citizen else "0787"))
    role = Role.CASE_WORKER_SPECIAL if who == "case_worker_special" else Role.CASE_WORKER
    return Actor(role, f"sb-{code}-01", code)


def _practice(world: World, name: str) -> str:
    if name.startswith("doctor_of:"):
        citizen = views.citizen(world.bus.uow, world.cast.cpr(name.split(":", 1)[1]))
        doctor = citizen.doctor_on(world.clock.today())
        return doctor or ""
    return world.cast.ydernummer(name)


def _choose_gp(world: World, step: Step) -> Any:
    cpr = world.cast.cpr(str(step["cpr"]))
    involved = tuple(world.cast.cpr(str(p)) for p in step.get("involved") or ())
    effective = world.clock.today() + timedelta(days=int(step.get("effective_in_days", 0)))
    command = c.ChooseGp(
        _actor(world, step, cpr), cpr, _practice(world, str(step["practice"])), effective, involved
    )
    return world.send(command)


def _samlever(world: World, step: Step) -> Any:
    cpr = world.cast.cpr(str(step["cpr"]))
    other = world.cast.cpr(str(step["samlever"]))
    key = None
    if step.get("moving_in_address"):
        key = address_of(step["moving_in_address"], world.geography).key
    return world.send(c.DeclareSamlever(_actor(world, step, cpr), cpr, other, key))


def _move(world: World, step: Step) -> Any:
    cpr = world.cast.cpr(str(step["cpr"]))
    world.cpr_person(cpr)
    address = address_of(step["address"], world.geography)
    return world.cpr_backend.move(cpr, address_to_cpr(address), world.clock.today())


def _from_greenland(world: World, step: Step) -> Any:
    cpr = world.cast.cpr(str(step["cpr"]))
    moves.arrive(world, cpr, address_of(step["address"], world.geography))
    return None


def _choose_greenland(world: World, step: Step) -> Any:
    cpr = world.cast.cpr(str(step["cpr"]))
    address = address_of(step["address"], world.geography)
    moving_on = world.clock.today() + timedelta(days=int(step.get("in_days", 0)))
    command = c.ChooseGpForGreenlandMove(
        _actor(world, step, cpr),
        cpr,
        address.municipality_code,
        address,
        _practice(world, str(step["practice"])),
        moving_on,
    )
    return world.send(command)


def _birth(world: World, step: Step) -> Any:
    mother = world.cast.cpr(str(step["mother"]))
    father = world.cast.cpr(str(step["father"])) if step.get("father") else None
    child = world.cast.cpr(str(step["child_cpr"]))
    world.cpr_person(mother)
    if father:
        world.cpr_person(father)
    today = world.clock.today()
    event = world.cpr_backend.birth(child, today, mother, father, None, today)
    world.mirrored(child)
    world.residents.append(child)
    return event


def _naming(world: World, step: Step) -> Any:
    life.naming(world, world.cast.cpr(str(step["cpr"])), str(step["name"]))
    return None


def _renumber(world: World, step: Step) -> Any:
    old, new = world.cast.cpr(str(step["old"])), world.cast.cpr(str(step["new"]))
    world.cpr_person(old)
    event = world.cpr_backend.renumber(old, new, world.clock.today())
    world.mirrored(new)
    world.residents.append(new)
    return event


def _practice_event(world: World, step: Step) -> Any:
    yder = _practice(world, str(step["practice"]))
    effective = world.clock.today() + timedelta(days=int(step.get("effective_in_days", 30)))
    successors = tuple(_practice(world, str(s)) for s in step.get("successors") or ())
    command = c.RegisterPracticeEvent(
        Actor.system(),
        yder,
        str(step["kind"]),
        effective,
        successors,
        bool(step.get("significant", True)),
        str(step.get("description_da", "")),
    )
    registered = world.send(command)
    if step.get("free_choices") and isinstance(registered, PracticeEvent):
        practices.free_choices(world, world.streams.get("script"), registered)
    return registered


def _opt_out(world: World, step: Step) -> Any:
    world.luna_backend.opt_out(world.cast.cpr(str(step["cpr"])), world.clock.now())
    return None


def _order_card(world: World, step: Step) -> Any:
    cpr = world.cast.cpr(str(step["cpr"]))
    reason = str(step.get("reason", "lost"))
    return world.send(c.OrderHealthCard(_actor(world, step, cpr), cpr, reason))


def _change_group(world: World, step: Step) -> Any:
    cpr = world.cast.cpr(str(step["cpr"]))
    valid = world.clock.today() + timedelta(days=int(step.get("valid_in_days", 0)))
    return world.send(c.ChangeGroup(_actor(world, step, cpr), cpr, int(step["group"]), valid))


def _outage(world: World, step: Step) -> Any:
    now = world.clock.now()
    end = now + timedelta(hours=float(step["hours"]))
    world.luna_backend.add_window(now, end, str(step.get("kind", "timeout")))
    return None


def _fault_next(world: World, step: Step) -> Any:
    kinds = [str(kind) for kind in step["kinds"]]
    if "cpr" not in step:
        world.luna_backend.force_next(*kinds)
        return None
    # aimed at a person: their case waiting for LUNA fails so (the case id is LUNA's key),
    # whatever other registrations the relay sends first
    cpr = world.cast.cpr(str(step["cpr"]))
    for case in views.cases_of(world.bus.uow, cpr):
        if case.main_cpr == cpr and case.status is CaseStatus.AWAITING_LUNA:
            world.luna_backend.force_key(case.case_id, *kinds)
            break
    return None


def _relay(world: World, step: Step) -> Any:
    return world.send(c.RelayOutbox(Actor.system()))


def _feed(world: World, step: Step) -> Any:
    system.consume_feed(world)
    return None


def _extract(world: World, step: Step) -> Any:
    code = str(step["municipality"])
    if "days" not in step:  # a random period, as the background's administrators choose
        extract(world, world.streams.get("script"), code)
        return None
    # the last ``days`` days up to today: the demo shows the rows it has just made
    today = world.clock.today()
    admin = Actor(Role.MUNICIPAL_ADMIN, f"adm-{code}", code)
    start = today - timedelta(days=int(step["days"]))
    return world.send(c.ExtractAuditLog(admin, start, today, step.get("worker")))


def _restore(world: World, step: Step) -> Any:
    cpr = world.cast.cpr(str(step["cpr"]))
    as_of = world.clock.now() - timedelta(days=float(step["as_of_days_ago"]))
    operator = Actor(Role.OPERATOR, "servicedesk-01")
    command = c.RestoreCitizenData(operator, cpr, as_of, bool(step.get("dry_run", False)))
    return world.send(command)


ACTIONS: dict[str, Callable[[World, Step], Any]] = {
    "say": lambda world, step: None,
    "choose_gp": _choose_gp,
    "declare_samlever": _samlever,
    "move": _move,
    "move_from_greenland": _from_greenland,
    "choose_gp_greenland": _choose_greenland,
    "birth": _birth,
    "naming": _naming,
    "renumber": _renumber,
    "practice_event": _practice_event,
    "opt_out": _opt_out,
    "order_card": _order_card,
    "change_group": _change_group,
    "luna_outage": _outage,
    "luna_fault_next": _fault_next,
    "consume_cpr_feed": _feed,
    "relay": _relay,
    "extract_audit_log": _extract,
    "restore_data": _restore,
}
