"""Handler for RestoreCitizenData: datagenopretning, the operators' manual data restore.

Restores a citizen's registrations to how they stood at ``as_of``, from the system's own
history (`sandbox.domain.history`), never calling LUNA (SPEC 7.3: "no longer involves LUNA"):

- groups and GP listings: as the snapshot taken after ``as_of`` holds them (or unchanged);
- card opt-out: the system's mirror of LUNA's opt-out (``Store.has_opted_out``), as the system
  saw it; LUNA itself is not touched;
- open cases: a case opened after ``as_of`` and still open, in which the citizen is the only
  person, is cancelled and its unsent registration taken out of the outbox. Cases involving
  other persons, and cases closed since ``as_of``, are listed but left alone: undoing them
  would touch other citizens or re-open work that LUNA has already seen.

A dry run (the default) only returns the differences. Applying them makes a completed
DATA_RESTORE case that records what was restored; the audit log has the command (the bus's
`AuditJournal`). Only `Role.OPERATOR` may restore.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sandbox.domain.case_details import DataRestoreDetails
from sandbox.domain.errors import InvalidInput
from sandbox.domain.history import RegistrationState, copy_state, state_at
from sandbox.domain.model import (
    OPEN_CASE_STATUSES,
    Case,
    CaseStatus,
    CaseType,
    Citizen,
)
from sandbox.service.case_factory import build_case, register_case
from sandbox.service.commands import RestoreCitizenData
from sandbox.service.events import CaseCreated, CitizenDataRestored
from sandbox.service.unit_of_work import UnitOfWork

LEFT_OTHERS = "involverer andre personer / involves other persons"
LEFT_COMPLETED = (
    "gennemført efter tidspunktet; LUNA beholder registreringen / "
    "completed after the moment; LUNA keeps its registration"
)
LEFT_CLOSED = "afsluttet siden; genåbnes ikke / closed since; not re-opened"


@dataclass(frozen=True, slots=True)
class RestoreDiff:
    """Forskelle - what a restore would change: each area now and as restored."""

    cpr: str
    as_of: datetime
    groups_now: tuple[dict[str, Any], ...]
    groups_restored: tuple[dict[str, Any], ...]
    listings_now: tuple[dict[str, Any], ...]
    listings_restored: tuple[dict[str, Any], ...]
    card_opt_out_now: bool
    card_opt_out_restored: bool
    cases_to_cancel: tuple[str, ...] = ()
    cases_left: tuple[tuple[str, str], ...] = ()  # (case id, why it is left alone)
    warnings: tuple[str, ...] = ()

    @property
    def groups_changed(self) -> bool:
        return self.groups_now != self.groups_restored

    @property
    def listings_changed(self) -> bool:
        return self.listings_now != self.listings_restored

    @property
    def card_opt_out_changed(self) -> bool:
        return self.card_opt_out_now != self.card_opt_out_restored

    @property
    def changed(self) -> bool:
        return (
            self.groups_changed
            or self.listings_changed
            or self.card_opt_out_changed
            or bool(self.cases_to_cancel)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "cpr": self.cpr,
            "as_of": self.as_of.isoformat(),
            "changed": self.changed,
            "groups": _area(self.groups_now, self.groups_restored),
            "listings": _area(self.listings_now, self.listings_restored),
            "card_opt_out": {
                "changed": self.card_opt_out_changed,
                "now": self.card_opt_out_now,
                "restored": self.card_opt_out_restored,
            },
            "cases_to_cancel": list(self.cases_to_cancel),
            "cases_left": [{"case_id": c, "reason": why} for c, why in self.cases_left],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """Resultat af datagenopretning - the differences, and the case if they were applied."""

    diff: RestoreDiff
    applied: bool
    case_id: str | None = None
    cancelled: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "applied": self.applied,
            "case_id": self.case_id,
            "cancelled": list(self.cancelled),
            "diff": self.diff.to_dict(),
        }


def restore_citizen_data(command: RestoreCitizenData, uow: UnitOfWork) -> RestoreResult:
    """Show (dry run) or apply the restore of one citizen's registrations to ``as_of``."""
    if command.as_of > uow.now():
        raise InvalidInput(
            field="as_of",
            reason_da=f"tidspunktet ligger efter nu ({uow.now().isoformat()})",
            reason_en=f"the moment lies after now ({uow.now().isoformat()})",
        )
    citizen = uow.citizen(command.cpr)
    diff, target = plan_restore(uow, citizen, command.as_of)
    if command.dry_run or not diff.changed:
        return RestoreResult(diff, applied=False)
    return _apply(command, uow, citizen, diff, target)


