"""The case factory: the one place a case (forløb) is made, with its typed details.

- `build_case` makes a case from its details (`sandbox.domain.case_details`; the case type
  follows from the details class, `CASE_TYPE_OF_DETAILS`), with a new id; `register_case` keeps
  it in the store and announces it (`CaseCreated`); `new_case` does both for a citizen's case. A
  handler that must act between the two (a GP choice cancels the choices it replaces, a card
  order makes its orders first) calls them apart, so the events keep their order.
- `add_manual_task` puts a manual task (manuel opgave) on the municipality's task overview.
- `open_missing_gp_choice` opens "Manglende lægevalg" for a group-1 citizen left without a
  doctor (status pending, a deadline from ``missingChoiceDeadlineDays``, and a manual task),
  unless one is already open (`open_missing_choice_of`); `open_practice_event_missing_choice`
  opens one after a practice event's free period.
- `cancel_case` cancels a pending case (its tasks are done with).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache

from sandbox.domain.case_details import (
    AnyCaseDetails,
    MissingAfterEvent,
    MissingGpChoiceDetails,
)
from sandbox.domain.danish import date_da, date_en
from sandbox.domain.model import (
    CASE_TYPE_OF_DETAILS,
    Actor,
    Case,
    CaseStatus,
    CaseType,
    Citizen,
    Task,
    TaskKind,
)
from sandbox.domain.practice_events import PracticeEvent
from sandbox.service.events import CaseCreated, GpChoiceCancelled
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


def build_case(
    uow: UnitOfWork,
    details: AnyCaseDetails,
    *,
    main_cpr: str | None,
    municipality_code: str,
    status: CaseStatus,
    actor: Actor,
    effective_date: date | None,
    involved: tuple[str, ...] = (),
    created_at: datetime | None = None,
    case_id: str | None = None,
) -> Case:
    """A new case of the type its details belong to, its first status begun now (or at
    ``created_at``, the now a caller already read); not yet kept or announced
    (`register_case`). Its id is new, or ``case_id``, one the caller took for it already (a
    card case's details name the orders that name the case)."""
    return Case(
        case_id=uow.ids.next("F") if case_id is None else case_id,
        case_type=CASE_TYPE_OF_DETAILS[type(details)],
        municipality_code=municipality_code,
        main_cpr=main_cpr,
        involved=involved,
        status=status,
        # also when its first status began (`Case.history`)
        created_at=uow.now() if created_at is None else created_at,
        actor=actor,
        effective_date=effective_date,
        details=details,
    )


def register_case(uow: UnitOfWork, case: Case, *, announce: bool = True) -> None:
    """Keep the case in the store and, unless the caller announces it later, announce it."""
    uow.registry.add_case(case)
    if announce:
        announce_case(uow, case)


def announce_case(uow: UnitOfWork, case: Case) -> None:
    """CaseCreated, for the letters, the card triggers and the simulator's counts."""
    uow.emit(CaseCreated(case.case_id, case.case_type, case.municipality_code, case.main_cpr))


def new_case(
    uow: UnitOfWork,
    citizen: Citizen,
    status: CaseStatus,
    actor: Actor,
    effective_date: date | None,
    details: AnyCaseDetails,
    *,
    municipality_code: str | None = None,
    involved: tuple[str, ...] = (),
) -> Case:
    """Create, register and announce a case with ``citizen`` as its main person."""
    case = build_case(
        uow,
        details,
        main_cpr=citizen.cpr,
        municipality_code=municipality_code or citizen.municipality_code,
        status=status,
        actor=actor,
        effective_date=effective_date,
        involved=involved,
    )
    register_case(uow, case)
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
        uow.registry.before_details_change(case)  # the case may be older than the command
        case.details.add_task(task.task_id)
    return task


def open_missing_choice_of(
    uow: UnitOfWork, cpr: str, cases: Sequence[Case] | None = None
) -> Case | None:
    """The citizen's open "Manglende lægevalg" case, if there is one (among ``cases``, the
    citizen's cases, when the caller has read them already)."""
    for case in reversed(uow.registry.cases_of(cpr) if cases is None else cases):
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
    counted_from: date | None = None,
    decision_codes: list[str] | None = None,
    group_case_id: str | None = None,
    cancelled_choice_ids: list[str] | None = None,
    cancelled_case_id: str | None = None,
    old_cpr: str | None = None,
    cases: Sequence[Case] | None = None,
) -> Case:
    """Manglende lægevalg from ``on``, with a deadline and a task; the open one if it exists.

    The deadline counts from ``counted_from`` when given, else from the later of ``on`` and
    today: a case opened today for a gap that began earlier (a move CPR reports days late, a
    group change dated back) still gives the citizen the full time to choose, as the one known
    case gave 14 days from the municipality's request (SPEC 3.8 [C:S15b]). The keywords after
    it say what opened the case (`MissingGpChoiceDetails`). ``cases`` are the citizen's cases
    when the caller has read them already (a move), so they are not read twice."""
    existing = open_missing_choice_of(uow, citizen.cpr, cases)
    if existing is not None:
        return existing
    start = counted_from or max(on, uow.today())
    deadline = uow.parameters.use("missingChoiceDeadlineDays", start)
    choose_by = start + timedelta(days=int(deadline.value))
    details = MissingGpChoiceDetails(
        reason=reason,
        choose_by=choose_by,
        parameters=[deadline],
        decision_codes=decision_codes,
    )
    # each kept only when given (`MissingCause`): a new case has none, so only what is given
    # is set (a move gives at most the cancelled choices)
    if group_case_id is not None:
        details.group_case_id = group_case_id
    if cancelled_choice_ids is not None:
        details.cancelled_choice_ids = cancelled_choice_ids
    if cancelled_case_id is not None:
        details.cancelled_case_id = cancelled_case_id
    if old_cpr is not None:
        details.old_cpr = old_cpr
    case = new_case(uow, citizen, CaseStatus.PENDING, actor or Actor.system(), on, details)
    title_da, title_en = _missing_titles(reason, choose_by)
    # the manual task, as `add_manual_task` puts one on a case - but this case is new, made
    # by this command, so nothing of its details needs noting for a rollback (which forgets
    # the case): the task is both its main task and its first further one, as it always was
    task = _missing_choice_task(
        uow, case.case_id, case.municipality_code, citizen.cpr, title_da, title_en
    )
    details.task_ids = [task.task_id]
    details.task_id = task.task_id
    return case


