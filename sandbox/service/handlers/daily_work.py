"""ProcessDailyWork: the system's daily due work on "Manglende lægevalg" (SPEC 3.8, 7.3).

For ``uow.today()``, every open missing-choice case due a look (`Store.missing_choice_due`, in
creation order: opened since the last run, its citizen's registrations changed, or its own start
or deadline came; one waiting for a case worker or the citizen's own choice every day - a case
nothing has changed is not visited) whose start date has come is looked at once:

1. the citizen is no longer a resident in group 1 (group 2, dormant, emigrated ...): no doctor
   is missing any more - the case is cancelled (``NO_LONGER_IN_GROUP_1``);
2. the citizen has a listing today that began with or after the case (a future-dated choice
   that has now begun, or one registered without `GpChosen` reaching the case): the case is
   completed (`sandbox.domain.rules.missing_choice.is_resolved_by`);
3. after the deadline ``choose_by`` (``missingChoiceDeadlineDays``): the municipality assigns
   the nearest practice open for new patients within the citizen's distance limit - a
   "Lægevalg" case with basis ``ADMINISTRATIVE``, free, registered in LUNA through the outbox
   like any GP choice, with a letter telling the citizen (template ``gp_assigned``); its
   `GpChosen` completes the missing-choice case. With no open practice within the limit the
   case stays open and gets ONE manual task for the case worker, who has the case from then on
   (the system does not try again while the task is open). While the citizen has a GP
   choice of their own waiting (for the doctor's acceptance or CPR's move) nothing is assigned.

It also cancels a GP choice made ahead of a move whose move CPR never reported
(`sandbox.service.handlers.ahead_of_move`, ``aheadOfMoveChoiceMaxWaitDays``), with a letter,
and lifts a name and address protection whose period has run out (SPEC 5.7,
``addressProtectionDefaultMonths``, `sandbox.service.handlers.protection.lapse_protections`),
and places a citizen who moved in and chose no group in time in group 1 (SPEC 2.2,
``groupChoiceDeadlineDays``, `sandbox.service.handlers.group_deadline.default_groups`).

Running it again the same day changes nothing (completed cases leave the index, an assigned
case is completed by its choice, the manual task is made once).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sandbox.domain.case_details import Assignment, MissingGpChoiceDetails
from sandbox.domain.danish import date_da, date_en
from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.geography import Address, Municipality
from sandbox.domain.model import (
    Actor,
    Case,
    CaseStatus,
    CaseType,
    Citizen,
    GpListing,
    GroupMembership,
    Practice,
)
from sandbox.domain.rules import fees
from sandbox.domain.rules.gp_choice import distance_limit
from sandbox.domain.rules.missing_choice import (
    AssignmentFacts,
    NearbyPractice,
    assignment_due,
    decide_administrative_assignment,
    is_resolved_by,
)
from sandbox.service.case_factory import add_manual_task, cancel_case
from sandbox.service.commands import ProcessDailyWork
from sandbox.service.handlers.ahead_of_move import expire_ahead_of_move_choices
from sandbox.service.handlers.fees import fee_for
from sandbox.service.handlers.gp_choice import ChoicePlan, open_case
from sandbox.service.handlers.gp_choice_facts import KnownPlace, decide_for, in_group_1
from sandbox.service.handlers.group_deadline import default_groups
from sandbox.service.handlers.protection import lapse_protections
from sandbox.service.missing_choice import complete_missing_choice
from sandbox.service.store import Watch
from sandbox.service.unit_of_work import UnitOfWork

ADMINISTRATIVE = "ADMINISTRATIVE"
NO_PRACTICE_TASK = "ADMINISTRATIVE_ASSIGNMENT_NOT_POSSIBLE"


class _Morning:
    """What one run of the daily work shares between its assignments: nothing in it opens or
    closes a practice or changes a parameter, and a household's members get their cases the
    same day, so the members of a home assigned the same morning share one search, one
    municipality and limit, and one explained assignment decision (immutable values)."""

    __slots__ = ("assignments", "free", "nearest", "places", "today")

    def __init__(self, today: date) -> None:
        self.today = today
        # municipality code -> the municipality and its distance limit today
        self.places: dict[str, tuple[Municipality, ParameterUse]] = {}
        # (latitude, longitude, radius in km) -> the nearest practice open today and its distance
        self.nearest: dict[tuple[float, float, float], tuple[Practice, float] | None] = {}
        # (deadline, municipality code, the nearest practice and distance) -> the decision
        self.assignments: dict[tuple[date, str, NearbyPractice | None], Decision] = {}
        # deadline -> the free reason of an administrative assignment today
        self.free: dict[date, Reason] = {}

    def place(self, uow: UnitOfWork, code: str) -> tuple[Municipality, ParameterUse]:
        found = self.places.get(code)
        if found is None:
            municipality = uow.geography.municipality(code)
            limit = distance_limit(municipality.code, self.today, uow.parameters)
            found = self.places[code] = (municipality, limit)
        return found

    def nearest_open(
        self, uow: UnitOfWork, home: Address, radius: float
    ) -> tuple[Practice, float] | None:
        key = (home.lat, home.lon, radius)
        if key in self.nearest:
            return self.nearest[key]
        today = self.today
        found = uow.registry.nearest_practice(home, radius, lambda p: p.is_open_on(today))
        self.nearest[key] = found
        return found

    def assignment(
        self,
        choose_by: date,
        municipality: Municipality,
        limit: ParameterUse,
        nearby: NearbyPractice | None,
    ) -> Decision:
        key = (choose_by, municipality.code, nearby)
        decision = self.assignments.get(key)
        if decision is None:
            found = [nearby] if nearby is not None else []
            facts = AssignmentFacts(self.today, choose_by, municipality.name, limit, found)
            decision = self.assignments[key] = decide_administrative_assignment(facts)
        return decision

    def free_reason(self, choose_by: date) -> Reason:
        reason = self.free.get(choose_by)
        if reason is None:
            reason = self.free[choose_by] = fees.administrative_assignment(choose_by, self.today)
        return reason


@dataclass(frozen=True, slots=True)
class DailyWorkResult:
    """Dagens arbejde - what the daily work did, by missing-choice case id."""

    completed: tuple[str, ...] = ()
    cancelled: tuple[str, ...] = ()
    assigned: tuple[tuple[str, str], ...] = ()  # (missing-choice case, new GP-choice case)
    manual_tasks: tuple[str, ...] = ()  # cases given a manual task today
    ahead_of_move_cancelled: tuple[str, ...] = ()  # GP choices whose move never came
    protection_lapsed: tuple[str, ...] = ()  # CPR numbers whose protection ran out today
    default_group_1: tuple[str, ...] = ()  # moved in, chose no group in time: now group 1


def process_daily_work(command: ProcessDailyWork, uow: UnitOfWork) -> DailyWorkResult:
    """Do today's due work on every open "Manglende lægevalg" case."""
    today = uow.today()
    done: dict[str, list[str]] = {"completed": [], "cancelled": [], "manual": []}
    assigned: list[tuple[str, str]] = []
    store = uow.registry
    morning = _Morning(today)  # a household's members share a home: one search a morning
    for case_id in store.missing_choice_due(today):  # no visit to a case nothing changed
        case = store.find_case(case_id)
        if case is None or not case.is_open:
            store.unwatch(Watch.MISSING_CHOICE, case_id)  # closed cases leave the watch
            continue
        outcome = _work_on(uow, case, today, morning)
        if isinstance(outcome, Case):
            assigned.append((case.case_id, outcome.case_id))
        elif outcome is not None:
            done[outcome].append(case.case_id)
        if case.status is not CaseStatus.PENDING:  # completed or cancelled just now
            store.unwatch(Watch.MISSING_CHOICE, case_id)
        else:
            store.look_again(case_id, _next_look(uow, case, today))
    expired = expire_ahead_of_move_choices(uow, today)
    return DailyWorkResult(
        tuple(done["completed"]),
        tuple(done["cancelled"]),
        tuple(assigned),
        tuple(done["manual"]),
        expired,
        lapse_protections(uow, today),
        default_groups(uow, today),
    )


