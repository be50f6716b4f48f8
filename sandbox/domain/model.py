"""The Sygesikring domain model: citizens, practices, listings, groups, cases, tasks, letters.

Plain slotted dataclasses and dicts, keyed by the 10-digit CPR string, so that the simulator can
hold a whole country in memory. Identifiers are given by the service layer from seeded counters.
The Danish term of each class opens its docstring (DESIGN.md principle 10).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, tzinfo
from enum import StrEnum
from functools import lru_cache
from typing import ClassVar, Generic, TypeVar, overload

from sandbox.domain.case_details import (
    AnyCaseDetails,
    BirthDetails,
    CardOrderDetails,
    CaseDetails,
    DataRestoreDetails,
    GpChoiceDetails,
    GroupChangeDetails,
    MissingGpChoiceDetails,
    PracticeEventDetails,
    RenumberingDetails,
    SamleverDetails,
)
from sandbox.domain.case_details import Awaiting as Awaiting  # re-exported: where it was
from sandbox.domain.errors import CaseStatusChangeNotAllowed, RoleNotAllowed
from sandbox.domain.geography import Address


class Role(StrEnum):
    """Rolle - who acts in the system."""

    CITIZEN = "citizen"
    CASE_WORKER = "case_worker"
    CASE_WORKER_SPECIAL = "case_worker_special"
    MUNICIPAL_ADMIN = "municipal_admin"
    OPERATOR = "operator"
    SYSTEM = "system"


ROLE_DA = {
    Role.CITIZEN: "borger",
    Role.CASE_WORKER: "sagsbehandler",
    Role.CASE_WORKER_SPECIAL: "sagsbehandler med særlige rettigheder",
    Role.MUNICIPAL_ADMIN: "kommunal administrator",
    Role.OPERATOR: "Service Desk",
    Role.SYSTEM: "system",
}
ROLE_EN = {
    Role.CITIZEN: "citizen",
    Role.CASE_WORKER: "case worker",
    Role.CASE_WORKER_SPECIAL: "case worker with special rights",
    Role.MUNICIPAL_ADMIN: "municipal administrator",
    Role.OPERATOR: "operator",
    Role.SYSTEM: "system",
}


def role_not_allowed(
    role: Role, allowed: Iterable[Role], action_da: str, action_en: str
) -> RoleNotAllowed:
    """The error for an actor whose role may not do this, naming the roles that may, in the
    order `Role` lists them (never a set's order)."""
    wanted = set(allowed)
    ordered = [each for each in Role if each in wanted]
    return RoleNotAllowed(
        role=role.value,
        required=[each.value for each in ordered],
        role_da=ROLE_DA[role],
        role_en=ROLE_EN[role],
        required_da=" eller ".join(ROLE_DA[each] for each in ordered),
        required_en=" or ".join(ROLE_EN[each] for each in ordered),
        action_da=action_da,
        action_en=action_en,
    )


@dataclass(frozen=True, slots=True)
class Actor:
    """Aktør - the user (or the system itself) behind a command."""

    role: Role
    user_id: str
    municipality_code: str | None = None

    @staticmethod
    def system() -> Actor:
        return SYSTEM_ACTOR  # one for all: it is frozen, and a national year records millions

    @staticmethod
    def citizen(cpr: str) -> Actor:
        return Actor(Role.CITIZEN, cpr)


SYSTEM_ACTOR = Actor(Role.SYSTEM, "system")


class CivilStatus(StrEnum):
    """Civilstand - CPR civil status codes (SPEC 5.4)."""

    UNMARRIED = "U"
    MARRIED = "G"
    DIVORCED = "F"
    WIDOWED = "E"
    DEAD = "D"
    REGISTERED_PARTNER = "P"
    ENDED_PARTNERSHIP = "O"
    SURVIVING_PARTNER = "L"


RESIDENT_STATUSES = frozenset({"01", "03"})
_UNMARRIED = CivilStatus.UNMARRIED
_new_object = object.__new__
_T = TypeVar("_T")


@dataclass(slots=True)
class GroupMembership:
    """Sikringsgruppe - a period in an insurance group (1, 2, 8 ...)."""

    group: int
    valid_from: date
    valid_to: date | None = None
    case_id: str | None = None
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    def copy(self) -> GroupMembership:
        """A copy (what `dataclasses.replace` makes, at a fifth of its cost)."""
        group, valid_from, valid_to = self.group, self.valid_from, self.valid_to
        return GroupMembership(group, valid_from, valid_to, self.case_id, self.reason)


@dataclass(slots=True)
class GpListing:
    """Lægevalg (tilmelding) - a period in which a citizen is listed with a practice.

    ``valid_to`` is exclusive: the listing ends the day the next one starts.
    """

    ydernummer: str
    valid_from: date
    valid_to: date | None = None
    case_id: str | None = None
    basis: str = "OPEN"

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    def copy(self) -> GpListing:
        """A copy (what `dataclasses.replace` makes, at a fifth of its cost)."""
        return GpListing(self.ydernummer, self.valid_from, self.valid_to, self.case_id, self.basis)


@dataclass(slots=True)
class RareFacts:
    """Sjældne oplysninger - the citizen facts that are unset (None) for almost everyone.

    `Citizen` holds them in one of these, made on the first write of a value and dropped when
    the last is set back to None, so a national population does not pay ten empty slots a
    resident (80 bytes, 450 MiB at 5.9 million). Read and written only through the
    citizen's attributes of the same names (`_Rare`). A spouse is not rare (about half the
    adults have one), so `Citizen` holds it itself. A mover with no other rare fact holds a
    smaller `MoveFacts` instead.
    """

    declared_samlever: str | None = None
    # navne- og adressebeskyttelse: its start and the first day without it (None: not known)
    protected_since: date | None = None
    protected_until: date | None = None
    # moved in from abroad or the Faroe Islands without a group yet: the last day to choose one
    group_choice_by: date | None = None
    moved_in_on: date | None = None
    # municipality code before the latest move (KEEP_DOCTOR_ON_MOVE_WITHIN_MUNICIPALITY)
    moved_from_municipality: str | None = None
    # omnummerering: the old number points to the new one and back (handlers/cpr_events.py)
    renumbered_from: str | None = None
    renumbered_on: date | None = None
    renumbered_to: str | None = None
    # vielse: the day CPR reported the marriage (a free new card after a name change, 3.5.1)
    married_on: date | None = None


_RARE_NAMES = tuple(f.name for f in fields(RareFacts))
_MOVE_NAMES = frozenset({"moved_in_on", "moved_from_municipality"})


@dataclass(slots=True)
class MoveFacts:
    """Flytning - the latest move, when it is a citizen's only rare fact: what a year's movers
    (about one resident in seven) hold instead of a `RareFacts` - two slots, 48 bytes, not ten
    and 112. The other rare facts read None here. `_Rare` keeps one form for the same facts:
    a `MoveFacts` while only the move is set, a `RareFacts` once any other fact is."""

    moved_in_on: date | None = None
    moved_from_municipality: str | None = None
    declared_samlever: ClassVar[None] = None
    protected_since: ClassVar[None] = None
    protected_until: ClassVar[None] = None
    group_choice_by: ClassVar[None] = None
    renumbered_from: ClassVar[None] = None
    renumbered_on: ClassVar[None] = None
    renumbered_to: ClassVar[None] = None
    married_on: ClassVar[None] = None


def _settled(rare: RareFacts | MoveFacts) -> RareFacts | MoveFacts | None:
    """The one form of the facts ``rare`` holds after one was set back to None: none at all
    (equal again to a citizen that never had any), the move alone, or every fact."""
    held = {name for name in _RARE_NAMES if getattr(rare, name) is not None}
    if not held:
        return None
    if type(rare) is RareFacts and held <= _MOVE_NAMES:
        return MoveFacts(rare.moved_in_on, rare.moved_from_municipality)
    return rare


class _Rare(Generic[_T]):
    """A citizen attribute kept in the citizen's `RareFacts` (None while it has none)."""

    __slots__ = ("name",)

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, citizen: None, owner: type) -> _Rare[_T]: ...
    @overload
    def __get__(self, citizen: Citizen, owner: type) -> _T | None: ...
    def __get__(self, citizen: Citizen | None, owner: type) -> _Rare[_T] | _T | None:
        if citizen is None:
            return self
        rare = citizen._rare
        return None if rare is None else getattr(rare, self.name)

    def __set__(self, citizen: Citizen, value: _T | None) -> None:
        rare = citizen._rare
        if rare is None:
            if value is None:
                return
            rare = citizen._rare = MoveFacts() if self.name in _MOVE_NAMES else RareFacts()
        elif type(rare) is MoveFacts and self.name not in _MOVE_NAMES:
            if value is None:
                return
            rare = citizen._rare = RareFacts(
                moved_in_on=rare.moved_in_on, moved_from_municipality=rare.moved_from_municipality
            )
        setattr(rare, self.name, value)
        if value is None:
            citizen._rare = _settled(rare)


