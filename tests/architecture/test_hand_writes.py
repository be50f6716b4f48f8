"""A case's status changes through the store, so a rollback takes it back.

The rule, read from the source: in the service layer no module but the store calls
`Case.move_to`; handlers call `Store.move_case`, which notes the status and its log for the
unit of work's rollback. The one exception is the LUNA relay's completion of a case LUNA has
confirmed (`sandbox/service/handlers/outbox.py`), which a rollback must not take back.
"""

from __future__ import annotations

import ast
from pathlib import Path

SERVICE = Path(__file__).resolve().parents[2] / "sandbox" / "service"
ALLOWED = {"store.py", "handlers/outbox.py"}


def _calls_to_move_to(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "move_to"
    ]


def test_only_the_store_and_the_relay_move_a_case() -> None:
    found = {
        str(path.relative_to(SERVICE)): lines
        for path in sorted(SERVICE.rglob("*.py"))
        if str(path.relative_to(SERVICE)) not in ALLOWED and (lines := _calls_to_move_to(path))
    }
    assert found == {}


def test_the_rule_sees_a_call_to_move_to(tmp_path: Path) -> None:
    module = tmp_path / "handler.py"
    module.write_text("def h(case, now):\n    case.move_to('cancelled', now)\n", encoding="utf-8")
    assert _calls_to_move_to(module) == [2]
