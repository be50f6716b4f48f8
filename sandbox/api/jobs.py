"""The system's background jobs, and moving a namespace's clock through them.

Advancing the clock runs whatever falls due on the way, in time order: the LUNA outbox's
retries at the moment each is due, and at every midnight the daily jobs (reading the CPR feed
when the namespace delivers CPR daily, winding up practice events whose free period ended, the
"Manglende lægevalg" work: completing, cancelling or assigning after the deadline).
So an integrator who advances a week sees what a week of the real system would have done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import partial
from typing import Any

from sandbox.api.world import SandboxWorld
from sandbox.domain.errors import SandboxError
from sandbox.domain.model import Actor
from sandbox.service import bootstrap, commands
from sandbox.simulation.journal import jsonable

MAX_ADVANCE = timedelta(days=3660)
MAX_RELAY_ROUNDS = 5


# the jobs and the daily ones are wired in the one table, sandbox.service.bootstrap
JOBS: dict[str, Callable[[], commands.Command]] = {
    name: partial(command, Actor.system()) for name, command in bootstrap.JOBS.items()
}
DAILY = bootstrap.DAILY_JOBS


@dataclass(frozen=True, slots=True)
class JobRun:
    """Kørsel - one run of a background job: when, and what it returned or refused.

    ``busy`` tells a run that did something (a relay with registrations due, a feed with new
    events, a daily job that changed a case) from the many quiet ones of a long advance.
    """

    job: str
    at: datetime
    result: Any = None
    error: dict[str, Any] | None = None
    busy: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "job": self.job,
            "at": self.at.isoformat(),
            "result": jsonable(self.result),
            "error": self.error,
        }


def _busy(result: Any) -> bool:
    """Whether a job's result says it did something: any non-empty field (the feed's position
    ``last_sequence`` aside, which is there even when nothing new came)."""
    data = jsonable(result)
    if isinstance(data, dict):
        return any(value for key, value in data.items() if key != "last_sequence")
    return bool(data)


def run_job(world: SandboxWorld, job: str, due: bool = False) -> JobRun:
    """Run one job now; a refusal is reported in the run, not raised. ``due``: the job ran
    because something was due (a relay's attempts count even when LUNA fails them)."""
    at = world.clock.now()
    try:
        result = world.send(JOBS[job]())
    except SandboxError as error:
        run = JobRun(job, at, error=error.to_dict(), busy=True)
    else:
        run = JobRun(job, at, result, busy=due or _busy(result))
    if run.busy:
        world.job_log.append(run.to_dict())
    return run


def _outbox_due(world: SandboxWorld, now: datetime) -> bool:
    due = world.uow.outbox.next_due_at()
    return due is not None and due <= now


def run_due(world: SandboxWorld) -> list[JobRun]:
    """Relay the outbox while anything in it is due now (a confirmed case may queue another:
    its card order), a few rounds at most."""
    runs: list[JobRun] = []
    while len(runs) < MAX_RELAY_ROUNDS and _outbox_due(world, world.clock.now()):
        runs.append(run_job(world, "relay-outbox", due=True))
    return runs


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
