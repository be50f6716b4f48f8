"""Manglende lægevalg: when the municipality assigns a doctor, and which one (SPEC 3.8, 7.3).

A group-1 citizen left without a doctor gets a "Manglende lægevalg" case with a deadline
(``choose_by`` = the day the case starts plus ``missingChoiceDeadlineDays``, SPEC 10). The daily
work (`sandbox.service.handlers.daily_work`) asks two questions of it, answered here:

- `is_resolved_by` - does the listing the citizen has today end the gap? Only a listing that
  began on or after the day the case started: a listing kept while the case is open (a move
  beyond the limit keeps the old doctor until a new one is chosen) does not.
- `decide_administrative_assignment` - after the deadline (the day after ``choose_by``), the
  nearest practice open for new patients within the citizen's distance limit is assigned
  (SPEC 3.8 "the municipality may assign one administratively"; [C:S15b]). Nearest is by the
  distance the rules use (``distanceMetric``), ties by ydernummer. With no open practice within
  the limit the decision refuses: the case stays open with a manual task for the case worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.model import GpListing

RULE_ASSIGNMENT = "missing_choice.administrative_assignment"
SOURCE_ASSIGNMENT = "SPEC 3.8, 7.3, 10 [C:S15b (20SFP14)][NC: choice of the nearest practice]"


@dataclass(slots=True, unsafe_hash=True)
class NearbyPractice:
    """Praksis i nærheden - an open practice within the limit and its distance from home."""

    ydernummer: Final[str]
    name: Final[str]
    distance_km: Final[float]


@dataclass(slots=True, unsafe_hash=True)
class AssignmentFacts:
    """Fakta for administrativ tildeling - the deadline, the limit and the open practices."""

    on: Final[date]
    choose_by: Final[date]
    municipality_name: Final[str]
    limit: Final[ParameterUse]
    # at least the nearest one, when there is one
    open_within_limit: Final[Sequence[NearbyPractice]]


def assignment_due(choose_by: date, on: date) -> bool:
    """The deadline has passed: ``choose_by`` was the last day to choose."""
    return on > choose_by


def is_resolved_by(listing: GpListing | None, case_start: date) -> bool:
    """A listing that began with or after the case ends the missing choice."""
    return listing is not None and listing.valid_from >= case_start


def nearest(practices: Sequence[NearbyPractice]) -> NearbyPractice | None:
    """The nearest practice; at equal distance the lowest ydernummer (deterministic)."""
    return min(practices, key=lambda p: (p.distance_km, p.ydernummer), default=None)


def decide_administrative_assignment(facts: AssignmentFacts) -> Decision:
    """Allowed with the nearest open practice within the limit, or refused (a manual task)."""
    chosen = nearest(facts.open_within_limit)
    fields: tuple[tuple[str, object], ...] = (
        ("on", facts.on.isoformat()),
        ("choose_by", facts.choose_by.isoformat()),
        ("limit", facts.limit.value),
        ("municipality", facts.municipality_name),
    )
    if chosen is None:
        return Decision.refuse(
            Reason(
                RULE_ASSIGNMENT,
                "NO_OPEN_PRACTICE_WITHIN_LIMIT",
                "Fristen for at vælge læge udløb den {choose_by}, men ingen praksis inden for "
                "{limit} km ({municipality:municipality}) har åben for tilgang den {on}: "
                "sagsbehandleren må finde en læge (manuel opgave).",
                "The deadline to choose a GP passed on {choose_by}, but no practice within "
                "{limit} km ({municipality:municipality}) is open for new patients on {on}: the "
                "case worker must find a GP (manual task).",
                SOURCE_ASSIGNMENT,
                fields,
                (facts.limit,),
            )
        )
    return Decision.allow(
        Reason(
            RULE_ASSIGNMENT,
            "ADMINISTRATIVE_ASSIGNMENT",
            "Fristen for at vælge læge udløb den {choose_by}; kommunen tildeler den {on} den "
            "nærmeste praksis med åben tilgang inden for {limit} km "
            "({municipality:municipality}): {practice}, {distance} km fra borgerens adresse.",
            "The deadline to choose a GP passed on {choose_by}; on {on} the municipality assigns "
            "the nearest practice open for new patients within {limit} km "
            "({municipality:municipality}): {practice}, {distance} km from the citizen's "
            "address.",
            SOURCE_ASSIGNMENT,
            (
                *fields,
                ("practice", f"{chosen.name} ({chosen.ydernummer})"),
                ("distance", chosen.distance_km),
            ),
            (facts.limit,),
        )
    )
