"""CPR-hændelser: what Sygesikring decides when CPR reports a life event (SPEC 3.7, 5.6).

Pure decisions, facts in and an outcome with its `Decision` out (moves: `rules.moves`):

- `decide_newborn` - release 1.1 item 9, SPEC 3.7: a newborn gets the group and GP of the
  parent named by ``newbornDoctorFrom`` (the birth-giving parent, SPEC open point 19), valid from
  the date given by ``newbornGroupAndDoctorFrom``, resolved on the CPR registration date:
  "date_of_birth" from 2025-04-09, "cpr_registration_date" before. A **newly created doctor**
  (the manual-task trigger) is defined precisely as: the mother has a GP listing that starts
  *after* the date of birth, with a practice whose ``created_on`` is also *after* the date of
  birth - she chose, after the birth, a practice that did not exist when the child was born,
  so the child (who inherits her doctor on the valid-from date) may follow the wrong doctor.
- `decide_naming` - release 1.1 item 10: naming date minus birth date <= the parameter
  ``vulnerableBirthNamingMaxDays`` is a vulnerable situation (manual task, no automatic card).
- `decide_renumbering` - release 1.1 item 8: the old number goes to ``renumbering.oldNumberGroup``
  (8), the new one inherits group and GP.
- `decide_insurance_end` - SPEC 5.6, 5.8: emigration, a move to Greenland, death and
  disappearance (status 70: only 01/03 give Danish sygesikring, SPEC 5.4) end the insurance
  as of the event date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sandbox.domain.decisions import Decision, Reason
from sandbox.domain.errors import ParameterError
from sandbox.domain.model import Citizen
from sandbox.domain.parameters import Parameters

RULE_NEWBORN = "cpr.newborn"
RULE_NAMING = "cpr.naming"
RULE_RENUMBERING = "cpr.renumbering"
RULE_END = "cpr.insurance_end"

SOURCE_NEWBORN = "SPEC 3.7, 5.6, 7.7 item 9, open point 19 [SEED][NC][C:S69]"
SOURCE_NAMING = "SPEC 3.7, 5.6, 7.7 item 10 [SEED]"
SOURCE_RENUMBERING = "SPEC 2.1, 5.6, 7.7 item 8 [SEED][C:S31,S72]"
SOURCE_END = "SPEC 5.4, 5.6, 5.8; Sundhedsloven § 7 [C:S5,S31,S76]"

END_KINDS_DA = {
    "emigration": "udrejse",
    "move_to_greenland": "flytning til Grønland",
    "death": "dødsfald",
    "disappearance": "forsvinding",
}
END_KINDS_EN = {
    "emigration": "emigration",
    "move_to_greenland": "a move to Greenland",
    "death": "death",
    "disappearance": "disappearance",
}


@dataclass(frozen=True, slots=True)
class NewbornFacts:
    """Fakta om fødsel - the birth as CPR reported it, and the parents as Sygesikring knows them."""

    birth_date: date
    registered_on: date
    mother: Citizen | None
    father: Citizen | None
    practice_created_on: Mapping[str, date | None]


@dataclass(frozen=True, slots=True)
class NewbornOutcome:
    """Udfald for den nyfødte - valid-from date, group, doctor, and what needs a human."""

    valid_from: date
    parent_cpr: str | None
    group: int
    ydernummer: str | None
    missing_choice: bool
    new_doctor: str | None
    decision: Decision


def decide_newborn(facts: NewbornFacts, parameters: Parameters) -> NewbornOutcome:
    """Group and GP of the birth-giving parent, from the date the parameter names."""
    on = facts.registered_on
    start = parameters.use("newbornGroupAndDoctorFrom", on)
    whose = parameters.use("newbornDoctorFrom", on)
    if start.value == "date_of_birth":
        valid_from = facts.birth_date
    elif start.value == "cpr_registration_date":
        valid_from = facts.registered_on
    else:
        raise _unknown_value(start.name, start.value)
    if whose.value != "birth_giving_parent":
        raise _unknown_value(whose.name, whose.value)
    parent = facts.mother
    membership = parent.group_on(valid_from) if parent else None
    group = membership.group if membership and membership.group in (1, 2) else 1
    doctor = parent.doctor_on(valid_from) if parent and group == 1 else None
    fields = (
        ("valid_from", valid_from.isoformat()),
        ("birth_date", facts.birth_date.isoformat()),
        ("registered_on", facts.registered_on.isoformat()),
        ("parent", parent.cpr if parent else "-"),
        ("group", group),
        ("doctor", doctor or "-"),
    )
    reasons = [
        Reason(
            RULE_NEWBORN,
            "NEWBORN_INHERITS",
            "Barnet, der er født den {birth_date} (registreret i CPR den {registered_on}), får "
            "sikringsgruppe {group} og læge (ydernummer {doctor}) fra den fødende forælder "
            "({parent}) med virkning fra den {valid_from}.",
            "The child born {birth_date} (registered in CPR {registered_on}) gets group {group} "
            "and doctor {doctor} from the birth-giving parent ({parent}), valid from "
            "{valid_from}.",
            SOURCE_NEWBORN,
            fields,
            (start, whose),
        )
    ]
    missing = group == 1 and doctor is None
    if missing:
        reasons.append(
            Reason(
                RULE_NEWBORN,
                "NEWBORN_WITHOUT_DOCTOR",
                "Den fødende forælder har ingen læge den {valid_from}; der oprettes et forløb "
                "om manglende lægevalg.",
                "The birth-giving parent has no doctor on {valid_from}; a missing GP choice "
                "case is opened.",
                SOURCE_NEWBORN,
                fields,
            )
        )
    new_doctor = _new_doctor_after_birth(facts)
    if new_doctor is not None:
        reasons.append(
            Reason(
                RULE_NEWBORN,
                "MOTHER_CHOSE_NEW_DOCTOR",
                "Moderen har efter fødslen valgt en nyoprettet praksis (ydernummer "
                "{new_doctor}); sagsbehandleren skal vurdere barnets lægevalg.",
                "After the birth the mother chose the newly created doctor {new_doctor}; the "
                "case worker must review the child's GP.",
                SOURCE_NEWBORN,
                (("new_doctor", new_doctor),),
            )
        )
    decision = Decision.allow(*reasons)
    parent_cpr = parent.cpr if parent else None
    return NewbornOutcome(valid_from, parent_cpr, group, doctor, missing, new_doctor, decision)


def _new_doctor_after_birth(facts: NewbornFacts) -> str | None:
    """The mother's listing that starts after the birth with a practice created after it."""
    if facts.mother is None:
        return None
    for listing in facts.mother.listing_history():
        created = facts.practice_created_on.get(listing.ydernummer)
        if listing.valid_from > facts.birth_date and created and created > facts.birth_date:
            return listing.ydernummer
    return None


