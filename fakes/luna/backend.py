"""Fake LUNA backend: registrations, card opt-outs and card orders, with seeded failure modes.

Plain Python, no web framework (moto-shaped, DESIGN.md 6). Registrations are idempotent by key
(the system's case id): one registration per key, however often it is sent. Faults replay from
the seed:

- ``error`` (a 5xx: nothing committed), ``timeout`` (no answer, nothing committed) and
  ``drop_after_commit`` (the "cable dug over": LUNA commits, the answer is lost);
- chosen per request (``force_next``, ``force_key``), at seeded rates (``set_faults``), or by
  schedule in the caller's simulated time (``outages`` and ``add_window``);
- slow answers: ``latency_for(at)`` gives the seconds an answer takes, from a seeded
  distribution (``set_latency``), which the caller waits in simulated time.

Every call goes into ``journal`` (key, outcome, at) so a test or the control plane can verify
what LUNA saw; ``registrations_by_key()`` lists what LUNA holds, for reconciliation.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple, Protocol

FAULT_KINDS = ("error", "timeout", "drop_after_commit")
OUTCOMES = ("ok", "duplicate", *FAULT_KINDS)


class LunaFault(Exception):
    """LUNA did not give an answer; ``kind`` says how it failed."""

    def __init__(self, kind: str, committed: bool = False) -> None:
        super().__init__(kind)
        self.kind = kind
        self.committed = committed


@dataclass(slots=True)
class Registration:
    """Registrering - what LUNA holds for one key; LUNA's id is "L" and its number.

    A national year holds millions: the number is kept, not its text, and a lean backend's
    registrations share one empty payload, `NO_PAYLOAD` (a payload is read, never changed).
    """

    key: str
    number: int
    kind: str
    cpr: str
    payload: dict[str, Any]
    received: int = 1

    @property
    def luna_id(self) -> str:
        return luna_id_of(self.number)


def luna_id_of(number: int) -> str:
    """LUNA's id of its registration number ``number``."""
    return f"L{number:09d}"


# what a lean backend keeps of every payload: one dict for all (nothing writes to a payload)
NO_PAYLOAD: dict[str, Any] = {}
# a lean backend's kind and CPR of every registration: not kept
NOT_KEPT = ""


class LeanRegistrations(Mapping[str, Registration]):
    """What a lean backend holds: per key its LUNA id, and how often a key came more than once.

    A national year registers millions and reads back only the keys and LUNA ids (the
    invariants, reconciliation). The id's text is made once, here, and the system's case keeps
    the same string (`LunaBackend.luna_id`, through the in-process adapter's receipt): a
    `Registration` of six fields, its number and a second copy of the text would cost about 170
    bytes more a registration. A registration read is made from these on the spot, with
    `NOT_KEPT` for its kind and CPR and `NO_PAYLOAD`.
    """

    __slots__ = ("_ids", "_received")

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}
        self._received: dict[str, int] = {}  # only the keys received more than once

    def __getitem__(self, key: str) -> Registration:
        number = int(self._ids[key].removeprefix("L"))
        received = self._received.get(key, 1)
        return Registration(key, number, NOT_KEPT, NOT_KEPT, NO_PAYLOAD, received)

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, key: str, number: int) -> str:
        """Hold ``key`` as LUNA's registration ``number``; its LUNA id (the one string kept)."""
        luna_id = self._ids[key] = luna_id_of(number)
        return luna_id

    def luna_id(self, key: str) -> str:
        return self._ids[key]

    def luna_ids(self) -> dict[str, str]:
        """Key -> LUNA id for every registration, in order (`LunaBackend.registrations_by_key`)."""
        return dict(self._ids)

    def received_again(self, key: str) -> None:
        self._received[key] = self._received.get(key, 1) + 1