@dataclass(slots=True, init=False)
class Citizen:
    """Sikret - a person as Sygesikring knows them: CPR data mirrored, plus group and GP.

    Relations hold CPR numbers. ``groups`` and ``listings`` are histories in date order; the
    current one is the last that covers a date.

    Memory (DESIGN.md, the hot path): the simulator's population builder gives millions of
    citizens the same few initial memberships and listings as shared tuples. Reading
    ``groups``/``listings`` turns them into the citizen's own list of copies first (copy on
    access), so code that changes entries never touches a shared one; ``group_on``,
    ``listing_on``, ``group_history`` and ``listing_history`` only read and copy nothing, and
    what they return must not be changed in place. The facts that almost nobody has (a
    declared samlever, protection dates, the latest move, renumbering, marriage) are
    attributes like the others but live in one `RareFacts`, made when first set.
    """

    cpr: str
    name: str
    birth_date: date
    address: Address
    status: str = "01"
    civil_status: CivilStatus = CivilStatus.UNMARRIED
    spouse: str | None = None
    parents: tuple[str, ...] = ()
    custody_holders: tuple[str, ...] = ()
    protected: bool = False
    _groups: list[GroupMembership] | tuple[GroupMembership, ...] = field(default=(), repr=False)
    _listings: list[GpListing] | tuple[GpListing, ...] = field(default=(), repr=False)
    _rare: RareFacts | MoveFacts | None = None

    declared_samlever = _Rare[str]()
    protected_since = _Rare[date]()
    protected_until = _Rare[date]()
    group_choice_by = _Rare[date]()
    moved_in_on = _Rare[date]()
    moved_from_municipality = _Rare[str]()
    renumbered_from = _Rare[str]()
    renumbered_on = _Rare[date]()
    renumbered_to = _Rare[str]()
    married_on = _Rare[date]()

    def __init__(  # the arguments (and their order) the class had as a plain dataclass
        self,
        cpr: str,
        name: str,
        birth_date: date,
        address: Address,
        status: str = "01",
        civil_status: CivilStatus = CivilStatus.UNMARRIED,
        spouse: str | None = None,
        parents: tuple[str, ...] = (),
        custody_holders: tuple[str, ...] = (),
        declared_samlever: str | None = None,
        protected: bool = False,
        protected_since: date | None = None,
        protected_until: date | None = None,
        group_choice_by: date | None = None,
        _groups: list[GroupMembership] | tuple[GroupMembership, ...] = (),
        _listings: list[GpListing] | tuple[GpListing, ...] = (),
        moved_in_on: date | None = None,
        moved_from_municipality: str | None = None,
        renumbered_from: str | None = None,
        renumbered_on: date | None = None,
        renumbered_to: str | None = None,
        married_on: date | None = None,
        *,
        # from `dataclasses.replace` only: copied, never shared. A rare fact given to `replace`
        # as None would not clear the copy's, so `replace` takes none (mypy says so): set it.
        _rare: RareFacts | MoveFacts | None = None,
    ) -> None:
        self.cpr, self.name, self.birth_date, self.address = cpr, name, birth_date, address
        self.status, self.civil_status, self.protected = status, civil_status, protected
        self.parents, self.custody_holders = parents, custody_holders
        self._groups, self._listings = _groups, _listings
        self._rare = None if _rare is None else replace(_rare)
        self.spouse = spouse
        if (  # almost every citizen: nothing rare, and nothing more to do (the builder's path)
            declared_samlever is None
            and protected_since is None
            and protected_until is None
            and group_choice_by is None
            and moved_in_on is None
            and moved_from_municipality is None
            and renumbered_from is None
            and renumbered_on is None
            and renumbered_to is None
            and married_on is None
        ):
            return
        given = (
            declared_samlever,
            protected_since,
            protected_until,
            group_choice_by,
            moved_in_on,
            moved_from_municipality,
            renumbered_from,
            renumbered_on,
            renumbered_to,
            married_on,
        )
        for name_, value in zip(_RARE_NAMES, given, strict=True):
            if value is not None:
                setattr(self, name_, value)  # through `_Rare`, which picks the holder

    @classmethod
    def newcomer(cls, cpr: str, name: str, birth_date: date, address: Address) -> Citizen:
        """A citizen with these four facts and every other at its default, as
        ``Citizen(cpr, name, birth_date, address)`` makes it: the population builder's path
        (5.9 million a national build), which skips the twenty-two arguments' defaults and
        the rare facts' checks of `__init__` (about 40 % of its time)."""
        citizen = _new_object(cls)
        citizen.cpr, citizen.name, citizen.birth_date, citizen.address = (
            cpr,
            name,
            birth_date,
            address,
        )
        citizen.status, citizen.civil_status, citizen.protected = "01", _UNMARRIED, False
        citizen.spouse, citizen.parents, citizen.custody_holders = None, (), ()
        citizen._groups, citizen._listings, citizen._rare = (), (), None
        return citizen

    @property
    def municipality_code(self) -> str:
        return self.address.municipality_code

    @property
    def is_resident(self) -> bool:
        return self.status in RESIDENT_STATUSES

    def age_on(self, day: date) -> int:
        years = day.year - self.birth_date.year
        return years - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))

    @property
    def groups(self) -> list[GroupMembership]:
        held = self._groups
        if type(held) is not list:
            held = self._groups = [membership.copy() for membership in held]
        return held

    @groups.setter
    def groups(self, value: list[GroupMembership]) -> None:
        self._groups = value

    @property
    def listings(self) -> list[GpListing]:
        held = self._listings
        if type(held) is not list:
            held = self._listings = [listing.copy() for listing in held]
        return held

    @listings.setter
    def listings(self, value: list[GpListing]) -> None:
        self._listings = value

    def group_history(self) -> Sequence[GroupMembership]:
        """The memberships in date order, read-only (no copy is made)."""
        return self._groups

    def listing_history(self) -> Sequence[GpListing]:
        """The GP listings in date order, read-only (no copy is made)."""
        return self._listings

    def group_on(self, day: date) -> GroupMembership | None:
        for membership in reversed(self._groups):
            if membership.covers(day):
                return membership
        return None

    def listing_on(self, day: date) -> GpListing | None:
        for listing in reversed(self._listings):
            if listing.covers(day):
                return listing
        return None

    def doctor_on(self, day: date) -> str | None:
        listing = self.listing_on(day)
        return listing.ydernummer if listing else None


