"""Flytning fra Grønland (SPEC 3.9, release 1.1 item 7): the pending choice and CPR's move.

`choose_gp_for_greenland_move` (self-service or case worker): a person registered in Greenland
(CPR status 05/07) picks the moving-in municipality, the address there and a doctor. The case is
created in that municipality as a pending "Lægevalg" combined with a change to group 1
(``Awaiting.CPR_MOVE_FROM_GREENLAND``). The person may be new to Sygesikring:
then the citizen is created from CPR's data (status 05, the Greenland address). A newer choice
cancels an older pending one.

`register_move_from_greenland` (CPR's event, status 05/07 -> 01):
- the address is CPR's new one, the status 01, ``moved_in_on`` the move date;
- with the address the citizen gave: the choice is approved automatically - group 1 and the
  listing from the move date, one ``gp_listing`` registration carrying the group;
- with another address: the choice is cancelled, the change to group 1 still goes through as a
  "Gruppeskift" case registered in LUNA, and "Manglende lægevalg" is opened;
- without any pending choice: the same as a wrong address, without the cancellation.

The GP choice is decided with the ordinary rule (`decide_gp_choice`) at the moving-in address,
as group 1, as a choice ahead of a move (SPEC 3.9 step 4 "otherwise identical to a move between
two Danish municipalities"): the closed-practice exceptions are looked for there, a declared
samlever counting only when registered at the moving-in address.
"""

from __future__ import annotations

from sandbox.domain.case_details import ChoiceMove, GpChoiceDetails, PersonChoice
from sandbox.domain.decisions import Decision
from sandbox.domain.errors import InvalidInput, RuleRefused, UnknownCitizen
from sandbox.domain.model import (
    Actor,
    Awaiting,
    Case,
    CaseStatus,
    Citizen,
    Role,
    role_not_allowed,
)
from sandbox.domain.rules.gp_choice import DOCTOR_ACCEPTANCE
from sandbox.domain.rules.groups import MOVE_FROM_GREENLAND, decide_automatic_group
from sandbox.domain.rules.moves import decide_greenland_address
from sandbox.service.case_factory import cancel_case, new_case
from sandbox.service.commands import ChooseGpForGreenlandMove
from sandbox.service.cpr_commands import RegisterMoveFromGreenland
from sandbox.service.cpr_records import citizen_from_record
from sandbox.service.events import CitizenMoved
from sandbox.service.handlers.gp_choice_facts import decide_for
from sandbox.service.handlers.groups import apply_group_change
from sandbox.service.handlers.pending_choices import approve_pending_choice, pending_choices
from sandbox.service.unit_of_work import UnitOfWork

GREENLAND_STATUSES = frozenset({"05", "07"})
ALLOWED_ROLES = frozenset(
    {Role.CITIZEN, Role.CASE_WORKER, Role.CASE_WORKER_SPECIAL, Role.MUNICIPAL_ADMIN, Role.SYSTEM}
)


def choose_gp_for_greenland_move(command: ChooseGpForGreenlandMove, uow: UnitOfWork) -> Case:
    """A pending GP choice, combined with group 1, in the moving-in municipality."""
    _check_actor(command)
    municipality = uow.geography.municipality(command.municipality_code)
    if command.address.municipality_code != municipality.code:
        raise InvalidInput(
            field="address",
            reason_da=f"adressen ligger ikke i {municipality.name} ({municipality.code})",
            reason_en=f"the address is not in {municipality.name} ({municipality.code})",
        )
    practice = uow.practice(command.ydernummer)
    citizen = _greenlander(uow, command.cpr)
    today = uow.today()
    on = max(today, command.expected_move_date) if command.expected_move_date else today
    decision = decide_for(
        uow,
        citizen,
        practice,
        on,
        home=command.address,
        change_to_group_1=True,
        ahead_of_move=True,
    )
    uow.decided(f"ChooseGpForGreenlandMove {citizen.cpr} -> {practice.ydernummer}", decision)
    if not decision.allowed:
        raise RuleRefused(decision)
    group = decide_automatic_group(1, on, MOVE_FROM_GREENLAND, uow.parameters)
    uow.decided(f"ChooseGpForGreenlandMove {citizen.cpr}: group 1", group)
    if not uow.registry.has_citizen(citizen.cpr):
        uow.registry.add_citizen(citizen)
    for older in pending_choices(uow, citizen, Awaiting.CPR_MOVE_FROM_GREENLAND):
        cancel_case(uow, older, "REPLACED_BY_NEWER_CHOICE")
    details = GpChoiceDetails(
        awaiting=Awaiting.CPR_MOVE_FROM_GREENLAND,
        move=ChoiceMove(
            from_greenland=True,
            reason=MOVE_FROM_GREENLAND,
            expected_address_key=command.address.key,
            expected_address=command.address.text,
        ),
        change_to_group_1=True,
        ydernummer=practice.ydernummer,
        practice_name=practice.name,
        persons=PersonChoice(citizen.cpr, _basis(decision)),
        decision_codes=[*decision.codes, *group.codes],
        conditions=decision.conditions,
    )
    return new_case(
        uow,
        citizen,
        CaseStatus.PENDING,
        command.actor,
        command.expected_move_date,
        details,
        municipality_code=municipality.code,
    )


