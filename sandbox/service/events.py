"""Events: past-tense facts the system publishes after a command (DESIGN.md principle 4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Event:
    """Hændelse - the base of every event."""


@dataclass(frozen=True, slots=True)
class CaseCreated(Event):
    case_id: str
    case_type: str
    municipality_code: str
    main_cpr: str | None


@dataclass(frozen=True, slots=True)
class GpChosen(Event):
    case_id: str
    cpr: str
    ydernummer: str
    effective_date: date


@dataclass(frozen=True, slots=True)
class CaseRegisteredInLuna(Event):
    case_id: str
    luna_id: str
    attempts: int


@dataclass(frozen=True, slots=True)
class LunaAttemptFailed(Event):
    case_id: str
    fault: str
    attempts: int


@dataclass(frozen=True, slots=True)
class CaseCompleted(Event):
    case_id: str
    case_type: str


@dataclass(frozen=True, slots=True)
class LetterWritten(Event):
    letter_id: str
    case_id: str
    recipient_cpr: str
    template: str