def decide_naming(birth_date: date, named_on: date, parameters: Parameters) -> Decision:
    """Allowed = a card may be ordered automatically; refused = vulnerable, a manual task."""
    limit = parameters.use("vulnerableBirthNamingMaxDays", named_on)
    days = (named_on - birth_date).days
    fields = (
        ("days", days),
        ("limit", limit.value),
        ("birth_date", birth_date.isoformat()),
        ("named_on", named_on.isoformat()),
    )
    if days <= int(limit.value):
        return Decision.refuse(
            Reason(
                RULE_NAMING,
                "VULNERABLE_BIRTH_NAMING",
                "Fødsel ({birth_date}) og navngivning ({named_on}) ligger {days:dag|dage} fra "
                "hinanden, højst {limit:dag|dage}: sårbar situation, intet sundhedskort sendes "
                "automatisk.",
                "Birth ({birth_date}) and naming ({named_on}) lie {days:day|days} apart, at most "
                "{limit:day|days}: a vulnerable situation, no health card is sent automatically.",
                SOURCE_NAMING,
                fields,
                (limit,),
            )
        )
    return Decision.allow(
        Reason(
            RULE_NAMING,
            "NAMING_ORDINARY",
            "Fødsel ({birth_date}) og navngivning ({named_on}) ligger {days:dag|dage} fra "
            "hinanden, mere end {limit:dag|dage}: sundhedskortet bestilles.",
            "Birth ({birth_date}) and naming ({named_on}) lie {days:day|days} apart, more than "
            "{limit:day|days}: the health card is ordered.",
            SOURCE_NAMING,
            fields,
            (limit,),
        )
    )


def decide_renumbering(
    old_cpr: str, new_cpr: str, on: date, annulment: bool, parameters: Parameters
) -> tuple[int, Decision]:
    """The old number's group (8) and the explanation of the inheritance."""
    old_group = parameters.use("renumbering.oldNumberGroup", on)
    exemptions = parameters.use("groupChangeMinPeriodExemptions", on)
    kind_da, kind_en = (
        ("annullering", "annulment") if annulment else ("omnummerering", "renumbering")
    )
    reason = Reason(
        RULE_RENUMBERING,
        "RENUMBERING_INHERITANCE",
        "Ved {kind_da} den {on} flyttes {old} til gruppe {group}; {new} arver gruppe og lægevalg.",
        "On {kind_en} on {on}, {old} moves to group {group}; {new} inherits group and GP.",
        SOURCE_RENUMBERING,
        (
            ("kind_da", kind_da),
            ("kind_en", kind_en),
            ("on", on.isoformat()),
            ("old", old_cpr),
            ("new", new_cpr),
            ("group", old_group.value),
        ),
        (old_group, exemptions),
    )
    return int(old_group.value), Decision.allow(reason)


def decide_insurance_end(kind: str, on: date) -> Decision:
    """Emigration, a move to Greenland, death and disappearance end the insurance from ``on``."""
    return Decision.allow(
        Reason(
            RULE_END,
            f"INSURANCE_ENDS_{kind.upper()}",
            "Sikringen ophører fra den {on} ved {kind_da}; intet sundhedskort bestilles.",
            "The insurance ends from {on} on {kind}; no health card is ordered.",
            SOURCE_END,
            (
                ("on", on.isoformat()),
                ("kind", END_KINDS_EN.get(kind, kind.replace("_", " "))),
                ("kind_da", END_KINDS_DA.get(kind, kind)),
            ),
        )
    )


def _unknown_value(name: str, value: object) -> ParameterError:
    return ParameterError(
        name=name,
        problem_da=f"værdien {value!r} kendes ikke af reglen",
        problem_en=f"the value {value!r} is not known to the rule",
    )


def decide_name_change(named_on: date) -> Decision:
    """Navneændring: a person who already has a card changes name; no card is sent by itself
    (SPEC 5.6 "New card (free only at marriage)"; SPEC 3.5.1: the citizen orders it)."""
    return Decision.allow(
        Reason(
            RULE_NAMING,
            "NAME_CHANGE_NO_AUTOMATIC_CARD",
            "Navneændring fra {named_on}: der bestilles ikke automatisk et nyt sundhedskort. "
            "Borgeren kan selv bestille et; det er gratis inden for 3 måneder efter en vielse.",
            "Change of name from {named_on}: no new health card is ordered automatically. The "
            "citizen may order one; it is free within 3 months of a wedding.",
            "SPEC 3.5.1, 5.6 [C:S48,S60]",
            (("named_on", named_on),),
        )
    )
