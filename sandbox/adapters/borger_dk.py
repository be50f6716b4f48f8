"""In-process adapter for Borger.dk: the system identifies a citizen's MitID session token."""

from __future__ import annotations

from fakes.borger_dk.backend import BorgerDkBackend


class InProcessBorgerDk:
    """BorgerDkPort over a `BorgerDkBackend` in this process."""

    def __init__(self, backend: BorgerDkBackend) -> None:
        self.backend = backend

    def identify(self, token: str) -> str | None:
        return self.backend.identify(token)
