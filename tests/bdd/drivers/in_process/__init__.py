"""The in-process driver, put together from one part per kind of step."""

from __future__ import annotations

from tests.bdd.drivers.in_process.acting import Acting
from tests.bdd.drivers.in_process.gp import GpChoice
from tests.bdd.drivers.in_process.invariants import Invariants
from tests.bdd.drivers.in_process.looking import Looking
from tests.bdd.drivers.in_process.setting import Setting


class InProcessDriver(Setting, GpChoice, Acting, Looking, Invariants):
    """Driver i samme proces - the features against `sandbox.service` over the bus."""


__all__ = ["InProcessDriver"]
