"""The GP-choice rule at its boundaries: distance, open/closed, group 1, current doctor, dates,
involved persons - every decision explained in Danish and English with its parameters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from sandbox.domain.decisions import Decision, Reason
from sandbox.domain.model import Role
from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.gp_choice import (
    DOCTOR_ACCEPTANCE,
    GpChoiceFacts,
    decide_effective_date,
    decide_gp_choice,
    distance_limit,
)
from sandbox.domain.rules.gp_choice_persons import InvolvedFacts, decide_involved
from sandbox.parameters import default_parameters

ON = date(2025, 4, 9)


@pytest.fixture(scope="module")
def parameters() -> Parameters:
    return default_parameters()


def facts(**changes: object) -> GpChoiceFacts:
    base = GpChoiceFacts(
        on=ON,
        municipality_code="0787",
        municipality_name="Thisted",
        practice_name="Lægehuset (100001)",
        practice_open=True,
        distance_km=3.0,
        in_group_1=True,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def assert_explained(decision: Decision) -> None:
    """Every reason: rule id, source, Danish and English text that differ, dated parameters."""
    assert decision.reasons
    for reason in decision.reasons:
        assert reason.rule_id and reason.source and reason.code
        da, en = reason.text("da"), reason.text("en")
        assert da.strip() and en.strip() and da != en
        assert "{" not in da and "{" not in en
        for use in reason.parameters:
            assert use.to_dict()["effective_from"]


def limit_of(code: str, parameters: Parameters) -> float:
    return float(distance_limit(code, ON, parameters).value)


# --- distance --------------------------------------------------------------------------------


def test_exactly_at_the_limit_is_within(parameters: Parameters) -> None:
    limit = limit_of("0787", parameters)
    decision = decide_gp_choice(facts(distance_km=limit), parameters)
    assert decision.allowed and "WITHIN_DISTANCE_LIMIT" in decision.codes
    assert decision.conditions == ()
    assert_explained(decision)


def test_just_beyond_the_limit_is_allowed_without_home_visits(parameters: Parameters) -> None:
    limit = limit_of("0787", parameters)
    decision = decide_gp_choice(facts(distance_km=limit + 0.01), parameters)
    assert decision.allowed
    assert decision.codes[:2] == ("BEYOND_DISTANCE_LIMIT", "BEYOND_LIMIT_WAIVES_HOME_VISITS")
    assert decision.conditions == ()  # beyondLimitOpenRequiresAcceptance = false
    assert "15,01 km" in decision.text("da"), "Danish text uses a decimal comma"
    assert "15.01 km" in decision.text("en")
    assert_explained(decision)


def test_closed_practice_beyond_the_limit_needs_the_doctors_acceptance(
    parameters: Parameters,
) -> None:
    limit = limit_of("0787", parameters)
    decision = decide_gp_choice(facts(distance_km=limit + 0.01, practice_open=False), parameters)
    assert decision.allowed and decision.conditions == (DOCTOR_ACCEPTANCE,)
    assert "AWAITS_DOCTOR_ACCEPTANCE" in decision.codes


def test_open_beyond_the_limit_needs_acceptance_when_the_parameter_says_so(
    parameters: Parameters,
) -> None:
    strict = parameters.with_values({"beyondLimitOpenRequiresAcceptance": {date(2007, 1, 1): True}})
    decision = decide_gp_choice(facts(distance_km=20.0), strict)
    assert decision.conditions == (DOCTOR_ACCEPTANCE,)


@pytest.mark.parametrize(("code", "within"), [("0101", False), ("0147", False), ("0787", True)])
def test_six_km_is_beyond_in_the_capital_area_and_within_elsewhere(
    parameters: Parameters, code: str, within: bool
) -> None:
    decision = decide_gp_choice(facts(municipality_code=code, distance_km=6.0), parameters)
    assert ("WITHIN_DISTANCE_LIMIT" in decision.codes) is within
    distance = next(r for r in decision.reasons if r.rule_id == "gp_choice.distance_limit")
    names = {use.name for use in distance.parameters}
    expected = "distanceLimitKmDefault" if within else "distanceLimitKmCapitalArea"
    assert expected in names and "capitalAreaMunicipalities" in names


# --- group, current doctor, open/closed ---------------------------------------------------


def test_only_group_1_chooses(parameters: Parameters) -> None:
    decision = decide_gp_choice(facts(in_group_1=False), parameters)
    assert not decision.allowed and decision.refusal_code == "NOT_IN_GROUP_1"
    assert_explained(decision)


def test_a_choice_combined_with_a_change_to_group_1_counts_as_group_1(
    parameters: Parameters,
) -> None:
    decision = decide_gp_choice(facts(in_group_1=False, change_to_group_1=True), parameters)
    assert decision.allowed and "GROUP_1_WITH_CHOICE" in decision.codes


def test_choosing_the_current_doctor_again_is_refused(parameters: Parameters) -> None:
    decision = decide_gp_choice(facts(already_listed=True), parameters)
    assert not decision.allowed and decision.refusal_code == "ALREADY_LISTED"
    assert_explained(decision)


def test_the_current_doctor_replaces_a_later_choice_even_when_closed(
    parameters: Parameters,
) -> None:
    decision = decide_gp_choice(
        facts(already_listed=True, has_later_choice=True, practice_open=False), parameters
    )
    assert decision.allowed and decision.codes == ("KEEPS_CURRENT_DOCTOR",)


def test_closed_practice_without_exception_is_refused(parameters: Parameters) -> None:
    decision = decide_gp_choice(facts(practice_open=False), parameters)
    assert not decision.allowed and decision.refusal_code == "PRACTICE_CLOSED"
    assert_explained(decision)


@pytest.mark.parametrize(
    ("code", "needs"), [("SPOUSE", False), ("FEWER_THAN_TWO_OPEN_WITHIN_LIMIT", False)]
)
def test_closed_practice_with_an_exception(parameters: Parameters, code: str, needs: bool) -> None:
    exception = Reason("closed_doctor.x", code, "da", "en", "SPEC 3.4")
    decision = decide_gp_choice(facts(practice_open=False, exception_reason=exception), parameters)
    assert decision.allowed and decision.codes[0] == code
    assert (decision.conditions == (DOCTOR_ACCEPTANCE,)) is needs


# --- effective date -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "days", "allowed"),
    [
        (Role.CITIZEN, -1, False),
        (Role.CASE_WORKER, -1, False),
        (Role.SYSTEM, -1, True),
        (Role.CITIZEN, 0, True),
        (Role.CITIZEN, 30, True),
    ],
)
def test_effective_date(parameters: Parameters, role: Role, days: int, allowed: bool) -> None:
    on = date.fromordinal(ON.toordinal() + days)
    decision = decide_effective_date(on, ON, role, parameters)
    assert decision.allowed is allowed
    assert_explained(decision)
    if not allowed:
        assert decision.refusal_code == "EFFECTIVE_DATE_IN_PAST"


# --- involved persons ---------------------------------------------------------------------


def involved(birth: date, custody: tuple[str, ...] = ("0101801111",)) -> InvolvedFacts:
    return InvolvedFacts(ON, "0101801111", "Mor", "0101151234", "Barn", birth, custody)


def test_involved_child_under_the_independent_age(parameters: Parameters) -> None:
    age = int(parameters.value("age.independentChoice", ON))
    day_before_birthday = date(ON.year - age, ON.month, ON.day + 1)
    decision = decide_involved(involved(day_before_birthday), parameters)
    assert decision.allowed and decision.codes == ("INVOLVED_CHILD_IN_CUSTODY",)
    assert_explained(decision)


def test_involved_person_on_the_independent_birthday_is_too_old(parameters: Parameters) -> None:
    age = int(parameters.value("age.independentChoice", ON))
    decision = decide_involved(involved(date(ON.year - age, ON.month, ON.day)), parameters)
    assert decision.refusal_code == "INVOLVED_TOO_OLD"
    assert_explained(decision)


def test_involved_person_not_in_the_main_persons_custody(parameters: Parameters) -> None:
    decision = decide_involved(involved(date(2015, 1, 1), custody=("0202802222",)), parameters)
    assert decision.refusal_code == "INVOLVED_NOT_IN_CUSTODY"
    assert_explained(decision)


def test_a_closed_down_practice_cannot_be_chosen_even_beyond_the_limit_or_by_exception(
    parameters: Parameters,
) -> None:
    closed_down_on = date(2025, 6, 1)
    limit = limit_of("0787", parameters)
    for extra in ({"distance_km": limit + 5}, {"distance_km": 1.0}):
        day_before = decide_gp_choice(
            facts(on=closed_down_on - timedelta(days=1), closed_down_on=closed_down_on, **extra),
            parameters,
        )
        assert day_before.refusal_code != "PRACTICE_CLOSED_DOWN"
        decision = decide_gp_choice(
            facts(on=closed_down_on, closed_down_on=closed_down_on, **extra), parameters
        )
        assert decision.refusal_code == "PRACTICE_CLOSED_DOWN"
        assert "nedlagt fra den 1. juni 2025" in decision.text("da")
        assert_explained(decision)


# --- binding period (SPEC 3.6) ---------------------------------------------------------------


def test_no_binding_period_by_default(parameters: Parameters) -> None:
    """SPEC 3.6: no minimum binding period is in force; a change the day after is allowed."""
    decision = decide_gp_choice(facts(last_change_on=ON - timedelta(days=1)), parameters)
    assert decision.allowed


@pytest.mark.parametrize(
    ("last", "allowed"), [(date(2024, 10, 9), True), (date(2024, 10, 10), False)]
)
def test_a_binding_period_when_the_parameter_sets_one(last: date, allowed: bool) -> None:
    """The obsolete 6-month rule [C-old:S63], selectable through minMonthsBetweenGpChanges."""
    six = default_parameters().with_values({"minMonthsBetweenGpChanges": {date(2007, 1, 1): 6}})
    decision = decide_gp_choice(facts(last_change_on=last), six)
    assert decision.allowed is allowed
    if not allowed:
        assert decision.refusal_code == "BINDING_PERIOD"
        assert_explained(decision)


def test_the_old_reading_of_fewer_than_two_open_stays_selectable(parameters: Parameters) -> None:
    """SPEC 3.4: the municipal wording [C:S49b] (the closed doctor must accept) is a parameter."""
    acceptance = dict(parameters.value("requiresDoctorAcceptance", ON))
    acceptance["FEWER_THAN_TWO_OPEN_WITHIN_LIMIT"] = True
    old = parameters.with_values({"requiresDoctorAcceptance": {date(2019, 1, 1): acceptance}})
    exception = Reason("closed_doctor.x", "FEWER_THAN_TWO_OPEN_WITHIN_LIMIT", "da", "en", "SPEC")
    closed = facts(practice_open=False, exception_reason=exception)
    assert decide_gp_choice(closed, parameters).conditions == ()
    assert decide_gp_choice(closed, old).conditions == (DOCTOR_ACCEPTANCE,)
