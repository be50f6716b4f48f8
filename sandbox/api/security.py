"""Who may use the control plane, and the server's own secret (safe to share, DESIGN.md).

- `ServerKeys`: the control key (None: the control plane is open, which `sandbox serve` allows
  on loopback only) and the server secret. The secret signs staff tokens, MitID sessions and
  the system credential; nothing the API shows reveals it. With a control key it is derived
  from the key, so a server restarted with the same key issues the same tokens; without one it
  is random per server (`secrets`). It is not world state: the same requests still give the same
  world, whatever the secret.
- `ControlKeyMiddleware`: with a control key, every ``/_control`` request must carry it in
  ``X-Sandbox-Control-Key`` (401 otherwise), checked before the request reaches a namespace.
- `is_loopback`: whether a host to listen on is reachable from this machine only.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import secrets
import socket
from dataclasses import dataclass
from typing import Annotated

from fastapi import Header
from starlette.types import ASGIApp, Receive, Scope, Send

from sandbox.domain.errors import SandboxError

CONTROL_KEY_HEADER = "X-Sandbox-Control-Key"
CONTROL_PREFIX = "/_control"
MIN_CONTROL_KEY = 16


class ControlKeyRequired(SandboxError):
    code = "CONTROL_KEY_REQUIRED"
    kind = "unauthorized"
    da = "Kontrolplanet kræver serverens kontrolnøgle i headeren X-Sandbox-Control-Key."
    en = "The control plane needs the server's control key in the header X-Sandbox-Control-Key."


class ControlKeyMissing(SandboxError):
    """`sandbox serve` on an address other machines reach, without a control key."""

    code = "CONTROL_KEY_REQUIRED"
    da = (
        "sandbox serve lytter på {host}, som andre maskiner kan nå: angiv en kontrolnøgle "
        "med --control-key eller SANDBOX_CONTROL_KEY (mindst {length} tegn), eller lyt på "
        "127.0.0.1."
    )
    en = (
        "sandbox serve listens on {host}, which other machines reach: give a control key with "
        "--control-key or SANDBOX_CONTROL_KEY (at least {length} characters), or listen on "
        "127.0.0.1."
    )


class ControlKeyTooShort(SandboxError):
    code = "CONTROL_KEY_TOO_SHORT"
    da = (
        "Kontrolnøglen skal være mindst {length} tegn; lav en med "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(24))'."
    )
    en = (
        "The control key must be at least {length} characters; make one with "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(24))'."
    )


def _mac(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class ServerKeys:
    """Servernøgler - the control key (or None) and the secret the server signs with."""

    control_key: str | None
    secret: bytes

    @staticmethod
    def make(control_key: str | None = None, secret: bytes | None = None) -> ServerKeys:
        """Keys for a server; ``secret`` defaults to one derived from the control key, or a
        random one when there is no key."""
        key = control_key or None
        if key is not None and len(key) < MIN_CONTROL_KEY:
            raise ControlKeyTooShort(length=MIN_CONTROL_KEY)
        if secret is None:
            secret = (
                hmac.new(key.encode(), b"sandbox server secret v1", hashlib.sha256).digest()
                if key is not None
                else secrets.token_bytes(32)
            )
        return ServerKeys(key, secret)

    def world_key(self, namespace: str, seed: int) -> str:
        """The key a namespace's world signs its tokens with (per namespace and seed)."""
        return _mac(self.secret, f"world:{namespace}:{seed}")

    def system_credential(self) -> str:
        """The credential authorised systems present to the fake CPR for protected data."""
        return "sys-" + _mac(self.secret, "system-credential:cpr-protected")[:40]

    def is_system(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(
            given.encode(), self.system_credential().encode()
        )

    def allows_control(self, given: str | None) -> bool:
        if self.control_key is None:
            return True
        # a header arrives as bytes read as latin-1: compare those bytes with the key's UTF-8
        return given is not None and hmac.compare_digest(
            given.encode("latin-1", "replace"), self.control_key.encode()
        )


async def control_key_header(
    x_sandbox_control_key: Annotated[
        str | None,
        Header(
            max_length=500,
            description="The server's control key: required on every /_control request when "
            "the server was started with one (--control-key), ignored otherwise.",
        ),
    ] = None,
) -> None:
    """Documents the control-key header; `ControlKeyMiddleware` has already checked it."""


def is_control_path(path: str) -> bool:
    return path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


class ControlKeyMiddleware:
    """Refuses ``/_control`` requests without the control key, before anything else runs (no
    namespace is made, no lock taken, nothing journaled)."""

    def __init__(self, app: ASGIApp, keys: ServerKeys) -> None:
        self.app = app
        self.keys = keys
        self.header = CONTROL_KEY_HEADER.lower().encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and self.keys.control_key is not None
            and is_control_path(str(scope.get("path", "")))
            and not self.keys.allows_control(_header(scope, self.header))
        ):
            body = json.dumps(ControlKeyRequired().to_dict(), ensure_ascii=False).encode()
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", b"%d" % len(body)),
                (b"www-authenticate", b'SandboxControlKey header="X-Sandbox-Control-Key"'),
            ]
            await send({"type": "http.response.start", "status": 401, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def is_loopback(host: str) -> bool:
    """True when every address ``host`` names is a loopback address (127.0.0.0/8, ::1)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = {str(info[4][0]).split("%")[0] for info in found}
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)
