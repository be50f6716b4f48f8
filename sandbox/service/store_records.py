"""The store's records beside cases: tasks, letters, card orders, practice events and the audit
log, each with the index its readers need; every addition notes its undo while a command runs
(`sandbox.service.store.Store`, a mixin).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sandbox.domain.model import AuditEntry, CardOrder, Letter, Task
from sandbox.domain.practice_events import PracticeEvent

# The letters of a case: millions of them in a national year, and nearly always one. The index
# holds that one id itself (no container at all), and a tuple only for two or more (a list
# grown by append would cost 88 bytes, for room for four).
Ids = str | tuple[str, ...]
# The card orders of a person, the same way, but the orders themselves: they are found through
# their person (and a card case's through its persons), never by their id alone, so no index
# by id is kept (a national year's two million orders: one dict entry and look-up less each)
CardOrders = CardOrder | tuple[CardOrder, ...]


class Records:
    """Akter - tasks, letters, card orders, practice events and the audit log of `Store`."""

    __slots__ = ()

    _tasks: dict[str, Task]
    _letters: dict[str, Letter]
    _letters_by_case: dict[str, Ids]
    _card_orders_by_cpr: dict[str, CardOrders]
    _practice_events: dict[str, PracticeEvent]
    _practice_events_by_yder: dict[str, list[str]]
    _audit: list[AuditEntry]
    _undo: list[tuple[Any, ...]] | None  # the store's undo notes (store.Undo)

    def task(self, task_id: str) -> Task:
        """The task ``task_id`` (KeyError when there is none: ask find_task for outside ids)."""
        return self._tasks[task_id]

    def find_task(self, task_id: str) -> Task | None:
        return self._tasks.get(task_id)

    def all_tasks(self) -> Collection[Task]:
        return self._tasks.values()

    def task_count(self) -> int:
        return len(self._tasks)

    def add_task(self, task: Task) -> None:
        self._tasks[task.task_id] = task
        if self._undo is not None:
            self._undo.append((self._forget_task, task))

    def _forget_task(self, task: Task) -> None:
        del self._tasks[task.task_id]

    def letter(self, letter_id: str) -> Letter:
        """The letter ``letter_id`` (KeyError when there is none)."""
        return self._letters[letter_id]

    def find_letter(self, letter_id: str) -> Letter | None:
        return self._letters.get(letter_id)

    def all_letters(self) -> Collection[Letter]:
        return self._letters.values()

    def letter_count(self) -> int:
        return len(self._letters)

    def letters_of_case(self, case_id: str) -> list[Letter]:
        return [self._letters[letter_id] for letter_id in ids_of(self._letters_by_case, case_id)]

    def has_letters(self, case_id: str) -> bool:
        return case_id in self._letters_by_case

    def add_letter(self, letter: Letter) -> None:
        self._letters[letter.letter_id] = letter
        add_id(self._letters_by_case, letter.case_id, letter.letter_id)
        if self._undo is not None:
            self._undo.append((self._forget_letter, letter))

    def _forget_letter(self, letter: Letter) -> None:
        del self._letters[letter.letter_id]
        remove_id(self._letters_by_case, letter.case_id, letter.letter_id)

    def all_card_orders(self) -> list[CardOrder]:
        """Every card order, person by person (each person's in the order they were made)."""
        return [
            order
            for held in self._card_orders_by_cpr.values()
            for order in (held if isinstance(held, tuple) else (held,))
        ]

    def card_orders_of(self, cpr: str) -> list[CardOrder]:
        """The person's card orders, oldest first (a new list: most persons have none or one,
        asked of every card order's person)."""
        found = self._card_orders_by_cpr.get(cpr)
        if found is None:
            return []
        return list(found) if isinstance(found, tuple) else [found]

    def has_card_orders(self, cpr: str) -> bool:
        return cpr in self._card_orders_by_cpr

    def add_card_order(self, order: CardOrder) -> None:
        add_order(self._card_orders_by_cpr, order)
        if self._undo is not None:
            self._undo.append((self._forget_card_order, order))

    def _forget_card_order(self, order: CardOrder) -> None:
        orders = self.card_orders_of(order.cpr)
        orders.remove(order)
        if not orders:
            del self._card_orders_by_cpr[order.cpr]
        else:
            self._card_orders_by_cpr[order.cpr] = orders[0] if len(orders) == 1 else tuple(orders)

    # practice events ------------------------------------------------------------------------
    def practice_event(self, event_id: str) -> PracticeEvent:
        """The practice event ``event_id`` (KeyError when there is none)."""
        return self._practice_events[event_id]

    def find_practice_event(self, event_id: str) -> PracticeEvent | None:
        return self._practice_events.get(event_id)

    def all_practice_events(self) -> Collection[PracticeEvent]:
        return self._practice_events.values()

    def has_practice_events(self) -> bool:
        return bool(self._practice_events)

    def has_practice_events_at(self, ydernummer: str) -> bool:
        """Whether ``practice_events_of(ydernummer)`` is not empty (no list made)."""
        return ydernummer in self._practice_events_by_yder

    def practice_events_of(self, ydernummer: str) -> list[PracticeEvent]:
        ids = self._practice_events_by_yder.get(ydernummer, ())
        return [self._practice_events[event_id] for event_id in ids]

    def add_practice_event(self, event: PracticeEvent) -> None:
        self._practice_events[event.event_id] = event
        self._practice_events_by_yder.setdefault(event.ydernummer, []).append(event.event_id)
        if self._undo is not None:
            self._undo.append((self._forget_practice_event, event))

    def _forget_practice_event(self, event: PracticeEvent) -> None:
        del self._practice_events[event.event_id]
        ids = self._practice_events_by_yder[event.ydernummer]
        ids.remove(event.event_id)
        if not ids:
            del self._practice_events_by_yder[event.ydernummer]

    def audit_log(self) -> Sequence[AuditEntry]:
        """The audit log, oldest first (read-only: append with add_audit)."""
        return self._audit

    def add_audit(self, entry: AuditEntry) -> None:
        self._audit.append(entry)
        if self._undo is not None:
            self._undo.append((self._forget_last_audit,))

    def _forget_last_audit(self) -> None:
        self._audit.pop()


def ids_of(index: dict[str, Ids], key: str) -> tuple[str, ...]:
    """The ids an `Ids` index holds for ``key``, in the order they were added."""
    found = index.get(key, ())
    return (found,) if isinstance(found, str) else found


def add_id(index: dict[str, Ids], key: str, record_id: str) -> None:
    # one look-up: every case, letter and card order is added to an index (millions a year)
    found = index.get(key)
    if found is None:
        index[key] = record_id
    elif type(found) is str:
        index[key] = (found, record_id)
    else:
        index[key] = (*found, record_id)


def remove_id(index: dict[str, Ids], key: str, record_id: str) -> None:
    ids = list(ids_of(index, key))
    ids.remove(record_id)
    if not ids:
        del index[key]
    else:
        index[key] = ids[0] if len(ids) == 1 else tuple(ids)


def add_order(index: dict[str, CardOrders], order: CardOrder) -> None:
    """Keep ``order`` among its person's card orders (one look-up, as `add_id`)."""
    cpr = order.cpr
    found = index.get(cpr)
    if found is None:
        index[cpr] = order
    elif isinstance(found, tuple):
        index[cpr] = (*found, order)
    else:
        index[cpr] = (found, order)
