"""GP practices of the synthetic Denmark: how many, how big, where, and open or closed.

Sized from ``sandbox/data/gp_reference_stats.csv`` (DATA.md): about 1,980 practices and 3,500
full-time doctor capacities for 5.82 million residents (Sundhedsdatastyrelsen, 2014), so one
practice per about 2,940 residents with 1.77 capacities on average. A practice is placed at the
home of a randomly drawn household of its municipality (so practices lie where people live),
and it is closed for new patients when its list, scaled to the real population, exceeds
``closingThresholdPatientsPerCapacity`` (1,600 group-1 patients per capacity, SPEC 3.3).
"""

from __future__ import annotations

import csv
import io
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib.resources import files

from sandbox.domain.geography import Address, Coordinates, Municipality
from sandbox.domain.model import Practice
from sandbox.service.store import Store

# doctors per practice: 1 to 4, weighted so the mean is about 1.79 (3,500 / 1,980 = 1.77)
DOCTOR_COUNTS = (1, 2, 3, 4)
DOCTOR_WEIGHTS = (0.42, 0.40, 0.15, 0.03)
CANDIDATES_PER_POSTCODE = 4
CLINIC_WORDS = ("Lægehuset", "Lægerne", "Lægeklinikken", "Lægecenter", "Lægepraksis")


@dataclass(frozen=True, slots=True)
class PracticeSizing:
    """Praksisdimensionering - residents per practice and the national totals behind it."""

    practices: int
    capacities: float
    residents: int

    @property
    def residents_per_practice(self) -> float:
        return self.residents / self.practices


@cache
def practice_sizing() -> PracticeSizing:
    """The national figures from gp_reference_stats.csv and municipalities.csv."""
    text = files("sandbox.data").joinpath("gp_reference_stats.csv").read_text(encoding="utf-8")
    national = {
        row["metric"]: float(row["value"])
        for row in csv.DictReader(io.StringIO(text))
        if row["scope"] == "national" and row["reference_date"] == "2014"
    }
    towns = files("sandbox.data").joinpath("municipalities.csv").read_text(encoding="utf-8")
    residents = sum(int(row["population"]) for row in csv.DictReader(io.StringIO(towns)))
    return PracticeSizing(
        int(national["gp_practices"]), national["gp_fulltime_capacities"], residents
    )


def practice_count(municipality: Municipality, minimum: int = 1) -> int:
    """How many practices a municipality has, from its real population."""
    per_practice = practice_sizing().residents_per_practice
    return max(minimum, round(municipality.population / per_practice))


class PracticePlacer:
    """Places a municipality's practices at household homes and finds candidates near a home."""

    def __init__(self, rng: random.Random, start: date, surnames: tuple[str, ...]) -> None:
        self.rng = rng
        self.start = start
        self.surnames = surnames
        self.first_names: tuple[str, ...] = ()
        self._yder = 100000

    def place(
        self, registry: Store, municipality: Municipality, homes: list[Address], count: int
    ) -> list[Practice]:
        rng = self.rng
        since = self.start - timedelta(days=3650)
        placed: list[Practice] = []
        for _ in range(count):
            self._yder += rng.randint(1, 97)
            home = rng.choice(homes)
            point = Coordinates(
                round(home.lat + rng.gauss(0, 0.003), 5),
                round(home.lon + rng.gauss(0, 0.005), 5),
            )
            surname = rng.choice(self.surnames)
            doctors = rng.choices(DOCTOR_COUNTS, DOCTOR_WEIGHTS)[0]
            practice = Practice(
                ydernummer=f"{self._yder:06d}",
                name=f"{rng.choice(CLINIC_WORDS)} {surname}",
                address=Address(
                    "Lægehusvej" if not home.street else home.street,
                    str(rng.randint(1, 60)),
                    home.postcode,
                    home.city,
                    municipality.code,
                    point,
                ),
                region_code=municipality.region_code,
                doctors=tuple(f"{rng.choice(self.first_names)} {surname}" for _ in range(doctors)),
                capacity=float(doctors),
                openness=[(since, True)],
                created_on=since,
            )
            registry.add_practice(practice)
            placed.append(practice)
        return placed

    @staticmethod
    def candidates(point: Coordinates, practices: list[Practice]) -> tuple[Practice, ...]:
        """The practices nearest to ``point`` (a postcode's centre), nearest first."""

        def squared(practice: Practice) -> tuple[float, str]:
            where = practice.address  # its point's two floats, no `Coordinates` made
            dlat = where.lat - point.lat
            dlon = (where.lon - point.lon) * math.cos(math.radians(point.lat))
            return (dlat * dlat + dlon * dlon, practice.ydernummer)

        return tuple(sorted(practices, key=squared)[:CANDIDATES_PER_POSTCODE])


def close_full_practices(
    practices: list[Practice], scale: float, threshold: float, on: date
) -> int:
    """Close for new patients from ``on`` every practice over the threshold; return how many."""
    closed = 0
    for practice in practices:
        if practice.list_size * scale > threshold * practice.capacity:
            practice.set_open(on, False)
            closed += 1
    return closed
