"""Forløb og opgaver for praksishændelser: the cases and tasks a practice event makes.

A transfer, change or merge makes one case in the yder's municipality with a system task and no
involved persons (release 1.1). A closure or split makes one case per municipality where the
practice has listed citizens on the effective date, with those persons as involved, each with a
task on that municipality's task overview. Cases wait (afventende) until the free period ends.
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.case_details import PersonRef, PracticeEventDetails
from sandbox.domain.danish import date_da, date_en, plural
from sandbox.domain.model import (
    Actor,
    Case,
    CaseStatus,
    Citizen,
    Practice,
    Task,
    TaskKind,
)
from sandbox.domain.practice_events import PracticeEvent
from sandbox.service.case_factory import announce_case, build_case, register_case
from sandbox.service.events import CaseCompleted
from sandbox.service.unit_of_work import UnitOfWork

TASK_CODE = "PRACTICE_EVENT"


def group_by_municipality(citizens: list[Citizen]) -> dict[str, list[Citizen]]:
    """Citizens by their home municipality, municipalities and persons in code/CPR order."""
    groups: dict[str, list[Citizen]] = {}
    for citizen in sorted(citizens, key=lambda c: c.cpr):
        groups.setdefault(citizen.municipality_code, []).append(citizen)
    return {code: groups[code] for code in sorted(groups)}


def open_event_cases(
    uow: UnitOfWork,
    actor: Actor,
    event: PracticeEvent,
    practice: Practice,
    involved_by_municipality: dict[str, list[Citizen]],
    free_until: date,
) -> list[Case]:
    """Create the event's cases and tasks; for a transfer/change/merge pass an empty mapping."""
    if not event.per_municipality:
        code = practice.municipality_code
        return [_open_case(uow, actor, event, practice, code, [], free_until)]
    return [
        _open_case(uow, actor, event, practice, code, persons, free_until)
        for code, persons in involved_by_municipality.items()
    ]


def _open_case(
    uow: UnitOfWork,
    actor: Actor,
    event: PracticeEvent,
    practice: Practice,
    municipality_code: str,
    persons: list[Citizen],
    free_until: date,
) -> Case:
    details = PracticeEventDetails(
        event_id=event.event_id,
        ydernummer=practice.ydernummer,
        practice_name=practice.name,
        kind=str(event.kind),
        kind_da=event.kind_da,
        successors=list(event.successors),
        significant_for_patients=event.significant_for_patients,
        description_da=event.description_da,
        free_period_end=free_until,
    )
    if event.per_municipality:
        details.involved_persons = [
            PersonRef(person.cpr, "" if person.protected else person.name) for person in persons
        ]
    case = build_case(
        uow,
        details,
        main_cpr=None,
        municipality_code=municipality_code,
        status=CaseStatus.PENDING,
        actor=actor,
        effective_date=event.effective_date,
        involved=tuple(person.cpr for person in persons),
    )
    register_case(uow, case, announce=False)  # announced with its task
    details.task_id = _task_for(uow, event, practice, case, len(persons)).task_id
    announce_case(uow, case)
    return case


def _task_for(
    uow: UnitOfWork, event: PracticeEvent, practice: Practice, case: Case, persons: int
) -> Task:
    """A system task for a transfer/change/merge (no mass processing); a manual one per
    municipality for a closure/split, naming how many of its citizens are involved."""
    label = f"{practice.name} ({practice.ydernummer})"
    effective_da, effective_en = date_da(event.effective_date), date_en(event.effective_date)
    if event.per_municipality:
        kind = TaskKind.MANUAL
        title_da = f"Praksishændelse: {event.kind_da} af {label} fra {effective_da}, "
        title_da += plural(persons, "involveret person", "involverede personer")
        title_en = f"Practice event: {event.kind_en} of {label} from {effective_en}, "
        title_en += plural(persons, "citizen", "citizens", "en") + " involved"
    else:
        kind = TaskKind.SYSTEM
        title_da = f"Praksishændelse (systemopgave): {event.kind_da} af {label} fra {effective_da}"
        title_en = f"Practice event (system task): {event.kind_en} of {label} from {effective_en}"
    task = Task(
        uow.ids.next("O"),
        kind,
        case.municipality_code,
        case.case_id,
        TASK_CODE,
        title_da,
        title_en,
        uow.now(),
    )
    uow.registry.add_task(task)
    return task


def close_event_cases(uow: UnitOfWork, event: PracticeEvent, status: CaseStatus) -> None:
    """Move the event's open cases to ``status`` (completed or cancelled); tasks are done."""
    for case_id in event.case_ids:
        case = uow.case(case_id)
        if not case.is_open or case.status is CaseStatus.AWAITING_LUNA:
            continue
        uow.registry.move_case(case, status, uow.now())
        mark_task_done(uow, case)
        if status is CaseStatus.COMPLETED:
            uow.emit(CaseCompleted(case.case_id, case.case_type))


def mark_task_done(uow: UnitOfWork, case: Case) -> None:
    task_id = case.details.task_id
    task = uow.registry.find_task(task_id) if task_id is not None else None
    if task is not None:
        uow.registry.before_change(task, "done")
        task.done = True
