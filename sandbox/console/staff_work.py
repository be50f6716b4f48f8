"""The municipality's work and the staff tools: Opgaveoverblik, cases awaiting LUNA, practice
events (list and register), the administrator's audit-log extract (CSV download) and the
operator's data restore (a dry run first)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from sandbox.console.staff import api_page, problem
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


def _with_seconds(moment: str | None) -> str | None:
    """A browser's datetime-local field gives ``2025-04-09T08:00``; the API takes whole ISO
    moments with seconds, as its OpenAPI says."""
    if moment is not None and len(moment) == len("2025-04-09T08:00"):
        return moment + ":00"
    return moment


def build_router() -> APIRouter:
    router = APIRouter(prefix="/console", include_in_schema=False)

    @router.get("/opgaver")
    async def tasks(request: Request) -> Response:
        """Opgaveoverblik: the municipality's open tasks and open cases."""
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        return await api_page(
            request, session, f"{CW}/tasks", "tasks.html.j2", ("Opgaveoverblik", "Task overview")
        )

    @router.get("/afventer-luna")
    async def awaiting(request: Request) -> Response:
        """Forløb der afventer LUNA: the outbox's cases still being retried (item 13)."""
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        prefix = "/sygesikring/operator" if session.role == "operator" else CW
        return await api_page(
            request,
            session,
            f"{prefix}/cases-awaiting-luna",
            "awaiting.html.j2",
            ("Forløb der afventer LUNA", "Cases awaiting LUNA"),
            name="rows",
        )

    @router.get("/praksishaendelser")
    async def practice_events(request: Request) -> Response:
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        return await _events_page(request, session, {}, {})

    @router.post("/praksishaendelser")
    async def register_event(
        request: Request,
        ydernummer: Text = "",
        kind: Text = "",
        effective_date: Text = "",
        successors: Text = "",
        description_da: Text = "",
    ) -> Response:
        """Register a practice event from the region; it opens its cases and tasks."""
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        values: dict[str, Any] = {
            "ydernummer": ydernummer.strip(),
            "kind": kind,
            "effective_date": blank(effective_date),
            "successors": [s for s in successors.replace(",", " ").split() if s],
            "description_da": description_da.strip(),
        }
        answer = await client(request, session).post(f"{CW}/practice-events", values)
        if not answer.ok:
            errors = field_errors(answer.error)
            return await _events_page(request, session, errors, values, answer.status)
        return await _events_page(request, session, {}, {}, registered=answer.body)

    @router.get("/revisionslog")
    async def audit_form(request: Request) -> Response:
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        return await _audit_page(request, session, {}, {})

    @router.get("/revisionslog/udtraek")
    async def audit_extract(
        request: Request, period_from: str = "", period_to: str = "", case_worker_id: str = ""
    ) -> Response:
        """Udtræk af revisionslog as a CSV download; a refusal shows next to its field."""
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        values = {
            "period_from": period_from,
            "period_to": period_to,
            "case_worker_id": blank(case_worker_id),
        }
        answer = await client(request, session).get(
            "/sygesikring/administrator/audit-log", format="csv", **values
        )
        if not answer.ok:
            errors = field_errors(answer.error)
            return await _audit_page(request, session, errors, values, answer.status)
        return Response(
            answer.text,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": answer.headers.get("content-disposition", "")},
        )

    @router.get("/genopretning")
    async def restore_form(request: Request) -> Response:
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        return await _restore_page(request, session, {}, {})

    @router.post("/genopretning")
    async def restore(
        request: Request, cpr: Text = "", as_of: Text = "", dry_run: Text = "true"
    ) -> Response:
        """Datagenopretning: a dry run shows the differences; then the operator applies it."""
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        moment = blank(as_of)
        values = {"cpr": cpr.strip(), "as_of": moment, "dry_run": dry_run != "false"}
        body = {"as_of": _with_seconds(moment), "dry_run": values["dry_run"]}
        answer = await client(request, session).post(
            f"/sygesikring/operator/citizens/{values['cpr'] or '-'}/restore", body
        )
        if not answer.ok:
            errors = field_errors(answer.error)
            if "" in errors and answer.error.get("code") in ("INVALID_CPR", "UNKNOWN_CITIZEN"):
                errors = {"cpr": answer.error}
            return await _restore_page(request, session, errors, values, answer.status)
        return await _restore_page(request, session, {}, values, result=answer.body)

    return router


async def _events_page(
    request: Request,
    session: Session,
    errors: dict[str, Any],
    values: dict[str, Any],
    status_code: int = 200,
    registered: dict[str, Any] | None = None,
) -> Response:
    api = client(request, session)
    events = await api.get(f"{CW}/practice-events")
    if not events.ok:
        return await problem(request, session, events.status, events.error)
    practices = await api.get(
        "/sygesikring/practices", municipality_code=session.municipality_code, limit=1000
    )
    return await render(
        request,
        "practice_events.html.j2",
        session,
        status_code,
        title=("Praksishændelser", "Practice events"),
        events=events.body,
        practices=practices.body,
        errors=errors,
        values=values,
        registered=registered,
    )


async def _audit_page(
    request: Request,
    session: Session,
    errors: dict[str, Any],
    values: dict[str, Any],
    status_code: int = 200,
) -> Response:
    return await render(
        request,
        "audit.html.j2",
        session,
        status_code,
        title=("Udtræk af revisionslog", "Audit-log extract"),
        errors=errors,
        values=values,
    )


async def _restore_page(
    request: Request,
    session: Session,
    errors: dict[str, Any],
    values: dict[str, Any],
    status_code: int = 200,
    result: dict[str, Any] | None = None,
) -> Response:
    return await render(
        request,
        "restore.html.j2",
        session,
        status_code,
        title=("Datagenopretning", "Data restore"),
        errors=errors,
        values=values,
        result=result,
    )