def _next_look(uow: UnitOfWork, case: Case, today: date) -> date:
    """When a case left open today needs a look again, unless its citizen's registrations
    change first (the store wakes it then): its start, the day after its deadline, or - while
    it waits for a case worker or the citizen's own choice - tomorrow; and at the latest the
    next day a listing or group period of its citizen begins or ends."""
    start = _start(case)
    choose_by = case.details_as(MissingGpChoiceDetails).choose_by
    if today < start:
        due = start
    elif not assignment_due(choose_by, today):
        due = choose_by + timedelta(days=1)
    else:
        due = today + timedelta(days=1)
    citizen = uow.registry.find_citizen(case.main_cpr or "")
    if citizen is None:
        return due
    # the earliest edge of a period between today and ``due`` (no list of every edge made)
    histories: tuple[Sequence[GpListing], Sequence[GroupMembership]] = (
        citizen.listing_history(),
        citizen.group_history(),
    )
    for history in histories:
        for period in history:
            start, end = period.valid_from, period.valid_to
            if today < start < due:
                due = start
            if end is not None and today < end < due:
                due = end
    return due


def _start(case: Case) -> date:
    return case.effective_date or case.created_at.date()


def _work_on(uow: UnitOfWork, case: Case, today: date, morning: _Morning) -> Case | str | None:
    """One case: "completed", "cancelled", "manual", the assigned GP-choice case, or None."""
    citizen = uow.registry.find_citizen(case.main_cpr or "")
    start = _start(case)
    if citizen is None or today < start:
        return None
    if not (citizen.is_resident and in_group_1(citizen, today)):
        cancel_case(uow, case, "NO_LONGER_IN_GROUP_1")
        return "cancelled"
    listing = citizen.listing_on(today)
    if is_resolved_by(listing, start) and not _kept_at_closed_practice(case, listing):
        complete_missing_choice(uow, case, listing.case_id if listing else None)
        return "completed"
    if _handed_to_case_worker(uow, case):
        return None
    choose_by = case.details_as(MissingGpChoiceDetails).choose_by
    if not assignment_due(choose_by, today) or _has_pending_choice(uow, citizen):
        return None
    return _assign(uow, case, citizen, today, choose_by, morning)


