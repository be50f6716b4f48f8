"""Case workers find a GP for a citizen the daily work could not assign one (processes/casework)."""

from __future__ import annotations

from dataclasses import replace

import scenarios
from sandbox.domain.geography import distance_km
from sandbox.domain.model import Case, CaseStatus, CaseType, Citizen, Role
from sandbox.service import views
from sandbox.service.case_factory import open_missing_gp_choice
from sandbox.simulation.processes.casework import stuck_cases
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario


def _smoke_with_doctors() -> tuple[World, list[Citizen]]:
    """The smoke world for 29 days (the region's monthly review of open practices, on day 30,
    stays out of the way) and its residents with a doctor today."""
    path = scenarios.path_of("smoke")
    assert path is not None
    world = World(replace(load_scenario(path), duration_days=29))
    today = world.clock.today()
    residents = [c for c in world.registry.all_citizens() if c.is_resident and c.doctor_on(today)]
    return world, residents


def test_a_case_worker_chooses_the_nearest_open_practice_beyond_the_limit() -> None:
    world, residents = _smoke_with_doctors()
    today, registry = world.clock.today(), world.registry
    # the practice and the resident farthest apart; every other practice closes to newcomers
    far, citizen = max(
        ((p, c) for p in registry.all_practices() for c in residents[:300]),
        key=lambda pc: distance_km(pc[0].address.coordinates, pc[1].address.coordinates),
    )
    limit = world.geography.municipality(citizen.municipality_code).distance_limit_km
    assert distance_km(far.address.coordinates, citizen.address.coordinates) > limit
    for practice in registry.all_practices():
        practice.set_open(today, practice is far)
    case = open_missing_gp_choice(world.bus.uow, citizen, today, "TEST")

    world.run()

    assert case.details.assignment_task_id, "the daily work could not assign a doctor"
    assert case.status is CaseStatus.COMPLETED
    assert citizen.doctor_on(world.clock.today()) == far.ydernummer
    chosen = registry.case(case.details.resolved_by)
    assert chosen.case_type is CaseType.GP_CHOICE
    assert chosen.actor.role is Role.CASE_WORKER
    assert "BEYOND_DISTANCE_LIMIT" in chosen.details.decision_codes
    assert registry.task(case.details.assignment_task_id).done


def test_the_case_workers_find_the_same_cases_with_the_last_mornings_cases_at_hand() -> None:
    world, residents = _smoke_with_doctors()
    today, registry = world.clock.today(), world.registry
    kept = max(registry.all_practices(), key=lambda p: p.ydernummer)
    for practice in registry.all_practices():
        practice.set_open(today, practice is kept)
    for citizen in residents[:40]:  # most beyond the one open practice's distance limit
        open_missing_gp_choice(world.bus.uow, citizen, today, "TEST")
    held: dict[str, Case] = {}
    found: list[int] = []

    def compare(day: int) -> None:
        # the same cases, in the same order, as a look at every case in the store
        stuck = stuck_cases(world, held)
        assert [c.case_id for c in stuck] == [c.case_id for c in stuck_cases(world)]
        assert list(held) == views.open_missing_choice_cases(world.bus.uow)
        found.append(len(stuck))

    world.run(compare)

    assert max(found) > 0, "no case was ever handed to a case worker"
