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

from sandbox.domain.case_details import GpChoiceDetails
from sandbox.domain.errors import UnknownMunicipality
from sandbox.domain.geography import Address, distance_km
from sandbox.domain.model import Awaiting, Case, CaseStatus, CaseType, Citizen
from sandbox.domain.rules.gp_choice import DOCTOR_ACCEPTANCE
from sandbox.domain.rules.moves import MoveFacts, decide_move, stale_move
from sandbox.service.case_factory import cancel_case, open_missing_gp_choice
from sandbox.service.cpr_records import FeedEvent, address_from_cpr
from sandbox.service.events import CitizenMoved, DoctorAcceptanceRequested
from sandbox.service.handlers.gp_choice import register_choice
from sandbox.service.handlers.listings import replace_listing_from
from sandbox.service.unit_of_work import UnitOfWork

__all__ = ["approve_pending_choice", "on_move", "pending_choices"]


def on_move(uow: UnitOfWork, event: FeedEvent) -> bool:
    """Flytning inden for Danmark."""
    citizen = uow.registry.citizens.get(event.cpr)
    if citizen is None:
        return False
    address = address_from_cpr(event.data["address"], uow.geography)
    on = event.on
    late = stale_move(on, citizen.moved_in_on, address.text)
    if late is not None:  # a late message of an earlier move: the newer address stands
        uow.decided(f"Flytning {citizen.cpr}", late)
        return True
    pending = pending_choices(uow, citizen, Awaiting.CPR_MOVE)
    approved = [case for case in pending if _address_matches(case, address)]
    cancelled = [case for case in pending if case not in approved]
    outcome = None
    if not any(not _needs_acceptance(case) for case in approved):
        outcome = decide_move(_move_facts(uow, citizen, address, on), uow.parameters)
        uow.decided(f"Flytning {citizen.cpr}", outcome.decision)
    from_municipality = citizen.municipality_code
    uow.registry.move_citizen(citizen, address)
    citizen.moved_in_on = on
    citizen.moved_from_municipality = from_municipality
    for case in cancelled:
        case.details_as(GpChoiceDetails).reported_address = address.text
        cancel_case(uow, case, "ADDRESS_MISMATCH")
    for case in approved:
        approve_pending_choice(uow, case, on)
    if outcome is not None:
        if outcome.end_listing:
            replace_listing_from(uow.registry, citizen, None, on, None, "MOVE", at=uow.now())
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
            )
    uow.emit(CitizenMoved(citizen.cpr, on, from_municipality, citizen.municipality_code))
    return True


def _move_facts(uow: UnitOfWork, citizen: Citizen, address: Address, on: date) -> MoveFacts:
    group = citizen.group_on(on)
    ydernummer = citizen.doctor_on(on)
    practice = uow.registry.practices.get(ydernummer) if ydernummer else None
    return MoveFacts(
        on=on,
        from_municipality=citizen.municipality_code,
        to_municipality=address.municipality_code,
        to_municipality_name=_municipality_name(uow, address.municipality_code),
        in_group_1=group is not None and group.group == 1,
        ydernummer=ydernummer,
        distance_km=(
            distance_km(address.coordinates, practice.address.coordinates) if practice else None
        ),
    )


def _municipality_name(uow: UnitOfWork, code: str) -> str:
    try:
        return uow.geography.municipality_name(code)  # Greenland's codes have a name too
    except UnknownMunicipality:  # a code outside the reference data: show the code
        return code


def pending_choices(uow: UnitOfWork, citizen: Citizen, awaiting: Awaiting) -> list[Case]:
    """The citizen's pending GP-choice cases (as main person) waiting for CPR's move."""
    return [
        case
        for case in uow.registry.cases_of(citizen.cpr)
        if case.case_type is CaseType.GP_CHOICE
        and case.status is CaseStatus.PENDING
        and case.main_cpr == citizen.cpr
        and case.awaiting == awaiting
    ]


def _address_matches(case: Case, address: Address) -> bool:
    expected = case.details_as(GpChoiceDetails).expected_address_key
    return expected is None or expected == address.key


def _needs_acceptance(case: Case) -> bool:
    return DOCTOR_ACCEPTANCE in case.details_as(GpChoiceDetails).conditions


def approve_pending_choice(uow: UnitOfWork, case: Case, on: date) -> None:
    """A pending choice takes effect from the later of ``on`` and its own date: the case goes
    to "awaiting LUNA" and `register_choice` (the GP-choice handlers' one place for it) makes
    the listings, the change to group 1 if the case asks for it, the registration and events.
    A choice that needs the doctor's acceptance waits for the doctor now (dispensation)."""
    start = max(on, case.effective_date) if case.effective_date else on
    case.effective_date = start
    case.wait_for(None)
    details = case.details_as(GpChoiceDetails)
    details.approved_on = on
    if _needs_acceptance(case):
        case.wait_for(Awaiting.DOCTOR_ACCEPTANCE)
        uow.emit(DoctorAcceptanceRequested(case.case_id, case.main_cpr or "", details.ydernummer))
        return
    case.move_to(CaseStatus.AWAITING_LUNA, uow.now())
    register_choice(uow, case)
