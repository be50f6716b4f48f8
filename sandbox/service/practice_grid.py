"""The practices' map index: a coarse latitude/longitude grid for "open practices within 15 km".

`PracticeGrid` holds ydernumre per cell; the searches take the store's practices by ydernummer,
so a practice is looked up, never copied. Nothing here scans every practice per question
(DESIGN.md, hot path).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping

from sandbox.domain.geography import EARTH_RADIUS_KM, Point, distance_km
from sandbox.domain.model import Practice

_CELL_LAT = 0.1  # degrees of latitude, about 11 km
_CELL_LON = 0.2  # degrees of longitude, about 12 km in Denmark


def _cell(point: Point) -> tuple[int, int]:
    return (math.floor(point.lat / _CELL_LAT), math.floor(point.lon / _CELL_LON))


def _entry(practice: Practice) -> tuple[float, float, str]:
    there = practice.address
    return (there.lat, there.lon, practice.ydernummer)


def _box_cells(point: Point, radius_km: float) -> tuple[range, range]:
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


def _km_per_degree(point: Point) -> tuple[float, float]:
    """Kilometres per degree of latitude and of longitude at ``point`` (flat-earth scale)."""
    km_lat = math.radians(EARTH_RADIUS_KM)
    return km_lat, km_lat * math.cos(math.radians(point.lat))


class PracticeGrid:
    """Praksiskort - ydernumre by grid cell of their address."""

    __slots__ = ("_cells",)

    def __init__(self) -> None:
        # (latitude, longitude, ydernummer) by cell: the loops below rule a practice beyond
        # the radius out from three locals, without a look-up and three attribute reads
        self._cells: dict[tuple[int, int], list[tuple[float, float, str]]] = {}

    def add(self, practice: Practice) -> None:
        self._cells.setdefault(_cell(practice.address), []).append(_entry(practice))

    def remove(self, practice: Practice) -> None:
        """Undo `add` (the store's rollback)."""
        self._cells[_cell(practice.address)].remove(_entry(practice))

    def at_distance(
        self,
        practices: Mapping[str, Practice],
        point: Point,
        radius_km: float,
        accept: Callable[[Practice], bool] | None = None,
    ) -> Iterator[tuple[Practice, float]]:
        """Practices within ``radius_km`` of ``point`` (haversine), each with its distance,
        for which ``accept`` holds (asked before the distance is computed)."""
        rows, cols = _box_cells(point, radius_km)
        # Most of the grid's square lies outside the circle: a flat-earth distance (within
        # 0.1 % of the great circle at this range) rules those out before the exact haversine.
        km_lat, km_lon = _km_per_degree(point)
        beyond = (radius_km * 1.01) ** 2
        grid = self._cells
        lat, lon = point.lat, point.lon
        for r in rows:
            for c in cols:
                for there_lat, there_lon, ydernummer in grid.get((r, c), ()):
                    dy, dx = (there_lat - lat) * km_lat, (there_lon - lon) * km_lon
                    if dy * dy + dx * dx > beyond:
                        continue
                    practice = practices[ydernummer]
                    if accept is not None and not accept(practice):
                        continue
                    distance = distance_km(point, practice.address)
                    if distance <= radius_km:
                        yield practice, distance

    def count_within(
        self,
        practices: Mapping[str, Practice],
        point: Point,
        radius_km: float,
        accept: Callable[[Practice], bool],
        stop_at: int | None = None,
    ) -> int:
        """How many accepted practices lie within ``radius_km`` of ``point`` (haversine), up
        to ``stop_at``: `at_distance` counted, without a generator per question, and without
        the haversine for a practice whose flat distance is well inside the radius."""
        rows, cols = _box_cells(point, radius_km)
        km_lat, km_lon = _km_per_degree(point)
        beyond = (radius_km * 1.01) ** 2
        inside = (radius_km * 0.98) ** 2  # the flat distance errs by far less than 2 %
        grid = self._cells
        lat, lon = point.lat, point.lon
        count = 0
        for r in rows:
            for c in cols:
                for there_lat, there_lon, ydernummer in grid.get((r, c), ()):
                    dy, dx = (there_lat - lat) * km_lat, (there_lon - lon) * km_lon
                    flat_sq = dy * dy + dx * dx
                    if flat_sq > beyond:
                        continue
                    practice = practices[ydernummer]
                    if not accept(practice):
                        continue
                    if (
                        flat_sq > inside  # near the edge: the exact distance decides
                        and distance_km(point, practice.address.coordinates) > radius_km
                    ):
                        continue
                    count += 1
                    if stop_at is not None and count >= stop_at:
                        return count
        return count

    def nearest(
        self,
        practices: Mapping[str, Practice],
        point: Point,
        radius_km: float,
        accept: Callable[[Practice], bool] | None = None,
    ) -> tuple[Practice, float] | None:
        """The nearest accepted practice within ``radius_km`` and its distance (at equal
        distance the lowest ydernummer), searching the grid's cells nearest first and stopping
        once no cell left can hold a nearer one; None when there is none."""
        km_lat, km_lon = _km_per_degree(point)
        rows, cols = _box_cells(point, radius_km)
        grid = self._cells
        lat, lon = point.lat, point.lon
        # the cell's nearest point to ``point``, in flat km (a lower bound, within 0.1 %): a
        # column's part once, not once per row; only the cells that hold practices are sorted
        dx_sq = []
        for c in cols:
            dx = max(c * _CELL_LON - lon, 0.0, lon - (c + 1) * _CELL_LON) * km_lon
            dx_sq.append((c, dx * dx))
        cells = []
        for r in rows:
            dy = max(r * _CELL_LAT - lat, 0.0, lat - (r + 1) * _CELL_LAT) * km_lat
            dy_sq = dy * dy
            for c, dx2 in dx_sq:
                if (r, c) in grid:
                    cells.append((dy_sq + dx2, r, c))
        cells.sort()
        best: tuple[float, str] | None = None
        found: Practice | None = None
        bound = (radius_km * 1.01) ** 2
        for near_sq, r, c in cells:
            if near_sq > bound:
                break
            for there_lat, there_lon, ydernummer in grid[(r, c)]:
                dy, dx = (there_lat - lat) * km_lat, (there_lon - lon) * km_lon
                if dy * dy + dx * dx > bound:
                    continue
                practice = practices[ydernummer]
                if accept is not None and not accept(practice):
                    continue
                distance = distance_km(point, practice.address)
                if distance <= radius_km and (best is None or (distance, ydernummer) < best):
                    best, found = (distance, ydernummer), practice
                    bound = min(bound, (distance * 1.01) ** 2)
        return None if found is None or best is None else (found, best[0])
