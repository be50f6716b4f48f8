"""The living documentation adds up: a partial feature run (one area, ``-k``, ``-n``) updates
its own scenarios and keeps every other feature's last result on the page, and leaves nothing
behind but the report files.

Each run is a real ``pytest`` of the features in a subprocess, writing to a temporary folder
(``--cucumberjson``), as a QA tester runs them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORT_FILES = {"cucumber.json", "decisions.json", "index.html", "junit.xml", "results.json"}


def run_features(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    command = [sys.executable, "-m", "pytest", *args, f"--cucumberjson={folder / 'cucumber.json'}"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def stored(folder: Path) -> dict[str, dict[str, object]]:
    data = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    return {uri: entry["scenarios"] for uri, entry in data["features"].items()}


def test_a_partial_run_keeps_the_other_features_results_on_the_page(tmp_path: Path) -> None:
    first = run_features(tmp_path, "tests/bdd/test_revisionslog_bdd.py", "-n", "2")
    assert "levende dokumentation" in first.stdout  # the controller of -n writes the page
    after_first = stored(tmp_path)
    audit = [uri for uri in after_first if uri.startswith("revisionslog/")]
    assert audit

    run_features(tmp_path, "tests/bdd/test_cpr_bdd.py", "-k", "navngivning")
    after_second = stored(tmp_path)
    for uri in audit:
        assert after_second[uri] == after_first[uri], "the first run's results are kept"
    births = [uri for uri in after_second if uri.startswith("cpr/")]
    assert births and all(uri.startswith(("cpr/", "revisionslog/")) for uri in after_second)

    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    in_all = sum(len(rows) for rows in after_second.values())
    assert f"{len(after_second)} egenskaber &middot; {in_all} scenarier" in page
    for rows in after_second.values():
        for row in rows.values():
            assert str(row["element"]["name"]) in page  # type: ignore[index]
    assert "i processen: bestået" in page

    this_run = json.loads((tmp_path / "cucumber.json").read_text(encoding="utf-8"))
    assert {feature["uri"].split("/")[0] for feature in this_run} == {"cpr"}
    assert "<testsuite" in (tmp_path / "junit.xml").read_text(encoding="utf-8")
    assert {path.name for path in tmp_path.iterdir()} == REPORT_FILES  # no lock, no parts


def test_each_scenario_is_counted_once_whatever_the_modes_it_ran_in(tmp_path: Path) -> None:
    from sandbox.reporting.feature_results import as_features, merge

    element = {"name": "Et scenarie", "id": "test_et[Thisted-5]", "line": 3, "steps": []}
    feature = {"uri": "cpr/x.feature", "name": "X", "keyword": "Egenskab", "elements": []}
    store: dict[str, object] = {"version": 1, "features": {}}
    merge(store, [{**feature, "elements": [{**element, "mode": "in-process"}]}], "t1")
    merge(store, [{**feature, "elements": [{**element, "id": "test_et_1[Thisted-5]"}]}], "t2")
    merge(store, [{**feature, "elements": [{**element, "mode": "http"}]}], "t3")
    (only,) = as_features(store)[0]["elements"]
    assert [(run["mode"], run["at"]) for run in only["runs"]] == [
        ("http", "t3"),
        ("in-process", "t2"),
    ]
