"""Checks around a GP-choice plan: the moving-in address, the one-year rule, names in messages.

- `decision_date` - the date a choice is decided for: the requested effective date, else (ahead
  of a move) the expected move date if it is later than today, else today.
- `check_moving_to` - a choice ahead of a move names a Danish moving-in address (Greenland's
  codes are not valid for a GP choice, SPEC 5.8) other than the current one.
- `min_period_decision` - SPEC 2.3: a GP choice combined with a change from group 2 to group 1
  is a group change, so the citizen must have been ``minMonthsBetweenGroupChanges`` in group 2
  unless an exemption of ``groupChangeMinPeriodExemptions`` applies (`decide_min_period`). A
  return from dormant status (hvilende sikring) or a first group is no change from group 2.
- `involved_name` - the name a refusal about an involved person may show: a citizen in
  self-service sees only the CPR number of a protected person or of a child not in their
  custody (SPEC 5.7; DESIGN.md principle 9); staff see the name.
- `note_ahead_of_move` - what a case made ahead of a move records for CPR's move event.
- `supersede_pending` - a newer choice cancels the main person's pending ones.
- `group_window_applies` - a case worker's choice that changes the group to 1 is dated by the
  group change's valid-from window, not by "not before today".
- `made_on` - the day a choice is made, which decides its fee (SPEC 4.4).
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.case_details import CancelReason, GpChoiceDetails
from sandbox.domain.decisions import Decision
from sandbox.domain.errors import InvalidInput
from sandbox.domain.geography import Address
from sandbox.domain.model import Actor, Awaiting, CaseStatus, CaseType, Citizen, Role
from sandbox.domain.rules.closed_doctor import is_dormant
from sandbox.domain.rules.groups import (
    WINDOW_PARAMETER,
    GroupChangeFacts,
    decide_min_period,
    decide_window,
)
from sandbox.service.commands import ChooseGp
from sandbox.service.events import GpChoiceCancelled
from sandbox.service.unit_of_work import UnitOfWork


def decision_date(command: ChooseGp, today: date) -> date:
    """The requested date, else the expected move date (not before today), else today."""
    if command.effective_date is not None:
        return command.effective_date
    if command.moving_to is not None and command.expected_move_date is not None:
        return max(today, command.expected_move_date)
    return today


def check_moving_to(uow: UnitOfWork, main: Citizen, moving_to: Address) -> None:
    """A Danish moving-in address (UnknownMunicipality otherwise), not the current address."""
    uow.geography.municipality(moving_to.municipality_code)
    if moving_to.key == main.address.key:
        raise InvalidInput(
            field="moving_to",
            reason_da="borgeren bor allerede på adressen; vælg læge uden flytning",
            reason_en="the citizen already lives at the address; choose a GP without a move",
        )


def min_period_decision(
    uow: UnitOfWork, actor: Actor, person: Citizen, on: date
) -> Decision | None:
    """The one-year rule for a change from group 2 to group 1 from ``on``; None when the person
    is not in group 2 then (already group 1, dormant, or no group yet)."""
    current = person.group_on(on)
    if current is None or current.group != 2 or is_dormant(current):
        return None
    facts = GroupChangeFacts(
        on=uow.today(),
        role=actor.role,
        requested_group=1,
        valid_from=on,
        current_group=current.group,
        current_valid_from=current.valid_from,
    )
    return decide_min_period(facts, uow.parameters)


def involved_name(actor: Actor, child: Citizen) -> str:
    """The child's name for messages to this actor, or "" (the CPR number alone)."""
    if actor.role is not Role.CITIZEN:
        return child.name
    if child.protected or actor.user_id not in (*child.parents, *child.custody_holders):
        return ""
    return child.name


def note_ahead_of_move(
    details: GpChoiceDetails, moving_to: Address, expected_move_date: date | None
) -> None:
    """Note what CPR's move event checks (`sandbox.service.handlers.moves`) on the details."""
    details.ahead_of_move = True
    details.expected_address_key = moving_to.key
    details.expected_address = moving_to.text
    details.expected_move_date = expected_move_date


def supersede_pending(uow: UnitOfWork, main_cpr: str, new_case_id: str, ahead: bool) -> None:
    """Cancel the main person's GP choices still waiting for a doctor - and, for a choice made
    ahead of a move, the older ones made ahead of a move: the newer one wins. A choice for now
    leaves a choice for after the move in place."""
    replaced = (
        (Awaiting.DOCTOR_ACCEPTANCE, Awaiting.CPR_MOVE) if ahead else (Awaiting.DOCTOR_ACCEPTANCE,)
    )
    for old in uow.registry.cases_of(main_cpr):
        if (
            old.case_type is CaseType.GP_CHOICE
            and old.main_cpr == main_cpr
            and old.status is CaseStatus.PENDING
            and old.awaiting in replaced
        ):
            uow.registry.before_details_change(old)
            old.wait_for(None)
            old.details_as(GpChoiceDetails).cancel_reason = CancelReason(
                "SUPERSEDED",
                f"Erstattet af et nyere lægevalg ({new_case_id}).",
                f"Replaced by a newer GP choice ({new_case_id}).",
            )
            uow.registry.move_case(old, CaseStatus.CANCELLED, uow.now())
            uow.emit(GpChoiceCancelled(old.case_id, main_cpr, "SUPERSEDED"))


def group_window_applies(command: ChooseGp) -> bool:
    """A choice that changes the group to 1 is dated by the group change's valid-from window of
    the role (release 1.1: a case worker 14 days back, with special rights 1 year back), not by
    the GP choice's "not before today" (SPEC 2.3: the windows apply however the group
    changes)."""
    return (
        command.change_to_group_1
        and command.moving_to is None
        and command.actor.role in (Role.CASE_WORKER, Role.CASE_WORKER_SPECIAL)
    )


def made_on(command: ChooseGp, on: date, today: date) -> date:
    """The day the choice is made, which decides its fee: today, for citizens and case workers
    (a choice dated ahead or back is still made today); the system's own choices (CPR events)
    are made as of the day they register (``on``)."""
    return on if command.actor.role is Role.SYSTEM else today


def group_window_decision(
    uow: UnitOfWork, actor: Actor, person: Citizen, on: date, ahead_of_move: bool
) -> Decision | None:
    """A GP choice that moves ``person`` to group 1 from ``on`` is a group change: the actor's
    valid-from window applies however the group changes (release 1.1; citizen today to +30
    days). None when it is no group change here (already group 1, ahead of a move, which CPR's
    move dates, or a role without a window: the system's own handlers)."""
    if ahead_of_move or actor.role not in WINDOW_PARAMETER:
        return None
    current = person.group_on(on)
    if current is not None and current.group == 1 and not is_dormant(current):
        return None
    return decide_window(actor.role, uow.today(), on, uow.parameters)
