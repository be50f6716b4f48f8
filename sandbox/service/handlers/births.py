"""CPR's birth and naming events: the newborn's group and GP, and the vulnerable-naming task.

Birth (release 1.1 item 9): the child becomes a citizen with the birth-giving parent's group and
GP from the date `decide_newborn` gives (the date of birth since 2025-04-09), in a "Fødsel" case
registered in LUNA (kind ``newborn``). No card yet: the card follows the naming. A manual task
goes to the case worker when the mother chose a newly created doctor after the birth; a group-1
child without a doctor gets "Manglende lægevalg". A child inheriting a doctor whose practice
closed or split and was wound up before CPR told of the birth meets that wind-up
(`sandbox.service.handlers.practice_event_late`, SPEC 4.1).

Naming (release 1.1 item 10): the name is mirrored and `CitizenNamed` published; when birth and
naming lie within ``vulnerableBirthNamingMaxDays`` it is marked vulnerable and a manual task is
made, and the card handlers order no card.
"""

from __future__ import annotations

from sandbox.domain.case_details import BirthDetails
from sandbox.domain.danish import plural
from sandbox.domain.model import Actor, Case, CaseStatus, CaseType, Citizen
from sandbox.domain.rules.cpr_events import (
    NewbornFacts,
    decide_name_change,
    decide_naming,
    decide_newborn,
)
from sandbox.service.card_ordering import is_first_card
from sandbox.service.case_factory import add_manual_task, new_case, open_missing_gp_choice
from sandbox.service.cpr_commands import RegisterBirth, RegisterNaming
from sandbox.service.cpr_records import UNNAMED
from sandbox.service.events import CitizenNamed
from sandbox.service.handlers.practice_event_late import wind_up_late_listing
from sandbox.service.ports import LunaRegistration
from sandbox.service.unit_of_work import UnitOfWork

TASK_NEW_DOCTOR = "NEWBORN_MOTHER_NEW_DOCTOR"
TASK_VULNERABLE = "VULNERABLE_BIRTH_NAMING"


def register_birth(event: RegisterBirth, uow: UnitOfWork) -> bool:
    """A newborn: citizen, group and GP from the birth-giving parent, a Fødsel case."""
    registry = uow.registry
    if registry.has_citizen(event.cpr):
        return False  # already known: the event was applied before
    birth_date = event.birth_date
    mother = registry.find_citizen(event.mother or "")
    father = registry.find_citizen(event.father or "")
    created = {
        listing.ydernummer: registry.practice(listing.ydernummer).created_on
        for listing in (mother.listing_history() if mother else ())
        if registry.has_practice(listing.ydernummer)
    }
    facts = NewbornFacts(birth_date, event.on, mother, father, created)
    outcome = decide_newborn(facts, uow.parameters)
    if event.address is not None:
        home = event.address
    elif mother is not None:
        home = mother.address
    else:
        return False  # nowhere to place the child; CPR will send the address later
    uow.decided(f"Fødsel {event.cpr}", outcome.decision)
    parents = event.parents
    holders = event.custody_holders
    child = Citizen(
        cpr=event.cpr,
        name=event.name or UNNAMED,
        birth_date=birth_date,
        address=home,
        parents=parents,
        custody_holders=holders,
    )
    registry.add_citizen(child)
    details = BirthDetails(
        reason="NEWBORN",
        birth_date=birth_date,
        registered_on=event.on,
        parent=outcome.parent_cpr,
        group=outcome.group,
        ydernummer=outcome.ydernummer,
        valid_from=outcome.valid_from,
        decision_codes=list(outcome.decision.codes),
    )
    case = new_case(
        uow, child, CaseStatus.AWAITING_LUNA, Actor.system(), outcome.valid_from, details
    )
    now = uow.now()
    registry.change_group(child, outcome.group, outcome.valid_from, case.case_id, "NEWBORN", at=now)
    if outcome.ydernummer is not None:
        registry.list_citizen(
            child,
            outcome.ydernummer,
            outcome.valid_from,
            case.case_id,
            "INHERITED",
            at=now,
        )
        # a parent's practice closed or split, and wound up before CPR told of the birth
        wind_up_late_listing(uow, child, outcome.ydernummer, outcome.valid_from, case.case_id)
    payload: dict[str, object] = {
        "group": outcome.group,
        "ydernummer": outcome.ydernummer,
        "valid_from": outcome.valid_from.isoformat(),
        "parent": outcome.parent_cpr,
    }
    inherited = child.listing_on(outcome.valid_from)
    if inherited is not None and inherited.valid_to is not None:
        payload["valid_to"] = inherited.valid_to.isoformat()  # ended by a wind-up
    uow.outbox.add(LunaRegistration(case.case_id, "newborn", child.cpr, payload), now)
    if outcome.missing_choice:
        open_missing_gp_choice(uow, child, outcome.valid_from, "NEWBORN_WITHOUT_DOCTOR")
    if outcome.new_doctor is not None and mother is not None:
        add_manual_task(
            uow,
            case,
            child,
            TASK_NEW_DOCTOR,
            f"Nyfødt {child.cpr}: moderen har efter fødslen valgt en nyoprettet praksis "
            f"(ydernummer {outcome.new_doctor}). Vurder barnets lægevalg.",
            f"Newborn {child.cpr}: after the birth the mother chose a newly created practice "
            f"(provider number {outcome.new_doctor}). Review the child's GP.",
        )
    return True


def register_naming(event: RegisterNaming, uow: UnitOfWork) -> bool:
    """Navngivning: mirror the name; a vulnerable birth and naming gets a task, not a card."""
    citizen = uow.registry.find_citizen(event.cpr)
    if citizen is None:
        return False
    birth_case = birth_case_of(uow, citizen)
    if birth_case is None and not is_first_card(uow, citizen):
        # a change of name, not a child's first naming (SPEC 5.6): no automatic card
        uow.decided(f"Navneændring {citizen.cpr}", decide_name_change(event.on))
        uow.registry.before_change(citizen, "name")
        citizen.name = event.name or citizen.name
        uow.emit(CitizenNamed(citizen.cpr, event.on, False, None, name_change=True))
        return True
    decision = decide_naming(citizen.birth_date, event.on, uow.parameters)
    uow.decided(f"Navngivning {citizen.cpr}", decision)
    uow.registry.before_change(citizen, "name")
    citizen.name = event.name or citizen.name
    vulnerable = not decision.allowed
    if vulnerable:
        days = (event.on - citizen.birth_date).days
        add_manual_task(
            uow,
            birth_case,
            citizen,
            TASK_VULNERABLE,
            f"Sårbar situation: fødsel og navngivning af {citizen.cpr} ligger "
            f"{plural(days, 'dag', 'dage')} fra hinanden. Der sendes ikke automatisk et "
            "sundhedskort; vurder, om der skal bestilles et.",
            f"Vulnerable situation: birth and naming of {citizen.cpr} lie "
            f"{plural(days, 'day', 'days', 'en')} apart. No health card is sent automatically; "
            "decide whether to order one.",
        )
    uow.emit(
        CitizenNamed(citizen.cpr, event.on, vulnerable, birth_case.case_id if birth_case else None)
    )
    return True


def birth_case_of(uow: UnitOfWork, citizen: Citizen) -> Case | None:
    """The Fødsel case of a newborn, if the system made one."""
    for case in uow.registry.cases_of(citizen.cpr):
        if case.case_type is CaseType.BIRTH and case.main_cpr == citizen.cpr:
            return case
    return None
