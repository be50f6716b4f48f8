"""The system's background jobs, and moving a namespace's clock through them.

Advancing the clock runs whatever falls due on the way, in time order: the LUNA outbox's
retries at the moment each is due, and at every midnight the daily jobs (reading the CPR feed
when the namespace delivers CPR daily, winding up practice events whose free period ended).
So an integrator who advances a week sees what a week of the real system would have done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sandbox.api.world import SandboxWorld
from sandbox.domain.errors import SandboxError
from sandbox.domain.model import Actor
from sandbox.service import commands
from sandbox.simulation.journal import jsonable

MAX_ADVANCE = timedelta(days=3660)


def _relay() -> commands.Command:
    return commands.RelayOutbox(Actor.system())


def _deadlines() -> commands.Command:
    return commands.ProcessPracticeEventDeadlines(Actor.system())


def _consume_cpr_feed() -> commands.Command:
    return commands.ConsumeCprFeed(Actor.system())


JOBS: dict[str, Callable[[], commands.Command]] = {
    "relay-outbox": _relay,
    "consume-cpr-feed": _consume_cpr_feed,
    "practice-event-deadlines": _deadlines,
}
DAILY = ("consume-cpr-feed", "practice-event-deadlines")


@dataclass(frozen=True, slots=True)
class JobRun:
    """Kørsel - one run of a background job: when, and what it returned or refused."""

    job: str
    at: datetime
    result: Any = None
    error: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "job": self.job,
            "at": self.at.isoformat(),
            "result": jsonable(self.result),
            "error": self.error,
        }

    @property
    def did_something(self) -> bool:
        if self.error is not None:
            return True
        data = jsonable(self.result)
        if isinstance(data, dict) and "applied" in data:  # the CPR feed: anything new?
            return bool(data["applied"] or data.get("skipped") or data.get("failed"))
        return bool(data)


def run_job(world: SandboxWorld, job: str) -> JobRun:
    """Run one job now; a refusal is reported in the run, not raised."""
    at = world.clock.now()
    try:
        result = world.bus.handle(JOBS[job]())
    except SandboxError as error:
        run = JobRun(job, at, error=error.to_dict())
    else:
        run = JobRun(job, at, result)
    if run.did_something:
        world.job_log.append(run.to_dict())
    return run


def _outbox_due(world: SandboxWorld, now: datetime) -> bool:
    due = world.uow.outbox.next_due_at()
    return due is not None and due <= now


def run_due(world: SandboxWorld) -> list[JobRun]:
    """Relay the outbox if anything in it is due now."""
    return [run_job(world, "relay-outbox")] if _outbox_due(world, world.clock.now()) else []


def after_cpr_change(world: SandboxWorld) -> None:
    """Called after a CPR life event: with immediate delivery the system reads the feed now."""
    if world.cpr_delivery == "immediate":
        run_job(world, "consume-cpr-feed")


def advance_to(world: SandboxWorld, target: datetime) -> list[JobRun]:
    """Move the clock to ``target``, running each job when it falls due on the way."""
    clock = world.clock
    runs = run_due(world)
    while clock.now() < target:
        now = clock.now()
        midnight = datetime.combine(now.date() + timedelta(days=1), time(0))
        step = min(target, midnight)
        due = world.uow.outbox.next_due_at()
        if due is not None and now < due < step:
            step = due
        clock.set(step)
        if step == midnight:
            runs.extend(run_job(world, job) for job in DAILY)
        runs.extend(run_due(world))
    return runs
