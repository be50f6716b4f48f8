"""Facts for the GP-choice rules, gathered from the registry for one person, practice and date.

`gather_facts` fills `GpChoiceFacts`; only when the practice is closed and within the limit
does it gather the expensive `ClosedDoctorFacts` (relatives' doctors, open practices nearby)
and ask `closed_doctor_exception`. ``chosen_in_case`` maps the CPR numbers of persons already
decided in the same case to the practice they choose, so a child counts the doctor its parent
is choosing in the same case as the parent's doctor (CHILD_TO_PARENT); parents are CPR's
parents and custody holders (a guardian, værge, is a custody holder here). ``home`` overrides the
address the distance is measured from (a moving-in address, e.g. the move from Greenland).
``known`` (`KnownPlace`) hands in what the caller has already established for the citizen's
home and the practice - the distance, the municipality and its limit - so that an
administrative assignment, which found the practice by that distance, does not look them up
again.

``ahead_of_move`` (a choice made before CPR reports the move to ``home``, SPEC 3.8): the declared
samlever counts only when registered at the moving-in address ``home`` (the samlever is declared
"for" that address, SPEC 3.4.1), and keeping one's doctor refers to this move (from the current
municipality to ``home``'s), not to an earlier one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sandbox.domain.decisions import Decision, ParameterUse
from sandbox.domain.geography import Address, Municipality, distance_km
from sandbox.domain.model import Citizen, CivilStatus, Practice
from sandbox.domain.rules.closed_doctor import (
    PRE_1_1,
    ClosedDoctorFacts,
    closed_doctor_exception,
    is_dormant,
)
from sandbox.domain.rules.gp_choice import GpChoiceFacts, decide_gp_choice, distance_limit
from sandbox.service.store import Store
from sandbox.service.unit_of_work import UnitOfWork

MARRIED = (CivilStatus.MARRIED, CivilStatus.REGISTERED_PARTNER)


@dataclass(frozen=True, slots=True)
class KnownPlace:
    """What a caller already knows of the citizen's home and the practice, as `gather_facts`
    would find it: the distance in km (haversine), the home's municipality and its limit."""

    distance_km: float
    municipality: Municipality
    limit: ParameterUse


def practice_label(practice: Practice) -> str:
    return f"{practice.name} ({practice.ydernummer})"


def in_group_1(citizen: Citizen, on: date) -> bool:
    """In group 1 on ``on`` and not dormant (hvilende sikring)."""
    membership = citizen.group_on(on)
    return membership is not None and membership.group == 1 and not is_dormant(membership)


def gather_facts(
    uow: UnitOfWork,
    citizen: Citizen,
    practice: Practice,
    on: date,
    *,
    home: Address | None = None,
    change_to_group_1: bool = False,
    chosen_in_case: Mapping[str, str] | None = None,
    ahead_of_move: bool = False,
    dispensation: bool = False,
    known: KnownPlace | None = None,
) -> GpChoiceFacts:
    """Collect what the GP-choice rule needs from the registry, for one person and date."""
    home = home or citizen.address
    # an address is a point (no copies)
    distance = distance_km(home, practice.address) if known is None else known.distance_km
    is_open = practice.is_open_on(on)
    listing = citizen.listing_on(on)  # today's listing: is it this practice, since when
    already = listing is not None and listing.ydernummer == practice.ydernummer
    group_1 = in_group_1(citizen, on)
    exception = None
    if group_1 or change_to_group_1:
        # a Danish municipality has a distance limit; Greenland's codes raise UnknownMunicipality
        if known is None:
            municipality = uow.geography.municipality(home.municipality_code)
            limit_use = distance_limit(municipality.code, on, uow.parameters)
        else:
            municipality, limit_use = known.municipality, known.limit
        code, name = municipality.code, municipality.name
        limit = float(limit_use.value)
        if not (is_open or already or distance > limit):
            closed = gather_closed_facts(
                uow,
                citizen,
                practice,
                on,
                home,
                limit,
                chosen_in_case or {},
                ahead_of_move=ahead_of_move,
            )
            exception = closed_doctor_exception(closed, uow.parameters)
    else:  # refused as not in group 1 (e.g. living in Greenland): no limit needed
        code = home.municipality_code
        name = uow.geography.municipality_name(code)
    # built once, when everything is known (no dataclasses.replace on the hot path)
    return GpChoiceFacts(
        on=on,
        municipality_code=code,
        municipality_name=name,
        practice_name=practice_label(practice),
        practice_open=is_open,
        closed_down_on=practice.closed_down_on,
        distance_km=distance,
        in_group_1=group_1,
        change_to_group_1=change_to_group_1,
        already_listed=already,
        has_later_choice=any(item.valid_from > on for item in citizen.listing_history()),
        dispensation=dispensation,
        last_change_on=listing.valid_from if listing is not None else None,
        exception_reason=exception,
    )


