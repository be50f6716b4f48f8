"""Who may send which command, and where: the one authorization of the service.

The bus calls `authorize` for every command - and every part of one - before its handler runs,
whoever sends it: the API, a test in process, the simulator, the explorer. So a case worker
of Aarhus is refused a citizen of Odense by the service itself, not only by the API.

Two checks, in this order:

1. The role (`PERMISSIONS`): the roles that may send a command of this type at all. A command
   not in the table is open to every role as far as this module goes; its rules decide who may
   do what with reasons (a group change's who-may-change, a card order by a parent, a GP
   choice's date windows), so they stay rules with decisions, not access control.
2. The municipality (`municipality_of`): a role bound to a municipality (case workers, the
   municipal administrator) acts only in its own - the municipality of the command's citizen,
   case, practice or practice event, or the moving-in municipality of a choice made ahead of a
   move. The system, operators and citizens are bound to none. What the command names but
   the world does not know is left to the handler (an unknown citizen is 404, not 403).

A refusal is a `RoleNotAllowed` (or, for practice data, `PracticeEventNotAllowed`) or a
`WrongMunicipality`, all ``forbidden`` (HTTP 403), raised after the journals saw the command:
the revisionslog keeps the attempt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sandbox.domain.errors import SandboxError, UnknownCase, UnknownCitizen, UnknownPractice
from sandbox.domain.model import Actor, Role, role_not_allowed
from sandbox.domain.practice_events import PracticeEventNotAllowed
from sandbox.service import commands
from sandbox.service.unit_of_work import UnitOfWork

CASE_WORKERS = frozenset({Role.CASE_WORKER, Role.CASE_WORKER_SPECIAL})
MUNICIPAL_STAFF = CASE_WORKERS | {Role.MUNICIPAL_ADMIN}
BACKGROUND = frozenset({Role.SYSTEM, Role.OPERATOR})  # the system's jobs, or an operator's run
PRACTICE_DATA = frozenset({Role.SYSTEM}) | MUNICIPAL_STAFF  # the region (from LUNA) and staff


class WrongMunicipality(SandboxError):
    """Forkert kommune - a municipal role acting outside its own municipality."""

    code = "WRONG_MUNICIPALITY"
    kind = "forbidden"
    da = (
        "Sagsbehandlere i kommune {actor_municipality} kan ikke behandle sager "
        "i kommune {municipality}."
    )
    en = (
        "Case workers of municipality {actor_municipality} cannot handle "
        "municipality {municipality}."
    )


@dataclass(frozen=True, slots=True)
class Permission:
    """Tilladelse - the roles that may send a command, and what the refusal says they tried."""

    roles: frozenset[Role]
    action_da: str = ""
    action_en: str = ""
    practice_data: bool = False  # refused as PracticeEventNotAllowed (the region's data)

    def refusal(self, actor: Actor) -> SandboxError:
        if self.practice_data:
            return PracticeEventNotAllowed(role=str(actor.role))
        return role_not_allowed(actor.role, self.roles, self.action_da, self.action_en)


def _data(roles: frozenset[Role]) -> Permission:
    return Permission(roles, practice_data=True)


PERMISSIONS: dict[type[commands.Command], Permission] = {
    commands.RestoreCitizenData: Permission(
        frozenset({Role.OPERATOR}), "genoprette data", "restore data"
    ),
    commands.ProcessDailyWork: Permission(
        BACKGROUND, "køre det daglige arbejde", "run the daily work"
    ),
    commands.ProcessPracticeEventDeadlines: _data(BACKGROUND),
    commands.RegisterPracticeEvent: _data(PRACTICE_DATA),
    commands.CancelPracticeEvent: _data(PRACTICE_DATA),
    commands.MovePracticeEvent: _data(PRACTICE_DATA),
    commands.ChangePracticeStatus: _data(PRACTICE_DATA),
    commands.ChangePracticeCapacity: _data(PRACTICE_DATA),
    # the doctor's answer: from the region (the system) or a case worker on the doctor's word
    commands.AcceptDispensation: Permission(
        CASE_WORKERS | {Role.SYSTEM}, "acceptere dispensation", "accept a dispensation"
    ),
    commands.RejectDispensation: Permission(
        CASE_WORKERS | {Role.SYSTEM}, "afvise dispensation", "reject a dispensation"
    ),
    commands.RegisterDormantInsurance: Permission(
        MUNICIPAL_STAFF, "registrere hvilende sikring", "register dormant insurance"
    ),
    commands.EndDormantInsurance: Permission(
        MUNICIPAL_STAFF,
        "registrere tilbagevenden fra hvilende sikring",
        "register a return",
    ),
    commands.ExtendFreeChoice: Permission(
        CASE_WORKERS, "forlænge gratisperioden", "extend the free period"
    ),
    commands.ForceTransferToGroup1: Permission(
        MUNICIPAL_STAFF,
        "overflytte en borger til gruppe 1 uden samtykke",
        "transfer a citizen to group 1 without consent",
    ),
}


def authorize(command: commands.Command, uow: UnitOfWork) -> None:
    """Refuse the command if its actor's role may not send it, or acts outside its
    municipality; else nothing."""
    actor = command.actor
    permission = PERMISSIONS.get(type(command))
    if permission is not None and actor.role not in permission.roles:
        raise permission.refusal(actor)
    if actor.municipality_code is not None:
        where = municipality_of(command, uow)
        if where is not None:
            same_municipality(actor, where)


def same_municipality(actor: Actor, municipality_code: str) -> None:
    """A municipal role may only act in its own municipality (`WrongMunicipality` otherwise)."""
    if actor.municipality_code is not None and actor.municipality_code != municipality_code:
        raise WrongMunicipality(
            actor_municipality=actor.municipality_code, municipality=municipality_code
        )


def municipality_of(command: commands.Command, uow: UnitOfWork) -> str | None:
    """The municipality a command acts in; None when it names none the world knows."""
    where = _WHERE.get(type(command), _of_citizen)
    try:
        return where(command, uow)
    except (UnknownCitizen, UnknownCase, UnknownPractice):
        return None  # the handler says what is unknown


def _of_citizen(command: commands.Command, uow: UnitOfWork) -> str | None:
    cpr = getattr(command, "cpr", None)
    return uow.citizen(cpr).municipality_code if isinstance(cpr, str) else None


def _of_choice(command: commands.Command, uow: UnitOfWork) -> str | None:
    assert isinstance(command, commands.ChooseGp)
    if command.moving_to is not None:  # ahead of a move: the moving-in municipality decides
        return command.moving_to.municipality_code
    return _of_citizen(command, uow)


def _of_greenland_move(command: commands.Command, uow: UnitOfWork) -> str | None:
    assert isinstance(command, commands.ChooseGpForGreenlandMove)
    return command.municipality_code  # the moving-in municipality


def _of_case(command: commands.Command, uow: UnitOfWork) -> str | None:
    assert isinstance(command, commands.AcceptDispensation | commands.RejectDispensation)
    return uow.case(command.case_id).municipality_code


def _of_practice(command: commands.Command, uow: UnitOfWork) -> str | None:
    assert isinstance(
        command,
        commands.RegisterPracticeEvent
        | commands.ChangePracticeStatus
        | commands.ChangePracticeCapacity,
    )
    return uow.practice(command.ydernummer).municipality_code


def _of_practice_event(command: commands.Command, uow: UnitOfWork) -> str | None:
    assert isinstance(command, commands.CancelPracticeEvent | commands.MovePracticeEvent)
    event = uow.registry.find_practice_event(command.event_id)
    return uow.practice(event.ydernummer).municipality_code if event is not None else None


def _nowhere(command: commands.Command, uow: UnitOfWork) -> str | None:
    return None


Where = Callable[[commands.Command, UnitOfWork], str | None]

# where a command acts, when not where its ``cpr`` lives (the default)
_WHERE: dict[type[commands.Command], Where] = {
    commands.ChooseGp: _of_choice,
    commands.ChooseGpForGreenlandMove: _of_greenland_move,
    commands.AcceptDispensation: _of_case,
    commands.RejectDispensation: _of_case,
    commands.RegisterPracticeEvent: _of_practice,
    commands.ChangePracticeStatus: _of_practice,
    commands.ChangePracticeCapacity: _of_practice,
    commands.CancelPracticeEvent: _of_practice_event,
    commands.MovePracticeEvent: _of_practice_event,
    # the administrator's extract is of their own municipality's entries by construction; an
    # operator's restore is bound to no municipality
    commands.ExtractAuditLog: _nowhere,
}
