"""CPR's feed entries as typed commands: one command per kind of entry, parsed once.

`ConsumeCprFeed` (`sandbox.service.handlers.cpr_events`) reads CPR's feed, turns each entry into
one of these commands with `parse_entry` and sends it through the bus
(`MessageBus.handle_part`) to the handler the wiring table `sandbox.service.bootstrap`
gives its class. A handler reads typed fields - an `Address`, a `date`, a `CivilStatus` - never
the feed's plain dict; what the plain data cannot give (an address without a street, a date
that is not one) is an `InvalidInput` here, before any handler runs, and the feed reports the
entry as failed.

A new CPR event kind touches four places: the fake that emits it (`fakes.cpr.backend`), one
command class here (with its ``KIND`` and ``parse``, added to `CPR_COMMANDS`), one handler in
`sandbox.service.handlers` and one line in bootstrap's ``COMMAND_HANDLERS``.
`tests/architecture/test_wiring.py` checks that every kind the fake emits has a command and
every command a handler.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from typing import Any, ClassVar, Self

from sandbox.domain.danish import parse_iso_date
from sandbox.domain.geography import Address
from sandbox.domain.model import Actor, CivilStatus
from sandbox.service.commands import Command
from sandbox.service.cpr_records import AddressReader, feed_date
from sandbox.service.messages import message
from sandbox.service.ports import CprFeedEntry

Data = dict[str, Any]
SYSTEM = Actor.system()  # who sends every entry: the system, reading the feed


@message
class CprEntry(Command):
    """CPR-hændelse - one entry of CPR's feed: its place in the feed, the person and the date.

    Always sent by the system (`Actor.system`), as part of the `ConsumeCprFeed` that read it.
    """

    KIND: ClassVar[str] = ""

    sequence: int
    cpr: str
    on: date

    @classmethod
    def parse(cls, head: CprFeedEntry, data: Data, addresses: AddressReader) -> CprEntry:
        """This kind's command from the entry ``head`` (its sequence, person and date) and its
        ``data``."""
        raise NotImplementedError


def _address(data: Data, addresses: AddressReader) -> Address:
    """The entry's address, which this kind of entry must have."""
    return addresses.read(data.get("address") or {})


def _optional_address(data: Data, addresses: AddressReader) -> Address | None:
    raw = data.get("address")
    return addresses.read(raw) if raw else None


def _text(data: Data, key: str) -> str | None:
    """A text field, None when missing or empty (CPR leaves out what it does not know)."""
    value = data.get(key)
    return str(value) if value else None


def _numbers(data: Data, key: str) -> tuple[str, ...]:
    return tuple(str(cpr) for cpr in data.get(key) or ())


@message
class RegisterBirth(CprEntry):
    """Fødsel - a child is born; it lives at ``address``, else with the mother."""

    KIND: ClassVar[str] = "birth"

    birth_date: date
    mother: str | None = None
    father: str | None = None
    parents: tuple[str, ...] = field(default=())
    custody_holders: tuple[str, ...] = field(default=())  # none given: the parents
    address: Address | None = None
    name: str | None = None

    @classmethod
    def parse(cls, head: CprFeedEntry, data: Data, addresses: AddressReader) -> RegisterBirth:
        parents = _numbers(data, "parents")
        return cls(
            SYSTEM,
            head.sequence,
            head.cpr,
            head.on,
            birth_date=feed_date(data.get("birth_date")),
            mother=_text(data, "mother"),
            father=_text(data, "father"),
            parents=parents,
            custody_holders=_numbers(data, "custody_holders") or parents,
            address=_optional_address(data, addresses),
            name=_text(data, "name"),
        )


@message
class RegisterNaming(CprEntry):
    """Navngivning - a child is named, or a person changes name."""

    KIND: ClassVar[str] = "naming"

    name: str | None = None

    @classmethod
    def parse(cls, head: CprFeedEntry, data: Data, addresses: AddressReader) -> RegisterNaming:
        return cls(SYSTEM, head.sequence, head.cpr, head.on, name=_text(data, "name"))


@message
class AddressEntry(CprEntry):
    """An entry whose data is the person's new Danish ``address`` (a move or a move-in)."""

    address: Address

    @classmethod
    def parse(cls, head: CprFeedEntry, data: Data, addresses: AddressReader) -> Self:
        return cls(SYSTEM, head.sequence, head.cpr, head.on, _address(data, addresses))


@message
class RegisterMove(AddressEntry):
    """Flytning - a move to ``address`` within Denmark."""

    KIND: ClassVar[str] = "move"


@message
class RegisterMoveFromGreenland(AddressEntry):
    """Flytning fra Grønland - status 05/07 to 01 at a Danish ``address`` (SPEC 3.9)."""

    KIND: ClassVar[str] = "move_from_greenland"


@message
class RegisterImmigration(AddressEntry):
    """Indrejse - from abroad or the Faroe Islands to a Danish ``address``: a move-in."""

    KIND: ClassVar[str] = "immigration"


@message
class RegisterReappearance(RegisterImmigration):
    """Genfundet - a disappeared person (status 70) is found at ``address``: a move-in too."""

    KIND: ClassVar[str] = "reappearance"


