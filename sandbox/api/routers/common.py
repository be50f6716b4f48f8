"""What the Sygesikring routers share: CPR numbers at the edge, municipality checks, sending a
command, and previewing a GP choice without changing anything."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Path

from sandbox.api.deps import same_municipality
from sandbox.api.schemas import (
    CPR_PATTERN,
    AheadOfMoveIn,
    CaseOut,
    GpChoiceIn,
    GpChoicePreviewOut,
    GreenlandMoveIn,
    MovingInAddressIn,
)
from sandbox.api.serialize import case_out
from sandbox.api.world import SandboxWorld
from sandbox.domain.cpr import Cpr
from sandbox.domain.errors import RuleRefused
from sandbox.domain.geography import Address, Coordinates
from sandbox.domain.model import Actor, Citizen
from sandbox.service.commands import ChooseGp, ChooseGpForGreenlandMove, Command
from sandbox.service.cpr_records import address_from_cpr
from sandbox.service.handlers.gp_choice import plan_choice

CprPath = Annotated[str, Path(pattern=CPR_PATTERN, examples=["120984-0000"])]
CaseIdPath = Annotated[str, Path(min_length=1, max_length=32, examples=["F00000001"])]


def cpr_digits(text: str) -> str:
    """The 10 digits of a CPR number from the edge (422 INVALID_CPR when it is not one)."""
    return Cpr.parse(text).digits


def send(world: SandboxWorld, command: Command) -> Any:
    return world.send(command)


def send_case(world: SandboxWorld, command: Command) -> CaseOut:
    """Send a command whose result is a case; the answer carries the decisions it made."""
    return case_out(world.send(command), world.trail.made)


def citizen_for(world: SandboxWorld, actor: Actor, cpr: str) -> Citizen:
    """The citizen a staff member acts on, if in their municipality (404 / 403 otherwise)."""
    citizen = world.uow.citizen(cpr_digits(cpr))
    same_municipality(actor, citizen.municipality_code)
    return citizen


def choose_command(actor: Actor, cpr: str, body: GpChoiceIn) -> ChooseGp:
    return ChooseGp(
        actor,
        cpr,
        body.ydernummer,
        body.effective_date,
        tuple(cpr_digits(child) for child in body.involved),
        body.change_to_group_1,
    )


def preview(world: SandboxWorld, command: ChooseGp) -> GpChoicePreviewOut:
    """Plan a GP choice with the real rules and report it; nothing changes (the decisions the
    planning recorded are dropped, so they never reach the journals)."""
    uow = world.uow
    try:
        plan = plan_choice(uow, command)
    except RuleRefused as refused:
        uow.collect_decisions()
        return GpChoicePreviewOut(
            allowed=False,
            needs_doctor_acceptance=False,
            effective_date=command.effective_date or uow.today(),
            fee_dkk=0,
            decisions={command.cpr: refused.decision.to_dict()},
            fees={},
        )
    uow.collect_decisions()
    return GpChoicePreviewOut(
        allowed=True,
        needs_doctor_acceptance=plan.needs_acceptance,
        effective_date=plan.on,
        fee_dkk=sum(fee.fee_dkk for fee in plan.fees.values()),
        decisions={cpr: decision.to_dict() for cpr, decision in plan.decisions.items()},
        fees={
            cpr: {"fee_dkk": fee.fee_dkk, "decision": fee.decision.to_dict()}
            for cpr, fee in plan.fees.items()
        },
    )


def address_key(address: MovingInAddressIn) -> str:
    """`Address.key` of a moving-in address (street, number, floor and postcode decide it)."""
    return Address(
        address.street,
        address.house_number,
        address.postcode,
        "",
        "",
        Coordinates(0.0, 0.0),
        floor=address.floor,
    ).key


def today_or(world: SandboxWorld, day: date | None) -> date:
    return day if day is not None else world.today()


def greenland_command(
    world: SandboxWorld, actor: Actor, cpr: str, body: GreenlandMoveIn
) -> ChooseGpForGreenlandMove:
    """The Greenland-move choice, with municipality codes written the system's way ("0787")."""
    geography = world.geography
    code = geography.municipality(body.municipality_code).code
    address = body.address.model_dump()
    address["municipality_code"] = geography.municipality(body.address.municipality_code).code
    return ChooseGpForGreenlandMove(
        actor,
        cpr,
        code,
        address_from_cpr(address, geography),
        body.ydernummer,
        body.expected_move_date,
    )


def ahead_of_move_command(
    world: SandboxWorld, actor: Actor, cpr: str, body: AheadOfMoveIn
) -> ChooseGp:
    """A GP choice ahead of a move to ``body.address`` (SPEC 3.8, 5.6), with the municipality
    code written the system's way ("0787")."""
    address = body.address.model_dump()
    address["municipality_code"] = world.geography.municipality(body.address.municipality_code).code
    return ChooseGp(
        actor,
        cpr,
        body.ydernummer,
        None,
        tuple(cpr_digits(child) for child in body.involved),
        moving_to=address_from_cpr(address, world.geography),
        expected_move_date=body.expected_move_date,
    )
