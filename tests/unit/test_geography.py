"""Tests of the geography reference data, distances, addresses and provider numbers."""

from __future__ import annotations

from collections import Counter

import pytest

from sandbox.domain.errors import (
    InvalidInput,
    InvalidYdernummer,
    UnknownMunicipality,
    UnknownPostcode,
)
from sandbox.domain.geography import (
    Address,
    Coordinates,
    Geography,
    Ydernummer,
    distance_km,
    load_geography,
)


@pytest.fixture(scope="module")
def geo() -> Geography:
    return load_geography()


# --- municipalities and regions ---------------------------------------------------------------


def test_98_municipalities_sorted_by_code(geo: Geography) -> None:
    codes = [m.code for m in geo.municipalities()]
    assert len(codes) == 98
    assert codes == sorted(codes)
    assert len(set(codes)) == 98
    assert all(len(code) == 4 and code.isdigit() for code in codes)


def test_five_regions_with_their_municipality_counts(geo: Geography) -> None:
    regions = geo.regions()
    assert [(r.code, r.name) for r in regions] == [
        ("1081", "Region Nordjylland"),
        ("1082", "Region Midtjylland"),
        ("1083", "Region Syddanmark"),
        ("1084", "Region Hovedstaden"),
        ("1085", "Region Sjælland"),
    ]
    counts = Counter(m.region_code for m in geo.municipalities())
    assert counts == {"1084": 29, "1082": 19, "1081": 11, "1085": 17, "1083": 22}


def test_capital_area_is_exactly_the_four_5_km_municipalities(geo: Geography) -> None:
    capital = {m.code for m in geo.municipalities() if geo.is_capital_area(m.code)}
    assert capital == {"0101", "0147", "0155", "0185"}
    limits = {m.code: m.distance_limit_km for m in geo.municipalities()}
    assert all(limits[code] == 5 for code in capital)
    assert all(limit == 15 for code, limit in limits.items() if code not in capital)
    assert geo.is_capital_area("101")
    assert not geo.is_capital_area("787")


@pytest.mark.parametrize("code", ["0787", "787", " 787 "])
def test_thisted_with_or_without_leading_zero(geo: Geography, code: str) -> None:
    thisted = geo.municipality(code)
    assert (thisted.code, thisted.name, thisted.region_code) == ("0787", "Thisted", "1081")
    assert thisted.region_name == "Region Nordjylland"
    assert thisted.population > 40_000
    assert 1000 < thisted.area_km2 < 1200


def test_municipality_values(geo: Geography) -> None:
    kbh = geo.municipality("0101")
    assert kbh.name == "København"
    assert kbh.distance_limit_km == 5
    assert kbh.centre == Coordinates(55.67441, 12.56372)
    assert sum(m.population for m in geo.municipalities()) == 5_822_679


@pytest.mark.parametrize("code", ["0411", "411", "9999", "", "abc", "00787", "0010"])
def test_unknown_municipality(geo: Geography, code: str) -> None:
    with pytest.raises(UnknownMunicipality) as caught:
        geo.municipality(code)
    error = caught.value
    assert error.message_da == f"Kommunekoden '{code}' findes ikke."
    assert error.message_en == f"The municipality code '{code}' does not exist."
    assert error.kind == "not_found"


# --- postcodes and streets --------------------------------------------------------------------


def test_7700_thisted_maps_to_0787(geo: Geography) -> None:
    postcode = geo.postcode("7700")
    assert postcode.name == "Thisted"
    assert postcode.municipality_code == "0787"
    assert postcode.all_municipality_codes == ("0787",)
    assert geo.municipality(postcode.municipality_code).name == "Thisted"
    assert postcode in geo.postcodes_in("787")


def test_postcodes_in_a_municipality(geo: Geography) -> None:
    thisted = geo.postcodes_in("0787")
    numbers = [p.number for p in thisted]
    assert numbers == sorted(numbers)
    assert {"7700", "7730"} <= set(numbers)
    assert all(p.municipality_code == "0787" for p in thisted)
    every = [p for m in geo.municipalities() for p in geo.postcodes_in(m.code)]
    assert len(every) == 1086
    assert all(geo.postcodes_in(m.code) for m in geo.municipalities())


def test_postcode_spanning_several_municipalities(geo: Geography) -> None:
    spanning = [
        p
        for m in geo.municipalities()
        for p in geo.postcodes_in(m.code)
        if len(p.all_municipality_codes) > 1
    ]
    assert len(spanning) == 238
    assert all(p.municipality_code in p.all_municipality_codes for p in spanning)


@pytest.mark.parametrize("number", ["0800", "9999", "770", "", "Thisted"])
def test_unknown_postcode(geo: Geography, number: str) -> None:
    with pytest.raises(UnknownPostcode) as caught:
        geo.postcode(number)
    assert caught.value.message_da == f"Postnummeret '{number}' findes ikke."
    assert caught.value.message_en == f"The postcode '{number}' does not exist."


