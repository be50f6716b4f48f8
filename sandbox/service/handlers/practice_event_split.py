"""Opsplitning: the patients who did not choose are assigned one of the new practices (SPEC 4.1).

Called by the wind-up of a split (`sandbox.service.handlers.practice_event_deadlines`) for the
patients still listed at the old practice, without a later choice, on the day after the free
period. For each, `sandbox.domain.rules.split_assignment` picks the nearest successor open for
new patients within the citizen's distance limit (``splitPatientsAssignedToSuccessor``); the
normal GP-choice rules must allow it too. Then the municipality makes an administrative "Lægevalg"
case from that day: free (`fees.split_assignment`), registered in LUNA through the outbox like
any GP choice, a new health card through its `GpChosen` (skipped for whoever opted out of the
physical card), and a letter with a klagevejledning when LUNA completes it (template
``gp_assigned_split``). Whoever cannot be assigned is returned, to get "Manglende lægevalg".
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.case_details import Assignment
from sandbox.domain.decisions import ParameterUse
from sandbox.domain.geography import distance_km
from sandbox.domain.model import Actor, Citizen
from sandbox.domain.practice_events import PracticeEvent
from sandbox.domain.rules import fees
from sandbox.domain.rules.gp_choice import distance_limit
from sandbox.domain.rules.practice_events import free_period_end
from sandbox.domain.rules.split_assignment import (
    SplitAssignmentFacts,
    Successor,
    decide_split_assignment,
)
from sandbox.service.handlers.fees import fee_for
from sandbox.service.handlers.gp_choice import ChoicePlan, open_case
from sandbox.service.handlers.gp_choice_facts import decide_for
from sandbox.service.unit_of_work import UnitOfWork

SPLIT_ASSIGNMENT = "SPLIT_ASSIGNMENT"


def assign_split_patients(
    uow: UnitOfWork, event: PracticeEvent, citizens: list[Citizen], day: date
) -> list[Citizen]:
    """Assign each citizen a successor from ``day``; return those who could not be assigned."""
    assign = uow.parameters.use("splitPatientsAssignedToSuccessor", day)
    end, _ = free_period_end(event.effective_date, uow.parameters)
    left: list[Citizen] = []
    for citizen in citizens:
        if not _assign(uow, event, citizen, day, end, assign):
            left.append(citizen)
    return left


def _assign(
    uow: UnitOfWork,
    event: PracticeEvent,
    citizen: Citizen,
    day: date,
    end: date,
    assign: ParameterUse,
) -> bool:
    """Decide and, when allowed, open the administrative GP choice; False when not assigned."""
    limit = distance_limit(citizen.municipality_code, day, uow.parameters)
    home = citizen.address.coordinates
    successors = []
    for ydernummer in event.successors:
        practice = uow.registry.find_practice(ydernummer)
        if practice is not None:
            distance = distance_km(home, practice.address.coordinates)
            successors.append(
                Successor(ydernummer, practice.name, distance, practice.is_open_on(day))
            )
    facts = SplitAssignmentFacts(day, end, event.ydernummer, limit, assign, tuple(successors))
    decision, chosen = decide_split_assignment(facts)
    uow.decided(f"Tildeling efter opsplitning {citizen.cpr} ({event.event_id})", decision)
    if chosen is None:
        return False
    practice = uow.practice(chosen.ydernummer)
    choice = decide_for(uow, citizen, practice, day)
    uow.decided(f"Tildeling efter opsplitning {citizen.cpr} -> {practice.ydernummer}", choice)
    if not choice.allowed:
        return False
    fee = fee_for(uow, citizen, day, (fees.split_assignment(event.ydernummer, day),))
    plan = ChoicePlan(
        Actor.system(),
        practice,
        day,
        [citizen],
        decisions={citizen.cpr: choice},
        fees={citizen.cpr: fee},
        basis=SPLIT_ASSIGNMENT,
        assignment=Assignment(
            None,
            end,
            list(decision.codes),
            split_event_id=event.event_id,
            split_from=event.ydernummer,
        ),
    )
    open_case(uow, plan)
    return True
