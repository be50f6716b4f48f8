"""In-process adapters: the system's ports served by fake backends in the same process.

The fast path for the simulator and the tests: no HTTP, no pydantic, plain calls.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from fakes.cpr.backend import CprBackend
from fakes.luna.backend import LunaBackend, LunaFault
from sandbox.service.cpr_records import feed_date
from sandbox.service.ports import (
    Clock,
    CprFeedEntry,
    CprPersonRecord,
    FeedEntry,
    LunaReceipt,
    LunaRegistration,
    LunaUnavailable,
)


class InProcessLuna:
    """LunaPort over a `LunaBackend` in this process."""

    def __init__(self, backend: LunaBackend, clock: Clock) -> None:
        self.backend = backend
        self.clock = clock

    def register(self, registration: LunaRegistration) -> LunaReceipt:
        case_id = registration.case_id
        try:
            # the backend's own string for the id: the case keeps it, a national year millions
            luna_id, duplicate = self.backend.register_id(
                case_id, registration.kind, registration.cpr, registration.payload, self.clock.now()
            )
        except LunaFault as fault:
            raise LunaUnavailable(fault=fault.kind) from None
        return LunaReceipt(case_id, luna_id, duplicate)

    def register_all(
        self, registrations: Sequence[LunaRegistration]
    ) -> list[str | LunaUnavailable]:
        """One call into the fake for the relay's whole run (its fault plan read once), the
        registrations handed over as they are: LUNA's id each, or why it did not answer."""
        answers = self.backend.register_all(registrations, self.clock.now())
        return [
            answer if isinstance(answer, str) else LunaUnavailable(fault=answer.kind)
            for answer in answers
        ]

    def has_opted_out_of_physical_card(self, cpr: str) -> bool:
        return self.backend.has_opted_out(cpr)

    def registrations(self) -> dict[str, str]:
        return self.backend.registrations_by_key()

    def latency_for(self) -> float:
        """Seconds LUNA's next answer takes now (the simulator's relay waits it)."""
        return self.backend.latency_for(self.clock.now())


class InProcessCpr:
    """CprPort over a `CprBackend` in this process."""

    def __init__(self, backend: CprBackend) -> None:
        self.backend = backend

    def person(self, cpr: str) -> CprPersonRecord | None:
        person = self.backend.person(cpr)
        if person is None:
            return None
        return CprPersonRecord(
            person.cpr,
            person.name,
            person.birth_date,
            person.status,
            dict(person.address) if person.address is not None else None,
            person.civil_status,
            person.spouse,
            person.parents,
            person.custody_holders,
            person.protected,
            person.replaced_by,
            person.replaces,
        )

    def events_after(self, sequence: int) -> Sequence[CprFeedEntry]:
        """Feed events after ``sequence``, their data copied (the system cannot change the
        fake's state through them) and their dates checked (`feed_date`: a test may record
        an event without one, which stops the feed)."""
        return [
            FeedEntry(e.sequence, e.kind, e.cpr, feed_date(e.on), copy.deepcopy(e.data))
            for e in self.backend.events_after(sequence)
        ]
