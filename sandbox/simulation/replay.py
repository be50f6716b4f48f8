"""Replay: run a report's scenario and seed again and stop at one event or one case.

The report folder holds ``scenario.yaml`` as run; the same scenario and seed give the same run,
so the replay counts the replay log's lines the way the log did (its level decides which lines
count) and stops when line N has been written, or when the case is created, and shows the
command that was running then, with its decisions (rule, code, text, parameters), events and
errors, in Danish or English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sandbox.domain.decisions import Decision, Language
from sandbox.domain.errors import SandboxError, ScenarioError
from sandbox.jsonable import jsonable
from sandbox.service import views
from sandbox.service.commands import Command
from sandbox.service.events import CaseCreated, Event
from sandbox.service.unit_of_work import UnitOfWork
from sandbox.simulation.invariants import InvariantViolation
from sandbox.simulation.world import StopRun, World
from sandbox.worlds.scenario import load_scenario


@dataclass(slots=True)
class Capture:
    """What one command did: its lines as the replay log numbered them."""

    command: Command
    first_sequence: int
    lines: list[tuple[int, str, Any]] = field(default_factory=list)


class StopAt:
    """A bus journal that numbers lines like the replay log and stops the world at the target."""

    def __init__(self, level: str, event: int | None, case_id: str | None) -> None:
        self.events = level == "full"
        self.decisions = level in ("full", "decisions")
        self.target_event = event
        self.target_case = case_id
        self.sequence = 0
        self.current: Capture | None = None
        self.hit: Capture | None = None
        self.world: World | None = None

    def _line(self, kind: str, item: Any, counted: bool) -> None:
        if counted:
            self.sequence += 1
        if self.current is not None:
            self.current.lines.append((self.sequence if counted else 0, kind, item))
        if (
            self.hit is None
            and counted
            and self.target_event is not None
            and self.sequence >= self.target_event
        ):
            self._stop(f"event {self.target_event}")

    def _stop(self, why: str) -> None:
        self.hit = self.current
        if self.world is not None:
            self.world.request_stop(why)

    def command(self, command: Command, uow: UnitOfWork) -> None:
        if self.hit is None:
            self.current = Capture(command, self.sequence + 1)
        self._line("command", command, True)

    def event(self, event: Event, uow: UnitOfWork) -> None:
        self._line("event", event, self.events)
        if (
            self.hit is None
            and isinstance(event, CaseCreated)
            and event.case_id == self.target_case
        ):
            self._stop(f"case {self.target_case}")

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        self._line("decision", (subject, decision), self.decisions)

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None:
        self._line("error", error, True)


@dataclass(slots=True)
class ReplayResult:
    """Genafspilning - where the replay stopped, and what was happening."""

    stopped: bool
    at: str
    capture: Capture | None
    case: dict[str, Any] | None
    violation: InvariantViolation | None


def replay(folder: Path, event: int | None = None, case_id: str | None = None) -> ReplayResult:
    path = folder / "scenario.yaml"
    if not path.is_file():
        raise ScenarioError(
            path=str(folder),
            problem_da="mappen har ingen scenario.yaml (er det en rapportmappe fra sandbox?)",
            problem_en="the folder has no scenario.yaml (is it a sandbox report folder?)",
        )
    scenario = load_scenario(path)
    stop = StopAt(scenario.log, event, case_id)
    world = World(scenario, observers=(stop,))
    stop.world = world
    violation = None
    stopped = False
    try:
        world.run()
    except StopRun:
        stopped = True
    except InvariantViolation as found:
        violation = found
    case = None
    if case_id is not None and views.has_case(world.bus.uow, case_id):
        case = jsonable(views.find_case(world.bus.uow, case_id))
    capture = stop.hit or (stop.current if violation is not None else None)
    return ReplayResult(stopped, world.clock.now().isoformat(), capture, case, violation)


def describe(result: ReplayResult, language: Language = "da") -> list[str]:
    """The replay's story as lines of text, in Danish or English."""
    da = language == "da"
    lines = [f"{'Stoppet' if da else 'Stopped'} {result.at}"]
    if result.violation is not None:
        lines.append(f"{'Invariant brudt' if da else 'Invariant violated'}: {result.violation}")
    capture = result.capture
    if capture is None:
        lines.append("Intet fundet." if da else "Nothing found.")
        return lines
    lines.append(
        f"{'Kommando' if da else 'Command'} #{capture.first_sequence}: "
        f"{type(capture.command).__name__} {jsonable(capture.command)}"
    )
    for sequence, kind, item in capture.lines[1:]:
        mark = f"#{sequence} " if sequence else ""
        if kind == "decision":
            subject, decision = item
            verdict = (
                ("tilladt" if da else "allowed")
                if decision.allowed
                else ("afvist" if da else "refused")
            )
            lines.append(f"  {mark}{'Afgørelse' if da else 'Decision'} {subject}: {verdict}")
            for reason in decision.reasons:
                uses = ", ".join(
                    f"{u.name}={u.value} ({'fra' if da else 'from'} {u.effective_from})"
                    for u in reason.parameters
                )
                lines.append(f"      [{reason.rule_id} {reason.code}] {reason.text(language)}")
                lines.append(f"        {'kilde' if da else 'source'}: {reason.source}")
                if uses:
                    lines.append(f"        {'parametre' if da else 'parameters'}: {uses}")
        elif kind == "event":
            lines.append(
                f"  {mark}{'Hændelse' if da else 'Event'} {type(item).__name__} {jsonable(item)}"
            )
        elif kind == "error":
            text = item.message_da if da else item.message_en
            lines.append(f"  {mark}{'Fejl' if da else 'Error'} {item.code}: {text}")
    if result.case is not None:
        lines.append(f"{'Forløb' if da else 'Case'}: {result.case}")
    return lines
