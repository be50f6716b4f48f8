"""The LUNA outbox: registrations wait here, behind their case, until LUNA confirms them.

Release 1.1 item 13: the case is always created first; then the registration is sent, and
retried with back-off in simulated time until LUNA answers. The case id is the idempotency key,
so a registration that LUNA committed but whose answer was lost ("a cable dug over") is
confirmed, not doubled, on the retry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sandbox.service.ports import LunaRegistration

BACKOFF_FIRST_SECONDS = 30.0
BACKOFF_MAX_SECONDS = 6 * 3600.0


# 2**10 * 30 s already exceeds the cap; bounding the exponent keeps a months-long outage
# (thousands of attempts) from overflowing the float conversion.
_MAX_DOUBLINGS = 20


def backoff(attempts: int) -> timedelta:
    """Wait before retry number ``attempts`` (1, 2, ...): 30 s doubling, at most 6 hours."""
    doublings = min(max(attempts - 1, 0), _MAX_DOUBLINGS)
    seconds = min(BACKOFF_FIRST_SECONDS * 2**doublings, BACKOFF_MAX_SECONDS)
    return timedelta(seconds=seconds)


@dataclass(slots=True)
class OutboxEntry:
    """Udbakke-post - one registration awaiting LUNA."""

    registration: LunaRegistration
    queued_at: datetime
    next_attempt_at: datetime
    attempts: int = 0
    last_fault: str | None = None


class Outbox:
    """Udbakke - registrations in the order their cases were created.

    ``on_add`` registers a listener told when a registration is queued, so a relay can sleep
    while the outbox is empty instead of looking every minute. Listeners belong to the running
    process, not to the outbox's state: a pickled outbox (a frozen world) has none.
    """

    __slots__ = ("_entries", "_listeners")

    def __init__(self) -> None:
        self._entries: dict[str, OutboxEntry] = {}
        self._listeners: list[Callable[[], None]] = []

    def __getstate__(self) -> dict[str, OutboxEntry]:
        return self._entries

    def __setstate__(self, entries: dict[str, OutboxEntry]) -> None:
        self._entries = entries
        self._listeners = []

    def on_add(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` each time a new registration is queued."""
        self._listeners.append(listener)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, case_id: object) -> bool:
        return case_id in self._entries

    def add(self, registration: LunaRegistration, now: datetime) -> None:
        if registration.case_id not in self._entries:
            self._entries[registration.case_id] = OutboxEntry(registration, now, now)
            for listener in self._listeners:
                listener()

    def due(self, now: datetime) -> list[OutboxEntry]:
        return [entry for entry in self._entries.values() if entry.next_attempt_at <= now]

    def next_due_at(self) -> datetime | None:
        return min((entry.next_attempt_at for entry in self._entries.values()), default=None)

    def failed(self, entry: OutboxEntry, now: datetime, fault: str) -> None:
        entry.attempts += 1
        entry.last_fault = fault
        entry.next_attempt_at = now + backoff(entry.attempts)

    def done(self, case_id: str) -> OutboxEntry:
        return self._entries.pop(case_id)

    def entries(self) -> list[OutboxEntry]:
        return list(self._entries.values())

    def get(self, case_id: str) -> OutboxEntry | None:
        return self._entries.get(case_id)

    def withdraw(self, case_id: str) -> OutboxEntry | None:
        """Take a registration out unsent (its case was cancelled, e.g. by a data restore)."""
        return self._entries.pop(case_id, None)
