"""Scenario files: what world to build and run (seed, dates, municipalities, population, rates).

A scenario is YAML. Loading checks every field and fails with a `ScenarioError` that names the
file and the field, in Danish and English, so a typo never reaches the simulator as a traceback.
Sections (all but the first six keys optional, with defaults sized on Danish figures):

- ``rates``: life events per 1,000 residents per year (`DEFAULT_RATES`, sources beside them);
- ``life``: shares and delays of life events (`DEFAULT_LIFE`);
- ``population_shares``: household mix and special persons (`PopulationShares`);
- ``luna``: LUNA's latency, fault rates and outage windows in simulated time;
- ``log``: what ``events.jsonl`` holds: ``full``, ``decisions`` or ``commands`` (national runs);
- ``cast`` and ``script``: named persons and practices, and scripted actions (demos);
- ``expectations``: what the run must show at the end (`sandbox.reporting.expectations`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import yaml

from sandbox.domain.danish import municipality_da, municipality_en, number_da, number_en
from sandbox.domain.errors import SandboxError, ScenarioError
from sandbox.domain.geography import load_geography
from sandbox.worlds.demography import PopulationShares, municipality_sizes
from sandbox.worlds.scenario_checks import check_cast, check_script
from sandbox.worlds.scenario_luna import LunaSettings, Outage, luna_settings

KNOWN_KEYS = {
    "name",
    "description",
    "seed",
    "start",
    "duration_days",
    "municipalities",
    "population",
    "population_shares",
    "rates",
    "background",
    "life",
    "luna",
    "log",
    "cast",
    "script",
    "expectations",
}
# Per 1,000 residents per year unless the name says otherwise. Danish figures (DST, 2023):
# 57,500 births and 57,800 deaths (9.7 / 9.8 per 1,000); about 850,000 persons moving, 370,000
# of them between municipalities (persons, not households: processes/moves.py); about 30,000
# marriages; about 2,400 moves from Greenland. GP changes, group changes (0.6 % in group 2) and
# card orders are sized on SPEC 6.1 (1.7 million cards a year for moves, doctor changes and
# name changes).
DEFAULT_RATES: dict[str, float] = {
    "gp_changes_per_1000_per_year": 60.0,
    "births_per_1000_per_year": 9.7,
    "deaths_per_1000_per_year": 9.8,
    "moves_within_per_1000_per_year": 81.0,
    "moves_between_per_1000_per_year": 63.0,
    "greenland_moves_per_1000_per_year": 0.4,
    "marriages_per_1000_per_year": 5.1,
    "renumberings_per_1000_per_year": 0.05,
    "group_changes_per_1000_per_year": 2.0,
    "samlever_declarations_per_1000_per_year": 1.0,
    "card_opt_outs_per_1000_per_year": 2.0,
    "card_orders_per_1000_per_year": 20.0,
    "practice_events_per_practice_per_year": 0.08,
    "audit_extractions_per_municipality_per_year": 4.0,
}
# Shares (0..1) and delays. Naming: most children are named within 6 months (navneloven);
# "same day" naming is rare and marks a vulnerable situation (release 1.1 item 10).
DEFAULT_LIFE: dict[str, float] = {
    "naming_same_day_share": 0.02,
    "naming_delay_days_mean": 45.0,
    "greenland_wrong_address_share": 0.1,
    "greenland_choice_lead_days": 7.0,
    "cpr_feed_hour": 6.0,
    "closed_doctor_via_relative_share": 0.25,
    "gp_change_nearby_share": 0.8,
    "case_worker_share": 0.2,
    "simultaneous_practice_event_share": 0.25,
    "move_into_household_share": 0.1,
    "racing_choice_share": 0.05,
    "case_worker_task_days_mean": 3.0,  # until a case worker finds a GP for a stuck case
}
SHARE_KEYS = {key for key in DEFAULT_LIFE if key.endswith("_share")}
LOG_LEVELS = ("full", "decisions", "commands")


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
    life: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_LIFE))
    shares: PopulationShares = field(default_factory=PopulationShares)
    log: str = "full"
    cast: tuple[dict[str, Any], ...] = ()
    script: tuple[dict[str, Any], ...] = ()
    source: dict[str, Any] = field(default_factory=dict)

    @property
    def start_moment(self) -> datetime:
        return datetime.combine(self.start, time(0, 0))

    def with_seed(self, seed: int) -> Scenario:
        source = dict(self.source)
        if source:
            source["seed"] = seed
        return replace(self, seed=seed, source=source)


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
    municipalities = _municipalities(data.get("municipalities"), shown)
    check_population(municipalities, population, shown)
    log = data.get("log", "full")
    if log not in LOG_LEVELS:
        raise _fail(shown, f"log skal være en af {LOG_LEVELS}", f"log must be one of {LOG_LEVELS}")
    return Scenario(
        name=name,
        description=str(data.get("description", "")),
        seed=seed,
        start=start,
        duration_days=duration,
        municipalities=municipalities,
        population=population,
        rates=_numbers(data.get("rates"), _rate_defaults(data, shown), "rates", shown),
        luna=luna_settings(data.get("luna") or {}, shown),
        expectations=dict(data.get("expectations") or {}),
        path=shown,
        life=_numbers(data.get("life"), DEFAULT_LIFE, "life", shown),
        shares=_shares(data.get("population_shares"), shown),
        log=str(log),
        cast=check_cast(data.get("cast"), shown),
        script=check_script(data.get("script"), shown),
        source=_plain(data),
    )


def _rate_defaults(data: dict[str, Any], shown: str) -> dict[str, float]:
    """Danish rates, or all zero with ``background: false`` (a demo: only its script acts)."""
    background = data.get("background", True)
    if not isinstance(background, bool):
        raise _fail(shown, "background skal være true/false", "background must be true/false")
    return dict(DEFAULT_RATES) if background else dict.fromkeys(DEFAULT_RATES, 0.0)


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of the scenario as read, to store beside a run's report (YAML keeps dates)."""

    def convert(value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): convert(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [convert(v) for v in value]
        return value

    return {str(key): convert(value) for key, value in data.items()}


def check_population(codes: tuple[str, ...], population: int, shown: str) -> None:
    """Every municipality gets residents (its practices are placed at their homes): a world
    too small for its municipalities is refused, with the smallest population that is not.
    Loading a scenario checks it, and so does building a world (a scenario changed in code,
    as the benchmarks' copies at other sizes, is checked there)."""
    geography = load_geography()
    populations = [geography.municipality(code).population for code in codes]
    sizes = municipality_sizes(populations, population)
    if min(sizes) >= 1:
        return
    empty = geography.municipality(codes[sizes.index(min(sizes))]).name
    count = number_da(len(codes))
    needed = max(population, len(codes))
    while min(municipality_sizes(populations, needed)) < 1:
        needed += 1  # (a few hundred steps: a world too small is a small world)
    raise _fail(
        shown,
        f"population {number_da(population)} er for lille til {count} kommuner: "
        f"{municipality_da(empty)} får ingen borgere; brug mindst {number_da(needed)}",
        f"population {number_en(population)} is too small for {count} municipalities: "
        f"{municipality_en(empty)} gets no residents; use at least {number_en(needed)}",
    )


def _municipalities(codes: Any, shown: str) -> tuple[str, ...]:
    geography = load_geography()
    if codes == "all":
        return tuple(m.code for m in geography.municipalities())
    if not isinstance(codes, list) or not codes:
        raise _fail(
            shown,
            "municipalities skal være en liste af kommunekoder (eller 'all')",
            "municipalities must be a list of municipality codes (or 'all')",
        )
    try:
        return tuple(geography.municipality(str(code)).code for code in codes)
    except SandboxError as error:
        raise _fail(shown, error.message_da, error.message_en) from None


def _numbers(given: Any, defaults: dict[str, float], section: str, shown: str) -> dict[str, float]:
    values = dict(defaults)
    given = given or {}
    if not isinstance(given, dict) or set(given) - set(defaults):
        raise _fail(
            shown,
            f"{section} må kun have nøglerne {sorted(defaults)}",
            f"{section} may only have the keys {sorted(defaults)}",
        )
    for key, value in given.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise _fail(
                shown,
                f"{section}.{key} skal være et tal >= 0",
                f"{section}.{key} must be a number >= 0",
            )
        if key in SHARE_KEYS and value > 1:
            raise _fail(
                shown,
                f"{section}.{key} er en andel og skal ligge mellem 0 og 1",
                f"{section}.{key} is a share and must lie between 0 and 1",
            )
        values[key] = float(value)
    return values


def _shares(given: Any, shown: str) -> PopulationShares:
    names = PopulationShares.names()
    if given is None:
        return PopulationShares()
    if not isinstance(given, dict) or set(given) - set(names):
        raise _fail(
            shown,
            f"population_shares må kun have nøglerne {sorted(names)}",
            f"population_shares may only have the keys {sorted(names)}",
        )
    for key, value in given.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise _fail(
                shown,
                f"population_shares.{key} skal ligge mellem 0 og 1",
                f"population_shares.{key} must lie between 0 and 1",
            )
    return PopulationShares(**{key: float(value) for key, value in given.items()})


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


__all__ = ["LunaSettings", "Outage", "Scenario", "load_scenario", "scenario_from_mapping"]
