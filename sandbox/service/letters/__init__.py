"""Letters (breve): Danish jinja2 templates rendered to text and kept with the case.

Release 1.1 item 6: a letter goes only to the main person of a case and lists the involved
persons; card receipts are sent only for standalone orders.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

from jinja2 import Environment, PackageLoader, StrictUndefined


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("sandbox.service", "letters"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # plain-text letters, never HTML
        auto_reload=False,  # packaged templates do not change while running: no stat per letter
    )


def render_letter(template: str, **context: Any) -> str:
    """Render ``<template>.txt.j2`` with the given context; missing fields are an error."""
    return _environment().get_template(f"{template}.txt.j2").render(**context)


# the template, the names of a letter's facts and how they become the template's fields, one
# `LetterShape` per shape of facts, shared by every letter of that shape: a national year keeps a
# million letters' facts, and a tuple of values costs a third of a dict of them
# (benchmarks/bench_case_size.py)
_SHAPES: dict[tuple[Any, ...], LetterShape] = {}


class LetterShape(NamedTuple):
    """A shape of letter facts: the template, the facts' names, and ``finish``, which turns the
    facts (a dict by these names) into the template's fields when the letter is read - or None
    when the facts are the fields. A facts' value is what it was when the letter was written (a
    string, a date, a frozen address, a card order nothing changes): ``finish`` only formats."""

    template: str
    names: tuple[str, ...]
    finish: Callable[[dict[str, Any]], dict[str, Any]] | None = None


def letter_shape(
    template: str,
    names: tuple[str, ...],
    finish: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> LetterShape:
    """The shared shape of these facts; the template is loaded now, so a missing template fails
    when the shape is made (when its first letter is written, or its module is imported)."""
    key = (template, names, finish)
    shape = _SHAPES.get(key)
    if shape is None:  # once per shape, not per letter: the environment caches the template
        _environment().get_template(f"{template}.txt.j2")
        shape = _SHAPES[key] = LetterShape(template, names, finish)
    return shape


class LetterFacts(tuple[Any, ...]):
    """What a letter is rendered from when first read: its shared `LetterShape`, then the
    facts' values. A tuple itself rather than an object holding two: about 50 bytes less a letter
    (and a `functools.partial` of three arguments cost 90 more)."""

    __slots__ = ()

    def __new__(cls, shape: LetterShape, values: tuple[Any, ...]) -> LetterFacts:
        return super().__new__(cls, (shape, *values))

    @property
    def shape(self) -> LetterShape:
        shape: LetterShape = self[0]
        return shape

    @property
    def values(self) -> tuple[Any, ...]:
        return self[1:]

    def context(self) -> dict[str, Any]:
        """The template's fields: the facts by their names, finished by the shape."""
        shape = self.shape
        facts = dict(zip(shape.names, self.values, strict=True))
        return facts if shape.finish is None else shape.finish(facts)

    def __call__(self) -> str:
        return render_letter(self.shape.template, **self.context())

    def __reduce__(self) -> tuple[Any, ...]:
        # unpickled through `letter_shape`, so the copy's letters share their shapes again
        shape = self.shape
        return _unpickled, (shape.template, shape.names, shape.finish, self.values)


def _unpickled(
    template: str,
    names: tuple[str, ...],
    finish: Callable[[dict[str, Any]], dict[str, Any]] | None,
    values: tuple[Any, ...],
) -> LetterFacts:
    return LetterFacts(letter_shape(template, names, finish), values)


def letter_renderer(template: str, context: dict[str, Any]) -> Callable[[], str]:
    """A function that renders the letter when it is first read (see `Letter.body`).

    The template is loaded now (once per shape), so a missing template fails when the letter is
    written. The context is kept as its values, under the shared shape of the template and
    their names.
    """
    return LetterFacts(letter_shape(template, tuple(context)), tuple(context.values()))
