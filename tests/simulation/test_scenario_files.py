"""Scenario sections are typed and checked: a mistake gives a Danish and English message."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from sandbox.domain.errors import ScenarioError
from sandbox.simulation.world import World
from sandbox.worlds.scenario import DEFAULT_RATES, scenario_from_mapping

BASE: dict[str, Any] = {
    "name": "x",
    "seed": 1,
    "start": date(2025, 4, 9),
    "duration_days": 2,
    "population": 100,
    "municipalities": ["0787"],
}


def test_defaults_are_the_danish_rates() -> None:
    scenario = scenario_from_mapping(dict(BASE))
    assert scenario.rates == DEFAULT_RATES
    assert scenario.log == "full" and scenario.cast == () and scenario.script == ()


def test_background_false_turns_every_rate_off_but_those_named() -> None:
    scenario = scenario_from_mapping(
        {**BASE, "background": False, "rates": {"births_per_1000_per_year": 5}}
    )
    assert scenario.rates["births_per_1000_per_year"] == 5
    assert scenario.rates["moves_within_per_1000_per_year"] == 0


def test_all_municipalities() -> None:
    country = {**BASE, "municipalities": "all", "population": 2000}
    assert len(scenario_from_mapping(country).municipalities) == 98


def test_a_population_too_small_for_its_municipalities_is_refused_with_the_least_that_is_not() -> (
    None
):
    country = {**BASE, "municipalities": "all", "population": 1000}
    with pytest.raises(ScenarioError) as caught:
        scenario_from_mapping(country)
    assert "for lille til 98 kommuner: Læsø Kommune får ingen borgere" in caught.value.message_da
    assert "Læsø Municipality gets no residents" in caught.value.message_en
    least = int(caught.value.message_en.rsplit(" ", 1)[1].replace(",", ""))
    with pytest.raises(ScenarioError):
        scenario_from_mapping({**country, "population": least - 1})
    world = World(scenario_from_mapping({**country, "population": least}))
    assert world.registry.citizen_count() == least
    with pytest.raises(ScenarioError):  # a scenario changed in code is checked by the build
        World(replace(world.scenario, population=least - 1))
    municipalities = {citizen.municipality_code for citizen in world.registry.all_citizens()}
    assert len(municipalities) == 98


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"rates": {"births": 3}}, "rates"),
        ({"life": {"naming_same_day_share": 2}}, "andel"),
        ({"log": "verbose"}, "log"),
        ({"population_shares": {"protected": -1}}, "population_shares"),
        ({"luna": {"outages": [{"start": "not a time", "hours": 2}]}}, "outages"),
        ({"luna": {"fault_rates": {"timeout": 3}}}, "fault_rates"),
        ({"cast": [{"type": "person", "name": "no cpr"}]}, "cast[0]"),
        ({"script": [{"action": "fly"}]}, "script[0]"),
        ({"script": [{"action": "choose_gp", "cpr": "x"}]}, "practice"),
        ({"background": "yes"}, "background"),
    ],
)
def test_a_bad_section_is_refused_in_danish_and_english(
    change: dict[str, Any], expected: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        scenario_from_mapping({**BASE, **change})
    assert expected in caught.value.message_da
    assert caught.value.message_en


def test_outages_are_windows_in_simulated_time() -> None:
    scenario = scenario_from_mapping(
        {**BASE, "luna": {"outages": [{"start": "2025-04-10T08:00:00", "hours": 6}]}}
    )
    (outage,) = scenario.luna.outages
    assert (outage.end - outage.start).total_seconds() == 6 * 3600 and outage.kind == "timeout"