def _check_actor(command: ChooseGpForGreenlandMove) -> None:
    actor = command.actor
    if actor.role not in ALLOWED_ROLES or (
        actor.role is Role.CITIZEN and actor.user_id != command.cpr
    ):
        raise role_not_allowed(
            actor.role,
            ALLOWED_ROLES,
            "vælge læge ved flytning fra Grønland for en anden borger",
            "choose a GP on a move from Greenland for another citizen",
        )


def _greenlander(uow: UnitOfWork, cpr: str) -> Citizen:
    """The citizen (from the registry, else from CPR), who must live in Greenland now."""
    record = uow.cpr.person(cpr) if uow.cpr is not None else None
    citizen = uow.registry.find_citizen(cpr)
    if citizen is None:
        if record is None:
            raise UnknownCitizen(cpr=cpr)
        citizen = citizen_from_record(record, uow.geography)
    status = record.status if record is not None else citizen.status
    if status not in GREENLAND_STATUSES:
        raise InvalidInput(
            field="cpr",
            reason_da=f"{cpr} er ikke registreret i Grønland i CPR (status {status})",
            reason_en=f"{cpr} is not registered in Greenland in CPR (status {status})",
        )
    return citizen


def register_move_from_greenland(event: RegisterMoveFromGreenland, uow: UnitOfWork) -> bool:
    """CPR's move from Greenland: approve the pending choice, or group 1 and missing choice."""
    citizen = uow.registry.find_citizen(event.cpr)
    if citizen is None:
        record = uow.cpr.person(event.cpr) if uow.cpr is not None else None
        if record is None or record.address is None:
            return False
        citizen = citizen_from_record(record, uow.geography)
    address = event.address
    on = event.on
    pending = pending_choices(uow, citizen, Awaiting.CPR_MOVE_FROM_GREENLAND)
    latest = pending[-1] if pending else None
    matches = None
    if latest is not None:
        expected = latest.details_as(GpChoiceDetails)
        matches = decide_greenland_address(
            str(expected.expected_address_key),
            expected.expected_address or "",
            address.key,
            address.text,
        )
        uow.decided(f"Flytning fra Grønland {citizen.cpr}", matches)
    group = decide_automatic_group(1, on, MOVE_FROM_GREENLAND, uow.parameters)
    uow.decided(f"Flytning fra Grønland {citizen.cpr}: group 1", group)
    if not uow.registry.has_citizen(citizen.cpr):
        uow.registry.add_citizen(citizen)
    from_municipality = citizen.municipality_code
    uow.registry.move_citizen(citizen, address)
    uow.registry.before_change(citizen, "status", "moved_in_on", "moved_from_municipality")
    citizen.status = "01"
    citizen.moved_in_on = on
    citizen.moved_from_municipality = from_municipality
    for older in pending[:-1]:
        cancel_case(uow, older, "REPLACED_BY_NEWER_CHOICE")
    if latest is not None and matches is not None and matches.allowed:
        uow.registry.before_change(latest, "effective_date")
        uow.registry.before_details_change(latest)
        latest.effective_date = on  # the listing starts with the move, as the group does
        if DOCTOR_ACCEPTANCE in latest.details_as(GpChoiceDetails).conditions:
            # The doctor must still accept: the dispensation flow takes the choice on. The move
            # itself makes the citizen a resident in group 1 now, with a Manglende lægevalg case
            # until the doctor answers (found by the simulator's one-group invariant).
            latest.wait_for(Awaiting.DOCTOR_ACCEPTANCE)
            latest.details_as(GpChoiceDetails).approved_on = on
            apply_group_change(
                uow,
                citizen,
                1,
                on,
                Actor.system(),
                MOVE_FROM_GREENLAND,
                group,
                missing_reason="AWAITING_DOCTOR_ACCEPTANCE",
            )
            uow.emit(CitizenMoved(citizen.cpr, on, from_municipality, citizen.municipality_code))
            return True
        approve_pending_choice(uow, latest, on)
        membership = citizen.group_on(on)
        if membership is not None and membership.case_id == latest.case_id:
            membership.reason = MOVE_FROM_GREENLAND  # the exemption the change relies on
    else:
        if latest is not None:
            cancel_case(uow, latest, "ADDRESS_MISMATCH")
        apply_group_change(
            uow,
            citizen,
            1,
            on,
            Actor.system(),
            MOVE_FROM_GREENLAND,
            group,
            missing_reason="GREENLAND_ADDRESS_MISMATCH" if latest else MOVE_FROM_GREENLAND,
            cancelled_case_id=latest.case_id if latest else None,
        )
    uow.emit(CitizenMoved(citizen.cpr, on, from_municipality, citizen.municipality_code))
    return True


def _basis(decision: Decision) -> str:
    """How the listing is grounded: an exception's code, a dispensation, or an open practice."""
    if DOCTOR_ACCEPTANCE in decision.conditions:
        return "DISPENSATION"
    exception = next(
        (r.code for r in decision.reasons if r.rule_id.startswith("closed_doctor.")), None
    )
    return f"EXCEPTION:{exception}" if exception else "OPEN"
