"""bootstrap(): build a message bus with every handler wired in one visible table."""

from __future__ import annotations

from collections.abc import Sequence

from sandbox.domain.geography import Geography, load_geography
from sandbox.domain.model import Actor
from sandbox.domain.parameters import Parameters
from sandbox.parameters import default_parameters
from sandbox.service import commands, events
from sandbox.service.audit import AuditJournal
from sandbox.service.bus import CommandHandler, EventHandler, Journal, MessageBus
from sandbox.service.handlers import card_triggers
from sandbox.service.handlers.audit_log import extract_audit_log
from sandbox.service.handlers.cards import order_health_card
from sandbox.service.handlers.cpr_cases import resolve_missing_choice
from sandbox.service.handlers.cpr_events import consume_cpr_feed
from sandbox.service.handlers.daily_work import process_daily_work
from sandbox.service.handlers.dispensation import accept_dispensation, reject_dispensation
from sandbox.service.handlers.dormant import end_dormant, register_dormant
from sandbox.service.handlers.free_period_extension import extend_free_choice
from sandbox.service.handlers.gp_choice import choose_gp
from sandbox.service.handlers.greenland import choose_gp_for_greenland_move
from sandbox.service.handlers.groups import change_group, force_transfer_to_group_1
from sandbox.service.handlers.letters import write_case_letter, write_letter_on_creation
from sandbox.service.handlers.outbox import relay_outbox
from sandbox.service.handlers.practice_event_deadlines import (
    change_practice_capacity,
    change_practice_status,
    process_practice_event_deadlines,
)
from sandbox.service.handlers.practice_events import (
    cancel_practice_event,
    move_practice_event,
    register_practice_event,
)
from sandbox.service.handlers.restore import restore_citizen_data
from sandbox.service.handlers.samlever import declare_samlever
from sandbox.service.ports import BorgerDkPort, Clock, CprPort, LetterDelivery, LunaPort
from sandbox.service.store import Store
from sandbox.service.unit_of_work import UnitOfWork

COMMAND_HANDLERS: dict[type[commands.Command], CommandHandler] = {
    commands.ChooseGp: choose_gp,
    commands.AcceptDispensation: accept_dispensation,
    commands.RejectDispensation: reject_dispensation,
    commands.DeclareSamlever: declare_samlever,
    commands.RelayOutbox: relay_outbox,
    commands.ExtractAuditLog: extract_audit_log,
    commands.RestoreCitizenData: restore_citizen_data,
    commands.RegisterPracticeEvent: register_practice_event,
    commands.CancelPracticeEvent: cancel_practice_event,
    commands.MovePracticeEvent: move_practice_event,
    commands.ProcessPracticeEventDeadlines: process_practice_event_deadlines,
    commands.ChangePracticeStatus: change_practice_status,
    commands.ChangePracticeCapacity: change_practice_capacity,
    commands.OrderHealthCard: order_health_card,
    commands.ChangeGroup: change_group,
    commands.ForceTransferToGroup1: force_transfer_to_group_1,
    commands.ConsumeCprFeed: consume_cpr_feed,
    commands.ChooseGpForGreenlandMove: choose_gp_for_greenland_move,
    commands.ProcessDailyWork: process_daily_work,
    commands.ExtendFreeChoice: extend_free_choice,
    # hvilende sikring (SPEC 2.1): a case worker registers the institution's report
    commands.RegisterDormantInsurance: register_dormant,
    commands.EndDormantInsurance: end_dormant,
}

EVENT_HANDLERS: dict[type[events.Event], list[EventHandler]] = {
    # cards first: a case's letter tells about the cards its completion ordered
    events.CaseCompleted: [card_triggers.on_case_completed, write_case_letter],
    events.CaseCreated: [write_letter_on_creation],
    events.GpChosen: [card_triggers.on_gp_chosen, resolve_missing_choice],
    events.GroupChanged: [card_triggers.on_group_changed],
    events.CitizenMoved: [card_triggers.on_citizen_moved],
    events.CitizenNamed: [card_triggers.on_citizen_named],
    events.CitizenRenumbered: [card_triggers.on_citizen_renumbered],
}


def bootstrap(
    *,
    clock: Clock,
    luna: LunaPort,
    cpr: CprPort | None = None,
    borger_dk: BorgerDkPort | None = None,
    post: LetterDelivery | None = None,
    registry: Store | None = None,
    parameters: Parameters | None = None,
    geography: Geography | None = None,
    journals: Sequence[Journal] = (),
    relay_after_each_command: bool = True,
) -> MessageBus:
    """A ready bus. With ``relay_after_each_command`` the outbox is sent after every command
    (tests, API); the simulator turns it off and relays from its own process, with latency."""
    uow = UnitOfWork(
        registry=registry if registry is not None else Store(),
        parameters=parameters if parameters is not None else default_parameters(),
        geography=geography if geography is not None else load_geography(),
        clock=clock,
        luna=luna,
        cpr=cpr,
        borger_dk=borger_dk,
        post=post,
    )
    after = (commands.RelayOutbox(Actor.system()),) if relay_after_each_command else ()
    # the revisionslog (SPEC 7.6) sees every command first, so a refused one is audited too
    audited: list[Journal] = [AuditJournal(), *journals]
    return MessageBus(uow, COMMAND_HANDLERS, EVENT_HANDLERS, audited, after)
