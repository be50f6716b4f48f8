"""The fakes mounted in the sandbox app: each fake's router over its namespace's backend.

The fakes know nothing of namespaces or the system (they never import `sandbox`); these
providers hand each request the backend of its namespace, the namespace's simulated clock, and
for CPR the hook that lets the system read the feed right after a life event, and whether the
caller presented the system credential (``X-System-Credential``, from
``POST /_control/credentials/system``) that shows protected persons' name and address.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Request

from fakes.borger_dk import api as borger_dk_api
from fakes.cpr import api as cpr_api
from fakes.cpr.protection import SYSTEM_CREDENTIAL_HEADER
from fakes.luna import api as luna_api
from sandbox.api import jobs
from sandbox.api.deps import World
from sandbox.api.negotiation import wants_html
from sandbox.api.security import ServerKeys

SELF_SERVICE_URL = "/sygesikring/self-service/municipalities/{code}/gp-choice"
CONSOLE_URL = "/console/selvbetjening?kommuneid={code}"


SystemCredential = Annotated[
    str | None,
    Header(
        alias=SYSTEM_CREDENTIAL_HEADER,
        max_length=200,
        description="An authorised system's credential (POST /_control/credentials/system): "
        "without it, protected persons' name and address are masked.",
    ),
]


def is_system(request: Request, credential: str | None) -> bool:
    keys = request.app.state.keys
    assert isinstance(keys, ServerKeys)
    return keys.is_system(credential)


async def cpr_context(
    world: World, request: Request, credential: SystemCredential = None
) -> cpr_api.CprContext:
    return cpr_api.CprContext(
        world.cpr,
        world.clock.today,
        lambda: jobs.after_cpr_change(world),
        sees_protected=is_system(request, credential),
    )


async def luna_context(world: World) -> luna_api.LunaContext:
    return luna_api.LunaContext(world.luna, world.clock.now)


def _url(code: str) -> str:
    return SELF_SERVICE_URL.format(code=code)


async def borger_dk_context_with_url(world: World) -> borger_dk_api.BorgerDkContext:
    return borger_dk_api.BorgerDkContext(world.borger_dk, _url)


def _console_url(code: str) -> str:
    return CONSOLE_URL.format(code=code)


async def browser_or_api_context(world: World, request: Request) -> borger_dk_api.BorgerDkContext:
    """The demo URL leads a browser (``Accept: text/html``) to the console's self-service page
    and an API client to the API's self-service entry, as documented."""
    if wants_html(request.headers.get("accept")):
        return borger_dk_api.BorgerDkContext(world.borger_dk, _console_url)
    return borger_dk_api.BorgerDkContext(world.borger_dk, _url)


def build_routers(responses: dict[int | str, dict[str, Any]]) -> list[APIRouter]:
    """The three fakes' routers, and the demo entry point ``/laegevalg?kommuneid=``."""
    demo_entry = APIRouter(tags=[borger_dk_api.TAG], responses=responses)
    demo_entry.add_api_route(
        "/laegevalg",
        borger_dk_api.entry_point(browser_or_api_context),
        methods=["GET"],
        status_code=303,
        summary="The release notes' demo URL: /laegevalg?kommuneid=0751",
    )
    return [
        cpr_api.build_router(cpr_context, responses),
        luna_api.build_router(luna_context, responses),
        borger_dk_api.build_router(borger_dk_context_with_url, responses),
        demo_entry,
    ]
