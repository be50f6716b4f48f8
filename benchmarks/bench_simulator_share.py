"""The simulator's own share of a run, in CPU seconds: what it costs outside the service.

    .venv/bin/python benchmarks/bench_simulator_share.py SCENARIO --days N
    PYTHONPATH=<a base tree> .venv/bin/python <base tree>/../bench_simulator_share.py ...

Runs the scenario once (build not counted) with `time.process_time` (CPU, not wall time: the
figures stay comparable when other processes share the cores) around the bus's ``handle``,
the invariants after each command (`Invariants.check_touched`), the morning's check of closed
practices, the evening's timeline, the case workers' stuck cases, the resident picker, the
fake CPR's mirror, the practices near a home and the free choices, and counts the cyclic
collector's time (`gc.callbacks`); after the run, the full invariant scan. Then it replays
every journal call of the run (commands, events, decisions) through fresh journals
(`RunStats` with its timeline, the invariants' `TouchJournal`; behind one `SimJournal` where
the code has it) and through no journals, three times each, and reports the fastest: the
journals' own cost, with the calls the bus makes to them, is the difference. Prints one JSON
object.

Before/after: run it with the base's sources first on ``PYTHONPATH`` (from a directory that
holds no ``sandbox``, so the base is imported), then without, alternately, and compare the
CPU figures of the same scenario; the counts show both runs did the same work.

With ``--lookups`` it also counts the store's case look-ups (``find_case``, ``has_case``) made
inside each timed part and inside the bus (where the journals run): figures that the machine's
load does not move. The counting wraps the store's methods, so that run's CPU figures are not
to be compared with a run without it.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import sandbox
from sandbox.simulation import journal as journal_module
from sandbox.simulation import world as world_module
from sandbox.simulation.invariants import TouchJournal
from sandbox.simulation.journal import RunStats
from sandbox.simulation.processes import casework
from sandbox.simulation.processes import practices as practice_processes
from sandbox.worlds.scenario import load_scenario


class Recorder:
    """A bus journal that keeps every call, to be replayed through other journals."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def command(self, command: Any, uow: Any) -> None:
        self.calls.append(("command", (command,)))

    def event(self, event: Any, uow: Any) -> None:
        self.calls.append(("event", (event,)))

    def decision(self, subject: str, decision: Any, uow: Any) -> None:
        self.calls.append(("decision", (subject, decision)))

    def error(self, command: Any, error: Any, uow: Any) -> None:
        return None


INSIDE = ["outside"]  # the timed part running now, innermost last (for `count_case_lookups`)


