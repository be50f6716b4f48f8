"""Lægevalg: may a group-1 citizen choose this practice on this date? (SPEC 3.1-3.4, 3.6, 9)

The rule works on `GpChoiceFacts` that the service layer gathers from its stores (distance,
whether the practice is open, the limit of the citizen's municipality ...), so it stays pure and
testable: facts in, `Decision` out. The order follows SPEC 9's ``canChooseDoctor``:

1. group 1 only - unless the choice is combined with a change to group 1 (``change_to_group_1``:
   the move from Greenland, a group-2 or dormant citizen returning to group 1);
2. a binding period: ``minMonthsBetweenGpChanges`` months after the current listing began
   (0 by default: no binding period in force, SPEC 3.6);
3. choosing the practice one is already listed with on the date is not a change: refused with
   ``ALREADY_LISTED`` (a refusal, not a silent no-op, so no case, card or fee is made for
   nothing). Only when a later choice is waiting is it a change: it keeps the current doctor
   and replaces the later choice (``KEEPS_CURRENT_DOCTOR``; a closed practice closes only for
   new patients, so it does not matter here);
4. beyond the distance limit: allowed (the citizen gives up home visits); an open practice needs
   the doctor's acceptance when ``beyondLimitOpenRequiresAcceptance`` says so, a closed one
   when ``requiresDoctorAcceptance["BEYOND_DISTANCE_LIMIT"]`` does - and with that acceptance
   the closed-practice exceptions need not hold (SPEC 3.2);
5. within the limit, an open practice is allowed;
6. a closed practice only through an exception of `sandbox.domain.rules.closed_doctor`, which
   reaches this rule as ``exception_reason``; ``requiresDoctorAcceptance[code]`` says whether
   the doctor must accept first (the decision's condition ``DOCTOR_ACCEPTANCE``);
7. without an exception, through a dispensation the municipality grants (``dispensation``: a
   case worker's choice, SPEC 3.4 "Dispensation route"): allowed as ``DISPENSATION_GRANTED``,
   waiting for the doctor when ``requiresDoctorAcceptance["DISPENSATION_GRANTED"]`` says so.
   Otherwise refused, and the refusal says that a dispensation can be sought from the
   municipality (``DISPENSATION_FROM_MUNICIPALITY``).

The effective date (`decide_effective_date`) and the persons of a multi-person case
(`sandbox.domain.rules.gp_choice_persons`) are decided beside this rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from sandbox.domain.dates import add_months
from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.model import Role
from sandbox.domain.parameters import Parameters

RULE_DISTANCE = "gp_choice.distance_limit"
RULE_OPEN = "gp_choice.open_practice"
RULE_CLOSED = "gp_choice.closed_practice"
RULE_GROUP = "gp_choice.group_1_only"
RULE_CURRENT = "gp_choice.current_doctor"
RULE_EFFECTIVE = "gp_choice.effective_date"
RULE_BINDING = "gp_choice.binding_period"
SOURCE_BINDING = "SPEC 3.6 [C:S50,S58]; obsolete 6 months [C-old:S63]"

SOURCE_DISTANCE = "SPEC 3.2; Sundhedsloven § 59 [C:S14,S47,S49]"
SOURCE_OPEN = "SPEC 3.1, 3.3; BEK 966/2014 [C:S14,S25]"
SOURCE_CLOSED = "SPEC 3.4; release notes 1.1 item 3 [SEED][C:S24b,S49b]"
SOURCE_GROUP = "SPEC 3.1; Sundhedsloven §§ 58-59 [C:S1,S2]"
SOURCE_GROUP_CHANGE = "SPEC 2.2, 3.9; release notes 1.1 item 7 [SEED]"
SOURCE_EFFECTIVE = "SPEC 3.6 [C:S50,S58][SEED]"
SOURCE_DISPENSATION = (
    'SPEC 3.4 (Dispensation route); release notes 1.1: "Normalt kræves dispensation for at '
    'vælge en lukket læge." [SEED]'
)

DOCTOR_ACCEPTANCE = "DOCTOR_ACCEPTANCE"


@dataclass(slots=True, unsafe_hash=True)
class GpChoiceFacts:
    """Lægevalg - what the rule needs to know about one citizen, one practice and one date."""

    on: Final[date]
    municipality_code: Final[str]
    municipality_name: Final[str]
    practice_name: Final[str]
    practice_open: Final[bool]
    distance_km: Final[float]
    in_group_1: Final[bool]
    exception_reason: Final[Reason | None] = None
    change_to_group_1: Final[bool] = False
    already_listed: Final[bool] = False
    has_later_choice: Final[bool] = False
    closed_down_on: Final[date | None] = None
    dispensation: Final[bool] = False
    last_change_on: Final[date | None] = None  # when the citizen's current listing began


def _closed_down_reason(practice_name: str, closed_down_on: date) -> Reason:
    """A closed-down practice (nedlagt) takes no one: no exception, no dispensation reaches it."""
    return Reason(
        RULE_CLOSED,
        "PRACTICE_CLOSED_DOWN",
        "{practice} er nedlagt fra den {closed_down_on} og kan ikke vælges.",
        "{practice} closed down on {closed_down_on} and cannot be chosen.",
        "SPEC 4.1, 4.2 (nedlæggelse, opsplitning)",
        (("practice", practice_name), ("closed_down_on", closed_down_on.isoformat())),
    )


def refuse_if_closed_down(
    practice_name: str, closed_down_on: date | None, on: date
) -> Decision | None:
    """The refusal when the practice has closed down by ``on`` (also for a doctor's acceptance
    of a choice that waited: the acceptance cannot list anyone at a practice that is gone)."""
    if closed_down_on is None or on < closed_down_on:
        return None
    return Decision.refuse(_closed_down_reason(practice_name, closed_down_on))


def distance_limit(municipality_code: str, on: date, parameters: Parameters) -> ParameterUse:
    """The limit that applies to a citizen living in the municipality: 5 km or 15 km."""
    capital = parameters.use("capitalAreaMunicipalities", on)
    name = (
        "distanceLimitKmCapitalArea"
        if municipality_code in capital.value
        else "distanceLimitKmDefault"
    )
    return parameters.use(name, on)


def decide_effective_date(on: date, today: date, role: Role, parameters: Parameters) -> Decision:
    """A choice takes effect today or later; only the system itself may date one back.

    The system's own handlers (CPR events) register choices from the day something happened,
    which may lie before the day the event arrived; citizens and case workers may not.
    """
    # the same two days and role give the same decision: made once, shared (immutable)
    back_dated = on < today and role is not Role.SYSTEM
    return parameters.derived(
        (RULE_EFFECTIVE, on, today, back_dated),
        lambda: _effective_date(on, today, back_dated, parameters),
    )


def _effective_date(on: date, today: date, back_dated: bool, parameters: Parameters) -> Decision:
    effective = parameters.use("gpChangeEffective", on)
    fields = (("on", on.isoformat()), ("today", today.isoformat()))
    if back_dated:
        return Decision.refuse(
            Reason(
                RULE_EFFECTIVE,
                "EFFECTIVE_DATE_IN_PAST",
                "Et lægevalg kan ikke gælde fra en dato før i dag: {on} ligger før {today}.",
                "A GP choice cannot take effect before today: {on} is before {today}.",
                SOURCE_EFFECTIVE,
                fields,
                (effective,),
            )
        )
    return Decision.allow(
        Reason(
            RULE_EFFECTIVE,
            "EFFECTIVE_DATE_OK",
            "Lægevalget gælder fra {on}.",
            "The GP choice takes effect on {on}.",
            SOURCE_EFFECTIVE,
            fields,
            (effective,),
        )
    )


def decide_gp_choice(facts: GpChoiceFacts, parameters: Parameters) -> Decision:
    """Allowed when open and within the limit, or beyond it, or closed with an exception."""
    if not facts.in_group_1 and not facts.change_to_group_1:
        return Decision.refuse(
            Reason(
                RULE_GROUP,
                "NOT_IN_GROUP_1",
                "Kun borgere i sikringsgruppe 1 vælger læge.",
                "Only citizens in insurance group 1 choose a GP.",
                SOURCE_GROUP,
            )
        )
    closed_down = refuse_if_closed_down(facts.practice_name, facts.closed_down_on, facts.on)
    if closed_down is not None:
        return closed_down
    binding = _binding_period(facts, parameters)
    if binding is not None:
        return binding
    group = () if facts.in_group_1 else (_group_change_reason(facts),)
    if facts.already_listed:
        return _current_doctor(facts, group)
    distance_reason = _distance_reason(facts, parameters)
    if distance_reason.code == "BEYOND_DISTANCE_LIMIT":
        return _beyond_limit(facts, distance_reason, group, parameters)
    if facts.practice_open:
        return Decision.allow(_open_reason(facts), distance_reason, *group)
    if facts.exception_reason is not None:
        exception = facts.exception_reason
        acceptance = parameters.use("requiresDoctorAcceptance", facts.on)
        needs = bool(acceptance.value.get(exception.code, False))
        conditions = (DOCTOR_ACCEPTANCE,) if needs else ()
        if needs:
            group = (*group, _acceptance_reason(facts, acceptance))
        return Decision.allow(exception, distance_reason, *group, conditions=conditions)
    if facts.dispensation:
        return _dispensation(facts, distance_reason, group, parameters)
    return Decision.refuse(_closed_reason(facts), distance_reason, _seek_dispensation(facts))


def _dispensation(
    facts: GpChoiceFacts,
    distance_reason: Reason,
    group: tuple[Reason, ...],
    parameters: Parameters,
) -> Decision:
    """The municipality grants a dispensation for a closed practice within the limit."""
    acceptance = parameters.use("requiresDoctorAcceptance", facts.on)
    granted = Reason(
        RULE_CLOSED,
        "DISPENSATION_GRANTED",
        "Kommunen giver dispensation til at vælge {practice}, selv om praksis er lukket for "
        "tilgang, og ingen undtagelse gælder for borgeren.",
        "The municipality grants a dispensation to choose {practice} although it is closed for "
        "new patients and no exception applies to the citizen.",
        SOURCE_DISPENSATION,
        (("practice", facts.practice_name), ("on", facts.on)),
        (acceptance,),
    )
    if not bool(acceptance.value.get("DISPENSATION_GRANTED", True)):
        return Decision.allow(granted, distance_reason, *group)
    return Decision.allow(
        granted,
        distance_reason,
        *group,
        _acceptance_reason(facts, acceptance),
        conditions=(DOCTOR_ACCEPTANCE,),
    )


def _seek_dispensation(facts: GpChoiceFacts) -> Reason:
    return Reason(
        RULE_CLOSED,
        "DISPENSATION_FROM_MUNICIPALITY",
        "Du kan søge kommunen om dispensation til at vælge {practice}. Giver kommunen "
        "dispensation, skal lægen også acceptere dig som patient.",
        "You may ask the municipality for a dispensation to choose {practice}. If the "
        "municipality grants it, the doctor must also accept you as a patient.",
        SOURCE_DISPENSATION,
        (("practice", facts.practice_name),),
    )


def _binding_period(facts: GpChoiceFacts, parameters: Parameters) -> Decision | None:
    """SPEC 3.6: ``minMonthsBetweenGpChanges`` calendar months between two changes; 0 (the
    default: "you can change GP as often as you like", only the fee) never refuses."""
    months = parameters.use("minMonthsBetweenGpChanges", facts.on)
    if int(months.value) <= 0 or facts.last_change_on is None or facts.already_listed:
        return None
    earliest = add_months(facts.last_change_on, int(months.value))
    if facts.on >= earliest:
        return None
    return Decision.refuse(
        Reason(
            RULE_BINDING,
            "BINDING_PERIOD",
            "Borgeren skiftede læge {last}; et nyt lægeskift kan tidligst gælde fra {earliest}.",
            "The citizen changed GP on {last}; a new change can take effect on {earliest} at "
            "the earliest.",
            SOURCE_BINDING,
            (("last", facts.last_change_on), ("earliest", earliest)),
            (months,),
        )
    )


def _distance_texts(code: str, where: str, where_en: str) -> tuple[str, str, str]:
    return (
        code,
        "{practice} ligger {distance} km fra borgerens adresse, " + where + " grænsen på "
        "{limit} km i {municipality:municipality}.",
        "{practice} is {distance} km from the citizen's address, " + where_en + " the {limit} "
        "km limit in {municipality:municipality}.",
    )


# the distance reason's code and texts, made once (not joined again for every decision)
_WITHIN = _distance_texts("WITHIN_DISTANCE_LIMIT", "inden for", "within")
_BEYOND = _distance_texts("BEYOND_DISTANCE_LIMIT", "uden for", "beyond")


def _distance_reason(facts: GpChoiceFacts, parameters: Parameters) -> Reason:
    on = facts.on
    limit = distance_limit(facts.municipality_code, on, parameters)
    capital = parameters.use("capitalAreaMunicipalities", on)
    metric = parameters.use("distanceMetric", on)
    within = facts.distance_km <= float(limit.value)
    code, da, en = _WITHIN if within else _BEYOND
    return Reason(
        RULE_DISTANCE,
        code,
        da,
        en,
        SOURCE_DISTANCE,
        (
            ("distance", facts.distance_km),
            ("limit", limit.value),
            ("municipality", facts.municipality_name),
            ("practice", facts.practice_name),
        ),
        (limit, capital, metric),
    )


def _current_doctor(facts: GpChoiceFacts, group: tuple[Reason, ...]) -> Decision:
    fields = (("practice", facts.practice_name), ("on", facts.on.isoformat()))
    if not facts.has_later_choice:
        return Decision.refuse(
            Reason(
                RULE_CURRENT,
                "ALREADY_LISTED",
                "Borgeren er allerede tilmeldt {practice} den {on}; det er ikke et lægeskift. "
                "Udelad personen fra lægevalget.",
                "The citizen is already listed with {practice} on {on}; that is not a change of "
                "GP. Leave the person out of the GP choice.",
                SOURCE_OPEN,
                fields,
            )
        )
    return Decision.allow(
        Reason(
            RULE_CURRENT,
            "KEEPS_CURRENT_DOCTOR",
            "Borgeren er tilmeldt {practice} den {on} og beholder lægen; et senere valgt "
            "lægeskift bortfalder.",
            "The citizen is listed with {practice} on {on} and keeps that GP; a later chosen "
            "change lapses.",
            SOURCE_OPEN,
            fields,
        ),
        *group,
    )


def _beyond_limit(
    facts: GpChoiceFacts,
    distance_reason: Reason,
    group: tuple[Reason, ...],
    parameters: Parameters,
) -> Decision:
    """Beyond the limit: allowed, with the doctor's acceptance where the parameters say so."""
    on = facts.on
    open_needs = parameters.use("beyondLimitOpenRequiresAcceptance", on)
    acceptance = parameters.use("requiresDoctorAcceptance", on)
    beyond = Reason(
        RULE_DISTANCE,
        "BEYOND_LIMIT_WAIVES_HOME_VISITS",
        "Borgeren kan vælge en læge uden for grænsen, men giver afkald på sygebesøg.",
        "The citizen may choose a GP beyond the limit but gives up home visits.",
        "SPEC 3.2 [C:S14,S23,S49]",
        (),
        (open_needs, acceptance),
    )
    needs_acceptance = (
        bool(open_needs.value)
        if facts.practice_open
        else bool(acceptance.value.get("BEYOND_DISTANCE_LIMIT", True))
    )
    if not needs_acceptance:
        return Decision.allow(distance_reason, beyond, *group)
    return Decision.allow(
        distance_reason,
        beyond,
        *group,
        _acceptance_reason(facts, acceptance),
        conditions=(DOCTOR_ACCEPTANCE,),
    )


