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

import bisect
import heapq
from collections.abc import Iterator
from datetime import date

Entry = tuple[int, str]  # the key's order, key (filed under its due day)


class DueSchedule:
    """Forfaldsplan - keys with the days they are due, visited in the order keys were added.

    The entries are filed by due day (the days in order, a list of entries per day): a pass
    takes whole days, so an entry costs an append and a look at it, not a step through a heap of
    every entry (every open case's wake-ups; the days are far fewer). The days are kept sorted,
    not as a heap, so that a rollback leaves them exactly as they were."""

    __slots__ = ("_added", "_days", "_on", "_order")

    def __init__(self) -> None:
        self._days: list[date] = []  # the days that have entries, in order
        self._on: dict[date, list[Entry]] = {}  # due day -> its entries (a day in both or none)
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
        self._file(on, (order, key))
        return came

    def _file(self, on: date, entry: Entry) -> None:
        entries = self._on.get(on)
        if entries is None:
            entries = self._on[on] = []
            bisect.insort(self._days, on)
        entries.append(entry)

    def take_back(self, key: str, on: date, came: bool) -> None:
        """Undo `add` (a command rolled back; later changes are undone already): its entry
        leaves the schedule and, if the key came with it, so does the key's place."""
        order = self._order.get(key)
        entries = self._on.get(on)
        if order is not None and entries is not None and (order, key) in entries:
            entries.remove((order, key))  # a pass may have taken it (only on a rollback)
            if not entries:  # the day came with it
                del self._on[on]
                self._days.remove(on)
        if came:
            del self._order[key]
            self._added -= 1

    def forget(self, key: str) -> int | None:
        """``key`` is done (a pass drops the entries left for it); its place in the order,
        which `remember` puts back should the forgetting be undone."""
        return self._order.pop(key, None)

    def remember(self, key: str, order: int | None) -> None:
        if order is not None:
            self._order[key] = order

    def entries(self) -> dict[date, list[Entry]]:
        """A copy of what is scheduled (to put back should a pass be undone)."""
        return {on: list(entries) for on, entries in self._on.items()}

    def restore(self, entries: dict[date, list[Entry]]) -> None:
        self._on = {on: list(day) for on, day in entries.items()}
        self._days = sorted(self._on)

    def due(self, today: date) -> Iterator[str]:
        """One pass: the keys due on or before ``today``, each once, in their order; keys
        woken while the pass runs join it when they come later in that order."""
        days, filed, known = self._days, self._on, self._order
        waiting: list[Entry] = []  # due in this pass: (order, key)
        later: list[tuple[date, Entry]] = []
        last = -1
        while True:
            while days and days[0] <= today:
                on = days.pop(0)  # the days are far fewer than the entries
                for entry in filed.pop(on):
                    if entry[1] not in known:
                        # a forgotten key (its case closed: the caller would skip it) never
                        # comes back once its command is done, so its entries leave the
                        # schedule (an undone pass is put back from its copy)
                        continue
                    if entry[0] > last:
                        heapq.heappush(waiting, entry)
                    else:
                        later.append((on, entry))  # seen in this pass before it woke: the next
            while waiting and waiting[0][0] <= last:
                heapq.heappop(waiting)  # a second wake of a key this pass has visited
            if not waiting:
                break
            last, key = heapq.heappop(waiting)
            yield key
        for on, entry in later:
            self._file(on, entry)
