"""Handlers that write a case's letter: one letter per case, to the main person only.

Release 1.1 item 6 (SPEC 7.5): the letter lists the involved persons and, for a GP choice, the
card each person gets, so a mother choosing for herself and two children receives exactly one
letter and no separate card receipt. What each case type's letter says is the table
`sandbox.service.letters.contexts.LETTERS`; which event writes which case type's letter (a case
completed by LUNA, or created) is wired in `sandbox.service.bootstrap.EVENT_HANDLERS` with a
`WriteLetter` per event.
"""

from __future__ import annotations

from typing import Any

from sandbox.domain.model import Case, CaseType, Citizen, Letter
from sandbox.service.events import CaseCompleted, CaseCreated, LetterWritten
from sandbox.service.letters import letter_renderer
from sandbox.service.letters.contexts import LETTERS
from sandbox.service.unit_of_work import UnitOfWork


class WriteLetter:
    """Skriv brev - an event handler: the letter of the event's case, when the case is of one of
    ``case_types`` (a case LUNA completed: GP choice, group change, receipt ...; a case that asks
    the citizen to act, Manglende lægevalg: when it is created)."""

    __slots__ = ("case_types",)

    def __init__(self, *case_types: CaseType) -> None:
        self.case_types = frozenset(case_types)

    def __call__(self, event: CaseCompleted | CaseCreated, uow: UnitOfWork) -> None:
        case = uow.case(event.case_id)
        if case.case_type in self.case_types:
            write_letter(uow, case)

    def __repr__(self) -> str:
        return f"WriteLetter({', '.join(sorted(kind.name for kind in self.case_types))})"


def write_letter(uow: UnitOfWork, case: Case) -> Letter | None:
    """Write and keep the case's one letter to its main person (rendered when first read);
    None if it gets none."""
    build = LETTERS.get(case.case_type)
    if build is None or case.main_cpr is None:
        return None
    if uow.registry.letters_by_case.get(case.case_id):
        return None  # one letter per case
    recipient = uow.registry.citizens.get(case.main_cpr)
    if recipient is None:
        return None
    built = build(uow, case, recipient)
    if built is None:
        return None
    template, context = built
    return post_letter(uow, case, recipient, template, context)


def post_letter(
    uow: UnitOfWork, case: Case, recipient: Citizen, template: str, context: dict[str, Any]
) -> Letter:
    """Keep the letter ``template`` about ``case`` to ``recipient`` (rendered when first read),
    hand it to the post (Digital Post) and tell who listens."""
    letter = Letter(
        uow.ids.next("B"),
        case.case_id,
        recipient.cpr,
        template,
        case.involved,
        letter_renderer(template, context),
        uow.now(),
    )
    uow.registry.add_letter(letter)
    if uow.post is not None:
        uow.post.deliver(recipient.cpr, letter.letter_id, letter.body)
    uow.emit(LetterWritten(letter.letter_id, case.case_id, recipient.cpr, template))
    return letter
