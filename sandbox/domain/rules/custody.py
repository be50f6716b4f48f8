"""Forældremyndighed: does a child follow a new custody holder's doctor? (SPEC 3.7, 5.6)

SPEC 5.6: "Custody change - Child follows custody holder's doctor" [C:S18b]; SPEC 3.7: a child
under 15 normally has the custody holder's doctor, and "with joint custody and separate homes:
the doctor of the parent the child lives with"; "a change to the living-with parent's doctor
does not require the other parent's consent". So when CPR reports new custody holders, a child
younger than ``age.independentChoice`` who lives with exactly one NEW custody holder (at the
same address) follows that holder's doctor from the event date, unless it already has it. A
child of 15 or more chooses alone, and nothing follows when the new holder has no doctor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sandbox.domain.decisions import Reason
from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.closed_doctor import age_on

RULE_FOLLOWS = "custody.child_follows_custody_holder"
SOURCE_FOLLOWS = "SPEC 3.7, 5.6 [C:S18b (23SFP93), S51]"


@dataclass(frozen=True, slots=True)
class CustodyFacts:
    """Forældremyndighed - the child, and the new custody holders it lives with."""

    on: date
    child_birth_date: date
    child_doctor: str | None
    holder_name: str  # the one new custody holder the child lives with, or ""
    holder_doctor: str | None


def child_follows(facts: CustodyFacts, parameters: Parameters) -> Reason | None:
    """The reason the child follows the new custody holder's doctor, or None."""
    age = parameters.use("age.independentChoice", facts.on)
    if age_on(facts.child_birth_date, facts.on) >= int(age.value):
        return None
    if not facts.holder_name or facts.holder_doctor in (None, facts.child_doctor):
        return None
    return Reason(
        RULE_FOLLOWS,
        "CHILD_FOLLOWS_CUSTODY_HOLDER",
        "Barnet er under {age} år og bor hos {holder}, der har fået forældremyndigheden; barnet "
        "følger derfor {holder}s læge fra {on}.",
        "The child is under {age} and lives with {holder}, who now has custody; the child "
        "therefore follows {holder}'s GP from {on}.",
        SOURCE_FOLLOWS,
        (("age", age.value), ("holder", facts.holder_name), ("on", facts.on)),
        (age,),
    )
