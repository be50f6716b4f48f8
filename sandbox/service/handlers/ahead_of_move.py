"""Lægevalg forud for en flytning that waits too long: the daily work cancels it, with a letter.

A GP choice made ahead of a move (SPEC 3.8, 5.6) is PENDING until CPR's move event approves it
(`sandbox.service.handlers.moves`). When CPR reports no move to the moving-in address within
``aheadOfMoveChoiceMaxWaitDays`` of the expected move date (or of the day the choice was made,
when no date was given), `expire_ahead_of_move_choices` cancels it (``MOVE_NOT_REPORTED``) and
writes to the citizen (template ``ahead_of_move_cancelled``). The cases are found through
``Watch.AHEAD_OF_MOVE`` in the store (filled when such a case is created, emptied as they close), so
the daily work never scans every case.
"""

from __future__ import annotations

from datetime import date, timedelta

from sandbox.domain.case_details import CancelReason, GpChoiceDetails
from sandbox.domain.decisions import Decision, Reason
from sandbox.domain.model import Awaiting, Case, CaseStatus
from sandbox.service.case_factory import cancel_case
from sandbox.service.handlers.letter_posting import post_letter
from sandbox.service.letters.contexts import base_context, danish_date
from sandbox.service.store import Watch
from sandbox.service.unit_of_work import UnitOfWork

MOVE_NOT_REPORTED = "MOVE_NOT_REPORTED"
SOURCE = "SPEC 3.8, 5.6 [SEED][NC: aheadOfMoveChoiceMaxWaitDays]"


def wait_ends(uow: UnitOfWork, case: Case) -> date:
    """The last day the choice waits for CPR's move."""
    expected = case.details_as(GpChoiceDetails).expected_move_date
    start = expected if expected is not None else case.created_at.date()
    days = int(uow.parameter("aheadOfMoveChoiceMaxWaitDays", start))
    return start + timedelta(days=days)


def expire_ahead_of_move_choices(uow: UnitOfWork, today: date) -> tuple[str, ...]:
    """Cancel every choice made ahead of a move whose waiting time ended before ``today``."""
    cancelled: list[str] = []
    for case_id in uow.registry.watched(Watch.AHEAD_OF_MOVE):
        case = uow.registry.find_case(case_id)
        waiting = (
            case is not None
            and case.status is CaseStatus.PENDING
            and case.awaiting == Awaiting.CPR_MOVE
        )
        if case is None or not waiting:
            uow.registry.unwatch(
                Watch.AHEAD_OF_MOVE, case_id
            )  # approved, cancelled or replaced: it leaves the index
            continue
        last = wait_ends(uow, case)
        if today <= last:
            continue
        _cancel(uow, case, last)
        uow.registry.unwatch(Watch.AHEAD_OF_MOVE, case_id)
        cancelled.append(case_id)
    return tuple(cancelled)


def _cancel(uow: UnitOfWork, case: Case, last: date) -> None:
    use = uow.parameters.use("aheadOfMoveChoiceMaxWaitDays", last)
    reason = Reason(
        "gp_choice.ahead_of_move_expired",
        MOVE_NOT_REPORTED,
        "CPR har ikke registreret flytningen til {address} senest {last}, så lægevalget før "
        "flytningen er annulleret.",
        "CPR has not registered the move to {address} by {last}, so the GP choice made ahead "
        "of the move is cancelled.",
        SOURCE,
        (("address", case.details_as(GpChoiceDetails).expected_address or ""), ("last", last)),
        (use,),
    )
    uow.decided(f"AheadOfMoveExpired {case.case_id}", Decision.refuse(reason))
    uow.registry.before_details_change(case)
    case.wait_for(None)
    case.details_as(GpChoiceDetails).cancel_reason = CancelReason(
        MOVE_NOT_REPORTED, reason.text("da"), reason.text("en")
    )
    cancel_case(uow, case, MOVE_NOT_REPORTED)
    _write_letter(uow, case, last)


def _write_letter(uow: UnitOfWork, case: Case, last: date) -> None:
    recipient = uow.registry.find_citizen(case.main_cpr or "")
    if recipient is None or uow.registry.has_letters(case.case_id):
        return
    context = base_context(uow, case, recipient) | {
        "practice_name": case.details_as(GpChoiceDetails).practice_name,
        "expected_address": case.details_as(GpChoiceDetails).expected_address or "",
        "deadline": danish_date(last),
    }
    post_letter(uow, case, recipient, "ahead_of_move_cancelled", context)
