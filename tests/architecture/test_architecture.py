"""Architecture checks: import contracts hold, and no wall clock or uuid4 reaches the system."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = re.compile(r"datetime\.now\(|date\.today\(|uuid\.uuid4\(|time\.time\(|uuid4\(")


def test_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint_imports)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_no_wall_clock_or_uuid4_in_the_system_or_the_fakes() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("sandbox", "fakes")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


def test_the_domain_imports_only_the_standard_library() -> None:
    allowed_roots = set(sys.stdlib_module_names) | {"sandbox"}
    pattern = re.compile(r"^\s*(?:from|import)\s+([A-Za-z_][\w]*)", re.MULTILINE)
    for path in sorted((ROOT / "sandbox" / "domain").rglob("*.py")):
        for root in pattern.findall(path.read_text(encoding="utf-8")):
            assert root in allowed_roots or root == "__future__", f"{path}: imports {root}"
