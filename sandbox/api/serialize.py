"""Turning the service layer's results into the API's JSON: cases, practices, plain data."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sandbox.api.schemas import CaseOut, MunicipalityOut, PracticeOut
from sandbox.domain.decisions import Decision
from sandbox.domain.geography import Coordinates, Municipality, distance_km
from sandbox.domain.model import CASE_STATUS_DA, Case, Practice
from sandbox.jsonable import jsonable
from sandbox.service.view_parts import case_row, plain


def case_out(case: Case, decisions: Sequence[tuple[str, Decision]] = ()) -> CaseOut:
    """The case, and the decisions that made it (subject, and the decision with its reasons)."""
    history = [
        {"at": at.isoformat(), "status": str(status), "status_da": CASE_STATUS_DA[status]}
        for at, status in case.history
    ]
    return CaseOut(
        **case_row(case),
        details=case.details.to_json(),
        history=history,
        decisions=[{"subject": subject, **d.to_dict()} for subject, d in decisions],
    )


def practice_out(practice: Practice, on: date, home: Coordinates | None = None) -> PracticeOut:
    away = None if home is None else round(distance_km(home, practice.address.coordinates), 2)
    return PracticeOut(
        ydernummer=practice.ydernummer,
        name=practice.name,
        address=practice.address.text,
        municipality_code=practice.municipality_code,
        region_code=practice.region_code,
        doctors=list(practice.doctors),
        open=practice.is_open_on(on),
        list_size=practice.list_size,
        distance_km=away,
    )


def municipality_out(municipality: Municipality) -> MunicipalityOut:
    return MunicipalityOut(
        code=municipality.code,
        name=municipality.name,
        region_code=municipality.region_code,
        region_name=municipality.region_name,
        distance_limit_km=municipality.distance_limit_km,
    )


def result_out(result: Any) -> Any:
    """A handler's result as JSON data: ``to_dict()`` when it has one, else field by field."""
    if isinstance(result, Case):
        return case_out(result).model_dump(mode="json")
    to_dict = getattr(result, "to_dict", None)
    if callable(to_dict):
        return plain(to_dict())
    return plain(jsonable(result))
