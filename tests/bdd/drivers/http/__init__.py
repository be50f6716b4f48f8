"""The HTTP driver: the same steps against ``sandbox serve`` (``--sandbox-url``)."""

from __future__ import annotations

from tests.bdd.drivers.http.looking import Looking


class HttpDriver(Looking):
    """Driver over HTTP - the features against a served sandbox, one namespace per scenario."""


__all__ = ["HttpDriver"]
