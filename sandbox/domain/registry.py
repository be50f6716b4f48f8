"""The in-memory register of Sygesikring's state, with the indexes the rules ask questions of.

Plain dicts keyed by CPR number, case id and ydernummer, plus three indexes: persons at an
address, practices in a coarse latitude/longitude grid (for "open practices within 15 km"), and
cases per person. Nothing here scans the whole population per question (DESIGN.md, hot path).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from sandbox.domain.geography import EARTH_RADIUS_KM, Address, Coordinates, distance_km
from sandbox.domain.history import RegistrationSnapshot
from sandbox.domain.model import (
    AuditEntry,
    CardOrder,
    Case,
    CaseType,
    Citizen,
    Letter,
    Practice,
    Task,
)
from sandbox.domain.practice_events import PracticeEvent

_CELL_LAT = 0.1  # degrees of latitude, about 11 km
_CELL_LON = 0.2  # degrees of longitude, about 12 km in Denmark


def _cell(point: Coordinates) -> tuple[int, int]:
    return (math.floor(point.lat / _CELL_LAT), math.floor(point.lon / _CELL_LON))


def _box_cells(point: Coordinates, radius_km: float) -> tuple[range, range]:
    """The grid rows and columns of the circle's bounding box, a little generous (a degree of
    latitude is at least 110.5 km; a degree of longitude is narrowest at the poleward edge)."""
    dlat = radius_km / 110.0
    dlon = radius_km / (111.0 * math.cos(math.radians(min(abs(point.lat) + dlat, 89.0))))
    rows = range(
        math.floor((point.lat - dlat) / _CELL_LAT), math.floor((point.lat + dlat) / _CELL_LAT) + 1
    )
    cols = range(
        math.floor((point.lon - dlon) / _CELL_LON), math.floor((point.lon + dlon) / _CELL_LON) + 1
    )
    return rows, cols


def _km_per_degree(point: Coordinates) -> tuple[float, float]:
    """Kilometres per degree of latitude and of longitude at ``point`` (flat-earth scale)."""
    km_lat = math.radians(EARTH_RADIUS_KM)
    return km_lat, km_lat * math.cos(math.radians(point.lat))


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
    # per CPR, registrations as they stood before each change (datagenopretning; history.py)
    history: dict[str, list[RegistrationSnapshot]] = field(default_factory=dict)
    # the system's mirror of LUNA's physical-card opt-outs: CPR -> when the system saw it
    card_opt_outs: dict[str, datetime | None] = field(default_factory=dict)
    residents_at: dict[str, list[str]] = field(default_factory=dict)
    cases_by_cpr: dict[str, list[str]] = field(default_factory=dict)
    letters_by_case: dict[str, list[str]] = field(default_factory=dict)  # via add_letter
    card_orders_by_cpr: dict[str, list[str]] = field(default_factory=dict)  # via add_card_order
    _practice_grid: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    practice_events: dict[str, PracticeEvent] = field(default_factory=dict)
    practice_events_by_yder: dict[str, list[str]] = field(default_factory=dict)
    _listed_at: dict[str, list[str]] | None = None  # built on first use: see listed_on
    cpr_feed_sequence: int = 0  # the last CPR feed event applied (handlers/cpr_events.py)
    # ids of "Manglende lægevalg" cases, in creation order, for the daily work to visit without
    # scanning every case; add_case adds, handlers/daily_work.py drops the closed ones
    missing_choice_cases: dict[str, None] = field(default_factory=dict)
    # ids of GP choices made ahead of a move, for the daily work to cancel one whose move never
    # comes (handlers/ahead_of_move.py adds and drops them)
    ahead_of_move_cases: dict[str, None] = field(default_factory=dict)
    # CPR numbers whose protection has an end (handlers/cpr_events.py) and whose time to choose
    # a group runs (handlers/immigration.py), in the order they came, so the daily work visits
    # only them; the daily work drops those that no longer apply, a renumbering carries them
    protection_ends: dict[str, None] = field(default_factory=dict)
    group_choice_deadlines: dict[str, None] = field(default_factory=dict)

    # citizens ------------------------------------------------------------------------------
    def add_citizen(self, citizen: Citizen) -> None:
        self.citizens[citizen.cpr] = citizen
        self.residents_at.setdefault(citizen.address.key, []).append(citizen.cpr)
        self._index_listings(citizen)

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
        self._index_listings(citizen)
        for watch in (self.protection_ends, self.group_choice_deadlines):
            if old_cpr in watch:
                watch[citizen.cpr] = None

    # practices -----------------------------------------------------------------------------
    def add_practice(self, practice: Practice) -> None:
        self.practices[practice.ydernummer] = practice
        cell = _cell(practice.address.coordinates)
        self._practice_grid.setdefault(cell, []).append(practice.ydernummer)

    def practices_within(
        self,
        point: Coordinates,
        radius_km: float,
        accept: Callable[[Practice], bool] | None = None,
    ) -> Iterator[Practice]:
        """Practices whose address lies within ``radius_km`` of ``point`` (straight line),
        and for which ``accept`` holds (asked before the distance is computed)."""
        for practice, _ in self.practices_at_distance(point, radius_km, accept):
            yield practice

    def practices_at_distance(
        self,
        point: Coordinates,
        radius_km: float,
        accept: Callable[[Practice], bool] | None = None,
    ) -> Iterator[tuple[Practice, float]]:
        """As `practices_within`, each practice with its distance in km (haversine)."""
        rows, cols = _box_cells(point, radius_km)
        # Most of the grid's square lies outside the circle: a flat-earth distance (within
        # 0.1 % of the great circle at this range) rules those out before the exact haversine.
        km_lat, km_lon = _km_per_degree(point)
        beyond = (radius_km * 1.01) ** 2
        grid, practices = self._practice_grid, self.practices
        for r in rows:
            for c in cols:
                for ydernummer in grid.get((r, c), ()):
                    practice = practices[ydernummer]
                    there = practice.address.coordinates
                    dy, dx = (there.lat - point.lat) * km_lat, (there.lon - point.lon) * km_lon
                    if dy * dy + dx * dx > beyond or (accept is not None and not accept(practice)):
                        continue
                    distance = distance_km(point, there)
                    if distance <= radius_km:
                        yield practice, distance

    def nearest_practice(
        self,
        point: Coordinates,
        radius_km: float,
        accept: Callable[[Practice], bool] | None = None,
    ) -> tuple[Practice, float] | None:
        """The nearest accepted practice within ``radius_km`` and its distance (at equal
        distance the lowest ydernummer), searching the grid's cells nearest first and stopping
        once no cell left can hold a nearer one; None when there is none."""
        km_lat, km_lon = _km_per_degree(point)
        rows, cols = _box_cells(point, radius_km)
        cells = []
        for r in rows:
            # the cell's nearest point to ``point``, in flat km (a lower bound, within 0.1 %)
            dy = max(r * _CELL_LAT - point.lat, 0.0, point.lat - (r + 1) * _CELL_LAT) * km_lat
            for c in cols:
                dx = max(c * _CELL_LON - point.lon, 0.0, point.lon - (c + 1) * _CELL_LON) * km_lon
                cells.append((dy * dy + dx * dx, r, c))
        cells.sort()
        best: tuple[float, str] | None = None
        found: Practice | None = None
        bound = (radius_km * 1.01) ** 2
        for near_sq, r, c in cells:
            if near_sq > bound:
                break
            for ydernummer in self._practice_grid.get((r, c), ()):
                practice = self.practices[ydernummer]
                there = practice.address.coordinates
                dy, dx = (there.lat - point.lat) * km_lat, (there.lon - point.lon) * km_lon
                if dy * dy + dx * dx > bound or (accept is not None and not accept(practice)):
                    continue
                distance = distance_km(point, there)
                if distance <= radius_km and (best is None or (distance, ydernummer) < best):
                    best, found = (distance, ydernummer), practice
                    bound = min(bound, (distance * 1.01) ** 2)
        return None if found is None or best is None else (found, best[0])

    def count_open_within(
        self, point: Coordinates, radius_km: float, on: date, stop_at: int | None = None
    ) -> int:
        """How many practices open on ``on`` lie within the radius (stops early at stop_at)."""
        count = 0
        for _ in self.practices_within(point, radius_km, lambda p: p.is_open_on(on)):
            count += 1
            if stop_at is not None and count >= stop_at:
                break
        return count

    # cases, tasks, letters ------------------------------------------------------------------
    def add_case(self, case: Case) -> None:
        self.cases[case.case_id] = case
        if case.case_type is CaseType.MISSING_GP_CHOICE:
            self.missing_choice_cases[case.case_id] = None
        persons = dict.fromkeys(((case.main_cpr,) if case.main_cpr else ()) + case.involved)
        for cpr in persons:
            self.cases_by_cpr.setdefault(cpr, []).append(case.case_id)

    def cases_of(self, cpr: str) -> list[Case]:
        return [self.cases[case_id] for case_id in self.cases_by_cpr.get(cpr, ())]

    def add_letter(self, letter: Letter) -> None:
        self.letters[letter.letter_id] = letter
        self.letters_by_case.setdefault(letter.case_id, []).append(letter.letter_id)

    def add_card_order(self, order: CardOrder) -> None:
        self.card_orders[order.order_id] = order
        self.card_orders_by_cpr.setdefault(order.cpr, []).append(order.order_id)

    def card_orders_of(self, cpr: str) -> list[CardOrder]:
        return [self.card_orders[order_id] for order_id in self.card_orders_by_cpr.get(cpr, ())]

    def letters_of_case(self, case_id: str) -> list[Letter]:
        """Letters of the case, as written through add_letter."""
        return [self.letters[letter_id] for letter_id in self.letters_by_case.get(case_id, ())]

    # practice events, and citizens by practice ---------------------------------------------
    def add_practice_event(self, event: PracticeEvent) -> None:
        self.practice_events[event.event_id] = event
        self.practice_events_by_yder.setdefault(event.ydernummer, []).append(event.event_id)

    def practice_events_of(self, ydernummer: str) -> list[PracticeEvent]:
        ids = self.practice_events_by_yder.get(ydernummer, ())
        return [self.practice_events[event_id] for event_id in ids]

    def note_listing(self, cpr: str, ydernummer: str) -> None:
        """Keep the citizens-by-practice index (once built) in step with a new listing."""
        if self._listed_at is not None:
            self._listed_at.setdefault(ydernummer, []).append(cpr)

    def listed_on(self, ydernummer: str, day: date) -> list[Citizen]:
        """Citizens listed with the practice on ``day``, in CPR order (closure and split).

        The index holds every CPR ever listed per practice. It costs nothing until the first
        question, which builds it with one scan of the population (so listings appended
        directly, as the population builder does, are seen); after that add_citizen,
        rekey_citizen and note_listing (from replace_listing_from) keep it up to date. Each
        candidate is checked against its own listings, so stale entries do no harm.
        """
        if self._listed_at is None:
            index: dict[str, list[str]] = {}
            for cpr, citizen in self.citizens.items():
                for listing in citizen.listing_history():
                    listed = index.get(listing.ydernummer)
                    if listed is None:
                        index[listing.ydernummer] = [cpr]
                    else:
                        listed.append(cpr)
            self._listed_at = index
        found: dict[str, Citizen] = {}
        for cpr in self._listed_at.get(ydernummer, ()):
            candidate = self.citizens.get(cpr)
            if candidate is not None and candidate.doctor_on(day) == ydernummer:
                found[cpr] = candidate
        return [found[cpr] for cpr in sorted(found)]

    def _index_listings(self, citizen: Citizen) -> None:
        if self._listed_at is not None:
            for listing in citizen.listing_history():
                self._listed_at.setdefault(listing.ydernummer, []).append(citizen.cpr)
