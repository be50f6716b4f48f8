"""Lukket læge: which exception (undtagelse), if any, lets a citizen choose a closed practice.

SPEC 3.4 and 3.4.1. The service layer gathers `ClosedDoctorFacts` (the relatives' doctors on the
date, the citizen's age and group history, how many open practices lie within the limit) and
`closed_doctor_exception` returns the `Reason` of the first exception that holds, or None. The
reason's code is the key of parameter ``requiresDoctorAcceptance``, which `gp_choice` reads to
decide whether the doctor must accept the patient first.

Two readings of "relatives" (parameter ``relativesDefinition``, dated):

- ``release_1_1`` (from 2025-04-09): a child under ``childChoosesParentsDoctorMaxAge`` may choose
  a parent's or custody holder's doctor, never the reverse; a married adult (civil status G/P)
  the spouse's; an unmarried adult the doctor of a declared samlever (see `samlever`). Living at
  the same address is no longer enough, and a parent can no longer follow a minor child.
- ``pre_1_1``: as above without the declared samlever, plus a parent following a minor child
  (``PARENT_TO_MINOR_CHILD``) and anyone registered at the same address (``SAME_ADDRESS``). These
  two codes exist only before 1.1 and are not keys of ``requiresDoctorAcceptance``; they never
  need the doctor's acceptance.

The other exceptions do not depend on the reading: turning 15 and choosing a parent's doctor
(within ``freeChoiceAfterAge15Days`` of the birthday ``age.independentChoice``), returning from
group 2 or dormant status (hvilende sikring) to the last group-1 doctor, returning from military
service or prison (dormant status ending: any closed practice), keeping one's doctor after a
move within the municipality, and - last, because it needs the doctor's acceptance - fewer than
``minOpenPracticesWithinLimit`` open practices within the distance limit.

NURSING_HOME_ATTACHED_DOCTOR (BEK 966/2014 as amended 2016) is not modelled: the sandbox knows no
nursing homes nor their attached doctors.

Dormant status is a `GroupMembership` whose ``reason`` is `DORMANT` (the sandbox has no group
code for it; see `is_dormant`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from sandbox.domain.decisions import ParameterUse, Reason
from sandbox.domain.model import GroupMembership
from sandbox.domain.parameters import Parameters

FEWER_THAN_TWO_OPEN_WITHIN_LIMIT = "FEWER_THAN_TWO_OPEN_WITHIN_LIMIT"
CHILD_TO_PARENT = "CHILD_TO_PARENT"
SPOUSE = "SPOUSE"
DECLARED_COHABITANT = "DECLARED_COHABITANT"
TURNING_15_PARENT = "TURNING_15_PARENT"
RETURN_TO_LAST_GROUP1_DOCTOR = "RETURN_TO_LAST_GROUP1_DOCTOR"
RETURN_FROM_SERVICE_OR_PRISON = "RETURN_FROM_SERVICE_OR_PRISON"
KEEP_DOCTOR_ON_MOVE_WITHIN_MUNICIPALITY = "KEEP_DOCTOR_ON_MOVE_WITHIN_MUNICIPALITY"
PARENT_TO_MINOR_CHILD = "PARENT_TO_MINOR_CHILD"  # pre_1_1 only
SAME_ADDRESS = "SAME_ADDRESS"  # pre_1_1 only

EXCEPTION_CODES = (
    KEEP_DOCTOR_ON_MOVE_WITHIN_MUNICIPALITY,
    RETURN_TO_LAST_GROUP1_DOCTOR,
    RETURN_FROM_SERVICE_OR_PRISON,
    TURNING_15_PARENT,
    CHILD_TO_PARENT,
    SPOUSE,
    DECLARED_COHABITANT,
    FEWER_THAN_TWO_OPEN_WITHIN_LIMIT,
)
"""Codes of both readings; each is a key of ``requiresDoctorAcceptance``."""
PRE_1_1_CODES = (PARENT_TO_MINOR_CHILD, SAME_ADDRESS)
"""Codes of the ``pre_1_1`` reading only; never need the doctor's acceptance."""

PRE_1_1 = "pre_1_1"
RELEASE_1_1 = "release_1_1"

DORMANT = "DORMANT"
"""``GroupMembership.reason`` of a period of dormant insurance (hvilende sikring, SPEC 2.1)."""

