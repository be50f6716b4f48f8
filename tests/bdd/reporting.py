"""The report of a feature run: Cucumber JSON with each scenario's decisions, and the living docs.

Every run of the features writes ``reports/features/cucumber.json`` (pytest-bdd's format, or the
path given with ``--cucumberjson``), ``decisions.json`` beside it and ``index.html`` (the living
documentation, `sandbox.reporting.living_docs`). Each scenario's element in the Cucumber JSON
carries an ``after`` hook with two embeddings: the decisions as JSON and as Danish and English
text, which is what Cucumber viewers show as attachments.

Under pytest-xdist every worker runs its scenarios in its own world and writes its own part
(``parts/<run>-<worker>.json``); the last worker to finish merges the parts, so no state is
shared while tests run and the controller needs no plugin. A run with ``-n`` should leave
``--cucumberjson`` out: pytest-bdd's own writer on the controller would then write an empty
list over the merged file (the default path is not affected).
"""

from __future__ import annotations

import base64
import fcntl
import json
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd.cucumber_json import LogBDDCucumberJSON
from pytest_bdd.utils import CONFIG_STACK

from sandbox.reporting.living_docs import write_living_docs

DEFAULT_PATH = "reports/features/cucumber.json"
DRIVER_KEY = pytest.StashKey[Any]()


def attachment(log: dict[str, Any]) -> dict[str, Any]:
    """An ``after`` hook element that carries a scenario's decisions as two embeddings."""
    text = "\n".join(decision_lines(log))
    data = json.dumps(log, ensure_ascii=False, sort_keys=True)
    return {
        "match": {"location": "tests/bdd/reporting.py:afgørelser"},
        "result": {"status": "passed", "duration": 0},
        "embeddings": [
            {
                "mime_type": "application/json",
                "name": "afgørelser",
                "data": base64.b64encode(data.encode()).decode(),
            },
            {
                "mime_type": "text/plain",
                "name": "afgørelser (da/en)",
                "data": base64.b64encode(text.encode()).decode(),
            },
        ],
    }


def decision_lines(log: dict[str, Any]) -> list[str]:
    """The decisions of one scenario as plain lines, Danish first and English beside."""
    lines: list[str] = []
    for action in log.get("actions", []):
        verdict = "godkendt" if action["accepted"] else f"afvist ({action['code']})"
        lines.append(f"{action['action']}: {verdict}")
        if action.get("message_da"):
            lines += [f"  da: {action['message_da']}", f"  en: {action['message_en']}"]
        for decision in action.get("decisions", []):
            allowed = "tilladt" if decision["allowed"] else "afvist"
            lines.append(f"  {decision['subject']}: {allowed}")
            for reason in decision["reasons"]:
                lines.append(f"    [{reason['code']}] da: {reason['text_da']}")
                lines.append(f"    {' ' * len(reason['code'])}   en: {reason['text_en']}")
    return lines


class CucumberWithDecisions(LogBDDCucumberJSON):
    """pytest-bdd's Cucumber JSON writer, plus each scenario's decisions and the living docs."""

    def __init__(self, logfile: str, final: Path, worker: dict[str, Any] | None) -> None:
        super().__init__(logfile)
        self.final = final
        self.worker = worker
        self.logs: dict[str, dict[str, Any]] = {}

    def pytest_bdd_after_scenario(self, request: pytest.FixtureRequest) -> None:
        driver = request.node.stash.get(DRIVER_KEY, None)
        if driver is not None:
            self.logs[request.node.nodeid] = {"driver": driver.name, "actions": list(driver.log)}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        before = sum(len(feature["elements"]) for feature in self.features.values())
        super().pytest_runtest_logreport(report)
        after = sum(len(feature["elements"]) for feature in self.features.values())
        if after == before:
            return
        log = self.logs.pop(report.nodeid, {"driver": "", "actions": []})
        for feature in self.features.values():
            element: Any = feature["elements"][-1] if feature["elements"] else None
            if element is not None and "after" not in element:
                element["nodeid"] = report.nodeid
                element["after"] = [attachment(log)]

    def pytest_sessionfinish(self) -> None:
        features: list[Any] = sorted(self.features.values(), key=lambda f: f["uri"])
        if self.worker is not None:
            write_atomically(Path(self.logfile), json.dumps(features, ensure_ascii=False))
            merge_when_last(self.final, self.worker)
        elif features:  # a run without scenarios keeps the last report
            write_atomically(self.final, json.dumps(features, ensure_ascii=False))
            finish(self.final, features)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.worker is None and self.features:
            terminalreporter.write_sep(
                "-", f"levende dokumentation: {self.final.parent}/index.html"
            )


