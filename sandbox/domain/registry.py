"""The in-memory register of Sygesikring's state, with the indexes the rules ask questions of.

Plain dicts keyed by CPR number, case id and ydernummer, plus three indexes: persons at an
address, practices in a coarse latitude/longitude grid (for "open practices within 15 km"), and
cases per person. Nothing here scans the whole population per question (DESIGN.md, hot path).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from sandbox.domain.geography import Address, Coordinates, distance_km
from sandbox.domain.model import AuditEntry, CardOrder, Case, Citizen, Letter, Practice, Task

_CELL_LAT = 0.1  # degrees of latitude, about 11 km
_CELL_LON = 0.2  # degrees of longitude, about 12 km in Denmark


def _cell(point: Coordinates) -> tuple[int, int]:
    return (math.floor(point.lat / _CELL_LAT), math.floor(point.lon / _CELL_LON))


@dataclass(slots=True)
class Registry:
    """Registret - everything Sygesikring holds, in memory."""

    citizens: dict[str, Citizen] = field(default_factory=dict)
    practices: dict[str, Practice] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)
    letters: dict[str, Letter] = field(default_factory=dict)
    card_orders: dict[str, CardOrder] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    residents_at: dict[str, list[str]] = field(default_factory=dict)
    cases_by_cpr: dict[str, list[str]] = field(default_factory=dict)
    _practice_grid: dict[tuple[int, int], list[str]] = field(default_factory=dict)

    # citizens ------------------------------------------------------------------------------
    def add_citizen(self, citizen: Citizen) -> None:
        self.citizens[citizen.cpr] = citizen
        self.residents_at.setdefault(citizen.address.key, []).append(citizen.cpr)

    def move_citizen(self, citizen: Citizen, address: Address) -> None:
        old = self.residents_at.get(citizen.address.key)
        if old and citizen.cpr in old:
            old.remove(citizen.cpr)
        citizen.address = address
        self.residents_at.setdefault(address.key, []).append(citizen.cpr)

    def persons_at(self, address: Address) -> tuple[str, ...]:
        return tuple(self.residents_at.get(address.key, ()))

    def rekey_citizen(self, old_cpr: str, citizen: Citizen) -> None:
        """Register ``citizen`` (a new CPR number) in the address index in place of old_cpr."""
        at = self.residents_at.get(citizen.address.key)
        if at and old_cpr in at:
            at[at.index(old_cpr)] = citizen.cpr
        else:
            self.residents_at.setdefault(citizen.address.key, []).append(citizen.cpr)
        self.citizens[citizen.cpr] = citizen

    # practices -----------------------------------------------------------------------------
    def add_practice(self, practice: Practice) -> None:
        self.practices[practice.ydernummer] = practice
        cell = _cell(practice.address.coordinates)
        self._practice_grid.setdefault(cell, []).append(practice.ydernummer)

    def practices_within(self, point: Coordinates, radius_km: float) -> Iterator[Practice]:
        """Practices whose address lies within ``radius_km`` of ``point`` (straight line)."""
        lat_cells = math.ceil(radius_km / 111.0 / _CELL_LAT) + 1
        lon_km = 111.32 * max(math.cos(math.radians(point.lat)), 0.1)
        lon_cells = math.ceil(radius_km / lon_km / _CELL_LON) + 1
        row, col = _cell(point)
        for r in range(row - lat_cells, row + lat_cells + 1):
            for c in range(col - lon_cells, col + lon_cells + 1):
                for ydernummer in self._practice_grid.get((r, c), ()):
                    practice = self.practices[ydernummer]
                    if distance_km(point, practice.address.coordinates) <= radius_km:
                        yield practice

    def count_open_within(
        self, point: Coordinates, radius_km: float, on: date, stop_at: int | None = None
    ) -> int:
        """How many practices open on ``on`` lie within the radius (stops early at stop_at)."""
        count = 0
        for practice in self.practices_within(point, radius_km):
            if practice.is_open_on(on):
                count += 1
                if stop_at is not None and count >= stop_at:
                    break
        return count

    # cases, tasks, letters ------------------------------------------------------------------
    def add_case(self, case: Case) -> None:
        self.cases[case.case_id] = case
        persons = dict.fromkeys(((case.main_cpr,) if case.main_cpr else ()) + case.involved)
        for cpr in persons:
            self.cases_by_cpr.setdefault(cpr, []).append(case.case_id)

    def cases_of(self, cpr: str) -> list[Case]:
        return [self.cases[case_id] for case_id in self.cases_by_cpr.get(cpr, ())]

    def letters_of_case(self, case_id: str) -> list[Letter]:
        return [letter for letter in self.letters.values() if letter.case_id == case_id]
