"""The step library: the shared steps of every feature, grouped Givet / Når / Så.

Each step reads the way a case worker speaks (SPEC section 11's glossary) and delegates, in a
few lines, to ONE driver object (the ``driver`` fixture): in-process by default, or HTTP
against ``sandbox serve`` with ``--sandbox-url``. A step never reaches the service layer
itself. ``docs/steps.md`` lists every step (``python -m tests.bdd.catalogue`` rewrites it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from sandbox.domain.cpr import Cpr
from tests.bdd import reporting
from tests.bdd.drivers.contract import Driver
from tests.bdd.drivers.in_process import InProcessDriver
from tests.bdd.drivers.places import address_dict, address_in
from tests.bdd.vocabulary import TYPES, AddressText, DateExpr

FEATURES = Path(__file__).resolve().parents[2] / "features"
SINCE = date(2020, 1, 1)  # from when a person's group and doctor hold, unless a step says


def step(pattern: str) -> parsers.parse:
    return parsers.parse(pattern, extra_types=TYPES)


# pytest wiring -------------------------------------------------------------------------------
def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sandbox-bdd", "Sygesikring features")
    group.addoption(
        "--sandbox-url",
        default=None,
        help="run the features against a served sandbox (e.g. http://127.0.0.1:8000)",
    )
    group.addoption(
        "--sandbox-parameter",
        action="append",
        default=[],
        metavar="NAME=JSON",
        help="in-process only: replace a business parameter, e.g. distanceLimitKmDefault=14",
    )


def pytest_configure(config: pytest.Config) -> None:
    for tag in feature_tags():
        config.addinivalue_line("markers", f"{tag}: feature-tag (features/)")
    reporting.configure(config)


def feature_tags() -> list[str]:
    tags: set[str] = set()
    for path in FEATURES.rglob("*.feature"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("@"):
                tags.update(word[1:] for word in line.split() if word.startswith("@"))
    return sorted(tags)


def parameter_overrides(config: pytest.Config) -> dict[str, Any]:
    pairs = (text.split("=", 1) for text in config.getoption("sandbox_parameter"))
    return {name: json.loads(value) for name, value in pairs}


@pytest.fixture
def driver(request: pytest.FixtureRequest) -> Iterator[Driver]:
    """The one driver of a scenario: a fresh world (in-process) or namespace (HTTP)."""
    url = request.config.getoption("sandbox_url")
    if url:
        from tests.bdd.drivers.http import HttpDriver

        chosen: Driver = HttpDriver(url, request.node.nodeid)
    else:
        chosen = InProcessDriver(parameter_overrides(request.config))
    request.node.stash[reporting.DRIVER_KEY] = chosen
    yield chosen


def explain(driver: Driver) -> str:
    last = driver.last
    return "ingen handling endnu" if last is None else f"{last.action}: {last.explanation_da()}"


def expect(condition: bool, driver: Driver, wanted: str = "") -> None:
    """Fail with what the system did and why (its Danish reasons), not with a Python repr."""
    if not condition:
        raise AssertionError(f"forventede {wanted}; men {explain(driver)}" if wanted else explain(driver))


# Givet ---------------------------------------------------------------------------------------
@given(step("dags dato er {day:Dato}"))
def given_today(driver: Driver, day: DateExpr) -> None:
    driver.set_today(day.on(driver.today()))


@given(step('borgeren "{name}" med CPR-nummer {cpr:CPR} bor på {home:Adresse}'))
def given_citizen_with_cpr(driver: Driver, name: str, cpr: str, home: AddressText) -> None:
    driver.add_person(name, cpr, address_dict(home), Cpr.parse(cpr).birth_date, 1, SINCE)


@given(step('borgeren "{name}" bor på {home:Adresse}'))
def given_citizen_at(driver: Driver, name: str, home: AddressText) -> None:
    birth = date(1980, 5, 5)
    driver.add_person(name, driver.names.next_cpr(birth), address_dict(home), birth, 1, SINCE)


@given(step('borgeren "{name}" bor i {municipality}'))
def given_citizen_in(driver: Driver, name: str, municipality: str) -> None:
    birth = date(1980, 5, 5)
    home = address_in(municipality, len(driver.names.persons) + 1)
    driver.add_person(name, driver.names.next_cpr(birth), home, birth, 1, SINCE)


@given(step('"{name}" er i sikringsgruppe {group:Tal} fra {day:Dato}'))
def given_group(driver: Driver, name: str, group: int, day: DateExpr) -> None:
    driver.set_group(name, group, day.on(driver.today()))


@given(step('"{name}" er tilmeldt "{practice}"'))
def given_listed(driver: Driver, name: str, practice: str) -> None:
    driver.list_with(name, practice, SINCE)


@given(
    step('praksis "{practice}" er {is_open:Åbenhed} for tilgang og ligger {km:Km} km fra bopælen hos "{name}"')
)
def given_practice_near(
    driver: Driver, practice: str, is_open: bool, km: float, name: str
) -> None:
    driver.practice_near(practice, name, km, is_open, SINCE)


@given(step('praksis "{practice}" på {where:Adresse} er {is_open:Åbenhed} for tilgang'))
def given_practice_at(driver: Driver, practice: str, where: AddressText, is_open: bool) -> None:
    ydernummer = driver.names.next_ydernummer()
    driver.add_practice(practice, ydernummer, address_dict(where), is_open, SINCE)


@given(step('"{first}" og "{second}" er gift med hinanden'))
def given_married(driver: Driver, first: str, second: str) -> None:
    driver.marry(first, second)


@given(step('"{child}" er barn af "{parent}"'))
def given_child_of(driver: Driver, child: str, parent: str) -> None:
    driver.add_parent(child, parent)


@given(step('"{name}" har navne- og adressebeskyttelse'))
def given_protected(driver: Driver, name: str) -> None:
    driver.protect(name)


# Når -----------------------------------------------------------------------------------------
@when(step('"{name}" vælger "{practice}" i selvbetjeningen'))
def when_citizen_chooses(driver: Driver, name: str, practice: str) -> None:
    driver.choose_gp("citizen", name, practice)


@when(step('{role:Rolle} vælger "{practice}" for "{name}"'))
def when_someone_chooses(driver: Driver, role: str, practice: str, name: str) -> None:
    driver.choose_gp(role, name, practice)


@when(step('"{name}" vælger "{practice}" for sig selv og {children:Navne}'))
def when_chooses_with_children(
    driver: Driver, name: str, practice: str, children: tuple[str, ...]
) -> None:
    driver.choose_gp("citizen", name, practice, involved=children)


# Så ------------------------------------------------------------------------------------------
@then(step("godkendes {what:Handling}"))
def then_accepted(driver: Driver, what: str) -> None:
    assert driver.last is not None and driver.last.accepted, explain(driver)


@then(step("afvises {what:Handling}"))
def then_refused(driver: Driver, what: str) -> None:
    assert driver.last is not None and not driver.last.accepted, explain(driver)


@then(step('afvises {what:Handling} med begrundelsen "{text}"'))
def then_refused_because(driver: Driver, what: str, text: str) -> None:
    assert driver.last is not None and not driver.last.accepted, explain(driver)
    assert driver.last.mentions(text), explain(driver)


@then(step('begrundelsen nævner "{text}"'))
def then_reason_mentions(driver: Driver, text: str) -> None:
    assert driver.last is not None and driver.last.mentions(text), explain(driver)


@then(step("ligger praksis {inside:Placering} kilometergrænsen"))
def then_within_limit(driver: Driver, inside: bool) -> None:
    assert driver.last is not None, explain(driver)
    wanted = "WITHIN_DISTANCE_LIMIT" if inside else "BEYOND_DISTANCE_LIMIT"
    assert wanted in driver.last.reason_codes(), explain(driver)


@then(step('er "{name}" tilmeldt "{practice}" fra {day:Dato}'))
def then_listed_from(driver: Driver, name: str, practice: str, day: DateExpr) -> None:
    assert driver.doctor_on(name, day.on(driver.today())) == practice, explain(driver)


@then(step('er "{name}" fortsat tilmeldt "{practice}"'))
def then_still_listed(driver: Driver, name: str, practice: str) -> None:
    assert driver.doctor_on(name, driver.today()) == practice, explain(driver)


@then(step('er "{name}" i sikringsgruppe {group:Tal} fra {day:Dato}'))
def then_group_from(driver: Driver, name: str, group: int, day: DateExpr) -> None:
    assert driver.group_on(name, day.on(driver.today())) == group, explain(driver)
