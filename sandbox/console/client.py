"""The console's client of the sandbox API: in process, through the app itself.

The console asks the API over an `httpx.ASGITransport` into the same app, so each call passes
the namespace middleware (lock, faults, request journal) and the routes' own validation,
roles, audit and errors, exactly as an HTTP client's would. No socket is opened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.types import ASGIApp

from sandbox.api.security import CONTROL_KEY_HEADER

INTERNAL_BASE = "http://sandbox.internal"
NAMESPACE_HEADER = "X-Sandbox-Namespace"


@dataclass(frozen=True, slots=True)
class Answer:
    """Svar - one answer of the API: status, JSON body (or text) and headers."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    text: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def error(self) -> dict[str, Any]:
        """The typed error body (code, message_da, message_en, fields), or a generic one."""
        if not self.ok and isinstance(self.body, dict) and "code" in self.body:
            return self.body
        return {
            "code": f"HTTP_{self.status}",
            "message_da": f"Uventet svar fra systemet ({self.status}).",
            "message_en": f"Unexpected answer from the system ({self.status}).",
            "fields": {},
        }


class ApiClient:
    """Calls the API of ``app`` in the namespace ``namespace`` with an optional bearer token."""

    def __init__(self, app: ASGIApp, namespace: str, token: str | None = None) -> None:
        self.app = app
        self.namespace = namespace
        self.token = token

    def _headers(self) -> dict[str, str]:
        headers = {NAMESPACE_HEADER: self.namespace, "Accept": "application/json"}
        # The console is part of the server: its pages that reach the control plane (the bar's
        # clock, the staff login) are gated at the console's own door (the login asks for the
        # key), so its in-process calls carry the server's key.
        keys = getattr(getattr(self.app, "state", None), "keys", None)
        if keys is not None and keys.control_key:
            headers[CONTROL_KEY_HEADER] = keys.control_key
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    async def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
    ) -> Answer:
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url=INTERNAL_BASE) as http:
            response = await http.request(
                method,
                path,
                json=json,
                params={k: v for k, v in (params or {}).items() if v not in (None, "")},
                headers=self._headers(),
            )
        kind = response.headers.get("content-type", "")
        body: Any = response.json() if kind.startswith("application/json") else None
        return Answer(response.status_code, body, dict(response.headers), response.text)

    async def get(self, path: str, **params: Any) -> Answer:
        return await self.call("GET", path, params=params)

    async def post(self, path: str, json: Any = None) -> Answer:
        return await self.call("POST", path, json=json if json is not None else {})

    async def put(self, path: str, json: Any = None) -> Answer:
        return await self.call("PUT", path, json=json)
