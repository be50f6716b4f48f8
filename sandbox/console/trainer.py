"""Undervisning - the trainer page: a world (namespace) per trainee, made from the demo world or
a shipped scenario, listed with its simulated date, reset one at a time or all at once, each
with the link that opens the console's login in that world.

Gated as the bar's clock (`may_control`): a staff session, and when the server has a control
key, one that logged in with it. Making a world is ``POST /_control/seed`` in the trainee's
namespace (which keeps the source, so a reset returns to it); resetting is
``POST /_control/reset``. The trainer's own namespace is left out of "reset all", so the
trainer stays logged in. A trainee's world can also be set to a step of a release demo
(``POST /_control/demo``, as the demo player does: `sandbox.console.player`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

import scenarios
from sandbox.api.demo import DEMO_SCENARIO
from sandbox.console.clock import refused
from sandbox.console.web import Session, client, may_control, redirect, render, staff_session
from sandbox.simulation.demo import DEMOS

DEMO = "demo"
PAGE = "/console/undervisning"


async def worlds(request: Request, session: Session) -> list[dict[str, Any]]:
    """Every namespace with its source and simulated time."""
    names = (await client(request, session).get("/_control/namespaces")).body
    found = []
    for name in sorted(names):
        seen = await client(request, session, name).get("/_control/namespace")
        if seen.ok:
            spec = seen.body["spec"]
            source = spec["scenario"]["name"] if spec.get("scenario") else spec.get("kind")
            if source == DEMO_SCENARIO["name"]:
                source = DEMO
            found.append({"name": name, "source": source, "now": seen.body["now"]})
    return found


async def _page(
    request: Request, session: Session, errors: dict[str, Any], status_code: int = 200
) -> Response:
    return await render(
        request,
        "trainer.html.j2",
        session,
        status_code,
        title=("Undervisning: en verden pr. elev", "Training: a world per trainee"),
        worlds=await worlds(request, session),
        sources=[DEMO, *scenarios.shipped()],
        demos=sorted(DEMOS),
        own=session.namespace,
        errors=errors,
    )


def build_router() -> APIRouter:
    router = APIRouter(prefix=PAGE, include_in_schema=False)

    @router.get("")
    async def page(request: Request) -> Response:
        session = staff_session(request)
        if session is None or not may_control(request, session):
            return await refused(request, session)
        return await _page(request, session, {})

    @router.post("/ny")
    async def make(
        request: Request,
        navn: Annotated[str, Form()] = "",
        kilde: Annotated[str, Form()] = DEMO,
    ) -> Response:
        """A trainee's world: the namespace ``navn`` seeded from ``kilde``."""
        session = staff_session(request)
        if session is None or not may_control(request, session):
            return await refused(request, session)
        body = {"world": DEMO} if kilde == DEMO else {"scenario_path": kilde}
        made = await client(request, session, navn.strip()).post("/_control/seed", body)
        if not made.ok:
            field = "navn" if made.error.get("code") == "INVALID_NAMESPACE" else "kilde"
            return await _page(request, session, {field: made.error}, made.status)
        return redirect(PAGE)

    @router.post("/nulstil")
    async def reset(
        request: Request, navn: Annotated[str, Form()] = "", alle: Annotated[str, Form()] = ""
    ) -> Response:
        """Reset one trainee's world (``navn``) or, with ``alle``, every world but the
        trainer's own, back to where each was made from."""
        session = staff_session(request)
        if session is None or not may_control(request, session):
            return await refused(request, session)
        names = (
            [w["name"] for w in await worlds(request, session) if w["name"] != session.namespace]
            if alle
            else [navn]
        )
        for name in names:
            done = await client(request, session, name).post("/_control/reset")
            if not done.ok:
                return await _page(request, session, {"nulstil": done.error}, done.status)
        return redirect(PAGE)

    @router.post("/demo")
    async def to_step(
        request: Request,
        navn: Annotated[str, Form()] = "",
        demo: Annotated[str, Form()] = "",
        trin: Annotated[int, Form()] = 0,
    ) -> Response:
        """Set the trainee's world (``navn``) to step ``trin`` of the demo ``demo``."""
        session = staff_session(request)
        if session is None or not may_control(request, session):
            return await refused(request, session)
        done = await client(request, session, navn).post(
            "/_control/demo", {"demo": demo, "step": trin}
        )
        if not done.ok:
            return await _page(request, session, {"demo": done.error}, done.status)
        return redirect(PAGE)

    return router
