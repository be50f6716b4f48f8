"""The explorer on the shipped scenarios (no failure without a mutant), its schedules, its
replay, its command line, its parallel paths, and that mutants never load in serve/simulate."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import scenarios
from sandbox.cli import app
from sandbox.explore import mutants
from sandbox.explore.generate import generate
from sandbox.explore.runner import explore_runs
from sandbox.explore.schedule import read_schedule
from sandbox.explore.world import run_schedule
from sandbox.service.handlers import gp_choice
from sandbox.worlds.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(path.stem for path in (ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_scenarios_break_no_invariant(name: str) -> None:
    path = scenarios.path_of(name)
    assert path is not None
    records, _ = explore_runs(str(path), 30, load_scenario(path).seed, stop_at_failure=False)
    assert len(records) == 30
    assert [(r.seed, r.interleaving, r.invariant, r.detail) for r in records if r.failed] == []


def test_smoke_explores_clean_with_the_default_budget(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["explore", "smoke", "--reports", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "0 brud / failures" in result.output
    assert (tmp_path / "smoke-20250409" / "report.html").is_file()
    assert not (tmp_path / "smoke-20250409" / "minimal.feature").exists()


def test_a_schedule_round_trips_and_replays_the_same(tmp_path: Path) -> None:
    scenario = load_scenario(ROOT / "scenarios" / "smoke.yaml")
    schedule = replace(generate(scenario, 7, 2), mutant="renumbering-forgets-group")
    path = tmp_path / "s.jsonl"
    schedule.write(path)
    again = read_schedule(path)
    assert again == schedule
    assert run_schedule(again) == run_schedule(schedule)
    assert generate(scenario, 7, 2) == generate(scenario, 7, 2)
    assert generate(scenario, 7, 1) != generate(scenario, 7, 2) or schedule.actions < 2


def test_replay_runs_a_minimal_schedule(tmp_path: Path) -> None:
    runner = CliRunner()
    found = runner.invoke(
        app,
        ["explore", "smoke", "--mutant", "renumbering-forgets-group", "--reports", str(tmp_path)],
    )
    assert found.exit_code == 4, found.output
    assert "Genkør / rerun: sandbox feature run" in found.output
    minimal = tmp_path / "smoke-20250409" / "minimal.jsonl"
    replayed = runner.invoke(app, ["replay", str(minimal)])
    assert replayed.exit_code == 4
    assert "one_group" in replayed.output


def test_bad_input_is_exit_2_without_a_traceback(tmp_path: Path) -> None:
    runner = CliRunner()
    unknown = runner.invoke(app, ["explore", "smoke", "--mutant", "nope"])
    assert unknown.exit_code == 2
    assert "INVALID_INPUT" in unknown.output or "INVALID_INPUT" in (unknown.stderr or "")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"schedule": "sygesikring-explore/1"}\n', encoding="utf-8")
    assert runner.invoke(app, ["replay", str(broken)]).exit_code == 2
    assert runner.invoke(app, ["feature", "run", str(broken)]).exit_code == 2
    feature = str(ROOT / "features" / "cpr" / "udforsket-omnummerering.feature")
    served = ["feature", "run", feature, "--mutant", "renumbering-forgets-group"]
    assert runner.invoke(app, [*served, "--sandbox-url", "http://127.0.0.1:9"]).exit_code == 2
    listed = runner.invoke(app, ["explore", "--list-mutants"])
    assert listed.exit_code == 0
    assert all(name in listed.output for name in mutants.MUTANTS)


def test_processes_and_dask_give_the_same_runs() -> None:
    from dask.distributed import LocalCluster

    path = str(ROOT / "scenarios" / "smoke.yaml")
    alone, _ = explore_runs(path, 24, 5, "samlever-ignores-address", stop_at_failure=False)
    pooled, _ = explore_runs(path, 24, 5, "samlever-ignores-address", 2, stop_at_failure=False)
    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        spread, _ = explore_runs(
            path, 24, 5, "samlever-ignores-address", cluster=cluster.scheduler_address,
            stop_at_failure=False,
        )  # fmt: skip
    assert alone == pooled == spread
    assert any(record.failed for record in alone)


def test_a_mutant_is_patched_only_inside_its_block() -> None:
    original = gp_choice.register_choice
    with mutants.applied("outbox-before-commit"):
        assert gp_choice.register_choice is not original
    assert gp_choice.register_choice is original


def test_overlapping_blocks_of_a_mutant_on_two_threads_leave_no_patch_behind() -> None:
    # A Dask worker in the explorer's own process runs two schedules of one mutant at once. The
    # blocks here end in the order they began, which used to leave the mutant in for good: the
    # second block had kept the first's patch as the original to put back.
    original = gp_choice.register_choice
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    patched_inside: list[bool] = []

    def first() -> None:
        with mutants.applied("outbox-before-commit"):
            first_in.set()
            second_in.wait(10)
            patched_inside.append(gp_choice.register_choice is not original)
        first_out.set()

    def second() -> None:
        first_in.wait(10)
        with mutants.applied("outbox-before-commit"):
            second_in.set()
            first_out.wait(10)
            # the first block has ended: this one still runs the mutant
            patched_inside.append(gp_choice.register_choice is not original)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert first_in.is_set() and second_in.is_set() and first_out.is_set()
    assert patched_inside == [True, True]
    assert gp_choice.register_choice is original


def test_serve_and_simulate_never_load_a_mutant(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from sandbox.cli import app\n"
        "from sandbox.app import create_app\n"
        "from sandbox.simulation.run import run_scenario\n"
        "from sandbox.worlds.scenario import load_scenario\n"
        "create_app()\n"
        "s = load_scenario('scenarios/smoke.yaml')\n"
        "from dataclasses import replace\n"
        "run_scenario(replace(s, duration_days=1, population=300), "
        f"__import__('pathlib').Path({str(tmp_path)!r}), html=False)\n"
        "assert not [m for m in sys.modules if m.startswith('sandbox.explore')], 'loaded'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_mutate_reports_killed_and_surviving_mutants(tmp_path: Path) -> None:
    from sandbox.explore.features import mutate

    folder = tmp_path / "features"
    folder.mkdir()
    feature = ROOT / "features" / "cpr" / "udforsket-omnummerering.feature"
    (folder / feature.name).write_text(feature.read_text(encoding="utf-8"), encoding="utf-8")
    scores = mutate(["renumbering-forgets-group", "samlever-ignores-address"], folder)
    assert [(score.mutant, score.killed) for score in scores] == [
        ("renumbering-forgets-group", True),
        ("samlever-ignores-address", False),
    ]


def test_the_same_exploration_writes_the_same_files(tmp_path: Path) -> None:
    from sandbox.explore.findings import explore

    for name in ("a", "b"):
        explore(
            "scenarios/smoke.yaml", 30, mutant="renumbering-forgets-group", reports=tmp_path / name
        )
    for file in (
        "minimal.feature",
        "minimal.jsonl",
        "original.jsonl",
        "summary.json",
        "report.html",
    ):
        texts = [(tmp_path / n / "smoke-20250409" / file).read_text(encoding="utf-8") for n in "ab"]
        # the rerun command names the folder it was written to; nothing else may differ
        assert texts[0].replace(str(tmp_path / "a"), "") == texts[1].replace(
            str(tmp_path / "b"), ""
        )
