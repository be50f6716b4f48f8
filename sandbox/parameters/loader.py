"""Read the dated business parameters (forretningsparametre) from YAML into `Parameters`.

Each ``*.yaml`` file in this package holds one family of parameters::

    parameters:
      distanceLimitKmDefault:
        description: "..."
        reference: "SPEC 3.2 [C:S14]"
        provenance: C
        values:
          2007-01-01: 15

Anything odd fails loudly with a `ParameterError` in Danish and English: broken YAML, a
duplicate key (PyYAML would silently keep the last one), a missing field, a key that is not a
date, unsorted dates, a parameter defined in two files or an unknown key. Lists become tuples;
mappings stay dicts (decisions serialise them), so rules must treat every value as read-only:
`default_parameters` is shared by the whole process.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from datetime import date, datetime
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from sandbox.domain.errors import ParameterError
from sandbox.domain.parameters import DatedParameter, Parameters

PROVENANCES = frozenset({"C", "C-old", "SEED", "NC", "CONFLICT"})
_REQUIRED = ("description", "reference", "values")
_FIELDS = frozenset({*_REQUIRED, "provenance"})
_NAME = re.compile(r"[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*")


class _StrictLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses a mapping with the same key twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, Hashable) and key in seen:
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key)
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{shown}'", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_parameters(directory: Path | None = None) -> Parameters:
    """All parameters in ``directory`` (default: this package), files read in name order."""
    folder: Traversable = directory if directory is not None else files("sandbox.parameters")
    paths = sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)
    if not paths:
        raise ParameterError(
            name=str(folder),
            problem_da="mappen indeholder ingen *.yaml-filer",
            problem_en="the folder holds no *.yaml files",
        )
    defined_in: dict[str, str] = {}
    loaded: list[DatedParameter] = []
    for path in paths:
        for parameter in parameters_from_mapping(_parameters_section(path), path.name):
            if parameter.name in defined_in:
                raise ParameterError(
                    name=parameter.name,
                    problem_da=f"er defineret i både {defined_in[parameter.name]} og {path.name}",
                    problem_en=f"is defined in both {defined_in[parameter.name]} and {path.name}",
                )
            defined_in[parameter.name] = path.name
            loaded.append(parameter)
    return Parameters(loaded)


@cache
def default_parameters() -> Parameters:
    """The parameters shipped with the sandbox, loaded once per process."""
    return load_parameters()


def parameters_from_mapping(data: Mapping[Any, Any], source: str) -> list[DatedParameter]:
    """Build parameters from the mapping under ``parameters:`` (name -> definition).

    ``source`` names where the mapping came from (a file, a scenario) for the error messages.
    Scenarios use this to supply overrides in the same shape as the packaged files.
    """
    if not isinstance(data, Mapping):
        raise _error(source, source, "er ikke en mapping", "is not a mapping")
    return [_parameter(name, definition, source) for name, definition in data.items()]


def _parameters_section(path: Traversable) -> Mapping[Any, Any]:
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc)
        mark = getattr(exc, "problem_mark", None)
        at_da = f" (linje {mark.line + 1}, kolonne {mark.column + 1})" if mark else ""
        at_en = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise _error(
            path.name,
            path.name,
            f"er ikke gyldig YAML: {problem}{at_da}",
            f"is not valid YAML: {problem}{at_en}",
        ) from None
    if not isinstance(document, Mapping) or "parameters" not in document:
        raise _error(
            path.name, path.name, "mangler nøglen 'parameters'", "lacks the key 'parameters'"
        )
    unknown = sorted(str(key) for key in document if key != "parameters")
    if unknown:
        raise _error(path.name, path.name, f"ukendt nøgle {unknown}", f"unknown key {unknown}")
    section: Mapping[Any, Any] = document["parameters"]
    return section


def _parameter(name: object, definition: object, source: str) -> DatedParameter:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise _error(
            str(name),
            source,
            "er ikke et gyldigt navn (camelCase)",
            "is not a valid name (camelCase)",
        )
    if not isinstance(definition, Mapping):
        raise _error(name, source, "skal være en mapping", "must be a mapping")
    unknown = sorted(str(key) for key in definition if key not in _FIELDS)
    if unknown:
        raise _error(name, source, f"ukendt nøgle {unknown}", f"unknown key {unknown}")
    for field in _REQUIRED:
        if not definition.get(field):
            raise _error(name, source, f"mangler '{field}'", f"lacks '{field}'")
    for field in ("description", "reference"):
        if not isinstance(definition[field], str):
            raise _error(name, source, f"'{field}' skal være tekst", f"'{field}' must be text")
    provenance = definition.get("provenance", "")
    if provenance and provenance not in PROVENANCES:
        allowed = ", ".join(sorted(PROVENANCES))
        raise _error(
            name,
            source,
            f"ukendt provenance {provenance!r} ({allowed})",
            f"unknown provenance {provenance!r} ({allowed})",
        )
    values = definition["values"]
    if not isinstance(values, Mapping):
        raise _error(
            name,
            source,
            "'values' skal være en mapping dato -> værdi",
            "'values' must map dates to values",
        )
    starts = tuple(_start(key, name, source) for key in values)
    try:
        return DatedParameter(
            name,
            starts,
            tuple(_frozen(value) for value in values.values()),
            definition["reference"],
            definition["description"],
            str(provenance),
        )
    except ParameterError as exc:  # unsorted or repeated dates: add where they came from
        raise _error(name, source, exc.fields["problem_da"], exc.fields["problem_en"]) from None


def _start(key: object, name: str, source: str) -> date:
    if isinstance(key, date) and not isinstance(key, datetime):
        return key
    if isinstance(key, str):
        try:
            return date.fromisoformat(key)
        except ValueError:
            pass
    raise _error(
        name,
        source,
        f"nøglen {key!r} er ikke en dato (ÅÅÅÅ-MM-DD)",
        f"the key {key!r} is not a date (YYYY-MM-DD)",
    )


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


def _error(name: str, source: str, problem_da: str, problem_en: str) -> ParameterError:
    return ParameterError(
        name=name, problem_da=f"{problem_da} (i {source})", problem_en=f"{problem_en} (in {source})"
    )
