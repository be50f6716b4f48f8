"""A practice event's free offer, as one citizen sees it (SPEC 4.3): the facts, the offer a GP
choice's fee asks for, and the events ahead of the citizen's practices.

Shared by the fee (`sandbox.service.handlers.fees`), the free-period extension and the views.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sandbox.domain.decisions import Reason
from sandbox.domain.model import Citizen
from sandbox.domain.practice_events import PracticeEvent
from sandbox.domain.rules.practice_events import (
    FreeOfferFacts,
    assess,
    card_reason,
    concerned_practices,
    extended_offer,
    free_offer,
    practice_label,
    relevant_events,
)
from sandbox.service.unit_of_work import UnitOfWork


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
        practice = registry.find_practice(ydernummer)
        if practice is not None:
            names[ydernummer] = practice.name
    return FreeOfferFacts(on, listed, tuple(events), names)


def practice_event_offer(uow: UnitOfWork, citizen: Citizen, on: date) -> Reason | None:
    """Why a GP choice on ``on`` is free because of practice events, or None (fee trigger).

    Ask it BEFORE the new listing is written: it looks at the listings the citizen has.
    """
    registry = uow.registry
    if not registry.has_practice_events() or not citizen.listing_history():
        return None
    has_events = registry.has_practice_events_at
    for listing in citizen.listing_history():
        if (listing.covers(on) or listing.valid_from > on) and has_events(listing.ydernummer):
            break  # as listed_practices: a practice of the citizen's with an event
    else:
        return None  # no event at the citizen's practices (the common case), nor successors
    facts = offer_facts(uow, citizen, on)
    return free_offer(facts, uow.parameters) or extended_offer(facts, citizen.cpr)


def upcoming_practice_events(uow: UnitOfWork, citizen: Citizen, on: date) -> list[dict[str, Any]]:
    """The practice events shown on the citizen's GP-choice card on ``on`` (SPEC 4.2, 7.2).

    Every live event that concerns the citizen and whose window (registration day to the end of
    its free period) contains ``on``, first upcoming first. Each entry says whether its kind
    gives a free choice and whether it is the one the offer follows (``is_offer``); dates are
    ISO strings.
    """
    if not uow.registry.has_practice_events() or not citizen.listing_history():
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
