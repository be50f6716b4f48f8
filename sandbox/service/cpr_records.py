"""Translating CPR's plain data (address dicts, person records, feed entries) to the domain.

CPR - and its fake - speak in plain dicts: an address is ``{"street", "house_number",
"postcode", "city", "municipality_code", "lat", "lon", "locality"?, "floor"?}``. `address_to_cpr`
and `address_from_cpr` convert both ways (coordinates missing from CPR are taken from the
postcode's centre, else the municipality's); `citizen_from_record` makes a `Citizen` of a
`CprPersonRecord`, with no group and no doctor - those are Sygesikring's, not CPR's.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sandbox.domain.errors import InvalidInput, UnknownMunicipality, UnknownPostcode
from sandbox.domain.geography import Address, Coordinates, Geography
from sandbox.domain.model import Citizen, CivilStatus
from sandbox.service.ports import CprPersonRecord, FeedEntry

UNNAMED = "Unavngivet barn"


def address_to_cpr(address: Address) -> dict[str, Any]:
    """An `Address` as CPR's plain dict."""
    data: dict[str, Any] = {
        "street": address.street,
        "house_number": address.house_number,
        "postcode": address.postcode,
        "city": address.city,
        "municipality_code": address.municipality_code,
        "lat": address.lat,
        "lon": address.lon,
    }
    if address.locality:
        data["locality"] = address.locality
    if address.floor:
        data["floor"] = address.floor
    return data


_ADDRESS_FIELDS = ("street", "house_number", "postcode", "city", "municipality_code")


def address_from_cpr(data: dict[str, Any], geography: Geography) -> Address:
    """CPR's address dict as an `Address`; InvalidInput when it lacks what an address needs."""
    get = data.get  # every move and move-in comes through here: each field read once
    street, house_number, postcode = get("street"), get("house_number"), get("postcode")
    city, municipality_code = get("city"), get("municipality_code")
    if not (street and house_number and postcode and city and municipality_code):
        missing = [key for key in _ADDRESS_FIELDS if not get(key)]
        raise InvalidInput(
            field="address",
            reason_da=f"CPR-adressen mangler {', '.join(missing)}",
            reason_en=f"the CPR address lacks {', '.join(missing)}",
        )
    lat, lon = get("lat"), get("lon")
    point: Coordinates | tuple[float, float]
    if lat is not None and lon is not None:
        # the point as the two floats an `Address` keeps, without a `Coordinates` made and
        # dropped for every move; one is made only to refuse a point that is none
        point = (float(lat), float(lon))
        if not (-90.0 <= point[0] <= 90.0 and -180.0 <= point[1] <= 180.0):
            point = Coordinates(*point)  # raises its InvalidInput
    else:
        point = _coordinates(data, geography)
    return Address(
        str(street),
        str(house_number),
        str(postcode),
        str(city),
        str(municipality_code),
        point,
        get("locality") or None,
        get("floor") or None,
    )


class AddressReader:
    """CPR's address dicts read as `Address`es through one run of the CPR feed.

    A household that moves together is reported one entry per person, one after another, each
    with the same address: the address last read is kept, and the next entry with an equal
    dict shares its `Address` (immutable, as the population builder shares one per household)
    instead of reading it again - fewer objects in a national heap, and the address index
    finds the household by its one object."""

    __slots__ = ("_last", "_last_data", "geography")

    def __init__(self, geography: Geography) -> None:
        self.geography = geography
        self._last_data: dict[str, Any] | None = None
        self._last: Address | None = None

    def read(self, data: dict[str, Any]) -> Address:
        """``data`` as an `Address` (`address_from_cpr`)."""
        last = self._last
        if last is not None and data == self._last_data:
            return last
        address = address_from_cpr(data, self.geography)
        self._last_data, self._last = data, address
        return address


def _coordinates(data: dict[str, Any], geography: Geography) -> Coordinates:
    if data.get("lat") is not None and data.get("lon") is not None:
        return Coordinates(float(data["lat"]), float(data["lon"]))
    try:
        return geography.postcode(str(data["postcode"])).centre
    except UnknownPostcode:
        pass
    try:
        return geography.municipality(str(data["municipality_code"])).centre
    except UnknownMunicipality:
        raise InvalidInput(
            field="address",
            reason_da="CPR-adressen har ingen koordinater, og postnummeret er ukendt",
            reason_en="the CPR address has no coordinates and its postcode is unknown",
        ) from None


def citizen_from_record(record: CprPersonRecord, geography: Geography) -> Citizen:
    """A citizen as CPR knows them, without group or doctor."""
    if record.address is None:
        raise InvalidInput(
            field="cpr",
            reason_da=f"CPR har ingen adresse for {record.cpr}",
            reason_en=f"CPR has no address for {record.cpr}",
        )
    try:
        civil_status = CivilStatus(record.civil_status)
    except ValueError:
        civil_status = CivilStatus.UNMARRIED
    return Citizen(
        cpr=record.cpr,
        name=record.name or UNNAMED,
        birth_date=record.birth_date,
        address=address_from_cpr(record.address, geography),
        status=record.status,
        civil_status=civil_status,
        spouse=record.spouse,
        parents=tuple(record.parents),
        custody_holders=tuple(record.custody_holders),
        protected=record.protected,
    )


def feed_entry(raw: dict[str, Any]) -> FeedEntry:
    """A feed entry read from CPR's plain dict: sequence number, kind, person, date, data.

    Broken here (no sequence, no date) the feed cannot go on past it: this raises to the
    feed's caller (a `KeyError`, a `ValueError` or `InvalidInput`), whose command then leaves
    no change."""
    return FeedEntry(
        int(raw["sequence"]),
        str(raw["kind"]),
        str(raw["cpr"]),
        feed_date(raw["on"]),
        raw.get("data") or {},
    )


def feed_date(value: object) -> date:
    """A date from the CPR feed: a `date` in process, an ISO string over HTTP."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidInput(
        field="on",
        reason_da=f"'{value}' er ikke en dato",
        reason_en=f"'{value}' is not a date",
    )
