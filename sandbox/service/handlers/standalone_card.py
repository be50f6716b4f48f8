"""Bestil Sundhedskort as a command: the standalone order (SPEC 6.2, 7.3; release 1.1 item 6).

`order_health_card` is the wired handler of `OrderHealthCard`: a citizen, a parent or custody
holder of a minor, or a case worker orders a physical card; the case itself is made by the one
card-ordering piece, `sandbox.service.card_ordering.order_cards`.
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.errors import InvalidInput, RuleRefused
from sandbox.domain.model import Actor, Case, Citizen, Role
from sandbox.domain.rules.cards import (
    CardOrderNotAllowed,
    CardTrigger,
    StandaloneReason,
    decide_insured_for_card,
    may_order_for,
)
from sandbox.service.card_ordering import CardRequest, order_cards
from sandbox.service.commands import OrderHealthCard
from sandbox.service.unit_of_work import UnitOfWork

CASE_WORKER_ROLES = frozenset({Role.CASE_WORKER, Role.CASE_WORKER_SPECIAL, Role.SYSTEM})
# the reasons by their value: a dict look-up, where `StandaloneReason(value)` is the enum's call
_REASONS = {reason.value: reason for reason in StandaloneReason}


def order_health_card(command: OrderHealthCard, uow: UnitOfWork) -> Case:
    """Selvstændig bestilling: always a physical card, and the only order with a receipt."""
    citizen = uow.citizen(command.cpr)
    reason = _REASONS.get(command.reason) if isinstance(command.reason, str) else None
    if reason is None:
        raise InvalidInput(
            field="reason",
            reason_da=f"ukendt årsag; brug en af {', '.join(StandaloneReason)}",
            reason_en=f"unknown reason; use one of {', '.join(StandaloneReason)}",
        )
    today = uow.today()
    _check_actor(uow, command.actor, citizen, today)
    group = citizen.group_on(today)
    insured = decide_insured_for_card(citizen.is_resident, group.group if group else None, today)
    uow.decided(f"OrderHealthCard {citizen.cpr}", insured)
    if not insured.allowed:
        raise RuleRefused(insured)
    request = CardRequest(
        CardTrigger.STANDALONE, (citizen.cpr,), today, command.actor, standalone_reason=reason
    )
    case = order_cards(uow, request)
    assert case is not None  # eligibility was decided above
    return case


def _check_actor(uow: UnitOfWork, actor: Actor, citizen: Citizen, on: date) -> None:
    """The citizen themself, a parent or custody holder of a minor, or a case worker."""
    if actor.role in CASE_WORKER_ROLES:
        return
    if actor.role is Role.CITIZEN:
        max_age = uow.parameters.use("cardOrderByParentMaxAge", on)
        if may_order_for(
            actor.user_id, citizen.cpr, _guardians(citizen), citizen.age_on(on), int(max_age.value)
        ):
            return
    raise CardOrderNotAllowed()


def _guardians(citizen: Citizen) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*citizen.parents, *citizen.custody_holders)))
