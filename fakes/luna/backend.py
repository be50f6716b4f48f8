"""Fake LUNA backend: registrations, card opt-outs and card orders, with seeded failure modes.

Plain Python, no web framework (moto-shaped, DESIGN.md 6). Registrations are idempotent by key
(the system's case id). Faults are seeded so a run replays: ``error`` (a 5xx), ``timeout`` (no
answer, nothing committed), ``drop_after_commit`` (the "cable dug over": LUNA commits, the answer
is lost) and outage windows in the caller's time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

FAULT_KINDS = ("error", "timeout", "drop_after_commit")


class LunaFault(Exception):
    """LUNA did not give an answer; ``kind`` says how it failed."""

    def __init__(self, kind: str, committed: bool = False) -> None:
        super().__init__(kind)
        self.kind = kind
        self.committed = committed


@dataclass(slots=True)
class Registration:
    key: str
    luna_id: str
    kind: str
    cpr: str
    payload: dict[str, Any]
    received: int = 1


@dataclass(slots=True)
class FaultPlan:
    """Which faults to inject: a rate per kind, forced next answers, and outage windows."""

    rates: dict[str, float] = field(default_factory=dict)
    forced: list[str] = field(default_factory=list)
    outages: list[tuple[datetime, datetime]] = field(default_factory=list)
    seed: int = 0


class LunaBackend:
    """LUNA - the regions' register, as a fake."""

    def __init__(self, seed: int = 0) -> None:
        self.registrations: dict[str, Registration] = {}
        self.opt_outs: dict[str, datetime | None] = {}
        self.faults = FaultPlan(seed=seed)
        self._rng = random.Random(f"luna-faults:{seed}")
        self._counter = 0
        self.calls = 0

    def reset(self, seed: int = 0) -> None:
        self.__init__(seed)  # type: ignore[misc]

    # faults -------------------------------------------------------------------------------
    def set_faults(
        self,
        rates: dict[str, float] | None = None,
        outages: list[tuple[datetime, datetime]] | None = None,
        seed: int | None = None,
    ) -> None:
        for kind in rates or {}:
            if kind not in FAULT_KINDS:
                raise ValueError(f"unknown LUNA fault kind {kind!r}; known: {FAULT_KINDS}")
        self.faults.rates = dict(rates or {})
        self.faults.outages = list(outages or [])
        if seed is not None:
            self.faults.seed = seed
            self._rng = random.Random(f"luna-faults:{seed}")

    def force_next(self, *kinds: str) -> None:
        """The next len(kinds) registrations fail in these ways, in order."""
        for kind in kinds:
            if kind not in FAULT_KINDS:
                raise ValueError(f"unknown LUNA fault kind {kind!r}; known: {FAULT_KINDS}")
        self.faults.forced.extend(kinds)

    def _fault_now(self, at: datetime | None) -> str | None:
        if self.faults.forced:
            return self.faults.forced.pop(0)
        if at is not None and any(start <= at < end for start, end in self.faults.outages):
            return "timeout"
        for kind in FAULT_KINDS:
            rate = self.faults.rates.get(kind, 0.0)
            if rate > 0 and self._rng.random() < rate:
                return kind
        return None

    # registrations ------------------------------------------------------------------------
    def register(
        self, key: str, kind: str, cpr: str, payload: dict[str, Any], at: datetime | None = None
    ) -> tuple[Registration, bool]:
        """Register once per key; returns (registration, was_duplicate) or raises LunaFault."""
        self.calls += 1
        fault = self._fault_now(at)
        if fault in ("error", "timeout"):
            raise LunaFault(fault)
        existing = self.registrations.get(key)
        if existing is not None:
            existing.received += 1
            result = (existing, True)
        else:
            self._counter += 1
            registration = Registration(key, f"L{self._counter:09d}", kind, cpr, dict(payload))
            self.registrations[key] = registration
            result = (registration, False)
        if fault == "drop_after_commit":
            raise LunaFault(fault, committed=True)
        return result

    # physical card opt-out ----------------------------------------------------------------
    def opt_out(self, cpr: str, at: datetime | None = None) -> None:
        self.opt_outs[cpr] = at

    def withdraw_opt_out(self, cpr: str) -> None:
        self.opt_outs.pop(cpr, None)

    def has_opted_out(self, cpr: str) -> bool:
        return cpr in self.opt_outs
