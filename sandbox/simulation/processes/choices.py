"""Citizens' and case workers' choices: GP changes, samlever declarations, group changes.

GP changes: most choose a practice within their distance limit; a share
``life.closed_doctor_via_relative_share`` aims at a relative's doctor (spouse, declared
samlever, a parent's for a child), often closed, so the release 1.1 exceptions are exercised;
the rest pick any practice of the municipality (some beyond the limit). Parents include their
children under 15 at the address now and then (one case, one letter). A choice that needs the
doctor's acceptance gets the doctor's answer a few days later (accepted 70 %).

Group changes (gruppeskift) come from citizens (valid from today to +30 days), case workers
(-14 to +30) and case workers with special rights (-1 to +1 year), at a random point of each
window and now and then just outside it (release 1.1 item 11). Samlever declarations name a
cohabitant at the same address, now and then someone else (the generic refusal).
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from sandbox.domain.model import Actor, Awaiting, Case, CaseStatus, Citizen, Role
from sandbox.service import views
from sandbox.service.commands import (
    AcceptDispensation,
    ChangeGroup,
    ChooseGp,
    DeclareSamlever,
    ForceTransferToGroup1,
    RejectDispensation,
)
from sandbox.simulation.processes.common import (
    SECONDS_PER_DAY,
    actor_for,
    case_worker,
    choose,
    choose_other,
    nearby_practices,
    per_year,
    poisson,
)

if TYPE_CHECKING:
    from sandbox.simulation.world import World

CHILD_AGE = 15
GROUP_WINDOWS = {  # role -> (days before, days after): release 1.1 item 11
    Role.CITIZEN: (0, 30),
    Role.CASE_WORKER: (14, 30),
    Role.CASE_WORKER_SPECIAL: (365, 365),
}


def start(world: World) -> None:
    poisson(
        world, "gp_changes", per_year(world, "gp_changes_per_1000_per_year"), lambda r: gp(world, r)
    )
    poisson(
        world,
        "group_changes",
        per_year(world, "group_changes_per_1000_per_year"),
        lambda r: group_change(world, r),
    )
    poisson(
        world,
        "samlever",
        per_year(world, "samlever_declarations_per_1000_per_year"),
        lambda r: samlever(world, r),
    )


def relative_doctor(world: World, rng: random.Random, citizen: Citizen) -> str | None:
    """The doctor of a spouse, a declared samlever or a parent (children), if any."""
    today = world.clock.today()
    relatives = [citizen.spouse, citizen.declared_samlever, *citizen.parents]
    found = []
    for cpr in relatives:
        relative = views.known_citizen(world.bus.uow, cpr) if cpr else None
        doctor = relative.doctor_on(today) if relative is not None else None
        if doctor is not None and doctor != citizen.doctor_on(today):
            found.append(doctor)
    return choose(rng, found) if found else None


def gp(world: World, rng: random.Random, citizen: Citizen | None = None) -> Case | None:
    today = world.clock.today()
    if citizen is None:
        citizen = world.pick_resident(rng, lambda c: c.age_on(today) >= CHILD_AGE)
    if citizen is None:
        return None
    life = world.scenario.life
    target = None
    if rng.random() < life["closed_doctor_via_relative_share"]:
        target = relative_doctor(world, rng, citizen)
    current = citizen.doctor_on(today)  # someone changing doctor picks another one
    if target is None and rng.random() < life["gp_change_nearby_share"]:
        target = choose_other(rng, nearby_practices(world, citizen), current)
    if target is None:
        practices = world.practices_in(citizen.municipality_code)
        target = choose_other(rng, practices, current) or choose(rng, practices)
    involved: tuple[str, ...] = ()
    if rng.random() < 0.3:
        involved = tuple(
            cpr
            for cpr in views.persons_at(world.bus.uow, citizen.address)
            if citizen.cpr in views.citizen(world.bus.uow, cpr).custody_holders
            and views.citizen(world.bus.uow, cpr).age_on(today) < CHILD_AGE
        )
    effective = today + timedelta(days=choose(rng, (0, 0, 0, 1, 7, 14)))
    actor = actor_for(world, rng, citizen)
    case = world.send(ChooseGp(actor, citizen.cpr, target, effective, involved))
    if (
        isinstance(case, Case)
        and case.status is CaseStatus.PENDING
        and case.awaiting is Awaiting.DOCTOR_ACCEPTANCE
    ):
        answer_later(world, rng, case)
    return case if isinstance(case, Case) else None


def answer_later(world: World, rng: random.Random, case: Case) -> None:
    """The closed (or distant) doctor answers the dispensation request in 1-10 days."""
    code = case.municipality_code
    accept = rng.random() < 0.7
    actor = case_worker(rng, code)

    def answer() -> None:
        if case.status is not CaseStatus.PENDING:
            return
        if not accept:
            reason = ("Lægen har ikke plads.", "The doctor has no room.")
        elif world.send(AcceptDispensation(actor, case.case_id)) is None:
            reason = ("Praksis er nedlagt.", "The practice has closed down.")  # refused
        else:
            return
        world.send(RejectDispensation(actor, case.case_id, *reason))

    world.later(SECONDS_PER_DAY * (1 + rng.random() * 9), answer)


def group_change(world: World, rng: random.Random) -> None:
    today = world.clock.today()
    citizen = world.pick_resident(rng, lambda c: c.age_on(today) >= CHILD_AGE)
    if citizen is None:
        return
    current = citizen.group_on(today)
    code = citizen.municipality_code
    if current is not None and current.group == 2 and rng.random() < 0.2:
        world.send(ForceTransferToGroup1(case_worker(rng, code), citizen.cpr, today))
        return
    draw = rng.random()
    special = draw > 0.9
    actor = Actor.citizen(citizen.cpr) if draw < 0.6 else case_worker(rng, code, special)
    before, after = GROUP_WINDOWS[actor.role]
    offset = -before + int(rng.random() * (before + after + 1))
    if rng.random() < 0.05:
        offset = after + 1 + int(rng.random() * 10)  # just outside: refused with its window
    group = 1 if current is not None and current.group == 2 else 2
    world.send(ChangeGroup(actor, citizen.cpr, group, today + timedelta(days=offset)))


def samlever(world: World, rng: random.Random) -> None:
    """An unmarried adult declares a samlever; mostly someone at the same address."""
    today = world.clock.today()
    citizen = world.pick_resident(
        rng, lambda c: c.spouse is None and c.age_on(today) >= 18 and c.declared_samlever is None
    )
    if citizen is None:
        return
    others = [cpr for cpr in views.persons_at(world.bus.uow, citizen.address) if cpr != citizen.cpr]
    if others and rng.random() < 0.85:
        other = choose(rng, others)
    else:
        stranger = world.pick_resident(rng)
        if stranger is None:
            return
        other = stranger.cpr
    world.send(DeclareSamlever(actor_for(world, rng, citizen), citizen.cpr, other))
    declared = views.citizen(world.bus.uow, citizen.cpr).declared_samlever
    if declared == other and rng.random() < 0.5:
        target = relative_doctor(world, rng, citizen)
        if target is not None:
            world.send(ChooseGp(Actor.citizen(citizen.cpr), citizen.cpr, target))
