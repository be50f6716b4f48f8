"""The self-service's pages: the citizen's page (the GP-choice card, the practices with their
fees from the API's own preview, the actions) and a case with its letters (the receipt)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import Response

from sandbox.console.client import Answer
from sandbox.console.web import CITIZEN_COOKIE, Session, client, redirect, remember, render

SS = "/sygesikring/self-service"
FEE_PREVIEWS = 20  # the practices whose fee the page asks for (the nearest ones)
LOGOUT = "/console/selvbetjening/logout"


def code_of(kommuneid: str) -> str:
    digits = "".join(ch for ch in kommuneid if ch.isdigit())[:4]
    return digits or "0751"


def login_url(kommuneid: str, namespace: str | None = None) -> str:
    url = f"/console/mitid?kommuneid={code_of(kommuneid)}"
    return url + (f"&navnerum={quote(namespace)}" if namespace else "")


async def citizen_page(
    request: Request,
    session: Session,
    kommuneid: str,
    errors: dict[str, Any] | None = None,
    values: dict[str, Any] | None = None,
    form: str = "",
    status_code: int = 200,
    done: dict[str, Any] | None = None,
) -> Response:
    api = client(request, session)
    entry = await api.get(f"{SS}/municipalities/{code_of(kommuneid)}/gp-choice")
    if entry.status == 401:
        response = redirect(login_url(kommuneid, session.namespace))
        remember(response, CITIZEN_COOKIE, None)
        return response
    if not entry.ok:
        return await render(
            request,
            "citizen_problem.html.j2",
            session,
            entry.status,
            title=("Selvbetjening", "Self-service"),
            error=entry.error,
            logout_url=LOGOUT,
        )
    body = entry.body
    me = await api.get(f"{SS}/me") if body["known_to_sygesikring"] else None
    # Sundhedskort-appen: the children's cards a parent sees (until age.appShowsChildrenUntil)
    cards = await api.get(f"{SS}/me/health-cards") if body["known_to_sygesikring"] else None
    fees: dict[str, Any] = {}
    if body["known_to_sygesikring"]:
        for practice in body["practices"][:FEE_PREVIEWS]:
            plan = await api.post(f"{SS}/gp-choice/preview", {"ydernummer": practice["ydernummer"]})
            if plan.ok:
                fees[practice["ydernummer"]] = plan.body
    opt_out = await api.get(f"/luna/opt-outs/{session.user_id}")
    return await render(
        request,
        "citizen.html.j2",
        session,
        status_code,
        title=("Lægevalg i selvbetjeningen", "GP choice in the self-service"),
        entry=body,
        me=me.body if me is not None and me.ok else None,
        app_cards=cards.body if cards is not None and cards.ok else None,
        fees=fees,
        opted_out=opt_out.ok and opt_out.body.get("opted_out"),
        kommuneid=code_of(kommuneid),
        errors=errors or {},
        values=values or {},
        form=form,
        done=done,
        logout_url=LOGOUT,
    )


async def case_page(
    request: Request, session: Session, case_id: str, kommuneid: str, made: Answer | None = None
) -> Response:
    """A case of the citizen's with its letters (the receipt), and what the action decided."""
    seen = await client(request, session).get(f"{SS}/me/cases/{case_id}")
    if not seen.ok:
        return await render(
            request,
            "citizen_problem.html.j2",
            session,
            seen.status,
            title=("Selvbetjening", "Self-service"),
            error=seen.error,
            logout_url=LOGOUT,
        )
    return await render(
        request,
        "citizen_case.html.j2",
        session,
        title=("Kvittering", "Receipt"),
        case=seen.body,
        kommuneid=code_of(kommuneid),
        decisions=made.body.get("decisions", []) if made is not None else [],
        logout_url=LOGOUT,
    )
