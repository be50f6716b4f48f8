"""The case worker's actions: choose a GP (preview first), the doctor's answer, group change,
card order. Each posts to the API and shows the system's decision with its reasons; a refusal
or bad input comes back as the API's typed error next to the field it concerns."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from sandbox.console.client import Answer
from sandbox.console.staff import problem, show_overview
from sandbox.console.web import (
    Session,
    blank,
    client,
    field_errors,
    redirect,
    render,
    staff_session,
)

CW = "/sygesikring/case-worker"
Text = Annotated[str, Form()]


async def show_case(
    request: Request,
    session: Session,
    case_id: str,
    decisions: list[dict[str, Any]] | None = None,
    errors: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """Forløbsdetaljer, with the decisions the action just made (or the refusal)."""
    api = client(request, session)
    seen = await api.get(f"{CW}/cases/{case_id}")
    if not seen.ok:
        return await problem(request, session, seen.status, seen.error)
    luna = await api.get(f"/luna/registrations/{case_id}")
    return await render(
        request,
        "case.html.j2",
        session,
        status_code,
        title=("Forløbsdetaljer", "Case details"),
        case=seen.body,
        luna=luna.body if luna.ok else None,
        decisions=decisions or [],
        errors=errors or {},
    )


async def _after(
    request: Request, session: Session, cpr: str, answer: Answer, form: str, values: dict[str, Any]
) -> Response:
    """The case the action made, or the overview with the refusal next to the form's field."""
    if answer.ok:
        return await show_case(request, session, answer.body["case_id"], answer.body["decisions"])
    if answer.status == 401:
        return await problem(request, session, 401, answer.error)
    errors = field_errors(answer.error)
    return await show_overview(request, session, cpr, errors, values, form, answer.status)


def build_router() -> APIRouter:
    router = APIRouter(prefix="/console", include_in_schema=False)

    @router.post("/sikrede/{cpr}/laegevalg/forhaandsvisning")
    async def preview(
        request: Request, cpr: str, ydernummer: Text = "", effective_date: Text = ""
    ) -> Response:
        """What the choice would decide and cost, before anything changes."""
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        values = {"ydernummer": ydernummer.strip(), "effective_date": blank(effective_date)}
        api = client(request, session)
        answer = await api.post(f"{CW}/citizens/{cpr}/gp-choice/preview", values)
        if not answer.ok:
            return await _after(request, session, cpr, answer, "choice", values)
        practice = await api.get(f"/sygesikring/practices/{values['ydernummer']}")
        return await render(
            request,
            "preview.html.j2",
            session,
            title=("Forhåndsvisning af lægevalg", "Preview of the GP choice"),
            cpr=cpr,
            plan=answer.body,
            practice=practice.body if practice.ok else None,
            values=values,
        )

    @router.post("/sikrede/{cpr}/laegevalg")
    async def choose(
        request: Request, cpr: str, ydernummer: Text = "", effective_date: Text = ""
    ) -> Response:
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        values = {"ydernummer": ydernummer.strip(), "effective_date": blank(effective_date)}
        answer = await client(request, session).post(f"{CW}/citizens/{cpr}/gp-choice", values)
        return await _after(request, session, cpr, answer, "choice", values)

    @router.post("/sikrede/{cpr}/gruppeskift")
    async def group_change(
        request: Request, cpr: str, group: Text = "", valid_from: Text = ""
    ) -> Response:
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        chosen: int | str = int(group) if group.strip().isdigit() else group.strip()
        values = {"group": chosen, "valid_from": blank(valid_from)}
        answer = await client(request, session).post(f"{CW}/citizens/{cpr}/group-change", values)
        return await _after(request, session, cpr, answer, "group", values)

    @router.post("/sikrede/{cpr}/sundhedskort")
    async def health_card(request: Request, cpr: str, reason: Text = "") -> Response:
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        values = {"reason": reason.strip()}
        answer = await client(request, session).post(f"{CW}/citizens/{cpr}/health-card", values)
        return await _after(request, session, cpr, answer, "card", values)

    @router.post("/forloeb/{case_id}/accept")
    async def accept(request: Request, case_id: str) -> Response:
        """The doctor accepted the pending choice (dispensation)."""
        return await _answer(request, case_id, "accept", None)

    @router.post("/forloeb/{case_id}/afvis")
    async def reject(request: Request, case_id: str, reason_da: Text = "") -> Response:
        """The doctor rejected it: the pending choice is cancelled."""
        return await _answer(request, case_id, "reject", {"reason_da": reason_da.strip()})

    return router


async def _answer(
    request: Request, case_id: str, verb: str, body: dict[str, Any] | None
) -> Response:
    session = staff_session(request)
    if session is None:
        return redirect("/console/login")
    answer = await client(request, session).post(f"{CW}/cases/{case_id}/dispensation/{verb}", body)
    if answer.ok:
        return await show_case(request, session, case_id, answer.body["decisions"])
    errors = field_errors(answer.error)
    return await show_case(request, session, case_id, None, errors, answer.status)
