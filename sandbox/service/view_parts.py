"""The parts the views (`sandbox.service.views`) are built of: who may see whom, and rows.

`Viewer` decides access and masking for one actor: staff (case workers, administrators,
operators, the system) see every person in full; a citizen in self-service sees themself and
the children they act for (under ``age.independentChoice``), and sees a protected OTHER person
without name and address (SPEC 5.7) - also the samlever shown on a case. The row functions turn
model objects into plain dicts.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sandbox.domain.case_details import AnyCaseDetails, GpChoiceDetails, SamleverDetails
from sandbox.domain.errors import DomainError
from sandbox.domain.model import (
    CASE_STATUS_DA,
    CASE_TYPE_DA,
    Actor,
    CardOrder,
    Case,
    Citizen,
    GpListing,
    GroupMembership,
    Role,
)
from sandbox.service.unit_of_work import UnitOfWork

RECENT_CASES = 10  # how many closed cases the overview lists (display only, not a rule)
PROTECTED_NAME = "Navne- og adressebeskyttet"

RELATION_DA = {
    "spouse": "ægtefælle",
    "parent": "forælder",
    "custody_holder": "forældremyndighedsindehaver",
    "child": "barn",
    "samlever": "samlever",
}
BASIS_DA = {
    "OPEN": "åben praksis",
    "KEEP": "beholder sin læge",
    "DISPENSATION": "dispensation (lægens accept)",
    "ADMINISTRATIVE": "tildelt af kommunen",
}
EXCEPTION_DA = {
    "SPOUSE": "ægtefællens læge",
    "DECLARED_COHABITANT": "samleverens læge",
    "CHILD_TO_PARENT": "forælderens læge",
    "TURNING_15_PARENT": "forælderens læge efter det fyldte 15. år",
    "RETURN_TO_LAST_GROUP1_DOCTOR": "tilbage til sidste læge i gruppe 1",
    "RETURN_FROM_SERVICE_OR_PRISON": "tilbage fra hvilende sikring",
    "KEEP_DOCTOR_ON_MOVE_WITHIN_MUNICIPALITY": "beholder lægen ved flytning i kommunen",
    "FEWER_THAN_TWO_OPEN_WITHIN_LIMIT": "færre end to åbne praksisser inden for grænsen",
    "PARENT_TO_MINOR_CHILD": "barnets læge (før 1.1)",
    "SAME_ADDRESS": "samme adresse (før 1.1)",
}


def basis_da(basis: str | None) -> str | None:
    """A listing's basis as a case worker reads it: "undtagelse: ægtefællens læge"."""
    if basis is None:
        return None
    if basis.startswith("EXCEPTION:"):
        code = basis.removeprefix("EXCEPTION:")
        return f"undtagelse: {EXCEPTION_DA.get(code, code)}"
    return BASIS_DA.get(basis, basis)


class ViewNotAllowed(DomainError):
    """Ingen adgang - the actor may not see this. Generic: it never tells whether the person
    exists or is protected."""

    code = "VIEW_NOT_ALLOWED"
    kind = "forbidden"
    da = "Du har ikke adgang til disse oplysninger."
    en = "You do not have access to this information."


