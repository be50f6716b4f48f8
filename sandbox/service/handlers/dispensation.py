"""Handlers for the doctor's answer to a pending GP choice (dispensation, SPEC 3.2, 3.4).

A GP-choice case whose decision needs the doctor's acceptance waits as PENDING with
``Awaiting.DOCTOR_ACCEPTANCE`` (`sandbox.service.handlers.gp_choice`). The doctor
(the region, or a case worker on the doctor's word; `Role.SYSTEM` or a case worker) answers:
`accept_dispensation` registers the choice from its date - or from today if that day has passed
- through the LUNA outbox (refused, changing nothing, when the practice has closed down since:
``PRACTICE_CLOSED_DOWN``); `reject_dispensation` cancels the case and keeps the reason on it.
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.case_details import CancelReason, DoctorAcceptance, GpChoiceDetails
from sandbox.domain.decisions import Decision, Reason
from sandbox.domain.errors import CaseNotAwaitingAcceptance, RuleRefused
from sandbox.domain.model import Awaiting, Case, CaseStatus, CaseType
from sandbox.domain.rules.gp_choice import refuse_if_closed_down
from sandbox.service.commands import AcceptDispensation, RejectDispensation
from sandbox.service.events import DispensationAccepted, GpChoiceCancelled
from sandbox.service.handlers.gp_choice import register_choice
from sandbox.service.unit_of_work import UnitOfWork


def accept_dispensation(command: AcceptDispensation, uow: UnitOfWork) -> Case:
    """The doctor accepts: the choice is registered from its date (today if that has passed)."""
    case = _pending_case(uow, command.case_id)
    details = case.details_as(GpChoiceDetails)
    label = f"{details.practice_name} ({details.ydernummer})"
    practice = uow.practice(details.ydernummer)
    on = max(case.effective_date or uow.today(), uow.today())
    closed_down = refuse_if_closed_down(label, practice.closed_down_on, on)
    if closed_down is not None:  # the practice closed down while the choice waited
        uow.decided(f"AcceptDispensation {case.case_id}", closed_down)
        raise RuleRefused(closed_down)
    decision = Decision.allow(_acceptance_reason("DOCTOR_ACCEPTED", label, uow.today()))
    uow.decided(f"AcceptDispensation {case.case_id}", decision)
    uow.registry.before_change(case, "effective_date")
    uow.registry.before_details_change(case)
    if case.effective_date is None or case.effective_date < uow.today():
        details.effective_date_requested = case.effective_date
        case.effective_date = uow.today()
    case.wait_for(None)
    details.doctor_acceptance = DoctorAcceptance(True, command.actor.user_id, uow.now())
    uow.registry.move_case(case, CaseStatus.AWAITING_LUNA, uow.now())
    uow.emit(DispensationAccepted(case.case_id, details.ydernummer))
    register_choice(uow, case)
    return case


def reject_dispensation(command: RejectDispensation, uow: UnitOfWork) -> Case:
    """The doctor refuses: the case is cancelled, with the reason kept on it."""
    case = _pending_case(uow, command.case_id)
    details = case.details_as(GpChoiceDetails)
    label = f"{details.practice_name} ({details.ydernummer})"
    reason = _acceptance_reason("DISPENSATION_REJECTED", label, uow.today())
    uow.decided(f"RejectDispensation {case.case_id}", Decision.refuse(reason))
    uow.registry.before_details_change(case)
    case.wait_for(None)
    details.doctor_acceptance = DoctorAcceptance(False, command.actor.user_id, uow.now())
    details.cancel_reason = CancelReason(
        reason.code,
        command.reason_da or reason.text("da"),
        command.reason_en or reason.text("en"),
    )
    uow.registry.move_case(case, CaseStatus.CANCELLED, uow.now())
    uow.emit(GpChoiceCancelled(case.case_id, case.main_cpr or "", reason.code))
    return case


def _pending_case(uow: UnitOfWork, case_id: str) -> Case:
    case = uow.case(case_id)
    if (
        case.case_type is not CaseType.GP_CHOICE
        or case.status is not CaseStatus.PENDING
        or case.awaiting != Awaiting.DOCTOR_ACCEPTANCE
    ):
        raise CaseNotAwaitingAcceptance(case_id=case_id, status=str(case.status))
    return case


_ACCEPTANCE_TEXTS = {
    "DOCTOR_ACCEPTED": (
        "Lægen i {practice} har den {on} accepteret borgeren (dispensation); lægevalget "
        "registreres.",
        "The doctor at {practice} accepted the citizen on {on} (dispensation); the GP choice "
        "is registered.",
    ),
    "DISPENSATION_REJECTED": (
        "Lægen i {practice} har den {on} afvist at optage borgeren (ingen dispensation); "
        "lægevalget er annulleret.",
        "The doctor at {practice} declined the citizen on {on} (no dispensation); the GP "
        "choice is cancelled.",
    ),
}


def _acceptance_reason(code: str, practice: str, on: date) -> Reason:
    da, en = _ACCEPTANCE_TEXTS[code]
    return Reason(
        "gp_choice.doctor_acceptance",
        code,
        da,
        en,
        "SPEC 3.2, 3.4 [C:S14,S49b,S52]",
        (("practice", practice), ("on", on.isoformat())),
    )
