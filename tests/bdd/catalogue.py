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
from tests.bdd import value_lists
from tests.bdd.vocabulary import TYPES

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ROOT / "features"
TARGET = ROOT / "docs" / "steps.md"

KINDS = (("given", "Givet"), ("when", "Når"), ("then", "Så"))

# what the English argument names of the steps' quoted names are called in the catalogue
LABELS = {
    "name": "navn",
    "first": "navn",
    "second": "navn",
    "child": "barn",
    "parent": "forælder",
    "mother": "mor",
    "samlever": "samlever",
    "practice": "praksis",
    "other": "praksis",
    "case_type": "forløbstype",
    "status": "status",
    "user": "bruger",
    "text": "tekst",
}
# a placeholder of these types is shown as its few words ("brev/breve"), not as <type>
WORD_CHOICES = {"Brev", "Kvittering", "Registrering", "Minutter", "Poster", "TilMed", "Åbenhed",
                "Placering", "Svar", "Opgavetype"}  # fmt: skip
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
            if kind in (None, "Navn"):
                return f"<{LABELS.get(name, name)}>"
            if kind in WORD_CHOICES:
                return "/".join(_words(TYPES[kind].pattern))  # type: ignore[attr-defined]
            return f"<{kind.lower()}>"

        return _FIELD.sub(label, self.pattern)


def _words(pattern: str) -> list[str]:
    """``breve|brev`` -> ["brev", "breve"] (shortest first, as a tester reads them)."""
    return sorted(pattern.split("|"), key=len)


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


INTRODUCTION = """\
Genereret fra `tests/bdd/conftest.py` med `python -m tests.bdd.catalogue`; ret den ikke i hånden.
En test (`tests/bdd/test_catalogue.py`) fejler, når filen er forældet.

Her står hvert trin, en egenskab (feature) må bruge, grupperet Givet / Når / Så, med de værdier
hver pladsholder tager og et eksempel fra egenskaberne. Skriv egenskaber på dansk
(`# language: da`): `Egenskab`, `Baggrund`, `Scenarie`, `Abstrakt Scenario` med `Eksempler`, og
trinene `Givet`, `Når`, `Så`, `Og`, `Men`.

- Personer og praksis hedder det, egenskaben kalder dem, i anførselstegn (`"Kent"`,
  `"Lægehuset Klitmøller"`); et Givet-trin introducerer dem. `<navn>`, `<praksis>`, `<barn>` ...
  står for sådan et navn.
- `<dato>`, `<antal>`, `<kommune>` ... er værdier; hvad de tager, står under *Værdier*.
  `brev/breve` betyder: skriv et af ordene.
- Forløbstyper, statusser, roller, begrundelser, opgavetitler og brugere skrives som i
  *Lukkede værdilister* nederst.
- Et trin med "fra `<dato>`" tjekker, at perioden begynder netop den dag (dagen før gjaldt noget
  andet); "den `<dato>`" tjekker kun, at det gælder den dag.
"""


def render() -> str:
    """The catalogue as Markdown."""
    used = examples()
    lines = ["# Trinkatalog", "", *INTRODUCTION.splitlines(), "", "## Værdier", ""]
    lines += ["| pladsholder | skrives som |", "|---|---|"]
    for name, converter in TYPES.items():
        description = getattr(converter, "description", "")
        lines.append(f"| `<{name.lower()}>` | {description.replace('|', '/')} |")
    entries = steps()
    for kind, title in KINDS:
        lines += ["", f"## {title}", ""]
        for entry in (entry for entry in entries if entry.kind == kind):
            lines.append(f"- **{title} {entry.readable}**  ")
            lines.append(f"  {entry.doc}" if entry.doc else "  (uden beskrivelse)")
            example = used.get(entry.pattern)
            lines.append(f"  Eksempel: `{title} {example}`" if example else "  Ikke brugt endnu.")
    lines += ["", *value_lists.markdown()]
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
