"""The administrative assignment after "Manglende lægevalg": deadline edge, nearest practice,
ties, and the refusal when no open practice lies within the limit."""

from __future__ import annotations

from datetime import date, timedelta

from sandbox.domain.model import GpListing
from sandbox.domain.rules.missing_choice import (
    AssignmentFacts,
    NearbyPractice,
    assignment_due,
    decide_administrative_assignment,
    is_resolved_by,
    nearest,
)
from sandbox.parameters import default_parameters

ON = date(2025, 4, 24)
CHOOSE_BY = date(2025, 4, 23)


def facts(*practices: NearbyPractice) -> AssignmentFacts:
    limit = default_parameters().use("distanceLimitKmDefault", ON)
    return AssignmentFacts(ON, CHOOSE_BY, "Thisted", limit, practices)


def test_the_assignment_is_due_the_day_after_the_last_day_to_choose() -> None:
    assert not assignment_due(CHOOSE_BY, CHOOSE_BY)
    assert assignment_due(CHOOSE_BY, CHOOSE_BY + timedelta(days=1))


def test_only_a_listing_that_began_with_the_case_resolves_it() -> None:
    start = date(2025, 4, 9)
    assert not is_resolved_by(None, start)
    assert not is_resolved_by(GpListing("100001", start - timedelta(days=1)), start)  # kept
    assert is_resolved_by(GpListing("100001", start), start)


def test_the_nearest_wins_and_ties_go_to_the_lowest_ydernummer() -> None:
    far = NearbyPractice("100001", "Fjern", 9.0)
    near_b = NearbyPractice("100003", "B", 2.5)
    near_a = NearbyPractice("100002", "A", 2.5)
    assert nearest([far, near_b, near_a]) == near_a
    decision = decide_administrative_assignment(facts(far, near_b, near_a))
    assert decision.allowed and decision.codes == ("ADMINISTRATIVE_ASSIGNMENT",)
    reason = decision.reasons[0]
    assert reason.rule_id == "missing_choice.administrative_assignment" and reason.source
    assert "A (100002)" in decision.text("da") and "2.5 km" in decision.text("en")
    assert "15 km (Thisted Kommune)" in decision.text("da")
    assert reason.parameters[0].name == "distanceLimitKmDefault"


def test_no_open_practice_within_the_limit_is_refused_for_a_manual_task() -> None:
    decision = decide_administrative_assignment(facts())
    assert not decision.allowed and decision.refusal_code == "NO_OPEN_PRACTICE_WITHIN_LIMIT"
    assert "manuel opgave" in decision.text("da") and "manual task" in decision.text("en")
