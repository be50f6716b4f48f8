"""The store's practices: the practice register and the map grid's searches ("open practices
within 15 km", the nearest one) (`sandbox.service.store.Store`, a mixin).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from datetime import date
from typing import Any

from sandbox.domain.errors import UnknownPractice
from sandbox.domain.geography import Point
from sandbox.domain.model import Practice
from sandbox.service.practice_grid import PracticeGrid


class Practices:
    """Praksisregister - the practices of `Store` and the questions asked of them."""

    __slots__ = ()

    _practices: dict[str, Practice]
    _grid: PracticeGrid
    _undo: list[tuple[Any, ...]] | None  # the store's undo notes (store.Undo)

    def practice(self, ydernummer: str) -> Practice:
        try:
            return self._practices[ydernummer]
        except KeyError:
            raise UnknownPractice(value=ydernummer) from None

    def find_practice(self, ydernummer: str) -> Practice | None:
        return self._practices.get(ydernummer)

    def has_practice(self, ydernummer: str) -> bool:
        return ydernummer in self._practices

    def all_practices(self) -> Collection[Practice]:
        """Every practice, in the order they came."""
        return self._practices.values()

    def practice_numbers(self) -> list[str]:
        """Every ydernummer, sorted."""
        return sorted(self._practices)

    def practice_count(self) -> int:
        return len(self._practices)

    def add_practice(self, practice: Practice) -> None:
        self._practices[practice.ydernummer] = practice
        self._grid.add(practice)
        if self._undo is not None:
            self._undo.append((self._forget_practice, practice))

    def _forget_practice(self, practice: Practice) -> None:
        del self._practices[practice.ydernummer]
        self._grid.remove(practice)

    def practices_within(
        self,
        point: Point,
        radius_km: float,
        accept: Callable[[Practice], bool] | None = None,
    ) -> Iterator[Practice]:
        """Practices whose address lies within ``radius_km`` of ``point`` (straight line),
        and for which ``accept`` holds (asked before the distance is computed)."""
        for practice, _ in self._grid.at_distance(self._practices, point, radius_km, accept):
            yield practice

    def practices_at_distance(
        self,
        point: Point,
        radius_km: float,
        accept: Callable[[Practice], bool] | None = None,
    ) -> Iterator[tuple[Practice, float]]:
        """As `practices_within`, each practice with its distance in km (haversine)."""
        return self._grid.at_distance(self._practices, point, radius_km, accept)

    def nearest_practice(
        self,
        point: Point,
        radius_km: float,
        accept: Callable[[Practice], bool] | None = None,
    ) -> tuple[Practice, float] | None:
        """The nearest accepted practice within ``radius_km`` and its distance (at equal
        distance the lowest ydernummer); None when there is none."""
        return self._grid.nearest(self._practices, point, radius_km, accept)

    def count_open_within(
        self, point: Point, radius_km: float, on: date, stop_at: int | None = None
    ) -> int:
        """How many practices open on ``on`` lie within the radius (stops early at stop_at)."""
        return self._grid.count_within(
            self._practices, point, radius_km, lambda p: p.is_open_on(on), stop_at
        )
