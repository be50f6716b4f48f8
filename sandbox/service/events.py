"""Events: past-tense facts the system publishes after a command (DESIGN.md principle 4)."""

from __future__ import annotations

from datetime import date

from sandbox.service.messages import message


@message
class Event:
    """Hændelse - the base of every event."""


@message
class CaseCreated(Event):
    case_id: str
    case_type: str
    municipality_code: str
    main_cpr: str | None


@message
class GpChosen(Event):
    case_id: str
    cpr: str
    ydernummer: str
    effective_date: date


@message
class CaseRegisteredInLuna(Event):
    case_id: str
    luna_id: str
    attempts: int


@message
class LunaAttemptFailed(Event):
    case_id: str
    fault: str
    attempts: int


@message
class CaseCompleted(Event):
    case_id: str
    case_type: str


@message
class LetterWritten(Event):
    letter_id: str
    case_id: str
    recipient_cpr: str
    template: str


@message
class PracticeEventRegistered(Event):
    event_id: str
    ydernummer: str
    kind: str
    effective_date: date
    case_ids: tuple[str, ...]


@message
class PracticeEventCancelled(Event):
    event_id: str
    ydernummer: str


@message
class PracticeEventMoved(Event):
    event_id: str
    ydernummer: str
    effective_date: date


@message
class PracticeEventWoundUp(Event):
    event_id: str
    ydernummer: str
    listings_ended: int


@message
class PracticeStatusChanged(Event):
    ydernummer: str
    on: date
    open: bool | None
    capacity: float | None = None


@message
class GroupChanged(Event):
    """Gruppeskift gennemført - a person's insurance group changes from ``valid_from``."""

    case_id: str
    cpr: str
    group: int
    valid_from: date


@message
class CitizenMoved(Event):
    """Flytning - CPR moved a person (municipality codes; Greenland codes for a move-in)."""

    cpr: str
    on: date
    from_municipality: str
    to_municipality: str


@message
class CitizenNamed(Event):
    """Navngivning - a child was named; ``vulnerable`` when birth and naming lie close;
    ``name_change`` when it is not a first naming but a change of name (no automatic card)."""

    cpr: str
    on: date
    vulnerable: bool
    case_id: str | None
    name_change: bool = False


@message
class CitizenRenumbered(Event):
    """Omnummerering - CPR replaced the number ``old`` by ``new``."""

    old: str
    new: str
    on: date
    case_id: str | None


@message
class HealthCardOrdered(Event):
    """Sundhedskort bestilt - one person's card order in a "Bestil Sundhedskort" case."""

    case_id: str
    cpr: str
    physical: bool
    standalone: bool


@message
class AuditLogExtracted(Event):
    """Revisionslog udtrukket - an administrator took an extract (itself in the audit log)."""

    municipality_code: str
    user_id: str
    period_from: date
    period_to: date
    rows: int


@message
class CitizenDataRestored(Event):
    """Data genoprettet - an operator restored a citizen's registrations (no LUNA call)."""

    case_id: str
    cpr: str
    as_of: str
    cancelled_cases: tuple[str, ...]


@message
class DoctorAcceptanceRequested(Event):
    """Afventer lægens accept - a GP choice waits for the doctor's acceptance (dispensation)."""

    case_id: str
    main_cpr: str
    ydernummer: str


@message
class DispensationAccepted(Event):
    """Dispensation givet - the doctor accepted; the choice is registered (awaiting LUNA)."""

    case_id: str
    ydernummer: str


@message
class GpChoiceCancelled(Event):
    """Lægevalg annulleret - e.g. the doctor refused, or a newer choice replaced a pending one."""

    case_id: str
    main_cpr: str
    reason_code: str


@message
class SamleverDeclared(Event):
    """Samlever angivet - ``cpr`` declared ``samlever_cpr`` as samlever (SPEC 3.4.1)."""

    case_id: str
    cpr: str
    samlever_cpr: str


@message
class InsuranceEnded(Event):
    """Sikring ophørt - emigration, a move to Greenland or death ends the insurance (no card).

    ``kind`` is the CPR event kind: ``emigration``, ``move_to_greenland`` or ``death``.
    """

    cpr: str
    on: date
    kind: str
