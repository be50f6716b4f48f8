"""The request body at the edge: read within a size limit, and refused before any route when
it is JSON no route could use safely.

`read_body` streams the body and stops as soon as it passes the limit (a ``Content-Length``
over it is refused without reading a byte), so a 50 MB upload costs nothing. `check_json`
refuses JSON that Python would choke on later: nesting deeper than `MAX_DEPTH` (the parser
and the serialisers recurse) and lone UTF-16 surrogates (``"\\ud800"``), which JSON's escapes
allow but UTF-8 cannot encode, so a stored one would break every later answer that shows it.
Both are refused with 400 before the route runs, so nothing changes.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.types import Receive

from sandbox.domain.errors import SandboxError

DEFAULT_MAX_BODY = 1024 * 1024  # 1 MiB
MAX_DEPTH = 32
# A JSON escape of a UTF-16 surrogate (paired ones are fine; only then is the body decoded).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class BodyTooLarge(SandboxError):
    code = "BODY_TOO_LARGE"
    kind = "too_large"
    da = "Forespørgslens krop er for stor: højst {limit} bytes."
    en = "The request body is too large: at most {limit} bytes."


class MalformedBody(SandboxError):
    code = "MALFORMED_JSON"
    kind = "malformed"
    da = "Forespørgslens krop er ikke brugbar JSON: {reason_da}."
    en = "The request body is not usable JSON: {reason_en}."


def declared_length(headers: list[tuple[bytes, bytes]]) -> int | None:
    for key, value in headers:
        if key == b"content-length":
            text = bytes(value).strip()
            return int(text) if text.isdigit() else None
    return None


async def read_body(receive: Receive, limit: int, declared: int | None) -> bytes:
    """The whole body, or `BodyTooLarge` as soon as it (or its declared length) passes
    ``limit``. A client that disconnects gives what arrived."""
    if declared is not None and declared > limit:
        raise BodyTooLarge(limit=limit)
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = bytes(message.get("body", b""))
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit=limit)
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _too_deep(raw: bytes) -> bool:
    """Whether brackets outside strings nest deeper than `MAX_DEPTH`."""
    if raw.count(b"[") + raw.count(b"{") <= MAX_DEPTH:
        return False  # cannot nest that deep: the common case costs two counts
    depth = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def _has_lone_surrogate(raw: bytes) -> bool:
    if _SURROGATE_ESCAPE.search(raw) is None:
        return False
    try:
        value: Any = json.loads(raw)
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except ValueError:
        return False  # not JSON at all: the route's own parser says so
    return False


def check_json(raw: bytes) -> None:
    """`MalformedBody` when ``raw`` nests too deep or holds a lone surrogate."""
    if _too_deep(raw):
        raise MalformedBody(
            reason_da=f"den er indlejret mere end {MAX_DEPTH} niveauer",
            reason_en=f"it nests more than {MAX_DEPTH} levels deep",
            max_depth=MAX_DEPTH,
        )
    if _has_lone_surrogate(raw):
        raise MalformedBody(
            reason_da="den indeholder et enligt UTF-16-surrogat (fx \\ud800), som ikke er tekst",
            reason_en="it holds a lone UTF-16 surrogate (such as \\ud800), which is not text",
        )


def is_json(headers: list[tuple[bytes, bytes]]) -> bool:
    for key, value in headers:
        if key == b"content-type":
            media = bytes(value).split(b";")[0].strip().lower()
            return media == b"application/json" or media.endswith(b"+json")
    return False


def storable(raw: bytes) -> Any:
    """The body as the journal keeps it: parsed JSON when it encodes back to UTF-8, else the
    text (undecodable bytes replaced), so a stored body never breaks a later answer."""
    if not raw:
        return None
    try:
        value = json.loads(raw)
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):
        return raw.decode("utf-8", errors="replace")
    return value
