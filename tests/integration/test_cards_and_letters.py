"""Health cards with the physical-card opt-out, and letters only to the main person (1.1 items
4 and 6): through the bus, with the in-process LUNA fake."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sandbox.domain.decisions import Decision
from sandbox.domain.errors import InvalidInput, RuleRefused, SandboxError
from sandbox.domain.geography import Address
from sandbox.domain.model import Actor, Case, CaseStatus, CaseType
from sandbox.domain.rules.cards import CardOrderNotAllowed
from sandbox.service.commands import ChooseGp, Command, OrderHealthCard, RelayOutbox
from sandbox.service.events import (
    CitizenMoved,
    CitizenNamed,
    CitizenRenumbered,
    Event,
    HealthCardOrdered,
)
from sandbox.service.handlers import card_triggers
from sandbox.service.unit_of_work import UnitOfWork
from tests.builders import (
    THISTED,
    TestWorld,
    add_citizen,
    add_practice,
    address,
    make_world,
    offset,
)

MOTHER = "0505801234"
CHILD_1 = "0101151234"
CHILD_2 = "0101181234"
STRANGER = "0303701234"


class Recorder:
    """A bus journal that keeps every event."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def command(self, command: Command, uow: UnitOfWork) -> None: ...

    def event(self, event: Event, uow: UnitOfWork) -> None:
        self.events.append(event)

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None: ...

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None: ...


@pytest.fixture
def world() -> TestWorld:
    world = make_world()
    add_practice(world, "100001", offset(THISTED, north_km=2))
    add_citizen(world, MOTHER, name="Mette Hansen", doctor="100001")
    add_citizen(
        world,
        CHILD_1,
        name="Anna Hansen",
        birth=date(2015, 1, 1),
        parents=(MOTHER,),
        custody_holders=(MOTHER,),
    )
    add_citizen(
        world,
        CHILD_2,
        name="Bo Hansen",
        birth=date(2018, 1, 1),
        parents=(MOTHER,),
        custody_holders=(MOTHER,),
    )
    add_citizen(world, STRANGER, name="Frede Fremmed")
    add_practice(world, "100002", offset(THISTED, east_km=3))
    return world


def choose_for_family(world: TestWorld) -> Case:
    command = ChooseGp(Actor.citizen(MOTHER), MOTHER, "100002", involved=(CHILD_1, CHILD_2))
    case = world.handle(command)
    assert isinstance(case, Case)
    return case


def card_cases(world: TestWorld) -> list[Case]:
    return [c for c in world.registry.all_cases() if c.case_type is CaseType.CARD_ORDER]


def orders_by_cpr(world: TestWorld, case: Case) -> dict[str, Any]:
    return {o.cpr: o for o in world.registry.all_card_orders() if o.case_id == case.case_id}


# --- card orders and the opt-out ---------------------------------------------------------------


def test_a_gp_choice_orders_one_card_case_with_one_order_per_person(world: TestWorld) -> None:
    gp_case = choose_for_family(world)
    [card_case] = card_cases(world)
    assert card_case.main_cpr == MOTHER and card_case.involved == (CHILD_1, CHILD_2)
    assert gp_case.details.card_order_case_id == card_case.case_id
    orders = orders_by_cpr(world, card_case)
    assert sorted(orders) == sorted([MOTHER, CHILD_1, CHILD_2])
    assert all(o.physical and not o.standalone and o.fee_dkk == 0 for o in orders.values())
    assert card_case.status is CaseStatus.COMPLETED
    assert world.luna.registrations[card_case.case_id].kind == "card_order"


def test_the_card_is_skipped_for_an_opted_out_person_but_the_case_is_still_made(
    world: TestWorld,
) -> None:
    world.luna.opt_out(STRANGER)
    world.handle(ChooseGp(Actor.citizen(STRANGER), STRANGER, "100002"))
    [card_case] = card_cases(world)
    [order] = orders_by_cpr(world, card_case).values()
    assert not order.physical
    assert order.skipped_reason == "PHYSICAL_CARD_OPTED_OUT"
    assert card_case.status is CaseStatus.COMPLETED
    payload = world.luna.registrations[card_case.case_id].payload
    assert payload["orders"][0]["physical"] is False


def test_mixed_household_one_card_case_one_physical_card(world: TestWorld) -> None:
    world.luna.opt_out(MOTHER)
    world.handle(ChooseGp(Actor.citizen(MOTHER), MOTHER, "100002", involved=(CHILD_1,)))
    [card_case] = card_cases(world)
    orders = orders_by_cpr(world, card_case)
    assert not orders[MOTHER].physical
    assert orders[MOTHER].skipped_reason == "PHYSICAL_CARD_OPTED_OUT"
    assert orders[CHILD_1].physical
    assert [o.physical for o in orders.values()].count(True) == 1


