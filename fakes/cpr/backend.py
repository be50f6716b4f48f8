"""Fake CPR backend: persons, addresses, relations and an ordered event feed.

Plain Python (moto-shaped, DESIGN.md 6). Addresses are plain dicts so the fake needs nothing from
the system; the system reads the keys ``street``, ``house_number``, ``postcode``, ``city``,
``municipality_code``, ``lat``, ``lon`` and optionally ``locality`` and ``floor``. Every life
event (`CprBackend.birth`, `naming`, `move`, `move_from_greenland`, `move_to_greenland`,
`emigrate`, `death`, `renumber`, `marriage`, `divorce`, `set_protection`, `custody`) changes the
person and appends an event to the feed with a sequence number (1, 2, ...), which the system
reads with ``events_after(sequence)``. While the feed is held (`hold`), new events wait aside
with no sequence number; `release` appends them to the feed (numbered then, in the order they
happened), so the system reads them late and after any event recorded meanwhile: a delayed,
out-of-order feed. An event carries what the system needs to act without
asking back: its ``kind``, the CPR number it is about, the date ``on`` and a ``data`` dict.

Status codes (SPEC 5.4): 01 resident, 05/07 Greenland, 30 annulled, 60 changed number,
80 emigrated, 90 dead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

GREENLAND_STATUSES = ("05", "07")
ABROAD_STATUSES = ("20", "80")  # no residence in Denmark or Greenland; emigrated
RESIDENT_STATUSES = ("01", "03")


class CprBackendError(ValueError):
    """CPR-fejl - the fake was asked what CPR would refuse (unknown person, wrong status)."""


@dataclass(slots=True)
class Person:
    """Person - one person in CPR, with status, address, relations and number links."""

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
    replaced_by: str | None = None
    replaces: str | None = None


@dataclass(slots=True)
class CprEvent:
    """CPR-hændelse - one feed event: sequence, kind, the CPR number, the date and its data."""

    sequence: int
    kind: str
    cpr: str
    on: date
    data: dict[str, Any] = field(default_factory=dict)


_FORGOTTEN = CprEvent(0, "forgotten", "", date(1900, 1, 1), {})


class CprBackend:
    """CPR - the Central Person Register, as a fake."""

    def __init__(self) -> None:
        self.persons: dict[str, Person] = {}
        self.events: list[CprEvent] = []
        self._forgotten = 0  # events before this index hold no data any more (forget)
        self.holding = False  # new events wait in `held` (a delayed feed) instead of the feed
        self.held: list[CprEvent] = []

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]

    def add_person(self, person: Person) -> None:
        self.persons[person.cpr] = person

    def person(self, cpr: str) -> Person | None:
        return self.persons.get(cpr)

    def record(self, kind: str, cpr: str, on: date, **data: Any) -> CprEvent:
        if self.holding:  # numbered when released: the feed's order is the order delivered
            event = CprEvent(0, kind, cpr, on, data)
            self.held.append(event)
            return event
        event = CprEvent(len(self.events) + 1, kind, cpr, on, data)
        self.events.append(event)
        return event

    def hold(self, holding: bool) -> None:
        """Hold back (True) the feed entries of the events that happen from now on, or stop
        holding (False; what is held stays held until `release`)."""
        self.holding = holding

    def release(self) -> list[CprEvent]:
        """Deliver the held events: appended to the feed in the order they happened."""
        released = [
            replace(event, sequence=len(self.events) + i + 1) for i, event in enumerate(self.held)
        ]
        self.events.extend(released)
        self.held = []
        return released

    def events_after(self, sequence: int) -> list[CprEvent]:
        return self.events[sequence:]

    def forget(self, persons: Iterable[str] = (), events_up_to: int = 0) -> None:
        """Let go of data a reader no longer needs (a national simulation mirrors persons and
        feeds events by the million): the persons, and the data of events 1..events_up_to.
        The feed is read by position (`events_after`), so each event keeps its slot."""
        for cpr in persons:
            self.persons.pop(cpr, None)
        for index in range(self._forgotten, min(events_up_to, len(self.events))):
            self.events[index] = _FORGOTTEN
        self._forgotten = max(self._forgotten, min(events_up_to, len(self.events)))

    def _get(self, cpr: str) -> Person:
        person = self.persons.get(cpr)
        if person is None:
            raise CprBackendError(f"CPR does not know {cpr}")
        return person

    # birth and name ------------------------------------------------------------------------
    def birth(
        self,
        child_cpr: str,
        birth_date: date,
        mother_cpr: str,
        father_cpr: str | None,
        address: dict[str, Any] | None,
        registered_on: date,
        name: str = "",
    ) -> CprEvent:
        """A child is born and registered; it lives with the mother unless told otherwise."""
        if child_cpr in self.persons:
            raise CprBackendError(f"{child_cpr} is already registered")
        mother = self._get(mother_cpr)
        home = dict(address) if address is not None else _copy(mother.address)
        parents = (mother_cpr,) if father_cpr is None else (mother_cpr, father_cpr)
        self.persons[child_cpr] = Person(
            child_cpr, name, birth_date, "01", home, parents=parents, custody_holders=parents
        )
        return self.record(
            "birth",
            child_cpr,
            registered_on,
            birth_date=birth_date,
            mother=mother_cpr,
            father=father_cpr,
            parents=list(parents),
            custody_holders=list(parents),
            address=_copy(home),
            name=name,
        )

    def naming(self, cpr: str, name: str, on: date) -> CprEvent:
        person = self._get(cpr)
        previous, person.name = person.name, name
        return self.record(
            "naming", cpr, on, name=name, previous=previous, birth_date=person.birth_date
        )

    # moves ---------------------------------------------------------------------------------
    def move(self, cpr: str, address: dict[str, Any], on: date) -> CprEvent:
        person = self._get(cpr)
        # one copy of the caller's dict, the person's and the entry's: the fake never changes an
        # address dict in place (a move puts a new one in its place), so neither can change
        # under the other, and the old one, no longer the person's, is the entry's as it is
        old, person.address = person.address, dict(address)
        return self.record("move", cpr, on, address=person.address, previous=old)

    def move_from_greenland(self, cpr: str, address: dict[str, Any], on: date) -> CprEvent:
        """Status 05/07 -> 01 at a Danish address."""
        person = self._get(cpr)
        if person.status not in GREENLAND_STATUSES:
            raise CprBackendError(f"{cpr} does not live in Greenland (status {person.status})")
        old, old_status = person.address, person.status
        person.address, person.status = dict(address), "01"
        return self.record(
            "move_from_greenland",
            cpr,
            on,
            address=dict(address),
            previous=_copy(old),
            previous_status=old_status,
        )

    def move_to_greenland(self, cpr: str, address: dict[str, Any] | None, on: date) -> CprEvent:
        """Status -> 05, registered in Greenland."""
        return self._leave(cpr, "05", "move_to_greenland", address, on)

    def immigrate(self, cpr: str, address: dict[str, Any], on: date, origin: str) -> CprEvent:
        """Indrejse: status 80 or 20 (abroad, or the Faroe Islands) -> 01 at a Danish address."""
        return self._arrive(cpr, address, on, "immigration", ABROAD_STATUSES, origin=origin)

    def disappear(self, cpr: str, on: date) -> CprEvent:
        """Forsvinding: status -> 70 (inactive, disappeared); the address is kept."""
        return self._leave(cpr, "70", "disappearance", self._get(cpr).address, on)

    def reappear(self, cpr: str, address: dict[str, Any], on: date) -> CprEvent:
        """A disappeared person is found: status 70 -> 01 at a Danish address."""
        return self._arrive(cpr, address, on, "reappearance", ("70",))

    def _arrive(
        self,
        cpr: str,
        address: dict[str, Any],
        on: date,
        kind: str,
        statuses: tuple[str, ...],
        **extra: Any,
    ) -> CprEvent:
        person = self._get(cpr)
        if person.status not in statuses:
            raise CprBackendError(f"{cpr} has status {person.status}, not one of {statuses}")
        old, old_status = person.address, person.status
        person.address, person.status = dict(address), "01"
        return self.record(
            kind,
            cpr,
            on,
            address=dict(address),
            previous=_copy(old),
            previous_status=old_status,
            **extra,
        )

    def emigrate(self, cpr: str, on: date, country: str | None = None) -> CprEvent:
        """Status -> 80 (udrejst)."""
        return self._leave(cpr, "80", "emigration", None, on, country=country)

    def _leave(
        self,
        cpr: str,
        status: str,
        kind: str,
        address: dict[str, Any] | None,
        on: date,
        **extra: Any,
    ) -> CprEvent:
        person = self._get(cpr)
        old, old_status = person.address, person.status
        person.address, person.status = _copy(address), status
        return self.record(
            kind,
            cpr,
            on,
            status=status,
            address=_copy(address),
            previous=_copy(old),
            previous_status=old_status,
            **extra,
        )

    # death and civil status ------------------------------------------------------------------
    def death(self, cpr: str, on: date) -> CprEvent:
        """Status 90, civil status D; a spouse becomes a widow(er) in a second event."""
        person = self._get(cpr)
        spouse = person.spouse
        old_status = person.status
        person.status, person.civil_status, person.spouse = "90", "D", None
        event = self.record(
            "death", cpr, on, status="90", previous_status=old_status, spouse=spouse
        )
        if spouse is not None and spouse in self.persons:
            widow = self.persons[spouse]
            widow.civil_status, widow.spouse = "E", None
            self.record("civil_status", spouse, on, civil_status="E", spouse=None, former=cpr)
        return event

    def marriage(self, a: str, b: str, on: date) -> tuple[CprEvent, CprEvent]:
        """Civil status G for both, each the other's spouse: one event per person."""
        first, second = self._get(a), self._get(b)
        first.civil_status, first.spouse = "G", b
        second.civil_status, second.spouse = "G", a
        return (
            self.record("civil_status", a, on, civil_status="G", spouse=b, former=None),
            self.record("civil_status", b, on, civil_status="G", spouse=a, former=None),
        )

    def divorce(self, a: str, b: str, on: date) -> tuple[CprEvent, CprEvent]:
        """Civil status F for both; the spouse link ends."""
        first, second = self._get(a), self._get(b)
        first.civil_status, first.spouse = "F", None
        second.civil_status, second.spouse = "F", None
        return (
            self.record("civil_status", a, on, civil_status="F", spouse=None, former=b),
            self.record("civil_status", b, on, civil_status="F", spouse=None, former=a),
        )

    # numbers, protection, custody ------------------------------------------------------------
    def renumber(self, old: str, new: str, on: date, annulment: bool = False) -> CprEvent:
        """A new number replaces the old one (status 60, or 30 for an annulment), linked."""
        person = self._get(old)
        if new in self.persons:
            raise CprBackendError(f"{new} is already in use")
        self.persons[new] = replace(
            person, cpr=new, replaces=old, replaced_by=None, address=_copy(person.address)
        )
        old_status = "30" if annulment else "60"
        active_status = person.status
        person.status, person.replaced_by = old_status, new
        for other in self.persons.values():  # relations follow the new number
            other.parents = tuple(new if cpr == old else cpr for cpr in other.parents)
            other.custody_holders = tuple(new if c == old else c for c in other.custody_holders)
            if other.spouse == old:
                other.spouse = new
        return self.record(
            "renumbering",
            old,
            on,
            new_cpr=new,
            annulment=annulment,
            status=old_status,
            new_status=active_status,
        )

    def annul(self, cpr: str, on: date) -> CprEvent:
        """Annullering without a new number: status -> 30, no successor is linked."""
        person = self._get(cpr)
        if person.status == "30":
            raise CprBackendError(f"{cpr} is already annulled")
        person.status = "30"
        return self.record("annulment", cpr, on, status="30", new_cpr=None)

    def set_protection(self, cpr: str, protected: bool, on: date) -> CprEvent:
        """Name and address protection starts (True) or ends (False)."""
        person = self._get(cpr)
        person.protected = protected
        return self.record("protection", cpr, on, protected=protected)

    def custody(self, child: str, holders: tuple[str, ...], on: date) -> CprEvent:
        person = self._get(child)
        person.custody_holders = tuple(holders)
        return self.record("custody", child, on, custody_holders=list(holders))


def _copy(address: dict[str, Any] | None) -> dict[str, Any] | None:
    return dict(address) if address is not None else None