class Sent(Protocol):
    """What a batch of registrations holds, each: the key (the system's case id), the kind,
    the CPR number and the payload - the fields of the system's own registration object, read
    as they are (no copy made to hand them over)."""

    @property
    def case_id(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def cpr(self) -> str: ...

    @property
    def payload(self) -> dict[str, Any]: ...


class LunaCall(NamedTuple):
    """Kald - one registration call as LUNA saw it: key, outcome (see OUTCOMES), when."""

    key: str
    outcome: str
    at: datetime | None


@dataclass(frozen=True, slots=True)
class FaultWindow:
    """Fejlvindue - from ``start`` (inclusive) to ``end`` (exclusive) every call fails so."""

    start: datetime
    end: datetime
    kind: str = "timeout"

    def covers(self, at: datetime) -> bool:
        return self.start <= at < self.end


@dataclass(slots=True)
class LatencyPlan:
    """How long answers take: ``base`` plus uniform jitter, and now and then a slow one."""

    base_seconds: float = 2.0
    jitter_seconds: float = 0.0
    slow_rate: float = 0.0
    slow_seconds: float = 60.0
    slow_windows: list[tuple[datetime, datetime]] = field(default_factory=list)


@dataclass(slots=True)
class FaultPlan:
    """Which faults to inject: a rate per kind, forced next answers, and scheduled windows.

    ``outages`` are the old form of ``windows`` (kind ``timeout``), kept for callers using it.
    """

    rates: dict[str, float] = field(default_factory=dict)
    forced: list[str] = field(default_factory=list)
    outages: list[tuple[datetime, datetime]] = field(default_factory=list)
    windows: list[FaultWindow] = field(default_factory=list)
    by_key: dict[str, list[str]] = field(default_factory=dict)
    seed: int = 0


def _check_kind(kind: str) -> None:
    if kind not in FAULT_KINDS:
        raise ValueError(f"unknown LUNA fault kind {kind!r}; known: {FAULT_KINDS}")


class LunaBackend:
    """LUNA - the regions' register, as a fake.

    ``journal_limit`` bounds the call journal for long simulations (oldest calls drop first);
    ``calls`` always counts every call. With ``keep_payloads=False`` (a national simulation,
    millions of registrations nobody reads back) a registration keeps its key, LUNA id and how
    often it was received, which is what reconciliation and the invariants compare, and not
    its kind, CPR or payload (`LeanRegistrations`).
    """

    def __init__(
        self, seed: int = 0, journal_limit: int | None = None, keep_payloads: bool = True
    ) -> None:
        self.keep_payloads = keep_payloads
        self.registrations: dict[str, Registration] | LeanRegistrations = (
            {} if keep_payloads else LeanRegistrations()
        )
        self.opt_outs: dict[str, datetime | None] = {}
        self.faults = FaultPlan(seed=seed)
        self.latency = LatencyPlan()
        self.journal: deque[LunaCall] = deque(maxlen=journal_limit)
        self._journal_limit = journal_limit
        self._rng = random.Random(f"luna-faults:{seed}")
        self._latency_rng = random.Random(f"luna-latency:{seed}")
        self._counter = 0
        self.calls = 0

    def reset(self, seed: int = 0) -> None:
        self.__init__(seed, self._journal_limit, self.keep_payloads)  # type: ignore[misc]

    # faults -------------------------------------------------------------------------------
    def set_faults(
        self,
        rates: dict[str, float] | None = None,
        outages: list[tuple[datetime, datetime]] | None = None,
        seed: int | None = None,
    ) -> None:
        """Replace the fault rates and outage windows (forced faults are kept)."""
        for kind in rates or {}:
            _check_kind(kind)
        self.faults.rates = dict(rates or {})
        self.faults.outages = list(outages or [])
        if seed is not None:
            self.faults.seed = seed
            self._rng = random.Random(f"luna-faults:{seed}")
            self._latency_rng = random.Random(f"luna-latency:{seed}")

    def force_next(self, *kinds: str) -> None:
        """The next len(kinds) registrations fail in these ways, in order."""
        for kind in kinds:
            _check_kind(kind)
        self.faults.forced.extend(kinds)

    def force_key(self, key: str, *kinds: str) -> None:
        """The next calls for ``key`` fail in these ways, in order (per-request switching)."""
        for kind in kinds:
            _check_kind(kind)
        self.faults.by_key.setdefault(key, []).extend(kinds)

    def add_window(self, start: datetime, end: datetime, kind: str = "timeout") -> None:
        """Every call from ``start`` up to (not including) ``end`` fails with ``kind``."""
        _check_kind(kind)
        if end <= start:
            raise ValueError(f"a fault window must end after it starts: {start} .. {end}")
        self.faults.windows.append(FaultWindow(start, end, kind))

    def clear_faults(self) -> None:
        """LUNA recovers: no rates, no forced faults, no windows (the seed stays)."""
        self.faults = FaultPlan(seed=self.faults.seed)

    def _fault_now(self, key: str, at: datetime | None) -> str | None:
        faults = self.faults  # read once: this runs once per registration
        if faults.by_key:
            queued = faults.by_key.get(key)
            if queued:
                kind = queued.pop(0)
                if not queued:
                    del faults.by_key[key]
                return kind
        if faults.forced:
            return faults.forced.pop(0)
        scheduled = self._scheduled_fault(at)
        if scheduled is not None:
            return scheduled
        rates = faults.rates
        if not rates:  # the common case: no seeded rates, no draw
            return None
        draw = self._rng.random
        for kind in FAULT_KINDS:
            rate = rates.get(kind, 0.0)
            if rate > 0 and draw() < rate:
                return kind
        return None

    def _scheduled_fault(self, at: datetime | None) -> str | None:
        """The fault of an outage or window covering ``at``, if one does."""
        faults = self.faults
        if at is not None:
            if faults.outages and any(start <= at < end for start, end in faults.outages):
                return "timeout"
            for window in faults.windows:
                if window.covers(at):
                    return window.kind
        return None

    # slow answers -------------------------------------------------------------------------
    def set_latency(
        self,
        base_seconds: float = 2.0,
        jitter_seconds: float = 0.0,
        slow_rate: float = 0.0,
        slow_seconds: float = 60.0,
        slow_windows: list[tuple[datetime, datetime]] | None = None,
    ) -> None:
        """Answers take ``base`` + U(0, jitter) seconds; with ``slow_rate`` (and always inside
        a slow window) ``slow_seconds`` more."""
        if min(base_seconds, jitter_seconds, slow_seconds) < 0 or not 0 <= slow_rate <= 1:
            raise ValueError("latencies must be >= 0 and slow_rate within 0..1")
        self.latency = LatencyPlan(
            base_seconds, jitter_seconds, slow_rate, slow_seconds, list(slow_windows or [])
        )

    def latency_for(self, at: datetime | None = None) -> float:
        """Seconds the next answer takes (seeded: the same calls give the same latencies)."""
        plan = self.latency
        seconds = plan.base_seconds
        if plan.jitter_seconds > 0:
            seconds += self._latency_rng.uniform(0.0, plan.jitter_seconds)
        slow = plan.slow_rate > 0 and self._latency_rng.random() < plan.slow_rate
        if at is not None and any(start <= at < end for start, end in plan.slow_windows):
            slow = True
        return seconds + plan.slow_seconds if slow else seconds

    # registrations ------------------------------------------------------------------------
    def register(
        self, key: str, kind: str, cpr: str, payload: dict[str, Any], at: datetime | None = None
    ) -> tuple[Registration, bool]:
        """Register once per key; returns (registration, was_duplicate) or raises LunaFault."""
        _, duplicate = self._commit(key, kind, cpr, payload, at)
        return self.registrations[key], duplicate

    def register_id(
        self, key: str, kind: str, cpr: str, payload: dict[str, Any], at: datetime | None = None
    ) -> tuple[str, bool]:
        """`register`, answering LUNA's id instead of the registration (the one string a lean
        backend keeps): what the in-process adapter's receipt needs, without making a
        `Registration` that nobody reads - once for every case the relay sends."""
        return self._commit(key, kind, cpr, payload, at)

    def _commit(
        self, key: str, kind: str, cpr: str, payload: dict[str, Any], at: datetime | None
    ) -> tuple[str, bool]:
        """Hold the registration ``key`` (once), journal the call; its LUNA id (as `luna_id`
        gives it, made where it is stored rather than looked up again) and whether it was a
        duplicate."""
        self.calls += 1
        return self._answer(key, kind, cpr, payload, at, self._fault_now(key, at))

    def _answer(
        self,
        key: str,
        kind: str,
        cpr: str,
        payload: dict[str, Any],
        at: datetime | None,
        fault: str | None,
    ) -> tuple[str, bool]:
        """One call's answer, its fault chosen: hold the registration unless the fault is one
        that commits nothing, journal the call, raise the fault or answer (LUNA id, duplicate)."""
        if fault in ("error", "timeout"):
            self.journal.append(LunaCall(key, fault, at))
            raise LunaFault(fault)
        held = self.registrations
        duplicate = key in held
        if duplicate:
            self._received_again(key)
            luna_id = self.luna_id(key)
        else:
            self._counter += 1
            if isinstance(held, LeanRegistrations):
                luna_id = held.add(key, self._counter)
            else:
                registration = Registration(key, self._counter, kind, cpr, dict(payload))
                held[key] = registration
                luna_id = registration.luna_id
        if fault == "drop_after_commit":
            self.journal.append(LunaCall(key, fault, at))
            raise LunaFault(fault, committed=True)
        self.journal.append(LunaCall(key, "duplicate" if duplicate else "ok", at))
        return luna_id, duplicate

    def register_all(
        self, sent: Sequence[Sent], at: datetime | None = None
    ) -> list[str | LunaFault]:
        """Register each of ``sent`` once per key, in order, as as many `register` calls at
        ``at`` would: per registration LUNA's id, or the `LunaFault` it met (not raised).

        The same draws, journal and registrations as one call each; but the fault plan is read
        once for the batch (a scheduled window covers all of them or none, at one instant),
        and a lean backend's new keys are held in one loop - a national year relays about 2.8
        million registrations, mostly a few dozen a minute."""
        faults = self.faults
        if faults.by_key or faults.forced or self._scheduled_fault(at) is not None:
            return [self._register_or_fault(item, at) for item in sent]  # per call, in order
        self.calls += len(sent)
        rates = [(kind, rate) for kind in FAULT_KINDS if (rate := faults.rates.get(kind, 0.0)) > 0]
        held = self.registrations
        if not isinstance(held, LeanRegistrations):
            return [self._answer_or_fault(item, at, self._drawn(rates)) for item in sent]
        # the lean store's own dict, written here as `LeanRegistrations.add` writes it
        draw, journal, ids = self._rng.random, self.journal.append, held._ids
        answers: list[str | LunaFault] = []
        answer = answers.append
        for item in sent:
            key = item.case_id
            fault = None
            for kind, rate in rates:  # the draws of `_fault_now`, in its order
                if draw() < rate:
                    fault = kind
                    break
            if fault is None and key not in ids:  # nearly every call: a new key, answered
                self._counter += 1
                luna_id = ids[key] = luna_id_of(self._counter)
                journal(LunaCall(key, "ok", at))
                answer(luna_id)
            else:
                answer(self._answer_or_fault(item, at, fault))
        return answers

    def _drawn(self, rates: list[tuple[str, float]]) -> str | None:
        draw = self._rng.random
        for kind, rate in rates:
            if draw() < rate:
                return kind
        return None

    def _register_or_fault(self, item: Sent, at: datetime | None) -> str | LunaFault:
        try:
            return self._commit(item.case_id, item.kind, item.cpr, item.payload, at)[0]
        except LunaFault as fault:
            return fault.with_traceback(None)  # see `_answer_or_fault`

    def _answer_or_fault(
        self, item: Sent, at: datetime | None, fault: str | None
    ) -> str | LunaFault:
        try:
            return self._answer(item.case_id, item.kind, item.cpr, item.payload, at, fault)[0]
        except LunaFault as raised:
            # without its traceback: the traceback holds this frame, whose caller
            # (`register_all`) holds the answers list holding this fault - a cycle that, with the
            # simulator's collector off for a run, kept every faulted batch (its registrations,
            # payloads and the relay's due entries) alive to the end
            return raised.with_traceback(None)

    def _received_again(self, key: str) -> None:
        held = self.registrations
        if isinstance(held, LeanRegistrations):
            held.received_again(key)
        else:
            held[key].received += 1

    def luna_id(self, key: str) -> str:
        """LUNA's id of the registration ``key`` (KeyError if LUNA holds none); a lean backend
        gives the one string it keeps, so a caller keeping it adds no copy."""
        held = self.registrations
        if isinstance(held, LeanRegistrations):
            return held.luna_id(key)
        return held[key].luna_id

    def registrations_by_key(self) -> dict[str, str]:
        """Every registration LUNA holds: key (the system's case id) -> LUNA id, in order."""
        held = self.registrations
        if isinstance(held, LeanRegistrations):
            return held.luna_ids()
        return {key: stored.luna_id for key, stored in held.items()}

    def calls_for(self, key: str) -> list[LunaCall]:
        """The journalled calls for one key, oldest first."""
        return [call for call in self.journal if call.key == key]

    # physical card opt-out ----------------------------------------------------------------
    def opt_out(self, cpr: str, at: datetime | None = None) -> None:
        self.opt_outs[cpr] = at

    def withdraw_opt_out(self, cpr: str) -> None:
        self.opt_outs.pop(cpr, None)

    def has_opted_out(self, cpr: str) -> bool:
        return cpr in self.opt_outs

    # control plane ------------------------------------------------------------------------
    def describe(self) -> dict[str, Any]:
        """The fake's state as plain data, for the control plane and reports."""
        return {
            "seed": self.faults.seed,
            "calls": self.calls,
            "registrations": len(self.registrations),
            "opt_outs": len(self.opt_outs),
            "faults": {
                "rates": dict(self.faults.rates),
                "forced": list(self.faults.forced),
                "by_key": {key: list(kinds) for key, kinds in self.faults.by_key.items()},
                "outages": [[s.isoformat(), e.isoformat()] for s, e in self.faults.outages],
                "windows": [
                    [w.start.isoformat(), w.end.isoformat(), w.kind] for w in self.faults.windows
                ],
            },
            "latency": {
                "base_seconds": self.latency.base_seconds,
                "jitter_seconds": self.latency.jitter_seconds,
                "slow_rate": self.latency.slow_rate,
                "slow_seconds": self.latency.slow_seconds,
            },
        }
