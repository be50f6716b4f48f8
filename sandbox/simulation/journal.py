"""Journals of a run: the replay log (events.jsonl) and the counts behind summary.json.

Both see every command, event, decision and error through the bus (`sandbox.service.bus.Journal`),
in order, stamped with simulated time. Output is deterministic: sorted keys, no wall clock, no
set iteration.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from datetime import date, datetime
from enum import Enum
from typing import IO, Any

from sandbox.domain.decisions import Decision
from sandbox.domain.errors import RuleRefused, SandboxError
from sandbox.service.commands import Command
from sandbox.service.events import Event
from sandbox.service.unit_of_work import UnitOfWork


def jsonable(value: Any) -> Any:
    """Plain JSON data for a message: dataclasses by field, dates as ISO text, enums by value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


class ReplayLog:
    """events.jsonl - one JSON object per line, in the order things happened."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.sequence = 0

    def _write(self, uow: UnitOfWork, kind: str, name: str, data: Any) -> None:
        self.sequence += 1
        line = {"seq": self.sequence, "t": uow.now().isoformat(), "kind": kind, "type": name}
        line["data"] = data
        self.stream.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")

    def command(self, command: Command, uow: UnitOfWork) -> None:
        self._write(uow, "command", type(command).__name__, jsonable(command))

    def event(self, event: Event, uow: UnitOfWork) -> None:
        self._write(uow, "event", type(event).__name__, jsonable(event))

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        data = {
            "subject": subject,
            "allowed": decision.allowed,
            "conditions": list(decision.conditions),
            "reasons": [
                {
                    "rule_id": r.rule_id,
                    "code": r.code,
                    "fields": jsonable(dict(r.fields)),
                    "parameters": [p.to_dict() for p in r.parameters],
                }
                for r in decision.reasons
            ],
        }
        self._write(uow, "decision", "Decision", data)

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None:
        data = {"command": type(command).__name__, "code": error.code}
        if isinstance(error, RuleRefused):
            data["refusal_code"] = error.refusal_code
        self._write(uow, "error", type(error).__name__, data)


class RunStats:
    """Counts of what happened, for summary.json and the report."""

    def __init__(self) -> None:
        self.commands: Counter[str] = Counter()
        self.events: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.refusals: Counter[str] = Counter()
        self.refusal_texts: dict[str, tuple[str, str]] = {}
        self.decisions = 0

    def command(self, command: Command, uow: UnitOfWork) -> None:
        self.commands[type(command).__name__] += 1

    def event(self, event: Event, uow: UnitOfWork) -> None:
        self.events[type(event).__name__] += 1

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        self.decisions += 1

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None:
        self.errors[error.code] += 1
        if isinstance(error, RuleRefused):
            code = error.refusal_code
            self.refusals[code] += 1
            if code not in self.refusal_texts:
                reason = error.decision.reasons[0]
                self.refusal_texts[code] = (reason.text("da"), reason.text("en"))
