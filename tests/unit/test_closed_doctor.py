"""Each closed-doctor exception, and each non-exception, under both readings of "relatives"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.closed_doctor import (
    EXCEPTION_CODES,
    PARENT_TO_MINOR_CHILD,
    PRE_1_1_CODES,
    SAME_ADDRESS,
    ClosedDoctorFacts,
    birthday,
    closed_doctor_exception,
)
from sandbox.parameters import default_parameters

RELEASE = date(2025, 4, 9)  # relativesDefinition: release_1_1 from here
BEFORE = date(2025, 4, 8)  # pre_1_1
P = "100001"
OTHER = "100002"
ADULT = date(1980, 5, 5)


@pytest.fixture(scope="module")
def parameters() -> Parameters:
    return default_parameters()


def facts(on: date = RELEASE, **changes: object) -> ClosedDoctorFacts:
    base = ClosedDoctorFacts(on=on, ydernummer=P, practice_name="Lukket (100001)", birth_date=ADULT)
    return replace(base, **changes)  # type: ignore[arg-type]


def code(f: ClosedDoctorFacts, parameters: Parameters) -> str | None:
    reason = closed_doctor_exception(f, parameters)
    if reason is not None:
        assert reason.text("da") != reason.text("en") and "{" not in reason.text("da")
        assert reason.rule_id.startswith("closed_doctor.") and reason.source
    return reason.code if reason is not None else None


def years_ago(on: date, years: int, days: int = 0) -> date:
    return birthday(on, -years) + timedelta(days=days)


def test_the_codes_are_the_keys_of_requires_doctor_acceptance(parameters: Parameters) -> None:
    keys = set(parameters.value("requiresDoctorAcceptance", RELEASE))
    # all keys but BEYOND_DISTANCE_LIMIT and DISPENSATION_GRANTED (gp_choice) and the
    # unmodelled nursing home
    others = {"BEYOND_DISTANCE_LIMIT", "DISPENSATION_GRANTED", "NURSING_HOME_ATTACHED_DOCTOR"}
    assert set(EXCEPTION_CODES) == keys - others
    assert not set(PRE_1_1_CODES) & keys


def test_no_relation_no_exception(parameters: Parameters) -> None:
    assert code(facts(open_within_limit=5), parameters) is None


# --- children and parents -----------------------------------------------------------------


def test_child_may_choose_a_parents_closed_doctor(parameters: Parameters) -> None:
    child = facts(birth_date=years_ago(RELEASE, 10), parent_doctors=(OTHER, P))
    assert code(child, parameters) == "CHILD_TO_PARENT"


def test_child_to_parent_until_the_day_before_the_max_age(parameters: Parameters) -> None:
    max_age = int(parameters.value("childChoosesParentsDoctorMaxAge", RELEASE))
    young = facts(birth_date=years_ago(RELEASE, max_age, days=1), parent_doctors=(P,))
    grown = facts(birth_date=years_ago(RELEASE, max_age), parent_doctors=(P,))
    assert code(young, parameters) == "CHILD_TO_PARENT"
    assert code(grown, parameters) is None


def test_a_parent_may_not_choose_a_childs_doctor_from_release_1_1(
    parameters: Parameters,
) -> None:
    parent = facts(child_doctors=((years_ago(RELEASE, 8), P),))
    assert code(parent, parameters) is None


def test_a_parent_could_choose_a_minor_childs_doctor_before_release_1_1(
    parameters: Parameters,
) -> None:
    parent = facts(BEFORE, child_doctors=((years_ago(BEFORE, 8), P),))
    assert code(parent, parameters) == PARENT_TO_MINOR_CHILD
    adult_child = facts(BEFORE, child_doctors=((years_ago(BEFORE, 30), P),))
    assert code(adult_child, parameters) is None


def test_turning_15_and_choosing_a_parents_doctor(parameters: Parameters) -> None:
    age = int(parameters.value("age.independentChoice", RELEASE))
    days = int(parameters.value("freeChoiceAfterAge15Days", RELEASE))
    on_birthday = facts(birth_date=years_ago(RELEASE, age), parent_doctors=(P,))
    last_day = facts(birth_date=years_ago(RELEASE, age, days=-days), parent_doctors=(P,))
    after = facts(birth_date=years_ago(RELEASE, age, days=-days - 1), parent_doctors=(P,))
    assert code(on_birthday, parameters) == "TURNING_15_PARENT"
    assert code(last_day, parameters) == "TURNING_15_PARENT"
    assert code(after, parameters) == "CHILD_TO_PARENT"  # still under 18
    only_15 = parameters.with_values({"childChoosesParentsDoctorMaxAge": {date(2007, 1, 1): age}})
    assert code(after, only_15) is None


# --- spouse, samlever, same address -------------------------------------------------------


def test_married_adult_may_choose_the_spouses_doctor(parameters: Parameters) -> None:
    assert code(facts(married=True, spouse_doctor=P), parameters) == "SPOUSE"
    assert code(facts(married=False, spouse_doctor=P), parameters) is None


def test_unmarried_adult_may_choose_a_declared_samlevers_doctor(parameters: Parameters) -> None:
    assert code(facts(samlever_doctor=P), parameters) == "DECLARED_COHABITANT"


def test_a_married_person_gets_no_samlever_exception(parameters: Parameters) -> None:
    assert code(facts(married=True, samlever_doctor=P), parameters) is None


@pytest.mark.parametrize(
    ("years", "days", "found"), [(18, 0, True), (18, 1, False), (16, 0, False)]
)
def test_only_an_adult_gets_the_samlever_exception(
    parameters: Parameters, years: int, days: int, found: bool
) -> None:
    """ "Voksne som ikke er gift kan angive en samlevende" (release notes 1.1): a minor cannot
    use a samlever's closed doctor, even one declared before the check existed."""
    born = years_ago(RELEASE, years, days)
    reason = code(facts(birth_date=born, samlever_doctor=P), parameters)
    assert (reason == "DECLARED_COHABITANT") is found


