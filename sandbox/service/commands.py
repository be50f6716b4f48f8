"""Commands: imperative, frozen requests to the system (DESIGN.md principle 4).

A command names who acts (`Actor`) and what they ask. Handlers in `sandbox.service.handlers`
decide and act on them; the wiring is one table in `sandbox.service.bootstrap`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sandbox.domain.model import Actor


@dataclass(frozen=True, slots=True)
class Command:
    """Kommando - the base of every command."""

    actor: Actor


@dataclass(frozen=True, slots=True)
class ChooseGp(Command):
    """Vælg læge - a citizen (or a case worker for them) chooses a practice.

    ``involved`` are further persons (children under 15) chosen for in the same case; the
    effective date defaults to today.
    """

    cpr: str
    ydernummer: str
    effective_date: date | None = None
    involved: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class RelayOutbox(Command):
    """Send what is due in the LUNA outbox (the system's own background job)."""