# the tasks opened for the same reason with the same deadline share one text (a national year
# opens tens of thousands, a few hundred texts): strings never change, so sharing is safe
@lru_cache(maxsize=4096)
def _missing_titles(reason: str, choose_by: date) -> tuple[str, str]:
    """A missing-choice task's title in Danish and English."""
    why_da = MISSING_REASON_DA.get(reason, reason)
    why_en = MISSING_REASON_EN.get(reason, reason)
    # named title_da, as the step catalogue finds task titles (tests/bdd/value_lists.py)
    title_da = (
        f"Manglende lægevalg ({why_da}); borgeren skal vælge læge senest {date_da(choose_by)}"
    )
    title_en = f"Missing GP choice ({why_en}); the citizen must choose a GP by {date_en(choose_by)}"
    return title_da, title_en


@lru_cache(maxsize=4096)
def _event_missing_titles(
    kind_da: str, kind_en: str, ydernummer: str, choose_by: date
) -> tuple[str, str]:
    """The title of a missing-choice task after a practice event, in Danish and English."""
    title_da = (
        f"Manglende lægevalg efter {kind_da} af praksis med ydernummer {ydernummer}; "
        f"borgeren skal vælge læge senest {date_da(choose_by)}"
    )
    title_en = (
        f"Missing GP choice after the {kind_en} of provider {ydernummer}; "
        f"the citizen must choose a GP by {date_en(choose_by)}"
    )
    return title_da, title_en


def open_practice_event_missing_choice(
    uow: UnitOfWork,
    event: PracticeEvent,
    citizen: Citizen,
    from_day: date,
    choose_by: date,
    *,
    listing_kept: bool = False,
) -> Case:
    """Manglende lægevalg: the citizen did not choose before a practice event's free period
    ended; the listing ended ``from_day``, or (``listing_kept``, a closure) it stays until a
    choice is made."""
    details = MissingGpChoiceDetails(
        reason=f"practice_event_{event.kind}",
        choose_by=choose_by,
        practice_event=MissingAfterEvent(
            event.event_id, event.ydernummer, None if listing_kept else from_day, listing_kept
        ),
    )
    case = build_case(
        uow,
        details,
        main_cpr=citizen.cpr,
        municipality_code=citizen.municipality_code,
        status=CaseStatus.PENDING,
        actor=Actor.system(),
        effective_date=from_day,
    )
    register_case(uow, case, announce=False)  # announced with its task
    title_da, title_en = _event_missing_titles(
        event.kind_da, event.kind_en, event.ydernummer, choose_by
    )
    task = _missing_choice_task(
        uow, case.case_id, citizen.municipality_code, citizen.cpr, title_da, title_en
    )
    details.task_id = task.task_id
    announce_case(uow, case)
    return case


def _missing_choice_task(
    uow: UnitOfWork, case_id: str, municipality_code: str, cpr: str, title_da: str, title_en: str
) -> Task:
    """The case worker's task on a new missing-choice case, added to the store."""
    task = Task(
        uow.ids.next("O"),
        TaskKind.MANUAL,
        municipality_code,
        case_id,
        MISSING_TASK_CODE,
        title_da,
        title_en,
        uow.now(),
        cpr=cpr,
    )
    uow.registry.add_task(task)
    return task


def cancel_case(uow: UnitOfWork, case: Case, reason: str) -> None:
    """Annulleret: a pending case that will not happen (its tasks are done with)."""
    uow.registry.before_details_change(case)
    case.details.cancelled_reason = reason
    uow.registry.move_case(case, CaseStatus.CANCELLED, uow.now())
    for task_id in case.details.all_task_ids():
        task = uow.registry.find_task(task_id)
        if task is not None:
            uow.registry.before_change(task, "done")
            task.done = True
    if case.case_type is CaseType.GP_CHOICE and case.main_cpr is not None:
        uow.emit(GpChoiceCancelled(case.case_id, case.main_cpr, reason))