SOURCE_RELATIVES = "SPEC 3.4, 3.4.1; release notes 1.1 item 3 [SEED][C:S12,S13,S24b,S49b]"
SOURCE_GROUP_RETURN = "SPEC 2.1, 3.4 [C:S24b,S34,S49b]"
SOURCE_MOVE = "SPEC 3.4, 3.8; principled decision of 19 Dec 2016 [C:S52]"
SOURCE_FEW_OPEN = "SPEC 3.3, 3.4 [C:S24b,S49b,S53][SEED]"


def is_dormant(membership: GroupMembership | None) -> bool:
    """Whether the group period is dormant insurance (hvilende sikring)."""
    return membership is not None and membership.reason == DORMANT


@dataclass(slots=True, unsafe_hash=True)
class ClosedDoctorFacts:
    """Undtagelser for lukket læge - what the exceptions ask about one citizen on one date.

    Doctors are ydernumre on ``on``; a relative who chooses ``ydernummer`` in the same case
    counts as having it (a child follows the doctor the parent chooses). ``child_doctors`` and
    ``housemate_doctors`` are only read under ``pre_1_1``. ``open_within_limit`` is None when
    not counted.
    """

    on: Final[date]
    ydernummer: Final[str]
    practice_name: Final[str]
    birth_date: Final[date]
    married: Final[bool] = False
    parent_doctors: Final[tuple[str, ...]] = ()
    spouse_doctor: Final[str | None] = None
    samlever_doctor: Final[str | None] = None
    child_doctors: Final[tuple[tuple[date, str], ...]] = ()
    housemate_doctors: Final[tuple[str, ...]] = ()
    open_within_limit: Final[int | None] = None
    limit_km: Final[float] = 0.0
    from_group_2_or_dormant: Final[bool] = False
    from_dormant: Final[bool] = False
    last_group1_doctor: Final[str | None] = None
    doctor_before_move: Final[str | None] = None
    moved_within_municipality: Final[bool] = False


def age_on(birth_date: date, day: date) -> int:
    """Age in whole years on ``day``."""
    years = day.year - birth_date.year
    return years - ((day.month, day.day) < (birth_date.month, birth_date.day))


def birthday(birth_date: date, years: int) -> date:
    """The ``years``th birthday; 29 February becomes 28 February in other years."""
    try:
        return birth_date.replace(year=birth_date.year + years)
    except ValueError:
        return date(birth_date.year + years, 2, 28)


def declarant_may_declare(
    birth_date: date | None, civil_status: str, on: date, rules: dict[str, object]
) -> bool:
    """Whether the declarant is an unmarried adult: "Voksne som ikke er gift kan angive en
    samlevende" (release notes 1.1)."""
    min_age = rules.get("declarantMinAge")
    if isinstance(min_age, int) and (birth_date is None or age_on(birth_date, on) < min_age):
        return False
    married = rules.get("marriedCivilStatuses", ())
    listed = tuple(str(item) for item in married) if isinstance(married, tuple | list) else ()
    return not (rules.get("declarantNotMarried", False) and civil_status in listed)


def closed_doctor_exception(facts: ClosedDoctorFacts, parameters: Parameters) -> Reason | None:
    """The first exception that lets the citizen choose the closed practice, or None."""
    definition = parameters.use("relativesDefinition", facts.on)
    for check in _CHECKS:
        reason = check(facts, parameters, definition)
        if reason is not None:
            return reason
    return None


_Check = Callable[[ClosedDoctorFacts, Parameters, ParameterUse], Reason | None]


def _fields(facts: ClosedDoctorFacts, *more: tuple[str, object]) -> tuple[tuple[str, object], ...]:
    return (("practice", facts.practice_name), ("on", facts.on.isoformat()), *more)


def _keep_on_move(facts: ClosedDoctorFacts, _: Parameters, __: ParameterUse) -> Reason | None:
    if not (facts.moved_within_municipality and facts.doctor_before_move == facts.ydernummer):
        return None
    return Reason(
        "closed_doctor.keep_doctor_on_move",
        KEEP_DOCTOR_ON_MOVE_WITHIN_MUNICIPALITY,
        "Borgeren er flyttet inden for kommunen og må beholde sin læge, {practice}, selv om "
        "praksis er lukket for tilgang.",
        "The citizen moved within the municipality and may keep their GP, {practice}, even "
        "though the practice is closed for new patients.",
        SOURCE_MOVE,
        _fields(facts),
    )


