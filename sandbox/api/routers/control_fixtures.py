"""The control plane's test data, ``/_control/fixtures``: a practice and a citizen
Sygesikring already knows (mirrored into the fake CPR), so a served sandbox can be given the
exact world a test or a feature needs (`sandbox.api.fixtures`)."""

from __future__ import annotations

from fastapi import APIRouter, status

from sandbox.api import fixtures
from sandbox.api.deps import World
from sandbox.api.fixtures import (
    CitizenFixtureIn,
    CitizenFixtureOut,
    PracticeFixtureIn,
    PracticeFixtureOut,
    RelationsIn,
)
from sandbox.api.routers.common import CprPath


def add_routes(router: APIRouter) -> None:
    """Add the fixture routes to the control plane's router."""

    @router.post("/fixtures/practices", status_code=status.HTTP_201_CREATED)
    def add_practice(world: World, body: PracticeFixtureIn) -> PracticeFixtureOut:
        """A practice at an address (or a point in a municipality), open or closed to new
        patients from ``since``."""
        return fixtures.add_practice(world, body)

    @router.post("/fixtures/citizens", status_code=status.HTTP_201_CREATED)
    def add_citizen(world: World, body: CitizenFixtureIn) -> CitizenFixtureOut:
        """A citizen Sygesikring already knows, with a group and a doctor since a date,
        relations and protection; CPR gets the same person, so life events apply to them."""
        return fixtures.add_citizen(world, body)

    @router.patch("/fixtures/citizens/{cpr}")
    def change_citizen(world: World, cpr: CprPath, body: RelationsIn) -> CitizenFixtureOut:
        """Change a known citizen's test data: birth date, relations, protection, a group or
        a doctor from a date. No case, letter or CPR event comes of it."""
        return fixtures.change_citizen(world, cpr, body)
