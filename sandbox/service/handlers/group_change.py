"""Gruppeskift on request: `ChangeGroup` (the citizen, a custody holder or a case worker, within
the role's window) and `ForceTransferToGroup1` (case workers only, without consent, SPEC 2.2).

The rules decide first (`sandbox.domain.rules.groups`, `rules.group_actor`); the change itself
is the one shared step `sandbox.service.handlers.groups.apply_group_change`.
"""

from __future__ import annotations

from sandbox.domain.errors import RuleRefused
from sandbox.domain.model import Case
from sandbox.domain.rules.group_actor import decide_who_may_change
from sandbox.domain.rules.groups import (
    FORCED_TRANSFER_TO_GROUP1,
    decide_forced_transfer,
    decide_group_change,
)
from sandbox.service.commands import ChangeGroup, ForceTransferToGroup1
from sandbox.service.handlers.groups import CHANGE, apply_group_change, group_facts
from sandbox.service.unit_of_work import UnitOfWork


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
