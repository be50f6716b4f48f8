"""CPR's address dict read as an `Address` (`sandbox.service.cpr_records.address_from_cpr`)."""

from __future__ import annotations

import pytest

from sandbox.domain.errors import InvalidInput
from sandbox.domain.geography import Coordinates, load_geography
from sandbox.service.cpr_records import AddressReader, address_from_cpr

GEOGRAPHY = load_geography()
FULL = {
    "street": "Vestergade",
    "house_number": "8",
    "postcode": "7700",
    "city": "Thisted",
    "municipality_code": "0787",
}


def test_the_address_keeps_the_coordinates_cpr_gives() -> None:
    found = address_from_cpr({**FULL, "lat": 56.95, "lon": 8.69, "floor": "2. tv"}, GEOGRAPHY)
    assert (found.street, found.house_number, found.postcode) == ("Vestergade", "8", "7700")
    assert (found.city, found.municipality_code, found.floor) == ("Thisted", "0787", "2. tv")
    assert found.coordinates == Coordinates(56.95, 8.69)
    assert found.locality is None


def test_without_coordinates_the_postcode_centre_stands_in() -> None:
    found = address_from_cpr(FULL, GEOGRAPHY)
    assert found.coordinates == GEOGRAPHY.postcode("7700").centre


def test_only_one_coordinate_is_no_coordinates() -> None:
    found = address_from_cpr({**FULL, "lat": 56.95}, GEOGRAPHY)
    assert found.coordinates == GEOGRAPHY.postcode("7700").centre


def test_every_missing_field_is_named_in_order() -> None:
    data = {**FULL, "street": "", "city": None}
    del data["municipality_code"]
    with pytest.raises(InvalidInput) as raised:
        address_from_cpr(data, GEOGRAPHY)
    assert raised.value.fields["reason_en"] == (
        "the CPR address lacks street, city, municipality_code"
    )
    assert (
        raised.value.fields["reason_da"] == "CPR-adressen mangler street, city, municipality_code"
    )


@pytest.mark.parametrize(
    ("lat", "lon"), [(91.0, 8.69), (56.95, -180.5), (float("nan"), 8.69), ("56.95", "200")]
)
def test_a_point_that_is_none_is_refused_as_coordinates_are(lat: object, lon: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        address_from_cpr({**FULL, "lat": lat, "lon": lon}, GEOGRAPHY)
    assert raised.value.fields["field"] == "coordinates"


def test_coordinates_given_as_text_are_read_as_numbers() -> None:
    found = address_from_cpr({**FULL, "lat": "56.95", "lon": "8.69"}, GEOGRAPHY)
    assert (found.lat, found.lon) == (56.95, 8.69)
    assert found.locality is None and found.floor is None


def test_a_household_moving_together_shares_the_address_it_is_read_as() -> None:
    reader = AddressReader(GEOGRAPHY)
    first = reader.read({**FULL, "lat": 56.95, "lon": 8.69})
    assert reader.read({**FULL, "lat": 56.95, "lon": 8.69}) is first  # an equal dict, another copy
    other = reader.read({**FULL, "house_number": "10", "lat": 56.95, "lon": 8.69})
    assert other is not first and other.house_number == "10"
    again = reader.read({**FULL, "lat": 56.95, "lon": 8.69})  # not the last one: read again
    assert again == first and again is not first
    with pytest.raises(InvalidInput):
        reader.read({**FULL, "street": ""})
    assert reader.read({**FULL, "lat": 56.95, "lon": 8.69}) is again  # a refusal kept nothing
