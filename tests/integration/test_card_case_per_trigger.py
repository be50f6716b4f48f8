"""One "Bestil Sundhedskort" case per triggering case, found through the case's link, and the
bus's journals shown only what they see: through the bus, with the in-process fakes."""

from __future__ import annotations

from datetime import date

from sandbox.domain.decisions import Decision
from sandbox.domain.errors import SandboxError
from sandbox.domain.model import Actor, Case, CaseType
from sandbox.domain.rules.cards import CardTrigger
from sandbox.service.card_ordering import CardRequest, card_case_of, find_card_case, order_cards
from sandbox.service.commands import ChooseGp, Command, OrderHealthCard
from sandbox.service.events import CaseCompleted, Event, GpChosen
from sandbox.service.handlers import card_triggers
from sandbox.service.unit_of_work import UnitOfWork
from tests.builders import THISTED, TestWorld, add_citizen, add_practice, make_world, offset

MOTHER = "0505801234"
CHILD = "0101151234"


class Seen:
    """A bus journal that keeps what it is shown; ``sees_events`` and ``sees_decisions`` as
    given (None: it has no such attribute)."""

    def __init__(self, sees_events: bool | None, sees_decisions: bool | None) -> None:
        if sees_events is not None:
            self.sees_events = sees_events
        if sees_decisions is not None:
            self.sees_decisions = sees_decisions
        self.commands: list[Command] = []
        self.events: list[Event] = []
        self.decisions: list[str] = []

    def command(self, command: Command, uow: UnitOfWork) -> None:
        self.commands.append(command)

    def event(self, event: Event, uow: UnitOfWork) -> None:
        self.events.append(event)

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        self.decisions.append(subject)

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None: ...


def family_world() -> TestWorld:
    world = make_world()
    add_practice(world, "100001", offset(THISTED, north_km=2))
    add_practice(world, "100002", offset(THISTED, east_km=3))
    add_citizen(world, MOTHER, doctor="100001")
    add_citizen(world, CHILD, birth=date(2018, 1, 1), parents=(MOTHER,), custody_holders=(MOTHER,))
    return world


def card_cases(world: TestWorld) -> list[Case]:
    return [c for c in world.registry.all_cases() if c.case_type is CaseType.CARD_ORDER]


def choose(world: TestWorld) -> Case:
    case = world.handle(ChooseGp(Actor.citizen(MOTHER), MOTHER, "100002", involved=(CHILD,)))
    assert isinstance(case, Case)
    return case


def test_a_request_keyed_by_a_case_finds_the_card_case_that_case_links_to() -> None:
    world = family_world()
    gp_case = choose(world)
    [card_case] = card_cases(world)
    assert gp_case.details.card_order_case_id == card_case.case_id
    request = CardRequest(
        CardTrigger.GP_CHOICE,
        (MOTHER, CHILD),
        world.today,
        Actor.system(),
        trigger_key=f"case:{gp_case.case_id}",
        trigger_case_id=gp_case.case_id,
    )
    uow = world.bus.uow
    assert find_card_case(uow, request) is card_case
    assert order_cards(uow, request) is card_case  # the one it has, no second case
    assert card_cases(world) == [card_case]
    assert uow.collect_new_events() == [] and uow.collect_decisions() == []


def test_a_case_whose_cards_are_ordered_orders_none_again() -> None:
    world = family_world()
    gp_case = choose(world)
    [card_case] = card_cases(world)
    orders = len(world.registry.all_card_orders())
    uow = world.bus.uow
    # another GpChosen of the case (one per person) and its completion find the same card case
    card_triggers.on_gp_chosen(GpChosen(gp_case.case_id, CHILD, "100002", world.today), uow)
    card_triggers.on_case_completed(CaseCompleted(gp_case.case_id, CaseType.GP_CHOICE), uow)
    assert card_cases(world) == [card_case]
    assert len(world.registry.all_card_orders()) == orders
    assert uow.collect_new_events() == [] and uow.collect_decisions() == []


def test_the_bus_shows_events_and_decisions_only_to_the_journals_that_see_them() -> None:
    world = family_world()
    everything = Seen(None, None)
    no_events = Seen(False, True)
    nothing = Seen(False, False)
    world.bus.journals.extend([everything, no_events, nothing])
    choose(world)
    assert everything.events and everything.decisions
    assert no_events.events == [] and no_events.decisions == everything.decisions
    assert nothing.events == [] and nothing.decisions == []
    # every journal sees every command, whatever it says of events and decisions
    assert everything.commands == no_events.commands == nothing.commands != []


def move_request(world: TestWorld, persons: tuple[str, ...], key: str) -> CardRequest:
    return CardRequest(CardTrigger.MOVE, persons, world.today, Actor.system(), trigger_key=key)


def test_a_keyed_request_finds_its_card_case_through_any_of_its_persons_orders() -> None:
    world = family_world()
    uow = world.bus.uow
    key = "practice_event:E1:0787"
    card_case = order_cards(uow, move_request(world, (MOTHER, CHILD), key))
    assert card_case is not None and card_case.involved == (CHILD,)
    # a standalone order (no key) in between: its case is not the one looked for
    world.handle(OrderHealthCard(Actor.citizen(MOTHER), MOTHER, "lost"))
    uow.collect_new_events(), uow.collect_decisions()
    cases = card_cases(world)
    for persons in [(MOTHER,), (CHILD,), (CHILD, MOTHER), ("0101010101", CHILD)]:
        request = move_request(world, persons, key)
        assert find_card_case(uow, request) is card_case
        assert order_cards(uow, request) is card_case
    assert card_cases(world) == cases
    assert uow.collect_new_events() == [] and uow.collect_decisions() == []
    # another key for the same persons makes a case of its own
    other = order_cards(uow, move_request(world, (MOTHER,), f"move:{MOTHER}:x"))
    assert other is not None and other not in cases


def test_a_case_taken_back_is_not_found_by_its_key() -> None:
    world = family_world()
    uow = world.bus.uow
    savepoint = uow.begin()
    key = f"move:{MOTHER}:{world.today.isoformat()}:0787"
    first = order_cards(uow, move_request(world, (MOTHER,), key))
    uow.rollback(savepoint)
    assert first is not None and find_card_case(uow, move_request(world, (MOTHER,), key)) is None
    again = order_cards(uow, move_request(world, (MOTHER,), key))
    assert again is not None and again is not first
    assert find_card_case(uow, move_request(world, (MOTHER,), key)) is again


def test_a_case_in_hand_orders_its_cards_once_and_is_linked() -> None:
    world = family_world()
    gp_case = choose(world)
    [card_case] = card_cases(world)
    assert card_case.details.trigger_case_id == gp_case.case_id
    assert sorted((card_case.main_cpr, *card_case.involved)) == sorted((MOTHER, CHILD))
    assert card_case_of(world.bus.uow, gp_case) is card_case
