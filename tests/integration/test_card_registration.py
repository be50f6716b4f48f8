"""A card case's LUNA registration makes its payload when read (`CardRegistration`): the
payload LUNA receives is the one the card case's facts give, whoever reads it and however
often, and a snapshot (pickle, deep copy) of a waiting registration gives the same back."""

from __future__ import annotations

import copy
import pickle
from datetime import date

from sandbox.domain.model import Actor, Case, CaseType
from sandbox.service.card_ordering import CardRegistration, card_orders_of_case
from sandbox.service.commands import ChooseGp, RelayOutbox
from sandbox.service.outbox import OutboxEntry
from tests.builders import TestWorld, add_citizen, add_practice, make_world

MOTHER = "0505801234"
CHILD = "0101151234"


def _world_with_a_household_choice() -> TestWorld:
    world = make_world(relay=False)  # the registrations wait in the outbox
    add_practice(world, "100001")
    add_practice(world, "100002")
    add_citizen(world, MOTHER, doctor="100001")
    add_citizen(
        world,
        CHILD,
        doctor="100001",
        birth=date(2015, 1, 1),
        parents=(MOTHER,),
        custody_holders=(MOTHER,),
    )
    world.luna.opt_out(MOTHER)
    world.handle(ChooseGp(Actor.citizen(MOTHER), MOTHER, "100002", involved=(CHILD,)))
    return world


def _waiting_card_case(world: TestWorld) -> tuple[Case, OutboxEntry]:
    """The household choice's one card case and its entry waiting in the outbox."""
    uow = world.system.uow
    [card_case] = [c for c in uow.registry.all_cases() if c.case_type is CaseType.CARD_ORDER]
    entry = uow.outbox.get(card_case.case_id)
    assert entry is not None
    return card_case, entry


def test_the_waiting_registration_reads_as_the_card_case_and_its_orders_say() -> None:
    world = _world_with_a_household_choice()
    uow = world.system.uow
    card_case, entry = _waiting_card_case(world)
    registration = entry.registration
    assert isinstance(registration, CardRegistration)
    orders = card_orders_of_case(uow, card_case)
    assert card_case.effective_date is not None
    expected = {
        "valid_from": card_case.effective_date.isoformat(),
        "trigger": "gp_choice",
        "orders": [
            {
                "cpr": order.cpr,
                "physical": order.physical,
                "fee_dkk": order.fee_dkk,
                "skipped_reason": order.skipped_reason,
            }
            for order in orders
        ],
    }
    assert [order["cpr"] for order in expected["orders"]] == [MOTHER, CHILD]
    assert [order["physical"] for order in expected["orders"]] == [False, True]
    assert (registration.case_id, registration.kind, registration.cpr) == (
        card_case.case_id,
        "card_order",
        MOTHER,
    )
    assert registration.payload == expected
    assert registration.payload == expected  # read again: the same
    assert registration.payload is not registration.payload  # each read its own dict
    for again in (pickle.loads(pickle.dumps(registration)), copy.deepcopy(registration)):
        assert type(again) is CardRegistration
        assert again == registration and again.payload == expected


def test_luna_keeps_the_payload_the_registration_gives() -> None:
    world = _world_with_a_household_choice()
    card_case, entry = _waiting_card_case(world)
    sent = entry.registration.payload
    world.handle(RelayOutbox(Actor.system()))
    assert world.luna.registrations[card_case.case_id].payload == sent
