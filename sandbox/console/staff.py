"""Sagsbehandlerklient - the case workers' client: login, search, the citizen's pages, the case.

Login chooses a user of the world (a case worker with or without special rights, or a
municipal administrator, of each municipality with practices; or an operator) in a namespace;
the console asks the control plane for that user's token, as a test would. Each page is one or
more API reads (audited by the API as any client's) rendered as HTML.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import quote

import anyio
import anyio.to_thread
from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from sandbox.api.namespaces import Namespaces
from sandbox.api.security import ControlKeyRequired
from sandbox.console.client import ApiClient
from sandbox.console.web import (
    DEFAULT_NAMESPACE,
    LANG_COOKIE,
    STAFF_COOKIE,
    Session,
    client,
    control_proof,
    redirect,
    remember,
    render,
    staff_session,
)
from sandbox.domain.errors import SandboxError
from sandbox.service import views
from sandbox.service.view_parts import ViewNotAllowed

CPR_TEXT = re.compile(r"^\s*\d{6}-?\d{4}\s*$")
CASE_WORKERS = ("case_worker", "case_worker_special")
ROLE_PREFIX = {"case_worker": "sb", "case_worker_special": "sbs", "municipal_admin": "adm"}
OPERATOR_ID = "drift-1"


def _slug(name: str) -> str:
    plain = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


async def world_users(api: ApiClient) -> list[dict[str, Any]]:
    """The users a trainer may log in as: per municipality with practices, a case worker, one
    with special rights and an administrator; and an operator."""
    names = {m["code"]: m["name"] for m in (await api.get("/sygesikring/municipalities")).body}
    codes: set[str] = set()
    offset = 0
    while True:
        page = await api.get("/sygesikring/practices", offset=offset, limit=1000)
        codes.update(p["municipality_code"] for p in page.body)
        if len(page.body) < 1000:
            break
        offset += 1000
    users = []
    for code in sorted(codes, key=lambda c: names.get(c, c)):
        for role, prefix in ROLE_PREFIX.items():
            user = f"{prefix}-{_slug(names.get(code, code))}-1"
            users.append({"role": role, "user_id": user, "code": code, "name": names.get(code)})
    users.append({"role": "operator", "user_id": OPERATOR_ID, "code": None, "name": None})
    return users


def _home(session: Session) -> str:
    if session.role == "municipal_admin":
        return "/console/revisionslog"
    if session.role == "operator":
        return "/console/genopretning"
    return "/console/sikrede"


def build_router() -> APIRouter:
    router = APIRouter(prefix="/console", include_in_schema=False)

    @router.get("/")
    async def start(request: Request) -> Response:
        session = staff_session(request)
        return redirect(_home(session) if session else "/console/login")

    @router.get("/sprog")
    async def switch_language(
        request: Request, til: str = "da", tilbage: str = "/console/"
    ) -> Response:
        """The language toggle: remembers the choice and goes back to the page."""
        back = tilbage if tilbage.startswith("/") and not tilbage.startswith("//") else "/console/"
        response = redirect(back)
        response.set_cookie(LANG_COOKIE, "en" if til == "en" else "da", samesite="strict", path="/")
        return response

    @router.get("/login")
    async def login_page(request: Request, navnerum: str = DEFAULT_NAMESPACE) -> Response:
        return await _login_page(request, navnerum, {})

    async def _login_page(
        request: Request, namespace: str, errors: dict[str, Any], status_code: int = 200
    ) -> Response:
        api = ApiClient(request.app, namespace)
        users = await world_users(api) if not errors.get("navnerum") else []
        return await render(
            request,
            "login.html.j2",
            None,
            status_code,
            namespace=namespace if not errors.get("navnerum") else DEFAULT_NAMESPACE,
            title=("Log ind i sagsbehandlerklienten", "Log in to the case workers' client"),
            users=users,
            needs_control_key=request.app.state.keys.control_key is not None,
            chosen_namespace=namespace,
            errors=errors,
        )

    @router.post("/login")
    async def login(
        request: Request,
        navnerum: Annotated[str, Form()] = DEFAULT_NAMESPACE,
        bruger: Annotated[str, Form()] = "",
        kontrolnoegle: Annotated[str, Form()] = "",
    ) -> Response:
        namespace = navnerum.strip() or DEFAULT_NAMESPACE
        keys = request.app.state.keys
        if not keys.allows_control(kontrolnoegle or None):
            # Logging in mints a token of any role: with a control key set, only who knows it.
            refused = ControlKeyRequired().to_dict()
            return await _login_page(request, namespace, {"kontrolnoegle": refused}, 401)
        probe = await ApiClient(request.app, namespace).get("/_control/clock")
        if not probe.ok:
            return await _login_page(request, namespace, {"navnerum": probe.error}, probe.status)
        role, _, rest = bruger.partition("|")
        user_id, _, code = rest.partition("|")
        body = {"role": role, "user_id": user_id, "municipality_code": code or None}
        issued = await ApiClient(request.app, namespace).post("/_control/tokens", body)
        if not issued.ok:
            errors = {"bruger": issued.error}
            return await _login_page(request, namespace, errors, issued.status)
        token = issued.body
        proof = control_proof(request, token["token"]) if keys.control_key else ""
        session = Session(
            namespace,
            token["token"],
            token["role"],
            user_id,
            token["municipality_code"],
            control=proof,
        )
        response = redirect(_home(session))
        remember(response, STAFF_COOKIE, session)
        return response

    @router.post("/logout")
    async def logout(request: Request) -> Response:
        # back to the login of the same world: a trainee logs in again without retyping it
        session = staff_session(request)
        where = f"?navnerum={quote(session.namespace)}" if session is not None else ""
        response = redirect(f"/console/login{where}")
        remember(response, STAFF_COOKIE, None)
        return response

    @router.get("/sikrede")
    async def search(request: Request, q: str = "") -> Response:
        """Find sikret by CPR number (straight to the overview) or by name."""
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        errors: dict[str, Any] = {}
        found: list[dict[str, Any]] | None = None
        if CPR_TEXT.match(q):
            answer = await client(request, session).get(
                f"/sygesikring/case-worker/citizens/{q.strip()}/gp-choice-card"
            )
            if answer.ok:
                return redirect(f"/console/sikrede/{answer.body['person']['cpr']}")
            errors = {"q": answer.error}
        elif q.strip():
            try:
                found = await _find(request, session, q)
            except SandboxError as error:
                errors = {"q": error.to_dict()}
        return await render(
            request,
            "search.html.j2",
            session,
            422 if errors else 200,
            title=("Find sikret", "Find citizen"),
            q=q,
            found=found,
            errors=errors,
        )

    @router.get("/sikrede/{cpr}")
    async def overview(request: Request, cpr: str) -> Response:
        """Sikrede overblik with the Lægevalgskort (and Kommende praksishændelser)."""
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        return await show_overview(request, session, cpr)

    @router.get("/sikrede/{cpr}/historik")
    async def history(request: Request, cpr: str) -> Response:
        """Lægevalgshistorik, with the physical-card opt-out as LUNA holds it."""
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        return await api_page(
            request,
            session,
            f"/sygesikring/case-worker/citizens/{cpr}/gp-choice-history",
            "history.html.j2",
            ("Lægevalgshistorik", "GP-choice history"),
        )

    @router.get("/forloeb/{case_id}")
    async def case(request: Request, case_id: str) -> Response:
        """Forløbsdetaljer: persons, letters as the citizen gets them, LUNA status."""
        session = staff_session(request)
        if session is None:
            return redirect("/console/login")
        api = client(request, session)
        seen = await api.get(f"/sygesikring/case-worker/cases/{case_id}")
        if not seen.ok:
            return await problem(request, session, seen.status, seen.error)
        luna = await api.get(f"/luna/registrations/{case_id}")
        return await render(
            request,
            "case.html.j2",
            session,
            title=("Forløbsdetaljer", "Case details"),
            case=seen.body,
            luna=luna.body if luna.ok else None,
            errors={},
        )

    return router


async def show_overview(
    request: Request,
    session: Session,
    cpr: str,
    errors: dict[str, Any] | None = None,
    values: dict[str, Any] | None = None,
    form: str = "",
    status_code: int = 200,
) -> Response:
    """The overview page, also with a refused action's typed error next to its field."""
    api = client(request, session)
    base = f"/sygesikring/case-worker/citizens/{cpr}"
    seen = await api.get(base)
    if not seen.ok:
        return await problem(request, session, seen.status, seen.error)
    card = await api.get(f"{base}/gp-choice-card")
    practices = await api.get(
        "/sygesikring/practices", municipality_code=session.municipality_code, limit=1000
    )
    return await render(
        request,
        "overview.html.j2",
        session,
        status_code,
        title=("Sikrede overblik", "Citizen overview"),
        view=seen.body,
        card=card.body,
        practices=practices.body,
        errors=errors or {},
        values=values or {},
        form=form,
    )


