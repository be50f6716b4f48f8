"""Case workers find a GP for the citizens the daily work could not assign one.

After a "Manglende lægevalg" deadline the daily work assigns the nearest practice open for new
patients within the distance limit; when there is none, the case stays open with one manual
task (`sandbox.service.handlers.daily_work`). In the municipality a case worker then finds a
doctor: here, some days later (exponential, mean ``life.case_worker_task_days_mean``), the
nearest practice open for new patients whatever the distance, chosen for the citizen as a case
worker (beyond the limit the choice waives home visits). Without them such cases would stay
open for good, and the daily work would try each of them again every morning of the run.
"""

from __future__ import annotations

import random
from collections.abc import Generator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sandbox.domain.case_details import MissingGpChoiceDetails
from sandbox.domain.model import OPEN_CASE_STATUSES, Case, CaseType, Citizen
from sandbox.service import views
from sandbox.service.commands import ChooseGp
from sandbox.simulation.processes.common import SECONDS_PER_DAY, case_worker

if TYPE_CHECKING:
    from sandbox.simulation.world import World

WORK_HOUR = 10.0  # after the morning's daily work
SEARCH_RADII_KM = (25.0, 50.0, 100.0, 400.0)


def start(world: World) -> None:
    world.env.process(work_the_tasks(world))


def work_the_tasks(world: World) -> Generator[Any, Any, None]:
    rng = world.streams.get("case_work")
    mean_days = world.scenario.life["case_worker_task_days_mean"]
    due: dict[str, datetime] = {}  # missing-choice case id -> when a case worker gets to it
    held: dict[str, Case] = {}  # the open missing-choice cases of the last morning
    yield world.env.timeout(WORK_HOUR * 3600.0)
    while True:
        now = world.clock.now()
        for case in stuck_cases(world, held):
            when = due.get(case.case_id)
            if when is None:
                days = rng.expovariate(1.0 / mean_days) if mean_days > 0 else 0.0
                when = due[case.case_id] = now + timedelta(days=days)
            if when <= now:
                del due[case.case_id]
                find_a_doctor(world, rng, case)
        yield world.env.timeout(SECONDS_PER_DAY)


def stuck_cases(world: World, held: dict[str, Case] | None = None) -> list[Case]:
    """Open missing-choice cases with the daily work's manual task (the index stays small).

    ``held``: the cases the last morning's look found, by id, kept up to date here. A case
    stays watched for weeks, and one that was there yesterday is the same case today (the
    look is made between commands, and a rollback takes back only the failing command's), so
    the store is asked only for the cases new since (its index holds every case of the run)."""
    # visited every morning (a national year: thousands of open cases a day): a case without
    # the manual task is passed over before its task is looked for
    uow = world.bus.uow
    find_case, find_task = views.find_case, views.find_task
    known = held if held is not None else {}
    watched: dict[str, Case] = {}
    found = []
    # `Case.is_open` read as what it is, without the property's call for each case
    open_statuses, missing = OPEN_CASE_STATUSES, CaseType.MISSING_GP_CHOICE
    for case_id in views.open_missing_choice_cases(uow):
        case = known.get(case_id)
        if case is None:
            case = find_case(uow, case_id)
            if case is None:
                continue
        watched[case_id] = case
        if case.status not in open_statuses or case.case_type is not missing:
            continue
        task_id = case.details_as(MissingGpChoiceDetails).assignment_task_id
        if task_id is None:
            continue
        task = find_task(uow, task_id)
        if task is not None and not task.done:
            found.append(case)
    if held is not None:
        held.clear()
        held.update(watched)
    return found


def find_a_doctor(world: World, rng: random.Random, case: Case) -> None:
    citizen = views.known_citizen(world.bus.uow, case.main_cpr or "")
    if citizen is None or not citizen.is_resident:
        return
    ydernummer = nearest_open(world, citizen)
    if ydernummer is not None:
        actor = case_worker(rng, citizen.municipality_code)
        world.send(ChooseGp(actor, citizen.cpr, ydernummer))


def nearest_open(world: World, citizen: Citizen) -> str | None:
    """The nearest practice open for new patients today, searched in widening circles."""
    today, home = world.clock.today(), citizen.address.coordinates
    for radius in SEARCH_RADII_KM:
        found = views.nearest_practice(world.bus.uow, home, radius, lambda p: p.is_open_on(today))
        if found is not None:
            return found[0].ydernummer
    return None