def _kept_at_closed_practice(case: Case, listing: GpListing | None) -> bool:
    """The listing is the one a closure keeps until a choice (a newborn's, inherited after the
    wind-up, starts with the case): it is no choice, so it resolves nothing."""
    details = case.details_as(MissingGpChoiceDetails)
    return details.listing_kept and listing is not None and listing.ydernummer == details.ydernummer


def _handed_to_case_worker(uow: UnitOfWork, case: Case) -> bool:
    """The assignment failed once and its manual task is open: the case worker has the case,
    and the system does not assign behind their back (nor repeat the search every day)."""
    task_id = case.details_as(MissingGpChoiceDetails).assignment_task_id
    task = uow.registry.find_task(task_id) if task_id is not None else None
    return task is not None and not task.done


def _has_pending_choice(uow: UnitOfWork, citizen: Citizen) -> bool:
    """The citizen's own GP choice waits (doctor's acceptance, CPR's move, LUNA)."""
    return any(
        other.case_type is CaseType.GP_CHOICE
        and other.main_cpr == citizen.cpr
        and other.status in (CaseStatus.PENDING, CaseStatus.AWAITING_LUNA)
        for other in uow.registry.cases_of(citizen.cpr)
    )


def _assign(
    uow: UnitOfWork,
    case: Case,
    citizen: Citizen,
    today: date,
    choose_by: date,
    morning: _Morning,
) -> Case | str | None:
    """The nearest open practice within the limit, as an administrative GP choice; or a task."""
    municipality, limit = morning.place(uow, citizen.municipality_code)
    # an address is a point: no `Coordinates` made for the search
    found = morning.nearest_open(uow, citizen.address, float(limit.value))
    chosen = NearbyPractice(found[0].ydernummer, found[0].name, found[1]) if found else None
    decision = morning.assignment(choose_by, municipality, limit, chosen)
    uow.decided(f"Administrativ tildeling {citizen.cpr} ({case.case_id})", decision)
    if not decision.allowed or found is None or chosen is None:
        return _manual_task(uow, case, citizen, choose_by, f"{limit.value:g}")
    practice = found[0]
    # the distance, municipality and limit the search used are the rule's facts as well
    known = KnownPlace(chosen.distance_km, municipality, limit)
    choice = decide_for(uow, citizen, practice, today, known=known)
    uow.decided(f"Administrativ tildeling {citizen.cpr} -> {practice.ydernummer}", choice)
    if not choice.allowed:
        return _manual_task(uow, case, citizen, choose_by, f"{limit.value:g}")
    fee = fee_for(uow, citizen, today, (morning.free_reason(choose_by),))
    plan = ChoicePlan(
        Actor.system(),
        practice,
        today,
        [citizen],
        decisions={citizen.cpr: choice},
        fees={citizen.cpr: fee},
        basis=ADMINISTRATIVE,
        assignment=Assignment(case.case_id, choose_by, list(decision.codes)),
        nothing_pending=True,  # `_work_on` assigns only when no choice of theirs waits
    )
    assigned = open_case(uow, plan)  # its GpChosen completes the missing-choice case
    details = case.details_as(MissingGpChoiceDetails)
    # the one field written (in its optional part): noted as it is, not all the details
    if details.progress is None:
        uow.registry.before_change(details, "progress")
    else:
        uow.registry.before_change(details.progress, "assigned_in")
    details.assigned_in = assigned.case_id
    return assigned


def _manual_task(
    uow: UnitOfWork, case: Case, citizen: Citizen, choose_by: date, limit: str
) -> str | None:
    """One manual task for the case worker: no open practice within the limit."""
    details = case.details_as(MissingGpChoiceDetails)
    if details.assignment_task_id:
        return None
    task = add_manual_task(
        uow,
        case,
        citizen,
        NO_PRACTICE_TASK,
        f"Manglende lægevalg: fristen {date_da(choose_by)} er udløbet, og ingen praksis inden "
        f"for {limit} km har åben for tilgang; find en læge til borgeren",
        f"Missing GP choice: the deadline {date_en(choose_by)} has passed and no practice "
        f"within {limit} km is open for new patients; find a GP for the citizen",
    )
    uow.registry.before_details_change(case)
    details.assignment_task_id = task.task_id
    return "manual"
