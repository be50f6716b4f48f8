"""Letters (breve): Danish jinja2 templates rendered to text and kept with the case.

Release 1.1 item 6: a letter goes only to the main person of a case and lists the involved
persons; card receipts are sent only for standalone orders.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

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


# the template and the names of a letter's facts, one tuple per shape of context, shared by every
# letter of that shape: a national year keeps a million letters' facts, and a tuple of values
# costs a third of a dict of them (benchmarks/bench_case_size.py)
_SHAPES: dict[tuple[str, ...], tuple[str, ...]] = {}


class LetterFacts(tuple[Any, ...]):
    """What a letter is rendered from when first read: one tuple of its shape (the template,
    then the names of its facts; shared by every letter of that shape) and then the facts'
    values. A tuple itself rather than an object holding two: about 50 bytes less a letter
    (and a `functools.partial` of three arguments cost 90 more)."""

    __slots__ = ()

    def __new__(cls, shape: tuple[str, ...], values: tuple[Any, ...]) -> LetterFacts:
        return super().__new__(cls, (_SHAPES.setdefault(shape, shape), *values))

    @property
    def shape(self) -> tuple[str, ...]:
        shape: tuple[str, ...] = self[0]
        return shape

    @property
    def values(self) -> tuple[Any, ...]:
        return self[1:]

    def __call__(self) -> str:
        template, *names = self.shape
        return render_letter(template, **dict(zip(names, self.values, strict=True)))

    def __getnewargs__(self) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        return self.shape, self.values  # unpickled through __new__, which shares the shape


# the templates `letter_renderer` has loaded (so found) once
_LOADED: set[str] = set()


def letter_renderer(template: str, context: dict[str, Any]) -> Callable[[], str]:
    """A function that renders the letter when it is first read (see `Letter.body`).

    The template is loaded now, so a missing template fails when the letter is written. The
    context is kept as its values, under the shared tuple of the template and their names.
    """
    if template not in _LOADED:  # once per template, not per letter: the environment caches
        _environment().get_template(f"{template}.txt.j2")
        _LOADED.add(template)
    return LetterFacts((template, *context), tuple(context.values()))
