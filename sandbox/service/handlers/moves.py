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
from sandbox.domain.rules.moves import MoveFacts, decide_move, stale_move
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
        outcome = decide_move(_move_facts(uow, citizen, address, on), uow.parameters)
        uow.decided(f"Flytning {citizen.cpr}", outcome.decision)
    from_municipality = citizen.municipality_code
    registry.move_citizen(citizen, address, on)  # with its move facts, in one undo step
    for case in cancelled:
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


def _move_facts(uow: UnitOfWork, citizen: Citizen, address: Address, on: date) -> MoveFacts:
    group = citizen.group_on(on)
    ydernummer = citizen.doctor_on(on)
    from_municipality = citizen.municipality_code
    to_municipality = address.municipality_code
    # the distance counts only for a move to another municipality (`decide_move`): most moves
    # stay in their municipality and need neither the practice nor the distance
    practice = (
        uow.registry.find_practice(ydernummer)
        if ydernummer and from_municipality != to_municipality
        else None
    )
    return MoveFacts(
        on=on,
        from_municipality=from_municipality,
        to_municipality=to_municipality,
        to_municipality_name=_municipality_name(uow.geography, to_municipality),
        in_group_1=group is not None and group.group == 1,
        ydernummer=ydernummer,
        distance_km=(distance_km(address, practice.address) if practice else None),
    )


# every move names its municipality, one of about a hundred: the name is a fact of the (never
# changed) reference data, so it is looked up once per code, not once per move
@lru_cache(maxsize=1024)
def _municipality_name(geography: Geography, code: str) -> str:
    try:
        return geography.municipality_name(code)  # Greenland's codes have a name too
    except UnknownMunicipality:  # a code outside the reference data: show the code
        return code
