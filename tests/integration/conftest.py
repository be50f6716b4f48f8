"""Fixtures the HTTP integration tests share: one app per module, one namespace per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from sandbox.app import create_app
from tests.integration.api_support import Sandbox, sandbox_for


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return create_app()


@pytest.fixture
def api(app: FastAPI, request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """The demo world in a namespace named after the test (a module may override it)."""
    with sandbox_for(app, request.node.name) as sandbox:
        yield sandbox
