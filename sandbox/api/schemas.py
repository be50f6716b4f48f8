"""Pydantic schemas of the Sygesikring API, used only at the HTTP edge (never in the domain)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from fakes.schema_types import CPR_PATTERN, Flag, IsoDate, LocalDateTime, Moment, Number
from fakes.schema_types import CprText as CprNumber
from sandbox.domain.rules.cards import StandaloneReason

__all__ = ["CPR_PATTERN", "CprNumber", "IsoDate", "Moment"]

Ydernummer = Annotated[str, Field(pattern=r"^[0-9]{6}$", examples=["900103"])]
MunicipalityCode = Annotated[str, Field(pattern=r"^[0-9]{3,4}$", examples=["0787"])]
Postcode = Annotated[str, Field(pattern=r"^[0-9]{4}$", examples=["7700"])]
CardReason = Literal["lost", "damaged", "not_received", "name_change", "other"]
assert set(CardReason.__args__) == {reason.value for reason in StandaloneReason}  # type: ignore[attr-defined]


class GpChoiceIn(BaseModel):
    """Lægevalg: a practice, from a date (default today), for the person and children < 15."""

    ydernummer: Ydernummer
    effective_date: IsoDate | None = None
    involved: list[CprNumber] = Field(default_factory=list, max_length=10)
    change_to_group_1: Flag = False


class GpChoicePreviewOut(BaseModel):
    """What a GP choice would decide, without changing anything."""

    allowed: bool
    needs_doctor_acceptance: bool
    effective_date: date
    fee_dkk: int
    decisions: dict[str, dict[str, Any]]
    fees: dict[str, dict[str, Any]]


class GroupChangeIn(BaseModel):
    """Gruppeskift: group 1 or 2 from ``valid_from`` (default today; the role's window)."""

    group: Literal[1, 2]
    valid_from: IsoDate | None = None


class ForceGroup1In(BaseModel):
    valid_from: IsoDate | None = None


class AddressIn(BaseModel):
    """An address; without coordinates the postcode's centre is used."""

    street: str = Field(min_length=1, max_length=80, examples=["P. Madsens Gang"])
    house_number: str = Field(min_length=1, max_length=10, examples=["4"])
    postcode: Postcode
    city: str = Field(min_length=1, max_length=60, examples=["Thisted"])
    municipality_code: MunicipalityCode
    lat: Number | None = Field(default=None, ge=54.0, le=58.0)
    lon: Number | None = Field(default=None, ge=7.5, le=15.5)
    locality: str | None = Field(default=None, max_length=60, examples=["Klitmøller"])
    floor: str | None = Field(default=None, max_length=20)


class MovingInAddressIn(BaseModel):
    """Tilflytningsadresse: the address a declared samlever must live at."""

    street: str = Field(min_length=1, max_length=80, examples=["P. Madsens Gang"])
    house_number: str = Field(min_length=1, max_length=10, examples=["8"])
    postcode: Postcode
    floor: str | None = Field(default=None, max_length=20)


class SamleverIn(BaseModel):
    """Angiv samlever: the cohabitant's CPR number, living at the moving-in address (default:
    the declarant's own address)."""

    samlever_cpr: CprNumber
    moving_in_address: MovingInAddressIn | None = None


class HealthCardIn(BaseModel):
    """Bestil sundhedskort: why; ``cpr`` orders for a child (default: yourself)."""

    reason: CardReason
    cpr: CprNumber | None = None


class GreenlandMoveIn(BaseModel):
    """Lægevalg ved flytning fra Grønland: moving-in municipality, address and doctor."""

    municipality_code: MunicipalityCode
    address: AddressIn
    ydernummer: Ydernummer
    expected_move_date: IsoDate | None = None


class AheadOfMoveIn(BaseModel):
    """Lægevalg forud for en flytning: the doctor at the moving-in address, chosen before CPR
    reports the move (SPEC 3.8, 5.6); pending until the move event approves it."""

    ydernummer: Ydernummer
    address: AddressIn
    expected_move_date: date | None = None
    involved: list[CprNumber] = Field(default_factory=list, max_length=10)


class GpChoiceDispensationIn(BaseModel):
    """Dispensation: the municipality lets the citizen choose a closed practice within the
    limit; the case waits for the doctor's acceptance (SPEC 3.4)."""

    ydernummer: Ydernummer
    effective_date: date | None = None


class FreeChoiceExtensionIn(BaseModel):
    """Forlæng gratisperioden: the practice event, and the last free day for this citizen."""

    event_id: str = Field(min_length=1, max_length=32, examples=["PH00000001"])
    until: date


class DormantInsuranceIn(BaseModel):
    """Hvilende sikring: what the institution reports (SPEC 2.1). ``kind`` is
    military_service, substitute_service, prison or remand; for remand the stay counts from
    ``final_judgment_on``."""

    kind: Literal["military_service", "substitute_service", "prison", "remand"]
    starts_on: date
    expected_end: date
    final_judgment_on: date | None = None


class DormantReturnIn(BaseModel):
    """Tilbage fra hvilende sikring: the day service ends or the person is released."""

    on: date


class RejectIn(BaseModel):
    reason_da: str = Field(default="", max_length=500)
    reason_en: str = Field(default="", max_length=500)


class PracticeEventIn(BaseModel):
    """Praksishændelse from the region: transfer, change, closure, split or merge."""

    ydernummer: Ydernummer
    kind: Literal["transfer", "change", "closure", "split", "merge"]
    effective_date: IsoDate
    successors: list[Ydernummer] = Field(default_factory=list, max_length=10)
    significant_for_patients: Flag = True
    description_da: str = Field(default="", max_length=500)


class PracticeEventMoveIn(BaseModel):
    effective_date: IsoDate


class PracticeStatusIn(BaseModel):
    """From ``on``, open (true) or closed (false) for new patients."""

    on: IsoDate
    open: Flag


class PracticeCapacityIn(BaseModel):
    on: IsoDate
    capacity: Number = Field(gt=0, le=20)


class RestoreIn(BaseModel):
    """Datagenopretning to ``as_of``; ``dry_run`` (default) only shows the differences."""

    as_of: Moment
    dry_run: Flag = True


class CaseOut(BaseModel):
    """Forløb - a case with its details and status history."""

    case_id: str
    type: str
    type_da: str
    status: str
    status_da: str
    municipality_code: str
    main_cpr: str | None
    involved: list[str]
    created_at: LocalDateTime
    effective_date: date | None
    details: dict[str, Any]
    history: list[dict[str, Any]]
    decisions: list[dict[str, Any]] = Field(
        default_factory=list,
        description="The decisions the request made, in order: subject, allowed, reasons "
        "(code, text_da, text_en, rule_id, source, parameters). Empty when read later.",
    )


class PracticeOut(BaseModel):
    """Praksis - a GP practice as the public sees it."""

    ydernummer: str
    name: str
    address: str
    municipality_code: str
    region_code: str
    doctors: list[str]
    open: bool
    list_size: int
    distance_km: float | None = None


class MunicipalityOut(BaseModel):
    code: str
    name: str
    region_code: str
    region_name: str
    distance_limit_km: float


class SelfServiceEntryOut(BaseModel):
    """The self-service page of a municipality: who you are and what you may choose."""

    municipality: MunicipalityOut
    cpr: str
    known_to_sygesikring: bool
    cpr_status: str | None
    gp_choice_card: dict[str, Any] | None
    practices: list[PracticeOut]
    actions: list[str]
