"""Handlers for hvilende sikring: RegisterDormantInsurance and EndDormantInsurance (SPEC 2.1).

The institution (the armed forces, the Prison Service) informs the municipality; a case worker
registers it. `register_dormant` checks the role, that the citizen is insured then and not
dormant already, and `rules.dormant.decide_entry` (``dormantStayMinMonths``); then a
"Gruppeskift" case with reason ``DORMANT`` (`groups.apply_group_change`): the group number is
kept, the period is dormant, the listing ends, LUNA registers it (kind ``group``), the card
follows (free: not the citizen's choice) and the letter tells the citizen, with klagevejledning.
The citizen's children are not touched: they remain independently insured with their doctor.

`end_dormant` - the end of service or the release: active insurance again from ``on`` in the
group held before, in a "Gruppeskift" case with reason ``RETURN_FROM_DORMANT`` (free card,
SPEC 3.5.1). In group 1 the citizen is listed again with the last group-1 doctor, even if that
practice is closed for new patients (SPEC 3.4 item 3), unless the practice has closed down; then
(or without a last doctor) "Manglende lægevalg" asks for a choice. A refusal changes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import NoReturn

from sandbox.domain.case_details import GroupChangeDetails
from sandbox.domain.decisions import Decision
from sandbox.domain.errors import InvalidInput, RuleRefused
from sandbox.domain.model import Case, Citizen
from sandbox.domain.rules import dormant
from sandbox.domain.rules.closed_doctor import DORMANT, is_dormant
from sandbox.service.commands import EndDormantInsurance, RegisterDormantInsurance
from sandbox.service.handlers.gp_choice_facts import last_group1_doctor
from sandbox.service.handlers.groups import apply_group_change
from sandbox.service.unit_of_work import UnitOfWork

RETURN_FROM_DORMANT = "RETURN_FROM_DORMANT"


def register_dormant(command: RegisterDormantInsurance, uow: UnitOfWork) -> Case:
    """The citizen's insurance is dormant from the stay's start, or the reason it is not."""
    citizen = uow.citizen(command.cpr)
    facts = dormant.StayFacts(
        _kind(command.kind), command.starts_on, command.expected_end, command.final_judgment_on
    )
    decision = dormant.decide_entry(facts, uow.parameters)
    uow.decided(f"Hvilende sikring {citizen.cpr}", decision)
    if not decision.allowed:
        raise RuleRefused(decision)
    start = dormant.stay_counted_from(facts)
    assert start is not None  # allowed: a start to count from
    current = citizen.group_on(start)
    if current is None or not citizen.is_resident:
        _refuse(uow, citizen, dormant.refuse_status("NOT_INSURED", start))
    assert current is not None
    if is_dormant(current):
        _refuse(uow, citizen, dormant.refuse_status("ALREADY_DORMANT", start, current.valid_from))
    case = apply_group_change(uow, citizen, current.group, start, command.actor, DORMANT, decision)
    details = case.details_as(GroupChangeDetails)
    details.dormant_kind = str(facts.kind)
    details.expected_end = facts.expected_end
    return case


def end_dormant(command: EndDormantInsurance, uow: UnitOfWork) -> Case:
    """Active insurance again from ``on``, back with the last group-1 doctor where possible."""
    citizen = uow.citizen(command.cpr)
    current = citizen.group_on(command.on)
    if current is None or not is_dormant(current):
        _refuse(uow, citizen, dormant.refuse_status("NOT_DORMANT", command.on))
    assert current is not None
    decision = dormant.decide_return(current.valid_from, command.on, current.group)
    uow.decided(f"Tilbage fra hvilende sikring {citizen.cpr}", decision)
    if not decision.allowed:
        raise RuleRefused(decision)
    doctor = _last_doctor(uow, citizen, current.valid_from) if current.group == 1 else None
    return apply_group_change(
        uow,
        citizen,
        current.group,
        command.on,
        command.actor,
        RETURN_FROM_DORMANT,
        decision,
        missing_reason=RETURN_FROM_DORMANT,
        ydernummer=doctor,
    )


def _last_doctor(uow: UnitOfWork, citizen: Citizen, dormant_since: date) -> str | None:
    """The last group-1 doctor before the dormant period, if the practice still runs."""
    ydernummer = last_group1_doctor(citizen, dormant_since)
    practice = uow.registry.find_practice(ydernummer) if ydernummer else None
    if practice is None or practice.closed_down_on is not None:
        return None
    return practice.ydernummer


def _refuse(uow: UnitOfWork, citizen: Citizen, decision: Decision) -> NoReturn:
    uow.decided(f"Hvilende sikring {citizen.cpr}", decision)
    raise RuleRefused(decision)


def _kind(value: str) -> dormant.StayKind:
    try:
        return dormant.StayKind(value)
    except ValueError:
        raise InvalidInput(
            field="kind",
            reason_da="ukendt opholdsart; brug "
            + ", ".join(kind.value for kind in dormant.StayKind),
            reason_en="unknown kind of stay; use "
            + ", ".join(kind.value for kind in dormant.StayKind),
        ) from None
