"""Demoafspiller - the release 1.1 demos played step by step in the console.

``/console/demo`` lists the demos (Danish title, English beside); ``/console/demo/{name}?trin=k``
shows step k as the terminal demo tells it (the same `StepReport`s, from the same script): who
does what and when, each decision with its reasons in Danish and English beside them, rule,
parameters and source, the cases, letters, card orders and LUNA registrations that appeared,
each linked to the client page that shows it, and the trainer's note ("Det skal du vise").
Frem, Tilbage and Forfra set the session's own world to that step (``POST /_control/demo``,
played again from the seed), so the links open what the step made.

Gated as the bar's clock (`may_control`). What a page shows comes from one silent run of the
demo to its end, kept per demo (the steps of a run to step k are the same as the first k of
the whole run: each starts from the seed).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from sandbox.console.clock import refused
from sandbox.console.web import Session, client, may_control, redirect, render, staff_session
from sandbox.domain.errors import SandboxError
from sandbox.simulation import demo_labels as labels
from sandbox.simulation.demo import DEMOS, TITLES_EN
from sandbox.simulation.demo_play import DemoStepOutOfRange, demo_named, play

PAGE = "/console/demo"
NOT_FOUND, INVALID = 404, 422
# what appeared, as the player names it
APPEARED = {
    "case": ("Forløb", "Case"),
    "letter": ("Brev", "Letter"),
    "card_order": ("Kortbestilling", "Card order"),
    "luna": ("LUNA-registrering", "LUNA registration"),
}


@cache
def story(name: str) -> tuple[str, str, tuple[dict[str, Any], ...]]:
    """The demo's titles and every step as told (a silent run to its end, kept)."""
    played = play(name)
    return played.title_da, played.title_en, tuple(r.to_dict() for r in played.reports)


def stamp(iso: str, lang: str) -> str:
    """A step's simulated time as the terminal demo writes it (9. apr. 2025 kl. 09:00)."""
    return labels.stamp(datetime.fromisoformat(iso), "en" if lang == "en" else "da")


def appeared(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The cases, letters, card orders and LUNA registrations a step made, in order."""
    found = []
    for block in report["blocks"]:
        for item in block["items"]:
            kind = item.get("appeared")
            if kind in APPEARED:
                found.append({**item, "label_da": APPEARED[kind][0], "label_en": APPEARED[kind][1]})
    return found


def link_of(item: dict[str, Any]) -> str:
    """The client page that shows an item: its case, else its person."""
    if item.get("case_id"):
        return f"/console/forloeb/{item['case_id']}"
    if item.get("cpr"):
        return f"/console/sikrede/{item['cpr']}"
    return ""


async def _problem(
    request: Request, session: Session, error: dict[str, Any], status: int
) -> Response:
    return await render(
        request,
        "problem.html.j2",
        session,
        status,
        title=("Demoen kan ikke vises", "The demo cannot be shown"),
        error=error,
    )


def build_router() -> APIRouter:
    router = APIRouter(prefix=PAGE, include_in_schema=False)

    @router.get("")
    async def demos(request: Request) -> Response:
        session = staff_session(request)
        if session is None or not may_control(request, session):
            return await refused(request, session)
        listed = []
        for name in sorted(DEMOS):
            scenario = await run_in_threadpool(demo_named, name)
            listed.append(
                {
                    "name": name,
                    "title_da": scenario.description,
                    "title_en": TITLES_EN.get(name, scenario.name),
                    "steps": len(scenario.script),
                }
            )
        return await render(
            request,
            "demos.html.j2",
            session,
            title=("Demoafspiller", "Demo player"),
            demos=listed,
        )

    @router.get("/{name}")
    async def step_page(request: Request, name: str, trin: int = 0) -> Response:
        session = staff_session(request)
        if session is None or not may_control(request, session):
            return await refused(request, session)
        try:
            title_da, title_en, reports = await run_in_threadpool(story, name)
        except SandboxError as error:
            return await _problem(request, session, error.to_dict(), NOT_FOUND)
        last = len(reports) - 1
        if not 0 <= trin <= last:
            wrong = DemoStepOutOfRange(name=name, last=last, step=trin)
            return await _problem(request, session, wrong.to_dict(), INVALID)
        report = reports[trin]
        return await render(
            request,
            "demo_step.html.j2",
            session,
            title=(f"Demo: {name}", f"Demo: {name}"),
            name=name,
            title_da=title_da,
            title_en=title_en,
            step=report,
            number=trin,
            last=last,
            appeared=appeared(report),
            link_of=link_of,
            stamp=stamp,
        )

    @router.post("/{name}")
    async def set_step(request: Request, name: str, trin: Annotated[int, Form()] = 0) -> Response:
        """Set the session's own world to step ``trin`` (played from the seed) and show it."""
        session = staff_session(request)
        if session is None or not may_control(request, session):
            return await refused(request, session)
        done = await client(request, session).post("/_control/demo", {"demo": name, "step": trin})
        if not done.ok:
            return await _problem(request, session, done.error, done.status)
        return redirect(f"{PAGE}/{name}?trin={trin}")

    return router
