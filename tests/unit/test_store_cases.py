"""The store's cases per person: the cases a person is main or involved person of, in the order
they were opened, kept right through additions, a dropped case and a rolled-back command (the
index keeps one id itself and more as a tuple; no reader sees the difference)."""

from __future__ import annotations

from datetime import date, datetime, time

from sandbox.domain.case_details import CardOrderDetails
from sandbox.domain.model import Actor, Case, CaseStatus, CaseType
from sandbox.service.store import Store

AT = datetime.combine(date(2025, 4, 9), time(9))
MOTHER, CHILD = "0505801234", "0101201234"


def a_case(case_id: str, main: str, involved: tuple[str, ...] = ()) -> Case:
    return Case(
        case_id,
        CaseType.CARD_ORDER,
        "0787",
        main,
        involved,
        CaseStatus.CREATED,
        AT,
        Actor.system(),
        None,
        CardOrderDetails(trigger="GP_CHOICE"),
    )


def ids(store: Store, cpr: str) -> list[str]:
    return [case.case_id for case in store.cases_of(cpr)]


def test_a_persons_cases_come_in_the_order_they_were_opened() -> None:
    store = Store()
    store.add_case(a_case("F1", MOTHER))
    assert ids(store, MOTHER) == ["F1"] and ids(store, CHILD) == []
    store.add_case(a_case("F2", MOTHER, (CHILD,)))
    store.add_case(a_case("F3", MOTHER, (MOTHER,)))  # named twice, listed once
    assert ids(store, MOTHER) == ["F1", "F2", "F3"] and ids(store, CHILD) == ["F2"]


def test_a_dropped_case_leaves_the_others_and_comes_back_on_rollback() -> None:
    store = Store()
    for case_id in ("F1", "F2", "F3"):
        store.add_case(a_case(case_id, MOTHER, (CHILD,) if case_id == "F2" else ()))
    mark = store.begin()
    store.drop_case("F2")
    assert ids(store, MOTHER) == ["F1", "F3"] and ids(store, CHILD) == []
    store.drop_case("F1")
    assert ids(store, MOTHER) == ["F3"]
    store.rollback(mark)
    assert sorted(ids(store, MOTHER)) == ["F1", "F2", "F3"] and ids(store, CHILD) == ["F2"]


def test_a_rolled_back_case_leaves_no_index_entry() -> None:
    store = Store()
    store.add_case(a_case("F1", MOTHER))
    mark = store.begin()
    store.add_case(a_case("F2", MOTHER, (CHILD,)))
    assert store.rollback(mark) == ["F2"]
    assert ids(store, MOTHER) == ["F1"] and ids(store, CHILD) == []
    assert not store.has_case("F2")
