"""Writing a case's one letter and handing it to Digital Post.

`write_letter` writes the letter `sandbox.service.letters.contexts.LETTERS` gives the case's type,
once per case, to its main person; `post_letter` (from a finished context) and `post_text` (from
the letter's facts, `sandbox.service.letters.LetterFacts`) keep any letter about a case (rendered
when first read), deliver it and tell who listens (`LetterWritten`). Used by the letter handler
(`sandbox.service.handlers.letters.WriteLetter`) and the daily work's own letters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sandbox.domain.model import Case, Citizen, Letter
from sandbox.service.events import LetterWritten
from sandbox.service.letters import letter_renderer
from sandbox.service.letters.contexts import GETS_LETTER, LETTERS
from sandbox.service.unit_of_work import UnitOfWork


def write_letter(uow: UnitOfWork, case: Case) -> Letter | None:
    """Write and keep the case's one letter to its main person (rendered when first read);
    None if it gets none."""
    build = LETTERS.get(case.case_type)
    if build is None or case.main_cpr is None:
        return None
    gets_letter = GETS_LETTER.get(case.case_type)
    if gets_letter is not None and not gets_letter(case):
        return None  # known from the case alone (an automatic card order): no look-ups
    if uow.registry.has_letters(case.case_id):
        return None  # one letter per case
    recipient = uow.registry.find_citizen(case.main_cpr)
    if recipient is None:
        return None
    built = build(uow, case, recipient)
    if built is None:
        return None
    template, text = built
    return post_text(uow, case, recipient, template, text)


def post_letter(
    uow: UnitOfWork, case: Case, recipient: Citizen, template: str, context: dict[str, Any]
) -> Letter:
    """Keep the letter ``template`` about ``case`` to ``recipient`` (rendered when first read),
    hand it to the post (Digital Post) and tell who listens."""
    return post_text(uow, case, recipient, template, letter_renderer(template, context))


def post_text(
    uow: UnitOfWork, case: Case, recipient: Citizen, template: str, text: Callable[[], str]
) -> Letter:
    """`post_letter` of a letter whose ``text`` renders it when first read."""
    letter = Letter(
        uow.ids.next("B"),
        case.case_id,
        recipient.cpr,
        template,
        case.involved,
        text,
        uow.now(),
    )
    uow.registry.add_letter(letter)
    if uow.post is not None:
        uow.post.deliver(recipient.cpr, letter.letter_id, letter.body)
    uow.emit(LetterWritten(letter.letter_id, case.case_id, recipient.cpr, template))
    return letter
