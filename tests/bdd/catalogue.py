"""Trinkatalog - the step catalogue (``docs/steps.md``), generated from the step library.

``python -m tests.bdd.catalogue`` rewrites ``docs/steps.md``; ``--check`` exits 1 when the file
is out of date (``tests/bdd/test_catalogue.py`` does the same in CI). The catalogue lists every
step of ``tests/bdd/conftest.py`` grouped Givet / Når / Så, as a QA tester writes it, with the
values each placeholder accepts and an example from the features, so new scenarios can be
written without reading Python.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pytest_bdd.feature import get_features
from pytest_bdd.parser import Feature
from pytest_bdd.steps import step_function_context_registry

import tests.bdd.conftest as library
from tests.bdd.vocabulary import TYPES

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ROOT / "features"
TARGET = ROOT / "docs" / "steps.md"

KINDS = (("given", "Givet"), ("when", "Når"), ("then", "Så"))

# what the English argument names of the step functions are called in the catalogue
LABELS = {
    "name": "navn",
    "first": "navn",
    "second": "navn",
    "child": "barn",
    "parent": "forælder",
    "children": "børn",
    "practice": "praksis",
    "other": "praksis",
    "day": "dato",
    "start": "dato",
    "end": "dato",
    "cpr": "CPR-nummer",
    "new_cpr": "nyt CPR-nummer",
    "home": "adresse",
    "where": "adresse",
    "municipality": "kommune",
    "group": "gruppe",
    "km": "km",
    "count": "antal",
    "days": "dage",
    "amount": "beløb",
    "text": "tekst",
    "what": "handling",
    "role": "rolle",
    "inside": "placering",
    "is_open": "åben/lukket",
    "kind": "praksishændelse",
    "case_type": "forløbstype",
    "status": "status",
    "title": "titel",
    "reason": "årsag",
    "user": "bruger",
}
_FIELD = re.compile(r"\{(\w+)(?::(\w+))?\}")


@dataclass(frozen=True)
class StepEntry:
    kind: str
    pattern: str
    doc: str
    line: int

    @property
    def readable(self) -> str:
        """The pattern with ``<placeholders>`` the way Gherkin's Eksempler tables write them."""

        def label(match: re.Match[str]) -> str:
            name, kind = match.group(1), match.group(2)
            text = LABELS.get(name, name)
            return f"<{text}>" if kind in (None, "Navn") else f"<{text}: {kind}>"

        return _FIELD.sub(label, self.pattern)


def steps() -> list[StepEntry]:
    """Every step of the library, in the order it is written."""
    entries = []
    for context in list(step_function_context_registry.values()):
        func = context.step_func
        if func.__module__ != library.__name__ or context.type is None:
            continue
        doc = (func.__doc__ or "").strip().splitlines()
        entries.append(
            StepEntry(context.type, context.parser.name, doc[0] if doc else "", _line(func))
        )
    return sorted(entries, key=lambda entry: entry.line)


def _line(func: object) -> int:
    code = getattr(func, "__code__", None)
    return int(code.co_firstlineno) if code is not None else 0


def all_features() -> list[Feature]:
    return sorted(get_features([str(FEATURES)]), key=lambda feature: feature.filename)


def feature_steps() -> Iterator[tuple[Feature, str, str]]:
    """(feature, step type, step text) of every step of every scenario, examples rendered."""
    for feature in all_features():
        for template in feature.scenarios.values():
            contexts = [
                context for examples in template.examples for context in examples.as_contexts()
            ] or [{}]
            for context in contexts:
                for rendered in template.render(context).steps:
                    yield feature, rendered.type, rendered.name


def matching(kind: str, text: str) -> list[StepEntry]:
    """The library's steps of ``kind`` that match ``text``."""
    found = []
    for context in list(step_function_context_registry.values()):
        if context.step_func.__module__ != library.__name__ or context.type != kind:
            continue
        if context.parser.is_matching(text):
            found.append(StepEntry(kind, context.parser.name, "", _line(context.step_func)))
    return found


def examples() -> dict[str, str]:
    """For each step pattern, the first feature line that uses it."""
    found: dict[str, str] = {}
    for _, kind, text in feature_steps():
        for entry in matching(kind, text):
            found.setdefault(entry.pattern, text)
    return found


def render() -> str:
    """The catalogue as Markdown."""
    used = examples()
    lines = [
        "# Trinkatalog - the step catalogue",
        "",
        "Generated from `tests/bdd/conftest.py` by `python -m tests.bdd.catalogue`; do not edit.",
        "A test (`tests/bdd/test_catalogue.py`) fails when this file is out of date.",
        "",
        "Write features in Danish (`# language: da`): `Egenskab`, `Baggrund`, `Scenarie`,",
        "`Abstrakt Scenario` with `Eksempler`, and the steps `Givet`, `Når`, `Så`, `Og`, `Men`.",
        "Names of persons and practices are written in quotes and introduced by a Givet-step;",
        "`<navn>` in a step below stands for such a name.",
        "",
        "## Værdier (placeholder types)",
        "",
        "| type | accepts |",
        "|---|---|",
    ]
    for name, converter in TYPES.items():
        description = getattr(converter, "description", "")
        lines.append(f"| `{name}` | {description.replace('|', '/')} |")
    entries = steps()
    for kind, title in KINDS:
        lines += ["", f"## {title}", ""]
        for entry in (entry for entry in entries if entry.kind == kind):
            lines.append(f"- **{title} {entry.readable}**  ")
            lines.append(f"  {entry.doc}" if entry.doc else "  (uden beskrivelse)")
            example = used.get(entry.pattern)
            lines.append(f"  Eksempel: `{title} {example}`" if example else "  Ikke brugt endnu.")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    text = render()
    if "--check" in args:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} er forældet: kør python -m tests.bdd.catalogue")
            return 1
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    print(TARGET)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
