"""A move without a distance to weigh decides the same on any date: the move handler shares
its outcome (`sandbox.service.handlers.moves._move_at_home`), and this holds the rule to it.

`decide_move`'s first three branches - not in group 1, no doctor, a move within the
municipality - read neither the date nor a parameter; should one come to, these fail before
a shared outcome could stand for another date's. A move with a distance to weigh is shared
only with the next member of a household moving together (`_MoveAway`), on the same facts.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import SimpleNamespace
from typing import cast

import pytest

from sandbox.domain.geography import Address, Coordinates, distance_km, load_geography
from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.moves import MoveFacts, MoveOutcome, decide_move
from sandbox.parameters import default_parameters
from sandbox.service.handlers.moves import _move_at_home, _MoveAway
from sandbox.service.unit_of_work import UnitOfWork

DATES = (date(2024, 1, 1), date(2025, 4, 9), date(2025, 12, 31), date(2031, 7, 1))
PARAMETERS = default_parameters()
GEOGRAPHY = load_geography()
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


def _shared(case: tuple[str, str, str, bool, str | None]) -> MoveOutcome:
    """The handler's shared outcome (which looks the municipality's name up itself)."""
    from_municipality, to_municipality, to_name, in_group_1, ydernummer = case
    assert GEOGRAPHY.municipality_name(to_municipality) == to_name
    return _move_at_home(
        from_municipality, to_municipality, in_group_1, ydernummer, PARAMETERS, GEOGRAPHY
    )


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
    shared = _shared(case)
    for on in DATES:
        for parameters in (PARAMETERS, CHANGED):
            for distance in (None, 0.5, 500.0):  # a distance the rule must not weigh here
                assert _decide(case, on, parameters, distance) == shared


def test_the_shared_outcomes_are_the_rules_codes() -> None:
    codes = [_shared(case).decision.codes for case in AT_HOME]
    assert codes == [
        ("KEEP_SAME_MUNICIPALITY",),
        ("NO_DOCTOR",),
        ("NO_DOCTOR",),
        ("NOT_IN_GROUP_1",),
        ("NOT_IN_GROUP_1",),
    ]
    assert _shared(AT_HOME[0]) is _shared(AT_HOME[0])


def test_a_group_1_move_to_another_municipality_weighs_its_distance_and_date() -> None:
    case = ("0101", "0787", "Thisted", True, "123456")
    near, far = _decide(case, DATES[1], PARAMETERS, 0.5), _decide(case, DATES[1], PARAMETERS, 500.0)
    assert near.decision.codes == ("KEEP_WITHIN_LIMIT",)
    assert far.decision.codes == ("MOVE_BEYOND_LIMIT",)
    assert _decide(case, DATES[1], CHANGED, 5.0).decision.codes == ("MOVE_BEYOND_LIMIT",)


def test_a_household_moving_away_is_decided_once_for_the_members_with_one_doctor() -> None:
    # CPR reports a household's move one member after another with one `Address` object: the
    # members with the same doctor share the first one's outcome, which is the rule's own
    thisted = Address("Vestergade", "3", "7700", "Thisted", "0787", Coordinates(56.96, 8.69))
    practices = {
        "123456": SimpleNamespace(address=thisted),
        "654321": SimpleNamespace(address=replace(thisted, lat=56.0)),
    }
    uow = cast(
        UnitOfWork,
        SimpleNamespace(
            registry=SimpleNamespace(find_practice=practices.get),
            parameters=PARAMETERS,
            geography=GEOGRAPHY,
        ),
    )
    new_home = replace(thisted, street="Østergade")
    on = DATES[1]
    away = _MoveAway()
    first = away.outcome(uow, "0101", new_home, "123456", on)
    expected = _decide(("0101", "0787", "Thisted", True, "123456"), on, PARAMETERS, 0.0)
    assert first == expected and first.decision.codes == ("KEEP_WITHIN_LIMIT",)
    assert away.outcome(uow, "0101", new_home, "123456", on) is first  # the next member
    # another doctor, date, municipality left or address object: decided again, by the rule
    other_doctor = away.outcome(uow, "0101", new_home, "654321", on)
    assert other_doctor.decision.codes == ("MOVE_BEYOND_LIMIT",)
    assert other_doctor == _decide(
        ("0101", "0787", "Thisted", True, "654321"),
        on,
        PARAMETERS,
        distance_km(new_home, practices["654321"].address),
    )
    for again in (
        away.outcome(uow, "0101", new_home, "123456", DATES[2]),
        away.outcome(uow, "0147", new_home, "123456", on),
        away.outcome(uow, "0101", replace(new_home), "123456", on),
    ):
        assert again is not first and again.keeps_doctor
