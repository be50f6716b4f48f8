"""`sandbox parameters [NAME] [--on DATE]`: the dated business parameters, each with its value
on the day, its description and its reference in words.

A reference such as ``SPEC 6.2, 10 [C:S4,S60]`` is shown with the titles of the SPEC sections
it names and, for the sources SPEC cites (``S4``, ``S60``), their titles, from
`sandbox.spec_references` (shipped with the package). Provenance tags say whether a value is
confirmed, from the release notes, not confirmed, or disputed. Long text wraps at the terminal's
width, indented under its parameter.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

import typer
from rich.padding import Padding
from rich.text import Text

from sandbox.cli_support import EXIT_USER_ERROR, console, errors, fail
from sandbox.domain.errors import SandboxError
from sandbox.parameters import default_parameters
from sandbox.spec_references import SECTIONS, SOURCES

TAGS = {
    "C": "bekræftet i en offentlig kilde / confirmed in a public source",
    "C-old": "bekræftet i en ældre kilde / confirmed in an older source",
    "SEED": "fra release-noterne til Sygesikring 1.1 / from the release 1.1 notes",
    "NC": "ikke bekræftet, en foreslået standard / not confirmed, a proposed default",
    "CONFLICT": "kilderne er uenige / the sources disagree",
}
SECTION = re.compile(r"(\d+(?:\.\d+)*)(\s+(?:item|open point)\s+\d+)?")
SOURCE = re.compile(r"\bS\d+[a-z]?\b")


def sections_in_words(spec: str) -> list[str]:
    """``1.1, 7.7 item 5`` -> ``SPEC 1.1 Actors``, ``SPEC 7.7 Release 1.1 change list, item 5``."""
    found = []
    for match in SECTION.finditer(spec):
        number, extra = match.group(1), (match.group(2) or "").strip()
        title = SECTIONS.get(number, "")
        found.append(f"SPEC {number} {title}{', ' + extra if extra else ''}".strip())
    return found


def reference_lines(reference: str) -> list[str]:
    """A parameter's reference as lines a reader understands: SPEC sections by title, other
    law named as written, each provenance tag in words with the titles of its sources."""
    tags = re.findall(r"\[([^\]]*)\]", reference)
    plain = re.sub(r"\s*\[[^\]]*\]", "", reference).strip()
    lines = []
    for part in (part.strip() for part in plain.split(";") if part.strip()):
        if part.startswith("SPEC"):
            lines += sections_in_words(part.removeprefix("SPEC"))
        else:
            lines.append(part)
    for tag in tags:
        kind = tag.split(":", 1)[0].strip()
        words = TAGS.get(kind, kind)
        detail = tag.split(":", 1)[1].strip() if ":" in tag else ""
        cited = SOURCE.findall(detail)
        if cited:
            named = "; ".join(f"{code} {SOURCES.get(code, '(ukendt / unknown)')}" for code in cited)
            lines.append(f"{words}: {named}")
        else:
            lines.append(f"{words}{': ' + detail if detail else ''}")
    return lines


def value_in_words(value: Any) -> str:
    """A parameter value without Python punctuation: ``min 14, max 28``, ``0101, 0147``."""
    if isinstance(value, dict):
        return ", ".join(f"{key} {value_in_words(item)}" for key, item in value.items())
    if isinstance(value, list | tuple | frozenset):
        return ", ".join(value_in_words(item) for item in value)
    if isinstance(value, bool):
        return "ja / yes" if value else "nej / no"
    return str(value)


def parameters(
    name: Annotated[str | None, typer.Argument(help="One parameter; all when left out")] = None,
    on: Annotated[str | None, typer.Option(help="Date to resolve for, YYYY-MM-DD")] = None,
) -> None:
    """Show the dated business parameters (forretningsparametre) as they apply on a date, each
    with its description and its reference in words (SPEC sections and the sources they cite).

    Exit codes: 0 shown, 2 bad input (an unknown parameter, a bad date).
    """
    try:
        day = date.fromisoformat(on) if on else date(2025, 4, 9)
    except ValueError:
        errors.print(f"[red]INVALID_INPUT[/]: ugyldig dato / invalid date: {on!r}")
        raise typer.Exit(EXIT_USER_ERROR) from None
    params = default_parameters()
    try:
        names = [name] if name else list(params.names)
        shown = [(item, params.use(item, day), params.definition(item)) for item in names]
    except SandboxError as error:
        raise fail(error) from None
    console.print(f"Forretningsparametre / business parameters, {day}:", highlight=False)
    for item, use, definition in shown:
        console.print()
        head = Text.assemble(
            (item, "bold"), f" = {value_in_words(use.value)}  (fra / from {use.effective_from})"
        )
        console.print(head, soft_wrap=False)
        body = Text(" ".join(definition.description.split()))
        for line in reference_lines(definition.reference):
            body.append("\n")
            body.append(f"- {line}", style="dim" if line.startswith("SPEC") else "")
        console.print(Padding(body, (0, 0, 0, 4)), soft_wrap=False, highlight=False)
