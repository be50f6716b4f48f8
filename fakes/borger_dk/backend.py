"""Fake Borger.dk backend: a simulated MitID login and the self-service entry points.

Plain Python (moto-shaped, DESIGN.md 6). A login for a CPR number gives a session token;
tokens are derived with HMAC from the seed and a counter, never uuid4, so a replayed run hands
out the same tokens. The entry point ``laegevalg?kommuneid=0751`` (the release notes' demo URL)
sends the citizen to the self-service of the municipality given.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from fakes.control import FakeError, not_found
from fakes.validation import check_cpr_form


@dataclass(frozen=True, slots=True)
class Session:
    """MitID-session - who logged in, with which token, as the n-th login."""

    token: str
    cpr: str
    number: int


class BorgerDkBackend:
    """Borger.dk - the citizen portal, as a fake."""

    def __init__(
        self,
        seed: int | str = 0,
        person_exists: Callable[[str], bool] | None = None,
        municipalities: Iterable[str] = (),
    ) -> None:
        self.seed = seed
        self.person_exists = person_exists
        self.municipalities = frozenset(municipalities)
        self.sessions: dict[str, Session] = {}
        self._key = f"borger-dk:{seed}".encode()
        self._logins = 0

    def login(self, cpr: str) -> Session:
        """Simulated MitID: a session for a known person; raises `FakeError` otherwise."""
        digits = check_cpr_form(cpr)
        if self.person_exists is not None and not self.person_exists(digits):
            raise FakeError(
                404,
                "UNKNOWN_PERSON",
                "MitID kender ingen person med dette CPR-nummer.",
                "MitID knows no person with this CPR number.",
                cpr=digits,
            )
        self._logins += 1
        mac = hmac.new(self._key, f"{self._logins}:{digits}".encode(), hashlib.sha256)
        session = Session(f"mitid-{mac.hexdigest()[:32]}", digits, self._logins)
        self.sessions[session.token] = session
        return session

    def identify(self, token: str) -> str | None:
        """The CPR number behind a session token, or None for an unknown or ended session."""
        session = self.sessions.get(token)
        return session.cpr if session else None

    def session(self, token: str) -> Session:
        found = self.sessions.get(token)
        if found is None:
            raise not_found("Sessionen", "The session", token)
        return found

    def logout(self, token: str) -> None:
        self.session(token)
        del self.sessions[token]

    def municipality(self, kommuneid: str) -> str:
        """The 4-digit municipality code for ``kommuneid`` ("751" and "0751" are Aarhus)."""
        text = kommuneid.strip()
        code = text.zfill(4) if text.isascii() and text.isdigit() and len(text) <= 4 else text
        if self.municipalities and code not in self.municipalities:
            raise FakeError(
                404,
                "UNKNOWN_MUNICIPALITY",
                f"Kommunekoden '{kommuneid}' findes ikke.",
                f"The municipality code '{kommuneid}' does not exist.",
                value=kommuneid,
            )
        if not (code.isascii() and code.isdigit() and len(code) == 4):
            raise FakeError(
                422,
                "INVALID_MUNICIPALITY",
                f"Kommunekoden '{kommuneid}' skal være 1-4 cifre.",
                f"The municipality code '{kommuneid}' must be 1-4 digits.",
                value=kommuneid,
            )
        return code