async def _find(request: Request, session: Session, text: str) -> list[dict[str, Any]]:
    """The name search: a view of the service layer, under the namespace's lock (the API has
    no search route; the view audits the read as the API's views do)."""
    namespaces = request.app.state.namespaces
    assert isinstance(namespaces, Namespaces)
    namespace = namespaces.get(session.namespace)
    # shielded as in the namespace middleware: a cancelled wait must not leave the lock
    # taken by nobody
    with anyio.CancelScope(shield=True):
        await anyio.to_thread.run_sync(namespace.lock.acquire)
    try:
        world = namespace.world
        actor = world.tokens.actor(session.token)
        if actor is None or actor.municipality_code is None:
            raise ViewNotAllowed()
        return views.find_citizens(world.uow, actor, text[:100], actor.municipality_code)
    finally:
        namespace.lock.release()


async def api_page(
    request: Request,
    session: Session,
    path: str,
    template: str,
    title: tuple[str, str],
    name: str = "view",
) -> Response:
    """A page showing what the API answers at ``path`` (as ``name``), or its refusal."""
    seen = await client(request, session).get(path)
    if not seen.ok:
        return await problem(request, session, seen.status, seen.error)
    return await render(request, template, session, title=title, **{name: seen.body})


async def problem(
    request: Request, session: Session, status: int, error: dict[str, Any]
) -> Response:
    """An API refusal as a page (401: the token is gone, e.g. after a reset: log in again)."""
    if status == 401:
        response = redirect("/console/login")
        remember(response, STAFF_COOKIE, None)
        return response
    return await render(
        request,
        "problem.html.j2",
        session,
        status,
        title=("Det kunne ikke vises", "It could not be shown"),
        error=error,
    )
