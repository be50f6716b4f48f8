"""The HTTP driver: the same steps against ``sandbox serve`` (``--sandbox-url``)."""

from __future__ import annotations

from tests.bdd.drivers.http.invariants import Invariants


class HttpDriver(Invariants):
    """Driver over HTTP - the features against a served sandbox, one namespace per scenario."""


__all__ = ["HttpDriver"]