@message
class InsuranceEnds(CprEntry):
    """The entries that end sygesikring: the person's new CPR ``status`` and, where CPR gives
    one, the ``address`` they are registered at (the kinds below)."""

    status: str | None = None
    address: Address | None = None

    @classmethod
    def parse(cls, head: CprFeedEntry, data: Data, addresses: AddressReader) -> InsuranceEnds:
        return cls(
            SYSTEM,
            head.sequence,
            head.cpr,
            head.on,
            status=_text(data, "status"),
            address=_optional_address(data, addresses),
        )


@message
class RegisterEmigration(InsuranceEnds):
    """Udrejse - status 80."""

    KIND: ClassVar[str] = "emigration"


@message
class RegisterMoveToGreenland(InsuranceEnds):
    """Flytning til Grønland - status 05."""

    KIND: ClassVar[str] = "move_to_greenland"


@message
class RegisterDeath(InsuranceEnds):
    """Død - status 90."""

    KIND: ClassVar[str] = "death"


@message
class RegisterDisappearance(InsuranceEnds):
    """Forsvundet - status 70: only 01/03 give sygesikring (SPEC 5.4)."""

    KIND: ClassVar[str] = "disappearance"


@message
class RegisterRenumbering(CprEntry):
    """Omnummerering - ``new_cpr`` replaces the number; the old one gets ``status`` (60, or 30
    for an ``annulment``), the new one ``new_status``."""

    KIND: ClassVar[str] = "renumbering"

    new_cpr: str = ""
    annulment: bool = False
    status: str | None = None
    new_status: str | None = None

    @classmethod
    def parse(cls, head: CprFeedEntry, data: Data, addresses: AddressReader) -> RegisterRenumbering:
        return cls(
            SYSTEM,
            head.sequence,
            head.cpr,
            head.on,
            new_cpr=_text(data, "new_cpr") or "",
            annulment=bool(data.get("annulment")),
            status=_text(data, "status"),
            new_status=_text(data, "new_status"),
        )


@message
class RegisterAnnulment(CprEntry):
    """Annullering - the number is annulled without a new one (status 30)."""

    KIND: ClassVar[str] = "annulment"

    status: str | None = None

    @classmethod
    def parse(cls, head: CprFeedEntry, data: Data, addresses: AddressReader) -> RegisterAnnulment:
        return cls(SYSTEM, head.sequence, head.cpr, head.on, status=_text(data, "status"))


@message
class RegisterCivilStatus(CprEntry):
    """Civilstand - the new civil status (None: one Sygesikring does not know) and spouse."""

    KIND: ClassVar[str] = "civil_status"

    civil_status: CivilStatus | None = None
    spouse: str | None = None

    @classmethod
    def parse(cls, head: CprFeedEntry, data: Data, addresses: AddressReader) -> RegisterCivilStatus:
        try:
            status: CivilStatus | None = CivilStatus(str(data.get("civil_status")))
        except ValueError:
            status = None
        return cls(SYSTEM, head.sequence, head.cpr, head.on, status, spouse=_text(data, "spouse"))


@message
class RegisterProtection(CprEntry):
    """Navne- og adressebeskyttelse - on (until CPR's end date ``until``, if it gives one) or
    off."""

    KIND: ClassVar[str] = "protection"

    protected: bool = False
    until: date | None = None

    @classmethod
    def parse(cls, head: CprFeedEntry, data: Data, addresses: AddressReader) -> RegisterProtection:
        until = data.get("until")
        end = until if isinstance(until, date) else parse_iso_date(str(until)) if until else None
        return cls(SYSTEM, head.sequence, head.cpr, head.on, bool(data.get("protected")), end)


@message
class RegisterCustody(CprEntry):
    """Forældremyndighed - who holds custody of the child from now on."""

    KIND: ClassVar[str] = "custody"

    custody_holders: tuple[str, ...] = field(default=())

    @classmethod
    def parse(cls, head: CprFeedEntry, data: Data, addresses: AddressReader) -> RegisterCustody:
        holders = _numbers(data, "custody_holders")
        return cls(SYSTEM, head.sequence, head.cpr, head.on, holders)


# every kind of entry CPR's feed carries, and its command: the one parse table
CPR_COMMANDS: dict[str, type[CprEntry]] = {
    command.KIND: command
    for command in (
        RegisterBirth,
        RegisterNaming,
        RegisterMove,
        RegisterMoveFromGreenland,
        RegisterImmigration,
        RegisterReappearance,
        RegisterEmigration,
        RegisterMoveToGreenland,
        RegisterDeath,
        RegisterDisappearance,
        RegisterRenumbering,
        RegisterAnnulment,
        RegisterCivilStatus,
        RegisterProtection,
        RegisterCustody,
    )
}


def parse_entry(entry: CprFeedEntry, addresses: AddressReader) -> CprEntry | None:
    """The command of one feed entry, sent by the system; None for a kind Sygesikring does not
    act on. The entry's data is only read - nothing of it is kept or changed - so it is not
    copied."""
    command = CPR_COMMANDS.get(entry.kind)
    if command is None:
        return None
    return command.parse(entry, entry.data, addresses)
