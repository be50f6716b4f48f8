"""The report of a feature run: Cucumber JSON with each scenario's decisions, JUnit XML, and the
living documentation that adds up run by run.

Every run of the features writes to ``reports/features/`` (or the folder of ``--cucumberjson``):
``cucumber.json`` (this run's scenarios, pytest-bdd's format), ``junit.xml`` (pytest's own, unless
``--junitxml`` names another path), ``results.json`` (every scenario's latest result in each mode,
`sandbox.reporting.feature_results`), and from that ``decisions.json`` and ``index.html`` (the
living documentation, `sandbox.reporting.living_docs`). A partial run updates its scenarios and
keeps the others'. Each scenario's element in the Cucumber JSON carries an ``after`` hook with
two embeddings: the decisions as JSON and as Danish and English text, which is what Cucumber
viewers show as attachments.

Under pytest-xdist every worker collects its scenarios in its own world and hands them to the
controller when it finishes (xdist's ``workeroutput``); the controller writes the files once, so
no files are shared while tests run and nothing is left behind.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd.cucumber_json import LogBDDCucumberJSON
from pytest_bdd.utils import CONFIG_STACK

from sandbox.reporting.feature_results import record, write_atomically
from sandbox.reporting.living_docs import write_living_docs

DEFAULT_PATH = "reports/features/cucumber.json"
DRIVER_KEY = pytest.StashKey[Any]()
PLUGIN_NAME = "sandbox-bdd-report"
WORKER_OUTPUT = "sandbox_bdd_features"
FEATURES_DIR = Path(__file__).resolve().parents[2] / "features"


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
    """pytest-bdd's Cucumber JSON writer, plus each scenario's decisions and mode."""

    def __init__(self, config: pytest.Config, final: Path) -> None:
        super().__init__(str(final))
        self.config = config
        self.final = final
        self.logs: dict[str, dict[str, Any]] = {}
        self.summary = ""

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
                element["mode"] = log["driver"] or "in-process"
                element["after"] = [attachment(log)]

    def pytest_sessionfinish(self) -> None:
        features: list[Any] = sorted(self.features.values(), key=lambda f: f["uri"])
        worker = getattr(self.config, "workeroutput", None)
        if worker is not None:
            worker[WORKER_OUTPUT] = json.dumps(features, ensure_ascii=False)
        else:
            self.summary = finish(self.final, features)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.summary:
            terminalreporter.write_sep("-", self.summary)


class Controller:
    """On an xdist controller: gather the workers' scenarios, then write the report once."""

    def __init__(self, final: Path) -> None:
        self.final = final
        self.parts: list[dict[str, Any]] = []
        self.summary = ""

    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        output = getattr(node, "workeroutput", {}) or {}
        self.parts += json.loads(output.get(WORKER_OUTPUT, "[]"))

    def pytest_sessionfinish(self) -> None:
        merged: dict[str, dict[str, Any]] = {}
        for feature in self.parts:
            known = merged.setdefault(feature["uri"], {**feature, "elements": []})
            known["elements"] += feature["elements"]
        features = [merged[uri] for uri in sorted(merged)]
        for feature in features:
            feature["elements"].sort(key=lambda element: (element["line"], element["id"]))
        self.summary = finish(self.final, features)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.summary:
            terminalreporter.write_sep("-", self.summary)


def finish(final: Path, features: list[dict[str, Any]]) -> str:
    """Write this run's Cucumber JSON, add it to the results, write decisions and the page.

    A run without scenarios changes nothing. Returns the line for the terminal summary.
    """
    if not features:
        return ""
    write_atomically(final, json.dumps(features, ensure_ascii=False))
    at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")  # when the run ended, shown per mode
    everything = record(final.parent, features, at, FEATURES_DIR)
    scenarios = []
    for feature in everything:
        for element in feature["elements"]:
            log = json.loads(base64.b64decode(element["after"][0]["embeddings"][0]["data"]))
            scenarios.append(
                {"feature": feature["uri"], "scenario": element["name"], "id": element["id"], **log}
            )
    write_atomically(
        final.parent / "decisions.json",
        json.dumps({"scenarios": scenarios}, ensure_ascii=False, indent=1),
    )
    page = write_living_docs(everything, final.parent / "index.html")
    ran = sum(len(feature["elements"]) for feature in features)
    return (
        f"levende dokumentation / living documentation: {page} "
        f"({len(scenarios)} scenarier i alt, {ran} kørsler denne gang / "
        f"{len(scenarios)} scenarios in all, {ran} runs this time)"
    )


def configure(config: pytest.Config) -> None:
    """Register the report in this process: the writer (a worker, or the only process) or the
    gatherer (an xdist controller). Called from the BDD conftests' ``pytest_configure``.

    When pytest-bdd has already set up its own writer (``--cucumberjson`` given), that one is
    replaced by this one at the same path; ``--junitxml`` defaults to ``junit.xml`` beside it.
    """
    given = config.option.cucumber_json_path
    final = Path(given or Path(str(config.rootpath)) / DEFAULT_PATH).resolve()
    own = getattr(config, "_bddcucumberjson", None)
    if own is not None:
        config.pluginmanager.unregister(own)
        del config._bddcucumberjson  # type: ignore[attr-defined]
    if given and config not in CONFIG_STACK:
        config.option.cucumber_json_path = None  # pytest-bdd has yet to configure: keep it out
    plugin: Any
    if getattr(config, "workerinput", None) is None and config.getoption("dist", "no") != "no":
        plugin = Controller(final)
    else:
        plugin = CucumberWithDecisions(config, final)
    config.pluginmanager.register(plugin, PLUGIN_NAME)
    if getattr(config, "workerinput", None) is None:
        junit_beside(config, final.parent / "junit.xml")


def junit_beside(config: pytest.Config, path: Path) -> None:
    """pytest's own JUnit XML at ``path`` when ``--junitxml`` was not given.

    Before pytest's junitxml plugin configures (tests/bdd named on the command line), setting
    the option is enough; after it (this conftest found while collecting the whole suite), the
    plugin's writer is made the way the plugin makes it and started as the session would.
    """
    if config.option.xmlpath:
        return
    config.option.xmlpath = str(path)
    session = config.pluginmanager.get_plugin("session")
    if session is None:
        return
    from _pytest import junitxml

    junitxml.pytest_configure(config)
    writer = config.stash.get(junitxml.xml_key, None)
    if writer is not None:
        writer.pytest_sessionstart()
