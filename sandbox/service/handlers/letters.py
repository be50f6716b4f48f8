"""Handlers that write a case's letter: one letter per case, to the main person only.

Release 1.1 item 6 (SPEC 7.5): the letter lists the involved persons and, for a GP choice, the
card each person gets, so a mother choosing for herself and two children receives exactly one
letter and no separate card receipt. What each case type's letter says is the table
`sandbox.service.letters.contexts.LETTERS`; which event writes which case type's letter (a case
completed by LUNA, or created) is wired in `sandbox.service.bootstrap.EVENT_HANDLERS` with a
`WriteLetter` per event. Its ``case_types`` are its wiring: the bus calls it only for an event
about a case of one of them (`sandbox.service.bus.Routes`), so a national year's millions of
completed automatic card orders and created cases of other types never reach it.
"""

from __future__ import annotations

from sandbox.domain.model import CaseType
from sandbox.service.events import CaseCompleted, CaseCreated
from sandbox.service.handlers.letter_posting import write_letter
from sandbox.service.unit_of_work import UnitOfWork


class WriteLetter:
    """Skriv brev - an event handler: the letter of the event's case, when the case is of one of
    ``case_types`` (a case LUNA completed: GP choice, group change, receipt ...; a case that asks
    the citizen to act, Manglende lægevalg: when it is created)."""

    __slots__ = ("case_types",)

    def __init__(self, *case_types: CaseType) -> None:
        self.case_types = frozenset(case_types)

    def __call__(self, event: CaseCompleted | CaseCreated, uow: UnitOfWork) -> None:
        # the bus routes by these already; a direct call (a test) is held to them too
        if event.case_type in self.case_types:  # the event names its case's type
            write_letter(uow, uow.case(event.case_id))

    def __repr__(self) -> str:
        return f"WriteLetter({', '.join(sorted(kind.name for kind in self.case_types))})"
