"""Praksishændelser in the service: the free offer, the GP-choice card's upcoming events, and
the handlers that register, cancel and move practice events (SPEC 4, 7.2, 7.3).

Transfers, changes and merges (release 1.1) make one case in the yder's municipality with a
system task and no list of involved persons; who gets a free choice is decided on demand by
`sandbox.domain.rules.practice_events`. Closures and splits make one case per municipality with
the citizens listed on the effective date; their deadline is wound up by
`sandbox.service.handlers.practice_event_deadlines`.
"""

from __future__ import annotations

from sandbox.domain.case_details import PracticeEventDetails
from sandbox.domain.errors import InvalidInput
from sandbox.domain.model import CaseStatus
from sandbox.domain.practice_events import (
    PER_MUNICIPALITY_KINDS,
    PRACTICE_EVENT_KIND_DA,
    PracticeEvent,
    PracticeEventClosed,
    PracticeEventKind,
    UnknownPracticeEvent,
)
from sandbox.domain.rules.practice_events import (
    assess,
    free_period_end,
    registration_decision,
)
from sandbox.service.commands import CancelPracticeEvent, MovePracticeEvent, RegisterPracticeEvent
from sandbox.service.events import (
    PracticeEventCancelled,
    PracticeEventMoved,
    PracticeEventRegistered,
)
from sandbox.service.handlers.practice_event_cases import (
    close_event_cases,
    group_by_municipality,
    open_event_cases,
)
from sandbox.service.unit_of_work import UnitOfWork

# ---------------------------------------------------------------------------------------------
# Queries: the fee trigger and the GP-choice card (lægevalgskort)
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Commands: register, cancel, move
# ---------------------------------------------------------------------------------------------

_KINDS_BY_NAME = {
    **{kind.value: kind for kind in PracticeEventKind},
    **{name: kind for kind, name in PRACTICE_EVENT_KIND_DA.items()},
}


def parse_kind(value: str) -> PracticeEventKind:
    """A kind by its English value or Danish name (overdragelse, ændring ...)."""
    kind = _KINDS_BY_NAME.get(value.strip().lower())
    if kind is None:
        known = ", ".join(sorted(_KINDS_BY_NAME))
        raise InvalidInput(
            field="kind",
            reason_da=f"ukendt praksishændelse '{value}' (kendte: {known})",
            reason_en=f"unknown practice event '{value}' (known: {known})",
        )
    return kind


def register_practice_event(command: RegisterPracticeEvent, uow: UnitOfWork) -> PracticeEvent:
    """Register the event and open its case(s): decide and validate first, then write."""
    kind = parse_kind(command.kind)
    practice = uow.practice(command.ydernummer)
    _check_successors(uow, command.ydernummer, kind, command.successors)
    _check_not_closed_twice(uow, command.ydernummer, kind)
    event = PracticeEvent(
        event_id=uow.ids.next("PH"),
        ydernummer=practice.ydernummer,
        kind=kind,
        effective_date=command.effective_date,
        registered_on=uow.today(),
        successors=tuple(command.successors),
        significant_for_patients=command.significant_for_patients,
        description_da=command.description_da,
    )
    window = assess(event, uow.today(), uow.parameters)
    involved = (
        group_by_municipality(uow.registry.listed_on(practice.ydernummer, event.effective_date))
        if event.per_municipality
        else {}
    )
    uow.decided(f"RegisterPracticeEvent {event.event_id}", registration_decision(window))
    uow.registry.add_practice_event(event)
    if event.per_municipality:
        event.previous_closed_down_on = practice.closed_down_on  # a new event: no note needed
        uow.registry.before_change(practice, "closed_down_on")
        practice.closed_down_on = event.effective_date
    cases = open_event_cases(uow, command.actor, event, practice, involved, window.window_end)
    event.case_ids = tuple(case.case_id for case in cases)
    event.history.append((uow.today(), "registered"))
    uow.emit(
        PracticeEventRegistered(
            event.event_id, event.ydernummer, str(kind), event.effective_date, event.case_ids
        )
    )
    return event