def test_streets(geo: Geography) -> None:
    odense = geo.streets_in("461")
    assert len(odense) == 55
    assert [s.name for s in odense] == sorted(s.name for s in odense)
    assert all(s.municipality_code == "0461" and s.postcodes for s in odense)
    kongelundsvej = next(s for s in geo.streets_in("0185") if s.name == "Kongelundsvej")
    assert kongelundsvej.road_code == "1895"
    assert kongelundsvej.postcodes == ("2770", "2791")
    assert geo.streets_in("0787") == ()
    assert sum(len(geo.streets_in(m.code)) for m in geo.municipalities()) == 212
    with pytest.raises(UnknownMunicipality):
        geo.streets_in("9999")


def test_load_geography_is_cached() -> None:
    assert load_geography() is load_geography()


# --- distance ---------------------------------------------------------------------------------

KOBENHAVN_RADHUS = Coordinates(55.6761, 12.5683)
AARHUS_RADHUS = Coordinates(56.1527, 10.2030)


def test_distance_copenhagen_to_aarhus() -> None:
    # The straight-line distance between the two city halls is about 157 km.
    assert distance_km(KOBENHAVN_RADHUS, AARHUS_RADHUS) == pytest.approx(157, abs=2)


def test_distance_along_a_meridian_is_radius_times_angle() -> None:
    # One degree of latitude on the 6371.0088 km sphere: 111.195 km.
    assert distance_km(Coordinates(55.0, 10.0), Coordinates(56.0, 10.0)) == pytest.approx(
        111.1951, abs=1e-3
    )


def test_distance_zero_and_symmetry(geo: Geography) -> None:
    assert distance_km(AARHUS_RADHUS, AARHUS_RADHUS) == 0.0
    a, b = geo.municipality("0787").centre, geo.municipality("0400").centre
    assert distance_km(a, b) == pytest.approx(distance_km(b, a), abs=1e-9)
    assert distance_km(a, b) > 300


def test_antipodes_do_not_break_the_formula() -> None:
    half_circumference = 3.141592653589793 * 6371.0088
    far = distance_km(Coordinates(0.0, 0.0), Coordinates(0.0, 180.0))
    assert far == pytest.approx(half_circumference)


@pytest.mark.parametrize(("lat", "lon"), [(91.0, 0.0), (-91.0, 0.0), (0.0, 181.0), (0.0, -181)])
def test_coordinates_out_of_range_are_refused(lat: float, lon: float) -> None:
    with pytest.raises(InvalidInput):
        Coordinates(lat, lon)


# --- addresses --------------------------------------------------------------------------------

KLITMOLLER = Coordinates(57.0395, 8.4958)


def _address(**changes: object) -> Address:
    fields: dict[str, object] = {
        "street": "P. Madsens Gang",
        "house_number": "8",
        "postcode": "7700",
        "city": "Thisted",
        "municipality_code": "0787",
        "coordinates": KLITMOLLER,
        "locality": "Klitmøller",
    }
    fields.update(changes)
    return Address(**fields)  # type: ignore[arg-type]


def test_address_text() -> None:
    assert _address().text == "P. Madsens Gang 8, Klitmøller, 7700 Thisted"
    assert _address(locality=None).text == "P. Madsens Gang 8, 7700 Thisted"
    flat = _address(street="Vestergade", house_number="3A", floor="2. th", locality=None)
    assert flat.text == "Vestergade 3A, 2. th, 7700 Thisted"


def test_address_key_ignores_case_whitespace_and_city_spelling() -> None:
    same = _address(street="  p.  MADSENS gang ", house_number=" 8 ", city="THISTED", locality=None)
    assert same.key == _address().key
    assert _address(house_number="8 A").key == _address(house_number="8a").key


@pytest.mark.parametrize(
    "changes",
    [
        {"house_number": "9"},
        {"street": "P. Madsens Vej"},
        {"postcode": "7730"},
        {"floor": "1. tv"},
    ],
)
def test_different_addresses_have_different_keys(changes: dict[str, object]) -> None:
    assert _address(**changes).key != _address().key


def test_address_is_a_hashable_value() -> None:
    assert len({_address(), _address()}) == 1


# --- ydernummer -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["012345", " 012345 ", "999999\n"])
def test_ydernummer_parse(text: str) -> None:
    number = Ydernummer.parse(text)
    assert number.value == text.strip()
    assert str(number) == text.strip()
    assert number == Ydernummer(text.strip())


@pytest.mark.parametrize("text", ["", "12345", "1234567", "12345a", "123 456", "١٢٣٤٥٦", "-12345"])
def test_ydernummer_invalid(text: str) -> None:
    with pytest.raises(InvalidYdernummer) as caught:
        Ydernummer.parse(text)
    assert caught.value.message_da == f"Ydernummeret '{text}' er ugyldigt: det skal være 6 cifre."
    assert "must be 6 digits" in caught.value.message_en
    with pytest.raises(InvalidYdernummer):
        Ydernummer(text)
