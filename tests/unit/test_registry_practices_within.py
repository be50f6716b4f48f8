"""The practice grid answers "practices within r km" exactly as a scan of every practice would
(with each distance, and only the practices a filter accepts).

`Store.practices_within` rules most candidates out with a flat-earth distance before the
haversine; this checks it never drops a practice the exact distance keeps, at any radius the
rules use (the capital area's 5 km up to a generous 40 km) and at the edge of the grid cells.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sandbox.domain.geography import Address, Coordinates, distance_km
from sandbox.domain.model import Practice
from sandbox.service.store import Store

DENMARK_LAT = st.floats(54.5, 57.8)
DENMARK_LON = st.floats(8.0, 15.2)
POINTS = st.lists(st.tuples(DENMARK_LAT, DENMARK_LON), min_size=1, max_size=80)


def _practice(number: int, lat: float, lon: float) -> Practice:
    address = Address("Lægevej", str(number), "7700", "Thisted", "0787", Coordinates(lat, lon))
    return Practice(f"{number:06d}", f"Praksis {number}", address, "1081")


def _registry(points: list[tuple[float, float]]) -> Store:
    registry = Store()
    for number, (lat, lon) in enumerate(points):
        registry.add_practice(_practice(number, lat, lon))
    return registry


@settings(max_examples=60, deadline=None)
@given(points=POINTS, centre=st.tuples(DENMARK_LAT, DENMARK_LON), radius_km=st.floats(0.5, 40.0))
def test_the_grid_finds_exactly_the_practices_a_full_scan_finds(
    points: list[tuple[float, float]], centre: tuple[float, float], radius_km: float
) -> None:
    registry, point = _registry(points), Coordinates(*centre)
    found = {p.ydernummer for p in registry.practices_within(point, radius_km)}
    expected = {
        p.ydernummer
        for p in registry.all_practices()
        if distance_km(point, p.address.coordinates) <= radius_km
    }
    assert found == expected
    odd = {y for y in expected if int(y) % 2}
    with_distance = registry.practices_at_distance(point, radius_km, lambda p: p.ydernummer in odd)
    assert {p.ydernummer: d for p, d in with_distance} == {
        y: distance_km(point, registry.practice(y).address.coordinates) for y in odd
    }


@settings(max_examples=60, deadline=None)
@given(points=POINTS, centre=st.tuples(DENMARK_LAT, DENMARK_LON), radius_km=st.floats(0.5, 40.0))
def test_the_nearest_is_the_nearest_a_full_scan_finds(
    points: list[tuple[float, float]], centre: tuple[float, float], radius_km: float
) -> None:
    registry, point = _registry(points), Coordinates(*centre)

    def even(practice: Practice) -> bool:
        return int(practice.ydernummer) % 2 == 0

    candidates = [
        (distance_km(point, p.address.coordinates), p.ydernummer)
        for p in registry.all_practices()
        if even(p) and distance_km(point, p.address.coordinates) <= radius_km
    ]
    found = registry.nearest_practice(point, radius_km, even)
    if not candidates:
        assert found is None
    else:
        assert found is not None and (found[1], found[0].ydernummer) == min(candidates)


def test_a_practice_exactly_at_the_radius_is_within() -> None:
    registry = Store()
    centre = Coordinates(56.95, 8.69)
    there = Coordinates(56.95, 8.95)
    registry.add_practice(_practice(1, there.lat, there.lon))
    exact = distance_km(centre, there)
    assert [p.ydernummer for p in registry.practices_within(centre, exact)] == ["000001"]
    assert list(registry.practices_within(centre, exact * 0.999)) == []


@settings(max_examples=60, deadline=None)
@given(
    points=POINTS,
    centre=st.tuples(DENMARK_LAT, DENMARK_LON),
    radius_km=st.floats(0.5, 40.0),
    stop_at=st.one_of(st.none(), st.integers(1, 6)),
)
def test_the_count_of_open_practices_is_the_count_a_full_scan_finds(
    points: list[tuple[float, float]],
    centre: tuple[float, float],
    radius_km: float,
    stop_at: int | None,
) -> None:
    registry, point = _registry(points), Coordinates(*centre)
    on = date(2025, 6, 1)
    for practice in registry.all_practices():
        # a third closed for new patients, the rest open since before ``on``
        practice.set_open(date(2025, 1, 1), int(practice.ydernummer) % 3 != 0)
    within = [
        p
        for p in registry.all_practices()
        if p.is_open_on(on) and distance_km(point, p.address.coordinates) <= radius_km
    ]
    expected = len(within) if stop_at is None else min(len(within), stop_at)
    assert registry.count_open_within(point, radius_km, on, stop_at=stop_at) == expected


def test_a_practice_taken_out_again_is_found_no_more() -> None:
    """The store's rollback of an added practice takes it out of both grids."""
    registry = Store()
    centre = Coordinates(55.68, 12.57)
    practice = _practice(7, 55.69, 12.58)
    practice.set_open(date(2025, 1, 1), True)
    mark = registry.begin()
    registry.add_practice(practice)
    assert registry.nearest_practice(centre, 5.0) is not None
    assert registry.count_open_within(centre, 5.0, date(2025, 6, 1)) == 1
    registry.rollback(mark)
    assert registry.nearest_practice(centre, 5.0) is None
    assert registry.count_open_within(centre, 5.0, date(2025, 6, 1)) == 0


def test_the_count_decides_at_the_radius_by_the_exact_distance() -> None:
    """The count takes a practice well inside the radius on its flat distance alone; near the
    edge the haversine decides, to the metre, as it does for `practices_within`."""
    on = date(2025, 6, 1)
    centre = Coordinates(57.5, 9.0)
    for there in (Coordinates(57.5, 9.25), Coordinates(57.62, 9.0), Coordinates(57.6, 9.15)):
        registry = Store()
        practice = _practice(1, there.lat, there.lon)
        practice.set_open(date(2025, 1, 1), True)
        registry.add_practice(practice)
        exact = distance_km(centre, there)
        for share, expected in ((1.0, 1), (0.999, 0), (0.985, 0), (1.015, 1), (1.5, 1)):
            assert registry.count_open_within(centre, exact * share, on) == expected