def cancel_practice_event(command: CancelPracticeEvent, uow: UnitOfWork) -> PracticeEvent:
    """Cancel a live event: its cases are cancelled; the offer is re-evaluated without it."""
    event = live_event(uow, command.event_id)
    practice = uow.practice(event.ydernummer)
    uow.registry.before_change(event, "cancelled", "cancelled_on", "history")
    event.cancelled = True
    event.cancelled_on = uow.today()
    if event.per_municipality and practice.closed_down_on == event.effective_date:
        uow.registry.before_change(practice, "closed_down_on")
        practice.closed_down_on = event.previous_closed_down_on
    close_event_cases(uow, event, CaseStatus.CANCELLED)
    event.history = [*event.history, (uow.today(), "cancelled")]  # a rollback keeps the old
    uow.emit(PracticeEventCancelled(event.event_id, event.ydernummer))
    return event


def move_practice_event(command: MovePracticeEvent, uow: UnitOfWork) -> PracticeEvent:
    """A new effective date. The involved persons of a closure/split stay as registered; the
    deadline processing ends every listing still at the practice, whoever holds it."""
    event = live_event(uow, command.event_id)
    practice = uow.practice(event.ydernummer)
    new_end, _ = free_period_end(command.effective_date, uow.parameters)
    before_change = uow.registry.before_change
    if event.per_municipality and practice.closed_down_on == event.effective_date:
        before_change(practice, "closed_down_on")
        practice.closed_down_on = command.effective_date
    before_change(event, "effective_date", "history")
    event.effective_date = command.effective_date
    for case_id in event.case_ids:
        case = uow.case(case_id)
        before_change(case, "effective_date")
        uow.registry.before_details_change(case)
        case.effective_date = command.effective_date
        case.details_as(PracticeEventDetails).free_period_end = new_end
    moved = (uow.today(), f"moved to {command.effective_date.isoformat()}")
    event.history = [*event.history, moved]  # a new list: a rollback puts the old one back
    uow.emit(PracticeEventMoved(event.event_id, event.ydernummer, command.effective_date))
    return event


def live_event(uow: UnitOfWork, event_id: str) -> PracticeEvent:
    """The event, if it is neither cancelled nor wound up."""
    event = uow.registry.find_practice_event(event_id)
    if event is None:
        raise UnknownPracticeEvent(event_id=event_id)
    if event.cancelled or event.deadline_processed:
        state = ("annulleret", "cancelled") if event.cancelled else ("afsluttet", "wound up")
        raise PracticeEventClosed(event_id=event_id, state_da=state[0], state_en=state[1])
    return event


def _check_successors(
    uow: UnitOfWork, ydernummer: str, kind: PracticeEventKind, successors: tuple[str, ...]
) -> None:
    for successor in successors:
        uow.practice(successor)
    problem = None
    if ydernummer in successors or len(set(successors)) != len(successors):
        problem = (
            "en efterfølger står to gange eller er praksis selv",
            "a successor is listed twice or is the practice itself",
        )
    elif kind is PracticeEventKind.CLOSURE and successors:
        problem = ("en nedlæggelse har ingen efterfølgere", "a closure has no successors")
    elif kind is PracticeEventKind.SPLIT and not successors:
        problem = ("en opsplitning kræver efterfølgere", "a split needs successor practices")
    if problem is not None:
        raise InvalidInput(field="successors", reason_da=problem[0], reason_en=problem[1])


def _check_not_closed_twice(uow: UnitOfWork, ydernummer: str, kind: PracticeEventKind) -> None:
    if kind not in PER_MUNICIPALITY_KINDS:
        return
    for other in uow.registry.practice_events_of(ydernummer):
        if other.per_municipality and not other.cancelled:
            raise InvalidInput(
                field="kind",
                reason_da=f"praksis {ydernummer} er allerede nedlagt eller opsplittet "
                f"({other.event_id})",
                reason_en=f"practice {ydernummer} is already closed or split ({other.event_id})",
            )
