"""The builder's shortcuts give what the plain ways give: coordinates rounded as `round` rounds
them, each home's address-index key as `Address.key` makes it, a family's surname and the
number of children drawn as `random.choices` draws it."""

from __future__ import annotations

import random
from bisect import bisect_right
from datetime import date

from sandbox.domain.geography import load_geography
from sandbox.worlds.demography import CprFactory, PopulationShares
from sandbox.worlds.population import (
    CHILD_COUNTS,
    CHILD_CUMULATIVE,
    CHILD_LAST,
    CHILD_TOTAL,
    PopulationBuilder,
    round_degrees,
)

START = date(2025, 4, 9)


def test_degrees_are_rounded_to_the_float_round_gives() -> None:
    rng = random.Random(3)
    values = [rng.uniform(-180.0, 180.0) for _ in range(200_000)]
    values += [rng.uniform(54.5, 57.8) for _ in range(100_000)]  # Danish latitudes
    # the ties and their neighbours: n + 1/2 hundred-thousandths, a float either side
    ties = [(n + 0.5) / 100000.0 for n in range(5_440_000, 5_460_000)]
    values += ties + [t + 1e-13 for t in ties] + [t - 1e-13 for t in ties]
    values += [-v for v in values[-3000:]] + [0.0, 0.000005, 180.0, -180.0]
    wrong = [v for v in values if round_degrees(v) != round(v, 5)]
    assert wrong == []
    assert all(round_degrees(v).hex() == round(v, 5).hex() for v in values[:1000])


def test_a_new_homes_index_key_is_its_address_key() -> None:
    geography = load_geography()
    builder = PopulationBuilder(geography, 11, START)
    rng = random.Random(5)
    for municipality in geography.municipalities():
        for _ in range(300):
            address, key = builder.home_in(municipality, 2.0, rng)
            assert key == address.key


def test_a_home_is_the_same_drawn_with_or_without_its_key() -> None:
    geography = load_geography()
    one, other = PopulationBuilder(geography, 11, START), PopulationBuilder(geography, 11, START)
    municipality = geography.municipality("0101")
    for _ in range(500):
        assert one.address_in(municipality) == other.home_in(municipality, 2.0, other.rng)[0]
    assert one.rng.random() == other.rng.random()


def test_the_number_of_children_is_drawn_as_random_choices_draws_it() -> None:
    one, other = random.Random(9), random.Random(9)
    for _ in range(20_000):
        expected = one.choices(CHILD_COUNTS, cum_weights=CHILD_CUMULATIVE)[0]
        drawn = CHILD_COUNTS[
            bisect_right(CHILD_CUMULATIVE, other.random() * CHILD_TOTAL, 0, CHILD_LAST)
        ]
        assert drawn == expected


def test_a_family_bears_the_first_persons_surname_and_names_are_shared() -> None:
    geography = load_geography()
    builder = PopulationBuilder(geography, 7, START)
    municipality = geography.municipality("0101")
    seen: dict[str, str] = {}
    for _ in range(3000):
        members, _ = builder.household(municipality)
        surname = members[0].name.rsplit(" ", 1)[-1]
        for member in members:
            first, last = member.name.split(" ")
            assert first in builder.names.first_female + builder.names.first_male
            assert last in builder.names.last
            if member.parents:
                assert last == surname
            assert seen.setdefault(member.name, member.name) is member.name


def test_a_days_record_and_its_date_share_one_table_of_numbers() -> None:
    shares = PopulationShares(substitute_number=0.0, unknown_birth_date=0.0)
    numbers = CprFactory(random.Random(4), START, shares)
    day = numbers.birth_day(30)
    birth = day[0]
    assert numbers.born_on(date.fromordinal(birth.toordinal())) is birth
    drawn = {numbers.number_on(day) for _ in range(200)}
    drawn |= {numbers.number(date.fromordinal(birth.toordinal())) for _ in range(200)}
    assert len(drawn) == 400  # one sequence of serials, whichever way the day was given
    assert all(number.startswith(birth.strftime("%d%m%y")) for number in drawn)


def test_an_irregular_first_of_january_is_known_by_its_record() -> None:
    numbers = CprFactory(random.Random(4), START, PopulationShares())
    assert numbers._day(date(1985, 1, 1))[1] is True  # in NON_MODULUS_11_YEARS
    assert numbers._day(date(1986, 1, 2))[1] is False
    assert numbers._day(date(1979, 1, 1))[1] is False
