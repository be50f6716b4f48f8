"""Pydantic schemas of the fake CPR, used only at its HTTP edge."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from fakes.schema_types import CPR_DIGITS_PATTERN, CprDigits, Flag, IsoDate, Number

CPR_PATTERN = CPR_DIGITS_PATTERN
CprNumber = CprDigits
OptionalCpr = CprNumber | None

STATUS_TEXTS: dict[str, tuple[str, str]] = {
    "01": ("Aktiv, bopæl i dansk kommune", "Active, residence in a Danish municipality"),
    "03": ("Aktiv, speciel vejkode i dansk register", "Active, special road code (Denmark)"),
    "05": ("Aktiv, bopæl i grønlandsk register", "Active, residence in Greenland"),
    "07": ("Aktiv, speciel vejkode i grønlandsk register", "Active, special road code (Greenland)"),
    "10": ("Inaktiv, reserveret nummer", "Inactive, reserved number"),
    "20": ("Inaktiv, uden bopæl i DK/GL", "Inactive, no residence in Denmark or Greenland"),
    "30": ("Inaktiv, annulleret nummer", "Inactive, annulled number"),
    "50": ("Inaktiv, slettet nummer (dobbeltnummer)", "Inactive, deleted number (double)"),
    "60": ("Inaktiv, ændret nummer", "Inactive, changed number"),
    "70": ("Inaktiv, forsvundet", "Inactive, disappeared"),
    "80": ("Inaktiv, udrejst", "Inactive, emigrated"),
    "90": ("Inaktiv, død", "Inactive, dead"),
}


class AddressIn(BaseModel):
    """An address as CPR holds it (the keys the system reads, SPEC 5.6)."""

    street: str = Field(min_length=1, max_length=80, examples=["P. Madsens Gang"])
    house_number: str = Field(min_length=1, max_length=10, examples=["4"])
    postcode: str = Field(pattern=r"^[0-9]{4}$", examples=["7700"])
    city: str = Field(min_length=1, max_length=60, examples=["Thisted"])
    municipality_code: str = Field(pattern=r"^[0-9]{4}$", examples=["0787"])
    lat: Number = Field(ge=-90, le=90, examples=[57.0407])
    lon: Number = Field(ge=-180, le=180, examples=[8.4908])
    locality: str | None = Field(default=None, max_length=60, examples=["Klitmøller"])
    floor: str | None = Field(default=None, max_length=20)


class PersonIn(BaseModel):
    """A person to put into CPR directly (test data, not a life event)."""

    cpr: CprNumber
    name: str = Field(min_length=1, max_length=120)
    birth_date: IsoDate
    status: str = Field(default="01", pattern=r"^[0-9]{2}$")
    address: AddressIn | None = None
    civil_status: str = Field(default="U", pattern=r"^[UGFEDPOL]$")
    spouse: OptionalCpr = None
    parents: list[CprNumber] = Field(default_factory=list, max_length=4)
    custody_holders: list[CprNumber] = Field(default_factory=list, max_length=4)
    protected: Flag = False


class PersonOut(BaseModel):
    """A person as CPR reports them, with the status code explained. A protected person's
    name and address are null (``masked``) unless the caller is an authorised system."""

    cpr: str
    name: str | None
    birth_date: date
    status: str
    status_da: str
    status_en: str
    address: dict[str, Any] | None
    civil_status: str
    spouse: str | None
    parents: list[str]
    custody_holders: list[str]
    protected: bool
    replaced_by: str | None = None
    replaces: str | None = None
    masked: bool = False


class RelationsOut(BaseModel):
    """Parents, custody holders, spouse and children (slægtskab og forældremyndighed)."""

    cpr: str
    parents: list[str]
    custody_holders: list[str]
    spouse: str | None
    civil_status: str
    children: list[str]


class FeedHoldIn(BaseModel):
    """Hold back the feed entries of the events that happen from now on (true), or stop (false:
    what is held stays held until released)."""

    hold: Flag


class FeedHoldOut(BaseModel):
    """Whether the feed is held, and how many events wait to be delivered."""

    holding: bool
    held: int


class ProtectionIn(BaseModel):
    """Name and address protection starts (true) or ends (false) on ``on``."""

    protected: Flag
    on: IsoDate | None = None


class StatusOut(BaseModel):
    code: str
    text_da: str
    text_en: str


class EventOut(BaseModel):
    """One entry of the CPR event feed, read in sequence order."""

    sequence: int
    kind: str
    cpr: str
    on: date
    data: dict[str, Any]
    masked: bool = False


class BirthIn(BaseModel):
    child_cpr: CprNumber
    birth_date: IsoDate
    mother_cpr: CprNumber
    father_cpr: OptionalCpr = None
    address: AddressIn | None = None
    registered_on: IsoDate | None = None
    name: str = Field(default="", max_length=120)


class NamingIn(BaseModel):
    cpr: CprNumber
    name: str = Field(min_length=1, max_length=120)
    on: IsoDate | None = None


class MoveIn(BaseModel):
    cpr: CprNumber
    address: AddressIn
    on: IsoDate | None = None


class ImmigrationIn(MoveIn):
    """Indrejse: from abroad or from the Faroe Islands (which CPR treats as abroad)."""

    origin: Literal["abroad", "faroe_islands"] = "abroad"


class LeaveIn(BaseModel):
    """Move to Greenland (with a Greenlandic address) or emigration (with a country)."""

    cpr: CprNumber
    address: AddressIn | None = None
    country: str | None = Field(default=None, max_length=60)
    on: IsoDate | None = None


class PersonEventIn(BaseModel):
    cpr: CprNumber
    on: IsoDate | None = None


class CoupleIn(BaseModel):
    a: CprNumber
    b: CprNumber
    on: IsoDate | None = None


class RenumberingIn(BaseModel):
    old_cpr: CprNumber
    new_cpr: CprNumber
    annulment: Flag = False
    on: IsoDate | None = None


class CustodyIn(BaseModel):
    child_cpr: CprNumber
    custody_holders: list[CprNumber] = Field(max_length=4)
    on: IsoDate | None = None
