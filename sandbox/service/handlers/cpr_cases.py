"""Making cases and tasks for group changes and CPR events: one place, one shape.

`new_case` creates a case (forløb) with its first history entry and announces it;
`add_manual_task` puts a manual task (manuel opgave) on the municipality's task overview;
`open_missing_gp_choice` opens "Manglende lægevalg" for a group-1 citizen left without a
doctor (status pending, a deadline from ``missingChoiceDeadlineDays``, and a manual task), unless
one is already open; `cancel_case` cancels a pending case; `resolve_missing_choice` (an event
handler on `GpChosen`) completes the open missing-choice case once a doctor is chosen, through
`complete_missing_choice`. The
shape of a missing-choice case follows the practice-event handlers' (details ``reason``,
``choose_by``, ``task_id``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sandbox.domain.danish import date_da, date_en
from sandbox.domain.model import (
    Actor,
    Case,
    CaseStatus,
    CaseType,
    Citizen,
    Task,
    TaskKind,
)
from sandbox.service.events import CaseCompleted, CaseCreated, GpChoiceCancelled, GpChosen
from sandbox.service.unit_of_work import UnitOfWork

MISSING_TASK_CODE = "MISSING_GP_CHOICE"

MISSING_REASON_DA = {
    "MOVE_BEYOND_LIMIT": "flytning uden for kilometergrænsen",
    "NO_DOCTOR": "borgeren i gruppe 1 har ingen læge",
    "GROUP_2_TO_1": "skift fra gruppe 2 til gruppe 1",
    "FORCED_TRANSFER_TO_GROUP1": "tvungen overflytning til gruppe 1",
    "NEWBORN_WITHOUT_DOCTOR": "nyfødt uden læge hos den fødende forælder",
    "GREENLAND_ADDRESS_MISMATCH": "flytning fra Grønland til en anden adresse end oplyst",
    "MOVE_FROM_GREENLAND": "flytning fra Grønland uden lægevalg",
    "RENUMBERING": "omnummerering i CPR uden læge",
    "NO_GROUP_CHOSEN": "indrejse uden valg af sikringsgruppe og læge",
}
MISSING_REASON_EN = {
    "MOVE_BEYOND_LIMIT": "a move beyond the distance limit",
    "NO_DOCTOR": "the group-1 citizen has no GP",
    "GROUP_2_TO_1": "a change from group 2 to group 1",
    "FORCED_TRANSFER_TO_GROUP1": "a forced transfer to group 1",
    "NEWBORN_WITHOUT_DOCTOR": "a newborn whose birth-giving parent has no GP",
    "GREENLAND_ADDRESS_MISMATCH": "a move from Greenland to another address than given",
    "MOVE_FROM_GREENLAND": "a move from Greenland without a GP choice",
    "RENUMBERING": "a new CPR number without a GP",
    "NO_GROUP_CHOSEN": "moving in without choosing a group or a GP",
}


def new_case(
    uow: UnitOfWork,
    case_type: CaseType,
    citizen: Citizen,
    status: CaseStatus,
    actor: Actor,
    effective_date: date | None,
    details: dict[str, Any],
    *,
    municipality_code: str | None = None,
    involved: tuple[str, ...] = (),
) -> Case:
    """Create, register and announce a case with ``citizen`` as its main person."""
    case = Case(
        case_id=uow.ids.next("F"),
        case_type=case_type,
        municipality_code=municipality_code or citizen.municipality_code,
        main_cpr=citizen.cpr,
        involved=involved,
        status=status,
        created_at=uow.now(),
        actor=actor,
        effective_date=effective_date,
        details=details,
    )
    case.history.append((case.created_at, case.status))
    uow.registry.add_case(case)
    uow.emit(CaseCreated(case.case_id, case.case_type, case.municipality_code, case.main_cpr))
    return case


def add_manual_task(
    uow: UnitOfWork,
    case: Case | None,
    citizen: Citizen,
    code: str,
    title_da: str,
    title_en: str,
) -> Task:
    """A manual task for the case worker in the citizen's (or the case's) municipality."""
    municipality = case.municipality_code if case is not None else citizen.municipality_code
    task = Task(
        uow.ids.next("O"),
        TaskKind.MANUAL,
        municipality,
        case.case_id if case is not None else None,
        code,
        title_da,
        title_en,
        uow.now(),
        cpr=citizen.cpr,
    )
    uow.registry.add_task(task)
    if case is not None:
        case.details.setdefault("task_ids", []).append(task.task_id)
    return task


def open_missing_choice_of(uow: UnitOfWork, cpr: str) -> Case | None:
    """The citizen's open "Manglende lægevalg" case, if there is one."""
    for case in reversed(uow.registry.cases_of(cpr)):
        if case.case_type is CaseType.MISSING_GP_CHOICE and case.is_open and case.main_cpr == cpr:
            return case
    return None