def plan_restore(
    uow: UnitOfWork, citizen: Citizen, as_of: datetime
) -> tuple[RestoreDiff, RegistrationState]:
    """The differences between now and ``as_of``, and the state to restore."""
    registry = uow.registry
    current = copy_state(citizen, registry.has_opted_out(citizen.cpr))
    found = state_at(registry.history_of(citizen.cpr), current, as_of)
    to_cancel: list[str] = []
    left: list[tuple[str, str]] = []
    for case in registry.cases_of(citizen.cpr):
        reason = _case_verdict(case, citizen.cpr, as_of)
        if reason == "cancel":
            to_cancel.append(case.case_id)
        elif reason:
            left.append((case.case_id, reason))
    warnings = (
        ("Historikken har ændringer uden tidspunkt tæt på as_of; kontrollér resultatet.",)
        if found.uncertain
        else ()
    )
    diff = RestoreDiff(
        cpr=citizen.cpr,
        as_of=as_of,
        groups_now=tuple(asdict(m) for m in current.groups),
        groups_restored=tuple(asdict(m) for m in found.state.groups),
        listings_now=tuple(asdict(item) for item in current.listings),
        listings_restored=tuple(asdict(item) for item in found.state.listings),
        card_opt_out_now=current.card_opt_out,
        card_opt_out_restored=found.state.card_opt_out,
        cases_to_cancel=tuple(to_cancel),
        cases_left=tuple(left),
        warnings=warnings,
    )
    return diff, found.state


def _case_verdict(case: Case, cpr: str, as_of: datetime) -> str:
    """Say "cancel", or why the case is left alone, or "" when the restore does not touch it."""
    if case.case_type is CaseType.DATA_RESTORE:
        return ""
    if case.created_at > as_of:
        if case.is_open and case.main_cpr == cpr and not case.involved:
            return "cancel"
        if case.is_open:
            return LEFT_OTHERS
        if case.status is CaseStatus.COMPLETED:
            return LEFT_COMPLETED
        return ""
    closed_after = any(
        at > as_of and status not in OPEN_CASE_STATUSES for at, status in case.history
    )
    if not case.is_open and closed_after:
        return LEFT_CLOSED
    return ""


def _apply(
    command: RestoreCitizenData,
    uow: UnitOfWork,
    citizen: Citizen,
    diff: RestoreDiff,
    target: RegistrationState,
) -> RestoreResult:
    now = uow.now()
    case = build_case(
        uow,
        DataRestoreDetails(as_of=command.as_of, restored=diff.to_dict()),
        main_cpr=citizen.cpr,
        municipality_code=citizen.municipality_code,
        status=CaseStatus.CREATED,
        actor=command.actor,
        effective_date=uow.today(),
    )
    register_case(uow, case, announce=False)  # announced once the restore is done
    uow.registry.restore_registrations(citizen, target, now)
    for case_id in diff.cases_to_cancel:
        # the registration was never confirmed; sending it now would undo the restore in LUNA
        uow.outbox.withdraw(case_id)
        uow.registry.move_case(uow.case(case_id), CaseStatus.CANCELLED, now)
    uow.registry.move_case(case, CaseStatus.COMPLETED, now)
    uow.emit(CaseCreated(case.case_id, case.case_type.value, case.municipality_code, citizen.cpr))
    uow.emit(
        CitizenDataRestored(
            case.case_id, citizen.cpr, command.as_of.isoformat(), diff.cases_to_cancel
        )
    )
    return RestoreResult(diff, True, case.case_id, diff.cases_to_cancel)


def _area(now: tuple[dict[str, Any], ...], restored: tuple[dict[str, Any], ...]) -> dict[str, Any]:
    return {
        "changed": now != restored,
        "now": [_plain(item) for item in now],
        "restored": [_plain(item) for item in restored],
    }


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value.isoformat() if hasattr(value, "isoformat") else value
        for key, value in item.items()
    }
