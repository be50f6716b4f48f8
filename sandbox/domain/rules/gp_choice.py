"""Lægevalg: may a group-1 citizen choose this practice on this date? (SPEC 3.1-3.3, 9)

The rule works on `GpChoiceFacts` that the service layer gathers from its stores (distance,
whether the practice is open, the limit of the citizen's municipality ...), so it stays pure and
testable: facts in, `Decision` out. The closed-practice exceptions (SPEC 3.4) are decided in
`sandbox.domain.rules.closed_doctor` and reach this rule as ``exception_reason``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.parameters import Parameters

RULE_DISTANCE = "gp_choice.distance_limit"
RULE_OPEN = "gp_choice.open_practice"
RULE_CLOSED = "gp_choice.closed_practice"
RULE_GROUP = "gp_choice.group_1_only"

SOURCE_DISTANCE = "SPEC 3.2; Sundhedsloven § 59 [C:S14,S47,S49]"
SOURCE_OPEN = "SPEC 3.1, 3.3; BEK 966/2014 [C:S14,S25]"
SOURCE_CLOSED = "SPEC 3.4; release notes 1.1 item 3 [SEED][C:S24b,S49b]"
SOURCE_GROUP = "SPEC 3.1; Sundhedsloven §§ 58-59 [C:S1,S2]"


@dataclass(frozen=True, slots=True)
class GpChoiceFacts:
    """What the rule needs to know about one citizen, one practice and one date."""

    on: date
    municipality_code: str
    municipality_name: str
    practice_name: str
    practice_open: bool
    distance_km: float
    in_group_1: bool
    exception_reason: Reason | None = None


def distance_limit(municipality_code: str, on: date, parameters: Parameters) -> ParameterUse:
    """The limit that applies to a citizen living in the municipality: 5 km or 15 km."""
    capital = parameters.use("capitalAreaMunicipalities", on)
    name = (
        "distanceLimitKmCapitalArea"
        if municipality_code in capital.value
        else "distanceLimitKmDefault"
    )
    return parameters.use(name, on)


def decide_gp_choice(facts: GpChoiceFacts, parameters: Parameters) -> Decision:
    """Allowed when the practice is open and within the limit; otherwise explained refusal."""
    on = facts.on
    if not facts.in_group_1:
        return Decision.refuse(
            Reason(
                RULE_GROUP,
                "NOT_IN_GROUP_1",
                "Kun borgere i sikringsgruppe 1 vælger læge.",
                "Only citizens in insurance group 1 choose a GP.",
                SOURCE_GROUP,
            )
        )
    limit = distance_limit(facts.municipality_code, on, parameters)
    capital = parameters.use("capitalAreaMunicipalities", on)
    metric = parameters.use("distanceMetric", on)
    fields = (
        ("distance", f"{facts.distance_km:.1f}"),
        ("limit", f"{limit.value:g}"),
        ("municipality", facts.municipality_name),
        ("practice", facts.practice_name),
    )
    within = facts.distance_km <= float(limit.value)
    distance_reason = Reason(
        RULE_DISTANCE,
        "WITHIN_DISTANCE_LIMIT" if within else "BEYOND_DISTANCE_LIMIT",
        (
            "{practice} ligger {distance} km fra borgerens adresse, inden for grænsen på "
            "{limit} km for {municipality}."
            if within
            else "{practice} ligger {distance} km fra borgerens adresse, uden for grænsen på "
            "{limit} km for {municipality}."
        ),
        (
            "{practice} is {distance} km from the citizen's address, within the {limit} km "
            "limit for {municipality}."
            if within
            else "{practice} is {distance} km from the citizen's address, beyond the {limit} km "
            "limit for {municipality}."
        ),
        SOURCE_DISTANCE,
        fields,
        (limit, capital, metric),
    )
    if not within:
        return _beyond_limit(facts, distance_reason, parameters)
    if facts.practice_open:
        return Decision.allow(_open_reason(facts), distance_reason)
    if facts.exception_reason is not None:
        return _with_acceptance(facts.exception_reason, distance_reason, parameters, on)
    return Decision.refuse(_closed_reason(facts), distance_reason)


def _beyond_limit(
    facts: GpChoiceFacts, distance_reason: Reason, parameters: Parameters
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
    conditions = ("DOCTOR_ACCEPTANCE",) if needs_acceptance else ()
    return Decision.allow(distance_reason, beyond, conditions=conditions)


def _with_acceptance(
    exception: Reason, distance_reason: Reason, parameters: Parameters, on: date
) -> Decision:
    acceptance = parameters.use("requiresDoctorAcceptance", on)
    needs = bool(acceptance.value.get(exception.code, False))
    conditions = ("DOCTOR_ACCEPTANCE",) if needs else ()
    return Decision.allow(exception, distance_reason, conditions=conditions)


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
        "{practice} er lukket for tilgang den {on}, og ingen undtagelse gælder for borgeren.",
        "{practice} is closed for new patients on {on}, and no exception applies to the citizen.",
        SOURCE_CLOSED,
        (("practice", facts.practice_name), ("on", facts.on.isoformat())),
    )
