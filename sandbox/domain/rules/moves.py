"""Flytning: what a move does to a citizen's GP (SPEC 3.8, 3.9, 5.6), as pure decisions.

- `decide_move` - SPEC 3.8: within the same municipality the doctor is kept, even a closed one;
  to another municipality it is kept when the practice lies within the new home's distance
  limit; beyond it the citizen gets a "Manglende lægevalg" case. [CONFLICT] parameter
  ``moveBeyondLimitForcesNewChoice``: false (SPEC's default) keeps the listing while the case
  is open (the doctor may accept the patient by dispensation); true ends it on the move date.
  A group-1 citizen without any doctor after the move also gets the case.
- `stale_move` - a move CPR's feed delivers after a later one (a late message) is older than
  the address the system already has: that address stands; the late one is history, and the
  GP rules judged the move when the later address came.
- `decide_greenland_address` - SPEC 3.9 step 8: the pending move-from-Greenland choice is
  approved only when CPR's move event carries the address the citizen gave.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.geography import Address
from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.gp_choice import distance_limit

RULE_MOVE = "cpr.move"
RULE_GREENLAND = "cpr.move_from_greenland"
RULE_STALE_MOVE = "cpr.move_out_of_order"

SOURCE_MOVE = "SPEC 3.8, 5.6 [C:S49,S51,S52][CONFLICT: C:S66,S69,S70]"
SOURCE_GREENLAND = "SPEC 3.9, 7.7 item 7 [SEED]"


# Made for every move, never changed: `Final` fields, not frozen dataclasses (a frozen one sets
# each field through object.__setattr__; see sandbox.domain.decisions)
@dataclass(slots=True, unsafe_hash=True)
class MoveFacts:
    """Fakta om flytning - a move within Denmark and the citizen's doctor on the move date."""

    on: Final[date]
    from_municipality: Final[str]
    to_municipality: Final[str]
    to_municipality_name: Final[str]
    in_group_1: Final[bool]
    ydernummer: Final[str | None]
    distance_km: Final[float | None]


@dataclass(slots=True, unsafe_hash=True)
class MoveOutcome:
    """Udfald af flytning - doctor kept, missing-choice case needed, listing ended."""

    keeps_doctor: Final[bool]
    missing_choice: Final[bool]
    end_listing: Final[bool]
    decision: Final[Decision]


def decide_move(facts: MoveFacts, parameters: Parameters) -> MoveOutcome:
    """Keep the doctor in the same municipality or within the limit; else Manglende lægevalg."""
    on = facts.on
    base = (
        ("from", facts.from_municipality),
        ("to", facts.to_municipality_name),
        ("doctor", facts.ydernummer or "-"),
    )
    if not facts.in_group_1:
        reason = _move_reason(
            "NOT_IN_GROUP_1",
            "Borgeren er ikke i gruppe 1; intet lægevalg berøres.",
            "The citizen is not in group 1; no GP is affected.",
            base,
        )
        return MoveOutcome(False, False, False, Decision.allow(reason))
    if facts.ydernummer is None:
        reason = _move_reason(
            "NO_DOCTOR",
            "Borgeren er i sikringsgruppe 1, men har ingen læge efter flytningen.",
            "The group-1 citizen has no GP after the move.",
            base,
        )
        return MoveOutcome(False, True, False, Decision.refuse(reason))
    if facts.from_municipality == facts.to_municipality:
        reason = _move_reason(
            "KEEP_SAME_MUNICIPALITY",
            "Flytning inden for kommunen: borgeren beholder sin læge (ydernummer {doctor}), også "
            "hvis praksis er lukket for tilgang.",
            "A move within the municipality: the citizen keeps their GP (provider number "
            "{doctor}), even if the practice is closed for new patients.",
            base,
        )
        return MoveOutcome(True, False, False, Decision.allow(reason))
    limit = distance_limit(facts.to_municipality, on, parameters)
    distance = facts.distance_km if facts.distance_km is not None else float("inf")
    fields = (*base, ("distance", distance), ("limit", limit.value))
    if distance <= float(limit.value):
        reason = _move_reason(
            "KEEP_WITHIN_LIMIT",
            "Lægen (ydernummer {doctor}) ligger {distance} km fra den nye adresse i "
            "{to:municipality}, inden for grænsen på {limit} km: borgeren beholder lægen.",
            "The GP (provider number {doctor}) is {distance} km from the new address in "
            "{to:municipality}, within the {limit} km limit: the citizen keeps the GP.",
            fields,
            (limit,),
        )
        return MoveOutcome(True, False, False, Decision.allow(reason))
    forces = parameters.use("moveBeyondLimitForcesNewChoice", on)
    reason = _move_reason(
        "MOVE_BEYOND_LIMIT",
        "Lægen (ydernummer {doctor}) ligger {distance} km fra den nye adresse i "
        "{to:municipality}, uden for grænsen på {limit} km: der oprettes et forløb om "
        "manglende lægevalg.",
        "The GP (provider number {doctor}) is {distance} km from the new address in "
        "{to:municipality}, beyond the {limit} km limit: a missing GP choice case is opened.",
        fields,
        (limit, forces),
    )
    ends = bool(forces.value)
    return MoveOutcome(not ends, True, ends, Decision.refuse(reason))


def stale_move(on: date, moved_in_on: date | None, address: Address) -> Decision | None:
    """A refusal when the move of ``on`` is older than the move the citizen's current address
    came with (``moved_in_on``); None when the move is the newest CPR has told of."""
    if moved_in_on is None or on >= moved_in_on:
        return None  # nearly every move: its address is written out only for a refusal
    return Decision.refuse(
        Reason(
            RULE_STALE_MOVE,
            "MOVE_OLDER_THAN_CURRENT_ADDRESS",
            "CPR's melding om flytning til {address} den {on} kom, efter at borgeren var "
            "meldt flyttet den {current}; den nyeste adresse står ved magt.",
            "CPR's message of a move to {address} on {on} arrived after the citizen had been "
            "reported moved on {current}; the newest address stands.",
            SOURCE_MOVE,
            (("address", address.text), ("on", on), ("current", moved_in_on)),
        )
    )


def _move_reason(
    code: str,
    da: str,
    en: str,
    fields: tuple[tuple[str, object], ...],
    parameters: tuple[ParameterUse, ...] = (),
) -> Reason:
    return Reason(RULE_MOVE, code, da, en, SOURCE_MOVE, fields, parameters)


def decide_greenland_address(
    expected_key: str, expected_text: str, actual_key: str, actual_text: str
) -> Decision:
    """The pending move-from-Greenland choice holds only at the address the citizen gave."""
    fields = (("expected", expected_text), ("actual", actual_text))
    if expected_key == actual_key:
        return Decision.allow(
            Reason(
                RULE_GREENLAND,
                "ADDRESS_MATCHES",
                "CPR's flyttehændelse har den oplyste adresse {expected}: lægevalget godkendes.",
                "CPR's move event has the given address {expected}: the GP choice is approved.",
                SOURCE_GREENLAND,
                fields,
            )
        )
    return Decision.refuse(
        Reason(
            RULE_GREENLAND,
            "ADDRESS_MISMATCH",
            "CPR's flyttehændelse har adressen {actual}, ikke den oplyste {expected}: "
            "lægevalget annulleres, gruppeskiftet til gruppe 1 gennemføres.",
            "CPR's move event has the address {actual}, not the given {expected}: the GP "
            "choice is cancelled, the change to group 1 goes through.",
            SOURCE_GREENLAND,
            fields,
        )
    )
