"""Where the control plane may read a scenario from: a shipped scenario's name, or a file under
the folder named at start (``sandbox serve --scenarios DIR``); nothing else. (An inline scenario
body is the third source; it needs no file.)

A served sandbox may face people who should not read its files, so a read:

- takes a relative name (letters, digits, ``_``, ``-``, ``.``; ``/`` between folders; no
  ``..``, no NUL) of a ``.yaml`` or ``.yml`` file, or a shipped scenario's name;
- stays in the folder: the name is resolved with its symlinks and must still lie inside;
- never blocks and never grows: only a regular file (no FIFO, device or socket), opened with
  ``O_NONBLOCK | O_NOFOLLOW``, checked again on the open descriptor, at most 1 MiB read;
- never echoes the file: an invalid file is refused with its line and column at most, never
  with its text (a YAML error message quotes the offending line; a field error quotes values).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

import scenarios
from sandbox.domain.errors import SandboxError, ScenarioError
from sandbox.worlds.scenario import Scenario, scenario_from_mapping

MAX_SCENARIO_BYTES = 1 << 20
_PART = r"[A-Za-z0-9_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*"  # no leading dot, no ".."
NAME_PATTERN = rf"^{_PART}(/{_PART})*$"
_NAME = re.compile(NAME_PATTERN)
SUFFIXES = (".yaml", ".yml")
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC


class UnknownScenario(SandboxError):
    code = "UNKNOWN_SCENARIO"
    kind = "not_found"
    da = "Scenariet '{name}' findes ikke: brug et medfølgende navn ({shipped}){folder_da}."
    en = "The scenario '{name}' does not exist: use a shipped name ({shipped}){folder_en}."


class ScenarioRefused(SandboxError):
    code = "SCENARIO_REFUSED"
    da = "Scenariet '{name}' læses ikke: {reason_da}."
    en = "The scenario '{name}' is not read: {reason_en}."


def _shown(given: str) -> str:
    """The name as the caller gave it, printable and short (it is their own input)."""
    return "".join(ch if ch.isprintable() else "?" for ch in given[:120])


def _refused(given: str, da: str, en: str) -> ScenarioRefused:
    return ScenarioRefused(name=_shown(given), reason_da=da, reason_en=en)


class _NoAliases(yaml.SafeLoader):
    """YAML without anchors' aliases: a few aliased lists expand to gigabytes when copied."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(problem="alias", problem_mark=mark)
        return super().compose_node(parent, index)


class ScenarioSource:
    """Scenariekilder - the shipped scenarios, and the files of one folder if named at start."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder.resolve(strict=True) if folder is not None else None

    def load(self, given: str) -> Scenario:
        """The scenario ``given`` names; `ScenarioRefused` or `UnknownScenario` otherwise."""
        if "\x00" in given:
            raise _refused(given, "navnet indeholder NUL", "the name contains NUL")
        if len(given) > 200 or not _NAME.fullmatch(given):
            raise _refused(
                given,
                "brug et medfølgende navn eller en relativ sti i scenariemappen "
                "(bogstaver, cifre, '_', '-', '.', '/', ingen '..')",
                "use a shipped name or a relative path in the scenarios folder "
                "(letters, digits, '_', '-', '.', '/', no '..')",
            )
        suffix = PurePosixPath(given).suffix
        if suffix == "" and "/" not in given:
            shipped = scenarios.path_of(given)
            if shipped is not None:
                return _parse(_read(shipped), given, trusted=True)
        if suffix not in ("", *SUFFIXES):
            raise _refused(given, "kun .yaml- og .yml-filer", "only .yaml and .yml files")
        if self.folder is None:
            raise self._unknown(given)
        name = given if suffix else given + ".yaml"
        return _parse(self._read_in_folder(given, name), given, trusted=False)

    def _unknown(self, given: str) -> UnknownScenario:
        folder = self.folder is not None
        return UnknownScenario(
            name=_shown(given),
            shipped=", ".join(scenarios.shipped()),
            folder_da=" eller en fil i scenariemappen"
            if folder
            else "; serveren har ingen scenariemappe (sandbox serve --scenarios MAPPE)",
            folder_en=" or a file in the scenarios folder"
            if folder
            else "; the server has no scenarios folder (sandbox serve --scenarios DIR)",
        )

    def _read_in_folder(self, given: str, name: str) -> bytes:
        assert self.folder is not None
        resolved = os.path.realpath(self.folder / name)
        if os.path.commonpath([resolved, self.folder]) != str(self.folder):
            raise _refused(
                given, "filen ligger uden for scenariemappen", "the file lies outside the folder"
            )
        try:
            os.lstat(resolved)
        except FileNotFoundError:
            raise self._unknown(given) from None
        except OSError:
            raise _refused(given, "filen kan ikke læses", "the file cannot be read") from None
        try:
            return _read(Path(resolved))
        except ScenarioRefused as refused:
            why = refused.fields
            raise _refused(given, why["reason_da"], why["reason_en"]) from None


def _read(path: Path) -> bytes:
    """At most `MAX_SCENARIO_BYTES` of a regular file, without blocking and without
    following a symlink in the last step (the caller resolved the path)."""
    shown = path.name
    try:
        before = os.lstat(path)
        if not stat.S_ISREG(before.st_mode):
            raise _refused(shown, "ikke en almindelig fil", "not a regular file")
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError:
        raise _refused(shown, "filen kan ikke læses", "the file cannot be read") from None
    try:
        found = os.fstat(descriptor)
        if not stat.S_ISREG(found.st_mode) or (found.st_dev, found.st_ino) != (
            before.st_dev,
            before.st_ino,
        ):
            raise _refused(shown, "ikke en almindelig fil", "not a regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_SCENARIO_BYTES:
            chunk = os.read(descriptor, MAX_SCENARIO_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError:
        raise _refused(shown, "filen kan ikke læses", "the file cannot be read") from None
    finally:
        os.close(descriptor)
    if size > MAX_SCENARIO_BYTES:
        raise _refused(shown, "filen er større end 1 MiB", "the file is larger than 1 MiB")
    return b"".join(chunks)


def _invalid(given: str, where_da: str = "", where_en: str = "") -> ScenarioError:
    return ScenarioError(
        path=_shown(given),
        problem_da=f"filen er ikke et gyldigt scenarie{where_da}; "
        "sandbox simulate FIL på serveren viser hvorfor",
        problem_en=f"the file is not a valid scenario{where_en}; "
        "sandbox simulate FILE on the server shows why",
    )


def _parse(raw: bytes, given: str, *, trusted: bool) -> Scenario:
    """The scenario in ``raw``; a file from the folder fails without a word of its text."""
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_NoAliases)  # a SafeLoader: no Python objects
    except UnicodeDecodeError:
        raise _invalid(given, " (ikke UTF-8)", " (not UTF-8)") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        raise _invalid(
            given, f" (YAML, linje {line}, kolonne {column})", f" (YAML, line {line}, col {column})"
        ) from None
    except (yaml.YAMLError, RecursionError):
        raise _invalid(given, " (YAML)", " (YAML)") from None
    if not isinstance(data, dict):
        raise _invalid(given, " (ikke en YAML-mapping)", " (not a YAML mapping)")
    try:
        return scenario_from_mapping(data, _shown(given))
    except ScenarioError:
        if trusted:
            raise
        raise _invalid(given) from None
    except RecursionError:
        raise _invalid(given) from None
