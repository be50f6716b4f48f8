"""The pytest wiring of the features: command-line options, the ``driver`` fixture, the markers
for the feature tags and the report (`tests.bdd.reporting`). Imported by the BDD conftest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bdd import reporting
from tests.bdd.drivers.contract import Driver
from tests.bdd.drivers.in_process import InProcessDriver

FEATURES = Path(__file__).resolve().parents[2] / "features"


def pytest_addoption(parser: pytest.Parser) -> None:
    """The features' options; added once, though both tests/bdd and tests/bdd_http ask."""
    group = parser.getgroup("sandbox-bdd", "Sygesikring features")
    if any("--sandbox-url" in option.names() for option in group.options):
        return
    group.addoption(
        "--sandbox-url",
        default=None,
        help="run the features against a served sandbox (e.g. http://127.0.0.1:8000)",
    )
    group.addoption(
        "--sandbox-parameter",
        action="append",
        default=[],
        metavar="NAME=JSON",
        help="in-process only: replace a business parameter, e.g. distanceLimitKmDefault=14",
    )


@pytest.hookimpl(tryfirst=True)  # before pytest's junitxml, which reads --junitxml
def pytest_configure(config: pytest.Config) -> None:
    """Markers for the feature tags and the report; once, though two conftests ask."""
    if config.pluginmanager.has_plugin(reporting.PLUGIN_NAME):
        return
    for tag in feature_tags():
        config.addinivalue_line("markers", f"{tag}: feature-tag (features/)")
    reporting.configure(config)


def feature_tags() -> list[str]:
    """Every @tag in features/**/*.feature, so pytest knows them as markers (-m lægevalg)."""
    tags: set[str] = set()
    for path in FEATURES.rglob("*.feature"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("@"):
                tags.update(word[1:] for word in line.split() if word.startswith("@"))
    return sorted(tags)


def parameter_overrides(config: pytest.Config) -> dict[str, Any]:
    pairs = (text.split("=", 1) for text in config.getoption("sandbox_parameter"))
    return {name: json.loads(value) for name, value in pairs}


@pytest.fixture
def driver(request: pytest.FixtureRequest) -> Iterator[Driver]:
    """The one driver of a scenario: a fresh world (in-process) or namespace (HTTP)."""
    url = request.config.getoption("sandbox_url")
    chosen: Driver
    if url:
        from tests.bdd.drivers.http import HttpDriver

        chosen = HttpDriver(url, request.node.nodeid)
    else:
        chosen = InProcessDriver(parameter_overrides(request.config))
    request.node.stash[reporting.DRIVER_KEY] = chosen
    yield chosen
    chosen.close()
