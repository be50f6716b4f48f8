"""Commands: imperative, frozen requests to the system (DESIGN.md principle 4).

A command names who acts (`Actor`) and what they ask. Handlers in `sandbox.service.handlers`
decide and act on them; the wiring is one table in `sandbox.service.bootstrap`.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date, datetime

from sandbox.domain.geography import Address
from sandbox.domain.model import Actor
from sandbox.service.messages import message


@message
class Command:
    """Kommando - the base of every command."""

    actor: Actor


@message
class ChooseGp(Command):
    """Vælg læge - a citizen (or a case worker for them) chooses a practice.

    ``involved`` are further persons (children under 15) chosen for in the same case; the
    effective date defaults to today. With ``moving_to`` the choice is made ahead of a move to
    that address: decided there, pending until CPR's move event approves it (SPEC 3.8, 5.6).
    With ``dispensation`` a case worker grants the municipality's dispensation for a closed
    practice within the limit (SPEC 3.4); the doctor must still accept.
    """

    cpr: str
    ydernummer: str
    effective_date: date | None = None
    involved: tuple[str, ...] = field(default=())
    change_to_group_1: bool = False  # group-1 requirement met; the case moves them to group 1
    moving_to: Address | None = None
    expected_move_date: date | None = None
    dispensation: bool = False


@message
class RelayOutbox(Command):
    """Send what is due in the LUNA outbox (the system's own background job)."""


@message
class RegisterPracticeEvent(Command):
    """Registrer praksishændelse - from the region (LUNA) or a case worker (SPEC 4).

    ``kind``: transfer/change/closure/split/merge or the Danish name (overdragelse ...).
    """

    ydernummer: str
    kind: str
    effective_date: date
    successors: tuple[str, ...] = field(default=())
    significant_for_patients: bool = True
    description_da: str = ""


@message
class CancelPracticeEvent(Command):
    """Annullér praksishændelse - the offer is re-evaluated without it (SPEC 4.4)."""

    event_id: str


@message
class MovePracticeEvent(Command):
    """Flyt praksishændelse - a new effective date for a registered event."""

    event_id: str
    effective_date: date


@message
class ProcessPracticeEventDeadlines(Command):
    """Wind up practice events whose free period has ended (the system's daily job)."""


@message
class ProcessDailyWork(Command):
    """Dagligt arbejde - today's due "Manglende lægevalg" work (the system's daily job).

    Completes cases whose citizen now has a doctor and, after ``missingChoiceDeadlineDays``,
    assigns the nearest open practice administratively (or leaves a manual task). Idempotent.
    """


@message
class ChangePracticeStatus(Command):
    """Åben/lukket for tilgang - from ``on``, the practice is open (or closed) for new patients."""

    ydernummer: str
    on: date
    open: bool


@message
class ChangePracticeCapacity(Command):
    """Lægekapacitet - from ``on``, the practice has this doctor capacity."""

    ydernummer: str
    on: date
    capacity: float


@message
class OrderHealthCard(Command):
    """Bestil sundhedskort - a standalone card order by the citizen, a parent or a case worker.

    ``reason`` is a `sandbox.domain.rules.cards.StandaloneReason` value (lost, damaged,
    not_received, name_change, other). Always makes a physical card and a receipt letter.
    """

    cpr: str
    reason: str


@message
class ExtractAuditLog(Command):
    """Udtræk af revisionslog - a municipal administrator extracts the audit log (SPEC 7.6).

    Both dates are included; ``case_worker_id`` narrows it to one case worker.
    """

    period_from: date
    period_to: date
    case_worker_id: str | None = None


@message
class RestoreCitizenData(Command):
    """Datagenopretning - an operator restores a citizen's registrations to ``as_of``.

    Groups, GP listings, the system's card opt-out mirror and open cases, from the system's own
    history, without calling LUNA. ``dry_run`` (the default) only shows the differences.
    """

    cpr: str
    as_of: datetime
    dry_run: bool = True


@message
class ChangeGroup(Command):
    """Gruppeskift - change a person's insurance group (1 or 2) from ``valid_from`` (SPEC 2.3)."""

    cpr: str
    group: int
    valid_from: date


@message
class ForceTransferToGroup1(Command):
    """Tvungen overflytning til gruppe 1 - case workers only, without consent (SPEC 2.2)."""

    cpr: str
    valid_from: date


@message
class ConsumeCprFeed(Command):
    """Læs CPR-hændelser - apply CPR's feed events after the last one applied, in order."""


@message
class ChooseGpForGreenlandMove(Command):
    """Lægevalg ved flytning fra Grønland - pending until CPR's move event (SPEC 3.9).

    ``address`` is the moving-in address in ``municipality_code``; the choice is combined with a
    change to group 1 and approved when CPR reports the move to that address.
    """

    cpr: str
    municipality_code: str
    address: Address
    ydernummer: str
    expected_move_date: date | None = None


@message
class AcceptDispensation(Command):
    """Lægens accept (dispensation) - the closed/distant doctor accepts a pending GP choice."""

    case_id: str


@message
class RejectDispensation(Command):
    """Lægens afslag - the doctor refuses a pending GP choice; the case is cancelled."""

    case_id: str
    reason_da: str = ""
    reason_en: str = ""


@message
class DeclareSamlever(Command):
    """Angiv samlever - an unmarried adult names a cohabitant by CPR number (SPEC 3.4.1).

    ``moving_in_address_key`` is the `Address.key` of the moving-in address; by default the
    declarant's current address.
    """

    cpr: str
    samlever_cpr: str
    moving_in_address_key: str | None = None


@message
class ExtendFreeChoice(Command):
    """Forlæng gratisperioden - a case worker lets one citizen make the free choice after a
    practice event's free period, through ``until`` (SPEC 4.3: the citizen was not informed)."""

    cpr: str
    event_id: str
    until: date


@message
class RegisterDormantInsurance(Command):
    """Hvilende sikring - a case worker registers what the institution reports: military or
    substitute service, or a Prison Service stay, from ``starts_on`` expected to last until
    ``expected_end`` (remand: counted from ``final_judgment_on``; SPEC 2.1, BEK 23/2007)."""

    cpr: str
    kind: str
    starts_on: date
    expected_end: date
    final_judgment_on: date | None = None


@message
class EndDormantInsurance(Command):
    """Tilbage fra hvilende sikring - the end of service or the release, from ``on``."""

    cpr: str
    on: date
