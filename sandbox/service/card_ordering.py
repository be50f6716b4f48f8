"""Bestil Sundhedskort: card-order cases from GP choices, group changes, CPR events and
standalone orders (SPEC 6.2, 6.4, 7.3; release 1.1 items 4 and 6).

`order_cards` (and `order_case_cards`, for a triggering case in hand) is the one place a
"Bestil Sundhedskort" case is made: ONE case per triggering case or event, with one
`CardOrder` per person, each planned by `sandbox.domain.rules.cards` (physical card skipped
for a person who opted out in LUNA; fee). The case is created even when
some or ALL of its persons opted out (SPEC 6.4 point 4): it records, per person, that the card
was skipped and why, and its LUNA registration tells LUNA the card data changed, which is what
the digital card in the app shows. Like every case, it waits in "awaiting LUNA" in the outbox.

When the GP choice's card is ordered: when the GP-choice case is created (its `GpChosen`
events), so the case's letter, written when LUNA completes the case, can say per person whether
a card is on its way. A pending choice (move from Greenland) orders its card when it is approved
(a later `GpChosen`, or its `CaseCompleted`), never while pending, so a cancelled choice orders
nothing. A newborn's group and GP (birth case) order no card: the card follows the naming.

This module is the shared piece, not a handler: the event handlers that order cards live in
`sandbox.service.handlers.card_triggers` (and the practice events'), the standalone command in
`sandbox.service.handlers.standalone_card`; the fees, births, letters and views ask
`is_first_card`, `card_case_of` and `card_orders_of_case` here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any, NamedTuple

from sandbox.domain.case_details import BY_TRIGGER_CASE, CardOrderDetails
from sandbox.domain.model import Actor, CardOrder, Case, CaseStatus, Citizen
from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.cards import (
    CARD_GROUPS,
    CardFacts,
    CardPlan,
    CardTrigger,
    StandaloneReason,
    fee_needs_history,
    plan_card,
)
from sandbox.service.case_factory import announce_case, build_case
from sandbox.service.events import HealthCardOrdered
from sandbox.service.handlers.listings import read_card_opt_out
from sandbox.service.ports import LunaRegistration
from sandbox.service.unit_of_work import UnitOfWork


class CardRequest(NamedTuple):
    """Kortbestilling (forespørgsel) - who gets a card, why, and for which triggering case.

    A named tuple, not a frozen dataclass: one is made for every event that may order a card
    (every move, GP choice, group change ...), and a frozen dataclass of ten fields costs
    several times as much to make."""

    trigger: CardTrigger
    persons: tuple[str, ...]
    on: date
    actor: Actor
    trigger_key: str | None = None
    trigger_case_id: str | None = None
    fee_on_trigger_case: bool = False
    standalone_reason: StandaloneReason | None = None
    municipality_code: str | None = None
    unless_ordered_now: bool = False


def order_cards(uow: UnitOfWork, request: CardRequest) -> Case | None:
    """Create the "Bestil Sundhedskort" case for the request, or return the one it already has.

    The first eligible person (resident, in group 1 or 2 on the date) is the main person.
    Returns None when nobody is eligible (emigrated, group 8, unknown) or, with
    ``unless_ordered_now``, everyone already got a card from the same command or CPR event
    (a move that approves a pending GP choice makes one card, not two).
    """
    key, trigger_case_id = request.trigger_key, request.trigger_case_id
    find_case = uow.registry.find_case
    trigger_case = None if trigger_case_id is None else find_case(trigger_case_id)
    keyed_by_case = trigger_case_id is not None and key == f"{BY_TRIGGER_CASE}{trigger_case_id}"
    if keyed_by_case:
        # the card case keyed by its triggering case is the one that case links to
        # (`_card_case_for`)
        existing = card_case_of(uow, trigger_case) if trigger_case is not None else None
        if existing is not None:
            return existing
        key = BY_TRIGGER_CASE  # the details keep the prefix alone (`CardOrderDetails.key_of`)
    persons = _distinct(request.persons)
    # each person's orders on record, read once: they name the person's card cases (the key
    # is looked for among them) and say whether a card was ordered now and which was the last
    card_orders_of = uow.registry.card_orders_of
    orders_of = [card_orders_of(cpr) for cpr in persons]
    if key is not None and not keyed_by_case:
        existing = _keyed_among(uow, key, orders_of)
        if existing is not None:
            return existing
    return _order(uow, request, key, persons, orders_of, trigger_case)


def order_case_cards(
    uow: UnitOfWork,
    trigger_case: Case,
    trigger: CardTrigger,
    persons: tuple[str, ...],
    on: date,
    *,
    fee_on_trigger_case: bool,
) -> Case | None:
    """`order_cards` for the cards ``trigger_case`` orders (keyed ``case:<its id>``; its
    actor and municipality are the card case's), whose caller holds that case and saw it has
    no card case yet (`card_case_of` is None, which is what `find_card_case` would look for):
    the case is neither looked up nor searched again, and it is linked to the card case made."""
    request = CardRequest(
        trigger,
        persons,
        on,
        trigger_case.actor,
        trigger_case_id=trigger_case.case_id,
        fee_on_trigger_case=fee_on_trigger_case,
        municipality_code=trigger_case.municipality_code,
    )
    persons = _distinct(persons)
    card_orders_of = uow.registry.card_orders_of
    orders_of = [card_orders_of(cpr) for cpr in persons]
    return _order(uow, request, BY_TRIGGER_CASE, persons, orders_of, trigger_case)


def _order(
    uow: UnitOfWork,
    request: CardRequest,
    key: str | None,
    persons: Sequence[str],
    orders_of: list[list[CardOrder]],
    trigger_case: Case | None,
) -> Case | None:
    """The card case, made with its orders in one step: its id and theirs taken first, so its
    details are whole when made and the store indexes the case and its orders at once
    (`Store.add_card_case`). ``key`` is the details' (`CardOrderDetails.key_of`)."""
    now = uow.now()  # one instant for the whole order (the clock stands still in a command)
    registry = uow.registry
    find_citizen = registry.find_citizen
    on, unless_ordered_now = request.on, request.unless_ordered_now
    # one pass over the persons: who gets a card (most requests name one person, and every
    # move and GP choice makes one)
    on_record: list[tuple[Citizen, list[CardOrder]]] = []
    for cpr, orders in zip(persons, orders_of, strict=True):
        person = find_citizen(cpr)
        if person is None or not eligible(person, on):
            continue
        if unless_ordered_now and orders and _ordered_now(orders, now):
            continue
        on_record.append((person, orders))
    if not on_record:
        return None
    trigger, fee_on_trigger_case = request.trigger, request.fee_on_trigger_case
    # a free card, or one whose fee lives on its triggering case (every move, GP choice,
    # naming, practice event): the person's opt-out decides all, so neither the person's
    # history (first card, last card, move, marriage) nor today is read (`_planned_free`)
    free = not fee_needs_history(trigger, fee_on_trigger_case)
    parameters, next_id, decided = uow.parameters, uow.ids.next, uow.decided
    case_id = next_id("F")
    standalone = trigger is CardTrigger.STANDALONE
    trigger_value = _TRIGGER_VALUE[trigger]
    orders_made, fee = [], 0
    # each person's plan, its decision and order, in the persons' order
    for person, orders in on_record:
        opted_out = read_card_opt_out(uow, person, now)
        plan = (
            _planned_free(parameters, on, trigger, opted_out, fee_on_trigger_case)
            if free
            else _planned_from_history(uow, request, person, orders, opted_out)
        )
        cpr = person.cpr
        decided(f"Sundhedskort {cpr} ({trigger_value})", plan.decision)
        order = CardOrder(
            next_id("K"),
            case_id,
            cpr,
            plan.physical,
            standalone,
            plan.fee_dkk,
            now,
            plan.skipped_reason,
        )
        orders_made.append(order)
        fee += order.fee_dkk
    main = on_record[0][0]
    reason = request.standalone_reason
    details = CardOrderDetails(
        # the enums' values, shared, not `str()`: that makes a new string a case
        trigger=trigger_value,
        key=key,
        trigger_case_id=request.trigger_case_id,
        standalone=standalone,
        standalone_reason=reason.value if reason else None,
        # one order's id itself, more as a tuple (`CardOrderDetails.card_orders`)
        orders=_order_ids(orders_made),
        fee_dkk=fee,
    )
    case = build_case(
        uow,
        details,
        main_cpr=main.cpr,
        municipality_code=request.municipality_code or main.municipality_code,
        status=CaseStatus.AWAITING_LUNA,
        actor=request.actor,
        effective_date=on,
        involved=tuple([order.cpr for order in orders_made[1:]]) if len(orders_made) > 1 else (),
        created_at=now,
        case_id=case_id,
    )
    registry.add_card_case(case, orders_made)
    if trigger_case is not None:
        registry.before_change(trigger_case.details, "card_order_case_id")  # may be older
        trigger_case.details.card_order_case_id = case_id
    uow.outbox.add(_registration(case, details, orders_made), now)
    announce_case(uow, case)
    emit = uow.emit
    for order in orders_made:
        emit(HealthCardOrdered(case_id, order.cpr, order.physical, standalone))
    return case


def _order_ids(orders: list[CardOrder]) -> str | tuple[str, ...]:
    """What `CardOrderDetails.orders` keeps of the orders' ids: one id itself, more a tuple."""
    if len(orders) == 1:
        return orders[0].order_id
    return tuple([order.order_id for order in orders])


def eligible(citizen: Citizen, on: date) -> bool:
    """A card is made for a resident in group 1 or 2 on the date."""
    group = citizen.group_on(on)
    return citizen.is_resident and group is not None and group.group in CARD_GROUPS


def card_case_of(uow: UnitOfWork, case: Case) -> Case | None:
    """The "Bestil Sundhedskort" case a GP-choice (or other) case caused, if any."""
    card_case_id = case.details.card_order_case_id
    return uow.registry.find_case(card_case_id) if card_case_id is not None else None


def card_orders_of_case(uow: UnitOfWork, case: Case) -> list[CardOrder]:
    """The card orders of a card-order case, in the order they were made.

    Found through the case's persons, who are exactly those it ordered for (`_order`): the
    store keeps a person's orders, not an index of every order by its id."""
    details = case.details
    if not isinstance(details, CardOrderDetails):
        return []
    case_id, card_orders_of = case.case_id, uow.registry.card_orders_of
    kept, main = details.orders, case.main_cpr
    if type(kept) is str and main is not None:
        # one order (most card cases): the main person's, made first (`_order`), so found
        # among that person's orders alone - no table of every person's orders made (each
        # letter that tells of a card asks this)
        for order in card_orders_of(main):
            if order.order_id == kept and order.case_id == case_id:
                return [order]
    ids = details.card_orders
    if not ids:
        return []
    persons = (case.main_cpr, *case.involved) if case.main_cpr else case.involved
    made = {
        order.order_id: order
        for cpr in persons
        for order in card_orders_of(cpr)
        if order.case_id == case_id
    }
    return [made[order_id] for order_id in ids]


def find_card_case(uow: UnitOfWork, request: CardRequest) -> Case | None:
    """The card case already made for this trigger (one case per triggering case or event)."""
    key = request.trigger_key
    if key is None:
        return None
    trigger_case_id = request.trigger_case_id
    if trigger_case_id is not None and key == f"{BY_TRIGGER_CASE}{trigger_case_id}":
        return _card_case_for(uow, trigger_case_id)
    card_orders_of = uow.registry.card_orders_of
    return _keyed_among(uow, key, [card_orders_of(cpr) for cpr in _distinct(request.persons)])


def _keyed_among(uow: UnitOfWork, key: str, orders_of: list[list[CardOrder]]) -> Case | None:
    """The card case keyed ``key`` among the cases of the persons' card orders.

    A card case's persons (its main and involved persons) are exactly those it made an order
    for (`_order`), in the same step, and a rollback takes both back: so the card cases among a
    person's cases are those of the person's orders - found through the few orders instead
    of all the person's cases. A standalone order's case has no key."""
    find_case = uow.registry.find_case
    for orders in orders_of:
        for order in orders:
            if order.standalone:
                continue
            case = find_case(order.case_id)
            if case is not None:
                details = case.details
                if isinstance(details, CardOrderDetails) and details.trigger_key == key:
                    return case
    return None


def _distinct(persons: tuple[str, ...]) -> tuple[str, ...]:
    return persons if len(persons) == 1 else tuple(dict.fromkeys(persons))


def _card_case_for(uow: UnitOfWork, trigger_case_id: str) -> Case | None:
    """The card case keyed by its triggering case: the one that case links to.

    Only `order_cards` (`_order`) makes a card case keyed "case:<id>", and it links the
    triggering case to it (the only writer of ``card_order_case_id``) in the same step;
    a second request for the same case finds it here and makes none, so the link names the
    one case with that key - found without walking the persons' cases. A link whose case a
    rollback took back names no case, as the walk would find none.
    """
    trigger_case = uow.registry.find_case(trigger_case_id)
    return card_case_of(uow, trigger_case) if trigger_case is not None else None


# ---------------------------------------------------------------------------------------------


def _ordered_now(orders: Sequence[CardOrder], now: datetime) -> bool:
    """An automatic card was ordered for the person by this same command or CPR event."""
    return any(o.ordered_at == now and not o.standalone for o in orders)


def _planned_from_history(
    uow: UnitOfWork,
    request: CardRequest,
    person: Citizen,
    orders: list[CardOrder],
    opted_out: bool,
) -> CardPlan:
    """The plan of a card whose fee the person's history decides (a standalone order, a group
    change without a fee of its own): first card, last physical card, move, marriage, today."""
    last_physical = next((o for o in reversed(orders) if o.physical), None)
    return _planned(
        uow.parameters,
        uow.today(),
        request.trigger,
        opted_out,
        not orders and _insured_only_here(person),
        request.fee_on_trigger_case,
        request.standalone_reason,
        last_physical.ordered_at.date() if last_physical else None,
        person.moved_in_on,
        person.married_on,
    )


# A card whose fee needs no history is planned from the facts that decide it; the others take
# their defaults, which the rule does not read for it (`fee_needs_history`), nor the date (the
# order's own date here, where the full plan has today: the same plan either way).
@lru_cache(maxsize=256)
def _planned_free(
    parameters: Parameters,
    on: date,
    trigger: CardTrigger,
    opted_out: bool,
    fee_on_trigger_case: bool,
) -> CardPlan:
    facts = CardFacts(
        on=on, trigger=trigger, opted_out=opted_out, fee_on_trigger_case=fee_on_trigger_case
    )
    return plan_card(facts, parameters)


# The rule is a pure function of the facts and the (never changed) parameters, and most orders
# of a day share their facts (a move's card: today, no opt-out, no earlier card on record): one
# plan, with its decision, serves them all instead of a new one each. Keyed by the facts' values
# in `CardFacts`' order (a frozen `CardFacts` costs more to make than the look-up).
@lru_cache(maxsize=4096)
def _planned(
    parameters: Parameters,
    on: date,
    trigger: CardTrigger,
    opted_out: bool,
    first_card: bool,
    fee_on_trigger_case: bool,
    standalone_reason: StandaloneReason | None,
    last_card_ordered_on: date | None,
    moved_in_on: date | None,
    married_on: date | None,
) -> CardPlan:
    facts = CardFacts(
        on=on,
        trigger=trigger,
        opted_out=opted_out,
        first_card=first_card,
        fee_on_trigger_case=fee_on_trigger_case,
        standalone_reason=standalone_reason,
        last_card_ordered_on=last_card_ordered_on,
        moved_in_on=moved_in_on,
        married_on=married_on,
    )
    return plan_card(facts, parameters)


def is_first_card(uow: UnitOfWork, person: Citizen) -> bool:
    """No card order on record, and no insurance from before Sygesikring's own records.

    A group membership without a case id was loaded from the past (a seeded population, data
    migration), when the person already held a card; memberships the system made (birth,
    move-in) carry their case. So a newborn or a newcomer has a first card; a seeded adult not.
    """
    return not uow.registry.has_card_orders(person.cpr) and _insured_only_here(person)


def _insured_only_here(person: Citizen) -> bool:
    # the read-only history: `groups` would make the citizen's own copy of shared records
    return all(membership.case_id is not None for membership in person.group_history())


# `CardTrigger.value` is a descriptor call; the shared value strings by member, looked up
_TRIGGER_VALUE = {trigger: trigger.value for trigger in CardTrigger}


def _registration(
    case: Case, details: CardOrderDetails, orders: list[CardOrder]
) -> LunaRegistration:
    assert case.main_cpr is not None
    return CardRegistration(
        case.case_id, case.main_cpr, case.effective_date, details.trigger, orders
    )


class CardRegistration(LunaRegistration):
    """A card case's LUNA registration, whose payload is made when it is read.

    The payload is a function of what the card case fixed when it was made (its start, its
    trigger and its orders, none of them changed afterwards), so it is kept as those
    references and made on each read - the same dict every time. Nobody may read it: a lean
    LUNA fake (the national simulation) keeps only the key of what it is sent, so a year's 1.7
    million card cases made a dict, a list and a dict per person each for nothing."""

    __slots__ = ("_orders", "_trigger", "_valid_from")

    def __init__(
        self,
        case_id: str,
        cpr: str,
        valid_from: date | None,
        trigger: str,
        orders: list[CardOrder],
    ) -> None:
        self.case_id, self.kind, self.cpr = case_id, "card_order", cpr
        self._valid_from, self._trigger, self._orders = valid_from, trigger, orders

    def __reduce__(self) -> tuple[type[CardRegistration], tuple[Any, ...]]:
        # a snapshot (pickle, deepcopy) keeps the references, not a payload: the slots'
        # default reading would ask the property, and could not give it back
        fixed = (self._valid_from, self._trigger, self._orders)
        return CardRegistration, (self.case_id, self.cpr, *fixed)

    @property
    def payload(self) -> dict[str, Any]:  # type: ignore[override]
        """The registration's payload (a new dict each read; LUNA reads it, never changes it)."""
        valid_from = self._valid_from
        return {
            "valid_from": _iso(valid_from) if valid_from else None,
            "trigger": self._trigger,
            "orders": [
                {
                    "cpr": order.cpr,
                    "physical": order.physical,
                    "fee_dkk": order.fee_dkk,
                    "skipped_reason": order.skipped_reason,
                }
                for order in self._orders
            ],
        }


# the day's card cases share their date's text (made once a day, not once a case)
@lru_cache(maxsize=64)
def _iso(day: date) -> str:
    return day.isoformat()


__all__ = [
    "CardRegistration",
    "CardRequest",
    "card_case_of",
    "card_orders_of_case",
    "eligible",
    "find_card_case",
    "is_first_card",
    "order_cards",
    "order_case_cards",
]
