"""One system builder (`sandbox.system`): in process or over HTTP, the jobs listed once, and the
worlds the API and the simulator build from a scenario being the same world."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import get_args

import httpx
import pytest

from fakes.cpr.backend import CprBackend
from fakes.luna.backend import LunaBackend
from sandbox.adapters.clock import ManualClock
from sandbox.adapters.http import HttpCpr, HttpLuna
from sandbox.adapters.in_process import InProcessCpr, InProcessLuna
from sandbox.api.control_schemas import Job
from sandbox.api.world import WorldSpec, build_state
from sandbox.domain.decisions import Decision
from sandbox.domain.errors import SandboxError
from sandbox.domain.model import Role
from sandbox.service import commands
from sandbox.service.events import Event
from sandbox.service.store import Store
from sandbox.service.unit_of_work import UnitOfWork
from sandbox.simulation.world import World
from sandbox.system import DAILY, JOBS, Fakes, build_system
from sandbox.worlds.scenario import load_scenario
from sandbox.worlds.start import StartingWorld

ROOT = Path(__file__).resolve().parents[2]
MORNING = datetime.combine(date(2025, 4, 9), time(9, 0))


class Commands:
    """A bus journal that keeps the commands it sees, in order."""

    def __init__(self) -> None:
        self.seen: list[commands.Command] = []

    def command(self, command: commands.Command, uow: UnitOfWork) -> None:
        self.seen.append(command)

    def event(self, event: Event, uow: UnitOfWork) -> None:
        return None

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        return None

    def error(self, command: commands.Command, error: SandboxError, uow: UnitOfWork) -> None:
        return None


def test_in_process_the_system_uses_the_fakes_and_the_store_it_is_given() -> None:
    registry, cpr, luna = Store(), CprBackend(), LunaBackend(seed=4)
    system = build_system(ManualClock(MORNING), registry=registry, fakes=Fakes(cpr, luna))
    assert system.registry is registry and system.uow.registry is registry
    assert isinstance(system.luna, InProcessLuna) and system.luna.backend is luna
    assert isinstance(system.cpr, InProcessCpr) and system.cpr.backend is cpr
    assert system.borger_dk is None and system.fakes is not None


def test_without_fakes_the_system_gets_new_ones_and_an_empty_store() -> None:
    first = build_system(ManualClock(MORNING))
    second = build_system(ManualClock(MORNING))
    assert first.fakes is not None and second.fakes is not None
    assert first.fakes.cpr is not second.fakes.cpr
    assert first.registry is not second.registry and first.registry.citizen_count() == 0


def test_over_http_the_system_has_the_http_adapters_and_no_fakes() -> None:
    with httpx.Client(base_url="http://sandbox.invalid") as client:
        system = build_system(ManualClock(MORNING), http=client)
        assert isinstance(system.luna, HttpLuna) and isinstance(system.cpr, HttpCpr)
        assert system.fakes is None
        with pytest.raises(ValueError, match="not both"):
            build_system(ManualClock(MORNING), http=client, fakes=Fakes())


def test_the_daily_jobs_run_in_their_listed_order_as_the_system() -> None:
    seen = Commands()
    system = build_system(ManualClock(MORNING), journals=[seen])
    system.run_daily_jobs()
    sent = [c for c in seen.seen if not isinstance(c, commands.RelayOutbox)]
    assert [type(c) for c in sent] == [type(JOBS[job]()) for job in DAILY]
    assert [type(c) for c in sent] == [
        commands.ConsumeCprFeed,
        commands.ProcessPracticeEventDeadlines,
        commands.ProcessDailyWork,
    ]
    assert all(c.actor.role is Role.SYSTEM for c in sent)


def test_the_control_plane_offers_exactly_the_listed_jobs() -> None:
    assert set(get_args(Job)) == set(JOBS)
    assert set(DAILY) < set(JOBS)


def test_a_served_scenario_is_the_world_the_simulator_starts_from() -> None:
    scenario = replace(load_scenario(ROOT / "scenarios" / "smoke.yaml"), population=800)
    scenario = replace(scenario, rates={**scenario.rates, "greenland_moves_per_1000_per_year": 40})
    simulated = World(scenario)
    starting = StartingWorld(scenario)
    assert starting.greenlanders and starting.greenlanders == simulated.greenlanders
    assert set(starting.cpr_backend.persons) == set(simulated.cpr_backend.persons)
    assert sorted(c.cpr for c in starting.registry.all_citizens()) == sorted(
        c.cpr for c in simulated.registry.all_citizens()
    )
    assert starting.luna_backend.opt_outs == simulated.luna_backend.opt_outs
    registry, persons, _ = build_state(WorldSpec.of(scenario))
    assert {c.cpr for c in registry.all_citizens()} == {
        c.cpr for c in simulated.registry.all_citizens()
    }
    # CPR knows every citizen, and the residents of Greenland who will move
    assert set(persons) == {c.cpr for c in registry.all_citizens()} | set(
        simulated.cpr_backend.persons
    )
    assert all(persons[cpr].status == "05" for cpr in simulated.greenlanders)


def test_the_api_loads_neither_the_simulator_nor_simpy_nor_the_console() -> None:
    code = (
        "import sys, sandbox.api.app, sandbox.api.world, sandbox.api.jobs\n"
        "bad = [m for m in sys.modules if m == 'simpy' or m.startswith(('simpy.', "
        "'sandbox.simulation', 'sandbox.console'))]\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