def test_a_declared_samlever_did_not_count_before_release_1_1(parameters: Parameters) -> None:
    assert code(facts(BEFORE, samlever_doctor=P), parameters) is None


def test_same_address_alone_is_no_exception_from_release_1_1(parameters: Parameters) -> None:
    assert code(facts(housemate_doctors=(P,)), parameters) is None


def test_same_address_was_an_exception_before_release_1_1(parameters: Parameters) -> None:
    assert code(facts(BEFORE, housemate_doctors=(P,)), parameters) == SAME_ADDRESS


# --- returns, moves, few open practices ---------------------------------------------------


def test_return_from_group_2_to_the_last_group_1_doctor(parameters: Parameters) -> None:
    back = facts(from_group_2_or_dormant=True, last_group1_doctor=P)
    assert code(back, parameters) == "RETURN_TO_LAST_GROUP1_DOCTOR"
    other = facts(from_group_2_or_dormant=True, last_group1_doctor=OTHER)
    assert code(other, parameters) is None
    not_returning = facts(last_group1_doctor=P)
    assert code(not_returning, parameters) is None


def test_return_from_service_or_prison(parameters: Parameters) -> None:
    back = facts(from_group_2_or_dormant=True, from_dormant=True, last_group1_doctor=OTHER)
    assert code(back, parameters) == "RETURN_FROM_SERVICE_OR_PRISON"


def test_keep_doctor_on_a_move_within_the_municipality(parameters: Parameters) -> None:
    kept = facts(moved_within_municipality=True, doctor_before_move=P)
    assert code(kept, parameters) == "KEEP_DOCTOR_ON_MOVE_WITHIN_MUNICIPALITY"
    other_municipality = facts(moved_within_municipality=False, doctor_before_move=P)
    assert code(other_municipality, parameters) is None


def test_fewer_than_the_minimum_open_practices_within_the_limit(parameters: Parameters) -> None:
    minimum = int(parameters.value("minOpenPracticesWithinLimit", RELEASE))
    assert code(facts(open_within_limit=minimum - 1), parameters) == (
        "FEWER_THAN_TWO_OPEN_WITHIN_LIMIT"
    )
    assert code(facts(open_within_limit=0), parameters) == "FEWER_THAN_TWO_OPEN_WITHIN_LIMIT"
    assert code(facts(open_within_limit=minimum), parameters) is None
    assert code(facts(open_within_limit=None), parameters) is None


def test_an_exception_without_acceptance_wins_over_few_open_practices(
    parameters: Parameters,
) -> None:
    both = facts(married=True, spouse_doctor=P, open_within_limit=0)
    assert code(both, parameters) == "SPOUSE"
