"""Shrink a failing schedule to the fewest steps that still break the same invariant.

Delta debugging over the steps (remove halves, then smaller chunks, down to single steps), then
simplification: CPR events read at once (a late one's delay dropped, which also restores the
feed's order), fewer days between steps, shorter waits, practice events due sooner, persons
and practices renumbered to the fewest addresses. Every candidate is replayed from scratch
(deterministic); one that names a removed person is simply not kept. The budget bounds the
replays; the decisions made are kept for the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sandbox.explore.schedule import Schedule, Step
from sandbox.explore.world import InvalidSchedule, run_schedule

DEFAULT_BUDGET = 3000


@dataclass(slots=True)
class Shrunk:
    """Krympet - the smallest failing schedule found, and how it was found."""

    schedule: Schedule
    tries: int = 0
    decisions: list[str] = field(default_factory=list)
    exhausted: bool = False


class Shrinker:
    """Krymper - replays candidates against one invariant within a budget."""

    def __init__(
        self,
        invariant: str,
        budget: int = DEFAULT_BUDGET,
        on_try: Callable[[int, int], None] | None = None,
    ) -> None:
        self.invariant = invariant
        self.budget = budget
        self.on_try = on_try
        self.tries = 0

    def fails(self, candidate: Schedule) -> bool:
        if self.tries >= self.budget:
            return False
        self.tries += 1
        try:
            outcome = run_schedule(candidate)
        except InvalidSchedule:
            return False
        if self.on_try is not None:
            self.on_try(self.tries, len(candidate.steps))
        return outcome.problem is not None and outcome.problem.invariant == self.invariant


def shrink(
    schedule: Schedule,
    invariant: str,
    budget: int = DEFAULT_BUDGET,
    on_try: Callable[[int, int], None] | None = None,
) -> Shrunk:
    """The smallest schedule (by steps, then by days and numbers) that still breaks it."""
    shrinker = Shrinker(invariant, budget, on_try)
    result = Shrunk(schedule)
    steps = _cut_to_failure(schedule, result)
    steps = _ddmin(schedule, steps, shrinker, result)
    steps = _without_names(schedule, steps, shrinker, result)
    steps = _ddmin(schedule, steps, shrinker, result)
    steps = _on_time(schedule, steps, shrinker, result)
    steps = _simplify(schedule, steps, shrinker, result)
    result.schedule = schedule.with_steps(steps)
    result.tries = shrinker.tries
    result.exhausted = shrinker.tries >= budget
    return result


def _cut_to_failure(schedule: Schedule, result: Shrunk) -> list[Step]:
    """Nothing after the failing step matters: drop it first."""
    outcome = run_schedule(schedule)
    steps = list(schedule.steps)
    if outcome.step_index is not None and outcome.step_index + 1 < len(steps):
        result.decisions.append(
            f"fjernede {len(steps) - outcome.step_index - 1} trin efter bruddet / dropped the "
            "steps after the failure"
        )
        steps = steps[: outcome.step_index + 1]
    return steps


def _ddmin(schedule: Schedule, steps: list[Step], shrinker: Shrinker, result: Shrunk) -> list[Step]:
    chunk = max(len(steps) // 2, 1)
    while chunk >= 1:
        start, removed = 0, False
        while start < len(steps):
            candidate = steps[:start] + steps[start + chunk :]
            if candidate and shrinker.fails(schedule.with_steps(candidate)):
                gone = ", ".join(_describe(s) for s in steps[start : start + chunk])
                result.decisions.append(f"fjernede / removed: {gone}")
                steps, removed = candidate, True
            else:
                start += chunk
        if not removed:
            chunk //= 2
    return steps


def _without_names(
    schedule: Schedule, steps: list[Step], shrinker: Shrinker, result: Shrunk
) -> list[Step]:
    """Fewer persons and practices: drop one with every step that mentions it."""
    names = [str(s.args["name"]) for s in steps if s.do in ("person", "practice")]
    for name in names:
        candidate = [s for s in steps if s.args.get("name") != name and name not in s.names()]
        if candidate and shrinker.fails(schedule.with_steps(candidate)):
            result.decisions.append(f"uden / without {name}")
            steps = candidate
    return steps


def _on_time(
    schedule: Schedule, steps: list[Step], shrinker: Shrinker, result: Shrunk
) -> list[Step]:
    """CPR events delivered at once and in order where the failure does not need the delay:
    all of them, else one at a time; then the deliveries left with nothing to deliver."""
    late = [i for i, s in enumerate(steps) if s.args.get("late")]
    for chosen in ([late] if len(late) > 1 else []) + [[i] for i in late]:
        if not all(steps[i].args.get("late") for i in chosen):
            continue
        candidate = [_read_at_once(s) if i in chosen else s for i, s in enumerate(steps)]
        if shrinker.fails(schedule.with_steps(candidate)):
            gone = ", ".join(_describe(steps[i]) for i in chosen)
            result.decisions.append(f"læst straks / read at once: {gone}")
            steps = candidate
    return _ddmin(schedule, steps, shrinker, result) if late else steps


def _read_at_once(step: Step) -> Step:
    return replace(step, args={k: v for k, v in step.args.items() if k != "late"})


def _simplify(
    schedule: Schedule, steps: list[Step], shrinker: Shrinker, result: Shrunk
) -> list[Step]:
    """Smaller numbers where the failure does not need them: days, waits, addresses."""
    changes: list[tuple[str, Callable[[list[Step]], list[Step]]]] = [
        ("færre dage / fewer days", _compact_days),
        ("kortere frister / sooner practice events", _sooner_events),
        ("kortere ventetid / shorter waits", _shorter_waits),
        ("færre adresser / fewer addresses", _fewer_addresses),
    ]
    for label, change in changes:
        candidate = change(steps)
        if candidate != steps and shrinker.fails(schedule.with_steps(candidate)):
            result.decisions.append(label)
            steps = candidate
    return steps


def _compact_days(steps: list[Step]) -> list[Step]:
    """Each day with steps right after the previous one (a gap of 40 days stays 40 only if
    shortening it would lose the failure: tried as one change)."""
    days = sorted({s.day for s in steps})
    new = {day: index for index, day in enumerate(days)}
    return [replace(s, day=new[s.day]) for s in steps]


def _sooner_events(steps: list[Step]) -> list[Step]:
    return [
        replace(s, args={**s.args, "in_days": 0}) if s.do == "practice_event" else s for s in steps
    ]


def _shorter_waits(steps: list[Step]) -> list[Step]:
    return [replace(s, args={**s.args, "minutes": 1}) if s.do == "minutes" else s for s in steps]


def _fewer_addresses(steps: list[Step]) -> list[Step]:
    numbers = sorted(
        {int(s.args["number"]) for s in steps if "number" in s.args and s.do != "practice"}
    )
    new = {number: index + 1 for index, number in enumerate(numbers)}
    return [
        replace(s, args={**s.args, "number": new[int(s.args["number"])]})
        if "number" in s.args and s.do != "practice"
        else s
        for s in steps
    ]


def _describe(step: Step) -> str:
    args = " ".join(f"{key}={value}" for key, value in step.args.items())
    return f"dag {step.day} {step.do} {args}".strip()
