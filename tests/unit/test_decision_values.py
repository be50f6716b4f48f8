"""The decisions' values and the rules' facts behave as the frozen dataclasses they were.

`Reason`, `Decision`, `ParameterUse`, `GpChoiceFacts`, `ClosedDoctorFacts`, `FeeFacts`,
`FeeDecision`, `NearbyPractice`, `AssignmentFacts`, `MoveFacts` and `MoveOutcome` are plain
slotted dataclasses with `Final` fields (cheaper to make than frozen ones): equal values are
equal and hash alike, a changed field makes them unequal, the repr shows every field in order,
a pickle round trip gives an equal value, and `to_dict` (the JSON) is unchanged.
"""

from __future__ import annotations

import pickle
from dataclasses import fields, replace
from datetime import date
from typing import Any

import pytest

from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.rules.closed_doctor import ClosedDoctorFacts
from sandbox.domain.rules.fees import FeeDecision, FeeFacts
from sandbox.domain.rules.gp_choice import GpChoiceFacts
from sandbox.domain.rules.missing_choice import NearbyPractice
from sandbox.domain.rules.moves import MoveFacts, MoveOutcome

ON = date(2025, 5, 1)
USE = ParameterUse("distanceLimitKmDefault", 15, date(2025, 4, 9))
REASON = Reason(
    "gp_choice.distance",
    "WITHIN_DISTANCE_LIMIT",
    "{practice} ligger {km} km væk, inden for {limit} km.",
    "{practice} is {km} km away, within {limit} km.",
    "SPEC 3.3",
    (("practice", "Lægehuset (012345)"), ("km", 2.5), ("limit", 15)),
    (USE,),
)
DECISION = Decision.allow(REASON, conditions=("ACCEPTANCE",))
VALUES: list[Any] = [
    USE,
    REASON,
    DECISION,
    GpChoiceFacts(ON, "0787", "Thisted", "Lægehuset (012345)", True, 2.5, True, REASON),
    ClosedDoctorFacts(ON, "012345", "Lægehuset (012345)", date(1980, 1, 2), parent_doctors=("1",)),
    FeeFacts(ON, (REASON,)),
    FeeDecision(0, DECISION),
    NearbyPractice("012345", "Lægehuset", 2.5),
    MoveFacts(ON, "0787", "0773", "Morsø", True, "012345", 31.5),
    MoveOutcome(True, False, False, DECISION),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda value: type(value).__name__)
def test_equal_values_are_equal_hash_alike_and_survive_a_pickle(value: Any) -> None:
    twin = replace(value)
    assert twin == value and twin is not value
    assert hash(twin) == hash(value)
    assert pickle.loads(pickle.dumps(value)) == value
    first = fields(value)[0]
    changed = replace(value, **{first.name: _other(getattr(value, first.name))})
    assert changed != value


@pytest.mark.parametrize("value", VALUES, ids=lambda value: type(value).__name__)
def test_the_repr_shows_every_field_in_order(value: Any) -> None:
    shown = ", ".join(f"{f.name}={getattr(value, f.name)!r}" for f in fields(value))
    assert repr(value) == f"{type(value).__name__}({shown})"


def test_the_json_of_a_decision_is_unchanged() -> None:
    assert DECISION.to_dict() == {
        "allowed": True,
        "refusal_code": "",
        "conditions": ["ACCEPTANCE"],
        "reasons": [
            {
                "rule_id": "gp_choice.distance",
                "code": "WITHIN_DISTANCE_LIMIT",
                "text_da": "Lægehuset (012345) ligger 2,5 km væk, inden for 15 km.",
                "text_en": "Lægehuset (012345) is 2.5 km away, within 15 km.",
                "source": "SPEC 3.3",
                "fields": {"practice": "Lægehuset (012345)", "km": 2.5, "limit": 15},
                "parameters": [
                    {"name": "distanceLimitKmDefault", "value": 15, "effective_from": "2025-04-09"}
                ],
            }
        ],
    }


def _other(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, date):
        return value.replace(year=value.year + 1)
    if isinstance(value, (int, float)):
        return value + 1
    return f"{value}x"
