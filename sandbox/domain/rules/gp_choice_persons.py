"""Involverede personer: who may be chosen for in the main person's GP-choice case (SPEC 3.7, 7.3).

A parent choosing a GP for themself and their children makes one case with a main person
(hovedperson) and involved persons. Each involved person must be younger than
``age.independentChoice`` (15) on the effective date - from that birthday a young person
chooses alone - and the main person must be among their custody holders (forældremyndighed).

The involved person's ``name`` may be empty: the service leaves it out when the one who asks
may not see it (a protected person, or someone else's child in self-service), and the texts
then show the CPR number alone, so a refusal never reveals a name (SPEC 5.7).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sandbox.domain.decisions import Decision, Reason
from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.closed_doctor import age_on

RULE_INVOLVED = "gp_choice.involved_persons"
SOURCE_INVOLVED = "SPEC 3.7, 7.3; Sundhedsloven §§ 58-59 [C:S1,S2,S18b][SEED]"


@dataclass(frozen=True, slots=True)
class InvolvedFacts:
    """Involveret person - one person the main person chooses for, on the effective date."""

    on: date
    main_cpr: str
    main_name: str
    cpr: str
    name: str
    birth_date: date
    custody_holders: tuple[str, ...]


def decide_involved(facts: InvolvedFacts, parameters: Parameters) -> Decision:
    """Allowed for a child under the independent-choice age in the main person's custody."""
    age = parameters.use("age.independentChoice", facts.on)
    fields = (
        ("person", f"{facts.name} ({facts.cpr})" if facts.name else facts.cpr),
        ("main", f"{facts.main_name} ({facts.main_cpr})"),
        ("age", age.value),
        ("on", facts.on.isoformat()),
    )
    if age_on(facts.birth_date, facts.on) >= int(age.value):
        return Decision.refuse(
            Reason(
                RULE_INVOLVED,
                "INVOLVED_TOO_OLD",
                "{person} er den {on} fyldt {age} år og vælger selv læge; personen kan ikke "
                "indgå i lægevalget for {main}.",
                "{person} is {age} or older on {on} and chooses a GP alone; the person cannot "
                "be part of the GP choice of {main}.",
                SOURCE_INVOLVED,
                fields,
                (age,),
            )
        )
    if facts.main_cpr not in facts.custody_holders:
        return Decision.refuse(
            Reason(
                RULE_INVOLVED,
                "INVOLVED_NOT_IN_CUSTODY",
                "{main} har ikke forældremyndigheden over {person} og kan ikke vælge læge for "
                "barnet.",
                "{main} does not hold custody of {person} and cannot choose a GP for the child.",
                SOURCE_INVOLVED,
                fields,
                (age,),
            )
        )
    return Decision.allow(
        Reason(
            RULE_INVOLVED,
            "INVOLVED_CHILD_IN_CUSTODY",
            "{person} er under {age} år, og {main} har forældremyndigheden, så valget gælder "
            "også barnet.",
            "{person} is under {age} and in the custody of {main}, so the choice covers the "
            "child too.",
            SOURCE_INVOLVED,
            fields,
            (age,),
        )
    )
