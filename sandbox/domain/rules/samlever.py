"""Samlever: may this CPR number be declared as the citizen's samlever? (SPEC 3.4.1, D7)

Release 1.1 lets an unmarried adult declare a samlever (cohabitant) by CPR number and then
choose the samlever's closed doctor. The number is refused when the person is not registered at
the moving-in address (tilflytningsadressen), has name and address protection, or fails
requirement "D7". D7 was not found [NC]; parameter ``samleverEligibility`` is the proposed rule
set: an active CPR status, a minimum age, not married, not a close relative (parent, child or
sibling by CPR relations; siblings share a parent), not the declarant. Each check can be
switched off. The declarant must be an unmarried adult ("Voksne som ikke er gift kan angive en
samlevende", release notes 1.1): ``declarantMinAge`` and ``declarantNotMarried``.

Every refusal carries ONE generic reason, byte-identical in Danish and English whatever the
cause, with no fields, so nothing about the person leaks (DESIGN.md principle 9). The specific
cause is returned beside the decision in `SamleverCheck.internal_cause` for tests and
diagnostics only; the handler neither stores nor shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.closed_doctor import age_on, declarant_may_declare

RULE_SAMLEVER = "samlever.eligibility"
SOURCE_SAMLEVER = "SPEC 3.4.1; release notes 1.1 item 3 [SEED][NC: D7]"
SAMLEVER_NOT_POSSIBLE = "SAMLEVER_NOT_POSSIBLE"
GENERIC_DA = "Det er ikke muligt at angive dette CPR-nummer som samlever."
GENERIC_EN = "This CPR number cannot be given as samlever."


@dataclass(frozen=True, slots=True)
class SamleverFacts:
    """Angivelse af samlever - the declarant, the person named, and the moving-in address."""

    on: date
    declarant_cpr: str
    declarant_parents: tuple[str, ...]
    samlever_cpr: str
    samlever_known: bool
    at_moving_in_address: bool = False
    samlever_protected: bool = False
    samlever_status: str = ""
    samlever_birth_date: date | None = None
    samlever_civil_status: str = ""
    samlever_parents: tuple[str, ...] = ()
    declarant_birth_date: date | None = None
    declarant_civil_status: str = ""


@dataclass(frozen=True, slots=True)
class SamleverCheck:
    """The decision, and (internal only, never shown to a user) why it refused."""

    decision: Decision
    internal_cause: str | None = None


def generic_refusal(eligibility: ParameterUse) -> Decision:
    """The one refusal every cause gets: same code, same texts, same parameters."""
    return Decision.refuse(
        Reason(
            RULE_SAMLEVER,
            SAMLEVER_NOT_POSSIBLE,
            GENERIC_DA,
            GENERIC_EN,
            SOURCE_SAMLEVER,
            (),
            (eligibility,),
        )
    )


def check_samlever(facts: SamleverFacts, parameters: Parameters) -> SamleverCheck:
    """Allowed, or the generic refusal with the internal cause beside it."""
    eligibility = parameters.use("samleverEligibility", facts.on)
    cause = _cause(facts, eligibility.value)
    if cause is not None:
        return SamleverCheck(generic_refusal(eligibility), cause)
    return SamleverCheck(
        Decision.allow(
            Reason(
                RULE_SAMLEVER,
                "SAMLEVER_DECLARED",
                "CPR-nummeret {cpr} er angivet som samlever fra den {on}.",
                "The CPR number {cpr} is declared as samlever from {on}.",
                SOURCE_SAMLEVER,
                (
                    ("cpr", f"{facts.samlever_cpr[:6]}-{facts.samlever_cpr[6:]}"),
                    ("on", facts.on.isoformat()),
                ),
                (eligibility,),
            )
        )
    )


def _cause(facts: SamleverFacts, rules: dict[str, object]) -> str | None:
    """The first check that fails, or None. The order only matters to the internal cause."""
    if not declarant_may_declare(
        facts.declarant_birth_date, facts.declarant_civil_status, facts.on, rules
    ):
        return "DECLARANT_NOT_UNMARRIED_ADULT"
    if rules.get("notSelf", True) and facts.samlever_cpr == facts.declarant_cpr:
        return "SELF"
    if not facts.samlever_known:
        return "UNKNOWN_PERSON"
    if rules.get("mustLiveAtMovingInAddress", True) and not facts.at_moving_in_address:
        return "NOT_AT_MOVING_IN_ADDRESS"
    if rules.get("nameAddressProtectionExcludes", True) and facts.samlever_protected:
        return "NAME_AND_ADDRESS_PROTECTION"
    active = _strings(rules.get("activeStatuses", ()))
    if rules.get("activeStatusRequired", True) and facts.samlever_status not in active:
        return "NOT_ACTIVE"
    min_age = rules.get("minAge")
    born = facts.samlever_birth_date
    if isinstance(min_age, int) and (born is None or age_on(born, facts.on) < min_age):
        return "UNDER_MIN_AGE"
    married = _strings(rules.get("marriedCivilStatuses", ()))
    if rules.get("notMarried", True) and facts.samlever_civil_status in married:
        return "MARRIED"
    if rules.get("notCloseRelative", True) and _close_relatives(facts):
        return "CLOSE_RELATIVE"
    return None


def _close_relatives(facts: SamleverFacts) -> bool:
    """Parent, child or sibling (sharing at least one parent) by CPR relations."""
    if facts.samlever_cpr in facts.declarant_parents:
        return True
    if facts.declarant_cpr in facts.samlever_parents:
        return True
    return any(parent in facts.samlever_parents for parent in facts.declarant_parents)


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, tuple | list):
        return tuple(str(item) for item in value)
    return ()