@dataclass(slots=True)
class Practice:
    """Praksis (yder) - a GP practice, identified by its ydernummer.

    Open/closed status and capacity are versioned by date: ``openness`` is a list of
    (from date, open) in date order, so a rule asked "on 1 March" sees 1 March's status.
    """

    ydernummer: str
    name: str
    address: Address
    region_code: str
    doctors: tuple[str, ...] = ()
    capacity: float = 1.0
    openness: list[tuple[date, bool]] = field(default_factory=list)
    created_on: date | None = None
    closed_down_on: date | None = None
    list_size: int = 0
    capacity_history: list[tuple[date, float]] = field(default_factory=list)

    @property
    def municipality_code(self) -> str:
        return self.address.municipality_code

    def capacity_on(self, day: date) -> float:
        """Capacity on ``day``: the latest ``capacity_history`` entry from on or before it,
        else ``capacity`` (the value before any dated change)."""
        value = self.capacity
        for start, capacity in self.capacity_history:
            if start > day:
                break
            value = capacity
        return value

    def set_capacity(self, day: date, capacity: float) -> None:
        self.capacity_history = [e for e in self.capacity_history if e[0] != day]
        self.capacity_history.append((day, capacity))
        self.capacity_history.sort()

    def is_open_on(self, day: date) -> bool:
        if self.closed_down_on is not None and day >= self.closed_down_on:
            return False
        state = False
        for start, is_open in self.openness:
            if start > day:
                break
            state = is_open
        return state

    def set_open(self, day: date, is_open: bool) -> None:
        self.openness = [entry for entry in self.openness if entry[0] != day]
        self.openness.append((day, is_open))
        self.openness.sort()