def write_atomically(path: Path, text: str) -> None:
    """Write a whole file or nothing: another worker may read it at any moment."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def merge_when_last(final: Path, worker: dict[str, Any]) -> None:
    """Under a lock: when every worker of this run has written its part, merge and finish."""
    parts = final.parent / "parts"
    with (final.parent / ".merge.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        mine = sorted(parts.glob(f"{worker['testrunuid']}-*.json"))
        if len(mine) < int(worker["workercount"]):
            return
        merged: dict[str, dict[str, Any]] = {}
        for part in mine:
            for feature in json.loads(part.read_text(encoding="utf-8")):
                known = merged.setdefault(feature["uri"], {**feature, "elements": []})
                known["elements"] += feature["elements"]
        for part in parts.glob("*.json"):
            part.unlink()
        if not any(parts.iterdir()):
            parts.rmdir()
        features = [merged[uri] for uri in sorted(merged)]
        for feature in features:
            feature["elements"].sort(key=lambda element: (element["line"], element["id"]))
        if features:
            write_atomically(final, json.dumps(features, ensure_ascii=False))
            finish(final, features)


def finish(final: Path, features: list[dict[str, Any]]) -> None:
    """Write decisions.json beside the Cucumber JSON, and the living documentation."""
    scenarios = []
    for feature in features:
        for element in feature["elements"]:
            log = json.loads(base64.b64decode(element["after"][0]["embeddings"][0]["data"]))
            scenarios.append(
                {"feature": feature["uri"], "scenario": element["name"], "id": element["id"], **log}
            )
    decisions = final.parent / "decisions.json"
    decisions.write_text(
        json.dumps({"scenarios": scenarios}, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    write_living_docs(features, final.parent / "index.html")


def configure(config: pytest.Config) -> None:
    """Register the writer in the process that runs the scenarios (a worker, or the only one).

    Called from the BDD conftest's ``pytest_configure``. When pytest-bdd has already set up its
    own writer (``--cucumberjson`` given), that one is replaced by this one at the same path.
    """
    worker = getattr(config, "workerinput", None)
    if worker is None and config.getoption("dist", "no") != "no":
        config.pluginmanager.register(ControllerGuard(), "sandbox-bdd-controller-guard")
        return
    given = config.option.cucumber_json_path
    final = Path(given or Path(str(config.rootpath)) / DEFAULT_PATH).resolve()
    own = getattr(config, "_bddcucumberjson", None)
    if own is not None:
        config.pluginmanager.unregister(own)
        del config._bddcucumberjson  # type: ignore[attr-defined]
    if given and config not in CONFIG_STACK:
        config.option.cucumber_json_path = None  # pytest-bdd has yet to configure: keep it out
    path = final
    if worker is not None:
        path = final.parent / "parts" / f"{worker['testrunuid']}-{worker['workerid']}.json"
    writer = CucumberWithDecisions(str(path), final, worker)
    config.pluginmanager.register(writer, "sandbox-bdd-cucumber")


class ControllerGuard:
    """On an xdist controller: keep pytest-bdd's writer from writing ``[]`` over the merge."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        own = getattr(session.config, "_bddcucumberjson", None)
        if own is not None:
            session.config.pluginmanager.unregister(own)
            del session.config._bddcucumberjson  # type: ignore[attr-defined]
