"""ConsumeCprFeed: apply CPR's event feed, in order, one handler per event kind (SPEC 5.6).

The registry keeps the sequence number of the last event applied
(``Registry.cpr_feed_sequence``); each run reads the events after it from the CPR port and hands
each to the handler of its kind:

=====================  =======================================================================
kind                   handler
=====================  =======================================================================
birth, naming          `sandbox.service.handlers.births`
move                   `sandbox.service.handlers.moves`
move_from_greenland    `sandbox.service.handlers.greenland`
immigration,           `sandbox.service.handlers.immigration`: from abroad or the Faroe Islands,
reappearance           or found after a disappearance (status 70 -> 01): as a move-in
renumbering            `sandbox.service.handlers.renumbering`
annulment              `sandbox.service.handlers.annulment`: a number annulled without a new one
emigration, death,     `on_insurance_end` here: the group and listing end on the event date,
move_to_greenland,     the status follows CPR, open cases of the person are cancelled, no card
disappearance          (a disappearance, status 70: only 01/03 give sygesikring, SPEC 5.4)
civil_status           `on_civil_status`: marriage (G/P) sets the spouse, divorce or widowhood
                       clears it
protection             `on_protection`: name and address protection on or off; on, it lapses
                       after its period (`lapse_protections`, run by the daily work)
custody                `sandbox.service.handlers.custody`: the custody holders; a child under
                       15 follows the new custody holder it lives with
=====================  =======================================================================

A handler returns False for an event that does not concern Sygesikring (an unknown person, an
event already applied); unknown kinds are skipped. An event the system cannot apply (broken
data: a typed `SandboxError`) is reported in the result's ``failed`` and skipped, so one bad
record does not stop the feed; handlers decide before they change anything, so it left no trace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sandbox.domain.danish import parse_iso_date
from sandbox.domain.errors import SandboxError
from sandbox.domain.model import CaseStatus, Citizen, CivilStatus
from sandbox.domain.rules import protection
from sandbox.domain.rules.cpr_events import decide_insurance_end
from sandbox.service.case_factory import cancel_case
from sandbox.service.commands import ConsumeCprFeed
from sandbox.service.cpr_records import FeedEvent, address_from_cpr
from sandbox.service.events import InsuranceEnded
from sandbox.service.handlers.annulment import on_annulment
from sandbox.service.handlers.births import on_birth, on_naming
from sandbox.service.handlers.custody import on_custody
from sandbox.service.handlers.greenland import on_move_from_greenland
from sandbox.service.handlers.immigration import on_immigration
from sandbox.service.handlers.listings import capture_history, replace_listing_from
from sandbox.service.handlers.moves import on_move
from sandbox.service.handlers.renumbering import on_renumbering
from sandbox.service.unit_of_work import UnitOfWork

FeedHandler = Callable[[UnitOfWork, FeedEvent], bool]


@dataclass(frozen=True, slots=True)
class CprFeedResult:
    """Resultat af CPR-læsning - events applied, skipped and failed, and where it stopped."""

    applied: int
    skipped: tuple[int, ...]
    failed: tuple[tuple[int, str], ...]
    last_sequence: int


def consume_cpr_feed(command: ConsumeCprFeed, uow: UnitOfWork) -> CprFeedResult:
    """Apply every CPR event after the last one applied, in sequence order."""
    registry = uow.registry
    if uow.cpr is None:
        return CprFeedResult(0, (), (), registry.cpr_feed_sequence)
    applied = 0
    skipped: list[int] = []
    failed: list[tuple[int, str]] = []
    for raw in uow.cpr.events_after(registry.cpr_feed_sequence):
        event = FeedEvent.from_dict(raw)
        handler = FEED_HANDLERS.get(event.kind)
        try:
            done = handler is not None and handler(uow, event)
        except SandboxError as error:
            failed.append((event.sequence, error.code))
            done = False
        else:
            if done:
                applied += 1
            else:
                skipped.append(event.sequence)
        registry.cpr_feed_sequence = event.sequence
    return CprFeedResult(applied, tuple(skipped), tuple(failed), registry.cpr_feed_sequence)


def on_insurance_end(uow: UnitOfWork, event: FeedEvent) -> bool:
    """Emigration (80), a move to Greenland (05), death (90) or disappearance (70): it ends."""
    citizen = uow.registry.citizens.get(event.cpr)
    if citizen is None:
        return False
    on = event.on
    raw_address = event.data.get("address")
    address = address_from_cpr(raw_address, uow.geography) if raw_address else None
    decision = decide_insurance_end(event.kind, on)
    uow.decided(f"Sikring ophører {citizen.cpr}", decision)
    now = uow.now()
    capture_history(uow.registry, citizen, now)
    kept = [membership for membership in citizen.groups if membership.valid_from < on]
    for membership in kept:
        if membership.valid_to is None or membership.valid_to > on:
            membership.valid_to = on
    citizen.groups = kept
    replace_listing_from(uow.registry, citizen, None, on, None, "INSURANCE_ENDED", at=now)
    citizen.status = str(event.data.get("status") or citizen.status)
    if event.kind == "death":
        citizen.civil_status = CivilStatus.DEAD
    if address is not None:
        uow.registry.move_citizen(citizen, address)
    for case in uow.registry.cases_of(citizen.cpr):
        if case.main_cpr == citizen.cpr and case.status is CaseStatus.PENDING:
            cancel_case(uow, case, "INSURANCE_ENDED")
    uow.emit(InsuranceEnded(citizen.cpr, on, event.kind))
    return True


def on_civil_status(uow: UnitOfWork, event: FeedEvent) -> bool:
    """Civilstand: the spouse relation follows CPR (G/P married, else none)."""
    citizen = uow.registry.citizens.get(event.cpr)
    if citizen is None:
        return False
    try:
        status = CivilStatus(str(event.data.get("civil_status")))
    except ValueError:
        return False
    married = status in (CivilStatus.MARRIED, CivilStatus.REGISTERED_PARTNER)
    spouse = event.data.get("spouse")
    if married and citizen.civil_status not in (
        CivilStatus.MARRIED,
        CivilStatus.REGISTERED_PARTNER,
    ):
        citizen.married_on = event.on  # the wedding day (a free card after a name change)
    citizen.civil_status = status
    citizen.spouse = str(spouse) if married and spouse else None
    return True


def on_protection(uow: UnitOfWork, event: FeedEvent) -> bool:
    """Navne- og adressebeskyttelse on (from the event's date, lapsing after its period unless
    CPR gives an end date ``until``) or off."""
    citizen = uow.registry.citizens.get(event.cpr)
    if citizen is None:
        return False
    protect(uow, citizen, bool(event.data.get("protected")), event.on, event.data.get("until"))
    return True


def protect(
    uow: UnitOfWork, citizen: Citizen, protected: bool, since: date, until: object = None
) -> None:
    """Protection on from ``since`` until CPR's end date or the end of its period; or off."""
    citizen.protected = protected
    if not protected:
        citizen.protected_since = citizen.protected_until = None
        return
    end = until if isinstance(until, date) else parse_iso_date(str(until)) if until else None
    citizen.protected_since = since
    citizen.protected_until = protection.lapses_on(since, uow.parameters, end)
    if citizen.protected_until is not None:
        uow.registry.protection_ends[citizen.cpr] = None


