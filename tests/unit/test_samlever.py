"""The samlever rule (D7 proposal): every cause gets the same generic refusal, byte for byte."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.samlever import (
    GENERIC_DA,
    GENERIC_EN,
    SAMLEVER_NOT_POSSIBLE,
    SamleverFacts,
    check_samlever,
)
from sandbox.parameters import default_parameters

ON = date(2025, 4, 9)
KENT = "1505963001"
OLIVIA = "1209840000"
MOTHER = "0101601111"


@pytest.fixture(scope="module")
def parameters() -> Parameters:
    return default_parameters()


def olivia(**changes: object) -> SamleverFacts:
    base = SamleverFacts(
        on=ON,
        declarant_cpr=KENT,
        declarant_parents=(MOTHER,),
        samlever_cpr=OLIVIA,
        samlever_known=True,
        at_moving_in_address=True,
        samlever_status="01",
        samlever_birth_date=date(1984, 9, 12),
        samlever_civil_status="U",
        declarant_birth_date=date(1996, 5, 15),
        declarant_civil_status="U",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


CAUSES: dict[str, dict[str, object]] = {
    "NOT_AT_MOVING_IN_ADDRESS": {"at_moving_in_address": False},
    "NAME_AND_ADDRESS_PROTECTION": {"samlever_protected": True},
    "NOT_ACTIVE": {"samlever_status": "80"},
    "UNDER_MIN_AGE": {"samlever_birth_date": date(2008, 1, 1)},
    "MARRIED": {"samlever_civil_status": "G"},
    "CLOSE_RELATIVE": {"samlever_parents": (MOTHER,)},
    "SELF": {"samlever_cpr": KENT},
    "UNKNOWN_PERSON": {"samlever_known": False},
    # "Voksne som ikke er gift kan angive en samlevende" (release notes 1.1)
    "DECLARANT_NOT_UNMARRIED_ADULT": {"declarant_civil_status": "G"},
}


@pytest.mark.parametrize(
    ("born", "allowed"),
    [(date(2007, 4, 9), True), (date(2007, 4, 10), False), (date(2009, 1, 1), False)],
)
def test_the_declarant_must_be_an_adult(parameters: Parameters, born: date, allowed: bool) -> None:
    check = check_samlever(olivia(declarant_birth_date=born), parameters)
    assert check.decision.allowed is allowed
    if not allowed:
        assert check.internal_cause == "DECLARANT_NOT_UNMARRIED_ADULT"
        assert check.decision.text("da") == GENERIC_DA


def test_a_valid_samlever_is_accepted(parameters: Parameters) -> None:
    check = check_samlever(olivia(), parameters)
    assert check.decision.allowed and check.internal_cause is None
    assert check.decision.codes == ("SAMLEVER_DECLARED",)
    assert all("120984-0000" in check.decision.text(lang) for lang in ("da", "en"))


@pytest.mark.parametrize("cause", sorted(CAUSES))
def test_each_cause_is_refused_with_its_internal_cause(parameters: Parameters, cause: str) -> None:
    check = check_samlever(olivia(**CAUSES[cause]), parameters)
    assert not check.decision.allowed
    assert check.internal_cause == cause
    assert check.decision.refusal_code == SAMLEVER_NOT_POSSIBLE


def test_every_refusal_is_byte_identical(parameters: Parameters) -> None:
    decisions = [check_samlever(olivia(**c), parameters).decision for c in CAUSES.values()]
    dumps = {repr(d.to_dict()) for d in decisions}
    assert len(dumps) == 1
    assert {d.text("da") for d in decisions} == {GENERIC_DA}
    assert {d.text("en") for d in decisions} == {GENERIC_EN}
    reason = decisions[0].reasons[0]
    assert reason.fields == ()  # nothing about the person in the texts or the fields


def test_a_sibling_shares_a_parent_and_a_parent_is_a_close_relative(
    parameters: Parameters,
) -> None:
    sibling = olivia(samlever_parents=("0202602222", MOTHER))
    parent = olivia(samlever_cpr=MOTHER)
    child = olivia(samlever_parents=(KENT,))
    for facts in (sibling, parent, child):
        assert check_samlever(facts, parameters).internal_cause == "CLOSE_RELATIVE"


def test_minimum_age_on_the_birthday(parameters: Parameters) -> None:
    min_age = int(parameters.value("samleverEligibility", ON)["minAge"])
    on_birthday = olivia(samlever_birth_date=date(ON.year - min_age, ON.month, ON.day))
    day_before = olivia(samlever_birth_date=date(ON.year - min_age, ON.month, ON.day + 1))
    assert check_samlever(on_birthday, parameters).decision.allowed
    assert check_samlever(day_before, parameters).internal_cause == "UNDER_MIN_AGE"


def test_a_check_can_be_switched_off(parameters: Parameters) -> None:
    rules = dict(parameters.value("samleverEligibility", ON))
    rules["notMarried"] = False
    lenient = parameters.with_values({"samleverEligibility": {date(2023, 11, 28): rules}})
    assert check_samlever(olivia(samlever_civil_status="G"), lenient).decision.allowed
