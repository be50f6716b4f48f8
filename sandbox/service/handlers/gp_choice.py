"""Handler for Lægevalg: decide with the rules, then create the case and queue it for LUNA."""

from __future__ import annotations

from datetime import date

from sandbox.domain.decisions import Decision
from sandbox.domain.errors import InvalidInput, RuleRefused
from sandbox.domain.geography import distance_km
from sandbox.domain.model import Case, CaseStatus, CaseType, Citizen, Practice
from sandbox.domain.rules.gp_choice import GpChoiceFacts, decide_gp_choice
from sandbox.service.commands import ChooseGp
from sandbox.service.events import CaseCreated, GpChosen
from sandbox.service.handlers.listings import replace_listing_from
from sandbox.service.ports import LunaRegistration
from sandbox.service.unit_of_work import UnitOfWork


def gather_facts(uow: UnitOfWork, citizen: Citizen, practice: Practice, on: date) -> GpChoiceFacts:
    """Collect what the GP-choice rule needs from the registry, for one person and date."""
    municipality = uow.geography.municipality(citizen.municipality_code)
    group = citizen.group_on(on)
    return GpChoiceFacts(
        on=on,
        municipality_code=municipality.code,
        municipality_name=municipality.name,
        practice_name=f"{practice.name} ({practice.ydernummer})",
        practice_open=practice.is_open_on(on),
        distance_km=distance_km(citizen.address.coordinates, practice.address.coordinates),
        in_group_1=group is not None and group.group == 1,
    )


def decide_for(uow: UnitOfWork, citizen: Citizen, practice: Practice, on: date) -> Decision:
    return decide_gp_choice(gather_facts(uow, citizen, practice, on), uow.parameters)


def choose_gp(command: ChooseGp, uow: UnitOfWork) -> Case:
    """Create a GP-choice case for the main person and any involved persons, or refuse."""
    practice = uow.practice(command.ydernummer)
    on = command.effective_date or uow.today()
    if on < uow.today():
        raise InvalidInput(
            field="effective_date",
            reason_da=f"et lægevalg kan ikke gælde fra før i dag ({uow.today()})",
            reason_en=f"a GP choice cannot take effect before today ({uow.today()})",
        )
    persons = [uow.citizen(cpr) for cpr in dict.fromkeys((command.cpr, *command.involved))]
    decisions = []
    for person in persons:
        decision = decide_for(uow, person, practice, on)
        uow.decided(f"ChooseGp {person.cpr} -> {practice.ydernummer}", decision)
        if not decision.allowed:
            raise RuleRefused(decision)
        decisions.append(decision)
    case = Case(
        case_id=uow.ids.next("F"),
        case_type=CaseType.GP_CHOICE,
        municipality_code=persons[0].municipality_code,
        main_cpr=persons[0].cpr,
        involved=tuple(person.cpr for person in persons[1:]),
        status=CaseStatus.AWAITING_LUNA,
        created_at=uow.now(),
        actor=command.actor,
        effective_date=on,
        details={
            "ydernummer": practice.ydernummer,
            "practice_name": practice.name,
            "decision_codes": list(decisions[0].codes),
            "conditions": list(decisions[0].conditions),
        },
    )
    case.history.append((case.created_at, case.status))
    uow.registry.add_case(case)
    for person in persons:
        replace_listing_from(uow.registry, person, practice.ydernummer, on, case.case_id, "OPEN")
    uow.outbox.add(
        LunaRegistration(
            case.case_id,
            "gp_listing",
            persons[0].cpr,
            {
                "ydernummer": practice.ydernummer,
                "effective_date": on.isoformat(),
                "persons": [person.cpr for person in persons],
            },
        ),
        uow.now(),
    )
    uow.emit(CaseCreated(case.case_id, case.case_type, case.municipality_code, case.main_cpr))
    for person in persons:
        uow.emit(GpChosen(case.case_id, person.cpr, practice.ydernummer, on))
    return case
