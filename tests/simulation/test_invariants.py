"""A broken invariant stops the run with what is needed to replay it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import scenarios
from sandbox.cli import EXIT_INVARIANT_VIOLATED, app
from sandbox.domain.model import Actor, GroupMembership
from sandbox.service.commands import RegisterPracticeEvent
from sandbox.simulation.invariants import InvariantViolation
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario


def _world() -> World:
    path = scenarios.path_of("renumbering")
    assert path is not None
    return World(load_scenario(path))


def test_a_group_1_resident_without_a_doctor_is_caught() -> None:
    world = _world()
    world.run()
    citizen = next(c for c in world.registry.all_citizens() if c.doctor_on(world.clock.today()))
    citizen.listings = []
    world.invariants.journal.cprs[citizen.cpr] = None
    with pytest.raises(InvariantViolation) as caught:
        world.invariants.check_touched()
    assert caught.value.name == "gp_listing"
    assert caught.value.info["seed"] == world.scenario.seed
    assert "sandbox replay" in caught.value.replay_command("reports/x-1")


def test_a_letter_to_someone_else_is_caught() -> None:
    world = _world()
    world.run()
    letter = next(iter(world.registry.all_letters()), None)
    case = next(iter(world.registry.all_cases()))
    with pytest.raises(InvariantViolation) as caught:
        world.invariants.check_letter("B1", case.case_id, "0000000000")
    assert caught.value.name == "letter_main_person"
    assert letter is None or letter.recipient_cpr


def test_the_full_scan_at_the_end_passes_on_a_sound_world() -> None:
    world = _world()
    world.run()
    world.invariants.check_all()
    assert world.invariants.counts()["one_group"] > 1000


def test_the_full_scan_judges_the_last_day_not_the_morning_whose_jobs_have_not_run() -> None:
    """A closure whose free period ends on the run's last day is wound up by the next
    morning's jobs, which the run never reaches: the end-of-run scan must not blame it."""
    path = scenarios.path_of("smoke")
    assert path is not None
    scenario = replace(load_scenario(path), start=date(2025, 3, 28), duration_days=34)
    world = World(scenario)  # runs 28 March to 30 April; the free period ends 30 April
    ydernummer = max(world.registry.all_practices(), key=lambda p: p.list_size).ydernummer
    world.send(RegisterPracticeEvent(Actor.system(), ydernummer, "closure", date(2025, 3, 31)))
    world.run()
    assert world.clock.today() == date(2025, 5, 1)
    assert world.registry.listed_on(ydernummer, date(2025, 4, 30))  # not wound up yet

    world.invariants.check_all()  # judged on 30 April: passes

    with pytest.raises(InvariantViolation) as caught:  # 1 May before its jobs would not
        world.invariants.check_closed_practices(date(2025, 5, 1))
    assert caught.value.name == "closed_practice_empty"


def test_a_violation_makes_simulate_exit_4_with_the_replay_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sandbox.simulation.invariants import Invariants

    original = Invariants.check_closed_practices

    def broken(self: Invariants, on: date | None = None) -> None:
        original(self, on)
        if self.world.clock.today() > self.world.scenario.start:
            self.fail("closed_practice_empty", "made up for the test")

    monkeypatch.setattr(Invariants, "check_closed_practices", broken)
    result = CliRunner().invoke(app, ["simulate", "renumbering", "-q", "--reports", str(tmp_path)])
    assert result.exit_code == EXIT_INVARIANT_VIOLATED
    assert "INVARIANT_VIOLATED" in result.output
    assert "sandbox replay" in result.output and "--event" in result.output


def test_the_full_scan_counts_and_judges_citizens_as_one_by_one_checks_do() -> None:
    world = _world()
    world.run()
    last_day = world.clock.today()
    citizens = list(world.registry.all_citizens())
    world.invariants.checked.clear()
    for citizen in citizens:
        world.invariants.check_citizen(citizen, last_day)
    one_by_one = world.invariants.counts()
    world.invariants.checked.clear()
    world.invariants.check_citizens(citizens, last_day)
    assert world.invariants.counts() == one_by_one
    assert one_by_one["gp_listing"] > 1000


def test_the_full_scan_catches_every_citizen_of_a_shared_history_that_breaks_a_rule() -> None:
    """The scan judges a history shared by many citizens once; each of them is still blamed."""
    world = _world()
    world.run()
    world.invariants.stop = False
    day = world.clock.today()
    residents = [c for c in world.registry.all_citizens() if c.is_resident]
    first, second = residents[0], residents[1]
    twice = (GroupMembership(1, date(2000, 1, 1)), GroupMembership(2, date(2000, 1, 1)))
    first._groups = second._groups = twice
    world.invariants.check_citizens(residents, day)
    blamed = [v.detail for v in world.invariants.violations if v.name == "one_group"]
    assert blamed == [
        f"{first.cpr} has 2 current groups on {day}",
        f"{second.cpr} has 2 current groups on {day}",
    ]
