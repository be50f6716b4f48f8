"""What the card orders, the relay and the letter handlers read, and what they leave alone.

The hot handlers of a national year (card orders on moves and GP choices, the LUNA relay, the
letters) read only what they need: a card order reads the citizen's group history without
making the citizen's own copy of shared records; a plan is shared by orders with the same
facts; the letter and card handlers of `CaseCompleted`/`CaseCreated` go by the case type the
event names; the relay completes every case of one run at the same instant.
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.model import Actor, CaseStatus, CaseType, GroupMembership
from sandbox.service.commands import RelayOutbox
from sandbox.service.events import CaseCompleted, CaseCreated, CitizenMoved
from sandbox.service.handlers.card_triggers import on_case_completed
from sandbox.service.handlers.letters import WriteLetter
from sandbox.service.letters.contexts import card_lines, case_fee
from tests.builders import TestWorld, add_citizen, add_practice, make_world

SEEDED = "0505801234"
OTHER = "0606801234"


def _moved(world: TestWorld, cpr: str) -> None:
    uow = world.bus.uow
    uow.emit(CitizenMoved(cpr, world.today, "0787", "0787"))
    world.bus._dispatch_events()  # what the bus does after a handler
    world.handle(RelayOutbox(Actor.system()))


def _seeded_citizen(world: TestWorld, cpr: str, shared: tuple[GroupMembership, ...]) -> None:
    citizen = add_citizen(world, cpr, group=None)
    citizen._groups = shared  # as the population builder shares a quarter's first membership


def test_a_card_order_leaves_shared_group_records_shared() -> None:
    world = make_world()
    shared = (GroupMembership(1, date(2020, 1, 1), reason="seeded"),)
    _seeded_citizen(world, SEEDED, shared)
    _moved(world, SEEDED)
    [order] = world.registry.card_orders_of(SEEDED)
    assert order.physical and order.fee_dkk == 0  # a move's card is free
    assert world.registry.citizen(SEEDED).group_history() is shared  # nothing copied


def test_orders_with_the_same_facts_share_one_plan_and_are_each_recorded() -> None:
    world = make_world()
    shared = (GroupMembership(1, date(2020, 1, 1), reason="seeded"),)
    _seeded_citizen(world, SEEDED, shared)
    _seeded_citizen(world, OTHER, shared)
    _moved(world, SEEDED)
    _moved(world, OTHER)
    first, second = (world.registry.card_orders_of(cpr)[0] for cpr in (SEEDED, OTHER))
    assert (first.physical, first.fee_dkk, first.skipped_reason) == (True, 0, None)
    assert (second.physical, second.fee_dkk, second.skipped_reason) == (True, 0, None)
    assert first.case_id != second.case_id and first.order_id != second.order_id


def test_the_relay_completes_a_run_s_cases_at_the_clock_s_instant() -> None:
    world = make_world(relay=False)
    add_citizen(world, SEEDED)
    add_citizen(world, OTHER)
    uow = world.bus.uow
    uow.emit(CitizenMoved(SEEDED, world.today, "0787", "0787"))
    uow.emit(CitizenMoved(OTHER, world.today, "0787", "0787"))
    world.bus._dispatch_events()
    world.advance(seconds=90)
    assert world.handle(RelayOutbox(Actor.system())) == 2
    cases = [c for c in world.registry.all_cases() if c.case_type is CaseType.CARD_ORDER]
    assert len(cases) == 2
    for case in cases:
        assert case.history[-1] == (world.clock.now(), CaseStatus.COMPLETED)
        assert case.details.luna_attempts == 1 and case.details.luna_id


def test_letter_and_card_handlers_skip_other_case_types_without_reading_the_case() -> None:
    world = make_world()
    uow = world.bus.uow
    # no such case: a handler that looked it up would raise UnknownCase
    WriteLetter(CaseType.MISSING_GP_CHOICE)(
        CaseCreated("F99999999", CaseType.CARD_ORDER, "0787", SEEDED), uow
    )
    on_case_completed(CaseCompleted("F99999999", CaseType.CARD_ORDER), uow)
    assert not world.registry.all_letters()


def test_a_letter_s_fee_and_card_lines_read_the_card_order_once_as_apart() -> None:
    world = make_world()
    add_practice(world, "100001")
    add_citizen(world, SEEDED, doctor="100001")
    _moved(world, SEEDED)
    [card_case] = [c for c in world.registry.all_cases() if c.case_type is CaseType.CARD_ORDER]
    uow = world.bus.uow
    recipient = world.registry.citizen(SEEDED)
    orders = world.registry.card_orders_of(SEEDED)
    assert case_fee(uow, card_case, orders) == case_fee(uow, card_case) == 0
    lines = card_lines(uow, card_case, recipient)
    assert lines == card_lines(uow, card_case, recipient, orders)
    assert [(line.name, line.physical) for line in lines] == [("Test Borger", True)]
