"""A synthetic population and its practices, from a seed and the Danish reference data.

Households first: people living alone, couples (married, or cohabiting and some of those
declared as samlever in the system), couples with children and single parents, the children
with their parents and custody holders. Ages follow Denmark's age structure and CPR numbers
its rules (`demography`). Names come from Faker's ``da_DK`` locale, from pools built once per
seed (calling Faker per person is 26-54x slower). Every household has one `Address` object in
a real postcode of its municipality, around the postcode's point; practices are then placed at
household homes and sized on national figures (`practices`), and every group-1 resident is
listed with one of the practices nearest to home.

Memory is what limits a national run (DESIGN.md, the hot path), so the builder shares what it
can: one address per household, one date object per day, interned names, one parents tuple
per family, and the initial group and GP listing as shared tuples (`Citizen` copies them on
first change).
"""

from __future__ import annotations

import itertools
import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from faker import Faker

from sandbox.domain.geography import Address, Geography, Municipality, Postcode, fold
from sandbox.domain.model import Citizen as Person
from sandbox.domain.model import CivilStatus, GpListing, GroupMembership, Practice
from sandbox.parameters import default_parameters
from sandbox.service.store import Store
from sandbox.worlds.demography import AgeDraw, CprFactory, PopulationShares, municipality_sizes
from sandbox.worlds.practices import PracticePlacer, close_full_practices, practice_count

POOL_SIZE = 400
FLOORS = ("st. tv", "st. th", "1. tv", "1. th", "2. tv", "2. th", "3. tv", "3. th", "4. mf")
FLOOR_COUNT = len(FLOORS)
FLOOR_KEYS = tuple(fold(floor) for floor in FLOORS)  # as `Address.key` folds them
HOUSE_NUMBER_COUNT = 150  # house numbers 1 to 150
CHILD_COUNTS = (1, 2, 3, 4)
CHILD_WEIGHTS = (0.42, 0.43, 0.12, 0.03)
# what `random.choices` would sum from CHILD_WEIGHTS on every call (the same floats), and the
# total it draws against: `household` makes the same draw and the same bisect without the call
CHILD_CUMULATIVE = tuple(itertools.accumulate(CHILD_WEIGHTS))
CHILD_TOTAL = CHILD_CUMULATIVE[-1] + 0.0
CHILD_LAST = len(CHILD_COUNTS) - 1
_MARRIED = CivilStatus.MARRIED


def round_degrees(value: float) -> float:
    """``round(value, 5)`` of a latitude or longitude: the same float, without the decimal
    conversion `round` makes (131 ns against 182, two a home) unless the value is near a tie.

    ``value * 1e5`` is within 2e-9 of the exact product for any |value| <= 180, so where it is
    more than 1e-6 away from a half the exact product rounds to the same whole number ``n``,
    and ``n / 1e5`` (an exact division, correctly rounded) is the float nearest to the
    decimal ``round`` finds. Near a half, `round` itself decides.
    """
    scaled = value * 100000.0
    whole = round(scaled)
    if -0.499999 < scaled - whole < 0.499999:
        return whole / 100000.0
    return round(value, 5)


@dataclass(frozen=True, slots=True)
class NamePools:
    """Navnepuljer - first names and surnames drawn once from Faker da_DK."""

    first_female: tuple[str, ...]
    first_male: tuple[str, ...]
    last: tuple[str, ...]
    streets: tuple[str, ...]

    @staticmethod
    def build(seed: int) -> NamePools:
        faker = Faker("da_DK")
        faker.seed_instance(seed)
        return NamePools(
            tuple(sorted({faker.first_name_female() for _ in range(POOL_SIZE)})),
            tuple(sorted({faker.first_name_male() for _ in range(POOL_SIZE)})),
            tuple(sorted({faker.last_name() for _ in range(POOL_SIZE)})),
            tuple(sorted({faker.street_name() for _ in range(POOL_SIZE)})),
        )


class _Places(NamedTuple):
    """A municipality's postcodes and streets for new homes, with their counts."""

    postcodes: tuple[Postcode, ...]
    postcode_count: int
    streets: tuple[str, ...]
    street_count: int
    street_keys: tuple[str, ...]  # the streets as `Address.key` folds them


