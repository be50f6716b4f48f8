"""Scenario files: what world to build and run (seed, dates, municipalities, population, rates).

A scenario is YAML. Loading checks every field and fails with a `ScenarioError` that names the
file and the field, in Danish and English, so a typo never reaches the simulator as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import yaml

from sandbox.domain.errors import SandboxError, ScenarioError
from sandbox.domain.geography import load_geography

KNOWN_KEYS = {
    "name",
    "description",
    "seed",
    "start",
    "duration_days",
    "municipalities",
    "population",
    "rates",
    "luna",
    "expectations",
}
KNOWN_RATES = {"gp_changes_per_1000_per_year"}
DEFAULT_RATES = {"gp_changes_per_1000_per_year": 60.0}


@dataclass(frozen=True, slots=True)
class LunaSettings:
    """How the fake LUNA behaves in the run: answer latency and seeded fault rates."""

    latency_seconds: float = 2.0
    fault_rates: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Scenario:
    """Scenarie - one simulated world and its run."""

    name: str
    description: str
    seed: int
    start: date
    duration_days: int
    municipalities: tuple[str, ...]
    population: int
    rates: dict[str, float]
    luna: LunaSettings
    expectations: dict[str, Any]
    path: str = ""

    @property
    def start_moment(self) -> datetime:
        return datetime.combine(self.start, time(0, 0))

    def with_seed(self, seed: int) -> Scenario:
        from dataclasses import replace

        return replace(self, seed=seed)


def _fail(path: str, da: str, en: str) -> ScenarioError:
    return ScenarioError(path=path, problem_da=da, problem_en=en)


def load_scenario(path: str | Path) -> Scenario:
    """Read and check a scenario file; raise `ScenarioError` on anything wrong."""
    shown = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise _fail(
            shown,
            f"filen kan ikke læses ({error.strerror})",
            f"cannot read the file ({error.strerror})",
        ) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise _fail(shown, f"ugyldig YAML: {error}", f"invalid YAML: {error}") from None
    if not isinstance(data, dict):
        raise _fail(shown, "filen skal være en YAML-mapping", "the file must be a YAML mapping")
    return scenario_from_mapping(data, shown)


def scenario_from_mapping(data: dict[str, Any], shown: str = "<scenario>") -> Scenario:
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise _fail(shown, f"ukendte nøgler: {unknown}", f"unknown keys: {unknown}")
    name = _field(data, "name", str, shown)
    seed = _field(data, "seed", int, shown)
    start = _field(data, "start", date, shown)
    duration = _field(data, "duration_days", int, shown)
    population = _field(data, "population", int, shown)
    if duration <= 0 or population <= 0:
        raise _fail(
            shown,
            "duration_days og population skal være positive",
            "duration_days and population must be positive",
        )
    codes = data.get("municipalities")
    if not isinstance(codes, list) or not codes:
        raise _fail(
            shown,
            "municipalities skal være en liste af kommunekoder",
            "municipalities must be a list of municipality codes",
        )
    geography = load_geography()
    try:
        resolved = tuple(geography.municipality(str(code)).code for code in codes)
    except SandboxError as error:
        raise _fail(shown, error.message_da, error.message_en) from None
    rates = dict(DEFAULT_RATES)
    given_rates = data.get("rates") or {}
    if not isinstance(given_rates, dict) or set(given_rates) - KNOWN_RATES:
        raise _fail(
            shown,
            f"rates må kun have nøglerne {sorted(KNOWN_RATES)}",
            f"rates may only have the keys {sorted(KNOWN_RATES)}",
        )
    for key, value in given_rates.items():
        if not isinstance(value, int | float) or value < 0:
            raise _fail(
                shown, f"rates.{key} skal være et tal >= 0", f"rates.{key} must be a number >= 0"
            )
        rates[key] = float(value)
    return Scenario(
        name=name,
        description=str(data.get("description", "")),
        seed=seed,
        start=start,
        duration_days=duration,
        municipalities=resolved,
        population=population,
        rates=rates,
        luna=_luna(data.get("luna") or {}, shown),
        expectations=dict(data.get("expectations") or {}),
        path=shown,
    )


def _luna(data: Any, shown: str) -> LunaSettings:
    if not isinstance(data, dict) or set(data) - {"latency_seconds", "fault_rates"}:
        raise _fail(
            shown,
            "luna må have latency_seconds og fault_rates",
            "luna may have latency_seconds and fault_rates",
        )
    rates = data.get("fault_rates") or {}
    known = {"error", "timeout", "drop_after_commit"}
    if not isinstance(rates, dict) or set(rates) - known:
        raise _fail(
            shown,
            f"luna.fault_rates må kun have {sorted(known)}",
            f"luna.fault_rates may only have {sorted(known)}",
        )
    latency = data.get("latency_seconds", 2.0)
    if not isinstance(latency, int | float) or latency < 0:
        raise _fail(
            shown, "luna.latency_seconds skal være >= 0", "luna.latency_seconds must be >= 0"
        )
    return LunaSettings(float(latency), {str(k): float(v) for k, v in rates.items()})


def _field(data: dict[str, Any], key: str, kind: type, shown: str) -> Any:
    if key not in data:
        raise _fail(shown, f"feltet '{key}' mangler", f"the field '{key}' is missing")
    value = data[key]
    if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
        raise _fail(
            shown,
            f"feltet '{key}' skal være {kind.__name__}, ikke {value!r}",
            f"the field '{key}' must be {kind.__name__}, not {value!r}",
        )
    return value
