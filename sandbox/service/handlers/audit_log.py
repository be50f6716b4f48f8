"""Handler for ExtractAuditLog: a municipal administrator's extract of the revisionslog.

Only `Role.MUNICIPAL_ADMIN` may extract, and only entries of their own municipality (entries
are stamped with the acting case worker's municipality). The period is decided by the pure rule
`sandbox.domain.rules.audit_log`. The output has Danish column headings, as CSV (``;``
separated, the Danish spreadsheet convention) and as JSON. The extraction itself is audited:
the bus's `AuditJournal` logs the command (as a read) before this handler runs.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date

from sandbox.domain.errors import RuleRefused
from sandbox.domain.model import ROLE_DA, AuditEntry, Role, role_not_allowed
from sandbox.domain.rules.audit_log import AuditExtractFacts, decide_audit_extract
from sandbox.service.commands import ExtractAuditLog
from sandbox.service.events import AuditLogExtracted
from sandbox.service.unit_of_work import UnitOfWork

COLUMNS = ("løbenummer", "tidspunkt", "bruger", "rolle", "kommune", "art", "handling", "cpr")


KIND_DA = {"read": "læsning", "write": "ændring"}


@dataclass(frozen=True, slots=True)
class AuditExtract:
    """Revisionslogudtræk - the rows of an extract, with the same rows as CSV and as JSON."""

    municipality_code: str
    period_from: date
    period_to: date
    case_worker_id: str | None
    rows: tuple[dict[str, str], ...]
    csv: str
    json: str


def extract_audit_log(command: ExtractAuditLog, uow: UnitOfWork) -> AuditExtract:
    """Refuse a non-administrator or a period outside the bounds; otherwise extract."""
    actor = command.actor
    if actor.role is not Role.MUNICIPAL_ADMIN or actor.municipality_code is None:
        raise role_not_allowed(
            actor.role,
            (Role.MUNICIPAL_ADMIN,),
            "udtrække revisionsloggen",
            "extract the audit log",
        )
    facts = AuditExtractFacts(uow.today(), command.period_from, command.period_to)
    decision = decide_audit_extract(facts, uow.parameters)
    uow.decided(f"ExtractAuditLog {actor.municipality_code} {actor.user_id}", decision)
    if not decision.allowed:
        raise RuleRefused(decision)
    entries = [
        entry
        for entry in uow.registry.audit_log()
        if entry.municipality_code == actor.municipality_code
        and command.period_from <= entry.at.date() <= command.period_to
        and (command.case_worker_id is None or entry.user_id == command.case_worker_id)
    ]
    rows = tuple(_row(entry) for entry in entries)
    extract = AuditExtract(
        actor.municipality_code,
        command.period_from,
        command.period_to,
        command.case_worker_id,
        rows,
        _as_csv(rows),
        _as_json(actor.municipality_code, command, rows, uow),
    )
    uow.emit(
        AuditLogExtracted(
            actor.municipality_code,
            actor.user_id,
            command.period_from,
            command.period_to,
            len(rows),
        )
    )
    return extract


def _row(entry: AuditEntry) -> dict[str, str]:
    kind, _, action = entry.action.partition(":")
    return {
        "løbenummer": entry.entry_id,
        "tidspunkt": entry.at.isoformat(timespec="seconds"),
        "bruger": entry.user_id,
        "rolle": ROLE_DA.get(entry.role, entry.role.value),
        "kommune": entry.municipality_code or "",
        "art": KIND_DA.get(kind, kind),
        "handling": action or kind,
        "cpr": entry.cpr or "",
    }


def _as_csv(rows: tuple[dict[str, str], ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=";", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _as_json(
    municipality: str, command: ExtractAuditLog, rows: tuple[dict[str, str], ...], uow: UnitOfWork
) -> str:
    document = {
        "kommune": municipality,
        "periode_fra": command.period_from.isoformat(),
        "periode_til": command.period_to.isoformat(),
        "sagsbehandler": command.case_worker_id,
        "udtrukket_af": command.actor.user_id,
        "udtrukket": uow.now().isoformat(timespec="seconds"),
        "antal": len(rows),
        "poster": list(rows),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