def _last_group1(facts: ClosedDoctorFacts, _: Parameters, __: ParameterUse) -> Reason | None:
    if not (facts.from_group_2_or_dormant and facts.last_group1_doctor == facts.ydernummer):
        return None
    return Reason(
        "closed_doctor.return_to_last_group1_doctor",
        RETURN_TO_LAST_GROUP1_DOCTOR,
        "Borgeren vender tilbage til sikringsgruppe 1 fra gruppe 2 eller hvilende sikring og må "
        "vælge den læge, borgeren sidst var tilmeldt i gruppe 1: {practice}.",
        "The citizen returns to insurance group 1 from group 2 or dormant insurance and may "
        "choose the GP they were last listed with in group 1: {practice}.",
        SOURCE_GROUP_RETURN,
        _fields(facts),
    )


def _service_or_prison(facts: ClosedDoctorFacts, _: Parameters, __: ParameterUse) -> Reason | None:
    if not facts.from_dormant:
        return None
    return Reason(
        "closed_doctor.return_from_service_or_prison",
        RETURN_FROM_SERVICE_OR_PRISON,
        "Borgeren vender tilbage fra hvilende sikring (værnepligt eller Kriminalforsorgen) og "
        "må vælge {practice}, selv om praksis er lukket for tilgang.",
        "The citizen returns from dormant insurance (military service or the Prison Service) "
        "and may choose {practice} even though it is closed for new patients.",
        SOURCE_GROUP_RETURN,
        _fields(facts),
    )


def _turning_15(
    facts: ClosedDoctorFacts, parameters: Parameters, rel: ParameterUse
) -> Reason | None:
    if facts.ydernummer not in facts.parent_doctors:
        return None
    age = parameters.use("age.independentChoice", facts.on)
    days = parameters.use("freeChoiceAfterAge15Days", facts.on)
    start = birthday(facts.birth_date, int(age.value))
    last = start + timedelta(days=int(days.value))
    if not start <= facts.on <= last:
        return None
    return Reason(
        "closed_doctor.turning_15_parent",
        TURNING_15_PARENT,
        "Borgeren fyldte {age} år den {start} og må til og med den {last} vælge en forælders "
        "læge, {practice}, selv om praksis er lukket for tilgang.",
        "The citizen turned {age} on {start} and may, up to and including {last}, choose a "
        "parent's GP, {practice}, even though it is closed for new patients.",
        SOURCE_RELATIVES,
        _fields(
            facts, ("age", age.value), ("start", start.isoformat()), ("last", last.isoformat())
        ),
        (age, days, rel),
    )


def _child_to_parent(
    facts: ClosedDoctorFacts, parameters: Parameters, rel: ParameterUse
) -> Reason | None:
    if facts.ydernummer not in facts.parent_doctors:
        return None
    max_age = parameters.use("childChoosesParentsDoctorMaxAge", facts.on)
    if age_on(facts.birth_date, facts.on) >= int(max_age.value):
        return None
    return Reason(
        "closed_doctor.child_to_parent",
        CHILD_TO_PARENT,
        "Et barn under {max_age} år må vælge sin forælders eller værges læge, {practice}, selv "
        "om praksis er lukket for tilgang (ikke omvendt).",
        "A child under {max_age} may choose a parent's or guardian's GP, {practice}, even "
        "though it is closed for new patients (not the other way round).",
        SOURCE_RELATIVES,
        _fields(facts, ("max_age", max_age.value)),
        (max_age, rel),
    )


def _spouse(facts: ClosedDoctorFacts, _: Parameters, rel: ParameterUse) -> Reason | None:
    if not (facts.married and facts.spouse_doctor == facts.ydernummer):
        return None
    return Reason(
        "closed_doctor.spouse",
        SPOUSE,
        "Borgeren er gift (eller i registreret partnerskab) og må vælge ægtefællens læge, "
        "{practice}, selv om praksis er lukket for tilgang.",
        "The citizen is married (or in a registered partnership) and may choose the spouse's "
        "GP, {practice}, even though it is closed for new patients.",
        SOURCE_RELATIVES,
        _fields(facts),
        (rel,),
    )


