"""Places for the features: addresses as written in Danish, and points at an exact distance.

Both drivers need the same addresses (the in-process driver builds `Address` values, the HTTP
driver sends them as JSON), so an address is resolved here once, to the plain dict the fake CPR
uses: ``street``, ``house_number``, ``postcode``, ``city``, ``municipality_code``, ``lat``,
``lon`` and ``locality``.
"""

from __future__ import annotations

import math
from typing import Any

from sandbox.domain.geography import EARTH_RADIUS_KM, Coordinates, distance_km, load_geography
from tests.bdd.vocabulary import AddressText

# Supplementary town names (supplerende bynavne) the features use, with their own points; any
# other address gets its postcode's centre.
LOCALITIES = {
    "Klitmøller": Coordinates(57.0407, 8.4908),
    "Hanstholm": Coordinates(57.1167, 8.6167),
    "Nørre Vorupør": Coordinates(56.9500, 8.3667),
}
CITY_POINTS = {"Thisted": Coordinates(56.9557, 8.6940)}


GREENLAND = {
    "street": "Aqqusinersuaq",
    "house_number": "1",
    "postcode": "3900",
    "city": "Nuuk",
    "municipality_code": "0956",
    "lat": 64.1814,
    "lon": -51.6941,
    "locality": None,
}
"""An address in the Greenlandic CPR (Sermersooq, 0956): outside Danish sygesikring."""


def address_dict(address: AddressText) -> dict[str, Any]:
    """The address as the fakes and the API take it, with its municipality and point."""
    postcode = load_geography().postcode(address.postcode)
    point = (
        LOCALITIES.get(address.locality or "") or CITY_POINTS.get(address.city) or postcode.centre
    )
    return {
        "street": address.street,
        "house_number": address.number,
        "postcode": address.postcode,
        "city": address.city,
        "municipality_code": postcode.municipality_code,
        "lat": point.lat,
        "lon": point.lon,
        "locality": address.locality,
    }


def address_in(municipality_name: str, number: int = 1) -> dict[str, Any]:
    """An address in the named municipality ("Thisted", "København"), at its centre."""
    geography = load_geography()
    for municipality in geography.municipalities():
        if municipality.name.casefold() == municipality_name.casefold():
            postcode = geography.postcodes_in(municipality.code)[0]
            point = CITY_POINTS.get(municipality.name, municipality.centre)
            return {
                "street": "Testvej",
                "house_number": str(number),
                "postcode": postcode.number,
                "city": postcode.name,
                "municipality_code": municipality.code,
                "lat": point.lat,
                "lon": point.lon,
                "locality": None,
            }
    raise ValueError(f"ukendt kommune: {municipality_name!r}")


def point_at_distance(origin: Coordinates, km: float) -> Coordinates:
    """A point due north of ``origin`` that `distance_km` puts at ``km`` (never a hair beyond).

    Rounding in the haversine can put "exactly 15.0 km" at 15.000000000000002 km, which a rule
    would rightly call beyond a 15 km limit; the point is nudged back until it is not.
    """
    lat = origin.lat + math.degrees(km / EARTH_RADIUS_KM)
    point = Coordinates(lat, origin.lon)
    while distance_km(origin, point) > km:
        lat -= 1e-12
        point = Coordinates(lat, origin.lon)
    return point


def municipality_name(code: str) -> str:
    return load_geography().municipality(code).name


def municipality_code(name: str) -> str:
    """The code of the municipality with this name ("Thisted" -> "0787"), also in the genitive
    a Dane writes before "Kommune" ("Københavns Kommune", "Thisteds Kommune")."""
    by_name = {m.name.casefold(): m.code for m in load_geography().municipalities()}
    wanted = name.casefold()
    if wanted in by_name:
        return by_name[wanted]
    if wanted.endswith("s") and wanted[:-1] in by_name:
        return by_name[wanted[:-1]]
    raise ValueError(f"ukendt kommune: {name!r}")
