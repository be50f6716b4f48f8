"""CPR feed order and delay: the fake CPR holds feed entries back and delivers them late (also
over HTTP), the explorer draws late CPR events under its interleavings, and a fault that only a
late CPR event shows is found, and shrunk to a schedule that needs the delay."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from fakes.cpr.backend import CprBackend, Person
from sandbox.app import create_app
from sandbox.cli_explore import DEFAULT_RUNS
from sandbox.explore.findings import explore
from sandbox.explore.generate import generate
from sandbox.explore.schedule import read_schedule
from sandbox.explore.shrink import _read_at_once
from sandbox.explore.world import run_schedule
from sandbox.worlds.scenario import load_scenario
from tests.integration.api_support import KLITMOLLER_4, OLIVIA, sandbox_for

ROOT = Path(__file__).resolve().parents[2]
MUTANT = "late-renumbering-forgets-group"


def test_the_fake_cpr_delivers_held_events_late_and_after_those_meanwhile() -> None:
    cpr = CprBackend()
    cpr.add_person(Person("0101801234", "Anna", date(1980, 1, 1)))
    cpr.hold(True)
    first = cpr.move("0101801234", {"house_number": "1"}, date(2025, 4, 9))
    cpr.hold(False)
    cpr.move("0101801234", {"house_number": "2"}, date(2025, 4, 10))
    assert first.sequence == 0 and [e.sequence for e in cpr.events_after(0)] == [1]
    assert cpr.person("0101801234").address == {"house_number": "2"}  # CPR itself is current
    released = cpr.release()
    assert [(e.sequence, e.data["address"]["house_number"]) for e in released] == [(2, "1")]
    assert [e.on for e in cpr.events_after(0)] == [date(2025, 4, 10), date(2025, 4, 9)]
    assert cpr.release() == [] and cpr.held == []


def test_the_fake_cpr_holds_and_releases_over_http() -> None:
    with sandbox_for(create_app(), "cpr-feed-hold") as api:
        before = len(api.get("/cpr/events", params={"after": 0, "limit": 1000}).json())
        assert api.put("/cpr/feed/hold", json={"hold": True}).json() == {
            "holding": True,
            "held": 0,
        }
        move = {"cpr": OLIVIA, "address": KLITMOLLER_4 | {"house_number": "10"}}
        assert api.post("/cpr/life-events/move", json=move).status_code == 201
        assert api.put("/cpr/feed/hold", json={"hold": False}).json() == {
            "holding": False,
            "held": 1,
        }
        assert len(api.get("/cpr/events", params={"after": 0, "limit": 1000}).json()) == before
        released = api.post("/cpr/feed/release").json()
        assert [(e["kind"], e["sequence"]) for e in released] == [("move", before + 1)]
        assert api.put("/cpr/feed/hold", json={"hold": "ja"}).status_code == 422


def test_interleavings_deliver_some_cpr_events_late() -> None:
    scenario = load_scenario(ROOT / "scenarios" / "renumbering.yaml")
    drawn = [generate(scenario, seed, k) for seed in range(40) for k in (0, 1, 2)]
    late = [s for s in drawn if any(step.args.get("late") for step in s.steps)]
    assert late and all(s.interleaving > 0 for s in late)
    for schedule in late:  # every late event is delivered by a later cpr_release
        kinds = [("late" if step.args.get("late") else step.do) for step in schedule.steps]
        assert kinds.count("cpr_release") >= kinds.count("late")
        assert kinds.index("late") < len(kinds) - 1 - kinds[::-1].index("cpr_release")


def test_a_fault_only_a_late_cpr_event_shows_is_found_and_shrunk(tmp_path: Path) -> None:
    found = explore("scenarios/smoke.yaml", DEFAULT_RUNS, mutant=MUTANT, reports=tmp_path)
    assert found.failure is not None and found.shrunk is not None
    minimal = read_schedule(found.folder / "minimal.jsonl")
    late = [i for i, step in enumerate(minimal.steps) if step.args.get("late")]
    assert late and [s.do for s in minimal.steps].count("cpr_release") == 1
    assert run_schedule(minimal).problem is not None  # replays from the written schedule
    on_time = list(minimal.steps)
    for index in late:
        on_time[index] = _read_at_once(on_time[index])
    assert run_schedule(minimal.with_steps(on_time)).problem is None  # it needs the delay
    assert run_schedule(replace(minimal, mutant=None)).problem is None
    assert "men meldingen er forsinket" in found.feature
    assert "Og CPR leverer de forsinkede meldinger" in found.feature
