"""What every console page shares: sessions in cookies, the language, the bar, rendering.

A session is a cookie holding the namespace and the API token it was issued in (staff and
citizen sessions apart, so a trainer can be both in two tabs). The token is the API's own:
whatever the cookie says, the API decides what the token may do. The language is Danish unless
the English toggle set ``sbx_lang=en``. Every page shows the bar: the namespace and the
simulated date and time of its clock, and to a staff session that may use the control plane
(`may_control`) the clock's buttons.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, pass_context, select_autoescape
from jinja2.runtime import Context

from sandbox.console.client import ApiClient
from sandbox.domain.danish import date_text, parse_iso_date

STAFF_COOKIE = "sbx_staff"
CITIZEN_COOKIE = "sbx_citizen"
LANG_COOKIE = "sbx_lang"
DEFAULT_NAMESPACE = "default"

ROLE_DA = {
    "case_worker": ("Sagsbehandler", "Case worker"),
    "case_worker_special": (
        "Sagsbehandler med særlige rettigheder",
        "Case worker with special rights",
    ),
    "municipal_admin": ("Kommunal administrator", "Municipal administrator"),
    "operator": ("Drift (Service Desk)", "Operator (Service Desk)"),
    "citizen": ("Borger", "Citizen"),
}


@dataclass(frozen=True, slots=True)
class Session:
    """Session - who is logged in, in which namespace, with which API token."""

    namespace: str
    token: str
    role: str
    user_id: str
    municipality_code: str | None = None
    label: str = ""
    # with a control key: proof that this session logged in with it (`control_proof`)
    control: str = ""

    def encode(self) -> str:
        return base64.urlsafe_b64encode(json.dumps(asdict(self)).encode()).decode()

    @staticmethod
    def decode(text: str | None) -> Session | None:
        if not text:
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(text.encode()))
            return Session(**data)
        except (ValueError, TypeError):
            return None


def control_proof(request: Request, token: str) -> str:
    """What a staff session that logged in with the server's control key carries: a MAC of its
    token under the server's secret (the cookie itself is not signed, so a claim is not enough)."""
    secret: bytes = request.app.state.keys.secret
    return hmac.new(secret, f"console-control:{token}".encode(), hashlib.sha256).hexdigest()


def may_control(request: Request, session: Session | None) -> bool:
    """Whether the session may move the clock, run jobs and use the trainer page: a staff
    session, and when the server has a control key, one that logged in with it."""
    if session is None or session.role == "citizen":
        return False
    if request.app.state.keys.control_key is None:
        return True
    # str(): a cookie made by hand may hold anything where the proof belongs
    return hmac.compare_digest(
        str(session.control).encode(), control_proof(request, str(session.token)).encode()
    )


def staff_session(request: Request) -> Session | None:
    return Session.decode(request.cookies.get(STAFF_COOKIE))


def citizen_session(request: Request) -> Session | None:
    return Session.decode(request.cookies.get(CITIZEN_COOKIE))


def remember(response: Response, cookie: str, session: Session | None) -> None:
    """Set (or with None, clear) a session cookie: HTTP only, same site, path /."""
    if session is None:
        response.delete_cookie(cookie, path="/")
    else:
        response.set_cookie(cookie, session.encode(), httponly=True, samesite="strict", path="/")


def language(request: Request) -> str:
    return "en" if request.cookies.get(LANG_COOKIE) == "en" else "da"


def client(request: Request, session: Session | None, namespace: str | None = None) -> ApiClient:
    """An API client in the session's namespace (or ``namespace``) with its token."""
    name = namespace or (session.namespace if session else DEFAULT_NAMESPACE)
    return ApiClient(request.app, name, session.token if session else None)


def blank(value: str) -> str | None:
    """A form field as the API wants it: trimmed, and None when left empty."""
    return value.strip() or None


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def cpr_text(digits: str | None) -> str:
    """A CPR number as people write it: DDMMYY-XXXX."""
    if not digits:
        return ""
    return f"{digits[:6]}-{digits[6:]}" if len(digits) == 10 else digits


@pass_context
def day_text(context: Context, value: Any) -> str:
    """An ISO date as a person reads it: '9. april 2025' (Danish) or '9 April 2025'."""
    if value in (None, ""):
        return ""
    day = parse_iso_date(str(value))
    if day is None:
        return str(value)
    return date_text(day, "en" if context.get("lang") == "en" else "da")


def moment_text(value: str | None) -> str:
    """An ISO date-time as 'YYYY-MM-DD HH:MM'."""
    if not value:
        return ""
    return value.replace("T", " ")[:16]


def field_errors(error: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The typed error keyed by the form field it belongs to ('' when it names none)."""
    fields = error.get("fields") or {}
    names: list[str] = []
    for problem in fields.get("errors", []) if isinstance(fields, dict) else []:
        loc = [part for part in problem.get("loc", []) if part not in ("body", "query", "path")]
        if loc:
            names.append(str(loc[-1]) if not str(loc[-1]).isdigit() else str(loc[0]))
    if isinstance(fields, dict) and isinstance(fields.get("field"), str):
        names.append(fields["field"])
    return {name: error for name in names} or {"": error}


def _here(request: Request) -> str:
    """Where the language toggle returns to: this page, or after a form's POST the page the
    form was on (a POST route cannot be fetched again)."""
    if request.method == "GET":
        return request.url.path + (f"?{request.url.query}" if request.url.query else "")
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc == request.url.netloc and referer.path.startswith("/console/"):
        return referer.path + (f"?{referer.query}" if referer.query else "")
    return "/console/"


_ENV = Environment(
    loader=PackageLoader("sandbox.console", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["cpr"] = cpr_text
_ENV.filters["moment"] = moment_text
_ENV.filters["day"] = day_text


async def render(
    request: Request,
    template: str,
    session: Session | None,
    status_code: int = 200,
    namespace: str | None = None,
    **context: Any,
) -> HTMLResponse:
    """A page with the bar: namespace and the simulated clock, asked of the control plane."""
    lang = language(request)
    title = context.pop("title", "")
    if isinstance(title, tuple):
        title = title[1] if lang == "en" else title[0]
    api = client(request, session, namespace)
    clock = await api.get("/_control/clock")
    now = clock.body.get("now") if clock.ok and isinstance(clock.body, dict) else None
    page = _ENV.get_template(template).render(
        request=request,
        lang=lang,
        t=(lambda da, en: en if lang == "en" else da),
        session=session,
        namespace=api.namespace,
        now=moment_text(now),
        title=title,
        role_text=ROLE_DA,
        # a page shown after a form's POST may say where it came from (``back``)
        path=context.pop("back", None) or _here(request),
        may_control=may_control(request, session),
        today=now[:10] if now else "",
        **context,
    )
    # A refused form is a page that shows the typed error, not a failed load: browsers log
    # every 4xx document as a console error, so the page itself answers 200; the error's code
    # is in the page (``data-code``) and its HTTP status in ``X-Sandbox-Status``.
    headers = {"X-Sandbox-Status": str(status_code)}
    return HTMLResponse(page, status_code=200, headers=headers)
