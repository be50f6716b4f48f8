"""Every feature is bound: each file is collected by a test module, and each step of each
scenario (examples rendered) matches exactly one step of the library. pytest-bdd fails an
unbound step at run time too; these checks name every problem at once, before anything runs."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.bdd import catalogue

HERE = Path(__file__).resolve().parent


def bound_paths() -> dict[Path, str]:
    """The paths given to ``scenarios(...)`` in tests/bdd/test_*_bdd.py, by test module."""
    found: dict[Path, str] = {}
    for module in sorted(HERE.glob("test_*_bdd.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "scenarios":
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found[(catalogue.FEATURES / arg.value).resolve()] = module.name
    return found


def test_every_feature_file_is_collected_by_a_test_module() -> None:
    bound = bound_paths()
    unbound = [
        str(path.relative_to(catalogue.FEATURES))
        for path in sorted(catalogue.FEATURES.rglob("*.feature"))
        if not any(path == root or root in path.parents for root in bound)
    ]
    assert unbound == [], "feature-filer uden scenarios(...) i tests/bdd/test_<område>_bdd.py"


def test_every_feature_folder_has_its_own_test_module() -> None:
    folders = sorted({path.parent.name for path in catalogue.FEATURES.rglob("*.feature")})
    modules = {path.name for path in HERE.glob("test_*_bdd.py")}
    assert [f for f in folders if f"test_{f}_bdd.py" not in modules] == []


def test_every_step_matches_exactly_one_step_definition() -> None:
    problems = []
    for feature, kind, text in catalogue.feature_steps():
        found = catalogue.matching(kind, text)
        if len(found) != 1:
            where = Path(feature.filename).relative_to(catalogue.FEATURES)
            problems.append(f"{where}: {kind} '{text}' matcher {len(found)} trin")
    assert sorted(set(problems)) == []


def test_every_step_of_the_library_is_used_by_a_feature() -> None:
    used = catalogue.examples()
    assert [entry.pattern for entry in catalogue.steps() if entry.pattern not in used] == []
