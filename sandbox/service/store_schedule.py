"""When the daily work should next look at a case: a schedule of due days, in creation order.

The daily work on "Manglende lægevalg" is event driven (issue 16): a case is looked at when it
is opened, when its citizen's registrations change (the store wakes it, on the day of the change
and on the day the change takes effect), and on the day its own dates come (its start, the day
after its deadline); a case that waits for a case worker or for the citizen's own choice is
looked at every day. A case nothing has changed is not visited.

A pass visits the due keys in the order they were first added, as a visit of every key in that
order would: a key woken during the pass is visited in the same pass if it comes later in that
order, and in the next pass if it came earlier (it was seen before the change).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from datetime import date

Entry = tuple[date, int, str]  # due day, the key's order, key


class DueSchedule:
    """Forfaldsplan - keys with the days they are due, visited in the order keys were added."""

    __slots__ = ("_added", "_heap", "_order")

    def __init__(self) -> None:
        self._heap: list[Entry] = []
        self._order: dict[str, int] = {}  # key -> when it was first added
        self._added = 0  # keys ever added: the next key's order (never reused)

    def add(self, key: str, on: date) -> bool:
        """``key`` is due on ``on`` (date.min: at the next pass); a key may be due many days.
        True if the key came now (it got its place in the order)."""
        order = self._order.get(key)
        came = order is None
        if order is None:
            order = self._order[key] = self._added
            self._added += 1
        heapq.heappush(self._heap, (on, order, key))
        return came

    def take_back(self, key: str, on: date, came: bool) -> None:
        """Undo `add` (a command rolled back; later changes are undone already): its entry
        leaves the schedule and, if the key came with it, so does the key's place."""
        order = self._order.get(key)
        if order is not None and (on, order, key) in self._heap:  # a pass may have taken it
            self._heap.remove((on, order, key))  # (only on a rollback: O(n) is fine)
            heapq.heapify(self._heap)
        if came:
            del self._order[key]
            self._added -= 1

    def forget(self, key: str) -> int | None:
        """``key`` is done (entries left for it are skipped by the caller); its place in the
        order, which `remember` puts back should the forgetting be undone."""
        return self._order.pop(key, None)

    def remember(self, key: str, order: int | None) -> None:
        if order is not None:
            self._order[key] = order

    def entries(self) -> list[Entry]:
        """A copy of what is scheduled (to put back should a pass be undone)."""
        return list(self._heap)

    def restore(self, entries: list[Entry]) -> None:
        self._heap = list(entries)

    def due(self, today: date) -> Iterator[str]:
        """One pass: the keys due on or before ``today``, each once, in their order; keys
        woken while the pass runs join it when they come later in that order."""
        heap = self._heap
        waiting: list[tuple[int, str]] = []  # due in this pass: (order, key)
        later: list[Entry] = []
        last = -1
        while True:
            while heap and heap[0][0] <= today:
                entry = heapq.heappop(heap)
                if entry[1] > last:
                    heapq.heappush(waiting, (entry[1], entry[2]))
                else:
                    later.append(entry)  # seen in this pass before it woke: the next pass
            while waiting and waiting[0][0] <= last:
                heapq.heappop(waiting)  # a second wake of a key this pass has visited
            if not waiting:
                break
            last, key = heapq.heappop(waiting)
            yield key
        for entry in later:
            heapq.heappush(heap, entry)
