"""Selvbetjening - the citizens' self-service in the browser, reached from Borger.dk's
``/laegevalg?kommuneid=`` link: the simulated MitID login, then the citizen's page.

The page shows what the API's self-service answers (the GP-choice card, the practices near
home with open or closed and distance, each one's fee from the API's own preview) and offers
its actions: choose a GP (preview first), declare a samlever, change group, order a health card,
opt out of the physical card (registered in LUNA, as the Sundhedskort app does), and the choice
ahead of a move from Greenland. Refusals show the API's typed error and the decision's reasons.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from sandbox.console.citizen_pages import (
    LOGOUT,
    SS,
    case_page,
    citizen_page,
    code_of,
    login_url,
)
from sandbox.console.client import ApiClient
from sandbox.console.web import (
    CITIZEN_COOKIE,
    DEFAULT_NAMESPACE,
    Session,
    blank,
    citizen_session,
    client,
    field_errors,
    redirect,
    remember,
    render,
)

Text = Annotated[str, Form()]


def build_router() -> APIRouter:
    router = APIRouter(prefix="/console", include_in_schema=False)

    @router.get("/mitid")
    async def mitid_page(
        request: Request, kommuneid: str = "0751", navnerum: str = DEFAULT_NAMESPACE
    ) -> Response:
        """The simulated MitID login (the fake Borger.dk's)."""
        return await _mitid(request, code_of(kommuneid), navnerum, {}, "")

    async def _mitid(
        request: Request,
        code: str,
        namespace: str,
        errors: dict[str, Any],
        cpr: str,
        status_code: int = 200,
    ) -> Response:
        return await render(
            request,
            "mitid.html.j2",
            None,
            status_code,
            namespace=namespace if "navnerum" not in errors else DEFAULT_NAMESPACE,
            title=("Log på med MitID", "Log in with MitID"),
            kommuneid=code,
            chosen_namespace=namespace,
            errors=errors,
            cpr=cpr,
        )

    @router.post("/mitid")
    async def mitid_login(
        request: Request, cpr: Text = "", kommuneid: Text = "0751", navnerum: Text = ""
    ) -> Response:
        namespace = navnerum.strip() or DEFAULT_NAMESPACE
        code = code_of(kommuneid)
        api = ApiClient(request.app, namespace)
        probe = await api.get("/_control/clock")
        if not probe.ok:
            return await _mitid(
                request, code, namespace, {"navnerum": probe.error}, cpr, probe.status
            )
        login = await api.post("/borger-dk/mitid/login", {"cpr": cpr.strip()})
        if not login.ok:
            errors = field_errors(login.error)
            errors = {"cpr": next(iter(errors.values()))}
            return await _mitid(request, code, namespace, errors, cpr, login.status)
        session = Session(namespace, login.body["token"], "citizen", login.body["cpr"])
        response = redirect(f"/console/selvbetjening?kommuneid={code}")
        remember(response, CITIZEN_COOKIE, session)
        return response

    @router.post("/selvbetjening/logout")
    async def logout(request: Request) -> Response:
        session = citizen_session(request)
        if session is not None:
            await client(request, session).call(
                "DELETE", f"/borger-dk/mitid/sessions/{session.token}"
            )
        # back to the login of the same world: a trainee logs in again without retyping it
        namespace = session.namespace if session is not None else None
        response = redirect(login_url("0751", namespace))
        remember(response, CITIZEN_COOKIE, None)
        return response

    @router.get("/selvbetjening")
    async def page(request: Request, kommuneid: str = "0751") -> Response:
        session = citizen_session(request)
        if session is None:
            return redirect(login_url(kommuneid))
        return await citizen_page(request, session, kommuneid)

    @router.get("/selvbetjening/forloeb/{case_id}")
    async def case(request: Request, case_id: str, kommuneid: str = "0751") -> Response:
        session = citizen_session(request)
        if session is None:
            return redirect(login_url(kommuneid))
        return await case_page(request, session, case_id, kommuneid)

    @router.post("/selvbetjening/laegevalg/forhaandsvisning")
    async def preview(
        request: Request, ydernummer: Text = "", kommuneid: Text = "0751"
    ) -> Response:
        session = citizen_session(request)
        if session is None:
            return redirect(login_url(kommuneid))
        values = {"ydernummer": ydernummer.strip()}
        api = client(request, session)
        plan = await api.post(f"{SS}/gp-choice/preview", values)
        if not plan.ok:
            return await citizen_page(
                request, session, kommuneid, field_errors(plan.error), values, "choice", plan.status
            )
        practice = await api.get(f"/sygesikring/practices/{values['ydernummer']}")
        return await render(
            request,
            "citizen_preview.html.j2",
            session,
            title=("Dit lægevalg", "Your GP choice"),
            plan=plan.body,
            practice=practice.body if practice.ok else None,
            values=values,
            kommuneid=code_of(kommuneid),
            logout_url=LOGOUT,
        )

    async def act(
        request: Request,
        kommuneid: str,
        path: str,
        body: dict[str, Any],
        form: str,
        values: dict[str, Any] | None = None,
        method: str = "POST",
    ) -> Response:
        session = citizen_session(request)
        if session is None:
            return redirect(login_url(kommuneid))
        answer = await client(request, session).call(method, path, json=body)
        if answer.ok and isinstance(answer.body, dict) and "case_id" in answer.body:
            return await case_page(request, session, answer.body["case_id"], kommuneid, answer)
        if answer.ok:
            return await citizen_page(request, session, kommuneid, done={"form": form})
        errors = field_errors(answer.error)
        return await citizen_page(
            request, session, kommuneid, errors, values or body, form, answer.status
        )

    @router.post("/selvbetjening/laegevalg")
    async def choose(request: Request, ydernummer: Text = "", kommuneid: Text = "0751") -> Response:
        return await act(
            request, kommuneid, f"{SS}/gp-choice", {"ydernummer": ydernummer.strip()}, "choice"
        )

    @router.post("/selvbetjening/samlever")
    async def samlever(
        request: Request,
        samlever_cpr: Text = "",
        street: Text = "",
        house_number: Text = "",
        postcode: Text = "",
        floor: Text = "",
        kommuneid: Text = "0751",
    ) -> Response:
        """Angiv samlever, living at the moving-in address (empty: your own address)."""
        address = {
            "street": street.strip(),
            "house_number": house_number.strip(),
            "postcode": postcode.strip(),
            "floor": blank(floor),
        }
        body: dict[str, Any] = {"samlever_cpr": samlever_cpr.strip()}
        if street.strip() or house_number.strip() or postcode.strip():
            body["moving_in_address"] = address
        values = {"samlever_cpr": samlever_cpr.strip(), **address}
        return await act(request, kommuneid, f"{SS}/samlever", body, "samlever", values)

    @router.post("/selvbetjening/gruppeskift")
    async def group_change(
        request: Request, group: Text = "", valid_from: Text = "", kommuneid: Text = "0751"
    ) -> Response:
        chosen: int | str = int(group) if group.strip().isdigit() else group.strip()
        body = {"group": chosen, "valid_from": blank(valid_from)}
        return await act(request, kommuneid, f"{SS}/group-change", body, "group")

    @router.post("/selvbetjening/sundhedskort")
    async def health_card(
        request: Request, reason: Text = "", kommuneid: Text = "0751"
    ) -> Response:
        return await act(request, kommuneid, f"{SS}/health-card", {"reason": reason}, "card")

    @router.post("/selvbetjening/fravalg")
    async def opt_out(request: Request, kommuneid: Text = "0751") -> Response:
        """Fravalg af fysisk sundhedskort: registered in LUNA, as the Sundhedskort app does."""
        session = citizen_session(request)
        if session is None:
            return redirect(login_url(kommuneid))
        path = f"/luna/opt-outs/{session.user_id}"
        return await act(request, kommuneid, path, {}, "optout", method="PUT")

    @router.post("/selvbetjening/groenland")
    async def greenland(
        request: Request,
        ydernummer: Text = "",
        street: Text = "",
        house_number: Text = "",
        postcode: Text = "",
        city: Text = "",
        locality: Text = "",
        expected_move_date: Text = "",
        kommuneid: Text = "0751",
    ) -> Response:
        """The choice ahead of a move from Greenland: pending until CPR reports the move."""
        code = code_of(kommuneid)
        address = {
            "street": street.strip(),
            "house_number": house_number.strip(),
            "postcode": postcode.strip(),
            "city": city.strip(),
            "municipality_code": code,
            "locality": blank(locality),
        }
        body = {
            "municipality_code": code,
            "address": address,
            "ydernummer": ydernummer.strip(),
            "expected_move_date": blank(expected_move_date),
        }
        values = {
            **address,
            "ydernummer": ydernummer.strip(),
            "expected_move_date": blank(expected_move_date),
        }
        return await act(request, kommuneid, f"{SS}/greenland-move", body, "greenland", values)

    return router
