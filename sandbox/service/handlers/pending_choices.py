"""GP choices that wait for CPR's move: found, matched to the reported address, approved.

A choice made ahead of a move (`sandbox.service.handlers.gp_choice`, SPEC 3.8) or ahead of a
move from Greenland (`sandbox.service.handlers.greenland`, SPEC 3.9) is a pending "Lægevalg"
case waiting for CPR (`Case.awaiting`); the move's handler approves it here, or the doctor's
acceptance is asked for first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sandbox.domain.case_details import GpChoiceDetails
from sandbox.domain.geography import Address
from sandbox.domain.model import Awaiting, Case, CaseStatus, CaseType, Citizen
from sandbox.domain.rules.gp_choice import DOCTOR_ACCEPTANCE
from sandbox.service.events import DoctorAcceptanceRequested
from sandbox.service.handlers.gp_choice import register_choice
from sandbox.service.unit_of_work import UnitOfWork


def pending_choices(
    uow: UnitOfWork, citizen: Citizen, awaiting: Awaiting, cases: Sequence[Case] | None = None
) -> list[Case]:
    """The citizen's pending GP-choice cases (as main person) waiting for CPR's move; among
    ``cases``, the citizen's cases when the caller has read them already."""
    return [
        case
        for case in (uow.registry.cases_of(citizen.cpr) if cases is None else cases)
        if case.case_type is CaseType.GP_CHOICE
        and case.status is CaseStatus.PENDING
        and case.main_cpr == citizen.cpr
        and case.awaiting == awaiting
    ]


def address_matches(case: Case, address: Address) -> bool:
    expected = case.details_as(GpChoiceDetails).expected_address_key
    return expected is None or expected == address.key


def needs_acceptance(case: Case) -> bool:
    return DOCTOR_ACCEPTANCE in case.details_as(GpChoiceDetails).conditions


def approve_pending_choice(uow: UnitOfWork, case: Case, on: date) -> None:
    """A pending choice takes effect from the later of ``on`` and its own date: the case goes
    to "awaiting LUNA" and `register_choice` (the GP-choice handlers' one place for it) makes
    the listings, the change to group 1 if the case asks for it, the registration and events.
    A choice that needs the doctor's acceptance waits for the doctor now (dispensation)."""
    start = max(on, case.effective_date) if case.effective_date else on
    uow.registry.before_change(case, "effective_date")
    uow.registry.before_details_change(case)
    case.effective_date = start
    case.wait_for(None)
    details = case.details_as(GpChoiceDetails)
    details.approved_on = on
    if needs_acceptance(case):
        case.wait_for(Awaiting.DOCTOR_ACCEPTANCE)
        uow.emit(DoctorAcceptanceRequested(case.case_id, case.main_cpr or "", details.ydernummer))
        return
    uow.registry.move_case(case, CaseStatus.AWAITING_LUNA, uow.now())
    register_choice(uow, case)
