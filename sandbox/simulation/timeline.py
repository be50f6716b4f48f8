"""The day-by-day timeline of a run, for the report's plots.

Per simulated day: open cases by type and status, cases closed (by type and final status),
LUNA's backlog (registrations waiting in the outbox) and its latency (case created -> LUNA
confirmed, told by the invariants after each command: `Timeline.luna_confirmed`), letters,
card orders (physical, skipped, standalone) and refusals. Per practice event: how many of its
listed patients chose another practice while it was live (the free choice's uptake). Kept
incrementally: the open cases are visited each evening, closed ones once; a case is looked up
in the store on its first evening only and held after that.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from sandbox.domain.model import OPEN_CASE_STATUSES, Case, CaseStatus, CaseType
from sandbox.service import views
from sandbox.service.events import (
    CaseCreated,
    Event,
    GpChosen,
    LetterWritten,
    LunaAttemptFailed,
    PracticeEventRegistered,
)

if TYPE_CHECKING:
    from sandbox.simulation.world import World


class Timeline:
    """Tidslinje - what the report plots, one row per day."""

    def __init__(self, world: World, counts: dict[type[Event], int] | None = None) -> None:
        self.world = world
        # the run's count of events by type (`RunStats`): a day's cases created, letters and
        # failed LUNA attempts are what these counts grew by since the last evening, so the
        # journal calls nothing of the timeline's for those events (a national year: four
        # million of them)
        self._counts: dict[type[Event], int] = counts if counts is not None else {}
        self._counted: dict[type[Event], int] = {}
        self.days: list[dict[str, Any]] = []
        # the cases seen closed, by (type, status) (named when read: `closed`)
        self._closed_by: dict[tuple[CaseType, CaseStatus], int] = {}
        self.uptake: dict[str, dict[str, Any]] = {}
        # the cases created and not yet seen closed: None until the first evening looks the
        # case up (the command that made it may still have been rolled back), then the case
        self._open: dict[str, Case | None] = {}
        # the day's `CaseCreated` events, kept by the list's own append (the journal runs no
        # function of ours for each of a national year's 2.8 million) until the evening adds
        # their cases to those open, in the order they came
        self.created: list[CaseCreated] = []
        self._events_at: dict[str, list[str]] = {}
        self._today: Counter[str] = Counter()
        self._latency: list[float] = []
        # the event types the timeline plots, each with its method (a bus journal sees every
        # event: a national year's 13 million ask one dict here, not a chain of isinstance)
        self.on: dict[type[Event], Callable[[Any], None]] = {
            CaseCreated: self.created.append,
            GpChosen: self._gp_chosen,
            PracticeEventRegistered: self._practice_event,
        }

    @property
    def closed(self) -> Counter[str]:
        """The cases seen closed, by "type:status"."""
        return Counter(
            {f"{kind.value}:{status.value}": n for (kind, status), n in self._closed_by.items()}
        )

    def event(self, event: Event) -> None:
        """Note what the report plots of ``event`` (a table by type: most types plot nothing)."""
        on = self.on.get(type(event))
        if on is not None:
            on(event)

    def cards_ordered(self, physical: int, skipped: int, standalone: int) -> None:
        """A command ordered cards: physical and skipped automatic ones, standalone ones
        (told by the invariants after the command, which visit its `HealthCardOrdered` anyway:
        `Invariants.check_touched`)."""
        today = self._today
        today["cards_physical"] += physical
        today["cards_skipped"] += skipped
        today["cards_standalone"] += standalone

    def luna_confirmed(self, case: Case, now: datetime) -> None:
        """LUNA confirmed ``case``'s registration at ``now``: its latency, from when the case
        was queued for LUNA (a dispensation may come days later).

        Told by the invariants after the command (`Invariants.check_touched`), which found the
        case anyway, in the order of the command's `CaseRegisteredInLuna` events, not by the
        event itself: a national year registers 2.4 million cases, and this look-up of each was
        a second one. The clock stands still while a command runs, so ``now`` is the moment of
        the event; `queued_for_luna` gives the same answer after the relay completed the case."""
        self._latency.append((now - queued_for_luna(case)).total_seconds())

    def hold_created(self, found: dict[str, Case]) -> None:
        """The cases of the `CaseCreated` events noted since, as the invariants after the
        command found them (``found``, by case id), held open from now on, in the events'
        order: the evening visits them without looking them up (a case not found - its
        command failed and was taken back - is looked up on the evening, as before)."""
        held = self._open
        for event in self.created:
            case_id = event.case_id
            held[case_id] = found.get(case_id)
        self.created.clear()

    def refused(self, code: str) -> None:
        self._today["refusals"] += 1

    def backlog(self, waiting: int) -> None:
        """The relay saw ``waiting`` registrations in the outbox (the day's peak is kept)."""
        if waiting > self._today["luna_backlog_peak"]:
            self._today["luna_backlog_peak"] = waiting

    def _practice_event(self, event: PracticeEventRegistered) -> None:
        practice = views.find_practice(self.world.bus.uow, event.ydernummer)
        self.uptake[event.event_id] = {
            "event_id": event.event_id,
            "ydernummer": event.ydernummer,
            "kind": str(event.kind),
            "registered": self.world.clock.today().isoformat(),
            "effective": event.effective_date.isoformat(),
            "listed": practice.list_size if practice is not None else 0,
            "chose_another": 0,
        }
        self._events_at.setdefault(event.ydernummer, []).append(event.event_id)

    def _gp_chosen(self, event: GpChosen) -> None:
        if not self._events_at:
            return
        citizen = views.known_citizen(self.world.bus.uow, event.cpr)
        if citizen is None:
            return
        for listing in citizen.listing_history():
            if listing.valid_to == event.effective_date and listing.ydernummer != event.ydernummer:
                ids = self._events_at.get(listing.ydernummer)
                if ids:
                    self.uptake[ids[0]]["chose_another"] += 1
                return

    def end_of_day(self, day: int) -> None:
        world = self.world
        # counted by (type, status) and named once per kind: a national evening visits tens
        # of thousands of open cases, most of them the same few kinds; the closed ones are
        # dropped after the visit (no copy of the open ones made first). A case is looked up
        # on its first evening only: one that was there at an evening stays (a rollback takes
        # back only what the failing command made), so it is held from then on, and the
        # evenings after visit the case itself, not the store's index of millions of cases
        find, uow = views.find_case, world.bus.uow
        held = self._open
        # (the cases created by commands sent through `World.send` are held already, found
        # by the invariants after each: `hold_created`; any other's are looked up here)
        created = self.created
        if created:
            held.update(dict.fromkeys(map(_case_id, created)))
            created.clear()
        open_by: dict[tuple[CaseType, CaseStatus], int] = {}
        gone: list[str] = []
        # (a closed case too is counted by its (type, status) and named once per kind: the
        # names were made for each of the 2.8 million cases a national year closes; `is_open`
        # is read as what it is, the status among the open ones)
        open_statuses, closed_by = OPEN_CASE_STATUSES, self._closed_by
        for case_id, case in held.items():
            if case is None:
                case = find(uow, case_id)
                if case is None:
                    gone.append(case_id)
                    continue
                held[case_id] = case  # a value replaced, no key added: the visit goes on
            status = case.status
            kind = (case.case_type, status)
            if status in open_statuses:
                open_by[kind] = open_by.get(kind, 0) + 1
            else:
                closed_by[kind] = closed_by.get(kind, 0) + 1
                gone.append(case_id)
        for case_id in gone:
            del held[case_id]
        open_now = {f"{kind.value}:{status.value}": n for (kind, status), n in open_by.items()}
        latency = self._latency
        row: dict[str, Any] = {
            "day": day,
            "date": (world.scenario.start.toordinal() + day - 1),
            "open_cases": dict(sorted(open_now.items())),
            "closed_cases": dict(sorted(self.closed.items())),
            "luna_backlog": len(world.bus.uow.outbox),
            "luna_latency_mean": sum(latency) / len(latency) if latency else None,
            "luna_latency_max": max(latency) if latency else None,
            "luna_confirmed": len(latency),
            **{key: self._today.get(key, 0) for key in COUNTS},
        }
        for key, event_type in COUNTED.items():
            counted = self._counts.get(event_type, 0)
            row[key] = counted - self._counted.get(event_type, 0)
            self._counted[event_type] = counted
        row["date"] = date.fromordinal(row["date"]).isoformat()
        self.days.append(row)
        self._today = Counter()
        self._latency = []


COUNTS = (
    "luna_backlog_peak",
    "cases_created",
    "letters",
    "cards_physical",
    "cards_skipped",
    "cards_standalone",
    "refusals",
    "luna_failed",
)


_case_id = attrgetter("case_id")

# the counts of a day that are the growth of the run's count of one event type that day
COUNTED: dict[str, type[Event]] = {
    "cases_created": CaseCreated,
    "letters": LetterWritten,
    "luna_failed": LunaAttemptFailed,
}


def queued_for_luna(case: Case) -> datetime:
    """When the case was last queued for LUNA (it got "afventer LUNA"; a dispensation may come
    days after the case was made), or its creation when it never was: `Case.history`'s answer,
    read from the flat status log without building the history's list.

    Asked as the case is registered in LUNA, when it is nearly always still waiting for it:
    then it is the end of its last earlier status, or its creation. Otherwise the log (the
    earlier statuses, each followed by when it ended) is searched from its last status back;
    the status before one began when that one ended, the first when the case was made."""
    log = case.status_log
    if case.status is CaseStatus.AWAITING_LUNA:
        return log[-1] if log else case.created_at  # type: ignore[return-value]
    at = len(log) - 2
    while at >= 0:
        if log[at] is CaseStatus.AWAITING_LUNA:
            return log[at - 1] if at else case.created_at  # type: ignore[return-value]
        at -= 2
    return case.created_at