class CaseType(StrEnum):
    """Forløbstype - the kinds of case (forløb) Sygesikring runs."""

    GP_CHOICE = "gp_choice"
    GROUP_CHANGE = "group_change"
    CARD_ORDER = "card_order"
    MISSING_GP_CHOICE = "missing_gp_choice"
    PRACTICE_EVENT = "practice_event"
    BIRTH = "birth"
    RENUMBERING = "renumbering"
    DATA_RESTORE = "data_restore"
    SAMLEVER = "samlever"


# the details class of each case type: the case factory (sandbox/service/case_factory.py) takes
# a case's type from its details, so the two cannot disagree
CASE_TYPE_OF_DETAILS: dict[type[AnyCaseDetails], CaseType] = {
    GpChoiceDetails: CaseType.GP_CHOICE,
    GroupChangeDetails: CaseType.GROUP_CHANGE,
    CardOrderDetails: CaseType.CARD_ORDER,
    MissingGpChoiceDetails: CaseType.MISSING_GP_CHOICE,
    PracticeEventDetails: CaseType.PRACTICE_EVENT,
    BirthDetails: CaseType.BIRTH,
    RenumberingDetails: CaseType.RENUMBERING,
    DataRestoreDetails: CaseType.DATA_RESTORE,
    SamleverDetails: CaseType.SAMLEVER,
}

