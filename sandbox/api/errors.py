"""One place maps errors to HTTP: every refusal has the same body, whoever raises it.

A `SandboxError`'s ``kind`` gives the status (invalid 422, not_found 404, conflict 409,
forbidden 403, unauthorized 401, unavailable 503, malformed 400, too_large 413) and its
``to_dict()`` is the body: code, Danish and English message, fields, and for a rule's
refusal the decision with its reasons.
The fakes' `FakeError`, FastAPI's request validation (malformed JSON is 400) and Starlette's
own HTTP errors (unknown route, wrong method) are given the same shape.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from fakes.control import FakeError
from fakes.schema_types import CPR_DIGITS_PATTERN, CPR_PATTERN
from sandbox.domain.errors import InvalidCpr, SandboxError

STATUS_BY_KIND = {
    "invalid": 422,
    "not_found": 404,
    "conflict": 409,
    "forbidden": 403,
    "unauthorized": 401,
    "unavailable": 503,
    "malformed": 400,
    "too_large": 413,
}


class ErrorBody(BaseModel):
    """Fejl - every error the sandbox answers: a stable code and a Danish and English text."""

    code: str = Field(examples=["RULE_REFUSED"])
    message_da: str
    message_en: str
    fields: dict[str, Any] = Field(default_factory=dict)
    refusal_code: str | None = None
    decision: dict[str, Any] | None = None


def _described(text: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": text}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _described("Malformed request (bad JSON, bad namespace name)"),
    401: _described("No token, or a token this namespace does not know"),
    403: _described("The token's role or municipality may not do this"),
    404: _described("Unknown person, practice, case or municipality"),
    409: _described("Refused by a rule (the decision explains why) or by state"),
    413: _described("The request body is larger than the server's limit"),
    422: _described("Invalid input (CPR number, dates, fields)"),
    503: _described("The service is down (injected fault or outage window)"),
    504: _described("The service did not answer in time (an injected timeout)"),
}


class Unauthenticated(SandboxError):
    code = "UNAUTHENTICATED"
    kind = "unauthorized"
    da = "Log ind først: {reason_da}"
    en = "Log in first: {reason_en}"


class ServiceFault(SandboxError):
    code = "SERVICE_UNAVAILABLE"
    kind = "unavailable"
    da = "{service} svarer ikke ({fault}): en indsprøjtet fejl fra kontrolplanet."
    en = "{service} does not answer ({fault}): a fault injected from the control plane."


def status_of(error: SandboxError) -> int:
    return STATUS_BY_KIND.get(error.kind, 422)


def error_response(error: SandboxError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if error.kind == "unauthorized" else None
    return JSONResponse(error.to_dict(), status_code=status_of(error), headers=headers)


_CPR_PATTERNS = {CPR_PATTERN, CPR_DIGITS_PATTERN}


def _bad_cpr(item: dict[str, Any]) -> str | None:
    """The value, when a validation error is a CPR number not matching its pattern."""
    context = item.get("ctx") or {}
    if item.get("type") == "string_pattern_mismatch" and context.get("pattern") in _CPR_PATTERNS:
        return str(item.get("input", ""))[:40]
    return None


def _validation_body(error: RequestValidationError) -> tuple[int, dict[str, Any]]:
    bad_cpr = [value for value in map(_bad_cpr, error.errors()) if value is not None]
    if bad_cpr:
        # the code every CPR check has given since the first release (not INVALID_REQUEST)
        return 422, InvalidCpr(
            value=bad_cpr[0],
            reason_da="det skal være DDMMÅÅ-LLLL med ASCII-cifre og en dato, der findes",
            reason_en="it must be DDMMYY-SSSS in ASCII digits with a date that exists",
        ).to_dict()
    problems = [
        {
            "loc": [str(part) for part in item.get("loc", ())],
            "type": str(item.get("type", "")),
            "msg": str(item.get("msg", "")),
        }
        for item in error.errors()
    ]
    if any(problem["type"] == "json_invalid" for problem in problems):
        return 400, {
            "code": "MALFORMED_JSON",
            "message_da": "Forespørgslens krop er ikke gyldig JSON.",
            "message_en": "The request body is not valid JSON.",
            "fields": {"errors": problems},
        }
    where = "; ".join(f"{'.'.join(p['loc'])}: {p['msg']}" for p in problems[:5])
    return 422, {
        "code": "INVALID_REQUEST",
        "message_da": f"Forespørgslen er ugyldig ({where}).",
        "message_en": f"The request is invalid ({where}).",
        "fields": {"errors": problems},
    }


_HTTP_CODES = {
    400: (
        "MALFORMED_REQUEST",
        "Forespørgslen kan ikke læses (fx en krop, der ikke er gyldig JSON).",
        "The request cannot be read (for example a body that is not valid JSON).",
    ),
    404: ("NOT_FOUND", "Adressen findes ikke.", "No such address."),
}
_OTHER = ("Forespørgslen blev afvist", "The request was refused")


METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """The methods the OpenAPI documents at this request's path: a path that is a route of its
    own (``/_control/journal/export``) is that route's, not also a value of a neighbour's
    parameter (``/_control/journal/{service}``). Paths the OpenAPI leaves out (the console)
    get every method some route answers there."""
    paths: dict[str, dict[str, Any]] = request.app.openapi()["paths"]
    path = request.url.path
    documented = paths.get(path)
    if documented is None:
        found: set[str] = set()
        for template, item in paths.items():
            if "{" in template and _template(template).fullmatch(path):
                found.update(key.upper() for key in item)
        if found:
            return [method for method in METHODS if method in found]
        return _routed_methods(request)
    return [method for method in METHODS if method.lower() in documented]


def _template(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^/}]+\})", template)
    return re.compile("".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts))


def _routed_methods(request: Request) -> list[str]:
    found = []
    for method in METHODS:
        scope = dict(request.scope, method=method)
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            found.append(method)
    return found


def method_not_allowed(request: Request) -> JSONResponse:
    allowed = ", ".join(allowed_methods(request))
    body = {
        "code": "METHOD_NOT_ALLOWED",
        "message_da": f"Metoden {request.method} er ikke tilladt her; tilladt: {allowed}.",
        "message_en": f"The method {request.method} is not allowed here; allowed: {allowed}.",
        "fields": {"allowed": allowed.split(", ")},
    }
    return JSONResponse(body, status_code=405, headers={"Allow": allowed})


def install_error_handlers(app: FastAPI) -> None:
    """Register the one mapping of errors to responses on ``app``."""

    async def sandbox_error(_: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, SandboxError)
        return error_response(error)

    async def fake_error(_: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, FakeError)
        return JSONResponse(error.to_dict(), status_code=error.status)

    async def validation_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, RequestValidationError)
        if request.method not in allowed_methods(request):
            # a path of its own, read as a neighbour's parameter (DELETE /_control/journal/export
            # is not DELETE /_control/journal/{service}): the method is what is wrong
            return method_not_allowed(request)
        status_code, body = _validation_body(error)
        return JSONResponse(body, status_code=status_code)

    async def http_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, StarletteHTTPException)
        if error.status_code == 405:
            return method_not_allowed(request)
        code, da, en = _HTTP_CODES.get(
            error.status_code,
            (
                f"HTTP_{error.status_code}",
                f"{_OTHER[0]} ({error.status_code}).",
                f"{_OTHER[1]} ({error.status_code}): {error.detail}",
            ),
        )
        body = {"code": code, "message_da": da, "message_en": en, "fields": {}}
        return JSONResponse(body, status_code=error.status_code, headers=error.headers)

    app.add_exception_handler(SandboxError, sandbox_error)
    app.add_exception_handler(FakeError, fake_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
