"""Danish geography for the rules: municipalities, regions, postcodes, streets and addresses.

Defines the value types `Coordinates`, `Region`, `Municipality`, `Postcode`, `Street`, `Address`
and `Ydernummer`, the straight-line distance `distance_km` (SPEC 3.2, parameter
``distanceMetric = STRAIGHT_LINE``), and `Geography`, the indexed reference data read from the
CSV files in ``sandbox.data`` (see DATA.md) by `load_geography`, which is cached.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import ClassVar, Final, Protocol

from sandbox.domain.errors import (
    InvalidInput,
    InvalidYdernummer,
    UnknownMunicipality,
    UnknownPostcode,
)

EARTH_RADIUS_KM = 6371.0088
"""The IUGG mean Earth radius (R1). Over Danish distances (under ~400 km) a sphere with this
radius is within about 0.5 % of the ellipsoidal (Vincenty) distance, far below the precision of
the address points, so the haversine formula is enough."""

CAPITAL_AREA_LIMIT_KM = 5.0

GREENLAND_MUNICIPALITIES: dict[str, str | None] = {
    "0955": None,
    "0956": None,
    "0957": None,
    "0958": "Qaasuitsup",  # ended 1 January 2018, split into 959 and 960
    "0959": "Qeqertalik",
    "0960": "Avannaata",
    "0961": None,
}
"""CPR's municipality codes for Greenland (SPEC 5.8) with the names SPEC confirms; the names of
955, 956, 957 and 961 are not confirmed [NC]. Greenland is not in Danish sygesikring: these codes
are for showing where a person lives, never for GP choice or distance limits."""


# `Coordinates` and `Address` are values, never changed once made, but not frozen dataclasses:
# a frozen dataclass's __init__ sets each field through object.__setattr__, five times the cost
# of a plain assignment, and a national population has 3 million homes, each with both. The
# fields are `Final`, so mypy refuses any assignment after __init__; equality and the hash are
# the frozen dataclass's (every field, in order).
@dataclass(slots=True, unsafe_hash=True)
class Coordinates:
    """Koordinater - a WGS84 point in decimal degrees."""

    lat: Final[float]
    lon: Final[float]

    def __post_init__(self) -> None:
        if not (-90.0 <= self.lat <= 90.0 and -180.0 <= self.lon <= 180.0):
            raise InvalidInput(
                field="coordinates",
                reason_da=f"({self.lat}, {self.lon}) er ikke en gyldig bredde og længde",
                reason_en=f"({self.lat}, {self.lon}) is not a valid latitude and longitude",
            )


class Point(Protocol):
    """Punkt - anything with a latitude and a longitude: a `Coordinates` or an `Address`."""

    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...


def distance_km(a: Point, b: Point) -> float:
    """Afstand i luftlinje - the great-circle distance in km (haversine, `EARTH_RADIUS_KM`)."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat = lat2 - lat1
    dlon = math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class Region:
    """Region - one of the five Danish regions (codes 1081-1085)."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Municipality:
    """Kommune - a municipality with its region, centre point and GP distance limit (SPEC 8)."""

    code: str
    name: str
    region_code: str
    region_name: str
    centre: Coordinates
    area_km2: float
    population: int
    distance_limit_km: float


@dataclass(frozen=True, slots=True)
class Postcode:
    """Postnummer - a postcode, its main municipality and every municipality it spans."""

    number: str
    name: str
    municipality_code: str
    centre: Coordinates
    all_municipality_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Street:
    """Vej - a named road in a municipality, with its CPR road code (vejkode) and postcodes."""

    municipality_code: str
    road_code: str
    name: str
    postcodes: tuple[str, ...]


# Street names and floors repeat (a national population has about 3 million homes on some
# tens of thousands of streets): folding each once makes an address key half as dear.
@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """A street or a floor as `Address.key` compares it: casefolded, whitespace folded."""
    return " ".join(text.split()).casefold()


# An address keeps its point as two floats of its own, not a `Coordinates` object: a national
# population has about 3 million homes, and a `Coordinates` of its own is 48 bytes a home more
# (an `Address` with the point folded in is 8 bytes larger, not 48). `coordinates` makes the
# `Coordinates` when read; `distance_km` takes the address itself as a point. The rest of the
# dataclass is as it was: the constructor takes ``coordinates`` (and `replace` works), `repr` and
# `sandbox.jsonable` (`JSON_FIELDS`) show it, equality and the hash compare the same values, and
# pickles made before the fold load (`__setstate__`).
@dataclass(slots=True, unsafe_hash=True, init=False, repr=False)
class Address:
    """Adresse - a home or practice address with its point, e.g. "Vestergade 3, 7700 Thisted".

    ``locality`` is the supplementary town name (supplerende bynavn, e.g. "Klitmøller") and
    ``floor`` the floor and door (etage og dør, e.g. "2. th").
    """

    street: Final[str]
    house_number: Final[str]
    postcode: Final[str]
    city: Final[str]
    municipality_code: Final[str]
    lat: Final[float]  # the point's latitude and longitude (`coordinates`)
    lon: Final[float]
    locality: Final[str | None]
    floor: Final[str | None]
    # the fields as `sandbox.jsonable` shows them: the point as ``coordinates``, where it was
    JSON_FIELDS: ClassVar[tuple[str, ...]] = (
        "street",
        "house_number",
        "postcode",
        "city",
        "municipality_code",
        "coordinates",
        "locality",
        "floor",
    )

    def __init__(
        self,
        street: str,
        house_number: str,
        postcode: str,
        city: str,
        municipality_code: str,
        coordinates: Coordinates | tuple[float, float] | None = None,
        locality: str | None = None,
        floor: str | None = None,
        *,
        # the point's two floats, as `dataclasses.replace` gives them; ``coordinates`` wins
        lat: float | None = None,
        lon: float | None = None,
    ) -> None:
        self.street, self.house_number, self.postcode = street, house_number, postcode
        self.city, self.municipality_code = city, municipality_code
        if type(coordinates) is tuple:  # (lat, lon) of a valid point: the population builder's
            lat, lon = coordinates  # 3 million homes, without a `Coordinates` made for each
        elif isinstance(coordinates, Coordinates):
            lat, lon = coordinates.lat, coordinates.lon
        elif lat is None or lon is None:
            raise TypeError("Address() needs its coordinates")  # as a missing argument would
        self.lat, self.lon = lat, lon
        self.locality, self.floor = locality, floor

    @property
    def coordinates(self) -> Coordinates:
        """The point, as a `Coordinates` made when read (`distance_km` takes the address)."""
        return Coordinates(self.lat, self.lon)

    def __repr__(self) -> str:
        return (
            f"Address(street={self.street!r}, house_number={self.house_number!r}, "
            f"postcode={self.postcode!r}, city={self.city!r}, "
            f"municipality_code={self.municipality_code!r}, coordinates={self.coordinates!r}, "
            f"locality={self.locality!r}, floor={self.floor!r})"
        )

    def __setstate__(self, state: tuple[None, dict[str, object]]) -> None:
        """A pickle's slots (the default state of a slotted object, as `pickle` and `copy`
        make it), also of a pickle made before the fold: a `Coordinates` in the place of the
        two floats."""
        slots = dict(state[1])
        point = slots.pop("coordinates", None)
        if isinstance(point, Coordinates):
            slots["lat"], slots["lon"] = point.lat, point.lon
        for name, value in slots.items():
            object.__setattr__(self, name, value)

    @property
    def text(self) -> str:
        """The address written the Danish way: "P. Madsens Gang 8, Klitmøller, 7700 Thisted"."""
        parts = [f"{self.street} {self.house_number}"]
        if self.floor:
            parts.append(self.floor)
        if self.locality:
            parts.append(self.locality)
        parts.append(f"{self.postcode} {self.city}")
        return ", ".join(parts)

    @property
    def key(self) -> str:
        """A normalised key for indexing the persons living at this address.

        Street, house number, floor and postcode, casefolded with whitespace folded (none at all
        in the house number, so "8 A" and "8A" agree). The city and locality follow from the
        postcode and are left out, so spelling them differently does not split a household.
        """
        number, floor = self.house_number, self.floor
        if not (number.isascii() and number.isdigit()):  # plain digits need no folding
            number = "".join(number.split()).casefold()
        return "|".join(
            (fold(self.street), number, fold(floor) if floor else "", self.postcode.strip())
        )


@dataclass(frozen=True, slots=True)
class Ydernummer:
    """Ydernummer - the 6-digit provider number that identifies a GP practice."""

    value: str

    def __post_init__(self) -> None:
        if len(self.value) != 6 or not (self.value.isascii() and self.value.isdigit()):
            raise InvalidYdernummer(value=self.value)

    @classmethod
    def parse(cls, text: str) -> Ydernummer:
        """Read exactly six digits, ignoring surrounding whitespace."""
        value = text.strip()
        if len(value) != 6 or not (value.isascii() and value.isdigit()):
            raise InvalidYdernummer(value=text)
        return cls(value)

    def __str__(self) -> str:
        return self.value


def _normalise_municipality_code(code: str) -> str:
    text = code.strip()
    if text.isascii() and text.isdigit() and len(text) <= 4:
        return text.zfill(4)
    return text


class Geography:
    """Geografi - the indexed reference data: municipalities, regions, postcodes and streets."""

    def __init__(
        self,
        municipalities: tuple[Municipality, ...],
        postcodes: tuple[Postcode, ...],
        streets: tuple[Street, ...] = (),
    ) -> None:
        self._municipalities = {m.code: m for m in sorted(municipalities, key=lambda m: m.code)}
        self._postcodes = {p.number: p for p in sorted(postcodes, key=lambda p: p.number)}
        regions = {m.region_code: Region(m.region_code, m.region_name) for m in municipalities}
        self._regions = tuple(regions[code] for code in sorted(regions))
        by_municipality: dict[str, list[Postcode]] = {code: [] for code in self._municipalities}
        for postcode in self._postcodes.values():
            by_municipality.setdefault(postcode.municipality_code, []).append(postcode)
        self._postcodes_in = {code: tuple(items) for code, items in by_municipality.items()}
        streets_by: dict[str, list[Street]] = {}
        for street in sorted(streets, key=lambda s: (s.name, s.road_code)):
            streets_by.setdefault(street.municipality_code, []).append(street)
        self._streets_in = {code: tuple(items) for code, items in streets_by.items()}

    def municipality(self, code: str) -> Municipality:
        """The municipality with ``code``; "787" and "0787" both mean Thisted."""
        found = self._municipalities.get(_normalise_municipality_code(code))
        if found is None:
            raise UnknownMunicipality(value=code)
        return found

    def municipalities(self) -> tuple[Municipality, ...]:
        """All 98 municipalities, sorted by code."""
        return tuple(self._municipalities.values())

    def regions(self) -> tuple[Region, ...]:
        """The five regions, sorted by code."""
        return self._regions

    def postcode(self, number: str) -> Postcode:
        """The postcode ``number`` (4 digits, e.g. "7700")."""
        found = self._postcodes.get(number.strip())
        if found is None:
            raise UnknownPostcode(value=number)
        return found

    def postcodes_in(self, municipality_code: str) -> tuple[Postcode, ...]:
        """The postcodes whose main municipality is ``municipality_code``, sorted by number."""
        return self._postcodes_in[self.municipality(municipality_code).code]

    def streets_in(self, municipality_code: str) -> tuple[Street, ...]:
        """The sample streets of a municipality, sorted by name (empty for most: DATA.md)."""
        return self._streets_in.get(self.municipality(municipality_code).code, ())

    def municipality_name(self, code: str) -> str:
        """The name to SHOW for a municipality code: a Danish one's name, or for Greenland's
        codes (SPEC 5.8) e.g. "Qeqertalik (Grønland)" / "Grønlandsk kommune 955". Other codes
        raise UnknownMunicipality. For rules (limits, GP choice) use `municipality`."""
        normalised = _normalise_municipality_code(code)
        if normalised in GREENLAND_MUNICIPALITIES:
            name = GREENLAND_MUNICIPALITIES[normalised]
            return f"{name} (Grønland)" if name else f"Grønlandsk kommune {normalised[1:]}"
        return self.municipality(code).name

    def is_greenland(self, code: str) -> bool:
        """A CPR municipality code of Greenland (955-961, SPEC 5.8)."""
        return _normalise_municipality_code(code) in GREENLAND_MUNICIPALITIES

    def is_capital_area(self, code: str) -> bool:
        """Hovedstadsområdet: the municipalities with the 5 km distance limit (SPEC 3.2)."""
        return self.municipality(code).distance_limit_km == CAPITAL_AREA_LIMIT_KM


def _rows(name: str) -> list[dict[str, str]]:
    text = files("sandbox.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _codes(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


@cache
def load_geography() -> Geography:
    """The reference geography from ``sandbox.data``, read once per process."""
    municipalities = tuple(
        Municipality(
            code=row["kommunekode"],
            name=row["name"],
            region_code=row["region_code"],
            region_name=row["region_name"],
            centre=Coordinates(float(row["lat"]), float(row["lon"])),
            area_km2=float(row["area_km2"]),
            population=int(row["population"]),
            distance_limit_km=float(row["distance_limit_km"]),
        )
        for row in _rows("municipalities.csv")
    )
    postcodes = tuple(
        Postcode(
            number=row["postnummer"],
            name=row["name"],
            municipality_code=row["kommunekode"],
            centre=Coordinates(float(row["lat"]), float(row["lon"])),
            all_municipality_codes=_codes(row["all_kommuner"]),
        )
        for row in _rows("postcodes.csv")
    )
    streets = tuple(
        Street(
            municipality_code=row["kommunekode"],
            road_code=row["vejkode"],
            name=row["vejnavn"],
            postcodes=_codes(row["postnumre"]),
        )
        for row in _rows("streets_sample.csv")
    )
    return Geography(municipalities, postcodes, streets)
