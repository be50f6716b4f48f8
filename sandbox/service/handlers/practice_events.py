"""Praksishændelser in the service: the free offer, the GP-choice card's upcoming events, and
the handlers that register, cancel and move practice events (SPEC 4, 7.2, 7.3).

Transfers, changes and merges (release 1.1) make one case in the yder's municipality with a
system task and no list of involved persons; who gets a free choice is decided on demand by
`sandbox.domain.rules.practice_events`. Closures and splits make one case per municipality with
the citizens listed on the effective date; their deadline is wound up by
`sandbox.service.handlers.practice_event_deadlines`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sandbox.domain.case_details import PracticeEventDetails
from sandbox.domain.decisions import Reason
from sandbox.domain.errors import InvalidInput
from sandbox.domain.model import Actor, CaseStatus, Citizen, Role
from sandbox.domain.practice_events import (
    PER_MUNICIPALITY_KINDS,
    PRACTICE_EVENT_KIND_DA,
    PracticeEvent,
    PracticeEventClosed,
    PracticeEventKind,
    PracticeEventNotAllowed,
    UnknownPracticeEvent,
)
from sandbox.domain.rules.practice_events import (
    FreeOfferFacts,
    assess,
    card_reason,
    concerned_practices,
    extended_offer,
    free_offer,
    free_period_end,
    practice_label,
    registration_decision,
    relevant_events,
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


def listed_practices(citizen: Citizen, on: date) -> tuple[str, ...]:
    """Ydernumre of the citizen's listings that cover ``on`` or start after it (SPEC 4.4.1)."""
    found = [
        listing.ydernummer
        for listing in citizen.listing_history()
        if listing.covers(on) or listing.valid_from > on
    ]
    return tuple(dict.fromkeys(found))


def offer_facts(uow: UnitOfWork, citizen: Citizen, on: date) -> FreeOfferFacts:
    """Gather the rule's facts: the citizen's practices, their successors and their events."""
    registry = uow.registry
    listed = listed_practices(citizen, on)
    practices = concerned_practices(listed, registry.practice_events_of)
    events: list[PracticeEvent] = []
    names: dict[str, str] = {}
    for ydernummer in practices:
        events.extend(registry.practice_events_of(ydernummer))
        practice = registry.practices.get(ydernummer)
        if practice is not None:
            names[ydernummer] = practice.name
    return FreeOfferFacts(on, listed, tuple(events), names)


def practice_event_offer(uow: UnitOfWork, citizen: Citizen, on: date) -> Reason | None:
    """Why a GP choice on ``on`` is free because of practice events, or None (fee trigger).

    Ask it BEFORE the new listing is written: it looks at the listings the citizen has.
    """
    if not uow.registry.practice_events or not citizen.listing_history():
        return None
    facts = offer_facts(uow, citizen, on)
    return free_offer(facts, uow.parameters) or extended_offer(facts, citizen.cpr)


def upcoming_practice_events(uow: UnitOfWork, citizen: Citizen, on: date) -> list[dict[str, Any]]:
    """The practice events shown on the citizen's GP-choice card on ``on`` (SPEC 4.2, 7.2).

    Every live event that concerns the citizen and whose window (registration day to the end of
    its free period) contains ``on``, first upcoming first. Each entry says whether its kind
    gives a free choice and whether it is the one the offer follows (``is_offer``); dates are
    ISO strings.
    """
    if not uow.registry.practice_events or not citizen.listing_history():
        return []
    facts = offer_facts(uow, citizen, on)
    assessments = [assess(event, on, uow.parameters) for event in relevant_events(facts)]
    shown = [a for a in assessments if a.in_window]
    offer = free_offer(facts, uow.parameters)
    offered_id = dict(offer.fields)["event_id"] if offer is not None else None
    entries = []
    for assessment in shown:
        event = assessment.event
        reason = (
            offer
            if event.event_id == offered_id and offer is not None
            else card_reason(assessment, facts)
        )
        entries.append(
            {
                "event_id": event.event_id,
                "ydernummer": event.ydernummer,
                "practice": practice_label(event.ydernummer, facts.practice_names),
                "kind": str(event.kind),
                "kind_da": event.kind_da,
                "kind_en": event.kind_en,
                "effective_date": event.effective_date.isoformat(),
                "registered_on": event.registered_on.isoformat(),
                "free_period_end": assessment.window_end.isoformat(),
                "successors": list(event.successors),
                "gives_free_choice": assessment.gives_free_choice,
                "is_offer": event.event_id == offered_id,
                "description_da": event.description_da,
                "text_da": reason.text("da"),
                "text_en": reason.text("en"),
                "reason": reason.to_dict(),
            }
        )
    return entries


# ---------------------------------------------------------------------------------------------
# Commands: register, cancel, move
# ---------------------------------------------------------------------------------------------

PRACTICE_DATA_ROLES = frozenset(
    {Role.SYSTEM, Role.CASE_WORKER, Role.CASE_WORKER_SPECIAL, Role.MUNICIPAL_ADMIN}
)
_KINDS_BY_NAME = {
    **{kind.value: kind for kind in PracticeEventKind},
    **{name: kind for kind, name in PRACTICE_EVENT_KIND_DA.items()},
}


def require_practice_data_role(actor: Actor) -> None:
    """The region (the system, from LUNA) and case workers keep practice data; not citizens."""
    if actor.role not in PRACTICE_DATA_ROLES:
        raise PracticeEventNotAllowed(role=str(actor.role))


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
    require_practice_data_role(command.actor)
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
        event.previous_closed_down_on = practice.closed_down_on
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
    require_practice_data_role(command.actor)
    event = live_event(uow, command.event_id)
    practice = uow.practice(event.ydernummer)
    event.cancelled = True
    event.cancelled_on = uow.today()
    if event.per_municipality and practice.closed_down_on == event.effective_date:
        practice.closed_down_on = event.previous_closed_down_on
    close_event_cases(uow, event, CaseStatus.CANCELLED)
    event.history.append((uow.today(), "cancelled"))
    uow.emit(PracticeEventCancelled(event.event_id, event.ydernummer))
    return event


def move_practice_event(command: MovePracticeEvent, uow: UnitOfWork) -> PracticeEvent:
    """A new effective date. The involved persons of a closure/split stay as registered; the
    deadline processing ends every listing still at the practice, whoever holds it."""
    require_practice_data_role(command.actor)
    event = live_event(uow, command.event_id)
    practice = uow.practice(event.ydernummer)
    new_end, _ = free_period_end(command.effective_date, uow.parameters)
    if event.per_municipality and practice.closed_down_on == event.effective_date:
        practice.closed_down_on = command.effective_date
    event.effective_date = command.effective_date
    for case_id in event.case_ids:
        case = uow.case(case_id)
        case.effective_date = command.effective_date
        case.details_as(PracticeEventDetails).free_period_end = new_end
    event.history.append((uow.today(), f"moved to {command.effective_date.isoformat()}"))
    uow.emit(PracticeEventMoved(event.event_id, event.ydernummer, command.effective_date))
    return event


def live_event(uow: UnitOfWork, event_id: str) -> PracticeEvent:
    """The event, if it is neither cancelled nor wound up."""
    event = uow.registry.practice_events.get(event_id)
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
