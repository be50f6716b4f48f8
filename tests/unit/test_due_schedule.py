"""The daily work's schedule (`DueSchedule`): a pass visits the due keys once each in the order
they were first added, as a visit of every key would; a key woken during the pass joins it only
if it comes later in that order, else it waits for the next pass."""

from __future__ import annotations

import copy
from datetime import date, timedelta

from sandbox.service.store_schedule import DueSchedule

TODAY = date(2025, 5, 1)


def test_a_pass_gives_the_due_keys_once_each_in_the_order_they_were_added() -> None:
    schedule = DueSchedule()
    for key in ("A", "B", "C", "D"):
        schedule.add(key, TODAY + timedelta(days=1))
    schedule.add("C", date.min)
    schedule.add("A", TODAY)
    schedule.add("C", TODAY)
    assert list(schedule.due(TODAY)) == ["A", "C"]  # B and D are due tomorrow
    assert list(schedule.due(TODAY)) == []
    assert list(schedule.due(TODAY + timedelta(days=1))) == ["A", "B", "C", "D"]


def test_a_key_woken_in_a_pass_joins_it_when_later_and_waits_when_earlier() -> None:
    schedule = DueSchedule()
    for key in ("A", "B", "C"):
        schedule.add(key, date.min)
    seen = []
    for key in schedule.due(TODAY):
        seen.append(key)
        if key == "B":
            schedule.add("A", date.min)  # seen already in this pass: the next one
            schedule.add("C", date.min)  # not yet: once, in this pass
            schedule.add("B", date.min)  # itself: the next pass
    assert seen == ["A", "B", "C"]
    assert list(schedule.due(TODAY)) == ["A", "B"]


def test_orders_are_never_reused_after_a_key_is_forgotten() -> None:
    schedule = DueSchedule()
    schedule.add("A", TODAY)
    schedule.add("B", TODAY)
    schedule.forget("A")
    schedule.add("C", TODAY)  # after B, though A's place is free
    assert list(schedule.due(TODAY)) == ["B", "C"]  # a forgotten key's entries are dropped
    schedule.add("A", TODAY)  # A comes again: a new place, after C
    schedule.add("C", TODAY)
    assert list(schedule.due(TODAY)) == ["C", "A"]


def test_a_taken_back_add_leaves_the_schedule_exactly_as_it_was() -> None:
    schedule = DueSchedule()
    schedule.add("A", TODAY)
    schedule.add("B", TODAY + timedelta(days=3))
    before = picture(schedule)
    came = schedule.add("C", date.min)  # a new key on a new day
    again = schedule.add("A", TODAY + timedelta(days=1))  # a known key on another new day
    schedule.add("B", TODAY)  # a known key on a day that has entries
    schedule.take_back("B", TODAY, False)
    schedule.take_back("A", TODAY + timedelta(days=1), again)
    schedule.take_back("C", date.min, came)
    assert picture(schedule) == before
    assert list(schedule.due(TODAY + timedelta(days=3))) == ["A", "B"]


def test_a_pass_put_back_from_its_copy_gives_the_same_passes_again() -> None:
    schedule = DueSchedule()
    for offset, key in enumerate(("A", "B", "C", "D")):
        schedule.add(key, TODAY + timedelta(days=offset % 2))
    schedule.add("D", date.min)
    saved = schedule.entries()
    before = picture(schedule)
    assert list(schedule.due(TODAY)) == ["A", "C", "D"]
    schedule.restore(saved)
    assert picture(schedule) == before
    assert list(schedule.due(TODAY)) == ["A", "C", "D"]
    assert list(schedule.due(TODAY + timedelta(days=1))) == ["B", "D"]


def picture(schedule: DueSchedule) -> tuple[object, ...]:
    """Everything the schedule holds, in its order (a rollback must give it back exactly)."""
    return copy.deepcopy(tuple(getattr(schedule, name) for name in DueSchedule.__slots__))
