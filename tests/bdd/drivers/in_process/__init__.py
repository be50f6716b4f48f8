"""The in-process driver, put together from one part per family of rules."""

from __future__ import annotations

from tests.bdd.drivers.in_process.gp import GpChoice


class InProcessDriver(GpChoice):
    """Driver i samme proces - the features against `sandbox.service` over the bus."""


__all__ = ["InProcessDriver"]
