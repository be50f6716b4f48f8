"""Gebyr in the service: gather each free-change trigger's facts and decide a change's fee.

`TRIGGERS` is the one list of free-change triggers (SPEC 3.5.1): callables ``(uow, citizen, on)
-> Reason | None`` asked before anything changes (they read the citizen's listings as they
stand). Add a trigger by adding it to the tuple. `fee_for` asks them all and hands their reasons
to the pure `sandbox.domain.rules.fees.decide_fee`.

A group change (`group_fee_for`, SPEC 2.3, 3.5.1) is charged the card fee of the year of its
valid-from date unless a trigger holds: the group triggers (`GROUP_TRIGGERS`: the first card,
the move window, a new CPR number, the return from dormant status), or the change is one the
citizen did not ask for (`fees.group_change_exempt`). For the first card a group change asks
the card's own question (`sandbox.service.card_ordering.is_first_card`: no card order and no
insurance from before Sygesikring's records): a group change is about the card, not a doctor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sandbox.domain.decisions import Reason
from sandbox.domain.model import CaseType, Citizen
from sandbox.domain.rules import fees
from sandbox.domain.rules.closed_doctor import is_dormant
from sandbox.domain.rules.fees import GROUP, FeeDecision, FeeFacts, decide_fee
from sandbox.service.card_ordering import is_first_card
from sandbox.service.handlers.practice_event_offers import practice_event_offer
from sandbox.service.unit_of_work import UnitOfWork

FeeTrigger = Callable[[UnitOfWork, Citizen, date], Reason | None]


def first_card_trigger(uow: UnitOfWork, citizen: Citizen, on: date) -> Reason | None:
    """No listing before ``on`` and no card ever ordered: the first card is free."""
    earlier_listing = any(listing.valid_from < on for listing in citizen.listing_history())
    if earlier_listing:
        return None
    earlier_card = bool(uow.registry.card_orders_of(citizen.cpr)) or any(
        case.case_type is CaseType.CARD_ORDER for case in uow.registry.cases_of(citizen.cpr)
    )
    return fees.first_card(earlier_listing, earlier_card, on)


def first_card_of_group_change(uow: UnitOfWork, citizen: Citizen, on: date) -> Reason | None:
    """A group change for a person who never had a card (the card's own notion of first)."""
    first = is_first_card(uow, citizen)
    return fees.first_card(not first, not first, on)


def move_trigger(uow: UnitOfWork, citizen: Citizen, on: date) -> Reason | None:
    return fees.after_move(citizen.moved_in_on, on, uow.parameters)


def age_15_trigger(uow: UnitOfWork, citizen: Citizen, on: date) -> Reason | None:
    return fees.after_age_15(citizen.birth_date, on, uow.parameters)


def renumbering_trigger(uow: UnitOfWork, citizen: Citizen, on: date) -> Reason | None:
    return fees.after_renumbering(citizen.renumbered_on, on, uow.parameters)


def dormant_trigger(uow: UnitOfWork, citizen: Citizen, on: date) -> Reason | None:
    return fees.after_dormant(dormant_ended_on(citizen, on), on, uow.parameters)


def dormant_ended_on(citizen: Citizen, on: date) -> date | None:
    """When the citizen's latest dormant period ended, as of ``on``.

    Dormant on ``on`` itself counts as ending on ``on``: the choice is the return (made with
    ``change_to_group_1``, which ends the dormant period from ``on``).
    """
    if is_dormant(citizen.group_on(on)):
        return on
    for membership in reversed(citizen.group_history()):
        if is_dormant(membership) and membership.valid_to is not None:
            return membership.valid_to if membership.valid_to <= on else None
    return None


TRIGGERS: tuple[FeeTrigger, ...] = (
    first_card_trigger,
    move_trigger,
    age_15_trigger,
    renumbering_trigger,
    dormant_trigger,
    practice_event_offer,
)


def free_triggers(uow: UnitOfWork, citizen: Citizen, on: date) -> list[Reason]:
    """The reasons, in `TRIGGERS` order, why a change for ``citizen`` on ``on`` is free."""
    found = []
    for trigger in TRIGGERS:
        reason = trigger(uow, citizen, on)
        if reason is not None:
            found.append(reason)
    return found


def fee_for(
    uow: UnitOfWork,
    citizen: Citizen,
    on: date,
    extra: Sequence[Reason] = (),
    made_on: date | None = None,
) -> FeeDecision:
    """The fee for a change for ``citizen`` made on ``made_on`` (default: ``on``); ``extra``
    are case triggers. What counts is when the choice is made (SPEC 4.4: "A choice made after
    the window ends is charged"), not when it takes effect: a choice made inside a free window
    but taking effect after it is free, and it is priced at the fee of the day it is made."""
    day = made_on or on
    reasons = (*free_triggers(uow, citizen, day), *extra)
    return decide_fee(FeeFacts(day, reasons), uow.parameters)


GROUP_TRIGGERS: tuple[FeeTrigger, ...] = (
    first_card_of_group_change,
    move_trigger,
    renumbering_trigger,
    dormant_trigger,
)


def group_fee_for(uow: UnitOfWork, citizen: Citizen, valid_from: date, reason: str) -> FeeDecision:
    """The fee of a group change from ``valid_from`` made for ``reason`` (CHANGE or exemption)."""
    found = [trigger(uow, citizen, valid_from) for trigger in GROUP_TRIGGERS]
    exempt = fees.group_change_exempt(reason, valid_from)
    reasons = tuple(r for r in (exempt, *found) if r is not None)
    return decide_fee(FeeFacts(valid_from, reasons, GROUP), uow.parameters)