class Viewer:
    """Visningsadgang - what one actor may see of whom."""

    __slots__ = ("actor", "uow")

    def __init__(self, uow: UnitOfWork, actor: Actor) -> None:
        self.uow = uow
        self.actor = actor

    @property
    def is_citizen(self) -> bool:
        return self.actor.role is Role.CITIZEN

    def may_see(self, cpr: str, on: date) -> bool:
        """Staff see everyone; a citizen sees themself and the children they act for."""
        if not self.is_citizen or self.actor.user_id == cpr:
            return True
        child = self.uow.registry.find_citizen(cpr)
        if child is None:
            return False
        guardians = (*child.parents, *child.custody_holders)
        limit = int(self.uow.parameter("age.independentChoice", on))
        return self.actor.user_id in guardians and child.age_on(on) < limit

    def masked(self, citizen: Citizen) -> bool:
        """True when the viewer must not see this person's name and address."""
        return citizen.protected and self.is_citizen and self.actor.user_id != citizen.cpr

    def ref(self, cpr: str) -> dict[str, Any]:
        """A short reference to a person: CPR, name and address as this viewer may see them."""
        citizen = self.uow.registry.find_citizen(cpr)
        if citizen is None:
            return {"cpr": cpr, "name": None, "address": None, "protected": False}
        hidden = self.masked(citizen)
        return {
            "cpr": cpr,
            "name": PROTECTED_NAME if hidden else citizen.name,
            "address": None if hidden else citizen.address.text,
            "protected": citizen.protected,
        }

    def person(self, citizen: Citizen, on: date) -> dict[str, Any]:
        """The person a view is about, with what CPR tells about them."""
        return self.ref(citizen.cpr) | {
            "birth_date": citizen.birth_date.isoformat(),
            "age": citizen.age_on(on),
            "status": citizen.status,
            "resident": citizen.is_resident,
            "civil_status": str(citizen.civil_status),
            "municipality_code": None if self.masked(citizen) else citizen.municipality_code,
            "municipality_name": None if self.masked(citizen) else self.municipality_name(citizen),
        }

    def municipality_name(self, citizen: Citizen) -> str:
        """The home municipality's name; Greenland's codes (SPEC 5.8) have one too, e.g. for a
        person registered in Greenland before the move; an unknown code shows as itself."""
        try:
            return self.uow.geography.municipality_name(citizen.municipality_code)
        except DomainError:
            return citizen.municipality_code

    def case_details(self, details: AnyCaseDetails) -> dict[str, Any]:
        """Case details as this viewer may see them: a protected samlever stays anonymous."""
        shown = details.to_json()
        samlever = (
            details.samlever if isinstance(details, GpChoiceDetails | SamleverDetails) else None
        )
        if samlever is None or not samlever.cpr:
            return shown
        ref = self.ref(samlever.cpr)
        return shown | {"samlever": {"cpr": ref["cpr"], "name": ref["name"]}}

    def relations(self, citizen: Citizen) -> list[dict[str, Any]]:
        """Spouse, parents, custody holders, declared samlever and children at the address."""
        found: list[tuple[str, str]] = []
        if citizen.spouse:
            found.append(("spouse", citizen.spouse))
        found += [("parent", cpr) for cpr in citizen.parents]
        found += [
            ("custody_holder", cpr) for cpr in citizen.custody_holders if cpr not in citizen.parents
        ]
        if citizen.declared_samlever:
            found.append(("samlever", citizen.declared_samlever))
        for cpr in self.uow.registry.persons_at(citizen.address):
            other = self.uow.registry.find_citizen(cpr)
            if other is not None and citizen.cpr in (*other.parents, *other.custody_holders):
                found.append(("child", cpr))
        return [
            {"relation": kind, "relation_da": RELATION_DA[kind]} | self.ref(cpr)
            for kind, cpr in found
        ]


def case_row(case: Case) -> dict[str, Any]:
    """A case in a list: id, type, status, persons and dates."""
    return {
        "case_id": case.case_id,
        "type": str(case.case_type),
        "type_da": CASE_TYPE_DA.get(case.case_type, str(case.case_type)),
        "status": str(case.status),
        "status_da": CASE_STATUS_DA[case.status],
        "municipality_code": case.municipality_code,
        "main_cpr": case.main_cpr,
        "involved": list(case.involved),
        "created_at": case.created_at.isoformat(),
        "effective_date": case.effective_date.isoformat() if case.effective_date else None,
    }


def _case_ref(uow: UnitOfWork, case_id: str | None) -> dict[str, Any] | None:
    case = uow.registry.find_case(case_id) if case_id else None
    return case_row(case) if case is not None else None


def listing_row(uow: UnitOfWork, listing: GpListing, on: date) -> dict[str, Any]:
    """A GP listing with its practice and the case that made it."""
    practice = uow.registry.find_practice(listing.ydernummer)
    return {
        "ydernummer": listing.ydernummer,
        "practice_name": practice.name if practice else None,
        "practice_address": practice.address.text if practice else None,
        "practice_open": practice.is_open_on(on) if practice else None,
        "valid_from": listing.valid_from.isoformat(),
        "valid_to": listing.valid_to.isoformat() if listing.valid_to else None,
        "basis": listing.basis,
        "basis_da": basis_da(listing.basis),
        "case": _case_ref(uow, listing.case_id),
    }


def group_row(uow: UnitOfWork, membership: GroupMembership) -> dict[str, Any]:
    """A period in an insurance group with the case that made it."""
    return {
        "group": membership.group,
        "valid_from": membership.valid_from.isoformat(),
        "valid_to": membership.valid_to.isoformat() if membership.valid_to else None,
        "reason": membership.reason,
        "case": _case_ref(uow, membership.case_id),
    }


def card_order_row(order: CardOrder) -> dict[str, Any]:
    """A card order: physical or skipped (and why), standalone or automatic, and its fee."""
    return {
        "order_id": order.order_id,
        "case_id": order.case_id,
        "cpr": order.cpr,
        "physical": order.physical,
        "standalone": order.standalone,
        "fee_dkk": order.fee_dkk,
        "ordered_at": order.ordered_at.isoformat(),
        "skipped_reason": order.skipped_reason,
    }


def plain(value: Any) -> Any:
    """JSON-ready: dates as ISO strings, tuples as lists, enums as their values."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