def decide_for(
    uow: UnitOfWork,
    citizen: Citizen,
    practice: Practice,
    on: date,
    *,
    home: Address | None = None,
    change_to_group_1: bool = False,
    chosen_in_case: Mapping[str, str] | None = None,
    ahead_of_move: bool = False,
    dispensation: bool = False,
    known: KnownPlace | None = None,
) -> Decision:
    """Gather the facts and decide: may ``citizen`` choose ``practice`` from ``on``?"""
    facts = gather_facts(
        uow,
        citizen,
        practice,
        on,
        home=home,
        change_to_group_1=change_to_group_1,
        chosen_in_case=chosen_in_case,
        ahead_of_move=ahead_of_move,
        dispensation=dispensation,
        known=known,
    )
    return decide_gp_choice(facts, uow.parameters)


def gather_closed_facts(
    uow: UnitOfWork,
    citizen: Citizen,
    practice: Practice,
    on: date,
    home: Address,
    limit_km: float,
    chosen_in_case: Mapping[str, str],
    *,
    ahead_of_move: bool = False,
) -> ClosedDoctorFacts:
    """The closed-practice exceptions' facts (SPEC 3.4); asked only for a closed practice."""
    registry = uow.registry
    married = citizen.civil_status in MARRIED and citizen.spouse is not None
    pre_1_1 = uow.parameters.value("relativesDefinition", on) == PRE_1_1
    minimum = int(uow.parameters.value("minOpenPracticesWithinLimit", on))
    before = citizen.group_on(on - timedelta(days=1))
    now = citizen.group_on(on)
    returning = [m for m in (now, before) if m is not None and (m.group == 2 or is_dormant(m))]
    doctor_before_move = (
        citizen.doctor_on(citizen.moved_in_on - timedelta(days=1)) if citizen.moved_in_on else None
    )
    moved_from = citizen.moved_from_municipality
    samlever: str | None = citizen.declared_samlever
    if ahead_of_move:
        doctor_before_move, moved_from = citizen.doctor_on(on), citizen.municipality_code
        if samlever is not None and samlever not in registry.persons_at(home):
            samlever = None  # declared for another address than the one moved to
    return ClosedDoctorFacts(
        on=on,
        ydernummer=practice.ydernummer,
        practice_name=practice_label(practice),
        birth_date=citizen.birth_date,
        married=married,
        parent_doctors=_doctors(
            registry, (*citizen.parents, *citizen.custody_holders), on, chosen_in_case
        ),
        spouse_doctor=_doctor(registry, citizen.spouse, on, chosen_in_case) if married else None,
        samlever_doctor=_doctor(registry, samlever, on, chosen_in_case),
        child_doctors=_children_at(registry, citizen, home, on, chosen_in_case) if pre_1_1 else (),
        housemate_doctors=_housemates(registry, citizen, home, on, chosen_in_case)
        if pre_1_1
        else (),
        open_within_limit=registry.count_open_within(home, limit_km, on, stop_at=minimum),
        limit_km=limit_km,
        from_group_2_or_dormant=bool(returning),
        from_dormant=any(is_dormant(m) for m in returning),
        last_group1_doctor=last_group1_doctor(citizen, on),
        doctor_before_move=doctor_before_move,
        moved_within_municipality=moved_from == home.municipality_code,
    )


def last_group1_doctor(citizen: Citizen, on: date) -> str | None:
    """The practice of the latest listing before ``on`` that began while in group 1."""
    for listing in reversed(citizen.listing_history()):
        if listing.valid_from < on and in_group_1(citizen, listing.valid_from):
            return listing.ydernummer
    return None


def _doctor(
    registry: Store, cpr: str | None, on: date, chosen_in_case: Mapping[str, str]
) -> str | None:
    if cpr is None:
        return None
    if cpr in chosen_in_case:
        return chosen_in_case[cpr]
    person = registry.find_citizen(cpr)
    return person.doctor_on(on) if person is not None else None


def _doctors(
    registry: Store, cprs: tuple[str, ...], on: date, chosen_in_case: Mapping[str, str]
) -> tuple[str, ...]:
    found = (_doctor(registry, cpr, on, chosen_in_case) for cpr in dict.fromkeys(cprs))
    return tuple(doctor for doctor in found if doctor is not None)


def _housemates(
    registry: Store,
    citizen: Citizen,
    home: Address,
    on: date,
    chosen_in_case: Mapping[str, str],
) -> tuple[str, ...]:
    others = tuple(cpr for cpr in registry.persons_at(home) if cpr != citizen.cpr)
    return _doctors(registry, others, on, chosen_in_case)


def _children_at(
    registry: Store,
    citizen: Citizen,
    home: Address,
    on: date,
    chosen_in_case: Mapping[str, str],
) -> tuple[tuple[date, str], ...]:
    """Children of the citizen registered at the same address, with their doctors (pre 1.1)."""
    found: list[tuple[date, str]] = []
    for cpr in registry.persons_at(home):
        child = registry.find_citizen(cpr)
        if child is None or citizen.cpr not in (*child.parents, *child.custody_holders):
            continue
        doctor = _doctor(registry, cpr, on, chosen_in_case)
        if doctor is not None:
            found.append((child.birth_date, doctor))
    return tuple(found)
