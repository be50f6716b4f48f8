"""Demography of the synthetic Denmark: age structure, household mix, shares, CPR numbering.

The figures are defaults sized on Danish statistics; a scenario may override every share
(``population_shares`` in the scenario file).

- Age structure: shares of the population by five-year age band, rounded from Danmarks
  Statistik, table FOLK1A (population 1 January 2024, by age). Approximate: good to a few
  tenths of a percentage point per band, which is all a simulation of case handling needs.
- Households: about 2.9 million households for 5.9 million residents (2.05 persons each),
  about 39 % of them one person living alone, couples (married or cohabiting, about 28 % of
  couples unmarried) and single parents; rounded from DST's household and family tables
  (FAM55N, HUS1). Children live with both parents or with one (single parents).
- Group 2: about 0.6 % of insured persons (SPEC 2.1: 99.4 % in group 1, 2011).
- CPR numbers: modulus-11 numbers ran out for some 1 January birth dates, so since
  1 October 2007 CPR issues numbers without modulus 11 for them (SPEC 5.3, list of years from
  CPR, 10 May 2023); immigrants with unknown birth dates are registered on 1 January. Substitute
  numbers (erstatningspersonnummer, day + 60) exist for people without a real number (SPEC 5.5).
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import cache
from typing import Any

from sandbox.domain.cpr import century

# (first age, last age, share in %) - DST FOLK1A, 1 January 2024, rounded; normalised below
AGE_BANDS: tuple[tuple[int, int, float], ...] = (
    (0, 4, 5.1),
    (5, 9, 5.3),
    (10, 14, 5.7),
    (15, 19, 6.0),
    (20, 24, 6.5),
    (25, 29, 7.0),
    (30, 34, 6.5),
    (35, 39, 6.0),
    (40, 44, 5.9),
    (45, 49, 6.4),
    (50, 54, 7.0),
    (55, 59, 6.9),
    (60, 64, 6.1),
    (65, 69, 5.4),
    (70, 74, 5.1),
    (75, 79, 4.6),
    (80, 84, 2.9),
    (85, 89, 1.3),
    (90, 99, 0.7),
)

# 1 January of these years: CPR numbers without modulus 11 issued since 1 Oct 2007 (SPEC 5.3)
NON_MODULUS_11_YEARS = frozenset(
    {1960, 1962, 1964, 1965, 1966, 1967, 1969, 1970, 1974, 1975, 1978, 1994, 1995}
    | set(range(1980, 1993))
)


# modulus 11 (SPEC 5.3): weights 4 3 2 7 6 5 | 4 3 2 1 over the date and the serial
PREFIX_WEIGHTS = (4, 3, 2, 7, 6, 5)
SUBSTITUTE_DAY_OFFSET = 60
_SERIAL_TEXT = tuple(f"{n:04d}" for n in range(10_000))
_SERIAL_WEIGHT = tuple(
    (4 * (n // 1000) + 3 * (n // 100 % 10) + 2 * (n // 10 % 10) + n % 10) % 11
    for n in range(10_000)
)


@cache
def century_digits(year: int) -> tuple[int, ...]:
    """The values of digit 7 that give ``year`` under the century rule (SPEC 5.2)."""
    return tuple(d for d in range(10) if century(d, year % 100) + year % 100 == year)


@cache
def serial_table(digits7: tuple[int, ...], residue: int, passing: bool) -> tuple[str, ...]:
    """Serials starting with one of ``digits7`` that pass (or fail) modulus 11 after a date
    prefix whose weighted sum is ``residue`` (mod 11), ascending. At most 4 x 11 x 2 tables."""
    return tuple(
        _SERIAL_TEXT[n]
        for first in digits7
        for n in range(first * 1000, first * 1000 + 1000)
        if ((residue + _SERIAL_WEIGHT[n]) % 11 == 0) == passing
    )


@dataclass(frozen=True, slots=True)
class PopulationShares:
    """Befolkningsandele - household mix and the shares of special persons (Danish defaults)."""

    alone: float = 0.39
    couple: float = 0.53
    single_parent: float = 0.08
    couple_with_children: float = 0.30
    couple_married: float = 0.72
    cohabitants_declared_samlever: float = 0.30
    protected: float = 0.02
    card_opt_out: float = 0.01
    group_2: float = 0.006
    unknown_birth_date: float = 0.004
    substitute_number: float = 0.0005

    @staticmethod
    def names() -> tuple[str, ...]:
        return tuple(f.name for f in fields(PopulationShares))


def _ages(
    low: int, high: int, tilt: tuple[tuple[int, int, float], ...] = ()
) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """Ages from low to high with cumulative weights from the bands (even within a band);
    ``tilt`` scales the weight of age ranges (first, last, factor)."""
    ages: list[int] = []
    weights: list[float] = []
    for first, last, share in AGE_BANDS:
        for age in range(first, last + 1):
            if low <= age <= high:
                factor = next((f for a, b, f in tilt if a <= age <= b), 1.0)
                ages.append(age)
                weights.append(share * factor / (last - first + 1))
    return tuple(ages), tuple(itertools.accumulate(weights))


# Parents' ages follow their children's (about 31 years older than the eldest), so people living
# alone or as couples without children are drawn with fewer 35-52 year olds and more older ones,
# which brings the whole population back to the DST age structure.
NON_PARENT_TILT = ((18, 24, 1.3), (25, 34, 1.05), (35, 52, 0.45), (53, 64, 1.1), (65, 99, 1.4))


class AgeDraw:
    """Draws ages from the Danish age structure, for adults, parents and children."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._random = rng.random  # bound once: one draw for every resident's age
        self._adults = _ages(18, 99, NON_PARENT_TILT)
        self._parents = _ages(22, 56)
        self._children = _ages(0, 17)
        # the adults' and children's ages and cumulative weights with their totals, for the
        # draw a resident without a call to `_draw` (the same draw and bisect)
        self._adult_ages, self._adult_weights = self._adults
        self._adult_total = self._adult_weights[-1]
        self._child_ages, self._child_weights = self._children
        self._child_total = self._child_weights[-1]

    def _draw(self, table: tuple[tuple[int, ...], tuple[float, ...]]) -> int:
        ages, cumulative = table
        return ages[bisect.bisect(cumulative, self._random() * cumulative[-1])]

    def adult(self) -> int:
        return self._adult_ages[
            bisect.bisect(self._adult_weights, self._random() * self._adult_total)
        ]

    def parent(self) -> int:
        return self._draw(self._parents)

    def child(self, youngest_parent: int) -> int:
        ages, weights, total, random_ = (
            self._child_ages,
            self._child_weights,
            self._child_total,
            self._random,
        )
        while True:
            age = ages[bisect.bisect(weights, random_() * total)]
            if youngest_parent - age >= 18:
                return age


