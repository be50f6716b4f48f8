"""The simulator's readers of a case's flat status log agree with `Case.history`.

The timeline's LUNA latency and the ``luna_once`` invariant after each command read
`Case.status_log` directly (no list per case); a change of the log's layout must not change
what they see. Two branches once changed the layout and a reader at the same time: the tests
of each passed, the merged reports did not.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scenarios
from sandbox.domain.model import ALLOWED_STATUS_CHANGES, Case, CaseStatus
from sandbox.simulation.invariants import InvariantViolation
from sandbox.simulation.timeline import queued_for_luna
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario
from tests.unit.test_case_status_flow import AT, a_case


@st.composite
def moved_cases(draw: st.DrawFn) -> Case:
    """A case made in an open status and moved along allowed changes, minutes apart."""
    case = a_case(draw(st.sampled_from([CaseStatus.CREATED, CaseStatus.PENDING])))
    at = AT
    for _ in range(draw(st.integers(0, 5))):
        allowed = sorted(ALLOWED_STATUS_CHANGES[case.status])
        if not allowed:
            break
        at += timedelta(minutes=draw(st.integers(1, 10_000)))
        case.move_to(draw(st.sampled_from(allowed)), at)
    return case


@given(moved_cases())
def test_the_time_queued_for_luna_is_the_historys_last_start_of_awaiting_luna(case: Case) -> None:
    starts = [at for at, status in case.history if status is CaseStatus.AWAITING_LUNA]
    assert queued_for_luna(case) == (starts[-1] if starts else case.created_at)


def test_a_completed_case_that_waited_for_luna_but_is_not_there_is_caught() -> None:
    path = scenarios.path_of("renumbering")
    assert path is not None
    world = World(load_scenario(path))
    world.run()
    case = next(
        case
        for case in world.registry.all_cases()
        if case.status is CaseStatus.COMPLETED
        and any(status is CaseStatus.AWAITING_LUNA for _, status in case.history)
    )
    world.invariants.check_case(case.case_id)  # sound: LUNA holds it
    del world.luna_backend.registrations[case.case_id]
    with pytest.raises(InvariantViolation) as caught:
        world.invariants.check_case(case.case_id)
    assert caught.value.name == "luna_once"
