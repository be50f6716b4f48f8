"""The custody rule: a child under 15 follows the new custody holder it lives with."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sandbox.domain.rules.custody import CustodyFacts, child_follows
from sandbox.parameters import default_parameters

ON = date(2025, 4, 9)
BASE = CustodyFacts(ON, date(2015, 5, 2), "100001", "Mette", "100002")


@pytest.mark.parametrize(
    ("changes", "follows"),
    [
        ({}, True),
        ({"child_birth_date": date(2010, 4, 10)}, True),  # 14 years and 364 days
        ({"child_birth_date": date(2010, 4, 9)}, False),  # 15 today: chooses alone
        ({"holder_name": ""}, False),  # no single new holder at the child's address
        ({"holder_doctor": None}, False),  # the holder has no doctor
        ({"holder_doctor": "100001"}, False),  # already the same doctor
    ],
)
def test_child_follows(changes: dict[str, object], follows: bool) -> None:
    reason = child_follows(replace(BASE, **changes), default_parameters())  # type: ignore[arg-type]
    assert (reason is not None) is follows
    if reason is not None:
        assert reason.code == "CHILD_FOLLOWS_CUSTODY_HOLDER"
        assert reason.text("da") != reason.text("en")
