"""Skema - a recorded schedule: the small world and the steps, as JSON Lines (minimal.jsonl).

The first line is the header (scenario, seeds, start date, municipality, mutant); every other
line is one step ``{"day": N, "do": KIND, ...}``: setting up a practice or a person, a command
(a GP choice, a samlever declaration), a CPR event the system then reads (or, ``"late": true``,
one CPR holds back until a later ``cpr_release``: delayed, and delivered after the events
recorded meanwhile), a practice event, a LUNA fault, or time passing. The same schedule always
runs the same way (`sandbox.explore.world`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sandbox.domain.errors import ScenarioError

SETUP_KINDS = ("practice", "person", "listed", "opted_out")
ACTION_KINDS = (
    "choose",
    "samlever",
    "move",
    "renumber",
    "cpr_release",
    "practice_event",
    "deadlines",
    "group",
    "card",
    "luna_down",
    "luna_lost",
    "luna_fault",
    "luna_up",
    "minutes",
)
KINDS = SETUP_KINDS + ACTION_KINDS
# which arguments of a step name a person or a practice (so a step can be checked and renamed)
PERSON_ARGS = ("person", "samlever")
PRACTICE_ARGS = ("practice",)


@dataclass(frozen=True, slots=True)
class Step:
    """Trin - one thing that happens on a day of the schedule."""

    day: int
    do: str
    args: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day, "do": self.do, **self.args}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Step:
        rest = {k: v for k, v in data.items() if k not in ("day", "do")}
        return cls(int(data.get("day", 0)), str(data["do"]), rest)

    def names(self) -> tuple[str, ...]:
        """The persons and practices the step refers to (not those it introduces)."""
        return tuple(str(self.args[k]) for k in PERSON_ARGS + PRACTICE_ARGS if k in self.args)


@dataclass(frozen=True, slots=True)
class Schedule:
    """Skema - the header and the steps, in the order they happen."""

    scenario: str
    seed: int
    interleaving: int
    start: date
    municipality: str
    steps: tuple[Step, ...]
    mutant: str | None = None

    def with_steps(self, steps: tuple[Step, ...] | list[Step]) -> Schedule:
        return replace(self, steps=tuple(steps))

    @property
    def actions(self) -> int:
        return sum(1 for s in self.steps if s.do in ACTION_KINDS)

    def header(self) -> dict[str, Any]:
        return {
            "schedule": "sygesikring-explore/1",
            "scenario": self.scenario,
            "seed": self.seed,
            "interleaving": self.interleaving,
            "start": self.start.isoformat(),
            "municipality": self.municipality,
            "mutant": self.mutant,
        }

    def to_jsonl(self) -> str:
        lines = [self.header(), *(step.to_dict() for step in self.steps)]
        return "".join(
            json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n" for line in lines
        )

    def write(self, path: Path) -> None:
        path.write_text(self.to_jsonl(), encoding="utf-8")


def is_schedule(path: Path) -> bool:
    """Whether ``path`` is a schedule file (minimal.jsonl), as opposed to a report folder."""
    if not path.is_file():
        return False
    with path.open(encoding="utf-8") as stream:
        first = stream.readline()
    return '"schedule": "sygesikring-explore/' in first


def read_schedule(path: Path) -> Schedule:
    """Read minimal.jsonl; a broken file is a `ScenarioError` naming the line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ScenarioError(
            path=str(path),
            problem_da=f"filen kan ikke læses ({error.strerror})",
            problem_en=f"cannot read the file ({error.strerror})",
        ) from None
    try:
        items = [json.loads(line) for line in lines if line.strip()]
        head = items[0]
        steps = tuple(Step.from_dict(item) for item in items[1:])
        schedule = Schedule(
            str(head["scenario"]),
            int(head["seed"]),
            int(head["interleaving"]),
            date.fromisoformat(str(head["start"])),
            str(head["municipality"]),
            steps,
            head.get("mutant"),
        )
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise ScenarioError(
            path=str(path),
            problem_da=f"ikke et skema fra sandbox explore ({error})",
            problem_en=f"not a schedule written by sandbox explore ({error})",
        ) from None
    unknown = sorted({step.do for step in steps} - set(KINDS))
    if unknown:
        raise ScenarioError(
            path=str(path),
            problem_da=f"ukendte trin: {unknown}",
            problem_en=f"unknown steps: {unknown}",
        )
    return schedule
