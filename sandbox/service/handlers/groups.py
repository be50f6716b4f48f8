"""Handlers for Gruppeskift: ChangeGroup, ForceTransferToGroup1, and the shared apply step.

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
from sandbox.domain.errors import RuleRefused
from sandbox.domain.model import Actor, Case, CaseStatus, Citizen, Role, role_not_allowed
from sandbox.domain.rules.closed_doctor import DORMANT
from sandbox.domain.rules.group_actor import decide_who_may_change
from sandbox.domain.rules.groups import (
    FORCED_TRANSFER_TO_GROUP1,
    GroupChangeFacts,
    decide_forced_transfer,
    decide_group_change,
)
from sandbox.service.case_factory import new_case, open_missing_gp_choice
from sandbox.service.commands import ChangeGroup, ForceTransferToGroup1
from sandbox.service.events import GroupChanged
from sandbox.service.handlers.fees import group_fee_for
from sandbox.service.handlers.listings import replace_group_from, replace_listing_from
from sandbox.service.ports import LunaRegistration
from sandbox.service.unit_of_work import UnitOfWork

CASE_WORKER_ROLES = frozenset({Role.CASE_WORKER, Role.CASE_WORKER_SPECIAL, Role.MUNICIPAL_ADMIN})
CHANGE = "CHANGE"


def change_group(command: ChangeGroup, uow: UnitOfWork) -> Case:
    """Gruppeskift by the citizen, a custody holder or a case worker, within the role's window."""
    citizen = uow.citizen(command.cpr)
    today = uow.today()
    who = decide_who_may_change(
        command.actor.role,
        command.actor.user_id == citizen.cpr,
        command.actor.user_id in citizen.custody_holders,
        citizen.age_on(today),
        today,
        uow.parameters,
    )
    uow.decided(f"ChangeGroup {citizen.cpr}: who", who)
    if not who.allowed:
        raise RuleRefused(who)
    facts = group_facts(citizen, command.actor, command.group, command.valid_from, today)
    decision = decide_group_change(facts, uow.parameters)
    uow.decided(f"ChangeGroup {citizen.cpr} -> {command.group}", decision)
    if not decision.allowed:
        raise RuleRefused(decision)
    return apply_group_change(
        uow, citizen, command.group, command.valid_from, command.actor, CHANGE, decision
    )


def force_transfer_to_group_1(command: ForceTransferToGroup1, uow: UnitOfWork) -> Case:
    """Tvungen overflytning: a case worker moves a group-2 citizen to group 1 (SPEC 2.2)."""
    if command.actor.role not in CASE_WORKER_ROLES:
        raise role_not_allowed(
            command.actor.role,
            CASE_WORKER_ROLES,
            "overflytte en borger til gruppe 1 uden samtykke",
            "transfer a citizen to group 1 without consent",
        )
    citizen = uow.citizen(command.cpr)
    facts = group_facts(
        citizen, command.actor, 1, command.valid_from, uow.today(), FORCED_TRANSFER_TO_GROUP1
    )
    decision = decide_forced_transfer(facts, uow.parameters)
    uow.decided(f"ForceTransferToGroup1 {citizen.cpr}", decision)
    if not decision.allowed:
        raise RuleRefused(decision)
    return apply_group_change(
        uow, citizen, 1, command.valid_from, command.actor, FORCED_TRANSFER_TO_GROUP1, decision
    )


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
    replace_group_from(
        citizen, group, valid_from, case.case_id, reason, registry=uow.registry, at=now
    )
    dormant = reason == DORMANT
    if group != 1 or dormant:
        basis = DORMANT if dormant else f"GROUP_{group}"
        replace_listing_from(uow.registry, citizen, None, valid_from, case.case_id, basis, at=now)
    elif ydernummer is not None:
        replace_listing_from(
            uow.registry, citizen, ydernummer, valid_from, case.case_id, reason, at=now
        )
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
