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
    now = uow.now()  # the clock stands still while a command is handled
    outbox, register, emit, case_of = uow.outbox, uow.luna.register, uow.emit, uow.registry.case
    for entry in outbox.due(now):
        registration = entry.registration
        try:
            receipt = register(registration)
        except LunaUnavailable as fault:
            outbox.failed(entry, now, str(fault.fields.get("fault", fault.code)))
            emit(LunaAttemptFailed(registration.case_id, entry.last_fault or "", entry.attempts))
            continue
        outbox.done(registration.case_id)
        case = case_of(registration.case_id)
        attempts = entry.attempts + 1
        details = case.details
        details.luna_id = receipt.luna_id
        details.luna_attempts = attempts
        confirmed += 1
        emit(CaseRegisteredInLuna(case.case_id, receipt.luna_id, attempts))
        if case.status is CaseStatus.AWAITING_LUNA:
            # by hand, not `Store.move_case`: LUNA holds the registration now, and a rollback
            # cannot take that back (as it leaves the outbox entry done and the LUNA id kept)
            case.move_to(CaseStatus.COMPLETED, now)
            emit(CaseCompleted(case.case_id, case.case_type))
    return confirmed
