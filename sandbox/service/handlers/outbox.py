"""Handler that relays the LUNA outbox: send what is due, complete the case on LUNA's answer."""

from __future__ import annotations

from sandbox.domain.model import CaseStatus
from sandbox.service.commands import RelayOutbox
from sandbox.service.events import CaseCompleted, CaseRegisteredInLuna, LunaAttemptFailed
from sandbox.service.ports import LunaUnavailable
from sandbox.service.unit_of_work import UnitOfWork


def relay_outbox(command: RelayOutbox, uow: UnitOfWork) -> int:
    """Try every due registration once; return how many LUNA confirmed."""
    now = uow.now()  # the clock stands still while a command is handled
    outbox = uow.outbox
    due = outbox.due(now)
    if not due:
        return 0
    # one call to LUNA's port for the run (the fake reads its fault plan once, not once a
    # registration); its answers, in order, are what one call each would have given
    answers = uow.luna.register_all([entry.registration for entry in due])
    confirmed = 0
    emit, case_of, awaiting = uow.emit, uow.registry.case, CaseStatus.AWAITING_LUNA
    for entry, answer in zip(due, answers, strict=True):
        case_id = entry.registration.case_id
        if isinstance(answer, LunaUnavailable):
            outbox.failed(entry, now, str(answer.fields.get("fault", answer.code)))
            emit(LunaAttemptFailed(case_id, entry.last_fault or "", entry.attempts))
            continue
        outbox.done(case_id)
        case = case_of(case_id)
        attempts = entry.attempts + 1
        details = case.details
        details.luna_id = answer
        details.luna_attempts = attempts
        confirmed += 1
        emit(CaseRegisteredInLuna(case_id, answer, attempts))
        if case.status is awaiting:
            # by hand, not `Store.move_case`: LUNA holds the registration now, and a rollback
            # cannot take that back (as it leaves the outbox entry done and the LUNA id kept)
            case.move_to(CaseStatus.COMPLETED, now)
            emit(CaseCompleted(case_id, case.case_type))
    return confirmed
