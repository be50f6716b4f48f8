"""Fake CPR backend: persons, addresses, relations and an ordered event feed.

Plain Python (moto-shaped, DESIGN.md 6). Addresses are plain dicts so the fake needs nothing from
the system. Every change appends to the event feed with a sequence number, which the system
reads with ``events_after(sequence)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(slots=True)
class Person:
    cpr: str
    name: str
    birth_date: date
    status: str = "01"
    address: dict[str, Any] | None = None
    civil_status: str = "U"
    spouse: str | None = None
    parents: tuple[str, ...] = ()
    custody_holders: tuple[str, ...] = ()
    protected: bool = False


@dataclass(slots=True)
class CprEvent:
    sequence: int
    kind: str
    cpr: str
    on: date
    data: dict[str, Any] = field(default_factory=dict)


class CprBackend:
    """CPR - the Central Person Register, as a fake."""

    def __init__(self) -> None:
        self.persons: dict[str, Person] = {}
        self.events: list[CprEvent] = []

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]

    def add_person(self, person: Person) -> None:
        self.persons[person.cpr] = person

    def person(self, cpr: str) -> Person | None:
        return self.persons.get(cpr)

    def record(self, kind: str, cpr: str, on: date, **data: Any) -> CprEvent:
        event = CprEvent(len(self.events) + 1, kind, cpr, on, data)
        self.events.append(event)
        return event

    def events_after(self, sequence: int) -> list[CprEvent]:
        return self.events[sequence:]

    def move(self, cpr: str, address: dict[str, Any], on: date) -> CprEvent:
        person = self.persons[cpr]
        old = person.address
        person.address = dict(address)
        return self.record("move", cpr, on, address=dict(address), previous=old)
