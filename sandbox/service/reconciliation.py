"""Afstemning med LUNA: compare the system's cases and outbox with LUNA's registrations.

Release 1.1 item 13 promises that a LUNA failure never loses a case and never leaves a LUNA
registration without its case. `reconcile` checks exactly that, from the system's registry and
outbox and a mapping of LUNA's registrations (case id -> LUNA id, as `LunaPort.registrations()`
gives it, in process or over HTTP), so it runs in the tests and against a served sandbox.

A case "needs LUNA" when it went through the outbox: its status history holds AWAITING_LUNA.
`awaiting_luna` lists the cases still waiting, per municipality, for the case workers' view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sandbox.domain.model import Case, CaseStatus
from sandbox.service.unit_of_work import UnitOfWork

ERROR = "error"
WARNING = "warning"

# code -> (severity, Danish text, English text); texts are formatted with the problem's fields
PROBLEMS: dict[str, tuple[str, str, str]] = {
    "LUNA_WITHOUT_CASE": (
        ERROR,
        "LUNA har registreringen {luna_id}, men forløbet {case_id} findes ikke.",
        "LUNA holds registration {luna_id}, but the case {case_id} does not exist.",
    ),
    "COMPLETED_WITHOUT_LUNA": (
        ERROR,
        "Forløbet {case_id} er gennemført, men LUNA har ingen registrering af det.",
        "The case {case_id} is completed, but LUNA holds no registration of it.",
    ),
    "AWAITING_NOT_IN_OUTBOX": (
        ERROR,
        "Forløbet {case_id} afventer LUNA, men ligger ikke i udbakken og bliver aldrig sendt.",
        "The case {case_id} awaits LUNA but is not in the outbox: it would never be sent.",
    ),
    "OUTBOX_WITHOUT_CASE": (
        ERROR,
        "Udbakken har en registrering for forløbet {case_id}, som ikke findes.",
        "The outbox holds a registration for the case {case_id}, which does not exist.",
    ),
    "OUTBOX_CASE_NOT_AWAITING": (
        ERROR,
        "Forløbet {case_id} ligger i udbakken, men har status {status}.",
        "The case {case_id} is in the outbox but has status {status}.",
    ),
    "LUNA_ID_MISMATCH": (
        ERROR,
        "Forløbet {case_id} har LUNA-id {case_luna_id}, men LUNA siger {luna_id}.",
        "The case {case_id} has LUNA id {case_luna_id}, but LUNA says {luna_id}.",
    ),
    "LUNA_FOR_CANCELLED_CASE": (
        WARNING,
        "LUNA har registreringen {luna_id} for det annullerede forløb {case_id}; ret LUNA manuelt.",
        "LUNA holds registration {luna_id} for the cancelled case {case_id}; correct LUNA by hand.",
    ),
}


@dataclass(frozen=True, slots=True)
class Problem:
    """Afvigelse - one difference between the system and LUNA."""

    code: str
    case_id: str
    fields: tuple[tuple[str, str], ...] = ()

    @property
    def severity(self) -> str:
        return PROBLEMS[self.code][0]

    def text(self, language: str = "da") -> str:
        _, da, en = PROBLEMS[self.code]
        return (da if language == "da" else en).format(case_id=self.case_id, **dict(self.fields))

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "case_id": self.case_id,
            "text_da": self.text("da"),
            "text_en": self.text("en"),
        }


@dataclass(frozen=True, slots=True)
class ReconciliationReport:
    """Afstemningsrapport - what was compared and which problems were found."""

    luna_registrations: int
    cases_needing_luna: int
    awaiting: int
    problems: tuple[Problem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """No errors (warnings, such as LUNA holding a cancelled case's registration, pass)."""
        return not any(problem.severity == ERROR for problem in self.problems)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(problem.code for problem in self.problems)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "luna_registrations": self.luna_registrations,
            "cases_needing_luna": self.cases_needing_luna,
            "awaiting": self.awaiting,
            "problems": [problem.to_dict() for problem in self.problems],
        }


def needs_luna(case: Case) -> bool:
    """The case went through the outbox (it waited for LUNA at some point)."""
    return case.status is CaseStatus.AWAITING_LUNA or any(
        status is CaseStatus.AWAITING_LUNA for _, status in case.history
    )


def reconcile(uow: UnitOfWork, registrations: Mapping[str, str]) -> ReconciliationReport:
    """Compare the system with LUNA's ``registrations`` (case id -> LUNA id)."""
    problems: list[Problem] = []
    registry = uow.registry
    for case_id, luna_id in registrations.items():
        case = registry.find_case(case_id)
        if case is None:
            problems.append(Problem("LUNA_WITHOUT_CASE", case_id, (("luna_id", luna_id),)))
        elif case.status is CaseStatus.CANCELLED:
            problems.append(Problem("LUNA_FOR_CANCELLED_CASE", case_id, (("luna_id", luna_id),)))
    needing = 0
    for case in registry.all_cases():
        if not needs_luna(case):
            continue
        needing += 1
        problems.extend(_check_case(uow, case, registrations))
    for entry in uow.outbox.entries():
        case_id = entry.registration.case_id
        found = registry.find_case(case_id)
        if found is None:
            problems.append(Problem("OUTBOX_WITHOUT_CASE", case_id))
        elif found.status is not CaseStatus.AWAITING_LUNA:
            status = found.status.value
            problems.append(Problem("OUTBOX_CASE_NOT_AWAITING", case_id, (("status", status),)))
    return ReconciliationReport(len(registrations), needing, len(uow.outbox), tuple(problems))


def _check_case(uow: UnitOfWork, case: Case, registrations: Mapping[str, str]) -> list[Problem]:
    found: list[Problem] = []
    luna_id = registrations.get(case.case_id)
    if case.status is CaseStatus.AWAITING_LUNA and case.case_id not in uow.outbox:
        found.append(Problem("AWAITING_NOT_IN_OUTBOX", case.case_id))
    if case.status is CaseStatus.COMPLETED and luna_id is None:
        found.append(Problem("COMPLETED_WITHOUT_LUNA", case.case_id))
    case_luna_id = case.details.luna_id
    if luna_id is not None and case_luna_id is not None and case_luna_id != luna_id:
        pair = (("case_luna_id", str(case_luna_id)), ("luna_id", luna_id))
        found.append(Problem("LUNA_ID_MISMATCH", case.case_id, pair))
    return found


def awaiting_luna(uow: UnitOfWork, municipality_code: str | None = None) -> list[dict[str, Any]]:
    """Cases waiting for LUNA (oldest first), for one municipality or all.

    Each: case id, type, municipality, status, since (queued), attempts, last fault and the
    time of the next attempt. Reads the outbox, not the whole case register.
    """
    waiting: list[dict[str, Any]] = []
    for entry in uow.outbox.entries():
        case = uow.registry.find_case(entry.registration.case_id)
        if case is None:
            continue
        if municipality_code is not None and case.municipality_code != municipality_code:
            continue
        waiting.append(
            {
                "case_id": case.case_id,
                "case_type": case.case_type.value,
                "municipality_code": case.municipality_code,
                "status": case.status.value,
                "since": entry.queued_at.isoformat(),
                "attempts": entry.attempts,
                "last_fault": entry.last_fault,
                "next_attempt_at": entry.next_attempt_at.isoformat(),
            }
        )
    return waiting