def lapse_protections(uow: UnitOfWork, today: date) -> tuple[str, ...]:
    """Lift every protection whose period has run out by ``today`` (SPEC 5.7)."""
    lapsed: list[str] = []
    watch = uow.registry.protection_ends
    for cpr in list(watch):
        citizen = uow.registry.citizens.get(cpr)
        since = citizen.protected_since if citizen else None
        until = citizen.protected_until if citizen else None
        if citizen is None or not citizen.protected or since is None or until is None:
            del watch[cpr]  # lifted by CPR, renumbered away, or no end: nothing to lapse
            continue
        decision = protection.decide_lapse(since, until, today, uow.parameters)
        if decision.allowed:
            uow.decided(f"Beskyttelse ophører {citizen.cpr}", decision)
            citizen.protected = False
            citizen.protected_since = citizen.protected_until = None
            del watch[cpr]
            lapsed.append(citizen.cpr)
    return tuple(lapsed)


FEED_HANDLERS: dict[str, FeedHandler] = {
    "birth": on_birth,
    "naming": on_naming,
    "move": on_move,
    "move_from_greenland": on_move_from_greenland,
    "immigration": on_immigration,
    "move_to_greenland": on_insurance_end,
    "emigration": on_insurance_end,
    "death": on_insurance_end,
    "disappearance": on_insurance_end,
    "reappearance": on_immigration,
    "renumbering": on_renumbering,
    "civil_status": on_civil_status,
    "protection": on_protection,
    "custody": on_custody,
    # CPR annuls a number without a new one (status 30): group 8 and a task, nobody inherits
    "annulment": on_annulment,
}