CASE_TYPE_DA = {
    CaseType.GP_CHOICE: "Lægevalg",
    CaseType.GROUP_CHANGE: "Gruppeskift",
    CaseType.CARD_ORDER: "Bestil Sundhedskort",
    CaseType.MISSING_GP_CHOICE: "Manglende lægevalg",
    CaseType.PRACTICE_EVENT: "Praksishændelse",
    CaseType.BIRTH: "Fødsel",
    CaseType.RENUMBERING: "Omnummerering",
    CaseType.DATA_RESTORE: "Datagenopretning",
    CaseType.SAMLEVER: "Angivelse af samlever",
}


class CaseStatus(StrEnum):
    """Forløbsstatus - SPEC 7.3: oprettet, afventer LUNA, afventende, gennemført, annulleret."""

    CREATED = "created"
    AWAITING_LUNA = "awaiting_luna"
    PENDING = "pending"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REFUSED = "refused"


CASE_STATUS_DA = {
    CaseStatus.CREATED: "Oprettet",
    CaseStatus.AWAITING_LUNA: "Afventer LUNA",
    CaseStatus.PENDING: "Afventende",
    CaseStatus.COMPLETED: "Gennemført",
    CaseStatus.CANCELLED: "Annulleret",
    CaseStatus.REFUSED: "Afvist",
}

OPEN_CASE_STATUSES = frozenset({CaseStatus.CREATED, CaseStatus.AWAITING_LUNA, CaseStatus.PENDING})

# SPEC 7.3: oprettet -> afventer LUNA -> afventende (waiting for the doctor, CPR or a date) ->
# gennemført | annulleret | afvist. A case may skip a stage (a choice needing no LUNA wait), and
# a pending case goes to LUNA when what it waited for comes (afventende -> afventer LUNA), or
# back to waiting once LUNA has it (a choice then awaiting the doctor). An ended case stays ended.
ALLOWED_STATUS_CHANGES: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.CREATED: frozenset(
        {
            CaseStatus.AWAITING_LUNA,
            CaseStatus.PENDING,
            CaseStatus.COMPLETED,
            CaseStatus.CANCELLED,
            CaseStatus.REFUSED,
        }
    ),
    CaseStatus.AWAITING_LUNA: frozenset(
        {CaseStatus.PENDING, CaseStatus.COMPLETED, CaseStatus.CANCELLED}
    ),
    CaseStatus.PENDING: frozenset(
        {CaseStatus.AWAITING_LUNA, CaseStatus.COMPLETED, CaseStatus.CANCELLED, CaseStatus.REFUSED}
    ),
    CaseStatus.COMPLETED: frozenset(),
    CaseStatus.CANCELLED: frozenset(),
    CaseStatus.REFUSED: frozenset(),
}


DetailsT = TypeVar("DetailsT", bound=CaseDetails)


