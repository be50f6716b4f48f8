"""The shipped scenarios, as package data so `sandbox simulate` finds them by name anywhere."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

DEFAULT = "smoke"


def shipped() -> list[str]:
    """Names of the scenarios that ship with the sandbox, sorted."""
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in files(__name__).iterdir()
        if entry.name.endswith(".yaml")
    )


def path_of(name: str) -> Path | None:
    """The file of a shipped scenario, or None when no scenario has that name."""
    entry = files(__name__).joinpath(f"{name}.yaml")
    return Path(str(entry)) if entry.is_file() else None
