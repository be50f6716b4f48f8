"""The audit log (revisionslog, SPEC 7.6): record case workers' reads and writes of citizen data.

Who counts as a case worker here: every role that works *inside* the system on citizens'
behalf - ``CASE_WORKER``, ``CASE_WORKER_SPECIAL``, ``MUNICIPAL_ADMIN`` and ``OPERATOR``
(Service Desk staff restoring data must be as accountable as a case worker). Citizens acting in
self-service and the system's own background jobs are not audited: the log exists to detect
misuse by staff, and a citizen reading their own data is not misuse.

``record_read`` is called by the case-worker views; ``record_write`` by ``AuditJournal``, a bus
journal that records every command a case worker sends, so no handler has to remember it
(as a read for the commands that change nothing: an extract, a dry run).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.domain.decisions import Decision
from sandbox.domain.errors import SandboxError
from sandbox.domain.model import Actor, AuditEntry, Role

if TYPE_CHECKING:
    from sandbox.service.commands import Command
    from sandbox.service.events import Event
    from sandbox.service.unit_of_work import UnitOfWork

AUDITED_ROLES = frozenset(
    {Role.CASE_WORKER, Role.CASE_WORKER_SPECIAL, Role.MUNICIPAL_ADMIN, Role.OPERATOR}
)

READ = "read"
WRITE = "write"

# commands that only read citizen data (or the log itself); a dry run reads too
READ_ONLY_COMMANDS = frozenset({"ExtractAuditLog"})


def is_audited(actor: Actor) -> bool:
    """True if this actor's use of the system goes into the revisionslog."""
    return actor.role in AUDITED_ROLES


def _append(uow: UnitOfWork, actor: Actor, action: str, cpr: str | None) -> AuditEntry | None:
    if not is_audited(actor):
        return None
    municipality = actor.municipality_code
    if municipality is None and cpr is not None:
        # the operator (a data restore) has no municipality: the entry belongs to the citizen's,
        # so that municipality's administrator sees it in an extract (issue 15, item 9)
        citizen = uow.registry.find_citizen(cpr)
        municipality = citizen.municipality_code if citizen is not None else None
    entry = AuditEntry(
        entry_id=uow.ids.next("A"),
        user_id=actor.user_id,
        role=actor.role,
        municipality_code=municipality,
        action=action,
        cpr=cpr,
        at=uow.now(),
    )
    uow.registry.add_audit(entry)
    return entry


def record_read(uow: UnitOfWork, actor: Actor, action: str, cpr: str | None) -> None:
    """Log that ``actor`` looked at ``cpr``'s data through ``action`` (e.g. "citizen_overview").

    A no-op for citizens and the system. The action is stored as ``read:<action>``.
    """
    _append(uow, actor, f"{READ}:{action}", cpr)


def record_write(uow: UnitOfWork, actor: Actor, action: str, cpr: str | None) -> None:
    """Log that ``actor`` changed (or asked to change) ``cpr``'s data through ``action``.

    Stored as ``write:<action>``; a no-op for citizens and the system.
    """
    _append(uow, actor, f"{WRITE}:{action}", cpr)


def command_cpr(command: Command) -> str | None:
    """The citizen a command is about: its ``cpr`` field when it has one."""
    value = getattr(command, "cpr", None)
    return value if isinstance(value, str) else None


class AuditJournal:
    """Revisionslog-journal - a bus journal that audits every command a case worker sends.

    The command is recorded when it is sent, before its handler runs, so a refused command is
    logged too: the attempt is what an auditor needs to see.
    """

    def command(self, command: Command, uow: UnitOfWork) -> None:
        if command.actor.role not in AUDITED_ROLES:
            return  # a citizen or the system (most commands): nothing to name or look at
        name = type(command).__name__
        if name in READ_ONLY_COMMANDS or getattr(command, "dry_run", False) is True:
            record_read(uow, command.actor, name, command_cpr(command))
        else:
            record_write(uow, command.actor, name, command_cpr(command))

    # the bus shows it no event and no decision (`sandbox.service.bus.Journal`)
    sees_events = sees_decisions = False

    def event(self, event: Event, uow: UnitOfWork) -> None:
        return None

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        return None

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None:
        return None
