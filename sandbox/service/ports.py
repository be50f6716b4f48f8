"""Ports: the Protocols through which the system reaches time, CPR, LUNA, Borger.dk and the post.

The system never imports a fake. In-process adapters (`sandbox.adapters.in_process`) and HTTP
adapters (`sandbox.adapters.http`) satisfy these Protocols, so the same service layer runs inside
the simulator, behind the API, and against fakes in another process (DESIGN.md principle 6).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol

from sandbox.domain.errors import SandboxError


class Clock(Protocol):
    """Ur - the one clock of the system; simulated, never the wall clock."""

    def now(self) -> datetime: ...

    def today(self) -> date: ...


@dataclass(slots=True)
class LunaRegistration:
    """Registrering i LUNA - what the outbox sends; ``case_id`` is the idempotency key.

    Never changed once made, but not a frozen dataclass: a frozen one's ``__init__`` sets each
    field through ``object.__setattr__`` (0.72 us against 0.16 for this one), and a national
    year makes one for each of its 2.8 million cases."""

    case_id: str
    kind: str
    cpr: str
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LunaReceipt:
    """Kvittering fra LUNA - LUNA's answer to a registration."""

    case_id: str
    luna_id: str
    duplicate: bool = False


class LunaUnavailable(SandboxError):
    """LUNA did not answer (timeout, 5xx, outage, a cable dug over); the outbox retries."""

    code = "LUNA_UNAVAILABLE"
    kind = "unavailable"
    da = "LUNA svarede ikke ({fault}). Forløbet afventer registreringen og forsøges igen."
    en = "LUNA did not answer ({fault}). The case awaits its registration and is retried."


class LunaPort(Protocol):
    """LUNA - the regions' register of groups, GP listings, card orders and card opt-outs."""

    def register(self, registration: LunaRegistration) -> LunaReceipt: ...

    def register_all(
        self, registrations: Sequence[LunaRegistration]
    ) -> list[str | LunaUnavailable]:
        """Send each registration once, in order (the outbox's due ones, by the relay): per
        registration LUNA's id, or the `LunaUnavailable` it met (returned, not raised). The
        same calls, outcomes and order as one `register` each."""
        ...

    def has_opted_out_of_physical_card(self, cpr: str) -> bool: ...

    def registrations(self) -> dict[str, str]:
        """Every registration LUNA holds: case id (the key) -> LUNA id; for reconciliation."""
        ...


@dataclass(frozen=True, slots=True)
class CprPersonRecord:
    """A person as CPR reports them (the parts Sygesikring mirrors)."""

    cpr: str
    name: str
    birth_date: date
    status: str
    address: dict[str, Any] | None
    civil_status: str = "U"
    spouse: str | None = None
    parents: tuple[str, ...] = ()
    custody_holders: tuple[str, ...] = ()
    protected: bool = False
    replaced_by: str | None = None
    replaces: str | None = None


class CprFeedEntry(Protocol):
    """One entry of CPR's feed, its head typed: its place in the feed, its kind, the person,
    the date, and the kind's plain ``data`` (read by `sandbox.service.cpr_commands`, never
    changed). An adapter that reads plain dicts makes a `FeedEntry`
    (`sandbox.service.cpr_records.feed_entry`); the in-process fake's own events are such
    entries already, so the simulator's feed is read without a dict made per entry."""

    @property
    def sequence(self) -> int: ...

    @property
    def kind(self) -> str: ...

    @property
    def cpr(self) -> str: ...

    @property
    def on(self) -> date: ...

    @property
    def data(self) -> dict[str, Any]: ...


class FeedEntry(NamedTuple):
    """A `CprFeedEntry` read from CPR's plain data (over HTTP, or copied from the fake)."""

    sequence: int
    kind: str
    cpr: str
    on: date
    data: dict[str, Any]


class CprPort(Protocol):
    """CPR - the Central Person Register: look-ups and the event feed."""

    def person(self, cpr: str) -> CprPersonRecord | None: ...

    def events_after(self, sequence: int) -> Sequence[CprFeedEntry]: ...


class BorgerDkPort(Protocol):
    """Borger.dk - the citizen portal; a simulated MitID login yields a token for a CPR."""

    def identify(self, token: str) -> str | None: ...


class LetterDelivery(Protocol):
    """Digital Post - where letters go once written."""

    def deliver(self, recipient_cpr: str, letter_id: str, body: str) -> None: ...
