"""The store's letters-by-case and card-orders-by-person indexes: one id (one order), several,
and a rollback taking each addition back in turn (the index keeps a lone one without a
container); a card case and its orders added and taken back together."""

from __future__ import annotations

from datetime import date, datetime, time

from sandbox.domain.case_details import CardOrderDetails
from sandbox.domain.model import Actor, CardOrder, Case, CaseStatus, CaseType, Letter
from sandbox.service.store import Store

AT = datetime.combine(date(2025, 3, 1), time(9))  # simulated, naive as the system's clock


def _letter(letter_id: str, case_id: str) -> Letter:
    return Letter(letter_id, case_id, "0101801001", "gp_choice", (), "tekst", AT)


def _order(order_id: str, cpr: str) -> CardOrder:
    return CardOrder(order_id, "F00000001", cpr, True, False, 0, AT)


def test_a_case_with_one_two_and_three_letters_and_their_rollback() -> None:
    store = Store()
    assert not store.has_letters("F1") and store.letters_of_case("F1") == []
    store.add_letter(_letter("B1", "F1"))
    mark = store.begin()
    store.add_letter(_letter("B2", "F1"))
    store.add_letter(_letter("B3", "F1"))
    store.add_letter(_letter("B4", "F2"))
    assert [letter.letter_id for letter in store.letters_of_case("F1")] == ["B1", "B2", "B3"]
    assert [letter.letter_id for letter in store.letters_of_case("F2")] == ["B4"]
    store.rollback(mark)
    assert [letter.letter_id for letter in store.letters_of_case("F1")] == ["B1"]
    assert store.has_letters("F1") and not store.has_letters("F2")
    assert store.letters_of_case("F2") == [] and store.letter_count() == 1


def test_a_person_with_card_orders_and_their_rollback() -> None:
    store = Store()
    mark = store.begin()
    store.add_card_order(_order("K1", "0101801001"))
    store.add_card_order(_order("K2", "0101801001"))
    assert [order.order_id for order in store.card_orders_of("0101801001")] == ["K1", "K2"]
    assert store.has_card_orders("0101801001") and not store.has_card_orders("0101801002")
    store.rollback(mark)
    assert store.card_orders_of("0101801001") == []
    assert not store.has_card_orders("0101801001")
    store.add_card_order(_order("K3", "0101801001"))
    assert [order.order_id for order in store.card_orders_of("0101801001")] == ["K3"]


def test_a_card_case_and_its_orders_come_and_go_together() -> None:
    store = Store()
    store.add_card_order(_order("K1", "0101801001"))  # an earlier order of the main person
    mark = store.begin()
    orders = [
        CardOrder("K2", "F00000002", "0101801001", True, False, 0, AT),
        CardOrder("K3", "F00000002", "0101801002", False, False, 0, AT, "PHYSICAL_CARD_OPTED_OUT"),
    ]
    case = Case(
        "F00000002",
        CaseType.CARD_ORDER,
        "0101",
        "0101801001",
        ("0101801002",),
        CaseStatus.AWAITING_LUNA,
        AT,
        Actor.system(),
        AT.date(),
        CardOrderDetails(trigger="move", orders=("K2", "K3")),
    )
    store.add_card_case(case, orders)
    assert [c.case_id for c in store.cases_of("0101801002")] == ["F00000002"]
    assert [o.order_id for o in store.card_orders_of("0101801001")] == ["K1", "K2"]
    assert [o.order_id for o in store.card_orders_of("0101801002")] == ["K3"]
    assert sorted(o.order_id for o in store.all_card_orders()) == ["K1", "K2", "K3"]
    assert store.rollback(mark) == ["F00000002"]  # its registration leaves the outbox
    assert store.find_case("F00000002") is None and store.cases_of("0101801002") == []
    assert [o.order_id for o in store.card_orders_of("0101801001")] == ["K1"]
    assert not store.has_card_orders("0101801002")
    assert [o.order_id for o in store.all_card_orders()] == ["K1"]
