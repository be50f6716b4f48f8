"""Handler that relays the LUNA outbox: send what is due, complete the case on LUNA's answer."""

from __future__ import annotations

from sandbox.domain.model import CaseStatus
from sandbox.service.commands import RelayOutbox
from sandbox.service.events import CaseCompleted, CaseRegisteredInLuna, LunaAttemptFailed
from sandbox.service.ports import LunaUnavailable
from sandbox.service.unit_of_work import UnitOfWork


def relay_outbox(command: RelayOutbox, uow: UnitOfWork) -> int:
    """Try every due registration once; return how many LUNA confirmed."""
    confirmed = 0
    for entry in uow.outbox.due(uow.now()):
        registration = entry.registration
        try:
            receipt = uow.luna.register(registration)
        except LunaUnavailable as fault:
            uow.outbox.failed(entry, uow.now(), str(fault.fields.get("fault", fault.code)))
            uow.emit(
                LunaAttemptFailed(registration.case_id, entry.last_fault or "", entry.attempts)
            )
            continue
        uow.outbox.done(registration.case_id)
        case = uow.case(registration.case_id)
        case.details.luna_id = receipt.luna_id
        case.details.luna_attempts = entry.attempts + 1
        confirmed += 1
        uow.emit(CaseRegisteredInLuna(case.case_id, receipt.luna_id, entry.attempts + 1))
        if case.status is CaseStatus.AWAITING_LUNA:
            case.move_to(CaseStatus.COMPLETED, uow.now())
            uow.emit(CaseCompleted(case.case_id, case.case_type))
    return confirmed
