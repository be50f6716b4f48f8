"""Vælg læge - the `ChooseGp` command: plan the choice, then open its one case.

The steps are the GP choice's own (`sandbox.service.handlers.gp_choice`: `plan_choice` decides
everything before anything changes, `open_case` creates the case and registers it or lets it
wait), shared with the move, the custody change, the daily work and the practice split.
"""

from __future__ import annotations

from sandbox.domain.model import Case
from sandbox.service.commands import ChooseGp
from sandbox.service.handlers.gp_choice import open_case, plan_choice
from sandbox.service.unit_of_work import UnitOfWork


def choose_gp(command: ChooseGp, uow: UnitOfWork) -> Case:
    """One GP-choice case for the main person and any involved persons, or an explained refusal."""
    return open_case(uow, plan_choice(uow, command))
