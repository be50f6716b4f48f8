"""Opsplitning: which of the new practices a patient who did not choose is assigned (SPEC 4.1).

SPEC 4.1: when a practice is split, "Patients choose (or are assigned) one of the new
practices". A patient still listed at the old practice when the free period ends (who chose
no doctor, or only one from a later day, is handled by the wind-up) is assigned, from the day
after the free period, one of the event's successor practices by a deterministic rule:

1. of the successors open for new patients on that day, the one nearest to the citizen's
   address (straight line, as the distance rule measures), at equal distance the lowest
   ydernummer;
2. only a successor within the citizen's distance limit counts (SPEC 3.2; the assignment is
   an administrative GP choice and follows the normal rules);
3. with no such successor the decision refuses, and the citizen gets "Manglende lægevalg" as
   before: after its deadline the municipality assigns the nearest open practice, or a case
   worker finds one (`sandbox.domain.rules.missing_choice`).

Which successor the old doctor named for a patient is not part of the region's notification in
the sandbox, so the rule cannot follow it. ``splitPatientsAssignedToSuccessor: false`` gives
the earlier reading (everyone without a choice gets "Manglende lægevalg").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sandbox.domain.decisions import Decision, ParameterUse, Reason

RULE_SPLIT = "practice_events.split_assignment"
SOURCE_SPLIT = "SPEC 3.2, 4.1 (Opsplitning) [C:S48,S60][NC: which successor]"


@dataclass(frozen=True, slots=True)
class Successor:
    """En ny praksis efter opsplitningen - its distance from the citizen and whether it is open."""

    ydernummer: str
    name: str
    distance_km: float
    open_for_new: bool


@dataclass(frozen=True, slots=True)
class SplitAssignmentFacts:
    """Fakta for tildeling efter opsplitning - the day, the old practice, limit, successors."""

    day: date
    free_period_end: date
    ydernummer: str
    limit: ParameterUse
    assign: ParameterUse  # splitPatientsAssignedToSuccessor
    successors: Sequence[Successor]


def candidates(facts: SplitAssignmentFacts) -> list[Successor]:
    """Open successors within the limit, nearest first (ties: lowest ydernummer)."""
    limit = float(facts.limit.value)
    found = [s for s in facts.successors if s.open_for_new and s.distance_km <= limit]
    return sorted(found, key=lambda s: (s.distance_km, s.ydernummer))


def decide_split_assignment(facts: SplitAssignmentFacts) -> tuple[Decision, Successor | None]:
    """The successor to assign and why, or a refusal (the citizen gets Manglende lægevalg)."""
    fields: tuple[tuple[str, object], ...] = (
        ("ydernummer", facts.ydernummer),
        ("end", facts.free_period_end),
        ("day", facts.day),
        ("limit", facts.limit.value),
        ("count", len(facts.successors)),
    )
    uses = (facts.assign, facts.limit)
    if not facts.assign.value:
        return Decision.refuse(
            Reason(
                RULE_SPLIT,
                "SPLIT_ASSIGNMENT_OFF",
                "Borgeren valgte ikke en af de nye praksis inden gratisperioden udløb den {end}; "
                "kommunen tildeler ikke automatisk en af dem, så borgeren skal vælge læge "
                "(Manglende lægevalg).",
                "The citizen did not choose one of the new practices before the free period "
                "ended on {end}; the municipality does not assign one of them automatically, so "
                "the citizen must choose a GP (Missing GP choice).",
                SOURCE_SPLIT,
                fields,
                uses,
            )
        ), None
    nearest = candidates(facts)
    if not nearest:
        return Decision.refuse(
            Reason(
                RULE_SPLIT,
                "NO_SUCCESSOR_WITHIN_LIMIT",
                "Borgeren valgte ikke en af de nye praksis inden gratisperioden udløb den {end}, "
                "og ingen af dem har åben for tilgang inden for {limit} km fra borgerens "
                "adresse den {day}; borgeren skal vælge læge (Manglende lægevalg).",
                "The citizen did not choose one of the new practices before the free period "
                "ended on {end}, and none of them is open for new patients within {limit} km "
                "of the citizen's address on {day}; the citizen must choose a GP (Missing GP "
                "choice).",
                SOURCE_SPLIT,
                fields,
                uses,
            )
        ), None
    chosen = nearest[0]
    return Decision.allow(
        Reason(
            RULE_SPLIT,
            "ASSIGNED_TO_SUCCESSOR",
            "Borgeren valgte ikke en af de nye praksis efter opsplitningen af praksis med "
            "ydernummer {ydernummer}, inden gratisperioden udløb den {end}. Kommunen tildeler "
            "fra den {day} den nærmeste af de nye praksis med åben for tilgang inden for "
            "{limit} km: {practice}, {distance} km fra borgerens adresse.",
            "The citizen did not choose one of the new practices after the split of provider "
            "{ydernummer} before the free period ended on {end}. From {day} the municipality "
            "assigns the nearest of the new practices open for new patients within {limit} "
            "km: {practice}, {distance} km from the citizen's address.",
            SOURCE_SPLIT,
            (
                *fields,
                ("practice", f"{chosen.name} ({chosen.ydernummer})"),
                ("distance", round(chosen.distance_km, 1)),
            ),
            uses,
        )
    ), chosen
