"""The synthetic population: households, Danish age structure, valid CPR numbers, practices."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest

from sandbox.domain.cpr import Cpr
from sandbox.domain.geography import load_geography
from sandbox.domain.model import CivilStatus
from sandbox.service.store import Store
from sandbox.worlds.demography import NON_MODULUS_11_YEARS, PopulationShares
from sandbox.worlds.population import PopulationBuilder, PopulationResult

START = date(2025, 4, 9)


@pytest.fixture(scope="module")
def built() -> tuple[Store, PopulationResult]:
    registry = Store()
    shares = PopulationShares(substitute_number=0.002, unknown_birth_date=0.02)
    builder = PopulationBuilder(load_geography(), 7, START, shares)
    result = builder.populate(registry, ("0787", "0101"), 30_000)
    return registry, result


def test_the_size_and_the_split_by_municipality(built: tuple[Store, PopulationResult]) -> None:
    registry, result = built
    assert registry.citizen_count() == 30_000 == len(result.cprs)
    assert result.by_municipality["0101"] > 10 * result.by_municipality["0787"]
    assert 1.8 < 30_000 / result.households < 2.4


def test_every_cpr_number_is_valid_and_unique_with_the_danish_irregularities(
    built: tuple[Store, PopulationResult],
) -> None:
    registry, _ = built
    parsed = [Cpr.parse(c.cpr) for c in registry.all_citizens()]
    assert all(c.birth_date == registry.citizen(c.digits).birth_date for c in parsed)
    without = [c for c in parsed if not c.passes_modulus_11 and not c.is_substitute]
    assert without, "some 1 January numbers are issued without modulus 11"
    assert all(
        (
            (c.birth_date.month, c.birth_date.day) == (1, 1)
            and c.birth_date.year in NON_MODULUS_11_YEARS
        )
        or not c.passes_modulus_11
        for c in without
    )
    assert any(c.is_substitute for c in parsed)


def test_the_age_structure_is_close_to_denmarks(built: tuple[Store, PopulationResult]) -> None:
    registry, _ = built
    ages = Counter(min(c.age_on(START) // 10, 9) for c in registry.all_citizens())
    share = {decade: ages[decade] / 30_000 for decade in range(10)}
    children = sum(1 for c in registry.all_citizens() if c.age_on(START) < 18) / 30_000
    assert 0.17 < children < 0.27  # DST: about 20 %
    assert 0.08 < share[0] < 0.14 and 0.1 < share[5] < 0.18
    assert share[8] + share[9] < 0.08


def test_households_share_one_address_and_have_relations(
    built: tuple[Store, PopulationResult],
) -> None:
    registry, _ = built
    citizens = {c.cpr: c for c in registry.all_citizens()}
    married = [c for c in citizens.values() if c.civil_status is CivilStatus.MARRIED]
    assert married and all(citizens[c.spouse].spouse == c.cpr for c in married if c.spouse)
    assert all(citizens[c.spouse].address is c.address for c in married if c.spouse)
    declared = [c for c in citizens.values() if c.declared_samlever]
    assert declared and all(c.civil_status is CivilStatus.UNMARRIED for c in declared)
    children = [c for c in citizens.values() if c.parents]
    assert children and all(c.custody_holders == c.parents for c in children)
    assert all(citizens[p].address is c.address for c in children for p in c.parents)
    assert any(len(c.parents) == 1 for c in children), "single parents"
    protected = sum(1 for c in citizens.values() if c.protected) / len(citizens)
    assert 0.005 < protected < 0.05


def test_practices_are_sized_placed_and_some_closed(
    built: tuple[Store, PopulationResult],
) -> None:
    registry, result = built
    by_municipality = Counter(p.municipality_code for p in registry.all_practices())
    assert by_municipality["0101"] > 100 and by_municipality["0787"] >= 10
    assert 0 < result.practices_closed < registry.practice_count()
    listed = [c for c in registry.all_citizens() if c.doctor_on(START) is not None]
    assert len(listed) / 30_000 > 0.98
    for citizen in listed[:2000]:
        practice = registry.practice(citizen.doctor_on(START) or "")
        assert practice.municipality_code == citizen.municipality_code


def test_opt_outs_are_15_or_older(built: tuple[Store, PopulationResult]) -> None:
    registry, result = built
    assert result.opted_out
    assert all(registry.citizen(cpr).age_on(START) >= 15 for cpr in result.opted_out)


def test_shared_initial_listings_are_copied_before_a_change(
    built: tuple[Store, PopulationResult],
) -> None:
    registry, _ = built
    first, second = (
        (
            c for c in registry.all_citizens() if c.listing_history() and c.group_on(START)
        ).__next__(),
        None,
    )
    twins = [
        c
        for c in registry.all_citizens()
        if c is not first and c.listing_history() is first.listing_history()
    ]
    assert twins, "the builder shares initial listings between citizens"
    second = twins[0]
    other = next(y for y in registry.practice_numbers() if y != first.doctor_on(START))
    registry.list_citizen(first, other, START, None, "TEST")
    assert first.doctor_on(START) == other
    assert second.doctor_on(START) != other
    assert second.listing_history()[0].valid_to is None


def test_the_same_seed_builds_the_same_population() -> None:
    def build(seed: int) -> list[tuple[str, str, str]]:
        registry = Store()
        PopulationBuilder(load_geography(), seed, START).populate(registry, ("0787",), 2000)
        return [(c.cpr, c.name, c.address.text) for c in registry.all_citizens()]

    assert build(3) == build(3)
    assert build(3) != build(4)


def test_shares_can_be_changed() -> None:
    registry = Store()
    shares = replace(PopulationShares(), protected=1.0, group_2=0.0)
    PopulationBuilder(load_geography(), 1, START, shares).populate(registry, ("0787",), 500)
    assert sum(c.protected for c in registry.all_citizens()) >= 495
