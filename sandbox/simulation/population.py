"""A synthetic population and its practices, from a seed and the Danish reference data.

Names come from Faker's ``da_DK`` locale, but from pools built once per seed: calling Faker per
person is 26-54x slower. Addresses lie in the municipality's real postcodes, around the
postcode's point; streets come from the reference sample where it has the municipality.
Practices are placed where people live and sized on national figures: about 2,940 residents
per practice (1,980 practices for 5.82 million, gp_reference_stats.csv) and 1 to 3 doctors each.
A practice is closed for new patients when its list, scaled to the real population, passes
1,600 patients per doctor (SPEC 3.3).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker

from sandbox.domain.cpr import make_cpr
from sandbox.domain.geography import Address, Coordinates, Geography, Municipality
from sandbox.domain.model import Citizen, GpListing, GroupMembership, Practice
from sandbox.domain.registry import Registry

RESIDENTS_PER_PRACTICE = 2940
PATIENTS_PER_DOCTOR_CLOSING = 1600
POOL_SIZE = 400


@dataclass(frozen=True, slots=True)
class NamePools:
    """Navnepuljer - first names and surnames drawn once from Faker da_DK."""

    first_female: tuple[str, ...]
    first_male: tuple[str, ...]
    last: tuple[str, ...]
    streets: tuple[str, ...]
    clinic_words: tuple[str, ...]

    @staticmethod
    def build(seed: int) -> NamePools:
        faker = Faker("da_DK")
        faker.seed_instance(seed)
        return NamePools(
            tuple(sorted({faker.first_name_female() for _ in range(POOL_SIZE)})),
            tuple(sorted({faker.first_name_male() for _ in range(POOL_SIZE)})),
            tuple(sorted({faker.last_name() for _ in range(POOL_SIZE)})),
            tuple(sorted({faker.street_name() for _ in range(POOL_SIZE)})),
            ("Lægehuset", "Lægerne", "Lægeklinikken", "Lægecenter", "Lægepraksis"),
        )


class PopulationBuilder:
    """Builds citizens and practices for some municipalities into a registry."""

    def __init__(self, geography: Geography, seed: int, start: date) -> None:
        self.geography = geography
        self.rng = random.Random(f"{seed}:population")
        self.names = NamePools.build(seed)
        self.start = start
        self._serials: dict[date, int] = {}
        self._yder = 100000

    def address_in(self, municipality: Municipality, spread_km: float = 2.0) -> Address:
        rng = self.rng
        postcodes = self.geography.postcodes_in(municipality.code)
        postcode = rng.choice(postcodes)
        streets = [s.name for s in self.geography.streets_in(municipality.code)]
        street = rng.choice(streets) if streets else rng.choice(self.names.streets)
        centre = postcode.centre
        point = Coordinates(
            round(centre.lat + rng.gauss(0, spread_km / 111.0), 5),
            round(centre.lon + rng.gauss(0, spread_km / 63.0), 5),
        )
        return Address(
            street,
            str(rng.randint(1, 120)),
            postcode.number,
            postcode.name,
            municipality.code,
            point,
        )

    def practices(self, registry: Registry, municipality: Municipality, scale: float) -> None:
        count = max(3, round(municipality.population / RESIDENTS_PER_PRACTICE))
        for _ in range(count):
            self._yder += self.rng.randint(1, 97)
            address = self.address_in(municipality, spread_km=1.0)
            doctors = self.rng.choice((1, 1, 2, 2, 3))
            surname = self.rng.choice(self.names.last)
            practice = Practice(
                ydernummer=f"{self._yder:06d}",
                name=f"{self.rng.choice(self.names.clinic_words)} {surname}",
                address=address,
                region_code=municipality.region_code,
                doctors=tuple(
                    f"{self.rng.choice(self.names.first_female + self.names.first_male)} {surname}"
                    for _ in range(doctors)
                ),
                capacity=float(doctors),
                openness=[(self.start - timedelta(days=3650), True)],
                created_on=self.start - timedelta(days=3650),
            )
            registry.add_practice(practice)

    def citizen(self, municipality: Municipality) -> Citizen:
        rng = self.rng
        age_days = int(rng.triangular(0, 95 * 365, 40 * 365))
        birth = self.start - timedelta(days=age_days + 1)
        sequence = self._serials.get(birth, 0)
        self._serials[birth] = sequence + 1
        modulus_11 = birth < date(2007, 10, 1) or rng.random() < 0.5
        cpr = make_cpr(birth, sequence, modulus_11=modulus_11).digits
        female = int(cpr[-1]) % 2 == 0
        first = rng.choice(self.names.first_female if female else self.names.first_male)
        return Citizen(
            cpr=cpr,
            name=f"{first} {rng.choice(self.names.last)}",
            birth_date=birth,
            address=self.address_in(municipality),
        )

    def populate(self, registry: Registry, municipality_codes: tuple[str, ...], size: int) -> None:
        """Add ``size`` citizens spread over the municipalities by population, with practices."""
        municipalities = [self.geography.municipality(code) for code in municipality_codes]
        total = sum(m.population for m in municipalities)
        scale = total / size
        for municipality in municipalities:
            self.practices(registry, municipality, scale)
        for index, municipality in enumerate(municipalities):
            share = round(size * municipality.population / total)
            if index == len(municipalities) - 1:
                share = size - sum(round(size * m.population / total) for m in municipalities[:-1])
            for _ in range(share):
                citizen = self.citizen(municipality)
                self._list_initially(registry, citizen)
                registry.add_citizen(citizen)
        self._close_full_practices(registry, scale)

    def _list_initially(self, registry: Registry, citizen: Citizen) -> None:
        since = max(citizen.birth_date, self.start - timedelta(days=self.rng.randint(30, 3650)))
        citizen.groups.append(GroupMembership(1, since, reason="initial"))
        nearby = sorted(
            registry.practices_within(citizen.address.coordinates, 15.0),
            key=lambda p: (
                (p.address.coordinates.lat - citizen.address.coordinates.lat) ** 2
                + (p.address.coordinates.lon - citizen.address.coordinates.lon) ** 2,
                p.ydernummer,
            ),
        )[:3]
        if not nearby:
            return
        practice = self.rng.choice(nearby)
        citizen.listings.append(GpListing(practice.ydernummer, since, basis="INITIAL"))
        practice.list_size += 1

    def _close_full_practices(self, registry: Registry, scale: float) -> None:
        for practice in registry.practices.values():
            patients = practice.list_size * scale
            if patients > PATIENTS_PER_DOCTOR_CLOSING * practice.capacity:
                practice.set_open(self.start - timedelta(days=60), False)
