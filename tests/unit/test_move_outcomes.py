"""A move without a distance to weigh decides the same on any date: the move handler shares
its outcome (`sandbox.service.handlers.moves._move_at_home`), and this holds the rule to it.

`decide_move`'s first three branches - not in group 1, no doctor, a move within the
municipality - read neither the date nor a parameter; should one come to, these fail before
a shared outcome could stand for another date's.
"""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.moves import MoveFacts, MoveOutcome, decide_move
from sandbox.parameters import default_parameters
from sandbox.service.handlers.moves import _move_at_home

DATES = (date(2024, 1, 1), date(2025, 4, 9), date(2025, 12, 31), date(2031, 7, 1))
PARAMETERS = default_parameters()
# every parameter a move could ask, changed from the first date on
CHANGED = PARAMETERS.with_values(
    {
        "distanceLimitKmDefault": {date(2000, 1, 1): 1},
        "distanceLimitKmCapitalArea": {date(2000, 1, 1): 1},
        "moveBeyondLimitForcesNewChoice": {date(2000, 1, 1): True},
    }
)

AT_HOME = [
    # from, to, to's name, in group 1, doctor: the outcome's code
    ("0787", "0787", "Thisted", True, "123456"),  # KEEP_SAME_MUNICIPALITY
    ("0101", "0787", "Thisted", True, None),  # NO_DOCTOR
    ("0787", "0787", "Thisted", True, None),  # NO_DOCTOR, within the municipality
    ("0101", "0787", "Thisted", False, None),  # NOT_IN_GROUP_1
    ("0101", "0787", "Thisted", False, "123456"),  # NOT_IN_GROUP_1, a doctor kept on file
]


def _decide(
    case: tuple[str, str, str, bool, str | None],
    on: date,
    parameters: Parameters,
    distance: float | None = None,
) -> MoveOutcome:
    from_municipality, to_municipality, to_name, in_group_1, ydernummer = case
    facts = MoveFacts(
        on=on,
        from_municipality=from_municipality,
        to_municipality=to_municipality,
        to_municipality_name=to_name,
        in_group_1=in_group_1,
        ydernummer=ydernummer,
        distance_km=distance,
    )
    return decide_move(facts, parameters)


@pytest.mark.parametrize("case", AT_HOME)
def test_a_move_without_a_distance_decides_the_same_on_every_date(
    case: tuple[str, str, str, bool, str | None],
) -> None:
    shared = _move_at_home(*case, PARAMETERS)
    for on in DATES:
        for parameters in (PARAMETERS, CHANGED):
            for distance in (None, 0.5, 500.0):  # a distance the rule must not weigh here
                assert _decide(case, on, parameters, distance) == shared


def test_the_shared_outcomes_are_the_rules_codes() -> None:
    codes = [_move_at_home(*case, PARAMETERS).decision.codes for case in AT_HOME]
    assert codes == [
        ("KEEP_SAME_MUNICIPALITY",),
        ("NO_DOCTOR",),
        ("NO_DOCTOR",),
        ("NOT_IN_GROUP_1",),
        ("NOT_IN_GROUP_1",),
    ]
    assert _move_at_home(*AT_HOME[0], PARAMETERS) is _move_at_home(*AT_HOME[0], PARAMETERS)


def test_a_group_1_move_to_another_municipality_weighs_its_distance_and_date() -> None:
    case = ("0101", "0787", "Thisted", True, "123456")
    near, far = _decide(case, DATES[1], PARAMETERS, 0.5), _decide(case, DATES[1], PARAMETERS, 500.0)
    assert near.decision.codes == ("KEEP_WITHIN_LIMIT",)
    assert far.decision.codes == ("MOVE_BEYOND_LIMIT",)
    assert _decide(case, DATES[1], CHANGED, 5.0).decision.codes == ("MOVE_BEYOND_LIMIT",)
