"""The bus's own cost: making events and commands, a command through the bus, an event through it.

    .venv/bin/python benchmarks/bench_bus.py [--rounds 5] [--json out.json]

Three parts, each the best of ``--rounds`` repetitions, in CPU nanoseconds (`time.process_time`):

- **making**: the tree's event and command classes against the same fields as a plain
  ``@dataclass(frozen=True, slots=True)`` (what they were before `sandbox.service.messages`)
  and as a plain slotted class (no freezing: the floor), all made in this run;
- **a command**: one that does nothing, through a bus with the audit journal and a journal that
  counts, as the simulator's (per command: the clock held, journals, savepoint, authorization,
  commit);
- **an event**: a command whose handler emits 20 events of a kind no handler acts on, and 20
  of a kind one handler acts on (doing nothing), per event beyond the command's own cost.

To compare two trees, run the script from each (the ``sandbox`` package is imported from the tree
the script lies in; `make_bus` copes with a tree without `sandbox.service.messages`).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox.adapters.clock import ManualClock  # noqa: E402
from sandbox.domain.geography import load_geography  # noqa: E402
from sandbox.domain.model import Actor, CaseType  # noqa: E402
from sandbox.parameters import default_parameters  # noqa: E402
from sandbox.service import commands, events  # noqa: E402
from sandbox.service.audit import AuditJournal  # noqa: E402
from sandbox.service.bus import MessageBus  # noqa: E402
from sandbox.service.store import Store  # noqa: E402
from sandbox.service.unit_of_work import UnitOfWork  # noqa: E402

try:  # this branch's decorator; an older tree's commands are plain frozen dataclasses
    from sandbox.service.messages import message
except ImportError:  # pragma: no cover - only when run from an older tree
    message = dataclasses.dataclass(frozen=True, slots=True)

SYSTEM = Actor.system()
ON = date(2025, 3, 1)
# what is made, with its arguments: the year's most common events and commands
MADE: list[tuple[type, tuple[Any, ...]]] = [
    (events.CaseCompleted, ("F00000001", CaseType.CARD_ORDER)),
    (events.CaseCreated, ("F00000001", CaseType.CARD_ORDER, "0101", "0101011234")),
    (events.HealthCardOrdered, ("F00000001", "0101011234", True, False)),
    (events.CaseRegisteredInLuna, ("F00000001", "L00000001", 1)),
    (events.GpChosen, ("F00000001", "0101011234", "100001", ON)),
    (events.LetterWritten, ("B00000001", "F00000001", "0101011234", "gp_choice")),
    (commands.ChooseGp, (SYSTEM, "0101011234", "100001")),
    (commands.RelayOutbox, (SYSTEM,)),
]


def best(rounds: int, number: int, run: Callable[[], None]) -> float:
    """The best of ``rounds`` timings of ``run`` (which does ``number`` things): ns a thing."""
    times = []
    for _ in range(rounds):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times) / number * 1e9


def twins(kind: type) -> tuple[type, type]:
    """``kind``'s fields as a plain frozen slotted dataclass, and as a plain slotted class."""
    specs = [(f.name, f.type, f) for f in dataclasses.fields(kind)]
    frozen = dataclasses.make_dataclass(kind.__name__, specs, frozen=True, slots=True)
    plain = dataclasses.make_dataclass(kind.__name__, specs, slots=True)
    return frozen, plain


def making(rounds: int, number: int = 200_000) -> list[dict[str, Any]]:
    rows = []
    for kind, args in MADE:
        frozen, plain = twins(kind)
        timed = {}
        for name, made in (("tree", kind), ("frozen dataclass", frozen), ("plain", plain)):

            def run(made: Any = made, args: tuple[Any, ...] = args) -> None:
                for _ in range(number):
                    made(*args)

            timed[name] = best(rounds, number, run)
        rows.append({"class": kind.__name__, "fields": len(args), **timed})
    return rows


@message
class Idle(commands.Command):
    """A command that makes ``quiet`` events no handler acts on and ``heard`` ones one does."""

    quiet: int = 0
    heard: int = 0


def idle(command: Idle, uow: UnitOfWork) -> None:
    emit = uow.emit
    for _ in range(command.quiet):
        emit(events.CaseRegisteredInLuna("F00000001", "L00000001", 1))
    for _ in range(command.heard):
        emit(events.CaseCompleted("F00000001", CaseType.BIRTH))


class Counts:
    """A journal as the simulator's: it counts commands, events by kind and decisions."""

    sees_decisions = True

    def __init__(self) -> None:
        self.commands = self.decisions = 0
        self.events: dict[type, int] = {}

    def command(self, command: Any, uow: Any) -> None:
        self.commands += 1

    def event(self, event: Any, uow: Any) -> None:
        kind = type(event)
        self.events[kind] = self.events.get(kind, 0) + 1

    def watch(self, kind: type, uow: Any) -> Callable[[Any], None]:
        counts = self.events
        counts.setdefault(kind, 0)

        def count(event: Any) -> None:
            counts[kind] += 1

        return count

    def decision(self, subject: str, decision: Any, uow: Any) -> None:
        self.decisions += 1

    def error(self, command: Any, error: Any, uow: Any) -> None: ...


def make_bus() -> MessageBus:
    uow = UnitOfWork(
        registry=Store(),
        parameters=default_parameters(),
        geography=load_geography(),
        clock=ManualClock(datetime.combine(ON, clock_time(9, 0))),
        luna=None,  # type: ignore[arg-type]  # nothing here registers anything
    )
    nothing: Callable[[Any, UnitOfWork], None] = lambda event, uow: None  # noqa: E731
    return MessageBus(
        uow, {Idle: idle}, {events.CaseCompleted: [nothing]}, [AuditJournal(), Counts()]
    )


def through_the_bus(rounds: int, number: int = 20_000, per: int = 20) -> dict[str, float]:
    bus = make_bus()
    bare, quiet, heard = Idle(SYSTEM), Idle(SYSTEM, quiet=per), Idle(SYSTEM, heard=per)
    timed = {}
    for name, command in (("command", bare), ("quiet", quiet), ("heard", heard)):

        def run(command: Idle = command) -> None:
            handle = bus.handle
            for _ in range(number):
                handle(command)

        timed[name] = best(rounds, number, run)
    return {
        "a command (ns)": timed["command"],
        "an event no handler acts on (ns)": (timed["quiet"] - timed["command"]) / per,
        "an event with one handler (ns)": (timed["heard"] - timed["command"]) / per,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    made = making(args.rounds)
    print(f"sandbox from {Path(sys.modules['sandbox'].__file__ or '').parent}")
    print("| made | fields | this tree (ns) | frozen dataclass (ns) | plain class (ns) | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in made:
        ratio = row["tree"] / row["frozen dataclass"]
        print(
            f"| {row['class']} | {row['fields']} | {row['tree']:.0f} | "
            f"{row['frozen dataclass']:.0f} | {row['plain']:.0f} | {ratio:.2f} |"
        )
    bus = through_the_bus(args.rounds)
    for name, value in bus.items():
        print(f"{name}: {value:.0f}")
    if args.json:
        args.json.write_text(json.dumps({"made": made, "bus": bus}, indent=1))


if __name__ == "__main__":
    main()
