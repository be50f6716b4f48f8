"""CPR's move event within Denmark: address, free-choice window, doctor kept or missing.

A move older than the one the current address came with (a late CPR message) changes nothing
(`stale_move`). On a move (SPEC 3.8, 5.6) the citizen's address and ``moved_in_on`` (the start
of the free choice window, ``freeChoiceAfterMoveDays``) are updated. Then:

1. GP choices made ahead of the move are approved (release 1.1): a "Lægevalg" case with status
   pending and awaiting ``Awaiting.CPR_MOVE`` on which the citizen is the main person
   (made by ``ChooseGp(moving_to=...)``, `sandbox.service.handlers.gp_choice`) is approved from
   the later of the move date and the case's effective date: it goes to "awaiting LUNA" and
   `register_choice` registers it (listings, ``gp_listing`` registration, `GpChosen`). A choice
   that needs the doctor's acceptance (beyond the limit, too few open practices) now waits for
   the doctor instead (``awaiting == "doctor_acceptance"``, `DoctorAcceptanceRequested`).
   If the case names an ``expected_address_key`` and CPR reports another address, it
   is cancelled (``ADDRESS_MISMATCH``; the reported address is kept on the case).
2. When no approved choice registers a doctor now, `decide_move` says whether the current
   doctor is kept. Decision for a cancelled ahead-of-move choice: it opens "Manglende lægevalg"
   ONLY when the citizen is left without a valid doctor - the same rule as any move (another
   municipality and the doctor beyond the new limit, or no doctor at all); a citizen who keeps
   a valid doctor gets no case. The missing-choice case then names the cancelled choice
   (``cancelled_choice_ids``) and its letter says it was cancelled. (Unlike the move
   from Greenland, SPEC 3.9 step 8, where the person never had a Danish doctor.)

`CitizenMoved` is published in every case (the card handlers order the move's card).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from sandbox.domain.case_details import GpChoiceDetails
from sandbox.domain.errors import UnknownMunicipality
from sandbox.domain.geography import Address, Geography, distance_km
from sandbox.domain.model import Awaiting, Citizen
from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.moves import MoveFacts, MoveOutcome, decide_move, stale_move
from sandbox.service.case_factory import cancel_case, open_missing_gp_choice
from sandbox.service.cpr_commands import RegisterMove
from sandbox.service.events import CitizenMoved
from sandbox.service.handlers.pending_choices import (
    address_matches,
    approve_pending_choice,
    needs_acceptance,
    pending_choices,
)
from sandbox.service.unit_of_work import UnitOfWork

__all__ = ["register_move"]


def register_move(event: RegisterMove, uow: UnitOfWork) -> bool:
    """Flytning inden for Danmark."""
    registry = uow.registry
    citizen = registry.find_citizen(event.cpr)
    if citizen is None:
        return False
    address = event.address
    on = event.on
    late = stale_move(on, citizen.moved_in_on, address)
    if late is not None:  # a late message of an earlier move: the newer address stands
        uow.decided(f"Flytning {citizen.cpr}", late)
        return True
    # the mover's cases are read once, for the choices waiting for the move and for the open
    # missing-choice case a move may find: nationally each read of a person's cases is a few
    # cache misses. Nearly every move has no choice waiting for it: no lists to sort them into
    cases = registry.cases_of(citizen.cpr)
    pending = pending_choices(uow, citizen, Awaiting.CPR_MOVE, cases) if cases else ()
    approved = [case for case in pending if address_matches(case, address)] if pending else ()
    cancelled = [case for case in pending if case not in approved] if pending else ()
    outcome = None
    # the move's own rule, unless an approved choice registers a doctor now
    if not approved or all(needs_acceptance(case) for case in approved):
        outcome = _decide_move(uow, citizen, address, on)
        uow.decided(f"Flytning {citizen.cpr}", outcome.decision)
    from_municipality = citizen.municipality_code
    registry.move_citizen(citizen, address, on)  # with its move facts, in one undo step
    for case in cancelled:
        registry.before_details_change(case)
        case.details_as(GpChoiceDetails).reported_address = address.text
        cancel_case(uow, case, "ADDRESS_MISMATCH")
    for case in approved:
        approve_pending_choice(uow, case, on)
    if outcome is not None:
        if outcome.end_listing:
            registry.list_citizen(citizen, None, on, None, "MOVE", at=uow.now())
        if outcome.missing_choice:
            reason = (
                "NO_DOCTOR" if outcome.decision.refusal_code == "NO_DOCTOR" else "MOVE_BEYOND_LIMIT"
            )
            open_missing_gp_choice(
                uow,
                citizen,
                on,
                reason,
                decision_codes=list(outcome.decision.codes),
                cancelled_choice_ids=[case.case_id for case in cancelled] if cancelled else None,
                cases=cases,
            )
    uow.emit(CitizenMoved(citizen.cpr, on, from_municipality, address.municipality_code))
    return True


def _decide_move(uow: UnitOfWork, citizen: Citizen, address: Address, on: date) -> MoveOutcome:
    """The move's rule (`decide_move`) on the citizen's facts on the move date.

    Only a group-1 citizen with a doctor who leaves the municipality has a distance to weigh,
    and a limit dated ``on``; for every other move - most of them - the rule's outcome follows
    from the municipalities, the group and the doctor alone (`_move_at_home`). A household
    moving away together is decided once for the members with the same doctor
    (`_MoveAway`)."""
    group = citizen.group_on(on)
    in_group_1 = group is not None and group.group == 1
    ydernummer = citizen.doctor_on(on)
    from_municipality = citizen.address.municipality_code
    to_municipality = address.municipality_code
    if not in_group_1 or ydernummer is None or from_municipality == to_municipality:
        return _move_at_home(
            from_municipality,
            to_municipality,
            in_group_1,
            ydernummer,
            uow.parameters,
            uow.geography,
        )
    return _MOVE_AWAY.outcome(uow, from_municipality, address, ydernummer, on)


# A move without a distance to weigh (not in group 1, no doctor, or within the municipality)
# decides the same for every citizen with the same municipalities and doctor, on any date
# (`decide_move`'s first three branches; tests/unit/test_move_outcomes.py holds it to that):
# its outcome - a decision with its reason, never changed once made - is made once and shared,
# where every move made its facts, reason, decision and outcome anew. Its facts carry no real
# date (`date.min`): should the outcome here come to depend on the date, that test fails.
@lru_cache(maxsize=1 << 14)
def _move_at_home(
    from_municipality: str,
    to_municipality: str,
    in_group_1: bool,
    ydernummer: str | None,
    parameters: Parameters,
    geography: Geography,
) -> MoveOutcome:
    facts = MoveFacts(
        on=date.min,
        from_municipality=from_municipality,
        to_municipality=to_municipality,
        to_municipality_name=_municipality_name(geography, to_municipality),
        in_group_1=in_group_1,
        ydernummer=ydernummer,
        distance_km=None,
    )
    return decide_move(facts, parameters)


# the new address, the practice's, the parameters, the geography, the date, the municipality
# left, the doctor, and the outcome
_MoveAwayFacts = tuple[Address, Address | None, Parameters, Geography, date, str, str, MoveOutcome]


class _MoveAway:
    """The outcome of the last move with a distance to weigh (a group-1 citizen with a doctor
    leaving the municipality), for the next move with the same facts: CPR reports a household
    moving together one member after another, each with the same new `Address` object (the
    feed's `AddressReader`) on the same day, and the members with the same doctor have the
    same facts - the same distance, limit and decision. Recognised by what `decide_move` reads:
    the new address and the practice's (as objects, never changed: held here, so not reused),
    the date, the municipality left, the doctor, the parameters and the geography (which
    names the municipality)."""

    # the facts and their outcome in one tuple, written in one assignment: moves handled in two
    # threads (two served namespaces) never pair one move's facts with another's outcome
    __slots__ = ("_last",)

    def __init__(self) -> None:
        self._last: _MoveAwayFacts | None = None

    def outcome(
        self, uow: UnitOfWork, from_municipality: str, address: Address, ydernummer: str, on: date
    ) -> MoveOutcome:
        practice = uow.registry.find_practice(ydernummer)
        at = practice.address if practice is not None else None
        parameters, geography = uow.parameters, uow.geography
        last = self._last
        if (
            last is not None
            and last[0] is address
            and last[1] is at
            and last[2] is parameters
            and last[3] is geography
            and last[4] == on
            and last[5] == from_municipality
            and last[6] == ydernummer
        ):
            return last[7]
        facts = MoveFacts(
            on=on,
            from_municipality=from_municipality,
            to_municipality=address.municipality_code,
            to_municipality_name=_municipality_name(geography, address.municipality_code),
            in_group_1=True,
            ydernummer=ydernummer,
            distance_km=(distance_km(address, at) if at is not None else None),
        )
        outcome = decide_move(facts, parameters)
        self._last = (
            address,
            at,
            parameters,
            geography,
            on,
            from_municipality,
            ydernummer,
            outcome,
        )
        return outcome


_MOVE_AWAY = _MoveAway()


# every move names its municipality, one of about a hundred: the name is a fact of the (never
# changed) reference data, so it is looked up once per code, not once per move
@lru_cache(maxsize=1024)
def _municipality_name(geography: Geography, code: str) -> str:
    try:
        return geography.municipality_name(code)  # Greenland's codes have a name too
    except UnknownMunicipality:  # a code outside the reference data: show the code
        return code
