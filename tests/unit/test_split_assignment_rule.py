"""Opsplitning: which successor a patient without a choice is assigned (rules/split_assignment)."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.domain.decisions import ParameterUse
from sandbox.domain.rules.split_assignment import (
    SplitAssignmentFacts,
    Successor,
    decide_split_assignment,
)

DAY, END = date(2025, 8, 1), date(2025, 7, 31)
LIMIT = ParameterUse("distanceLimitKmDefault", 15, date(2007, 1, 1))
ON = ParameterUse("splitPatientsAssignedToSuccessor", True, date(2007, 1, 1))
OFF = ParameterUse("splitPatientsAssignedToSuccessor", False, date(2007, 1, 1))


def facts(*successors: Successor, assign: ParameterUse = ON) -> SplitAssignmentFacts:
    return SplitAssignmentFacts(DAY, END, "100001", LIMIT, assign, successors)


@pytest.mark.parametrize(
    ("east", "west", "chosen"),
    [
        (Successor("2", "Øst", 2.0, True), Successor("3", "Vest", 3.0, True), "2"),
        (Successor("2", "Øst", 3.0, True), Successor("3", "Vest", 2.0, True), "3"),
        (Successor("3", "Øst", 2.0, True), Successor("2", "Vest", 2.0, True), "2"),  # tie
        (Successor("2", "Øst", 1.0, False), Successor("3", "Vest", 9.0, True), "3"),  # closed
        (Successor("2", "Øst", 15.0, True), Successor("3", "Vest", 15.01, True), "2"),
        (Successor("2", "Øst", 15.01, True), Successor("3", "Vest", 15.0, True), "3"),
    ],
)
def test_the_nearest_open_successor_within_the_limit(
    east: Successor, west: Successor, chosen: str
) -> None:
    decision, successor = decide_split_assignment(facts(east, west))
    assert decision.allowed and successor is not None and successor.ydernummer == chosen
    assert decision.codes == ("ASSIGNED_TO_SUCCESSOR",)
    assert decision.reasons[0].parameters == (ON, LIMIT)


def test_no_open_successor_within_the_limit_refuses() -> None:
    decision, successor = decide_split_assignment(
        facts(Successor("2", "Øst", 15.01, True), Successor("3", "Vest", 1.0, False))
    )
    assert not decision.allowed and successor is None
    assert decision.codes == ("NO_SUCCESSOR_WITHIN_LIMIT",)


def test_the_parameter_off_assigns_nobody() -> None:
    decision, successor = decide_split_assignment(
        facts(Successor("2", "Øst", 1.0, True), assign=OFF)
    )
    assert not decision.allowed and successor is None
    assert decision.codes == ("SPLIT_ASSIGNMENT_OFF",)


def test_the_decision_reads_as_danish() -> None:
    decision, _ = decide_split_assignment(facts(Successor("2", "Torvet Øst", 2.04, True)))
    text = decision.text("da")
    assert "gratisperioden udløb den 31. juli 2025" in text
    assert "fra den 1. august 2025" in text
    assert "Torvet Øst (2), 2 km fra borgerens adresse" in text
    assert "15 km" in text
