"""Readers outside the service layer read the store through `sandbox.service.views`.

The rule, read from the source: outside the service layer (`sandbox/service`), the pure domain
and the builders of a system (`sandbox/worlds`, `sandbox/system.py`, the API's
`sandbox/api/world.py`), no module calls a method of the store - no ``<anything>.registry.<name>``
and no ``registry.<name>`` on a variable holding it. Handing the store on as a value (to the
system builder, to a pickled snapshot) is no read and is allowed. The writers - the API's
fixtures and the explorer's small world, which put practices and citizens into a fresh store,
and the explorer's mutants, which break it on purpose - may call its mutations (and ask whether
what they write is there already), nothing else. The invariant checks (the simulator's and the
explorer's scan, which it drives) judge the store's own indexes, so they see it as it is.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SANDBOX = ROOT / "sandbox"

NOT_READERS = ("service/", "domain/", "worlds/", "system.py", "api/world.py")
CHECKERS = {"simulation/invariants.py", "explore/checks.py"}
WRITERS = {"api/fixtures.py", "explore/world.py", "explore/mutants.py"}
MUTATIONS = {
    "add_citizen",
    "add_household",
    "add_practice",
    "list_citizen",
    "change_group",
    "drop_case",
    "has_citizen",  # the guard before a write
    "has_practice",
}


def _store_calls(path: Path) -> list[tuple[int, str]]:
    """Each use of a store method in the module: (line, method name)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        if (isinstance(owner, ast.Attribute) and owner.attr == "registry") or (
            isinstance(owner, ast.Name) and owner.id == "registry"
        ):
            found.append((node.lineno, node.attr))
    return found


def _readers() -> list[tuple[str, Path]]:
    modules = []
    for path in sorted(SANDBOX.rglob("*.py")):
        name = path.relative_to(SANDBOX).as_posix()
        if name.startswith(NOT_READERS) or name in CHECKERS:
            continue
        modules.append((name, path))
    return modules


def test_no_reader_outside_the_service_calls_the_store() -> None:
    wrong = [
        f"sandbox/{name}:{line} registry.{method}"
        for name, path in _readers()
        for line, method in _store_calls(path)
        if name not in WRITERS or method not in MUTATIONS
    ]
    assert wrong == []


def test_the_rule_sees_the_simulator_reporting_console_explorer_and_cli() -> None:
    names = {name for name, _ in _readers()}
    for part in ("simulation/", "reporting/", "console/", "explore/", "cli"):
        assert any(name.startswith(part) for name in names), part
    # and it would catch a query: the checkers it leaves alone do call them
    assert any(
        method == "all_citizens" for _, method in _store_calls(SANDBOX / "explore" / "checks.py")
    )