def _samlever(facts: ClosedDoctorFacts, parameters: Parameters, rel: ParameterUse) -> Reason | None:
    if rel.value != RELEASE_1_1 or facts.married or facts.samlever_doctor != facts.ydernummer:
        return None
    # "Voksne som ikke er gift kan angive en samlevende": only an unmarried adult's samlever
    eligibility = parameters.use("samleverEligibility", facts.on).value
    if not declarant_may_declare(facts.birth_date, "", facts.on, eligibility):
        return None
    return Reason(
        "closed_doctor.declared_cohabitant",
        DECLARED_COHABITANT,
        "Borgeren er ikke gift og har angivet en samlever, som er tilmeldt {practice}; "
        "borgeren må derfor vælge denne læge, selv om praksis er lukket for tilgang.",
        "The citizen is not married and has declared a samlever (cohabitant) who is listed "
        "with {practice}; the citizen may therefore choose it although it is closed.",
        SOURCE_RELATIVES,
        _fields(facts),
        (rel,),
    )


def _parent_to_child(
    facts: ClosedDoctorFacts, parameters: Parameters, rel: ParameterUse
) -> Reason | None:
    if rel.value != PRE_1_1:
        return None
    max_age = parameters.use("childChoosesParentsDoctorMaxAge", facts.on)
    minors = [
        doctor
        for born, doctor in facts.child_doctors
        if age_on(born, facts.on) < int(max_age.value)
    ]
    if facts.ydernummer not in minors:
        return None
    return Reason(
        "closed_doctor.parent_to_minor_child",
        PARENT_TO_MINOR_CHILD,
        "Før release 1.1: en forælder må vælge sit mindreårige barns læge, {practice}, selv om "
        "praksis er lukket for tilgang.",
        "Before release 1.1: a parent may choose a minor child's GP, {practice}, even though "
        "it is closed for new patients.",
        SOURCE_RELATIVES,
        _fields(facts, ("max_age", max_age.value)),
        (max_age, rel),
    )


def _same_address(facts: ClosedDoctorFacts, _: Parameters, rel: ParameterUse) -> Reason | None:
    if rel.value != PRE_1_1 or facts.ydernummer not in facts.housemate_doctors:
        return None
    return Reason(
        "closed_doctor.same_address",
        SAME_ADDRESS,
        "Før release 1.1: en person på samme adresse (samboende) er tilmeldt {practice}, så "
        "borgeren må vælge denne læge, selv om praksis er lukket for tilgang.",
        "Before release 1.1: a person at the same address is listed with {practice}, so the "
        "citizen may choose it even though it is closed for new patients.",
        SOURCE_RELATIVES,
        _fields(facts),
        (rel,),
    )


def _few_open(facts: ClosedDoctorFacts, parameters: Parameters, _: ParameterUse) -> Reason | None:
    minimum = parameters.use("minOpenPracticesWithinLimit", facts.on)
    if facts.open_within_limit is None or facts.open_within_limit >= int(minimum.value):
        return None
    return Reason(
        "closed_doctor.fewer_than_two_open",
        FEWER_THAN_TWO_OPEN_WITHIN_LIMIT,
        "Der er {count:words:praksis|praksisser} med åben tilgang inden for {limit} km fra "
        "borgerens adresse, færre end {minimum}, så borgeren kan søge om at blive optaget hos "
        "{practice}.",
        "The number of practices open for new patients within {limit} km of the citizen's "
        "address is {count}, fewer than {minimum}, so the citizen may ask to be listed with "
        "{practice}.",
        SOURCE_FEW_OPEN,
        _fields(
            facts,
            ("count", facts.open_within_limit),
            ("limit", facts.limit_km),
            ("minimum", minimum.value),
        ),
        (minimum,),
    )


_CHECKS: tuple[_Check, ...] = (
    _keep_on_move,
    _last_group1,
    _service_or_prison,
    _turning_15,
    _child_to_parent,
    _spouse,
    _samlever,
    _parent_to_child,
    _same_address,
    _few_open,  # last: the only one that needs the doctor's acceptance
)
