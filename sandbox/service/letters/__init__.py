"""Letters (breve): Danish jinja2 templates rendered to text and kept with the case.

Release 1.1 item 6: a letter goes only to the main person of a case and lists the involved
persons; card receipts are sent only for standalone orders.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
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


# the names of a letter's facts, one tuple per shape of context, shared by every letter of that
# shape: a national year keeps a million letters' facts, and a tuple of values costs a third of
# a dict of them (benchmarks/bench_case_size.py)
_FACT_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}


def letter_renderer(template: str, context: dict[str, Any]) -> Callable[[], str]:
    """A function that renders the letter when it is first read (see `Letter.body`).

    The template is loaded now, so a missing template fails when the letter is written. The
    context is kept as its values, under the shared tuple of their names.
    """
    _environment().get_template(f"{template}.txt.j2")
    names = tuple(context)
    names = _FACT_NAMES.setdefault(names, names)
    return partial(_render_facts, template, names, tuple(context.values()))


def _render_facts(template: str, names: tuple[str, ...], values: tuple[Any, ...]) -> str:
    return render_letter(template, **dict(zip(names, values, strict=True)))
