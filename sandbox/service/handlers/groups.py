"""Gruppeskift: the one shared step that changes a group (`apply_group_change`), for
ChangeGroup and ForceTransferToGroup1 (`sandbox.service.handlers.group_change`) and the
automatic changes.

The rules (`sandbox.domain.rules.groups`) decide first; only then is the world changed:
a "Gruppeskift" case awaiting LUNA, the new membership from the valid-from date, the LUNA
registration (kind ``group``) in the outbox, and `GroupChanged`. Group 2 has no GP, so the
listing ends on the valid-from date. A change to group 1 without a doctor on that date opens
"Manglende lægevalg" (the GP is chosen with ChooseGp). `apply_group_change` is also used by the
automatic changes (move from Greenland, forced transfer).

Fee (SPEC 2.3, 3.5.1): the case records ``fee_dkk`` and ``fee_reason_codes``, decided by
`sandbox.service.handlers.fees.group_fee_for`: the card fee of the valid-from date's year, or
free when a trigger holds (move window, new CPR number, first card, return from dormant status,
or a change the citizen did not ask for: forced transfer, move from Greenland). The card the
change orders carries no second fee.

Children follow a parent's change only "in some cases" (SPEC 2.3, open point 13): not modelled,
each person's group is changed by a command of its own.
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.case_details import GroupChangeDetails
from sandbox.domain.decisions import Decision
from sandbox.domain.model import Actor, Case, CaseStatus, Citizen
from sandbox.domain.rules.closed_doctor import DORMANT
from sandbox.domain.rules.groups import (
    GroupChangeFacts,
)
from sandbox.service.case_factory import new_case, open_missing_gp_choice
from sandbox.service.events import GroupChanged
from sandbox.service.handlers.fees import group_fee_for
from sandbox.service.ports import LunaRegistration
from sandbox.service.unit_of_work import UnitOfWork

CHANGE = "CHANGE"


def group_facts(
    citizen: Citizen,
    actor: Actor,
    group: int,
    valid_from: date,
    today: date,
    exemption: str | None = None,
) -> GroupChangeFacts:
    """The rule's facts: the membership covering the valid-from date is the current one."""
    current = citizen.group_on(valid_from)
    return GroupChangeFacts(
        on=today,
        role=actor.role,
        requested_group=group,
        valid_from=valid_from,
        current_group=current.group if current else None,
        current_valid_from=current.valid_from if current else None,
        exemption=exemption,
        resident=citizen.is_resident,
    )


def apply_group_change(
    uow: UnitOfWork,
    citizen: Citizen,
    group: int,
    valid_from: date,
    actor: Actor,
    reason: str,
    decision: Decision,
    *,
    municipality_code: str | None = None,
    missing_reason: str | None = None,
    missing_counted_from: date | None = None,
    cancelled_case_id: str | None = None,
    ydernummer: str | None = None,
) -> Case:
    """Create the Gruppeskift case, change the group (and listing), queue it for LUNA.

    Call only after every rule has allowed the change. ``reason`` is ``CHANGE`` or one of the
    exemption codes (``MOVE_FROM_GREENLAND`` ...); it goes into the case details, where the
    card handlers read it. A "Manglende lægevalg" it opens names ``cancelled_case_id`` (the
    cancelled choice it follows, which its letter names). Dormant insurance (reason
    ``DORMANT``) keeps the group number but ends the listing, and asks for no doctor;
    ``ydernummer`` lists a group-1 citizen with that practice from the valid-from date (a
    return from dormant status to the last doctor).
    """
    previous = citizen.group_on(valid_from)
    fee = group_fee_for(uow, citizen, valid_from, reason)
    uow.decided(f"Gebyr for gruppeskift {citizen.cpr} -> {group}", fee.decision)
    details = GroupChangeDetails(
        group=group,
        previous_group=previous.group if previous else None,
        valid_from=valid_from,
        reason=reason,
        decision_codes=list(decision.codes),
        fee_dkk=fee.fee_dkk,
        fee_reason_codes=list(fee.reason_codes),
    )
    case = new_case(
        uow,
        citizen,
        CaseStatus.AWAITING_LUNA,
        actor,
        valid_from,
        details,
        municipality_code=municipality_code,
    )
    now = uow.now()
    uow.registry.change_group(citizen, group, valid_from, case.case_id, reason, at=now)
    dormant = reason == DORMANT
    if group != 1 or dormant:
        basis = DORMANT if dormant else f"GROUP_{group}"
        uow.registry.list_citizen(citizen, None, valid_from, case.case_id, basis, at=now)
    elif ydernummer is not None:
        uow.registry.list_citizen(citizen, ydernummer, valid_from, case.case_id, reason, at=now)
        details.ydernummer = ydernummer
    uow.outbox.add(
        LunaRegistration(
            case.case_id,
            "group",
            citizen.cpr,
            {
                "group": group,
                "valid_from": valid_from.isoformat(),
                "previous_group": details.previous_group,
                "reason": reason,
                **({"ydernummer": ydernummer} if ydernummer is not None else {}),
            },
        ),
        now,
    )
    uow.emit(GroupChanged(case.case_id, citizen.cpr, group, valid_from))
    if group == 1 and not dormant and citizen.doctor_on(valid_from) is None:
        open_missing_gp_choice(
            uow,
            citizen,
            valid_from,
            missing_reason or ("GROUP_2_TO_1" if reason == CHANGE else reason),
            actor=actor,
            group_case_id=case.case_id,
            cancelled_case_id=cancelled_case_id,
            counted_from=missing_counted_from,
        )
    return case
