"""Run Gherkin features from anywhere, optionally with a mutant: `sandbox feature run` and
`sandbox mutate`.

A feature file is run by pytest-bdd with the project's step library loaded as a plugin
(``-p tests.bdd.conftest``), from a throw-away test module that binds just that file, so the
file may live anywhere (e.g. reports/explore/.../minimal.feature). The run writes the living
documentation page for it (``index.html`` beside ``cucumber.json``). The step library is the
project's tests/bdd, so these commands run from a checkout of the project.

`sandbox mutate` runs every feature under features/ once per mutant, each in its own process
(a patch never outlives its run), and reports the mutants no scenario kills.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sandbox.domain.errors import InvalidInput
from sandbox.explore.mutants import MUTANTS, applied, check_name

ROOT = Path(__file__).resolve().parents[2]


def _library() -> Path:
    conftest = ROOT / "tests" / "bdd" / "conftest.py"
    if not conftest.is_file():
        raise InvalidInput(
            field="feature",
            reason_da=f"trinbiblioteket findes ikke ({conftest}); kør fra projektets checkout",
            reason_en=f"the step library is missing ({conftest}); run from the project checkout",
        )
    return conftest


def _checked(path: Path) -> Path:
    if not path.is_file() or path.suffix != ".feature":
        raise InvalidInput(
            field="PATH",
            reason_da=f"'{path}' er ikke en .feature-fil",
            reason_en=f"'{path}' is not a .feature file",
        )
    return path.resolve()


def run_feature(
    path: Path,
    mutant: str | None = None,
    sandbox_url: str | None = None,
    reports: Path | None = None,
    quiet: bool = False,
) -> tuple[int, Path]:
    """Run one feature file; return pytest's exit code and the living documentation page."""
    import pytest

    feature = _checked(path)
    check_name(mutant)
    if mutant is not None and sandbox_url is not None:
        raise InvalidInput(
            field="--mutant",
            reason_da="en mutant virker kun i samme proces; en kørende sandkasse indlæser aldrig "
            "mutanter",
            reason_en="a mutant works in-process only; a served sandbox never loads mutants",
        )
    _library()
    out = (reports or Path("reports") / "features" / feature.stem).resolve()
    out.mkdir(parents=True, exist_ok=True)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="sandbox-feature-") as tmp:
        module = Path(tmp) / "test_feature_run.py"
        module.write_text(
            f"from pytest_bdd import scenarios\n\nscenarios({str(feature)!r})\n", encoding="utf-8"
        )
        args = [
            str(module),
            "-p",
            "tests.bdd.conftest",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            tmp,
            "-c",
            str(Path(tmp) / "pytest.ini"),
            f"--cucumberjson={out / 'cucumber.json'}",
            "-q" if not quiet else "-qq",
        ]
        (Path(tmp) / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        if sandbox_url:
            args.append(f"--sandbox-url={sandbox_url}")
        with applied(mutant):
            code = int(pytest.main(args))
    return code, out / "index.html"


@dataclass(frozen=True, slots=True)
class MutantScore:
    """Mutationsresultat - whether the features kill one mutant."""

    mutant: str
    killed: bool
    exit_code: int


def mutate(names: list[str] | None = None, features: Path | None = None) -> list[MutantScore]:
    """Run every feature against each mutant (one process each); killed = some scenario failed."""
    _library()
    folder = features or ROOT / "features"
    chosen = names or list(MUTANTS)
    for name in chosen:
        check_name(name)
    baseline = _in_process_of_its_own(None, folder)
    if baseline != 0:  # a feature failing without a mutant would "kill" every mutant
        raise InvalidInput(
            field="features",
            reason_da=f"featurene fejler allerede uden mutant (pytest {baseline})",
            reason_en=f"the features fail without any mutant (pytest {baseline})",
        )
    return [MutantScore(n, (code := _in_process_of_its_own(n, folder)) == 1, code) for n in chosen]


def _in_process_of_its_own(mutant: str | None, folder: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="sandbox-mutate-") as tmp:
        command = [
            sys.executable,
            "-m",
            "sandbox.explore.features",
            mutant or "-",
            str(folder),
            tmp,
        ]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    return done.returncode


def _run_all(mutant: str | None, folder: Path, out: Path) -> int:
    """In a fresh process: every feature under ``folder`` with ``mutant`` patched in."""
    import pytest

    sys.path.insert(0, str(ROOT))
    module = out / "test_all_features.py"
    module.write_text(
        f"from pytest_bdd import scenarios\n\nscenarios({str(folder.resolve())!r})\n",
        encoding="utf-8",
    )
    (out / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    args = [str(module), "-p", "tests.bdd.conftest", "-p", "no:cacheprovider", "-x", "-qq",
            "--rootdir", str(out), "-c", str(out / "pytest.ini"),
            f"--cucumberjson={out / 'cucumber.json'}"]  # fmt: skip
    with applied(mutant):
        return int(pytest.main(args))


if __name__ == "__main__":
    chosen = None if sys.argv[1] == "-" else sys.argv[1]
    sys.exit(_run_all(chosen, Path(sys.argv[2]), Path(sys.argv[3])))