class _NameTable:
    """One pool of first names, its size, and its full names by surname index and first-name
    index (None until first made)."""

    __slots__ = ("count", "first", "rows")

    def __init__(self, first: tuple[str, ...], surnames: int) -> None:
        self.first, self.count = first, len(first)
        self.rows: list[list[str | None]] = [[None] * len(first) for _ in range(surnames)]


@dataclass(slots=True)
class PopulationResult:
    """What the builder made: the residents in order, and who the world must tell the fakes of."""

    # the residents in the order they were made: the citizens themselves (the simulator's
    # picker draws from this list and reads a drawn citizen at once, without a look-up by
    # number in the store's index of millions); the world appends the numbers of residents
    # it makes later (`sandbox.simulation.world.World.pick_resident` finds them)
    residents: list[Person | str] = field(default_factory=list)
    households: int = 0
    opted_out: list[str] = field(default_factory=list)
    practices_closed: int = 0
    by_municipality: dict[str, int] = field(default_factory=dict)

    @property
    def cprs(self) -> list[str]:
        """The residents' CPR numbers, in order."""
        return [r if isinstance(r, str) else r.cpr for r in self.residents]


class PopulationBuilder:
    """Builds households, citizens and practices for some municipalities into a registry."""

    def __init__(
        self,
        geography: Geography,
        seed: int,
        start: date,
        shares: PopulationShares | None = None,
    ) -> None:
        self.geography = geography
        self.rng = random.Random(f"{seed}:population")
        # the bound draw, looked up once: the builder draws about 15 numbers a resident
        self._random = self.rng.random
        self.names = NamePools.build(seed)
        self.start = start
        self.shares = shares = shares or PopulationShares()
        # the household mix's sums, as `household` compared them per household
        self._with_partner = shares.alone + shares.couple
        self._households = shares.alone + shares.couple + shares.single_parent
        self.ages = AgeDraw(self.rng)
        self.numbers = CprFactory(self.rng, start, self.shares)
        self.placer = PracticePlacer(self.rng, start, self.names.last)
        self.placer.first_names = self.names.first_female + self.names.first_male
        self._house_numbers = tuple(str(n) for n in range(1, HOUSE_NUMBER_COUNT + 1))
        # the name pools with their sizes, counted once (two draws a resident), and each
        # pool's full names by surname and first name, made on first use: one string object
        # a name however many bear it, found by the two draws' indexes (no string to make
        # and look up a resident); ``_last`` is the surname index of the person made last
        self._last_count = last_count = len(self.names.last)
        self._female = _NameTable(self.names.first_female, last_count)
        self._male = _NameTable(self.names.first_male, last_count)
        self._last = 0
        # the shared initial histories, by group (1 or 2) or ydernummer and then by start day
        self._groups: dict[int, dict[date, tuple[GroupMembership, ...]]] = {1: {}, 2: {}}
        self._listings: dict[str, dict[date, tuple[GpListing, ...]]] = {}
        # a municipality's postcodes and street names, each with its count, and the street
        # names as `Address.key` folds them (the address index's key is made once a home)
        self._places: dict[str, _Places] = {}
        # one float object per latitude or longitude value (5 decimals) in the municipality
        # being built: homes near the same postcode point share values (nationally 6 million
        # floats are 2.7 million values, 13 bytes a resident); emptied between municipalities
        self._degrees: dict[float, float] = {}
        # initial registrations start at one of the last 40 quarters (shared objects)
        # residents born on or before this day may have opted out of the health card
        self._opt_out_birth = start - timedelta(days=15 * 366)
        self._quarters = tuple(
            self.numbers.month_start_before(start, months) for months in range(3, 123, 3)
        )
        self._quarter_count = len(self._quarters)

    # addresses -------------------------------------------------------------------------------
    def address_in(
        self, municipality: Municipality, spread_km: float = 2.0, rng: random.Random | None = None
    ) -> Address:
        """A new home in one of the municipality's postcodes, around the postcode's point."""
        return self.home_in(municipality, spread_km, rng or self.rng)[0]

    def home_in(
        self, municipality: Municipality, spread_km: float, rng: random.Random
    ) -> tuple[Address, str]:
        """`address_in`'s new home, and its `Address.key` made from the parts folded once."""
        code = municipality.code
        places = self._places.get(code)
        if places is None:
            real = tuple(s.name for s in self.geography.streets_in(code))
            postcodes, streets = self.geography.postcodes_in(code), real + self.names.streets
            places = self._places[code] = _Places(
                postcodes, len(postcodes), streets, len(streets), tuple(map(fold, streets))
            )
        postcodes, postcode_count, streets, street_count, street_keys = places
        postcode = postcodes[int(rng.random() * postcode_count)]
        centre = postcode.centre
        random_ = rng.random
        # a triangular spread (sum of two uniforms) around the postcode's point: cheaper than
        # a normal draw, and homes stay near the point
        lat = round_degrees(centre.lat + (random_() + random_() - 1.0) * spread_km * 2.0 / 111.0)
        lon = round_degrees(centre.lon + (random_() + random_() - 1.0) * spread_km * 2.0 / 63.0)
        degrees = self._degrees
        # the draws in the order of the arguments: street, number, floor
        street = int(random_() * street_count)
        number = self._house_numbers[int(random_() * HOUSE_NUMBER_COUNT)]
        floor = int(random_() * FLOOR_COUNT) if random_() < 0.4 else -1
        address = Address(
            streets[street],
            number,
            postcode.number,
            postcode.name,
            code,
            (degrees.setdefault(lat, lat), degrees.setdefault(lon, lon)),  # near the postcode
            None,
            FLOORS[floor] if floor >= 0 else None,
        )
        # `Address.key` (house numbers here are plain digits, postcodes without spaces)
        floor_key = FLOOR_KEYS[floor] if floor >= 0 else ""
        return address, f"{street_keys[street]}|{number}|{floor_key}|{postcode.number}"

    # persons ---------------------------------------------------------------------------------
    def person(self, age: int, address: Address, last: int = -1) -> Person:
        """One citizen of ``age`` at ``address`` (no group or listing yet), with the surname
        of index ``last`` in the pool (a family's), or a drawn one (-1)."""
        numbers = self.numbers
        day = numbers.birth_day(age)
        birth, cpr = day[0], numbers.number_on(day)
        random_ = self._random
        table = self._female if cpr[9] in "02468" else self._male
        first = int(random_() * table.count)
        if last < 0:
            last = int(random_() * self._last_count)
        self._last = last
        row = table.rows[last]
        name = row[first]
        if name is None:
            name = row[first] = f"{table.first[first]} {self.names.last[last]}"
        return Person.newcomer(cpr, name, birth, address)

    def household(self, municipality: Municipality) -> tuple[list[Person], str]:
        """One household: alone, a couple (with children or not), or a single parent; with
        its home's `Address.key`."""
        rng, shares, random_ = self.rng, self.shares, self._random
        address, key = self.home_in(municipality, 2.0, rng)
        draw = random_() * self._households
        if draw < shares.alone:
            members = [self.person(self.ages.adult(), address)]
            if random_() < shares.protected:  # name and address protection (see below)
                members[0].protected = True
            return members, key
        with_partner = draw < self._with_partner
        with_children = not with_partner or random_() < shares.couple_with_children
        kids: list[int] = []
        if with_children:
            # children first, then parents old enough for the eldest (ages of mothers at birth);
            # their number as `rng.choices(CHILD_COUNTS, cum_weights=CHILD_CUMULATIVE)[0]`
            # draws it (the same draw and bisect, without the call and its list)
            count = CHILD_COUNTS[
                bisect_right(CHILD_CUMULATIVE, random_() * CHILD_TOTAL, 0, CHILD_LAST)
            ]
            kids = [self.ages.child(99) for _ in range(count)]
            age = min(70, max(kids) + max(18, round(rng.gauss(31, 5))))
        else:
            age = self.ages.adult()
        first = self.person(age, address)
        family = self._last  # the first person's surname: the family's
        members = [first]
        if with_partner:
            partner_age = min(99, max(18, age + round(rng.gauss(0, 3))))
            married = random_() < shares.couple_married
            partner = self.person(
                partner_age, address, family if married and random_() < 0.5 else -1
            )
            members.append(partner)
            if married:
                first.civil_status = partner.civil_status = _MARRIED
                first.spouse, partner.spouse = partner.cpr, first.cpr
            elif random_() < shares.cohabitants_declared_samlever:
                first.declared_samlever, partner.declared_samlever = partner.cpr, first.cpr
        if kids:
            parents = (first.cpr, members[1].cpr) if with_partner else (first.cpr,)
            for kid in kids:
                child = self.person(kid, address, family)
                child.parents = child.custody_holders = parents
                members.append(child)
        # name and address protection for a share of households (it covers the children)
        if random_() < shares.protected:
            for member in members:
                member.protected = True
        return members, key

    # listing ---------------------------------------------------------------------------------
    def _register(
        self, members: list[Person], practice: Practice | None, result: PopulationResult
    ) -> None:
        """Each member's shared initial group and GP listing, from the start of a quarter in
        the past, then the member's card opt-out draw (if born 15 years or more before the
        start); one call a household."""
        random_, quarters, start = self._random, self._quarters, self.start
        count = self._quarter_count
        group = 2 if practice is None else 1
        groups = self._groups[group]
        if practice is not None:
            found = self._listings.get(practice.ydernummer)  # made with its first listing
            if found is None:
                found = self._listings[practice.ydernummer] = {}
            listings = found
        opt_out, opt_out_birth = self.shares.card_opt_out, self._opt_out_birth
        residents, opted_out = result.residents.append, result.opted_out.append
        for person in members:
            birth = person.birth_date
            since = quarters[int(random_() * count)]
            if since <= birth:
                since = self.numbers.month_start_before(birth, -1)
                if since > start:
                    since = birth
            memberships = groups.get(since)
            if memberships is None:
                memberships = (GroupMembership(group, since, None, None, "initial"),)
                groups[since] = memberships
            person._groups = memberships
            if practice is not None:
                listed = listings.get(since)
                if listed is None:
                    listed = (GpListing(practice.ydernummer, since, None, None, "INITIAL"),)
                    listings[since] = listed
                person._listings = listed
            residents(person)
            if birth <= opt_out_birth and random_() < opt_out:
                opted_out(person.cpr)
        if practice is not None:
            practice.list_size += len(members)

    # the whole population ----------------------------------------------------------------
    def populate(
        self, registry: Store, municipality_codes: tuple[str, ...], size: int
    ) -> PopulationResult:
        """Add ``size`` citizens spread over the municipalities by population, with practices."""
        municipalities = [self.geography.municipality(code) for code in municipality_codes]
        total = sum(m.population for m in municipalities)
        result = PopulationResult()
        sizes = municipality_sizes([m.population for m in municipalities], size)
        for municipality, share in zip(municipalities, sizes, strict=True):
            self._municipality(registry, municipality, share, total / size, result)
        self._degrees.clear()
        return result

    def _municipality(
        self,
        registry: Store,
        municipality: Municipality,
        size: int,
        scale: float,
        result: PopulationResult,
    ) -> None:
        households: list[list[Person]] = []
        keys: list[str] = []  # each household's `Address.key`, for the store's address index
        count = 0
        self._degrees.clear()
        while count < size:
            members, key = self.household(municipality)
            people = len(members)
            if people > size - count:  # the last places: people living alone
                members, people = [self.person(self.ages.adult(), members[0].address)], 1
            households.append(members)
            keys.append(key)
            count += people
        minimum = 3 if size < municipality.population else 1
        practices = self.placer.place(
            registry,
            municipality,
            [members[0].address for members in households],
            practice_count(municipality, minimum),
        )
        # a postcode's candidate practices, with how many there are
        near: dict[str, tuple[tuple[Practice, ...], int]] = {}
        random_, group_2 = self._random, self.shares.group_2
        for members, key in zip(households, keys, strict=True):
            postcode = members[0].address.postcode
            found = near.get(postcode)
            if found is None:
                point = self.geography.postcode(postcode).centre
                candidates = self.placer.candidates(point, practices)
                found = near[postcode] = (candidates, len(candidates))
            candidates, choices = found
            practice: Practice | None = candidates[int(random_() * choices)]
            if random_() < group_2:
                practice = None
            self._register(members, practice, result)
            registry.add_household(members, key)
        result.households += len(households)
        result.by_municipality[municipality.code] = size
        threshold = default_parameters().value("closingThresholdPatientsPerCapacity", self.start)
        result.practices_closed += close_full_practices(
            practices, scale, float(threshold), self.start - timedelta(days=60)
        )