def _acceptance_reason(facts: GpChoiceFacts, acceptance: ParameterUse) -> Reason:
    return Reason(
        "gp_choice.doctor_acceptance",
        "AWAITS_DOCTOR_ACCEPTANCE",
        "Valget kræver, at lægen i {practice} accepterer borgeren (dispensation); forløbet "
        "afventer lægens svar, før valget registreres.",
        "The choice needs the doctor at {practice} to accept the citizen (dispensation); the "
        "case waits for the doctor's answer before the choice is registered.",
        "SPEC 3.2, 3.4 [CONFLICT: C:S21 vs C:S49b][C:S14]",
        (("practice", facts.practice_name),),
        (acceptance,),
    )


def _group_change_reason(facts: GpChoiceFacts) -> Reason:
    return Reason(
        RULE_GROUP,
        "GROUP_1_WITH_CHOICE",
        "Lægevalget kombineres med et skift til sikringsgruppe 1 fra {on}.",
        "The GP choice is combined with a change to insurance group 1 from {on}.",
        SOURCE_GROUP_CHANGE,
        (("on", facts.on.isoformat()),),
    )


def _open_reason(facts: GpChoiceFacts) -> Reason:
    return Reason(
        RULE_OPEN,
        "PRACTICE_OPEN",
        "{practice} er åben for tilgang den {on}.",
        "{practice} is open for new patients on {on}.",
        SOURCE_OPEN,
        (("practice", facts.practice_name), ("on", facts.on.isoformat())),
    )


def _closed_reason(facts: GpChoiceFacts) -> Reason:
    return Reason(
        RULE_CLOSED,
        "PRACTICE_CLOSED",
        "{practice} er lukket for tilgang den {on}, og ingen undtagelse gælder for borgeren "
        "(ægtefælle, angivet samlever, forælders læge for børn, tilbagevenden til gruppe 1 "
        "eller færre end to åbne læger inden for kilometergrænsen). Samme adresse alene er "
        "ikke en undtagelse fra release 1.1.",
        "{practice} is closed for new patients on {on}, and no exception applies to the "
        "citizen (spouse, declared samlever, a parent's doctor for children, return to group 1 "
        "or fewer than two open practices within the limit). Since release 1.1 the same "
        "address alone is not an exception.",
        SOURCE_CLOSED,
        (("practice", facts.practice_name), ("on", facts.on.isoformat())),
    )
