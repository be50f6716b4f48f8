"""Uret - the bar's clock buttons: advance the simulated time an hour, a day or to a date, and
run the daily jobs now; the page after lists what the jobs did.

Only a session that `may_control` (a staff session; with a control key, one that logged in
with it) may use them: the console's in-process calls carry the server's key, so the console
checks at its own door. A refusal is a typed error (``CONSOLE_CONTROL_REFUSED``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from sandbox.console.web import Session, client, may_control, render, staff_session
from sandbox.domain.errors import InvalidInput, SandboxError
from sandbox.system import DAILY

STEPS = {"time": {"hours": 1}, "dag": {"days": 1}}


class ControlRefused(SandboxError):
    code = "CONSOLE_CONTROL_REFUSED"
    kind = "unauthorized"
    da = (
        "Kun en sagsbehandler, administrator eller driftsbruger, der er logget ind (med "
        "serverens kontrolnøgle, når serveren har en), kan flytte uret og køre job."
    )
    en = (
        "Only a logged-in case worker, administrator or operator (with the server's control "
        "key, when the server has one) may move the clock and run jobs."
    )


async def refused(request: Request, session: Session | None) -> Response:
    """The typed refusal as a page (401 in ``X-Sandbox-Status``)."""
    return await render(
        request,
        "problem.html.j2",
        session,
        401,
        title=("Det er ikke tilladt", "That is not allowed"),
        error=ControlRefused().to_dict(),
    )


def _back(given: str) -> str:
    """The page the bar's form was on (only a console page, never another host)."""
    ok = given.startswith("/console/") and not given.startswith("/console/ur/")
    return given if ok and "//" not in given else "/console/"


async def _shown(
    request: Request, session: Session, runs: list[dict[str, Any]], **context: Any
) -> Response:
    form = await request.form()
    context.setdefault("back", _back(str(form.get("tilbage", ""))))
    return await render(
        request,
        "clock.html.j2",
        session,
        context.pop("status_code", 200),
        title=("Uret og jobbene", "The clock and the jobs"),
        runs=runs,
        **context,
    )


def build_router() -> APIRouter:
    router = APIRouter(prefix="/console/ur", include_in_schema=False)

    @router.post("/frem")
    async def advance(request: Request, skridt: Annotated[str, Form()] = "time") -> Response:
        """Move the clock an hour or a day, running the jobs that fall due on the way."""
        session = staff_session(request)
        if session is None or not may_control(request, session):
            return await refused(request, session)
        if skridt not in STEPS:
            error = InvalidInput(
                field="skridt", reason_da="time eller dag", reason_en="hour or day"
            )
            return await _shown(request, session, [], error=error.to_dict(), status_code=422)
        answer = await client(request, session).post("/_control/clock/advance", STEPS[skridt])
        return await _moved(request, session, answer.ok, answer.status, answer.body, answer.error)

    @router.post("/dato")
    async def to_date(request: Request, dato: Annotated[str, Form()] = "") -> Response:
        """Move the clock to a date (at the clock's present time of day)."""
        session = staff_session(request)
        if session is None or not may_control(request, session):
            return await refused(request, session)
        api = client(request, session)
        now = (await api.get("/_control/clock")).body["now"]
        answer = await api.put("/_control/clock", {"now": f"{dato.strip()}T{now[11:19]}"})
        return await _moved(request, session, answer.ok, answer.status, answer.body, answer.error)

    @router.post("/job")
    async def run_daily(request: Request) -> Response:
        """Run the daily jobs now, in their order; list each run, quiet ones too."""
        session = staff_session(request)
        if session is None or not may_control(request, session):
            return await refused(request, session)
        api = client(request, session)
        runs = [(await api.post(f"/_control/jobs/{job}")).body for job in DAILY]
        return await _shown(request, session, runs, ran=True)

    return router


async def _moved(
    request: Request,
    session: Session,
    ok: bool,
    status: int,
    body: Any,
    error: dict[str, Any],
) -> Response:
    if not ok:
        return await _shown(request, session, [], error=error, status_code=status)
    return await _shown(request, session, body["runs"], moved=body, quiet=body["quiet_runs"])