def timed(spent: dict[str, float], key: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        INSIDE.append(key)
        try:
            return function(*args, **kwargs)
        finally:
            INSIDE.pop()
            spent[key] = spent.get(key, 0.0) + time.process_time() - started

    return wrapper


def count_case_lookups(world: Any) -> dict[str, int]:
    """Counts the store's ``find_case`` and ``has_case`` calls by the timed part they are made
    in (``bus``: the commands, with the journals the bus calls)."""
    counts: dict[str, int] = {}
    store = type(world.registry)
    for name in ("find_case", "has_case"):
        method = getattr(store, name)

        def counted(self: Any, *args: Any, method: Any = method) -> Any:
            key = INSIDE[-1]
            counts[key] = counts.get(key, 0) + 1
            return method(self, *args)

        setattr(store, name, counted)
    return counts


class ListedOnCounter:
    """Counts the store's ``listed_on`` questions asked inside the morning's check of closed
    practices (the `Store` is slotted: its class's method is wrapped, for this process)."""

    def __init__(self, check: Callable[..., Any]) -> None:
        self.inside = False
        self.calls = 0
        self._check = check

    def check(self, *args: Any) -> Any:
        self.inside = True
        try:
            return self._check(*args)
        finally:
            self.inside = False


def count_listed_on(world: Any, check: Callable[..., Any]) -> ListedOnCounter:
    counter = ListedOnCounter(check)
    store = type(world.registry)
    listed_on = store.listed_on

    def counted(self: Any, *args: Any) -> Any:
        counter.calls += counter.inside
        return listed_on(self, *args)

    store.listed_on = counted
    return counter


def replay(world: Any, calls: list[tuple[str, tuple[Any, ...]]], idle: bool) -> float:
    stats: Any = RunStats(world)
    touch: Any = TouchJournal()
    # the simulator's journals as its World puts them on the bus: one `SimJournal` over both
    # where the code has it (round 5), else the two side by side; the idle loop calls none,
    # so a call the bus makes to a journal counts to the journals' cost
    one = getattr(journal_module, "SimJournal", None)
    journals: tuple[Any, ...] = (stats, touch) if one is None else (one(stats, touch),)
    if idle:
        journals = ()
    uow = world.bus.uow
    started = time.process_time()
    for kind, args in calls:
        for journal in journals:
            getattr(journal, kind)(*args, uow)
        if kind == "command" and not idle:  # as `check_touched` does after each command
            for name in ("cprs", "cases", "letters", "cards", "luna_keys", "registered"):
                held = getattr(touch, name, None)  # the lists the code at hand has
                if held is not None:
                    held.clear()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", type=Path)
    parser.add_argument("--days", type=int, required=True)
    parser.add_argument("--lookups", action="store_true", help="count the case look-ups")
    args = parser.parse_args()
    scenario = replace(load_scenario(args.scenario), duration_days=args.days)
    recorder = Recorder()
    world = world_module.World(scenario, observers=(recorder,))
    world.invariants.stop = False
    spent: dict[str, float] = {}
    world.bus.handle = timed(spent, "bus", world.bus.handle)  # type: ignore[method-assign]
    invariants = world.invariants
    invariants.check_touched = timed(spent, "invariants_after_commands", invariants.check_touched)  # type: ignore[method-assign]
    world.stats.end_of_day = timed(spent, "evening_timeline", world.stats.end_of_day)  # type: ignore[method-assign]
    world.pick_resident = timed(spent, "pick_resident", world.pick_resident)  # type: ignore[method-assign]
    world.cpr_person = timed(spent, "cpr_mirror", world.cpr_person)  # type: ignore[method-assign]
    world.practices_near = timed(spent, "practices_near", world.practices_near)  # type: ignore[method-assign]
    closed = timed(spent, "closed_practices_check", invariants.check_closed_practices)
    queries = count_listed_on(world, closed)
    invariants.check_closed_practices = queries.check  # type: ignore[method-assign]
    casework.stuck_cases = timed(spent, "stuck_cases", casework.stuck_cases)  # type: ignore[assignment]
    practice_processes.free_choices = timed(spent, "free_choices", practice_processes.free_choices)  # type: ignore[assignment]
    lookups = count_case_lookups(world) if args.lookups else None
    collector = {"seconds": 0.0, "runs": 0, "started": 0.0}

    def on_collect(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            collector["started"] = time.process_time()
        else:
            collector["seconds"] += time.process_time() - collector["started"]
            collector["runs"] += 1

    gc.callbacks.append(on_collect)
    started = time.process_time()
    world.run()
    run = time.process_time() - started
    gc.callbacks.remove(on_collect)
    in_run = dict(lookups) if lookups is not None else None  # the final scan's not counted
    morning_queries = queries.calls  # the full scan below asks for every closed practice
    started = time.process_time()
    invariants.check_all()  # the full scan after the last day, as bench_simulation.py runs it
    final_scan = time.process_time() - started
    journals = min(replay(world, recorder.calls, idle=False) for _ in range(3))
    idle = min(replay(world, recorder.calls, idle=True) for _ in range(3))
    print(
        json.dumps(
            {
                "code": str(Path(sandbox.__file__).parents[1]),
                "scenario": scenario.name,
                "population": scenario.population,
                "days": scenario.duration_days,
                "run_cpu_s": round(run, 2),
                "bus_cpu_s": round(spent["bus"], 2),
                "outside_bus_cpu_s": round(run - spent["bus"], 2),
                **{f"{key}_cpu_s": round(value, 3) for key, value in spent.items() if key != "bus"},
                "closed_practices_store_queries": morning_queries,
                "final_scan_cpu_s": round(final_scan, 3),
                "cyclic_collector_cpu_s": round(collector["seconds"], 3),
                "cyclic_collections": collector["runs"],
                "journals_cpu_s": round(journals - idle, 3),
                "journal_calls": len(recorder.calls),
                "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                "commands": sum(world.stats.commands.values()),
                "bus_events": sum(world.stats.events.values()),
                "cases": world.registry.case_count(),
                "letters": world.registry.letter_count(),
                "invariant_checks": sum(world.invariants.counts().values()),
                "invariant_violations": len(world.invariants.violations),
                **({} if in_run is None else {"case_lookups_in_run": in_run}),
            }
        )
    )


if __name__ == "__main__":
    main()