def open_missing_gp_choice(
    uow: UnitOfWork,
    citizen: Citizen,
    on: date,
    reason: str,
    *,
    actor: Actor | None = None,
    details: dict[str, Any] | None = None,
    counted_from: date | None = None,
) -> Case:
    """Manglende lægevalg from ``on``, with a deadline and a task; the open one if it exists.

    The deadline counts from ``counted_from`` when given, else from the later of ``on`` and
    today: a case opened today for a gap that began earlier (a move CPR reports days late, a
    group change dated back) still gives the citizen the full time to choose, as the one known
    case gave 14 days from the municipality's request (SPEC 3.8 [C:S15b])."""
    existing = open_missing_choice_of(uow, citizen.cpr)
    if existing is not None:
        return existing
    start = counted_from or max(on, uow.today())
    deadline = uow.parameters.use("missingChoiceDeadlineDays", start)
    choose_by = start + timedelta(days=int(deadline.value))
    case = new_case(
        uow,
        CaseType.MISSING_GP_CHOICE,
        citizen,
        CaseStatus.PENDING,
        actor or Actor.system(),
        on,
        {
            "reason": reason,
            "choose_by": choose_by.isoformat(),
            "registered_in_luna": False,
            "luna": "not_required",
            "parameters": [deadline.to_dict()],
            **(details or {}),
        },
    )
    why = MISSING_REASON_DA.get(reason, reason)
    task = add_manual_task(
        uow,
        case,
        citizen,
        MISSING_TASK_CODE,
        f"Manglende lægevalg ({why}); borgeren skal vælge læge senest {date_da(choose_by)}",
        f"Missing GP choice ({MISSING_REASON_EN.get(reason, reason)}); the citizen must choose a "
        f"GP by {date_en(choose_by)}",
    )
    case.details["task_id"] = task.task_id
    return case


def cancel_case(uow: UnitOfWork, case: Case, reason: str) -> None:
    """Annulleret: a pending case that will not happen (its tasks are done with)."""
    case.details["cancelled_reason"] = reason
    case.move_to(CaseStatus.CANCELLED, uow.now())
    task_ids = [*case.details.get("task_ids", ()), case.details.get("task_id")]
    for task_id in task_ids:
        task = uow.registry.find_task(str(task_id))
        if task is not None:
            task.done = True
    if case.case_type is CaseType.GP_CHOICE and case.main_cpr is not None:
        uow.emit(GpChoiceCancelled(case.case_id, case.main_cpr, reason))


def resolve_missing_choice(event: GpChosen, uow: UnitOfWork) -> None:
    """Event handler: a GP choice completes the person's open "Manglende lægevalg" case.

    Any missing-choice case (opened here, by the practice-event deadlines or another handler),
    and only when the choice takes effect today or earlier: a later choice is noted on the case,
    and the daily work (`sandbox.service.handlers.daily_work`) completes it when it begins. A
    missing-choice case is never registered in LUNA itself (``details["luna"]``); the choice
    that resolves it is.
    """
    case = open_missing_choice_of(uow, event.cpr)
    if case is None:
        return
    if event.effective_date > uow.today():
        # a future choice: the citizen is still without a doctor until then, so the case stays
        # open (and its task on the overview), noting the choice that will end the gap
        case.details["chosen_in"] = event.case_id
        case.details["chosen_from"] = event.effective_date.isoformat()
        return
    complete_missing_choice(uow, case, event.case_id)


def complete_missing_choice(uow: UnitOfWork, case: Case, resolved_by: str | None) -> None:
    """Gennemført: the citizen has a doctor again; the case's tasks are done."""
    case.details["resolved_by"] = resolved_by
    case.details.setdefault("luna", "not_required")
    case.move_to(CaseStatus.COMPLETED, uow.now())
    for task_id in (case.details.get("task_id"), *case.details.get("task_ids", ())):
        task = uow.registry.find_task(str(task_id))
        if task is not None:
            task.done = True
    uow.emit(CaseCompleted(case.case_id, case.case_type))
