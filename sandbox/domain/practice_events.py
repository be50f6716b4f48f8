"""Praksishændelser: the practice events the region reports, and their errors (SPEC 4.1-4.2).

A `PracticeEvent` is an overdragelse (transfer), ændring (change), nedlæggelse (closure),
opsplitning (split) or sammenlægning (merge) of one practice (ydernummer), with its effective
date, the day it was registered in Sygesikring, its successor practices and two flags: whether a
change matters to patients, and whether the event was cancelled. Release 1.1 handles transfers,
changes and merges with one case and a dynamic rule (`sandbox.domain.rules.practice_events`);
closures and splits keep one case per municipality with a stored list of involved persons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sandbox.domain.errors import DomainError


class PracticeEventKind(StrEnum):
    """Praksishændelsestype - the kinds of practice event (SPEC 4.1)."""

    TRANSFER = "transfer"
    CHANGE = "change"
    CLOSURE = "closure"
    SPLIT = "split"
    MERGE = "merge"


PRACTICE_EVENT_KIND_DA = {
    PracticeEventKind.TRANSFER: "overdragelse",
    PracticeEventKind.CHANGE: "ændring",
    PracticeEventKind.CLOSURE: "nedlæggelse",
    PracticeEventKind.SPLIT: "opsplitning",
    PracticeEventKind.MERGE: "sammenlægning",
}

PRACTICE_EVENT_KIND_EN = {
    PracticeEventKind.TRANSFER: "transfer",
    PracticeEventKind.CHANGE: "change",
    PracticeEventKind.CLOSURE: "closure",
    PracticeEventKind.SPLIT: "split",
    PracticeEventKind.MERGE: "merge",
}

# Release 1.1 changed transfers and changes (one case, a dynamic rule); closures and splits keep
# the old handling (a case per municipality with a list of involved persons). A merge is handled
# like a change (SPEC 4.1, mergeGivesFreeChoice).
PER_MUNICIPALITY_KINDS = frozenset({PracticeEventKind.CLOSURE, PracticeEventKind.SPLIT})


@dataclass(slots=True)
class PracticeEvent:
    """Praksishændelse - one event of one practice, as registered from the region (LUNA).

    ``registered_on`` opens the free window (SPEC 4.4 item 3). ``case_ids`` are the cases the
    event made: one in the yder's municipality, or one per municipality for closure and split.
    ``deadline_processed`` is set once the free period has ended and the event was wound up.
    """

    event_id: str
    ydernummer: str
    kind: PracticeEventKind
    effective_date: date
    registered_on: date
    successors: tuple[str, ...] = ()
    significant_for_patients: bool = True
    description_da: str = ""
    cancelled: bool = False
    cancelled_on: date | None = None
    case_ids: tuple[str, ...] = ()
    deadline_processed: bool = False
    previous_closed_down_on: date | None = None
    history: list[tuple[date, str]] = field(default_factory=list)
    # a case worker's extension of the free period for one citizen: CPR -> last free day
    extended_for: dict[str, date] = field(default_factory=dict)
    # the new health cards of the event's patients were decided (ordered or not), once
    cards_decided: bool = False

    @property
    def per_municipality(self) -> bool:
        """Closure and split: one case per municipality, with involved persons."""
        return self.kind in PER_MUNICIPALITY_KINDS

    @property
    def kind_da(self) -> str:
        return PRACTICE_EVENT_KIND_DA[self.kind]

    @property
    def kind_en(self) -> str:
        return PRACTICE_EVENT_KIND_EN[self.kind]


class UnknownPracticeEvent(DomainError):
    code = "UNKNOWN_PRACTICE_EVENT"
    kind = "not_found"
    da = "Praksishændelsen '{event_id}' findes ikke."
    en = "The practice event '{event_id}' does not exist."


class PracticeEventNotAllowed(DomainError):
    """Only the region (the system, from LUNA) and case workers register practice data."""

    code = "PRACTICE_EVENT_NOT_ALLOWED"
    kind = "forbidden"
    da = "Rollen '{role}' må ikke registrere eller ændre praksisoplysninger."
    en = "The role '{role}' may not register or change practice data."


class PracticeEventClosed(DomainError):
    """The event was cancelled or wound up already, so it cannot be changed any more."""

    code = "PRACTICE_EVENT_CLOSED"
    kind = "conflict"
    da = "Praksishændelsen '{event_id}' kan ikke ændres: den er {state_da}."
    en = "The practice event '{event_id}' cannot be changed: it is {state_en}."
