"""Hvem må skifte gruppe: who may ask for a group change for whom (SPEC 2.2, 2.3).

Rule ``groups.who_may_change``: the citizen from ``age.independentChoice`` (15) changes their
own group; a custody holder changes the group of a younger child; a case worker may always act
(the valid-from windows in `sandbox.domain.rules.groups` still apply to each role).
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.decisions import Decision, Reason
from sandbox.domain.model import Role
from sandbox.domain.parameters import Parameters

RULE_WHO = "groups.who_may_change"
SOURCE_WHO = "SPEC 2.2, 2.3 [C:S2][C-old:S6][SEED]"


def decide_who_may_change(
    role: Role,
    acting_for_self: bool,
    is_custody_holder: bool,
    age: int,
    on: date,
    parameters: Parameters,
) -> Decision:
    """A citizen changes their own group from 15; a custody holder for a younger child."""
    independent = parameters.use("age.independentChoice", on)
    fields = (("age", age), ("independent", independent.value))
    if role is not Role.CITIZEN:
        return Decision.allow(
            Reason(
                RULE_WHO,
                "CASE_WORKER_ACTS",
                "Sagsbehandleren foretager gruppeskiftet.",
                "The case worker makes the group change.",
                SOURCE_WHO,
            )
        )
    if acting_for_self and age >= int(independent.value):
        code, allowed = "CITIZEN_ACTS_FOR_SELF", True
        da = "Borgeren er {age} år og vælger selv gruppe."
        en = "The citizen is {age} years old and chooses their own group."
    elif not acting_for_self and is_custody_holder and age < int(independent.value):
        code, allowed = "CUSTODY_HOLDER_ACTS", True
        da = "Forældremyndighedsindehaveren vælger gruppe for barnet på {age} år."
        en = "The custody holder chooses the group for the child aged {age}."
    else:
        code, allowed = "NOT_PERMITTED", False
        da = (
            "Gruppeskiftet kan kun foretages af borgeren selv fra {independent} år, af "
            "forældremyndighedsindehaveren for yngre børn, eller af en sagsbehandler."
        )
        en = (
            "The group change can only be made by the citizen from age {independent}, by the "
            "custody holder for younger children, or by a case worker."
        )
    reason = Reason(RULE_WHO, code, da, en, SOURCE_WHO, fields, (independent,))
    return Decision.allow(reason) if allowed else Decision.refuse(reason)
