"""The new health cards a practice event orders on the day it takes effect (SPEC 6.2).

`order_practice_event_cards` runs with the daily wind-up of practice events
(`sandbox.service.handlers.practice_event_deadlines`): every live event that has taken effect
and was not looked at yet is decided once by `sandbox.domain.rules.practice_event_cards`. When
its kind orders cards (``practiceEventNewCardKinds``), the persons listed at the practice on
the effective day get them through `sandbox.service.card_ordering.order_cards`: one "Bestil
Sundhedskort" case per municipality, free (trigger ``practice_event``), registered in LUNA, and
skipped for a person who opted out of the physical card. Running it twice orders nothing twice
(``cards_decided`` on the event, and one card case per event and municipality).
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.model import Actor
from sandbox.domain.rules.cards import CardTrigger
from sandbox.domain.rules.practice_event_cards import decide_new_card
from sandbox.service.card_ordering import CardRequest, order_cards
from sandbox.service.handlers.practice_event_cases import group_by_municipality
from sandbox.service.unit_of_work import UnitOfWork


def order_practice_event_cards(uow: UnitOfWork, today: date) -> list[str]:
    """Order the cards of every live event in effect by ``today``; return the card case ids."""
    due = sorted(
        (
            event
            for event in uow.registry.all_practice_events()
            if not (event.cancelled or event.deadline_processed or event.cards_decided)
            and event.effective_date <= today
        ),
        key=lambda event: (event.effective_date, event.event_id),
    )
    made: list[str] = []
    for event in due:
        uow.registry.before_change(event, "cards_decided")
        event.cards_decided = True
        kinds = uow.parameters.use("practiceEventNewCardKinds", event.effective_date)
        decision = decide_new_card(event, kinds)
        uow.decided(f"PracticeEventCards {event.event_id}", decision)
        if not decision.allowed:
            continue
        listed = uow.registry.listed_on(event.ydernummer, event.effective_date)
        for code, citizens in group_by_municipality(listed).items():
            case = order_cards(
                uow,
                CardRequest(
                    CardTrigger.PRACTICE_EVENT,
                    tuple(citizen.cpr for citizen in citizens),
                    event.effective_date,
                    Actor.system(),
                    trigger_key=f"practice_event:{event.event_id}:{code}",
                    municipality_code=code,
                ),
            )
            if case is not None:
                made.append(case.case_id)
        uow.registry.before_change(event, "history")
        event.history = [*event.history, (today, "cards ordered")]  # a rollback keeps the old
    return made
