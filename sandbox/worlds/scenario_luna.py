"""The ``luna`` section of a scenario: answer latency, seeded fault rates, outage windows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sandbox.domain.errors import ScenarioError

LUNA_KEYS = {"latency_seconds", "jitter_seconds", "slow_rate", "slow_seconds", "fault_rates"}
FAULT_KINDS = {"error", "timeout", "drop_after_commit"}


def _fail(path: str, da: str, en: str) -> ScenarioError:
    return ScenarioError(path=path, problem_da=da, problem_en=en)


@dataclass(frozen=True, slots=True)
class Outage:
    """Nedbrud - a window in simulated time in which every LUNA call fails the same way."""

    start: datetime
    end: datetime
    kind: str = "timeout"


@dataclass(frozen=True, slots=True)
class LunaSettings:
    """How the fake LUNA behaves in the run: latency, seeded fault rates, outage windows."""

    latency_seconds: float = 2.0
    fault_rates: dict[str, float] = field(default_factory=dict)
    jitter_seconds: float = 0.0
    slow_rate: float = 0.0
    slow_seconds: float = 60.0
    outages: tuple[Outage, ...] = ()


def luna_settings(data: Any, shown: str) -> LunaSettings:
    """The ``luna`` section, checked."""
    if not isinstance(data, dict) or set(data) - LUNA_KEYS - {"outages"}:
        raise _fail(
            shown,
            f"luna må kun have {sorted(LUNA_KEYS | {'outages'})}",
            f"luna may only have {sorted(LUNA_KEYS | {'outages'})}",
        )
    rates = data.get("fault_rates") or {}
    if not isinstance(rates, dict) or set(rates) - FAULT_KINDS:
        raise _fail(
            shown,
            f"luna.fault_rates må kun have {sorted(FAULT_KINDS)}",
            f"luna.fault_rates may only have {sorted(FAULT_KINDS)}",
        )
    numbers = {}
    defaults = {"latency_seconds": 2.0, "jitter_seconds": 0.0, "slow_rate": 0.0}
    for key, default in (*defaults.items(), ("slow_seconds", 60.0)):
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise _fail(shown, f"luna.{key} skal være >= 0", f"luna.{key} must be >= 0")
        numbers[key] = float(value)
    for kind, rate in rates.items():
        if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
            raise _fail(
                shown,
                f"luna.fault_rates.{kind} skal ligge mellem 0 og 1",
                f"luna.fault_rates.{kind} must lie between 0 and 1",
            )
    return LunaSettings(
        latency_seconds=numbers["latency_seconds"],
        fault_rates={str(k): float(v) for k, v in rates.items()},
        jitter_seconds=numbers["jitter_seconds"],
        slow_rate=min(numbers["slow_rate"], 1.0),
        slow_seconds=numbers["slow_seconds"],
        outages=_outages(data.get("outages") or [], shown),
    )


def _outages(items: Any, shown: str) -> tuple[Outage, ...]:
    problem = (
        "luna.outages skal være en liste af {start: tidspunkt, hours: tal, kind: timeout|error|"
        "drop_after_commit}",
        "luna.outages must be a list of {start: datetime, hours: number, kind: timeout|error|"
        "drop_after_commit}",
    )
    if not isinstance(items, list):
        raise _fail(shown, *problem)
    found = []
    for item in items:
        if not isinstance(item, dict) or set(item) - {"start", "hours", "kind"}:
            raise _fail(shown, *problem)
        start, hours, kind = item.get("start"), item.get("hours"), item.get("kind", "timeout")
        if isinstance(start, str):
            try:
                start = datetime.fromisoformat(start)
            except ValueError:
                raise _fail(shown, *problem) from None
        if not isinstance(start, datetime) or kind not in FAULT_KINDS:
            raise _fail(shown, *problem)
        if isinstance(hours, bool) or not isinstance(hours, int | float) or hours <= 0:
            raise _fail(shown, *problem)
        found.append(Outage(start, start + timedelta(hours=float(hours)), str(kind)))
    return tuple(found)
