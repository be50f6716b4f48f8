"""The features' step library for the HTTP run: the same steps as ``tests/bdd`` (its conftest's
step definitions, taken as they are), and the same options, markers and report.

The HTTP run lives in its own folder so that ``pytest tests/bdd`` is the fast in-process run
and ``-k`` / ``-m`` there select each scenario once; the whole suite (``pytest``) runs both.
"""

from __future__ import annotations

from typing import Any

from tests.bdd import conftest as library
from tests.bdd.wiring import pytest_addoption, pytest_configure

__all__ = ["pytest_addoption", "pytest_configure"]

# pytest-bdd keeps a step as a fixture named pytestbdd_stepdef_... in the module that defines
# it; fixtures of tests/bdd/conftest.py are seen only below tests/bdd, so they are taken here.
STEPS: dict[str, Any] = {
    name: value for name, value in vars(library).items() if name.startswith("pytestbdd_stepdef")
}
globals().update(STEPS)
