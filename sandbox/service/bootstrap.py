"""bootstrap(): build a message bus with every handler wired in one visible table.

The tables below are the whole answer to "what does X do?": ``COMMAND_HANDLERS`` gives each
command its handler - CPR's feed entries too (`sandbox.service.cpr_commands`: a move is
`RegisterMove`, handled by `register_move`); ``EVENT_HANDLERS`` what each event then sets off
(the cards it orders, the letter it writes for which case types, the missing choice it ends);
``JOBS`` the system's own background jobs and which run every night. The bus authorizes every
command before its handler (`sandbox.service.authorization`). `tests/architecture/test_wiring.py`
checks that every command and event is wired and every handler function reachable.
"""

from __future__ import annotations

from collections.abc import Sequence

from sandbox.domain.geography import Geography, load_geography
from sandbox.domain.model import Actor, CaseType
from sandbox.domain.parameters import Parameters
from sandbox.parameters import default_parameters
from sandbox.service import commands, cpr_commands, events
from sandbox.service.audit import AuditJournal
from sandbox.service.bus import (
    CommandHandler,
    EventHandler,
    Journal,
    MessageBus,
    for_case_types,
)
from sandbox.service.handlers import card_triggers
from sandbox.service.handlers.annulment import register_annulment
from sandbox.service.handlers.audit_log import extract_audit_log
from sandbox.service.handlers.births import register_birth, register_naming
from sandbox.service.handlers.choose_gp import choose_gp
from sandbox.service.handlers.cpr_cases import resolve_missing_choice
from sandbox.service.handlers.cpr_events import consume_cpr_feed
from sandbox.service.handlers.custody import register_custody
from sandbox.service.handlers.daily_work import process_daily_work
from sandbox.service.handlers.dispensation import accept_dispensation, reject_dispensation
from sandbox.service.handlers.dormant import end_dormant, register_dormant
from sandbox.service.handlers.free_period_extension import extend_free_choice
from sandbox.service.handlers.greenland import (
    choose_gp_for_greenland_move,
    register_move_from_greenland,
)
from sandbox.service.handlers.group_change import change_group, force_transfer_to_group_1
from sandbox.service.handlers.immigration import register_immigration
from sandbox.service.handlers.insurance_end import register_insurance_end
from sandbox.service.handlers.letters import WriteLetter
from sandbox.service.handlers.moves import register_move
from sandbox.service.handlers.outbox import relay_outbox
from sandbox.service.handlers.person_data import register_civil_status, register_protection
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
from sandbox.service.handlers.renumbering import register_renumbering
from sandbox.service.handlers.restore import restore_citizen_data
from sandbox.service.handlers.samlever import declare_samlever
from sandbox.service.handlers.standalone_card import order_health_card
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
    # CPR's feed: ConsumeCprFeed sends each entry it reads as one of these (SPEC 5.6)
    cpr_commands.RegisterBirth: register_birth,
    cpr_commands.RegisterNaming: register_naming,
    cpr_commands.RegisterMove: register_move,
    cpr_commands.RegisterMoveFromGreenland: register_move_from_greenland,
    cpr_commands.RegisterImmigration: register_immigration,
    cpr_commands.RegisterReappearance: register_immigration,  # found again: a move-in too
    cpr_commands.RegisterEmigration: register_insurance_end,
    cpr_commands.RegisterMoveToGreenland: register_insurance_end,
    cpr_commands.RegisterDeath: register_insurance_end,
    cpr_commands.RegisterDisappearance: register_insurance_end,
    cpr_commands.RegisterRenumbering: register_renumbering,
    cpr_commands.RegisterAnnulment: register_annulment,
    cpr_commands.RegisterCivilStatus: register_civil_status,
    cpr_commands.RegisterProtection: register_protection,
    cpr_commands.RegisterCustody: register_custody,
}

# the system's own background jobs, by name, each a command the system sends (`Actor.system`),
# and the daily ones, in the order they run at every midnight (sandbox.api.jobs)
JOBS: dict[str, type[commands.Command]] = {
    "relay-outbox": commands.RelayOutbox,
    "consume-cpr-feed": commands.ConsumeCprFeed,
    "practice-event-deadlines": commands.ProcessPracticeEventDeadlines,
    "daily-work": commands.ProcessDailyWork,
}
DAILY_JOBS = ("consume-cpr-feed", "practice-event-deadlines", "daily-work")

# what each event does: the cards it orders (card_triggers, SPEC 6.2), the letter it writes for
# which case types (what a letter says: sandbox.service.letters.contexts.LETTERS), what it ends.
# A handler wired for some case types only (`for_case_types`, `WriteLetter`) is not called for an
# event about a case of another type: the bus routes a case's events by its type
EVENT_HANDLERS: dict[type[events.Event], list[EventHandler]] = {
    # cards first: a case's letter tells about the cards its completion ordered; only a GP
    # choice or group change approved after being pending orders cards when it completes
    events.CaseCompleted: [
        for_case_types(card_triggers.on_case_completed, CaseType.GP_CHOICE, CaseType.GROUP_CHANGE),
        WriteLetter(
            CaseType.GP_CHOICE,
            CaseType.GROUP_CHANGE,
            CaseType.RENUMBERING,
            CaseType.CARD_ORDER,
        ),
    ],
    # a case that asks the citizen to act gets its letter at once
    events.CaseCreated: [WriteLetter(CaseType.MISSING_GP_CHOICE)],
    events.GpChosen: [card_triggers.on_gp_chosen, resolve_missing_choice],
    events.GroupChanged: [card_triggers.on_group_changed],
    events.CitizenMoved: [card_triggers.on_citizen_moved],  # a free card: MOVE or MOVE_IN
    events.CitizenNamed: [card_triggers.on_citizen_named],  # the child's first card
    events.CitizenRenumbered: [card_triggers.on_citizen_renumbered],  # the new number's card
}

# events no handler acts on: facts for the journals (the replay log, the reports, the API's
# answers, the simulator's invariants) - listed, so a new event is wired or said to be one of these
JOURNAL_ONLY_EVENTS: frozenset[type[events.Event]] = frozenset(
    {
        events.CaseRegisteredInLuna,
        events.LunaAttemptFailed,
        events.LetterWritten,
        events.PracticeEventRegistered,
        events.PracticeEventCancelled,
        events.PracticeEventMoved,
        events.PracticeEventWoundUp,
        events.PracticeStatusChanged,
        events.HealthCardOrdered,
        events.AuditLogExtracted,
        events.CitizenDataRestored,
        events.DoctorAcceptanceRequested,
        events.DispensationAccepted,
        events.GpChoiceCancelled,
        events.SamleverDeclared,
        events.InsuranceEnded,
    }
)


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
