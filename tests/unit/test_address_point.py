"""An address keeps its point as two floats of its own (no `Coordinates` object a home), and
is otherwise the value it was: made from a `Coordinates`, shown with one by `repr` and
`jsonable`, equal and hashed by the same values, pickled and copied, a point for
`distance_km`, and a pickle made while it held a `Coordinates` still loads."""

from __future__ import annotations

import copy
import pickle
from dataclasses import replace

import pytest

from sandbox.domain.geography import Address, Coordinates, distance_km
from sandbox.jsonable import jsonable

POINT = Coordinates(57.0395, 8.4958)
HOME = Address("P. Madsens Gang", "8", "7700", "Thisted", "0787", POINT, "Klitmøller", "2. th")


def test_the_point_reads_back_as_the_coordinates_it_was_made_with() -> None:
    assert HOME.coordinates == POINT
    assert (HOME.lat, HOME.lon) == (POINT.lat, POINT.lon)
    assert not hasattr(HOME, "__dict__")


def test_repr_and_jsonable_show_the_point_as_coordinates() -> None:
    assert repr(HOME) == (
        "Address(street='P. Madsens Gang', house_number='8', postcode='7700', city='Thisted', "
        "municipality_code='0787', coordinates=Coordinates(lat=57.0395, lon=8.4958), "
        "locality='Klitmøller', floor='2. th')"
    )
    assert jsonable(HOME) == {
        "street": "P. Madsens Gang",
        "house_number": "8",
        "postcode": "7700",
        "city": "Thisted",
        "municipality_code": "0787",
        "coordinates": {"lat": 57.0395, "lon": 8.4958},
        "locality": "Klitmøller",
        "floor": "2. th",
    }


def test_equality_and_hash_follow_every_value_the_point_too() -> None:
    same = Address("P. Madsens Gang", "8", "7700", "Thisted", "0787", Coordinates(57.0395, 8.4958))
    assert same != HOME  # no locality, no floor
    twin = Address(
        "P. Madsens Gang",
        "8",
        "7700",
        "Thisted",
        "0787",
        Coordinates(57.0395, 8.4958),
        "Klitmøller",
        "2. th",
    )
    assert twin == HOME and hash(twin) == hash(HOME)
    moved = Address(
        "P. Madsens Gang",
        "8",
        "7700",
        "Thisted",
        "0787",
        Coordinates(57.0395, 8.4959),
        "Klitmøller",
        "2. th",
    )
    assert moved != HOME


def test_pickle_and_copy_give_an_equal_address() -> None:
    for again in (pickle.loads(pickle.dumps(HOME)), copy.copy(HOME), copy.deepcopy(HOME)):
        assert again == HOME and repr(again) == repr(HOME)


# `pickle.dumps(HOME, protocol=4)` made by the code before the fold (main at 7e2e288), when
# the address held a `Coordinates` object: its slots by name, the point as a `Coordinates`
PICKLED_BEFORE_THE_FOLD = (
    b"\x80\x04\x95\x11\x01\x00\x00\x00\x00\x00\x00\x8c\x18sandbox.domain.geography\x94"
    b"\x8c\x07Address\x94\x93\x94)\x81\x94N}\x94(\x8c\x06street\x94\x8c\x0fP. Madsens Gang"
    b"\x94\x8c\x0chouse_number\x94\x8c\x018\x94\x8c\x08postcode\x94\x8c\x047700\x94\x8c\x04"
    b"city\x94\x8c\x07Thisted\x94\x8c\x11municipality_code\x94\x8c\x040787\x94\x8c\x0b"
    b"coordinates\x94h\x00\x8c\x0bCoordinates\x94\x93\x94)\x81\x94N}\x94(\x8c\x03lat\x94G@L"
    b"\x85\x0eV\x04\x18\x93\x8c\x03lon\x94G@ \xfd\xd9\x7fb\xb6\xaeu\x86\x94b\x8c\x08locality"
    b"\x94\x8c\x0bKlitm\xc3\xb8ller\x94\x8c\x05floor\x94\x8c\x052. th\x94u\x86\x94b."
)


def test_a_pickle_made_while_the_address_held_a_coordinates_object_loads() -> None:
    loaded = pickle.loads(PICKLED_BEFORE_THE_FOLD)
    assert loaded == HOME and repr(loaded) == repr(HOME)
    assert loaded.coordinates == POINT


def test_distance_takes_an_address_as_its_point() -> None:
    there = Coordinates(56.9557, 8.6940)
    assert distance_km(HOME, there) == distance_km(POINT, there) > 0


def test_replace_keeps_the_point_or_takes_a_new_one() -> None:
    assert replace(HOME, city="Et sted").coordinates == POINT
    assert replace(HOME, city="Et sted").city == "Et sted"
    there = Coordinates(56.9557, 8.6940)
    assert replace(HOME, coordinates=there).coordinates == there


def test_an_address_made_from_a_latitude_and_longitude_pair_is_the_same_value() -> None:
    pair = Address(
        "P. Madsens Gang", "8", "7700", "Thisted", "0787", (57.0395, 8.4958), "Klitmøller", "2. th"
    )
    assert pair == HOME and repr(pair) == repr(HOME) and pair.coordinates == POINT


def test_an_address_without_a_point_is_refused_as_a_missing_argument_is() -> None:
    with pytest.raises(TypeError):
        Address("P. Madsens Gang", "8", "7700", "Thisted", "0787")