def test_when_every_person_opted_out_the_card_case_is_still_made(world: TestWorld) -> None:
    for cpr in (MOTHER, CHILD_1, CHILD_2):
        world.luna.opt_out(cpr)
    choose_for_family(world)
    [card_case] = card_cases(world)
    assert not any(o.physical for o in orders_by_cpr(world, card_case).values())


def test_the_opt_out_is_read_from_luna_at_order_time(world: TestWorld) -> None:
    world.luna.opt_out(MOTHER)
    world.luna.withdraw_opt_out(MOTHER)
    world.handle(ChooseGp(Actor.citizen(MOTHER), MOTHER, "100002"))
    [card_case] = card_cases(world)
    assert orders_by_cpr(world, card_case)[MOTHER].physical


def test_a_standalone_order_is_always_physical_and_sends_a_receipt(world: TestWorld) -> None:
    recorder = Recorder()
    world.bus.journals.append(recorder)
    world.luna.opt_out(STRANGER)
    case = world.handle(OrderHealthCard(Actor.citizen(STRANGER), STRANGER, "lost"))
    assert isinstance(case, Case) and case.case_type is CaseType.CARD_ORDER
    [order] = orders_by_cpr(world, case).values()
    assert order.physical and order.standalone and order.fee_dkk == 230
    [letter] = world.registry.letters_of_case(case.case_id)
    assert letter.template == "card_receipt" and letter.recipient_cpr == STRANGER
    assert "Kvittering for bestilling af sundhedskort" in letter.body
    assert "230 kr." in letter.body
    ordered = [e for e in recorder.events if isinstance(e, HealthCardOrdered)]
    assert ordered == [HealthCardOrdered(case.case_id, STRANGER, True, True)]


def test_a_case_worker_and_a_parent_may_order_a_standalone_card(world: TestWorld) -> None:
    world.handle(OrderHealthCard(world.case_worker, STRANGER, "damaged"))
    case = world.handle(OrderHealthCard(Actor.citizen(MOTHER), CHILD_1, "not_received"))
    assert isinstance(case, Case) and case.main_cpr == CHILD_1
    [letter] = world.registry.letters_of_case(case.case_id)
    assert letter.recipient_cpr == CHILD_1  # the main person; addressed to the parent
    assert "Til forældremyndighedsindehaveren for Anna Hansen" in letter.body


@pytest.mark.parametrize(
    ("actor", "cpr", "reason", "error"),
    [
        (Actor.citizen(STRANGER), MOTHER, "lost", CardOrderNotAllowed),
        (Actor.citizen(CHILD_1), MOTHER, "lost", CardOrderNotAllowed),
        (Actor.citizen(MOTHER), MOTHER, "stolen by pirates", InvalidInput),
    ],
)
def test_a_refused_standalone_order_leaves_the_world_unchanged(
    world: TestWorld, actor: Actor, cpr: str, reason: str, error: type[SandboxError]
) -> None:
    with pytest.raises(error):
        world.handle(OrderHealthCard(actor, cpr, reason))
    assert not world.registry.all_cases() and not world.registry.all_card_orders()
    assert not world.registry.all_letters()


def test_no_standalone_card_outside_groups_1_and_2(world: TestWorld) -> None:
    world.registry.citizen(STRANGER).status = "80"  # emigrated
    with pytest.raises(RuleRefused) as refused:
        world.handle(OrderHealthCard(world.case_worker, STRANGER, "lost"))
    assert refused.value.refusal_code == "NOT_INSURED_FOR_CARD"
    assert not world.registry.all_cases()


# --- CPR events --------------------------------------------------------------------------------


def publish(world: TestWorld, event: Event) -> None:
    """Publish an event as a CPR handler would, and let the bus settle (relay included)."""
    uow = world.bus.uow
    handler = {
        CitizenMoved: card_triggers.on_citizen_moved,
        CitizenNamed: card_triggers.on_citizen_named,
        CitizenRenumbered: card_triggers.on_citizen_renumbered,
    }[type(event)]
    handler(event, uow)  # type: ignore[operator]
    world.bus._dispatch_events()  # what the bus does after a handler
    world.handle(RelayOutbox(Actor.system()))


