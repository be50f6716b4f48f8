"""CPR's custody event (forældremyndighed): the custody holders, and the child's doctor.

`register_custody` records the new custody holders. A child younger than ``age.independentChoice``
who lives with exactly one new custody holder follows that holder's doctor from the event date
(`sandbox.domain.rules.custody`): a GP-choice case made by the system, free (the child follows
its custody holder), registered in LUNA like any choice. A choice the GP-choice rules refuse
(a practice beyond the limit that needs the doctor, a closed-down practice) is left undone: the
refusal is in the decision trail, and the child keeps its doctor.
"""

from __future__ import annotations

from sandbox.domain.decisions import Decision
from sandbox.domain.errors import RuleRefused
from sandbox.domain.model import Actor, Citizen
from sandbox.domain.rules import fees
from sandbox.domain.rules.custody import CustodyFacts, child_follows
from sandbox.service.commands import ChooseGp
from sandbox.service.cpr_commands import RegisterCustody
from sandbox.service.handlers.fees import fee_for
from sandbox.service.handlers.gp_choice import open_case, plan_choice
from sandbox.service.unit_of_work import UnitOfWork


def register_custody(event: RegisterCustody, uow: UnitOfWork) -> bool:
    """Forældremyndighed: who holds custody of the child; the child may follow their doctor."""
    citizen = uow.registry.find_citizen(event.cpr)
    if citizen is None:
        return False
    before = citizen.custody_holders
    uow.registry.before_change(citizen, "custody_holders")
    citizen.custody_holders = event.custody_holders
    new = [cpr for cpr in citizen.custody_holders if cpr not in before]
    at_home = [
        holder
        for holder in (uow.registry.find_citizen(cpr) for cpr in new)
        if holder is not None and holder.address.key == citizen.address.key
    ]
    holder = at_home[0] if len(at_home) == 1 else None
    facts = CustodyFacts(
        on=event.on,
        child_birth_date=citizen.birth_date,
        child_doctor=citizen.doctor_on(event.on),
        holder_name=holder.name if holder is not None else "",
        holder_doctor=holder.doctor_on(event.on) if holder is not None else None,
    )
    reason = child_follows(facts, uow.parameters)
    if reason is None or holder is None or facts.holder_doctor is None:
        return True
    uow.decided(f"Forældremyndighed {citizen.cpr}", Decision.allow(reason))
    _follow(uow, citizen, holder, facts.holder_doctor, event)
    return True


def _follow(
    uow: UnitOfWork, child: Citizen, holder: Citizen, ydernummer: str, event: RegisterCustody
) -> None:
    command = ChooseGp(Actor.system(), child.cpr, ydernummer, event.on)
    try:
        plan = plan_choice(uow, command)
    except RuleRefused:
        return  # the refusal is recorded; the child keeps its doctor
    free = fees.child_follows_parent(child.birth_date, holder.name, event.on, uow.parameters)
    if free is not None:
        fee = fee_for(uow, child, event.on, (free,))
        uow.decided(f"Fee {child.cpr} -> {ydernummer}", fee.decision)
        plan.fees[child.cpr] = fee
    open_case(uow, plan)