class CprFactory:
    """Hands out distinct, valid CPR numbers by birth date, with the Danish irregularities.

    Dates are shared objects (one per day), so a million citizens born on 2 020 days hold
    2 020 dates, not a million. Each day has a record, ``[date, irregular, usual table]``:
    the shared date, whether it is a 1 January that may have numbers without modulus 11, and
    its usual serial table once made; the builder finds a resident's day once (`birth_day`)
    and draws the number from the record (`number_on`).
    """

    def __init__(self, rng: random.Random, start: date, shares: PopulationShares) -> None:
        self.rng = rng
        self.start = start
        self.shares = shares
        self.reserved: set[str] = set()
        # keyed by the date itself: its hash is cached in the object, no ordinal to work out
        # each table is [date prefix, serials, the next one's index, how many there are]
        self._serials: dict[tuple[date, bool, bool], list[Any]] = {}
        # the days' records by ordinal (see the class's docstring)
        self._days: dict[int, list[Any]] = {}
        self._day_before_start = start.toordinal() - 1
        # looked up once: two or three draws and these two shares for every resident
        self._random = rng.random
        self._unknown_birth_date = shares.unknown_birth_date
        self._substitute_number = shares.substitute_number

    def birth_date(self, age: int) -> date:
        """A birth date for someone ``age`` years old on the start date (shared object)."""
        day: date = self.birth_day(age)[0]
        return day

    def birth_day(self, age: int) -> list[Any]:
        """`birth_date`'s day (the same draws), as its record."""
        random_ = self._random
        ordinal = self._day_before_start - age * 365 - int(random_() * 365) - age // 4
        if random_() < self._unknown_birth_date:
            year = date.fromordinal(ordinal).year
            ordinal = date(year, 1, 1).toordinal()
        found = self._days.get(ordinal)
        if found is None:
            found = self._day(date.fromordinal(ordinal))
        return found

    def _day(self, day: date) -> list[Any]:
        """The record of ``day``, made the first time (with ``day`` as its shared date)."""
        found = self._days.get(day.toordinal())
        if found is None:
            irregular = day.day == 1 and day.month == 1 and day.year in NON_MODULUS_11_YEARS
            found = self._days[day.toordinal()] = [day, irregular, None]
        return found

    def number(self, birth: date) -> str:
        """The next free number for ``birth``: modulus 11, without it, or a substitute.

        When a date's modulus-11 serials run out, CPR issues numbers without it (SPEC 5.3);
        when those run out too, a substitute number is the last resort (SPEC 5.5).
        """
        return self.number_on(self._day(birth))

    def number_on(self, day: list[Any]) -> str:
        """`number` for the date of the record ``day`` (the same draws)."""
        random_ = self._random
        birth: date = day[0]
        substitute = random_() < self._substitute_number
        modulus_11 = random_() < 0.5 if day[1] else True
        # the usual case: the next number of the first table, which nobody has reserved
        if modulus_11 and not substitute:
            found = day[2]
        else:
            found = self._serials.get((birth, modulus_11, substitute))
        if found is not None and found[2] < found[3]:
            digits_: str = found[0] + found[1][found[2]]
            found[2] += 1
            if digits_ not in self.reserved:
                return digits_
        for mod, sub in ((modulus_11, substitute), (False, substitute), (False, True)):
            found = self._table(birth, mod, sub)
            prefix, serials, count = found[0], found[1], found[3]
            while found[2] < count:
                digits: str = prefix + serials[found[2]]
                found[2] += 1
                if digits not in self.reserved:
                    return digits
        raise ValueError(f"no CPR numbers left for {birth}")

    def _table(self, birth: date, modulus_11: bool, substitute: bool) -> list[Any]:
        key = (birth, modulus_11, substitute)
        found = self._serials.get(key)
        if found is None:
            day = birth.day + SUBSTITUTE_DAY_OFFSET if substitute else birth.day
            prefix = f"{day:02d}{birth.month:02d}{birth.year % 100:02d}"
            residue = sum(w * int(c) for w, c in zip(PREFIX_WEIGHTS, prefix, strict=True)) % 11
            serials = serial_table(century_digits(birth.year), residue, modulus_11)
            found = self._serials[key] = [prefix, serials, 0, len(serials)]
            if modulus_11 and not substitute:
                self._day(birth)[2] = found
        return found

    def born_on(self, day: date) -> date:
        shared: date = self._day(day)[0]
        return shared

    def month_start_before(self, day: date, months_back: int) -> date:
        """The first of the month ``months_back`` months before ``day`` (shared object)."""
        index = day.year * 12 + day.month - 1 - months_back
        return self.born_on(date(index // 12, index % 12 + 1, 1))

    def days_before(self, day: date, days: int) -> date:
        return self.born_on(day - timedelta(days=days))


def municipality_sizes(populations: list[int], size: int) -> list[int]:
    """How many of a world's ``size`` residents live in each municipality, by the
    municipalities' real ``populations``; the last takes what rounding left."""
    total = sum(populations)
    sizes = [round(size * population / total) for population in populations[:-1]]
    return [*sizes, size - sum(sizes)]