def test_a_move_orders_a_free_card_unless_opted_out(world: TestWorld) -> None:
    world.luna.opt_out(CHILD_1)
    publish(world, CitizenMoved(MOTHER, world.today, "0787", "0787"))
    publish(world, CitizenMoved(CHILD_1, world.today, "0787", "0787"))
    first, second = card_cases(world)
    assert first.details.trigger == "move" and first.main_cpr == MOTHER
    assert orders_by_cpr(world, first)[MOTHER].physical
    assert not orders_by_cpr(world, second)[CHILD_1].physical
    assert all(o.fee_dkk == 0 for o in world.registry.all_card_orders())
    assert not world.registry.all_letters()  # automatic orders send no receipt


def test_the_same_move_event_twice_orders_once(world: TestWorld) -> None:
    event = CitizenMoved(MOTHER, world.today, "0787", "0851")
    publish(world, event)
    publish(world, event)
    assert len(card_cases(world)) == 1


def test_a_move_in_from_greenland_is_a_first_card(world: TestWorld) -> None:
    publish(world, CitizenMoved(STRANGER, world.today, "0956", "0787"))
    [case] = card_cases(world)
    assert case.details.trigger == "move_in"


def test_naming_orders_the_card_but_not_in_a_vulnerable_situation(world: TestWorld) -> None:
    publish(world, CitizenNamed(CHILD_1, world.today, vulnerable=True, case_id=None))
    assert not card_cases(world)
    publish(world, CitizenNamed(CHILD_2, world.today, vulnerable=False, case_id=None))
    [case] = card_cases(world)
    assert case.main_cpr == CHILD_2 and case.details.trigger == "naming"


def test_renumbering_orders_a_free_card_for_the_new_number_only(world: TestWorld) -> None:
    world.registry.citizen(STRANGER).status = "60"  # the old number is no longer in use
    new = "0303709999"
    add_citizen(world, new, name="Frede Fremmed")
    publish(world, CitizenRenumbered(STRANGER, new, world.today, None))
    [case] = card_cases(world)
    assert list(orders_by_cpr(world, case)) == [new]
    assert orders_by_cpr(world, case)[new].fee_dkk == 0


# --- letters ------------------------------------------------------------------------------------


def test_a_mother_choosing_for_herself_and_two_children_gets_exactly_one_letter(
    world: TestWorld,
) -> None:
    gp_case = choose_for_family(world)
    [letter] = world.registry.all_letters()
    assert letter.case_id == gp_case.case_id
    assert letter.recipient_cpr == MOTHER and letter.template == "gp_choice"
    assert letter.involved == (CHILD_1, CHILD_2)
    assert "Anna Hansen" in letter.body and "Bo Hansen" in letter.body
    assert "Valget gælder også for:" in letter.body
    assert "Kvittering for bestilling af sundhedskort" not in letter.body


def test_the_letter_says_who_opted_out_of_the_physical_card(world: TestWorld) -> None:
    world.luna.opt_out(CHILD_2)
    choose_for_family(world)
    [letter] = world.registry.all_letters()
    assert "Bo Hansen: har fravalgt det fysiske sundhedskort" in letter.body
    assert "Anna Hansen: et nyt sundhedskort sendes med posten." in letter.body


def test_letters_never_go_to_involved_persons(world: TestWorld) -> None:
    choose_for_family(world)
    world.handle(OrderHealthCard(Actor.citizen(MOTHER), CHILD_2, "lost"))
    world.handle(ChooseGp(Actor.citizen(STRANGER), STRANGER, "100002"))
    assert world.registry.letter_count() == 3
    for letter in world.registry.all_letters():
        case = world.registry.case(letter.case_id)
        assert letter.recipient_cpr == case.main_cpr
        assert len(world.registry.letters_of_case(case.case_id)) == 1


def test_a_protected_persons_name_and_address_never_reach_someone_elses_letter(
    world: TestWorld,
) -> None:
    child = world.registry.citizen(CHILD_2)
    child.protected = True
    world.registry.move_citizen(child, offset_address())
    choose_for_family(world)
    [letter] = world.registry.all_letters()
    assert "Bo Hansen" not in letter.body
    assert child.address.text not in letter.body
    assert "en person med navne- og adressebeskyttelse" in letter.body


def test_a_protected_recipient_gets_their_own_address_on_their_own_letter(
    world: TestWorld,
) -> None:
    world.registry.citizen(STRANGER).protected = True
    world.handle(ChooseGp(Actor.citizen(STRANGER), STRANGER, "100002"))
    [letter] = world.registry.all_letters()
    assert "Frede Fremmed" in letter.body
    assert world.registry.citizen(STRANGER).address.text in letter.body


def offset_address() -> Address:
    return address("Skjultvej", "7", offset(THISTED, north_km=1))