@dataclass(slots=True)
class Case:
    """Forløb - one case, with a main person (hovedperson) and involved persons."""

    case_id: str
    case_type: CaseType
    municipality_code: str
    main_cpr: str | None
    involved: tuple[str, ...]
    status: CaseStatus
    created_at: datetime
    actor: Actor
    effective_date: date | None
    details: AnyCaseDetails  # one class per case type (sandbox.domain.case_details)
    # the statuses the case had before its current one, each with the moment it ended, as one
    # flat tuple (status, until, status, until ...): the first began at ``created_at``, the
    # current one at the last ``until``. A case never moved keeps the shared empty tuple, one
    # moved once a pair: a case changes status once or twice. Read it as `history`
    status_log: tuple[CaseStatus | datetime, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CASE_STATUSES

    @property
    def history(self) -> list[tuple[datetime, CaseStatus]]:
        """Each status the case had, with when it got it, oldest first."""
        log = self.status_log
        began = (self.created_at, *log[1::2])
        return list(zip(began, (*log[0::2], self.status), strict=True))  # type: ignore[arg-type]

    @property
    def awaiting(self) -> Awaiting | None:
        """What the pending case waits for, if anything."""
        details = self.details
        return details.awaiting if isinstance(details, GpChoiceDetails) else None

    def details_as(self, kind: type[DetailsT]) -> DetailsT:
        """The details as the case type's class; asked of another case type, a bug (TypeError):
        handlers check the case type of anything a caller names before they read its details."""
        details = self.details
        if not isinstance(details, kind):
            raise TypeError(f"{self.case_id} is a {self.case_type} case, not {kind.__name__}")
        return details

    def wait_for(self, what: Awaiting | None) -> None:
        """Wait for ``what`` from now on; None: wait for nothing any more (GP choices only)."""
        self.details_as(GpChoiceDetails).awaiting = what

    def move_to(self, status: CaseStatus, at: datetime) -> None:
        """The next status in SPEC 7.3's flow (`ALLOWED_STATUS_CHANGES`), kept in the history."""
        if status not in ALLOWED_STATUS_CHANGES[self.status]:
            raise CaseStatusChangeNotAllowed(
                case_id=self.case_id,
                from_da=CASE_STATUS_DA[self.status].lower(),
                to_da=CASE_STATUS_DA[status].lower(),
                from_en=self.status.value,
                to_en=status.value,
            )
        log = self.status_log
        self.status_log = (
            (*log, self.status, at) if log else _first_move(self.status, at, at.tzinfo, at.fold)
        )
        self.status = status


# Most cases move once, and many at the same moment (the LUNA relay completes its batch at one
# `now`): the pair (status, until) is one shared tuple for them, not 56 bytes a case. Keyed by
# the zone and fold too, so a shared pair is exactly the moment the case was given.
@lru_cache(maxsize=1024)
def _first_move(
    status: CaseStatus, at: datetime, zone: tzinfo | None, fold: int
) -> tuple[CaseStatus, datetime]:
    return (status, at)


class TaskKind(StrEnum):
    """Opgavetype - manual task (manuel opgave) or system task (systemopgave)."""

    MANUAL = "manual"
    SYSTEM = "system"


@dataclass(slots=True)
class Task:
    """Opgave - a task on a municipality's task overview (opgaveoverblik)."""

    task_id: str
    kind: TaskKind
    municipality_code: str
    case_id: str | None
    code: str
    title_da: str
    title_en: str
    created_at: datetime
    cpr: str | None = None
    done: bool = False


@dataclass(slots=True)
class Letter:
    """Brev - a letter to the main person of a case, rendered in Danish.

    ``text`` is the rendered body, or a function that renders it from the facts the letter was
    written with: a letter is rendered when it is first read (``body``), so a national run that
    writes 1.7 million letters and reads none pays for none (the facts are a snapshot taken when
    the letter was written, so rendering later gives the same text).
    """

    letter_id: str
    case_id: str
    recipient_cpr: str
    template: str
    involved: tuple[str, ...]
    text: str | Callable[[], str]
    written_at: datetime

    @property
    def body(self) -> str:
        if not isinstance(self.text, str):
            self.text = self.text()
        return self.text


@dataclass(slots=True)
class CardOrder:
    """Kortbestilling - a health-card order for one person, or why it was skipped."""

    order_id: str
    case_id: str
    cpr: str
    physical: bool
    standalone: bool
    fee_dkk: int
    ordered_at: datetime
    skipped_reason: str | None = None


@dataclass(slots=True)
class AuditEntry:
    """Revisionslog-post - one case-worker read or write of a citizen's data."""

    entry_id: str
    user_id: str
    role: Role
    municipality_code: str | None
    action: str
    cpr: str | None
    at: datetime
