"""bootstrap(): build a message bus with every handler wired in one visible table."""

from __future__ import annotations

from collections.abc import Sequence

from sandbox.domain.geography import Geography, load_geography
from sandbox.domain.model import Actor
from sandbox.domain.parameters import Parameters
from sandbox.domain.registry import Registry
from sandbox.parameters import default_parameters
from sandbox.service import commands, events
from sandbox.service.bus import CommandHandler, EventHandler, Journal, MessageBus
from sandbox.service.handlers.gp_choice import choose_gp
from sandbox.service.handlers.letters import write_case_letter
from sandbox.service.handlers.outbox import relay_outbox
from sandbox.service.ports import BorgerDkPort, Clock, CprPort, LetterDelivery, LunaPort
from sandbox.service.unit_of_work import UnitOfWork

COMMAND_HANDLERS: dict[type[commands.Command], CommandHandler] = {
    commands.ChooseGp: choose_gp,
    commands.RelayOutbox: relay_outbox,
}

EVENT_HANDLERS: dict[type[events.Event], list[EventHandler]] = {
    events.CaseCompleted: [write_case_letter],
}


def bootstrap(
    *,
    clock: Clock,
    luna: LunaPort,
    cpr: CprPort | None = None,
    borger_dk: BorgerDkPort | None = None,
    post: LetterDelivery | None = None,
    registry: Registry | None = None,
    parameters: Parameters | None = None,
    geography: Geography | None = None,
    journals: Sequence[Journal] = (),
    relay_after_each_command: bool = True,
) -> MessageBus:
    """A ready bus. With ``relay_after_each_command`` the outbox is sent after every command
    (tests, API); the simulator turns it off and relays from its own process, with latency."""
    uow = UnitOfWork(
        registry=registry if registry is not None else Registry(),
        parameters=parameters if parameters is not None else default_parameters(),
        geography=geography if geography is not None else load_geography(),
        clock=clock,
        luna=luna,
        cpr=cpr,
        borger_dk=borger_dk,
        post=post,
    )
    after = (commands.RelayOutbox(Actor.system()),) if relay_after_each_command else ()
    return MessageBus(uow, COMMAND_HANDLERS, EVENT_HANDLERS, journals, after)
