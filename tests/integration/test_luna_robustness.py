"""LUNA error handling (release 1.1 item 13): every fault keeps the case, retries with back-off
in simulated time and ends with exactly one registration; reconciliation proves it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fakes.luna.backend import LunaBackend
from sandbox.domain.model import Actor, CaseStatus
from sandbox.service.commands import ChooseGp, RelayOutbox
from sandbox.service.outbox import BACKOFF_MAX_SECONDS, backoff
from sandbox.service.reconciliation import awaiting_luna, reconcile
from tests.builders import (
    COPENHAGEN,
    THISTED,
    TestWorld,
    add_citizen,
    add_practice,
    address,
    make_world,
    offset,
)

CPR = "0505801234"
CPR_CPH = "0606701234"
FIRST = "F00000001"  # the first case a world makes: the GP choice (a card order may follow)


def _world() -> TestWorld:
    world = make_world()
    add_practice(world, "100001", offset(THISTED, north_km=2))
    add_practice(world, "200001", offset(COPENHAGEN, east_km=1), municipality="0101")
    add_citizen(world, CPR)
    home = address("Nørregade", "1", COPENHAGEN, "1165", "København K", "0101")
    add_citizen(world, CPR_CPH, home=home)
    return world


def _choose(world: TestWorld, cpr: str = CPR, yder: str = "100001") -> str:
    case = world.handle(ChooseGp(Actor.citizen(cpr), cpr, yder))
    return case.case_id  # type: ignore[attr-defined,no-any-return]


def _relay(world: TestWorld) -> None:
    world.handle(RelayOutbox(Actor.system()))


def _assert_reconciled(world: TestWorld) -> None:
    report = reconcile(world.bus.uow, world.bus.uow.luna.registrations())
    assert report.ok, [problem.text("en") for problem in report.problems]


def _retry_until_done(world: TestWorld, case_id: str, rounds: int = 40) -> list[float]:
    """Relay at each due time; return the waits (seconds) between attempts."""
    waits: list[float] = []
    outbox = world.bus.uow.outbox
    for _ in range(rounds):
        entry = outbox.get(case_id)
        if entry is None:
            return waits
        wait = (entry.next_attempt_at - world.clock.now()).total_seconds()
        waits.append(wait)
        world.advance(seconds=wait)
        _relay(world)
        _assert_reconciled(world)
    raise AssertionError("never registered")


@pytest.mark.parametrize("fault", ["timeout", "error", "drop_after_commit"])
def test_each_fault_keeps_the_case_and_ends_with_one_registration(fault: str) -> None:
    world = _world()
    world.luna.force_key(FIRST, fault, fault, fault)
    case_id = _choose(world)
    assert case_id == FIRST
    case = world.registry.case(case_id)
    assert case.status is CaseStatus.AWAITING_LUNA
    _assert_reconciled(world)

    waits = _retry_until_done(world, case_id)
    assert waits == [30.0, 60.0, 120.0], "back-off doubles from 30 s, in simulated time"
    assert world.registry.case(case_id).status is CaseStatus.COMPLETED
    assert world.luna.registrations[case_id].key == case_id
    outcomes = [call.outcome for call in world.luna.calls_for(case_id)]
    assert outcomes == [fault, fault, fault, _last(fault)]
    assert world.luna.registrations[case_id].received == (4 if fault == "drop_after_commit" else 1)
    assert case.details.luna_attempts == 4
    assert [letter.case_id for letter in world.registry.all_letters()].count(case_id) == 1


def _last(fault: str) -> str:
    return "duplicate" if fault == "drop_after_commit" else "ok"


def test_no_retry_before_the_backoff_has_passed() -> None:
    world = _world()
    world.luna.force_key(FIRST, "error")
    case_id = _choose(world)
    world.advance(seconds=29.9)
    _relay(world)
    assert len(world.luna.calls_for(case_id)) == 1
    assert world.registry.case(case_id).status is CaseStatus.AWAITING_LUNA


def test_an_outage_window_in_simulated_time_delays_but_loses_nothing() -> None:
    world = _world()
    start = world.clock.now()
    world.luna.add_window(start, start + timedelta(hours=2), "error")
    case_id = _choose(world)
    waits = _retry_until_done(world, case_id)
    case = world.registry.case(case_id)
    assert case.status is CaseStatus.COMPLETED
    assert world.clock.now() >= start + timedelta(hours=2)
    assert sum(waits[:-1]) < 2 * 3600 <= sum(waits)
    outcomes = [call.outcome for call in world.luna.calls_for(case_id)]
    assert set(outcomes[:-1]) == {"error"} and outcomes[-1] == "ok"
    assert case_id in world.luna.registrations


def test_the_old_outages_form_still_gives_timeouts() -> None:
    world = _world()
    now = world.clock.now()
    world.luna.set_faults(outages=[(now, now + timedelta(minutes=1))])
    case_id = _choose(world)
    assert world.luna.calls_for(case_id)[0].outcome == "timeout"
    _retry_until_done(world, case_id)
    assert world.registry.case(case_id).status is CaseStatus.COMPLETED


def test_cable_case_the_answer_is_lost_but_luna_holds_one_registration() -> None:
    world = _world()
    world.luna.force_key(FIRST, "drop_after_commit", "drop_after_commit")
    case_id = _choose(world)
    assert world.registry.case(case_id).status is CaseStatus.AWAITING_LUNA
    assert case_id in world.luna.registrations, "LUNA committed the first time"
    _retry_until_done(world, case_id)
    assert world.luna.registrations[case_id].received == 3
    assert list(world.luna.registrations).count(case_id) == 1


def test_faults_switch_per_request_by_key() -> None:
    world = _world()
    first = _choose(world)
    second_id = f"F{world.registry.case_count() + 1:08d}"
    world.luna.force_key(second_id, "timeout")
    second = _choose(world, CPR_CPH, "200001")
    assert second == second_id
    assert world.registry.case(first).status is CaseStatus.COMPLETED
    assert world.registry.case(second).status is CaseStatus.AWAITING_LUNA


def test_cases_waiting_for_luna_are_listed_per_municipality() -> None:
    world = _world()
    world.luna.force_key(FIRST, "timeout")
    thisted = _choose(world)
    world.luna.force_key(f"F{world.registry.case_count() + 1:08d}", "error")
    copenhagen = _choose(world, CPR_CPH, "200001")
    everyone = awaiting_luna(world.bus.uow)
    assert [row["case_id"] for row in everyone] == [thisted, copenhagen]
    only = awaiting_luna(world.bus.uow, "0101")
    assert len(only) == 1
    row = only[0]
    assert row["case_id"] == copenhagen
    assert row["attempts"] == 1
    assert row["last_fault"] == "error"
    assert row["status"] == "awaiting_luna"
    assert row["case_type"] == "gp_choice"
    assert row["next_attempt_at"] == (world.clock.now() + timedelta(seconds=30)).isoformat()
    assert awaiting_luna(world.bus.uow, "0787")[0]["last_fault"] == "timeout"


def test_backoff_is_capped_even_after_thousands_of_attempts() -> None:
    assert backoff(10) < backoff(11) == timedelta(seconds=BACKOFF_MAX_SECONDS)
    assert backoff(5_000) == timedelta(seconds=BACKOFF_MAX_SECONDS)


def test_a_long_outage_costs_at_most_one_attempt_per_six_hours() -> None:
    world = _world()
    start = world.clock.now()
    world.luna.add_window(start, start + timedelta(days=10), "timeout")
    case_id = _choose(world)
    waits = _retry_until_done(world, case_id, rounds=60)
    assert max(waits) == BACKOFF_MAX_SECONDS
    assert len(waits) < 10 + 40, "10 days at one try per 6 hours, plus the ramp-up"


def test_seeded_fault_rates_replay_identically() -> None:
    def run() -> list[tuple[str, str]]:
        world = _world()
        world.luna.set_faults(
            rates={"error": 0.3, "timeout": 0.2, "drop_after_commit": 0.2}, seed=7
        )
        add_practice(world, "100003", offset(THISTED, north_km=3))
        add_practice(world, "200003", offset(COPENHAGEN, east_km=2), municipality="0101")
        for round_ in range(6):
            _choose(world, CPR, ("100003", "100001")[round_ % 2])
            _choose(world, CPR_CPH, ("200003", "200001")[round_ % 2])
            world.advance(seconds=BACKOFF_MAX_SECONDS)
            _relay(world)
        return [(call.key, call.outcome) for call in world.luna.journal]

    first = run()
    assert first == run()
    assert {outcome for _, outcome in first} >= {"ok", "error", "timeout"}


def test_slow_answers_are_seeded_and_windowed() -> None:
    world = _world()
    now = world.clock.now()
    backend = LunaBackend(seed=3)
    backend.set_latency(
        base_seconds=1.0,
        jitter_seconds=2.0,
        slow_rate=0.25,
        slow_seconds=90.0,
        slow_windows=[(now, now + timedelta(hours=1))],
    )
    other = LunaBackend(seed=3)
    other.set_latency(1.0, 2.0, 0.25, 90.0)
    later = now + timedelta(hours=2)
    latencies = [other.latency_for(later) for _ in range(200)]
    assert all(1.0 <= x <= 93.0 for x in latencies)
    assert any(x > 90 for x in latencies) and any(x < 3.0 for x in latencies)
    assert backend.latency_for(now) >= 91.0, "inside a slow window every answer is slow"
    replay = LunaBackend(seed=3)
    replay.set_latency(1.0, 2.0, 0.25, 90.0)
    assert [replay.latency_for(later) for _ in range(200)] == latencies
    assert world.bus.uow.luna.latency_for() == 2.0  # type: ignore[attr-defined]


def test_unknown_fault_kinds_and_bad_windows_are_rejected() -> None:
    backend = LunaBackend()
    with pytest.raises(ValueError):
        backend.force_next("meteor")
    with pytest.raises(ValueError):
        backend.force_key("F1", "meteor")
    with pytest.raises(ValueError):
        backend.set_faults(rates={"meteor": 1.0})
    world = _world()
    now = world.clock.now()
    with pytest.raises(ValueError):
        backend.add_window(now, now)


def test_the_control_plane_description_is_plain_data() -> None:
    world = _world()
    now = world.clock.now()
    world.luna.add_window(now, now + timedelta(minutes=5), "error")
    world.luna.force_next("timeout")
    world.luna.clear_faults()
    _choose(world)
    described = world.luna.describe()
    assert described["calls"] == world.registry.case_count()
    assert described["registrations"] == world.registry.case_count()
    assert described["faults"]["windows"] == []
    world.luna.reset(seed=5)
    assert world.luna.registrations == {} and world.luna.calls == 0
    assert not world.luna.journal


# reconciliation -----------------------------------------------------------------------------


def _settled_world() -> TestWorld:
    world = _world()
    world.luna.force_key(FIRST, "drop_after_commit")
    _choose(world)
    _choose(world, CPR_CPH, "200001")
    _retry_until_done(world, FIRST)
    return world


def _codes(world: TestWorld, registrations: dict[str, str] | None = None) -> tuple[str, ...]:
    found = world.bus.uow.luna.registrations() if registrations is None else registrations
    return reconcile(world.bus.uow, found).codes


def test_reconciliation_passes_on_a_clean_run() -> None:
    world = _settled_world()
    report = reconcile(world.bus.uow, world.bus.uow.luna.registrations())
    assert report.ok and report.problems == ()
    assert report.luna_registrations == report.cases_needing_luna >= 2
    assert report.to_dict()["ok"] is True


def test_reconciliation_finds_a_luna_registration_without_its_case() -> None:
    world = _settled_world()
    world.luna.register("F99999999", "gp_listing", CPR, {})
    report = reconcile(world.bus.uow, world.bus.uow.luna.registrations())
    assert not report.ok
    assert report.codes == ("LUNA_WITHOUT_CASE",)
    assert "F99999999" in report.problems[0].text("da")


def test_reconciliation_finds_a_completed_case_luna_never_got() -> None:
    world = _settled_world()
    registrations = world.bus.uow.luna.registrations()
    del registrations[FIRST]
    assert _codes(world, registrations) == ("COMPLETED_WITHOUT_LUNA",)


def test_reconciliation_finds_a_waiting_case_missing_from_the_outbox() -> None:
    world = _world()
    world.luna.force_key(FIRST, "timeout")
    _choose(world)
    assert _codes(world) == ()
    world.bus.uow.outbox.withdraw(FIRST)
    assert _codes(world) == ("AWAITING_NOT_IN_OUTBOX",)


def test_reconciliation_finds_outbox_entries_out_of_step_and_mismatched_ids() -> None:
    world = _world()
    world.luna.force_key(FIRST, "timeout")
    _choose(world)
    case = world.registry.case(FIRST)
    case.move_to(CaseStatus.PENDING, world.clock.now())
    assert "OUTBOX_CASE_NOT_AWAITING" in _codes(world)
    world.registry.drop_case(FIRST)
    assert "OUTBOX_WITHOUT_CASE" in _codes(world)
    settled = _settled_world()
    assert _codes(settled, {**settled.bus.uow.luna.registrations(), FIRST: "L999"}) == (
        "LUNA_ID_MISMATCH",
    )


def test_a_cancelled_case_luna_holds_is_a_warning_not_an_error() -> None:
    world = _world()
    world.luna.force_key(FIRST, "drop_after_commit")
    _choose(world)
    world.bus.uow.outbox.withdraw(FIRST)
    world.registry.case(FIRST).move_to(CaseStatus.CANCELLED, world.clock.now())
    report = reconcile(world.bus.uow, world.bus.uow.luna.registrations())
    assert report.codes == ("LUNA_FOR_CANCELLED_CASE",)
    assert report.ok
    assert report.problems[0].severity == "warning"
